import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src-main/api/api-client';
import { BackendConnection } from '../../../src-main/api/backend-connection';
import { MemoryStore } from '../../../src-main/session/memory-store';
import { SessionManager } from '../../../src-main/session/session-manager';
import { DeviceTokenSchema } from '../../../src-shared/contract';
import { DEMO_PASSWORD, serverForFile } from '../server/harness';
import { usersWith } from '../server/general-user-helpers';

/**
 * Issue #30: the desktop app keeps the trusted-device token the backend answers at login in its own keychain
 * service beside the sessions, sends it (X-Ecuapass-Device-Token) with the next login of that user, and replaces it
 * with the fresh one. With it, a login gets in while the account is locked for untrusted clients; the renderer never
 * sees it. SessionManager against the real backend, in-process.
 */

const server = serverForFile({ users: usersWith('confianza1', 'confianza2') });

function appWith(deviceTokens: MemoryStore | undefined) {
  const store = new MemoryStore();
  let lastUser: string | undefined;
  const connection = new BackendConnection(undefined, server.baseUrl, (url) => new ApiClient({ baseUrl: url, timeoutMs: 5_000 }));
  const sessions = new SessionManager({ store, deviceTokens, connection, lastUser: { get: () => lastUser, set: (u) => (lastUser = u) } });
  return { store, sessions };
}

async function lockForUntrusted(userId: string) {
  for (let i = 0; i < 5; i++) await server.postSession({ userId, password: `Incorrecta#${i}` });
  expect((await server.postSession({ userId, password: DEMO_PASSWORD })).status).toBe(423);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('the trusted-device token in the app', () => {
  it('is kept under the ID.usuario as the backend binds it (trimmed), never returned, replaced at each login, and lets the device in while the account is locked', async () => {
    const devices = new MemoryStore();
    const app = appWith(devices);
    const first = await app.sessions.login({ userId: ' confianza1 ', password: DEMO_PASSWORD });
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expect(await devices.accounts()).toEqual(['confianza1']);
    const token = (await devices.get('confianza1')) as string;
    expect(DeviceTokenSchema.safeParse(token).success).toBe(true);
    expect(JSON.stringify(first)).not.toContain(token);
    // The sessions' store lists users, not device tokens.
    expect(await app.store.accounts()).toEqual(['confianza1']);
    const rows = (await server.dump()).device_tokens as { token_hash: string }[];
    expect(rows.map((r) => r.token_hash)).toContain(sha256(token));

    await lockForUntrusted('confianza1');
    const again = await app.sessions.login({ userId: 'confianza1', password: DEMO_PASSWORD });
    expect(again.ok).toBe(true);
    const next = (await devices.get('confianza1')) as string;
    expect(next).not.toBe(token);
    // The replaced token is gone from the backend: only the new one vouches.
    const after = ((await server.dump()).device_tokens as { token_hash: string }[]).map((r) => r.token_hash);
    expect(after).toContain(sha256(next));
    expect(after).not.toContain(sha256(token));
  });

  it('an app without the token (another workstation) is locked out like any untrusted client', async () => {
    const trusted = appWith(new MemoryStore());
    expect((await trusted.sessions.login({ userId: 'confianza2', password: DEMO_PASSWORD })).ok).toBe(true);
    await lockForUntrusted('confianza2');
    const other = await appWith(new MemoryStore()).sessions.login({ userId: 'confianza2', password: DEMO_PASSWORD });
    expect(other.ok ? 'ok' : other.error.code).toBe('ACCOUNT_LOCKED');
    expect((await trusted.sessions.login({ userId: 'confianza2', password: DEMO_PASSWORD })).ok).toBe(true);
  });
});
