import fc from 'fast-check';

/**
 * Generators of hostile input for the fuzzers: strings that attack (SQL, HTML, template and path
 * injection, control characters, lone surrogates, right-to-left marks, huge), numbers out of range,
 * prototype keys, deep nesting, and mutations of a valid body (a key deleted, mistyped, added).
 */

export const INJECTIONS = [
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '" OR ""="',
  '1; DELETE FROM sessions WHERE 1=1; --',
  "jperez'--",
  "admin' /*",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  'javascript:alert(1)',
  '${7*7}',
  '{{constructor.constructor("return process")()}}',
  '#{7*7}',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '\u0000',
  '\u0000\u0001\u001f\u007f',
  '\ud800',
  '\udfff\ud800',
  '\u202eRTL\u202c',
  '\u200b\u200c\u200d\ufeff',
  '😀👩‍👩‍👧‍👦🇪🇨',
  'Ñandú Pérez Ötzi',
  '   ',
  '',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e400',
  '0x7fffffff',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '\r\n\r\nHTTP/1.1 200 OK\r\n',
  '$ne',
  '{"$gt":""}',
  'jperez',
  'jperez@example.com',
  'jperez@correo.aduana.gob.ec',
  'A'.repeat(255),
] as const;

export const WEIRD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'userId',
  'idDocument',
  'senaeEmail',
  'version',
  'password',
  'ticket',
  'isAdmin',
  '',
  ' ',
  '$where',
  'email ',
  'EMAIL',
  "'; DROP TABLE users; --",
  '<script>',
  'a.b',
  '0',
] as const;

/** A string of `n` copies of a short unit: up to 100 000 characters, so past the 64 KiB limit too. */
export const hugeString = fc
  .tuple(fc.constantFrom('x', 'é', '😀', "'; DROP TABLE users; --", '\u0000', '9'), fc.integer({ min: 257, max: 100_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...INJECTIONS), weight: 6 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.stringMatching(/^[0-9]{0,20}$/), weight: 2 },
  { arbitrary: hugeString, weight: 1 },
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 1.5, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 2 ** 64, Number.MAX_VALUE, Number.MIN_VALUE, 1e21, -1e21, 1e-7),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** An object with own keys (so `__proto__` really is a key of the JSON, not a prototype). */
export function ownObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** Arrays or objects nested up to 1 000 deep, built without recursion (deeper ones go as raw text, see rawBody). */
export const deepNesting = fc
  .tuple(fc.integer({ min: 20, max: 1_000 }), fc.constantFrom('array', 'object', 'mixed', 'proto'))
  .map(([depth, kind]) => {
    let v: unknown = kind === 'proto' ? ownObject([['__proto__', { polluted: true }]]) : 'fondo';
    for (let i = 0; i < depth; i++) {
      if (kind === 'array' || (kind === 'mixed' && i % 2 === 0)) v = [v];
      else v = ownObject([[kind === 'proto' && i % 50 === 0 ? '__proto__' : 'a', v]]);
    }
    // fast-check prints counterexamples recursively: show the shape, not 5 000 levels.
    Object.defineProperty(v, fc.toStringMethod, { value: () => `deepNesting(${kind}, ${depth})`, enumerable: false });
    return v;
  });

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyString, weight: 4 },
  { arbitrary: nastyNumber, weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);

/** Any JSON value worth sending: leaves, small structures with weird keys, deep nesting. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: leaf, weight: 8 },
  { arbitrary: fc.array(leaf, { maxLength: 5 }), weight: 2 },
  { arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...WEIRD_KEYS), fc.string({ maxLength: 10 })), leaf), { maxLength: 4 }).map(ownObject), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: deepNesting, weight: 1 },
);

/** One change to a body: a key deleted, set to a hostile value, or a key added. Paths are `a` or `a.b`. */
export type Mutation =
  | { op: 'delete'; path: string }
  | { op: 'set'; path: string; value: unknown }
  | { op: 'add'; parent: string; key: string; value: unknown };

export function mutations(paths: readonly string[], parents: readonly string[] = ['']): fc.Arbitrary<Mutation[]> {
  const path = fc.constantFrom(...paths);
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    { arbitrary: path.map((p): Mutation => ({ op: 'delete', path: p })), weight: 2 },
    { arbitrary: fc.record({ path, value: weirdValue }).map(({ path: p, value }): Mutation => ({ op: 'set', path: p, value })), weight: 6 },
    {
      arbitrary: fc
        .record({ parent: fc.constantFrom(...parents), key: fc.oneof(fc.constantFrom(...WEIRD_KEYS), fc.string({ maxLength: 12 })), value: weirdValue })
        .map(({ parent, key, value }): Mutation => ({ op: 'add', parent, key, value })),
      weight: 2,
    },
  );
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

/** Applies mutations to a deep copy of `valid`. */
export function applyMutations(valid: Record<string, unknown>, ms: readonly Mutation[]): unknown {
  const body = structuredClone(valid);
  const parentOf = (p: string): Record<string, unknown> | undefined => {
    if (p === '') return body;
    const v = body[p];
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  };
  for (const m of ms) {
    if (m.op === 'add') {
      const target = parentOf(m.parent);
      if (target) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const [head, tail] = m.path.split('.') as [string, string | undefined];
    const target = tail === undefined ? body : parentOf(head);
    const key = tail ?? head;
    if (!target) continue;
    if (m.op === 'delete') delete target[key];
    else Object.defineProperty(target, key, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return body;
}

/** Content types for raw bodies: the right one, near misses, other formats, nonsense tokens. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=UTF-16',
    'application/json; charset=latin1',
    'APPLICATION/JSON',
    'application/json;;;',
    'application/jsonx',
    'application/vnd.api+json',
    'application/merge-patch+json',
    'text/json',
    'text/plain',
    'text/plain; charset=utf-8',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=----x',
    'application/xml',
    'application/octet-stream',
    'image/png',
    '*/*',
    'json',
    '',
  ),
  fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,15}(; ?[a-z]{1,8}=[a-zA-Z0-9-]{1,10})?$/),
);

/** Raw bodies: random bytes, random text, and almost-JSON (truncated, trailing garbage, comments, BOM, NaN...). */
export function rawBody(validJson: string): fc.Arbitrary<string | Buffer> {
  const almostJson = fc.oneof(
    fc.nat({ max: Math.max(0, validJson.length - 1) }).map((n) => validJson.slice(0, n)),
    fc.constantFrom(
      `${validJson} x`,
      `${validJson}${validJson}`,
      `\ufeff${validJson}`,
      `/* c */${validJson}`,
      validJson.replace(/"/g, "'"),
      validJson.replace(/:/, ': NaN, "x":'),
      validJson.replace(/^\{/, '{"a": 1e400, '),
      validJson.replace(/^\{/, '{"a": -1e400, '),
      validJson.replace(/^\{/, '{"__proto__": {"isAdmin": true}, '),
      validJson.replace(/^\{/, '{"constructor": {"prototype": {"isAdmin": true}}, '),
      validJson.replace(/^\{/, '{"version": 1, "version": "dos", '),
      `[${validJson}]`,
      `"${validJson}"`,
      'null',
      'true',
      '0',
      '""',
      '{',
      '}',
      '{"a":',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      '[' .repeat(30_000) + ']'.repeat(30_000),
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      '{"__proto__":'.repeat(5_000) + '1' + '}'.repeat(5_000),
      '{"a":' .repeat(5_000) + '{"__proto__":1}' + '}'.repeat(5_000),
      '{"x":"' + 'a'.repeat(70_000) + '"}',
    ),
  );
  return fc.oneof(
    { arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 500 }), weight: 2 },
    { arbitrary: fc.string({ maxLength: 200 }), weight: 2 },
    { arbitrary: almostJson, weight: 4 },
  );
}
