import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeychainStore, openSecureStore, type KeytarApi } from '../../../src-main/session/keychain-store';
import { MemoryStore } from '../../../src-main/session/memory-store';

const run = promisify(execFile);
const keytar = require('@github/keytar') as KeytarApi;
const service = `Ecuapass Desktop test ${process.pid}`;

// These tests run inside scripts/with-keyring.sh: a private D-Bus session with gnome-keyring.
describe('the session token in the real OS keychain (gnome-keyring over D-Bus)', () => {
  it('runs against a live Secret Service', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS, 'start the tests with scripts/with-keyring.sh').toBeTruthy();
  });

  it('opens the keychain, not the memory fallback, when a Secret Service answers', async () => {
    const opened = await openSecureStore(() => keytar, service);
    expect(opened.store.kind).toBe('keychain');
    expect(opened.fallbackReason).toBeUndefined();
  });

  it('stores, reads, lists and deletes one entry per ID.usuario', async () => {
    const store = new KeychainStore(keytar, service);
    await store.set('jperez', 'token-jperez');
    await store.set('mlopez', 'token-mlopez');
    expect(await store.get('jperez')).toBe('token-jperez');
    expect(await keytar.getPassword(service, 'mlopez')).toBe('token-mlopez');
    expect(await store.accounts()).toEqual(['jperez', 'mlopez']);

    await store.set('jperez', 'token-jperez-2');
    expect(await store.get('jperez')).toBe('token-jperez-2');

    expect(await store.delete('jperez')).toBe(true);
    expect(await store.get('jperez')).toBeNull();
    expect(await store.delete('jperez')).toBe(false);
    expect(await store.accounts()).toEqual(['mlopez']);
    await store.delete('mlopez');
  });

  it('keeps entries of another service apart', async () => {
    const ours = new KeychainStore(keytar, service);
    const other = new KeychainStore(keytar, `${service} other`);
    await ours.set('jperez', 'a');
    expect(await other.get('jperez')).toBeNull();
    await ours.delete('jperez');
  });

  it('falls back to memory, and says why, when no Secret Service runs', async () => {
    const { stdout } = await run('npx', ['tsx', 'test/fixtures/open-store-probe.ts', service], {
      env: {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ecuapass-no-bus',
        DISPLAY: '',
      },
      timeout: 20_000,
    });
    const result = JSON.parse(stdout) as { kind: string; fallbackReason: string | null };
    expect(result.kind).toBe('memory');
    expect(result.fallbackReason).toBeTruthy();
  });
});

describe('the in-memory store', () => {
  it('behaves like the keychain and forgets everything with the process', async () => {
    const store = new MemoryStore();
    expect(store.kind).toBe('memory');
    await store.set('jperez', 't1');
    expect(await store.get('jperez')).toBe('t1');
    expect(await store.accounts()).toEqual(['jperez']);
    expect(await store.delete('jperez')).toBe(true);
    expect(await store.get('jperez')).toBeNull();
  });
});
