/**
 * The names of the bridge's methods, with no other import: the sandboxed preload bundles only
 * this list, the schemas stay in the main process. `bridge.ts` checks it matches the contract.
 */
export const BRIDGE_METHODS = [
  'getAppInfo',
  'restoreSession',
  'login',
  'logout',
  'getRegistration',
  'verifyCurrentPassword',
  'checkEmailAvailability',
  'requestSecurityCode',
  'updateRegistration',
  'deactivateUser',
  'requestPasswordReset',
  'verifyLoginCode',
  'changeForcedPassword',
  'getTwoFactorStatus',
  'startTwoFactorEnrolment',
  'confirmTwoFactorEnrolment',
  'disableTwoFactor',
  'listRememberedUsers',
  'resumeUser',
  'forgetUser',
  'lockSession',
  'switchUser',
  'getSettings',
  'updateSettings',
  'testConnection',
  'retryKeychain',
  'saveDraft',
  'loadDraft',
  'discardDraft',
  'getDraftStorage',
  'setUnsavedChanges',
  'nextAppEvent',
  'confirmLeave',
  'getUpdateState',
  'installUpdate',
  // Mi cuenta (issue 28)
  'listSessions',
  'closeSession',
  'closeOtherSessions',
  'getActivity',
  'saveReceipt',
] as const;

export type BridgeMethodName = (typeof BRIDGE_METHODS)[number];

export const BRIDGE_CHANNEL_PREFIX = 'ecuapass:';

export function bridgeChannel(method: BridgeMethodName): string {
  return BRIDGE_CHANNEL_PREFIX + method;
}
