import type { Registration } from '../../src-shared/contract';
import type { UserRow } from '../db/schema';

/**
 * The SENAE mailbox every user has; derived, never stored or writable (instructivo 4.1.5:
 * ID.usuario@correo.aduana.gob.ec, "no es modificable").
 */
export const SENAE_EMAIL_DOMAIN = 'correo.aduana.gob.ec';

export function senaeEmailOf(userId: string): string {
  return `${userId}@${SENAE_EMAIL_DOMAIN}`;
}

/** A users row as the wire's Registration (validated by the route before it is sent). */
export function registrationOf(row: UserRow): Registration {
  return {
    userId: row.user_id,
    idDocument: row.id_document,
    name: row.name,
    country: row.country,
    province: row.province,
    city: row.city,
    phone1: row.phone1,
    phone2: row.phone2,
    mobile: { carrier: row.mobile_carrier as Registration['mobile']['carrier'], number: row.mobile_number },
    fax: row.fax,
    email: row.email,
    senaeEmail: senaeEmailOf(row.user_id),
    version: row.version,
  };
}
