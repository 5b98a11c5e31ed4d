import type { BrowserWindow } from 'electron';
import type { RegistrationService } from '../registration/registration-service';
import type { SessionManager } from '../session/session-manager';
import type { BridgeHandlers } from './bridge-handlers';

type AccountMethods = 'listSessions' | 'closeSession' | 'closeOtherSessions' | 'getActivity' | 'saveReceipt';

/**
 * "Mi cuenta" (issue 28): the signed-in user's sessions and activity, each a call with the window's session token
 * (the backend answers for that user only), and the constancia of the last saved change.
 */
export function accountBridgeHandlers(deps: {
  sessions: SessionManager;
  registration: RegistrationService;
  mainWindow: () => BrowserWindow | null;
  /** Writes the PDF where the user chooses; false when they cancelled (receipt/receipt-pdf.ts). */
  saveReceipt: (receipt: NonNullable<ReturnType<RegistrationService['lastReceipt']>>, parent: BrowserWindow | null) => Promise<boolean>;
}): Pick<BridgeHandlers, AccountMethods> {
  const { sessions } = deps;
  return {
    listSessions: () => sessions.authorized((api, token) => api.listSessions(token)),
    closeSession: (input) => sessions.authorized((api, token) => api.closeSession(token, input.id)),
    closeOtherSessions: () => sessions.authorized((api, token) => api.closeOtherSessions(token)),
    getActivity: (input) => sessions.authorized((api, token) => api.activity(token, input)),
    saveReceipt: async () => {
      const receipt = deps.registration.lastReceipt();
      if (!receipt) return { ok: false, error: { code: 'INVALID_INPUT', message: 'No hay un cambio guardado en esta sesión del que hacer constancia.' } };
      try {
        return { ok: true, value: { saved: await deps.saveReceipt(receipt, deps.mainWindow()) } };
      } catch {
        return { ok: false, error: { code: 'UNEXPECTED', message: 'No se pudo guardar la constancia. Elija otra carpeta e intente nuevamente.' } };
      }
    },
  };
}
