import { z } from 'zod';

/**
 * What the update module tells the renderer (issue 10). `phase`:
 * - off: updates are off (machine policy, or no feed configured); `message` says why
 * - idle: nothing to do (not checked yet, or this is the newest version)
 * - checking: asking the feed
 * - downloading: version `version` is available and being downloaded (`percent`)
 * - ready: downloaded and its sha512 verified; installed at the next restart
 * - error: the last check or download failed; `message` is for the user
 */
export const UpdateStateSchema = z.object({
  phase: z.enum(['off', 'idle', 'checking', 'downloading', 'ready', 'error']),
  currentVersion: z.string(),
  version: z.string().max(64).optional(),
  percent: z.number().min(0).max(100).optional(),
  transferredBytes: z.number().int().nonnegative().optional(),
  totalBytes: z.number().int().nonnegative().optional(),
  message: z.string().max(500).optional(),
  /** Where the feed URL came from. */
  feedSource: z.enum(['policy', 'settings']).optional(),
  /** Whether this platform can install on restart (false: the user downloads the installer). */
  canInstall: z.boolean(),
});
export type UpdateState = z.infer<typeof UpdateStateSchema>;

export const UPDATE_MESSAGES = {
  disabledByPolicy: 'Su organización desactivó las actualizaciones automáticas.',
  noFeed: 'No hay un origen de actualizaciones configurado.',
  available: (version: string) => `Está disponible la versión ${version}.`,
  ready: (version: string) => `La versión ${version} se descargó y se verificó. Se instalará al reiniciar la aplicación.`,
  checksumRefused: (version: string) =>
    `La descarga de la versión ${version} no coincide con la firma publicada (sha512) y se descartó. No se instaló nada.`,
  downloadFailed: (version: string) =>
    `No se pudo completar la descarga de la versión ${version}. No se instaló nada; se volverá a intentar más tarde.`,
  checkFailed: 'No se pudo comprobar si hay actualizaciones. Se volverá a intentar más tarde.',
  installFailed: 'No se pudo instalar la actualización. La versión actual sigue instalada.',
} as const;
