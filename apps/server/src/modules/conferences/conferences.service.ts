/**
 * The conference itself: list, detail, the plan proposed from a period, create and edit, guests, and the
 * hold and close transitions. Invitations, agenda, presentations and the bundle have services of their own;
 * every route loads through loadVisibleConference and asks requireConference (conferences.access.ts).
 */
import {
  type Actor, CONFERENCE_STATUS_LABELS, CONFERENCE_TRANSITIONS, type ConferenceTransition, UNIT_ROLES, addDays, conferenceAbilities, conferencePeriodWording,
  conferenceTitle, foldDiacritics, formatDate, formatDateTime, isWorkingDay, nextConferenceStatus, normalizeText, parsePeriod, periodLabel, workingDaysAfter,
} from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { orgIdentity } from '../settings/settings.service.js';
import { isIsoDate, parseDeadline, vnDateOf } from '../rounds/rounds.service.js';
import { checkAgendaFitsDay, defaultAgenda, insertAgenda } from './agenda.service.js';
import { agendaRepo } from './agenda.repository.js';
import { type LoadedConference, loadVisibleConference, requireConference } from './conferences.access.js';
import { type ConferenceListFilter, type ConferenceRow, type GuestRow, conferencesRepo } from './conferences.repository.js';
import type { DetailParts } from './conferences.presenter.js';
import {
  DEFAULT_EXPECTED_NOTE, type InvitationInput, type ProposedInvitation, type SendContext, checkInvitedUnits, proposeInvitations, queueInvitations,
  mailInvitations, type MailOutcome, setInvitations,
} from './invitations.service.js';
import { invitationsRepo } from './invitations.repository.js';
import { presentationsRepo } from './presentations.repository.js';
import { tellAskedUnits } from './presentations.service.js';

export { CONFERENCE_NOT_FOUND, type LoadedConference, loadVisibleConference, requireConference } from './conferences.access.js';

/** Without an agenda a conference is taken to last half a day. */
export const DEFAULT_DURATION_MINUTES = 240;

const isUnitRole = (a: Actor) => UNIT_ROLES.includes(a.role);

/** The conferences the actor may see: a unit its invitations (not drafts), a viewer all but drafts, the department all. */
export async function listConferences(db: Db, actor: Actor, q: { period?: string; status?: ConferenceListFilter['status'] }) {
  const unit = isUnitRole(actor);
  return conferencesRepo.list(db, {
    period: q.period?.trim(),
    status: q.status,
    invitedUnitId: unit ? (actor.orgUnitId ?? -1) : null,
    hideDrafts: unit || actor.role === 'viewer',
  });
}

/** When the conference is expected to end: its start plus the agenda's minutes (half a day without an agenda). */
export async function endsAtOf(db: Db, c: { id: number; starts_at: Date }): Promise<Date> {
  const minutes = (await conferencesRepo.agendaMinutes(db, c.id)) || DEFAULT_DURATION_MINUTES;
  return new Date(c.starts_at.getTime() + minutes * 60_000);
}

/** Everything the conference page's general tab shows, with the actor's abilities. */
export async function conferenceDetail(db: Db, actor: Actor, loaded: LoadedConference): Promise<DetailParts> {
  const c = loaded.conference;
  const onDate = vnDateOf(c.starts_at);
  const personIds = [c.chair_person_id, c.secretary_person_id].filter((x): x is number => x !== null);
  const people = new Map((await conferencesRepo.peopleOn(db, personIds, onDate)).map((p) => [p.id, p]));
  const department = c.department_id === null ? null : await conferencesRepo.unit(db, c.department_id);
  const myUnit = isUnitRole(actor) && actor.orgUnitId !== null ? actor.orgUnitId : null;
  return {
    conference: c,
    endsAt: await endsAtOf(db, c),
    department: department ? { id: department.id, name: department.name } : null,
    chair: c.chair_person_id === null ? null : (people.get(c.chair_person_id) ?? null),
    secretary: c.secretary_person_id === null ? null : (people.get(c.secretary_person_id) ?? null),
    guests: await conferencesRepo.guests(db, c.id),
    counts: await conferencesRepo.counts(db, c.id),
    abilities: conferenceAbilities(actor, { ...loaded.subject, unitId: myUnit }),
    myInvitation: myUnit === null ? null : await conferencesRepo.invitationOf(db, c.id, myUnit),
    samePeriod: isUnitRole(actor) ? [] : await conferencesRepo.samePeriod(db, c.period, c.id),
  };
}

/** Loads and presents in one call, for routes that answer with the detail after a change. */
export async function detailById(db: Db, actor: Actor, id: number): Promise<DetailParts> {
  return conferenceDetail(db, actor, await loadVisibleConference(db, actor, id));
}

/** The issuing department on a date, as the documents name it (settings 'org.department' first). */
export async function departmentOn(db: Db, date: string): Promise<{ id: number; name: string } | null> {
  const dep = (await orgIdentity(db, date)).department;
  return dep.id === null ? null : { id: dep.id, name: dep.name };
}

// ─────────────────────────── plan ───────────────────────────

/** The period as a conference reviews it; 400 for a month or a bad id. */
export function conferencePeriod(period: string) {
  const id = period.trim();
  const p = parsePeriod(id);
  const w = conferencePeriodWording(id);
  if (!p || !w)
    throw badRequest(`Kỳ "${period}" không hợp lệ cho hội nghị: hội nghị sơ kết theo quý, 6 tháng, 9 tháng (ví dụ 2023Q1, 2023S1, 2023N1), tổng kết theo năm (2023).`);
  return { p, w };
}

/** A conference is held this many working days after its period ends (seeds: 06/04 for quarter I, 04/01 for the year). */
export const DAYS_AFTER_PERIOD = 3;
/** It starts at 08:00 unless the office says otherwise. */
export const DEFAULT_START_TIME = '08:00';
/** Units answer by 17:00 this many working days before the conference. */
export const RSVP_WORKING_DAYS_BEFORE = 2;

const at = (date: string, time: string) => new Date(`${date}T${time}:00+07:00`);

function workingDaysBefore(date: string, n: number, holidays: string[]): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}

/** A start typed by the office: a date and a time (Vietnam time unless an offset is given); 400 otherwise. */
export function parseStartsAt(input: string): Date {
  const s = input.trim();
  const d = isIsoDate(s) ? null : parseDeadline(s);
  if (!d) throw badRequest(`Thời gian khai mạc "${input}" không hợp lệ: hãy ghi ngày và giờ, ví dụ 2024-01-04T08:00.`);
  return d;
}

/** A reply deadline: a date (17:00 that day) or a date and time. */
export function parseRsvpDeadline(input: string): Date {
  const d = parseDeadline(input);
  if (!d) throw badRequest(`Hạn xác nhận tham dự "${input}" không hợp lệ (ví dụ 2024-01-02 hoặc 2024-01-02T17:00).`);
  return d;
}

const position = (s: string | null) => foldDiacritics(normalizeText(s ?? '')).toLowerCase().trim();
const isDirector = (p: string | null) => /^giam doc( so)?$/.test(position(p));
const isDeputy = (p: string | null) => /^pho giam doc( so)?$/.test(position(p));

/** The department's director and a deputy on a date, from the people directory (null when none is recorded). */
export async function directorate(db: Db, departmentId: number | null, onDate: string) {
  if (departmentId === null) return { director: null, deputy: null };
  const staff = await conferencesRepo.directorate(db, departmentId, onDate);
  return { director: staff.find((s) => isDirector(s.position)) ?? null, deputy: staff.find((s) => isDeputy(s.position)) ?? null };
}

export type ConferenceDraft = {
  period: string;
  periodLabel: string;
  kind: 'interim' | 'annual';
  title: string;
  startsAt: Date;
  place: string;
  rsvpDeadline: Date;
  department: { id: number; name: string } | null;
  chair: { id: number; full_name: string; position: string } | null;
  invitations: ProposedInvitation[];
  defaults: string[];
  warnings: string[];
};

const samePeriodWarning = (period: string, others: { title: string; starts_at: Date }[]) =>
  others.length === 0
    ? []
    : [
        `Kỳ ${periodLabel(period)} đã có ${others.length} hội nghị: ${others.map((o) => `"${o.title}" (${formatDate(o.starts_at)})`).join('; ')}. ` +
          'Vẫn có thể lập thêm nếu cần.',
      ];

/** What a new conference for the period would be: kind, title, a date, the chair, the units to invite. Nothing is saved. */
export async function draftConference(db: Db, period: string): Promise<ConferenceDraft> {
  const { p, w } = conferencePeriod(period);
  const holidays = await conferencesRepo.holidays(db);
  const date = workingDaysAfter(p.end, DAYS_AFTER_PERIOD, holidays);
  const department = await departmentOn(db, date);
  const { director } = await directorate(db, department?.id ?? null, date);
  const rsvp = workingDaysBefore(date, RSVP_WORKING_DAYS_BEFORE, holidays);
  const defaults = [
    `Ngày họp: ngày làm việc thứ ${DAYS_AFTER_PERIOD} sau khi kết thúc kỳ (${formatDate(date)}), khai mạc ${DEFAULT_START_TIME.replace(':', ' giờ ')}.`,
    `Hạn xác nhận tham dự: 17 giờ 00 ngày ${formatDate(rsvp)} (${RSVP_WORKING_DAYS_BEFORE} ngày làm việc trước hội nghị).`,
    director ? `Chủ trì: ${director.position} ${director.full_name}.` : 'Chưa có Giám đốc Sở trong danh bạ cán bộ vào ngày họp; hãy chọn người chủ trì.',
    'Đơn vị được mời: các đơn vị báo cáo trong kỳ, các doanh nghiệp bưu chính, viễn thông và cơ quan báo chí, còn hoạt động vào ngày họp.',
    DEFAULT_EXPECTED_NOTE,
  ];
  return {
    period: p.id, periodLabel: periodLabel(p), kind: w.kind, title: conferenceTitle(p.id)!, startsAt: at(date, DEFAULT_START_TIME),
    place: department ? `Hội trường ${department.name}` : '', rsvpDeadline: at(rsvp, '17:00'), department, chair: director,
    invitations: await proposeInvitations(db, p.id, date), defaults, warnings: samePeriodWarning(p.id, await conferencesRepo.samePeriod(db, p.id, null)),
  };
}

const cleanLine = (s: string | null | undefined) => (s == null ? '' : normalizeText(s).replace(/\s+/g, ' ').trim());
const cleanOptional = (s: string | null | undefined) => {
  const t = s == null ? '' : normalizeText(s).trim();
  return t === '' ? null : t;
};

async function checkPerson(db: Db, id: number | null | undefined, what: string, onDate: string): Promise<number | null> {
  if (id === null || id === undefined) return null;
  const [p] = await conferencesRepo.peopleOn(db, [id], onDate);
  if (!p) throw badRequest(`${what}: không có cán bộ mã ${id} trong danh bạ.`);
  return p.id;
}

function checkDeadline(rsvp: Date | null, startsAt: Date) {
  if (rsvp && rsvp.getTime() >= startsAt.getTime())
    throw badRequest(`Hạn xác nhận tham dự (${formatDateTime(rsvp)}) phải trước giờ khai mạc (${formatDateTime(startsAt)}).`);
}

export type CreateInput = {
  period: string;
  title?: string;
  startsAt?: string;
  place?: string;
  chairPersonId?: number | null;
  secretaryPersonId?: number | null;
  theme?: string | null;
  rsvpDeadline?: string | null;
  invitations?: InvitationInput[];
  defaultAgenda?: boolean;
};

/**
 * Creates a conference in draft from a period, filling what is not given from the draft (title, date, chair, the
 * invited units) and, unless asked not to, the usual agenda. Another conference for the same period is allowed; the
 * answer carries a warning naming it.
 */
export async function createConference(db: Db, actor: Actor, by: AuditActor, input: CreateInput, now: Date): Promise<{ id: number; warnings: string[] }> {
  const { p } = conferencePeriod(input.period);
  const draft = await draftConference(db, p.id);
  const startsAt = input.startsAt ? parseStartsAt(input.startsAt) : draft.startsAt;
  const onDate = vnDateOf(startsAt);
  const department = input.startsAt ? await departmentOn(db, onDate) : draft.department;
  const team = await directorate(db, department?.id ?? null, onDate);
  const chairPersonId = input.chairPersonId !== undefined ? await checkPerson(db, input.chairPersonId, 'Người chủ trì', onDate) : (team.director?.id ?? null);
  const secretaryPersonId = await checkPerson(db, input.secretaryPersonId, 'Thư ký', onDate);
  const holidays = await conferencesRepo.holidays(db);
  const rsvpDeadline =
    input.rsvpDeadline === null ? null
    : input.rsvpDeadline !== undefined ? parseRsvpDeadline(input.rsvpDeadline)
    : at(workingDaysBefore(onDate, RSVP_WORKING_DAYS_BEFORE, holidays), '17:00');
  checkDeadline(rsvpDeadline, startsAt);
  const title = cleanLine(input.title) || draft.title;
  const place = input.place !== undefined ? cleanLine(input.place) : department ? `Hội trường ${department.name}` : '';
  const invitations =
    input.invitations ??
    (input.startsAt ? await proposeInvitations(db, p.id, onDate) : draft.invitations).map((i) => ({ unitId: i.unit.id, expectedDelegates: i.expectedDelegates }));
  const agenda = input.defaultAgenda === false ? [] : defaultAgenda(p.id, chairPersonId, team.deputy?.id ?? null);
  checkAgendaFitsDay(startsAt, agenda.map((a) => ({ title: a.title, duration_minutes: a.durationMinutes })));
  const others = await conferencesRepo.samePeriod(db, p.id, null);
  const id = await db.tx(async (t) => {
    const row = await conferencesRepo.insert(
      t,
      {
        period: p.id, kind: conferencePeriodWording(p.id)!.kind, title, startsAt, place, departmentId: department?.id ?? null, chairPersonId,
        secretaryPersonId, theme: cleanOptional(input.theme), rsvpDeadline,
      },
      actor.id, now,
    );
    const conference = (await conferencesRepo.byId(t, row.id))!;
    await audit(t, by, {
      action: 'conference.create', entityType: 'conference', entityId: row.id,
      after: { period: p.id, title, startsAt: startsAt.toISOString(), place, departmentId: department?.id ?? null, chairPersonId, secretaryPersonId },
    });
    if (invitations.length) await setInvitations(t, by, { conference, subject: { status: 'draft', invitedUnitIds: [] } }, invitations, 'replace');
    await insertAgenda(t, row.id, agenda);
    return row.id;
  });
  return { id, warnings: samePeriodWarning(p.id, others) };
}

export type PatchInput = {
  title?: string;
  startsAt?: string;
  place?: string;
  chairPersonId?: number | null;
  secretaryPersonId?: number | null;
  theme?: string | null;
  rsvpDeadline?: string | null;
};

/**
 * Edits the plan (office, draft or invited). A new time or place after the invitations went out raises the
 * calendar sequence and sends every invited unit an update (same UID, higher SEQUENCE): in the app in the same
 * transaction, by e-mail after it.
 */
export async function updateConference(
  db: Db, actor: Actor, by: AuditActor, id: number, input: PatchInput, now: Date, ctx: SendContext,
): Promise<{ mail: MailOutcome[]; update: boolean }> {
  const pre = await loadVisibleConference(db, actor, id);
  requireConference(actor, 'plan', pre);
  const queued = await db.tx(async (t) => {
    const loaded = await loadVisibleConference(t, actor, id, true);
    requireConference(actor, 'plan', loaded);
    const c = loaded.conference;
    const startsAt = input.startsAt !== undefined ? parseStartsAt(input.startsAt) : c.starts_at;
    const onDate = vnDateOf(startsAt);
    const dateChanged = onDate !== vnDateOf(c.starts_at);
    const place = input.place !== undefined ? cleanLine(input.place) : c.place;
    const rsvpDeadline = input.rsvpDeadline === undefined ? c.rsvp_deadline : input.rsvpDeadline === null ? null : parseRsvpDeadline(input.rsvpDeadline);
    checkDeadline(rsvpDeadline, startsAt);
    const next = {
      title: input.title !== undefined ? cleanLine(input.title) || c.title : c.title,
      startsAt,
      place,
      departmentId: dateChanged ? ((await departmentOn(t, onDate))?.id ?? null) : c.department_id,
      chairPersonId: input.chairPersonId !== undefined ? await checkPerson(t, input.chairPersonId, 'Người chủ trì', onDate) : c.chair_person_id,
      secretaryPersonId: input.secretaryPersonId !== undefined ? await checkPerson(t, input.secretaryPersonId, 'Thư ký', onDate) : c.secretary_person_id,
      theme: input.theme !== undefined ? cleanOptional(input.theme) : c.theme,
      rsvpDeadline,
    };
    if (startsAt.getTime() !== c.starts_at.getTime()) {
      checkAgendaFitsDay(startsAt, await agendaRepo.list(t, c.id));
      const late = (await presentationsRepo.list(t, c.id)).find((p) => p.due_at.getTime() > startsAt.getTime());
      if (late)
        throw badRequest(
          `Hạn nộp tham luận của ${late.unit_name} (${formatDateTime(late.due_at)}) sẽ sau giờ khai mạc mới (${formatDateTime(startsAt)}); hãy sửa hạn nộp trước.`,
        );
    }
    if (dateChanged) {
      const current = await invitationsRepo.list(t, c.id);
      await checkInvitedUnits(t, { starts_at: startsAt }, current.map((i) => ({ unitId: i.org_unit_id, expectedDelegates: i.expected_delegates })));
    }
    const moved = startsAt.getTime() !== c.starts_at.getTime() || place !== c.place;
    const update = moved && c.status === 'invited';
    const icsSequence = update ? c.ics_sequence + 1 : c.ics_sequence;
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const diff = (k: string, a: unknown, b: unknown) => {
      const av = a instanceof Date ? a.toISOString() : a;
      const bv = b instanceof Date ? b.toISOString() : b;
      if (av !== bv) {
        before[k] = av;
        after[k] = bv;
      }
    };
    diff('title', c.title, next.title);
    diff('startsAt', c.starts_at, next.startsAt);
    diff('place', c.place, next.place);
    diff('departmentId', c.department_id, next.departmentId);
    diff('chairPersonId', c.chair_person_id, next.chairPersonId);
    diff('secretaryPersonId', c.secretary_person_id, next.secretaryPersonId);
    diff('theme', c.theme, next.theme);
    diff('rsvpDeadline', c.rsvp_deadline, next.rsvpDeadline);
    if (Object.keys(after).length === 0) return null;
    if (update) after.icsSequence = icsSequence;
    await conferencesRepo.update(t, c.id, { ...next, icsSequence }, now);
    await audit(t, by, { action: 'conference.update', entityType: 'conference', entityId: c.id, before, after });
    if (!update) return null;
    return queueInvitations(t, (await conferencesRepo.byId(t, c.id))!, now);
  });
  if (!queued) return { mail: [], update: false };
  return { mail: await mailInvitations(db, ctx, id, queued, now), update: true };
}

// ─────────────────────────── guests ───────────────────────────

export type GuestInput = { fullName?: string; position?: string; body?: string; givesDirective?: boolean; sort?: number };

const guestSnapshot = (g: GuestRow) => ({ fullName: g.full_name, position: g.position, body: g.body, givesDirective: g.gives_directive, sort: g.sort });

/** A guest who gives the directive speech is named on the agenda's directive item if it has no presenter yet. */
async function nameDirective(t: Db, conferenceId: number, g: GuestRow) {
  if (g.gives_directive) await agendaRepo.setPresenterNameWhereEmpty(t, conferenceId, 'directive', [g.position, g.full_name].filter(Boolean).join(' '));
}

export async function addGuest(db: Db, actor: Actor, by: AuditActor, id: number, input: GuestInput): Promise<GuestRow> {
  return db.tx(async (t) => {
    const loaded = await loadVisibleConference(t, actor, id, true);
    requireConference(actor, 'plan', loaded);
    const fullName = cleanLine(input.fullName);
    if (!fullName) throw badRequest('Họ và tên khách mời không được để trống.');
    const g = await conferencesRepo.insertGuest(t, id, {
      fullName, position: cleanLine(input.position), body: cleanLine(input.body), givesDirective: input.givesDirective ?? false,
      sort: input.sort ?? (await conferencesRepo.nextGuestSort(t, id)),
    });
    await nameDirective(t, id, g);
    await audit(t, by, { action: 'conference.guest.add', entityType: 'conference', entityId: id, after: { guestId: g.id, ...guestSnapshot(g) } });
    return g;
  });
}

export async function updateGuest(db: Db, actor: Actor, by: AuditActor, id: number, guestId: number, input: GuestInput): Promise<GuestRow> {
  return db.tx(async (t) => {
    const loaded = await loadVisibleConference(t, actor, id, true);
    requireConference(actor, 'plan', loaded);
    const cur = await conferencesRepo.guest(t, id, guestId);
    if (!cur) throw notFound('Không tìm thấy khách mời.');
    const fullName = input.fullName !== undefined ? cleanLine(input.fullName) : cur.full_name;
    if (!fullName) throw badRequest('Họ và tên khách mời không được để trống.');
    const g = await conferencesRepo.updateGuest(t, guestId, {
      fullName, position: input.position !== undefined ? cleanLine(input.position) : cur.position, body: input.body !== undefined ? cleanLine(input.body) : cur.body,
      givesDirective: input.givesDirective ?? cur.gives_directive, sort: input.sort ?? cur.sort,
    });
    await nameDirective(t, id, g);
    await audit(t, by, { action: 'conference.guest.update', entityType: 'conference', entityId: id, before: { guestId, ...guestSnapshot(cur) }, after: guestSnapshot(g) });
    return g;
  });
}

export async function removeGuest(db: Db, actor: Actor, by: AuditActor, id: number, guestId: number): Promise<void> {
  await db.tx(async (t) => {
    const loaded = await loadVisibleConference(t, actor, id, true);
    requireConference(actor, 'plan', loaded);
    const cur = await conferencesRepo.guest(t, id, guestId);
    if (!cur) throw notFound('Không tìm thấy khách mời.');
    await conferencesRepo.deleteGuest(t, guestId);
    await audit(t, by, { action: 'conference.guest.remove', entityType: 'conference', entityId: id, before: { guestId, ...guestSnapshot(cur) } });
  });
}

// ─────────────────────────── lifecycle ───────────────────────────

/**
 * Moves a locked conference along one edge of CONFERENCE_TRANSITIONS, audited with the edge's action, in the
 * caller's transaction. 409 when the table has no such edge from the current status.
 */
export async function applyTransition(t: Db, by: AuditActor, c: ConferenceRow, name: ConferenceTransition, now: Date): Promise<void> {
  const to = nextConferenceStatus(c.status, name);
  if (!to) {
    const from = CONFERENCE_TRANSITIONS[name].from.map((s) => `"${CONFERENCE_STATUS_LABELS[s].vi}"`).join(', ');
    throw conflict(`Hội nghị đang ở trạng thái "${CONFERENCE_STATUS_LABELS[c.status].vi}"; chỉ chuyển được khi ở trạng thái ${from}.`);
  }
  if (name === 'invite') throw new Error('invite goes through inviteConference');
  await conferencesRepo.setStatus(t, c.id, to, now);
  await audit(t, by, { action: CONFERENCE_TRANSITIONS[name].audit, entityType: 'conference', entityId: c.id, before: { status: c.status }, after: { status: to } });
}

/** draft → invited: stamps the Giấy mời number if given, notifies every invited unit, then e-mails them. */
export async function inviteConference(
  db: Db, actor: Actor, by: AuditActor, id: number, input: { invitationNumber?: string | null }, now: Date, ctx: SendContext,
): Promise<MailOutcome[]> {
  const queued = await db.tx(async (t) => {
    const loaded = await loadVisibleConference(t, actor, id, true);
    requireConference(actor, 'invite', loaded);
    const c = loaded.conference;
    if (!nextConferenceStatus(c.status, 'invite'))
      throw conflict('Giấy mời đã được gửi. Đơn vị mới thêm vào danh sách được gửi ngay; muốn nhắc đơn vị chưa trả lời, hãy dùng "Nhắc đơn vị".');
    if (loaded.subject.invitedUnitIds.length === 0) throw badRequest('Chưa có đơn vị nào trong danh sách mời.');
    if (c.starts_at.getTime() <= now.getTime()) throw badRequest(`Giờ khai mạc (${formatDateTime(c.starts_at)}) đã qua; hãy sửa thời gian trước khi gửi giấy mời.`);
    const number = cleanOptional(input.invitationNumber);
    await conferencesRepo.markInvited(t, c.id, number, now);
    await audit(t, by, {
      action: CONFERENCE_TRANSITIONS.invite.audit, entityType: 'conference', entityId: c.id,
      before: { status: c.status }, after: { status: 'invited', invitationNumber: number ?? c.invitation_number, units: loaded.subject.invitedUnitIds.length },
    });
    const queued = await queueInvitations(t, (await conferencesRepo.byId(t, c.id))!, now);
    await tellAskedUnits(t, c.id);
    return queued;
  });
  return mailInvitations(db, ctx, id, queued, now);
}

/** invited → held (the live view calls it on "start"); held → … is G2's; concluded → closed. */
export async function transitionConference(db: Db, actor: Actor, by: AuditActor, id: number, name: 'hold' | 'close', now: Date): Promise<ConferenceRow> {
  return db.tx(async (t) => {
    const loaded = await loadVisibleConference(t, actor, id, true);
    requireConference(actor, name === 'hold' ? 'record' : 'close', loaded);
    await applyTransition(t, by, loaded.conference, name, now);
    return (await conferencesRepo.byId(t, id))!;
  });
}
