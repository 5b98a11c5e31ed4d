import { expect, test, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { ERROR_MESSAGES } from '../../src-shared/contract/error-messages';
import { attach } from '../installed/support/installed-app';
import { freePort } from './support/backend';
import { launchApp, newUserDataDir } from './support/desktop-app';
import { useBackendAndApp } from './support/suite';

/**
 * Issue #30: a fuzz of the page's bridge (window.ecuapass) with hostile values, one test per class. Every call
 * settles as the contract's refused value (INVALID_INPUT, the Spanish message), never a throw and never a page or
 * app that goes away ("Target page, context or browser has been closed"); after each class the page and the main
 * process are alive and a normal call still works. Runs on the dev build, or on the packaged app
 * (ECUAPASS_E2E_PACKAGED=dist/linux-unpacked/ecuapass-desktop): its inspector fuse is off, so that one is driven
 * over Chromium's DevTools port as the installed-app tests do.
 */

test.describe.configure({ mode: 'default' });

const ctx = useBackendAndApp();

/** The methods each value is sent to: with an input of each kind (object, string, none). */
const METHODS = ['login', 'saveDraft', 'updateSettings', 'testConnection', 'checkEmailAvailability', 'getAppInfo'] as const;

/**
 * Each class names its values by the source of a function that builds them in the page (so nothing hostile is
 * built in, or cloned through, the test process).
 */
const CLASSES: Record<string, string> = {
  'throwing getters': `[
    ['a getter that throws', () => ({ get userId() { throw new Error('getter'); }, password: 'x' })],
    ['a nested getter that throws', () => ({ userId: 'jperez', password: 'x', extra: { get deep() { throw new Error('deep'); } } })],
    ['a getter that throws a non-Error', () => ({ get userId() { throw Symbol('thrown'); } })],
    ['a getter on an array index', () => { const a = ['x']; Object.defineProperty(a, 0, { get() { throw new Error('index'); }, enumerable: true }); return a; }],
    ['a getter that throws a throwing toString', () => ({ get userId() { throw { toString() { throw new Error('again'); } }; } })],
  ]`,
  Proxies: `[
    ['every trap throws', () => new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); }, getOwnPropertyDescriptor() { throw new Error('trap'); } })],
    ['a revoked Proxy', () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; }],
    ['a Proxy inside plain data', () => ({ userId: new Proxy({}, { get() { throw new Error('trap'); } }), password: 'x' })],
    ['a plain-looking Proxy with 100,000 keys (V8 takes seconds to list a million)', () => new Proxy({}, { ownKeys: () => Array.from({ length: 100_000 }, (_, i) => 'k' + i), getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }), get: () => 1 })],
    ['an array Proxy 4 billion long', () => new Proxy([], { get: (t, k) => (k === 'length' ? 2 ** 32 - 1 : 'x') })],
    ['a Proxy whose get returns a new Proxy for ever', () => { const h = { get: () => new Proxy({}, h), ownKeys: () => ['a'], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }) }; return new Proxy({}, h); }],
  ]`,
  functions: `[
    ['a bare function', () => () => 'x'],
    ['a function field', () => ({ userId: 'jperez', password: () => 'x' })],
    ['a class', () => ({ userId: class {} })],
    ['an async function', () => [async () => 1]],
    ['a bound native function', () => ({ f: Math.max.bind(null) })],
  ]`,
  symbols: `[
    ['a bare Symbol', () => Symbol('x')],
    ['a Symbol value', () => ({ userId: Symbol('x'), password: 'x' })],
    ['a registered Symbol in an array', () => [Symbol.for('x')]],
    ['only symbol keys, nothing else', () => ({ [Symbol('k')]: 'v', [Symbol.iterator]: () => null })],
  ]`,
  'deep nesting': `[
    ['5,000 levels of objects', () => { const r = {}; let n = r; for (let i = 0; i < 5000; i++) n = n.next = {}; return r; }],
    ['5,000 levels of arrays', () => { const r = []; let n = r; for (let i = 0; i < 5000; i++) { const c = []; n.push(c); n = c; } return r; }],
    ['200,000 levels of objects', () => { const r = {}; let n = r; for (let i = 0; i < 200000; i++) n = n.next = {}; return r; }],
  ]`,
  'huge values': `[
    ['a 100 MB string', () => ({ userId: 'jperez', password: 'x'.repeat(100 * 1024 * 1024) })],
    ['a bare 100 MB string', () => 'y'.repeat(100 * 1024 * 1024)],
    ['a 100 MB key', () => ({ ['k'.repeat(100 * 1024 * 1024)]: 1 })],
    ['200 strings of 1 MB', () => Array.from({ length: 200 }, (_, i) => String(i).padEnd(1024 * 1024, 'z'))],
    ['a sparse array 4 billion long', () => { const a = []; a.length = 2 ** 32 - 1; return a; }],
    ['an array of 10 million numbers', () => new Array(10_000_000).fill(1)],
    ['an object of a million keys', () => { const o = {}; for (let i = 0; i < 1_000_000; i++) o['k' + i] = i; return o; }],
  ]`,
  'cyclic objects': `[
    ['an object that holds itself', () => { const o = { userId: 'jperez', password: 'x' }; o.self = o; return o; }],
    ['an array that holds itself', () => { const a = ['x']; a.push(a); return a; }],
    ['a cycle of two', () => { const a = {}; const b = { a }; a.b = b; return { userId: a }; }],
  ]`,
  BigInt: `[
    ['a bare BigInt', () => 10n],
    ['a BigInt field', () => ({ userId: 10n, password: 'x' })],
    ['a huge BigInt', () => [2n ** 100000n]],
  ]`,
  'typed arrays and buffers': `[
    ['a Uint8Array', () => ({ userId: new Uint8Array([1, 2, 3]), password: 'x' })],
    ['a 64 MB Float64Array', () => new Float64Array(8 * 1024 * 1024)],
    ['an ArrayBuffer', () => ({ buf: new ArrayBuffer(16) })],
    ['a DataView', () => [new DataView(new ArrayBuffer(8))]],
  ]`,
  'Dates, Errors and other built-ins': `[
    ['a Date', () => ({ userId: new Date(), password: 'x' })],
    ['an invalid Date', () => new Date(NaN)],
    ['an Error', () => new Error('boom')],
    ['an Error field', () => ({ userId: 'jperez', password: new TypeError('x') })],
    ['a RegExp, a Map and a Set', () => ({ r: /x/g, m: new Map([[1, 2]]), s: new Set([1]) })],
    ['a Promise', () => ({ p: Promise.resolve(1) })],
    ['a DOM node', () => ({ node: document.body })],
    ['window itself', () => window],
    ['a WeakMap', () => [new WeakMap()]],
    ['NaN and Infinity', () => ({ userId: NaN, password: Infinity })],
    ['an object with a null prototype and a toJSON that throws', () => Object.assign(Object.create(null), { toJSON() { throw new Error('toJSON'); } })],
  ]`,
};

const REFUSED = `INVALID_INPUT: ${ERROR_MESSAGES.INVALID_INPUT}`;

interface Fuzzed {
  page: Page;
  /** The app's main process is still running. */
  alive(): boolean;
  close(): Promise<void>;
}

async function launchForFuzz(apiUrl: string): Promise<Fuzzed> {
  const packaged = process.env.ECUAPASS_E2E_PACKAGED;
  const userDataDir = newUserDataDir();
  if (!packaged) {
    const running = await launchApp({ apiUrl, userDataDir });
    const proc = running.app.process();
    return { page: running.window, alive: () => proc.exitCode === null && proc.signalCode === null, close: () => running.close() };
  }
  const port = await freePort();
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const child = spawn(packaged, [`--user-data-dir=${userDataDir}`, ...rootOnly, `--remote-debugging-port=${port}`], {
    env: { ...process.env, ECUAPASS_API_URL: apiUrl },
    stdio: 'ignore',
  });
  const app = await attach(port, child);
  return { page: app.page, alive: () => child.exitCode === null && child.signalCode === null, close: () => app.close() };
}

/** In the page: sends every value of a class to every method; answers what each call settled as. */
async function runClass(values: [string, () => unknown][], methods: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const bridge = window.ecuapass as unknown as Record<string, (input: unknown) => Promise<unknown>>;
  for (const [what, make] of values) {
    for (const method of methods) {
      let value: unknown;
      try {
        value = make();
      } catch (err) {
        out[`${what} → ${method}`] = `could not build: ${String(err)}`;
        continue;
      }
      try {
        const res = (await bridge[method]!(value)) as { ok: boolean; error?: { code: string; message: string } };
        out[`${what} → ${method}`] = res.ok ? 'ok' : `${res.error?.code}: ${res.error?.message}`;
      } catch (err) {
        out[`${what} → ${method}`] = `threw ${String(err)}`;
      }
    }
  }
  return out;
}

/** The class's builders go in as source (an evaluated expression, which the page's CSP does not govern). */
function sendClass(page: Page, source: string): Promise<Record<string, string>> {
  return page.evaluate(`(${runClass.toString()})(${source}, ${JSON.stringify(METHODS)})`) as Promise<Record<string, string>>;
}

for (const [index, [name, source]] of Object.entries(CLASSES).entries()) {
  test(`hostile values, ${name}: every call settles as INVALID_INPUT; the page and the app stay, a normal call works`, async () => {
    test.setTimeout(180_000);
    const app = await launchForFuzz(ctx.backend.url);
    try {
      const page = app.page;
      await expect(page.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
      // A mark on the page: a page that crashed and was loaded again would not have it.
      await page.evaluate(() => ((window as { fuzzMarker?: number }).fuzzMarker = 30));
      const outcomes = await sendClass(page, source);
      const keys = Object.keys(outcomes);
      expect(keys.length).toBeGreaterThan(0);
      expect(outcomes).toEqual(Object.fromEntries(keys.map((k) => [k, REFUSED])));
      // The same page (not reloaded by a crash recovery), the main process running, plain data still crossing.
      expect(page.isClosed()).toBe(false);
      expect(app.alive()).toBe(true);
      // A wrong login reaches the backend and comes back (an ID of its own per class: no lockout builds up).
      const normal = await page.evaluate(async (userId) => {
        const info = (await window.ecuapass.getAppInfo()) as { ok: boolean };
        const wrong = (await window.ecuapass.login({ userId, password: 'Incorrecta#1' })) as { ok: boolean; error?: { code: string } };
        return { info: info.ok, login: wrong.ok ? 'ok' : wrong.error?.code, marker: (window as { fuzzMarker?: number }).fuzzMarker };
      }, `fuzz${index}`);
      expect(normal).toEqual({ info: true, login: 'INVALID_CREDENTIALS', marker: 30 });
      await expect(page.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
    } finally {
      await app.close();
    }
  });
}
