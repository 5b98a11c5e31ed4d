// 3. Renderer weight: gzip (node:zlib, level 9) bytes of every JS and CSS file the renderer loads
// (out/renderer/assets/*.js|css). Baseline column: the 150 KB target (kB = 1000 bytes).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { RENDERER_ASSETS } from './lib/paths.mjs';

export const TARGET_KB = 150;

export async function run() {
  const files = readdirSync(RENDERER_ASSETS).filter((f) => /\.(js|css)$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no JS/CSS in ${RENDERER_ASSETS} (run npm run build)`);
  const perFile = files.map((f) => {
    const raw = readFileSync(path.join(RENDERER_ASSETS, f));
    return { file: f, rawBytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length };
  });
  const gzipBytes = perFile.reduce((s, f) => s + f.gzipBytes, 0);
  const rawBytes = perFile.reduce((s, f) => s + f.rawBytes, 0);
  const kb = gzipBytes / 1000;
  const met = kb <= TARGET_KB;
  const biggest = [...perFile].sort((a, b) => b.gzipBytes - a.gzipBytes)[0];
  return [
    {
      id: '3',
      name: 'Renderer JS+CSS, gzip -9',
      ours: kb,
      baseline: TARGET_KB,
      ratio: kb / TARGET_KB,
      unit: 'kB',
      target: `≤ ${TARGET_KB} kB`,
      met,
      gzipBytes,
      rawBytes,
      files: perFile,
      note: met
        ? undefined
        : `${kb.toFixed(1)} kB gzip > ${TARGET_KB} kB; the largest file is ${biggest.file} (${(biggest.gzipBytes / 1000).toFixed(1)} kB). ` +
          'It would take splitting rarely used code (catalog data, country names, dialogs) into lazy chunks or dropping heavy dependencies.',
    },
  ];
}
