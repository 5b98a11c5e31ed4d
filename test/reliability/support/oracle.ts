import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ERROR_CODES, ErrorBodySchema, type ErrorCode } from '../../../src-shared/contract';

/**
 * The status of each error code as docs/architecture.md §5 writes it ("423 `ACCOUNT_LOCKED`"): read from the
 * document, not from the server, so a status the server changes without the API table fails here. INTERNAL is left
 * out: it is never the answer to a client's request, whatever its status.
 */
export const DOCUMENTED_STATUS: Partial<Record<ErrorCode, number>> = documentedStatuses();

function documentedStatuses(): Partial<Record<ErrorCode, number>> {
  const doc = readFileSync(path.resolve(__dirname, '../../../docs/architecture.md'), 'utf8');
  const api = doc.slice(doc.indexOf('## 5.'), doc.indexOf('## 6.'));
  const statuses: Partial<Record<ErrorCode, number>> = {};
  for (const [, status, code] of api.matchAll(/\b([1-5]\d\d) `([A-Z_]+)`/g)) {
    if (code === 'INTERNAL' || !(ERROR_CODES as readonly string[]).includes(code!)) continue;
    const known = statuses[code as ErrorCode];
    if (known !== undefined && known !== Number(status)) throw new Error(`docs/architecture.md gives ${code} two statuses: ${known}, ${status}`);
    statuses[code as ErrorCode] = Number(status);
  }
  return statuses;
}

/** Codes whose refusal legitimately moves an attempt counter (see fingerprint.ts `relaxed`). */
export const COUNTING_CODES: ReadonlySet<ErrorCode> = new Set(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'WRONG_PASSWORD', 'RATE_LIMITED', 'SECURITY_CODE_INVALID', 'VERIFICATION_CODE_INVALID']);

export interface EndpointSpec {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** The success status. */
  ok: number;
  /** The codes docs/architecture.md §5 documents for this endpoint, besides the ones every endpoint may answer. */
  codes: readonly ErrorCode[];
}

/**
 * Every endpoint may answer these to a bad request (docs/architecture.md §5 "The common answers",
 * 401 without a live token).
 */
const ALWAYS: readonly ErrorCode[] = ['BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNAUTHENTICATED'];

export interface Answer {
  status: number;
  contentType: string | undefined;
  text: string;
}

export type Verdict = { ok: true; status: number } | { ok: false; status: number; code: ErrorCode; fields: Record<string, string> | undefined };

/**
 * The contract a fuzzed answer must keep: never a 5xx, a status documented for the endpoint, and
 * an error body of exactly `{ error: { code, message, fields? } }` with the code's documented
 * status and a non-blank message. Returns what it found.
 */
export function checkAnswer(ep: EndpointSpec, a: Answer, what: string): Verdict {
  const ctx = () => `${ep.name} ← ${what.slice(0, 300)}\n→ ${a.status} ${a.text.slice(0, 300)}`;
  if (a.status >= 500) expect.fail(`5xx: ${ctx()}`);
  if (a.status === ep.ok) return { ok: true, status: a.status };
  if (!/^application\/json\b/.test(a.contentType ?? '')) expect.fail(`error without a JSON content type (${a.contentType}): ${ctx()}`);
  let body: unknown;
  try {
    body = JSON.parse(a.text);
  } catch {
    expect.fail(`error body is not JSON: ${ctx()}`);
  }
  const parsed = ErrorBodySchema.strict().safeParse(body);
  if (!parsed.success) expect.fail(`error body off contract: ${ctx()}`);
  const { code, message, fields } = parsed.data.error;
  const allowed = [...ALWAYS, ...ep.codes];
  if (!allowed.includes(code)) expect.fail(`code ${code} not documented for ${ep.name}: ${ctx()}`);
  if (DOCUMENTED_STATUS[code] !== a.status) expect.fail(`code ${code} with status ${a.status}, documented ${DOCUMENTED_STATUS[code]}: ${ctx()}`);
  if (!message.trim()) expect.fail(`blank message: ${ctx()}`);
  if (Object.keys(parsed.data.error).some((k) => !['code', 'message', 'fields'].includes(k))) expect.fail(`extra keys in error: ${ctx()}`);
  if (code === 'VALIDATION_FAILED' && fields !== undefined && Object.keys(fields).length === 0) expect.fail(`VALIDATION_FAILED with empty fields: ${ctx()}`);
  return { ok: false, status: a.status, code, fields };
}

export const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);
