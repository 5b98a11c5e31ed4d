import { addMinutes } from '../clock';

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

/**
 * A session ends at whichever comes first: `idleMinutes` without a request, or `absoluteHours`
 * after login (design §4; the instructivo's portal logs idle users out).
 */
export function sessionExpiresAt(times: SessionTimes, limits: SessionLimits): Date {
  const idleEnd = addMinutes(times.lastSeenAt, limits.idleMinutes);
  const absoluteEnd = addMinutes(times.createdAt, limits.absoluteHours * 60);
  return idleEnd < absoluteEnd ? idleEnd : absoluteEnd;
}
