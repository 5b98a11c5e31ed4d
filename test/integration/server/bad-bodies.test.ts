import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { API, DEMO_PASSWORD, errorOf, serverForFile } from './harness';

const server = serverForFile();

const JSON_TYPE = { 'content-type': 'application/json' };
const post = (body: BodyInit | undefined, headers: Record<string, string> = JSON_TYPE) =>
  server.request(`${API}/sessions`, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });

interface Case {
  name: string;
  send: () => Promise<Response>;
  status: number;
  code: string;
  fields?: Record<string, string>;
}

const required = MSG.required;
const invalid = MSG.invalidType;
const unknown = MSG.unknownField;

const cases: Case[] = [
  { name: 'empty object: both fields missing', send: () => post('{}'), status: 422, code: 'VALIDATION_FAILED', fields: { userId: required, password: required } },
  { name: 'password missing', send: () => post(JSON.stringify({ userId: 'jperez' })), status: 422, code: 'VALIDATION_FAILED', fields: { password: required } },
  { name: 'userId null', send: () => post(JSON.stringify({ userId: null, password: DEMO_PASSWORD })), status: 422, code: 'VALIDATION_FAILED', fields: { userId: required } },
  { name: 'mistyped fields (number, boolean)', send: () => post(JSON.stringify({ userId: 42, password: true })), status: 422, code: 'VALIDATION_FAILED', fields: { userId: invalid, password: invalid } },
  { name: 'mistyped fields (object, array)', send: () => post(JSON.stringify({ userId: { $ne: '' }, password: ['x'] })), status: 422, code: 'VALIDATION_FAILED', fields: { userId: invalid, password: invalid } },
  { name: 'blank strings', send: () => post(JSON.stringify({ userId: '   ', password: '' })), status: 422, code: 'VALIDATION_FAILED', fields: { userId: required, password: required } },
  {
    name: 'unknown fields next to valid ones (right password: still refused, no session)',
    send: () => post(JSON.stringify({ userId: 'jperez', password: DEMO_PASSWORD, admin: true, remember: 1 })),
    status: 422,
    code: 'VALIDATION_FAILED',
    fields: { admin: unknown, remember: unknown },
  },
  { name: 'JSON array', send: () => post('[]'), status: 422, code: 'VALIDATION_FAILED' },
  { name: 'JSON null', send: () => post('null'), status: 422, code: 'VALIDATION_FAILED' },
  { name: 'JSON string', send: () => post('"jperez"'), status: 422, code: 'VALIDATION_FAILED' },
  { name: 'not JSON: text/plain', send: () => post(JSON.stringify({ userId: 'jperez', password: DEMO_PASSWORD }), { 'content-type': 'text/plain' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'not JSON: form-urlencoded', send: () => post('userId=jperez&password=x', { 'content-type': 'application/x-www-form-urlencoded' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'not JSON: no content type', send: () => post(JSON.stringify({ userId: 'jperez', password: DEMO_PASSWORD }), {}), status: 400, code: 'BAD_REQUEST' },
  { name: 'broken JSON', send: () => post('{"userId": "jperez", "password": '), status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON with trailing garbage', send: () => post('{"userId":"jperez","password":"x"} x'), status: 400, code: 'BAD_REQUEST' },
  { name: 'prototype pollution key', send: () => post('{"userId":"jperez","password":"x","__proto__":{"admin":true}}'), status: 400, code: 'BAD_REQUEST' },
  { name: 'empty body with JSON content type', send: () => post(''), status: 400, code: 'BAD_REQUEST' },
  { name: 'no body at all', send: () => post(undefined, {}), status: 400, code: 'BAD_REQUEST' },
  {
    name: '1 MB body',
    send: () => post(JSON.stringify({ userId: 'jperez', password: 'x'.repeat(1024 * 1024) })),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'just over 64 KiB',
    send: () => post(JSON.stringify({ userId: 'jperez', password: 'x'.repeat(64 * 1024) })),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
];

describe('bad bodies on POST /api/v1/sessions: the statuses and codes of the common answers, and nothing changes', () => {
  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code}`, async () => {
      const before = (await server.dump());
      const res = await c.send();
      expect(res.status).toBe(c.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const error = await errorOf(res);
      expect(error.code).toBe(c.code);
      expect(error.message).toBe(ERROR_MESSAGES[c.code as keyof typeof ERROR_MESSAGES]);
      if (c.fields) expect(error.fields).toEqual(c.fields);
      else if (c.code === 'VALIDATION_FAILED') expect(Object.keys(error.fields ?? {}).length).toBeGreaterThan(0);
      else expect(error.fields).toBeUndefined();
      expect((await server.dump())).toEqual(before);
    });
  }

  it('a body just under 64 KiB is read (and refused by the schema, not by size)', async () => {
    const res = await post(JSON.stringify({ userId: 'jperez', password: 'x'.repeat(60 * 1024) }));
    expect(res.status).toBe(422);
    expect((await errorOf(res)).fields).toEqual({ password: invalid });
  });

  it('application/json with a charset parameter is accepted', async () => {
    const res = await post(JSON.stringify({ userId: 'jperez', password: DEMO_PASSWORD }), { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(201);
  });

  it('the server still answers normally after all of the above', async () => {
    expect((await server.request('/health')).status).toBe(200);
    await expect(server.login('jperez')).resolves.toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('unknown routes', () => {
  for (const [method, path] of [
    ['GET', `${API}/nope`],
    ['GET', '/'],
    ['POST', '/health'],
    ['PUT', `${API}/sessions`],
    ['PATCH', `${API}/sessions`],
    ['GET', '/api/v2/sessions/current'],
  ] as const) {
    it(`${method} ${path} → 404 NOT_FOUND as JSON`, async () => {
      const res = await server.request(path, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await errorOf(res)).toEqual({ code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND });
    });
  }

  it('a malformed URL → 400 BAD_REQUEST as JSON, not a 500', async () => {
    const res = await server.request(`${API}/%zz`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('BAD_REQUEST');
  });

  it('GET /health → 200 {status:"ok"}', async () => {
    const res = await server.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
