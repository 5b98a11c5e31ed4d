import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { STORAGE_UNAVAILABLE_MESSAGE } from '../../../src-server/http/error-handler';
import { getRegistration, keepEmailBody, put } from './general-user-helpers';
import { DEMO_PASSWORD, errorOf, startServer, serverForFile } from './harness';
import { TEST_DIALECT } from './test-database';

/**
 * Issue #11 case 9: when the database cannot take writes (disk full, read-only, locked by another
 * writer for too long) the backend answers 503 with the contract body and a Spanish message —
 * a server condition, like SMTP down, not a 500 — changes nothing, and recovers by itself once the
 * condition is gone; integrity_check is ok afterwards. The full disk is a real 4 MiB tmpfs filled to
 * the last byte; read-only and locked are set on the server's own SQLite connection, so this file is SQLite's.
 */

const server = serverForFile();

/** A real small file system needs root (or CAP_SYS_ADMIN), as in CI's container; elsewhere that case is skipped. */
function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}

const pragma = (text: string) => sql.raw(`PRAGMA ${text}`).execute(server.db);

async function expect503(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(await errorOf(res)).toEqual({ code: 'INTERNAL', message: STORAGE_UNAVAILABLE_MESSAGE });
}

async function integrityOk(): Promise<void> {
  const rows = (await pragma('integrity_check')).rows as { integrity_check: string }[];
  expect(rows).toEqual([{ integrity_check: 'ok' }]);
}

describe.skipIf(TEST_DIALECT !== 'sqlite')('database write failures → 503, then recovery', () => {
  it.skipIf(!canMountTmpfs())('disk full (a 4 MiB tmpfs filled up): login and PUT → 503, nothing changed; space returns → both work; integrity ok', async () => {
    const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mount]);
    const full = await startServer({ dir: mount });
    const filler = path.join(mount, 'filler');
    try {
      const token = await full.login('jperez');
      const reg = await getRegistration(full, token);
      // Fill the file system to the last byte.
      const fd = fs.openSync(filler, 'w');
      try {
        for (const chunk of [65_536, 4_096, 512, 1]) {
          const buf = Buffer.alloc(chunk);
          for (;;) {
            try {
              fs.writeSync(fd, buf);
            } catch (err) {
              expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
              break;
            }
          }
        }
      } finally {
        fs.closeSync(fd);
      }
      const before = await full.dump();
      let failures = 0;
      // Several writes in a row, so the WAL's last free bytes are used up whatever they were.
      for (let i = 0; i < 5; i++) {
        const res = await full.postSession({ userId: 'mlopez', password: DEMO_PASSWORD });
        if (res.status !== 201) {
          await expect503(res);
          failures++;
        }
      }
      expect(failures).toBeGreaterThan(0);
      await expect503(await put(full, token, keepEmailBody(reg, { phone1: '042111222' })));
      expect((await full.dump()).users).toEqual(before.users);

      fs.rmSync(filler);
      expect((await full.postSession({ userId: 'mlopez', password: DEMO_PASSWORD })).status).toBe(201);
      expect((await put(full, token, keepEmailBody(reg, { phone1: '042111222' }))).status).toBe(200);
      const rows = (await sql.raw('PRAGMA integrity_check').execute(full.db)).rows;
      expect(rows).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await full.close({ keepFiles: true });
      execFileSync('umount', [mount]);
      fs.rmSync(mount, { recursive: true, force: true });
    }
  });

  it('read-only database (SQLITE_READONLY): PUT → 503; writable again → 200', async () => {
    const token = await server.login('cvera');
    const reg = await getRegistration(server, token);
    await pragma('query_only = 1');
    try {
      await expect503(await put(server, token, keepEmailBody(reg, { phone1: '042333444' })));
      // Reads still work while writes cannot.
      expect((await getRegistration(server, token)).version).toBe(reg.version);
    } finally {
      await pragma('query_only = 0');
    }
    expect((await put(server, token, keepEmailBody(reg, { phone1: '042333444' }))).status).toBe(200);
    await integrityOk();
  });

  it('locked by another writer beyond busy_timeout (SQLITE_BUSY): PUT → 503; lock released → 200', async () => {
    const token = await server.login('jperez');
    const reg = await getRegistration(server, token);
    await pragma('busy_timeout = 300');
    const other = new SqliteDatabase(server.dbPath);
    try {
      other.exec('BEGIN IMMEDIATE');
      await expect503(await put(server, token, keepEmailBody(reg, { phone1: '042555666' })));
      other.exec('ROLLBACK');
      expect((await put(server, token, keepEmailBody(reg, { phone1: '042555666' }))).status).toBe(200);
    } finally {
      other.close();
      await pragma('busy_timeout = 5000');
    }
    await integrityOk();
  });
});
