import { describe, expect, it } from 'vitest';
import { touchSlackMs } from '../../../src-server/sessions/authenticator';
import { REGISTRATION } from './general-user-helpers';
import { serverForFile } from './harness';

/**
 * Issue #11 case 5: the idle window is exact to within a few seconds whatever its length. With
 * SESSION_IDLE_MINUTES=1 a session used every 15 s lives on; it ends 60 s (± the slack) after its
 * last use. Before the fix last_seen_at moved at most once a minute, so this session died at 60 s
 * although it had been used 15 s earlier. A burst of reads still writes last_seen_at at most once.
 */

const server = serverForFile({ sessionIdleMinutes: 1 });

const status = async (token: string) => (await server.request(REGISTRATION, { token })).status;
const lastSeen = async () => ((await server.dump()).sessions as { last_seen_at: string }[]).map((s) => s.last_seen_at);

describe('idle window of 1 minute', () => {
  it('used every 15 s for 3 minutes: alive throughout; then idle: alive at 55 s, gone at 60 s + slack', async () => {
    const token = await server.login('jperez');
    for (let t = 15; t <= 180; t += 15) {
      server.clock.advanceSeconds(15);
      expect(await status(token), `request at ${t} s`).toBe(200);
    }
    server.clock.advanceSeconds(55);
    expect(await status(token)).toBe(200);
    server.clock.advanceSeconds(60 + touchSlackMs(1) / 1000);
    expect(await status(token)).toBe(401);
  });

  it('the slack is a few seconds at most, for any window; ten reads in one second write last_seen_at once', async () => {
    expect(touchSlackMs(1)).toBe(5_000);
    expect(touchSlackMs(30)).toBe(5_000);
    expect(touchSlackMs(24 * 60)).toBe(5_000);
    const token = await server.login('mlopez');
    server.clock.advanceSeconds(6);
    const before = await lastSeen();
    for (let i = 0; i < 10; i++) {
      expect(await status(token)).toBe(200);
      server.clock.advanceSeconds(0.1);
    }
    const after = await lastSeen();
    expect(after.filter((v, i) => v !== before[i])).toHaveLength(1);
  });
});
