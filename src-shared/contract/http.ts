import { z } from 'zod';
import { requiredString } from '../registration/fields';
import { MSG } from '../registration/messages';
import { deactivationReasonField } from '../registration/update';
import { MOBILE_CARRIER_CODES } from '../catalog/mobile-carriers';
import { DeviceTokenSchema } from './device-token';

/** Base path of the backend's JSON API (docs/architecture.md §5). */
export const API_PREFIX = '/api/v1';

export const ID_USUARIO_MAX = 50;

export const LoginRequestSchema = z.strictObject({
  userId: requiredString().normalize('NFC').trim().min(1, MSG.required).max(ID_USUARIO_MAX, MSG.invalidType),
  password: requiredString().min(1, MSG.required).max(256, MSG.invalidType),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const SessionUserSchema = z.object({ userId: z.string(), name: z.string() });
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const LoginResponseSchema = z.object({
  token: z.string().min(1),
  expiresAt: z.iso.datetime(),
  user: SessionUserSchema,
  /** The trusted-device token of this device for this user (device-token.ts); kept beside the session token. */
  deviceToken: DeviceTokenSchema,
  /** Signed in with an automatic key (Reiniciar clave): only "Cambio de clave obligatorio" works until it is done. */
  passwordChangeRequired: z.boolean(),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const CurrentSessionResponseSchema = z.object({ userId: z.string(), expiresAt: z.iso.datetime(), passwordChangeRequired: z.boolean() });
export type CurrentSessionResponse = z.infer<typeof CurrentSessionResponseSchema>;

/** The stored registration as the backend returns it (wire values: docs/architecture.md §5). */
export const RegistrationSchema = z.object({
  userId: z.string(),
  idDocument: z.string(),
  name: z.string(),
  country: z.string().length(2),
  province: z.string().nullable(),
  city: z.string().nullable(),
  phone1: z.string(),
  phone2: z.string().nullable(),
  mobile: z.object({ carrier: z.enum(MOBILE_CARRIER_CODES), number: z.string() }),
  fax: z.string().nullable(),
  email: z.string(),
  senaeEmail: z.string(),
  version: z.number().int().nonnegative(),
});
export type Registration = z.infer<typeof RegistrationSchema>;

export const PasswordVerifyRequestSchema = z.strictObject({
  currentPassword: requiredString().min(1, MSG.required).max(256, MSG.invalidType),
});
export const PasswordVerifyResponseSchema = z.object({ ticket: z.string().min(1), expiresAt: z.iso.datetime() });

export const EmailRequestSchema = z.strictObject({
  email: requiredString().normalize('NFC').trim().min(1, MSG.required).pipe(z.email(MSG.emailInvalid)).pipe(z.string().max(254, MSG.emailInvalid)),
});
export const EmailAvailabilityResponseSchema = z.object({ available: z.boolean() });
export const SecurityCodeResponseSchema = z.object({ expiresAt: z.iso.datetime() });

export const DeactivationRequestSchema = z.strictObject({ reason: deactivationReasonField });
export const DeactivationResponseSchema = z.object({ message: z.string() });

/** GET /health: liveness (the process answers); says nothing about the database. */
export const HealthResponseSchema = z.object({ status: z.literal('ok') });

/**
 * GET /health/ready: readiness for a load balancer. 200 `ready` when the database answered just
 * now; 503 `unavailable` while it cannot be reached (the instance keeps running and recovers by
 * itself when the database is back).
 */
export const ReadinessResponseSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.enum(['up', 'down']),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponseSchema>;

/** One mail of the sandbox mailbox (GET /dev/mailbox). */
export const MailboxEntrySchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  sentAt: z.iso.datetime(),
});
export type MailboxEntry = z.infer<typeof MailboxEntrySchema>;

/** The whole sandbox mailbox (GET /dev/mailbox), oldest first. */
export const MailboxSchema = z.array(MailboxEntrySchema);
