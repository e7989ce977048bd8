/**
 * The conclusion (kết luận of the director) and the directive (chỉ đạo of the provincial leader), point by point.
 * Each point is information, a decision or a task; a task has an owner division (a phòng chuyên môn in being on
 * the conference date), optional co-operating units, a deadline after the conference date and a sector. The
 * follow-up module tracks tasks as recommendations.
 *
 * Points are drafted while the conference is held (policy 'conclude'). Once the conclusion notice is issued they
 * are part of it: a change goes through a reissue of the notice, with a reason (notices.service.ts), which calls
 * `replacePoints` here in its own transaction.
 */
import { type Actor, formatDate, normalizeText, type PointKind, type PointSource, POINT_SOURCES } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { isIsoDate, vnDateOf } from '../rounds/rounds.service.js';
import type { ConferenceRow } from './conferences.repository.js';
import { type LoadedConference, loadVisibleConference, requireConference } from './conferences.service.js';
import { type PointRow, type PointWrite, pointsRepo } from './points.repository.js';

export const POINT_NOT_FOUND = 'Không tìm thấy điểm kết luận này trong hội nghị.';

export type Who = Actor & { auditActor: AuditActor };

export type PointInput = {
  kind: PointKind;
  text: string;
  ownerDivisionId?: number | null;
  coUnitIds?: number[];
  deadline?: string | null;
  sectorId?: number | null;
  discussionItemId?: number | null;
};

export const listPoints = (db: Db, conferenceId: number) => pointsRepo.list(db, conferenceId);

/**
 * Checks a point against the conference: 400 with a Vietnamese message naming the point for a task without owner
 * or deadline, a deadline not after the conference day, an owner that is not a division in being that day, a
 * co-operating unit not in being, an unknown sector, or a discussion item of another conference.
 */
export async function checkPoint(db: Db, c: ConferenceRow, p: PointInput, label = 'Điểm'): Promise<{ write: PointWrite; coUnits: number[] }> {
  const onDate = vnDateOf(c.starts_at);
  const text = normalizeText(p.text).trim();
  if (!text) throw badRequest(`${label}: hãy ghi nội dung.`);
  const ownerDivisionId = p.ownerDivisionId ?? null;
  const deadline = p.deadline?.trim() || null;
  if (p.kind === 'task') {
    if (ownerDivisionId === null) throw badRequest(`${label}: nhiệm vụ phải giao cho một phòng chủ trì.`);
    if (deadline === null) throw badRequest(`${label}: nhiệm vụ phải có hạn hoàn thành.`);
  }
  if (deadline !== null) {
    if (!isIsoDate(deadline)) throw badRequest(`${label}: hạn hoàn thành "${deadline.slice(0, 20)}" không hợp lệ (ví dụ 2025-03-31).`);
    if (deadline <= onDate) throw badRequest(`${label}: hạn hoàn thành phải sau ngày hội nghị (${formatDate(onDate)}).`);
  }
  if (ownerDivisionId !== null && !(await pointsRepo.divisionOn(db, ownerDivisionId, onDate))) {
    throw badRequest(`${label}: đơn vị chủ trì phải là một phòng chuyên môn của Sở còn hoạt động vào ngày hội nghị (${formatDate(onDate)}).`);
  }
  const coUnits = [...new Set(p.coUnitIds ?? [])].filter((u) => u !== ownerDivisionId);
  if (coUnits.length) {
    const valid = new Set((await pointsRepo.unitsOn(db, coUnits, onDate)).map((u) => u.id));
    if (coUnits.some((u) => !valid.has(u))) throw badRequest(`${label}: có đơn vị phối hợp không tồn tại vào ngày hội nghị (${formatDate(onDate)}).`);
  }
  const sectorId = p.sectorId ?? null;
  if (sectorId !== null && !(await pointsRepo.sectorExists(db, sectorId))) throw badRequest(`${label}: lĩnh vực đã chọn không tồn tại.`);
  const discussionItemId = p.discussionItemId ?? null;
  if (discussionItemId !== null && !(await pointsRepo.discussionItemOf(db, c.id, discussionItemId))) {
    throw badRequest(`${label}: ý kiến thảo luận đã chọn không thuộc hội nghị này.`);
  }
  return { write: { kind: p.kind, text, ownerDivisionId, deadline, sectorId, discussionItemId }, coUnits };
}

async function editable(tx: Db, who: Who, conferenceId: number): Promise<LoadedConference> {
  const loaded = await loadVisibleConference(tx, who, conferenceId, true);
  requireConference(who, 'conclude', loaded);
  return loaded;
}

const snapshot = (p: PointRow) => ({
  source: p.source, number: p.number, kind: p.kind, text: p.text, ownerDivisionId: p.owner_division_id, deadline: p.deadline, sectorId: p.sector_id,
  coUnits: p.co_units.map((u) => u.id),
});

export async function createPoint(db: Db, who: Who, conferenceId: number, source: PointSource, input: PointInput, now: Date): Promise<PointRow> {
  return db.tx(async (tx) => {
    const loaded = await editable(tx, who, conferenceId);
    const { write, coUnits } = await checkPoint(tx, loaded.conference, input);
    const { id } = await pointsRepo.insert(tx, conferenceId, source, await pointsRepo.nextNumber(tx, conferenceId, source), write, now);
    await pointsRepo.setUnits(tx, id, coUnits);
    const row = (await pointsRepo.byId(tx, conferenceId, id))!;
    await audit(tx, who.auditActor, { action: 'conference.point.create', entityType: 'conference_point', entityId: id, after: { conferenceId, ...snapshot(row) } });
    return row;
  });
}

export async function updatePoint(db: Db, who: Who, conferenceId: number, pointId: number, patch: Partial<PointInput>, now: Date): Promise<PointRow> {
  return db.tx(async (tx) => {
    const loaded = await editable(tx, who, conferenceId);
    const before = await pointsRepo.byId(tx, conferenceId, pointId);
    if (!before) throw notFound(POINT_NOT_FOUND);
    const merged: PointInput = {
      kind: patch.kind ?? before.kind,
      text: patch.text ?? before.text,
      ownerDivisionId: patch.ownerDivisionId !== undefined ? patch.ownerDivisionId : before.owner_division_id,
      deadline: patch.deadline !== undefined ? patch.deadline : before.deadline,
      sectorId: patch.sectorId !== undefined ? patch.sectorId : before.sector_id,
      discussionItemId: patch.discussionItemId !== undefined ? patch.discussionItemId : before.discussion_item_id,
      coUnitIds: patch.coUnitIds ?? before.co_units.map((u) => u.id),
    };
    const { write, coUnits } = await checkPoint(tx, loaded.conference, merged, `Điểm ${before.number}`);
    await pointsRepo.update(tx, pointId, write, now);
    await pointsRepo.setUnits(tx, pointId, coUnits);
    const row = (await pointsRepo.byId(tx, conferenceId, pointId))!;
    await audit(tx, who.auditActor, {
      action: 'conference.point.update', entityType: 'conference_point', entityId: pointId, before: snapshot(before), after: snapshot(row),
    });
    return row;
  });
}

export async function deletePoint(db: Db, who: Who, conferenceId: number, pointId: number): Promise<void> {
  await db.tx(async (tx) => {
    await editable(tx, who, conferenceId);
    const before = await pointsRepo.byId(tx, conferenceId, pointId);
    if (!before) throw notFound(POINT_NOT_FOUND);
    await pointsRepo.delete(tx, [pointId]);
    await pointsRepo.renumber(tx, conferenceId, before.source, await pointsRepo.ids(tx, conferenceId, before.source));
    await audit(tx, who.auditActor, { action: 'conference.point.delete', entityType: 'conference_point', entityId: pointId, before: { conferenceId, ...snapshot(before) } });
  });
}

export async function reorderPoints(db: Db, who: Who, conferenceId: number, source: PointSource, ids: number[]): Promise<PointRow[]> {
  return db.tx(async (tx) => {
    await editable(tx, who, conferenceId);
    const current = await pointsRepo.ids(tx, conferenceId, source);
    const given = new Set(ids);
    if (given.size !== ids.length || ids.length !== current.length || current.some((id) => !given.has(id))) {
      throw badRequest('Thứ tự mới phải gồm đúng tất cả các điểm của phần này, mỗi điểm một lần.');
    }
    await pointsRepo.renumber(tx, conferenceId, source, ids);
    await audit(tx, who.auditActor, { action: 'conference.point.reorder', entityType: 'conference', entityId: conferenceId, after: { source, order: ids } });
    return pointsRepo.list(tx, conferenceId);
  });
}

export type ReplacementPoint = PointInput & { id?: number | null; source: PointSource };

/**
 * Replaces all the points with the list given, in its order per source (a reissue of the notice): points that carry
 * an id of this conference keep it — the follow-up module may already track them —, others are added, and those
 * left out are removed. Runs inside the caller's transaction; the caller audits.
 */
export async function replacePoints(tx: Db, c: ConferenceRow, points: ReplacementPoint[], now: Date): Promise<void> {
  const before = await pointsRepo.list(tx, c.id);
  const existing = new Set(before.map((p) => p.id));
  const seen = new Set<number>();
  const checked: { id: number | null; source: PointSource; write: PointWrite; coUnits: number[] }[] = [];
  const counters: Record<PointSource, number> = { conclusion: 0, directive: 0 };
  for (const p of points) {
    const n = ++counters[p.source];
    const label = `${p.source === 'conclusion' ? 'Kết luận' : 'Chỉ đạo'}, điểm ${n}`;
    if (p.id != null) {
      if (!existing.has(p.id)) throw badRequest(`${label}: điểm (id ${p.id}) không thuộc hội nghị này.`);
      if (seen.has(p.id)) throw badRequest(`${label}: điểm (id ${p.id}) được nêu hai lần.`);
      seen.add(p.id);
    }
    checked.push({ id: p.id ?? null, source: p.source, ...(await checkPoint(tx, c, p, label)) });
  }
  const removed = before.filter((p) => !seen.has(p.id)).map((p) => p.id);
  if (removed.length) await pointsRepo.delete(tx, removed);
  for (const source of POINT_SOURCES) {
    await pointsRepo.moveAside(tx, c.id, source);
    let number = 0;
    for (const p of checked.filter((x) => x.source === source)) {
      number++;
      let id = p.id;
      if (id === null) id = (await pointsRepo.insert(tx, c.id, source, number, p.write, now)).id;
      else {
        await pointsRepo.update(tx, id, p.write, now);
        await pointsRepo.place(tx, id, source, number);
      }
      await pointsRepo.setUnits(tx, id, p.coUnits);
    }
  }
}
