import type { SubmissionStatus } from '@nhip/contracts';
import type { z } from 'zod';
import { isLate } from '../rounds/completeness.js';
import { presentRound } from '../rounds/rounds.presenter.js';
import type { RoundRow } from '../rounds/rounds.service.js';
import type { AttachmentMeta } from './attachments.repository.js';
import type { EntryElement } from './form-structure.js';
import type { EarlierPeriod, EntryView } from './entry.service.js';
import type * as S from './submissions.schema.js';
import type { SubmissionRow } from './submissions.repository.js';

export function presentSubmission(s: SubmissionRow, round: RoundRow, now: Date): z.infer<typeof S.Submission> {
  return {
    id: s.id,
    status: s.status,
    version: s.version,
    results: s.results,
    difficulties: s.difficulties,
    proposals: s.proposals,
    submittedAt: s.submitted_at,
    reviewedAt: s.reviewed_at,
    reviewComment: s.review_comment,
    late: isLate(s.status, s.submitted_at, round.deadline, now),
    updatedAt: s.updated_at,
  };
}

export const presentAttachment = (a: AttachmentMeta): z.infer<typeof S.Attachment> => ({
  id: a.id, filename: a.filename, mime: a.mime, size: a.size, sha256: a.sha256, createdAt: a.created_at,
});

const presentElement = (e: EntryElement): z.infer<typeof S.ElementDef> => ({
  id: e.id, code: e.code, name: e.name, nameEn: e.nameEn, uom: e.uom, valueType: e.valueType,
  aggregationType: e.aggregationType, min: e.min, max: e.max, required: e.required, sectorId: e.sectorId,
});

const presentEarlier = (e: EarlierPeriod | null): z.infer<typeof S.Entry>['previous'] =>
  e ? { period: e.period, periodLabel: e.periodLabel, status: e.status as SubmissionStatus | null, values: e.values } : null;

export function presentEntry(v: EntryView, now: Date): z.infer<typeof S.Entry> {
  const f = v.structure.form;
  return {
    round: presentRound(v.round),
    orgUnit: { id: v.unit.id, code: v.unit.code, name: v.unit.name, shortName: v.unit.short_name, type: v.unit.type, sectorId: v.unit.sector_id, sectorName: v.unit.sector_name },
    form: {
      id: f.id, code: f.code, name: f.name, narrative: f.narrative,
      sections: v.structure.sections.map((s) => ({ id: s.id, title: s.title, titleEn: s.titleEn, elements: s.elements.map(presentElement) })),
    },
    rules: v.structure.rules.map((r) => ({
      id: r.id, code: r.code, name: r.name, left: r.left, operator: r.operator, right: r.right, importance: r.importance,
      message: r.message, missingValueStrategy: r.missingValueStrategy,
    })),
    submission: v.submission ? presentSubmission(v.submission, v.round, now) : null,
    values: Object.fromEntries(Object.entries(v.values).map(([code, x]) => [code, { value: x.value, comment: x.comment, updatedAt: x.updatedAt }])),
    previous: presentEarlier(v.previous),
    lastYear: presentEarlier(v.lastYear),
    history: v.history,
    attachments: v.attachments.map(presentAttachment),
    issues: v.issues,
    abilities: v.abilities,
  };
}
