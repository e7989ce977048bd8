import { describe, expect, it } from 'vitest';
import {
  CONFERENCE_ACTIONS, CONFERENCE_STATUSES, CONFERENCE_TRANSITIONS, type ConferenceAction, type ConferenceStatus, type ConferenceSubject,
  type ConferenceTransition, canConference, canSeeConference, conferenceAbilities, conferencePeriodWording, conferenceTitle, nextConferenceStatus,
} from './conference.js';
import type { Actor } from './policy.js';
import { ROLES, type Role } from './roles.js';

const OWN = 10;
const OTHER = 20;
const actor = (role: Role, orgUnitId: number | null = role === 'reporter' || role === 'unit_head' ? OWN : role === 'reviewer' ? 5 : null): Actor => ({
  id: 1, role, orgUnitId,
});
const subject = (status: ConferenceStatus, unitId: number | null = null, invited: number[] = [OWN]): ConferenceSubject => ({ status, invitedUnitIds: invited, unitId });

describe('transitions', () => {
  // Every (status, transition) pair: the table is the whole truth.
  const EXPECTED: Record<ConferenceStatus, Partial<Record<ConferenceTransition, ConferenceStatus>>> = {
    draft: { invite: 'invited' },
    invited: { hold: 'held' },
    held: { conclude: 'concluded' },
    concluded: { close: 'closed' },
    closed: {},
  };
  for (const from of CONFERENCE_STATUSES)
    for (const name of Object.keys(CONFERENCE_TRANSITIONS) as ConferenceTransition[])
      it(`${from} —${name}→ ${EXPECTED[from][name] ?? '(none)'}`, () => {
        expect(nextConferenceStatus(from, name)).toBe(EXPECTED[from][name] ?? null);
      });

  it('audits each edge under its own action', () => {
    expect(Object.values(CONFERENCE_TRANSITIONS).map((t) => t.audit)).toEqual(['conference.invite', 'conference.hold', 'conference.conclude', 'conference.close']);
  });

  it('leads from draft to closed along one path and never back', () => {
    const order = CONFERENCE_STATUSES;
    for (const t of Object.values(CONFERENCE_TRANSITIONS)) for (const f of t.from) expect(order.indexOf(t.to)).toBe(order.indexOf(f) + 1);
  });
});

describe('who sees a conference', () => {
  const cases: [Role, ConferenceStatus, boolean][] = [];
  for (const status of CONFERENCE_STATUSES) {
    for (const role of ['admin', 'office', 'reviewer', 'director'] as const) cases.push([role, status, true]);
    cases.push(['viewer', status, status !== 'draft']);
    cases.push(['reporter', status, status !== 'draft']);
    cases.push(['unit_head', status, status !== 'draft']);
  }
  it.each(cases)('%s, %s → %s (unit invited)', (role, status, seen) => {
    expect(canSeeConference(actor(role), subject(status))).toBe(seen);
  });

  it('hides it from a unit that is not invited, in every state', () => {
    for (const status of CONFERENCE_STATUSES) for (const role of ['reporter', 'unit_head'] as const) expect(canSeeConference(actor(role), subject(status, null, [OTHER]))).toBe(false);
  });

  it('hides it from a unit account without a unit', () => {
    expect(canSeeConference(actor('reporter', null), subject('invited'))).toBe(false);
  });
});

describe('who may do what, in which state', () => {
  // The policy written out as a table: for each action, the roles allowed and the states it is allowed in.
  const ORG: Role[] = ['admin', 'office'];
  const UNIT: Role[] = ['reporter', 'unit_head'];
  const TABLE: Record<ConferenceAction, { roles: Role[]; states: ConferenceStatus[] }> = {
    view: { roles: [...ROLES], states: [...CONFERENCE_STATUSES] },
    plan: { roles: ORG, states: ['draft', 'invited'] },
    invite: { roles: ORG, states: ['draft', 'invited'] },
    respond: { roles: UNIT, states: ['invited'] },
    present: { roles: UNIT, states: ['invited'] },
    checkin: { roles: ORG, states: ['invited', 'held'] },
    record: { roles: ORG, states: ['invited', 'held'] },
    minutes: { roles: ORG, states: ['held', 'concluded'] },
    conclude: { roles: [...ORG, 'director'], states: ['held'] },
    issue: { roles: ['director', 'admin'], states: ['held', 'concluded'] },
    close: { roles: [...ORG, 'director'], states: ['concluded'] },
  };
  const rows: [ConferenceAction, Role, ConferenceStatus, boolean][] = [];
  for (const action of CONFERENCE_ACTIONS)
    for (const role of ROLES)
      for (const status of CONFERENCE_STATUSES) {
        const seen = canSeeConference(actor(role), subject(status));
        rows.push([action, role, status, seen && TABLE[action].roles.includes(role) && TABLE[action].states.includes(status)]);
      }
  it.each(rows)('%s by %s when %s → %s', (action, role, status, allowed) => {
    // Unit-level actions are about the actor's own unit here.
    const unitId = action === 'respond' || action === 'present' ? OWN : null;
    expect(canConference(actor(role), action, subject(status, unitId))).toBe(allowed);
  });

  it('lets a unit answer and present only for itself', () => {
    for (const action of ['respond', 'present'] as const) {
      expect(canConference(actor('reporter'), action, subject('invited', OWN, [OWN, OTHER]))).toBe(true);
      expect(canConference(actor('reporter'), action, subject('invited', OTHER, [OWN, OTHER]))).toBe(false);
    }
  });

  it('sends the same answers as abilities', () => {
    for (const role of ROLES)
      for (const status of CONFERENCE_STATUSES) {
        const a = conferenceAbilities(actor(role), subject(status));
        for (const action of CONFERENCE_ACTIONS) expect(a[action]).toBe(canConference(actor(role), action, subject(status)));
      }
  });
});

describe('the period a conference reviews', () => {
  it.each([
    ['2023Q1', 'Hội nghị sơ kết công tác quý I năm 2023 và triển khai nhiệm vụ quý II năm 2023'],
    ['2023Q4', 'Hội nghị sơ kết công tác quý IV năm 2023 và triển khai nhiệm vụ quý I năm 2024'],
    ['2023S1', 'Hội nghị sơ kết công tác 6 tháng đầu năm 2023 và triển khai nhiệm vụ 6 tháng cuối năm 2023'],
    ['2023S2', 'Hội nghị sơ kết công tác 6 tháng cuối năm 2023 và triển khai nhiệm vụ 6 tháng đầu năm 2024'],
    ['2023N1', 'Hội nghị sơ kết công tác 9 tháng năm 2023 và triển khai nhiệm vụ quý IV năm 2023'],
    ['2023', 'Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024'],
  ])('%s → %s', (period, title) => {
    expect(conferenceTitle(period)).toBe(title);
  });

  it('makes a year a tổng kết and the rest a sơ kết; a month or a bad id has none', () => {
    expect(conferencePeriodWording('2023')?.kind).toBe('annual');
    expect(conferencePeriodWording('2023Q2')?.kind).toBe('interim');
    expect(conferencePeriodWording('202301')).toBeNull();
    expect(conferenceTitle('nonsense')).toBeNull();
  });
});
