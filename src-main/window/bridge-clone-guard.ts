/**
 * Defines `window.ecuapass` in the page's main world. Its source is injected by the preload, so it
 * must stay self-contained (no imports, no helpers). Each method copies its argument as plain
 * JSON-like data (objects, arrays, strings, finite numbers, booleans, null: own enumerable data
 * properties only, read from their descriptors so no getter runs) and answers
 * `{ ok: false, error: INVALID_INPUT }` for anything else (an accessor, a throwing Proxy, a function,
 * a Symbol value or key, a BigInt, a typed array, a Date, an Error, a cycle, deep nesting, more than
 * MAX_VALUES values or MAX_CHARS characters), then hands the copy to the preload and resolves with
 * its answer. Nothing the page passes can make the bridge throw, hang or take the page down: the
 * size of an array or of a key list is checked before any of it is read.
 *
 * Calls and answers go over one MessageChannel whose other end is handed to the preload once, as
 * the page starts: a message on a port costs ~20 µs, one through `window.postMessage` ~70 µs and
 * is seen by every `message` listener of the window (issue #15: two of those per call were a
 * quarter of the bridge's overhead). No other script holds either end.
 */
export function installCloneGuard(methods: string[], invalidMessage: string, tag: string): void {
  // Far above any real payload (a registration is 3 levels deep).
  const MAX_DEPTH = 64;
  const invalid = () => Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: invalidMessage } });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const channel = new MessageChannel();
  const port = channel.port1;
  port.onmessage = (event: MessageEvent) => {
    const data = event.data as { kind?: unknown; id?: unknown; result?: unknown } | null;
    if (!data || data.kind !== 'result') return;
    const resolve = pending.get(data.id as number);
    if (!resolve) return;
    pending.delete(data.id as number);
    resolve(data.result);
  };
  // To this same window only (the preload checks the source, takes the first port and stops the
  // event there, before any page script's listener); '*' because a data: page's origin is opaque.
  window.postMessage({ tag, kind: 'connect' }, '*', [channel.port2]);
  // What one call may carry, counted as it is copied (issue #30: a 4-billion-long array or a million keys took the
  // page down before any of it was sent). A registration is ~40 values and ~2,000 characters; the largest payload
  // (a draft) is far below both.
  const MAX_VALUES = 10_000;
  const MAX_CHARS = 512 * 1024;
  let values = 0;
  let chars = 0;
  function take(count: number, length: number): void {
    values += count;
    chars += length;
    if (values > MAX_VALUES || chars > MAX_CHARS) throw new Error('too large');
  }
  // Own data properties only, read from their descriptors: no getter runs, so none can throw or change the answer.
  function own(value: object, key: string | number): unknown {
    const desc = Object.getOwnPropertyDescriptor(value, key);
    if (!desc || !('value' in desc)) throw new Error('not data');
    return desc.value;
  }
  function copy(value: unknown, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Error('too deep');
    take(1, 0);
    if (value === null || value === undefined || typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      take(0, value.length);
      return value;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error('not finite');
      return value;
    }
    if (typeof value !== 'object') throw new Error('not data');
    if (Array.isArray(value)) {
      const length = own(value, 'length');
      // Checked before a single element is read: a sparse array can claim any length.
      if (typeof length !== 'number' || length > MAX_VALUES - values) throw new Error('too large');
      const out: unknown[] = [];
      for (let i = 0; i < length; i++) out.push(copy(own(value, i), depth + 1));
      return out;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new Error('not a plain object');
    // One list of keys (a Proxy's ownKeys answers once), its size checked before any key is read.
    const keys = Reflect.ownKeys(value);
    if (keys.length > MAX_VALUES - values) throw new Error('too large');
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      if (typeof key !== 'string') throw new Error('symbol key');
      const desc = Object.getOwnPropertyDescriptor(value, key);
      if (!desc || !desc.enumerable) continue;
      if (!('value' in desc)) throw new Error('not data');
      take(0, key.length);
      Object.defineProperty(out, key, { value: copy(desc.value, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of methods) {
    bridge[method] = (input?: unknown) => {
      let copied: unknown;
      values = 0;
      chars = 0;
      try {
        copied = copy(input, 0);
      } catch {
        return invalid();
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        port.postMessage({ kind: 'call', id, method, input: copied });
      });
    };
  }
  Object.defineProperty(window, 'ecuapass', { value: Object.freeze(bridge), enumerable: true, configurable: false, writable: false });
}
