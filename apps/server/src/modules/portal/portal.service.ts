/** Who the portal speaks for today: the department's name valid on the business day, its governing body and contact details. */
import type { Db } from '../../platform/db/index.js';
import { orgIdentity } from '../settings/settings.service.js';
import type { Publisher } from './portal.html.js';
import { portalRepo } from './portal.repository.js';

/**
 * The department as of `today` (Sở TT&TT until 28/02/2025, Sở KH&CN from 01/03/2025 in the demo province) with its
 * contact details: setting 'org.contact' ({address, phone, email}), the address falling back to the department unit's.
 */
export async function publisherOf(db: Db, today: string, base: string): Promise<Publisher> {
  const id = await orgIdentity(db, today);
  const contact = await portalRepo.contact(db);
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return {
    department: id.department.name,
    parentBody: id.province.parentBody || id.province.name,
    province: id.province.name,
    address: text(contact.address) ?? (await portalRepo.unitAddress(db, id.department.id)),
    phone: text(contact.phone),
    email: text(contact.email),
    base,
  };
}
