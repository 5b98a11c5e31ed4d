import type { FastifyInstance } from 'fastify';
import { HealthResponseSchema } from '../../src-shared/contract';
import { sendContract } from '../http/send-contract';

/** GET /health: liveness for scripts and installers; outside /api/v1, no authentication. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', async (_request, reply) => sendContract(reply, 200, HealthResponseSchema, { status: 'ok' }));
}
