import { describe, expect, it } from 'vitest';
import { agendaTimes, vnTime, vnWall } from './time';

describe('conference times', () => {
  it('shows instants as the wall clock of Vietnam, whatever the browser zone', () => {
    expect(vnWall('2027-01-05T01:00:00.000Z')).toBe('2027-01-05T08:00');
    expect(vnWall('2026-12-31T17:30:00Z')).toBe('2027-01-01T00:30');
    expect(vnTime('2027-01-05T07:05:00Z')).toBe('14:05');
    expect(vnWall(null)).toBeNull();
    expect(vnWall('not a date')).toBeNull();
    expect(vnTime(undefined)).toBe('');
  });

  it('computes each item from the opening and the durations before it, so a move shifts the times after it', () => {
    const start = '2027-01-05T01:00:00.000Z';
    const times = (ds: number[]) => agendaTimes(start, ds).map((t) => `${vnTime(new Date(t.start).toISOString())}-${vnTime(new Date(t.end).toISOString())}`);
    expect(times([10, 20, 15])).toEqual(['08:00-08:10', '08:10-08:30', '08:30-08:45']);
    // The 20-minute item moved first: the opening still starts it, the others follow it.
    expect(times([20, 10, 15])).toEqual(['08:00-08:20', '08:20-08:30', '08:30-08:45']);
    expect(agendaTimes(start, [])).toEqual([]);
  });
});
