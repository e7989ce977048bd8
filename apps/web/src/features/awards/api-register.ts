/**
 * The awards screens for looking back and for the rules: the register (sổ khen thưởng) with its import and export, a
 * person's and a collective's page, statistics, initiatives, annual registrations, emulation clusters and the catalog
 * of titles and forms with their rule rows. Shapes as the server answers them (apps/server/src/modules/awards/*.schema.ts).
 */
import type {
  AwardCategory,
  AwardSubject,
  CriterionKind,
  InitiativeScope,
  NominationStatus,
  Rating,
  Recurrence,
  RuleSource,
} from '@nhip/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../lib/api';

export const AWARDS_LOOKBACK_KEY = ['awards', 'lookback'] as const;

export type Ref = { id: number; code: string; name: string };

// ───────────── register ─────────────

export type AwardRecord = {
  id: number;
  person: { id: number; fullName: string; gender: 'male' | 'female' | null } | null;
  unit: Ref | null;
  homeUnit: Ref | null;
  title: { code: string; name: string };
  year: number;
  decision: string | null;
  decisionDate: string | null;
  authority: string | null;
  source: 'history' | 'decision';
  note: string | null;
  createdAt: string;
};

export type RecordFilter = {
  q?: string;
  unit?: string;
  title?: string;
  year?: number;
  yearFrom?: number;
  yearTo?: number;
  source?: 'history' | 'decision';
  person?: number;
};

export function useRecords(filter: RecordFilter & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...AWARDS_LOOKBACK_KEY, 'records', filter],
    queryFn: () => api.get<{ total: number; items: AwardRecord[] }>(`/api/awards/records${qs(filter)}`),
    placeholderData: keepPreviousData,
  });
}

export const recordsExportUrl = (format: 'xlsx' | 'csv', filter: RecordFilter) => `/api/awards/records/export.${format}${qs(filter)}`;

export type RecordCreate = {
  person?: number;
  unit?: string;
  title: string;
  year: number;
  decision?: string | null;
  decisionDate?: string | null;
  authority?: string | null;
  note?: string | null;
};
export const createRecord = (body: RecordCreate) => api.post<AwardRecord>('/api/awards/records', body);
export const deleteRecord = (id: number) => api.del<void>(`/api/awards/records/${id}`);

export type RecordImportResult = {
  created: number;
  existing: number;
  errors: { line: number; message: string }[];
  dryRun: boolean;
  format: 'csv' | 'xlsx';
};
export const importRecords = (file: File, dryRun: boolean) =>
  api.upload<RecordImportResult>(`/api/awards/records/import?dryRun=${dryRun}`, file);

// ───────────── a person's and a collective's page ─────────────

export type HistoryRow = {
  id: number;
  personId: number | null;
  unitId: number | null;
  awardCode: string;
  awardName: string;
  category: AwardCategory;
  year: number;
  decisionNumber: string | null;
  decisionDate: string | null;
  authority: string | null;
  source: 'history' | 'decision';
  decisionId: number | null;
  via: string | null;
};
export type RatingRow = { year: number; rating: Rating; label: string };
export type NominationRow = {
  id: number;
  awardCode: string;
  awardName: string;
  year: number;
  status: NominationStatus;
  statusLabel: string;
  eligible: boolean;
};
export type NextTitle = { code: string; name: string; possible: boolean; assumptions: string[]; missing: string[]; basis: string };

export type PersonAwards = {
  person: {
    id: number;
    fullName: string;
    gender: 'male' | 'female' | null;
    birthDate: string | null;
    position: string;
    unit: Ref | null;
    title: string;
    serviceStart: string | null;
  };
  history: HistoryRow[];
  ratings: RatingRow[];
  initiatives: {
    id: number;
    title: string;
    year: number;
    scope: InitiativeScope;
    recognisedBy: string | null;
    decisionNumber: string | null;
    usedFor: string | null;
  }[];
  nominations: NominationRow[];
  next: { year: number; titles: NextTitle[]; summary: string };
};

export function usePersonAwards(id: number, next?: number) {
  return useQuery({
    queryKey: [...AWARDS_LOOKBACK_KEY, 'person', id, next ?? null],
    queryFn: () => api.get<PersonAwards>(`/api/awards/people/${id}${qs({ next })}`),
    placeholderData: keepPreviousData,
  });
}

export type UnitAwards = {
  unit: { id: number; code: string; name: string; type: string; validFrom: string; validTo: string | null };
  predecessors: { id: number; code: string; name: string; validTo: string | null }[];
  history: HistoryRow[];
  ratings: RatingRow[];
  nominations: NominationRow[];
};

export function useUnitAwards(code: string) {
  return useQuery({
    queryKey: [...AWARDS_LOOKBACK_KEY, 'unit', code],
    queryFn: () => api.get<UnitAwards>(`/api/awards/units/${encodeURIComponent(code)}`),
  });
}

// ───────────── statistics ─────────────

export type Count = { people: number; units: number; total: number };
export type AwardStats = {
  yearFrom: number;
  yearTo: number;
  title: string | null;
  unit: Ref | null;
  total: Count;
  byYear: ({ year: number } & Count)[];
  byUnit: ({ unit: (Ref & { type: string }) | null } & Count)[];
  byForm: ({ code: string; name: string; category: AwardCategory } & Count)[];
  byGender: ({ gender: 'female' | 'male' | 'unknown' | 'collective'; label: string } & Count)[];
  byAuthority: ({ authority: string } & Count)[];
};
export type StatsFilter = { yearFrom?: number; yearTo?: number; title?: string; unit?: string };

export function useAwardStats(filter: StatsFilter) {
  return useQuery({
    queryKey: [...AWARDS_LOOKBACK_KEY, 'stats', filter],
    queryFn: () => api.get<AwardStats>(`/api/awards/stats${qs(filter)}`),
    placeholderData: keepPreviousData,
  });
}
export const statsExportUrl = (filter: StatsFilter) => `/api/awards/stats.xlsx${qs(filter)}`;

// ───────────── initiatives ─────────────

export type Initiative = {
  id: number;
  title: string;
  year: number;
  scope: InitiativeScope;
  recognisedBy: string | null;
  decisionNumber: string | null;
  unit: Ref | null;
  authors: { id: number; fullName: string }[];
  usedBy: { nominationId: number | null; recordId: number | null; title: { code: string; name: string }; year: number; who: string } | null;
  note: string | null;
  createdAt: string;
};
export type InitiativeFilter = { person?: number; year?: number; unused?: 'true' };

export function useInitiatives(filter: InitiativeFilter) {
  return useQuery({
    queryKey: [...AWARDS_LOOKBACK_KEY, 'initiatives', filter],
    queryFn: () => api.get<{ items: Initiative[] }>(`/api/awards/initiatives${qs(filter)}`),
    placeholderData: keepPreviousData,
  });
}
export type InitiativeCreate = {
  person: number;
  title: string;
  year: number;
  scope: InitiativeScope;
  coAuthors?: number[];
  recognisedBy?: string | null;
  decisionNumber?: string | null;
  unit?: string | null;
  note?: string | null;
};
export const createInitiative = (body: InitiativeCreate) => api.post<Initiative>('/api/awards/initiatives', body);

// ───────────── registrations ─────────────

export type Registration = {
  id: number;
  unit: Ref;
  year: number;
  collectiveTarget: string | null;
  note: string | null;
  targets: { personId: number; fullName: string; title: string }[];
  registeredAt: string;
  updatedAt: string;
  version: number;
};

export function useRegistrations(year: number, unit?: string) {
  return useQuery({
    queryKey: [...AWARDS_LOOKBACK_KEY, 'registrations', year, unit ?? null],
    queryFn: () => api.get<{ items: Registration[] }>(`/api/awards/registrations${qs({ year, unit })}`),
  });
}
export type RegistrationSave = {
  unit: string;
  year: number;
  collectiveTarget?: string | null;
  targets?: { person: number; title: string }[];
  note?: string | null;
  version?: number;
};
export const saveRegistration = (body: RegistrationSave) => api.put<Registration>('/api/awards/registrations', body);

// ───────────── clusters ─────────────

export type RankingEntry = { unit: Ref; total: number; percent: number; rank: number; missing: number };
export type ClusterSummary = {
  id: number;
  name: string;
  kind: 'khoi' | 'cum';
  year: number;
  publishedAt: string | null;
  members: number;
  leader: RankingEntry[];
};
export type ClusterCriterion = {
  id: number;
  name: string;
  weight: number;
  maxScore: number;
  source: 'manual' | 'computed';
  figure: string | null;
  form: string | null;
};
export type Cluster = {
  id: number;
  name: string;
  kind: 'khoi' | 'cum';
  year: number;
  note: string | null;
  publishedAt: string | null;
  version: number;
  members: (Ref & { type: string })[];
  criteria: ClusterCriterion[];
  scores: { criterionId: number; unitId: number; score: number; note: string | null; computed: boolean }[];
  ranking: RankingEntry[];
  abilities: { edit: boolean; publish: boolean; unpublish: boolean; propose: boolean };
};

export function useClusters(year?: number) {
  return useQuery({
    queryKey: [...AWARDS_LOOKBACK_KEY, 'clusters', year ?? null],
    queryFn: () => api.get<{ items: ClusterSummary[] }>(`/api/awards/clusters${qs({ year })}`),
  });
}
export function useCluster(id: number) {
  return useQuery({
    queryKey: [...AWARDS_LOOKBACK_KEY, 'cluster', id],
    queryFn: () => api.get<Cluster>(`/api/awards/clusters/${id}`),
  });
}
export type ClusterWrite = {
  name: string;
  kind?: 'khoi' | 'cum';
  year: number;
  note?: string | null;
  members: string[];
  criteria: {
    id?: number;
    name: string;
    weight: number;
    maxScore?: number;
    source?: 'manual' | 'computed';
    figure?: 'timeliness' | 'completeness' | null;
    form?: string | null;
  }[];
};
export const createCluster = (body: ClusterWrite) => api.post<Cluster>('/api/awards/clusters', body);
export const updateCluster = (id: number, body: Partial<Omit<ClusterWrite, 'year'>> & { version: number }) =>
  api.patch<Cluster>(`/api/awards/clusters/${id}`, body);
export const enterClusterScores = (
  id: number,
  version: number,
  scores: { criterion: number; unit: string; score: number; note?: string | null }[],
) => api.put<Cluster>(`/api/awards/clusters/${id}/scores`, { version, scores });
export const computeClusterScores = (id: number, version: number) => api.post<Cluster>(`/api/awards/clusters/${id}/compute`, { version });
export const publishCluster = (id: number, version: number) => api.post<Cluster>(`/api/awards/clusters/${id}/publish`, { version });
export const unpublishCluster = (id: number, version: number, reason: string) =>
  api.post<Cluster>(`/api/awards/clusters/${id}/unpublish`, { version, reason });
export const proposeClusterLeader = (id: number, titles: string[]) =>
  api.post<{ items: { title: string; nominationId: number }[] }>(`/api/awards/clusters/${id}/propose`, { titles });

// ───────────── catalog and rules ─────────────

export type Basis = {
  id: number;
  code: string;
  kind: 'law' | 'decree' | 'circular' | 'decision' | 'provincial';
  number: string;
  shortName: string;
  title: string;
  issuer: string;
  issuedOn: string | null;
  validFrom: string;
  validTo: string | null;
  note: string | null;
  line: string;
};
export type CriterionRow = {
  id: number;
  code: string;
  kind: CriterionKind;
  appliesTo: 'individual' | 'collective' | 'any';
  label: string;
  params: Record<string, unknown>;
  altGroup: string | null;
  altOption: string | null;
  severity: 'block' | 'flag';
  basisId: number | null;
  article: string | null;
  quote: string | null;
  source: RuleSource;
  basis: string;
  validFrom: string;
  validTo: string | null;
  sort: number;
  note: string | null;
  confirmedAt: string | null;
};
export type AwardVersion = {
  id: number;
  name: string;
  validFrom: string;
  validTo: string | null;
  basisId: number | null;
  article: string | null;
  basis: string;
  vote: { num: number; den: number; basisId: number | null; article: string | null; source: RuleSource; basis: string } | null;
  quorum: { num: number; den: number; source: RuleSource } | null;
  reward: {
    individual: number | null;
    collective: number | null;
    max: boolean;
    basisId: number | null;
    article: string | null;
    source: RuleSource;
    basis: string;
  };
  note: string | null;
  confirmedAt: string | null;
  criteria: CriterionRow[];
};
export type AwardType = {
  code: string;
  name: string;
  category: AwardCategory;
  subject: AwardSubject;
  recurrences: Recurrence[];
  sort: number;
  active: boolean;
  current: number | null;
  versions: AwardVersion[];
  authorities: {
    id: number;
    unitTypes: string[] | null;
    level: string;
    authority: string;
    validFrom: string;
    validTo: string | null;
    basis: string;
    source: RuleSource;
    note: string | null;
  }[];
};
export type Salary = {
  id: number;
  amount: number;
  validFrom: string;
  validTo: string | null;
  basis: string;
  source: RuleSource;
  note: string | null;
};

export function useAwardTypes() {
  return useQuery({
    queryKey: [...AWARDS_LOOKBACK_KEY, 'types'],
    queryFn: () => api.get<{ items: AwardType[] }>('/api/awards/types'),
    staleTime: 60_000,
  });
}
export function useBases() {
  return useQuery({ queryKey: [...AWARDS_LOOKBACK_KEY, 'bases'], queryFn: () => api.get<{ items: Basis[] }>('/api/awards/bases') });
}
export function useSalaries() {
  return useQuery({
    queryKey: [...AWARDS_LOOKBACK_KEY, 'salaries'],
    queryFn: () => api.get<{ items: Salary[] }>('/api/awards/base-salaries'),
  });
}

export type BasisWrite = {
  code: string;
  kind: Basis['kind'];
  number: string;
  shortName?: string | null;
  title?: string | null;
  issuer?: string | null;
  issuedOn?: string | null;
  validFrom: string;
  validTo?: string | null;
  note?: string | null;
};
export const createBasis = (body: BasisWrite) => api.post<Basis>('/api/awards/bases', body);
export const updateBasis = (id: number, body: Partial<BasisWrite>) => api.patch<Basis>(`/api/awards/bases/${id}`, body);

export type VersionPatch = {
  name?: string;
  validTo?: string | null;
  vote?: { num: number; den: number } | null;
  quorum?: { num: number; den: number } | null;
  reward?: { individual?: number | null; collective?: number | null; max?: boolean };
  note?: string | null;
  confirm?: boolean;
};
export const updateVersion = (id: number, body: VersionPatch) => api.patch<AwardVersion>(`/api/awards/versions/${id}`, body);

export type CriterionPatch = {
  label?: string;
  params?: Record<string, unknown>;
  severity?: 'block' | 'flag';
  basisId?: number | null;
  article?: string | null;
  source?: RuleSource;
  validFrom?: string;
  validTo?: string | null;
  note?: string | null;
  confirm?: boolean;
};
export const updateCriterion = (id: number, body: CriterionPatch) => api.patch<CriterionRow>(`/api/awards/criteria/${id}`, body);
export type CriterionCreate = CriterionPatch & {
  code: string;
  kind: CriterionKind;
  label: string;
  appliesTo?: 'individual' | 'collective' | 'any';
};
export const createCriterion = (versionId: number, body: CriterionCreate) =>
  api.post<CriterionRow>(`/api/awards/versions/${versionId}/criteria`, body);

export const createSalary = (body: {
  amount: number;
  validFrom: string;
  basisId?: number | null;
  article?: string | null;
  note?: string | null;
}) => api.post<{ id: number }>('/api/awards/base-salaries', body);

// ───────────── formats ─────────────

/** "2.340.000 đ" */
export const formatMoney = (n: number) => `${Math.round(n).toLocaleString('vi-VN')} đ`;
/** "1,5" — a multiple of the base salary. */
export const formatMultiple = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
