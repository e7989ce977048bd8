import { canDo, ROLES, type Role, UNIT_ROLES } from '@nhip/contracts';
import { describe, expect, it } from 'vitest';
import {
  managesEveryone, managesSomeone, manageableUnits, mayLinkAccount, mayManagePerson, mayManageUnit, maySeePersonal, PEOPLE_RULES,
} from './people.policy.js';

// The actor (user 7) belongs to unit 12; unit 30 is another unit; user 99 is someone else.
const OWN = 12;
const OTHER = 30;
const actor = (role: Role) => ({ id: 7, role, orgUnitId: OWN });

/** Expected answers, one row per role: [manage own, manage other, personal own, personal other]. */
const TABLE: [Role, boolean, boolean, boolean, boolean][] = [
  ['admin', true, true, true, true],
  ['office', true, true, true, true],
  ['reporter', true, false, true, false],
  ['unit_head', true, false, true, false],
  ['reviewer', false, false, true, false],
  ['director', false, false, true, false],
  ['viewer', false, false, true, false],
];

describe('people policy', () => {
  it('has a row for every role', () => {
    expect(TABLE.map((r) => r[0]).sort()).toEqual([...ROLES].sort());
    expect(Object.keys(PEOPLE_RULES).sort()).toEqual([...ROLES].sort());
  });

  it.each(TABLE)('%s: manages own %s, other %s; personal data own %s, other %s', (role, manageOwn, manageOther, personalOwn, personalOther) => {
    const a = actor(role);
    expect(mayManagePerson(a, { homeUnitId: OWN, userId: 99 })).toBe(manageOwn);
    expect(mayManagePerson(a, { homeUnitId: OTHER, userId: 99 })).toBe(manageOther);
    expect(mayManageUnit(a, OWN)).toBe(manageOwn);
    expect(mayManageUnit(a, OTHER)).toBe(manageOther);
    expect(maySeePersonal(a, { homeUnitId: OWN, userId: 99 })).toBe(personalOwn);
    expect(maySeePersonal(a, { homeUnitId: OTHER, userId: 99 })).toBe(personalOther);
    expect(mayLinkAccount(a, OWN)).toBe(manageOwn);
    expect(mayLinkAccount(a, OTHER)).toBe(manageOther);
    expect(mayLinkAccount(a, null)).toBe(manageOther);
    expect(managesSomeone(a)).toBe(manageOwn);
    expect(manageableUnits(a)).toEqual(manageOther ? null : manageOwn ? [OWN] : []);
  });

  it('"manage everyone" is exactly the global ability people.manage; "manage own unit" exactly the unit roles', () => {
    for (const role of ROLES) {
      expect(managesEveryone({ role })).toBe(canDo({ role }, 'people.manage'));
      expect(PEOPLE_RULES[role].manage === 'own_unit').toBe(UNIT_ROLES.includes(role));
    }
  });

  it.each(ROLES.map((r) => [r]))('%s sees their own personal data, in whatever unit', (role) => {
    expect(maySeePersonal(actor(role), { homeUnitId: OTHER, userId: 7 })).toBe(true);
    expect(maySeePersonal(actor(role), { homeUnitId: null, userId: 7 })).toBe(true);
  });

  it('former staff with no unit at all: only admin and office', () => {
    for (const role of ROLES) {
      const wide = role === 'admin' || role === 'office';
      expect(mayManagePerson(actor(role), { homeUnitId: null, userId: null })).toBe(wide);
      expect(maySeePersonal(actor(role), { homeUnitId: null, userId: null })).toBe(wide);
    }
  });

  it('a unit role without a unit manages nobody and sees no personal data but their own', () => {
    const a = { id: 7, role: 'reporter' as const, orgUnitId: null };
    expect(mayManageUnit(a, OWN)).toBe(false);
    expect(mayManagePerson(a, { homeUnitId: OWN, userId: null })).toBe(false);
    expect(maySeePersonal(a, { homeUnitId: OWN, userId: null })).toBe(false);
    expect(manageableUnits(a)).toEqual([]);
  });
});
