/** Rows of the register → the API's shapes, field by field. */
import type { RecommendationAction } from '@nhip/contracts';
import type { z } from 'zod';
import type { RecommendationRow, SourceRow, UnitRef, UpdateRow } from './recommendations.repository.js';
import type { RecommendationItem, RecommendationOut, SourceOut, UpdateOut } from './recommendations.schema.js';

export type RecommendationItemOut = z.infer<typeof RecommendationItem>;
export type RecommendationDetail = z.infer<typeof RecommendationOut>;

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const unit = (u: { id: number; code: string; name: string }) => ({ id: u.id, code: u.code, name: u.name });

export function presentItem(r: RecommendationRow, raisedBy: UnitRef[]): RecommendationItemOut {
  return {
    id: r.id,
    text: r.text,
    kind: r.kind,
    sector: r.sector_id !== null && r.sector_code !== null && r.sector_name !== null ? { id: r.sector_id, code: r.sector_code, name: r.sector_name } : null,
    owner: r.owner_division_id !== null && r.owner_code !== null && r.owner_name !== null ? { id: r.owner_division_id, code: r.owner_code, name: r.owner_name } : null,
    deadline: r.deadline,
    state: r.state,
    timeliness: r.timeliness,
    timesRaised: r.times_raised,
    progress: r.progress,
    firstPeriod: r.first_period,
    raisedOn: r.raised_on,
    closedOn: r.closed_on,
    carriedToPeriod: r.carried_to_period,
    mergedInto: r.merged_into_id !== null ? { id: r.merged_into_id, text: r.merged_into_text ?? '' } : null,
    raisedBy: raisedBy.map(unit),
    escalated: r.escalated_at !== null,
    answered: r.answer_published_at !== null,
    updatedAt: iso(r.updated_at),
    version: r.version,
  };
}

export function presentSource(s: SourceRow): z.infer<typeof SourceOut> {
  return {
    id: s.id,
    kind: s.kind,
    unit: s.org_unit_id !== null && s.unit_code !== null && s.unit_name !== null ? { id: s.org_unit_id, code: s.unit_code, name: s.unit_name } : null,
    period: s.period,
    raisedOn: s.raised_on,
    text: s.text,
    report: s.submission_id !== null ? { submissionId: s.submission_id, roundId: s.round_id, unitId: s.org_unit_id, section: s.section, item: s.item_index } : null,
    conference: s.conference_id !== null && s.conference_title !== null
      ? { id: s.conference_id, title: s.conference_title, discussionItemId: s.discussion_item_id, pointId: s.point_id, pointNumber: s.point_number, pointSource: s.point_source }
      : null,
  };
}

export function presentUpdate(u: UpdateRow): z.infer<typeof UpdateOut> {
  return {
    id: u.id,
    kind: u.kind,
    text: u.text,
    progress: u.progress,
    stateFrom: u.state_from,
    stateTo: u.state_to,
    by: u.by_name,
    at: iso(u.at),
    files: u.files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, url: `/api/recommendations/${u.recommendation_id}/updates/${u.id}/files/${f.id}` })),
  };
}

export type DetailParts = {
  row: RecommendationRow;
  cooperating: UnitRef[];
  sources: SourceRow[];
  timeline: UpdateRow[];
  merged: number[];
  abilities: Record<RecommendationAction, boolean>;
  /** The department sees a draft answer; a unit only a published one. */
  showDraftAnswer: boolean;
};

export function presentDetail(p: DetailParts): RecommendationDetail {
  const r = p.row;
  const raisers = new Map<number, UnitRef>();
  for (const s of p.sources) if (s.org_unit_id !== null && s.unit_code && s.unit_name) raisers.set(s.org_unit_id, { id: s.org_unit_id, code: s.unit_code, name: s.unit_name, type: '' });
  const answerVisible = r.answer !== null && (p.showDraftAnswer || r.answer_published_at !== null);
  return {
    ...presentItem(r, [...raisers.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'))),
    stateReason: r.state_reason,
    deputy: r.deputy_person_id !== null && r.deputy_name !== null ? { id: r.deputy_person_id, name: r.deputy_name } : null,
    cooperating: p.cooperating.map((u) => ({ ...unit(u), type: u.type })),
    sources: p.sources.map(presentSource),
    timeline: p.timeline.filter((u) => p.showDraftAnswer || u.kind !== 'answer' || r.answer_published_at !== null).map(presentUpdate),
    answer: answerVisible ? { text: r.answer!, publishedAt: r.answer_published_at ? iso(r.answer_published_at) : null } : null,
    closingEvidence: r.closing_evidence,
    escalatedAt: r.escalated_at ? iso(r.escalated_at) : null,
    mergedFrom: p.merged,
    createdAt: iso(r.created_at),
    abilities: p.abilities,
  };
}
