import { z } from 'zod';
import { ProxySettingsSchema } from './proxy';

/**
 * The machine policy an IT department writes (Linux `/etc/ecuapass-desktop/policy.json`, see README "Política de
 * equipo"). Every key is optional: what it names is fixed for every user of the machine and cannot be changed in
 * Configuración. Unknown keys are refused (a typo must not silently leave a setting unpinned).
 */
const PolicyUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine(isUrl, 'no es una URL');

// URL.canParse is newer than the Electron 25 runtime (Node 18.15, Chrome 114).
function isUrl(raw: string): boolean {
  try {
    new URL(raw);
    return true;
  } catch {
    return false;
  }
}

export const MachinePolicySchema = z.strictObject({
  /** The backend every user talks to (still subject to the https-except-loopback rule). */
  backendUrl: PolicyUrl.optional(),
  /** Minutes without input before the app locks. */
  idleLockMinutes: z.number().int().min(1).max(480).optional(),
  updates: z
    .strictObject({
      /** false: the app never checks for, downloads or installs updates. */
      enabled: z.boolean().optional(),
      /** Base URL of the generic update feed (latest-linux.yml / latest.yml / latest-mac.yml live there). */
      feedUrl: PolicyUrl.optional(),
    })
    .optional(),
  /** How every user of the machine reaches the backend: { mode: system|manual|pac, server, bypass, pacUrl }. */
  proxy: ProxySettingsSchema.optional(),
});
export type MachinePolicy = z.infer<typeof MachinePolicySchema>;

/** What the renderer learns about the policy: which settings it fixes (values come with the settings). */
export const PolicyStateSchema = z.object({
  /** 'none': no policy file; 'applied': a valid one; 'invalid': a file that was refused (safe defaults in force). */
  status: z.enum(['none', 'applied', 'invalid']),
  fixed: z.array(z.enum(['backendUrl', 'idleLockMinutes', 'updates', 'proxy'])),
});
export type PolicyState = z.infer<typeof PolicyStateSchema>;

export const MANAGED_BY_ORGANIZATION = 'Administrado por su organización';
