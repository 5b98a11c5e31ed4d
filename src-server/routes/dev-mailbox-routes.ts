import type { FastifyInstance } from 'fastify';
import { MailboxSchema } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { sendContract } from '../http/send-contract';
import { listMailbox } from '../mail/mailbox-store';

/**
 * GET /dev/mailbox: the sandbox mailbox, oldest first (docs/architecture.md §5). Registered only when SMTP_URL
 * is unset, so with a real relay the path is a plain 404. No token: it is the sandbox's inbox
 * for developers and tests, on the loopback address by default.
 */
export function devMailboxRoutes(db: Db) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/dev/mailbox', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return sendContract(reply, 200, MailboxSchema, await listMailbox(db));
    });
  };
}
