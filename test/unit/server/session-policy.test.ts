import { describe, expect, it } from 'vitest';
import { sessionExpiryMs } from '../../../src-server/sessions/session-policy';

const MIN = 60_000;
const limits = { idleMinutes: 30, absoluteHours: 8 };
const login = Date.parse('2026-12-03T08:00:00.000Z');

describe('session expiry', () => {
  it('ends idleMinutes after the last request while that comes before the absolute end', () => {
    expect(sessionExpiryMs({ createdAtMs: login, lastSeenAtMs: login + 60 * MIN }, limits)).toBe(login + 90 * MIN);
  });

  it('ends absoluteHours after login however recent the last request', () => {
    expect(sessionExpiryMs({ createdAtMs: login, lastSeenAtMs: login + 7.9 * 60 * MIN }, limits)).toBe(login + 8 * 60 * MIN);
  });

  it('an unreadable time gives an expiry that no "now < expiry" check passes (fail closed)', () => {
    const expiry = sessionExpiryMs({ createdAtMs: Date.parse('not a date'), lastSeenAtMs: login }, limits);
    expect(login < expiry).toBe(false);
  });
});
