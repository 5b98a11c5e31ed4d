import type { UserRow, UsersTable } from '../db/schema';

export type EditableColumns = Pick<
  UsersTable,
  'name' | 'country' | 'province' | 'city' | 'phone1' | 'phone2' | 'mobile_carrier' | 'mobile_number' | 'fax' | 'email'
>;

/** Wire name (as in the PUT body and the form) of each editable column, for the audit trail. */
const WIRE_NAME: Record<keyof EditableColumns, string> = {
  name: 'name',
  country: 'country',
  province: 'province',
  city: 'city',
  phone1: 'phone1',
  phone2: 'phone2',
  mobile_carrier: 'mobile.carrier',
  mobile_number: 'mobile.number',
  fax: 'fax',
  email: 'email',
};

/** The wire names of the columns whose value differs from the stored row; a password change is named, never valued. */
export function changedFieldNames(current: UserRow, next: EditableColumns, passwordChanged: boolean): string[] {
  const names = (Object.keys(WIRE_NAME) as (keyof EditableColumns)[]).filter((k) => current[k] !== next[k]).map((k) => WIRE_NAME[k]);
  return passwordChanged ? [...names, 'password'] : names;
}
