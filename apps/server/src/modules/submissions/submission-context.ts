/**
 * Every use case on a unit's report starts here: load round × unit × submission, build the policy subject,
 * and answer 404 when the actor may not see it (another unit's report does not exist for them).
 */
import {
  type Actor, SUBMISSION_STATUSES, type SubmissionAction, type SubmissionStatus, type SubmissionSubject, can, canSee,
} from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { type RoundRow, getRound, unitInRound } from '../rounds/rounds.service.js';
import { type SubmissionRow, submissionsRepo } from './submissions.repository.js';

/** The acting person: the policy's Actor plus what the audit log records. */
export type SubmissionActor = Actor & { username?: string | null; ip?: string | null };

export type UnitInRound = NonNullable<Awaited<ReturnType<typeof unitInRound>>>;

export type EntryContext = {
  round: RoundRow;
  unit: UnitInRound;
  submission: SubmissionRow | null;
  subject: SubmissionSubject;
};

export const REPORT_NOT_FOUND = 'Không tìm thấy báo cáo của đơn vị trong đợt báo cáo này.';
export const ROUND_NOT_FOUND = 'Không tìm thấy đợt báo cáo.';

export const auditActorOf = (a: SubmissionActor) => ({ id: a.id, name: a.username ?? null, ip: a.ip ?? null });

export function subjectOf(round: RoundRow, unitId: number, submission: SubmissionRow | null): SubmissionSubject {
  return {
    orgUnitId: unitId,
    status: (submission?.status ?? 'not_started') as SubmissionStatus,
    formDivisionId: round.form_division_id,
    roundOpen: round.status === 'open',
  };
}

/** Loads round × unit; `lock` takes the submission row lock (FOR UPDATE) for a use case that changes it. */
export async function loadContext(db: Db, actor: Actor, roundId: number, unitId: number, lock = false): Promise<EntryContext> {
  const round = await getRound(db, roundId);
  if (!round) throw notFound(ROUND_NOT_FOUND);
  const unit = await unitInRound(db, roundId, unitId);
  if (!unit) throw notFound(REPORT_NOT_FOUND);
  const submission = await submissionsRepo.find(db, roundId, unitId, lock);
  const subject = subjectOf(round, unitId, submission);
  if (!canSee(actor, subject)) throw notFound(REPORT_NOT_FOUND);
  return { round, unit, submission, subject };
}

const ROLE_MESSAGES: Record<SubmissionAction, string> = {
  view: 'Bạn không có quyền xem báo cáo này.',
  edit: 'Chỉ cán bộ của đơn vị mới nhập được số liệu báo cáo của đơn vị.',
  submit: 'Chỉ cán bộ của đơn vị mới nộp được báo cáo của đơn vị.',
  recall: 'Chỉ lãnh đạo đơn vị mới rút lại được báo cáo đã nộp.',
  approve: 'Chỉ phòng chuyên môn phụ trách biểu mẫu, Văn phòng Sở hoặc quản trị mới duyệt được báo cáo.',
  return: 'Chỉ phòng chuyên môn phụ trách biểu mẫu, Văn phòng Sở hoặc quản trị mới trả lại được báo cáo.',
  unlock: 'Chỉ Văn phòng Sở hoặc quản trị mới mở khóa được báo cáo đã duyệt.',
  history: 'Bạn không có quyền xem lịch sử thay đổi của báo cáo.',
};

export const LOCKED_MESSAGE = 'Báo cáo đã được duyệt và khóa số liệu.';

function stateMessage(action: SubmissionAction, s: SubmissionSubject): string {
  const editable = s.status === 'not_started' || s.status === 'draft' || s.status === 'returned';
  switch (action) {
    case 'edit':
    case 'submit':
      if (editable && !s.roundOpen) return 'Đợt báo cáo đã đóng, không thể sửa hoặc nộp báo cáo.';
      if (s.status === 'approved') return `${LOCKED_MESSAGE} Không thể sửa hoặc nộp lại.`;
      return action === 'edit'
        ? 'Báo cáo đã nộp/đã duyệt, không thể sửa. Lãnh đạo đơn vị có thể rút lại báo cáo khi chưa được duyệt.'
        : 'Báo cáo đã được nộp.';
    case 'recall':
      return s.status === 'approved' ? `${LOCKED_MESSAGE} Không thể rút lại.` : 'Chỉ rút lại được báo cáo đã nộp và chưa được duyệt.';
    case 'approve':
    case 'return':
      if (s.status === 'approved') return 'Báo cáo đã được duyệt.';
      return s.status === 'returned' ? 'Báo cáo đã được trả lại cho đơn vị.' : 'Đơn vị chưa nộp báo cáo, chưa thể thẩm định.';
    case 'unlock':
      return 'Chỉ mở khóa được báo cáo đã duyệt.';
    default:
      return 'Không thể thực hiện thao tác này ở trạng thái hiện tại của báo cáo.';
  }
}

/**
 * Allows the action or explains the refusal: 404 when the actor may not see the report, 403 when their role
 * may never do it, 409 when they could in another state (or with the round open).
 */
export function authorize(actor: Actor, action: SubmissionAction, subject: SubmissionSubject): void {
  if (!canSee(actor, subject)) throw notFound(REPORT_NOT_FOUND);
  if (can(actor, action, subject)) return;
  const possible = SUBMISSION_STATUSES.some((status) => can(actor, action, { ...subject, status, roundOpen: true }));
  if (!possible) throw forbidden(ROLE_MESSAGES[action]);
  throw conflict(stateMessage(action, subject));
}

/**
 * The submission row, locked, creating the unit's draft when there is none yet. Re-checks the policy
 * against the row as it is once locked (someone may have created or moved it meanwhile).
 */
export async function lockOrCreate(
  db: Db,
  actor: SubmissionActor,
  ctx: EntryContext,
  action: SubmissionAction,
  now: Date,
): Promise<{ submission: SubmissionRow; created: boolean }> {
  if (ctx.submission) {
    authorize(actor, action, ctx.subject);
    return { submission: ctx.submission, created: false };
  }
  authorize(actor, action, ctx.subject);
  const inserted = await submissionsRepo.insertDraft(db, ctx.round.id, ctx.unit.id, actor.id, now);
  if (inserted) return { submission: inserted, created: true };
  const existing = await submissionsRepo.find(db, ctx.round.id, ctx.unit.id, true);
  if (!existing) throw new Error('submission vanished while locking');
  authorize(actor, action, subjectOf(ctx.round, ctx.unit.id, existing));
  return { submission: existing, created: false };
}
