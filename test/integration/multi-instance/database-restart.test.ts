import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registration } from '../../../src-shared/contract';
import { startPrivatePostgres, type PrivatePostgres } from '../../../scripts/private-postgres.mjs';
import { keepEmailBody, usersWith } from '../server/general-user-helpers';
import { API, queryRows, startInstance, waitFor, writeSeed, type Instance } from './instances';

/**
 * The database goes away mid-load and comes back (issue 14). This file has a PostgreSQL server of
 * its own, so stopping it disturbs no other test file.
 */
const REGISTRATION = `${API}/general-user/registration`;
const USERS = ['dbr1', 'dbr2'];

let pgServer: PrivatePostgres;
let databaseUrl: string;
let instances: Instance[] = [];

beforeAll(async () => {
  pgServer = await startPrivatePostgres();
  databaseUrl = await pgServer.createDatabase('ecuapass');
  const seed = writeSeed(usersWith(...USERS));
  instances = await Promise.all(['D', 'E'].map((name) => startInstance(name, databaseUrl, seed)));
}, 90_000);

afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  pgServer?.stop();
});

describe('the database restarted under load', () => {
  it('instances answer 503 (never 500, never crash) while it is down, and recover by themselves when it is back', async () => {
    const [d, e] = instances as [Instance, Instance];
    const tokens = [await d.login('dbr1'), await e.login('dbr2')] as const;
    const statuses: Record<string, number> = {};
    const count = (s: number | string) => (statuses[s] = (statuses[s] ?? 0) + 1);
    const acked = new Map<string, number>();
    let unanswered = 0;
    let phase: 'up' | 'down' | 'back' = 'up';
    const byPhase: Record<string, Set<number>> = { up: new Set(), down: new Set(), back: new Set() };
    let n = 0;
    let stop = false;

    const worker = async (k: 0 | 1) => {
      const i = instances[k] as Instance;
      const token = tokens[k];
      const userId = USERS[k] as string;
      let reg: Registration | undefined;
      for (let round = 0; round < 2_000 && !stop; round++) {
        try {
          if (!reg) {
            const res = await i.request(REGISTRATION, { token });
            count(res.status);
            byPhase[phase]?.add(res.status);
            if (res.status === 200) reg = (await res.json()) as Registration;
            else await res.text();
          } else {
            const res = await i.send('PUT', REGISTRATION, token, keepEmailBody(reg, { phone1: `04${String(3_000_000 + ++n)}` }));
            count(res.status);
            byPhase[phase]?.add(res.status);
            if (res.status === 200) {
              reg = (await res.json()) as Registration;
              acked.set(userId, reg.version);
            } else {
              await res.text();
              // 503: the write may or may not have committed before the connection broke; read again.
              if (res.status === 503) unanswered++;
              reg = undefined;
            }
          }
        } catch {
          count('network');
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const load = Promise.all([worker(0), worker(1)]);

    await new Promise((r) => setTimeout(r, 1_000));
    pgServer.pause();
    phase = 'down';
    for (const i of instances) {
      const seen: string[] = [];
      await waitFor(
        `${i.name} not ready`,
        async () => {
          const t = Date.now();
          const status = await i.request('/health/ready').then((r) => r.status, (err: Error) => err.name);
          seen.push(`${status} in ${Date.now() - t} ms`);
          return status === 503;
        },
        20_000,
      ).catch((err: Error) => {
        const exit = i.child.exitCode ?? i.child.signalCode;
        throw new Error(`${err.message}; readiness answers: ${seen.slice(0, 5).join(', ')}…; process exit: ${String(exit)}; last output:\n${i.output().slice(-3000)}`);
      });
      const ready = await i.request('/health/ready');
      expect(await ready.json()).toEqual({ status: 'unavailable', database: 'down' });
      expect((await i.request('/health')).status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 1_500));
    pgServer.startAgain();
    phase = 'back';
    for (const i of instances) await waitFor(`${i.name} ready again`, async () => (await i.request('/health/ready')).status === 200, 30_000);
    await new Promise((r) => setTimeout(r, 1_500));
    stop = true;
    await load;

    expect(statuses['500']).toBeUndefined();
    expect(statuses.network).toBeUndefined();
    expect(byPhase.down?.has(503)).toBe(true);
    expect([...(byPhase.down ?? [])].every((s) => s === 503 || s === 200)).toBe(true);
    expect(byPhase.back?.has(200)).toBe(true);
    for (const i of instances) {
      expect(i.child.exitCode, i.name).toBeNull();
      expect(i.output()).not.toMatch(/unhandled error|uncaughtException/);
    }
    // Writes answered 200 are all there; at most the writes answered 503 may have committed besides.
    for (const userId of USERS) {
      const [row] = await queryRows<{ version: number }>(databaseUrl, 'SELECT version FROM users WHERE user_id = $1', [userId]);
      const last = acked.get(userId) ?? 0;
      expect(row?.version, userId).toBeGreaterThanOrEqual(last);
      expect(row?.version, userId).toBeLessThanOrEqual(last + unanswered);
    }
  });
});
