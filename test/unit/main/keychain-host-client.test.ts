import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { KeychainHostClient, type HelperProcess } from '../../../src-main/session/keychain-host/host-client';
import { HelperKeychainStore } from '../../../src-main/session/keychain-host/helper-keychain-store';
import type { KeychainRequest } from '../../../src-main/session/keychain-host/protocol';

type Behaviour = 'answer' | 'crash' | 'hang';

/** A helper process in memory: answers from a map, or crashes (exit 139), or never answers. */
function fakeHelpers(plan: Behaviour[], entries = new Map<string, string>()) {
  const spawned: Array<{ pid: number; killed: boolean }> = [];
  const spawn = (): HelperProcess => {
    const behaviour = plan[spawned.length] ?? 'answer';
    const me = { pid: 1000 + spawned.length, killed: false };
    spawned.push(me);
    const events = new EventEmitter();
    return {
      pid: me.pid,
      on: (event: string, listener: (...args: unknown[]) => void) => void events.on(event, listener),
      kill: () => {
        me.killed = true;
        setImmediate(() => events.emit('exit', 15));
        return true;
      },
      postMessage: (req: KeychainRequest) => {
        if (behaviour === 'hang') return;
        if (behaviour === 'crash') return void setImmediate(() => events.emit('exit', 139));
        let value: unknown = null;
        if (req.op === 'get') value = entries.get(req.account) ?? null;
        if (req.op === 'set') entries.set(req.account, req.secret);
        if (req.op === 'delete') value = entries.delete(req.account);
        if (req.op === 'accounts') value = [...entries.keys()].sort();
        setImmediate(() => events.emit('message', { id: req.id, ok: true, value }));
      },
    } as HelperProcess;
  };
  return { spawn, spawned, entries };
}

describe('the keychain helper client', () => {
  it('answers each call from the helper, one helper for many calls', async () => {
    const h = fakeHelpers(['answer']);
    const client = new KeychainHostClient(h.spawn, { timeoutMs: 1000 });
    await client.call({ op: 'set', service: 's', account: 'jperez', secret: 't1' });
    expect(await client.call({ op: 'get', service: 's', account: 'jperez' })).toBe('t1');
    expect(await client.call({ op: 'accounts', service: 's' })).toEqual(['jperez']);
    expect(h.spawned).toHaveLength(1);
  });

  it('a crashed helper is restarted once and the call tried again on it', async () => {
    const h = fakeHelpers(['crash', 'answer']);
    h.entries.set('jperez', 't1');
    const client = new KeychainHostClient(h.spawn, { timeoutMs: 1000 });
    expect(await client.call({ op: 'get', service: 's', account: 'jperez' })).toBe('t1');
    expect(h.spawned).toHaveLength(2);
  });

  it('a hung helper is killed after the time limit and replaced', async () => {
    const h = fakeHelpers(['hang', 'answer']);
    const client = new KeychainHostClient(h.spawn, { timeoutMs: 100 });
    expect(await client.call({ op: 'accounts', service: 's' })).toEqual([]);
    expect(h.spawned[0]!.killed).toBe(true);
  });

  it('crashing again after the restart fails the call, and later calls fail fast until reset', async () => {
    const h = fakeHelpers(['crash', 'crash', 'answer']);
    const client = new KeychainHostClient(h.spawn, { timeoutMs: 1000 });
    await expect(client.call({ op: 'accounts', service: 's' })).rejects.toThrow(/139/);
    await expect(client.call({ op: 'accounts', service: 's' })).rejects.toThrow(/given up/);
    expect(h.spawned).toHaveLength(2);
    client.reset();
    expect(await client.call({ op: 'accounts', service: 's' })).toEqual([]);
  });
});

describe('the keychain store over the helper', () => {
  it('falls back to memory when the helper keeps crashing (locked keyring), and Reintentar writes the session to the keychain', async () => {
    const h = fakeHelpers(['crash', 'crash', 'answer']);
    const reasons: string[] = [];
    const store = new HelperKeychainStore(new KeychainHostClient(h.spawn, { timeoutMs: 1000 }), 's', (r) => reasons.push(r));
    expect(await store.probe(1000)).toBe(false);
    expect(store.kind).toBe('memory');
    expect(reasons[0]).toMatch(/139/);
    await store.set('jperez', 'token-in-memory');
    expect(await store.get('jperez')).toBe('token-in-memory');
    expect(h.entries.size).toBe(0);

    expect(await store.retry()).toBe(true);
    expect(store.kind).toBe('keychain');
    expect(h.entries.get('jperez')).toBe('token-in-memory');
  });

  it('Reintentar that fails again stays in memory and keeps what memory held', async () => {
    const h = fakeHelpers(['crash', 'crash', 'crash', 'crash']);
    const store = new HelperKeychainStore(new KeychainHostClient(h.spawn, { timeoutMs: 1000 }), 's');
    await store.probe(1000);
    await store.set('jperez', 't');
    expect(await store.retry()).toBe(false);
    expect(store.kind).toBe('memory');
    expect(await store.get('jperez')).toBe('t');
  });
});

describe('the keychain helper when idle', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('is ended after idleMs without a call and started again by the next call, without using up a restart', async () => {
    const h = fakeHelpers(['answer', 'answer', 'answer', 'crash', 'answer']);
    const logged: string[] = [];
    const client = new KeychainHostClient(h.spawn, { timeoutMs: 1000, idleMs: 30, log: (m) => logged.push(m) });
    await client.call({ op: 'set', service: 's', account: 'jperez', secret: 't1' });
    expect(client.pid).toBe(1000);
    await sleep(80);
    expect(h.spawned[0]!.killed).toBe(true);
    expect(client.pid).toBeUndefined();
    // Back on demand, with what the keychain holds.
    expect(await client.call({ op: 'get', service: 's', account: 'jperez' })).toBe('t1');
    expect(client.pid).toBe(1001);
    await sleep(80);
    expect(await client.call({ op: 'accounts', service: 's' })).toEqual(['jperez']);
    expect(h.spawned).toHaveLength(3);
    // Idle exits were not crashes: the one restart is still there for a real crash.
    await sleep(80);
    expect(await client.call({ op: 'get', service: 's', account: 'jperez' })).toBe('t1');
    expect(h.spawned).toHaveLength(5);
    expect(logged.filter((m) => /^keychain helper exited/.test(m))).toEqual(['keychain helper exited with code 139']);
  });

  it('stays while calls keep coming, and is not ended with a call pending', async () => {
    const h = fakeHelpers(['answer']);
    const client = new KeychainHostClient(h.spawn, { timeoutMs: 1000, idleMs: 40 });
    for (let i = 0; i < 5; i++) {
      await client.call({ op: 'accounts', service: 's' });
      await sleep(15);
    }
    expect(h.spawned).toHaveLength(1);
    expect(h.spawned[0]!.killed).toBe(false);
  });

  it('is never ended without idleMs', async () => {
    const h = fakeHelpers(['answer']);
    const client = new KeychainHostClient(h.spawn, { timeoutMs: 1000 });
    await client.call({ op: 'accounts', service: 's' });
    await sleep(60);
    expect(h.spawned[0]!.killed).toBe(false);
    expect(client.pid).toBe(1000);
  });
});
