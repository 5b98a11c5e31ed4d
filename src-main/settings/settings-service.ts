import { SYSTEM_PROXY, type PolicyState, type ProxySettings, type Result, type SettingsUpdate, type SettingsView } from '../../src-shared/contract';
import { backendUrlFieldError, checkBackendUrl } from '../api/backend-url';
import type { BackendConnection } from '../api/backend-connection';
import { refuseManagedChange } from '../policy/policy-guard';
import type { AppSettings } from './app-settings';

export interface SettingsServiceDeps {
  read(): AppSettings;
  save(next: AppSettings): void;
  connection: BackendConnection;
  policy: { state: PolicyState; idleLockMinutes?: number | undefined; proxy?: ProxySettings | undefined };
  /** Puts a saved proxy configuration in force (Chromium's session proxy). */
  applyProxy?(proxy: ProxySettings): Promise<void>;
  /** A session belongs to the backend that issued it: called before the URL changes. */
  endSession(): Promise<unknown>;
}

/**
 * "Configuración de conexión": what the screen shows and the rules of a change (machine policy
 * first, then the backend URL rule of backend-url.ts, then the save).
 */
export class SettingsService {
  constructor(private readonly deps: SettingsServiceDeps) {}

  view(): SettingsView {
    const { connection, policy } = this.deps;
    return {
      backendUrl: connection.backendUrl,
      backendUrlSource: connection.backendUrlSource,
      idleLockMinutes: policy.idleLockMinutes ?? this.deps.read().idleLockMinutes,
      proxy: policy.proxy ?? this.deps.read().proxy ?? SYSTEM_PROXY,
      policy: policy.state,
    };
  }

  async update(input: SettingsUpdate): Promise<Result<SettingsView>> {
    const managed = refuseManagedChange(input, this.deps.policy.state);
    if (managed) return { ok: false, error: managed };
    const { connection } = this.deps;
    if (input.backendUrl !== undefined) {
      const check = checkBackendUrl(input.backendUrl);
      if (!check.ok) return { ok: false, error: backendUrlFieldError(check.reason) };
      if (check.url !== connection.backendUrl && connection.backendUrlSource !== 'env') await this.deps.endSession();
      this.deps.save({ ...this.deps.read(), backendUrl: check.url });
      connection.configure(check.url);
    }
    if (input.idleLockMinutes !== undefined) this.deps.save({ ...this.deps.read(), idleLockMinutes: input.idleLockMinutes });
    if (input.proxy !== undefined) {
      this.deps.save({ ...this.deps.read(), proxy: input.proxy });
      await this.deps.applyProxy?.(input.proxy);
    }
    return { ok: true, value: this.view() };
  }
}
