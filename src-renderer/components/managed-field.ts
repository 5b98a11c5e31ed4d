import { MANAGED_BY_ORGANIZATION } from '../../src-shared/contract';

/** A setting the machine policy may fix: read-only then, and its hint says who fixed it instead of how to fill it. */
export function managedField(managed: boolean, hint: string): { readOnly: boolean; hint: string } {
  return { readOnly: managed, hint: managed ? MANAGED_BY_ORGANIZATION : hint };
}
