/**
 * The facts behind the sentences a sector of the summary report opens with (figure-sentences.ts): the sector's
 * figures as the report already holds them (from the analytics engine at the province root), the catalog's wording
 * (pattern, desirable direction, kind), and for an indicator whose numerator and denominator are one data element
 * each, those elements' figures — fetched from the same engine when the sector does not list them.
 */
import type { Period } from '@nhip/contracts';
import { type FigureFacts, sectorSentences } from './figure-sentences.js';
import type { SentenceCatalogRow } from './figure-sentences.repository.js';
import type { DxRow } from './summary-report.repository.js';

/** '#{THON_CAPQUANG}' → 'THON_CAPQUANG'; an expression of more than one element → null. */
export function singleCode(expr: string | null): string | null {
  const m = /^\s*#\{([A-Za-z0-9_.-]+)\}\s*$/.exec(expr ?? '');
  return m ? m[1]! : null;
}

export interface SectorFigures {
  readonly period: Period;
  readonly lastYear: Period;
  readonly previous: Period;
  /** The sector's data elements and indicators, in catalog order. */
  readonly dx: readonly DxRow[];
  /** Figures keyed 'CODE|period' (as the report's figuresOf returns them). */
  readonly values: ReadonlyMap<string, number>;
  /** Targets at the root for the period's year, keyed 'de:<id>' / 'ind:<id>'. */
  readonly targets: ReadonlyMap<string, number>;
}

/**
 * The opening sentences of a sector; `fetch` brings figures for codes the sector does not list (keyed like `values`);
 * `marks`: the figures marked as fields (figure-sentences.ts: unmark, markedFields).
 */
export async function sectorFigureSentences(
  catalog: readonly SentenceCatalogRow[], s: SectorFigures, fetch: (codes: string[]) => Promise<Map<string, number>>, max = 4, marks = false,
): Promise<string[]> {
  const byKey = new Map(catalog.map((c) => [`${c.kind}:${c.code}`, c]));
  const elementName = new Map(catalog.filter((c) => c.kind === 'de').map((c) => [c.code, c.name]));
  const listed = new Set(s.dx.map((d) => d.code));
  const parts = s.dx.flatMap((d) => {
    const c = byKey.get(`${d.kind}:${d.code}`);
    return d.kind === 'ind' && c ? [singleCode(c.numerator), singleCode(c.denominator)] : [];
  }).filter((code): code is string => code !== null && !listed.has(code));
  const extra = parts.length ? await fetch([...new Set(parts)]) : new Map<string, number>();
  const get = (code: string, p: Period) => s.values.get(`${code}|${p.id}`) ?? extra.get(`${code}|${p.id}`) ?? null;
  const part = (code: string | null) => (code && elementName.has(code) ? { code, name: elementName.get(code)!, value: get(code, s.period) } : null);
  const facts: FigureFacts[] = s.dx.map((d) => {
    const c = byKey.get(`${d.kind}:${d.code}`);
    const target = s.targets.get(`${d.kind}:${d.id}`) ?? null;
    const nums = [get(d.code, s.period), get(d.code, s.previous), get(d.code, s.lastYear), target];
    return {
      code: d.code, kind: d.kind, name: d.name, uom: d.uom, valueType: d.kind === 'de' ? d.value_type : null,
      aggregationType: c?.aggregation_type ?? null, better: c?.better ?? 'higher', pattern: c?.sentence_pattern ?? null,
      // as the key-figure table shows them: an indicator's own decimals; a data element whole when its figures are
      decimals: d.kind === 'ind' ? (d.decimals ?? 1) : nums.every((n) => n === null || Number.isInteger(n)) ? 0 : 2,
      current: nums[0]!, previous: nums[1]!, lastYear: nums[2]!, target,
      numerator: d.kind === 'ind' ? part(singleCode(c?.numerator ?? null)) : null,
      denominator: d.kind === 'ind' ? part(singleCode(c?.denominator ?? null)) : null,
    };
  });
  return sectorSentences(facts, { period: s.period.id }, max, marks);
}
