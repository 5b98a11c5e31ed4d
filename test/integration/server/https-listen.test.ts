import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../../fixtures/test-pki';
import { BACKEND_MAIN, buildCompiledBackend, cleanBackendEnv, startListeningBackend } from './backend-process';
import { DEMO_USERS_FILE } from './harness';

let tmp: string;
let pki: TestPki;

beforeAll(() => {
  buildCompiledBackend();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-https-'));
  pki = makeTestPki(['localhost']);
}, 120_000);
afterAll(() => {
  for (const d of [tmp, pki?.dir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

function env(vars: Record<string, string>): NodeJS.ProcessEnv {
  return cleanBackendEnv({ DATABASE_URL: `sqlite:${path.join(tmp, 'db.sqlite')}`, ...vars });
}

function runToExit(vars: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BACKEND_MAIN], { cwd: tmp, env: env(vars) });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** GET over TLS trusting only `ca`: what a client with the organisation's CA installed sees. */
function getWithCa(url: string, ca: Buffer | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('backend with TLS_CERT and TLS_KEY', () => {
  it('serves HTTPS with that certificate, logs an https:// URL, and plain HTTP gets no answer', async () => {
    const { child, url, exited } = await startListeningBackend(tmp, env({ PORT: '0', SANDBOX_SEED: DEMO_USERS_FILE, TLS_CERT: pki.serverCert, TLS_KEY: pki.serverKey }));
    expect(url).toMatch(/^https:\/\//);
    const port = new URL(url).port;
    try {
      const ok = await getWithCa(`https://localhost:${port}/health`, fs.readFileSync(pki.caCert));
      expect(ok).toEqual({ status: 200, body: '{"status":"ok"}' });
      // Without the CA the client refuses the certificate: it is really the test CA's.
      await expect(getWithCa(`https://localhost:${port}/health`, undefined)).rejects.toThrow(/unable to verify the first certificate|self[- ]signed|local issuer/i);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('TLS_CERT without TLS_KEY, or an unreadable file, is a clear configuration error', async () => {
    const half = await runToExit({ TLS_CERT: pki.serverCert });
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/TLS_KEY: must be set together with TLS_CERT/);
    const missing = await runToExit({ TLS_CERT: pki.serverCert, TLS_KEY: path.join(tmp, 'nope.key') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/TLS_KEY=".*nope\.key": cannot read the file \(ENOENT\)/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
