/**
 * The emulation council (Hội đồng thi đua – khen thưởng) and its meetings.
 *
 * - A council has members (people) over time; a member who is linked to a user account votes in Nhịp.
 * - A meeting considers accepted nominations of titles that need a secret ballot (the version in force on the
 *   meeting day has a vote threshold). planned ─open→ held ─close→ closed.
 * - Opening fixes the denominator: ALL members of the council that day, present or not. Each nomination's tally is
 *   typed from the paper count by the office, or cast in Nhịp by the members one ballot each (who voted is kept,
 *   how is not). A count above the number of members is refused.
 * - Closing checks the quorum (the strictest quorum row among the titles considered, members present), passes or
 *   fails each nomination by its threshold (votes for × den ≥ num × all members), numbers the Biên bản in the
 *   council's own series and tells the proposing units. Every step is audited.
 */
import {
  type Actor, canMeeting, type MeetingAction, meetingAbilities, MEETING_STATUS_LABELS, NOMINATION_STATUS_LABELS, NOMINATION_TRANSITIONS, canDo,
} from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { positionWithUnit } from '../conferences/documents.data.js';
import type { DecreeDocument } from '../documents/kit/model.js';
import { notify } from '../notifications/notifications.service.js';
import { vnDateOf } from '../rounds/rounds.service.js';
import { awardsRepo } from './awards.repository.js';
import { loadCatalog } from './catalog.service.js';
import {
  type AttendanceRow, type BallotRow, type CouncilMemberRow, type CouncilRole, councilRepo, type MeetingRow, type MemberWrite,
} from './council.repository.js';
import { councilMinutesDocument } from './council.content.js';
import { councilIssuer, issuerOn } from './decision.issuer.js';
import { decisionRepo, type SubjectOnDate } from './decision.repository.js';
import { fractionText, quorumMet, strictest, votePasses, votesNeeded } from './decision.rules.js';
import { versionOn } from './rules/engine.js';
import type { AwardVersion, Catalog } from './rules/types.js';

const NOT_FOUND = 'Không tìm thấy cuộc họp Hội đồng thi đua – khen thưởng.';
const COUNCIL_NOT_FOUND = 'Không tìm thấy Hội đồng thi đua – khen thưởng.';
export const ROLE_LABELS: Record<CouncilRole, string> = { chair: 'Chủ tịch Hội đồng', vice_chair: 'Phó Chủ tịch Hội đồng', member: 'Ủy viên', secretary: 'Ủy viên, Thư ký' };

const clean = (s: string | null | undefined, max: number, what: string): string | null => {
  const t = (s ?? '').normalize('NFC').trim();
  if (t.length > max) throw badRequest(`${what} dài quá ${max} ký tự.`);
  return t || null;
};

function requireOffice(actor: Actor): void {
  if (!canDo(actor, 'awards.manage')) throw forbidden('Chỉ Văn phòng Sở quản lý Hội đồng thi đua – khen thưởng.');
}

// ───────────── councils ─────────────

export type CouncilInput = {
  name: string; unit?: string | null; decisionNumber?: string | null; validFrom: string; validTo?: string | null;
  members: { person: number; role?: CouncilRole; validFrom?: string | null; validTo?: string | null }[];
};

async function councilWrite(db: Db, input: CouncilInput, today: string) {
  const name = clean(input.name, 300, 'Tên hội đồng');
  if (!name) throw badRequest('Hãy ghi tên hội đồng.');
  if (input.validTo && input.validTo < input.validFrom) throw badRequest('Ngày hết hiệu lực phải sau ngày thành lập hội đồng.');
  let unitId: number;
  if (input.unit) {
    const u = await awardsRepo.unitByCode(db, input.unit.trim());
    if (!u) throw badRequest(`Không có đơn vị mã "${input.unit.trim()}".`);
    unitId = u.id;
  } else {
    const { orgIdentity } = await import('../settings/settings.service.js');
    const id = (await orgIdentity(db, input.validFrom > today ? input.validFrom : today)).department.id;
    if (id === null) throw badRequest('Chưa xác định được Sở; hãy ghi unit (mã đơn vị của Sở).');
    unitId = id;
  }
  if (input.members.length > 60) throw badRequest('Hội đồng có tối đa 60 thành viên.');
  const ids = input.members.map((m) => m.person);
  const exist = await councilRepo.peopleExist(db, ids);
  const missing = ids.filter((id) => !exist.has(id));
  if (missing.length) throw badRequest(`Không có cán bộ mã ${[...new Set(missing)].join(', ')}.`);
  const members: MemberWrite[] = input.members.map((m) => ({
    personId: m.person, role: m.role ?? 'member', validFrom: m.validFrom ?? input.validFrom, validTo: m.validTo ?? input.validTo ?? null,
  }));
  for (const m of members) if (m.validTo && m.validTo < m.validFrom) throw badRequest(`Thời gian của thành viên mã ${m.personId} không hợp lệ.`);
  const seen = new Set<number>();
  for (const m of members) {
    if (seen.has(m.personId)) throw badRequest(`Cán bộ mã ${m.personId} được ghi hai lần trong danh sách thành viên.`);
    seen.add(m.personId);
  }
  if (members.filter((m) => m.role === 'chair').length > 1) throw badRequest('Hội đồng chỉ có một Chủ tịch.');
  return { council: { name, unitId, decisionNumber: clean(input.decisionNumber, 100, 'Số quyết định thành lập'), validFrom: input.validFrom, validTo: input.validTo ?? null }, members };
}

export async function createCouncil(db: Db, actor: Actor, by: AuditActor, input: CouncilInput, today: string): Promise<number> {
  requireOffice(actor);
  const w = await councilWrite(db, input, today);
  return db.tx(async (t) => {
    const id = await councilRepo.insertCouncil(t, w.council);
    await councilRepo.replaceMembers(t, id, w.members);
    await audit(t, by, { action: 'award_council.create', entityType: 'award_council', entityId: id, orgUnitId: w.council.unitId, after: w });
    return id;
  });
}

export async function updateCouncil(db: Db, actor: Actor, by: AuditActor, id: number, input: CouncilInput, today: string): Promise<void> {
  requireOffice(actor);
  const w = await councilWrite(db, input, today);
  await db.tx(async (t) => {
    if (!(await councilRepo.lockCouncil(t, id))) throw notFound(COUNCIL_NOT_FOUND);
    const [before] = await councilRepo.councils(t, [id]);
    if ((await councilRepo.meetings(t, { councilIds: [id] })).some((m) => m.status === 'held'))
      throw conflict('Hội đồng đang họp, bỏ phiếu; sửa thành viên sau khi cuộc họp kết thúc.');
    const membersBefore = await councilRepo.members(t, [id], { on: null, positionsOn: today });
    await councilRepo.updateCouncil(t, id, w.council);
    await councilRepo.replaceMembers(t, id, w.members);
    await audit(t, by, {
      action: 'award_council.update', entityType: 'award_council', entityId: id, orgUnitId: w.council.unitId,
      before: { ...before, members: membersBefore.map((m) => ({ personId: m.personId, role: m.role, validFrom: m.validFrom, validTo: m.validTo })) }, after: w,
    });
  });
}

export async function listCouncils(db: Db, actor: Actor, today: string) {
  const mine = await councilRepo.memberCouncilsOfUser(db, actor.id, today);
  const wide = canDo(actor, 'awards.manage') || actor.role === 'director';
  const councils = (await councilRepo.councils(db, null)).filter((c) => wide || (mine?.councilIds ?? []).includes(c.id));
  const members = await councilRepo.members(db, councils.map((c) => c.id), { on: null, positionsOn: today });
  return councils.map((c) => ({ ...c, members: members.filter((m) => m.councilId === c.id) }));
}

export async function councilDetail(db: Db, actor: Actor, id: number, today: string) {
  const list = await listCouncils(db, actor, today);
  const c = list.find((x) => x.id === id);
  if (!c) throw notFound(COUNCIL_NOT_FOUND);
  return c;
}

// ───────────── meetings ─────────────

/** The meeting's day in Vietnam. */
export const meetingDate = (m: Pick<MeetingRow, 'heldAt'>) => vnDateOf(new Date(m.heldAt));

async function isMemberOf(db: Db, actor: Actor, councilId: number, date: string): Promise<number | null> {
  const mine = await councilRepo.memberCouncilsOfUser(db, actor.id, date);
  return mine && mine.councilIds.includes(councilId) ? mine.personId : null;
}

/** Loads a meeting the actor may see (404 otherwise) and checks the action (409 for a state without it, 403 for a role). */
async function loadMeeting(db: Db, actor: Actor, id: number, action: MeetingAction, o: { lock?: boolean; version?: number } = {}) {
  const m = await councilRepo.meeting(db, id, o.lock ?? false);
  if (!m) throw notFound(NOT_FOUND);
  const memberPersonId = await isMemberOf(db, actor, m.councilId, meetingDate(m));
  const s = { status: m.status, councilMember: memberPersonId !== null };
  if (!canMeeting(actor, 'view', s)) throw notFound(NOT_FOUND);
  if (o.version !== undefined && o.version !== m.version)
    throw conflict(`Cuộc họp vừa được người khác cập nhật (phiên bản ${m.version}); hãy tải lại. Nội dung bạn nhập vẫn còn trên màn hình.`, { currentVersion: m.version });
  if (!canMeeting(actor, action, s)) {
    const office = canDo(actor, 'awards.manage');
    if ((office && action !== 'vote') || (action === 'vote' && s.councilMember))
      throw conflict(`Cuộc họp đang ở trạng thái "${MEETING_STATUS_LABELS[m.status].vi}", không thể thực hiện thao tác này.`);
    throw forbidden(action === 'vote' ? 'Chỉ thành viên Hội đồng thi đua – khen thưởng được bỏ phiếu.' : undefined);
  }
  return { meeting: m, memberPersonId };
}

/** The version of a nomination's title in force on the meeting day, with its vote threshold, or a 400 saying why not. */
function votingVersion(catalog: Catalog, code: string, date: string): AwardVersion {
  const type = catalog.types.find((t) => t.code === code);
  const v = type ? versionOn(type, date) : null;
  if (!type || !v) throw badRequest(`Không có quy định về "${type?.name ?? code}" có hiệu lực vào ngày họp.`);
  if (!v.vote) throw badRequest(`"${v.name}" không phải bỏ phiếu kín; Văn phòng thông qua trực tiếp đề nghị này (approve).`);
  return v;
}

/** Checks the nominations a meeting is to consider and returns them in the order given. */
async function checkAgenda(t: Db, catalog: Catalog, ids: number[], meetingId: number, date: string) {
  const unique = [...new Set(ids)];
  if (unique.length > 500) throw badRequest('Một cuộc họp xét tối đa 500 đề nghị.');
  for (const id of unique) {
    const n = await awardsRepo.nomination(t, id);
    if (!n) throw badRequest(`Không có đề nghị khen thưởng số ${id}.`);
    if (n.status !== 'accepted')
      throw conflict(`Đề nghị số ${id} đang ở trạng thái "${NOMINATION_STATUS_LABELS[n.status].vi}"; Hội đồng chỉ xét đề nghị đã được tiếp nhận.`);
    votingVersion(catalog, n.awardCode, date);
    const other = await councilRepo.openBallotOf(t, id, meetingId);
    if (other) throw conflict(`Đề nghị số ${id} đã có trong cuộc họp số ${other.meetingId} chưa kết thúc.`);
  }
  return unique;
}

export type MeetingInput = {
  council: number; year: number; heldAt: string; place?: string | null; chair?: number | null; secretary?: number | null; notes?: string | null;
  nominations?: number[];
};

function parseInstant(s: string, what: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  const d = m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${m[5] ?? '+07:00'}`) : null;
  if (!d || Number.isNaN(d.getTime())) throw badRequest(`${what} "${s.slice(0, 40)}" không hợp lệ (dạng YYYY-MM-DDTHH:mm, giờ Việt Nam).`);
  return d;
}

function roleHolder(members: CouncilMemberRow[], role: CouncilRole): number | null {
  return members.find((m) => m.role === role)?.personId ?? null;
}

export async function createMeeting(db: Db, actor: Actor, by: AuditActor, input: MeetingInput, today: string): Promise<number> {
  requireOffice(actor);
  const heldAt = parseInstant(input.heldAt, 'Thời gian họp');
  const date = vnDateOf(heldAt);
  const [council] = await councilRepo.councils(db, [input.council]);
  if (!council) throw badRequest(`Không có Hội đồng thi đua – khen thưởng số ${input.council}.`);
  if (date < council.validFrom || (council.validTo !== null && date > council.validTo))
    throw badRequest(`Ngày họp ${date.split('-').reverse().join('/')} ngoài thời gian hoạt động của ${council.name}.`);
  const members = await councilRepo.members(db, [council.id], { on: date, positionsOn: date });
  const chair = input.chair ?? roleHolder(members, 'chair');
  const secretary = input.secretary ?? roleHolder(members, 'secretary');
  for (const [p, what] of [[chair, 'Chủ trì'], [secretary, 'Thư ký']] as const)
    if (p !== null && !(await councilRepo.peopleExist(db, [p])).has(p)) throw badRequest(`${what}: không có cán bộ mã ${p}.`);
  const catalog = await loadCatalog(db);
  return db.tx(async (t) => {
    const id = await councilRepo.insertMeeting(t, {
      councilId: council.id, year: input.year, heldAt, place: clean(input.place, 500, 'Địa điểm'), chairPersonId: chair, secretaryPersonId: secretary,
      notes: clean(input.notes, 20_000, 'Ghi chú'),
    });
    const agenda = await checkAgenda(t, catalog, input.nominations ?? [], id, date);
    for (const [i, n] of agenda.entries()) await councilRepo.insertBallot(t, id, n, Math.max(1, members.length), i + 1);
    await audit(t, by, { action: 'award_meeting.create', entityType: 'award_meeting', entityId: id, orgUnitId: council.unit.id, after: { ...input, nominations: agenda } });
    return id;
  });
}

export type MeetingPatch = {
  version: number; heldAt?: string; place?: string | null; chair?: number | null; secretary?: number | null; notes?: string | null; endedAt?: string | null;
  attendance?: { person: number; present: boolean; writtenOpinion?: boolean }[]; nominations?: number[];
};

export async function updateMeeting(db: Db, actor: Actor, by: AuditActor, id: number, patch: MeetingPatch): Promise<void> {
  const catalog = await loadCatalog(db);
  await db.tx(async (t) => {
    const { meeting: m } = await loadMeeting(t, actor, id, 'edit', { lock: true, version: patch.version });
    const heldAt = patch.heldAt !== undefined ? parseInstant(patch.heldAt, 'Thời gian họp') : new Date(m.heldAt);
    if (patch.heldAt !== undefined && m.status !== 'planned') throw conflict('Cuộc họp đã bắt đầu; không đổi được thời gian họp.');
    const date = vnDateOf(heldAt);
    const members = await councilRepo.members(t, [m.councilId], { on: date, positionsOn: date });
    const endedAt = patch.endedAt === undefined ? (m.endedAt ? new Date(m.endedAt) : null) : patch.endedAt === null ? null : parseInstant(patch.endedAt, 'Giờ kết thúc');
    if (endedAt && endedAt.getTime() < heldAt.getTime()) throw badRequest('Giờ kết thúc phải sau giờ bắt đầu cuộc họp.');
    const w = {
      heldAt, place: patch.place !== undefined ? clean(patch.place, 500, 'Địa điểm') : m.place,
      chairPersonId: patch.chair !== undefined ? patch.chair : m.chairPersonId, secretaryPersonId: patch.secretary !== undefined ? patch.secretary : m.secretaryPersonId,
      notes: patch.notes !== undefined ? clean(patch.notes, 20_000, 'Ghi chú') : m.notes, endedAt,
    };
    for (const [p, what] of [[w.chairPersonId, 'Chủ trì'], [w.secretaryPersonId, 'Thư ký']] as const)
      if (p !== null && !(await councilRepo.peopleExist(t, [p])).has(p)) throw badRequest(`${what}: không có cán bộ mã ${p}.`);
    await councilRepo.updateMeeting(t, id, w);
    let attendance: AttendanceRow[] | undefined;
    if (patch.attendance) {
      const ids = new Set(members.map((x) => x.personId));
      const seen = new Set<number>();
      attendance = [];
      for (const a of patch.attendance) {
        if (!ids.has(a.person)) throw badRequest(`Cán bộ mã ${a.person} không phải thành viên ${m.councilName} vào ngày họp.`);
        if (seen.has(a.person)) throw badRequest(`Thành viên mã ${a.person} được ghi hai lần.`);
        seen.add(a.person);
        if (a.present && a.writtenOpinion) throw badRequest(`Thành viên mã ${a.person} có mặt thì không ghi ý kiến bằng văn bản.`);
        attendance.push({ personId: a.person, present: a.present, writtenOpinion: a.writtenOpinion ?? false });
      }
      await councilRepo.replaceAttendance(t, id, attendance);
      await councilRepo.setMeetingStatus(t, id, { status: m.status, present: attendance.filter((a) => a.present).length });
    }
    let agenda: number[] | undefined;
    if (patch.nominations) {
      if (m.status !== 'planned') throw conflict('Cuộc họp đã bắt đầu; danh sách đề nghị được xét không thay đổi được nữa.');
      agenda = await checkAgenda(t, catalog, patch.nominations, id, date);
      const current = (await councilRepo.ballots(t, [id])).map((b) => b.nominationId);
      for (const n of current) if (!agenda.includes(n)) await councilRepo.deleteBallot(t, id, n);
      for (const [i, n] of agenda.entries()) {
        await councilRepo.insertBallot(t, id, n, Math.max(1, members.length), i + 1);
        await councilRepo.setBallotSort(t, id, n, i + 1);
      }
    }
    await audit(t, by, {
      action: 'award_meeting.update', entityType: 'award_meeting', entityId: id,
      before: { heldAt: m.heldAt, place: m.place, chair: m.chairPersonId, secretary: m.secretaryPersonId, endedAt: m.endedAt },
      after: { heldAt: heldAt.toISOString(), place: w.place, chair: w.chairPersonId, secretary: w.secretaryPersonId, endedAt: endedAt?.toISOString() ?? null, attendance, nominations: agenda },
    });
  });
}

/** Opens the session: the denominator of every vote becomes ALL the council's members that day. */
export async function openMeeting(db: Db, actor: Actor, by: AuditActor, id: number, version: number): Promise<void> {
  await db.tx(async (t) => {
    const { meeting: m } = await loadMeeting(t, actor, id, 'open', { lock: true, version });
    const date = meetingDate(m);
    const members = await councilRepo.members(t, [m.councilId], { on: date, positionsOn: date });
    if (!members.length) throw conflict(`${m.councilName} chưa có thành viên vào ngày họp; hãy cập nhật danh sách thành viên.`);
    const ballots = await councilRepo.ballots(t, [id]);
    if (!ballots.length) throw conflict('Cuộc họp chưa có đề nghị nào để bỏ phiếu.');
    const gone = ballots.filter((b) => b.nomination.status !== 'accepted');
    if (gone.length) throw conflict(`Đề nghị số ${gone.map((b) => b.nominationId).join(', ')} không còn ở trạng thái chờ xét; hãy bỏ khỏi cuộc họp.`);
    await councilRepo.setMeetingStatus(t, id, { status: 'held', membersTotal: members.length });
    await councilRepo.setBallotsMembers(t, id, members.length);
    await audit(t, by, { action: 'award_meeting.open', entityType: 'award_meeting', entityId: id, before: { status: m.status }, after: { status: 'held', membersTotal: members.length } });
  });
}

export type TallyInput = { ballotsCast: number; votesFor: number; votesAgainst: number };

/** The paper count of one nomination's secret ballot, typed by the office. */
export async function recordTally(db: Db, actor: Actor, by: AuditActor, meetingId: number, nominationId: number, input: TallyInput): Promise<void> {
  await db.tx(async (t) => {
    const { meeting: m } = await loadMeeting(t, actor, meetingId, 'tally', { lock: true });
    const ballot = await councilRepo.lockBallot(t, meetingId, nominationId);
    if (!ballot) throw notFound(`Đề nghị số ${nominationId} không có trong cuộc họp này.`);
    if (ballot.casts > 0) throw conflict(`Đã có ${ballot.casts} thành viên bỏ phiếu trong Nhịp cho đề nghị này; kết quả được đếm tự động, không nhập tay.`);
    const members = m.membersTotal ?? 0;
    const { ballotsCast, votesFor, votesAgainst } = input;
    if (votesFor > members) throw badRequest(`Số phiếu đồng ý (${votesFor}) lớn hơn tổng số thành viên Hội đồng (${members}).`);
    if (votesAgainst > members) throw badRequest(`Số phiếu không đồng ý (${votesAgainst}) lớn hơn tổng số thành viên Hội đồng (${members}).`);
    if (ballotsCast > members) throw badRequest(`Số phiếu thu về (${ballotsCast}) lớn hơn tổng số thành viên Hội đồng (${members}).`);
    if (votesFor + votesAgainst > ballotsCast)
      throw badRequest(`Số phiếu đồng ý và không đồng ý (${votesFor + votesAgainst}) nhiều hơn số phiếu thu về (${ballotsCast}).`);
    const attendance = await councilRepo.attendance(t, meetingId);
    if (attendance.length) {
      const voters = attendance.filter((a) => a.present || a.writtenOpinion).length;
      if (ballotsCast > voters)
        throw badRequest(`Số phiếu thu về (${ballotsCast}) nhiều hơn số thành viên có mặt và có ý kiến bằng văn bản (${voters}).`);
    }
    await councilRepo.setTally(t, ballot.id, { ...input, by: actor.id });
    await councilRepo.bumpMeeting(t, meetingId);
    await audit(t, by, { action: 'award_ballot.tally', entityType: 'award_ballot', entityId: ballot.id, after: { meetingId, nominationId, ...input, membersTotal: members } });
  });
}

/** A member's secret ballot. The audit event says that a ballot was cast, never how. */
export async function castVote(db: Db, actor: Actor, by: AuditActor, meetingId: number, nominationId: number, choice: 'for' | 'against' | 'blank'): Promise<void> {
  await db.tx(async (t) => {
    const { memberPersonId } = await loadMeeting(t, actor, meetingId, 'vote', { lock: true });
    const ballot = await councilRepo.lockBallot(t, meetingId, nominationId);
    if (!ballot) throw notFound(`Đề nghị số ${nominationId} không có trong cuộc họp này.`);
    if (ballot.mode === 'paper' && ballot.recorded)
      throw conflict('Kết quả bỏ phiếu của đề nghị này đã được nhập theo phiếu giấy.');
    if (!(await councilRepo.castBallot(t, ballot.id, memberPersonId!, choice))) throw conflict('Bạn đã bỏ phiếu cho đề nghị này; mỗi thành viên chỉ bỏ một phiếu.');
    await audit(t, by, { action: 'award_ballot.cast', entityType: 'award_ballot', entityId: ballot.id, after: { meetingId, nominationId } });
  });
}

export type CloseInput = { version: number; minutesNumber?: string | null; endedAt?: string | null };

/** Ends the meeting: quorum, each nomination passed or failed, the minutes numbered, the units told. */
export async function closeMeeting(db: Db, actor: Actor, by: AuditActor, id: number, input: CloseInput): Promise<void> {
  const catalog = await loadCatalog(db);
  await db.tx(async (t) => {
    const { meeting: m } = await loadMeeting(t, actor, id, 'close', { lock: true, version: input.version });
    const date = meetingDate(m);
    const members = m.membersTotal ?? 0;
    const ballots = await councilRepo.ballots(t, [id]);
    const attendance = await councilRepo.attendance(t, id);
    if (!attendance.length) throw conflict('Chưa ghi thành viên có mặt, vắng mặt; hãy ghi trước khi kết thúc cuộc họp.');
    const present = attendance.filter((a) => a.present).length;
    const versions = new Map(ballots.map((b) => [b.id, votingVersion(catalog, b.nomination.awardCode, date)]));
    const quorum = strictest([...versions.values()].map((v) => v.quorum));
    if (quorum && !quorumMet(present, members, quorum))
      throw conflict(`Cuộc họp chưa đủ số thành viên dự: có mặt ${present}/${members}, cần từ ${fractionText(quorum)} tổng số thành viên (${Math.ceil((quorum.num * members) / quorum.den)} người).`);
    const untallied = ballots.filter((b) => b.recordedAt === null);
    if (untallied.length) throw conflict(`Chưa có kết quả bỏ phiếu của đề nghị số ${untallied.map((b) => b.nominationId).join(', ')}.`);
    const moved = ballots.filter((b) => b.nomination.status !== 'accepted');
    if (moved.length) throw conflict(`Đề nghị số ${moved.map((b) => b.nominationId).join(', ')} không còn ở trạng thái chờ xét; hãy bỏ khỏi cuộc họp.`);
    const year = Number(date.slice(0, 4));
    let seq: number;
    const typed = input.minutesNumber?.trim();
    if (typed) {
      if (!/^\d{1,6}$/.test(typed)) throw badRequest(`Số biên bản "${typed.slice(0, 20)}" không hợp lệ (ví dụ 02).`);
      seq = Number(typed);
      if (seq < 1) throw badRequest('Số biên bản phải từ 01.');
      if (await councilRepo.minutesSeqTaken(t, m.councilId, year, seq, id)) throw conflict(`Số biên bản ${typed} năm ${year} của Hội đồng đã được dùng.`);
    } else seq = await councilRepo.nextMinutesSeq(t, m.councilId, year);
    if (input.endedAt) {
      const endedAt = parseInstant(input.endedAt, 'Giờ kết thúc');
      if (endedAt.getTime() < new Date(m.heldAt).getTime()) throw badRequest('Giờ kết thúc phải sau giờ bắt đầu cuộc họp.');
      await councilRepo.setEndedAt(t, id, endedAt);
    }
    const results: { nominationId: number; passed: boolean }[] = [];
    for (const b of ballots) {
      const v = versions.get(b.id)!;
      const passed = votePasses(b.votesFor, members, v.vote!);
      await councilRepo.finishBallot(t, b.id, { passed, voteNum: v.vote!.num, voteDen: v.vote!.den, versionId: v.id, membersTotal: members });
      const name = passed ? 'pass' : 'fail';
      const to = NOMINATION_TRANSITIONS[name].to;
      await awardsRepo.setStatus(t, b.nominationId, to, passed ? null : `Không đạt ${fractionText(v.vote!)} tổng số thành viên Hội đồng (${b.votesFor}/${members} phiếu đồng ý).`);
      if (!passed) await awardsRepo.setNominationInitiatives(t, b.nominationId, []);
      await audit(t, by, {
        action: NOMINATION_TRANSITIONS[name].audit, entityType: 'award_nomination', entityId: b.nominationId, orgUnitId: b.nomination.proposingUnitId,
        before: { status: b.nomination.status }, after: { status: to, meetingId: id, votesFor: b.votesFor, membersTotal: members, threshold: v.vote },
      });
      results.push({ nominationId: b.nominationId, passed });
      await notify(t, {
        orgUnitId: b.nomination.proposingUnitId, kind: `award.nomination.${name}`,
        title: passed ? `Hội đồng thi đua – khen thưởng thông qua đề nghị số ${b.nominationId}` : `Hội đồng thi đua – khen thưởng không thông qua đề nghị số ${b.nominationId}`,
        body: `${b.votesFor}/${members} thành viên đồng ý; cần từ ${fractionText(v.vote!)} tổng số thành viên.`,
        link: `/awards/nominations/${b.nominationId}`, dedupeKey: `award-meeting:${id}:${b.nominationId}`,
      });
    }
    await councilRepo.setMeetingStatus(t, id, { status: 'closed', present, minutes: { year, seq }, closedBy: actor.id });
    await audit(t, by, {
      action: 'award_meeting.close', entityType: 'award_meeting', entityId: id, before: { status: m.status },
      after: { status: 'closed', present, membersTotal: members, quorum, minutes: `${String(seq).padStart(2, '0')}/${year}`, results },
    });
  });
}

// ───────────── reads ─────────────

export type BallotView = BallotRow & {
  subject: SubjectOnDate | null; awardName: string; vote: { num: number; den: number } | null; needed: number | null;
  /** Counts are shown to the office and the directorate, and to everyone once the meeting is closed. */
  countsVisible: boolean; passedNow: boolean | null; castByMe: boolean;
};

export type MeetingView = {
  meeting: MeetingRow;
  council: Awaited<ReturnType<typeof councilRepo.councils>>[number];
  members: (CouncilMemberRow & { present: boolean | null; writtenOpinion: boolean })[];
  ballots: BallotView[];
  quorum: { num: number; den: number; present: number; members: number; met: boolean | null } | null;
  abilities: Record<MeetingAction, boolean>;
};

export async function meetingView(db: Db, actor: Actor, id: number): Promise<MeetingView> {
  const { meeting: m, memberPersonId } = await loadMeeting(db, actor, id, 'view');
  const date = meetingDate(m);
  const catalog = await loadCatalog(db);
  const [[council], members, attendance, ballots] = await Promise.all([
    councilRepo.councils(db, [m.councilId]), councilRepo.members(db, [m.councilId], { on: date, positionsOn: date }), councilRepo.attendance(db, id),
    councilRepo.ballots(db, [id]),
  ]);
  const subjects = await decisionRepo.subjectsOn(db, ballots.flatMap((b) => (b.nomination.personId ? [b.nomination.personId] : [])),
    ballots.flatMap((b) => (b.nomination.unitId ? [b.nomination.unitId] : [])), date);
  const cast = memberPersonId !== null ? await councilRepo.hasCast(db, ballots.map((b) => b.id), memberPersonId) : new Set<number>();
  const countsVisible = m.status === 'closed' || canDo(actor, 'awards.manage') || actor.role === 'director';
  const total = m.membersTotal ?? members.length;
  const views: BallotView[] = ballots.map((b) => {
    const type = catalog.types.find((x) => x.code === b.nomination.awardCode);
    const v = type ? versionOn(type, date) : null;
    const vote = b.voteNum !== null && b.voteDen !== null ? { num: b.voteNum, den: b.voteDen } : (v?.vote ? { num: v.vote.num, den: v.vote.den } : null);
    const subject = b.nomination.personId !== null ? subjects.people.get(b.nomination.personId) ?? null : subjects.units.get(b.nomination.unitId!) ?? null;
    const hidden = countsVisible ? {} : { ballotsCast: 0, votesFor: 0, votesAgainst: 0 };
    return {
      ...b, ...hidden, subject, awardName: v?.name ?? type?.name ?? b.nomination.awardCode, vote, needed: vote ? votesNeeded(total, vote) : null, countsVisible,
      passedNow: b.passed ?? (countsVisible && vote && b.recordedAt !== null ? votePasses(b.votesFor, total, vote) : null), castByMe: cast.has(b.id),
    };
  });
  const quorumRow = strictest(ballots.map((b) => {
    const type = catalog.types.find((x) => x.code === b.nomination.awardCode);
    return (type ? versionOn(type, date) : null)?.quorum ?? null;
  }));
  const present = attendance.filter((a) => a.present).length;
  const byPerson = new Map(attendance.map((a) => [a.personId, a]));
  return {
    meeting: m,
    council,
    members: members.map((x) => ({ ...x, present: byPerson.has(x.personId) ? byPerson.get(x.personId)!.present : null, writtenOpinion: byPerson.get(x.personId)?.writtenOpinion ?? false })),
    ballots: views,
    quorum: quorumRow ? { ...quorumRow, present, members: total, met: attendance.length ? quorumMet(present, total, quorumRow) : null } : null,
    abilities: meetingAbilities(actor, { status: m.status, councilMember: memberPersonId !== null }),
  };
}

export async function listMeetings(db: Db, actor: Actor, q: { year?: number }, today: string) {
  const wide = canDo(actor, 'awards.manage') || actor.role === 'director';
  const mine = wide ? null : ((await councilRepo.memberCouncilsOfUser(db, actor.id, today))?.councilIds ?? []);
  if (mine && !mine.length) return [];
  const meetings = await councilRepo.meetings(db, { year: q.year, councilIds: mine });
  const ballots = await councilRepo.ballots(db, meetings.map((m) => m.id));
  return meetings.map((m) => ({ ...m, nominations: ballots.filter((b) => b.meetingId === m.id).length }));
}

// ───────────── the Biên bản ─────────────

/** The meeting's Biên bản as a kit document: numbered once closed, a marked draft before. */
export async function meetingMinutes(db: Db, actor: Actor, id: number): Promise<{ model: DecreeDocument; fileName: (ext: string) => string; draft: boolean }> {
  const { meeting: m } = await loadMeeting(db, actor, id, 'minutes');
  const v = await meetingView(db, actor, id);
  const date = meetingDate(m);
  const who = await issuerOn(db, date);
  const time = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(11, 16);
  const person = (pid: number | null) => {
    if (pid === null) return null;
    const x = v.members.find((mm) => mm.personId === pid);
    return x ? { name: x.fullName, title: positionWithUnit(x.position, x.unitName) || ROLE_LABELS[x.role] } : null;
  };
  const draft = m.status !== 'closed';
  const model = councilMinutesDocument({
    issuer: councilIssuer(who), place: who.place, date, time: time(m.heldAt), endTime: m.endedAt ? time(m.endedAt) : null, councilName: v.council.name, year: m.year,
    meetingPlace: m.place, number: m.minutesSeq !== null ? String(m.minutesSeq).padStart(2, '0') : null, chair: person(m.chairPersonId), secretary: person(m.secretaryPersonId),
    members: v.members.map((x) => ({ name: x.fullName, role: ROLE_LABELS[x.role], title: positionWithUnit(x.position, x.unitName), present: x.present, writtenOpinion: x.writtenOpinion })),
    membersTotal: m.membersTotal ?? v.members.length, quorum: v.quorum ? { num: v.quorum.num, den: v.quorum.den } : null,
    ballots: v.ballots.map((b) => ({
      name: b.subject?.name ?? '', kind: b.nomination.personId !== null ? 'person' : 'unit', awardName: b.awardName, votesFor: b.votesFor, ballotsCast: b.ballotsCast,
      vote: b.vote, passed: b.passed ?? b.passedNow,
      detail: b.subject ? (b.subject.personId !== null ? positionWithUnit(b.subject.position, b.subject.unit?.name ?? null) : (b.subject.unit?.parentName ?? '')) : '',
    })),
    notes: m.notes, decider: `Giám đốc ${who.department.name}`, draft,
  });
  return { model, draft, fileName: (ext) => `Biên bản họp Hội đồng thi đua – khen thưởng năm ${m.year}${draft ? ' (dự thảo)' : ''}.${ext}` };
}
