/**
 * The secretary's live view: which agenda item is running and for how long, the notes of each item, and the
 * conference's actual opening and closing times (the minutes print them).
 *
 * - Starting an item stamps its started_at (a resumed item keeps its first start) and ends the item that was
 *   running: one item runs at a time, under the conference's row lock. Starting the first item of a conference
 *   that is still 'invited' holds it (CONFERENCE_TRANSITIONS.hold) and stamps the opening time.
 * - Notes are saved over a revision: a save names the revision it was typed on (`baseRevision`); when someone
 *   else saved since, nothing is written and the answer is 409 with the current text and revision, so the
 *   secretary can merge instead of losing either text.
 */
import type { Actor } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { conflict, notFound } from '../../platform/errors.js';
import { timeItems } from './agenda.service.js';
import { applyTransition, type LoadedConference, loadVisibleConference, requireConference } from './conferences.service.js';
import { type LiveItemRow, liveRepo } from './live.repository.js';

export const ITEM_NOT_FOUND = 'Không tìm thấy mục này trong chương trình hội nghị.';
export const NOTES_CONFLICT = 'Ghi chép của mục này vừa được người khác lưu; nội dung của bạn chưa được lưu. Hãy xem bản hiện tại và gộp lại rồi lưu lần nữa.';

export type LiveItem = LiveItemRow & { planned_start: Date; planned_end: Date };

/** Agenda items with their planned times: the conference's start plus the durations before each item (agenda.service). */
export function withPlannedTimes(startsAt: Date, items: readonly LiveItemRow[]): LiveItem[] {
  return timeItems(startsAt, [...items]).map(({ startsAt: planned_start, endsAt: planned_end, ...it }) => ({ ...it, planned_start, planned_end }));
}

/** The item running now (one at a time), or null. */
export function runningItem(items: readonly LiveItem[]): LiveItem | null {
  return items.find((i) => i.started_at !== null && i.ended_at === null) ?? null;
}

/**
 * The item "next" starts: the first not yet started after the running one, else the first not yet started (all of
 * them when nothing runs), else null (every item has been started).
 */
export function nextItem(items: readonly LiveItem[]): LiveItem | null {
  const running = runningItem(items);
  const after = running ? items.slice(items.indexOf(running) + 1) : [];
  return after.find((i) => i.started_at === null) ?? items.find((i) => i.started_at === null && i !== running) ?? null;
}

/** The item running now, else the first one not yet started, else null (all done). Kept for the API's `currentItemId`. */
export function currentItem(items: readonly LiveItem[]): LiveItem | null {
  return runningItem(items) ?? items.find((i) => i.started_at === null) ?? null;
}

export async function liveState(db: Db, loaded: LoadedConference) {
  const items = withPlannedTimes(loaded.conference.starts_at, await liveRepo.items(db, loaded.conference.id));
  return { conference: loaded.conference, items, current: currentItem(items), running: runningItem(items), next: nextItem(items) };
}

type Who = Actor & { auditActor: AuditActor };

/** Loads the conference under its row lock for a change of the live state, and checks the actor may record. */
async function lockedForRecord(tx: Db, who: Who, conferenceId: number): Promise<LoadedConference> {
  const loaded = await loadVisibleConference(tx, who, conferenceId, true);
  requireConference(who, 'record', loaded);
  return loaded;
}

async function itemOf(db: Db, conferenceId: number, itemId: number): Promise<LiveItemRow> {
  const item = await liveRepo.item(db, conferenceId, itemId);
  if (!item) throw notFound(ITEM_NOT_FOUND);
  return item;
}

export async function startItem(db: Db, who: Who, conferenceId: number, itemId: number, now: Date) {
  return db.tx(async (tx) => {
    const loaded = await lockedForRecord(tx, who, conferenceId);
    const item = await itemOf(tx, conferenceId, itemId);
    if (loaded.conference.status === 'invited') await applyTransition(tx, who.auditActor, loaded.conference, 'hold', now);
    const ended = await liveRepo.endRunning(tx, conferenceId, now, itemId);
    await liveRepo.start(tx, conferenceId, itemId, now);
    await liveRepo.markOpened(tx, conferenceId, now);
    await audit(tx, who.auditActor, {
      action: 'conference.agenda.start', entityType: 'conference_agenda_item', entityId: itemId,
      after: { conferenceId, title: item.title, at: now.toISOString(), ended: ended.map((e) => e.id) },
    });
    return liveState(tx, await loadVisibleConference(tx, who, conferenceId));
  });
}

export async function stopItem(db: Db, who: Who, conferenceId: number, itemId: number, now: Date) {
  return db.tx(async (tx) => {
    await lockedForRecord(tx, who, conferenceId);
    const item = await itemOf(tx, conferenceId, itemId);
    if (await liveRepo.stop(tx, conferenceId, itemId, now)) {
      await audit(tx, who.auditActor, {
        action: 'conference.agenda.stop', entityType: 'conference_agenda_item', entityId: itemId,
        after: { conferenceId, title: item.title, at: now.toISOString() },
      });
    }
    return liveState(tx, await loadVisibleConference(tx, who, conferenceId));
  });
}

/** Closes the conference: the running item ends, and the closing time is stamped for the minutes. */
export async function endConference(db: Db, who: Who, conferenceId: number, now: Date) {
  return db.tx(async (tx) => {
    const loaded = await lockedForRecord(tx, who, conferenceId);
    if (loaded.conference.status !== 'held') throw conflict('Hội nghị chưa bắt đầu nên chưa kết thúc được; hãy bắt đầu mục đầu tiên của chương trình.');
    await liveRepo.endRunning(tx, conferenceId, now, null);
    await liveRepo.markClosed(tx, conferenceId, now);
    await audit(tx, who.auditActor, { action: 'conference.end', entityType: 'conference', entityId: conferenceId, after: { endedAt: now.toISOString() } });
    return liveState(tx, await loadVisibleConference(tx, who, conferenceId));
  });
}

export async function saveNotes(db: Db, who: Who, conferenceId: number, itemId: number, input: { notes: string; baseRevision: number }, now: Date) {
  return db.tx(async (tx) => {
    const loaded = await loadVisibleConference(tx, who, conferenceId);
    requireConference(who, 'record', loaded);
    await itemOf(tx, conferenceId, itemId);
    // As typed: the text boundary has brought it to NFC; only line ends are made one kind. Blank notes count as none where it
    // matters (the agenda's mark, the minutes), never by trimming what is stored: the page keeps its trailing new line.
    const notes = input.notes.normalize('NFC').replace(/\r\n?/g, '\n');
    const saved = await liveRepo.saveNotes(tx, conferenceId, itemId, notes, input.baseRevision, who.id, now);
    if (!saved) {
      const current = (await liveRepo.item(tx, conferenceId, itemId))!;
      throw conflict(NOTES_CONFLICT, {
        revision: current.notes_revision, notes: current.notes, updatedBy: current.notes_updated_by_name, updatedAt: current.notes_updated_at,
      });
    }
    await audit(tx, who.auditActor, {
      action: 'conference.notes.save', entityType: 'conference_agenda_item', entityId: itemId,
      after: { conferenceId, revision: saved.notes_revision, length: notes.length },
    });
    return (await liveState(tx, loaded)).items.find((i) => i.id === itemId)!;
  });
}
