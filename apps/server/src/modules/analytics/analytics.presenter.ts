/** Shapes an engine result as DHIS2's analytics grid (JSON) or as CSV, values in machine format. */
import { csvLine } from '../../platform/spreadsheet-safe.js';
import type { AnalyticsResult } from './analytics.engine.js';

/** Data elements are shown with at most this many decimals; indicators with their own `decimals`. */
export const ELEMENT_DECIMALS = 2;

/** '1332', '94.3', '-0.5': rounded, no trailing zeros, never '-0' or an exponent for ordinary figures. */
export function formatValue(value: number, decimals: number | null): string {
  const d = Math.max(0, Math.min(10, decimals ?? ELEMENT_DECIMALS));
  const rounded = Number(value.toFixed(d));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export type AnalyticsGrid = {
  headers: { name: 'dx' | 'ou' | 'pe' | 'value' }[];
  rows: [string, string, string, string][];
  metaData: { items: Record<string, { name: string }>; dimensions: { dx: string[]; ou: string[]; pe: string[] } };
};

export function presentGrid(r: AnalyticsResult): AnalyticsGrid {
  return {
    headers: [{ name: 'dx' }, { name: 'ou' }, { name: 'pe' }, { name: 'value' }],
    rows: r.rows.map((row) => [row.dx, row.ou, row.pe, formatValue(row.value, row.decimals)]),
    metaData: { items: r.items, dimensions: r.dimensions },
  };
}

/**
 * CSV with the codes and their Vietnamese names, one line per figure (UTF-8, no BOM; LF line ends). Names are
 * neutralised against formula injection; values are plain numbers ('-0.5' stays a number).
 */
export function presentCsv(r: AnalyticsResult): string {
  const name = (code: string) => r.items[code]?.name ?? '';
  const lines = [['dx', 'dx_ten', 'ou', 'ou_ten', 'pe', 'pe_ten', 'value']];
  for (const row of r.rows) {
    lines.push([row.dx, name(row.dx), row.ou, name(row.ou), row.pe, name(row.pe), formatValue(row.value, row.decimals)]);
  }
  return lines.map(csvLine).join('\n') + '\n';
}
