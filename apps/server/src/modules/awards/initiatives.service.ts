/**
 * Initiatives (sáng kiến): title, authors, the year recognised and the scope (cơ sở, tỉnh, toàn quốc). One
 * initiative supports one award only: it records the nomination (or history record) that used it.
 */
import { type Actor, canDo, INITIATIVE_SCOPES, type InitiativeScope, maySeeAwardData } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { awardsRepo, type InitiativeView } from './awards.repository.js';
import { visibleUnits } from './ratings.service.js';
import { yearProblem } from './records.service.js';
import { ensureVisible, personSubject } from './subjects.js';

export type InitiativeInput = {
  person: number; title: string; year: number; scope: InitiativeScope; coAuthors?: number[]; recognisedBy?: string | null; decisionNumber?: string | null;
  unit?: string | null; note?: string | null;
};

const text = (s: string | null | undefined, max: number, what: string, required = false) => {
  const t = (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (required && !t) throw badRequest(`${what} không được để trống.`);
  if (t.length > max) throw badRequest(`${what} dài quá ${max} ký tự.`);
  return t || null;
};

async function authorsOf(db: Db, person: number, coAuthors: number[] | undefined, today: string): Promise<number[]> {
  const ids = [person, ...(coAuthors ?? []).filter((x) => x !== person)];
  const unique = [...new Set(ids)];
  if (unique.length > 50) throw badRequest('Một sáng kiến có tối đa 50 tác giả.');
  const found = await awardsRepo.peopleWithHome(db, unique, today);
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw badRequest(`Không có cán bộ mã ${missing.join(', ')} (đồng tác giả).`);
  return unique;
}

async function unitIdOf(db: Db, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const u = await awardsRepo.unitByCode(db, code.trim());
  if (!u) throw badRequest(`Không có đơn vị mã "${code.trim()}".`);
  return u.id;
}

export async function createInitiative(db: Db, actor: Actor, by: AuditActor, input: InitiativeInput, today: string): Promise<number> {
  if (!canDo(actor, 'awards.manage')) throw forbidden();
  const author = await personSubject(db, input.person, today);
  const title = text(input.title, 500, 'Tên sáng kiến', true)!;
  const yp = yearProblem(input.year, today);
  if (yp) throw badRequest(yp);
  if (!INITIATIVE_SCOPES.includes(input.scope)) throw badRequest('Phạm vi sáng kiến là co_so (cơ sở), tinh (tỉnh) hoặc toan_quoc (toàn quốc).');
  const authors = await authorsOf(db, input.person, input.coAuthors, today);
  const w = {
    title, year: input.year, scope: input.scope, recognisedBy: text(input.recognisedBy, 300, 'Nơi công nhận'), decisionNumber: text(input.decisionNumber, 100, 'Số quyết định công nhận'),
    unitId: await unitIdOf(db, input.unit), note: text(input.note, 2000, 'Ghi chú'), createdBy: actor.id,
  };
  return db.tx(async (t) => {
    const id = await awardsRepo.insertInitiative(t, w, authors);
    await audit(t, by, { action: 'award_initiative.create', entityType: 'award_initiative', entityId: id, orgUnitId: author.unit?.id ?? null, after: { ...w, authors } });
    return id;
  });
}

export type InitiativePatch = Partial<Omit<InitiativeInput, 'person'>> & { authors?: number[] };

/** Edits an initiative. Once used for an award its year, scope and authors stay as they were counted. */
export async function updateInitiative(db: Db, actor: Actor, by: AuditActor, id: number, patch: InitiativePatch, today: string): Promise<void> {
  if (!canDo(actor, 'awards.manage')) throw forbidden();
  await db.tx(async (t) => {
    await awardsRepo.lockInitiatives(t, [id]);
    const cur = (await awardsRepo.initiatives(t, { ids: [id], unitIds: null }, today))[0];
    if (!cur) throw notFound('Không tìm thấy sáng kiến.');
    const changesCounted = (patch.year !== undefined && patch.year !== cur.year) || (patch.scope !== undefined && patch.scope !== cur.scope) || patch.authors !== undefined;
    if (cur.usedBy && changesCounted)
      throw conflict(`Sáng kiến "${cur.title}" đã dùng cho "${cur.usedBy.awardName}" năm ${cur.usedBy.year} của ${cur.usedBy.who}; không sửa được năm, phạm vi hay tác giả.`);
    if (patch.year !== undefined) {
      const yp = yearProblem(patch.year, today);
      if (yp) throw badRequest(yp);
    }
    let authors: number[] | null = null;
    if (patch.authors !== undefined) {
      if (!patch.authors.length) throw badRequest('Sáng kiến cần ít nhất một tác giả.');
      authors = await authorsOf(t, patch.authors[0], patch.authors.slice(1), today);
    }
    const w = {
      title: patch.title !== undefined ? text(patch.title, 500, 'Tên sáng kiến', true)! : cur.title,
      year: patch.year ?? cur.year,
      scope: patch.scope ?? cur.scope,
      recognisedBy: patch.recognisedBy !== undefined ? text(patch.recognisedBy, 300, 'Nơi công nhận') : cur.recognisedBy,
      decisionNumber: patch.decisionNumber !== undefined ? text(patch.decisionNumber, 100, 'Số quyết định công nhận') : cur.decisionNumber,
      unitId: patch.unit !== undefined ? await unitIdOf(t, patch.unit) : (cur.unit?.id ?? null),
      note: patch.note !== undefined ? text(patch.note, 2000, 'Ghi chú') : cur.note,
    };
    await awardsRepo.updateInitiative(t, id, w, authors);
    await audit(t, by, {
      action: 'award_initiative.update', entityType: 'award_initiative', entityId: id,
      before: { title: cur.title, year: cur.year, scope: cur.scope, authors: cur.authors.map((a) => a.id) }, after: { ...w, authors: authors ?? cur.authors.map((a) => a.id) },
    });
  });
}

export async function listInitiatives(db: Db, actor: Actor, q: { person?: number; year?: number; unused?: boolean }, today: string): Promise<InitiativeView[]> {
  const unitIds = visibleUnits(actor);
  if (q.person !== undefined) ensureVisible(actor, await personSubject(db, q.person, today), maySeeAwardData);
  return awardsRepo.initiatives(db, { personId: q.person, year: q.year, unused: q.unused, unitIds }, today);
}

export async function initiativeById(db: Db, actor: Actor, id: number, today: string): Promise<InitiativeView> {
  const unitIds = visibleUnits(actor);
  const found = (await awardsRepo.initiatives(db, { ids: [id], unitIds }, today))[0];
  if (!found) throw notFound('Không tìm thấy sáng kiến.');
  return found;
}
