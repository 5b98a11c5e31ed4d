/**
 * What must never reach a log file: session tokens, password-change tickets, passwords and
 * security codes. Values under such keys are replaced wherever they appear, and anything that
 * looks like a bearer token is masked in free text too.
 */
const SECRET_KEY = /token|ticket|password|contrase|securitycode|codigo|secret|authorization|cookie/i;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;
// Long opaque runs (tokens, tickets, hashes) that slipped into a message.
const OPAQUE_RUN = /\b[A-Za-z0-9_-]{32,}\b/g;
export const REDACTED = '[redactado]';

export function redactText(text: string): string {
  return text.replace(BEARER, `Bearer ${REDACTED}`).replace(OPAQUE_RUN, REDACTED);
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? redactText(value.stack) : undefined;
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(v, depth + 1);
  }
  return out;
}
