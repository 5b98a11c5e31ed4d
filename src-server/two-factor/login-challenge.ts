import { addMinutes } from '../clock';
import type { Db } from '../db/open-database';
import type { LoginChallengeRow } from '../db/schema';
import { hashBearerSecret, newBearerSecret } from '../security/bearer-secret';
import type { LoginCounter } from '../sessions/login-counter';

/** A right password (or automatic key) waiting for its "Código de verificación"; the DB keeps the hash only. */
export async function createLoginChallenge(
  db: Db,
  p: { userId: string; counter: LoginCounter; mustChangePassword: boolean; now: Date; minutes: number },
): Promise<{ challenge: string; expiresAt: Date }> {
  const challenge = newBearerSecret();
  const expiresAt = addMinutes(p.now, p.minutes);
  await db
    .insertInto('login_challenges')
    .values({
      challenge_hash: hashBearerSecret(challenge),
      user_id: p.userId,
      counter_scope: p.counter.scope,
      subject: p.counter.subject,
      must_change_password: p.mustChangePassword ? 1 : 0,
      created_at: p.now.toISOString(),
      expires_at: expiresAt.toISOString(),
      spent_at: null,
    })
    .execute();
  return { challenge, expiresAt };
}

/** The challenge when it is live (not spent, not expired). */
export async function findLiveChallenge(db: Db, challenge: string, now: Date): Promise<LoginChallengeRow | undefined> {
  const row = await db.selectFrom('login_challenges').selectAll().where('challenge_hash', '=', hashBearerSecret(challenge)).executeTakeFirst();
  if (!row || row.spent_at !== null || !(now < new Date(row.expires_at))) return undefined;
  return row;
}

/** Spends it once; false when a parallel request did first. */
export async function spendChallenge(db: Db, challengeHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('login_challenges')
    .set({ spent_at: now.toISOString() })
    .where('challenge_hash', '=', challengeHash)
    .where('spent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
