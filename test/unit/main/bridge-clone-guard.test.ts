import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCloneGuard } from '../../../src-main/window/bridge-clone-guard';

/**
 * Issue #30: the page-side copy of window.ecuapass (bridge-clone-guard.ts) in plain Node: a stand-in window, the
 * preload's end of the port echoing what crossed. Hostile values answer INVALID_INPUT without being sent; plain data
 * crosses as an equal copy. (The same classes run against the real app in test/e2e/bridge-fuzz.spec.ts.)
 */

const INVALID = { ok: false, error: { code: 'INVALID_INPUT', message: 'Los datos enviados no son válidos.' } };
type Bridge = Record<string, (input?: unknown) => Promise<unknown>>;

let bridge: Bridge;
let sent = 0;
const saved = (globalThis as { window?: unknown }).window;

beforeAll(() => {
  const fakeWindow = {
    postMessage(_data: unknown, _origin: string, [port]: MessagePort[]) {
      // The preload's end: answers each call with the input it received.
      port!.onmessage = (event: MessageEvent) => {
        const call = event.data as { id: number; input: unknown };
        sent++;
        port!.postMessage({ kind: 'result', id: call.id, result: { ok: true, value: call.input } });
      };
    },
  };
  (globalThis as { window?: unknown }).window = fakeWindow;
  installCloneGuard(['login'], INVALID.error.message, 'ecuapass-bridge');
  bridge = (fakeWindow as unknown as { ecuapass: Bridge }).ecuapass;
});
afterAll(() => {
  (globalThis as { window?: unknown }).window = saved;
});

const nested = (levels: number) => {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 0; i < levels; i++) node = (node.next = {}) as Record<string, unknown>;
  return root;
};

const HOSTILE: [string, () => unknown][] = [
  ['a throwing getter', () => ({ get userId(): string { throw new Error('getter'); } })],
  ['a getter that does not throw (an accessor is not data)', () => ({ get userId() { return 'jperez'; } })],
  ['a Proxy whose traps throw', () => new Proxy({}, { ownKeys() { throw new Error('trap'); } })],
  ['a revoked Proxy', () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; }],
  ['a Proxy with 100,000 keys (ten times the limit)', () => new Proxy({}, { ownKeys: () => Array.from({ length: 100_000 }, (_, i) => `k${i}`) })],
  ['an array Proxy 4 billion long', () => new Proxy([], { getOwnPropertyDescriptor: (t, k) => (k === 'length' ? { value: 2 ** 32 - 1, writable: true, enumerable: false, configurable: false } : Reflect.getOwnPropertyDescriptor(t, k)) })],
  ['a function', () => ({ userId: () => 'x' })],
  ['a Symbol value', () => ({ userId: Symbol('x') })],
  ['a Symbol key', () => ({ [Symbol('k')]: 'v' })],
  ['5,000 levels', () => nested(5_000)],
  ['a 100 MB string', () => ({ password: 'x'.repeat(100 * 1024 * 1024) })],
  ['600 Ki characters over many strings', () => Array.from({ length: 600 }, () => 'z'.repeat(1024))],
  ['a sparse array 4 billion long', () => { const a: unknown[] = []; a.length = 2 ** 32 - 1; return a; }],
  ['an array with a hole', () => { const a: unknown[] = [1]; a[2] = 3; return a; }],
  ['10,001 values', () => new Array(10_001).fill(0)],
  ['a cycle', () => { const o: Record<string, unknown> = {}; o.self = o; return o; }],
  ['a BigInt', () => ({ userId: 10n })],
  ['a Uint8Array', () => new Uint8Array(4)],
  ['a Date', () => ({ at: new Date() })],
  ['an Error', () => new Error('boom')],
  ['NaN', () => ({ n: NaN })],
];

describe('the bridge copy in the page', () => {
  for (const [what, make] of HOSTILE) {
    it(`${what}: INVALID_INPUT, nothing sent`, async () => {
      const before = sent;
      await expect(bridge.login!(make())).resolves.toEqual(INVALID);
      expect(sent).toBe(before);
    });
  }

  it('plain data crosses as an equal copy; non-enumerable properties stay behind; the budget is per call', async () => {
    const input = { userId: 'jperez', password: 'Aduana#2026', list: [1, 'a', null, { deep: true }], empty: {} };
    Object.defineProperty(input, 'hidden', { value: 'x', enumerable: false });
    await expect(bridge.login!(input)).resolves.toEqual({ ok: true, value: { userId: 'jperez', password: 'Aduana#2026', list: [1, 'a', null, { deep: true }], empty: {} } });
    // Just under the limits, twice in a row: each call starts its own count.
    const big = Array.from({ length: 500 }, () => 'y'.repeat(1000));
    for (let i = 0; i < 2; i++) expect(((await bridge.login!(big)) as { ok: boolean }).ok).toBe(true);
    await expect(bridge.login!(undefined)).resolves.toEqual({ ok: true, value: undefined });
  });
});
