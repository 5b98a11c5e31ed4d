import { z } from 'zod';

/**
 * The trusted-device token (OWASP "device cookie", docs/architecture.md §5): after a successful login the backend
 * answers one in LoginResponse.deviceToken; the desktop app keeps it in the OS keychain beside the session token and
 * sends it back with the next login of that user. A valid token of that user gives the device its own failure
 * budget, so a flood against the account or from the same office address does not shut it out.
 *
 *   X-Ecuapass-Device-Token: v1.<id>.<expiry, seconds since the epoch>.<HMAC-SHA256, base64url>
 */
export const DEVICE_TOKEN_HEADER = 'X-Ecuapass-Device-Token';

/** Longer than any token the backend issues: a longer header is not ours and is ignored unread. */
export const DEVICE_TOKEN_MAX = 160;

export const DeviceTokenSchema = z
  .string()
  .max(DEVICE_TOKEN_MAX)
  .regex(/^v1\.[A-Za-z0-9_-]{22}\.\d{1,12}\.[A-Za-z0-9_-]{43}$/);
