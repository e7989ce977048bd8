/**
 * Records → DHIS2-shaped objects, field by field: the metadata export (which re-imports as is) and
 * the items of the list endpoints (/api/organisationUnits …), where `id` is the code.
 */
import type { Config, ElementRec, FormRec, IndicatorRec, RuleRec, SectorRec, TargetRec, UnitRec } from './metadata.model.js';
import { OPERATOR_MAP } from './metadata.schema.js';

const OPERATOR_NAME = Object.fromEntries(Object.entries(OPERATOR_MAP).map(([k, v]) => [v, k])) as Record<string, string>;
const IMPORTANCE_NAME: Record<string, string> = { error: 'HIGH', warning: 'MEDIUM' };

export const exportSector = (s: SectorRec) => ({ code: s.code, name: s.name, nameEn: s.nameEn, division: s.division, sort: s.sort });

export const exportUnit = (u: UnitRec & { level: number }) => ({
  id: u.code,
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  type: u.type,
  level: u.level,
  parent: u.parent,
  openingDate: u.openingDate,
  closedDate: u.closedDate,
  sector: u.sector,
  address: u.address,
  predecessors: u.predecessors.map((p) => (p.kind === 'merge' ? p.code : { code: p.code, kind: p.kind })),
});

export const exportElement = (e: ElementRec) => ({
  id: e.code,
  code: e.code,
  name: e.name,
  nameEn: e.nameEn,
  shortName: e.shortName,
  description: e.description,
  uom: e.uom,
  valueType: e.valueType,
  aggregationType: e.aggregationType,
  reportLevel: e.reportLevel,
  min: e.min,
  max: e.max,
  sector: e.sector,
  division: e.division,
  better: e.better,
});

export const exportIndicator = (i: IndicatorRec) => ({
  id: i.code,
  code: i.code,
  name: i.name,
  nameEn: i.nameEn,
  numerator: i.numerator,
  denominator: i.denominator,
  factor: i.factor,
  decimals: i.decimals,
  uom: i.uom,
  sector: i.sector,
  description: i.description,
  better: i.better,
});

export const exportForm = (f: FormRec) => ({
  id: f.code,
  code: f.code,
  name: f.name,
  nameEn: f.nameEn,
  periodType: f.periodType,
  kind: f.kind,
  division: f.division,
  narrative: f.narrative,
  description: f.description,
  active: f.active,
  dataElements: f.sections.flatMap((s) => s.elements.map((e) => e.code)),
  sections: f.sections.map((s) => ({
    title: s.title,
    titleEn: s.titleEn,
    dataElements: s.elements.map((e) => ({ code: e.code, required: e.required })),
  })),
  organisationUnits: f.units,
});

export const exportRule = (r: RuleRec) => ({
  id: r.code,
  code: r.code,
  name: r.name,
  dataSet: r.dataSet,
  leftSide: { expression: r.left },
  operator: OPERATOR_NAME[r.operator] ?? r.operator,
  rightSide: { expression: r.right },
  importance: IMPORTANCE_NAME[r.importance] ?? 'MEDIUM',
  missingValueStrategy: r.missingValueStrategy,
  instruction: r.message,
  instructionEn: r.messageEn,
  active: r.active,
});

export const exportTarget = (t: TargetRec) => ({
  dataElement: t.dataElement,
  indicator: t.indicator,
  orgUnit: t.orgUnit,
  year: t.year,
  value: t.value,
  note: t.note,
});

export function exportConfig(c: Config, at: Date) {
  return {
    system: { name: 'Nhịp', format: 'dhis2-metadata', date: at.toISOString() },
    sectors: c.sectors.map(exportSector),
    organisationUnits: c.units.map(exportUnit),
    dataElements: c.elements.map(exportElement),
    indicators: c.indicators.map(exportIndicator),
    dataSets: c.forms.map(exportForm),
    validationRules: c.rules.map(exportRule),
    targets: c.targets.map(exportTarget),
  };
}

// ── list endpoints ──
const ref = (code: string) => ({ id: code, code });

export const listUnit = (u: UnitRec & { level: number }) => ({
  id: u.code,
  code: u.code,
  name: u.name,
  displayName: u.name,
  shortName: u.shortName ?? u.name,
  level: u.level,
  type: u.type,
  parent: u.parent ? ref(u.parent) : null,
  openingDate: u.openingDate,
  closedDate: u.closedDate,
});

export const listElement = (e: ElementRec) => ({
  id: e.code,
  code: e.code,
  name: e.name,
  displayName: e.name,
  shortName: e.shortName ?? e.name,
  valueType: e.valueType,
  aggregationType: e.aggregationType,
  domainType: 'AGGREGATE',
  uom: e.uom,
  min: e.min,
  max: e.max,
});

export const listIndicator = (i: IndicatorRec) => ({
  id: i.code,
  code: i.code,
  name: i.name,
  displayName: i.name,
  numerator: i.numerator,
  denominator: i.denominator,
  indicatorType: { factor: i.factor },
  decimals: i.decimals,
});

export const listForm = (f: FormRec, units: string[]) => ({
  id: f.code,
  code: f.code,
  name: f.name,
  displayName: f.name,
  periodType: f.periodType,
  dataSetElements: f.sections.flatMap((s) => s.elements.map((e) => ({ dataElement: ref(e.code) }))),
  organisationUnits: units.map(ref),
});
