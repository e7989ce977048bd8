/**
 * Organisation use cases: the unit tree with validity intervals and lineage across reorganisations.
 * Other modules import getUnit, unitsAssignedToForm and isUnitValidOn from here.
 */
import { rebuildAnalyticsCells, refreshCellsForPaths } from '../analytics/analytics.cells.js';
import { type Actor, compareVi, normalizeText, type UnitType } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import {
  childPath, containmentMessage, isUnitValidOn, type LineageKind, type OrgUnit, UNIT_CODE_MESSAGE, UNIT_CODE_RE, validityProblem,
  validityWithin,
} from './org-rules.js';
import { canSeeUnit, isUnitScoped, type OrgScope, orgScope, scopeIds, seesUnitDetails } from './org.policy.js';
import { type LineageLink, orgRepo, type UnitWrite } from './org.repository.js';

export { isUnitValidOn };
export type { OrgUnit };

/** One unit, or null. */
export const getUnit = (db: Db, id: number): Promise<OrgUnit | null> => orgRepo.byId(db, id);

/** The units among these ids that exist (in no particular order). */
export const getUnits = (db: Db, ids: number[]): Promise<OrgUnit[]> => orgRepo.byIds(db, ids);

/** Units assigned to the form whose validity overlaps the period [periodStart, periodEnd] (dates 'YYYY-MM-DD'). */
export const unitsAssignedToForm = (db: Db, formId: number, periodStart: string, periodEnd: string): Promise<OrgUnit[]> =>
  orgRepo.assignedToForm(db, formId, periodStart, periodEnd);

/** The actor's view of the organisation (loads the path of their own unit when it matters). */
export async function scopeFor(db: Db, actor: Pick<Actor, 'role' | 'orgUnitId'>): Promise<OrgScope> {
  if (!isUnitScoped(actor) || actor.orgUnitId === null) return orgScope(actor, null);
  const own = await orgRepo.byId(db, actor.orgUnitId);
  return orgScope(actor, own?.path ?? null);
}

export type LineageRef = { id: number; code: string; name: string; kind: LineageKind };
export type UnitView = { unit: OrgUnit; predecessors: LineageRef[]; successors: LineageRef[]; active: boolean; limited: boolean };

function views(units: OrgUnit[], links: LineageLink[], scope: OrgScope, today: string): UnitView[] {
  const preds = new Map<number, LineageRef[]>();
  const succs = new Map<number, LineageRef[]>();
  for (const l of links) {
    if (!preds.has(l.unitId)) preds.set(l.unitId, []);
    preds.get(l.unitId)!.push({ id: l.predecessorId, code: l.predecessorCode, name: l.predecessorName, kind: l.kind });
    if (!succs.has(l.predecessorId)) succs.set(l.predecessorId, []);
    succs.get(l.predecessorId)!.push({ id: l.unitId, code: l.unitCode, name: l.unitName, kind: l.kind });
  }
  return units.map((unit) => {
    const full = seesUnitDetails(scope, unit.id);
    return {
      unit,
      predecessors: full ? (preds.get(unit.id) ?? []) : [],
      successors: full ? (succs.get(unit.id) ?? []) : [],
      active: isUnitValidOn(unit, today),
      limited: !full,
    };
  });
}

const byLevelThenName = (a: OrgUnit, b: OrgUnit) => a.level - b.level || compareVi(a.name, b.name) || a.id - b.id;

export type UnitListQuery = { asOf?: string; q?: string; type?: UnitType; includeClosed?: boolean };

/**
 * Units the actor may see. With `asOf`: units in force on that date. Without it: units not closed
 * before today (those planned for later included), or every unit with `includeClosed`.
 */
export async function listUnits(db: Db, scope: OrgScope, query: UnitListQuery, today: string): Promise<UnitView[]> {
  const q = query.q ? normalizeText(query.q) : '';
  const units = await orgRepo.list(db, {
    asOf: query.asOf,
    openOn: query.asOf || query.includeClosed ? undefined : today,
    q: q || undefined,
    type: query.type,
    ids: scopeIds(scope),
  });
  units.sort(byLevelThenName);
  const links = units.length === 0 ? [] : await orgRepo.lineage(db, units.map((u) => u.id));
  return views(units, links, scope, today);
}

/** One unit with its (visible) children and how many users belong to it; 404 when the actor may not see it. */
export async function unitDetail(db: Db, scope: OrgScope, id: number, today: string) {
  const unit = canSeeUnit(scope, id) ? await orgRepo.byId(db, id) : null;
  if (!unit) throw notFound('Không tìm thấy đơn vị.');
  const children = (await orgRepo.children(db, id)).filter((c) => canSeeUnit(scope, c.id)).sort(byLevelThenName);
  const links = await orgRepo.lineage(db, [id, ...children.map((c) => c.id)]);
  const [view, ...childViews] = views([unit, ...children], links, scope, today);
  const users = seesUnitDetails(scope, id) ? await orgRepo.userCount(db, id) : 0;
  return { view, children: childViews, users };
}

// ───────────── writes ─────────────

export type UnitInput = {
  code: string;
  name: string;
  shortName?: string | null;
  type: UnitType;
  parentId?: number | null;
  validFrom: string;
  validTo?: string | null;
  sectorId?: number | null;
  predecessors?: { id: number; kind: LineageKind }[];
};

type Snapshot = UnitWrite & { predecessors: { id: number; code: string; kind: LineageKind }[] };

async function snapshot(db: Db, unit: OrgUnit): Promise<Snapshot> {
  const links = (await orgRepo.lineage(db, [unit.id])).filter((l) => l.unitId === unit.id);
  return {
    code: unit.code, name: unit.name, shortName: unit.shortName, type: unit.type, parentId: unit.parentId,
    validFrom: unit.validFrom, validTo: unit.validTo, sectorId: unit.sectorId,
    predecessors: links.map((l) => ({ id: l.predecessorId, code: l.predecessorCode, kind: l.kind })),
  };
}

function cleanWrite(input: UnitInput): UnitWrite {
  const code = input.code.trim();
  if (!UNIT_CODE_RE.test(code)) throw badRequest(UNIT_CODE_MESSAGE);
  const name = normalizeText(input.name);
  if (!name) throw badRequest('Tên đơn vị không được để trống.');
  const shortName = input.shortName ? normalizeText(input.shortName) || null : null;
  const w: UnitWrite = {
    code, name, shortName, type: input.type, parentId: input.parentId ?? null, validFrom: input.validFrom,
    validTo: input.validTo ?? null, sectorId: input.sectorId ?? null,
  };
  const problem = validityProblem(w);
  if (problem) throw badRequest(problem);
  return w;
}

async function checkCodeFree(db: Db, code: string, selfId: number | null) {
  const other = await orgRepo.byCode(db, code);
  if (other && other.id !== selfId) throw conflict(`Mã đơn vị "${code}" đã được dùng cho "${other.name}".`);
}

async function checkSector(db: Db, sectorId: number | null) {
  if (sectorId !== null && !(await orgRepo.sectorExists(db, sectorId))) throw badRequest(`Lĩnh vực (id ${sectorId}) không tồn tại.`);
}

/** The new parent: it must exist, must not be the unit or one of its descendants, and must cover the unit's validity. */
async function checkParent(db: Db, w: UnitWrite, self: OrgUnit | null): Promise<OrgUnit | null> {
  if (w.parentId === null) return null;
  const parent = await orgRepo.byId(db, w.parentId);
  if (!parent) throw badRequest(`Đơn vị cấp trên (id ${w.parentId}) không tồn tại.`);
  if (self && (parent.id === self.id || parent.path.startsWith(self.path)))
    throw badRequest(`Không thể đặt "${parent.name}" làm cấp trên của "${self.name}": đó là chính đơn vị hoặc đơn vị cấp dưới của nó (sẽ tạo vòng lặp).`);
  if (!validityWithin(w, parent)) throw badRequest(containmentMessage(w, parent));
  return parent;
}

async function checkPredecessors(db: Db, preds: UnitInput['predecessors'], selfId: number | null) {
  if (!preds) return undefined;
  const unique = new Map<number, LineageKind>();
  for (const p of preds) unique.set(p.id, p.kind);
  if (selfId !== null && unique.has(selfId)) throw badRequest('Một đơn vị không thể là đơn vị tiền thân của chính nó.');
  const found = await orgRepo.byIds(db, [...unique.keys()]);
  const missing = [...unique.keys()].filter((id) => !found.some((u) => u.id === id));
  if (missing.length) throw badRequest(`Đơn vị tiền thân không tồn tại: id ${missing.join(', ')}.`);
  if (selfId !== null)
    for (const u of found)
      if (await orgRepo.isEarlierInLineage(db, selfId, u.id))
        throw badRequest(`"${u.name}" đã là đơn vị kế thừa (trực tiếp hay gián tiếp) của đơn vị này, không thể đồng thời là đơn vị tiền thân.`);
  return [...unique].map(([id, kind]) => ({ id, kind }));
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

export async function createUnit(db: Db, actor: AuditActor, input: UnitInput): Promise<number> {
  const w = cleanWrite(input);
  try {
    return await db.tx(async (t) => {
      await orgRepo.lockTree(t);
      await checkCodeFree(t, w.code, null);
      const parent = await checkParent(t, w, null);
      await checkSector(t, w.sectorId);
      const preds = await checkPredecessors(t, input.predecessors, null);
      const id = await orgRepo.insert(t, w);
      await orgRepo.setPlace(t, id, parent ? parent.level + 1 : 1, childPath(parent?.path ?? null, id));
      if (preds) await orgRepo.replacePredecessors(t, id, preds);
      // A parent that gets its first sub-unit now aggregates its subtree: give it analytics cells.
      if (parent && (await orgRepo.children(t, parent.id)).length === 1) await rebuildAnalyticsCells(t, { unitIds: [parent.id] });
      const after = await snapshot(t, (await orgRepo.byId(t, id))!);
      await audit(t, actor, { action: 'org_unit.create', entityType: 'org_unit', entityId: id, orgUnitId: id, after });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`Mã đơn vị "${w.code}" đã được dùng.`);
    throw e;
  }
}

export async function updateUnit(db: Db, actor: AuditActor, id: number, patch: Partial<UnitInput>): Promise<void> {
  try {
    await db.tx(async (t) => {
      await orgRepo.lockTree(t);
      const current = await orgRepo.byId(t, id);
      if (!current) throw notFound('Không tìm thấy đơn vị.');
      const before = await snapshot(t, current);
      const w = cleanWrite({
        code: patch.code ?? current.code,
        name: patch.name ?? current.name,
        shortName: patch.shortName !== undefined ? patch.shortName : current.shortName,
        type: patch.type ?? current.type,
        parentId: patch.parentId !== undefined ? patch.parentId : current.parentId,
        validFrom: patch.validFrom ?? current.validFrom,
        validTo: patch.validTo !== undefined ? patch.validTo : current.validTo,
        sectorId: patch.sectorId !== undefined ? patch.sectorId : current.sectorId,
      });
      if (w.code !== current.code) await checkCodeFree(t, w.code, id);
      const moved = w.parentId !== current.parentId;
      const validityChanged = w.validFrom !== current.validFrom || w.validTo !== current.validTo;
      const parent = moved || validityChanged ? await checkParent(t, w, current) : null;
      if (validityChanged) {
        const outside = (await orgRepo.children(t, id)).filter((c) => !validityWithin(c, w));
        if (outside.length)
          throw badRequest(
            `Thời gian hiệu lực mới không bao trùm các đơn vị cấp dưới: ${outside.map((c) => `"${c.name}"`).join(', ')}. Hãy điều chỉnh hoặc chuyển các đơn vị này trước.`,
          );
      }
      if (current.type === 'division' && w.type !== 'division' && (await orgRepo.divisionReferences(t, id)) > 0)
        throw conflict('Phòng chuyên môn này đang phụ trách lĩnh vực, chỉ tiêu hoặc biểu mẫu; không thể đổi sang loại đơn vị khác.');
      if (w.sectorId !== current.sectorId) await checkSector(t, w.sectorId);
      const preds = await checkPredecessors(t, patch.predecessors, id);
      await orgRepo.update(t, id, w);
      let movedUnits = 0;
      if (moved) {
        const newLevel = parent ? parent.level + 1 : 1;
        movedUnits = await orgRepo.moveSubtree(t, current.path, childPath(parent?.path ?? null, id), newLevel - current.level);
      }
      if (preds) await orgRepo.replacePredecessors(t, id, preds);
      const after = await snapshot(t, (await orgRepo.byId(t, id))!);
      if (JSON.stringify(before) === JSON.stringify(after)) return;
      // Moving a unit changes whose subtree its figures are in; opening or closing it changes which stocks count.
      if (moved || validityChanged) await refreshCellsForPaths(t, [current.path, (await orgRepo.byId(t, id))!.path]);
      await audit(t, actor, {
        action: 'org_unit.update', entityType: 'org_unit', entityId: id, orgUnitId: id, before,
        after: moved ? { ...after, movedUnits } : after,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`Mã đơn vị "${patch.code}" đã được dùng.`);
    throw e;
  }
}
