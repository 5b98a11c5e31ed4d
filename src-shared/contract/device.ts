import { z } from 'zod';

/**
 * Which workstation a call comes from, sent by the desktop app with every backend call so that "Mi cuenta" can show
 * each session's equipment. Informational only: the client says it, nothing checks it, so it never decides access.
 *
 *   X-Ecuapass-Device: host=<host name>; os=<OS description>; app=<app version>
 *
 * each value percent-encoded (encodeURIComponent) and at most DEVICE_PART_MAX characters once decoded.
 */
export const DEVICE_HEADER = 'X-Ecuapass-Device';

export const DEVICE_PART_MAX = { host: 64, os: 64, app: 32 } as const;
type Part = keyof typeof DEVICE_PART_MAX;
const PARTS = Object.keys(DEVICE_PART_MAX) as Part[];

// Nothing a host name, an OS description or a version holds: control characters, lone surrogates.
const UNFIT = /[\p{Cc}\p{Cs}]/u;
const UNFIT_ALL = /[\p{Cc}\p{Cs}]/gu;
/** Longer than every part at its limit, each character encoded as 4 UTF-8 bytes: not a header this app sent. */
const RAW_MAX = 2048;

const part = (max: number) => z.string().min(1).max(max).refine((v) => !UNFIT.test(v)).nullable();

/** The decoded header: a part that was missing, unknown or garbled is null. */
export const DeviceInfoSchema = z.strictObject({
  host: part(DEVICE_PART_MAX.host),
  os: part(DEVICE_PART_MAX.os),
  app: part(DEVICE_PART_MAX.app),
});
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

/** The header's value; each part cut to its limit (whole characters) and stripped of what no such value holds. */
export function encodeDeviceHeader(info: { host: string; os: string; app: string }): string {
  return PARTS.map((name) => `${name}=${encodeURIComponent(fit(info[name], DEVICE_PART_MAX[name]))}`).join('; ');
}

/**
 * Reads the header leniently and never throws: a part that is missing, repeated, not percent-encoded right, empty
 * or too long is null; unknown parts are ignored (a later app version may send more).
 */
export function parseDeviceHeader(raw: string | undefined): DeviceInfo {
  const info: DeviceInfo = { host: null, os: null, app: null };
  if (typeof raw !== 'string' || raw.length > RAW_MAX) return info;
  const seen = new Set<string>();
  for (const item of raw.split(';')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const name = item.slice(0, eq).trim();
    if (!(PARTS as string[]).includes(name)) continue;
    const key = name as Part;
    if (seen.has(key)) {
      info[key] = null;
      continue;
    }
    seen.add(key);
    info[key] = decodePart(item.slice(eq + 1).trim(), key);
  }
  return info;
}

function decodePart(encoded: string, key: Part): string | null {
  let value: string;
  try {
    value = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  return DeviceInfoSchema.shape[key].safeParse(value).data ?? null;
}

/** At most `max` UTF-16 units (what the schema counts), never half of a surrogate pair. */
function fit(value: string, max: number): string {
  let out = '';
  for (const char of value.replace(UNFIT_ALL, '').trim()) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out.trim();
}
