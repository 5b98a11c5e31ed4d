import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import { storeMailboxEntry } from './mailbox-store';
import { MailSendError, type Mailer } from './mailer';

interface BuiltMessage {
  to?: { address: string }[];
  subject?: string;
  text?: string;
}

/**
 * The sandbox's mailer: nodemailer's JSON transport builds the message exactly as it would for
 * SMTP (address normalisation included), then it is stored in the mailbox table and printed to
 * the log, where a developer running the sandbox can read the security code.
 */
export function createSandboxMailer(deps: { db: Db; clock: Clock; from: string; log: FastifyBaseLogger }): Mailer {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  return {
    kind: 'sandbox',
    async send(mail) {
      try {
        const info = await transport.sendMail({ from: deps.from, to: mail.to, subject: mail.subject, text: mail.text });
        const built = JSON.parse(info.message) as BuiltMessage;
        const entry = {
          to: built.to?.[0]?.address ?? mail.to,
          subject: built.subject ?? mail.subject,
          text: built.text ?? mail.text,
          sentAt: deps.clock.now().toISOString(),
        };
        await storeMailboxEntry(deps.db, entry);
        deps.log.info({ mail: entry }, `sandbox mailbox: mail to ${entry.to}: ${entry.subject}`);
      } catch (err) {
        throw new MailSendError(`sandbox mailbox: could not store the mail: ${(err as Error).message}`, { cause: err });
      }
    },
    async close() {
      transport.close();
    },
  };
}
