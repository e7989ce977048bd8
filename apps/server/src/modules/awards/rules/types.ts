/**
 * The rule engine's data: the catalog rows as the engine reads them, the facts about one subject (a person or a
 * collective), and the answer. Plain data, no database: awards.repository loads them, tests write them by hand.
 */
import type { AwardCategory, AwardSubject, CriterionKind, EligibilityCheck, InitiativeScope, Rating, Recurrence, RuleSource } from '@nhip/contracts';

export type { EligibilityCheck };

export type LegalBasis = {
  id: number;
  code: string;
  kind: 'law' | 'decree' | 'circular' | 'decision' | 'provincial';
  number: string;
  /** As cited after an article: "Luật Thi đua, khen thưởng", "Nghị định". */
  shortName: string;
  title: string;
  issuer: string;
  issuedOn: string | null;
  validFrom: string;
  validTo: string | null;
  note: string | null;
};

export type Criterion = {
  id: number;
  versionId: number;
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
  validFrom: string;
  validTo: string | null;
  sort: number;
  note: string | null;
  confirmedAt: string | null;
};

export type AwardVersion = {
  id: number;
  awardCode: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  basisId: number | null;
  article: string | null;
  /** Secret ballot: passes with votes_for × den ≥ num × ALL members; null: no ballot. */
  vote: { num: number; den: number; basisId: number | null; article: string | null; source: RuleSource } | null;
  quorum: { num: number; den: number; source: RuleSource } | null;
  reward: { individual: number | null; collective: number | null; max: boolean; basisId: number | null; article: string | null; source: RuleSource };
  note: string | null;
  confirmedAt: string | null;
  criteria: Criterion[];
};

export type AwardType = {
  code: string;
  name: string;
  category: AwardCategory;
  subject: AwardSubject;
  recurrences: Recurrence[];
  sort: number;
  active: boolean;
  versions: AwardVersion[];
};

export type Authority = {
  id: number;
  awardCode: string;
  unitTypes: string[] | null;
  level: 'department' | 'commune' | 'district' | 'province' | 'ministry';
  authority: string;
  validFrom: string;
  validTo: string | null;
  basisId: number | null;
  article: string | null;
  source: RuleSource;
  note: string | null;
};

export type BaseSalary = { id: number; amount: number; validFrom: string; validTo: string | null; basisId: number | null; article: string | null; source: RuleSource; note: string | null };

/** The whole catalog: small (tens of rows), loaded once per request or batch. */
export type Catalog = {
  types: AwardType[];
  bases: LegalBasis[];
  authorities: Authority[];
  salaries: BaseSalary[];
};

// ───────────── facts ─────────────

export type AwardFact = {
  code: string;
  year: number;
  decisionNumber: string | null;
  recordId: number;
  /** A predecessor unit (merge, rename) whose record the collective keeps; its name. */
  via?: string | null;
};
export type PendingFact = { code: string; year: number; nominationId: number; status: string };
export type InitiativeFact = {
  id: number;
  title: string;
  year: number;
  scope: InitiativeScope;
  usedByNominationId: number | null;
  usedByRecordId: number | null;
  /** What used it, in words ("Chiến sĩ thi đua cơ sở năm 2024"), or null. */
  usedFor: string | null;
};
export type MemberFact = { personId: number; fullName: string; ratings: Map<number, Rating>; awards: AwardFact[]; pending: PendingFact[] };

/** Everything the engine knows about one subject. Collective facts include the unit's predecessors (lineage). */
export type Facts = {
  subject: { kind: 'person'; personId: number; gender: 'male' | 'female' | null; unitId: number | null; unitType: string | null }
    | { kind: 'unit'; unitId: number; unitType: string };
  /** Titles and forms received (history and decisions). */
  awards: AwardFact[];
  /** Live nominations of the subject (not rejected, withdrawn or failed), for titles of the same round. */
  pending: PendingFact[];
  ratings: Map<number, Rating>;
  initiatives: InitiativeFact[];
  /** First day in service (the earliest membership), for people. */
  serviceStart: string | null;
  /** The members of a collective at the evaluation date, with their own facts. */
  members: MemberFact[];
  /** Registered for emulation that year: the targets registered (codes), or null when not registered. */
  registration: { year: number; targets: string[] } | null;
  /** Rank in the published ranking of each emulation cluster the unit belongs to that year. */
  clusterRanks: { clusterId: number; clusterName: string; rank: number; members: number }[];
  /** For caps: how many of this title the subject's unit has (awarded + live nominations) and how many hold `ofCode`. */
  unitCounts: Map<string, number>;
};

/** What is being asked: this subject, this title, for this year, decided on this date. */
export type Question = {
  awardCode: string;
  year: number;
  /** The decision date; 31/12 of the year when there is none. The rows in force on it apply. */
  date: string;
  /** The nomination being evaluated (its own pending entry and its own initiatives do not count against it). */
  nominationId?: number | null;
  /** Statements for `manual` criteria that need one, by criterion code. */
  claims?: Record<string, string>;
};

export type Eligibility = {
  eligible: boolean;
  /** Some passed check rests on a nomination not decided yet. */
  conditional: boolean;
  date: string;
  versionId: number | null;
  checks: EligibilityCheck[];
  /** Initiatives the passing checks counted. */
  initiativeIds: number[];
};
