import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, ReadinessResponseSchema } from '../../../src-shared/contract';
import { buildApp } from '../../../src-server/app';
import { openDatabase, type Db } from '../../../src-server/db/open-database';
import { SERVER_MSG } from '../../../src-server/general-user/messages';
import { FakeClock } from './fake-clock';
import { API, serverForFile } from './harness';
import { TEST_DIALECT } from './test-database';

const server = serverForFile();

describe(`GET /health and /health/ready (${TEST_DIALECT})`, () => {
  it('a backend whose database answers is alive and ready', async () => {
    const live = await server.request('/health');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await server.request('/health/ready');
    expect(ready.status).toBe(200);
    expect(ReadinessResponseSchema.parse(await ready.json())).toEqual({ status: 'ready', database: 'up' });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a backend whose PostgreSQL cannot be reached', () => {
  let app: FastifyInstance;
  let db: Db;
  let baseUrl: string;
  beforeAll(async () => {
    // Port 1 on loopback: nothing listens, so every connection is refused at once.
    db = openDatabase({ dialect: 'postgres', url: 'postgres://nobody@127.0.0.1:1/ecuapass', display: '127.0.0.1:1/ecuapass' }, { onConnectionError: () => {} });
    app = await buildApp({ db, clock: new FakeClock(), config: { sessionIdleMinutes: 30, sessionAbsoluteHours: 8 } });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('is alive (/health 200) but not ready (/health/ready 503 with the contract body)', async () => {
    expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ReadinessResponseSchema.parse(await ready.json())).toEqual({ status: 'unavailable', database: 'down' });
  });

  it('answers API requests with 503 and a Spanish message, never a 500, and keeps running', async () => {
    const login = await fetch(`${baseUrl}${API}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'jperez', password: 'Aduana#2026' }),
    });
    expect(login.status).toBe(503);
    expect(login.headers.get('retry-after')).toBe('5');
    const body = (await login.json()) as { error: { code: string; message: string } };
    expect(body).toEqual({ error: { code: 'INTERNAL', message: SERVER_MSG.databaseUnavailable } });
    expect(body.error.message).not.toBe(ERROR_MESSAGES.INTERNAL);
    // An authenticated route fails in its session hook: same answer.
    const reg = await fetch(`${baseUrl}${API}/general-user/registration`, { headers: { authorization: `Bearer ${'a'.repeat(43)}` } });
    expect(reg.status).toBe(503);
    // Bad input is still the client's mistake, decided before the database is asked.
    const bad = await fetch(`${baseUrl}${API}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
  });
});
