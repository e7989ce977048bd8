/**
 * Presentations (tham luận): the office asks an invited unit for one, with a topic and a due date before the
 * conference; the unit uploads its file (.docx, .pdf or .pptx, typed by content) and may replace it until the due
 * date. Reminders go out before the deadline (scheduler). Files are downloaded as attachments.
 */
import { createHash } from 'node:crypto';
import { type Actor, UNIT_ROLES, formatDateTime, normalizeText } from '@nhip/contracts';
import { fileTypeFromBuffer } from 'file-type';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { cleanFileName } from '../../platform/file-name.js';
import { deliverMail } from '../../platform/mail.js';
import { notify } from '../notifications/notifications.service.js';
import { parseDeadline, vnDateOf } from '../rounds/rounds.service.js';
import { agendaRepo } from './agenda.repository.js';
import { type LoadedConference, loadVisibleConference, requireConference } from './conferences.access.js';
import { conferencesRepo } from './conferences.repository.js';
import { conferencePath } from './invitations.service.js';
import { invitationsRepo } from './invitations.repository.js';
import { type PresentationRow, presentationsRepo } from './presentations.repository.js';

export const PRESENTATION_NOT_FOUND = 'Không tìm thấy bài tham luận.';
/** A presentation file may be this large: slides with photographs run to tens of megabytes. */
export const MAX_PRESENTATION_BYTES = 30 * 1024 * 1024;
export const MAX_PRESENTATION_TEXT = `${MAX_PRESENTATION_BYTES / 1024 / 1024} MB`;

export const PRESENTATION_KINDS = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (.docx)' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint (.pptx)' },
} as const;
export type PresentationKind = keyof typeof PRESENTATION_KINDS;
const ALLOWED_TEXT = 'Word (.docx), PDF hoặc PowerPoint (.pptx)';

/**
 * What the file is, from its content: only .docx, .pdf and .pptx are taken, and a name that claims another kind (an
 * .exe renamed .pdf) is refused with 415. A name without the right extension gets it.
 */
export async function detectPresentation(content: Buffer, filename: string): Promise<{ kind: PresentationKind; mime: string; filename: string }> {
  const detected = await fileTypeFromBuffer(content);
  const kind = detected && detected.ext in PRESENTATION_KINDS ? (detected.ext as PresentationKind) : null;
  const name = cleanFileName(filename);
  const dot = name.lastIndexOf('.');
  const candidate = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const ext = /^[a-z][a-z0-9]{1,4}$/.test(candidate) ? candidate : '';
  if (!kind) {
    const claims = ext in PRESENTATION_KINDS ? PRESENTATION_KINDS[ext as PresentationKind].label : null;
    throw new AppError(
      415, 'unsupported_file_type',
      claims
        ? `Tệp "${name}" mang đuôi .${ext} nhưng nội dung không phải ${claims}. Chỉ nhận tệp ${ALLOWED_TEXT} (kiểm tra theo nội dung tệp).`
        : `Loại tệp này không được nhận cho bài tham luận. Chỉ nhận tệp ${ALLOWED_TEXT} (kiểm tra theo nội dung tệp).`,
    );
  }
  if (ext && ext !== kind)
    throw new AppError(415, 'unsupported_file_type', `Tệp "${name}" mang đuôi .${ext} nhưng nội dung là ${PRESENTATION_KINDS[kind].label}. Hãy đổi tên tệp cho đúng loại rồi tải lên lại.`);
  const base = ext ? name : `${name || 'tham-luan'}.${kind}`;
  return { kind, mime: PRESENTATION_KINDS[kind].mime, filename: base };
}

const clean = (s: string | null | undefined) => (s == null ? '' : normalizeText(s).replace(/\s+/g, ' ').trim());

function parseDue(input: string, startsAt: Date, now: Date): Date {
  const due = parseDeadline(input);
  if (!due) throw badRequest(`Hạn nộp "${input}" không hợp lệ (ví dụ 2024-01-02 hoặc 2024-01-02T17:00).`);
  if (due.getTime() > startsAt.getTime())
    throw badRequest(`Hạn nộp tham luận (${formatDateTime(due)}) phải trước giờ khai mạc hội nghị (${formatDateTime(startsAt)}).`);
  if (due.getTime() <= now.getTime()) throw badRequest(`Hạn nộp tham luận (${formatDateTime(due)}) đã qua; hãy chọn một thời điểm sau.`);
  return due;
}

async function checkPresenter(db: Db, personId: number | null | undefined, unitId: number, onDate: string, unitName: string): Promise<number | null> {
  if (personId == null) return null;
  const [p] = await conferencesRepo.peopleOn(db, [personId], onDate);
  if (!p) throw badRequest(`Không có cán bộ mã ${personId} trong danh bạ.`);
  if (p.org_unit_id !== unitId) throw badRequest(`${p.full_name} không phải cán bộ của ${unitName} vào ngày hội nghị.`);
  return p.id;
}

export type AskInput = { unitId: number; topic: string; dueAt: string; presenterPersonId?: number | null };

/**
 * Asks an invited unit for a presentation: linked to the first free "tham luận" item of the agenda (which then names
 * the unit and the topic), and the unit is told in the app. One unit gives at most one presentation per conference.
 */
export async function askPresentation(db: Db, actor: Actor, by: AuditActor, id: number, input: AskInput, now: Date): Promise<number> {
  return db.tx(async (t) => {
    const loaded = await loadVisibleConference(t, actor, id, true);
    requireConference(actor, 'plan', loaded);
    const c = loaded.conference;
    const inv = await invitationsRepo.byUnit(t, c.id, input.unitId);
    if (!inv) {
      const u = await conferencesRepo.unit(t, input.unitId);
      throw badRequest(u ? `${u.name} chưa được mời dự hội nghị; hãy mời đơn vị trước khi đề nghị tham luận.` : `Không có đơn vị mã ${input.unitId}.`);
    }
    if (inv.status === 'declined') throw badRequest(`${inv.unit_name} đã báo vắng mặt nên không trình bày tham luận được.`);
    if (await presentationsRepo.ofUnit(t, c.id, input.unitId)) throw conflict(`${inv.unit_name} đã được đề nghị một bài tham luận ở hội nghị này.`);
    const topic = clean(input.topic);
    if (!topic) throw badRequest('Chủ đề tham luận không được để trống.');
    const dueAt = parseDue(input.dueAt, c.starts_at, now);
    const presenterPersonId = await checkPresenter(t, input.presenterPersonId, input.unitId, vnDateOf(c.starts_at), inv.unit_name);
    const agendaItemId = await presentationsRepo.freeAgendaItem(t, c.id);
    const row = await presentationsRepo.insert(t, c.id, { unitId: input.unitId, topic, dueAt, presenterPersonId, agendaItemId });
    if (agendaItemId !== null)
      await agendaRepo.assignPresentation(t, agendaItemId, `Tham luận: ${topic}`, input.unitId, presenterPersonId);
    if (c.status === 'invited') await tellUnit(t, c.id, c.title, input.unitId, topic, dueAt);
    await audit(t, by, {
      action: 'conference.presentation.ask', entityType: 'conference', entityId: c.id, orgUnitId: input.unitId,
      after: { presentationId: row.id, topic, dueAt: dueAt.toISOString(), presenterPersonId, agendaItemId },
    });
    return row.id;
  });
}

/** The unit's in-app task notice (once per presentation). */
async function tellUnit(t: Db, conferenceId: number, title: string, unitId: number, topic: string, dueAt: Date) {
  await notify(t, {
    orgUnitId: unitId, kind: 'conference.presentation', title: `Đề nghị trình bày tham luận: ${topic}`,
    body: `Tại ${title}. Đề nghị đơn vị gửi bài tham luận (.docx, .pdf hoặc .pptx) trước ${formatDateTime(dueAt)}.`,
    link: conferencePath(conferenceId), dedupeKey: `conference-presentation:${conferenceId}:${unitId}`,
  });
}

/** When the invitations go out, units asked before then are told too. */
export async function tellAskedUnits(t: Db, conferenceId: number): Promise<void> {
  const c = await conferencesRepo.byId(t, conferenceId);
  if (!c) return;
  for (const p of await presentationsRepo.list(t, conferenceId)) await tellUnit(t, conferenceId, c.title, p.org_unit_id, p.topic, p.due_at);
}

export type PresentationPatch = { topic?: string; dueAt?: string; presenterPersonId?: number | null };

export async function updatePresentation(db: Db, actor: Actor, by: AuditActor, id: number, pid: number, input: PresentationPatch, now: Date): Promise<void> {
  await db.tx(async (t) => {
    const loaded = await loadVisibleConference(t, actor, id, true);
    requireConference(actor, 'plan', loaded);
    const cur = await presentationsRepo.byId(t, id, pid, true);
    if (!cur) throw notFound(PRESENTATION_NOT_FOUND);
    const topic = input.topic !== undefined ? clean(input.topic) : cur.topic;
    if (!topic) throw badRequest('Chủ đề tham luận không được để trống.');
    const dueAt = input.dueAt !== undefined ? parseDue(input.dueAt, loaded.conference.starts_at, now) : cur.due_at;
    const presenterPersonId =
      input.presenterPersonId !== undefined
        ? await checkPresenter(t, input.presenterPersonId, cur.org_unit_id, vnDateOf(loaded.conference.starts_at), cur.unit_name)
        : cur.presenter_person_id;
    await presentationsRepo.update(t, pid, { topic, dueAt, presenterPersonId });
    await audit(t, by, {
      action: 'conference.presentation.update', entityType: 'conference', entityId: id, orgUnitId: cur.org_unit_id,
      before: { presentationId: pid, topic: cur.topic, dueAt: cur.due_at.toISOString(), presenterPersonId: cur.presenter_person_id },
      after: { topic, dueAt: dueAt.toISOString(), presenterPersonId },
    });
  });
}

/** Withdraws a request; a presentation whose file is in is kept (409): nothing uploaded is lost. */
export async function withdrawPresentation(db: Db, actor: Actor, by: AuditActor, id: number, pid: number): Promise<void> {
  await db.tx(async (t) => {
    const loaded = await loadVisibleConference(t, actor, id, true);
    requireConference(actor, 'plan', loaded);
    const cur = await presentationsRepo.byId(t, id, pid, true);
    if (!cur) throw notFound(PRESENTATION_NOT_FOUND);
    if (cur.file_name) throw conflict(`${cur.unit_name} đã nộp bài tham luận "${cur.file_name}"; không rút đề nghị được nữa.`);
    await presentationsRepo.remove(t, pid);
    await audit(t, by, { action: 'conference.presentation.withdraw', entityType: 'conference', entityId: id, orgUnitId: cur.org_unit_id, before: { presentationId: pid, topic: cur.topic } });
  });
}

/** The presentations the actor may see: the department all of them, a unit its own. */
export async function listPresentations(db: Db, actor: Actor, loaded: LoadedConference): Promise<PresentationRow[]> {
  const all = await presentationsRepo.list(db, loaded.conference.id);
  return UNIT_ROLES.includes(actor.role) ? all.filter((p) => p.org_unit_id === actor.orgUnitId) : all;
}

/** One presentation the actor may see; another unit's answers 404. */
export async function loadPresentation(db: Db, actor: Actor, loaded: LoadedConference, pid: number): Promise<PresentationRow> {
  const p = await presentationsRepo.byId(db, loaded.conference.id, pid);
  if (!p || (UNIT_ROLES.includes(actor.role) && p.org_unit_id !== actor.orgUnitId)) throw notFound(PRESENTATION_NOT_FOUND);
  return p;
}

/** Stores (or replaces) the unit's file, until the due date. Typed by content before anything is written. */
export async function uploadPresentation(
  db: Db, actor: Actor, by: AuditActor, id: number, pid: number, file: { filename: string; content: Buffer }, now: Date,
): Promise<void> {
  const pre = await loadVisibleConference(db, actor, id);
  const p0 = await loadPresentation(db, actor, pre, pid);
  requireConference(actor, 'present', pre, p0.org_unit_id);
  if (file.content.length === 0) throw badRequest('Tệp tải lên không có nội dung (0 byte).');
  const kind = await detectPresentation(file.content, file.filename);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  await db.tx(async (t) => {
    const loaded = await loadVisibleConference(t, actor, id, true);
    const cur = await presentationsRepo.byId(t, id, pid, true);
    if (!cur) throw notFound(PRESENTATION_NOT_FOUND);
    requireConference(actor, 'present', loaded, cur.org_unit_id);
    if (now.getTime() > cur.due_at.getTime())
      throw conflict(`Đã quá hạn nộp tham luận (${formatDateTime(cur.due_at)}); ${cur.file_name ? 'bài đã nộp được giữ nguyên. ' : ''}Đề nghị liên hệ Văn phòng Sở.`);
    await presentationsRepo.storeFile(t, pid, { name: kind.filename, mime: kind.mime, size: file.content.length, sha256, content: file.content, userId: actor.id, at: now });
    await audit(t, by, {
      action: cur.file_name ? 'conference.presentation.replace' : 'conference.presentation.upload', entityType: 'conference', entityId: id, orgUnitId: cur.org_unit_id,
      before: cur.file_name ? { presentationId: pid, filename: cur.file_name, size: cur.file_size, sha256: cur.file_sha256 } : undefined,
      after: { presentationId: pid, filename: kind.filename, mime: kind.mime, size: file.content.length, sha256 },
    });
  });
}

export async function presentationFile(db: Db, actor: Actor, loaded: LoadedConference, pid: number): Promise<{ row: PresentationRow; content: Buffer }> {
  const row = await loadPresentation(db, actor, loaded, pid);
  const content = row.file_name ? await presentationsRepo.content(db, pid) : null;
  if (!content) throw notFound(`${row.unit_name} chưa nộp bài tham luận.`);
  return { row, content: Buffer.from(content) };
}

// ─────────────────────────── reminders (scheduler) ───────────────────────────

/** Units are reminded this long before their presentation is due. */
export const PRESENTATION_REMINDER_HOURS = 48;

/**
 * Reminds each unit whose presentation is due within PRESENTATION_REMINDER_HOURS and not yet uploaded: once per
 * presentation (dedupe key), in the app and by e-mail when SMTP is set. Idempotent; returns the reminders made.
 */
export async function runPresentationReminders(db: Db, now: Date, config?: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'publicUrl'>): Promise<number> {
  let made = 0;
  for (const p of await presentationsRepo.dueSoon(db, now, PRESENTATION_REMINDER_HOURS)) {
    const title = `Sắp đến hạn nộp tham luận: ${p.topic}`;
    const body = `${p.unit_name} chưa nộp bài tham luận cho ${p.conference_title}. Hạn nộp: ${formatDateTime(p.due_at)}.`;
    const id = await db.tx(async (t) => {
      const n = await notify(t, {
        orgUnitId: p.org_unit_id, kind: 'conference.presentation.reminder', title, body, link: conferencePath(p.conference_id),
        dedupeKey: `conference-presentation-due:${p.id}`,
      });
      if (n !== null) await presentationsRepo.markReminded(t, p.id, now);
      return n;
    });
    if (id === null) continue;
    made++;
    if (config?.smtpUrl) {
      const to = await invitationsRepo.unitEmails(db, p.org_unit_id);
      if (to.length) {
        const r = await deliverMail(config, { to, subject: title, text: `${body}\n\n${(config.publicUrl ?? '').replace(/\/+$/, '')}${conferencePath(p.conference_id)}` });
        if (r.sent) await presentationsRepo.markNotificationEmailed(db, id);
      }
    }
  }
  return made;
}
