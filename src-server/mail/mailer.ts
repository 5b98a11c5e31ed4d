/** One plain-text mail to one address: everything the backend sends is that simple. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends mail: by SMTP when SMTP_URL is set, otherwise into the sandbox mailbox (docs/architecture.md §7).
 * `send` resolves only once the mail is stored in the mailbox or accepted by the SMTP server,
 * so a route can answer 202 knowing the mail exists; any failure rejects with MailSendError.
 */
export interface Mailer {
  readonly kind: 'smtp' | 'sandbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** The mail could not be handed over; the cause (connection refused, rejected recipient…) is kept for the log. */
export class MailSendError extends Error {
  override name = 'MailSendError';
}
