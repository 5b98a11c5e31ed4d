import type { FastifyInstance } from 'fastify';
import { HealthResponseSchema, ReadinessResponseSchema } from '../../src-shared/contract';
import { pingDatabase } from '../db/ping';
import type { Db } from '../db/open-database';
import { sendContract } from '../http/send-contract';

/**
 * Outside /api/v1, no authentication. GET /health: liveness (the process runs; a supervisor
 * restarts it when this stops answering). GET /health/ready: readiness (the database answers; a
 * load balancer sends traffic elsewhere while this is 503). An instance whose database is down is
 * alive but not ready, so it must not be restarted for that.
 */
export function healthRoutes(db: Db) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/health', async (_request, reply) => sendContract(reply, 200, HealthResponseSchema, { status: 'ok' }));
    app.get('/health/ready', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const up = await pingDatabase(db);
      return up
        ? sendContract(reply, 200, ReadinessResponseSchema, { status: 'ready', database: 'up' })
        : sendContract(reply, 503, ReadinessResponseSchema, { status: 'unavailable', database: 'down' });
    });
  };
}
