/** The form of a round as data entry needs it, read through the catalog module's service. */
import type { RuleDef } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { type FormElementDef, getFormWithStructure, rulesForForm } from '../catalog/catalog.service.js';

/** A data element as the entry form shows it: the validation's ElementDef plus labels and aggregation. */
export type EntryElement = FormElementDef;

export type FormStructure = {
  form: { id: number; code: string; name: string; nameEn: string | null; narrative: boolean; divisionId: number | null; periodType: string };
  sections: { id: number; title: string; titleEn: string | null; elements: EntryElement[] }[];
  /** Every element of the form, in order. */
  elements: EntryElement[];
  rules: RuleDef[];
};

export async function loadFormStructure(db: Db, formId: number): Promise<FormStructure> {
  const f = await getFormWithStructure(db, formId);
  if (!f) throw new Error(`form ${formId} of a round is missing`);
  const sections = f.sections.map((s) => ({ id: s.id, title: s.title, titleEn: s.titleEn, elements: s.elements }));
  return {
    form: { id: f.id, code: f.code, name: f.name, nameEn: f.nameEn, narrative: f.narrative, divisionId: f.divisionId, periodType: f.periodType },
    sections,
    elements: sections.flatMap((s) => s.elements),
    rules: await rulesForForm(db, formId),
  };
}
