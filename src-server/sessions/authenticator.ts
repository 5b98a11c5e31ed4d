import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { AppError } from '../http/app-error';
import { SESSION_CLOSED_MESSAGE } from '../../src-shared/contract/error-messages';
import type { UserRow } from '../db/schema';
import { isPromise, mapMaybe, type MaybePromise } from '../db/maybe-async';
import { findSessionWithUser, touchSession, type SessionWithUser } from './session-store';
import { sessionExpiryMs, type SessionLimits } from './session-policy';

/**
 * last_seen_at is written only when it is older than this, so a burst of reads is not a burst of
 * writes. The idle window is then exact to within this slack whatever its length (issue #11: with
 * a fixed minute, a 1-minute window used every 15 s died at 60 s): at most 5 s, and a twelfth of
 * a window shorter than a minute.
 */
export function touchSlackMs(idleMinutes: number): number {
  return Math.min(5_000, (idleMinutes * 60_000) / 12);
}

export interface AuthenticatedSession {
  userId: string;
  tokenHash: string;
  /** The session's public id ("Este equipo" in Mi cuenta). */
  sessionId: string;
  expiresAt: Date;
  /** The caller's users row, read with the session (one query): a GET answers from it. */
  user: UserRow;
  /** Opened with an automatic key: only the routes that allow it answer (issue 27). */
  passwordChangeRequired: boolean;
}

/** `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 9110), the token is not. */
function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer +([A-Za-z0-9_-]{1,128})\s*$/i.exec(header) : null;
  return match?.[1];
}

/** Where the hook leaves the session on the request (a decoration, so every request has one shape). */
const SESSION = Symbol('ecuapass.session');
type WithSession = FastifyRequest & { [SESSION]: AuthenticatedSession | null };

/**
 * Resolves the caller's live session. Used as an `onRequest` hook, so a request without a live
 * token is refused with 401 before its body is even read. Each accepted request extends the idle
 * window (last_seen_at = now, written at most every touchSlackMs).
 */
export function createAuthenticator(deps: { db: Db; clock: Clock; sessionLimits: SessionLimits }) {
  /** Checks the row found for the token; the write of last_seen_at, when due, is the only wait. */
  function accept(request: FastifyRequest, found: SessionWithUser | undefined, allowPasswordChange: boolean): MaybePromise<void> {
    const now = deps.clock.now();
    if (!found || found.user.deactivated_at !== null) throw new AppError('UNAUTHENTICATED');
    // Revoked: closed in "Mi cuenta" of another session, or by a password / e-mail change made elsewhere (this
    // token's own logout forgets the token). The app then says so on its login screen.
    if (found.session.revoked_at !== null) {
      throw found.session.revoked_by === 'other' ? new AppError('UNAUTHENTICATED', undefined, SESSION_CLOSED_MESSAGE) : new AppError('UNAUTHENTICATED');
    }
    const passwordChangeRequired = found.session.must_change_password === 1;
    const { session, user } = found;
    // Numbers, not Dates: this runs on every authenticated request (issue #15).
    const times = { createdAtMs: Date.parse(session.created_at), lastSeenAtMs: Date.parse(session.last_seen_at) };
    const nowMs = now.getTime();
    const expiryMs = sessionExpiryMs(times, deps.sessionLimits);
    // Fail closed: an unreadable time (NaN) is an ended session.
    if (!(nowMs < expiryMs)) throw new AppError('UNAUTHENTICATED');
    if (passwordChangeRequired && !allowPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    const touch = nowMs - times.lastSeenAtMs >= touchSlackMs(deps.sessionLimits.idleMinutes);
    (request as WithSession)[SESSION] = {
      userId: session.user_id,
      tokenHash: session.token_hash,
      sessionId: session.id,
      expiresAt: new Date(touch ? sessionExpiryMs({ createdAtMs: times.createdAtMs, lastSeenAtMs: nowMs }, deps.sessionLimits) : expiryMs),
      user,
      passwordChangeRequired,
    };
    return touch ? touchSession(deps.db, session.token_hash, now) : undefined;
  }

  /**
   * A callback hook, finished synchronously on SQLite: an async hook costs promises and microtasks
   * on every authenticated request (issue #15).
   */
  function sessionHook(allowPasswordChange: boolean) {
    return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
      let pending: MaybePromise<void>;
      try {
        const token = bearerToken(request);
        if (!token) throw new AppError('UNAUTHENTICATED');
        pending = mapMaybe(findSessionWithUser(deps.db, token), (found) => accept(request, found, allowPasswordChange));
      } catch (err) {
        done(err as Error);
        return;
      }
      if (isPromise(pending)) pending.then(() => done(), done);
      else done();
    };
  }
  /** Every route but the few below: a session opened with an automatic key gets 403 PASSWORD_CHANGE_REQUIRED. */
  const requireSession = sessionHook(false);
  /** GET/DELETE /sessions/current and the forced change itself: any live session, forced change pending or not. */
  const requireAnySession = sessionHook(true);

  /** The session found by the hook; calling it on a route without the hook is a server bug. */
  function sessionOf(request: FastifyRequest): AuthenticatedSession {
    const session = (request as WithSession)[SESSION];
    if (!session) throw new Error('sessionOf() called on a route without the authentication hook');
    return session;
  }

  /** Declares the request decoration; called once on the app, before any route. */
  function decorate(app: FastifyInstance): void {
    app.decorateRequest(SESSION, null);
  }

  return { requireSession, requireAnySession, sessionOf, decorate };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
