import { Secret, TOTP } from 'otpauth';

/**
 * TOTP (RFC 6238) through the maintained `otpauth` library: SHA-1, 6 digits, 30 s, the parameters every
 * authenticator app (Google Authenticator, FreeOTP, Authy…) reads from an otpauth:// URI. A code is accepted
 * one step before or after the current one (clock drift), and never twice (the caller keeps the last step).
 */
export const TOTP_ISSUER = 'Ecuapass';
export const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, userId: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label: userId, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI the QR code carries. */
export function otpauthUri(secret: string, userId: string): string {
  return totpOf(secret, userId).toString();
}

/** The time step the code belongs to, when it is right for `now` (±1 step); null otherwise. */
export function stepOfCode(secret: string, code: string, now: Date): number | null {
  const delta = totpOf(secret, '').validate({ token: code.replace(/\s/g, ''), timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}
