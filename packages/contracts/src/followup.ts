/**
 * Follow-up of recommendations (kiến nghị): kinds, states, the transitions table, timeliness in the government's grid
 * (Decision 42/2014/QĐ-TTg as amended by 23/2018/QĐ-TTg), and who may do what. One table, used by the server to
 * authorize and sent to the web as `abilities`.
 *
 *   new ─assign→ assigned ─start→ in_progress ─complete→ done
 *                    │                 ├─reject→ cannot_do   (reason required)
 *                    └─────────────────┼─carry→ carried      (to the next period; reopens there as assigned)
 *   any open state ─merge→ merged (into another open recommendation; no self-merge, no cycle)
 *   done / cannot_do ─reopen→ in_progress (office)
 */
import type { Actor } from './policy.js';

export const RECOMMENDATION_KINDS = ['difficulty', 'proposal', 'conclusion', 'directive'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];
export const RECOMMENDATION_KIND_LABELS: Record<RecommendationKind, { vi: string; en: string }> = {
  difficulty: { vi: 'Khó khăn, vướng mắc', en: 'Difficulty' },
  proposal: { vi: 'Đề xuất, kiến nghị', en: 'Proposal' },
  conclusion: { vi: 'Nhiệm vụ theo kết luận', en: 'Conclusion task' },
  directive: { vi: 'Chỉ đạo của lãnh đạo tỉnh', en: 'Directive' },
};

export const RECOMMENDATION_STATES = ['new', 'assigned', 'in_progress', 'done', 'cannot_do', 'carried', 'merged'] as const;
export type RecommendationState = (typeof RECOMMENDATION_STATES)[number];
export const RECOMMENDATION_STATE_LABELS: Record<RecommendationState, { vi: string; en: string; color: string }> = {
  new: { vi: 'Mới tiếp nhận', en: 'New', color: 'default' },
  assigned: { vi: 'Đã giao', en: 'Assigned', color: 'processing' },
  in_progress: { vi: 'Đang giải quyết', en: 'In progress', color: 'blue' },
  done: { vi: 'Đã giải quyết', en: 'Done', color: 'success' },
  cannot_do: { vi: 'Không thể giải quyết', en: 'Cannot be done', color: 'warning' },
  carried: { vi: 'Chuyển kỳ sau', en: 'Carried over', color: 'purple' },
  merged: { vi: 'Đã gộp', en: 'Merged', color: 'default' },
};
/** States in which a recommendation is still being worked. */
export const OPEN_RECOMMENDATION_STATES: readonly RecommendationState[] = ['new', 'assigned', 'in_progress', 'carried'];

export const RECOMMENDATION_TRANSITIONS = {
  assign: { from: ['new'], to: 'assigned', note: 'none' },
  start: { from: ['assigned', 'carried'], to: 'in_progress', note: 'none' },
  complete: { from: ['assigned', 'in_progress', 'carried'], to: 'done', note: 'none' },
  reject: { from: ['new', 'assigned', 'in_progress', 'carried'], to: 'cannot_do', note: 'required' },
  carry: { from: ['assigned', 'in_progress'], to: 'carried', note: 'required' },
  merge: { from: ['new', 'assigned', 'in_progress', 'carried'], to: 'merged', note: 'none' },
  reopen: { from: ['done', 'cannot_do'], to: 'in_progress', note: 'required' },
} as const satisfies Record<string, { from: readonly RecommendationState[]; to: RecommendationState; note: 'none' | 'required' }>;
export type RecommendationTransition = keyof typeof RECOMMENDATION_TRANSITIONS;

export function nextRecommendationState(from: RecommendationState, name: RecommendationTransition): RecommendationState | null {
  const t = RECOMMENDATION_TRANSITIONS[name];
  return (t.from as readonly RecommendationState[]).includes(from) ? t.to : null;
}

// ─────────────────────────── timeliness (QĐ 42/2014, QĐ 23/2018) ───────────────────────────

export const TIMELINESS = ['done_on_time', 'done_late', 'open_within_deadline', 'open_overdue'] as const;
export type Timeliness = (typeof TIMELINESS)[number];
export const TIMELINESS_LABELS: Record<Timeliness, { vi: string; en: string; color: string }> = {
  done_on_time: { vi: 'Hoàn thành đúng hạn', en: 'Done on time', color: 'success' },
  done_late: { vi: 'Hoàn thành quá hạn', en: 'Done late', color: 'warning' },
  open_within_deadline: { vi: 'Chưa hoàn thành, trong hạn', en: 'Open, within the deadline', color: 'processing' },
  open_overdue: { vi: 'Chưa hoàn thành, quá hạn', en: 'Open and overdue', color: 'error' },
};

/**
 * Where a recommendation sits in the grid on `today` (YYYY-MM-DD). Done and cannot-be-done are both settled (a point
 * found impossible is answered, with its reason); a settled point is on time when it was settled on or before its
 * deadline. An open point without a deadline is within it. A merged point takes the grid cell of the point it was
 * merged into (the caller passes that point's state, closedOn and deadline).
 */
export function timelinessOf(r: { state: RecommendationState; deadline: string | null; closedOn: string | null }, today: string): Timeliness {
  const settled = r.state === 'done' || r.state === 'cannot_do';
  if (settled) return r.deadline === null || (r.closedOn ?? today) <= r.deadline ? 'done_on_time' : 'done_late';
  return r.deadline === null || today <= r.deadline ? 'open_within_deadline' : 'open_overdue';
}

// ─────────────────────────── policy ───────────────────────────

export type RecommendationSubject = {
  state: RecommendationState;
  ownerDivisionId: number | null;
  cooperatingUnitIds: readonly number[];
  /** Units that raised it (its sources). */
  raisedByUnitIds: readonly number[];
};

export const RECOMMENDATION_ACTIONS = ['view', 'update', 'transition', 'assign', 'answer', 'merge', 'edit'] as const;
export type RecommendationAction = (typeof RECOMMENDATION_ACTIONS)[number];

const owns = (a: Actor, s: RecommendationSubject) => a.role === 'reviewer' && a.orgUnitId !== null && a.orgUnitId === s.ownerDivisionId;
const cooperates = (a: Actor, s: RecommendationSubject) => a.orgUnitId !== null && s.cooperatingUnitIds.includes(a.orgUnitId);

/** May the actor see this recommendation at all? (false → 404) */
export function canSeeRecommendation(a: Actor, s: RecommendationSubject): boolean {
  switch (a.role) {
    case 'admin':
    case 'office':
    case 'director':
    case 'viewer':
      return true;
    case 'reviewer':
      return owns(a, s) || cooperates(a, s);
    case 'reporter':
    case 'unit_head':
      return a.orgUnitId !== null && (s.raisedByUnitIds.includes(a.orgUnitId) || cooperates(a, s));
  }
}

/**
 * - update: add a dated progress note or file — the owner division, co-operating units, the office.
 * - transition, answer: move the state, write the answer to the units — the owner division and the office.
 * - assign: set owner, co-operating units, deadline, deputy in charge — the office and the director.
 * - merge, edit (text, kind, sector): the office, and the owner division for its own.
 */
export function canRecommendation(a: Actor, action: RecommendationAction, s: RecommendationSubject): boolean {
  if (!canSeeRecommendation(a, s)) return false;
  const office = a.role === 'admin' || a.role === 'office';
  const open = (OPEN_RECOMMENDATION_STATES as readonly string[]).includes(s.state);
  switch (action) {
    case 'view':
      return true;
    case 'update':
      return open && (office || owns(a, s) || (cooperates(a, s) && a.role !== 'viewer'));
    case 'transition':
    case 'answer':
      return office || owns(a, s);
    case 'assign':
      return open && (office || a.role === 'director');
    case 'merge':
    case 'edit':
      return open && (office || owns(a, s));
  }
}

export function recommendationAbilities(a: Actor, s: RecommendationSubject): Record<RecommendationAction, boolean> {
  return Object.fromEntries(RECOMMENDATION_ACTIONS.map((k) => [k, canRecommendation(a, k, s)])) as Record<RecommendationAction, boolean>;
}

// ─────────────────────────── key tasks (nhiệm vụ trọng tâm) ───────────────────────────

export const KEY_TASK_STATES = ['open', 'done', 'carried', 'closed'] as const;
export type KeyTaskState = (typeof KEY_TASK_STATES)[number];
export const KEY_TASK_STATE_LABELS: Record<KeyTaskState, { vi: string; en: string; color: string }> = {
  open: { vi: 'Đang thực hiện', en: 'Open', color: 'processing' },
  done: { vi: 'Hoàn thành', en: 'Done', color: 'success' },
  carried: { vi: 'Chuyển sang kỳ sau', en: 'Carried over', color: 'purple' },
  closed: { vi: 'Đã đóng, chưa hoàn thành', en: 'Closed, not done', color: 'warning' },
};
export const KEY_TASK_SOURCES = ['directive', 'conclusion', 'report', 'manual'] as const;
export type KeyTaskSource = (typeof KEY_TASK_SOURCES)[number];

export type KeyTaskSubject = { state: KeyTaskState; ownerDivisionId: number | null };
export const KEY_TASK_ACTIONS = ['view', 'update', 'edit', 'close'] as const;
export type KeyTaskAction = (typeof KEY_TASK_ACTIONS)[number];

/**
 * Key tasks are the department's plan for a period.
 * - view: the department (office, director and deputies, divisions, viewer); a unit does not see them (404).
 * - update (a dated progress note): the office, and the owner division for its own, while open.
 * - edit (text, owner, sector, deadline) and close (carry over to the next period, or close with its result): the
 *   office, while open.
 */
export function canKeyTask(a: Actor, action: KeyTaskAction, s: KeyTaskSubject): boolean {
  if (a.role === 'reporter' || a.role === 'unit_head') return false;
  const office = a.role === 'admin' || a.role === 'office';
  const open = s.state === 'open';
  switch (action) {
    case 'view':
      return true;
    case 'update':
      return open && (office || (a.role === 'reviewer' && a.orgUnitId !== null && a.orgUnitId === s.ownerDivisionId));
    case 'edit':
    case 'close':
      return open && office;
  }
}

export function keyTaskAbilities(a: Actor, s: KeyTaskSubject): Record<KeyTaskAction, boolean> {
  return Object.fromEntries(KEY_TASK_ACTIONS.map((k) => [k, canKeyTask(a, k, s)])) as Record<KeyTaskAction, boolean>;
}
