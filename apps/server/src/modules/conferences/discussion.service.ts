/**
 * The discussion list (ý kiến thảo luận): before the conference, pre-filled from the period's approved reports
 * (discussion.prefill.ts) with raised=false; on the day the secretary ticks what was raised, adds what was new from
 * the floor, and names who spoke (a unit, a person, or a name) and the sector. Ordered by hand.
 *
 * Who may edit: the office while the conference is planned (plan) or under way (record); once the conclusion is
 * issued the list is part of the record and stays as it was.
 */
import { type Actor, canConference, normalizeText, parsePeriod } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { peopleByIds, currentMembership } from '../people/people.service.js';
import { MERGE_SIMILARITY, pointKey, similarity } from '../reports/summary-report.points.js';
import { approvedNarratives } from '../reports/summary-report.repository.js';
import { vnDateOf } from '../rounds/rounds.service.js';
import { type LoadedConference, loadVisibleConference, requireConference } from './conferences.service.js';
import { prefillItems, unresolvedItems } from './discussion.prefill.js';
import { unresolvedForPeriod } from '../follow-up/intake.service.js';
import { type DiscussionRow, type DiscussionWrite, discussionRepo, type UnitSource } from './discussion.repository.js';

export const DISCUSSION_ITEM_NOT_FOUND = 'Không tìm thấy ý kiến này trong hội nghị.';

export type Who = Actor & { auditActor: AuditActor };

export type DiscussionInput = {
  kind: DiscussionWrite['kind'];
  text: string;
  sectorId?: number | null;
  speakerPersonId?: number | null;
  speakerName?: string | null;
  unitIds?: number[];
  agendaItemId?: number | null;
  raised?: boolean;
};

/** The office edits the list while the conference is planned or under way. */
export function requireDiscussionEdit(who: Actor, loaded: LoadedConference): void {
  requireConference(who, canConference(who, 'plan', loaded.subject) ? 'plan' : 'record', loaded);
}

async function editable(tx: Db, who: Who, conferenceId: number): Promise<LoadedConference> {
  const loaded = await loadVisibleConference(tx, who, conferenceId, true);
  requireDiscussionEdit(who, loaded);
  return loaded;
}

export const listDiscussion = (db: Db, conferenceId: number) => discussionRepo.list(db, conferenceId);

const clean = (s: string | null | undefined) => normalizeText(s ?? '').replace(/\s+/g, ' ').trim();

export const UNIT_NOT_IN_BEING = 'Có đơn vị không tồn tại trong kỳ của hội nghị cũng như vào ngày diễn ra hội nghị.';

/**
 * Checks and completes an item: text, sector, speaker, agenda item. The units it names must be in being at some time
 * during the reviewed period (they raised the point in their reports then: a district office closed on 30/06/2025
 * still raised a point for 2025) or on the conference date. `units` is null when the item's units stay as they are.
 */
async function prepare(db: Db, loaded: LoadedConference, input: DiscussionInput, current: number[] = []): Promise<{ write: DiscussionWrite; units: number[] | null }> {
  const c = loaded.conference;
  const onDate = vnDateOf(c.starts_at);
  const text = normalizeText(input.text).trim();
  if (!text) throw badRequest('Hãy ghi nội dung ý kiến.');
  const sectorId = input.sectorId ?? null;
  if (sectorId !== null && !(await discussionRepo.sectorExists(db, sectorId))) throw badRequest('Lĩnh vực đã chọn không tồn tại.');
  const agendaItemId = input.agendaItemId ?? null;
  if (agendaItemId !== null && !(await discussionRepo.agendaItemOf(db, c.id, agendaItemId))) throw badRequest('Mục chương trình đã chọn không thuộc hội nghị này.');
  const speakerPersonId = input.speakerPersonId ?? null;
  let units = input.unitIds ? [...new Set(input.unitIds)] : null;
  if (speakerPersonId !== null) {
    if (!(await peopleByIds(db, [speakerPersonId])).length) throw badRequest('Không tìm thấy người phát biểu trong danh bạ cán bộ.');
    // Who spoke names the unit when the item names none.
    if (!(units ?? current).length) {
      const m = await currentMembership(db, speakerPersonId, onDate);
      if (m) units = [m.unit.id];
    }
  }
  if (units?.length) {
    const period = parsePeriod(c.period);
    const valid = new Set((await discussionRepo.unitsInBeing(db, units, period?.start ?? onDate, period?.end ?? onDate, onDate)).map((u) => u.id));
    if (units.some((u) => !valid.has(u))) throw badRequest(UNIT_NOT_IN_BEING);
  }
  return {
    write: { kind: input.kind, text, sectorId, speakerPersonId, speakerName: clean(input.speakerName) || null, agendaItemId, raised: input.raised ?? true },
    units,
  };
}

export async function createDiscussionItem(db: Db, who: Who, conferenceId: number, input: DiscussionInput, now: Date): Promise<DiscussionRow> {
  return db.tx(async (tx) => {
    const loaded = await editable(tx, who, conferenceId);
    const { write, units } = await prepare(tx, loaded, input);
    const { id } = await discussionRepo.insert(tx, conferenceId, write, 'floor', await discussionRepo.nextPosition(tx, conferenceId), who.id, now);
    await discussionRepo.setUnits(tx, id, (units ?? []).map((unitId) => ({ unitId, submissionId: null, section: null, itemIndex: null })));
    await audit(tx, who.auditActor, { action: 'conference.discussion.create', entityType: 'conference_discussion_item', entityId: id, after: { conferenceId, ...write, units } });
    return (await discussionRepo.byId(tx, conferenceId, id))!;
  });
}

export async function updateDiscussionItem(db: Db, who: Who, conferenceId: number, itemId: number, patch: Partial<DiscussionInput>): Promise<DiscussionRow> {
  return db.tx(async (tx) => {
    const loaded = await editable(tx, who, conferenceId);
    const before = await discussionRepo.byId(tx, conferenceId, itemId);
    if (!before) throw notFound(DISCUSSION_ITEM_NOT_FOUND);
    const merged: DiscussionInput = {
      kind: patch.kind ?? before.kind,
      text: patch.text ?? before.text,
      sectorId: patch.sectorId !== undefined ? patch.sectorId : before.sector_id,
      speakerPersonId: patch.speakerPersonId !== undefined ? patch.speakerPersonId : before.speaker_person_id,
      speakerName: patch.speakerName !== undefined ? patch.speakerName : before.speaker_name,
      agendaItemId: patch.agendaItemId !== undefined ? patch.agendaItemId : before.agenda_item_id,
      raised: patch.raised ?? before.raised,
      unitIds: patch.unitIds,
    };
    // Without `unitIds` the item keeps its units and where each raised it; a speaker names the unit only of an item with none.
    const { write, units } = await prepare(tx, loaded, merged, before.units.map((u) => u.org_unit_id));
    await discussionRepo.update(tx, itemId, write);
    if (units !== null) {
      // A unit that raised it in its report keeps where; a unit added by hand has no source.
      const known = new Map(before.units.map((u) => [u.org_unit_id, u]));
      const next: UnitSource[] = (units ?? []).map((unitId) => {
        const k = known.get(unitId);
        return { unitId, submissionId: k?.submission_id ?? null, section: k?.section ?? null, itemIndex: k?.item_index ?? null };
      });
      await discussionRepo.setUnits(tx, itemId, next);
    }
    await audit(tx, who.auditActor, {
      action: 'conference.discussion.update', entityType: 'conference_discussion_item', entityId: itemId,
      before: { text: before.text, raised: before.raised, kind: before.kind, units: before.units.map((u) => u.org_unit_id) },
      after: { ...write, units: units ?? before.units.map((u) => u.org_unit_id) },
    });
    return (await discussionRepo.byId(tx, conferenceId, itemId))!;
  });
}

export async function deleteDiscussionItem(db: Db, who: Who, conferenceId: number, itemId: number): Promise<void> {
  await db.tx(async (tx) => {
    await editable(tx, who, conferenceId);
    const before = await discussionRepo.byId(tx, conferenceId, itemId);
    if (!before) throw notFound(DISCUSSION_ITEM_NOT_FOUND);
    await discussionRepo.delete(tx, itemId);
    await audit(tx, who.auditActor, {
      action: 'conference.discussion.delete', entityType: 'conference_discussion_item', entityId: itemId,
      before: { conferenceId, text: before.text, source: before.source, units: before.units.map((u) => u.org_unit_id) },
    });
  });
}

/** Puts the items in the order given: every item of the conference, each once. */
export async function reorderDiscussion(db: Db, who: Who, conferenceId: number, ids: number[]): Promise<DiscussionRow[]> {
  return db.tx(async (tx) => {
    await editable(tx, who, conferenceId);
    const current = await discussionRepo.ids(tx, conferenceId);
    const given = new Set(ids);
    if (given.size !== ids.length || ids.length !== current.length || current.some((id) => !given.has(id))) {
      throw badRequest('Thứ tự mới phải gồm đúng tất cả các ý kiến của hội nghị, mỗi ý kiến một lần.');
    }
    await discussionRepo.setPositions(tx, conferenceId, ids);
    await audit(tx, who.auditActor, { action: 'conference.discussion.reorder', entityType: 'conference', entityId: conferenceId, after: { order: ids } });
    return discussionRepo.list(tx, conferenceId);
  });
}

/**
 * Pre-fills the list from the period's approved reports. Run again (a report approved late), it replaces the report
 * items nobody has ticked or answered yet, keeps the others, and adds only points not already on the list.
 */
export async function prefillDiscussion(db: Db, who: Who, conferenceId: number, now: Date): Promise<{ added: number; kept: number; removed: number; items: DiscussionRow[] }> {
  return db.tx(async (tx) => {
    const loaded = await editable(tx, who, conferenceId);
    const period = parsePeriod(loaded.conference.period);
    if (!period) throw badRequest(`Kỳ của hội nghị "${loaded.conference.period}" không hợp lệ.`);
    const sectorOrder = await discussionRepo.sectorOrder(tx);
    // Close the loop (follow-up): last periods' unresolved recommendations come after the period's own points, marked as such.
    const proposed = [...prefillItems(await approvedNarratives(tx, period.start, period.end), sectorOrder), ...unresolvedItems(await unresolvedForPeriod(tx, period.id), sectorOrder)];
    const untouched = (await discussionRepo.untouchedReportItems(tx, conferenceId)).map((r) => r.id);
    await discussionRepo.deleteMany(tx, untouched);
    const kept = (await discussionRepo.list(tx, conferenceId)).map((i) => ({ kind: i.kind, key: pointKey(i.text) }));
    let position = await discussionRepo.nextPosition(tx, conferenceId);
    let added = 0;
    for (const p of proposed) {
      const key = pointKey(p.text);
      if (kept.some((k) => k.kind === p.kind && (k.key === key || similarity(k.key, key) >= MERGE_SIMILARITY))) continue;
      const { id } = await discussionRepo.insert(tx, conferenceId, {
        kind: p.kind, text: p.text, sectorId: p.sectorId, speakerPersonId: null, speakerName: null, agendaItemId: null, raised: false,
      }, 'report', position++, who.id, now);
      await discussionRepo.setUnits(tx, id, p.sources.map((s) => ({ unitId: s.unitId, submissionId: s.submissionId, section: s.section, itemIndex: s.itemIndex })));
      added++;
    }
    await audit(tx, who.auditActor, {
      action: 'conference.discussion.prefill', entityType: 'conference', entityId: conferenceId,
      after: { period: period.id, proposed: proposed.length, added, removed: untouched.length, kept: kept.length },
    });
    return { added, kept: kept.length, removed: untouched.length, items: await discussionRepo.list(tx, conferenceId) };
  });
}
