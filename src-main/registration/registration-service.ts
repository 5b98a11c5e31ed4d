import {
  ERROR_MESSAGES,
  type PasswordVerified,
  type Registration,
  type Result,
} from '../../src-shared/contract';
import { MSG } from '../../src-shared/registration/messages';
import type { RegistrationForm } from '../../src-shared/registration/update';
import type { SessionManager } from '../session/session-manager';

interface PasswordTicket {
  userId: string;
  value: string;
  expiresAt: string;
}

/**
 * The "Modificar" flows. The password-change ticket the backend hands out after "Verificar
 * contraseña" is kept here, in the main process only, and added to the update on its way out.
 */
export class RegistrationService {
  private ticket: PasswordTicket | null = null;

  constructor(private readonly sessions: SessionManager) {
    // A ticket never outlives the session it was issued in.
    sessions.onSessionEnd(() => {
      this.ticket = null;
    });
  }

  getRegistration(): Promise<Result<Registration>> {
    return this.sessions.authorized((api, token) => api.getRegistration(token));
  }

  async verifyCurrentPassword(currentPassword: string): Promise<Result<PasswordVerified>> {
    const userId = this.sessions.currentUserId;
    const res = await this.sessions.authorized((api, token) => api.verifyPassword(token, currentPassword));
    if (!res.ok) {
      this.ticket = null;
      return res;
    }
    if (userId) this.ticket = { userId, value: res.value.ticket, expiresAt: res.value.expiresAt };
    return { ok: true, value: { verifiedUntil: res.value.expiresAt } };
  }

  checkEmailAvailability(email: string): Promise<Result<{ available: boolean }>> {
    return this.sessions.authorized((api, token) => api.emailAvailability(token, email));
  }

  requestSecurityCode(email: string): Promise<Result<{ expiresAt: string }>> {
    return this.sessions.authorized((api, token) => api.requestSecurityCode(token, email));
  }

  async update(form: RegistrationForm): Promise<Result<Registration>> {
    const userId = this.sessions.currentUserId;
    if (!userId) return { ok: false, error: { code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED } };

    // The bridge checked the form with this user's ID.usuario (bridgeContract.updateRegistration).
    const { passwordChange, ...rest } = form;
    let body;
    if (passwordChange) {
      const ticket = this.ticket;
      if (!ticket || ticket.userId !== userId) {
        return {
          ok: false,
          error: {
            code: 'PASSWORD_TICKET_INVALID',
            message: ERROR_MESSAGES.PASSWORD_TICKET_INVALID,
            fields: { currentPassword: MSG.passwordNotVerified },
          },
        };
      }
      body = { ...rest, passwordChange: { ticket: ticket.value, ...passwordChange } };
    } else {
      body = rest;
    }
    const res = await this.sessions.authorized((api, token) => api.updateRegistration(token, body));
    if ((res.ok && passwordChange) || (!res.ok && res.error.code === 'PASSWORD_TICKET_INVALID')) this.ticket = null;
    return res;
  }
}
