/**
 * The register of recommendations (kiến nghị): load what the actor may see (404 otherwise), ask the policy
 * (packages/contracts/src/followup.ts; 403 with the reason in Vietnamese), create, link sources, edit with a version
 * check (409 with the current data), move through RECOMMENDATION_TRANSITIONS, and the dated timeline with files.
 *
 * Rules kept here:
 * - The owner is a unit of type `division` (a phòng of the department) in being on the day it is set.
 * - The deadline is never before the day the point was first raised (`raised_on`).
 * - Every recommendation has at least one source (a unit's report bullet, a conference discussion item or point, or a
 *   manual entry); "nêu lại lần thứ N" (`times_raised`) counts the distinct periods among its sources, as
 *   similar.repository.ts defines it.
 * - A unit sees what it raised, and what a unit it took over raised (org_unit_lineage, followed backward from the
 *   actor's unit): a commune that took over a district office's area sees everything that office raised, because a
 *   point's text does not say which part of the old area it was about.
 * - Merging copies the merged one's sources to its target (the target was raised by those units too, and they see
 *   it), keeps merges one level deep, and refuses a merge into itself, into a settled one or around a cycle.
 * - done and cannot_do stamp `closed_on` with the business day in Vietnam; done needs an answer to the units.
 *
 * Authorisation is the caller's for `createRecommendation` and `addSource` (the routes here require
 * `recommendations.manage`; the triage queue its own rights), everything else authorises itself.
 */
import { createHash } from 'node:crypto';
import {
  type Actor, OPEN_RECOMMENDATION_STATES, PERIOD_TYPES, RECOMMENDATION_STATE_LABELS, RECOMMENDATION_STATES, RECOMMENDATION_TRANSITIONS, type RecommendationAction,
  type RecommendationKind, type RecommendationState, type RecommendationSubject, type RecommendationTransition, type Timeliness, canDo, canRecommendation,
  canSeeConference, canSeeRecommendation, childPeriods, formatDate, nextRecommendationState, normalizeText, parsePeriod, recommendationAbilities, UNIT_ROLES,
} from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import { vnDate } from '../../platform/clock.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { isIsoDate } from '../rounds/rounds.service.js';
import { loadContext } from '../submissions/submission-context.js';
import { detectAttachment } from '../submissions/file-kind.js';
import { matchTerms } from './matching/index.js';
import { presentDetail, type RecommendationDetail } from './recommendations.presenter.js';
import {
  type BoardFilter, type BoardSort, type RecommendationPatch, type RecommendationRow, type SourceWrite, type UnitRef, recommendationsRepo,
} from './recommendations.repository.js';

export const RECOMMENDATION_NOT_FOUND = 'Không tìm thấy kiến nghị.';
/** Longest text of a recommendation: a bullet of a report or a point of a conclusion, not a document. */
export const RECOMMENDATION_TEXT_MAX = 4000;
/** Longest answer, progress note, reason or closing evidence. */
export const RECOMMENDATION_NOTE_MAX = 10000;
export const MAX_UPDATE_FILES = 5;
export const MAX_FILES_PER_RECOMMENDATION = 50;

export type Who = Actor & { auditActor: AuditActor; fullName?: string | null; username?: string | null };

export type LoadedRecommendation = { row: RecommendationRow; subject: RecommendationSubject; cooperating: UnitRef[] };

/** The terms stored for matching a point raised again; the triage module may replace it with one using the office's lexicon. */
let termsOf: (text: string) => string[] = (text) => matchTerms(text);
/** Told of the terms a point is stored with (and those it had), so the matching's kept statistics count it at once. */
let noteTerms: (terms: readonly string[], before?: readonly string[]) => void = () => {};
export function configureMatchTerms(fn: (text: string) => string[], note?: (terms: readonly string[], before?: readonly string[]) => void): void {
  termsOf = fn;
  if (note) noteTerms = note;
}
export const recommendationTerms = (text: string) => termsOf(text);

const isUnitRole = (a: Actor) => UNIT_ROLES.includes(a.role);
const isOffice = (a: Actor) => canDo(a, 'recommendations.manage');
const today = (opts?: { today?: string }) => opts?.today ?? vnDate(new Date());

/** The recommendation with what the policy needs, if the actor may see it; 404 otherwise. `lock` takes its row lock (in a transaction). */
export async function loadVisibleRecommendation(db: Db, actor: Actor, id: number, opts: { today?: string; lock?: boolean } = {}): Promise<LoadedRecommendation> {
  const row = await recommendationsRepo.byId(db, id, today(opts), opts.lock ?? false);
  if (!row) throw notFound(RECOMMENDATION_NOT_FOUND);
  const cooperating = await recommendationsRepo.cooperating(db, id);
  const subject: RecommendationSubject = {
    state: row.state,
    ownerDivisionId: row.owner_division_id,
    cooperatingUnitIds: cooperating.map((u) => u.id),
    raisedByUnitIds: await recommendationsRepo.raisersWithSuccessors(db, id),
  };
  if (!canSeeRecommendation(actor, subject)) throw notFound(RECOMMENDATION_NOT_FOUND);
  return { row, subject, cooperating };
}

const ROLE_REASON: Record<RecommendationAction, string> = {
  view: 'Bạn không xem được kiến nghị này.',
  update: 'Chỉ phòng chủ trì, đơn vị phối hợp và Văn phòng Sở cập nhật tiến độ kiến nghị.',
  transition: 'Chỉ phòng chủ trì và Văn phòng Sở chuyển trạng thái kiến nghị.',
  answer: 'Chỉ phòng chủ trì và Văn phòng Sở soạn và gửi trả lời kiến nghị.',
  assign: 'Chỉ Văn phòng Sở và lãnh đạo Sở giao phòng chủ trì, đơn vị phối hợp, hạn giải quyết và lãnh đạo phụ trách.',
  merge: 'Chỉ Văn phòng Sở và phòng chủ trì gộp kiến nghị.',
  edit: 'Chỉ Văn phòng Sở và phòng chủ trì sửa nội dung, loại và lĩnh vực của kiến nghị.',
};

const stateName = (s: RecommendationState) => RECOMMENDATION_STATE_LABELS[s].vi.toLowerCase();

/** Allows the action or throws 403 with the reason: the state it is in, or the role it takes. */
export function requireRecommendation(actor: Actor, action: RecommendationAction, loaded: LoadedRecommendation): void {
  if (canRecommendation(actor, action, loaded.subject)) return;
  const someState = RECOMMENDATION_STATES.some((state) => canRecommendation(actor, action, { ...loaded.subject, state }));
  if (!someState) throw forbidden(ROLE_REASON[action]);
  throw forbidden(`Kiến nghị đang ở trạng thái "${stateName(loaded.row.state)}"; không ${action === 'update' ? 'thêm cập nhật' : 'sửa'} được nữa.`);
}

// ─────────────────────────── checks ───────────────────────────

export function cleanText(text: string, label: string, max: number): string {
  const t = normalizeText(text);
  if (!t) throw badRequest(`${label}: hãy ghi nội dung.`);
  if (t.length > max) throw badRequest(`${label} dài ${t.length.toLocaleString('vi-VN')} ký tự, vượt quá ${max.toLocaleString('vi-VN')} ký tự cho phép.`);
  return t;
}

export function checkPeriod(period: string | null | undefined, label = 'Kỳ'): string | null {
  if (period == null || period === '') return null;
  if (!parsePeriod(period)) throw badRequest(`${label} "${period.slice(0, 20)}" không hợp lệ (ví dụ 2025, 2025Q2, 2025S1, 202503).`);
  return period;
}

/** Every period id that the period contains ('2025' → 2025, 2025Q1…Q4, 2025S1, S2, 2025N1, 202501…12). */
export function periodsWithin(period: string): string[] {
  return PERIOD_TYPES.flatMap((t) => childPeriods(period, t)).map((p) => p.id);
}

function checkDeadline(deadline: string | null, raisedOn: string): string | null {
  if (deadline === null) return null;
  if (!isIsoDate(deadline)) throw badRequest(`Hạn giải quyết "${deadline.slice(0, 20)}" không hợp lệ (định dạng YYYY-MM-DD, ví dụ 2025-06-30).`);
  if (deadline < raisedOn) {
    throw badRequest(`Hạn giải quyết (${formatDate(deadline)}) không được trước ngày kiến nghị được nêu (${formatDate(raisedOn)}).`);
  }
  return deadline;
}

/** A division (phòng chuyên môn) by id, in being on the date; 400 naming it otherwise. */
async function checkOwner(db: Db, id: number, onDate: string): Promise<UnitRef> {
  const [u] = await recommendationsRepo.unitsByIds(db, [id]);
  if (!u) throw badRequest('Không tìm thấy đơn vị chủ trì đã chọn.');
  if (u.type !== 'division') throw badRequest(`Đơn vị chủ trì phải là một phòng chuyên môn của Sở; "${u.name}" (${u.code}) không phải là phòng.`);
  if (u.valid_from > onDate || (u.valid_to !== null && u.valid_to < onDate)) {
    throw badRequest(`Phòng "${u.name}" (${u.code}) không còn hoạt động vào ngày ${formatDate(onDate)}; hãy chọn phòng đang hoạt động.`);
  }
  return u;
}

async function checkCooperating(db: Db, ids: number[], ownerId: number | null, onDate: string): Promise<number[]> {
  const unique = [...new Set(ids)].filter((id) => id !== ownerId);
  if (!unique.length) return [];
  const found = await recommendationsRepo.unitsByIds(db, unique);
  const byId = new Map(found.map((u) => [u.id, u]));
  for (const id of unique) {
    const u = byId.get(id);
    if (!u) throw badRequest('Có đơn vị phối hợp không tồn tại.');
    if (u.valid_from > onDate || (u.valid_to !== null && u.valid_to < onDate)) {
      throw badRequest(`Đơn vị phối hợp "${u.name}" (${u.code}) không còn hoạt động vào ngày ${formatDate(onDate)}.`);
    }
  }
  return unique;
}

/** A unit code → its id, 400 naming the code when there is none. */
export async function unitIdByCode(db: Db, code: string, label: string): Promise<number> {
  const u = await recommendationsRepo.unitByCode(db, code.trim());
  if (!u) throw badRequest(`${label}: không có đơn vị mã "${code.slice(0, 50)}".`);
  return u.id;
}

export async function sectorIdByCode(db: Db, code: string): Promise<number> {
  const s = await recommendationsRepo.sectorByCode(db, code.trim());
  if (!s) throw badRequest(`Không có lĩnh vực mã "${code.slice(0, 50)}".`);
  return s.id;
}

/**
 * The actor may link this source only if they may see where it comes from: a report bullet of a unit's report they
 * may see (submission policy), a discussion item or point of a conference they may see; 404 otherwise, as for the
 * report or conference itself.
 */
export async function requireSourceVisible(db: Db, actor: Actor, s: Pick<SourceWrite, 'submissionId' | 'discussionItemId' | 'pointId'>): Promise<void> {
  if (s.submissionId != null) {
    const sub = await db.maybeOne<{ round_id: number; org_unit_id: number }>(`SELECT round_id, org_unit_id FROM submissions WHERE id = $1`, [s.submissionId]);
    if (!sub) throw notFound('Không tìm thấy báo cáo mà nguồn kiến nghị trỏ tới.');
    await loadContext(db, actor, sub.round_id, sub.org_unit_id);
  }
  for (const [id, table] of [[s.discussionItemId, 'conference_discussion_items'], [s.pointId, 'conference_points']] as const) {
    if (id == null) continue;
    const c = await db.maybeOne<{ status: string; id: number }>(
      `SELECT c.id, c.status FROM ${table} x JOIN conferences c ON c.id = x.conference_id WHERE x.id = $1`, [id],
    );
    const invited = c ? (await db.query<{ org_unit_id: number }>(`SELECT org_unit_id FROM conference_invitations WHERE conference_id = $1`, [c.id])).map((r) => r.org_unit_id) : [];
    if (!c || !canSeeConference(actor, { status: c.status as never, invitedUnitIds: invited })) throw notFound('Không tìm thấy hội nghị mà nguồn kiến nghị trỏ tới.');
  }
}

// ─────────────────────────── create, sources ───────────────────────────

export type RecommendationInput = {
  text: string;
  kind: RecommendationKind;
  sectorId?: number | null;
  ownerDivisionId?: number | null;
  cooperatingUnitIds?: number[];
  deadline?: string | null;
  deputyPersonId?: number | null;
  /** The period in which it was first raised. */
  firstPeriod?: string | null;
  /** The day it was first raised (default: today in Vietnam); never in the future. */
  raisedOn?: string | null;
  /** Default: assigned when it has an owner and a deadline, new otherwise. */
  state?: 'new' | 'assigned';
};

export type SourceInput = Omit<SourceWrite, 'linkedBy' | 'at' | 'raisedOn' | 'period' | 'text'> & { raisedOn?: string; period?: string | null; text?: string };

const snapshot = (r: RecommendationRow, cooperating: number[]) => ({
  text: r.text, kind: r.kind, sectorId: r.sector_id, ownerDivisionId: r.owner_division_id, deadline: r.deadline, deputyPersonId: r.deputy_person_id,
  state: r.state, progress: r.progress, firstPeriod: r.first_period, raisedOn: r.raised_on, cooperating,
});

/**
 * Creates a recommendation with its sources (at least one: without any, a manual one with no unit), in one
 * transaction with its audit event. Checks the rules above; does not authorise (the caller does).
 */
export async function createRecommendation(
  db: Db, who: Who, input: RecommendationInput, opts: { sources?: SourceInput[]; today: string; now: Date },
): Promise<RecommendationRow> {
  const text = cleanText(input.text, 'Nội dung kiến nghị', RECOMMENDATION_TEXT_MAX);
  const raisedOn = input.raisedOn ?? opts.today;
  if (!isIsoDate(raisedOn)) throw badRequest(`Ngày nêu kiến nghị "${raisedOn.slice(0, 20)}" không hợp lệ (định dạng YYYY-MM-DD).`);
  if (raisedOn > opts.today) throw badRequest(`Ngày nêu kiến nghị (${formatDate(raisedOn)}) không được sau hôm nay (${formatDate(opts.today)}).`);
  const firstPeriod = checkPeriod(input.firstPeriod, 'Kỳ nêu kiến nghị');
  const deadline = checkDeadline(input.deadline ?? null, raisedOn);
  return db.tx(async (tx) => {
    const ownerDivisionId = input.ownerDivisionId ?? null;
    if (ownerDivisionId !== null) await checkOwner(tx, ownerDivisionId, opts.today);
    const cooperating = await checkCooperating(tx, input.cooperatingUnitIds ?? [], ownerDivisionId, opts.today);
    const sectorId = input.sectorId ?? null;
    if (sectorId !== null && !(await recommendationsRepo.sectorById(tx, sectorId))) throw badRequest('Lĩnh vực đã chọn không tồn tại.');
    let deputyPersonId = input.deputyPersonId ?? null;
    if (deputyPersonId !== null && !(await recommendationsRepo.person(tx, deputyPersonId))) throw badRequest('Không tìm thấy lãnh đạo phụ trách đã chọn.');
    if (deputyPersonId === null && sectorId !== null) deputyPersonId = (await recommendationsRepo.sectorLeadOn(tx, sectorId, opts.today))?.id ?? null;
    const state = input.state ?? (ownerDivisionId !== null && deadline !== null ? 'assigned' : 'new');
    if (state === 'assigned' && (ownerDivisionId === null || deadline === null)) throw badRequest('Kiến nghị đã giao phải có phòng chủ trì và hạn giải quyết.');
    const terms = recommendationTerms(text);
    const { id } = await recommendationsRepo.insert(tx, {
      text, kind: input.kind, sectorId, firstPeriod, raisedOn, ownerDivisionId, deputyPersonId, deadline, state, matchTerms: terms,
      createdBy: who.id,
    }, opts.now);
    noteTerms(terms);
    await recommendationsRepo.setCooperating(tx, id, cooperating);
    const sources = opts.sources?.length ? opts.sources : [{ kind: 'manual' as const, orgUnitId: null }];
    for (const s of sources) {
      await recommendationsRepo.insertSource(tx, id, {
        ...s, raisedOn: s.raisedOn ?? raisedOn, period: s.period === undefined ? firstPeriod : s.period, text: s.text ?? text, linkedBy: who.id, at: opts.now,
      });
    }
    await recommendationsRepo.refreshTimesRaised(tx, [id]);
    await recommendationsRepo.insertUpdate(tx, {
      recommendationId: id, kind: 'state', text: 'Tiếp nhận kiến nghị', stateTo: state, byUserId: who.id, byName: who.fullName || who.username || null, at: opts.now,
    });
    const row = (await recommendationsRepo.byId(tx, id, opts.today))!;
    await audit(tx, who.auditActor, {
      action: 'recommendation.create', entityType: 'recommendation', entityId: id, orgUnitId: ownerDivisionId,
      after: { ...snapshot(row, cooperating), sources: sources.map((s) => ({ kind: s.kind, orgUnitId: s.orgUnitId, submissionId: s.submissionId ?? null,
        discussionItemId: s.discussionItemId ?? null, pointId: s.pointId ?? null })) },
    });
    return row;
  });
}

/**
 * Records that the point was raised again (or once more by another unit): a source on an existing recommendation,
 * a 'link' entry on its timeline, and its times raised counted again. Does not authorise (the caller does).
 */
export async function addSource(db: Db, who: Who, recommendationId: number, source: SourceInput & { raisedOn: string; text: string }, now: Date): Promise<number> {
  return db.tx(async (tx) => {
    const exists = await tx.maybeOne<{ state: RecommendationState; merged_into_id: number | null }>(
      `SELECT state, merged_into_id FROM recommendations WHERE id = $1 FOR UPDATE`, [recommendationId],
    );
    if (!exists) throw notFound(RECOMMENDATION_NOT_FOUND);
    const period = checkPeriod(source.period ?? null, 'Kỳ nêu kiến nghị');
    const { id } = await recommendationsRepo.insertSource(tx, recommendationId, { ...source, period, linkedBy: who.id, at: now });
    await recommendationsRepo.refreshTimesRaised(tx, [recommendationId]);
    const unit = source.orgUnitId === null ? null : (await recommendationsRepo.unitsByIds(tx, [source.orgUnitId]))[0];
    await recommendationsRepo.insertUpdate(tx, {
      recommendationId, kind: 'link', text: `Nêu lại${unit ? ` bởi ${unit.name}` : ''}${period ? ` (kỳ ${period})` : ''}: ${source.text}`.slice(0, RECOMMENDATION_NOTE_MAX),
      byUserId: who.id, byName: who.fullName || who.username || null, at: now,
    });
    await audit(tx, who.auditActor, {
      action: 'recommendation.source.add', entityType: 'recommendation', entityId: recommendationId, orgUnitId: source.orgUnitId,
      after: { sourceId: id, kind: source.kind, orgUnitId: source.orgUnitId, period, submissionId: source.submissionId ?? null, section: source.section ?? null,
        itemIndex: source.itemIndex ?? null, discussionItemId: source.discussionItemId ?? null, pointId: source.pointId ?? null },
    });
    return id;
  });
}

// ─────────────────────────── edit ───────────────────────────

export const VERSION_CONFLICT = 'Kiến nghị vừa được người khác thay đổi; thay đổi của bạn chưa được lưu. Dữ liệu mới nhất được gửi kèm, hãy xem lại rồi lưu lần nữa.';

/** 409 with the current data (the detail the client shows) when the client's version is not the stored one. */
async function requireVersion(db: Db, actor: Actor, loaded: LoadedRecommendation, version: number, day: string): Promise<void> {
  if (loaded.row.version === version) return;
  throw conflict(VERSION_CONFLICT, { current: await recommendationDetail(db, actor, loaded, day) });
}

/** The recommendation as stored, without asking who may see it (after a change the caller was allowed to make). */
async function reload(db: Db, id: number, day: string): Promise<LoadedRecommendation> {
  const row = (await recommendationsRepo.byId(db, id, day))!;
  const cooperating = await recommendationsRepo.cooperating(db, id);
  return {
    row, cooperating,
    subject: { state: row.state, ownerDivisionId: row.owner_division_id, cooperatingUnitIds: cooperating.map((u) => u.id), raisedByUnitIds: await recommendationsRepo.raisersWithSuccessors(db, id) },
  };
}

/** Everything the detail page shows, with the actor's abilities. A unit sees the answer once it is published. */
export async function recommendationDetail(db: Db, actor: Actor, loaded: LoadedRecommendation, day: string): Promise<RecommendationDetail> {
  void day;
  const id = loaded.row.id;
  return presentDetail({
    row: loaded.row,
    cooperating: loaded.cooperating,
    sources: await recommendationsRepo.sources(db, id),
    timeline: await recommendationsRepo.timeline(db, id),
    merged: (await recommendationsRepo.mergedInto(db, id)).map((m) => m.id),
    abilities: recommendationAbilities(actor, loaded.subject),
    showDraftAnswer: !isUnitRole(actor),
  });
}

export type RecommendationEdit = {
  version: number;
  text?: string;
  kind?: RecommendationKind;
  sectorId?: number | null;
  ownerDivisionId?: number;
  cooperatingUnitIds?: number[];
  deadline?: string | null;
  deputyPersonId?: number | null;
};

/** PATCH: text, kind, sector ('edit'); owner, co-operating units, deadline, deputy ('assign'); with the version read. */
export async function editRecommendation(db: Db, who: Who, id: number, e: RecommendationEdit, day: string, now: Date): Promise<LoadedRecommendation> {
  return db.tx(async (tx) => {
    const loaded = await loadVisibleRecommendation(tx, who, id, { today: day, lock: true });
    const r = loaded.row;
    const editing = e.text !== undefined || e.kind !== undefined || e.sectorId !== undefined;
    const assigning = e.ownerDivisionId !== undefined || e.cooperatingUnitIds !== undefined || e.deadline !== undefined || e.deputyPersonId !== undefined;
    if (editing) requireRecommendation(who, 'edit', loaded);
    if (assigning) requireRecommendation(who, 'assign', loaded);
    if (!editing && !assigning) requireRecommendation(who, 'edit', loaded);
    await requireVersion(tx, who, loaded, e.version, day);
    const patch: RecommendationPatch = {};
    if (e.text !== undefined) {
      patch.text = cleanText(e.text, 'Nội dung kiến nghị', RECOMMENDATION_TEXT_MAX);
      patch.matchTerms = recommendationTerms(patch.text as string);
      if (patch.text !== r.text) noteTerms(patch.matchTerms as string[], recommendationTerms(r.text));
    }
    if (e.kind !== undefined) patch.kind = e.kind;
    if (e.sectorId !== undefined) {
      if (e.sectorId !== null && !(await recommendationsRepo.sectorById(tx, e.sectorId))) throw badRequest('Lĩnh vực đã chọn không tồn tại.');
      patch.sectorId = e.sectorId;
      if (e.deputyPersonId === undefined && e.sectorId !== r.sector_id) {
        patch.deputyPersonId = e.sectorId === null ? null : ((await recommendationsRepo.sectorLeadOn(tx, e.sectorId, day))?.id ?? r.deputy_person_id);
      }
    }
    const ownerId = e.ownerDivisionId ?? r.owner_division_id;
    if (e.ownerDivisionId !== undefined) {
      await checkOwner(tx, e.ownerDivisionId, day);
      patch.ownerDivisionId = e.ownerDivisionId;
    }
    if (e.deadline !== undefined) patch.deadline = checkDeadline(e.deadline, r.raised_on);
    if (e.deputyPersonId !== undefined) {
      if (e.deputyPersonId !== null && !(await recommendationsRepo.person(tx, e.deputyPersonId))) throw badRequest('Không tìm thấy lãnh đạo phụ trách đã chọn.');
      patch.deputyPersonId = e.deputyPersonId;
    }
    if ((r.state === 'assigned' || r.state === 'in_progress') && (patch.deadline === null)) {
      throw badRequest('Kiến nghị đã giao phải có hạn giải quyết.');
    }
    const beforeCoop = loaded.cooperating.map((u) => u.id);
    let coop = beforeCoop;
    if (e.cooperatingUnitIds !== undefined || e.ownerDivisionId !== undefined) {
      coop = await checkCooperating(tx, e.cooperatingUnitIds ?? beforeCoop, ownerId, day);
      await recommendationsRepo.setCooperating(tx, id, coop);
    }
    if ((await recommendationsRepo.update(tx, id, e.version, patch, now)) === null) throw conflict(VERSION_CONFLICT);
    const after = await reload(tx, id, day);
    await audit(tx, who.auditActor, {
      action: 'recommendation.update', entityType: 'recommendation', entityId: id, orgUnitId: after.row.owner_division_id,
      before: snapshot(r, beforeCoop), after: snapshot(after.row, coop),
    });
    return after;
  });
}

// ─────────────────────────── transitions ───────────────────────────

export type TransitionInput = { version: number; note?: string | null; closingEvidence?: string | null; period?: string | null; into?: number | null };

const TRANSITION_LABEL: Record<RecommendationTransition, string> = {
  assign: 'Giao phòng chủ trì', start: 'Bắt đầu giải quyết', complete: 'Đã giải quyết', reject: 'Không thể giải quyết', carry: 'Chuyển sang kỳ sau',
  merge: 'Gộp vào kiến nghị khác', reopen: 'Mở lại',
};

export type PublishHook = (tx: Db, who: Who, loaded: LoadedRecommendation, now: Date, day: string) => Promise<unknown>;

/**
 * Moves the recommendation along RECOMMENDATION_TRANSITIONS (contracts/followup.ts) after the version check:
 * - assign ('assign' ability) needs an owner and a deadline; reopen is the office's, with a reason;
 * - complete needs an answer to the units that raised it (an unpublished one is published now), stamps closed_on
 *   and sets progress to 100; reject needs its reason and stamps closed_on; carry needs its reason and the period it
 *   goes to (one that has not ended);
 * - merge {into} ('merge' ability) refuses itself, a target the actor cannot see (404), a settled target and any
 *   cycle; the target gets the sources, and what was merged into this one now points to the target.
 */
export async function transitionRecommendation(
  db: Db, who: Who, id: number, name: RecommendationTransition, input: TransitionInput, day: string, now: Date, publish: PublishHook,
): Promise<LoadedRecommendation> {
  return db.tx(async (tx) => {
    const loaded = await loadVisibleRecommendation(tx, who, id, { today: day, lock: true });
    const r = loaded.row;
    const t = RECOMMENDATION_TRANSITIONS[name];
    requireRecommendation(who, name === 'merge' ? 'merge' : name === 'assign' ? 'assign' : 'transition', loaded);
    if (name === 'reopen' && !isOffice(who)) throw forbidden('Chỉ Văn phòng Sở mở lại kiến nghị đã kết thúc.');
    await requireVersion(tx, who, loaded, input.version, day);
    const to = nextRecommendationState(r.state, name);
    if (to === null) {
      const from = (t.from as readonly RecommendationState[]).map((s) => `"${stateName(s)}"`).join(', ');
      throw badRequest(`Không thể "${TRANSITION_LABEL[name].toLowerCase()}" khi kiến nghị đang ở trạng thái "${stateName(r.state)}" (chỉ từ ${from}).`);
    }
    const note = input.note == null || input.note.trim() === '' ? null : cleanText(input.note, 'Ghi chú', RECOMMENDATION_NOTE_MAX);
    if (t.note === 'required' && note === null) {
      throw badRequest(name === 'reject' ? 'Hãy ghi lý do không thể giải quyết kiến nghị.' : name === 'carry' ? 'Hãy ghi lý do chuyển kiến nghị sang kỳ sau.' : 'Hãy ghi lý do mở lại kiến nghị.');
    }
    const patch: RecommendationPatch = { state: to };
    let timelineText = note ?? TRANSITION_LABEL[name];
    switch (name) {
      case 'assign':
        if (r.owner_division_id === null || r.deadline === null) throw badRequest('Hãy chọn phòng chủ trì và hạn giải quyết trước khi giao kiến nghị.');
        break;
      case 'complete': {
        if (!r.answer?.trim()) {
          throw badRequest('Chưa có trả lời cho đơn vị đã nêu kiến nghị; hãy soạn trả lời (kết quả giải quyết) trước khi đánh dấu đã giải quyết.');
        }
        patch.closedOn = day;
        patch.progress = 100;
        patch.stateReason = null;
        if (input.closingEvidence != null && input.closingEvidence.trim() !== '') {
          patch.closingEvidence = cleanText(input.closingEvidence, 'Minh chứng hoàn thành', RECOMMENDATION_NOTE_MAX);
        }
        if (r.answer_published_at === null) patch.answerPublishedAt = now;
        break;
      }
      case 'reject':
        patch.closedOn = day;
        patch.stateReason = note;
        break;
      case 'carry': {
        const period = checkPeriod(input.period ?? null, 'Kỳ chuyển sang');
        if (period === null) throw badRequest('Hãy chọn kỳ mà kiến nghị được chuyển sang (ví dụ 2026Q1).');
        const p = parsePeriod(period)!;
        if (p.end < day) throw badRequest(`Kỳ ${period} đã kết thúc (${formatDate(p.end)}); hãy chuyển kiến nghị sang kỳ đang diễn ra hoặc kỳ sau.`);
        patch.carriedToPeriod = period;
        patch.stateReason = note;
        timelineText = `Chuyển sang kỳ ${period}: ${note}`;
        break;
      }
      case 'reopen':
        patch.closedOn = null;
        patch.stateReason = null;
        break;
      case 'merge': {
        const into = input.into ?? null;
        if (into === null) throw badRequest('Hãy chọn kiến nghị để gộp vào.');
        if (into === id) throw badRequest('Không thể gộp một kiến nghị vào chính nó.');
        const chain = await recommendationsRepo.mergeChain(tx, into);
        if (chain.includes(id)) throw badRequest(`Không thể gộp: kiến nghị #${into} đã được gộp vào kiến nghị này, gộp ngược lại sẽ tạo thành vòng.`);
        const finalId = chain[chain.length - 1]!;
        const target = await loadVisibleRecommendation(tx, who, finalId, { today: day, lock: true });
        if (!(OPEN_RECOMMENDATION_STATES as readonly string[]).includes(target.row.state)) {
          throw badRequest(`Chỉ gộp được vào kiến nghị đang giải quyết; kiến nghị #${finalId} đang ở trạng thái "${stateName(target.row.state)}".`);
        }
        patch.mergedIntoId = finalId;
        await recommendationsRepo.copySources(tx, id, finalId, who.id, now);
        const repointed = (await recommendationsRepo.repointMerged(tx, id, finalId)).map((x) => x.id);
        await recommendationsRepo.refreshTimesRaised(tx, [finalId]);
        await recommendationsRepo.insertUpdate(tx, {
          recommendationId: finalId, kind: 'link', text: `Gộp kiến nghị #${id} vào kiến nghị này: ${r.text}`.slice(0, RECOMMENDATION_NOTE_MAX),
          byUserId: who.id, byName: who.fullName || who.username || null, at: now,
        });
        timelineText = `Gộp vào kiến nghị #${finalId}${note ? `: ${note}` : ''}`;
        await audit(tx, who.auditActor, {
          action: 'recommendation.merge', entityType: 'recommendation', entityId: finalId, orgUnitId: target.row.owner_division_id,
          after: { merged: id, repointed, timesRaised: target.row.times_raised },
        });
        break;
      }
      case 'start':
        break;
    }
    if ((await recommendationsRepo.update(tx, id, input.version, patch, now)) === null) throw conflict(VERSION_CONFLICT);
    await recommendationsRepo.insertUpdate(tx, {
      recommendationId: id, kind: 'state', text: timelineText, stateFrom: r.state, stateTo: to, progress: (patch.progress as number | undefined) ?? null,
      byUserId: who.id, byName: who.fullName || who.username || null, at: now,
    });
    await audit(tx, who.auditActor, {
      action: `recommendation.${name}`, entityType: 'recommendation', entityId: id, orgUnitId: r.owner_division_id,
      before: { state: r.state, closedOn: r.closed_on }, after: { state: to, note, period: patch.carriedToPeriod ?? null, into: patch.mergedIntoId ?? null,
        closedOn: patch.closedOn === undefined ? r.closed_on : patch.closedOn },
    });
    const after = await reload(tx, id, day);
    if (name === 'complete' && r.answer_published_at === null) await publish(tx, who, after, now, day);
    return after;
  });
}

// ─────────────────────────── timeline ───────────────────────────

export type UpdateInput = { text: string; progress?: number | null; files: { filename: string; content: Buffer }[] };

/** A dated progress note with optional files ('update'): files typed by their content like report attachments. */
export async function addUpdate(db: Db, who: Who, id: number, input: UpdateInput, day: string, now: Date): Promise<number> {
  const probe = await loadVisibleRecommendation(db, who, id, { today: day });
  requireRecommendation(who, 'update', probe);
  const text = input.text.trim() === '' && input.files.length ? '' : cleanText(input.text, 'Nội dung cập nhật', RECOMMENDATION_NOTE_MAX);
  if (input.progress != null && (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100)) {
    throw badRequest('Tiến độ phải là số nguyên từ 0 đến 100 (%).');
  }
  if (input.files.length > MAX_UPDATE_FILES) throw badRequest(`Mỗi lần cập nhật đính kèm tối đa ${MAX_UPDATE_FILES} tệp.`);
  const files: { filename: string; mime: string; size: number; sha256: string; content: Buffer }[] = [];
  for (const f of input.files) {
    if (f.content.length === 0) throw badRequest(`Tệp "${f.filename.slice(0, 100)}" không có nội dung (0 byte).`);
    const kind = await detectAttachment(f.content, f.filename);
    files.push({ filename: kind.filename, mime: kind.mime, size: f.content.length, sha256: createHash('sha256').update(f.content).digest('hex'), content: f.content });
  }
  return db.tx(async (tx) => {
    const loaded = await loadVisibleRecommendation(tx, who, id, { today: day, lock: true });
    requireRecommendation(who, 'update', loaded);
    if (files.length) {
      const n = await tx.one<{ n: number }>(
        `SELECT count(*)::int AS n FROM recommendation_update_files f JOIN recommendation_updates u ON u.id = f.update_id WHERE u.recommendation_id = $1`, [id],
      );
      if (n.n + files.length > MAX_FILES_PER_RECOMMENDATION) throw conflict(`Mỗi kiến nghị đính kèm tối đa ${MAX_FILES_PER_RECOMMENDATION} tệp.`);
    }
    const progress = input.progress ?? null;
    const { id: updateId } = await recommendationsRepo.insertUpdate(tx, {
      recommendationId: id, kind: progress === null ? 'note' : 'progress', text, progress, byUserId: who.id, byName: who.fullName || who.username || null, at: now,
    });
    const stored = [];
    for (const f of files) stored.push(await recommendationsRepo.insertFile(tx, updateId, f));
    if (progress !== null && progress !== loaded.row.progress) await recommendationsRepo.update(tx, id, loaded.row.version, { progress }, now);
    await audit(tx, who.auditActor, {
      action: 'recommendation.progress', entityType: 'recommendation', entityId: id, orgUnitId: loaded.row.owner_division_id,
      before: { progress: loaded.row.progress },
      after: { updateId, progress: progress ?? loaded.row.progress, text, files: stored.map((f, i) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, sha256: files[i]!.sha256 })) },
    });
    return updateId;
  });
}

export async function readUpdateFile(db: Db, actor: Actor, id: number, updateId: number, fileId: number, day: string) {
  await loadVisibleRecommendation(db, actor, id, { today: day });
  const f = await recommendationsRepo.file(db, id, updateId, fileId);
  if (!f) throw notFound('Không tìm thấy tệp đính kèm của kiến nghị.');
  return { filename: f.filename, mime: f.mime, content: Buffer.from(f.content) };
}

/** The board's scope for an actor (policy canSeeRecommendation, in SQL). */
export async function boardScope(db: Db, actor: Actor) {
  if (actor.role === 'admin' || actor.role === 'office' || actor.role === 'director' || actor.role === 'viewer') return { kind: 'all' as const };
  if (actor.role === 'reviewer') return { kind: 'division' as const, unitId: actor.orgUnitId ?? -1 };
  if (isUnitRole(actor) && actor.orgUnitId !== null) {
    return { kind: 'unit' as const, unitId: actor.orgUnitId, unitIds: await recommendationsRepo.unitWithPredecessors(db, actor.orgUnitId) };
  }
  return { kind: 'unit' as const, unitId: -1, unitIds: [] };
}


// ─────────────────────────── the board ───────────────────────────

/** The board's query as the API takes it (codes, period ids), shared by the list, the summary and the export. */
export type BoardQuery = {
  conference?: number;
  period?: string;
  owner?: string;
  timeliness?: Timeliness[];
  unit?: string;
  sector?: string;
  state?: RecommendationState[];
  source?: 'report' | 'discussion' | 'point' | 'manual';
  recurring?: boolean;
  escalated?: boolean;
  q?: string;
};

/** Codes and periods → ids; 400 naming an unknown code or a bad period. `unit` takes the unit and every unit it took over. */
export async function resolveBoardFilter(db: Db, q: BoardQuery): Promise<BoardFilter> {
  const f: BoardFilter = {};
  if (q.conference !== undefined) f.conferenceId = q.conference;
  if (q.period) f.periods = periodsWithin(checkPeriod(q.period, 'Kỳ')!);
  if (q.owner) f.ownerId = await unitIdByCode(db, q.owner, 'Phòng chủ trì');
  if (q.unit) f.unitIds = await recommendationsRepo.unitWithPredecessors(db, await unitIdByCode(db, q.unit, 'Đơn vị nêu kiến nghị'));
  if (q.sector) f.sectorId = await sectorIdByCode(db, q.sector);
  if (q.timeliness?.length) f.timeliness = q.timeliness;
  if (q.state?.length) f.states = q.state;
  if (q.source) f.sourceKind = q.source;
  if (q.recurring !== undefined) f.recurring = q.recurring;
  if (q.escalated !== undefined) f.escalated = q.escalated;
  if (q.q?.trim()) f.q = q.q.trim().slice(0, 200);
  return f;
}

/** One page of the board the actor may see, with the grid's counts for the whole filter. */
export async function board(db: Db, actor: Actor, q: BoardQuery & { sort?: BoardSort; page?: number; pageSize?: number }, day: string) {
  const scope = await boardScope(db, actor);
  const filter = await resolveBoardFilter(db, q);
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 200);
  const page = Math.max(q.page ?? 1, 1);
  const { rows, counts } = await recommendationsRepo.board(db, scope, filter, day, q.sort ?? 'deadline', pageSize, (page - 1) * pageSize);
  const raisers = await raisersByRecommendation(db, rows.map((r) => r.id));
  return { rows, raisers, counts, page, pageSize };
}

export async function raisersByRecommendation(db: Db, ids: number[]): Promise<Map<number, UnitRef[]>> {
  const out = new Map<number, UnitRef[]>();
  if (!ids.length) return out;
  for (const r of await recommendationsRepo.raisersOf(db, ids)) {
    const list = out.get(r.recommendation_id) ?? [];
    list.push({ id: r.id, code: r.code, name: r.name, type: r.type });
    out.set(r.recommendation_id, list);
  }
  return out;
}
