import { z } from 'zod';
import type { ContractError } from './error-codes';
import type { BridgeMethodName } from './bridge-methods';
import {
  DeactivationRequestSchema,
  DeactivationResponseSchema,
  EmailAvailabilityResponseSchema,
  EmailRequestSchema,
  LoginRequestSchema,
  PasswordVerifyRequestSchema,
  RegistrationSchema,
  SecurityCodeResponseSchema,
  SessionUserSchema,
} from './http';
import { registrationFormSchema } from '../registration/update';
import {
  PasswordResetAcceptedSchema,
  PasswordResetRequestSchema,
  RecoveryCodesSchema,
  TotpCodeRequestSchema,
  TwoFactorDisableRequestSchema,
  TwoFactorStatusSchema,
  forcedPasswordChangeSchema,
  verificationCodeField,
} from './account-security';
import { PolicyStateSchema } from './policy';
import { AppEventSchema, DraftLoadSchema, DraftSaveSchema, DraftStorageSchema } from './drafts';
import { ProxySettingsSchema } from './proxy';
import { UpdateStateSchema } from './update';
import { ActivityPageSchema, ActivityQuerySchema, ClosedSessionsSchema, RegistrationSavedSchema, SessionIdSchema, SessionListSchema } from './account';

/** Every bridge method answers with a value, never throws across IPC (docs/architecture.md §6). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** What the main process knows when a call arrives, for rules that depend on who is signed in. */
export interface BridgeCallContext {
  userId: string | null;
}

const NoInput = z.undefined({ error: 'Este método no recibe datos.' });

export const SessionInfoSchema = z.object({
  user: SessionUserSchema,
  expiresAt: z.string(),
  /** false when no OS keychain answered: the session lives in memory and is forgotten on exit. */
  remembered: z.boolean(),
  /** Present when signed in with an automatic key: only "Cambio de clave obligatorio" works until it is done. */
  passwordChangeRequired: z.literal(true).optional(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const PasswordVerifiedSchema = z.object({ verifiedUntil: z.string() });
export type PasswordVerified = z.infer<typeof PasswordVerifiedSchema>;

/**
 * The TOTP enrolment as the page shows it: the QR code, drawn in the main process from the otpauth:// URI (an SVG
 * data URL: nothing is fetched), and the key for typing by hand. The page drops both once the code confirmed it.
 */
export const TwoFactorEnrolmentViewSchema = z.object({
  qrDataUrl: z.string().startsWith('data:image/svg+xml;base64,'),
  manualKey: z.string(),
});
export type TwoFactorEnrolmentView = z.infer<typeof TwoFactorEnrolmentViewSchema>;

export const UserRefSchema = z.strictObject({ userId: LoginRequestSchema.shape.userId });

const BackendUrlField = z
  .string({ error: 'Ingrese la dirección del servidor.' })
  .trim()
  .min(1, 'Ingrese la dirección del servidor.')
  .max(2048, 'La dirección es demasiado larga.');

export const IDLE_LOCK_MINUTES = { min: 1, max: 480, default: 15 } as const;

/** The app's settings as the "Configuración" screen shows them. */
export const SettingsViewSchema = z.object({
  backendUrl: z.string(),
  /** 'env': ECUAPASS_API_URL is set and wins over the saved value; 'policy': the machine policy fixes it. */
  backendUrlSource: z.enum(['env', 'settings', 'default', 'policy']),
  idleLockMinutes: z.number(),
  /** How requests reach the backend (issue 12); the policy's when it fixes the proxy. */
  proxy: ProxySettingsSchema,
  /** Machine policy (issue 10): which of these settings the organisation fixes. */
  policy: PolicyStateSchema,
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const SettingsUpdateSchema = z.strictObject({
  backendUrl: BackendUrlField.optional(),
  idleLockMinutes: z
    .number({ error: 'Ingrese un número de minutos.' })
    .int('Ingrese un número entero de minutos.')
    .min(IDLE_LOCK_MINUTES.min, `Entre ${IDLE_LOCK_MINUTES.min} y ${IDLE_LOCK_MINUTES.max} minutos.`)
    .max(IDLE_LOCK_MINUTES.max, `Entre ${IDLE_LOCK_MINUTES.min} y ${IDLE_LOCK_MINUTES.max} minutos.`)
    .optional(),
  proxy: ProxySettingsSchema.optional(),
});
export type SettingsUpdate = z.infer<typeof SettingsUpdateSchema>;

export const AppInfoSchema = z.object({
  appVersion: z.string(),
  electronVersion: z.string(),
  backendUrl: z.string(),
  keychainAvailable: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/**
 * The bridge contract: one entry per method, the zod schema of its payload (validated in the
 * main process) and of its value. `window.ecuapass` is typed from this map.
 */
export const bridgeContract = {
  getAppInfo: { input: NoInput, output: AppInfoSchema },
  restoreSession: { input: NoInput, output: SessionInfoSchema.nullable() },
  login: { input: LoginRequestSchema, output: SessionInfoSchema },
  logout: { input: NoInput, output: z.null() },
  getRegistration: { input: NoInput, output: RegistrationSchema },
  /** The ticket the backend answers stays in the main process; the renderer learns only until when. */
  verifyCurrentPassword: { input: PasswordVerifyRequestSchema, output: PasswordVerifiedSchema },
  checkEmailAvailability: { input: EmailRequestSchema, output: EmailAvailabilityResponseSchema },
  requestSecurityCode: { input: EmailRequestSchema, output: SecurityCodeResponseSchema },
  /** "Modificar": checked once, with the signed-in user's ID.usuario for the password policy. */
  updateRegistration: {
    input: registrationFormSchema(''),
    inputFor: (ctx: BridgeCallContext) => registrationFormSchema(ctx.userId ?? ''),
    /** With the audit event's number: the constancia of this change can then be saved (saveReceipt). */
    output: RegistrationSavedSchema,
  },
  /** "Solicitud de reinicio de clave automática": the backend's neutral message, whatever matched. */
  requestPasswordReset: { input: PasswordResetRequestSchema, output: PasswordResetAcceptedSchema },
  /** The login's "Código de verificación", after login answered VERIFICATION_REQUIRED (the challenge stays in main). */
  verifyLoginCode: { input: z.strictObject({ code: verificationCodeField }), output: SessionInfoSchema },
  /** "Cambio de clave obligatorio": with the signed-in user's ID.usuario for the password policy. */
  changeForcedPassword: {
    input: forcedPasswordChangeSchema(''),
    inputFor: (ctx: BridgeCallContext) => forcedPasswordChangeSchema(ctx.userId ?? ''),
    output: SessionInfoSchema,
  },
  getTwoFactorStatus: { input: NoInput, output: TwoFactorStatusSchema },
  startTwoFactorEnrolment: { input: NoInput, output: TwoFactorEnrolmentViewSchema },
  /** The recovery codes, in this answer only. */
  confirmTwoFactorEnrolment: { input: TotpCodeRequestSchema, output: RecoveryCodesSchema },
  disableTwoFactor: { input: TwoFactorDisableRequestSchema, output: TwoFactorStatusSchema },
  /** "Dar de baja": on success the session and its keychain entry are gone. */
  deactivateUser: { input: DeactivationRequestSchema, output: DeactivationResponseSchema },
  /** The ID.usuario of each user this workstation remembers (one keychain entry each). */
  listRememberedUsers: { input: NoInput, output: z.array(z.string()) },
  /** Signs in a remembered user with their stored session; null when it has ended. */
  resumeUser: { input: UserRefSchema, output: SessionInfoSchema.nullable() },
  /** "Olvidar este usuario". */
  forgetUser: { input: UserRefSchema, output: z.null() },
  /** Idle lock: the session is revoked and forgotten, like "Cerrar sesión". */
  lockSession: { input: NoInput, output: z.null() },
  /** "Cambiar de usuario": back to the login screen, this user's session kept and remembered. */
  switchUser: { input: NoInput, output: z.null() },
  getSettings: { input: NoInput, output: SettingsViewSchema },
  updateSettings: { input: SettingsUpdateSchema, output: SettingsViewSchema },
  /** "Probar conexión": whether a backend answers at that URL, through that proxy (else the one in force). */
  testConnection: { input: z.strictObject({ backendUrl: BackendUrlField, proxy: ProxySettingsSchema.optional() }), output: z.object({ reachable: z.literal(true) }) },
  /** "Reintentar" after the keychain failed: a fresh keychain helper; true when the session is remembered again. */
  retryKeychain: { input: NoInput, output: z.object({ remembered: z.boolean() }) },
  // Drafts and the unsaved-changes guard (issue 9): always the signed-in user's own draft.
  saveDraft: { input: DraftSaveSchema, output: z.null() },
  loadDraft: { input: NoInput, output: DraftLoadSchema },
  /** "Descartar". */
  discardDraft: { input: NoInput, output: z.null() },
  getDraftStorage: { input: NoInput, output: DraftStorageSchema },
  setUnsavedChanges: { input: z.strictObject({ dirty: z.boolean() }), output: z.null() },
  /** Answers when the main process has something for the page (a held close, a shutdown). */
  nextAppEvent: { input: NoInput, output: AppEventSchema },
  /** "Sí, salir sin guardar" after a held close or quit. */
  confirmLeave: { input: NoInput, output: z.null() },
  /** Updates (issue 10): the notice's state, read by the renderer while it shows. */
  getUpdateState: { input: NoInput, output: UpdateStateSchema },
  /** "Reiniciar y actualizar": installs the verified download and restarts. */
  installUpdate: { input: NoInput, output: z.null() },
  // Mi cuenta (issue 28): always the signed-in user's own sessions and activity.
  listSessions: { input: NoInput, output: SessionListSchema },
  /** "Cerrar sesión" on one row of Sesiones activas. */
  closeSession: { input: SessionIdSchema, output: z.null() },
  /** "Cerrar las demás sesiones". */
  closeOtherSessions: { input: NoInput, output: ClosedSessionsSchema },
  getActivity: { input: ActivityQuerySchema, output: ActivityPageSchema },
  /**
   * "Guardar constancia (PDF)" of the last change saved in this session, made and written by the main process
   * where the user chooses in the OS save dialog; saved: false when they cancelled it.
   */
  saveReceipt: { input: NoInput, output: z.object({ saved: z.boolean() }) },
} as const satisfies Record<
  BridgeMethodName,
  {
    /** The payload's schema (its type is the method's input type). */
    input: z.ZodType;
    /** Where a rule depends on who is signed in: the same schema, built for the call. */
    inputFor?: (ctx: BridgeCallContext) => z.ZodType;
    output: z.ZodType;
  }
>;

// The method list used by the preload must name exactly the contract's methods.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _methodsMatch: Exactly<keyof typeof bridgeContract, BridgeMethodName> = true;
void _methodsMatch;

/** The schema a call's payload is checked with, once, in the main process. */
export function bridgeInputSchema(method: BridgeMethodName, ctx: BridgeCallContext): z.ZodType {
  const entry: { input: z.ZodType; inputFor?: (ctx: BridgeCallContext) => z.ZodType } = bridgeContract[method];
  return entry.inputFor ? entry.inputFor(ctx) : entry.input;
}

export type BridgeInput<M extends BridgeMethodName> = z.input<(typeof bridgeContract)[M]['input']>;
export type BridgeOutput<M extends BridgeMethodName> = z.output<(typeof bridgeContract)[M]['output']>;

export type EcuapassBridge = {
  readonly [M in BridgeMethodName]: BridgeInput<M> extends undefined
    ? () => Promise<Result<BridgeOutput<M>>>
    : (input: BridgeInput<M>) => Promise<Result<BridgeOutput<M>>>;
};
