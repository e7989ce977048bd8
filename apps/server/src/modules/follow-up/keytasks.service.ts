/**
 * Key tasks (nhiệm vụ trọng tâm) of a period: an owner division, a deadline, progress and dated updates; at the
 * period's end each is carried over (a new task in the next period with carried_from_id, its progress kept) or closed
 * with its result (done, or closed not done).
 *
 * Where they come from:
 * - the conference (when its conclusion notice is issued, through intake.service.ts): the reviewed period's
 *   conclusion and directive points of kind **decision** are what the department and the province decide to do in the
 *   coming period, so each becomes a key task of the period after the one reviewed (keyTaskPeriodAfter: a year → the
 *   next year, a quarter → the next quarter, six months → the next six months, nine months → the fourth quarter),
 *   with the point's owner, sector and deadline (else the period's last day). A point of kind **task** has an owner
 *   and a deadline of its own and is tracked as a recommendation instead (the triage queue); an **information** point
 *   records what was done and asks nothing;
 * - the draft summary report's part III for a period (`POST /api/key-tasks/from-report`): its next-period tasks
 *   (assembleSummaryReport.nextTasks: the units' marked next-period sections, else the proposals raised by most
 *   units), for the period after it, without owner until the office assigns one;
 * - by hand (the office).
 * A text already among the period's tasks (compared as the summary report compares points) is not added again.
 */
import {
  type Actor, canKeyTask, formatDate, formatDateTime, type KeyTaskAction, type KeyTaskSource, type KeyTaskState, nextPeriod, normalizeText, parsePeriod, type Period,
} from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { MERGE_SIMILARITY, pointKey, similarity } from '../reports/summary-report.points.js';
import { assembleSummaryReport, summaryPeriod } from '../reports/summary-report.service.js';
import { isIsoDate, vnDateOf } from '../rounds/rounds.service.js';
import type { PointForIntake } from './intake.repository.js';
import { presentKeyTask } from './keytasks.presenter.js';
import { type KeyTaskPatch, type KeyTaskRow, keyTasksRepo } from './keytasks.repository.js';

export const MAX_KEY_TASK_CHARS = 2000;
export const MAX_RESULT_CHARS = 5000;
export const KEY_TASK_NOT_FOUND = 'Không tìm thấy nhiệm vụ trọng tâm này.';

export type Who = Actor & { auditActor: AuditActor; name: string };

/** The period whose key tasks a review of `period` sets (see the module comment). */
export function keyTaskPeriodAfter(period: string): Period {
  const p = parsePeriod(period);
  if (!p) throw badRequest(`Kỳ "${period.slice(0, 20)}" không hợp lệ.`);
  if (p.type === 'NineMonthly') return parsePeriod(`${p.year}Q4`)!;
  return nextPeriod(p);
}

const subjectOf = (t: KeyTaskRow) => ({ state: t.state, ownerDivisionId: t.owner_division_id });

const REASONS: Record<KeyTaskAction, string> = {
  view: 'Bạn không có quyền xem nhiệm vụ trọng tâm.',
  update: 'Chỉ phòng chủ trì và Văn phòng Sở cập nhật tiến độ nhiệm vụ đang thực hiện.',
  edit: 'Chỉ Văn phòng Sở sửa nhiệm vụ trọng tâm đang thực hiện.',
  close: 'Chỉ Văn phòng Sở chuyển kỳ hoặc đóng nhiệm vụ trọng tâm đang thực hiện.',
};

/** 403 with the reason, or nothing. */
export function requireKeyTask(actor: Actor, action: KeyTaskAction, t: KeyTaskRow): void {
  if (!canKeyTask(actor, action, subjectOf(t))) throw forbidden(REASONS[action]);
}

/** The task, or 404 (also for a unit, which does not see the department's key tasks). */
export async function loadVisibleKeyTask(db: Db, actor: Actor, id: number, lock = false): Promise<KeyTaskRow> {
  const t = await keyTasksRepo.byId(db, id, lock);
  if (!t || !canKeyTask(actor, 'view', subjectOf(t))) throw notFound(KEY_TASK_NOT_FOUND);
  return t;
}

export function requireKeyTaskList(actor: Actor): void {
  if (!canKeyTask(actor, 'view', { state: 'open', ownerDivisionId: null })) throw forbidden(REASONS.view);
}

const cleanText = (s: string, what: string, max: number) => {
  const t = normalizeText(s).trim();
  if (!t) throw badRequest(`Vui lòng nhập ${what}.`);
  if (t.length > max) throw badRequest(`${what[0].toUpperCase()}${what.slice(1)} dài quá ${max} ký tự.`);
  return t;
};

async function ownerOf(db: Db, code: string | null | undefined): Promise<number | null | undefined> {
  if (code === undefined) return undefined;
  if (code === null || code === '') return null;
  const u = await keyTasksRepo.unitByCode(db, code);
  if (!u) throw badRequest(`Không có đơn vị mã "${code}".`);
  if (u.type !== 'division') throw badRequest(`"${u.name}" không phải là một phòng chuyên môn của Sở; nhiệm vụ trọng tâm giao cho một phòng.`);
  return u.id;
}

async function sectorOf(db: Db, code: string | null | undefined): Promise<number | null | undefined> {
  if (code === undefined) return undefined;
  if (code === null || code === '') return null;
  const s = await keyTasksRepo.sectorByCode(db, code);
  if (!s) throw badRequest(`Không có lĩnh vực mã "${code}".`);
  return s.id;
}

function deadlineIn(value: string | null | undefined, p: Period): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (!isIsoDate(value)) throw badRequest(`Hạn hoàn thành "${value.slice(0, 20)}" không hợp lệ (ví dụ ${p.end}).`);
  if (value < p.start) throw badRequest(`Hạn hoàn thành phải từ ngày đầu kỳ (${formatDate(p.start)}) trở đi.`);
  return value;
}

const periodOrThrow = (id: string) => {
  const p = parsePeriod(id);
  if (!p) throw badRequest(`Kỳ "${id.slice(0, 20)}" không hợp lệ (ví dụ 2026, 2026Q1, 2026S1).`);
  return p;
};

export async function listKeyTasks(db: Db, actor: Actor, f: { period?: string; owner?: string; state?: KeyTaskState }): Promise<KeyTaskRow[]> {
  requireKeyTaskList(actor);
  if (f.period) periodOrThrow(f.period);
  let ownerId: number | undefined;
  if (f.owner) {
    const u = await keyTasksRepo.unitByCode(db, f.owner);
    if (!u) throw badRequest(`Không có đơn vị mã "${f.owner}".`);
    ownerId = u.id;
  }
  return keyTasksRepo.list(db, { period: f.period, ownerId, state: f.state });
}

export type KeyTaskInput = { period: string; text: string; owner?: string | null; sector?: string | null; deadline?: string | null };

export async function createKeyTask(db: Db, who: Who, input: KeyTaskInput, now: Date): Promise<KeyTaskRow> {
  if (!canKeyTask(who, 'edit', { state: 'open', ownerDivisionId: null })) throw forbidden(REASONS.edit);
  const p = periodOrThrow(input.period);
  const text = cleanText(input.text, 'nội dung nhiệm vụ', MAX_KEY_TASK_CHARS);
  return db.tx(async (tx) => {
    const ownerDivisionId = (await ownerOf(tx, input.owner)) ?? null;
    const sectorId = (await sectorOf(tx, input.sector)) ?? null;
    const deadline = deadlineIn(input.deadline, p) ?? p.end;
    const { id } = await keyTasksRepo.insert(tx, {
      period: p.id, text, source: 'manual', pointId: null, sectorId, ownerDivisionId, deadline, progress: 0, carriedFromId: null, createdBy: who.id,
    }, now);
    await audit(tx, who.auditActor, { action: 'key_task.create', entityType: 'key_task', entityId: id, after: { period: p.id, text, ownerDivisionId, sectorId, deadline } });
    return (await keyTasksRepo.byId(tx, id))!;
  });
}

function checkVersion(t: KeyTaskRow, version: number, actor: Actor): void {
  if (t.version !== version) throw conflictWith(t, actor);
}

/** 409: someone changed the task since the person read it; the task as it now is comes along. */
function conflictWith(t: KeyTaskRow, actor: Actor) {
  return conflict(`Nhiệm vụ này đã được người khác thay đổi lúc ${formatDateTime(t.updated_at)}; thay đổi của bạn chưa được lưu. Hãy xem nội dung mới rồi thao tác lại.`, {
    current: presentKeyTask(t, actor),
  });
}

export type KeyTaskPatchInput = { version: number; text?: string; owner?: string | null; sector?: string | null; deadline?: string | null };

export async function patchKeyTask(db: Db, who: Who, id: number, input: KeyTaskPatchInput, now: Date): Promise<KeyTaskRow> {
  return db.tx(async (tx) => {
    const t = await loadVisibleKeyTask(tx, who, id, true);
    requireKeyTask(who, 'edit', t);
    checkVersion(t, input.version, who);
    const p = periodOrThrow(t.period);
    const patch: KeyTaskPatch = {
      text: input.text === undefined ? undefined : cleanText(input.text, 'nội dung nhiệm vụ', MAX_KEY_TASK_CHARS),
      ownerDivisionId: await ownerOf(tx, input.owner),
      sectorId: await sectorOf(tx, input.sector),
      deadline: input.deadline === null ? p.end : deadlineIn(input.deadline, p),
    };
    if (!(await keyTasksRepo.update(tx, id, t.version, patch, now))) throw conflictWith(t, who);
    await audit(tx, who.auditActor, {
      action: 'key_task.update', entityType: 'key_task', entityId: id,
      before: { text: t.text, ownerDivisionId: t.owner_division_id, sectorId: t.sector_id, deadline: t.deadline }, after: patch,
    });
    return (await keyTasksRepo.byId(tx, id))!;
  });
}

export async function addKeyTaskUpdate(db: Db, who: Who, id: number, input: { text: string; progress?: number | null }, now: Date): Promise<KeyTaskRow> {
  return db.tx(async (tx) => {
    const t = await loadVisibleKeyTask(tx, who, id, true);
    requireKeyTask(who, 'update', t);
    const text = normalizeText(input.text ?? '').trim();
    const progress = input.progress ?? null;
    if (!text && progress === null) throw badRequest('Vui lòng ghi nội dung cập nhật hoặc tiến độ.');
    if (text.length > MAX_RESULT_CHARS) throw badRequest(`Nội dung cập nhật dài quá ${MAX_RESULT_CHARS} ký tự.`);
    await keyTasksRepo.insertUpdate(tx, { keyTaskId: id, text, progress, byUserId: who.id, byName: who.name, at: now });
    if (progress !== null && !(await keyTasksRepo.update(tx, id, t.version, { progress }, now))) throw conflictWith(t, who);
    await audit(tx, who.auditActor, { action: 'key_task.progress', entityType: 'key_task', entityId: id, before: { progress: t.progress }, after: { text, progress } });
    return (await keyTasksRepo.byId(tx, id))!;
  });
}

/** Carries an open task into the next period: it is closed as carried with its result, and a new task continues it. */
export async function carryKeyTask(db: Db, who: Who, id: number, input: { version: number; result: string }, now: Date): Promise<{ task: KeyTaskRow; next: KeyTaskRow }> {
  return db.tx(async (tx) => {
    const t = await loadVisibleKeyTask(tx, who, id, true);
    requireKeyTask(who, 'close', t);
    checkVersion(t, input.version, who);
    const result = cleanText(input.result, 'kết quả đạt được trong kỳ và lý do chuyển kỳ', MAX_RESULT_CHARS);
    const next = nextPeriod(t.period);
    const today = vnDateOf(now);
    if (!(await keyTasksRepo.update(tx, id, t.version, { state: 'carried', result, closedOn: today }, now))) throw conflictWith(t, who);
    const { id: nextId } = await keyTasksRepo.insert(tx, {
      period: next.id, text: t.text, source: t.source, pointId: t.point_id, sectorId: t.sector_id, ownerDivisionId: t.owner_division_id,
      deadline: t.deadline !== null && t.deadline > next.end ? t.deadline : next.end, progress: t.progress, carriedFromId: id, createdBy: who.id,
    }, now);
    await audit(tx, who.auditActor, { action: 'key_task.carry', entityType: 'key_task', entityId: id, before: { state: t.state }, after: { state: 'carried', result, next: nextId, period: next.id } });
    return { task: (await keyTasksRepo.byId(tx, id))!, next: (await keyTasksRepo.byId(tx, nextId))! };
  });
}

/** Closes an open task with its result: done, or closed not done. */
export async function closeKeyTask(db: Db, who: Who, id: number, input: { version: number; result: string; done: boolean }, now: Date): Promise<KeyTaskRow> {
  return db.tx(async (tx) => {
    const t = await loadVisibleKeyTask(tx, who, id, true);
    requireKeyTask(who, 'close', t);
    checkVersion(t, input.version, who);
    const result = cleanText(input.result, 'kết quả thực hiện', MAX_RESULT_CHARS);
    const state: KeyTaskState = input.done ? 'done' : 'closed';
    const patch: KeyTaskPatch = { state, result, closedOn: vnDateOf(now), progress: input.done ? 100 : undefined };
    if (!(await keyTasksRepo.update(tx, id, t.version, patch, now))) throw conflictWith(t, who);
    await audit(tx, who.auditActor, { action: 'key_task.close', entityType: 'key_task', entityId: id, before: { state: t.state, progress: t.progress }, after: patch });
    return (await keyTasksRepo.byId(tx, id))!;
  });
}

/** Is `text` already among `known` (compared as the summary report merges points)? */
function already(known: string[], text: string): boolean {
  const key = pointKey(text);
  return known.some((k) => k === key || similarity(k, key) >= MERGE_SIMILARITY);
}

/** The key tasks a concluded conference sets (its decision points; see the module comment). Returns how many were added. */
export async function keyTasksFromConference(
  db: Db, actor: AuditActor, c: { id: number; period: string }, decisions: PointForIntake[], now: Date,
): Promise<number> {
  if (!decisions.length) return 0;
  const p = keyTaskPeriodAfter(c.period);
  const have = await keyTasksRepo.pointsWithTask(db, decisions.map((d) => d.id));
  const known = (await keyTasksRepo.textsOf(db, p.id)).map((r) => pointKey(r.text));
  let added = 0;
  for (const d of decisions) {
    if (have.has(d.id) || already(known, d.text)) continue;
    const deadline = d.deadline !== null && d.deadline >= p.start ? d.deadline : p.end;
    const { id } = await keyTasksRepo.insert(db, {
      period: p.id, text: d.text, source: d.source as KeyTaskSource, pointId: d.id, sectorId: d.sector_id, ownerDivisionId: d.owner_division_id, deadline,
      progress: 0, carriedFromId: null, createdBy: actor.id,
    }, now);
    known.push(pointKey(d.text));
    await audit(db, actor, { action: 'key_task.create', entityType: 'key_task', entityId: id, after: { period: p.id, text: d.text, source: d.source, pointId: d.id, conferenceId: c.id } });
    added++;
  }
  return added;
}

/** The key tasks of the period after `period`, from the draft summary report's part III for `period`. */
export async function keyTasksFromReport(db: Db, who: Who, period: string, today: string, now: Date): Promise<{ period: string; created: KeyTaskRow[]; skipped: number }> {
  if (!canKeyTask(who, 'edit', { state: 'open', ownerDivisionId: null })) throw forbidden(REASONS.edit);
  const reviewed = summaryPeriod(period);
  const p = keyTaskPeriodAfter(reviewed.id);
  const report = await assembleSummaryReport(db, { period: reviewed.id, today });
  return db.tx(async (tx) => {
    const known = (await keyTasksRepo.textsOf(tx, p.id)).map((r) => pointKey(r.text));
    const created: KeyTaskRow[] = [];
    let skipped = 0;
    for (const raw of report.nextTasks) {
      const text = normalizeText(raw).trim().slice(0, MAX_KEY_TASK_CHARS);
      if (!text || already(known, text)) {
        skipped++;
        continue;
      }
      const { id } = await keyTasksRepo.insert(tx, {
        period: p.id, text, source: 'report', pointId: null, sectorId: null, ownerDivisionId: null, deadline: p.end, progress: 0, carriedFromId: null, createdBy: who.id,
      }, now);
      known.push(pointKey(text));
      created.push((await keyTasksRepo.byId(tx, id))!);
    }
    await audit(tx, who.auditActor, { action: 'key_task.from_report', entityType: 'key_task', entityId: null, after: { reviewed: reviewed.id, period: p.id, created: created.map((t) => t.id), skipped } });
    return { period: p.id, created, skipped };
  });
}
