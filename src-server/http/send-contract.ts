import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

/**
 * Sends `value` after parsing it with the shared response schema, so the server cannot answer off
 * contract: a mismatch is a server bug and becomes a 500 INTERNAL (logged), never a bad body.
 */
export function sendContract<S extends z.ZodType>(reply: FastifyReply, status: number, schema: S, value: z.input<S>): FastifyReply {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`Response does not match its contract schema: ${JSON.stringify(parsed.error.issues)}`);
  }
  return reply.code(status).send(parsed.data);
}
