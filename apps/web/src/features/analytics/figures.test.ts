import { describe, expect, it } from 'vitest';
import { formatChange, formatFigure, pickablePeriods, switchPeriodType, toneOf, trendOf, trendQuarters } from './figures';

describe('figures written the Vietnamese way', () => {
  it('indicators with their decimals, data elements as they are', () => {
    expect(formatFigure(94.3, 1)).toBe('94,3');
    expect(formatFigure(94, 1)).toBe('94,0');
    expect(formatFigure(1634, null)).toBe('1.634');
    expect(formatFigure(411540.256, null)).toBe('411.540,26');
    expect(formatFigure(1634, 0)).toBe('1.634');
    expect(formatFigure(null, 1)).toBe('');
    expect(formatFigure(1634.5, null, 'en')).toBe('1,634.5');
  });

  it('changes carry their sign; a change that rounds to zero has none', () => {
    expect(formatChange(4.21)).toBe('+4,2%');
    expect(formatChange(-1.34)).toBe('-1,3%');
    expect(formatChange(0.04)).toBe('0,0%');
    expect(formatChange(-0.04)).toBe('0,0%');
    expect(formatChange(null)).toBe('');
    expect(formatChange(1234.56)).toBe('+1.234,6%');
    expect([trendOf(0.06), trendOf(-0.06), trendOf(0.04), trendOf(null)]).toEqual(['up', 'down', 'flat', 'none']);
  });

  it('a change is good news when it goes the desirable way: up where more is better, down where less is better', () => {
    expect((['up', 'down', 'flat', 'none'] as const).map((t) => toneOf(t, 'higher'))).toEqual(['good', 'bad', 'flat', 'none']);
    expect((['up', 'down', 'flat', 'none'] as const).map((t) => toneOf(t, 'lower'))).toEqual(['bad', 'good', 'flat', 'none']);
    expect(toneOf('up')).toBe('good'); // no direction given: more is better
    expect(toneOf(trendOf(-16.28), 'lower')).toBe('good'); // fewer broken loudspeakers
    expect(toneOf(trendOf(12), 'lower')).toBe('bad'); // more cyber incidents
  });
});

describe('periods of the dashboard', () => {
  it('switching the kind keeps the end of the period in view', () => {
    expect(switchPeriodType('2025Q3', 'SixMonthly')).toBe('2025S2');
    expect(switchPeriodType('2025Q3', 'NineMonthly')).toBe('2025N1');
    expect(switchPeriodType('2025Q4', 'NineMonthly')).toBe('2025N1');
    expect(switchPeriodType('2025Q2', 'Yearly')).toBe('2025');
    expect(switchPeriodType('2025', 'Quarterly')).toBe('2025Q4');
    expect(switchPeriodType('2025S1', 'Quarterly')).toBe('2025Q2');
    expect(switchPeriodType('2025Q1', 'Quarterly')).toBe('2025Q1');
  });

  it('the trend covers the 12 quarters ending with the period', () => {
    const q = trendQuarters('2025Q3');
    expect(q).toHaveLength(12);
    expect(q[0]).toBe('2022Q4');
    expect(q[11]).toBe('2025Q3');
    expect(trendQuarters('2025').at(-1)).toBe('2025Q4');
    expect(trendQuarters('2025N1').at(-1)).toBe('2025Q3');
  });

  it('lists periods newest first and keeps a period opened from a link', () => {
    expect(pickablePeriods('Quarterly', '2026-11-22', 3).map((p) => p.id)).toEqual(['2026Q4', '2026Q3', '2026Q2']);
    expect(pickablePeriods('NineMonthly', '2026-11-22', 2).map((p) => p.id)).toEqual(['2026N1', '2025N1']);
    expect(pickablePeriods('NineMonthly', '2026-05-02', 2).map((p) => p.id)).toEqual(['2026N1', '2025N1']);
    expect(pickablePeriods('Yearly', '2026-11-22', 2, '2019').map((p) => p.id)).toEqual(['2026', '2025', '2019']);
    expect(pickablePeriods('Yearly', '2026-11-22', 2, '2025Q1').map((p) => p.id)).toEqual(['2026', '2025']);
  });
});
