import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { Mailer } from './mailer';
import { createSandboxMailer } from './sandbox-mailer';
import { createSmtpMailer } from './smtp-mailer';

/** SMTP when SMTP_URL is set, the sandbox mailbox otherwise (docs/architecture.md §7). */
export function createMailer(deps: { smtpUrl: string | undefined; from: string; db: Db; clock: Clock; log: FastifyBaseLogger }): Mailer {
  return deps.smtpUrl ? createSmtpMailer({ smtpUrl: deps.smtpUrl, from: deps.from }) : createSandboxMailer(deps);
}
