/**
 * The triage queue: each candidate (intake.service.ts) is linked to an open recommendation (the point raised again:
 * a source is added and the match decision kept, same = true), made a new recommendation, or dismissed with a reason
 * ("no action"). A proposed link a person rejects is kept (same = false) and never proposed for that candidate again.
 *
 * Who: the office and admin work every queue (and the queue of candidates no division owns); a division reviewer
 * works its own division's queue. Another queue's candidate answers 404, as a source in a unit the actor cannot see.
 * A reviewer creates recommendations for its own division; handing one to another division is the office's.
 *
 * Two reviewers on one candidate: the candidate row is locked and decided only if still pending at the version the
 * reviewer read; the second gets 409 "đã được … xử lý lúc …" with the candidate as it now is.
 */
import { type Actor, canDo, formatDateTime, normalizeText, OPEN_RECOMMENDATION_STATES, RECOMMENDATION_STATE_LABELS, type RecommendationKind } from '@nhip/contracts';
import { audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import {
  createRecommendation, addSource, loadVisibleRecommendation, RECOMMENDATION_NOTE_MAX, type SourceInput, type Who,
} from './recommendations.service.js';
import { seesWholeRegister, visibleTo } from './similar.service.js';
import { type CandidateRow, type CandidateStatus, type QueueFilter, type Suggestion, triageRepo } from './triage.repository.js';

export const CANDIDATE_NOT_FOUND = 'Không tìm thấy mục này trong hàng chờ xử lý kiến nghị của bạn.';

export const CANDIDATE_STATUS_LABELS: Record<CandidateStatus, string> = {
  pending: 'chờ xử lý',
  linked: 'nối vào kiến nghị đã có',
  created: 'tạo kiến nghị mới',
  no_action: 'không xử lý',
};

const isOffice = (a: Actor) => canDo(a, 'recommendations.manage');

/** 403 unless the actor works a triage queue. */
export function requireTriage(actor: Actor): void {
  if (!canDo(actor, 'recommendations.triage')) throw forbidden('Chỉ Văn phòng Sở và các phòng chuyên môn xử lý hàng chờ kiến nghị.');
}

/** The queue the actor works: every queue for the office, its own division's for a reviewer. */
function ownQueue(actor: Actor): 'all' | number {
  requireTriage(actor);
  if (isOffice(actor)) return 'all';
  if (actor.orgUnitId === null) throw forbidden('Tài khoản của bạn chưa gắn với phòng chuyên môn nào nên không có hàng chờ kiến nghị.');
  return actor.orgUnitId;
}

/** The candidate if it is in a queue the actor works; 404 otherwise. */
export async function loadCandidate(db: Db, actor: Actor, id: number, lock = false): Promise<CandidateRow> {
  const queue = ownQueue(actor);
  const c = await triageRepo.byId(db, id, lock);
  if (!c || (queue !== 'all' && c.division_id !== queue)) throw notFound(CANDIDATE_NOT_FOUND);
  return c;
}

export type QueueQuery = Omit<QueueFilter, 'division'> & { division?: number | 'none'; page?: number; pageSize?: number };

/** A page of the queue the actor works. A reviewer asking for another division's queue gets 403. */
export async function listCandidates(db: Db, actor: Actor, q: QueueQuery) {
  const queue = ownQueue(actor);
  if (queue !== 'all' && q.division !== undefined && q.division !== queue) throw forbidden('Bạn chỉ xem được hàng chờ kiến nghị của phòng mình.');
  const filter: QueueFilter = { ...q, division: queue === 'all' ? q.division : queue, status: q.status ?? 'pending' };
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 200);
  const page = Math.max(q.page ?? 1, 1);
  const { rows, total } = await triageRepo.list(db, filter, pageSize, (page - 1) * pageSize);
  const counts = await triageRepo.counts(db, filter);
  return { rows, total, counts, page, pageSize, suggestions: await suggestionsFor(db, actor, rows) };
}

export type SuggestionView = Suggestion & {
  text: string;
  state: string;
  owner: { code: string; name: string } | null;
  deadline: string | null;
  timesRaised: number;
};

/**
 * The suggestions of each candidate as the actor may act on them: without the ones a person rejected, the ones the
 * actor may not see, and merged ones (shown as the recommendation they were merged into, once).
 */
export async function suggestionsFor(db: Db, actor: Actor, rows: CandidateRow[]): Promise<Map<number, SuggestionView[]>> {
  const out = new Map<number, SuggestionView[]>();
  if (!rows.length) return out;
  const rejected = new Map<number, Set<number>>();
  for (const r of await triageRepo.rejected(db, rows.map((c) => c.id))) {
    rejected.set(r.candidate_id, (rejected.get(r.candidate_id) ?? new Set()).add(r.recommendation_id));
  }
  const ids = [...new Set(rows.flatMap((c) => c.suggestions.map((s) => s.id)))];
  let info = new Map((await triageRepo.suggested(db, ids)).map((r) => [r.id, r]));
  const targets = [...info.values()].map((r) => r.merged_into_id).filter((id): id is number => id !== null && !info.has(id));
  if (targets.length) for (const r of await triageRepo.suggested(db, targets)) info = info.set(r.id, r);
  const visible = seesWholeRegister(actor) ? null : await visibleTo(db, actor, [...info.keys()]);
  for (const c of rows) {
    const list: SuggestionView[] = [];
    for (const s of c.suggestions) {
      let r = info.get(s.id);
      if (r?.merged_into_id != null) r = info.get(r.merged_into_id);
      if (!r || rejected.get(c.id)?.has(r.id) || (visible && !visible.has(r.id)) || list.some((x) => x.id === r!.id)) continue;
      list.push({
        id: r.id, score: s.score, recurring: s.recurring, text: r.text, state: r.state, deadline: r.deadline, timesRaised: r.times_raised,
        owner: r.owner_code && r.owner_name ? { code: r.owner_code, name: r.owner_name } : null,
      });
    }
    out.set(c.id, list);
  }
  return out;
}

/** 409 for a candidate someone else decided (or that changed) since the reviewer read it, with the candidate as it is. */
function moved(c: CandidateRow, version: number): AppError | null {
  if (c.status !== 'pending') {
    const who = c.decided_by_name ?? 'người khác';
    const when = c.decided_at ? formatDateTime(c.decided_at) : '';
    return conflict(`Mục này đã được ${who} xử lý lúc ${when} (${CANDIDATE_STATUS_LABELS[c.status]}); thao tác của bạn chưa được lưu.`, { current: { id: c.id, status: c.status, recommendationId: c.recommendation_id, version: c.version } });
  }
  if (c.version !== version) {
    return conflict('Mục này vừa được cập nhật (báo cáo được duyệt lại với nội dung mới); hãy xem lại rồi thao tác lần nữa.', { current: { id: c.id, status: c.status, text: c.text, version: c.version } });
  }
  return null;
}

async function lockPending(tx: Db, who: Who, id: number, version: number): Promise<CandidateRow> {
  const c = await loadCandidate(tx, who, id, true);
  const err = moved(c, version);
  if (err) throw err;
  return c;
}

/** Where the candidate came from, as sources of a recommendation: a discussion item raised by several units gives one per unit. */
async function sourcesOf(db: Db, c: CandidateRow): Promise<(SourceInput & { raisedOn: string; text: string })[]> {
  const base = { period: c.period, raisedOn: c.raised_on, text: c.text };
  switch (c.source_kind) {
    case 'report':
      return [{ ...base, kind: 'report', orgUnitId: c.org_unit_id, submissionId: c.submission_id, section: c.section, itemIndex: c.item_index }];
    case 'discussion': {
      const units = c.discussion_item_id === null ? [] : await triageRepo.discussionUnits(db, c.discussion_item_id);
      const unitIds = units.length ? units.map((u) => u.org_unit_id) : [c.org_unit_id];
      return unitIds.map((orgUnitId) => ({ ...base, kind: 'discussion' as const, orgUnitId, discussionItemId: c.discussion_item_id }));
    }
    case 'point':
      return [{ ...base, kind: 'point', orgUnitId: null, pointId: c.point_id }];
  }
}

const scoreOf = (c: CandidateRow, recommendationId: number) => c.suggestions.find((s) => s.id === recommendationId)?.score ?? null;

export type Decided = { candidate: CandidateRow; recommendationId: number | null };

/** The point raised again: adds the candidate as a source of an open recommendation the actor may see. */
export async function linkCandidate(db: Db, who: Who, id: number, input: { recommendationId: number; version: number }, day: string, now: Date): Promise<Decided> {
  return db.tx(async (tx) => {
    const c = await lockPending(tx, who, id, input.version);
    const target = await loadVisibleRecommendation(tx, who, input.recommendationId, { today: day });
    const r = target.row;
    if (r.state === 'merged') throw badRequest(`Kiến nghị #${r.id} đã được gộp vào kiến nghị #${r.merged_into_id}; hãy nối vào kiến nghị đó.`);
    if (!(OPEN_RECOMMENDATION_STATES as readonly string[]).includes(r.state)) {
      throw badRequest(`Kiến nghị #${r.id} đã kết thúc ("${RECOMMENDATION_STATE_LABELS[r.state].vi.toLowerCase()}"); hãy mở lại kiến nghị đó hoặc tạo kiến nghị mới.`);
    }
    for (const s of await sourcesOf(tx, c)) await addSource(tx, who, r.id, s, now);
    await triageRepo.recordDecision(tx, { recommendationId: r.id, candidateId: c.id, same: true, score: scoreOf(c, r.id), by: who.id, at: now });
    if (!(await triageRepo.decide(tx, c.id, c.version, { status: 'linked', recommendationId: r.id, by: who.id, at: now }))) throw conflict('Mục này vừa được xử lý bởi người khác; thao tác của bạn chưa được lưu.');
    await audit(tx, who.auditActor, {
      action: 'recommendation.candidate.link', entityType: 'recommendation_candidate', entityId: c.id, orgUnitId: c.org_unit_id,
      before: { status: c.status }, after: { status: 'linked', recommendationId: r.id, score: scoreOf(c, r.id), suggested: c.suggestions.map((s) => s.id) },
    });
    return { candidate: (await triageRepo.byId(tx, c.id))!, recommendationId: r.id };
  });
}

export type CreateFromCandidate = {
  version: number;
  text?: string;
  kind?: RecommendationKind;
  sectorId?: number | null;
  ownerDivisionId?: number | null;
  deadline?: string | null;
  cooperatingUnitIds?: number[];
};

/**
 * A new recommendation from the candidate: its text, kind, sector, unit, period and day; owned by the candidate's
 * division (a conclusion or directive task: the point's owner, deadline and co-operating units, so it arrives
 * assigned). Anything given overrides; a reviewer may not hand it to another division.
 */
export async function createFromCandidate(db: Db, who: Who, id: number, input: CreateFromCandidate, day: string, now: Date): Promise<Decided> {
  return db.tx(async (tx) => {
    const c = await lockPending(tx, who, id, input.version);
    const point = c.point_id !== null ? { owner: c.point_owner_division_id, deadline: c.point_deadline, units: (await triageRepo.pointUnits(tx, c.point_id)).map((u) => u.id) } : null;
    const owner = input.ownerDivisionId !== undefined ? input.ownerDivisionId : (point?.owner ?? c.division_id);
    if (!isOffice(who) && owner !== who.orgUnitId) throw forbidden('Chỉ Văn phòng Sở giao kiến nghị cho phòng khác; phòng chỉ tạo kiến nghị do phòng mình chủ trì.');
    const deadline = input.deadline !== undefined ? input.deadline : (point?.deadline ?? null);
    const row = await createRecommendation(tx, who, {
      text: input.text ?? c.text, kind: input.kind ?? c.kind, sectorId: input.sectorId !== undefined ? input.sectorId : c.sector_id,
      ownerDivisionId: owner, deadline, cooperatingUnitIds: input.cooperatingUnitIds ?? point?.units ?? [], firstPeriod: c.period, raisedOn: c.raised_on,
    }, { sources: await sourcesOf(tx, c), today: day, now });
    if (!(await triageRepo.decide(tx, c.id, c.version, { status: 'created', recommendationId: row.id, by: who.id, at: now }))) throw conflict('Mục này vừa được xử lý bởi người khác; thao tác của bạn chưa được lưu.');
    await audit(tx, who.auditActor, {
      action: 'recommendation.candidate.create', entityType: 'recommendation_candidate', entityId: c.id, orgUnitId: c.org_unit_id,
      before: { status: c.status }, after: { status: 'created', recommendationId: row.id, suggested: c.suggestions.map((s) => s.id) },
    });
    return { candidate: (await triageRepo.byId(tx, c.id))!, recommendationId: row.id };
  });
}

/** "No action", with the reason. */
export async function dismissCandidate(db: Db, who: Who, id: number, input: { version: number; reason?: string | null }, now: Date): Promise<Decided> {
  const reason = normalizeText(input.reason ?? '').trim();
  if (!reason) throw badRequest('Vui lòng ghi lý do không xử lý (ví dụ: đã giải quyết tại chỗ, không thuộc thẩm quyền của Sở, chỉ là ý kiến ghi nhận).');
  if (reason.length > RECOMMENDATION_NOTE_MAX) throw badRequest(`Lý do dài quá ${RECOMMENDATION_NOTE_MAX} ký tự.`);
  return db.tx(async (tx) => {
    const c = await lockPending(tx, who, id, input.version);
    if (!(await triageRepo.decide(tx, c.id, c.version, { status: 'no_action', reason, by: who.id, at: now }))) throw conflict('Mục này vừa được xử lý bởi người khác; thao tác của bạn chưa được lưu.');
    await audit(tx, who.auditActor, {
      action: 'recommendation.candidate.dismiss', entityType: 'recommendation_candidate', entityId: c.id, orgUnitId: c.org_unit_id,
      before: { status: c.status }, after: { status: 'no_action', reason },
    });
    return { candidate: (await triageRepo.byId(tx, c.id))!, recommendationId: null };
  });
}

/** "A different matter": keeps the decision (same = false) so the recommendation is not proposed for this candidate again. */
export async function rejectSuggestion(db: Db, who: Who, id: number, input: { recommendationId: number }, day: string, now: Date): Promise<CandidateRow> {
  return db.tx(async (tx) => {
    const c = await loadCandidate(tx, who, id, true);
    if (c.status !== 'pending') throw moved(c, c.version)!;
    await loadVisibleRecommendation(tx, who, input.recommendationId, { today: day });
    await triageRepo.recordDecision(tx, { recommendationId: input.recommendationId, candidateId: c.id, same: false, score: scoreOf(c, input.recommendationId), by: who.id, at: now });
    await audit(tx, who.auditActor, {
      action: 'recommendation.candidate.reject_match', entityType: 'recommendation_candidate', entityId: c.id, orgUnitId: c.org_unit_id,
      after: { recommendationId: input.recommendationId, same: false, score: scoreOf(c, input.recommendationId) },
    });
    return (await triageRepo.byId(tx, c.id))!;
  });
}

/** What one failed item of a bulk action reports: a refusal, or a transaction that met another one (nothing was saved). */
function bulkError(e: unknown): BulkResult['error'] {
  if (e instanceof AppError) return { status: e.status, message: e.message };
  const code = (e as { code?: string }).code;
  if (code === '40P01' || code === '40001' || code === '55P03' || code === '23505') {
    return { status: 409, message: 'Mục này đang được xử lý cùng lúc bởi một thao tác khác; chưa có gì được lưu, hãy thử lại.' };
  }
  return null;
}

export const BULK_ACTIONS = ['link_top', 'create', 'dismiss'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export type BulkResult = { id: number; ok: boolean; status: CandidateStatus | null; recommendationId: number | null; error: { status: number; message: string } | null };

/**
 * The same action on many candidates, each in its own transaction, each result reported: link_top links to the top
 * suggestion still proposed to the actor when the system marked it the same point (recurring), create makes a new
 * recommendation with the defaults, dismiss uses the one reason given.
 */
export async function bulkTriage(db: Db, who: Who, input: { action: BulkAction; ids: number[]; reason?: string | null }, day: string, now: Date): Promise<BulkResult[]> {
  requireTriage(who);
  if (input.action === 'dismiss' && !normalizeText(input.reason ?? '').trim()) {
    throw badRequest('Vui lòng ghi lý do không xử lý cho các mục đã chọn.');
  }
  const results: BulkResult[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const c = await loadCandidate(db, who, id);
      let done: Decided;
      if (input.action === 'dismiss') done = await dismissCandidate(db, who, id, { version: c.version, reason: input.reason }, now);
      else if (input.action === 'create') done = await createFromCandidate(db, who, id, { version: c.version }, day, now);
      else {
        const top = (await suggestionsFor(db, who, [c])).get(c.id)?.find((s) => (OPEN_RECOMMENDATION_STATES as readonly string[]).includes(s.state));
        if (!top?.recurring) throw badRequest('Không có gợi ý nào đủ giống (được hệ thống đánh dấu là nêu lại) để nối; hãy xem và chọn từng mục.');
        done = await linkCandidate(db, who, id, { recommendationId: top.id, version: c.version }, day, now);
      }
      results.push({ id, ok: true, status: done.candidate.status, recommendationId: done.recommendationId, error: null });
    } catch (e) {
      const error = bulkError(e);
      if (!error) throw e;
      results.push({ id, ok: false, status: null, recommendationId: null, error });
    }
  }
  return results;
}
