/**
 * The configuration as the metadata exchange sees it: every object named by its code, references by
 * code. Stored rows and incoming files both become these records, so "unchanged" is a plain comparison.
 */
export type Kind = 'rename' | 'merge' | 'split' | 'transfer';
export type SectorRec = { code: string; name: string; nameEn: string | null; division: string | null; sort: number };
export type UnitRec = {
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  parent: string | null;
  openingDate: string;
  closedDate: string | null;
  sector: string | null;
  address: string | null;
  predecessors: { code: string; kind: Kind }[];
};
export type ElementRec = {
  code: string;
  name: string;
  nameEn: string | null;
  shortName: string | null;
  description: string | null;
  uom: string | null;
  valueType: string;
  aggregationType: string;
  reportLevel: number | null;
  min: number | null;
  max: number | null;
  sector: string | null;
  division: string | null;
  /** Nhịp's own: the desirable direction (DHIS2 has none). */
  better: 'higher' | 'lower';
};
export type IndicatorRec = {
  code: string;
  name: string;
  nameEn: string | null;
  numerator: string;
  denominator: string;
  factor: number;
  decimals: number;
  uom: string | null;
  sector: string | null;
  description: string | null;
  better: 'higher' | 'lower';
};
export type SectionRec = { title: string; titleEn: string | null; elements: { code: string; required: boolean }[] };
export type FormRec = {
  code: string;
  name: string;
  nameEn: string | null;
  periodType: string;
  kind: string;
  division: string | null;
  narrative: boolean;
  description: string | null;
  active: boolean;
  sections: SectionRec[];
  units: string[];
};
export type RuleRec = {
  code: string;
  name: string;
  dataSet: string | null;
  left: string;
  operator: string;
  right: string;
  importance: string;
  missingValueStrategy: string;
  message: string;
  messageEn: string | null;
  active: boolean;
};
export type TargetRec = {
  dataElement: string | null;
  indicator: string | null;
  orgUnit: string;
  year: number;
  value: number;
  note: string | null;
};

export type Config = {
  sectors: SectorRec[];
  units: (UnitRec & { level: number })[];
  elements: ElementRec[];
  indicators: IndicatorRec[];
  forms: FormRec[];
  rules: RuleRec[];
  targets: TargetRec[];
};

export const targetKey = (t: Pick<TargetRec, 'dataElement' | 'indicator' | 'orgUnit' | 'year'>) =>
  `${t.dataElement ?? ''}|${t.indicator ?? ''}|${t.orgUnit}|${t.year}`;
export const targetLabel = (t: Pick<TargetRec, 'dataElement' | 'indicator' | 'orgUnit' | 'year'>) =>
  `${t.dataElement ?? t.indicator}/${t.orgUnit}/${t.year}`;

/** Deep equality of plain records (arrays in order). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => same(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
