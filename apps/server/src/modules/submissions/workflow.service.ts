/**
 * Submit, recall, approve, return, unlock: one transaction each, with the row locked, the policy re-checked on
 * the locked row, the audit event and the notification written inside it.
 */
import { type Issue, blockingIssues, formatNumber, normalizeText, parsePeriod, periodLabel } from '@nhip/contracts';
import { audit } from '../../platform/audit.js';
import { trackCells, valueScopes } from '../analytics/analytics.cells.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, unprocessable } from '../../platform/errors.js';
import { notify } from '../notifications/notifications.service.js';
import { intakeReport } from '../follow-up/intake.service.js';
import { storedIssues } from './entry.service.js';
import { loadFormStructure } from './form-structure.js';
import { type EntryContext, type SubmissionActor, auditActorOf, loadContext, lockOrCreate } from './submission-context.js';
import { TRANSITIONS, type Transition, type TransitionName } from './submission-workflow.js';
import { type SubmissionRow, submissionsRepo } from './submissions.repository.js';

export const MAX_REVIEW_COMMENT_CHARS = 5000;

const NOTE_REQUIRED: Partial<Record<TransitionName, string>> = {
  return: 'Vui lòng ghi rõ lý do trả lại để đơn vị biết cần sửa gì.',
  unlock: 'Vui lòng ghi rõ lý do mở khóa báo cáo đã duyệt.',
};

function cleanNote(name: TransitionName, t: Transition, note: string | undefined): string | null {
  if (t.note === 'none') return null;
  const text = note === undefined ? '' : normalizeText(note);
  if (t.note === 'required' && text === '') throw badRequest(NOTE_REQUIRED[name] ?? 'Vui lòng nhập ghi chú.');
  if (text.length > MAX_REVIEW_COMMENT_CHARS) throw badRequest(`Ghi chú dài quá ${formatNumber(MAX_REVIEW_COMMENT_CHARS)} ký tự.`);
  return text === '' ? null : text;
}

async function tell(db: Db, name: TransitionName, ctx: EntryContext, note: string | null) {
  const t: Transition = TRANSITIONS[name];
  const p = parsePeriod(ctx.round.period);
  const what = `${ctx.round.form_name} – ${p ? periodLabel(p, 'vi') : ctx.round.period}`;
  const link = `/rounds/${ctx.round.id}/units/${ctx.unit.id}`;
  if (t.notify === 'unit') {
    const title = {
      approve: `Báo cáo đã được duyệt: ${what}`,
      return: `Báo cáo bị trả lại: ${what}`,
      unlock: `Báo cáo đã duyệt được mở khóa để chỉnh sửa: ${what}`,
    }[name as 'approve' | 'return' | 'unlock'];
    const body = note ? `${name === 'unlock' ? 'Lý do' : 'Ý kiến'}: ${note}` : '';
    await notify(db, { orgUnitId: ctx.unit.id, kind: `submission.${name}`, title, body, link });
  } else if (t.notify === 'division' && ctx.round.form_division_id !== null) {
    const title = name === 'submit' ? `${ctx.unit.name} đã nộp báo cáo: ${what}` : `${ctx.unit.name} đã rút lại báo cáo: ${what}`;
    await notify(db, { orgUnitId: ctx.round.form_division_id, kind: `submission.${name}`, title, body: note ? `Lý do: ${note}` : '', link });
  }
}

export type TransitionResult = { submission: SubmissionRow; issues: Issue[]; context: EntryContext };

/**
 * Takes a transition. Submission is refused with 422 (and nothing changes) while the report has blocking
 * issues: errors, and warnings whose value carries no explanatory comment.
 */
export async function transition(
  db: Db,
  actor: SubmissionActor,
  roundId: number,
  unitId: number,
  name: TransitionName,
  input: { comment?: string },
  now: Date,
): Promise<TransitionResult> {
  const t: Transition = TRANSITIONS[name];
  return db.tx(async (tx) => {
    const ctx = await loadContext(tx, actor, roundId, unitId, true);
    const { submission: locked } = await lockOrCreate(tx, actor, ctx, t.action, now);
    const note = cleanNote(name, t, input.comment);
    let issues: Issue[] = [];
    if (name === 'submit') {
      issues = await storedIssues(tx, ctx.round, ctx.unit.id, await loadFormStructure(tx, ctx.round.form_id));
      const blocking = blockingIssues(issues);
      if (blocking.length > 0) {
        throw unprocessable(
          `Báo cáo chưa nộp được: còn ${blocking.length} lỗi hoặc cảnh báo chưa giải trình. Vui lòng sửa số liệu, hoặc ghi chú giải thích cho các cảnh báo, rồi nộp lại.`,
          { issues, blocking },
        );
      }
    }
    const move = () => submissionsRepo.transition(tx, locked.id, t.from, t.to, t.stamps, note, actor.id, now);
    // Approving makes the report's figures count in analytics, unlocking stops them: the analytics cells
    // follow in this same transaction.
    const updated = t.from.includes('approved') || t.to === 'approved'
      ? await trackCells(tx, () => valueScopes(tx, locked.id), move)
      : await move();
    if (!updated) throw conflict('Trạng thái báo cáo vừa thay đổi; vui lòng tải lại.');
    await audit(tx, auditActorOf(actor), {
      action: t.audit, entityType: 'submission', entityId: locked.id, orgUnitId: ctx.unit.id,
      before: { status: locked.status }, after: { status: updated.status, ...(note ? { comment: note } : {}) },
    });
    await tell(tx, name, ctx, note);
    // Follow-up intake: the approved report's difficulties and proposals enter the owning divisions' triage queues.
    if (name === 'approve') await intakeReport(tx, auditActorOf(actor), locked.id, now);
    return { submission: updated, issues, context: ctx };
  });
}
