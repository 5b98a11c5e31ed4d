import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxEntrySchema } from '../../../src-shared/contract';
import { startServer, type TestServer } from './harness';
import { CODE_SUBJECT, getRegistration, keepEmailBody, put, requestCode, sendCode, emailChangeBody } from './general-user-helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('GET /dev/mailbox (sandbox, SMTP_URL unset)', () => {
  it('starts empty: 200 []', async () => {
    const res = await server.request('/dev/mailbox');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual([]);
  });

  it('a JSON array, oldest first, of exactly {to, subject, text, sentAt} with `to` a single address', async () => {
    const token = await server.login('jperez');
    await sendCode(server, token, 'primero@example.com');
    server.clock.advanceMinutes(2);
    expect((await requestCode(server, token, 'segundo@example.com')).status).toBe(202);

    const body = (await (await server.request('/dev/mailbox')).json()) as unknown[];
    expect(body).toHaveLength(2);
    for (const entry of body) {
      expect(Object.keys(entry as object).sort()).toEqual(['sentAt', 'subject', 'text', 'to']);
      MailboxEntrySchema.parse(entry);
    }
    const entries = body.map((e) => MailboxEntrySchema.parse(e));
    expect(entries.map((e) => e.to)).toEqual(['primero@example.com', 'segundo@example.com']);
    expect(entries.every((e) => e.subject === CODE_SUBJECT)).toBe(true);
    expect(entries[1]?.sentAt).toBe(server.clock.now().toISOString());
    expect(new Date(entries[0]?.sentAt ?? '') < new Date(entries[1]?.sentAt ?? '')).toBe(true);
  });

  it('survives a restart: the mails and a code sent before it are still there and the code still works', async () => {
    const token = await server.login('cvera');
    const reg = await getRegistration(server, token);
    const code = await sendCode(server, token, 'cvera.reinicio@example.com');
    const before = await server.mailbox();
    const { dir, clock } = server;
    await server.close({ keepFiles: true });

    server = await startServer({ dir, clock, seed: false });
    expect(await server.mailbox()).toEqual(before);
    const again = await server.login('cvera');
    const res = await put(server, again, emailChangeBody(reg, 'cvera.reinicio@example.com', code));
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await put(server, again, keepEmailBody({ ...reg, version: reg.version + 1 }))).status).toBe(200);
  });
});
