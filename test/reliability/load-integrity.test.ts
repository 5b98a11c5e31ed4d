import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, RegistrationSchema, type Registration } from '../../src-shared/contract';
import { keepEmailBody, REGISTRATION } from '../integration/server/general-user-helpers';
import { API, DEMO_PASSWORD, startServer, type TestServer } from '../integration/server/harness';
import { bump, figures } from './support/summary';

/**
 * Issue #6, load with integrity: many clients over real HTTP (a small concurrency pool) update
 * their own registrations while a group of clients does read-modify-write on ONE shared
 * registration. No update is lost (each user's final state is its last acknowledged write), the
 * only error is VERSION_CONFLICT, and a conflict is never silently overwritten: on the shared user
 * every acknowledged write has its own version, the versions are consecutive, and the final
 * version is the initial one plus the number of acknowledged writes.
 */

const SCALE = Number(process.env.RELIABILITY_SCALE ?? '1');
const OWN_CLIENTS = 40;
const UPDATES_PER_CLIENT = Math.max(5, Math.round(25 * SCALE));
const SHARED_CLIENTS = 10;
const SHARED_WRITES_PER_CLIENT = Math.max(3, Math.round(8 * SCALE));
const POOL = 8;

const fig = figures('load-integrity');
let server: TestServer;

/** At most `n` requests in flight, whoever sends them. */
function semaphore(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    else free--;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}
const pooled = semaphore(POOL);

const ownIds = Array.from({ length: OWN_CLIENTS }, (_, i) => `carga${String(i).padStart(2, '0')}`);
const SHARED = 'compartido';

/** Clones of the demo user jperez under other IDs, written straight to the database (no 40 scrypt hashes). */
async function cloneUsers(ids: string[]): Promise<void> {
  const [jperez] = await server.database.all('SELECT * FROM users WHERE user_id = ?', ['jperez']);
  if (!jperez) throw new Error('demo user jperez missing');
  const cols = Object.keys(jperez);
  for (const id of ids) {
    const row: Record<string, unknown> = { ...jperez, user_id: id, email: `${id}@example.com`, version: 1 };
    await server.database.run(`INSERT INTO users (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c]));
  }
}

/** Audit rows of a user's updates, on either dialect (PostgreSQL's count(*) is a bigint string). */
async function updateAudits(userId: string): Promise<number> {
  const [row] = await server.database.all("SELECT count(*) AS n FROM audit_log WHERE user_id = ? AND action = 'registration.update'", [userId]);
  return Number(row?.n);
}

async function call(method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; json: unknown }> {
  return pooled(async () => {
    const res = await fetch(server.baseUrl + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    fig.requestsSent++;
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  });
}

async function login(userId: string): Promise<string> {
  const res = await call('POST', `${API}/sessions`, undefined, { userId, password: DEMO_PASSWORD });
  expect(res.status, `login ${userId}`).toBe(201);
  return (res.json as { token: string }).token;
}

async function read(token: string): Promise<Registration> {
  const res = await call('GET', REGISTRATION, token);
  expect(res.status).toBe(200);
  return RegistrationSchema.parse(res.json);
}

const errorCode = (json: unknown) => ErrorBodySchema.safeParse(json).data?.error.code ?? `non-contract ${JSON.stringify(json).slice(0, 100)}`;

/** The values a write sets, to compare with what is stored. */
const written = (r: Registration) => ({ phone1: r.phone1, fax: r.fax, mobile: r.mobile, name: r.name });

beforeAll(async () => {
  server = await startServer();
  await cloneUsers([...ownIds, SHARED]);
});

afterAll(async () => {
  await server?.close();
  fig.save();
});

describe('load with integrity over real HTTP', () => {
  it(`${OWN_CLIENTS} clients × ${UPDATES_PER_CLIENT} updates of their own registration, and ${SHARED_CLIENTS} clients read-modify-writing one shared registration, ${POOL} requests in flight`, async () => {
    const started = Date.now();
    const ownTokens = await Promise.all(ownIds.map(login));
    const sharedTokens = await Promise.all(Array.from({ length: SHARED_CLIENTS }, () => login(SHARED)));
    const initialShared = (await read(sharedTokens[0] as string)).version;

    const errors: Record<string, number> = {};
    const lastAck = new Map<string, Registration>();
    const initialVersion = new Map<string, number>();

    const ownClient = async (userId: string, token: string, c: number) => {
      let reg = await read(token);
      initialVersion.set(userId, reg.version);
      for (let i = 0; i < UPDATES_PER_CLIENT; i++) {
        const n = c * 1_000 + i;
        const body = keepEmailBody(reg, {
          phone1: `04${String(n).padStart(7, '0')}`,
          fax: String(9_000_000 + n),
          mobile: { carrier: (['CLARO', 'MOVISTAR', 'CNT', 'TUENTI', 'OTROS'] as const)[i % 5], number: `09${String(n).padStart(8, '0')}` },
        });
        const res = await call('PUT', REGISTRATION, token, body);
        if (res.status !== 200) {
          bump(errors, `${userId}: ${res.status} ${errorCode(res.json)}`);
          continue;
        }
        reg = RegistrationSchema.parse(res.json);
        // The acknowledged registration is exactly what was sent, one version up.
        expect(reg.version).toBe((body.version as number) + 1);
        expect(written(reg)).toEqual({ phone1: body.phone1, fax: body.fax, mobile: body.mobile, name: body.name });
        lastAck.set(userId, reg);
      }
    };

    const sharedAcks: { client: number; sentVersion: number; reg: Registration }[] = [];
    let conflicts = 0;
    const sharedClient = async (token: string, c: number) => {
      let acks = 0;
      for (let attempt = 0; acks < SHARED_WRITES_PER_CLIENT && attempt < 500; attempt++) {
        const reg = await read(token);
        const body = keepEmailBody(reg, { fax: String(100_000 * (c + 1) + attempt) });
        const res = await call('PUT', REGISTRATION, token, body);
        if (res.status === 200) {
          const saved = RegistrationSchema.parse(res.json);
          sharedAcks.push({ client: c, sentVersion: body.version as number, reg: saved });
          acks++;
        } else if (res.status === 409 && errorCode(res.json) === 'VERSION_CONFLICT') {
          conflicts++;
          fig.faultsInjected++;
        } else {
          bump(errors, `${SHARED}: ${res.status} ${errorCode(res.json)}`);
        }
      }
    };

    await Promise.all([
      ...ownIds.map((id, c) => ownClient(id, ownTokens[c] as string, c)),
      ...sharedTokens.map((t, c) => sharedClient(t, c)),
    ]);

    // No error at all on own registrations; on the shared one only VERSION_CONFLICT (counted apart).
    expect(errors).toEqual({});

    // No lost update: every user's stored state is its last acknowledged write.
    let lost = 0;
    {
      for (const [c, userId] of ownIds.entries()) {
        const ack = lastAck.get(userId);
        const stored = await read(ownTokens[c] as string);
        if (!ack || stored.version !== ack.version || JSON.stringify(written(stored)) !== JSON.stringify(written(ack))) lost++;
        expect(stored.version).toBe((initialVersion.get(userId) ?? 0) + UPDATES_PER_CLIENT);
        expect(await updateAudits(userId)).toBe(UPDATES_PER_CLIENT);
      }

      // The shared user: each acknowledged write has its own version, consecutive from the initial one.
      const versions = sharedAcks.map((a) => a.reg.version).sort((a, b) => a - b);
      expect(versions).toEqual(Array.from({ length: sharedAcks.length }, (_, i) => initialShared + 1 + i));
      // Each was based on the version just before it: nobody wrote over a state they had not read.
      for (const a of sharedAcks) expect(a.reg.version).toBe(a.sentVersion + 1);
      expect(sharedAcks).toHaveLength(SHARED_CLIENTS * SHARED_WRITES_PER_CLIENT);
      const final = await read(sharedTokens[0] as string);
      expect(final.version).toBe(initialShared + sharedAcks.length);
      const newest = sharedAcks.reduce((a, b) => (b.reg.version > a.reg.version ? b : a));
      if (JSON.stringify(written(final)) !== JSON.stringify(written(newest.reg))) lost++;
      expect(await updateAudits(SHARED)).toBe(sharedAcks.length);
    }
    fig.dataLost += lost;
    expect(lost).toBe(0);

    fig.details = {
      ownClients: OWN_CLIENTS,
      updatesPerClient: UPDATES_PER_CLIENT,
      ownUpdatesAcknowledged: lastAck.size * UPDATES_PER_CLIENT,
      sharedClients: SHARED_CLIENTS,
      sharedWritesAcknowledged: sharedAcks.length,
      sharedVersionConflicts: conflicts,
      sharedVersions: `${initialShared} → ${initialShared + sharedAcks.length}`,
      requestsInFlight: POOL,
      loadMs: Date.now() - started,
    };
  });
});
