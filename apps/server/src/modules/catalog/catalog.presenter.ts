/** Catalog records → API responses, field by field. */
import type { z } from 'zod';
import type { DataElement, Indicator, Sector } from './catalog.repository.js';
import type { DataElementOut, FormDetailOut, FormSummaryOut, IndicatorOut, RuleOut, SectorOut, TargetOut } from './catalog.schema.js';
import type { Form, Rule, Target } from './forms.repository.js';
import type { FormDetail } from './forms.service.js';

export const presentSector = (s: Sector): z.infer<typeof SectorOut> => ({
  id: s.id, code: s.code, name: s.name, nameEn: s.nameEn, divisionId: s.divisionId, divisionName: s.divisionName, sort: s.sort,
});

export const presentDataElement = (e: DataElement): z.infer<typeof DataElementOut> => ({
  id: e.id, code: e.code, name: e.name, nameEn: e.nameEn, shortName: e.shortName, description: e.description, uom: e.uom,
  valueType: e.valueType, aggregationType: e.aggregationType, reportLevel: e.reportLevel, min: e.min, max: e.max,
  sectorId: e.sectorId, sectorName: e.sectorName, divisionId: e.divisionId, better: e.better, public: e.public, publicLevel: e.publicLevel,
  sentencePattern: e.sentencePattern,
});

export const presentIndicator = (i: Indicator): z.infer<typeof IndicatorOut> => ({
  id: i.id, code: i.code, name: i.name, nameEn: i.nameEn, numerator: i.numerator, denominator: i.denominator, factor: i.factor,
  decimals: i.decimals, uom: i.uom, sectorId: i.sectorId, sectorName: i.sectorName, description: i.description, better: i.better,
  public: i.public, publicLevel: i.publicLevel, sentencePattern: i.sentencePattern,
});

export const presentFormSummary = (f: Form): z.infer<typeof FormSummaryOut> => ({
  id: f.id, code: f.code, name: f.name, nameEn: f.nameEn, periodType: f.periodType, kind: f.kind, divisionId: f.divisionId,
  divisionName: f.divisionName, narrative: f.narrative, description: f.description, active: f.active, elementCount: f.elementCount,
  unitCount: f.unitCount,
});

export const presentFormDetail = (d: FormDetail): z.infer<typeof FormDetailOut> => ({
  ...presentFormSummary(d.form),
  sections: d.sections.map((s) => ({
    id: s.id, title: s.title, titleEn: s.titleEn, sort: s.sort,
    elements: s.elements.map((e) => ({
      id: e.id, code: e.code, name: e.name, nameEn: e.nameEn, uom: e.uom, valueType: e.valueType, aggregationType: e.aggregationType,
      min: e.min, max: e.max, required: e.required, sectorId: e.sectorId,
    })),
  })),
  unitIds: [...d.unitIds],
});

export const presentRule = (r: Rule): z.infer<typeof RuleOut> => ({
  id: r.id, code: r.code, name: r.name, formId: r.formId, left: r.left, operator: r.operator, right: r.right, importance: r.importance,
  missingValueStrategy: r.missingValueStrategy, message: r.message, messageEn: r.messageEn, active: r.active,
});

export const presentTarget = (t: Target): z.infer<typeof TargetOut> => ({
  id: t.id, dataElementId: t.dataElementId, indicatorId: t.indicatorId, code: t.code, name: t.name, orgUnitId: t.orgUnitId,
  orgUnitName: t.orgUnitName, year: t.year, value: t.value, note: t.note,
});
