import { describe, expect, it } from 'vitest';
import {
  canNomination, canSeeNomination, INITIATIVE_SCOPES, LIVE_NOMINATION_STATUSES, mayPropose, maySeeAwardData, NOMINATION_ACTIONS, NOMINATION_STATUSES,
  NOMINATION_TRANSITIONS, type NominationAction, type NominationStatus, type NominationTransition, nextNominationStatus, nominationAbilities, nominationScope,
  RATINGS, ratingAtLeast, scopeAtLeast,
} from './awards.js';
import { type Actor, canDo } from './policy.js';
import { ROLES, type Role, UNIT_ROLES } from './roles.js';

const OWN = 10;
const OTHER = 20;
const actor = (role: Role, orgUnitId: number | null = role === 'reviewer' ? OWN : UNIT_ROLES.includes(role) ? OWN : null): Actor => ({ id: 1, role, orgUnitId });
/** A nomination proposed by `proposer` for someone of `subject`. */
const subject = (status: NominationStatus, proposer = OWN, subjectUnit: number | null = OWN, councilMember = false) => ({
  status, proposingUnitId: proposer, subjectUnitId: subjectUnit, councilMember,
});

describe('ratings and scopes', () => {
  it('orders ratings best first and scopes narrowest first', () => {
    const R: [string, string, boolean][] = [
      ['xuat_sac', 'tot', true], ['tot', 'tot', true], ['hoan_thanh', 'tot', false], ['khong_hoan_thanh', 'hoan_thanh', false], ['tot', 'xuat_sac', false],
    ];
    for (const [r, min, ok] of R) expect(ratingAtLeast(r as never, min as never), `${r} ≥ ${min}`).toBe(ok);
    expect(RATINGS).toEqual(['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh']);
    expect(INITIATIVE_SCOPES.map((s) => scopeAtLeast(s, 'tinh'))).toEqual([false, true, true]);
  });
});

describe('nomination transitions', () => {
  // Every (status, transition) pair: the table is the whole truth.
  const EXPECTED: Record<NominationStatus, Partial<Record<NominationTransition, NominationStatus>>> = {
    proposed: { return: 'returned', accept: 'accepted', reject: 'rejected', withdraw: 'withdrawn' },
    returned: { resubmit: 'proposed', reject: 'rejected', withdraw: 'withdrawn' },
    accepted: { return: 'returned', reject: 'rejected', approve: 'approved', pass: 'approved', fail: 'not_approved' },
    approved: { decide: 'decided' },
    not_approved: {},
    decided: {},
    rejected: {},
    withdrawn: {},
  };
  for (const from of NOMINATION_STATUSES)
    for (const name of Object.keys(NOMINATION_TRANSITIONS) as NominationTransition[])
      it(`${from} —${name}→ ${EXPECTED[from][name] ?? '(none)'}`, () => {
        expect(nextNominationStatus(from, name)).toBe(EXPECTED[from][name] ?? null);
      });

  it('audits each edge under its own action', () => {
    expect(Object.entries(NOMINATION_TRANSITIONS).map(([k, t]) => t.audit === `nomination.${k}`)).not.toContain(false);
  });

  it('counts as live exactly the states that hold the title and year for the person', () => {
    expect([...LIVE_NOMINATION_STATUSES].sort()).toEqual(['accepted', 'approved', 'decided', 'proposed', 'returned']);
  });
});

describe('who proposes', () => {
  const TABLE: [Role, 'all' | 'own_unit' | 'none', boolean, boolean][] = [
    ['admin', 'all', true, true],
    ['office', 'all', true, true],
    ['reporter', 'own_unit', true, false],
    ['unit_head', 'own_unit', true, false],
    ['reviewer', 'none', false, false],
    ['director', 'none', false, false],
    ['viewer', 'none', false, false],
  ];
  it('has a row for every role', () => expect(TABLE.map((r) => r[0]).sort()).toEqual([...ROLES].sort()));
  it.each(TABLE)('%s proposes %s: own unit %s, another unit %s', (role, scope, ownUnit, otherUnit) => {
    expect(nominationScope({ role })).toBe(scope);
    expect(mayPropose(actor(role), OWN)).toBe(ownUnit);
    expect(mayPropose(actor(role), OTHER)).toBe(otherUnit);
  });
  it('"all" is exactly the global ability awards.manage', () => {
    for (const role of ROLES) expect(nominationScope({ role }) === 'all').toBe(canDo({ role }, 'awards.manage'));
  });
  it('a unit account without a unit proposes nobody, and nobody proposes for a person without a unit but the office', () => {
    expect(mayPropose(actor('reporter', null), OWN)).toBe(false);
    for (const role of ROLES) expect(mayPropose(actor(role), null)).toBe(role === 'admin' || role === 'office');
  });
});

describe('who sees a nomination and award data', () => {
  it.each(NOMINATION_STATUSES.map((s) => [s]))('%s', (status) => {
    const SEES: [Role, number, number | null, boolean][] = [
      ['admin', OTHER, OTHER, true], ['office', OTHER, OTHER, true], ['director', OTHER, OTHER, true],
      ['reporter', OWN, OTHER, true], ['reporter', OTHER, OWN, true], ['reporter', OTHER, OTHER, false],
      ['unit_head', OTHER, OTHER, false], ['reviewer', OTHER, OWN, true], ['reviewer', OWN, OTHER, false],
      ['viewer', OTHER, OTHER, status === 'decided'],
    ];
    for (const [role, proposer, subj, seen] of SEES) expect(canSeeNomination(actor(role), subject(status, proposer, subj)), `${role} ${proposer}/${subj}`).toBe(seen);
  });
  it('council members see what their council considers', () => {
    for (const role of ROLES) expect(canSeeNomination(actor(role), subject('accepted', OTHER, OTHER, true))).toBe(true);
  });
  it('award data: province-wide roles everyone, unit roles and reviewers their own unit, viewers none', () => {
    for (const role of ROLES) {
      const wide = role === 'admin' || role === 'office' || role === 'director';
      expect(maySeeAwardData(actor(role), OTHER)).toBe(wide);
      expect(maySeeAwardData(actor(role), OWN)).toBe(role !== 'viewer');
    }
  });
});

describe('who may do what, in which state', () => {
  // The policy as a table: for each action, the roles allowed and the states it is allowed in (own unit's nomination).
  const OFFICE: Role[] = ['admin', 'office'];
  const UNIT: Role[] = ['reporter', 'unit_head'];
  const TABLE: Record<Exclude<NominationAction, 'vote'>, { roles: Role[]; states: NominationStatus[] }> = {
    view: { roles: [...ROLES], states: [...NOMINATION_STATUSES] },
    edit: { roles: [...OFFICE, ...UNIT], states: ['proposed', 'returned', 'accepted'] },
    resubmit: { roles: [...OFFICE, ...UNIT], states: ['returned'] },
    withdraw: { roles: [...OFFICE, ...UNIT], states: ['proposed', 'returned'] },
    return: { roles: OFFICE, states: ['proposed', 'accepted'] },
    accept: { roles: OFFICE, states: ['proposed'] },
    reject: { roles: OFFICE, states: ['proposed', 'returned', 'accepted'] },
    approve: { roles: OFFICE, states: ['accepted'] },
    override: { roles: OFFICE, states: ['proposed', 'returned', 'accepted'] },
    tally: { roles: OFFICE, states: ['accepted'] },
    decide: { roles: ['admin', 'director'], states: ['approved'] },
  };
  const rows: [NominationAction, Role, NominationStatus, boolean][] = [];
  for (const [action, t] of Object.entries(TABLE) as [Exclude<NominationAction, 'vote'>, { roles: Role[]; states: NominationStatus[] }][])
    for (const role of ROLES)
      for (const status of NOMINATION_STATUSES) {
        const seen = canSeeNomination(actor(role), subject(status));
        // A unit edits its own nomination only while proposed or returned.
        const unitEditLimit = action === 'edit' && UNIT.includes(role) && status === 'accepted';
        rows.push([action, role, status, seen && t.roles.includes(role) && t.states.includes(status) && !unitEditLimit]);
      }
  it.each(rows)('%s by %s when %s → %s', (action, role, status, allowed) => {
    expect(canNomination(actor(role), action, subject(status))).toBe(allowed);
  });

  it('a unit acts only on the nominations it proposed', () => {
    for (const action of ['edit', 'resubmit', 'withdraw'] as const) {
      expect(canNomination(actor('reporter'), action, subject('returned', OTHER, OWN))).toBe(false);
      expect(canNomination(actor('reporter'), action, subject('returned', OWN, OWN))).toBe(true);
    }
  });

  it('council members vote on accepted nominations, whatever their role; nobody else votes', () => {
    for (const role of ROLES)
      for (const status of NOMINATION_STATUSES) {
        expect(canNomination(actor(role), 'vote', subject(status, OWN, OWN, true))).toBe(status === 'accepted');
        expect(canNomination(actor(role), 'vote', subject(status, OWN, OWN, false))).toBe(false);
      }
  });

  it('abilities list every action', () => {
    expect(Object.keys(nominationAbilities(actor('office'), subject('proposed')))).toEqual([...NOMINATION_ACTIONS]);
  });
});
