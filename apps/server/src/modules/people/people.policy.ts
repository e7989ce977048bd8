/**
 * Who may do what in the people directory: one table by role.
 *
 * - Everyone signed in reads every person's name, gender, position, unit and membership history.
 * - `manage`: whose records the role may add, edit, move and end. 'all' for admin and office (the global
 *   ability 'people.manage'); 'own_unit' for a unit's reporter and head: the people of their own unit,
 *   moved only within it; 'none' for the rest.
 * - `personal`: who sees phone, e-mail, birth date and note, personal data under Decree 13/2023/NĐ-CP.
 *   'all' for admin and office; 'own_unit' for everyone else: the people of their own unit, and themselves.
 *
 * A person's unit here is their HOME unit: where they work today, or for former staff where they last
 * worked (people.rules shownMembership on today). A unit role writing to another unit's person gets 404,
 * as if the person did not exist; a role that manages nobody gets 403.
 */
import type { Actor, Role } from '@nhip/contracts';

export type PeopleRule = { manage: 'all' | 'own_unit' | 'none'; personal: 'all' | 'own_unit' };

export const PEOPLE_RULES: Record<Role, PeopleRule> = {
  admin: { manage: 'all', personal: 'all' },
  office: { manage: 'all', personal: 'all' },
  reporter: { manage: 'own_unit', personal: 'own_unit' },
  unit_head: { manage: 'own_unit', personal: 'own_unit' },
  reviewer: { manage: 'none', personal: 'own_unit' },
  director: { manage: 'none', personal: 'own_unit' },
  viewer: { manage: 'none', personal: 'own_unit' },
};

type PeopleActor = Pick<Actor, 'id' | 'role' | 'orgUnitId'>;
/** What the policy needs to know about a person: their home unit and their sign-in account. */
export type PersonSubject = { homeUnitId: number | null; userId: number | null };

const inOwnUnit = (a: PeopleActor, unitId: number | null) => a.orgUnitId !== null && unitId !== null && a.orgUnitId === unitId;

/** Does the role manage anyone at all (may it call the write routes)? */
export const managesSomeone = (a: Pick<Actor, 'role'>) => PEOPLE_RULES[a.role].manage !== 'none';

/** Does the role manage everyone (office-wide lists, imports across units, linking any account)? */
export const managesEveryone = (a: Pick<Actor, 'role'>) => PEOPLE_RULES[a.role].manage === 'all';

/** May the actor add people to, or move people into, this unit? */
export function mayManageUnit(a: PeopleActor, unitId: number): boolean {
  const rule = PEOPLE_RULES[a.role].manage;
  return rule === 'all' || (rule === 'own_unit' && inOwnUnit(a, unitId));
}

/** May the actor edit, move and end the memberships of this person? */
export function mayManagePerson(a: PeopleActor, p: PersonSubject): boolean {
  const rule = PEOPLE_RULES[a.role].manage;
  return rule === 'all' || (rule === 'own_unit' && inOwnUnit(a, p.homeUnitId));
}

/** May the actor see this person's phone, e-mail, birth date and note? */
export function maySeePersonal(a: PeopleActor, p: PersonSubject): boolean {
  if (p.userId !== null && p.userId === a.id) return true;
  const rule = PEOPLE_RULES[a.role].personal;
  return rule === 'all' || inOwnUnit(a, p.homeUnitId);
}

/** May the actor link a person to a sign-in account that belongs to this unit (null: an account without unit)? */
export function mayLinkAccount(a: PeopleActor, accountUnitId: number | null): boolean {
  const rule = PEOPLE_RULES[a.role].manage;
  return rule === 'all' || (rule === 'own_unit' && inOwnUnit(a, accountUnitId));
}

/** The units whose people the actor may export or import (null: every unit; [] nobody). */
export function manageableUnits(a: PeopleActor): number[] | null {
  const rule = PEOPLE_RULES[a.role].manage;
  if (rule === 'all') return null;
  return rule === 'own_unit' && a.orgUnitId !== null ? [a.orgUnitId] : [];
}
