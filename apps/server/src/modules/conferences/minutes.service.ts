/**
 * The minutes (biên bản hội nghị): a structured content compiled from the conference — time and place, chair and
 * secretary, attendance by unit type from check-in, guests, the content item by item from the agenda notes and the
 * discussion items raised, the conclusion and directive points, the closing time — then edited by the secretary.
 *
 * Each save is a new revision. A save names the revision it was made on (`baseRevision`); when that is no longer
 * the latest, nothing is written and the answer is 409 with the latest revision, so two people editing at once
 * never overwrite each other. Compiling again from the notes is an explicit request and is saved as a revision of
 * its own like any other; reading the minutes never compiles over what was saved.
 */
import type { Actor } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { conflict } from '../../platform/errors.js';
import { meetingTimeText } from '../documents/kit/model.js';
import { type LoadedConference, loadVisibleConference, requireConference } from './conferences.service.js';
import { type ConferenceFacts, conferenceFacts } from './documents.data.js';
import { clockText, guestLine, hhmm, personLine, pointText, sentence, typeGroupLabel } from './documents.wording.js';
import { minutesRepo } from './minutes.repository.js';

export type MinutesItem = { agendaItemId: number | null; title: string; text: string };

export type MinutesContent = {
  /** The registry number ('03' of '03/BB-STTTT'), null while unregistered. */
  number: string | null;
  time: string;
  place: string;
  chair: string;
  secretary: string;
  attendance: string[];
  items: MinutesItem[];
  closing: string;
};

export const MINUTES_CONFLICT = 'Biên bản vừa được người khác lưu; bản của bạn chưa được lưu. Hãy xem bản mới nhất, gộp phần sửa của mình rồi lưu lại.';

const SPOKE: Partial<Record<string, string>> = {
  opening: 'phát biểu khai mạc', draft_report: 'trình bày', presentation: 'trình bày tham luận', directive: 'phát biểu chỉ đạo',
  conclusion: 'phát biểu kết luận', closing: 'phát biểu bế mạc', awards: 'trao khen thưởng', other: 'trình bày',
};

/** Who raised a discussion item, for the minutes: the speaker, else the units. */
function raisedBy(d: ConferenceFacts['discussion'][number]): string {
  const who = d.speaker_name || d.speaker_person_name;
  const units = d.units.map((u) => u.name);
  if (who && units.length === 1) return `${who} (${units[0]})`;
  return who || units.join(', ');
}

/** Attendance lines: the guests, then per unit type units present of those invited and delegates, then the total. */
export function attendanceLines(f: Pick<ConferenceFacts, 'guests' | 'attendance'>): string[] {
  const lines = f.guests.map((g) => guestLine(g));
  for (const r of f.attendance.byUnitType) {
    if (!r.checkedIn && !r.unitsInvited) continue;
    const label = r.unitType ? typeGroupLabel(r.unitType) : 'Khách không thuộc đơn vị nào';
    const walkIns = r.walkIns ? ` (trong đó ${r.walkIns} đại biểu không đăng ký trước)` : '';
    lines.push(r.unitsInvited
      ? `${label}: ${r.unitsPresent}/${r.unitsInvited} đơn vị được mời có mặt, ${r.checkedIn} đại biểu${walkIns}`
      : `${label}: ${r.checkedIn} đại biểu${walkIns}`);
  }
  const t = f.attendance.total;
  lines.push(`Tổng số: ${t.checkedIn} đại biểu có mặt; ${t.unitsPresent}/${t.unitsInvited} đơn vị được mời có mặt`);
  return lines;
}

/** The minutes as compiled from the conference (see the module comment). */
export function compileMinutes(f: ConferenceFacts): MinutesContent {
  const c = f.conference;
  const raised = f.discussion.filter((d) => d.raised);
  const agendaIds = new Set(f.agenda.map((i) => i.id));
  const firstDiscussion = f.agenda.find((i) => i.kind === 'discussion')?.id ?? null;
  const discussionOf = (itemId: number | null) =>
    raised.filter((d) => (d.agenda_item_id !== null && agendaIds.has(d.agenda_item_id) ? d.agenda_item_id : firstDiscussion) === itemId);
  const pointsOf = (source: 'conclusion' | 'directive') => f.points.filter((p) => p.source === source);
  const items: MinutesItem[] = [];
  for (const i of f.agenda) {
    if (i.kind === 'break') continue;
    const lines: string[] = [];
    const verb = SPOKE[i.kind];
    if (i.presenter && verb) lines.push(`${i.presenter} ${verb}.`);
    if (i.notes.trim()) lines.push(i.notes.trim());
    for (const d of discussionOf(i.id)) lines.push(`- ${raisedBy(d) ? `${raisedBy(d)}: ` : ''}${sentence(d.text)}`);
    if (i.kind === 'directive') for (const p of pointsOf('directive')) lines.push(`- ${pointText(p)}`);
    if (i.kind === 'conclusion') for (const p of pointsOf('conclusion')) lines.push(`${p.number}. ${pointText(p)}`);
    if (i.kind === 'awards') for (const a of f.awards) lines.push(`- ${a}`);
    items.push({ agendaItemId: i.id, title: i.title, text: lines.join('\n') });
  }
  // What has nowhere else to go: discussion with no discussion item on the agenda, points with no item to carry them.
  const loose = firstDiscussion === null ? raised : [];
  if (loose.length) items.push({ agendaItemId: null, title: 'Ý kiến thảo luận', text: loose.map((d) => `- ${raisedBy(d) ? `${raisedBy(d)}: ` : ''}${sentence(d.text)}`).join('\n') });
  if (!f.agenda.some((i) => i.kind === 'directive') && pointsOf('directive').length) {
    items.push({ agendaItemId: null, title: 'Ý kiến chỉ đạo', text: pointsOf('directive').map((p) => `- ${pointText(p)}`).join('\n') });
  }
  if (!f.agenda.some((i) => i.kind === 'conclusion') && pointsOf('conclusion').length) {
    items.push({ agendaItemId: null, title: 'Kết luận hội nghị', text: pointsOf('conclusion').map((p) => `${p.number}. ${pointText(p)}`).join('\n') });
  }
  return {
    number: null,
    time: `bắt đầu lúc ${meetingTimeText(f.date, hhmm(c.started_at ?? c.starts_at))}.`,
    place: c.place ? sentence(c.place) : '',
    chair: f.chair ? sentence(personLine(f.chair)) : '',
    secretary: f.secretary ? sentence(personLine(f.secretary)) : '',
    attendance: attendanceLines(f),
    items,
    closing: c.ended_at ? `Hội nghị kết thúc lúc ${clockText(c.ended_at)} cùng ngày.` : 'Hội nghị kết thúc lúc ..... giờ ..... phút cùng ngày.',
  };
}

export type MinutesView = {
  revision: number;
  content: MinutesContent;
  /** True when this content was compiled from the notes (a recompile, or nothing saved yet). */
  compiled: boolean;
  /** True while nothing has been saved: the content shown is compiled fresh and not stored. */
  unsaved: boolean;
  editedBy: string | null;
  editedAt: Date | null;
};

type Stored = MinutesContent & { compiled?: boolean };
const contentOf = (stored: unknown): MinutesContent => {
  const { compiled: _c, ...content } = stored as Stored;
  return content;
};

/** The latest saved minutes, or (nothing saved yet) the minutes compiled now, revision 0, not stored. */
export async function readMinutes(db: Db, loaded: LoadedConference): Promise<MinutesView> {
  const latest = await minutesRepo.latest(db, loaded.conference.id);
  if (!latest) {
    return { revision: 0, content: compileMinutes(await conferenceFacts(db, loaded.conference)), compiled: true, unsaved: true, editedBy: null, editedAt: null };
  }
  return {
    revision: latest.revision, content: contentOf(latest.content), compiled: (latest.content as Stored).compiled === true, unsaved: false,
    editedBy: latest.edited_by_name, editedAt: latest.edited_at,
  };
}

type Who = Actor & { auditActor: AuditActor };

async function saveRevision(db: Db, who: Who, conferenceId: number, baseRevision: number, make: (tx: Db, loaded: LoadedConference) => Promise<MinutesContent>, compiled: boolean, now: Date): Promise<MinutesView> {
  return db.tx(async (tx) => {
    const loaded = await loadVisibleConference(tx, who, conferenceId);
    requireConference(who, 'minutes', loaded);
    const stale = async () => {
      const current = await readMinutes(tx, loaded);
      return conflict(MINUTES_CONFLICT, { revision: current.revision, content: current.content, editedBy: current.editedBy, editedAt: current.editedAt });
    };
    const latest = (await minutesRepo.latest(tx, conferenceId))?.revision ?? 0;
    if (baseRevision !== latest) throw await stale();
    const content = await make(tx, loaded);
    const saved = await minutesRepo.insert(tx, conferenceId, latest + 1, { ...content, compiled }, who.id, now);
    if (!saved) throw await stale();
    await audit(tx, who.auditActor, {
      action: compiled ? 'conference.minutes.compile' : 'conference.minutes.save', entityType: 'conference', entityId: conferenceId,
      after: { revision: saved.revision, items: content.items.length },
    });
    return readMinutes(tx, loaded);
  });
}

export const saveMinutes = (db: Db, who: Who, conferenceId: number, input: { baseRevision: number; content: MinutesContent }, now: Date) =>
  saveRevision(db, who, conferenceId, input.baseRevision, async () => input.content, false, now);

/** Compiles the minutes again from the notes, discussion and points, as a new revision (explicit, never on read). */
export const recompileMinutes = (db: Db, who: Who, conferenceId: number, baseRevision: number, now: Date) =>
  saveRevision(db, who, conferenceId, baseRevision, async (tx, loaded) => {
    const fresh = compileMinutes(await conferenceFacts(tx, loaded.conference));
    // The registry number is not something the notes know: it stays.
    const previous = await minutesRepo.latest(tx, conferenceId);
    return { ...fresh, number: previous ? contentOf(previous.content).number : null };
  }, true, now);

export const minutesRevisions = (db: Db, conferenceId: number) => minutesRepo.list(db, conferenceId);

export async function minutesRevision(db: Db, conferenceId: number, revision: number) {
  const row = await minutesRepo.byRevision(db, conferenceId, revision);
  return row ? { ...row, content: contentOf(row.content), compiled: (row.content as Stored).compiled === true } : null;
}
