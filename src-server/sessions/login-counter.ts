import { normalisedSubject, type AttemptScope } from '../security/attempt-lock';

/** Whose failures a login try counts against: the account's untrusted clients, or one trusted device. */
export interface LoginCounter {
  scope: Extract<AttemptScope, 'login' | 'device'>;
  subject: string;
}

/** The account's own counter: the ID as typed, normalised. */
export function accountCounter(userId: string): LoginCounter {
  return { scope: 'login', subject: normalisedSubject(userId) };
}
