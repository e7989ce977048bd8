/**
 * Nominations (đề nghị khen thưởng). A unit proposes its own people or itself, the office anyone, for a title or
 * form and a year. Eligibility is computed on the spot and stored with the nomination, criterion by criterion; it
 * is computed again at every step. A failed criterion blocks the nomination: the office may let it go on only with
 * a written reason, audited. The initiatives a nomination counts are marked used by it (one initiative, one award).
 *
 * Every write takes the nomination's row lock and checks its `version`: a stale edit answers 409 and the caller
 * keeps what they typed.
 */
import {
  type Actor, canNomination, canSeeNomination, type EligibilityCheck, mayPropose, NOMINATION_STATUS_LABELS, NOMINATION_TRANSITIONS, nextNominationStatus,
  type NominationAction, nominationAbilities, nominationScope, type NominationStatus, type NominationSubject, type NominationTransition, RECURRENCE_LABELS, type Recurrence,
} from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { awardsRepo, type InitiativeView, type NominationRow } from './awards.repository.js';
import { loadCatalog } from './catalog.service.js';
import { personEligibility, unitEligibility } from './eligibility.service.js';
import { subjectFits, typeInBody } from './records.service.js';
import { versionOn, yearEnd } from './rules/engine.js';
import type { AwardType, Catalog, Eligibility } from './rules/types.js';
import { oneSubject, type Subject, subjectName, subjectUnitId } from './subjects.js';

export type NominationInput = {
  person?: number; unit?: string; title: string; year: number; kind?: Recurrence; proposingUnit?: string | null; achievements?: string | null;
  claims?: Record<string, string>; initiatives?: number[] | null;
};

const NOT_FOUND = 'Không tìm thấy đề nghị khen thưởng.';
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

function cleanClaims(claims: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims ?? {})) {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(k)) throw badRequest(`Mã tiêu chí "${k}" không hợp lệ trong claims.`);
    const t = (v ?? '').normalize('NFC').trim();
    if (t.length > 4000) throw badRequest(`Nội dung nêu cho tiêu chí "${k}" dài quá 4.000 ký tự.`);
    if (t) out[k] = t;
  }
  if (Object.keys(out).length > 50) throw badRequest('Tối đa 50 tiêu chí được nêu trong một đề nghị.');
  return out;
}

const cleanAchievements = (s: string | null | undefined) => {
  const t = (s ?? '').normalize('NFC').trim();
  if (t.length > 20_000) throw badRequest('Tóm tắt thành tích dài quá 20.000 ký tự.');
  return t || null;
};

const snapshot = (e: Eligibility) => ({ eligible: e.eligible, conditional: e.conditional, date: e.date, versionId: e.versionId, checks: e.checks });
const failedRules = (checks: EligibilityCheck[]) => checks.filter((c) => !c.passed && c.severity === 'block');
const registeredOf = (checks: EligibilityCheck[]) => {
  const r = checks.find((c) => c.kind === 'registration');
  return r ? r.passed : null;
};

/** Initiatives named by the caller: the person's own, not used for another award; else 400 / 409 naming the award. */
async function checkNamedInitiatives(t: Db, ids: number[], personId: number | null, selfId: number | null, today: string): Promise<InitiativeView[]> {
  if (!ids.length) return [];
  if (personId === null) throw badRequest('Sáng kiến chỉ dùng cho đề nghị khen thưởng cá nhân.');
  await awardsRepo.lockInitiatives(t, ids);
  const found = await awardsRepo.initiatives(t, { ids, unitIds: null }, today);
  for (const id of ids) {
    const i = found.find((x) => x.id === id);
    if (!i) throw badRequest(`Không có sáng kiến mã ${id}.`);
    if (!i.authors.some((a) => a.id === personId)) throw badRequest(`Sáng kiến "${i.title}" không phải của cán bộ được đề nghị.`);
    if (i.usedBy && !(i.usedBy.nominationId !== null && i.usedBy.nominationId === selfId))
      throw conflict(`Sáng kiến "${i.title}" đã dùng cho "${i.usedBy.awardName}" năm ${i.usedBy.year} của ${i.usedBy.who}; mỗi sáng kiến chỉ dùng cho một lần khen thưởng.`);
  }
  return found;
}

/** Evaluates the nomination (inside its transaction), stores the answer and marks the initiatives it counts. */
async function evaluateAndStore(t: Db, n: Pick<NominationRow, 'id' | 'personId' | 'unitId' | 'awardCode' | 'year' | 'claims'>, catalog: Catalog, initiativeIds: number[] | null) {
  const q = { awardCode: n.awardCode, year: n.year, nominationId: n.id, claims: n.claims, initiativeIds };
  // The person's initiatives are locked first, so two nominations cannot count the same one.
  if (n.personId !== null) {
    const own = (await awardsRepo.initiatives(t, { personId: n.personId, unitIds: null }, yearEnd(n.year))).map((i) => i.id);
    await awardsRepo.lockInitiatives(t, own);
  }
  const e = n.personId !== null ? await personEligibility(t, n.personId, q, catalog) : await unitEligibility(t, n.unitId!, q, catalog);
  await awardsRepo.saveEvaluation(t, n.id, { eligible: e.eligible, eligibility: snapshot(e), registered: registeredOf(e.checks) });
  await awardsRepo.setNominationInitiatives(t, n.id, e.initiativeIds);
  return e;
}

function kindOf(type: AwardType, kind: Recurrence | undefined): Recurrence {
  const k = kind ?? type.recurrences[0];
  if (!type.recurrences.includes(k))
    throw badRequest(`"${type.name}" xét tặng ${type.recurrences.map((r) => RECURRENCE_LABELS[r].vi.toLowerCase()).join(', ')}, không xét ${RECURRENCE_LABELS[k].vi.toLowerCase()}.`);
  return k;
}

/** Creates a nomination; returns its id. Blocked nominations are saved too, with the failed criteria shown. */
export async function createNomination(db: Db, actor: Actor, by: AuditActor, input: NominationInput, today: string): Promise<number> {
  const scope = nominationScope(actor);
  if (scope === 'none') throw forbidden('Chỉ đơn vị (cán bộ báo cáo, lãnh đạo đơn vị) và Văn phòng Sở được đề nghị khen thưởng.');
  const subject = await oneSubject(db, input, today, true);
  // A unit proposes only its own people and itself; another unit's person is answered as if it did not exist.
  if (!mayPropose(actor, subjectUnitId(subject))) throw notFound(subject.kind === 'person' ? 'Không tìm thấy cán bộ.' : `Không tìm thấy đơn vị mã "${subject.unit.code}".`);
  const catalog = await loadCatalog(db);
  const type = typeInBody(catalog, input.title);
  if (!type.active) throw badRequest(`"${type.name}" đang tạm ngừng xét tặng.`);
  const misfit = subjectFits(type, subject);
  if (misfit) throw badRequest(misfit);
  const kind = kindOf(type, input.kind);
  const year = input.year;
  if (year > Number(today.slice(0, 4)) + 1) throw badRequest(`Chưa thể đề nghị khen thưởng cho thành tích năm ${year}.`);
  if (!versionOn(type, yearEnd(year)) && !versionOn(type, today))
    throw badRequest(`Không có quy định nào về "${type.name}" có hiệu lực cho năm ${year}.`);
  let proposingUnitId: number;
  if (scope === 'own_unit') proposingUnitId = actor.orgUnitId!;
  else if (input.proposingUnit) {
    const u = await awardsRepo.unitByCode(db, input.proposingUnit.trim());
    if (!u) throw badRequest(`Không có đơn vị mã "${input.proposingUnit.trim()}".`);
    proposingUnitId = u.id;
  } else {
    const home = subjectUnitId(subject);
    if (home === null) throw badRequest('Cán bộ hiện không thuộc đơn vị nào; hãy ghi proposingUnit (mã đơn vị đề nghị).');
    proposingUnitId = home;
  }
  const claims = cleanClaims(input.claims);
  const achievements = cleanAchievements(input.achievements);
  const named = input.initiatives ? [...new Set(input.initiatives)] : null;
  try {
    return await db.tx(async (t) => {
      const w = { personId: subject.kind === 'person' ? subject.personId : null, unitId: subject.kind === 'unit' ? subject.unit.id : null, awardCode: type.code, year };
      const dup = await awardsRepo.liveDuplicate(t, w, null);
      if (dup) throw duplicate(subject, type, year, dup);
      if (named) await checkNamedInitiatives(t, named, w.personId, null, today);
      const id = await awardsRepo.insertNomination(t, { ...w, kind, proposingUnitId, achievements, claims, createdBy: actor.id });
      const e = await evaluateAndStore(t, { id, ...w, claims }, catalog, named);
      await audit(t, by, {
        action: 'nomination.create', entityType: 'award_nomination', entityId: id, orgUnitId: subjectUnitId(subject),
        after: { ...w, kind, proposingUnitId, eligible: e.eligible, failed: failedRules(e.checks).map((c) => c.code), initiatives: e.initiativeIds },
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`${subjectName(subject)} vừa được đề nghị "${type.name}" năm ${year} (một đề nghị khác được lưu cùng lúc).`);
    throw e;
  }
}

function duplicate(subject: Subject, type: AwardType, year: number, dup: { id: number; status: NominationStatus; proposing: string }) {
  return conflict(
    `${subjectName(subject)} đã được đề nghị "${type.name}" năm ${year} (đề nghị số ${dup.id} của ${dup.proposing}, ${NOMINATION_STATUS_LABELS[dup.status].vi.toLowerCase()}); `
      + 'không đề nghị hai lần cho cùng danh hiệu và năm.',
    { nominationId: dup.id },
  );
}

/** What the policy needs to know about a nomination, for this actor. */
async function subjectOf(db: Db, actor: Actor, n: NominationRow, today: string): Promise<NominationSubject> {
  let subjectUnit = n.unitId;
  if (n.personId !== null) subjectUnit = (await awardsRepo.personWithHome(db, n.personId, today))?.unit?.id ?? null;
  return { status: n.status, proposingUnitId: n.proposingUnitId, subjectUnitId: subjectUnit, councilMember: await isCouncilMember(db, actor, today) };
}

/** Is the actor (through their person record) a member of an award council in force today? */
async function isCouncilMember(db: Db, actor: Actor, today: string): Promise<boolean> {
  const r = await db.maybeOne<{ one: number }>(
    `SELECT 1 AS one FROM award_council_members cm JOIN people p ON p.id = cm.person_id JOIN award_councils c ON c.id = cm.council_id
      WHERE p.user_id = $1 AND cm.valid_from <= $2 AND (cm.valid_to IS NULL OR cm.valid_to >= $2)
        AND c.valid_from <= $2 AND (c.valid_to IS NULL OR c.valid_to >= $2) LIMIT 1`,
    [actor.id, today],
  );
  return r !== null;
}

/** Locks and loads a nomination the actor may act on; 404 when unseen, 409 on a stale version or a state without the edge, 403 otherwise. */
async function loadFor(t: Db, actor: Actor, id: number, action: NominationAction, version: number | undefined, today: string) {
  const n = await awardsRepo.nomination(t, id, true);
  if (!n) throw notFound(NOT_FOUND);
  const s = await subjectOf(t, actor, n, today);
  if (!canSeeNomination(actor, s)) throw notFound(NOT_FOUND);
  if (version !== undefined && version !== n.version)
    throw conflict(`Đề nghị vừa được người khác thay đổi (phiên bản ${n.version}); hãy tải lại. Nội dung bạn nhập vẫn còn trên màn hình.`, { currentVersion: n.version });
  const edge = action in NOMINATION_TRANSITIONS ? nextNominationStatus(n.status, action as NominationTransition) : 'ok';
  if (!canNomination(actor, action, s)) {
    if (edge === null || (action === 'edit' && !['proposed', 'returned', 'accepted'].includes(n.status)))
      throw conflict(`Đề nghị đang ở trạng thái "${NOMINATION_STATUS_LABELS[n.status].vi}", không thể thực hiện thao tác này.`);
    throw forbidden();
  }
  return n;
}

export type NominationPatch = { version: number; achievements?: string | null; claims?: Record<string, string>; initiatives?: number[] | null };

/** Edits the statement, the claims or the initiatives; eligibility is computed again. */
export async function updateNomination(db: Db, actor: Actor, by: AuditActor, id: number, patch: NominationPatch, today: string): Promise<void> {
  const catalog = await loadCatalog(db);
  await db.tx(async (t) => {
    const n = await loadFor(t, actor, id, 'edit', patch.version, today);
    const claims = patch.claims !== undefined ? cleanClaims(patch.claims) : n.claims;
    const achievements = patch.achievements !== undefined ? cleanAchievements(patch.achievements) : n.achievements;
    const named = patch.initiatives ? [...new Set(patch.initiatives)] : null;
    if (named) await checkNamedInitiatives(t, named, n.personId, n.id, today);
    await awardsRepo.updateNomination(t, id, { achievements, claims });
    const e = await evaluateAndStore(t, { ...n, claims }, catalog, named);
    await audit(t, by, {
      action: 'nomination.update', entityType: 'award_nomination', entityId: id, orgUnitId: n.proposingUnitId,
      before: { achievements: n.achievements, claims: n.claims, eligible: n.eligible },
      after: { achievements, claims, eligible: e.eligible, failed: failedRules(e.checks).map((c) => c.code), initiatives: e.initiativeIds },
    });
  });
}

const NEEDS_REASON: ReadonlySet<NominationTransition> = new Set(['return', 'reject']);
/** Steps after which a nomination no longer holds its initiatives. */
const RELEASES: ReadonlySet<NominationStatus> = new Set(['rejected', 'withdrawn', 'not_approved']);

/**
 * A step of the lifecycle. accept and approve re-check eligibility: a blocked nomination goes on only once the office
 * has overridden it. approve is for titles without a council ballot (those go through the council's tally).
 */
export async function transition(
  db: Db, actor: Actor, by: AuditActor, id: number, name: Exclude<NominationTransition, 'pass' | 'fail' | 'decide'>, body: { version: number; reason?: string | null },
  today: string,
): Promise<void> {
  const catalog = await loadCatalog(db);
  await db.tx(async (t) => {
    const n = await loadFor(t, actor, id, name, body.version, today);
    const reason = (body.reason ?? '').normalize('NFC').trim() || null;
    if (NEEDS_REASON.has(name) && !reason) throw badRequest('Hãy ghi lý do để đơn vị biết cần làm gì.');
    if (reason && reason.length > 4000) throw badRequest('Lý do dài quá 4.000 ký tự.');
    const to = nextNominationStatus(n.status, name)!;
    let eligible = n.eligible;
    if (name === 'accept' || name === 'approve' || name === 'resubmit') {
      const e = await evaluateAndStore(t, n, catalog, null);
      eligible = e.eligible;
      if ((name === 'accept' || name === 'approve') && !e.eligible && !n.overrideReason) {
        const failed = failedRules(e.checks).map((c) => `${c.rule}: ${c.evidence}`);
        throw new AppError(422, 'not_eligible', `Đề nghị chưa đủ điều kiện: ${failed.join(' ')} Văn phòng chỉ có thể cho tiếp tục khi ghi lý do bằng văn bản.`, {
          checks: failedRules(e.checks),
        });
      }
      if (name === 'approve') {
        const type = catalog.types.find((x) => x.code === n.awardCode)!;
        const v = versionOn(type, yearEnd(n.year));
        if (v?.vote) throw conflict(`"${type.name}" phải được Hội đồng thi đua – khen thưởng bỏ phiếu kín; kết quả bỏ phiếu quyết định đề nghị được thông qua hay không.`);
      }
    }
    await awardsRepo.setStatus(t, id, to, reason);
    if (RELEASES.has(to)) await awardsRepo.setNominationInitiatives(t, id, []);
    await audit(t, by, {
      action: NOMINATION_TRANSITIONS[name].audit, entityType: 'award_nomination', entityId: id, orgUnitId: n.proposingUnitId,
      before: { status: n.status }, after: { status: to, reason, eligible },
    });
  });
}

/** The office lets a blocked nomination go on, with a written reason (audited with the criteria it overrides). */
export async function overrideNomination(db: Db, actor: Actor, by: AuditActor, id: number, body: { version: number; reason: string }, today: string): Promise<void> {
  await db.tx(async (t) => {
    const n = await loadFor(t, actor, id, 'override', body.version, today);
    const reason = (body.reason ?? '').normalize('NFC').trim();
    if (reason.length < 10) throw badRequest('Hãy ghi rõ lý do cho tiếp tục (ít nhất 10 ký tự); lý do được lưu vào nhật ký.');
    if (reason.length > 4000) throw badRequest('Lý do dài quá 4.000 ký tự.');
    if (n.eligible) throw conflict('Đề nghị đã đủ điều kiện, không cần cho tiếp tục ngoại lệ.');
    await awardsRepo.setOverride(t, id, reason, actor.id);
    await audit(t, by, {
      action: 'nomination.override', entityType: 'award_nomination', entityId: id, orgUnitId: n.proposingUnitId,
      before: { overrideReason: n.overrideReason }, after: { reason, failed: failedRules(n.eligibility.checks ?? []).map((c) => ({ code: c.code, rule: c.rule, evidence: c.evidence })) },
    });
  });
}

// ───────────── reads ─────────────

export type NominationView = NominationRow & {
  subjectUnitId: number | null;
  abilities: Record<NominationAction, boolean>;
  initiatives: InitiativeView[];
};

export async function nominationDetail(db: Db, actor: Actor, id: number, today: string): Promise<NominationView> {
  const n = await awardsRepo.nomination(db, id);
  if (!n) throw notFound(NOT_FOUND);
  const s = await subjectOf(db, actor, n, today);
  if (!canSeeNomination(actor, s)) throw notFound(NOT_FOUND);
  const ids = await awardsRepo.nominationInitiativeIds(db, id);
  const initiatives = ids.length ? await awardsRepo.initiatives(db, { ids, unitIds: null }, today) : [];
  return { ...n, subjectUnitId: s.subjectUnitId, abilities: nominationAbilities(actor, s), initiatives };
}

export type NominationQuery = { year?: number; status?: NominationStatus; title?: string; proposingUnit?: string; person?: number; unit?: string };

export async function listNominations(db: Db, actor: Actor, q: NominationQuery, today: string) {
  const wide = actor.role === 'admin' || actor.role === 'office' || actor.role === 'director';
  const visibleUnitIds = wide || actor.role === 'viewer' ? null : actor.orgUnitId === null ? [] : [actor.orgUnitId];
  const code = (c: string | undefined) => (c === undefined ? undefined : c.trim().toUpperCase());
  const unitId = async (c: string | undefined) => (c === undefined ? undefined : ((await awardsRepo.unitByCode(db, c.trim()))?.id ?? -1));
  const rows = await awardsRepo.listNominations(db, {
    year: q.year, status: q.status, awardCode: code(q.title), proposingUnitId: await unitId(q.proposingUnit), personId: q.person, unitId: await unitId(q.unit),
    visibleUnitIds, decidedOnly: actor.role === 'viewer',
  }, today);
  const council = await isCouncilMember(db, actor, today);
  return rows.map((n) => ({
    ...n, initiatives: [] as InitiativeView[],
    abilities: nominationAbilities(actor, { status: n.status, proposingUnitId: n.proposingUnitId, subjectUnitId: n.subjectUnitId, councilMember: council }),
  }));
}
