import { expect, it } from 'vitest';
import { excelNumberFormat } from './number-format.js';

it('formats whole numbers without decimals and others with theirs (at most two unless given)', () => {
  expect(excelNumberFormat(1634)).toBe('#,##0');
  expect(excelNumberFormat(94.3)).toBe('#,##0.0');
  expect(excelNumberFormat(2.125)).toBe('#,##0.00');
  expect(excelNumberFormat(94, 1)).toBe('#,##0.0');
  expect(excelNumberFormat(94.35, 0)).toBe('#,##0');
  expect(excelNumberFormat(1, 3)).toBe('#,##0.000');
});
