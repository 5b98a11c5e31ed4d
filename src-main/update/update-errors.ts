import { UPDATE_MESSAGES } from '../../src-shared/contract/update';

/** True for electron-updater's refusal of a file whose sha512 is not the feed's (tampered or truncated). */
export function isChecksumError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(message);
}

/** The Spanish sentence for an updater error, by what the app was doing when it happened. */
export function updateErrorMessage(err: unknown, during: 'check' | 'download' | 'install', version: string | undefined): string {
  if (during === 'install') return UPDATE_MESSAGES.installFailed;
  if (during === 'check' || version === undefined) return UPDATE_MESSAGES.checkFailed;
  return isChecksumError(err) ? UPDATE_MESSAGES.checksumRefused(version) : UPDATE_MESSAGES.downloadFailed(version);
}
