import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './roles.js';
import {
  SUMMARY_DRAFT_ACTIONS, SUMMARY_DRAFT_STATES, SUMMARY_DRAFT_TRANSITIONS, type SummaryDraftAction, type SummaryDraftState, type SummaryDraftTransition,
  canSummaryDraft, nextSummaryDraftState, summaryDraftAbilities,
} from './summary-draft.js';

describe('SUMMARY_DRAFT_TRANSITIONS', () => {
  const table: [SummaryDraftTransition, SummaryDraftState, SummaryDraftState | null][] = [
    ['submit', 'draft', 'submitted'], ['submit', 'submitted', null], ['submit', 'approved', null],
    ['return', 'submitted', 'draft'], ['return', 'draft', null], ['return', 'approved', null],
    ['approve', 'submitted', 'approved'], ['approve', 'draft', null], ['approve', 'approved', null],
  ];
  it.each(table)('%s from %s → %s', (t, from, to) => expect(nextSummaryDraftState(from, t)).toBe(to));
  it('audits every transition under summary_report.<name>', () => {
    for (const [name, t] of Object.entries(SUMMARY_DRAFT_TRANSITIONS)) expect(t.audit).toBe(`summary_report.${name}`);
  });
});

describe('canSummaryDraft: who may do what in which state', () => {
  type S = SummaryDraftState | null;
  const ALL: S[] = [null, ...SUMMARY_DRAFT_STATES];
  // [action, the roles allowed, the states (null: no report yet) it is allowed in]
  const table: [SummaryDraftAction, Role[], S[]][] = [
    ['view', ['admin', 'office', 'reviewer', 'director', 'viewer'], ALL],
    ['create', ['admin', 'office'], [null]],
    ['edit', ['admin', 'office'], ['draft']],
    ['refresh', ['admin', 'office'], ['draft']],
    ['submit', ['admin', 'office'], ['draft']],
    ['return', ['admin', 'director'], ['submitted']],
    ['approve', ['admin', 'director'], ['submitted']],
    ['uploadSigned', ['admin', 'office', 'director'], ['approved']],
  ];
  it('covers every action', () => expect(table.map((r) => r[0]).sort()).toEqual([...SUMMARY_DRAFT_ACTIONS].sort()));
  for (const [action, roles, states] of table) {
    for (const role of ROLES) {
      for (const state of ALL) {
        const allowed = roles.includes(role) && states.includes(state);
        it(`${role} ${allowed ? 'may' : 'may not'} ${action} when ${state ?? 'none'}`, () => {
          expect(canSummaryDraft({ role }, action, state)).toBe(allowed);
          expect(summaryDraftAbilities({ role }, state)[action]).toBe(allowed);
        });
      }
    }
  }
});
