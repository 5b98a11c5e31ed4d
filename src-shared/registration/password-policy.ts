import { MSG } from './messages';

/** Password policy (docs/instructivo.md §4.2); returns the first broken clause's Spanish message, or null. */
export function passwordPolicyViolation(
  password: string,
  userId: string,
  currentPassword?: string,
): string | null {
  if (password.length < 8 || password.length > 64) return MSG.passwordLength;
  if (!/\p{Lu}/u.test(password)) return MSG.passwordUpper;
  if (!/\p{Ll}/u.test(password)) return MSG.passwordLower;
  if (!/\d/.test(password)) return MSG.passwordDigit;
  if (!/[^\p{L}\d\s]/u.test(password)) return MSG.passwordSymbol;
  if (userId.length > 0 && password.toLowerCase().includes(userId.toLowerCase())) {
    return MSG.passwordContainsUserId;
  }
  if (currentPassword !== undefined && password === currentPassword) return MSG.passwordSameAsCurrent;
  return null;
}
