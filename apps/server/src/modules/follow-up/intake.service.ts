/**
 * Intake without retyping: what units and the conference raise arrives in the owning division's triage queue as
 * candidates, already matched against the register (the best earlier recommendations as `suggestions`).
 *
 * - An approved report (one call in the approving transaction, submissions/workflow.service.ts): each point of its
 *   difficulties and its proposals, split as the draft summary report and the discussion pre-fill split them
 *   (splitPoints), becomes a candidate `report:<submission>:<section>:<index>` in the queue of the division that owns
 *   the text's sector (sectors.division_id; the sector as the summary report gives it), else of the form's reviewing
 *   division. Unlocking and approving again is idempotent: a pending candidate whose text changed is brought up to
 *   date and matched again, a pending one whose point is gone is removed, a decided one is never touched.
 * - A conference, when its conclusion notice is issued (one call in conferences/notices.service.ts; a reissue runs it
 *   again): each discussion item ticked as raised (difficulties and proposals; an opinion is not a recommendation)
 *   becomes a candidate `discussion:<item>` (its units, sector and the sector's division), and each conclusion or
 *   directive point of kind task a candidate `point:<point>` of kind conclusion/directive in its owner's queue, to be
 *   created already assigned (owner, deadline, co-operating units from the point). Decision points become key tasks
 *   of the next period (keytasks.service.ts).
 *
 * Matching reads at most INTAKE_MAX_ROWS stored points per text (the library's default budget is 4,000): intake
 * runs inside the approving transaction, thirty points at a time.
 */
import { parsePeriod, type RecommendationKind } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { parseUnresolved, type UnresolvedRecommendation } from '../conferences/discussion.prefill.js';
import { splitPoints } from '../reports/summary-report.points.js';
import { vnDateOf } from '../rounds/rounds.service.js';
import { intakeRepo } from './intake.repository.js';
import { keyTasksFromConference } from './keytasks.service.js';
import { findSimilar, type MatchContext, matchContext } from './similar.service.js';
import { type CandidateWrite, type Suggestion, triageRepo } from './triage.repository.js';

/** Suggestions kept per candidate. */
export const SUGGESTIONS_KEPT = 5;
/** Stored points one intake match may read. */
export const INTAKE_MAX_ROWS = 2000;

export type IntakeResult = { points: number; written: number; removed: number; matched: number };

/** A candidate before matching; `known`: the recommendation it is known to be (an unresolved one brought back to a conference). */
type Draft = Omit<CandidateWrite, 'suggestions'> & { known?: number };

/** Matches the drafts that need it and writes them; decided candidates and unchanged pending ones are left as they are. */
async function write(db: Db, drafts: Draft[]): Promise<{ written: number; matched: number }> {
  if (!drafts.length) return { written: 0, matched: 0 };
  const existing = new Map((await triageRepo.byKeys(db, drafts.map((d) => d.sourceKey))).map((e) => [e.source_key, e]));
  const todo = drafts.filter((d) => {
    const e = existing.get(d.sourceKey);
    return !e || (e.status === 'pending' && e.text !== d.text);
  });
  const unchanged = drafts.filter((d) => {
    const e = existing.get(d.sourceKey);
    return e?.status === 'pending' && e.text === d.text;
  });
  const rejected = new Map<number, Set<number>>();
  const pendingIds = todo.map((d) => existing.get(d.sourceKey)?.id).filter((id): id is number => id !== undefined);
  if (pendingIds.length) {
    for (const r of await triageRepo.rejected(db, pendingIds)) {
      const set = rejected.get(r.candidate_id) ?? new Set<number>();
      set.add(r.recommendation_id);
      rejected.set(r.candidate_id, set);
    }
  }
  let ctx: MatchContext | null = null;
  const rows: CandidateWrite[] = [];
  for (const d of todo) {
    ctx ??= await matchContext(db);
    const id = existing.get(d.sourceKey)?.id;
    const matches = await findSimilar(db, ctx, d.text, { limit: SUGGESTIONS_KEPT, maxRows: INTAKE_MAX_ROWS, exclude: id ? rejected.get(id) : undefined });
    const suggestions = matches.map((m): Suggestion => ({ id: m.id, score: m.score, recurring: m.recurring }));
    const { known, ...draft } = d;
    rows.push({ ...draft, suggestions: known === undefined ? suggestions : [{ id: known, score: 1, recurring: true }, ...suggestions.filter((x) => x.id !== known)].slice(0, SUGGESTIONS_KEPT) });
  }
  // Unchanged pending candidates keep their suggestions; their queue follows the sector as it is now.
  for (const { known: _known, ...d } of unchanged) rows.push({ ...d, suggestions: existing.get(d.sourceKey)!.suggestions });
  const written = await triageRepo.upsert(db, rows);
  return { written: written.length, matched: todo.length };
}

/** The candidates of an approved report (see the module comment). Nothing for a form without narrative. */
export async function intakeReport(db: Db, actor: AuditActor, submissionId: number, now: Date): Promise<IntakeResult> {
  const n = await intakeRepo.approvedNarrative(db, submissionId);
  if (!n?.narrative) return { points: 0, written: 0, removed: 0, matched: 0 };
  const raisedOn = vnDateOf(now);
  const drafts: Draft[] = [];
  for (const section of ['difficulties', 'proposals'] as const) {
    splitPoints(n[section]).forEach((text, itemIndex) => {
      drafts.push({
        sourceKind: 'report', sourceKey: `report:${submissionId}:${section}:${itemIndex}`, text, kind: section === 'difficulties' ? 'difficulty' : 'proposal',
        orgUnitId: n.unit_id, period: n.period, raisedOn, sectorId: n.sector_id, divisionId: n.sector_division_id ?? n.form_division_id,
        submissionId, section, itemIndex, discussionItemId: null, pointId: null,
      });
    });
  }
  const { written, matched } = await write(db, drafts);
  const removed = (await triageRepo.deleteStaleReport(db, submissionId, drafts.map((d) => d.sourceKey))).length;
  if (written || removed) {
    await audit(db, actor, {
      action: 'recommendation.intake', entityType: 'submission', entityId: submissionId, orgUnitId: n.unit_id,
      after: { points: drafts.length, written, removed, period: n.period },
    });
  }
  return { points: drafts.length, written, removed, matched };
}

export type ConferenceIntakeResult = IntakeResult & { keyTasks: number };

/** The candidates (and key tasks) of a concluded conference (see the module comment). */
export async function intakeConference(db: Db, actor: AuditActor, conferenceId: number, now: Date): Promise<ConferenceIntakeResult> {
  const c = await intakeRepo.conference(db, conferenceId);
  if (!c || !parsePeriod(c.period)) return { points: 0, written: 0, removed: 0, matched: 0, keyTasks: 0 };
  const raisedOn = vnDateOf(c.starts_at);
  const drafts: Draft[] = [];
  for (const d of await intakeRepo.discussion(db, conferenceId)) {
    if (!d.raised || d.kind === 'opinion') continue;
    // An unresolved recommendation brought back to the conference (discussion.prefill.ts) is known: proposed first.
    const back = parseUnresolved(d.text);
    drafts.push({
      sourceKind: 'discussion', sourceKey: `discussion:${d.id}`, text: back?.text ?? d.text, kind: d.kind, orgUnitId: d.unit_ids[0] ?? null, period: c.period,
      raisedOn, sectorId: d.sector_id, divisionId: d.division_id, submissionId: null, section: null, itemIndex: null, discussionItemId: d.id, pointId: null,
      known: back?.recommendationId,
    });
  }
  const points = await intakeRepo.points(db, conferenceId);
  for (const p of points) {
    if (p.kind !== 'task') continue;
    drafts.push({
      sourceKind: 'point', sourceKey: `point:${p.id}`, text: p.text, kind: p.source as RecommendationKind, orgUnitId: null, period: c.period, raisedOn,
      sectorId: p.sector_id, divisionId: p.division_id, submissionId: null, section: null, itemIndex: null, discussionItemId: null, pointId: p.id,
    });
  }
  const { written, matched } = await write(db, drafts);
  const removed = (await triageRepo.deleteStaleConference(db, conferenceId, drafts.map((d) => d.sourceKey))).length;
  const keyTasks = await keyTasksFromConference(db, actor, c, points.filter((p) => p.kind === 'decision'), now);
  if (written || removed) {
    await audit(db, actor, {
      action: 'recommendation.intake', entityType: 'conference', entityId: conferenceId,
      after: { points: drafts.length, written, removed, keyTasks, period: c.period },
    });
  }
  return { points: drafts.length, written, removed, matched, keyTasks };
}

/** How many unresolved recommendations a conference's discussion is pre-filled with at most. */
export const UNRESOLVED_PREFILL_MAX = 40;

/**
 * Close the loop: the recommendations still open that were first raised before `period`, for the conference's
 * discussion pre-fill (conferences/discussion.prefill.ts unresolvedItems marks them), the most often raised first.
 */
export async function unresolvedForPeriod(db: Db, period: string): Promise<UnresolvedRecommendation[]> {
  const p = parsePeriod(period);
  if (!p) return [];
  return (await intakeRepo.unresolvedBefore(db, p.start, p.end, UNRESOLVED_PREFILL_MAX)).map((r) => ({
    id: r.id, text: r.text, kind: r.kind, sectorId: r.sector_id, timesRaised: r.times_raised, unitIds: r.unit_ids,
  }));
}
