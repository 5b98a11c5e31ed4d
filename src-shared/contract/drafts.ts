import { z } from 'zod';

/**
 * The form's unsaved values as a draft on disk (issue 9). Only the fields that may be kept: a
 * strict object, so a password, the password ticket or the security code is refused, not stored.
 */
const text = z.string().max(500);
export const DraftValuesSchema = z.strictObject({
  name: text,
  country: text,
  province: text,
  city: text,
  phone1: text,
  phone2: text,
  carrier: text,
  mobileNumber: text,
  fax: text,
  keepEmail: z.enum(['si', 'no']),
  email: text,
  emailConfirmation: text,
});
export type DraftValues = z.infer<typeof DraftValuesSchema>;

export const DRAFT_FIELDS = Object.keys(DraftValuesSchema.shape) as ReadonlyArray<keyof DraftValues>;

/** What the renderer saves: the values on screen, and the stored values (and version) they were typed over. */
export const DraftSaveSchema = z.strictObject({
  version: z.number().int().nonnegative(),
  base: DraftValuesSchema,
  values: DraftValuesSchema,
});
export type DraftSave = z.infer<typeof DraftSaveSchema>;

export const DraftSchema = DraftSaveSchema.extend({
  userId: z.string().min(1).max(50),
  /** ISO 8601 instant of the last save. */
  savedAt: z.string(),
});
export type Draft = z.infer<typeof DraftSchema>;

export const DraftLoadSchema = z.object({
  draft: DraftSchema.nullable(),
  /** A draft file that could not be read (corrupt, or not decryptable here) was set aside. */
  setAside: z.boolean(),
});
export type DraftLoad = z.infer<typeof DraftLoadSchema>;

export const DraftStorageSchema = z.object({
  /** false: the OS offers no encryption (safeStorage), drafts are plain files readable by this OS user only. */
  encrypted: z.boolean(),
  /** Drafts older than this are deleted. */
  maxAgeDays: z.number(),
});
export type DraftStorage = z.infer<typeof DraftStorageSchema>;

export const DRAFT_MAX_AGE_DAYS = { min: 1, max: 90, default: 7 } as const;

/** What the main process tells the page through `nextAppEvent`. */
export const AppEventSchema = z.object({
  /** 'closeRequested': the window is being closed or the app quit with unsaved changes: ask Sí/No. 'flushDraft': OS shutdown, write the draft now. */
  kind: z.enum(['closeRequested', 'flushDraft']),
});
export type AppEvent = z.infer<typeof AppEventSchema>;
