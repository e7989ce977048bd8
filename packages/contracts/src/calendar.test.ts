import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOfWeek,
  daysInMonth,
  diffDays,
  fromDayNumber,
  isISODate,
  isWorkingDay,
  parseISODate,
  toDayNumber,
  workingDaysAfter,
} from './calendar.js';

// 1900-01-01 .. 2200-12-31 as day numbers
const arbDayNumber = fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2200-12-31') });

describe('ISO date parsing', () => {
  it('accepts real dates only', () => {
    expect(parseISODate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseISODate('2023-02-29')).toBeNull();
    expect(parseISODate('1900-02-29')).toBeNull();
    expect(parseISODate('2000-02-29')).not.toBeNull();
    expect(parseISODate('2024-13-01')).toBeNull();
    expect(parseISODate('2024-04-31')).toBeNull();
    expect(parseISODate('2024-1-01')).toBeNull();
    expect(parseISODate(' 2024-01-01')).toBeNull();
    expect(parseISODate('2024-01-01T00:00:00Z')).toBeNull();
    expect(isISODate('2024-12-31')).toBe(true);
    expect(daysInMonth(2024, 2)).toBe(29);
  });

  it('agrees with Date.UTC on day numbers and weekdays', () => {
    fc.assert(
      fc.property(arbDayNumber, (n) => {
        const utc = new Date(n * 86_400_000);
        const iso = fromDayNumber(n);
        expect(iso).toBe(utc.toISOString().slice(0, 10));
        expect(toDayNumber(iso)).toBe(n);
        expect(dayOfWeek(iso)).toBe(utc.getUTCDay());
      }),
    );
  });

  it('adds and diffs days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
    fc.assert(
      fc.property(arbDayNumber, fc.integer({ min: -5000, max: 5000 }), (n, k) => {
        const iso = fromDayNumber(n);
        expect(diffDays(iso, addDays(iso, k))).toBe(k);
      }),
    );
  });
});

describe('working days', () => {
  it('skips weekends and holidays', () => {
    expect(dayOfWeek('2024-03-14')).toBe(4); // Thursday
    expect(workingDaysAfter('2024-03-14', 1)).toBe('2024-03-15');
    expect(workingDaysAfter('2024-03-15', 1)).toBe('2024-03-18');
    expect(workingDaysAfter('2024-03-14', 1, ['2024-03-15'])).toBe('2024-03-18');
    expect(workingDaysAfter('2024-03-16', 0)).toBe('2024-03-16');
    // Reunification Day and Labour Day 2024 (30/4–1/5, Tue–Wed)
    expect(workingDaysAfter('2024-04-29', 1, ['2024-04-30', '2024-05-01'])).toBe('2024-05-02');
    expect(isWorkingDay('2024-03-16')).toBe(false);
    expect(isWorkingDay('2024-04-30', ['2024-04-30'])).toBe(false);
    expect(() => workingDaysAfter('2024-03-14', -1)).toThrow(RangeError);
  });

  it('lands on the n-th working day strictly after the date', () => {
    const arbHolidays = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 10 });
    fc.assert(
      fc.property(arbDayNumber, fc.integer({ min: 1, max: 25 }), arbHolidays, (n, k, offsets) => {
        const from = fromDayNumber(n);
        const holidays = offsets.map((o) => addDays(from, o));
        const result = workingDaysAfter(from, k, holidays);
        expect(result > from).toBe(true);
        expect(isWorkingDay(result, holidays)).toBe(true);
        let count = 0;
        for (let d = addDays(from, 1); d <= result; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) count += 1;
        expect(count).toBe(k);
      }),
    );
  });
});
