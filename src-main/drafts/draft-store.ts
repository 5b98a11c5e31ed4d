import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DraftSchema, type Draft, type DraftLoad, type DraftSave } from '../../src-shared/contract';
import { writeFileAtomic } from './draft-file';

/** Electron's safeStorage, injected (tests give their own). */
export interface DraftCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
}

export interface DraftStoreOptions {
  maxAgeDays: () => number;
  now?: () => Date;
  onProblem?: (message: string) => void;
}

// The first bytes say how the rest is stored; a file with neither header is corrupt.
const ENCRYPTED = Buffer.from('ECUAPASS-DRAFT-1 safeStorage\n');
const PLAIN = Buffer.from('ECUAPASS-DRAFT-1 plain\n');
const EXTENSION = '.draft';

/**
 * The form's unsaved values, one file per ID.usuario in the app's data folder (issue 9). Files are
 * written atomically and encrypted with safeStorage where the OS offers it (else plain JSON,
 * mode 0600). The file name is a hash of the normalised ID.usuario: the folder does not list
 * who works on this workstation. A file that cannot be read is renamed aside, never a crash.
 */
export class DraftStore {
  constructor(
    private readonly dir: string,
    private readonly cipher: DraftCipher,
    private readonly options: DraftStoreOptions,
  ) {}

  get encrypted(): boolean {
    return this.cipher.isEncryptionAvailable();
  }

  save(userId: string, input: DraftSave): Draft {
    const draft: Draft = { ...input, userId: normalise(userId), savedAt: this.now().toISOString() };
    const json = JSON.stringify(draft);
    const data = this.encrypted
      ? Buffer.concat([ENCRYPTED, this.cipher.encryptString(json)])
      : Buffer.concat([PLAIN, Buffer.from(json, 'utf8')]);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileAtomic(this.fileOf(userId), data);
    return draft;
  }

  load(userId: string): DraftLoad {
    const file = this.fileOf(userId);
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      return { draft: null, setAside: false };
    }
    const draft = this.decode(data);
    if (!draft || draft.userId !== normalise(userId)) {
      this.setAside(file);
      return { draft: null, setAside: true };
    }
    if (this.isExpired(draft.savedAt)) {
      this.discard(userId);
      return { draft: null, setAside: false };
    }
    return { draft, setAside: false };
  }

  discard(userId: string): void {
    rmSync(this.fileOf(userId), { force: true });
  }

  /** At start: drafts past their age and temp files a crash left behind are deleted. */
  purge(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(this.dir, name);
      if (name.includes('.tmp-')) rmSync(path, { force: true });
      else if (name.endsWith(EXTENSION)) {
        const draft = this.decode(readFileSync(path));
        const saved = draft ? draft.savedAt : statSync(path).mtime.toISOString();
        if (this.isExpired(saved)) rmSync(path, { force: true });
      }
    }
  }

  fileOf(userId: string): string {
    return join(this.dir, createHash('sha256').update(normalise(userId)).digest('hex').slice(0, 32) + EXTENSION);
  }

  private decode(data: Buffer): Draft | null {
    try {
      let json: string;
      if (startsWith(data, ENCRYPTED)) json = this.cipher.decryptString(data.subarray(ENCRYPTED.length));
      else if (startsWith(data, PLAIN)) json = data.subarray(PLAIN.length).toString('utf8');
      else return null;
      const parsed = DraftSchema.safeParse(JSON.parse(json));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private setAside(file: string): void {
    const aside = `${file}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(file, aside);
      this.options.onProblem?.(`draft file unreadable, set aside as ${aside}`);
    } catch (err) {
      rmSync(file, { force: true });
      this.options.onProblem?.(`draft file unreadable and could not be set aside, deleted: ${String(err)}`);
    }
  }

  private isExpired(savedAt: string): boolean {
    const age = this.now().getTime() - new Date(savedAt).getTime();
    return !(age < this.options.maxAgeDays() * 86_400_000);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

/** ID.usuario as the backend compares it: trimmed, lower case. */
function normalise(userId: string): string {
  return userId.trim().toLowerCase();
}

function startsWith(data: Buffer, header: Buffer): boolean {
  return data.length >= header.length && data.subarray(0, header.length).equals(header);
}
