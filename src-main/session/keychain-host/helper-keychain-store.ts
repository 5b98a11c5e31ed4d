import type { SecureStore } from '../secure-store';
import { MemoryStore } from '../memory-store';
import type { KeychainHostClient } from './host-client';

/**
 * The OS keychain reached through the keychain helper. When the helper cannot be used (crashed
 * twice, hung, a locked keyring whose unlock failed or was cancelled) the store falls back to
 * memory: the session goes on and the user is told it will not be remembered. `retry()` is
 * "Reintentar": a fresh helper, and what memory held is written to the keychain.
 */
export class HelperKeychainStore implements SecureStore {
  private memory: MemoryStore | null = null;
  private reason: string | undefined;

  constructor(
    private readonly client: KeychainHostClient,
    private readonly service: string,
    private readonly onFallback: (reason: string) => void = () => undefined,
  ) {}

  get kind(): 'keychain' | 'memory' {
    return this.memory ? 'memory' : 'keychain';
  }

  /** Why the keychain is not used, while it is not. */
  get fallbackReason(): string | undefined {
    return this.memory ? this.reason : undefined;
  }

  /** At start: does the keychain answer? Falls back to memory when not. */
  async probe(timeoutMs: number): Promise<boolean> {
    await this.use(
      async () => undefined,
      async () => void (await this.client.call({ op: 'accounts', service: this.service }, timeoutMs)),
    );
    return this.kind === 'keychain';
  }

  async retry(): Promise<boolean> {
    const kept = this.memory;
    if (!kept) return true;
    this.client.reset();
    try {
      await this.client.call({ op: 'accounts', service: this.service });
      for (const account of await kept.accounts()) {
        const secret = await kept.get(account);
        if (secret !== null) await this.client.call({ op: 'set', service: this.service, account, secret });
      }
    } catch (err) {
      this.reason = message(err);
      return false;
    }
    this.memory = null;
    return true;
  }

  async get(account: string): Promise<string | null> {
    return this.use((m) => m.get(account), async () => (await this.client.call({ op: 'get', service: this.service, account })) as string | null);
  }
  async set(account: string, secret: string): Promise<void> {
    await this.use(
      (m) => m.set(account, secret),
      async () => void (await this.client.call({ op: 'set', service: this.service, account, secret })),
    );
  }
  async delete(account: string): Promise<boolean> {
    return this.use((m) => m.delete(account), async () => (await this.client.call({ op: 'delete', service: this.service, account })) as boolean);
  }
  async accounts(): Promise<string[]> {
    return this.use((m) => m.accounts(), async () => (await this.client.call({ op: 'accounts', service: this.service })) as string[]);
  }

  private async use<T>(inMemory: (m: MemoryStore) => Promise<T>, inKeychain: () => Promise<T>): Promise<T> {
    if (this.memory) return inMemory(this.memory);
    try {
      return await inKeychain();
    } catch (err) {
      this.reason = message(err);
      this.memory = new MemoryStore();
      this.onFallback(this.reason);
      return inMemory(this.memory);
    }
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
