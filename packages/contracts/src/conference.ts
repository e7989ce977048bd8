/**
 * Review conferences: kinds, statuses, the lifecycle transitions, and who may do what to a conference in which
 * state. One table, used by the server to authorize and sent to the web as `abilities`, as for submissions.
 *
 *   draft ─invite→ invited ─hold→ held ─conclude→ concluded ─close→ closed
 *
 * `conclude` is the issue of the first conclusion notice (thông báo kết luận); a reissue keeps the status.
 */
import { parsePeriod } from './period.js';
import { romanQuarter } from './period-labels.js';
import type { Actor } from './policy.js';
import type { Role } from './roles.js';

export const CONFERENCE_KINDS = ['interim', 'annual'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];
export const CONFERENCE_KIND_LABELS: Record<ConferenceKind, { vi: string; en: string }> = {
  interim: { vi: 'Hội nghị sơ kết', en: 'Interim review conference' },
  annual: { vi: 'Hội nghị tổng kết', en: 'Annual review conference' },
};

export const CONFERENCE_STATUSES = ['draft', 'invited', 'held', 'concluded', 'closed'] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];
export const CONFERENCE_STATUS_LABELS: Record<ConferenceStatus, { vi: string; en: string; color: string }> = {
  draft: { vi: 'Đang chuẩn bị', en: 'Planning', color: 'default' },
  invited: { vi: 'Đã gửi giấy mời', en: 'Invitations sent', color: 'processing' },
  held: { vi: 'Đã tổ chức', en: 'Held', color: 'blue' },
  concluded: { vi: 'Đã ban hành kết luận', en: 'Conclusion issued', color: 'success' },
  closed: { vi: 'Đã đóng', en: 'Closed', color: 'default' },
};

export const AGENDA_KINDS = ['opening', 'draft_report', 'presentation', 'discussion', 'awards', 'directive', 'conclusion', 'closing', 'break', 'other'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const AGENDA_KIND_LABELS: Record<AgendaKind, { vi: string; en: string }> = {
  opening: { vi: 'Khai mạc, giới thiệu đại biểu', en: 'Opening, introduction of delegates' },
  draft_report: { vi: 'Báo cáo dự thảo', en: 'Draft summary report' },
  presentation: { vi: 'Tham luận', en: 'Presentation' },
  discussion: { vi: 'Thảo luận', en: 'Discussion' },
  awards: { vi: 'Khen thưởng', en: 'Awards' },
  directive: { vi: 'Phát biểu chỉ đạo', en: 'Directive speech' },
  conclusion: { vi: 'Kết luận hội nghị', en: 'Conclusion' },
  closing: { vi: 'Bế mạc', en: 'Closing' },
  break: { vi: 'Giải lao', en: 'Break' },
  other: { vi: 'Nội dung khác', en: 'Other' },
};

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const INVITATION_STATUS_LABELS: Record<InvitationStatus, { vi: string; en: string; color: string }> = {
  pending: { vi: 'Chưa trả lời', en: 'No answer yet', color: 'default' },
  accepted: { vi: 'Tham dự', en: 'Attending', color: 'success' },
  declined: { vi: 'Vắng mặt', en: 'Declined', color: 'warning' },
};

export const DISCUSSION_KINDS = ['difficulty', 'proposal', 'opinion'] as const;
export type DiscussionKind = (typeof DISCUSSION_KINDS)[number];
export const DISCUSSION_KIND_LABELS: Record<DiscussionKind, { vi: string; en: string }> = {
  difficulty: { vi: 'Khó khăn, vướng mắc', en: 'Difficulty' },
  proposal: { vi: 'Đề xuất, kiến nghị', en: 'Proposal' },
  opinion: { vi: 'Ý kiến', en: 'Opinion' },
};

export const POINT_SOURCES = ['conclusion', 'directive'] as const;
export type PointSource = (typeof POINT_SOURCES)[number];
export const POINT_KINDS = ['information', 'decision', 'task'] as const;
export type PointKind = (typeof POINT_KINDS)[number];
export const POINT_KIND_LABELS: Record<PointKind, { vi: string; en: string }> = {
  information: { vi: 'Thông tin', en: 'Information' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  task: { vi: 'Nhiệm vụ', en: 'Task' },
};

export const CONFERENCE_DOCUMENTS = ['invitation', 'agenda', 'minutes', 'conclusion'] as const;
export type ConferenceDocument = (typeof CONFERENCE_DOCUMENTS)[number];
export const CONFERENCE_DOCUMENT_LABELS: Record<ConferenceDocument, { vi: string; en: string }> = {
  invitation: { vi: 'Giấy mời', en: 'Invitation' },
  agenda: { vi: 'Chương trình hội nghị', en: 'Agenda' },
  minutes: { vi: 'Biên bản hội nghị', en: 'Minutes' },
  conclusion: { vi: 'Thông báo kết luận', en: 'Conclusion notice' },
};

// ─────────────────────────── the period a conference reviews ───────────────────────────

/**
 * How a conference names the period it reviews and the one it prepares, in the department's usual form:
 *   2023Q1 → quý I năm 2023 / quý II năm 2023;  2023S1 → 6 tháng đầu năm 2023 / 6 tháng cuối năm 2023;
 *   2023N1 → 9 tháng năm 2023 / quý IV năm 2023;  2023 → năm 2023 / năm 2024.
 * A quarter, six or nine months make a sơ kết (interim), a year a tổng kết (annual). null for a month or a bad id.
 */
export function conferencePeriodWording(period: string): { kind: ConferenceKind; current: string; next: string } | null {
  const p = parsePeriod(period);
  if (!p) return null;
  const y = p.year;
  switch (p.type) {
    case 'Quarterly':
      return { kind: 'interim', current: `quý ${romanQuarter(p.index)} năm ${y}`, next: p.index === 4 ? `quý I năm ${y + 1}` : `quý ${romanQuarter(p.index + 1)} năm ${y}` };
    case 'SixMonthly':
      return p.index === 1
        ? { kind: 'interim', current: `6 tháng đầu năm ${y}`, next: `6 tháng cuối năm ${y}` }
        : { kind: 'interim', current: `6 tháng cuối năm ${y}`, next: `6 tháng đầu năm ${y + 1}` };
    case 'NineMonthly':
      return { kind: 'interim', current: `9 tháng năm ${y}`, next: `quý IV năm ${y}` };
    case 'Yearly':
      return { kind: 'annual', current: `năm ${y}`, next: `năm ${y + 1}` };
    case 'Monthly':
      return null;
  }
}

/** "Hội nghị sơ kết công tác quý I năm 2023 và triển khai nhiệm vụ quý II năm 2023"; null for a month or a bad id. */
export function conferenceTitle(period: string): string | null {
  const w = conferencePeriodWording(period);
  if (!w) return null;
  return `Hội nghị ${w.kind === 'annual' ? 'tổng kết' : 'sơ kết'} công tác ${w.current} và triển khai nhiệm vụ ${w.next}`;
}

// ─────────────────────────── lifecycle ───────────────────────────

export const CONFERENCE_TRANSITIONS = {
  invite: { from: ['draft'], to: 'invited', audit: 'conference.invite' },
  hold: { from: ['invited'], to: 'held', audit: 'conference.hold' },
  conclude: { from: ['held'], to: 'concluded', audit: 'conference.conclude' },
  close: { from: ['concluded'], to: 'closed', audit: 'conference.close' },
} as const satisfies Record<string, { from: readonly ConferenceStatus[]; to: ConferenceStatus; audit: string }>;
export type ConferenceTransition = keyof typeof CONFERENCE_TRANSITIONS;

/** The status a transition leads to from `from`, or null when the table has no such edge. */
export function nextConferenceStatus(from: ConferenceStatus, name: ConferenceTransition): ConferenceStatus | null {
  const t = CONFERENCE_TRANSITIONS[name];
  return (t.from as readonly ConferenceStatus[]).includes(from) ? t.to : null;
}

// ─────────────────────────── policy ───────────────────────────

/** What the policy needs to know about a conference. */
export type ConferenceSubject = {
  status: ConferenceStatus;
  /** Units invited to it (their reporters and heads see it). */
  invitedUnitIds: readonly number[];
  /** The unit a unit-level action is about (its invitation, its presentation); null for conference-wide actions. */
  unitId?: number | null;
};

export const CONFERENCE_ACTIONS = [
  'view', 'plan', 'invite', 'respond', 'present', 'checkin', 'record', 'minutes', 'conclude', 'issue', 'close',
] as const;
export type ConferenceAction = (typeof CONFERENCE_ACTIONS)[number];

const ORGANISERS: readonly Role[] = ['admin', 'office'];
const isUnitRole = (a: Actor) => a.role === 'reporter' || a.role === 'unit_head';
const ownUnit = (a: Actor, s: ConferenceSubject) => a.orgUnitId !== null && (s.unitId ?? a.orgUnitId) === a.orgUnitId;

/** May the actor see this conference at all? (false → 404) */
export function canSeeConference(a: Actor, s: ConferenceSubject): boolean {
  if (isUnitRole(a)) return s.status !== 'draft' && a.orgUnitId !== null && s.invitedUnitIds.includes(a.orgUnitId);
  if (a.role === 'viewer') return s.status !== 'draft';
  return true; // admin, office, reviewer (divisions), director
}

/**
 * - plan: title, time, place, guests, invited units, agenda, presentation requests — office, until held.
 * - invite: send invitations and reminders, reissue updates — office, draft or invited.
 * - respond: answer one's own unit's invitation and name delegates — unit roles, while invited.
 * - present: upload one's own unit's presentation — unit roles, while invited (the service checks its due date).
 * - checkin: check delegates in at the door — office, invited or held.
 * - record: the live view — agenda timer, notes, discussion items — office, invited or held.
 * - minutes: edit the minutes — office, held or concluded (a concluded conference's minutes may still be finished).
 * - conclude: draft the conclusion and directive points — office and director, while held.
 * - issue: issue or reissue the conclusion notice — director (and admin), held or concluded.
 * - close: close the conference — office and director, once concluded.
 */
export function canConference(a: Actor, action: ConferenceAction, s: ConferenceSubject): boolean {
  if (!canSeeConference(a, s)) return false;
  const organiser = ORGANISERS.includes(a.role);
  switch (action) {
    case 'view':
      return true;
    case 'plan':
      return organiser && (s.status === 'draft' || s.status === 'invited');
    case 'invite':
      return organiser && (s.status === 'draft' || s.status === 'invited');
    case 'respond':
    case 'present':
      return isUnitRole(a) && ownUnit(a, s) && s.status === 'invited';
    case 'checkin':
    case 'record':
      return organiser && (s.status === 'invited' || s.status === 'held');
    case 'minutes':
      return organiser && (s.status === 'held' || s.status === 'concluded');
    case 'conclude':
      return (organiser || a.role === 'director') && s.status === 'held';
    case 'issue':
      return (a.role === 'director' || a.role === 'admin') && (s.status === 'held' || s.status === 'concluded');
    case 'close':
      return (organiser || a.role === 'director') && s.status === 'concluded';
  }
}

export function conferenceAbilities(a: Actor, s: ConferenceSubject): Record<ConferenceAction, boolean> {
  return Object.fromEntries(CONFERENCE_ACTIONS.map((k) => [k, canConference(a, k, s)])) as Record<ConferenceAction, boolean>;
}
