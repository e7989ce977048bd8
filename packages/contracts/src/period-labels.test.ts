import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePeriod, PERIOD_TYPES, type Period, periodsPerYear } from './period.js';
import { periodLabel, periodShortLabel, periodTypeLabel, romanQuarter } from './period-labels.js';

describe('periodLabel', () => {
  it('writes Vietnamese labels', () => {
    expect(periodLabel('2024Q1')).toBe('Quý I năm 2024');
    expect(periodLabel('2024Q4', 'vi')).toBe('Quý IV năm 2024');
    expect(periodLabel('2024S1')).toBe('6 tháng đầu năm 2024');
    expect(periodLabel('2024S2')).toBe('6 tháng cuối năm 2024');
    expect(periodLabel('2024N1')).toBe('9 tháng năm 2024');
    expect(periodLabel('202401')).toBe('Tháng 01 năm 2024');
    expect(periodLabel('202412')).toBe('Tháng 12 năm 2024');
    expect(periodLabel('2024')).toBe('Năm 2024');
    expect(['I', 'II', 'III', 'IV'].map((_, i) => romanQuarter(i + 1))).toEqual(['I', 'II', 'III', 'IV']);
  });

  it('writes English labels', () => {
    expect(periodLabel('2024Q1', 'en')).toBe('Q1 2024');
    expect(periodLabel('2024S1', 'en')).toBe('H1 2024');
    expect(periodLabel('2024S2', 'en')).toBe('H2 2024');
    expect(periodLabel('202401', 'en')).toBe('January 2024');
    expect(periodLabel('202409', 'en')).toBe('September 2024');
    expect(periodLabel('2024N1', 'en')).toBe('9 months 2024');
    expect(periodLabel('2024', 'en')).toBe('2024');
  });

  it('writes short labels', () => {
    expect(periodShortLabel('2024Q1')).toBe('Q1/2024');
    expect(periodShortLabel('2024S1')).toBe('6T/2024');
    expect(periodShortLabel('2024S2')).toBe('6TC/2024');
    expect(periodShortLabel('2024N1')).toBe('9T/2024');
    expect(periodShortLabel('202401')).toBe('T01/2024');
    expect(periodShortLabel('2024')).toBe('2024');
    expect(periodShortLabel('2024S2', 'en')).toBe('H2/2024');
    expect(periodTypeLabel('Quarterly')).toBe('Quý');
    expect(() => periodLabel('2024Q5')).toThrow(RangeError);
  });

  it('gives every period of a year a distinct label', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.constantFrom('vi' as const, 'en' as const), (year, lang) => {
        const all: Period[] = PERIOD_TYPES.flatMap((t) =>
          Array.from({ length: periodsPerYear(t) }, (_, i) => makePeriod(t, year, i + 1) as Period),
        );
        expect(new Set(all.map((p) => periodLabel(p, lang))).size).toBe(all.length);
        expect(new Set(all.map((p) => periodShortLabel(p, lang))).size).toBe(all.length);
        for (const p of all) expect(periodLabel(p, lang)).toContain(String(year));
      }),
    );
  });
});
