/**
 * Emulation clusters (khối / cụm thi đua, Law Article 16): member units for a year, weighted scoring criteria as
 * data, and each member's scores — typed in, or computed where a criterion is a Nhịp figure:
 *
 *   params.figure = 'timeliness'    share of the unit's reports of the year submitted by their deadline (rounds module)
 *   params.figure = 'completeness'  share of the unit's reports of the year submitted at all
 *   params.form   = 'BC-…'          optional: only that form's rounds
 *
 * A figure f ∈ [0, 1] scores f × the criterion's maximum. A member's total is Σ score ÷ max × weight; the ranking
 * orders the totals (equal totals share a rank, as facts.repository reads it for the rule engine's cluster_rank).
 * The leader is proposed for the Cờ thi đua and the cluster's Giấy khen (nominations through the nominations
 * service). A ranking is published to the members (notified) once every member has every score; before that no
 * unit sees the scores. Every write is audited and checks the cluster's version.
 */
import { type Actor, canDo, canSeeCluster } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { notify } from '../notifications/notifications.service.js';
import { board, listRounds } from '../rounds/rounds.service.js';
import { hasSubmitted } from '../rounds/completeness.js';
import { type ClusterCriterionRow, type ClusterMemberRow, clusterRepo, type ClusterRow, type ClusterScoreRow, type CriterionWrite } from './cluster.repository.js';
import { createNomination } from './nominations.service.js';

const NOT_FOUND = 'Không tìm thấy khối, cụm thi đua.';
export const CLUSTER_FIGURES = ['timeliness', 'completeness'] as const;
export type ClusterFigure = (typeof CLUSTER_FIGURES)[number];
const FIGURE_LABELS: Record<ClusterFigure, string> = { timeliness: 'tỷ lệ báo cáo nộp đúng hạn', completeness: 'tỷ lệ báo cáo đã nộp' };

const clean = (s: string | null | undefined, max: number, what: string): string | null => {
  const t = (s ?? '').normalize('NFC').trim();
  if (t.length > max) throw badRequest(`${what} dài quá ${max} ký tự.`);
  return t || null;
};
const round2 = (x: number) => Math.round(x * 100) / 100;

export type CriterionInput = { id?: number; name: string; weight: number; maxScore?: number; source?: 'manual' | 'computed'; figure?: ClusterFigure | null; form?: string | null };
export type ClusterInput = { name: string; kind?: 'khoi' | 'cum'; year: number; note?: string | null; members: string[]; criteria: CriterionInput[] };
export type ClusterPatch = Partial<Omit<ClusterInput, 'year'>> & { version: number };

function requireOffice(actor: Actor) {
  if (!canDo(actor, 'awards.manage')) throw forbidden('Chỉ Văn phòng Sở quản lý khối, cụm thi đua.');
}

async function memberIds(db: Db, codes: string[]): Promise<number[]> {
  const unique = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
  if (unique.length < 2) throw badRequest('Khối, cụm thi đua cần ít nhất 2 đơn vị thành viên.');
  if (unique.length > 300) throw badRequest('Khối, cụm thi đua có tối đa 300 đơn vị.');
  const found = await clusterRepo.unitsByCodes(db, unique);
  const missing = unique.filter((c) => !found.has(c.toLowerCase()));
  if (missing.length) throw badRequest(`Không có đơn vị mã ${missing.map((c) => `"${c}"`).join(', ')}.`);
  return [...new Set(unique.map((c) => found.get(c.toLowerCase())!.id))];
}

async function criteriaWrite(db: Db, input: CriterionInput[], existing: ClusterCriterionRow[]): Promise<CriterionWrite[]> {
  if (!input.length) throw badRequest('Khối, cụm thi đua cần ít nhất một tiêu chí chấm điểm.');
  if (input.length > 50) throw badRequest('Tối đa 50 tiêu chí chấm điểm.');
  const out: CriterionWrite[] = [];
  for (const c of input) {
    const name = clean(c.name, 300, 'Tên tiêu chí');
    if (!name) throw badRequest('Tên tiêu chí không được để trống.');
    if (!(c.weight > 0) || c.weight > 10_000) throw badRequest(`Trọng số của tiêu chí "${name}" phải lớn hơn 0 và không quá 10.000.`);
    const maxScore = c.maxScore ?? 100;
    if (!(maxScore > 0) || maxScore > 100_000) throw badRequest(`Điểm tối đa của tiêu chí "${name}" phải lớn hơn 0 và không quá 100.000.`);
    if (c.id !== undefined && !existing.some((e) => e.id === c.id)) throw badRequest(`Tiêu chí số ${c.id} không thuộc khối, cụm thi đua này.`);
    const source = c.source ?? (c.figure ? 'computed' : 'manual');
    const params: Record<string, unknown> = {};
    if (source === 'computed') {
      if (!c.figure) throw badRequest(`Tiêu chí "${name}" tính từ số liệu Nhịp cần ghi figure (${CLUSTER_FIGURES.join(', ')}).`);
      params.figure = c.figure;
      if (c.form) {
        const f = await clusterRepo.formByCode(db, c.form.trim());
        if (!f) throw badRequest(`Không có biểu mẫu báo cáo mã "${c.form.trim()}".`);
        params.form = f.code;
      }
    } else if (c.figure || c.form) throw badRequest(`Tiêu chí "${name}" chấm tay thì không ghi figure, form.`);
    out.push({ ...(c.id !== undefined ? { id: c.id } : {}), name, weight: c.weight, maxScore, source, params });
  }
  return out;
}

export async function createCluster(db: Db, actor: Actor, by: AuditActor, input: ClusterInput): Promise<number> {
  requireOffice(actor);
  const name = clean(input.name, 300, 'Tên khối, cụm thi đua');
  if (!name) throw badRequest('Hãy ghi tên khối, cụm thi đua.');
  const units = await memberIds(db, input.members);
  const criteria = await criteriaWrite(db, input.criteria, []);
  return db.tx(async (t) => {
    const id = await clusterRepo.insert(t, { name, kind: input.kind ?? 'khoi', year: input.year, note: clean(input.note, 4000, 'Ghi chú') });
    await clusterRepo.replaceMembers(t, id, units);
    await clusterRepo.replaceCriteria(t, id, criteria);
    await audit(t, by, { action: 'award_cluster.create', entityType: 'award_cluster', entityId: id, after: { name, kind: input.kind ?? 'khoi', year: input.year, units, criteria } });
    return id;
  });
}

/** Loads a cluster the actor may see (404 otherwise); with `version`, a stale one answers 409. */
async function loadCluster(db: Db, actor: Actor, id: number, o: { lock?: boolean; version?: number } = {}): Promise<{ cluster: ClusterRow; members: ClusterMemberRow[] }> {
  const cluster = await clusterRepo.cluster(db, id, o.lock ?? false);
  if (!cluster) throw notFound(NOT_FOUND);
  const members = await clusterRepo.members(db, [id]);
  if (!canSeeCluster(actor, { published: cluster.publishedAt !== null, memberUnitIds: members.map((m) => m.unitId) })) throw notFound(NOT_FOUND);
  if (o.version !== undefined && o.version !== cluster.version)
    throw conflict(`Khối, cụm thi đua vừa được người khác cập nhật (phiên bản ${cluster.version}); hãy tải lại. Nội dung bạn nhập vẫn còn trên màn hình.`, { currentVersion: cluster.version });
  return { cluster, members };
}

const unpublishedOnly = (c: ClusterRow) => {
  if (c.publishedAt) throw conflict('Bảng xếp hạng đã công bố; hãy thu hồi công bố (có lý do) trước khi sửa.');
};

export async function updateCluster(db: Db, actor: Actor, by: AuditActor, id: number, patch: ClusterPatch): Promise<void> {
  requireOffice(actor);
  await db.tx(async (t) => {
    const { cluster: c, members } = await loadCluster(t, actor, id, { lock: true, version: patch.version });
    unpublishedOnly(c);
    const name = patch.name !== undefined ? clean(patch.name, 300, 'Tên khối, cụm thi đua') : c.name;
    if (!name) throw badRequest('Hãy ghi tên khối, cụm thi đua.');
    await clusterRepo.update(t, id, { name, kind: patch.kind ?? c.kind, note: patch.note !== undefined ? clean(patch.note, 4000, 'Ghi chú') : c.note });
    const units = patch.members ? await memberIds(t, patch.members) : undefined;
    if (units) await clusterRepo.replaceMembers(t, id, units);
    const criteria = patch.criteria ? await criteriaWrite(t, patch.criteria, await clusterRepo.criteria(t, [id])) : undefined;
    if (criteria) await clusterRepo.replaceCriteria(t, id, criteria);
    await audit(t, by, {
      action: 'award_cluster.update', entityType: 'award_cluster', entityId: id,
      before: { name: c.name, kind: c.kind, units: members.map((m) => m.unitId) }, after: { name, kind: patch.kind ?? c.kind, units, criteria },
    });
  });
}

export type ScoreInput = { criterion: number; unit: string; score: number; note?: string | null };

/** Typed scores of manual criteria; a score above the criterion's maximum, or of a non-member, is refused. */
export async function enterScores(db: Db, actor: Actor, by: AuditActor, id: number, body: { version: number; scores: ScoreInput[] }): Promise<void> {
  requireOffice(actor);
  await db.tx(async (t) => {
    const { cluster: c, members } = await loadCluster(t, actor, id, { lock: true, version: body.version });
    unpublishedOnly(c);
    if (body.scores.length > 20_000) throw badRequest('Tối đa 20.000 điểm trong một lần lưu.');
    const criteria = await clusterRepo.criteria(t, [id]);
    const byCode = new Map(members.map((m) => [m.code.toLowerCase(), m]));
    const rows = body.scores.map((s) => {
      const cr = criteria.find((x) => x.id === s.criterion);
      if (!cr) throw badRequest(`Tiêu chí số ${s.criterion} không thuộc khối, cụm thi đua này.`);
      if (cr.source === 'computed') throw badRequest(`Tiêu chí "${cr.name}" được tính từ số liệu Nhịp, không nhập tay.`);
      const m = byCode.get(s.unit.trim().toLowerCase());
      if (!m) throw badRequest(`Đơn vị mã "${s.unit.trim()}" không phải thành viên ${c.name}.`);
      if (!(s.score >= 0) || s.score > cr.maxScore) throw badRequest(`Điểm của ${m.name} ở tiêu chí "${cr.name}" phải từ 0 đến ${cr.maxScore}.`);
      return { criterionId: cr.id, unitId: m.unitId, score: round2(s.score), note: clean(s.note, 2000, 'Ghi chú điểm'), computed: false, by: actor.id };
    });
    await clusterRepo.upsertScores(t, rows);
    await clusterRepo.bump(t, id);
    await audit(t, by, { action: 'award_cluster.scores', entityType: 'award_cluster', entityId: id, after: { scores: rows.map(({ by: _by, ...r }) => r) } });
  });
}

/** Each member's figure for the year: reports submitted by the deadline (timeliness) or at all (completeness), over its rounds. */
export async function unitFigures(db: Db, actor: Actor, year: number, unitIds: number[], figure: ClusterFigure, formCode: string | null, now: Date) {
  const rounds = (await listRounds(db, actor, { year }, now)).map((r) => r.round).filter((r) => formCode === null || r.form_code === formCode);
  const acc = new Map(unitIds.map((u) => [u, { assigned: 0, hit: 0 }]));
  for (const round of rounds) {
    for (const e of await board(db, round, {}, now)) {
      const a = acc.get(e.orgUnit.id);
      if (!a) continue;
      a.assigned += 1;
      if (figure === 'timeliness' ? hasSubmitted(e.status) && !e.late : hasSubmitted(e.status)) a.hit += 1;
    }
  }
  return acc;
}

/** Fills the computed criteria from Nhịp's figures for the cluster's year. */
export async function computeScores(db: Db, actor: Actor, by: AuditActor, id: number, version: number, now: Date): Promise<void> {
  requireOffice(actor);
  await db.tx(async (t) => {
    const { cluster: c, members } = await loadCluster(t, actor, id, { lock: true, version });
    unpublishedOnly(c);
    const criteria = (await clusterRepo.criteria(t, [id])).filter((x) => x.source === 'computed');
    if (!criteria.length) throw conflict('Khối, cụm thi đua không có tiêu chí nào tính từ số liệu Nhịp.');
    const rows: Parameters<typeof clusterRepo.upsertScores>[1] = [];
    for (const cr of criteria) {
      const figure = cr.params.figure as ClusterFigure;
      if (!CLUSTER_FIGURES.includes(figure)) throw conflict(`Tiêu chí "${cr.name}" ghi số liệu không hỗ trợ.`);
      const form = typeof cr.params.form === 'string' ? cr.params.form : null;
      const figures = await unitFigures(t, actor, c.year, members.map((m) => m.unitId), figure, form, now);
      for (const m of members) {
        const f = figures.get(m.unitId)!;
        const ratio = f.assigned ? f.hit / f.assigned : 0;
        rows.push({
          criterionId: cr.id, unitId: m.unitId, score: round2(ratio * cr.maxScore), computed: true, by: actor.id,
          note: f.assigned ? `${FIGURE_LABELS[figure]} năm ${c.year}: ${f.hit}/${f.assigned} báo cáo${form ? ` (biểu ${form})` : ''}` : `Không có báo cáo nào phải nộp trong năm ${c.year}`,
        });
      }
    }
    await clusterRepo.upsertScores(t, rows);
    await clusterRepo.bump(t, id);
    await audit(t, by, { action: 'award_cluster.compute', entityType: 'award_cluster', entityId: id, after: { scores: rows.map(({ by: _by, ...r }) => r) } });
  });
}

// ───────────── the ranking ─────────────

export type RankingEntry = {
  unit: { id: number; code: string; name: string };
  total: number;
  /** total ÷ Σ weights × 100: the score out of 100. */
  percent: number;
  rank: number;
  /** Criteria without a score for this unit. */
  missing: number;
};

/** The ranking from the scores (pure): equal totals share a rank. */
export function ranking(members: ClusterMemberRow[], criteria: ClusterCriterionRow[], scores: ClusterScoreRow[]): RankingEntry[] {
  const weights = criteria.reduce((s, c) => s + c.weight, 0);
  const totals = members.map((m) => {
    let total = 0;
    let missing = 0;
    for (const c of criteria) {
      const s = scores.find((x) => x.criterionId === c.id && x.unitId === m.unitId);
      if (!s) missing += 1;
      else total += (s.score / c.maxScore) * c.weight;
    }
    return { unit: { id: m.unitId, code: m.code, name: m.name }, total, missing };
  });
  return totals
    .map((x) => ({
      ...x, total: Math.round(x.total * 1e6) / 1e6, percent: weights ? Math.round((x.total / weights) * 10_000) / 100 : 0,
      rank: 1 + totals.filter((y) => y.total > x.total + 1e-9).length,
    }))
    .sort((a, b) => a.rank - b.rank || a.unit.name.localeCompare(b.unit.name, 'vi'));
}

export async function clusterDetail(db: Db, actor: Actor, id: number) {
  const { cluster, members } = await loadCluster(db, actor, id);
  const [criteria, scores] = await Promise.all([clusterRepo.criteria(db, [id]), clusterRepo.scores(db, [id])]);
  const office = canDo(actor, 'awards.manage');
  return {
    cluster, members, criteria, scores, ranking: ranking(members, criteria, scores),
    abilities: { edit: office && !cluster.publishedAt, publish: office && !cluster.publishedAt, unpublish: office && !!cluster.publishedAt, propose: office && !!cluster.publishedAt },
  };
}

export async function listClusters(db: Db, actor: Actor, q: { year?: number }) {
  const clusters = await clusterRepo.list(db, q);
  const ids = clusters.map((c) => c.id);
  const [members, criteria, scores] = await Promise.all([clusterRepo.members(db, ids), clusterRepo.criteria(db, ids), clusterRepo.scores(db, ids)]);
  return clusters
    .map((c) => {
      const m = members.filter((x) => x.clusterId === c.id);
      return { cluster: c, members: m, ranking: ranking(m, criteria.filter((x) => x.clusterId === c.id), scores.filter((x) => x.clusterId === c.id)) };
    })
    .filter((x) => canSeeCluster(actor, { published: x.cluster.publishedAt !== null, memberUnitIds: x.members.map((m) => m.unitId) }))
    .map((x) => ({ ...x, leader: x.cluster.publishedAt || canDo(actor, 'awards.manage') || actor.role === 'director' ? x.ranking.filter((r) => r.rank === 1) : [] }));
}

export async function publishCluster(db: Db, actor: Actor, by: AuditActor, id: number, version: number): Promise<void> {
  requireOffice(actor);
  await db.tx(async (t) => {
    const { cluster: c, members } = await loadCluster(t, actor, id, { lock: true, version });
    unpublishedOnly(c);
    const [criteria, scores] = await Promise.all([clusterRepo.criteria(t, [id]), clusterRepo.scores(t, [id])]);
    const r = ranking(members, criteria, scores);
    const incomplete = r.filter((x) => x.missing > 0);
    if (incomplete.length)
      throw conflict(`Chưa đủ điểm của ${incomplete.map((x) => `${x.unit.name} (thiếu ${x.missing} tiêu chí)`).join(', ')}; chưa công bố được bảng xếp hạng.`);
    await clusterRepo.setPublished(t, id, actor.id, true);
    await audit(t, by, { action: 'award_cluster.publish', entityType: 'award_cluster', entityId: id, after: { ranking: r.map((x) => ({ unitId: x.unit.id, total: x.total, rank: x.rank })) } });
    for (const x of r) {
      await notify(t, {
        orgUnitId: x.unit.id, kind: 'award.cluster.ranking', title: `Kết quả xếp hạng ${c.name} năm ${c.year}`,
        body: `${x.unit.name} xếp thứ ${x.rank}/${r.length}, đạt ${String(x.percent).replace('.', ',')} điểm trên thang 100.`,
        link: `/awards/clusters/${id}`, dedupeKey: `award-cluster:${id}:${x.unit.id}:${c.version + 1}`,
      });
    }
  });
}

export async function unpublishCluster(db: Db, actor: Actor, by: AuditActor, id: number, body: { version: number; reason: string }): Promise<void> {
  requireOffice(actor);
  const reason = (body.reason ?? '').normalize('NFC').trim();
  if (reason.length < 10) throw badRequest('Hãy ghi rõ lý do thu hồi công bố (ít nhất 10 ký tự); lý do được lưu vào nhật ký.');
  if (reason.length > 4000) throw badRequest('Lý do dài quá 4.000 ký tự.');
  await db.tx(async (t) => {
    const { cluster: c } = await loadCluster(t, actor, id, { lock: true, version: body.version });
    if (!c.publishedAt) throw conflict('Bảng xếp hạng chưa được công bố.');
    await clusterRepo.setPublished(t, id, null, false);
    await audit(t, by, { action: 'award_cluster.unpublish', entityType: 'award_cluster', entityId: id, before: { publishedAt: c.publishedAt }, after: { reason } });
  });
}

/**
 * Proposes the leader of a published ranking for the given titles (Cờ thi đua, the cluster's Giấy khen), through the
 * nominations service so that eligibility is checked and stored as for any nomination. A tie for first place is
 * not decided here.
 */
export async function proposeLeader(db: Db, actor: Actor, by: AuditActor, id: number, titles: string[], today: string): Promise<{ title: string; nominationId: number }[]> {
  requireOffice(actor);
  const { cluster: c, members } = await loadCluster(db, actor, id);
  if (!c.publishedAt) throw conflict('Bảng xếp hạng chưa được công bố; công bố trước khi đề nghị khen thưởng đơn vị dẫn đầu.');
  const [criteria, scores] = await Promise.all([clusterRepo.criteria(db, [id]), clusterRepo.scores(db, [id])]);
  const first = ranking(members, criteria, scores).filter((x) => x.rank === 1);
  if (first.length !== 1)
    throw conflict(`${first.map((x) => x.unit.name).join(', ')} đồng hạng nhất; Hội đồng thi đua – khen thưởng xem xét, quyết định đơn vị dẫn đầu.`);
  const unique = [...new Set(titles.map((x) => x.trim().toUpperCase()).filter(Boolean))];
  if (!unique.length) throw badRequest('Hãy ghi danh hiệu, hình thức đề nghị (ví dụ CO_TINH, GK_SO).');
  const out: { title: string; nominationId: number }[] = [];
  for (const title of unique) {
    const achievements = `Dẫn đầu ${c.name} năm ${c.year} (xếp thứ nhất/${members.length} đơn vị).`;
    // The ranking is the achievement the Giấy khen's "thành tích được bình xét trong phong trào thi đua" asks for.
    const nominationId = await createNomination(db, actor, by, {
      unit: first[0].unit.code, title, year: c.year, kind: 'annual', achievements, claims: { thanh_tich_phong_trao: achievements },
    }, today);
    out.push({ title, nominationId });
  }
  return out;
}
