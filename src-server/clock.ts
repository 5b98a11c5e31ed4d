/**
 * Every rule with a time limit (session expiry, login lockout) reads the time through a Clock, so
 * tests can move time forward with a fake clock instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
