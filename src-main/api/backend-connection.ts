import type { ContractError } from '../../src-shared/contract';
import type { SettingsView } from '../../src-shared/contract';
import { type ApiClient } from './api-client';
import { backendUrlError, backendUrlFieldError, checkBackendUrl, resolveBackendUrl, SANDBOX_BACKEND_URL } from './backend-url';
import { contractError } from './error-mapping';

/**
 * Which backend the app talks to: ECUAPASS_API_URL, else the saved setting, else the sandbox.
 * Changing the saved URL takes effect at once (unless the environment variable pins it).
 */
export class BackendConnection {
  private client: ApiClient | null = null;
  private problem: ContractError | undefined;
  private url = SANDBOX_BACKEND_URL;
  private source: SettingsView['backendUrlSource'] = 'default';

  constructor(
    private readonly envUrl: string | undefined,
    savedUrl: string | undefined,
    private readonly makeClient: (baseUrl: string) => ApiClient,
    /** Machine policy (src-main/policy): a pinned URL wins over everything; a refused policy allows no backend. */
    private readonly policy: { pinnedUrl?: string; refused?: boolean } = {},
  ) {
    this.configure(savedUrl);
  }

  configure(savedUrl: string | undefined): void {
    if (this.policy.refused || this.policy.pinnedUrl) return this.applyPolicy();
    const envSet = this.envUrl !== undefined && this.envUrl.trim() !== '';
    this.source = envSet ? 'env' : savedUrl?.trim() ? 'settings' : 'default';
    const check = resolveBackendUrl(this.envUrl, savedUrl);
    if (check.ok) {
      this.url = check.url;
      this.client = this.makeClient(check.url);
      this.problem = undefined;
    } else {
      this.url = (envSet ? this.envUrl : savedUrl) ?? '';
      this.client = null;
      this.problem = backendUrlError(check.reason);
    }
  }

  private applyPolicy(): void {
    this.source = 'policy';
    const check = this.policy.refused || !this.policy.pinnedUrl ? null : checkBackendUrl(this.policy.pinnedUrl);
    if (check?.ok) {
      this.url = check.url;
      this.client = this.makeClient(check.url);
      this.problem = undefined;
    } else {
      // Never fall back to the user's own URL: the policy may exist precisely to forbid it.
      this.url = '';
      this.client = null;
      this.problem = contractError('POLICY_INVALID');
    }
  }

  api(): ApiClient | null {
    return this.client;
  }

  urlProblem(): ContractError | undefined {
    return this.problem;
  }

  get backendUrl(): string {
    return this.url;
  }

  get backendUrlSource(): SettingsView['backendUrlSource'] {
    return this.source;
  }

  /** "Probar conexión" for a URL not saved yet (through a proxy not saved yet when `makeClient` says so). */
  async test(rawUrl: string, makeClient: (baseUrl: string) => ApiClient | Promise<ApiClient> = this.makeClient): Promise<{ ok: true; value: { reachable: true } } | { ok: false; error: ContractError }> {
    const check = checkBackendUrl(rawUrl);
    if (!check.ok) {
      // An insecure URL is a rule of the app, not a typing mistake: it shows as the form's alert.
      return { ok: false, error: check.reason === 'insecure' ? backendUrlError('insecure') : backendUrlFieldError('invalid') };
    }
    const res = await (await makeClient(check.url)).health();
    return res.ok ? { ok: true, value: { reachable: true } } : res;
  }
}
