import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar.js';
import {
  formatDate,
  formatDateTime,
  formatDocumentDate,
  formatNumber,
  formatPercent,
  parseVietnameseNumber,
  parseVNDate,
  toPlainDecimal,
} from './format.js';

describe('formatNumber', () => {
  it('uses Vietnamese separators', () => {
    expect(formatNumber(1634)).toBe('1.634');
    expect(formatNumber(94.3)).toBe('94,3');
    expect(formatNumber(1234567.89)).toBe('1.234.567,89');
    expect(formatNumber(1234567.891, { decimals: 2 })).toBe('1.234.567,89');
    expect(formatNumber(-1634)).toBe('-1.634');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1.000');
    expect(formatNumber(0.5, { decimals: 2 })).toBe('0,50');
    expect(formatNumber(1634, { locale: 'en' })).toBe('1,634');
    expect(formatNumber(1234567.89, { locale: 'en' })).toBe('1,234,567.89');
  });

  it('rounds half away from zero on the decimal value and hides float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0,3');
    expect(formatNumber(1.005, { decimals: 2 })).toBe('1,01');
    expect(formatNumber(2.5, { decimals: 0 })).toBe('3');
    expect(formatNumber(-2.5, { decimals: 0 })).toBe('-3');
    expect(formatNumber(9.999, { decimals: 2 })).toBe('10,00');
    expect(formatNumber(-0.04, { decimals: 1 })).toBe('0,0');
    expect(formatNumber(1 / 3, { maxDecimals: 2 })).toBe('0,33');
    expect(formatNumber(1e21)).toBe('1.000.000.000.000.000.000.000');
    expect(formatNumber(1.5e-7)).toBe('0,00000015');
    expect(formatNumber(1.5e-7, { maxDecimals: 7 })).toBe('0,0000002');
    expect(formatNumber(-1e-12)).toBe('0');
  });

  it('returns an empty string for no value', () => {
    expect(formatNumber(null)).toBe('');
    expect(formatNumber(undefined)).toBe('');
    expect(formatNumber(Number.NaN)).toBe('');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('');
    expect(() => formatNumber(1, { decimals: -1 })).toThrow(RangeError);
  });

  it('formats percentages', () => {
    expect(formatPercent(94.3)).toBe('94,3%');
    expect(formatPercent(94.345, 2)).toBe('94,35%');
    expect(formatPercent(100)).toBe('100,0%');
    expect(formatPercent(94.3, 1, 'en')).toBe('94.3%');
    expect(formatPercent(null)).toBe('');
  });

  it('toPlainDecimal expands exponents', () => {
    expect(toPlainDecimal(1e21)).toBe('1000000000000000000000');
    expect(toPlainDecimal(1.25e22)).toBe('12500000000000000000000');
    expect(toPlainDecimal(1.5e-7)).toBe('0.00000015');
    expect(toPlainDecimal(123.45)).toBe('123.45');
  });
});

describe('parseVietnameseNumber', () => {
  it('follows the documented rules', () => {
    const cases: Array<[string, number | null]> = [
      ['1.634', 1634],
      ['1634', 1634],
      ['94,3', 94.3],
      ['94.3', 94.3],
      ['94.35', 94.35],
      ['1.634.000', 1634000],
      ['1.234.567,89', 1234567.89],
      ['1,634', 1.634],
      ['0.500', 0.5],
      ['1.2345', 1.2345],
      ['  -1.634 ', -1634],
      ['−5', -5],
      ['+7', 7],
      ['1 634 000', 1634000],
      ['1\u00a0634', 1634],
      ['-0', 0],
      ['', null],
      ['abc', null],
      ['1.2.3', null],
      ['1,2,3', null],
      ['1.634,5.6', null],
      ['12.34.567', null],
      ['12,', null],
      ['.5', null],
      [',5', null],
      ['1e3', null],
      ['94,3%', null],
      ['1,234.56', null],
      ['--1', null],
      ['0x10', null],
      ['Infinity', null],
    ];
    for (const [input, expected] of cases) expect(parseVietnameseNumber(input), input).toBe(expected);
    expect(parseVietnameseNumber(null)).toBeNull();
  });

  it('round-trips integers', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(parseVietnameseNumber(formatNumber(n))).toBe(n);
      }),
    );
  });

  it('round-trips numbers with one decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (k) => {
        const n = k / 10;
        expect(parseVietnameseNumber(formatNumber(n))).toBe(n);
        expect(parseVietnameseNumber(formatNumber(n, { decimals: 1 }))).toBe(n);
      }),
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseVietnameseNumber(s);
        expect(r === null || Number.isFinite(r)).toBe(true);
      }),
    );
  });
});

describe('dates', () => {
  it('formats dd/mm/yyyy', () => {
    expect(formatDate('2024-01-04')).toBe('04/01/2024');
    expect(formatDate('2024-02-30')).toBe('');
    expect(formatDate('garbage')).toBe('');
    expect(formatDate(null)).toBe('');
    expect(formatDate(new Date(Number.NaN))).toBe('');
  });

  it('shows instants in Vietnam time (UTC+7)', () => {
    expect(formatDate('2024-01-03T17:00:00.000Z')).toBe('04/01/2024');
    expect(formatDate('2024-01-03T16:59:59Z')).toBe('03/01/2024');
    expect(formatDate(new Date(Date.UTC(2024, 0, 3, 20, 5)))).toBe('04/01/2024');
    expect(formatDateTime('2024-01-04T01:30:00Z')).toBe('04/01/2024 08:30');
    expect(formatDateTime('2024-01-04T08:30:00+07:00')).toBe('04/01/2024 08:30');
    expect(formatDateTime('2024-01-04T08:30:00-0100')).toBe('04/01/2024 16:30');
    expect(formatDateTime('2024-01-04 17:00')).toBe('04/01/2024 17:00'); // wall clock, no zone
    expect(formatDateTime('2024-01-04T17:00:05', { seconds: true })).toBe('04/01/2024 17:00:05');
    expect(formatDateTime(Date.UTC(2023, 11, 31, 17, 0))).toBe('01/01/2024 00:00');
    expect(formatDateTime('2024-01-04T01:30:00Z', { offsetMinutes: 0 })).toBe('04/01/2024 01:30');
    expect(formatDateTime('2024-01-04T24:00:00Z')).toBe('');
    expect(formatDateTime('2024-01-04')).toBe('04/01/2024 00:00');
  });

  it('agrees with Date for random instants', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), (ms) => {
        const shifted = new Date(ms + 7 * 3_600_000).toISOString(); // YYYY-MM-DDTHH:mm
        const expected = `${shifted.slice(8, 10)}/${shifted.slice(5, 7)}/${shifted.slice(0, 4)} ${shifted.slice(11, 16)}`;
        expect(formatDateTime(ms)).toBe(expected);
        expect(formatDateTime(new Date(ms).toISOString())).toBe(expected);
      }),
    );
  });

  it('writes document dates per Decree 30/2020/NĐ-CP', () => {
    expect(formatDocumentDate('2024-01-04')).toBe('ngày 04 tháng 01 năm 2024');
    expect(formatDocumentDate('2024-02-10')).toBe('ngày 10 tháng 02 năm 2024');
    expect(formatDocumentDate('2024-03-15')).toBe('ngày 15 tháng 3 năm 2024');
    expect(formatDocumentDate('2024-12-01')).toBe('ngày 01 tháng 12 năm 2024');
  });

  it('parses Vietnamese dates', () => {
    expect(parseVNDate('04/01/2024')).toBe('2024-01-04');
    expect(parseVNDate('4/1/2024')).toBe('2024-01-04');
    expect(parseVNDate(' 29-02-2024 ')).toBe('2024-02-29');
    expect(parseVNDate('29.02.2024')).toBe('2024-02-29');
    expect(parseVNDate('29/02/2023')).toBeNull();
    expect(parseVNDate('04/13/2024')).toBeNull();
    expect(parseVNDate('04/01-2024')).toBeNull();
    expect(parseVNDate('2024-01-04')).toBeNull();
    expect(parseVNDate('04/01/24')).toBeNull();
    expect(parseVNDate(undefined)).toBeNull();
  });

  it('round-trips formatDate and parseVNDate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (k) => {
        const iso = addDays('1900-01-01', k);
        expect(parseVNDate(formatDate(iso))).toBe(iso);
      }),
    );
  });
});
