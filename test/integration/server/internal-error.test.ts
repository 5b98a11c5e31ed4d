import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ERROR_MESSAGES, HealthResponseSchema } from '../../../src-shared/contract';
import { buildApp } from '../../../src-server/app';
import { migrateToLatest } from '../../../src-server/db/migrate';
import { openDatabase, type Db } from '../../../src-server/db/open-database';
import { sendContract } from '../../../src-server/http/send-contract';
import { FakeClock } from './fake-clock';
import { openTestDatabase, type TestDatabase } from './test-database';

let app: FastifyInstance;
let db: Db;
let baseUrl: string;
let dir: string;
let database: TestDatabase;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecuapass-500-'));
  database = await openTestDatabase(dir);
  db = openDatabase(database.location);
  await migrateToLatest(db);
  app = await buildApp({ db, clock: new FakeClock(), config: { sessionIdleMinutes: 30, sessionAbsoluteHours: 8 } });
  // Two deliberate server bugs: a thrown error with internals in its message, and an off-contract answer.
  app.get('/test/throws', async () => {
    throw new Error('SQLITE_CORRUPT: secret internals at /var/lib/x');
  });
  app.get('/test/off-contract', async (_req, reply) => sendContract(reply, 200, HealthResponseSchema, { status: 'broken' } as never));
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('server bugs', () => {
  for (const route of ['/test/throws', '/test/off-contract']) {
    it(`${route} → 500 INTERNAL with the generic Spanish message and no internals`, async () => {
      const res = await fetch(baseUrl + route);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
      expect(text).not.toMatch(/SQLITE|secret|broken/);
    });
  }
});
