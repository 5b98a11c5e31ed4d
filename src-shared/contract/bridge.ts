import { z } from 'zod';
import type { ContractError } from './error-codes';
import type { BridgeMethodName } from './bridge-methods';
import {
  EmailAvailabilityResponseSchema,
  EmailRequestSchema,
  LoginRequestSchema,
  PasswordVerifyRequestSchema,
  RegistrationSchema,
  SecurityCodeResponseSchema,
  SessionUserSchema,
} from './http';
import { registrationFormSchema } from '../registration/update';

/** Every bridge method answers with a value, never throws across IPC (design §3). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

const NoInput = z.undefined({ error: 'Este método no recibe datos.' });

export const SessionInfoSchema = z.object({
  user: SessionUserSchema,
  expiresAt: z.string(),
  /** false when no OS keychain answered: the session lives in memory and is forgotten on exit. */
  remembered: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const PasswordVerifiedSchema = z.object({ verifiedUntil: z.string() });
export type PasswordVerified = z.infer<typeof PasswordVerifiedSchema>;

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
  /**
   * "Modificar". The payload's structure is checked here; the password policy, which depends on
   * the ID.usuario, is checked again by the main process with the session's user.
   */
  updateRegistration: { input: registrationFormSchema(''), output: RegistrationSchema },
} as const satisfies Record<BridgeMethodName, { input: z.ZodType; output: z.ZodType }>;

// The method list used by the preload must name exactly the contract's methods.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _methodsMatch: Exactly<keyof typeof bridgeContract, BridgeMethodName> = true;
void _methodsMatch;

export type BridgeInput<M extends BridgeMethodName> = z.input<(typeof bridgeContract)[M]['input']>;
export type BridgeOutput<M extends BridgeMethodName> = z.output<(typeof bridgeContract)[M]['output']>;

export type EcuapassBridge = {
  readonly [M in BridgeMethodName]: BridgeInput<M> extends undefined
    ? () => Promise<Result<BridgeOutput<M>>>
    : (input: BridgeInput<M>) => Promise<Result<BridgeOutput<M>>>;
};
