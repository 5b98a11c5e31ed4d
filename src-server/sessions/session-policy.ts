export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

/** A session's two instants, in milliseconds since the epoch (numbers: read on every request). */
export interface SessionTimes {
  createdAtMs: number;
  lastSeenAtMs: number;
}

/**
 * A session ends at whichever comes first: `idleMinutes` without a request, or `absoluteHours`
 * after login (docs/instructivo.md §9; the portal logs idle users out too). NaN for an unreadable
 * time, which no `now < expiry` check passes.
 */
export function sessionExpiryMs(times: SessionTimes, limits: SessionLimits): number {
  return Math.min(times.lastSeenAtMs + limits.idleMinutes * 60_000, times.createdAtMs + limits.absoluteHours * 3_600_000);
}
