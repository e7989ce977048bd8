import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, diffDays, isWorkingDay } from './calendar.js';
import { formatDate } from './format.js';
import {
  childPeriods,
  comparePeriodTypes,
  contains,
  defaultCutoff,
  defaultDeadline,
  makePeriod,
  nextPeriod,
  overlaps,
  PERIOD_TYPES,
  type Period,
  type PeriodType,
  PeriodIdSchema,
  parentPeriods,
  parsePeriod,
  periodContainsDate,
  periodDays,
  periodOf,
  periodsBetween,
  periodsPerYear,
  previousPeriod,
  RELATIVE_PERIOD_KEYWORDS,
  relativePeriods,
  samePeriodLastYear,
} from './period.js';

const arbType = fc.constantFrom(...PERIOD_TYPES);
const arbPeriodOf = (type: PeriodType, minYear = 1900, maxYear = 2200): fc.Arbitrary<Period> =>
  fc
    .record({ year: fc.integer({ min: minYear, max: maxYear }), index: fc.integer({ min: 1, max: periodsPerYear(type) }) })
    .map(({ year, index }) => makePeriod(type, year, index) as Period);
const arbPeriod = (minYear = 1900, maxYear = 2200): fc.Arbitrary<Period> =>
  arbType.chain((t) => arbPeriodOf(t, minYear, maxYear));
/** A period and a day inside it. */
const arbPeriodAndDay = arbPeriod(1900, 2200).chain((p) =>
  fc.integer({ min: 0, max: periodDays(p) - 1 }).map((k) => ({ p, day: addDays(p.start, k) })),
);
const ids = (ps: Period[]): string[] => ps.map((p) => p.id);

describe('parsePeriod', () => {
  it('parses every period type', () => {
    expect(parsePeriod('202401')).toEqual({ id: '202401', type: 'Monthly', year: 2024, index: 1, start: '2024-01-01', end: '2024-01-31' });
    expect(parsePeriod('202402')?.end).toBe('2024-02-29');
    expect(parsePeriod('2024Q1')).toMatchObject({ type: 'Quarterly', index: 1, start: '2024-01-01', end: '2024-03-31' });
    expect(parsePeriod('2024Q4')).toMatchObject({ start: '2024-10-01', end: '2024-12-31' });
    expect(parsePeriod('2024S1')).toMatchObject({ type: 'SixMonthly', start: '2024-01-01', end: '2024-06-30' });
    expect(parsePeriod('2024S2')).toMatchObject({ start: '2024-07-01', end: '2024-12-31' });
    expect(parsePeriod('2024N1')).toMatchObject({ type: 'NineMonthly', index: 1, start: '2024-01-01', end: '2024-09-30' });
    expect(parsePeriod('2024')).toMatchObject({ type: 'Yearly', index: 1, start: '2024-01-01', end: '2024-12-31' });
  });

  it('rejects invalid ids', () => {
    for (const bad of ['202413', '202400', '2024Q5', '2024Q0', '2024S3', '2024N2', '1899', '2201', '2201Q1', '189912',
      '2024q1', ' 2024Q1', '2024Q1 ', '2024 Q1', '24Q1', '2024-01', '', 'abc', '2024W1', '20241', '2024011', '２０２４']) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
    expect(parsePeriod('1900')).not.toBeNull();
    expect(parsePeriod('220012')).not.toBeNull();
    expect(PeriodIdSchema.safeParse('2024Q1').success).toBe(true);
    expect(PeriodIdSchema.safeParse('2024Q5').success).toBe(false);
  });

  it('round-trips every valid period', () => {
    fc.assert(
      fc.property(arbPeriod(), (p) => {
        expect(parsePeriod(p.id)).toEqual(p);
      }),
    );
  });

  it('has start ≤ end and a sensible length', () => {
    fc.assert(
      fc.property(arbPeriod(), (p) => {
        expect(p.start <= p.end).toBe(true);
        expect(periodDays(p)).toBe(diffDays(p.start, p.end) + 1);
        const [min, max] = { Monthly: [28, 31], Quarterly: [90, 92], SixMonthly: [181, 184], NineMonthly: [273, 274], Yearly: [365, 366] }[p.type];
        expect(periodDays(p)).toBeGreaterThanOrEqual(min as number);
        expect(periodDays(p)).toBeLessThanOrEqual(max as number);
      }),
    );
  });
});

describe('period arithmetic', () => {
  it('steps across years', () => {
    expect(previousPeriod('2024Q1').id).toBe('2023Q4');
    expect(nextPeriod('2023Q4').id).toBe('2024Q1');
    expect(nextPeriod('202312').id).toBe('202401');
    expect(previousPeriod('2024S1').id).toBe('2023S2');
    expect(previousPeriod('2024N1').id).toBe('2023N1');
    expect(nextPeriod('2024').id).toBe('2025');
    expect(samePeriodLastYear('2024Q2').id).toBe('2023Q2');
    expect(() => nextPeriod('2200')).toThrow(RangeError);
    expect(() => previousPeriod('190001')).toThrow(RangeError);
    expect(() => nextPeriod('nonsense')).toThrow(RangeError);
  });

  it('next(previous(p)) = p and previous(next(p)) = p', () => {
    fc.assert(
      fc.property(arbPeriod(1901, 2199), (p) => {
        expect(nextPeriod(previousPeriod(p))).toEqual(p);
        expect(previousPeriod(nextPeriod(p))).toEqual(p);
      }),
    );
  });

  it('consecutive periods are contiguous (NineMonthly: one year apart)', () => {
    fc.assert(
      fc.property(arbPeriod(1900, 2199), (p) => {
        const n = nextPeriod(p);
        expect(n.type).toBe(p.type);
        if (p.type === 'NineMonthly') expect(n.year).toBe(p.year + 1);
        else expect(n.start).toBe(addDays(p.end, 1));
      }),
    );
  });

  it('samePeriodLastYear shifts the year by one', () => {
    fc.assert(
      fc.property(arbPeriod(1901, 2200), (p) => {
        const q = samePeriodLastYear(p);
        expect([q.type, q.index, q.year]).toEqual([p.type, p.index, p.year - 1]);
        expect(q.start).toBe(`${p.year - 1}${p.start.slice(4)}`);
      }),
    );
  });

  it('periodOf finds the period containing a date', () => {
    expect(periodOf('Quarterly', '2024-05-10')?.id).toBe('2024Q2');
    expect(periodOf('Monthly', '2024-12-31')?.id).toBe('202412');
    expect(periodOf('NineMonthly', '2024-09-30')?.id).toBe('2024N1');
    expect(periodOf('NineMonthly', '2024-10-01')).toBeNull();
    expect(periodOf('Yearly', '2024-02-30')).toBeNull();
    expect(periodOf('Yearly', '1899-12-31')).toBeNull();
    fc.assert(
      fc.property(arbPeriodAndDay, ({ p, day }) => {
        expect(periodOf(p.type, day)).toEqual(p);
        expect(periodContainsDate(p, day)).toBe(true);
      }),
    );
  });
});

describe('containment', () => {
  it('matches the examples', () => {
    expect(contains('2024', '2024Q1')).toBe(true);
    expect(contains('2024', '202403')).toBe(true);
    expect(contains('2024S1', '2024Q2')).toBe(true);
    expect(contains('2024S1', '2024Q3')).toBe(false);
    for (const q of ['2024Q1', '2024Q2', '2024Q3']) expect(contains('2024N1', q)).toBe(true);
    expect(contains('2024N1', '2024Q4')).toBe(false);
    expect(contains('2024N1', '2024S1')).toBe(true);
    expect(contains('2024Q1', '2024')).toBe(false);
    expect(contains('2023', '2024Q1')).toBe(false);
  });

  it('children and parents', () => {
    expect(ids(childPeriods('2024', 'Quarterly'))).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4']);
    expect(ids(childPeriods('2024N1', 'Quarterly'))).toEqual(['2024Q1', '2024Q2', '2024Q3']);
    expect(ids(childPeriods('2024S2', 'Monthly'))).toEqual(['202407', '202408', '202409', '202410', '202411', '202412']);
    expect(ids(childPeriods('2024Q1', 'Yearly'))).toEqual([]);
    expect(ids(childPeriods('2024Q1', 'Quarterly'))).toEqual(['2024Q1']);
    expect(ids(parentPeriods('202403'))).toEqual(['2024Q1', '2024S1', '2024N1', '2024']);
    expect(ids(parentPeriods('202410'))).toEqual(['2024Q4', '2024S2', '2024']);
    expect(ids(parentPeriods('2024S1'))).toEqual(['2024N1', '2024']);
    expect(ids(parentPeriods('2024'))).toEqual([]);
  });

  it('childPeriods partition the parent exactly', () => {
    fc.assert(
      fc.property(arbPeriod(), arbType, (p, t) => {
        const children = childPeriods(p, t);
        if (comparePeriodTypes(t, p.type) > 0) {
          expect(children).toEqual([]);
          return;
        }
        for (const c of children) expect(contains(p, c)).toBe(true);
        // Nine months are not tiled by halves, nor a year by nine months; every
        // other finer-or-equal type tiles its parent.
        if (p.type === 'NineMonthly' && t === 'SixMonthly') {
          expect(ids(children)).toEqual([`${p.year}S1`]);
          return;
        }
        if (p.type === 'Yearly' && t === 'NineMonthly') {
          expect(ids(children)).toEqual([`${p.year}N1`]);
          return;
        }
        expect(children[0]?.start).toBe(p.start);
        expect(children.at(-1)?.end).toBe(p.end);
        for (let i = 1; i < children.length; i++) {
          expect(children[i]?.start).toBe(addDays((children[i - 1] as Period).end, 1));
        }
        expect(children.reduce((s, c) => s + periodDays(c), 0)).toBe(periodDays(p));
      }),
    );
  });

  it('contains agrees with date ranges, children and parents', () => {
    const arbNear = arbPeriod(2023, 2025);
    fc.assert(
      fc.property(arbNear, arbNear, fc.nat(400), (p, q, k) => {
        const c = contains(p, q);
        expect(c).toBe(p.start <= q.start && q.end <= p.end);
        expect(c).toBe(ids(childPeriods(p, q.type)).includes(q.id));
        if (p.type !== q.type) expect(c).toBe(ids(parentPeriods(q)).includes(p.id));
        const day = addDays(q.start, k % periodDays(q));
        if (c) {
          expect(periodContainsDate(p, day)).toBe(true);
          expect(overlaps(p, q)).toBe(true);
          expect(periodDays(p)).toBeGreaterThanOrEqual(periodDays(q));
        }
        expect(c && contains(q, p)).toBe(p.id === q.id);
      }),
    );
  });

  it('parentPeriods are exactly the coarser periods containing p', () => {
    fc.assert(
      fc.property(arbPeriod(), (p) => {
        const parents = parentPeriods(p);
        for (const q of parents) {
          expect(comparePeriodTypes(q.type, p.type)).toBeGreaterThan(0);
          expect(contains(q, p)).toBe(true);
        }
        const expected = PERIOD_TYPES.filter((t) => comparePeriodTypes(t, p.type) > 0)
          .map((t) => periodOf(t, p.start))
          .filter((q): q is Period => q !== null && contains(q, p));
        expect(parents).toEqual(expected);
      }),
    );
  });
});

describe('periodsBetween', () => {
  it('lists overlapping periods in order', () => {
    expect(ids(periodsBetween('Quarterly', '2023-11-15', '2024-04-01'))).toEqual(['2023Q4', '2024Q1', '2024Q2']);
    expect(ids(periodsBetween('Monthly', '2024-01-01', '2024-03-31'))).toEqual(['202401', '202402', '202403']);
    expect(ids(periodsBetween('NineMonthly', '2023-10-01', '2024-12-31'))).toEqual(['2024N1']);
    expect(ids(periodsBetween('Yearly', '2024-05-01', '2024-05-01'))).toEqual(['2024']);
    expect(periodsBetween('Yearly', '2025-01-01', '2024-01-01')).toEqual([]);
    expect(() => periodsBetween('Yearly', '2024-13-01', '2025-01-01')).toThrow(RangeError);
  });

  it('covers the range contiguously', () => {
    const arbDate = fc.integer({ min: 0, max: 3000 }).map((k) => addDays('2020-01-01', k));
    fc.assert(
      fc.property(arbType.filter((t) => t !== 'NineMonthly'), arbDate, arbDate, (t, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const ps = periodsBetween(t, lo, hi);
        expect(ps[0]).toEqual(periodOf(t, lo));
        expect(ps.at(-1)).toEqual(periodOf(t, hi));
        for (let i = 1; i < ps.length; i++) expect(ps[i]).toEqual(nextPeriod(ps[i - 1] as Period));
      }),
    );
  });
});

describe('cut-off and deadline (Decree 09/2019/NĐ-CP)', () => {
  it('matches the decree examples', () => {
    expect(defaultCutoff('2024Q1', 'administrative')).toEqual({ cutoffStart: '2023-12-15', cutoffEnd: '2024-03-14' });
    const q1 = defaultCutoff('2024Q1', 'administrative');
    expect(`${formatDate(q1.cutoffStart)}–${formatDate(q1.cutoffEnd)}`).toBe('15/12/2023–14/03/2024');
    expect(defaultCutoff('2024', 'administrative')).toEqual({ cutoffStart: '2023-12-15', cutoffEnd: '2024-12-14' });
    expect(defaultCutoff('202403', 'administrative')).toEqual({ cutoffStart: '2024-02-15', cutoffEnd: '2024-03-14' });
    expect(defaultCutoff('2024S1', 'administrative')).toEqual({ cutoffStart: '2023-12-15', cutoffEnd: '2024-06-14' });
    expect(defaultCutoff('2024S2', 'administrative')).toEqual({ cutoffStart: '2024-06-15', cutoffEnd: '2024-12-14' });
    expect(defaultCutoff('2024N1', 'administrative')).toEqual({ cutoffStart: '2023-12-15', cutoffEnd: '2024-09-14' });
    expect(defaultCutoff('2024Q1', 'statistical')).toEqual({ cutoffStart: '2024-01-01', cutoffEnd: '2024-03-31' });
  });

  it('computes deadlines in working days', () => {
    expect(defaultDeadline('2024Q1', 'administrative')).toBe('2024-03-15'); // Friday
    expect(defaultDeadline('2024Q1', 'administrative', ['2024-03-15'])).toBe('2024-03-18');
    expect(defaultDeadline('2024Q1', 'administrative', [], { workingDays: 3 })).toBe('2024-03-19');
    expect(defaultDeadline('2024Q2', 'administrative')).toBe('2024-06-17'); // 14/06 is a Friday
    expect(defaultDeadline('2024Q1', 'statistical')).toBe('2024-04-19');
    expect(defaultDeadline('2024Q1', 'statistical', [], { workingDays: 0 })).toBe('2024-03-31');
    expect(() => defaultDeadline('2024Q1', 'administrative', [], { workingDays: 0 })).toThrow(RangeError);
  });

  it('cut-off ends on the 14th of the last month; the deadline is a working day after it', () => {
    const arbHolidayOffsets = fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { maxLength: 8 });
    fc.assert(
      fc.property(arbPeriod(1901, 2199), arbHolidayOffsets, (p, offsets) => {
        const { cutoffStart, cutoffEnd } = defaultCutoff(p, 'administrative');
        expect(cutoffEnd).toBe(`${p.end.slice(0, 8)}14`);
        expect(cutoffStart.slice(8)).toBe('15');
        expect(addDays(cutoffStart, -14).slice(0, 7)).toBe(addDays(p.start, -1).slice(0, 7)); // month before
        expect(cutoffStart < p.start && cutoffEnd < p.end).toBe(true);
        const holidays = offsets.map((o) => addDays(cutoffEnd, o));
        const deadline = defaultDeadline(p, 'administrative', holidays);
        expect(deadline > cutoffEnd).toBe(true);
        expect(isWorkingDay(deadline, holidays)).toBe(true);
        expect(dayOfWeek(deadline)).not.toBe(0);
        for (let d = addDays(cutoffEnd, 1); d < deadline; d = addDays(d, 1)) expect(isWorkingDay(d, holidays)).toBe(false);
        const stat = defaultCutoff(p, 'statistical');
        expect(stat).toEqual({ cutoffStart: p.start, cutoffEnd: p.end });
        const statDeadline = defaultDeadline(p, 'statistical', holidays);
        expect(statDeadline > p.end && isWorkingDay(statDeadline, holidays)).toBe(true);
      }),
    );
  });
});

describe('relativePeriods', () => {
  it('matches DHIS2 semantics (LAST_n excludes the current period)', () => {
    const today = '2024-05-10';
    expect(relativePeriods('THIS_YEAR', today)).toEqual(['2024']);
    expect(relativePeriods('LAST_YEAR', today)).toEqual(['2023']);
    expect(relativePeriods('LAST_5_YEARS', today)).toEqual(['2019', '2020', '2021', '2022', '2023']);
    expect(relativePeriods('THIS_QUARTER', today)).toEqual(['2024Q2']);
    expect(relativePeriods('LAST_QUARTER', '2024-02-01')).toEqual(['2023Q4']);
    expect(relativePeriods('LAST_4_QUARTERS', today)).toEqual(['2023Q2', '2023Q3', '2023Q4', '2024Q1']);
    expect(relativePeriods('THIS_MONTH', today)).toEqual(['202405']);
    expect(relativePeriods('LAST_MONTH', '2024-01-31')).toEqual(['202312']);
    expect(relativePeriods('LAST_12_MONTHS', today)).toEqual(ids(periodsBetween('Monthly', '2023-05-01', '2024-04-30')));
    expect(() => relativePeriods('THIS_YEAR', '10/05/2024')).toThrow(RangeError);
  });

  it('returns valid, ordered, contiguous ids ending before today', () => {
    const arbToday = fc.integer({ min: 0, max: 20000 }).map((k) => addDays('1950-01-01', k));
    fc.assert(
      fc.property(fc.constantFrom(...RELATIVE_PERIOD_KEYWORDS), arbToday, (kw, today) => {
        const ps = relativePeriods(kw, today).map((id) => parsePeriod(id) as Period);
        expect(ps.every((p) => p !== null)).toBe(true);
        for (let i = 1; i < ps.length; i++) expect(ps[i]).toEqual(nextPeriod(ps[i - 1] as Period));
        const last = ps.at(-1) as Period;
        if (kw.startsWith('THIS_')) expect(periodContainsDate(last, today)).toBe(true);
        else expect(last.end < today && addDays(last.end, 1) <= today).toBe(true);
      }),
    );
  });
});
