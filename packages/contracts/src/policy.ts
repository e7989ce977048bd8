import type { Role, SubmissionStatus } from './roles.js';

/**
 * Who may do what to a unit's submission, in which state. One table, used by the server to authorize
 * and sent to the web as `abilities` so buttons follow the same rules.
 */
export type Actor = {
  id: number;
  role: Role;
  /** The actor's own org unit (reporting unit for reporter/unit_head, division for reviewer). */
  orgUnitId: number | null;
};

/** What the policy needs to know about a submission (or a not-yet-started unit × round). */
export type SubmissionSubject = {
  orgUnitId: number;
  status: SubmissionStatus;
  /** Division that reviews the form of this round. */
  formDivisionId: number | null;
  roundOpen: boolean;
};

export const SUBMISSION_ACTIONS = ['view', 'edit', 'submit', 'recall', 'approve', 'return', 'unlock', 'history'] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

const isOwnUnit = (a: Actor, s: SubmissionSubject) => a.orgUnitId !== null && a.orgUnitId === s.orgUnitId;
const isUnitRole = (a: Actor) => a.role === 'reporter' || a.role === 'unit_head';
const reviewsForm = (a: Actor, s: SubmissionSubject) =>
  a.role === 'office' || a.role === 'admin' || (a.role === 'reviewer' && a.orgUnitId !== null && a.orgUnitId === s.formDivisionId);

/** May the actor see this unit's submission at all? (false → the server answers 404) */
export function canSee(a: Actor, s: SubmissionSubject): boolean {
  switch (a.role) {
    case 'admin':
    case 'office':
    case 'director':
      return true;
    case 'viewer':
      return s.status === 'approved';
    case 'reviewer':
      return reviewsForm(a, s);
    case 'reporter':
    case 'unit_head':
      return isOwnUnit(a, s);
  }
}

export function can(a: Actor, action: SubmissionAction, s: SubmissionSubject): boolean {
  if (!canSee(a, s)) return false;
  const editable = s.status === 'not_started' || s.status === 'draft' || s.status === 'returned';
  switch (action) {
    case 'view':
      return true;
    case 'history':
      return a.role !== 'viewer';
    case 'edit':
    case 'submit':
      return isUnitRole(a) && isOwnUnit(a, s) && editable && s.roundOpen;
    case 'recall':
      return a.role === 'unit_head' && isOwnUnit(a, s) && s.status === 'submitted';
    case 'approve':
    case 'return':
      return reviewsForm(a, s) && s.status === 'submitted';
    case 'unlock':
      return (a.role === 'office' || a.role === 'admin') && s.status === 'approved';
  }
}

export function abilities(a: Actor, s: SubmissionSubject): Record<SubmissionAction, boolean> {
  const out = {} as Record<SubmissionAction, boolean>;
  for (const action of ['view', 'edit', 'submit', 'recall', 'approve', 'return', 'unlock', 'history'] as const) {
    out[action] = can(a, action, s);
  }
  return out;
}

/** Capabilities outside a single submission. */
export const GLOBAL_ACTIONS = [
  'org.manage', 'catalog.manage', 'rounds.manage', 'users.manage', 'audit.read', 'tokens.own',
  'metadata.import', 'data.importApproved', 'completeness.read', 'settings.manage', 'people.manage', 'conferences.manage',
  'recommendations.manage', 'recommendations.triage', 'awards.manage', 'news.write', 'news.approve', 'summary.write', 'summary.approve',
] as const;
export type GlobalAction = (typeof GLOBAL_ACTIONS)[number];

const GLOBAL: Record<GlobalAction, readonly Role[]> = {
  'org.manage': ['admin', 'office'],
  'catalog.manage': ['admin', 'office'],
  'rounds.manage': ['admin', 'office'],
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  'tokens.own': ['admin', 'office', 'reviewer', 'director', 'reporter', 'unit_head', 'viewer'],
  'metadata.import': ['admin', 'office'],
  'data.importApproved': ['admin', 'office'],
  'completeness.read': ['admin', 'office', 'reviewer', 'director', 'viewer'],
  'settings.manage': ['admin'],
  /** Everyone's staff records; a unit's reporter and head keep their own unit's list (people.policy). */
  'people.manage': ['admin', 'office'],
  /** Create conferences (what may be done to one is canConference in conference.ts). */
  'conferences.manage': ['admin', 'office'],
  /** Create recommendations directly, edit the matching lexicon and sector leads, see every triage queue. */
  'recommendations.manage': ['admin', 'office'],
  /** Work a triage queue: the office every division's, a division reviewer its own. */
  'recommendations.triage': ['admin', 'office', 'reviewer'],
  /** The awards catalog and its rules, award history, ratings, initiatives, and running nominations (awards.ts for one nomination). */
  'awards.manage': ['admin', 'office'],
  /** Write, edit, publish and correct news articles (news.ts for one article). */
  'news.write': ['admin', 'office'],
  /** Approve articles when setting 'news.approvers' names no one (news.ts: parseNewsApprovers, isNewsApprover). */
  'news.approve': ['admin', 'director'],
  /** Edit the summary report's draft, refresh its figures, submit it for signature, upload the signed copy (summary-draft.ts). */
  'summary.write': ['admin', 'office'],
  /** Approve (number and lock) or return a submitted summary report (summary-draft.ts). */
  'summary.approve': ['admin', 'director'],
};

export function canDo(a: Pick<Actor, 'role'>, action: GlobalAction): boolean {
  return GLOBAL[action].includes(a.role);
}

export function globalAbilities(a: Pick<Actor, 'role'>): Record<GlobalAction, boolean> {
  return Object.fromEntries(GLOBAL_ACTIONS.map((k) => [k, canDo(a, k)])) as Record<GlobalAction, boolean>;
}
