import type { z } from 'zod';
import type { Membership, UnitRef } from './people-rules.js';
import type { MembershipOut, PersonDetailOut, PersonOut } from './people.schema.js';
import type { PersonDetail, PersonView } from './people.service.js';

const presentUnitRef = (u: UnitRef) => ({ id: u.id, code: u.code, name: u.name, type: u.type });

export const presentMembership = (m: Membership): z.infer<typeof MembershipOut> => ({
  id: m.id,
  unit: presentUnitRef(m.unit),
  position: m.position,
  validFrom: m.validFrom,
  validTo: m.validTo,
  endReason: m.endReason,
});

/** One person; phone, e-mail, birth date and note only for callers who may see personal data. */
export const presentPerson = (v: PersonView): z.infer<typeof PersonOut> => ({
  id: v.person.id,
  fullName: v.person.fullName,
  gender: v.person.gender,
  birthDate: v.personal ? v.person.birthDate : null,
  phone: v.personal ? v.person.phone : null,
  email: v.personal ? v.person.email : null,
  note: v.personal ? v.person.note : null,
  userId: v.person.userId,
  username: v.person.username,
  unit: v.shown ? presentUnitRef(v.shown.unit) : null,
  position: v.shown ? v.shown.position : null,
  validFrom: v.shown ? v.shown.validFrom : null,
  validTo: v.shown ? v.shown.validTo : null,
  current: v.current,
  personal: v.personal,
  canManage: v.manage,
});

export const presentPersonDetail = (d: PersonDetail): z.infer<typeof PersonDetailOut> => ({
  ...presentPerson(d),
  memberships: d.memberships.map(presentMembership),
  createdAt: d.person.createdAt,
  updatedAt: d.person.updatedAt,
});
