/**
 * The agenda (chương trình hội nghị): ordered items, each with a kind, a presenter (a person, a unit, or a name for
 * a guest outside the directory) and a duration. Start times are computed from the conference's start, so a
 * reorder moves them; a PUT replaces the list but keeps the ids of the items it names, so their notes survive.
 */
import { type Actor, AGENDA_KIND_LABELS, type AgendaKind, canDo, conferencePeriodWording, formatDateTime, normalizeText, UNIT_ROLES } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { vnDateOf } from '../rounds/rounds.service.js';
import { type AgendaRow, type AgendaWrite, agendaRepo } from './agenda.repository.js';
import type { LoadedConference } from './conferences.access.js';
import { type ConferenceRow, conferencesRepo } from './conferences.repository.js';
import { presentationsRepo } from './presentations.repository.js';

export type AgendaInput = {
  id?: number | null;
  kind: AgendaKind;
  title?: string | null;
  presenter?: { personId?: number | null; unitId?: number | null; name?: string | null } | null;
  durationMinutes: number;
};

export type TimedItem = AgendaRow & { startsAt: Date; endsAt: Date };
/** `available`: the reader may open `href` now; otherwise `note` says why (a link would only answer 403 or 404). */
export type Material = {
  kind: 'draft_report' | 'presentation'; label: string; href: string; presentationId: number | null; uploaded: boolean; available: boolean; note: string | null;
};

export const DRAFT_REPORT_AT_CONFERENCE = 'Dự thảo báo cáo do Văn phòng Sở phát hành tại hội nghị';
export const OTHER_UNITS_PRESENTATION = 'Tham luận của đơn vị khác do Văn phòng Sở phát hành tại hội nghị';
export const PRESENTATION_NOT_UPLOADED = 'Chưa nộp';

const VN_OFFSET_MS = 7 * 3600_000;
/** Midnight (Vietnam) at the end of the day an instant falls on. */
const midnightAfter = (at: Date) => new Date(Date.parse(`${vnDateOf(at)}T00:00:00+07:00`) + 24 * 3600_000);
const hhmm = (at: Date) => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(11, 16);

/**
 * Takes the conference's row lock and checks it is still being planned: a conference that started (the live view
 * holds it) between the check and the write keeps its agenda and invitations as they were.
 */
export async function stillPlanning(t: Db, conferenceId: number): Promise<void> {
  const cur = await conferencesRepo.byId(t, conferenceId, true);
  if (!cur || (cur.status !== 'draft' && cur.status !== 'invited'))
    throw conflict('Hội nghị vừa chuyển sang trạng thái khác nên thay đổi chưa được lưu; hãy tải lại trang.');
}

/** Start and end of each item, one after another from the conference's start. */
export function timeItems<T extends { duration_minutes: number }>(startsAt: Date, items: T[]): (T & { startsAt: Date; endsAt: Date })[] {
  let at = startsAt.getTime();
  return items.map((it) => {
    const start = new Date(at);
    at += it.duration_minutes * 60_000;
    return { ...it, startsAt: start, endsAt: new Date(at) };
  });
}

/** Refuses an agenda that would run past midnight of the conference day, naming the first item that does. */
export function checkAgendaFitsDay(startsAt: Date, items: { title: string; duration_minutes: number }[]): void {
  const limit = midnightAfter(startsAt).getTime();
  for (const it of timeItems(startsAt, items)) {
    if (it.endsAt.getTime() > limit) {
      const total = items.reduce((s, i) => s + i.duration_minutes, 0);
      throw badRequest(
        `Chương trình kéo dài quá nửa đêm: mục "${it.title}" kết thúc lúc ${hhmm(it.endsAt)} ngày hôm sau ` +
          `(hội nghị bắt đầu ${formatDateTime(startsAt)}, tổng thời lượng ${total} phút). Hãy rút ngắn thời lượng hoặc bắt đầu sớm hơn.`,
      );
    }
  }
}

/**
 * The items in order with their times and linked material (the draft report, the presentations' files), as `reader`
 * may open it: the draft report for those who read reports (a unit gets it at the conference), a presentation's file
 * for the department and for the unit that gave it (the same rules as the routes that serve them).
 */
export async function agendaOf(db: Db, conference: ConferenceRow, reader: Actor): Promise<{ item: TimedItem; material: Material[] }[]> {
  const items = timeItems(conference.starts_at, await agendaRepo.list(db, conference.id));
  const presentations = await presentationsRepo.list(db, conference.id);
  const readsReport = canDo(reader, 'completeness.read');
  const unit = UNIT_ROLES.includes(reader.role);
  return items.map((item) => {
    const material: Material[] = [];
    if (item.kind === 'draft_report')
      material.push({
        kind: 'draft_report', label: 'Dự thảo báo cáo', href: `/api/reports/summary?period=${encodeURIComponent(conference.period)}`, presentationId: null,
        uploaded: true, available: readsReport, note: readsReport ? null : DRAFT_REPORT_AT_CONFERENCE,
      });
    for (const p of presentations.filter((p) => p.agenda_item_id === item.id)) {
      const uploaded = p.file_name !== null;
      const note = unit && p.org_unit_id !== reader.orgUnitId ? OTHER_UNITS_PRESENTATION : uploaded ? null : PRESENTATION_NOT_UPLOADED;
      material.push({
        kind: 'presentation', label: `Tham luận: ${p.topic} (${p.unit_name})`,
        href: `/api/conferences/${conference.id}/presentations/${p.id}/file`, presentationId: p.id, uploaded, available: note === null, note,
      });
    }
    return { item, material };
  });
}

const cleanText = (s: string | null | undefined) => {
  const t = s == null ? '' : normalizeText(s).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
};

/** Checks the presenters and turns the input into rows to write; 400 naming the item for anything wrong. */
async function toWrites(db: Db, conference: ConferenceRow, items: AgendaInput[]): Promise<(AgendaWrite & { id: number | null })[]> {
  const onDate = vnDateOf(conference.starts_at);
  const personIds = [...new Set(items.map((i) => i.presenter?.personId).filter((x): x is number => typeof x === 'number'))];
  const unitIds = [...new Set(items.map((i) => i.presenter?.unitId).filter((x): x is number => typeof x === 'number'))];
  const people = new Map((await conferencesRepo.peopleOn(db, personIds, onDate)).map((p) => [p.id, p]));
  const units = new Map((await conferencesRepo.units(db, unitIds)).map((u) => [u.id, u]));
  return items.map((it, i) => {
    const n = i + 1;
    const title = cleanText(it.title) ?? AGENDA_KIND_LABELS[it.kind].vi;
    const personId = it.presenter?.personId ?? null;
    const unitId = it.presenter?.unitId ?? null;
    if (personId !== null && !people.has(personId)) throw badRequest(`Mục ${n} ("${title}"): không có cán bộ mã ${personId} trong danh bạ.`);
    if (unitId !== null) {
      const u = units.get(unitId);
      if (!u) throw badRequest(`Mục ${n} ("${title}"): không có đơn vị mã ${unitId}.`);
      if (u.valid_from > onDate || (u.valid_to !== null && u.valid_to < onDate))
        throw badRequest(`Mục ${n} ("${title}"): đơn vị "${u.name}" không còn hoạt động vào ngày hội nghị.`);
    }
    return {
      id: it.id ?? null, kind: it.kind, title, presenterPersonId: personId, presenterUnitId: unitId, presenterName: cleanText(it.presenter?.name),
      durationMinutes: it.durationMinutes,
    };
  });
}

/**
 * Replaces the agenda with the list given, in its order. Items that carry an id of this conference keep it (and so
 * their notes); items without one are added; items left out are removed. One transaction, audited.
 */
export async function replaceAgenda(db: Db, by: AuditActor, loaded: LoadedConference, items: AgendaInput[]): Promise<void> {
  const c = loaded.conference;
  const writes = await toWrites(db, c, items);
  const seen = new Set<number>();
  for (const w of writes) {
    if (w.id === null) continue;
    if (seen.has(w.id)) throw badRequest(`Mục chương trình (id ${w.id}) được nêu hai lần.`);
    seen.add(w.id);
  }
  checkAgendaFitsDay(c.starts_at, writes.map((w) => ({ title: w.title, duration_minutes: w.durationMinutes })));
  await db.tx(async (t) => {
    await stillPlanning(t, c.id);
    const before = await agendaRepo.list(t, c.id);
    const existing = new Set(before.map((b) => b.id));
    for (const w of writes)
      if (w.id !== null && !existing.has(w.id)) throw badRequest(`Mục chương trình (id ${w.id}) không thuộc hội nghị này.`);
    const removed = before.filter((b) => !seen.has(b.id)).map((b) => b.id);
    if (removed.length) await agendaRepo.remove(t, removed);
    // Positions are rewritten from 1; there is no uniqueness on them, so the order of the updates does not matter.
    for (const [i, w] of writes.entries()) {
      if (w.id === null) await agendaRepo.insert(t, c.id, i + 1, w);
      else await agendaRepo.update(t, w.id, i + 1, w);
    }
    await audit(t, by, {
      action: 'conference.agenda', entityType: 'conference', entityId: c.id,
      before: before.map((b) => ({ id: b.id, kind: b.kind, title: b.title, durationMinutes: b.duration_minutes })),
      after: writes.map((w) => ({ id: w.id, kind: w.kind, title: w.title, durationMinutes: w.durationMinutes })),
    });
  });
}

/**
 * The usual programme of a review conference (seeds 000–004): opening and introductions, the draft report by a
 * deputy director, four presentations, discussion, awards, the provincial leader's directive speech, the director's
 * conclusion, closing — 155 minutes in all.
 */
export function defaultAgenda(period: string, chairPersonId: number | null, deputyPersonId: number | null): AgendaWrite[] {
  const w = conferencePeriodWording(period);
  const report = w
    ? w.kind === 'annual'
      ? `Thông qua dự thảo báo cáo kết quả công tác ${w.current} và phương hướng, nhiệm vụ ${w.next}`
      : `Thông qua dự thảo báo cáo kết quả công tác ${w.current} và nhiệm vụ trọng tâm ${w.next}`
    : 'Thông qua dự thảo báo cáo';
  const item = (kind: AgendaKind, title: string, minutes: number, personId: number | null = null): AgendaWrite => ({
    kind, title, presenterPersonId: personId, presenterUnitId: null, presenterName: null, durationMinutes: minutes,
  });
  return [
    item('opening', 'Tuyên bố lý do, giới thiệu đại biểu; phát biểu khai mạc', 10, chairPersonId),
    item('draft_report', report, 20, deputyPersonId),
    item('presentation', 'Tham luận 1', 10),
    item('presentation', 'Tham luận 2', 10),
    item('presentation', 'Tham luận 3', 10),
    item('presentation', 'Tham luận 4', 10),
    item('discussion', 'Thảo luận về kết quả, khó khăn, vướng mắc và đề xuất, kiến nghị', 30),
    item('awards', 'Trao danh hiệu thi đua, hình thức khen thưởng', 15),
    item('directive', 'Phát biểu chỉ đạo của lãnh đạo tỉnh', 20),
    item('conclusion', 'Kết luận hội nghị', 15, chairPersonId),
    item('closing', 'Bế mạc hội nghị', 5, chairPersonId),
  ];
}

export async function insertAgenda(db: Db, conferenceId: number, items: AgendaWrite[]): Promise<void> {
  for (const [i, w] of items.entries()) await agendaRepo.insert(db, conferenceId, i + 1, w);
}
