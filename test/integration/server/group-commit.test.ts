import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeTransaction } from '../../../src-server/db/group-commit';
import { openDatabase, type Db } from '../../../src-server/db/open-database';
import { getRegistration, keepEmailBody, put, usersWith } from './general-user-helpers';
import { errorOf, startServer, type TestServer } from './harness';
import { TEST_DIALECT } from './test-database';

/**
 * Issue #15: on SQLite the writes of one event-loop turn share one transaction (each in its own
 * SAVEPOINT) and one COMMIT, so the WAL is synced once for all of them. Each write must still be
 * answered only once it is committed, and one write failing must not touch the others.
 */
describe.skipIf(TEST_DIALECT !== 'sqlite')('group commit (SQLite)', () => {
  let dir: string;
  let file: string;
  let db: Db;
  /** A second connection, as another process would read: it sees committed data only. */
  let other: SqliteDatabase.Database;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-group-commit-'));
    file = path.join(dir, 'g.sqlite');
    db = openDatabase({ dialect: 'sqlite', file });
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    other = new SqliteDatabase(file, { readonly: true });
  });
  afterEach(async () => {
    other.close();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const committedIds = () => (other.prepare('select id from t order by id').all() as { id: number }[]).map((r) => r.id);
  const insert = (trx: Db, id: number) => sql`insert into t (id, v) values (${id}, 'x')`.execute(trx);

  it('the writes of one turn share one COMMIT, and none is answered before it', async () => {
    const seenInside: number[][] = [];
    const answeredWith: number[][] = [];
    const writes = [1, 2, 3, 4, 5].map((id) =>
      writeTransaction(db, async (trx) => {
        await insert(trx, id);
        // Inside the batch nothing is committed yet: another connection sees none of it.
        seenInside.push(committedIds());
        return id;
      }).then((id) => {
        // Answered: this write, and every other of its batch, is on disk.
        answeredWith.push(committedIds());
        return id;
      }),
    );
    expect(await Promise.all(writes)).toEqual([1, 2, 3, 4, 5]);
    expect(seenInside).toEqual([[], [], [], [], []]);
    expect(answeredWith).toEqual(Array(5).fill([1, 2, 3, 4, 5]));
  });

  it('a write that fails is rolled back alone; the others of its batch commit', async () => {
    const results = await Promise.allSettled([
      writeTransaction(db, (trx) => insert(trx, 1)),
      writeTransaction(db, async (trx) => {
        await insert(trx, 2);
        throw new Error('rule broken after the insert');
      }),
      // A statement the database refuses (the primary key is taken): that write alone fails.
      writeTransaction(db, async (trx) => {
        await insert(trx, 3);
        await insert(trx, 1);
      }),
      writeTransaction(db, (trx) => insert(trx, 4)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(((results[1] as PromiseRejectedResult).reason as Error).message).toBe('rule broken after the insert');
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    expect(committedIds()).toEqual([1, 4]);
  });

  it('writes queued while a batch runs go to the next one', async () => {
    const order: string[] = [];
    const first = writeTransaction(db, async (trx) => {
      await insert(trx, 1);
      // Queued from inside a batch: it cannot join the batch already being written.
      void writeTransaction(db, async (t2) => {
        await insert(t2, 2);
        order.push('second ran');
      }).then(() => order.push('second answered'));
      order.push('first ran');
    }).then(() => order.push('first answered'));
    await first;
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['first ran', 'first answered', 'second ran', 'second answered']);
    expect(committedIds()).toEqual([1, 2]);
  });

  it('when the database cannot write, every write of the batch fails with that error and nothing is committed', async () => {
    await sql`PRAGMA query_only = 1`.execute(db);
    const results = await Promise.allSettled([1, 2, 3].map((id) => writeTransaction(db, (trx) => insert(trx, id))));
    expect(results.every((r) => r.status === 'rejected' && /readonly|read-only/i.test(String(r.reason)))).toBe(true);
    await sql`PRAGMA query_only = 0`.execute(db);
    expect(committedIds()).toEqual([]);
    // And it recovers: the next writes commit.
    await Promise.all([5, 6].map((id) => writeTransaction(db, (trx) => insert(trx, id))));
    expect(committedIds()).toEqual([5, 6]);
  });
});

/** The same through HTTP: concurrent PUTs of several users, one of them stale. */
describe('concurrent PUTs (several users at once, one stale)', () => {
  const ids = ['gc01', 'gc02', 'gc03', 'gc04', 'gc05', 'gc06'];
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ users: usersWith(...ids) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('each good PUT is 200 and stored with its audit row; the stale one alone is 409', async () => {
    const tokens = await Promise.all(ids.map((id) => server.login(id)));
    const regs = await Promise.all(tokens.map((t) => getRegistration(server, t)));
    const bodies = regs.map((reg, i) => keepEmailBody(reg, { phone2: `04234567${i}` }));
    // The last user sends a version the server never had.
    const stale = { ...(bodies.at(-1) as Record<string, unknown>), version: (regs.at(-1)?.version ?? 0) + 5 };
    const answers = await Promise.all([...bodies.slice(0, -1).map((b, i) => put(server, tokens[i] as string, b)), put(server, tokens.at(-1) as string, stale)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 409]);
    expect((await errorOf(answers.at(-1) as Response)).code).toBe('VERSION_CONFLICT');
    for (let i = 0; i < ids.length; i++) {
      const [row] = await server.database.all('select phone2, version from users where user_id = ?', [ids[i]]);
      const audits = await server.database.all("select fields from audit_log where user_id = ? and action = 'registration.update'", [ids[i]]);
      if (i < ids.length - 1) {
        expect(row).toEqual({ phone2: `04234567${i}`, version: (regs[i]?.version ?? 0) + 1 });
        expect(audits.map((a) => JSON.parse(String(a.fields)))).toEqual([['phone2']]);
      } else {
        expect(row).toEqual({ phone2: regs[i]?.phone2 ?? null, version: regs[i]?.version });
        expect(audits).toEqual([]);
      }
    }
  });
});
