/** The follow-up register's calls and the shapes the server answers with (recommendations, triage queue, key tasks). */
import type {
  KeyTaskAction, KeyTaskSource, KeyTaskState, RecommendationAction, RecommendationKind, RecommendationState, RecommendationTransition, Timeliness,
} from '@nhip/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, qs } from '../../lib/api';

export type Ref = { id: number; code: string; name: string };
export type GridCounts = Record<Timeliness, number> & { total: number };
export type SourceKind = 'report' | 'discussion' | 'point' | 'manual';

export type RecommendationItem = {
  id: number;
  text: string;
  kind: RecommendationKind;
  sector: Ref | null;
  owner: Ref | null;
  deadline: string | null;
  state: RecommendationState;
  timeliness: Timeliness;
  timesRaised: number;
  progress: number;
  firstPeriod: string | null;
  raisedOn: string;
  closedOn: string | null;
  carriedToPeriod: string | null;
  mergedInto: { id: number; text: string } | null;
  raisedBy: Ref[];
  escalated: boolean;
  answered: boolean;
  updatedAt: string;
  version: number;
};

export type Source = {
  id: number;
  kind: SourceKind;
  unit: Ref | null;
  period: string | null;
  raisedOn: string;
  text: string;
  report: { submissionId: number; roundId: number | null; unitId: number | null; section: string | null; item: number | null } | null;
  conference: {
    id: number; title: string; discussionItemId: number | null; pointId: number | null; pointNumber: number | null; pointSource: 'conclusion' | 'directive' | null;
  } | null;
};

export type TimelineEntry = {
  id: number;
  kind: 'progress' | 'note' | 'state' | 'answer' | 'escalation' | 'reminder' | 'link';
  text: string;
  progress: number | null;
  stateFrom: string | null;
  stateTo: string | null;
  by: string | null;
  at: string;
  files: { id: number; filename: string; mime: string; size: number; url: string }[];
};

export type Recommendation = RecommendationItem & {
  stateReason: string | null;
  deputy: { id: number; name: string } | null;
  cooperating: (Ref & { type: string })[];
  sources: Source[];
  timeline: TimelineEntry[];
  answer: { text: string; publishedAt: string | null } | null;
  closingEvidence: string | null;
  escalatedAt: string | null;
  mergedFrom: number[];
  createdAt: string;
  abilities: Record<RecommendationAction, boolean>;
};

export type Board = { items: RecommendationItem[]; total: number; page: number; pageSize: number; counts: GridCounts };

export type BoardFilter = {
  conference?: string;
  period?: string;
  owner?: string;
  timeliness?: string;
  unit?: string;
  sector?: string;
  state?: string;
  source?: string;
  recurring?: string;
  escalated?: string;
  q?: string;
  sort?: string;
  page?: number;
  pageSize?: number;
};

/** The board's filter keys, as they sit in the page's address. */
export const FILTER_KEYS = ['conference', 'period', 'owner', 'timeliness', 'unit', 'sector', 'state', 'source', 'recurring', 'escalated', 'q', 'sort'] as const;

export type Summary = {
  counts: GridCounts;
  byState: Record<RecommendationState, number>;
  byDivision: { division: Ref | null; counts: GridCounts }[];
  bySector: { sector: Ref | null; counts: GridCounts }[];
  byKind: { kind: RecommendationKind; counts: GridCounts }[];
  topRecurring: RecommendationItem[];
  escalated: RecommendationItem[];
};

export type UnitPage = {
  unit: Ref;
  predecessors: Ref[];
  total: number;
  page: number;
  pageSize: number;
  counts: GridCounts;
  items: (RecommendationItem & { answer: { text: string; publishedAt: string | null } | null })[];
};

export type Suggestion = {
  id: number; text: string; score: number; recurring: boolean; state: string; owner: { code: string; name: string } | null; deadline: string | null; timesRaised: number;
};
export type CandidateStatus = 'pending' | 'linked' | 'created' | 'no_action';
export type Candidate = {
  id: number;
  sourceKind: 'report' | 'discussion' | 'point';
  text: string;
  kind: RecommendationKind;
  unit: Ref | null;
  period: string | null;
  raisedOn: string;
  sector: Ref | null;
  division: Ref | null;
  report: { submissionId: number; roundId: number | null; section: string | null; item: number | null } | null;
  conference: {
    id: number; title: string; discussionItemId: number | null; pointId: number | null; pointNumber: number | null; pointSource: 'conclusion' | 'directive' | null;
    ownerDivisionId: number | null; deadline: string | null;
  } | null;
  suggestions: Suggestion[];
  status: CandidateStatus;
  reason: string | null;
  recommendationId: number | null;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number;
};
export type CandidatePage = { items: Candidate[]; total: number; page: number; pageSize: number; counts: Record<CandidateStatus, number> };
export type CandidateFilter = { division?: string; status?: CandidateStatus; source?: string; kind?: string; period?: string; unit?: string; q?: string; page?: number; pageSize?: number };
export type BulkResult = {
  results: { id: number; ok: boolean; status: CandidateStatus | null; recommendationId: number | null; error: { status: number; message: string } | null }[];
  done: number;
  failed: number;
};

export type KeyTask = {
  id: number;
  period: string;
  text: string;
  source: KeyTaskSource;
  conference: { id: number; title: string; pointId: number; pointNumber: number | null } | null;
  sector: Ref | null;
  owner: Ref | null;
  deadline: string | null;
  progress: number;
  state: KeyTaskState;
  result: string | null;
  carriedFrom: { id: number; period: string } | null;
  carriedTo: { id: number; period: string } | null;
  closedOn: string | null;
  version: number;
  updatedAt: string;
  abilities: Record<KeyTaskAction, boolean>;
};
export type KeyTaskDetail = KeyTask & { updates: { id: number; text: string; progress: number | null; by: string | null; at: string }[] };

export const fuKeys = {
  all: ['follow-up'] as const,
  board: (f: BoardFilter) => ['follow-up', 'board', f] as const,
  summary: (f: BoardFilter) => ['follow-up', 'summary', f] as const,
  detail: (id: number) => ['follow-up', 'detail', id] as const,
  unit: (id: number, f: BoardFilter) => ['follow-up', 'unit', id, f] as const,
  candidates: (f: CandidateFilter) => ['follow-up', 'candidates', f] as const,
  keyTasks: (f: { period?: string; owner?: string; state?: string }) => ['follow-up', 'key-tasks', f] as const,
  keyTask: (id: number) => ['follow-up', 'key-task', id] as const,
};

export const boardQuery = (f: BoardFilter) => qs(f as Record<string, string | number | undefined>);

export function useBoard(f: BoardFilter) {
  return useQuery({ queryKey: fuKeys.board(f), queryFn: () => api.get<Board>(`/api/recommendations${boardQuery(f)}`), placeholderData: keepPreviousData });
}

export function useSummary(f: BoardFilter & { top?: number }, enabled = true) {
  return useQuery({
    queryKey: fuKeys.summary(f),
    queryFn: () => api.get<Summary>(`/api/recommendations/summary${boardQuery(f)}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useRecommendation(id: number) {
  return useQuery({ queryKey: fuKeys.detail(id), queryFn: () => api.get<Recommendation>(`/api/recommendations/${id}`), enabled: Number.isInteger(id) && id > 0 });
}

export function useUnitRecommendations(unitId: number | null, f: BoardFilter) {
  return useQuery({
    queryKey: fuKeys.unit(unitId ?? 0, f),
    queryFn: () => api.get<UnitPage>(`/api/recommendations/unit/${unitId}${boardQuery(f)}`),
    enabled: unitId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useCandidates(f: CandidateFilter, enabled = true) {
  return useQuery({
    queryKey: fuKeys.candidates(f),
    queryFn: () => api.get<CandidatePage>(`/api/recommendations/candidates${qs(f as Record<string, string | number | undefined>)}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useKeyTasks(f: { period?: string; owner?: string; state?: string }) {
  return useQuery({
    queryKey: fuKeys.keyTasks(f),
    queryFn: () => api.get<{ items: KeyTask[] }>(`/api/key-tasks${qs(f)}`),
    placeholderData: keepPreviousData,
  });
}

export function useKeyTask(id: number | null) {
  return useQuery({ queryKey: fuKeys.keyTask(id ?? 0), queryFn: () => api.get<KeyTaskDetail>(`/api/key-tasks/${id}`), enabled: id !== null });
}

/** Forget every cached list and item of the register after a change. */
export function useRefreshFollowUp() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: fuKeys.all }), [qc]);
}

/** A row of the matching lexicon (GET/PUT /api/recommendations/lexicon). */
export type LexiconRow = { kind: 'abbreviation' | 'synonym' | 'stop'; term: string; variants: string[]; exact?: boolean; generic?: boolean };
export type Lexicon = { rows: LexiconRow[]; version: string; isDefault: boolean };
/** The reminder and escalation schedule (GET/PUT /api/recommendations/reminders). */
export type ReminderSettings = { daysBefore: number[]; onDeadline: boolean; overdueEveryDays: number; escalateAfterDays: number; digestWeekday: number };

export const fuApi = {
  reminders: () => api.get<ReminderSettings>('/api/recommendations/reminders'),
  saveReminders: (body: ReminderSettings) => api.put<ReminderSettings>('/api/recommendations/reminders', body),
  lexicon: () => api.get<Lexicon>('/api/recommendations/lexicon'),
  saveLexicon: (rows: LexiconRow[]) => api.put<Lexicon & { rebuilt: number; ms: number }>('/api/recommendations/lexicon', { rows }),
  resetLexicon: () => api.del<Lexicon & { rebuilt: number; ms: number }>('/api/recommendations/lexicon'),
  create: (body: {
    text: string; kind: RecommendationKind; sector?: string; owner: string; deadline: string; raisedBy?: string[]; period?: string; raisedOn?: string; cooperating?: string[];
  }) => api.post<Recommendation>('/api/recommendations', body),
  patch: (id: number, body: { version: number; text?: string; kind?: RecommendationKind; sector?: string | null; owner?: string; cooperating?: string[]; deadline?: string | null; deputy?: number | null }) =>
    api.patch<Recommendation>(`/api/recommendations/${id}`, body),
  transition: (id: number, name: RecommendationTransition, body: { version: number; note?: string | null; closingEvidence?: string | null; period?: string | null; into?: number | null }) =>
    api.post<Recommendation>(`/api/recommendations/${id}/transitions/${name}`, body),
  addUpdate: (id: number, body: { text: string; progress: number | null; files: { filename: string; content: string }[] }) =>
    api.post<Recommendation>(`/api/recommendations/${id}/updates`, body),
  answer: (id: number, body: { text: string; publish: boolean; version: number }) => api.put<Recommendation>(`/api/recommendations/${id}/answer`, body),
  similar: (text: string, limit = 5) => api.post<{ matches: { id: number; text: string; score: number; recurring: boolean }[] }>('/api/recommendations/similar', { text, limit }),
  link: (id: number, recommendationId: number, version: number) => api.post<Candidate>(`/api/recommendations/candidates/${id}/link`, { recommendationId, version }),
  createFrom: (id: number, version: number) => api.post<Candidate>(`/api/recommendations/candidates/${id}/create`, { version }),
  dismiss: (id: number, version: number, reason: string) => api.post<Candidate>(`/api/recommendations/candidates/${id}/dismiss`, { version, reason }),
  reject: (id: number, recommendationId: number) => api.post<Candidate>(`/api/recommendations/candidates/${id}/reject`, { recommendationId }),
  bulk: (action: 'link_top' | 'create' | 'dismiss', ids: number[], reason?: string) => api.post<BulkResult>('/api/recommendations/candidates/bulk', { action, ids, reason }),
  keyTaskUpdate: (id: number, body: { text: string; progress: number | null }) => api.post<KeyTaskDetail>(`/api/key-tasks/${id}/updates`, body),
  keyTaskCarry: (id: number, version: number, result: string) => api.post<{ task: KeyTask; next: KeyTask }>(`/api/key-tasks/${id}/carry`, { version, result }),
  keyTaskClose: (id: number, version: number, result: string, done: boolean) => api.post<KeyTask>(`/api/key-tasks/${id}/close`, { version, result, done }),
  keyTaskCreate: (body: { period: string; text: string; owner?: string | null; sector?: string | null; deadline?: string | null }) => api.post<KeyTaskDetail>('/api/key-tasks', body),
  keyTasksFromReport: (period: string) => api.post<{ period: string; created: KeyTask[]; skipped: number }>('/api/key-tasks/from-report', { period }),
};

/** A file read as base64 for the JSON body of an update. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('Không đọc được tệp.'));
    r.readAsDataURL(file);
  });
}
