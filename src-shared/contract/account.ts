import { z } from 'zod';
import { AUDIT_ACTIONS } from './audit-actions';
import { DeviceInfoSchema } from './device';
import { RegistrationSchema } from './http';

/**
 * "Mi cuenta" (issue 28): the signed-in user's sessions and account activity (docs/architecture.md §5).
 * Device descriptions are what each app said about itself (X-Ecuapass-Device): shown, never trusted.
 */

export const SessionViewSchema = z.object({
  /** Public id for DELETE /sessions/{id}; never the token. */
  id: z.string(),
  device: DeviceInfoSchema,
  ip: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  /** The session this request came with ("Este equipo"). */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** The login before the current session's ("Último ingreso" on the welcome screen). */
export const PreviousLoginSchema = z.object({ at: z.iso.datetime(), device: DeviceInfoSchema, ip: z.string().nullable() });
export type PreviousLogin = z.infer<typeof PreviousLoginSchema>;

/** GET /sessions: the caller's live sessions, the current one first, then by last use. */
export const SessionListSchema = z.object({
  sessions: z.array(SessionViewSchema),
  previousLogin: PreviousLoginSchema.nullable(),
});
export type SessionList = z.infer<typeof SessionListSchema>;

/** DELETE /sessions?others=true: the one form of that call (closing all at once is not offered). */
export const CloseOthersQuerySchema = z.strictObject({
  others: z.literal('true', { error: 'Indique others=true: solo se cierran las demás sesiones.' }),
});

/** DELETE /sessions?others=true. */
export const ClosedSessionsSchema = z.object({ closed: z.number().int().nonnegative() });

export const SessionIdSchema = z.strictObject({ id: z.uuid('La sesión indicada no existe.') });

export const ACTIVITY_PAGE = { default: 50, max: 100 } as const;

/** A page cursor: the id of the last event of the previous page (opaque to the client). */
const CursorSchema = z.string().regex(/^[1-9]\d{0,14}$/, 'El cursor de la página no es válido.');

const activityLimit = (n: z.ZodNumber | z.ZodCoercedNumber) =>
  n
    .int('Indique un número entero de eventos.')
    .min(1, `Entre 1 y ${ACTIVITY_PAGE.max} eventos por página.`)
    .max(ACTIVITY_PAGE.max, `Entre 1 y ${ACTIVITY_PAGE.max} eventos por página.`)
    .default(ACTIVITY_PAGE.default);
const activityType = z.enum(AUDIT_ACTIONS, { error: 'El tipo de evento no existe.' }).optional();

/** getActivity over the bridge: typed values, so a limit must be a number (no coercion of "5", true or []). */
export const ActivityQuerySchema = z.strictObject({
  before: CursorSchema.optional(),
  limit: activityLimit(z.number({ error: 'Indique cuántos eventos por página.' })),
  type: activityType,
});
/** GET /general-user/activity?before=&limit=&type= (query values are strings, so the limit is coerced). */
export const ActivityHttpQuerySchema = z.strictObject({
  before: CursorSchema.optional(),
  limit: activityLimit(z.coerce.number({ error: 'Indique cuántos eventos por página.' })),
  type: activityType,
});
export type ActivityQuery = z.input<typeof ActivityQuerySchema>;

export const ActivityEventSchema = z.object({
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  action: z.enum(AUDIT_ACTIONS),
  /** Names of the changed fields (never their values). */
  fields: z.array(z.string()),
  device: DeviceInfoSchema.nullable(),
  ip: z.string().nullable(),
});
export type ActivityEvent = z.infer<typeof ActivityEventSchema>;

/** Newest first; nextCursor is null on the last page. */
export const ActivityPageSchema = z.object({ events: z.array(ActivityEventSchema), nextCursor: CursorSchema.nullable() });
export type ActivityPage = z.infer<typeof ActivityPageSchema>;

/** PUT /general-user/registration's answer: the saved registration and the audit event's number (the constancia's reference). */
export const RegistrationSavedSchema = RegistrationSchema.extend({ auditId: z.number().int().positive(), savedAt: z.iso.datetime() });
export type RegistrationSaved = z.infer<typeof RegistrationSavedSchema>;
