/** Use cases of validation rules and targets (chỉ tiêu kế hoạch). */
import type { Operator } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { getUnit } from '../org/org.service.js';
import { checkExpressions, cleanCode, cleanName, optText, stripUndefined, uniqueOr409 } from './catalog-shared.js';
import { elementsRepo, indicatorsRepo, refsRepo } from './catalog.repository.js';
import { type Rule, type RuleWrite, rulesRepo, type TargetWrite, targetsRepo } from './forms.repository.js';

// ───────────── validation rules ─────────────

export type RuleInput = {
  code: string; name: string; formId?: number | null; left: string; operator: Operator; right: string; importance?: Rule['importance'];
  missingValueStrategy?: Rule['missingValueStrategy']; message: string; messageEn?: string | null; active?: boolean;
};

async function ruleWrite(db: Db, input: RuleInput, selfId: number | null): Promise<RuleWrite> {
  const w: RuleWrite = {
    code: cleanCode(input.code, 'quy tắc'), name: cleanName(input.name, 'Tên quy tắc'), formId: input.formId ?? null,
    left: input.left.trim(), operator: input.operator, right: input.right.trim(), importance: input.importance ?? 'error',
    missingValueStrategy: input.missingValueStrategy ?? 'SKIP_IF_ANY_VALUE_MISSING', message: cleanName(input.message, 'Thông báo khi vi phạm'),
    messageEn: optText(input.messageEn), active: input.active ?? true,
  };
  await checkExpressions(db, [{ label: 'Vế trái', src: input.left }, { label: 'Vế phải', src: input.right }]);
  if (w.formId !== null && !(await refsRepo.formExists(db, w.formId))) throw badRequest(`Biểu mẫu (id ${w.formId}) không tồn tại.`);
  const other = await rulesRepo.byCode(db, w.code);
  if (other && other.id !== selfId) throw conflict(`Mã quy tắc "${w.code}" đã được dùng cho "${other.name}".`);
  return w;
}

const ruleSnapshot = ({ id: _id, ...rest }: Rule): RuleWrite => rest;

export const createRule = (db: Db, actor: AuditActor, input: RuleInput) =>
  uniqueOr409(`Mã quy tắc "${input.code}" đã được dùng.`, () =>
    db.tx(async (t) => {
      const w = await ruleWrite(t, input, null);
      const id = await rulesRepo.insert(t, w);
      await audit(t, actor, { action: 'validation_rule.create', entityType: 'validation_rule', entityId: id, after: w });
      return id;
    }),
  );

export const updateRule = (db: Db, actor: AuditActor, id: number, patch: Partial<RuleInput>) =>
  uniqueOr409(`Mã quy tắc "${patch.code}" đã được dùng.`, () =>
    db.tx(async (t) => {
      const cur = await rulesRepo.byId(t, id);
      if (!cur) throw notFound('Không tìm thấy quy tắc kiểm tra.');
      const before = ruleSnapshot(cur);
      const w = await ruleWrite(t, { ...before, ...stripUndefined(patch) }, id);
      await rulesRepo.update(t, id, w);
      await audit(t, actor, { action: 'validation_rule.update', entityType: 'validation_rule', entityId: id, before, after: w });
    }),
  );

export const deleteRule = (db: Db, actor: AuditActor, id: number) =>
  db.tx(async (t) => {
    const cur = await rulesRepo.byId(t, id);
    if (!cur) throw notFound('Không tìm thấy quy tắc kiểm tra.');
    await rulesRepo.delete(t, id);
    await audit(t, actor, { action: 'validation_rule.delete', entityType: 'validation_rule', entityId: id, before: ruleSnapshot(cur) });
  });

// ───────────── targets ─────────────

export type TargetInput = { dataElementId?: number | null; indicatorId?: number | null; orgUnitId: number; year: number; value: number; note?: string | null };

async function targetWrite(db: Db, input: TargetInput, selfId: number | null): Promise<TargetWrite> {
  const w: TargetWrite = {
    dataElementId: input.dataElementId ?? null, indicatorId: input.indicatorId ?? null, orgUnitId: input.orgUnitId, year: input.year,
    value: input.value, note: optText(input.note),
  };
  if ((w.dataElementId === null) === (w.indicatorId === null))
    throw badRequest('Chỉ tiêu kế hoạch phải gắn với đúng một chỉ tiêu (dataElementId) hoặc một chỉ số (indicatorId).');
  const subject = w.dataElementId !== null ? await elementsRepo.byId(db, w.dataElementId) : await indicatorsRepo.byId(db, w.indicatorId!);
  if (!subject)
    throw badRequest(w.dataElementId !== null ? `Chỉ tiêu (id ${w.dataElementId}) không tồn tại.` : `Chỉ số (id ${w.indicatorId}) không tồn tại.`);
  const unit = await getUnit(db, w.orgUnitId);
  if (!unit) throw badRequest(`Đơn vị (id ${w.orgUnitId}) không tồn tại.`);
  if (await targetsRepo.duplicate(db, w, selfId))
    throw conflict(`Đã có chỉ tiêu kế hoạch năm ${w.year} của "${unit.name}" cho "${subject.name}".`);
  return w;
}

const targetSnapshot = (t: { dataElementId: number | null; indicatorId: number | null; orgUnitId: number; year: number; value: number; note: string | null }): TargetWrite => ({
  dataElementId: t.dataElementId, indicatorId: t.indicatorId, orgUnitId: t.orgUnitId, year: t.year, value: t.value, note: t.note,
});

const TARGET_TAKEN = 'Đã có chỉ tiêu kế hoạch cho chỉ tiêu, đơn vị và năm này.';

export const createTarget = (db: Db, actor: AuditActor, input: TargetInput) =>
  uniqueOr409(TARGET_TAKEN, () =>
    db.tx(async (t) => {
      const w = await targetWrite(t, input, null);
      const id = await targetsRepo.insert(t, w);
      await audit(t, actor, { action: 'target.create', entityType: 'target', entityId: id, orgUnitId: w.orgUnitId, after: w });
      return id;
    }),
  );

export const updateTarget = (db: Db, actor: AuditActor, id: number, patch: Partial<TargetInput>) =>
  uniqueOr409(TARGET_TAKEN, () =>
    db.tx(async (t) => {
      const cur = await targetsRepo.byId(t, id);
      if (!cur) throw notFound('Không tìm thấy chỉ tiêu kế hoạch.');
      const before = targetSnapshot(cur);
      const next = { ...before, ...stripUndefined(patch) };
      // Naming the other kind of subject switches to it.
      if (patch.dataElementId != null && patch.indicatorId === undefined) next.indicatorId = null;
      if (patch.indicatorId != null && patch.dataElementId === undefined) next.dataElementId = null;
      const w = await targetWrite(t, next, id);
      await targetsRepo.update(t, id, w);
      await audit(t, actor, { action: 'target.update', entityType: 'target', entityId: id, orgUnitId: w.orgUnitId, before, after: w });
    }),
  );

export const deleteTarget = (db: Db, actor: AuditActor, id: number) =>
  db.tx(async (t) => {
    const cur = await targetsRepo.byId(t, id);
    if (!cur) throw notFound('Không tìm thấy chỉ tiêu kế hoạch.');
    await targetsRepo.delete(t, id);
    await audit(t, actor, { action: 'target.delete', entityType: 'target', entityId: id, orgUnitId: cur.orgUnitId, before: targetSnapshot(cur) });
  });
