/**
 * The status transitions of a unit's submission. Who may take each one is the contracts policy
 * (`can(actor, transition.action, subject)`); this table says where each one leads and what it records.
 *
 *   draft     ─submit→  submitted        returned ─submit→ submitted
 *   submitted ─recall→  draft            (unit head, before review)
 *   submitted ─approve→ approved         (locks the figures)
 *   submitted ─return→  returned         (comment required)
 *   approved  ─unlock→  returned         (office/admin, reason required)
 */
import type { SubmissionAction, SubmissionStatus } from '@nhip/contracts';

export type StoredStatus = Exclude<SubmissionStatus, 'not_started'>;

export type Transition = {
  /** The policy action that must be allowed. */
  action: SubmissionAction;
  from: readonly StoredStatus[];
  to: StoredStatus;
  /** audit_events.action */
  audit: string;
  /** Whether a comment (return) or reason (unlock) must accompany it. */
  note: 'none' | 'optional' | 'required';
  /** Which columns the transition stamps: the submitter, the reviewer, or clears the submission stamp. */
  stamps: 'submitted' | 'reviewed' | 'recalled';
  /** Who is told: the unit, or the reviewing division. */
  notify: 'unit' | 'division' | null;
};

export const TRANSITIONS = {
  submit: { action: 'submit', from: ['draft', 'returned'], to: 'submitted', audit: 'submission.submit', note: 'none', stamps: 'submitted', notify: 'division' },
  recall: { action: 'recall', from: ['submitted'], to: 'draft', audit: 'submission.recall', note: 'optional', stamps: 'recalled', notify: 'division' },
  approve: { action: 'approve', from: ['submitted'], to: 'approved', audit: 'submission.approve', note: 'optional', stamps: 'reviewed', notify: 'unit' },
  return: { action: 'return', from: ['submitted'], to: 'returned', audit: 'submission.return', note: 'required', stamps: 'reviewed', notify: 'unit' },
  unlock: { action: 'unlock', from: ['approved'], to: 'returned', audit: 'submission.unlock', note: 'required', stamps: 'reviewed', notify: 'unit' },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TransitionName[];

/** The status a transition leads to from `from`, or null when the table has no such edge. */
export function nextStatus(from: SubmissionStatus, name: TransitionName): StoredStatus | null {
  const t: Transition = TRANSITIONS[name];
  // A unit that has not started yet submits an empty draft: its row is created as 'draft' first.
  const effective = from === 'not_started' && name === 'submit' ? 'draft' : from;
  return (t.from as readonly string[]).includes(effective) ? t.to : null;
}

/** Statuses in which figures and narrative may change (the policy adds role, unit and open round). */
export const EDITABLE: readonly SubmissionStatus[] = ['not_started', 'draft', 'returned'];
