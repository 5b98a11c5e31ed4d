/**
 * Defines `window.ecuapass` in the page's main world. Its source is injected by the preload, so it
 * must stay self-contained (no imports, no helpers). Each method copies its argument as plain
 * JSON-like data (objects, arrays, strings, finite numbers, booleans, null) and answers
 * `{ ok: false, error: INVALID_INPUT }` for anything else (a throwing getter, a Proxy, a function,
 * a Symbol, a BigInt, deep nesting), then hands the copy to the preload and resolves with its
 * answer. Nothing the page passes can make the bridge throw.
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
  function copy(value: unknown, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Error('too deep');
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error('not finite');
      return value;
    }
    if (typeof value !== 'object') throw new Error('not data');
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) out.push(copy(value[i], depth + 1));
      return out;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new Error('not a plain object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = copy((value as Record<string, unknown>)[key], depth + 1);
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of methods) {
    bridge[method] = (input?: unknown) => {
      let copied: unknown;
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
