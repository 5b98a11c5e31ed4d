import type { ContractError, ForcedPasswordChange, LoginResponse, PasswordResetRequest, Result, SessionInfo, SessionUser } from '../../src-shared/contract';
import type { LoginRequest } from '../../src-shared/contract';
import type { ApiClient } from '../api/api-client';
import { contractError } from '../api/error-mapping';
import { deviceTokenAccount, type SecureStore } from './secure-store';

interface ActiveSession {
  token: string;
  user: SessionUser;
  expiresAt: string;
  /** Opened with an automatic key (Reiniciar clave): only the forced change works until it is done. */
  passwordChangeRequired?: true;
}

/**
 * A right password waiting for its "Código de verificación": the backend's challenge stays here, never in the page.
 * Its expiry is the backend's to judge (this workstation's clock may be off).
 */
interface PendingVerification {
  challenge: string;
  /** Whose device token goes with the code. */
  userId: string;
}

export interface LastUserMemory {
  get(): string | undefined;
  set(userId: string | undefined): void;
}

export interface SessionManagerDeps {
  store: SecureStore;
  /** The current backend; null when the configured URL is refused (then `urlProblem` answers). */
  connection: { api(): ApiClient | null; urlProblem(): ContractError | undefined };
  lastUser: LastUserMemory;
  /** Where the trusted-device tokens are kept (DEVICE_TOKEN_KEYCHAIN_SERVICE); none: every login is untrusted. */
  deviceTokens?: SecureStore;
  onStoreError?: (what: string, err: unknown) => void;
}

/**
 * Owns the session token: it lives here and in the secure store, and never leaves the main
 * process. Every authenticated call goes through `authorized`; a token the backend no longer
 * accepts is forgotten by `sessionExpired`, which the API client's 401 interceptor calls.
 */
export class SessionManager {
  private current: ActiveSession | null = null;
  private pendingVerification: PendingVerification | null = null;
  private readonly endListeners = new Set<() => void>();

  constructor(private readonly deps: SessionManagerDeps) {}

  /**
   * Called whenever the window's session ends or is replaced (logout, lock, switch, forget, dar de
   * baja, a token the backend refused, another login): state tied to one session listens here
   * instead of every handler remembering to clear it.
   */
  onSessionEnd(listener: () => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  private get active(): ActiveSession | null {
    return this.current;
  }

  private set active(next: ActiveSession | null) {
    const ended = this.current !== null && this.current !== next;
    this.current = next;
    if (ended) this.endListeners.forEach((listener) => listener());
  }

  get remembered(): boolean {
    return this.deps.store.kind === 'keychain';
  }

  get currentUserId(): string | null {
    return this.active?.user.userId ?? null;
  }

  private info(s: ActiveSession): SessionInfo {
    const info: SessionInfo = { user: s.user, expiresAt: s.expiresAt, remembered: this.remembered };
    if (s.passwordChangeRequired) info.passwordChangeRequired = true;
    return info;
  }

  private apiOrError(): { api: ApiClient } | { error: ContractError } {
    const api = this.deps.connection.api();
    if (api) return { api };
    return { error: this.deps.connection.urlProblem() ?? contractError('INSECURE_URL') };
  }

  /** At start: the last user's stored token, if the backend still accepts it, signs them in. */
  async restore(): Promise<Result<SessionInfo | null>> {
    const userId = this.deps.lastUser.get();
    if (!userId) return { ok: true, value: null };
    return this.resume(userId);
  }

  /**
   * Signs in a remembered user with the token kept for them; a token the backend refuses is
   * deleted and null answered (the user must type the password).
   */
  async resume(userId: string): Promise<Result<SessionInfo | null>> {
    const token = await this.safeStore(() => this.deps.store.get(userId), null);
    if (!token) return { ok: true, value: null };
    const conn = this.apiOrError();
    if ('error' in conn) return { ok: false, error: conn.error };
    const current = await conn.api.currentSession(token);
    if (!current.ok) {
      if (current.error.code === 'UNAUTHENTICATED') {
        await this.safeStore(() => this.deps.store.delete(userId), false);
        return { ok: true, value: null };
      }
      return current;
    }
    if (current.value.passwordChangeRequired) {
      // Nothing but the forced change answers such a session, not even the registration (so no name yet).
      this.active = { token, user: { userId: current.value.userId, name: current.value.userId }, expiresAt: current.value.expiresAt, passwordChangeRequired: true };
      this.deps.lastUser.set(current.value.userId);
      return { ok: true, value: this.info(this.active) };
    }
    const registration = await conn.api.getRegistration(token);
    if (!registration.ok) return registration;
    this.active = {
      token,
      user: { userId: current.value.userId, name: registration.value.name },
      expiresAt: current.value.expiresAt,
    };
    this.deps.lastUser.set(current.value.userId);
    return { ok: true, value: this.info(this.active) };
  }

  /** The ID.usuario of every user whose session this workstation keeps. */
  async rememberedUsers(): Promise<string[]> {
    return this.safeStore(() => this.deps.store.accounts(), []);
  }

  /** "Olvidar este usuario": its entry is deleted and its session revoked when the backend answers. */
  async forget(userId: string): Promise<Result<null>> {
    const token = await this.safeStore(() => this.deps.store.get(userId), null);
    await this.safeStore(() => this.deps.store.delete(userId), false);
    // Forgotten on this workstation: it no longer vouches for the user either.
    const devices = this.deps.deviceTokens;
    if (devices) await this.safeStore(() => devices.delete(deviceTokenAccount(userId)), false);
    if (this.active?.user.userId === userId) this.active = null;
    if (this.deps.lastUser.get() === userId) this.deps.lastUser.set(undefined);
    if (token) await this.deps.connection.api()?.logout(token);
    return { ok: true, value: null };
  }

  /** After "Reintentar" brought the keychain back: the current session is remembered again. */
  async rememberActive(): Promise<void> {
    const s = this.active;
    if (s) await this.safeStore(() => this.deps.store.set(s.user.userId, s.token), undefined);
  }

  /** "Cambiar de usuario": the window lets go of the session; the keychain keeps it. */
  detach(): Result<null> {
    this.active = null;
    return { ok: true, value: null };
  }

  /** "Dar de baja": on success the user's sessions are gone on the backend, and here too. */
  async deactivate(reason: string): Promise<Result<{ message: string }>> {
    const session = this.active;
    const res = await this.authorized((api, token) => api.deactivate(token, reason));
    if (res.ok && session) {
      this.active = null;
      await this.safeStore(() => this.deps.store.delete(session.user.userId), false);
      if (this.deps.lastUser.get() === session.user.userId) this.deps.lastUser.set(undefined);
    }
    return res;
  }

  /**
   * With two-step verification the backend answers a challenge instead of a session: it is kept here and the page
   * is told VERIFICATION_REQUIRED, to ask for the code (verifyLoginCode).
   */
  async login(request: LoginRequest): Promise<Result<SessionInfo>> {
    const conn = this.apiOrError();
    if ('error' in conn) return { ok: false, error: conn.error };
    this.pendingVerification = null;
    const res = await conn.api.login(request, await this.deviceToken(request.userId));
    if (!res.ok) return res;
    if ('challenge' in res.value) {
      this.pendingVerification = { challenge: res.value.challenge, userId: request.userId };
      return { ok: false, error: contractError('VERIFICATION_REQUIRED') };
    }
    return this.adopt(conn.api, res.value);
  }

  /** "Código de verificación": finishes the login the last password started. */
  async verifyLoginCode(code: string): Promise<Result<SessionInfo>> {
    const pending = this.pendingVerification;
    if (!pending) return { ok: false, error: contractError('VERIFICATION_EXPIRED') };
    const conn = this.apiOrError();
    if ('error' in conn) return { ok: false, error: conn.error };
    const res = await conn.api.verifyLogin(pending.challenge, code, await this.deviceToken(pending.userId));
    if (!res.ok) {
      // A wrong code may be typed again; a lock or an ended challenge needs the password again.
      if (res.error.code !== 'VERIFICATION_CODE_INVALID' && res.error.code !== 'VALIDATION_FAILED') this.pendingVerification = null;
      return res;
    }
    this.pendingVerification = null;
    return this.adopt(conn.api, res.value);
  }

  /** A new session from the backend becomes the window's, and the keychain's. */
  private async adopt(api: ApiClient, login: LoginResponse): Promise<Result<SessionInfo>> {
    await this.keepDeviceToken(login.user.userId, login.deviceToken);
    // A previous user's session in this window ends with the new login.
    if (this.active && this.active.user.userId !== login.user.userId) await this.logout();
    this.active = { token: login.token, user: login.user, expiresAt: login.expiresAt, ...(login.passwordChangeRequired ? { passwordChangeRequired: true as const } : {}) };
    // A session this workstation kept for the same user is replaced: revoke it, don't orphan it.
    const replaced = await this.safeStore(() => this.deps.store.get(login.user.userId), null);
    await this.safeStore(() => this.deps.store.set(login.user.userId, login.token), undefined);
    if (replaced && replaced !== login.token) await api.logout(replaced);
    this.deps.lastUser.set(login.user.userId);
    return { ok: true, value: this.info(this.active) };
  }

  /**
   * The trusted-device token this workstation holds for the user (docs/architecture.md §5): sent with the login, it
   * gives this device its own failure budget. Like the session token it never leaves the main process.
   */
  private async deviceToken(userId: string): Promise<string | null> {
    const store = this.deps.deviceTokens;
    return store ? this.safeStore(() => store.get(deviceTokenAccount(userId)), null) : null;
  }

  /** Every successful login answers a fresh token, which replaces the one sent. */
  private async keepDeviceToken(userId: string, token: string): Promise<void> {
    const store = this.deps.deviceTokens;
    if (store) await this.safeStore(() => store.set(deviceTokenAccount(userId), token), undefined);
  }

  /** "Solicitud de reinicio de clave automática" (no session needed). */
  async requestPasswordReset(body: PasswordResetRequest): Promise<Result<{ message: string }>> {
    const conn = this.apiOrError();
    if ('error' in conn) return { ok: false, error: conn.error };
    return conn.api.requestPasswordReset(body);
  }

  /** "Cambio de clave obligatorio": on success the session works everywhere again. */
  async changeForcedPassword(body: ForcedPasswordChange): Promise<Result<SessionInfo>> {
    const session = this.active;
    const res = await this.authorized((api, token) => api.forcedPasswordChange(token, body));
    if (!res.ok) return res;
    if (!session || this.active !== session) return { ok: false, error: unauthenticated() };
    const name = await this.authorized((api, token) => api.getRegistration(token));
    const next: ActiveSession = { token: session.token, user: { userId: session.user.userId, name: name.ok ? name.value.name : session.user.name }, expiresAt: session.expiresAt };
    this.current = next;
    return { ok: true, value: this.info(next) };
  }

  /** Revokes on the backend when it can; always forgets the token locally. */
  async logout(): Promise<Result<null>> {
    const session = this.active;
    this.active = null;
    if (!session) return { ok: true, value: null };
    await this.safeStore(() => this.deps.store.delete(session.user.userId), false);
    await this.deps.connection.api()?.logout(session.token);
    return { ok: true, value: null };
  }

  /** Runs an authenticated call with the window's session token (none: UNAUTHENTICATED, nothing sent). */
  async authorized<T>(call: (api: ApiClient, token: string) => Promise<Result<T>>): Promise<Result<T>> {
    const session = this.active;
    if (!session) return { ok: false, error: unauthenticated() };
    const conn = this.apiOrError();
    if ('error' in conn) return { ok: false, error: conn.error };
    return call(conn.api, session.token);
  }

  /**
   * The backend refused `token` (401 UNAUTHENTICATED, seen by the API client's response interceptor before the call
   * answers): if it is the window's session, that session ends and its keychain entry goes. Other tokens (a
   * remembered one being resumed, a replaced one being revoked) are their callers' business.
   */
  async sessionExpired(token: string): Promise<void> {
    const session = this.active;
    if (session?.token !== token) return;
    this.active = null;
    await this.safeStore(() => this.deps.store.delete(session.user.userId), false);
  }

  private async safeStore<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch (err) {
      this.deps.onStoreError?.('secure store', err);
      return fallback;
    }
  }
}

function unauthenticated(): ContractError {
  return contractError('UNAUTHENTICATED');
}
