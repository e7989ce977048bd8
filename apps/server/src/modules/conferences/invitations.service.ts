/**
 * Invitations: who is invited and with how many delegates, sending the invitation (in the app, and by e-mail with
 * an .ics when SMTP is set), the units' answers with their named delegates and QR tickets, reminders to units that
 * have not answered, and the RSVP board.
 *
 * Sending is two steps. In the transaction that changes the conference, each invitation gets its in-app notice
 * (deduplicated per unit and calendar sequence) and is stamped sent. After the commit, the e-mails go out one by
 * one and each result is stored on its invitation: a failure keeps its reason (shown on the board) and nothing
 * else is undone.
 */
import { randomBytes } from 'node:crypto';
import {
  type Actor, type PeriodType, type UnitType, UNIT_ROLES, UNIT_TYPE_LABELS, compareVi, formatDate, formatDateTime, normalizeText, parsePeriod,
} from '@nhip/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { type MailAttachment, deliverMail } from '../../platform/mail.js';
import { notify } from '../notifications/notifications.service.js';
import { vnDateOf } from '../rounds/rounds.service.js';
import { stillPlanning } from './agenda.service.js';
import { conferenceIcs, uidHostOf } from './calendar.js';
import { type LoadedConference, requireConference } from './conferences.access.js';
import { type ConferenceRow, conferencesRepo } from './conferences.repository.js';
import { endsAtOf } from './conferences.service.js';
import { type DelegateRow, type InvitationRow, type PlanUnitRow, invitationsRepo } from './invitations.repository.js';

export const INVITATION_NOT_FOUND = 'Không tìm thấy giấy mời của đơn vị này.';
export const DELEGATE_NOT_FOUND = 'Không tìm thấy đại biểu.';

/** Where a conference's page is, in the app and in mails. */
export const conferencePath = (id: number) => `/conferences/${id}`;

/** What the sending needs to know about the installation: the public address and the SMTP settings. */
export type SendContext = { config: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'publicUrl'>; uidHost: string };

/** The installation as invitations name it: SMTP settings, public address, the host in calendar UIDs. */
export const sendContext = (app: FastifyInstance, req: FastifyRequest): SendContext => ({
  config: app.config, uidHost: uidHostOf(app.config.publicUrl, req.hostname),
});

// ─────────────────────────── planning: who is invited by default ───────────────────────────

/** Units of these types are invited whatever they report: enterprises and press agencies. */
export const ALWAYS_INVITED_TYPES: readonly UnitType[] = ['enterprise', 'press_agency'];

/**
 * How many delegates each kind of unit is expected to send, by default: two from a district office (its head and the
 * officer who reports) and from an enterprise (its director and the person in charge of the sector), one from any
 * other unit. The office changes it per invitation.
 */
export const DEFAULT_EXPECTED: Partial<Record<UnitType, number>> = { district_office: 2, enterprise: 2 };
export const expectedFor = (type: UnitType) => DEFAULT_EXPECTED[type] ?? 1;
export const DEFAULT_EXPECTED_NOTE = 'Số đại biểu dự kiến: 2 đại biểu với Phòng Văn hóa và Thông tin và doanh nghiệp, 1 đại biểu với các đơn vị khác.';

const MONTHS: Record<PeriodType, number> = { Monthly: 1, Quarterly: 3, SixMonthly: 6, NineMonthly: 9, Yearly: 12 };

export type ProposedInvitation = { unit: PlanUnitRow; expectedDelegates: number; reason: string };

/**
 * The default list for a period: the units that report in it (assigned an active form whose period fits in the
 * conference's, so a year's conference invites the quarterly reporters too) and every enterprise and press agency,
 * all as valid on the conference date.
 */
export async function proposeInvitations(db: Db, period: string, onDate: string): Promise<ProposedInvitation[]> {
  const p = parsePeriod(period);
  if (!p) return [];
  const types = (Object.keys(MONTHS) as PeriodType[]).filter((t) => MONTHS[t] <= MONTHS[p.type]);
  const reporting = await invitationsRepo.reportingUnits(db, types, onDate);
  const always = await invitationsRepo.unitsOfTypes(db, [...ALWAYS_INVITED_TYPES], onDate);
  const out = new Map<number, ProposedInvitation>();
  for (const u of reporting) out.set(u.id, { unit: u, expectedDelegates: expectedFor(u.type), reason: `Báo cáo trong kỳ (${u.forms.join(', ')})` });
  for (const u of always) if (!out.has(u.id)) out.set(u.id, { unit: u, expectedDelegates: expectedFor(u.type), reason: UNIT_TYPE_LABELS[u.type].vi });
  const rank = (t: UnitType) => {
    const i = ['district_office', 'media_centre', 'commune', 'radio_station', 'it_centre', 'enterprise', 'press_agency'].indexOf(t);
    return i < 0 ? 99 : i;
  };
  return [...out.values()].sort((a, b) => rank(a.unit.type) - rank(b.unit.type) || compareVi(a.unit.name, b.unit.name) || a.unit.id - b.unit.id);
}

// ─────────────────────────── the list of invited units ───────────────────────────

export type InvitationInput = { unitId: number; expectedDelegates: number };

const notValidOn = (u: { name: string; valid_from: string; valid_to: string | null }, date: string) =>
  `Đơn vị "${u.name}" không hoạt động vào ngày hội nghị ${formatDate(date)} ` +
  `(hiệu lực từ ${formatDate(u.valid_from)}${u.valid_to ? ` đến ${formatDate(u.valid_to)}` : ''}); hãy bỏ đơn vị này khỏi danh sách mời.`;

/** Checks that every unit exists and is in being on the conference date; 400 naming the first that is not. */
export async function checkInvitedUnits(db: Db, conference: Pick<ConferenceRow, 'starts_at'>, list: InvitationInput[]): Promise<void> {
  const onDate = vnDateOf(conference.starts_at);
  const seen = new Set<number>();
  for (const i of list) {
    if (seen.has(i.unitId)) throw badRequest(`Đơn vị mã ${i.unitId} được nêu hai lần trong danh sách mời.`);
    seen.add(i.unitId);
  }
  const units = new Map((await conferencesRepo.units(db, [...seen])).map((u) => [u.id, u]));
  for (const i of list) {
    const u = units.get(i.unitId);
    if (!u) throw badRequest(`Không có đơn vị mã ${i.unitId}.`);
    if (u.valid_from > onDate || (u.valid_to !== null && u.valid_to < onDate)) throw badRequest(notValidOn(u, onDate));
    if (u.type === 'province' || u.type === 'department') throw badRequest(`"${u.name}" không phải đơn vị được mời dự hội nghị của Sở.`);
  }
}

/**
 * Sets the list of invited units: adds the new ones, changes expected numbers, removes the ones left out. A unit
 * that has already answered is not removed silently: 409 naming it. Returns whether new units need their invitation
 * sent (the conference is already invited).
 */
export async function setInvitations(db: Db, by: AuditActor, loaded: LoadedConference, list: InvitationInput[], mode: 'replace' | 'add'): Promise<void> {
  const c = loaded.conference;
  await checkInvitedUnits(db, c, list);
  await db.tx(async (t) => {
    await stillPlanning(t, c.id);
    const before = await invitationsRepo.list(t, c.id);
    const wanted = new Map(list.map((i) => [i.unitId, i.expectedDelegates]));
    const removed = mode === 'replace' ? before.filter((b) => !wanted.has(b.org_unit_id)) : [];
    const answered = removed.find((r) => r.status !== 'pending');
    if (answered)
      throw conflict(
        `${answered.unit_name} đã ${answered.status === 'accepted' ? 'xác nhận tham dự' : 'báo vắng'}; không bỏ đơn vị này khỏi danh sách mời được. ` +
          'Nếu đơn vị không dự nữa, đề nghị đơn vị báo vắng.',
      );
    if (removed.length) await invitationsRepo.remove(t, c.id, removed.map((r) => r.org_unit_id));
    for (const [unitId, expected] of wanted) await invitationsRepo.upsert(t, c.id, unitId, expected);
    const was = new Map(before.map((b) => [b.org_unit_id, b.expected_delegates]));
    await audit(t, by, {
      action: mode === 'replace' ? 'conference.invitations' : 'conference.invitations.add', entityType: 'conference', entityId: c.id,
      before: { units: before.map((b) => ({ unitId: b.org_unit_id, expectedDelegates: b.expected_delegates })) },
      after: {
        added: [...wanted].filter(([u]) => !was.has(u)).map(([unitId, expectedDelegates]) => ({ unitId, expectedDelegates })),
        changed: [...wanted].filter(([u, n]) => was.has(u) && was.get(u) !== n).map(([unitId, expectedDelegates]) => ({ unitId, expectedDelegates })),
        removed: removed.map((r) => r.org_unit_id),
      },
    });
  });
}

/** Adds every unit of these types in being on the conference date (those already invited keep their numbers). */
export async function addByType(db: Db, by: AuditActor, loaded: LoadedConference, types: UnitType[], expected: number | null): Promise<number> {
  const c = loaded.conference;
  const current = new Set((await invitationsRepo.list(db, c.id)).map((i) => i.org_unit_id));
  const units = await invitationsRepo.unitsOfTypes(db, types, vnDateOf(c.starts_at));
  const add = units.filter((u) => !current.has(u.id)).map((u) => ({ unitId: u.id, expectedDelegates: expected ?? expectedFor(u.type) }));
  if (add.length) await setInvitations(db, by, loaded, add, 'add');
  return add.length;
}

// ─────────────────────────── sending ───────────────────────────

/** "08 giờ 00, thứ Năm, ngày 04/01/2024" */
export function meetingTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000);
  const days = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${hh} giờ ${mm}, ${days[local.getUTCDay()]}, ngày ${formatDate(at)}`;
}

const appLink = (config: SendContext['config'], path: string) => `${(config.publicUrl ?? '').replace(/\/+$/, '')}${path}`;

export type MailFacts = { conference: ConferenceRow; endsAt: Date; department: string; chair: string | null };

/** What the invitation mail and the .ics say about the conference. */
export async function mailFactsOf(db: Db, c: ConferenceRow): Promise<MailFacts> {
  const chair = c.chair_person_id === null ? null : (await conferencesRepo.peopleOn(db, [c.chair_person_id], vnDateOf(c.starts_at)))[0];
  const department = c.department_id === null ? null : await conferencesRepo.unit(db, c.department_id);
  return {
    conference: c, endsAt: await endsAtOf(db, c), department: department?.name ?? '',
    chair: chair ? `${chair.position ? `${chair.position} ` : ''}${chair.full_name}`.trim() : null,
  };
}

/** The invitation's .ics: REQUEST, the conference's UID and its current SEQUENCE. */
export function invitationIcs(f: MailFacts, ctx: SendContext, method: 'REQUEST' | 'PUBLISH', stamp: Date): string {
  const c = f.conference;
  const lines = [
    f.department ? `${f.department} tổ chức ${c.title}.` : `${c.title}.`,
    f.chair ? `Chủ trì: ${f.chair}.` : null,
    c.rsvp_deadline ? `Đề nghị xác nhận tham dự trước ${formatDateTime(c.rsvp_deadline)}.` : null,
  ].filter(Boolean);
  return conferenceIcs({
    id: c.id, title: c.title, startsAt: c.starts_at, endsAt: f.endsAt, place: c.place, sequence: c.ics_sequence, uidHost: ctx.uidHost,
    description: lines.join('\n'), url: ctx.config.publicUrl ? appLink(ctx.config, conferencePath(c.id)) : null,
    organizer: method === 'REQUEST' ? { name: f.department || 'Nhịp', email: emailOf(ctx.config.smtpFrom) } : null,
    method, stamp,
  });
}

/** The address inside "Name <address>". */
const emailOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

function invitationText(f: MailFacts, unit: { unit_name: string; expected_delegates: number }, update: boolean, config: SendContext['config']): { subject: string; text: string } {
  const c = f.conference;
  const subject = update ? `Thay đổi thời gian, địa điểm: ${c.title}` : `Giấy mời: ${c.title}`;
  const text = [
    update
      ? `${f.department || 'Sở'} thông báo thay đổi thời gian, địa điểm ${c.title}. Kính mời ${unit.unit_name} lưu ý.`
      : `${f.department || 'Sở'} trân trọng kính mời đại diện lãnh đạo ${unit.unit_name} (${unit.expected_delegates} đại biểu) tham dự ${c.title}.`,
    '',
    `Thời gian: ${meetingTime(c.starts_at)}.`,
    `Địa điểm: ${c.place || 'sẽ thông báo sau'}.`,
    f.chair ? `Chủ trì: ${f.chair}.` : null,
    c.invitation_number ? `Giấy mời số ${c.invitation_number}.` : null,
    '',
    c.rsvp_deadline
      ? `Đề nghị đơn vị xác nhận tham dự và đăng ký đại biểu trên Nhịp trước ${formatDateTime(c.rsvp_deadline)}: ${appLink(config, conferencePath(c.id))}`
      : `Đề nghị đơn vị xác nhận tham dự và đăng ký đại biểu trên Nhịp: ${appLink(config, conferencePath(c.id))}`,
    'Tệp lịch (.ics) kèm theo để thêm hội nghị vào lịch công tác.',
  ].filter((l) => l !== null);
  return { subject, text: text.join('\n') };
}

/**
 * The Giấy mời as attachments (the .docx of the invitation document), when a builder is registered. The documents
 * of the conference are built in their own files (documents*); they register here so the mail carries them.
 */
export type InvitationDocument = (db: Db, conference: ConferenceRow) => Promise<MailAttachment | null>;
let invitationDocument: InvitationDocument | null = null;
export function registerInvitationDocument(build: InvitationDocument): void {
  invitationDocument = build;
}

/**
 * Sends every invitation whose last notice is older than the conference's sequence: in-app notices in the
 * transaction (call it inside one), and returns the e-mails to send after the commit.
 */
export async function queueInvitations(t: Db, conference: ConferenceRow, now: Date): Promise<InvitationRow[]> {
  const pending = await invitationsRepo.unsent(t, conference.id, conference.ics_sequence);
  for (const inv of pending) {
    const update = inv.sent_sequence !== null;
    await notify(t, {
      orgUnitId: inv.org_unit_id,
      kind: update ? 'conference.update' : 'conference.invite',
      title: update ? `Thay đổi thời gian, địa điểm: ${conference.title}` : `Giấy mời: ${conference.title}`,
      body: `${meetingTime(conference.starts_at)}${conference.place ? ` tại ${conference.place}` : ''}.` +
        (update ? '' : ` Đề nghị xác nhận tham dự và đăng ký ${inv.expected_delegates} đại biểu.`),
      link: conferencePath(conference.id),
      dedupeKey: `conference-invite:${conference.id}:${inv.org_unit_id}:${conference.ics_sequence}`,
    });
    await invitationsRepo.markSent(t, inv.id, now, conference.ics_sequence);
  }
  return pending;
}

export type MailOutcome = { unitId: number; sent: boolean; error: string | null };

/** E-mails the queued invitations (after the commit) and stores each result on its invitation. */
export async function mailInvitations(db: Db, ctx: SendContext, conferenceId: number, queued: InvitationRow[], now: Date): Promise<MailOutcome[]> {
  if (!ctx.config.smtpUrl || queued.length === 0) return [];
  const c = await conferencesRepo.byId(db, conferenceId);
  if (!c) return [];
  const facts = await mailFactsOf(db, c);
  const ics = invitationIcs(facts, ctx, 'REQUEST', now);
  const doc = invitationDocument ? await invitationDocument(db, c).catch((e: Error) => {
        // The invitation still goes out (in the app, and by e-mail with its calendar part); the document is on the conference page.
        console.error('Không lập được Giấy mời để gửi kèm e-mail:', e.message);
        return null;
      }) : null;
  const out: MailOutcome[] = [];
  for (const inv of queued) {
    const to = await invitationsRepo.unitEmails(db, inv.org_unit_id);
    let error: string | null;
    if (to.length === 0) error = 'Đơn vị chưa có tài khoản nào có địa chỉ e-mail; giấy mời chỉ gửi trong ứng dụng.';
    else {
      // Read before it was stamped: a unit that had a notice before gets the update wording.
      const { subject, text } = invitationText(facts, inv, inv.sent_sequence !== null, ctx.config);
      const r = await deliverMail(ctx.config, {
        // The calendar part is the invitation mail programs show (nodemailer also attaches it as invite.ics).
        to, subject, text, icalEvent: { method: 'REQUEST', content: ics }, attachments: doc ? [doc] : [],
      });
      error = r.sent ? null : `Gửi e-mail không thành công: ${r.error ?? 'không rõ lý do'}`;
    }
    await invitationsRepo.recordEmail(db, inv.id, error === null ? new Date() : null, error);
    out.push({ unitId: inv.org_unit_id, sent: error === null, error });
  }
  return out;
}

/** Sends what is still unsent (invitations to units added after the invite, and updates), then mails them. */
export async function sendPending(db: Db, ctx: SendContext, conferenceId: number, now: Date): Promise<MailOutcome[]> {
  const queued = await db.tx(async (t) => {
    const c = await conferencesRepo.byId(t, conferenceId, true);
    if (!c || c.status !== 'invited') return [];
    return queueInvitations(t, c, now);
  });
  return mailInvitations(db, ctx, conferenceId, queued, now);
}

// ─────────────────────────── answers and delegates ───────────────────────────

export const newTicket = () => randomBytes(18).toString('base64url');
/** What a delegate's QR code carries: the conference and the ticket (check-in reads the ticket at the end). */
export const ticketPayload = (conferenceId: number, ticket: string) => `NHIP:${conferenceId}:${ticket}`;

export type ResponseInput = { status: 'accepted'; delegates: { personId: number }[] } | { status: 'declined'; reason: string };

/**
 * A unit answers its own invitation, until the RSVP deadline. Accepting names the delegates from the unit's own
 * people on the conference date; a delegate named again keeps their ticket (and a check-in), the others get a new
 * one, and those left out are removed. Declining removes the delegates. One transaction, audited.
 */
export async function respond(
  db: Db, actor: Actor, by: AuditActor, loaded: LoadedConference, unitId: number, input: ResponseInput, now: Date,
): Promise<{ invitation: InvitationRow; delegates: DelegateRow[]; added: DelegateRow[]; warnings: string[] }> {
  requireConference(actor, 'respond', loaded, unitId);
  const c = loaded.conference;
  if (c.rsvp_deadline && now.getTime() > c.rsvp_deadline.getTime())
    throw conflict(`Đã quá hạn xác nhận tham dự (${formatDateTime(c.rsvp_deadline)}); đề nghị liên hệ Văn phòng Sở để được ghi nhận.`);
  const onDate = vnDateOf(c.starts_at);
  const warnings: string[] = [];
  let named: { personId: number; fullName: string; position: string }[] = [];
  if (input.status === 'accepted') {
    if (input.delegates.length === 0) throw badRequest('Hãy nêu ít nhất một đại biểu tham dự, hoặc báo vắng.');
    const seen = new Set<number>();
    const ids = input.delegates.map((d) => d.personId);
    const people = new Map((await conferencesRepo.peopleOn(db, ids, onDate)).map((p) => [p.id, p]));
    for (const d of input.delegates) {
      const p = people.get(d.personId);
      if (!p) throw badRequest(`Không có cán bộ mã ${d.personId} trong danh bạ.`);
      if (seen.has(d.personId)) throw badRequest(`${p.full_name} được nêu hai lần; mỗi đại biểu chỉ đăng ký một lần.`);
      seen.add(d.personId);
      if (p.org_unit_id !== unitId) {
        const where = p.org_unit_id === null ? 'không công tác tại đơn vị nào vào ngày hội nghị' : 'là cán bộ của đơn vị khác';
        throw badRequest(`${p.full_name} ${where}; đơn vị chỉ đăng ký đại biểu là cán bộ của mình.`);
      }
      named.push({ personId: p.id, fullName: p.full_name, position: p.position ?? '' });
    }
  }
  return db.tx(async (t) => {
    const inv = await invitationsRepo.byUnit(t, c.id, unitId, true);
    if (!inv) throw notFound(INVITATION_NOT_FOUND);
    if (input.status === 'accepted') {
      const elsewhere = await invitationsRepo.delegatesElsewhere(t, c.id, named.map((n) => n.personId), inv.id);
      if (elsewhere.length) {
        const p = named.find((n) => n.personId === elsewhere[0].person_id)!;
        throw badRequest(`${p.fullName} đã là đại biểu của hội nghị${elsewhere[0].unit_name ? ` (theo ${elsewhere[0].unit_name})` : ''}.`);
      }
      if (named.length > inv.expected_delegates)
        warnings.push(`Đơn vị đăng ký ${named.length} đại biểu, nhiều hơn số dự kiến trong giấy mời (${inv.expected_delegates}).`);
    } else named = [];
    const current = await invitationsRepo.delegatesOfInvitation(t, inv.id);
    const keep = new Set(named.map((n) => n.personId));
    const drop = current.filter((d) => d.person_id === null || !keep.has(d.person_id));
    const arrived = drop.find((d) => d.checked_in_at !== null);
    if (arrived) throw conflict(`${arrived.full_name} đã điểm danh tại hội nghị; không bỏ đại biểu này được.`);
    if (drop.length) await invitationsRepo.removeDelegates(t, drop.map((d) => d.id));
    const have = new Set(current.map((d) => d.person_id));
    const addedIds: number[] = [];
    for (const n of named)
      if (!have.has(n.personId))
        addedIds.push(
          (await invitationsRepo.insertDelegate(t, {
            conferenceId: c.id, invitationId: inv.id, unitId, personId: n.personId, fullName: n.fullName, position: n.position, ticket: newTicket(), at: now,
          })).id,
        );
    const reason = input.status === 'declined' ? normalizeText(input.reason).trim() : null;
    if (input.status === 'declined' && !reason) throw badRequest('Hãy nêu lý do vắng mặt.');
    await invitationsRepo.respond(t, inv.id, { status: input.status, reason, by: actor.id, at: now });
    await audit(t, by, {
      action: 'conference.respond', entityType: 'conference', entityId: c.id, orgUnitId: unitId,
      before: { status: inv.status, delegates: current.map((d) => d.person_id) },
      after: { status: input.status, reason, delegates: named.map((n) => n.personId) },
    });
    const delegates = await invitationsRepo.delegatesOfInvitation(t, inv.id);
    return {
      invitation: (await invitationsRepo.byUnit(t, c.id, unitId))!, delegates, added: delegates.filter((d) => addedIds.includes(d.id)), warnings,
    };
  });
}

/** The QR code of a ticket, as PNG. */
export const ticketPng = (conferenceId: number, ticket: string) =>
  QRCode.toBuffer(ticketPayload(conferenceId, ticket), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 320 });

/** E-mails each newly named delegate who has an address their QR ticket (after the commit). How many went out. */
export async function mailTickets(db: Db, ctx: SendContext, conference: ConferenceRow, unitName: string, delegates: DelegateRow[]): Promise<number> {
  if (!ctx.config.smtpUrl) return 0;
  const facts = await mailFactsOf(db, conference);
  const ics = invitationIcs(facts, ctx, 'PUBLISH', new Date());
  let sent = 0;
  for (const d of delegates) {
    if (!d.email) continue;
    const png = await ticketPng(conference.id, d.ticket);
    const r = await deliverMail(ctx.config, {
      to: [d.email],
      subject: `Thẻ đại biểu: ${conference.title}`,
      text: [
        `Kính gửi ${d.full_name},`,
        '',
        `${unitName} đã đăng ký đồng chí là đại biểu dự ${conference.title}.`,
        `Thời gian: ${meetingTime(conference.starts_at)}. Địa điểm: ${conference.place || 'sẽ thông báo sau'}.`,
        'Mã QR kèm theo là thẻ đại biểu: xin xuất trình (trên điện thoại hoặc bản in) khi đến hội nghị để điểm danh.',
      ].join('\n'),
      attachments: [
        { filename: 'the-dai-bieu.png', content: png, contentType: 'image/png' },
        { filename: 'hoi-nghi.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' },
      ],
    });
    if (r.sent) sent++;
  }
  return sent;
}

/** A delegate and their ticket, for the delegate's own unit and the organisers; 404 for anyone else. */
export async function loadTicket(db: Db, actor: Actor, loaded: LoadedConference, delegateId: number): Promise<DelegateRow> {
  const d = await invitationsRepo.delegate(db, loaded.conference.id, delegateId);
  if (!d) throw notFound(DELEGATE_NOT_FOUND);
  const organiser = actor.role === 'admin' || actor.role === 'office';
  const ownUnit = UNIT_ROLES.includes(actor.role) && actor.orgUnitId !== null && d.org_unit_id === actor.orgUnitId;
  if (!organiser && !ownUnit) throw notFound(DELEGATE_NOT_FOUND);
  return d;
}

// ─────────────────────────── reminders ───────────────────────────

/**
 * Reminds every unit that has not answered: in the app (once per unit and day, by dedupe key) and by e-mail when
 * SMTP is set. Returns the units reminded now (those already reminded today are not counted again).
 */
export async function remindPending(db: Db, ctx: SendContext, by: AuditActor, loaded: LoadedConference, now: Date): Promise<{ reminded: number; alreadyToday: number }> {
  const c = loaded.conference;
  const day = vnDateOf(now);
  const pending = (await invitationsRepo.list(db, c.id)).filter((i) => i.status === 'pending');
  const fresh = await db.tx(async (t) => {
    const out: InvitationRow[] = [];
    for (const inv of pending) {
      const id = await notify(t, {
        orgUnitId: inv.org_unit_id, kind: 'conference.rsvp', title: `Đề nghị xác nhận tham dự: ${c.title}`,
        body: `${meetingTime(c.starts_at)}${c.place ? ` tại ${c.place}` : ''}. ` +
          (c.rsvp_deadline ? `Hạn xác nhận: ${formatDateTime(c.rsvp_deadline)}.` : 'Đề nghị đơn vị xác nhận tham dự và đăng ký đại biểu.'),
        link: conferencePath(c.id), dedupeKey: `conference-rsvp:${c.id}:${inv.org_unit_id}:${day}`,
      });
      if (id !== null) {
        await invitationsRepo.markReminded(t, inv.id, now);
        out.push(inv);
      }
    }
    if (out.length) await audit(t, by, { action: 'conference.remind', entityType: 'conference', entityId: c.id, after: { units: out.map((i) => i.org_unit_id) } });
    return out;
  });
  if (ctx.config.smtpUrl)
    for (const inv of fresh) {
      const to = await invitationsRepo.unitEmails(db, inv.org_unit_id);
      if (!to.length) continue;
      const r = await deliverMail(ctx.config, {
        to, subject: `Đề nghị xác nhận tham dự: ${c.title}`,
        text: `${inv.unit_name} chưa xác nhận tham dự ${c.title} (${meetingTime(c.starts_at)}).\n` +
          `Đề nghị đơn vị xác nhận và đăng ký đại biểu trên Nhịp: ${appLink(ctx.config, conferencePath(c.id))}`,
      });
      await invitationsRepo.recordEmail(db, inv.id, r.sent ? new Date() : null, r.sent ? null : `Gửi e-mail nhắc không thành công: ${r.error ?? 'không rõ lý do'}`);
    }
  return { reminded: fresh.length, alreadyToday: pending.length - fresh.length };
}

// ─────────────────────────── board and tasks ───────────────────────────

export type EmailState = 'sent' | 'failed' | 'not_sent' | 'not_configured';
export const emailState = (inv: InvitationRow, smtp: boolean): EmailState =>
  inv.email_error ? 'failed' : inv.emailed_at ? 'sent' : smtp ? 'not_sent' : 'not_configured';

/** The RSVP board: every invitation with its delegates; a unit sees only its own. */
export async function board(db: Db, actor: Actor, loaded: LoadedConference): Promise<{ invitation: InvitationRow; delegates: DelegateRow[] }[]> {
  const own = UNIT_ROLES.includes(actor.role) ? (actor.orgUnitId ?? -1) : null;
  const invitations = await invitationsRepo.list(db, loaded.conference.id, own);
  const delegates = await invitationsRepo.delegates(db, loaded.conference.id, own);
  return invitations.map((invitation) => ({ invitation, delegates: delegates.filter((d) => d.invitation_id === invitation.id) }));
}

export type ConferenceTask = {
  conferenceId: number;
  conferenceTitle: string;
  startsAt: Date;
  kind: 'rsvp' | 'presentation';
  /** rsvp: the invitation's status; presentation: 'requested' or 'uploaded'. */
  status: string;
  dueAt: Date | null;
  topic: string | null;
  presentationId: number | null;
  link: string;
};

/** A unit's conference work for its home page: invitations to answer (or answered, while still open) and presentations asked. */
export async function conferenceTasks(db: Db, actor: Actor): Promise<ConferenceTask[]> {
  if (!UNIT_ROLES.includes(actor.role) || actor.orgUnitId === null) return [];
  const rows = await db.query<{
    conference_id: number; title: string; starts_at: Date; rsvp_deadline: Date | null; status: string;
    presentation_id: number | null; topic: string | null; due_at: Date | null; file_name: string | null;
  }>(
    `SELECT c.id AS conference_id, c.title, c.starts_at, c.rsvp_deadline, i.status, p.id AS presentation_id, p.topic, p.due_at, p.file_name
       FROM conference_invitations i JOIN conferences c ON c.id = i.conference_id
       LEFT JOIN conference_presentations p ON p.conference_id = c.id AND p.org_unit_id = i.org_unit_id
      WHERE i.org_unit_id = $1 AND c.status = 'invited'
      ORDER BY c.starts_at, c.id`,
    [actor.orgUnitId],
  );
  const out: ConferenceTask[] = [];
  for (const r of rows) {
    const link = conferencePath(r.conference_id);
    out.push({
      conferenceId: r.conference_id, conferenceTitle: r.title, startsAt: r.starts_at, kind: 'rsvp', status: r.status, dueAt: r.rsvp_deadline,
      topic: null, presentationId: null, link,
    });
    if (r.presentation_id !== null)
      out.push({
        conferenceId: r.conference_id, conferenceTitle: r.title, startsAt: r.starts_at, kind: 'presentation', status: r.file_name ? 'uploaded' : 'requested',
        dueAt: r.due_at, topic: r.topic, presentationId: r.presentation_id, link,
      });
  }
  return out;
}
