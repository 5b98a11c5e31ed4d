import QRCode from 'qrcode';
import type { Result, TwoFactorEnrolmentView, TwoFactorStatus } from '../../src-shared/contract';
import type { SessionManager } from '../session/session-manager';

/**
 * Verificación en dos pasos (issue 27) for the page. The backend's otpauth:// URI is drawn here as a QR code (an SVG,
 * made by the `qrcode` package in this process: nothing is fetched, nothing leaves the machine) and handed to the
 * page with the key for typing by hand; the URI itself never goes to the page. Recovery codes pass through once.
 */
export class TwoFactorService {
  constructor(private readonly sessions: SessionManager) {}

  status(): Promise<Result<TwoFactorStatus>> {
    return this.sessions.authorized((api, token) => api.twoFactorStatus(token));
  }

  async startEnrolment(): Promise<Result<TwoFactorEnrolmentView>> {
    const res = await this.sessions.authorized((api, token) => api.startTwoFactorEnrolment(token));
    if (!res.ok) return res;
    return { ok: true, value: { qrDataUrl: await qrDataUrl(res.value.otpauthUri), manualKey: groupedKey(res.value.secret) } };
  }

  confirmEnrolment(code: string): Promise<Result<{ recoveryCodes: string[] }>> {
    return this.sessions.authorized((api, token) => api.confirmTwoFactorEnrolment(token, code));
  }

  async disable(password: string, code: string): Promise<Result<TwoFactorStatus>> {
    const res = await this.sessions.authorized((api, token) => api.disableTwoFactor(token, password, code));
    if (!res.ok) return res;
    return this.status();
  }
}

/** The QR code of `text` as an SVG data URL (the page's CSP allows data: images only). */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** "JBSWY3DPEHPK3PXP…" in groups of 4, as authenticator apps accept it typed (spaces are ignored there). */
export function groupedKey(secret: string): string {
  return secret.replace(/(.{4})(?!$)/g, '$1 ');
}
