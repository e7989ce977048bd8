import { describe, expect, it } from 'vitest';
import {
  canKeyTask, canRecommendation, canSeeRecommendation, KEY_TASK_ACTIONS, KEY_TASK_STATES, type KeyTaskAction, keyTaskAbilities, nextRecommendationState, OPEN_RECOMMENDATION_STATES, RECOMMENDATION_ACTIONS, RECOMMENDATION_STATES,
  RECOMMENDATION_TRANSITIONS, type RecommendationAction, type RecommendationState, type RecommendationSubject, type RecommendationTransition,
  recommendationAbilities, type Timeliness, timelinessOf,
} from './followup.js';
import type { Actor } from './policy.js';
import type { Role } from './roles.js';

// Units: 10 the owner division, 11 another division, 20 a co-operating unit (a division), 30 the commune that raised it, 31 another commune.
const OWNER = 10;
const OTHER_DIVISION = 11;
const COOP = 20;
const RAISER = 30;
const STRANGER = 31;
const subject = (state: RecommendationState = 'in_progress'): RecommendationSubject => ({
  state, ownerDivisionId: OWNER, cooperatingUnitIds: [COOP], raisedByUnitIds: [RAISER],
});
const actor = (role: Role, orgUnitId: number | null): Actor => ({ id: 1, role, orgUnitId });

describe('timelinessOf: the grid of Decision 42/2014/QĐ-TTg', () => {
  const today = '2026-03-10';
  const cases: [string, { state: RecommendationState; deadline: string | null; closedOn: string | null }, Timeliness][] = [
    ['done before its deadline', { state: 'done', deadline: '2026-03-31', closedOn: '2026-03-01' }, 'done_on_time'],
    ['done on its deadline day', { state: 'done', deadline: '2026-03-01', closedOn: '2026-03-01' }, 'done_on_time'],
    ['done the day after its deadline', { state: 'done', deadline: '2026-03-01', closedOn: '2026-03-02' }, 'done_late'],
    ['found impossible in time (settled, with its reason)', { state: 'cannot_do', deadline: '2026-03-31', closedOn: '2026-03-05' }, 'done_on_time'],
    ['found impossible late', { state: 'cannot_do', deadline: '2026-02-28', closedOn: '2026-03-05' }, 'done_late'],
    ['done without a deadline', { state: 'done', deadline: null, closedOn: '2026-03-05' }, 'done_on_time'],
    ['open, deadline today', { state: 'in_progress', deadline: today, closedOn: null }, 'open_within_deadline'],
    ['open, deadline yesterday', { state: 'assigned', deadline: '2026-03-09', closedOn: null }, 'open_overdue'],
    ['new without a deadline', { state: 'new', deadline: null, closedOn: null }, 'open_within_deadline'],
    ['carried past its deadline', { state: 'carried', deadline: '2025-12-31', closedOn: null }, 'open_overdue'],
  ];
  it.each(cases)('%s', (_name, r, expected) => expect(timelinessOf(r, today)).toBe(expected));
});

describe('RECOMMENDATION_TRANSITIONS', () => {
  const table: [RecommendationTransition, RecommendationState, RecommendationState | null][] = [
    ['assign', 'new', 'assigned'],
    ['assign', 'assigned', null],
    ['start', 'assigned', 'in_progress'],
    ['start', 'carried', 'in_progress'],
    ['start', 'new', null],
    ['complete', 'in_progress', 'done'],
    ['complete', 'assigned', 'done'],
    ['complete', 'carried', 'done'],
    ['complete', 'new', null],
    ['complete', 'done', null],
    ['reject', 'new', 'cannot_do'],
    ['reject', 'in_progress', 'cannot_do'],
    ['reject', 'done', null],
    ['carry', 'in_progress', 'carried'],
    ['carry', 'new', null],
    ['carry', 'carried', null],
    ['merge', 'new', 'merged'],
    ['merge', 'carried', 'merged'],
    ['merge', 'done', null],
    ['merge', 'merged', null],
    ['reopen', 'done', 'in_progress'],
    ['reopen', 'cannot_do', 'in_progress'],
    ['reopen', 'merged', null],
    ['reopen', 'in_progress', null],
  ];
  it.each(table)('%s from %s → %s', (name, from, to) => expect(nextRecommendationState(from, name)).toBe(to));

  it('never leaves merged, and every transition ends in a known state', () => {
    for (const name of Object.keys(RECOMMENDATION_TRANSITIONS) as RecommendationTransition[]) {
      expect(nextRecommendationState('merged', name)).toBeNull();
      expect(RECOMMENDATION_STATES).toContain(RECOMMENDATION_TRANSITIONS[name].to);
    }
  });
});

describe('canRecommendation: who may do what', () => {
  // [who, seen?, actions allowed while in progress]
  const table: [string, Actor, boolean, RecommendationAction[]][] = [
    ['admin', actor('admin', null), true, ['view', 'update', 'transition', 'assign', 'answer', 'merge', 'edit']],
    ['office', actor('office', 99), true, ['view', 'update', 'transition', 'assign', 'answer', 'merge', 'edit']],
    ['director (and deputies)', actor('director', 1), true, ['view', 'assign']],
    ['viewer', actor('viewer', 1), true, ['view']],
    ['owner division reviewer', actor('reviewer', OWNER), true, ['view', 'update', 'transition', 'answer', 'merge', 'edit']],
    ['co-operating division reviewer', actor('reviewer', COOP), true, ['view', 'update']],
    ['another division reviewer', actor('reviewer', OTHER_DIVISION), false, []],
    ['reporter of the unit that raised it', actor('reporter', RAISER), true, ['view']],
    ['head of the unit that raised it', actor('unit_head', RAISER), true, ['view']],
    ['reporter of another unit', actor('reporter', STRANGER), false, []],
    ['reporter without a unit', actor('reporter', null), false, []],
  ];
  it.each(table)('%s', (_name, a, seen, allowed) => {
    expect(canSeeRecommendation(a, subject())).toBe(seen);
    for (const action of RECOMMENDATION_ACTIONS) expect(canRecommendation(a, action, subject()), action).toBe(allowed.includes(action));
    expect(Object.entries(recommendationAbilities(a, subject())).filter(([, v]) => v).map(([k]) => k).sort()).toEqual([...allowed].sort());
  });

  it('a settled or merged recommendation takes no more updates, assignments, merges or edits; the owner can still answer and move it (reopen is checked by the server)', () => {
    for (const state of RECOMMENDATION_STATES.filter((s) => !OPEN_RECOMMENDATION_STATES.includes(s))) {
      for (const a of [actor('office', 99), actor('reviewer', OWNER)]) {
        expect(canRecommendation(a, 'update', subject(state)), state).toBe(false);
        expect(canRecommendation(a, 'assign', subject(state)), state).toBe(false);
        expect(canRecommendation(a, 'merge', subject(state)), state).toBe(false);
        expect(canRecommendation(a, 'edit', subject(state)), state).toBe(false);
        expect(canRecommendation(a, 'answer', subject(state)), state).toBe(true);
      }
      expect(canRecommendation(actor('director', 1), 'assign', subject(state))).toBe(false);
    }
  });

  it('a unit co-operating on a point sees it and may add progress, but not move it', () => {
    const s = { ...subject(), cooperatingUnitIds: [STRANGER] };
    expect(canSeeRecommendation(actor('reporter', STRANGER), s)).toBe(true);
    expect(canRecommendation(actor('reporter', STRANGER), 'update', s)).toBe(true);
    expect(canRecommendation(actor('reporter', STRANGER), 'transition', s)).toBe(false);
  });
});

describe('canKeyTask: who may do what to a key task of the period', () => {
  const open = { state: 'open' as const, ownerDivisionId: OWNER };
  const table: [string, Actor, KeyTaskAction[]][] = [
    ['office', actor('office', 99), ['view', 'update', 'edit', 'close']],
    ['admin', actor('admin', null), ['view', 'update', 'edit', 'close']],
    ['reviewer of the owner division', actor('reviewer', OWNER), ['view', 'update']],
    ['reviewer of another division', actor('reviewer', OTHER_DIVISION), ['view']],
    ['director', actor('director', 1), ['view']],
    ['viewer', actor('viewer', null), ['view']],
    ['reporter of a unit', actor('reporter', RAISER), []],
    ['head of a unit', actor('unit_head', RAISER), []],
  ];
  it.each(table)('%s', (_name, a, allowed) => {
    for (const action of KEY_TASK_ACTIONS) expect(canKeyTask(a, action, open), action).toBe(allowed.includes(action));
    expect(Object.entries(keyTaskAbilities(a, open)).filter(([, v]) => v).map(([k]) => k).sort()).toEqual([...allowed].sort());
  });

  it('a task carried over, done or closed is read only', () => {
    for (const state of KEY_TASK_STATES.filter((s) => s !== 'open')) {
      for (const a of [actor('office', 99), actor('reviewer', OWNER)]) {
        expect(canKeyTask(a, 'view', { state, ownerDivisionId: OWNER }), state).toBe(true);
        for (const action of ['update', 'edit', 'close'] as const) expect(canKeyTask(a, action, { state, ownerDivisionId: OWNER }), `${state} ${action}`).toBe(false);
      }
    }
  });
});
