import nodemailer from 'nodemailer';
import { MailSendError, type Mailer } from './mailer';

/** Bounded waits: a dead relay must fail the request in seconds, not hang it. */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

const flag = (params: URLSearchParams, name: string): boolean | undefined => {
  const v = params.get(name);
  return v === null ? undefined : v === 'true' || v === '1';
};

/**
 * Transport options from SMTP_URL (config.ts already checked it is smtp:// or smtps://).
 * smtp:// connects in clear and upgrades with STARTTLS when the server offers it (unless
 * ?ignoreTLS=true, for a local relay without TLS); smtps:// is TLS from the first byte.
 */
export function smtpOptionsFrom(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const params = url.searchParams;
  const rejectUnauthorized = flag(params, 'tls.rejectUnauthorized');
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    ...(flag(params, 'ignoreTLS') !== undefined ? { ignoreTLS: flag(params, 'ignoreTLS') } : {}),
    ...(flag(params, 'requireTLS') !== undefined ? { requireTLS: flag(params, 'requireTLS') } : {}),
    ...(rejectUnauthorized !== undefined ? { tls: { rejectUnauthorized } } : {}),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  };
}

/** Sends through the SMTP relay of SMTP_URL; resolves once the relay has accepted the mail. */
export function createSmtpMailer(deps: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(smtpOptionsFrom(deps.smtpUrl));
  return {
    kind: 'smtp',
    async send(mail) {
      try {
        const info = await transport.sendMail({ from: deps.from, to: mail.to, subject: mail.subject, text: mail.text });
        if (info.rejected.length > 0) throw new Error(`recipient refused by the SMTP server`);
      } catch (err) {
        throw new MailSendError(`SMTP: could not send the mail: ${(err as Error).message}`, { cause: err });
      }
    },
    async close() {
      transport.close();
    },
  };
}
