import { MachinePolicySchema, type MachinePolicy, type PolicyState } from '../../src-shared/contract';
import { checkBackendUrl } from '../api/backend-url';

export type PolicyLoad =
  | { status: 'none'; policy: MachinePolicy }
  | { status: 'applied'; policy: MachinePolicy }
  /** The file exists but was refused; `reason` is logged. Safe defaults apply (see safeDefaults). */
  | { status: 'invalid'; policy: MachinePolicy; reason: string };

const MAX_POLICY_BYTES = 64 * 1024;

/**
 * Reads and validates the machine policy. Any problem with a file that exists (unreadable, too big, not JSON, a key
 * or value the schema refuses, a backend or feed URL that is not https outside loopback) refuses the WHOLE file:
 * half a policy could leave the very setting the department meant to pin open to change.
 */
export function loadMachinePolicy(read: () => Buffer | null): PolicyLoad {
  let raw: Buffer | null;
  try {
    raw = read();
  } catch (err) {
    return invalid(`no se pudo leer el archivo (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (raw === null) return { status: 'none', policy: {} };
  if (raw.length > MAX_POLICY_BYTES) return invalid(`el archivo supera ${MAX_POLICY_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return invalid('el archivo no es JSON válido');
  }
  return validateMachinePolicy(json);
}

/**
 * The one validation of a machine policy, whatever its source (the JSON file, the Windows registry, macOS managed
 * preferences nested by policyFromValues): the schema, then the https-except-loopback rule for both URLs.
 */
export function validateMachinePolicy(json: unknown): PolicyLoad {
  const parsed = MachinePolicySchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(raíz)'}: ${i.message}`).join('; ');
    return invalid(`valores no válidos: ${where}`);
  }
  const policy = parsed.data;
  for (const [key, url] of [['backendUrl', policy.backendUrl], ['updates.feedUrl', policy.updates?.feedUrl]] as const) {
    if (url === undefined) continue;
    const check = checkBackendUrl(url);
    if (!check.ok) return invalid(`${key}: ${check.reason === 'insecure' ? 'http solo se permite hacia este equipo' : 'URL no válida'}`);
  }
  const backend = policy.backendUrl === undefined ? undefined : checkBackendUrl(policy.backendUrl);
  return { status: 'applied', policy: backend?.ok ? { ...policy, backendUrl: backend.url } : policy };
}

function invalid(reason: string): PolicyLoad {
  return { status: 'invalid', policy: {}, reason };
}

/** Which settings the policy takes out of the user's hands. A refused policy fixes the backend (none) and updates (off). */
export function policyState(load: PolicyLoad): PolicyState {
  if (load.status === 'invalid') return { status: 'invalid', fixed: ['backendUrl', 'updates'] };
  const p = load.policy;
  const fixed: PolicyState['fixed'] = [];
  if (p.backendUrl !== undefined) fixed.push('backendUrl');
  if (p.idleLockMinutes !== undefined) fixed.push('idleLockMinutes');
  if (p.updates !== undefined) fixed.push('updates');
  if (p.proxy !== undefined) fixed.push('proxy');
  return { status: load.status, fixed };
}

/** Updates run only when no policy turned them off, and never under a refused policy. */
export function updatesAllowed(load: PolicyLoad): boolean {
  if (load.status === 'invalid') return false;
  return load.policy.updates?.enabled !== false;
}
