/* eslint-disable @typescript-eslint/no-explicit-any -- parsed YAML / XML documents, checked field by field */
// Everything a release needs, checked here without Windows or macOS (issue 29): electron-builder's own schema
// validation of electron-builder.yml, every target and signing / notarization setting, and the release workflow that
// feeds them. What only the runners can check is listed in docs/ci.md.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled?: boolean) => unknown };

type Target = { target: string; arch: string[] };
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;
const release = load(readFileSync('.github/workflows/release.yml', 'utf8')) as Record<string, any>;
const ci = load(readFileSync('.github/workflows/ci.yml', 'utf8')) as Record<string, any>;
const packageScript = readFileSync('scripts/release-package.sh', 'utf8');
const targets = (os: string) => Object.fromEntries((config[os].target as Target[]).map((t) => [t.target, t.arch]));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration validation (the schema of the installed electron-builder)", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    // The first call loads and compiles electron-builder's JSON schema: seconds on a busy machine.
  }, 60_000);

  it('the validation does refuse a misspelt option (so the test above can fail)', async () => {
    const wrong = structuredClone(config);
    wrong.win.signtoolOption = wrong.win.signtoolOptions;
    await expect(validateConfiguration(wrong, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.win/);
  }, 60_000);

  it('Windows: NSIS (per user by default, per machine on request) and MSI (per machine), x64', () => {
    expect(targets('win')).toEqual({ nsis: ['x64'], msi: ['x64'] });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.msi).toMatchObject({ perMachine: true, upgradeCode: 'c1f21718-604b-4af1-808f-e3a724eef939' });
  });

  it('Windows signing: signtool SHA-256 with an RFC 3161 timestamp; no publisher name that an unsigned build could not match', () => {
    expect(config.win.signtoolOptions.signingHashAlgorithms).toEqual(['sha256']);
    expect(config.win.signtoolOptions.rfc3161TimeStampServer).toMatch(/^https?:\/\//);
    expect(config.win.signtoolOptions.publisherName).toBeUndefined();
  });

  it('macOS: dmg and zip (the updater installs from the zip) for Intel and Apple silicon; hardened runtime, entitlements, notarization', () => {
    expect(targets('mac')).toEqual({ dmg: ['x64', 'arm64'], zip: ['x64', 'arm64'] });
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'assets/entitlements.mac.plist', entitlementsInherit: 'assets/entitlements.mac.plist' });
    expect(existsSync(config.mac.entitlements)).toBe(true);
    expect(readFileSync(config.mac.entitlements, 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });

  it('Linux: AppImage, deb and rpm (and the folder build the tests use), x64', () => {
    expect(targets('linux')).toEqual({ AppImage: ['x64'], deb: ['x64'], rpm: ['x64'], dir: ['x64'] });
    expect(config.rpm.depends).toContain('libsecret');
    expect(config.deb.depends).toContain('libsecret-1-0');
  });

  it('the update feed: a generic provider, so latest.yml / latest-mac.yml / latest-linux.yml are written', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: expect.stringMatching(/^https:\/\//) }]);
  });

  it('the three file lists differ only in the native prebuild of their OS, and only Windows / macOS ship the policy reader', () => {
    const strip = (os: string, platform: string) => (config[os].files as string[]).map((f) => f.replace(`${platform}-\${arch}`, '<os>-${arch}'));
    const win = strip('win', 'win32');
    expect(strip('mac', 'darwin')).toEqual(win);
    const policyLines = win.filter((f) => f.includes('@vscode') || f.includes('bindings') || f.includes('file-uri-to-path'));
    expect(policyLines.length).toBeGreaterThan(3);
    // Linux: the same list without the policy reader, node_modules reduced to @github (keytar) alone.
    const linuxExpected = win
      .filter((f) => !policyLines.includes(f) || f.startsWith('!node_modules/!('))
      .map((f) => (f.startsWith('!node_modules/!(') ? '!node_modules/!(@github){,/**/*}' : f));
    expect(strip('linux', 'linux')).toEqual(linuxExpected);
    expect(win).toContain('!node_modules/@vscode/policy-watcher/build/Release/!(vscode-policy-watcher.node)');
  });
});

describe('.github/workflows/release.yml', () => {
  const jobs = release.jobs as Record<string, any>;
  const matrix = jobs.package.strategy.matrix.include as { os: string; platform: string }[];
  const stepEnv = Object.assign({}, ...(jobs.package.steps as { env?: Record<string, string> }[]).map((s) => s.env ?? {}));

  it('runs on a version tag, builds on a Windows, a macOS and a Linux runner', () => {
    expect(release.on.push.tags).toEqual(['v*.*.*']);
    expect(matrix).toEqual([
      { os: 'windows-latest', platform: 'win' },
      { os: 'macos-latest', platform: 'mac' },
      { os: 'ubuntu-latest', platform: 'linux' },
    ]);
  });

  it('hands every signing and notarization secret to the packaging script, which uses each one', () => {
    const secrets = ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'WIN_PUBLISHER_NAME', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_SIGN_ENDPOINT', 'AZURE_SIGN_ACCOUNT', 'AZURE_SIGN_PROFILE', 'CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_API_KEY_P8', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'];
    for (const name of secrets) {
      expect(stepEnv[name], name).toMatch(/secrets\./);
      // CSC_* and WIN_CSC_*, AZURE_TENANT_ID/CLIENT_ID are read by electron-builder / Azure's signing tool itself.
      if (!['CSC_KEY_PASSWORD', 'WIN_CSC_KEY_PASSWORD', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID'].includes(name)) expect(packageScript, name).toContain(name);
    }
    expect(packageScript).toContain('azureSignOptions.endpoint');
    expect(packageScript).toContain('signtoolOptions.publisherName');
    expect(packageScript).toContain('APPLE_API_KEY=');
  });

  it('a release without the secrets is built anyway, unsigned, with a visible warning and a line in the notes', () => {
    expect(packageScript).toContain('::warning title=Unsigned release::');
    expect(packageScript).toMatch(/CSC_IDENTITY_AUTO_DISCOVERY=false/);
    expect(packageScript).toContain('-c.mac.notarize=false');
    expect(jobs.publish.steps.at(-1).run).toContain('release-notes-');
  });

  it('uploads every installer, the updater feeds and the SBOM; publishes SHA256SUMS beside them', () => {
    const upload = (jobs.package.steps as { uses?: string; with?: { path?: string } }[]).find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    for (const pattern of ['*.exe', '*.msi', '*.dmg', '*.zip', '*.AppImage', '*.deb', '*.rpm', 'latest*.yml', '*.blockmap', 'sbom.cdx.json']) {
      expect(upload?.with?.path, pattern).toContain(pattern);
    }
    const sums = (jobs.publish.steps as { run?: string }[]).map((s) => s.run ?? '').join('\n');
    for (const feed of ['latest.yml', 'latest-mac.yml', 'latest-linux.yml']) expect(sums).toContain(feed);
    expect(sums).toContain('sha256sum');
    expect(sums).toContain('SHA256SUMS');
    const sbom = (jobs.package.steps as { run?: string }[]).find((s) => s.run?.includes('cyclonedx-npm'));
    expect(sbom?.run).toContain('--omit dev');
  });
});

describe('the workflows follow the hardening rules (what zizmor checks, in brief)', () => {
  const allSteps = [ci, release].flatMap((wf) => Object.values(wf.jobs as Record<string, { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }>).flatMap((j) => j.steps));

  it('every action is pinned by a full commit SHA, and no checkout keeps the token', () => {
    for (const step of allSteps.filter((s) => s.uses)) {
      expect(step.uses, step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      if (step.uses!.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials']).toBe(false);
    }
  });

  it('permissions are minimal: read-only by default, write only where the release is published', () => {
    expect(ci.permissions).toEqual({ contents: 'read' });
    expect(release.permissions).toEqual({});
    expect(release.jobs.package.permissions).toEqual({ contents: 'read' });
    expect(release.jobs.publish.permissions).toEqual({ contents: 'write' });
  });

  it('no expression is expanded inside a shell script (template injection): values go through env', () => {
    for (const step of allSteps.filter((s) => s.run)) expect(step.run, step.run).not.toMatch(/\$\{\{/);
  });

  it('CI runs the matrix of the three OSes with lint, types, unit, integration (PostgreSQL on Linux) and the packaged E2E', () => {
    expect(ci.jobs.test.strategy.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    const runs = (ci.jobs.test.steps as { run?: string; if?: string }[]).map((s) => s.run ?? '').join('\n');
    for (const cmd of ['npm ci', 'npm run lint', 'npm run typecheck', 'npm run test:static', 'npm run test:unit', 'npm run test:integration', 'npm run test:integration:postgres', 'npm run test:e2e']) {
      expect(runs, cmd).toContain(cmd);
    }
  });
});
