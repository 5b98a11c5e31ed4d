import {
  ERROR_MESSAGES,
  type PasswordVerified,
  type Receipt,
  type Registration,
  type RegistrationSaved,
  type Result,
} from '../../src-shared/contract';
import { registrationChanges } from '../../src-shared/registration/changes';
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
  /** The registration as last read or saved in this session: the "before" of the next change's constancia. */
  private lastRead: Registration | null = null;
  /** The constancia of the last change saved in this session ("Guardar constancia (PDF)"). */
  private receipt: Receipt | null = null;

  constructor(private readonly sessions: SessionManager) {
    // A ticket, and what the constancia is made of, never outlive the session they belong to.
    sessions.onSessionEnd(() => {
      this.ticket = null;
      this.lastRead = null;
      this.receipt = null;
    });
  }

  async getRegistration(): Promise<Result<Registration>> {
    const res = await this.sessions.authorized((api, token) => api.getRegistration(token));
    if (res.ok) this.lastRead = res.value;
    return res;
  }

  /** The constancia of the last change saved in this session, or null. */
  lastReceipt(): Receipt | null {
    return this.receipt;
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

  async update(form: RegistrationForm): Promise<Result<RegistrationSaved>> {
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
    const before = this.lastRead;
    const res = await this.sessions.authorized((api, token) => api.updateRegistration(token, body));
    if ((res.ok && passwordChange) || (!res.ok && res.error.code === 'PASSWORD_TICKET_INVALID')) this.ticket = null;
    if (res.ok) {
      const saved = res.value;
      // Old → new against what this session read; without a read (never the case from the form) only the new values.
      const { changes, passwordChanged } = registrationChanges(before?.userId === saved.userId ? before : saved, saved, passwordChange !== undefined);
      this.receipt = { userId: saved.userId, name: saved.name, savedAt: saved.savedAt, auditId: saved.auditId, changes, passwordChanged };
      this.lastRead = saved;
    }
    return res;
  }
}
