/**
 * The awards (thi đua, khen thưởng) calls and the shapes the server answers with: the catalog of titles, eligibility,
 * nominations, the council and its meetings, decisions and the conference's awards. One file for every awards screen.
 */
import type {
  AwardCategory, AwardSubject, CriterionKind, DecisionAction, DecisionIssuer, DecisionStatus, MeetingAction, MeetingStatus, NominationAction, NominationStatus,
  Recurrence, RuleSource,
} from '@nhip/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, qs } from '../../lib/api';

export type Ref = { id: number; code: string; name: string };

// ───────────── catalog ─────────────

export type AwardVersion = {
  id: number; name: string; validFrom: string; validTo: string | null; basis: string;
  vote: { num: number; den: number; basis: string; source: RuleSource } | null;
  quorum: { num: number; den: number; source: RuleSource } | null;
  reward: { individual: number | null; collective: number | null; max: boolean; basis: string; source: RuleSource };
};
export type AwardType = {
  code: string; name: string; category: AwardCategory; subject: AwardSubject; recurrences: Recurrence[]; sort: number; active: boolean; current: number | null;
  versions: AwardVersion[];
};

// ───────────── eligibility and nominations ─────────────

export type Check = {
  rule: string; passed: boolean; evidence: string; basis: string; code: string; kind: CriterionKind | 'rule_in_force'; severity: 'block' | 'flag'; source: RuleSource;
  conditional: boolean; group: string | null; option: string | null; initiativeIds: number[];
};
export type Subject = { kind: 'person' | 'unit'; personId: number | null; unit: Ref | null; name: string };
export type Eligibility = {
  eligible: boolean; conditional: boolean; date: string; title: { code: string; name: string }; subject: Subject;
  version: { id: number; name: string; validFrom: string; validTo: string | null } | null; checks: Check[];
};
export type Initiative = {
  id: number; title: string; year: number; scope: 'co_so' | 'tinh' | 'toan_quoc'; recognisedBy: string | null; decisionNumber: string | null; unit: Ref | null;
  authors: { id: number; fullName: string }[];
  usedBy: { nominationId: number | null; recordId: number | null; title: { code: string; name: string }; year: number; who: string } | null;
};
export type Nomination = {
  id: number; subject: Subject; title: { code: string; name: string }; year: number; kind: Recurrence; proposingUnit: Ref; status: NominationStatus;
  statusReason: string | null; achievements: string | null; claims: Record<string, string>; eligible: boolean; conditional: boolean; evaluatedAt: string | null;
  date: string | null; checks: Check[]; registered: boolean | null; override: { reason: string; by: number | null; at: string } | null; initiatives: Initiative[];
  version: number; createdAt: string; updatedAt: string; abilities: Record<NominationAction, boolean>;
};
export type NominationFilter = { year?: number; status?: string; title?: string; proposingUnit?: string };
export type NominationInput = {
  person?: number; unit?: string; title: string; year: number; achievements?: string | null; claims?: Record<string, string>; proposingUnit?: string | null;
};
export type NominationTransitionName = 'return' | 'resubmit' | 'accept' | 'reject' | 'withdraw' | 'approve';

// ───────────── council ─────────────

export type CouncilRole = 'chair' | 'vice_chair' | 'member' | 'secretary';
export type CouncilMember = {
  id: number; personId: number; fullName: string; role: CouncilRole; roleLabel: string; position: string; unitName: string | null; validFrom: string;
  validTo: string | null; hasAccount: boolean;
};
export type Council = {
  id: number; name: string; unit: Ref; decisionNumber: string | null; validFrom: string; validTo: string | null; members: CouncilMember[];
};
export type CouncilInput = {
  name: string; decisionNumber?: string | null; validFrom: string; validTo?: string | null; members: { person: number; role?: CouncilRole }[];
};
export type MeetingItem = {
  id: number; council: { id: number; name: string }; year: number; heldAt: string; place: string | null; status: MeetingStatus; nominations: number;
  minutesNumber: string | null;
};
export type Ballot = {
  nominationId: number; subject: { kind: 'person' | 'unit'; name: string; detail: string }; awardCode: string; awardName: string; nominationStatus: NominationStatus;
  proposingUnitId: number; mode: 'paper' | 'electronic'; countsVisible: boolean; ballotsCast: number; votesFor: number; votesAgainst: number; casts: number;
  recorded: boolean; vote: { num: number; den: number } | null; needed: number | null; passed: boolean | null; castByMe: boolean;
};
export type Meeting = {
  id: number; council: { id: number; name: string }; year: number; heldAt: string; endedAt: string | null; place: string | null; status: MeetingStatus;
  membersTotal: number | null; present: number | null; chairPersonId: number | null; secretaryPersonId: number | null; minutesNumber: string | null;
  notes: string | null; version: number; members: (CouncilMember & { present: boolean | null; writtenOpinion: boolean })[]; ballots: Ballot[];
  quorum: { num: number; den: number; present: number; members: number; met: boolean | null } | null;
  abilities: Record<MeetingAction, boolean>;
};
export type MeetingInput = { council: number; year: number; heldAt: string; place?: string | null; nominations?: number[] };

// ───────────── decisions ─────────────

export type DecisionLine = {
  id: number; nominationId: number | null; kind: 'person' | 'unit'; personId: number | null; unitId: number | null; name: string; gender: 'male' | 'female' | null;
  detail: string; awardCode: string; awardName: string; year: number; multiple: number | null; amount: number | null; recordId: number | null; certificate: boolean;
};
export type Decision = {
  id: number; issuer: DecisionIssuer; status: DecisionStatus; year: number; awardYear: number | null; number: string | null; date: string | null; subject: string;
  authority: string; proposer: string | null; reason: string | null; signerTitle: string | null; meetingId: number | null;
  conference: { id: number; title: string; period: string } | null;
  bases: { id: number; code: string; number: string; shortName: string; validFrom: string; validTo: string | null; line: string }[]; basesExplicit: boolean;
  baseSalary: { amount: number; validFrom: string } | null; lines: DecisionLine[]; totals: { people: number; units: number; amount: number }; problems: string[];
  issuedAt: string | null; version: number; abilities: Record<DecisionAction, boolean>;
};
export type DecisionItem = {
  id: number; issuer: DecisionIssuer; status: DecisionStatus; number: string | null; date: string | null; subject: string; authority: string; awardYear: number | null;
  conferenceId: number | null; codes: string[]; people: number; units: number; amount: number; abilities: Record<DecisionAction, boolean>;
};
export type DecisionFilter = { awardYear?: number; status?: string; conference?: number; title?: string };
export type DecisionInput = {
  year: number; nominations: number[]; date?: string | null; subject?: string | null; reason?: string | null; proposer?: string | null; conference?: number | null;
};
export type ConferenceAwards = {
  conferenceId: number;
  groups: {
    code: string; name: string; category: AwardCategory; people: number; units: number; decisions: { id: number; number: string; date: string }[];
    recipients: { kind: 'person' | 'unit'; name: string; unit: string | null }[];
  }[];
  totals: { decisions: number; people: number; units: number };
  lines: string[];
};

// ───────────── queries ─────────────

export const awKeys = {
  all: ['awards'] as const,
  types: ['awards', 'types'] as const,
  nominations: (f: NominationFilter) => ['awards', 'nominations', f] as const,
  nomination: (id: number) => ['awards', 'nomination', id] as const,
  eligibility: (q: Record<string, string | number | undefined>) => ['awards', 'eligibility', q] as const,
  councils: ['awards', 'councils'] as const,
  meetings: (year?: number) => ['awards', 'meetings', year] as const,
  meeting: (id: number) => ['awards', 'meeting', id] as const,
  decisions: (f: DecisionFilter) => ['awards', 'decisions', f] as const,
  decision: (id: number) => ['awards', 'decision', id] as const,
  conference: (id: number) => ['awards', 'conference', id] as const,
};

const q = (f: object) => qs(f as Record<string, string | number | undefined>);

export function useAwardTypes() {
  return useQuery({ queryKey: awKeys.types, queryFn: () => api.get<{ items: AwardType[] }>('/api/awards/types'), staleTime: 5 * 60_000 });
}

export function useNominations(f: NominationFilter, enabled = true) {
  return useQuery({ queryKey: awKeys.nominations(f), queryFn: () => api.get<{ items: Nomination[] }>(`/api/awards/nominations${q(f)}`), enabled, placeholderData: keepPreviousData });
}

export function useNomination(id: number | null) {
  return useQuery({ queryKey: awKeys.nomination(id ?? 0), queryFn: () => api.get<Nomination>(`/api/awards/nominations/${id}`), enabled: id !== null && id > 0 });
}

/** Eligibility of a person (or a collective, by unit code) for a title and year; off until all three are known. */
export function useEligibility(p: { person?: number | null; unit?: string | null; title?: string | null; year?: number | null }) {
  const params = { person: p.person ?? undefined, unit: p.unit ?? undefined, title: p.title ?? undefined, year: p.year ?? undefined };
  return useQuery({
    queryKey: awKeys.eligibility(params),
    queryFn: () => api.get<Eligibility>(`/api/awards/eligibility${q(params)}`),
    enabled: !!(params.person || params.unit) && !!params.title && !!params.year,
    retry: false,
  });
}

export function useCouncils(enabled = true) {
  return useQuery({ queryKey: awKeys.councils, queryFn: () => api.get<{ items: Council[] }>('/api/awards/councils'), enabled });
}

export function useMeetings(year: number | undefined) {
  return useQuery({ queryKey: awKeys.meetings(year), queryFn: () => api.get<{ items: MeetingItem[] }>(`/api/awards/meetings${q({ year })}`), placeholderData: keepPreviousData });
}

export function useMeeting(id: number | null) {
  return useQuery({ queryKey: awKeys.meeting(id ?? 0), queryFn: () => api.get<Meeting>(`/api/awards/meetings/${id}`), enabled: id !== null && id > 0 });
}

export function useDecisions(f: DecisionFilter, enabled = true) {
  return useQuery({ queryKey: awKeys.decisions(f), queryFn: () => api.get<{ items: DecisionItem[] }>(`/api/awards/decisions${q(f)}`), enabled, placeholderData: keepPreviousData });
}

export function useDecision(id: number | null) {
  return useQuery({ queryKey: awKeys.decision(id ?? 0), queryFn: () => api.get<Decision>(`/api/awards/decisions/${id}`), enabled: id !== null && id > 0 });
}

export function useConferenceAwards(conferenceId: number) {
  return useQuery({ queryKey: awKeys.conference(conferenceId), queryFn: () => api.get<ConferenceAwards>(`/api/awards/conferences/${conferenceId}`) });
}

/** Forget every cached awards list and item after a change. */
export function useRefreshAwards() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: awKeys.all }), [qc]);
}

// ───────────── changes ─────────────

export const awApi = {
  nominate: (body: NominationInput) => api.post<Nomination>('/api/awards/nominations', body),
  patchNomination: (id: number, body: { version: number; achievements?: string | null; claims?: Record<string, string> }) =>
    api.patch<Nomination>(`/api/awards/nominations/${id}`, body),
  transition: (id: number, action: NominationTransitionName, version: number, reason?: string | null) =>
    api.post<Nomination>(`/api/awards/nominations/${id}/${action}`, { version, reason: reason ?? null }),
  override: (id: number, version: number, reason: string) => api.post<Nomination>(`/api/awards/nominations/${id}/override`, { version, reason }),
  createCouncil: (body: CouncilInput) => api.post<Council>('/api/awards/councils', body),
  updateCouncil: (id: number, body: CouncilInput) => api.put<Council>(`/api/awards/councils/${id}`, body),
  createMeeting: (body: MeetingInput) => api.post<Meeting>('/api/awards/meetings', body),
  patchMeeting: (id: number, body: { version: number; attendance?: { person: number; present: boolean; writtenOpinion?: boolean }[]; nominations?: number[]; place?: string | null }) =>
    api.patch<Meeting>(`/api/awards/meetings/${id}`, body),
  openMeeting: (id: number, version: number) => api.post<Meeting>(`/api/awards/meetings/${id}/open`, { version }),
  tally: (id: number, nomination: number, body: { ballotsCast: number; votesFor: number; votesAgainst: number }) =>
    api.put<Meeting>(`/api/awards/meetings/${id}/ballots/${nomination}`, body),
  vote: (id: number, nomination: number, choice: 'for' | 'against' | 'blank') => api.post<Meeting>(`/api/awards/meetings/${id}/ballots/${nomination}/vote`, { choice }),
  closeMeeting: (id: number, version: number) => api.post<Meeting>(`/api/awards/meetings/${id}/close`, { version }),
  createDecision: (body: DecisionInput) => api.post<Decision>('/api/awards/decisions', body),
  patchDecision: (id: number, body: Partial<DecisionInput> & { version: number }) => api.patch<Decision>(`/api/awards/decisions/${id}`, body),
  issueDecision: (id: number, body: { version: number; number?: string | null; date?: string | null }) => api.post<Decision>(`/api/awards/decisions/${id}/issue`, body),
  cancelDecision: (id: number, version: number) => api.post<Decision>(`/api/awards/decisions/${id}/cancel`, { version }),
};

// ───────────── documents ─────────────

export const docs = {
  /** Báo cáo thành tích of one nomination. */
  report: (id: number, format: 'docx' | 'pdf') => `/api/awards/nominations/${id}/report?format=${format}`,
  /** Tờ trình of a title and year (office, directorate). */
  proposal: (title: string, year: number, format: 'docx' | 'pdf') => `/api/awards/proposals${qs({ title, year, format })}`,
  minutes: (meetingId: number, format: 'docx' | 'pdf') => `/api/awards/meetings/${meetingId}/minutes?format=${format}`,
  decision: (id: number, format: 'docx' | 'pdf') => `/api/awards/decisions/${id}/document?format=${format}`,
  certificates: (id: number) => `/api/awards/decisions/${id}/certificates?format=pdf`,
};
