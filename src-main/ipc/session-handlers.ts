import type { TwoFactorService } from '../account/two-factor-service';
import type { RegistrationService } from '../registration/registration-service';
import type { SessionManager } from '../session/session-manager';
import type { BridgeHandlers } from './bridge-handlers';

type SessionMethods =
  | 'restoreSession' | 'login' | 'logout' | 'lockSession' | 'switchUser'
  | 'getRegistration' | 'verifyCurrentPassword' | 'checkEmailAvailability' | 'requestSecurityCode'
  | 'updateRegistration' | 'deactivateUser' | 'listRememberedUsers' | 'resumeUser' | 'forgetUser'
  | 'requestPasswordReset' | 'verifyLoginCode' | 'changeForcedPassword'
  | 'getTwoFactorStatus' | 'startTwoFactorEnrolment' | 'confirmTwoFactorEnrolment' | 'disableTwoFactor';

/** The bridge methods of the session and the "Modificar" flows: each one a call into its service. */
export function sessionBridgeHandlers(
  sessions: SessionManager,
  registration: RegistrationService,
  twoFactor: TwoFactorService,
): Pick<BridgeHandlers, SessionMethods> {
  return {
    restoreSession: () => sessions.restore(),
    login: (input) => sessions.login(input),
    logout: () => sessions.logout(),
    // The idle lock ends the session like "Cerrar sesión" does.
    lockSession: () => sessions.logout(),
    switchUser: async () => sessions.detach(),
    getRegistration: () => registration.getRegistration(),
    verifyCurrentPassword: (input) => registration.verifyCurrentPassword(input.currentPassword),
    checkEmailAvailability: (input) => registration.checkEmailAvailability(input.email),
    requestSecurityCode: (input) => registration.requestSecurityCode(input.email),
    updateRegistration: (input) => registration.update(input),
    deactivateUser: (input) => sessions.deactivate(input.reason),
    listRememberedUsers: async () => ({ ok: true, value: await sessions.rememberedUsers() }),
    resumeUser: (input) => sessions.resume(input.userId),
    forgetUser: (input) => sessions.forget(input.userId),
    requestPasswordReset: (input) => sessions.requestPasswordReset(input),
    verifyLoginCode: (input) => sessions.verifyLoginCode(input.code),
    changeForcedPassword: (input) => sessions.changeForcedPassword(input),
    getTwoFactorStatus: () => twoFactor.status(),
    startTwoFactorEnrolment: () => twoFactor.startEnrolment(),
    confirmTwoFactorEnrolment: (input) => twoFactor.confirmEnrolment(input.code),
    disableTwoFactor: (input) => twoFactor.disable(input.password, input.code),
  };
}
