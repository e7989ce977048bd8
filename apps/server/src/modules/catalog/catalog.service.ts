/**
 * The catalog as other modules and the routes read it. Rounds, submissions and imports use
 * getFormWithStructure and rulesForForm; the write use cases live in elements.service.ts,
 * forms.service.ts and rules.service.ts (re-exported here).
 */
import type { Actor, AggregationType, ElementDef, PeriodType, RuleDef } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { scopeIds } from '../org/org.policy.js';
import { scopeFor } from '../org/org.service.js';
import { codesOf } from './catalog-shared.js';
import { elementsRepo, indicatorsRepo, sectorsRepo } from './catalog.repository.js';
import { type FormKind, formsRepo, type Rule, rulesRepo, targetsRepo } from './forms.repository.js';
import { loadFormDetail } from './forms.service.js';

export * from './elements.service.js';
export * from './forms.service.js';
export * from './rules.service.js';

/** A data element as it appears on a form: the validation definition plus what display and aggregation need. */
export type FormElementDef = ElementDef & {
  required: boolean;
  nameEn: string | null;
  uom: string | null;
  aggregationType: AggregationType;
  sectorId: number | null;
};

export type FormWithStructure = {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  periodType: PeriodType;
  kind: FormKind;
  divisionId: number | null;
  narrative: boolean;
  sections: { id: number; title: string; titleEn: string | null; sort: number; elements: FormElementDef[] }[];
  unitIds: number[];
};

/** The form with its sections and elements in order and the ids of its assigned units; null when there is no such form. */
export async function getFormWithStructure(db: Db, formId: number): Promise<FormWithStructure | null> {
  const d = await loadFormDetail(db, formId);
  if (!d) return null;
  const f = d.form;
  return {
    id: f.id, code: f.code, name: f.name, nameEn: f.nameEn, periodType: f.periodType, kind: f.kind, divisionId: f.divisionId, narrative: f.narrative,
    sections: d.sections.map((s) => ({
      id: s.id, title: s.title, titleEn: s.titleEn, sort: s.sort,
      elements: s.elements.map((e) => ({
        id: e.id, code: e.code, name: e.name, nameEn: e.nameEn, valueType: e.valueType, min: e.min, max: e.max, required: e.required,
        uom: e.uom, aggregationType: e.aggregationType, sectorId: e.sectorId,
      })),
    })),
    unitIds: d.unitIds,
  };
}

const toRuleDef = (r: Rule): RuleDef => ({
  id: r.id, code: r.code, name: r.name, left: r.left, operator: r.operator, right: r.right, importance: r.importance, message: r.message,
  missingValueStrategy: r.missingValueStrategy,
});

/**
 * Active rules that apply to the form: those bound to it, and those bound to no form whose every
 * referenced code is an element of the form (a rule with no codes at all applies nowhere).
 */
export async function rulesForForm(db: Db, formId: number): Promise<RuleDef[]> {
  const codes = new Set((await formsRepo.elements(db, formId)).map((e) => e.code));
  return (await rulesRepo.candidatesForForm(db, formId))
    .filter((r) => {
      if (r.formId === formId) return true;
      const used = [...codesOf(r.left), ...codesOf(r.right)];
      return used.length > 0 && used.every((c) => codes.has(c));
    })
    .map(toRuleDef);
}

// ───────────── reads for the routes ─────────────

export const listSectors = (db: Db) => sectorsRepo.list(db);
export const getSector = (db: Db, id: number) => sectorsRepo.byId(db, id);
export const listDataElements = (db: Db, f: { q?: string; sectorId?: number }) => elementsRepo.list(db, { ...f, q: f.q?.normalize('NFC').trim() || undefined });
export const getDataElement = (db: Db, id: number) => elementsRepo.byId(db, id);
export const listIndicators = (db: Db, f: { q?: string; sectorId?: number }) => indicatorsRepo.list(db, { ...f, q: f.q?.normalize('NFC').trim() || undefined });
export const getIndicator = (db: Db, id: number) => indicatorsRepo.byId(db, id);
export const listForms = (db: Db, f: { active?: boolean }) => formsRepo.list(db, f);
export const getFormDetail = (db: Db, id: number) => loadFormDetail(db, id);
export const listRules = (db: Db, f: { formId?: number }) => rulesRepo.list(db, f);
export const getRule = (db: Db, id: number) => rulesRepo.byId(db, id);
export const getTarget = (db: Db, id: number) => targetsRepo.byId(db, id);

/** Targets the actor may see: unit users only those of their own unit and its ancestors. */
export async function listTargets(db: Db, actor: Pick<Actor, 'role' | 'orgUnitId'>, f: { year?: number; orgUnitId?: number; dataElementId?: number; indicatorId?: number }) {
  const scope = await scopeFor(db, actor);
  return targetsRepo.list(db, { ...f, unitIds: scopeIds(scope) });
}
