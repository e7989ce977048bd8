/**
 * Emulation and commendation (thi đua, khen thưởng): the vocabulary shared by server and web, the nomination
 * lifecycle, and who may do what to a nomination in which state. One table, used by the server to authorize and
 * sent to the web as `abilities`, as for submissions and conferences.
 *
 *   proposed ─accept→ accepted ─approve / tally→ approved ─decide→ decided
 *      │  ↑               │                └─ tally → not_approved
 *   return resubmit     return
 *      ↓  │               ↓
 *    returned          returned        (reject: proposed, returned, accepted → rejected; withdraw: proposed, returned → withdrawn)
 */
import type { Actor } from './policy.js';
import type { Role } from './roles.js';

export const AWARD_CATEGORIES = ['title', 'form'] as const;
export type AwardCategory = (typeof AWARD_CATEGORIES)[number];
export const AWARD_CATEGORY_LABELS: Record<AwardCategory, { vi: string; en: string }> = {
  title: { vi: 'Danh hiệu thi đua', en: 'Emulation title' },
  form: { vi: 'Hình thức khen thưởng', en: 'Form of commendation' },
};

export const AWARD_SUBJECTS = ['individual', 'collective', 'both'] as const;
export type AwardSubject = (typeof AWARD_SUBJECTS)[number];
export const AWARD_SUBJECT_LABELS: Record<AwardSubject, { vi: string; en: string }> = {
  individual: { vi: 'Cá nhân', en: 'Individual' },
  collective: { vi: 'Tập thể', en: 'Collective' },
  both: { vi: 'Cá nhân và tập thể', en: 'Individual and collective' },
};

export const RECURRENCES = ['annual', 'periodic', 'sudden', 'once_per_person'] as const;
export type Recurrence = (typeof RECURRENCES)[number];
export const RECURRENCE_LABELS: Record<Recurrence, { vi: string; en: string }> = {
  annual: { vi: 'Hằng năm', en: 'Annual' },
  periodic: { vi: 'Theo chuyên đề', en: 'Periodic (thematic)' },
  sudden: { vi: 'Đột xuất', en: 'Sudden' },
  once_per_person: { vi: 'Một lần cho mỗi người', en: 'Once per person' },
};

/** Annual performance ratings (xếp loại chất lượng), best first. */
export const RATINGS = ['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, { vi: string; en: string }> = {
  xuat_sac: { vi: 'Hoàn thành xuất sắc nhiệm vụ', en: 'Excellent' },
  tot: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good' },
  hoan_thanh: { vi: 'Hoàn thành nhiệm vụ', en: 'Completed' },
  khong_hoan_thanh: { vi: 'Không hoàn thành nhiệm vụ', en: 'Not completed' },
};
/** Is rating `r` at least `min` (xuất sắc ≥ tốt ≥ hoàn thành ≥ không hoàn thành)? */
export const ratingAtLeast = (r: Rating, min: Rating): boolean => RATINGS.indexOf(r) <= RATINGS.indexOf(min);

/** Scope an initiative (sáng kiến) was recognised at, narrowest first. */
export const INITIATIVE_SCOPES = ['co_so', 'tinh', 'toan_quoc'] as const;
export type InitiativeScope = (typeof INITIATIVE_SCOPES)[number];
export const INITIATIVE_SCOPE_LABELS: Record<InitiativeScope, { vi: string; en: string }> = {
  co_so: { vi: 'Cấp cơ sở', en: 'Unit level' },
  tinh: { vi: 'Cấp tỉnh', en: 'Provincial' },
  toan_quoc: { vi: 'Toàn quốc', en: 'National' },
};
export const scopeAtLeast = (s: InitiativeScope, min: InitiativeScope): boolean => INITIATIVE_SCOPES.indexOf(s) >= INITIATIVE_SCOPES.indexOf(min);

/** The kinds of criterion the rule engine evaluates: one evaluator each. */
export const CRITERION_KINDS = [
  'performance_rating', 'prerequisite_title', 'meets_standard', 'initiative', 'member_ratio', 'service_years', 'provincial_cap', 'registration',
  'cluster_rank', 'not_awarded', 'manual',
] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];
export const CRITERION_KIND_LABELS: Record<CriterionKind, { vi: string; en: string }> = {
  performance_rating: { vi: 'Xếp loại chất lượng', en: 'Performance rating' },
  prerequisite_title: { vi: 'Danh hiệu liên tục các năm trước', en: 'Prerequisite titles over consecutive years' },
  meets_standard: { vi: 'Đạt tiêu chuẩn danh hiệu khác', en: 'Meets another title’s standard' },
  initiative: { vi: 'Sáng kiến', en: 'Initiative' },
  member_ratio: { vi: 'Tỷ lệ cá nhân trong tập thể', en: 'Share of the collective’s members' },
  service_years: { vi: 'Thời gian công tác', en: 'Years of service' },
  provincial_cap: { vi: 'Tỷ lệ khống chế', en: 'Cap' },
  registration: { vi: 'Đăng ký thi đua', en: 'Registration' },
  cluster_rank: { vi: 'Xếp hạng trong cụm, khối thi đua', en: 'Rank in the emulation cluster' },
  not_awarded: { vi: 'Chưa được khen thưởng', en: 'Not awarded already' },
  manual: { vi: 'Hội đồng xem xét', en: 'Judged by people' },
};

export const RULE_SOURCES = ['law', 'setting'] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];
export const RULE_SOURCE_LABELS: Record<RuleSource, { vi: string; en: string }> = {
  law: { vi: 'Quy định pháp luật', en: 'Law' },
  setting: { vi: 'Thiết lập của Sở', en: 'Department setting' },
};

/** One criterion's answer, as the eligibility API and a nomination's stored snapshot give it. */
export type EligibilityCheck = {
  /** The rule in Vietnamese. */
  rule: string;
  passed: boolean;
  /** What the answer rests on: which years, which initiative, what is missing. */
  evidence: string;
  /** "Điều 22 Luật Thi đua, khen thưởng 06/2022/QH15", or the department's setting. */
  basis: string;
  /** The criterion row's code and kind. */
  code: string;
  /** 'rule_in_force': there is no rule of this title in force on the date, or it does not apply to this subject. */
  kind: CriterionKind | 'rule_in_force';
  /** 'flag': shown, does not block. */
  severity: 'block' | 'flag';
  source: RuleSource;
  /** Passed on a nomination of the same round that is not decided yet: re-checked when it is. */
  conditional: boolean;
  /** Alternatives: the group and option this row belongs to (null: required on its own). */
  group: string | null;
  option: string | null;
  /** Initiatives the check counted (to be marked used by the nomination). */
  initiativeIds: number[];
};

// ─────────────────────────── nominations ───────────────────────────

export const NOMINATION_STATUSES = ['proposed', 'returned', 'accepted', 'approved', 'not_approved', 'decided', 'rejected', 'withdrawn'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
export const NOMINATION_STATUS_LABELS: Record<NominationStatus, { vi: string; en: string; color: string }> = {
  proposed: { vi: 'Đã đề nghị', en: 'Proposed', color: 'processing' },
  returned: { vi: 'Trả lại đơn vị', en: 'Returned', color: 'warning' },
  accepted: { vi: 'Đã tiếp nhận, chờ xét', en: 'Accepted', color: 'blue' },
  approved: { vi: 'Hội đồng đã thông qua', en: 'Approved', color: 'cyan' },
  not_approved: { vi: 'Không được thông qua', en: 'Not approved', color: 'default' },
  decided: { vi: 'Đã có quyết định', en: 'Decided', color: 'success' },
  rejected: { vi: 'Không tiếp nhận', en: 'Rejected', color: 'error' },
  withdrawn: { vi: 'Đơn vị rút đề nghị', en: 'Withdrawn', color: 'default' },
};
/** States in which a nomination still counts (the same person cannot be nominated again for the title and year). */
export const LIVE_NOMINATION_STATUSES: readonly NominationStatus[] = ['proposed', 'returned', 'accepted', 'approved', 'decided'];

export const NOMINATION_TRANSITIONS = {
  return: { from: ['proposed', 'accepted'], to: 'returned', audit: 'nomination.return' },
  resubmit: { from: ['returned'], to: 'proposed', audit: 'nomination.resubmit' },
  accept: { from: ['proposed'], to: 'accepted', audit: 'nomination.accept' },
  reject: { from: ['proposed', 'returned', 'accepted'], to: 'rejected', audit: 'nomination.reject' },
  withdraw: { from: ['proposed', 'returned'], to: 'withdrawn', audit: 'nomination.withdraw' },
  /** A title without a council ballot: the office approves it for the decision. */
  approve: { from: ['accepted'], to: 'approved', audit: 'nomination.approve' },
  /** The council's tally: passes → approved, fails → not_approved (recorded by the council side). */
  pass: { from: ['accepted'], to: 'approved', audit: 'nomination.pass' },
  fail: { from: ['accepted'], to: 'not_approved', audit: 'nomination.fail' },
  decide: { from: ['approved'], to: 'decided', audit: 'nomination.decide' },
} as const satisfies Record<string, { from: readonly NominationStatus[]; to: NominationStatus; audit: string }>;
export type NominationTransition = keyof typeof NOMINATION_TRANSITIONS;

/** The status a transition leads to from `from`, or null when the table has no such edge. */
export function nextNominationStatus(from: NominationStatus, name: NominationTransition): NominationStatus | null {
  const t = NOMINATION_TRANSITIONS[name];
  return (t.from as readonly NominationStatus[]).includes(from) ? t.to : null;
}

/** What the policy needs to know about a nomination. */
export type NominationSubject = {
  status: NominationStatus;
  /** The unit that proposed it. */
  proposingUnitId: number;
  /** The person's unit (where they work, or last worked), or the collective itself. */
  subjectUnitId: number | null;
  /** Is the actor a member of the council that considers it (the council side decides)? */
  councilMember?: boolean;
};

export const NOMINATION_ACTIONS = ['view', 'edit', 'resubmit', 'withdraw', 'return', 'accept', 'reject', 'override', 'approve', 'vote', 'tally', 'decide'] as const;
export type NominationAction = (typeof NOMINATION_ACTIONS)[number];

const OFFICE: readonly Role[] = ['admin', 'office'];
const isUnitRole = (a: Actor) => a.role === 'reporter' || a.role === 'unit_head';
const own = (a: Actor, unitId: number | null) => a.orgUnitId !== null && unitId !== null && a.orgUnitId === unitId;

/** Whom the role may propose: everyone (office), its own unit's people and the unit itself (unit roles), or nobody. */
export function nominationScope(a: Pick<Actor, 'role'>): 'all' | 'own_unit' | 'none' {
  if (OFFICE.includes(a.role)) return 'all';
  return a.role === 'reporter' || a.role === 'unit_head' ? 'own_unit' : 'none';
}

/** May the actor propose someone whose unit is `subjectUnitId` (a person's unit, or the collective)? */
export function mayPropose(a: Actor, subjectUnitId: number | null): boolean {
  const scope = nominationScope(a);
  return scope === 'all' || (scope === 'own_unit' && own(a, subjectUnitId));
}

/** May the actor see this nomination at all? (false → 404) */
export function canSeeNomination(a: Actor, s: NominationSubject): boolean {
  switch (a.role) {
    case 'admin':
    case 'office':
    case 'director':
      return true;
    case 'reviewer':
      return own(a, s.subjectUnitId) || s.councilMember === true;
    case 'reporter':
    case 'unit_head':
      return own(a, s.proposingUnitId) || own(a, s.subjectUnitId) || s.councilMember === true;
    case 'viewer':
      return s.status === 'decided' || s.councilMember === true;
  }
}

/**
 * - edit: achievements, claims, initiatives — the proposing unit while proposed or returned; the office until accepted.
 * - resubmit, withdraw: the proposing unit (and the office) — see the transitions for the states.
 * - return, accept, reject, approve: the office runs the process.
 * - override: the office lets a blocked nomination go on, with a written reason — until it is decided.
 * - vote: a council member casts a secret ballot on an accepted nomination.
 * - tally: the office records the council's tally (pass / fail).
 * - decide: the director signs the decision (and admin).
 */
export function canNomination(a: Actor, action: NominationAction, s: NominationSubject): boolean {
  if (!canSeeNomination(a, s)) return false;
  const office = OFFICE.includes(a.role);
  const proposer = isUnitRole(a) && own(a, s.proposingUnitId);
  const may = (t: NominationTransition) => nextNominationStatus(s.status, t) !== null;
  switch (action) {
    case 'view':
      return true;
    case 'edit':
      return (proposer && (s.status === 'proposed' || s.status === 'returned')) || (office && ['proposed', 'returned', 'accepted'].includes(s.status));
    case 'resubmit':
      return (proposer || office) && may('resubmit');
    case 'withdraw':
      return (proposer || office) && may('withdraw');
    case 'return':
    case 'accept':
    case 'reject':
    case 'approve':
      return office && may(action);
    case 'override':
      return office && ['proposed', 'returned', 'accepted'].includes(s.status);
    case 'vote':
      return s.councilMember === true && s.status === 'accepted';
    case 'tally':
      return office && s.status === 'accepted';
    case 'decide':
      return (a.role === 'director' || a.role === 'admin') && may('decide');
  }
}

export function nominationAbilities(a: Actor, s: NominationSubject): Record<NominationAction, boolean> {
  return Object.fromEntries(NOMINATION_ACTIONS.map((k) => [k, canNomination(a, k, s)])) as Record<NominationAction, boolean>;
}

// ─────────────────────────── award data of a person or unit ───────────────────────────

/**
 * Who sees a person's or a unit's award data (history, ratings, initiatives, eligibility, registration):
 * admin, office and director everyone's; a unit's reporter and head, and a division's reviewer, their own unit's;
 * a viewer the register of awards only (records, not ratings or eligibility).
 */
export function maySeeAwardData(a: Actor, subjectUnitId: number | null): boolean {
  if (a.role === 'admin' || a.role === 'office' || a.role === 'director') return true;
  if (a.role === 'viewer') return false;
  return own(a, subjectUnitId);
}


// ─────────────────────────── council, decisions, clusters (awards, second half) ───────────────────────────

export const MEETING_STATUSES = ['planned', 'held', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, { vi: string; en: string; color: string }> = {
  planned: { vi: 'Chuẩn bị họp', en: 'Planned', color: 'default' },
  held: { vi: 'Đang họp, bỏ phiếu', en: 'In session', color: 'processing' },
  closed: { vi: 'Đã kết thúc, có kết quả', en: 'Closed', color: 'success' },
};

export const MEETING_ACTIONS = ['view', 'edit', 'open', 'tally', 'vote', 'close', 'minutes'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

/**
 * A council meeting (họp Hội đồng thi đua – khen thưởng):
 * - view, minutes: the office, the directorate and the council's own members;
 * - edit (date, place, attendance, the nominations considered) and open: the office while planned; tally (typing the
 *   paper count) and close: the office while held;
 * - vote: a member of the council (a person linked to the signed-in user) while the meeting is held.
 */
export function canMeeting(a: Actor, action: MeetingAction, s: { status: MeetingStatus; councilMember: boolean }): boolean {
  const office = OFFICE.includes(a.role);
  const sees = office || a.role === 'director' || s.councilMember;
  switch (action) {
    case 'view':
    case 'minutes':
      return sees;
    case 'edit':
      return office && s.status !== 'closed';
    case 'open':
      return office && s.status === 'planned';
    case 'tally':
    case 'close':
      return office && s.status === 'held';
    case 'vote':
      return s.councilMember && s.status === 'held';
  }
}
export const meetingAbilities = (a: Actor, s: { status: MeetingStatus; councilMember: boolean }) =>
  Object.fromEntries(MEETING_ACTIONS.map((k) => [k, canMeeting(a, k, s)])) as Record<MeetingAction, boolean>;

export const DECISION_STATUSES = ['draft', 'issued', 'cancelled'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const DECISION_STATUS_LABELS: Record<DecisionStatus, { vi: string; en: string; color: string }> = {
  draft: { vi: 'Dự thảo', en: 'Draft', color: 'default' },
  issued: { vi: 'Đã ban hành', en: 'Issued', color: 'success' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled', color: 'error' },
};
/** department: the director's own Quyết định; external: a higher authority's decision recorded as received. */
export const DECISION_ISSUERS = ['department', 'external'] as const;
export type DecisionIssuer = (typeof DECISION_ISSUERS)[number];

export const DECISION_ACTIONS = ['view', 'edit', 'issue', 'cancel'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/**
 * - view: an issued decision is public to everyone signed in; a draft to the office and the directorate;
 * - edit, cancel (a draft): the office prepares it;
 * - issue: the director signs the department's own decision (and admin); a higher authority's decision is recorded
 *   by the office.
 */
export function canDecision(a: Actor, action: DecisionAction, s: { status: DecisionStatus; issuer: DecisionIssuer }): boolean {
  const office = OFFICE.includes(a.role);
  switch (action) {
    case 'view':
      return s.status === 'issued' || office || a.role === 'director';
    case 'edit':
    case 'cancel':
      return office && s.status === 'draft';
    case 'issue':
      if (s.status !== 'draft') return false;
      return s.issuer === 'department' ? a.role === 'director' || a.role === 'admin' : office;
  }
}
export const decisionAbilities = (a: Actor, s: { status: DecisionStatus; issuer: DecisionIssuer }) =>
  Object.fromEntries(DECISION_ACTIONS.map((k) => [k, canDecision(a, k, s)])) as Record<DecisionAction, boolean>;

/**
 * Emulation clusters: the office manages them; the directorate reads them all; a member unit's people see a cluster
 * they belong to once its ranking is published (before that, no unit sees scores).
 */
export function canSeeCluster(a: Actor, s: { published: boolean; memberUnitIds: readonly number[] }): boolean {
  if (OFFICE.includes(a.role) || a.role === 'director') return true;
  if (!s.published) return false;
  if (a.role === 'viewer') return true;
  return a.orgUnitId !== null && s.memberUnitIds.includes(a.orgUnitId);
}
