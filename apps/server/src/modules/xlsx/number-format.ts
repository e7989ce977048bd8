/**
 * The Excel number format that shows a figure as the API does: '#,##0' for whole numbers, '#,##0.0',
 * '#,##0.00'… for `decimals` places (an indicator's own), or, without them, as many places as the value
 * has, at most two. Excel shows the reader's locale separators (1.634 and 94,3 on a Vietnamese machine).
 */
export function excelNumberFormat(value: number, decimals: number | null = null): string {
  const places = decimals ?? Math.min(2, (String(value).split('.')[1] ?? '').length);
  return places <= 0 ? '#,##0' : `#,##0.${'0'.repeat(Math.min(places, 10))}`;
}
