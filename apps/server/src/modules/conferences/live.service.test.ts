import { describe, expect, it } from 'vitest';
import { currentItem, type LiveItem, nextItem, runningItem } from './live.service.js';

const at = new Date('2025-01-08T01:00:00Z');
/** One letter per agenda item: '.' not started, 'R' running, 'D' done (started and ended). */
const agenda = (states: string): LiveItem[] =>
  [...states].map((st, i) => ({
    id: i + 1, position: i + 1, kind: 'discussion', title: `Mục ${i + 1}`, presenter_person_id: null, presenter_name: null, presenter_person_name: null,
    presenter_unit_id: null, presenter_unit_name: null, duration_minutes: 10, notes: '', notes_revision: 0, notes_updated_by: null,
    notes_updated_by_name: null, notes_updated_at: null, started_at: st === '.' ? null : at, ended_at: st === 'D' ? at : null, planned_start: at, planned_end: at,
  }));

describe('which item runs, which comes next', () => {
  it.each([
    // states, running, next, current (running, else first not started)
    ['....', null, 1, 1],
    ['R...', 1, 2, 1],
    ['DR..', 2, 3, 2],
    ['DD..', null, 3, 3],
    ['DDDR', 4, null, 4],
    ['DDDD', null, null, null],
    // the secretary went back to an earlier item: next is the first not started after it
    ['DRD.', 2, 4, 2],
    // an item skipped before the running one comes next once nothing after it is left
    ['D.DR', 4, 2, 4],
    ['', null, null, null],
  ])('%s: running %s, next %s, current %s', (states, running, next, current) => {
    const items = agenda(states);
    expect(runningItem(items)?.id ?? null).toBe(running);
    expect(nextItem(items)?.id ?? null).toBe(next);
    expect(currentItem(items)?.id ?? null).toBe(current);
  });
});
