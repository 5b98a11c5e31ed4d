import type { SecureStore } from './secure-store';

/** Used when no OS keychain answers: the session is not remembered after the app exits. */
export class MemoryStore implements SecureStore {
  readonly kind = 'memory' as const;
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }
  async accounts(): Promise<string[]> {
    return [...this.secrets.keys()];
  }
}
