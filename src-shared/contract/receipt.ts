import { z } from 'zod';

/**
 * The constancia of one saved change (issue 28): what the PDF says. Built by the main process from the registration
 * it read before the change and the backend's answer to it (never from the page), so the page cannot put words in it.
 */
export const ReceiptSchema = z.object({
  userId: z.string(),
  name: z.string(),
  /** When the backend saved the change (its audit event's time). */
  savedAt: z.iso.datetime(),
  /** The audit event's number: the reference the office files. */
  auditId: z.number().int().positive(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() })),
  passwordChanged: z.boolean(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** Dates shown to the user: Ecuador's time (America/Guayaquil, UTC-5, no DST), Spanish (Ecuador). */
export const ECUADOR_TIME_ZONE = 'America/Guayaquil';

const DATE = new Intl.DateTimeFormat('es-EC', { timeZone: ECUADOR_TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('es-EC', { timeZone: ECUADOR_TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * "7 de diciembre de 2026, 19:05:12" in Guayaquil: date and 24-hour time formatted apart and joined here, so the
 * text is the same whichever ICU data the runtime has (Node's and Chromium's join a long date and a time differently).
 */
export function ecuadorDateTime(iso: string): string {
  const at = new Date(iso);
  return `${DATE.format(at)}, ${TIME.format(at)}`;
}

/** The reference number as printed: "AUD-000123". */
export function receiptReference(auditId: number): string {
  return `AUD-${String(auditId).padStart(6, '0')}`;
}
