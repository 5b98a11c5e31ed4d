import type { FastifyInstance } from 'fastify';
import {
  ActivityHttpQuerySchema,
  ActivityPageSchema,
  CloseOthersQuerySchema,
  ClosedSessionsSchema,
  SessionIdSchema,
  SessionListSchema,
  type SessionView,
} from '../../src-shared/contract/account';
import type { AppDeps } from '../app-deps';
import { activityPage, previousLogin } from '../audit/activity';
import { writeAudit } from '../audit/audit-log';
import { writeTransaction } from '../db/group-commit';
import { AppError } from '../http/app-error';
import { parseQuery } from '../http/parse-body';
import { originOf } from '../http/request-origin';
import { sendContract } from '../http/send-contract';
import { sessionExpiryMs } from '../sessions/session-policy';
import { listOpenSessions, revokeOtherSessions, revokeSessionById } from '../sessions/session-store';

/**
 * "Mi cuenta" (issue #28, docs/architecture.md §5): the caller's own sessions and activity. Every query is scoped to
 * the session's user: another user's session id is answered exactly like an unknown one (404).
 */
export function accountRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const { auth } = deps;

    app.get('/sessions', { onRequest: auth.requireSession }, async (request, reply) => {
      const { userId, sessionId } = auth.sessionOf(request);
      const nowMs = deps.clock.now().getTime();
      const live = (await listOpenSessions(deps.db, userId)).filter(
        (s) => nowMs < sessionExpiryMs({ createdAtMs: Date.parse(s.created_at), lastSeenAtMs: Date.parse(s.last_seen_at) }, deps.sessionLimits),
      );
      const sessions: SessionView[] = live
        .map((s) => ({
          id: s.id,
          device: { host: s.device_host, os: s.device_os, app: s.device_app },
          ip: s.ip,
          createdAt: s.created_at,
          lastSeenAt: s.last_seen_at,
          current: s.id === sessionId,
        }))
        .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt) || a.id.localeCompare(b.id));
      const current = live.find((s) => s.id === sessionId);
      return sendContract(reply, 200, SessionListSchema, {
        sessions,
        previousLogin: current ? await previousLogin(deps.db, userId, current.created_at) : null,
      });
    });

    app.delete('/sessions/:id', { onRequest: auth.requireSession }, async (request, reply) => {
      const { userId, sessionId } = auth.sessionOf(request);
      const params = SessionIdSchema.safeParse(request.params);
      if (!params.success) throw new AppError('NOT_FOUND', undefined, 'La sesión indicada no existe.');
      const now = deps.clock.now();
      const closed = await writeTransaction(deps.db, async (trx) => {
        if (!(await revokeSessionById(trx, userId, params.data.id, now, params.data.id === sessionId ? 'self' : 'other'))) return false;
        await writeAudit(trx, { userId, at: now, action: 'session.closed', fields: ['session'], origin: originOf(request) });
        return true;
      });
      if (!closed) throw new AppError('NOT_FOUND', undefined, 'La sesión indicada no existe.');
      request.log.info({ userId }, 'session closed from Mi cuenta');
      return reply.code(204).send();
    });

    // Only "the others": closing every session at once is Cerrar sesión plus this.
    app.delete('/sessions', { onRequest: auth.requireSession }, async (request, reply) => {
      const { userId, tokenHash } = auth.sessionOf(request);
      parseQuery(CloseOthersQuerySchema, request.query);
      const now = deps.clock.now();
      const closed = await writeTransaction(deps.db, async (trx) => {
        const n = await revokeOtherSessions(trx, userId, tokenHash, now);
        if (n > 0) await writeAudit(trx, { userId, at: now, action: 'session.closed', fields: ['other_sessions'], origin: originOf(request) });
        return n;
      });
      return sendContract(reply, 200, ClosedSessionsSchema, { closed });
    });

    app.get('/general-user/activity', { onRequest: auth.requireSession }, async (request, reply) => {
      const { userId } = auth.sessionOf(request);
      const q = parseQuery(ActivityHttpQuerySchema, request.query);
      const page = await activityPage(deps.db, userId, {
        limit: q.limit,
        ...(q.before !== undefined ? { before: Number(q.before) } : {}),
        ...(q.type !== undefined ? { type: q.type } : {}),
      });
      return sendContract(reply, 200, ActivityPageSchema, page);
    });
  };
}
