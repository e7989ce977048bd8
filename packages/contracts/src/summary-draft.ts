/**
 * The summary report once the office edits it (dự thảo báo cáo tổng kết): its states, the transitions between them
 * and who may do what in which state. One table, used by the server to authorize and sent to the web as `abilities`.
 *
 *   draft ─submit (Trình ký)→ submitted ─approve (number, lock)→ approved
 *   submitted ─return (with a comment)→ draft
 *
 * While a draft, its figures are fields that refresh from analytics; from submission on they are frozen. An approved
 * report is locked: only its signed copy (PDF) can still be added.
 */
import { type Actor, canDo } from './policy.js';

export const SUMMARY_DRAFT_STATES = ['draft', 'submitted', 'approved'] as const;
export type SummaryDraftState = (typeof SUMMARY_DRAFT_STATES)[number];
export const SUMMARY_DRAFT_STATE_LABELS: Record<SummaryDraftState, { vi: string; en: string; color: string }> = {
  draft: { vi: 'Dự thảo', en: 'Draft', color: 'default' },
  submitted: { vi: 'Chờ Giám đốc duyệt', en: 'Awaiting approval', color: 'processing' },
  approved: { vi: 'Đã duyệt, đã cấp số', en: 'Approved and numbered', color: 'success' },
};

export const SUMMARY_DRAFT_TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', audit: 'summary_report.submit' },
  return: { from: ['submitted'], to: 'draft', audit: 'summary_report.return' },
  approve: { from: ['submitted'], to: 'approved', audit: 'summary_report.approve' },
} as const satisfies Record<string, { from: readonly SummaryDraftState[]; to: SummaryDraftState; audit: string }>;
export type SummaryDraftTransition = keyof typeof SUMMARY_DRAFT_TRANSITIONS;

/** The state a transition leads to from `from`, or null when the table has no such edge. */
export function nextSummaryDraftState(from: SummaryDraftState, name: SummaryDraftTransition): SummaryDraftState | null {
  const t = SUMMARY_DRAFT_TRANSITIONS[name];
  return (t.from as readonly SummaryDraftState[]).includes(from) ? t.to : null;
}

export const SUMMARY_DRAFT_ACTIONS = ['view', 'create', 'edit', 'refresh', 'submit', 'return', 'approve', 'uploadSigned'] as const;
export type SummaryDraftAction = (typeof SUMMARY_DRAFT_ACTIONS)[number];

/**
 * Who may do what to a summary report in a state (null: none exists yet).
 * - view: those who compile and read the report (completeness.read: office, directorate, reviewers, viewers).
 * - create: the office, when none exists for the period.
 * - edit, refresh: the office, while a draft.
 * - submit: the office, a draft.
 * - return, approve: the director, once submitted.
 * - uploadSigned: the office or the director, once approved.
 */
export function canSummaryDraft(a: Pick<Actor, 'role'>, action: SummaryDraftAction, state: SummaryDraftState | null): boolean {
  const writer = canDo(a, 'summary.write');
  switch (action) {
    case 'view':
      return canDo(a, 'completeness.read');
    case 'create':
      return writer && state === null;
    case 'edit':
    case 'refresh':
    case 'submit':
      return writer && state === 'draft';
    case 'return':
    case 'approve':
      return canDo(a, 'summary.approve') && state === 'submitted';
    case 'uploadSigned':
      return (writer || canDo(a, 'summary.approve')) && state === 'approved';
  }
}

export function summaryDraftAbilities(a: Pick<Actor, 'role'>, state: SummaryDraftState | null): Record<SummaryDraftAction, boolean> {
  return Object.fromEntries(SUMMARY_DRAFT_ACTIONS.map((k) => [k, canSummaryDraft(a, k, state)])) as Record<SummaryDraftAction, boolean>;
}

/** The signed copy: a PDF of at most this size. */
export const SUMMARY_SIGNED_MAX_BYTES = 20 * 1024 * 1024;
export const SUMMARY_SIGNED_MAX_TEXT = '20 MB';
