/** Use cases of report forms: the form itself, its structure (sections × data elements) and its assigned units. */
import type { PeriodType } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { getUnits } from '../org/org.service.js';
import { checkDivision, cleanCode, cleanName, optText, stripUndefined, uniqueOr409 } from './catalog-shared.js';
import { elementsRepo } from './catalog.repository.js';
import { type Form, type FormElementRow, type FormKind, type FormWrite, formsRepo, type SectionRow } from './forms.repository.js';

export type FormDetail = { form: Form; sections: (SectionRow & { elements: FormElementRow[] })[]; unitIds: number[] };

/** A form with its sections (in order, each with its elements in order) and assigned unit ids; null when there is no such form. */
export async function loadFormDetail(db: Db, formId: number): Promise<FormDetail | null> {
  const form = await formsRepo.byId(db, formId);
  if (!form) return null;
  const sections = await formsRepo.sections(db, formId);
  const elements = await formsRepo.elements(db, formId);
  const unitIds = await formsRepo.unitIds(db, formId);
  return { form, sections: sections.map((s) => ({ ...s, elements: elements.filter((e) => e.sectionId === s.id) })), unitIds };
}

export type FormInput = {
  code: string; name: string; nameEn?: string | null; periodType: PeriodType; kind?: FormKind; divisionId?: number | null;
  narrative?: boolean; description?: string | null; active?: boolean;
};

async function formWrite(db: Db, input: FormInput, selfId: number | null): Promise<FormWrite> {
  const w: FormWrite = {
    code: cleanCode(input.code, 'biểu mẫu'), name: cleanName(input.name, 'Tên biểu mẫu'), nameEn: optText(input.nameEn), periodType: input.periodType,
    kind: input.kind ?? 'administrative', divisionId: input.divisionId ?? null, narrative: input.narrative ?? true,
    description: optText(input.description), active: input.active ?? true,
  };
  const other = await formsRepo.byCode(db, w.code);
  if (other && other.id !== selfId) throw conflict(`Mã biểu mẫu "${w.code}" đã được dùng cho "${other.name}".`);
  await checkDivision(db, w.divisionId);
  return w;
}

const formSnapshot = (f: Form): FormWrite => ({
  code: f.code, name: f.name, nameEn: f.nameEn, periodType: f.periodType, kind: f.kind, divisionId: f.divisionId, narrative: f.narrative,
  description: f.description, active: f.active,
});

export const createForm = (db: Db, actor: AuditActor, input: FormInput) =>
  uniqueOr409(`Mã biểu mẫu "${input.code}" đã được dùng.`, () =>
    db.tx(async (t) => {
      const w = await formWrite(t, input, null);
      const id = await formsRepo.insert(t, w);
      await audit(t, actor, { action: 'report_form.create', entityType: 'report_form', entityId: id, after: w });
      return id;
    }),
  );

export const updateForm = (db: Db, actor: AuditActor, id: number, patch: Partial<FormInput>) =>
  uniqueOr409(`Mã biểu mẫu "${patch.code}" đã được dùng.`, () =>
    db.tx(async (t) => {
      const cur = await formsRepo.byId(t, id);
      if (!cur) throw notFound('Không tìm thấy biểu mẫu.');
      const before = formSnapshot(cur);
      const w = await formWrite(t, { ...before, ...stripUndefined(patch) }, id);
      if (w.periodType !== cur.periodType && (await formsRepo.hasRounds(t, id)))
        throw conflict('Biểu mẫu đã có đợt báo cáo; không thể đổi loại kỳ báo cáo. Hãy tạo biểu mẫu mới cho loại kỳ khác.');
      await formsRepo.update(t, id, w);
      await audit(t, actor, { action: 'report_form.update', entityType: 'report_form', entityId: id, before, after: w });
    }),
  );

export type StructureInput = { sections: { title: string; titleEn?: string | null; elements: { dataElementId: number; required?: boolean }[] }[] };

const structureSnapshot = (d: FormDetail) =>
  d.sections.map((s) => ({ title: s.title, titleEn: s.titleEn, elements: s.elements.map((e) => ({ code: e.code, required: e.required })) }));

/** Replaces the sections and their elements in one transaction; an element may appear once per form. */
export async function replaceStructure(db: Db, actor: AuditActor, formId: number, input: StructureInput): Promise<void> {
  const sections = input.sections.map((s, i) => ({
    title: cleanName(s.title, `Tiêu đề phần ${i + 1}`),
    titleEn: optText(s.titleEn),
    elements: s.elements.map((e) => ({ dataElementId: e.dataElementId, required: e.required ?? false })),
  }));
  const ids = sections.flatMap((s) => s.elements.map((e) => e.dataElementId));
  await db.tx(async (t) => {
    const current = await loadFormDetail(t, formId);
    if (!current) throw notFound('Không tìm thấy biểu mẫu.');
    const found = new Map((await elementsRepo.byIds(t, [...new Set(ids)])).map((e) => [e.id, e]));
    const missing = [...new Set(ids)].filter((id) => !found.has(id));
    if (missing.length) throw badRequest(`Chỉ tiêu không tồn tại: id ${missing.join(', ')}.`, { missingIds: missing });
    const seen = new Set<number>();
    const repeated = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) repeated.add(found.get(id)!.code);
      seen.add(id);
    }
    if (repeated.size)
      throw badRequest(`Mỗi chỉ tiêu chỉ được có một lần trong biểu mẫu; bị lặp: ${[...repeated].join(', ')}.`, { repeatedCodes: [...repeated] });
    await formsRepo.replaceStructure(t, formId, sections);
    const after = (await loadFormDetail(t, formId))!;
    await audit(t, actor, {
      action: 'report_form.structure', entityType: 'report_form', entityId: formId, before: structureSnapshot(current), after: structureSnapshot(after),
    });
  });
}

/** Replaces the units that report on the form; every id must be an existing unit. */
export async function replaceUnits(db: Db, actor: AuditActor, formId: number, orgUnitIds: number[]): Promise<void> {
  const ids = [...new Set(orgUnitIds)].sort((a, b) => a - b);
  await db.tx(async (t) => {
    const form = await formsRepo.byId(t, formId);
    if (!form) throw notFound('Không tìm thấy biểu mẫu.');
    const known = new Set((await getUnits(t, ids)).map((u) => u.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length) throw badRequest(`Đơn vị không tồn tại: id ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ' …' : ''}.`, { missingIds: missing });
    const before = await formsRepo.unitIds(t, formId);
    await formsRepo.replaceUnits(t, formId, ids);
    await audit(t, actor, { action: 'report_form.units', entityType: 'report_form', entityId: formId, before: { orgUnitIds: before }, after: { orgUnitIds: ids } });
  });
}
