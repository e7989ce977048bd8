/**
 * Human labels for periods, Vietnamese (default) and English.
 *
 *              periodLabel vi            periodShortLabel vi   periodLabel en   short en
 *   202401     Tháng 01 năm 2024         T01/2024              January 2024     01/2024
 *   2024Q1     Quý I năm 2024            Q1/2024               Q1 2024          Q1/2024
 *   2024S1     6 tháng đầu năm 2024      6T/2024               H1 2024          H1/2024
 *   2024S2     6 tháng cuối năm 2024     6TC/2024              H2 2024          H2/2024
 *   2024N1     9 tháng năm 2024          9T/2024               9 months 2024    9M/2024
 *   2024       Năm 2024                  2024                  2024             2024
 *
 * '6T' is the customary short form of "6 tháng (đầu năm)"; the second half gets
 * '6TC' ("6 tháng cuối") so the two halves stay distinguishable.
 */
import { type PeriodLike, type PeriodType, toPeriod } from './period.js';

export type Lang = 'vi' | 'en';

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const two = (n: number): string => String(n).padStart(2, '0');

/** Quarter number in Roman numerals (1 → 'I' … 4 → 'IV'). */
export function romanQuarter(index: number): string {
  const r = ROMAN[index - 1];
  if (!r) throw new RangeError(`Quarter out of range: ${index}`);
  return r;
}

/** Full label, e.g. 'Quý I năm 2024' / 'Q1 2024'. Throws RangeError on an invalid id. */
export function periodLabel(p: PeriodLike, lang: Lang = 'vi'): string {
  const q = toPeriod(p);
  const y = q.year;
  if (lang === 'en') {
    switch (q.type) {
      case 'Monthly':
        return `${EN_MONTHS[q.index - 1]} ${y}`;
      case 'Quarterly':
        return `Q${q.index} ${y}`;
      case 'SixMonthly':
        return `H${q.index} ${y}`;
      case 'NineMonthly':
        return `9 months ${y}`;
      case 'Yearly':
        return `${y}`;
    }
  }
  switch (q.type) {
    case 'Monthly':
      return `Tháng ${two(q.index)} năm ${y}`;
    case 'Quarterly':
      return `Quý ${romanQuarter(q.index)} năm ${y}`;
    case 'SixMonthly':
      return q.index === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`;
    case 'NineMonthly':
      return `9 tháng năm ${y}`;
    case 'Yearly':
      return `Năm ${y}`;
  }
}

/** Short label for tables and charts, e.g. 'Q1/2024', 'T01/2024', '6T/2024'. */
export function periodShortLabel(p: PeriodLike, lang: Lang = 'vi'): string {
  const q = toPeriod(p);
  const y = q.year;
  switch (q.type) {
    case 'Monthly':
      return lang === 'en' ? `${two(q.index)}/${y}` : `T${two(q.index)}/${y}`;
    case 'Quarterly':
      return `Q${q.index}/${y}`;
    case 'SixMonthly':
      if (lang === 'en') return `H${q.index}/${y}`;
      return q.index === 1 ? `6T/${y}` : `6TC/${y}`;
    case 'NineMonthly':
      return lang === 'en' ? `9M/${y}` : `9T/${y}`;
    case 'Yearly':
      return `${y}`;
  }
}

const TYPE_LABELS: Record<PeriodType, { vi: string; en: string }> = {
  Monthly: { vi: 'Tháng', en: 'Monthly' },
  Quarterly: { vi: 'Quý', en: 'Quarterly' },
  SixMonthly: { vi: '6 tháng', en: 'Six-monthly' },
  NineMonthly: { vi: '9 tháng', en: 'Nine-monthly' },
  Yearly: { vi: 'Năm', en: 'Yearly' },
};

/** Label of a period type, for selects: 'Quý' / 'Quarterly'. */
export function periodTypeLabel(type: PeriodType, lang: Lang = 'vi'): string {
  return TYPE_LABELS[type][lang];
}
