import { ERROR_MESSAGES, MANAGED_BY_ORGANIZATION, type ContractError, type PolicyState, type SettingsUpdate } from '../../src-shared/contract';

/**
 * Refuses a Configuración update that touches a setting the machine policy fixes. The screen already shows those
 * fields read-only; this is the main process's own check, since a page (or a hostile payload) can call the bridge
 * directly.
 */
export function refuseManagedChange(update: SettingsUpdate, state: PolicyState): ContractError | null {
  const touched = (['backendUrl', 'idleLockMinutes', 'proxy'] as const).filter((k) => update[k] !== undefined && state.fixed.includes(k));
  if (touched.length === 0) return null;
  return {
    code: 'MANAGED_BY_POLICY',
    message: ERROR_MESSAGES.MANAGED_BY_POLICY,
    fields: Object.fromEntries(touched.map((k) => [k, MANAGED_BY_ORGANIZATION])),
  };
}
