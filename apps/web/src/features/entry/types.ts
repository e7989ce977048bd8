/** Shapes of the entry and review endpoints (docs/api-plan.md, "Entry and review"). */
import type { ElementDef, Issue, NarrativeSection, RuleDef, SubmissionAction, UnitType } from '@nhip/contracts';
import type { Round } from '../rounds/types';

export type EntryElement = ElementDef & { nameEn?: string | null; aggregationType?: string; sectorId?: number | null };

export type EntrySection = { id: number; title: string; titleEn?: string | null; elements: EntryElement[] };

export type SubmissionState = 'draft' | 'submitted' | 'approved' | 'returned';

export type EntrySubmission = {
  id: number;
  status: SubmissionState;
  version: number;
  results: string;
  difficulties: string;
  proposals: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  late: boolean;
};

export type StoredValue = { value: string; comment: string | null; updatedAt: string | null };

export type Attachment = { id: number; filename: string; mime: string; size: number; createdAt: string };

export type PeriodValues = { period: string; values: Record<string, string> };

export type Entry = {
  round: Omit<Round, 'counts'> & Partial<Pick<Round, 'counts'>>;
  orgUnit: { id: number; code: string; name: string; type?: UnitType };
  form: { id: number; code: string; name: string; nameEn?: string | null; narrative: boolean; sections: EntrySection[] };
  rules: RuleDef[];
  submission: EntrySubmission | null;
  values: Record<string, StoredValue>;
  previous: PeriodValues | null;
  lastYear: PeriodValues | null;
  history: Record<string, number[]>;
  attachments: Attachment[];
  issues: Issue[];
  abilities: Record<SubmissionAction, boolean>;
};

export type SaveBody = {
  version: number;
  values?: { code: string; value: string; comment?: string }[];
} & Partial<Record<NarrativeSection, string>>;

export type SaveResponse = { submission: EntrySubmission; issues: Issue[] };

/** The actor of a history entry: the server may send a name or a small object. */
export type HistoryActor = string | { id?: number | null; name?: string | null; fullName?: string | null; username?: string | null } | null;

export type HistoryEvent = { at: string; actor: HistoryActor; action: string; before: unknown; after: unknown };

export type ValueChange = { at: string; actor: HistoryActor; action: string; previousValue: string | null; value: string | null; comment: string | null };

export type History = { events: HistoryEvent[]; values: Record<string, ValueChange[]> };

export type ImportPreview = {
  /** Every value of the form as it would stand: `saved` is what is stored now, `previous` the previous period's. */
  values: { code: string; name: string; value: string | null; previous: string | null; comment: string | null; saved: string | null; changed: boolean; cell: string | null }[];
  narrative: Record<NarrativeSection, string>;
  narrativeChanged: NarrativeSection[];
  issues: Issue[];
  errors: { cell: string; message: string }[];
  applied: boolean;
  changes: number;
  version: number | null;
  message: string;
};

export function actorName(a: HistoryActor): string {
  if (!a) return '—';
  if (typeof a === 'string') return a;
  return a.fullName || a.name || a.username || '—';
}
