/**
 * The awards catalog: reading it, and (admin and office) editing its rows, every change audited. A provincial
 * regulation is a new legal basis plus criteria rows with their dates; a change of law is a new version of the
 * award type from a date (the previous one ends the day before, its criteria are carried over).
 */
import { type Actor, canDo, CRITERION_KINDS, type CriterionKind, formatDate } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { type BasisWrite, catalogRepo, catalogWriteRepo, type CriterionWrite, type VersionWrite } from './catalog.repository.js';
import { paramsProblem } from './rules/evaluators.js';
import type { AwardType, AwardVersion, Catalog, Criterion, LegalBasis } from './rules/types.js';

/** The whole catalog (tens of rows). */
export const loadCatalog = (db: Db): Promise<Catalog> => catalogRepo.load(db);

/** One award type, or 404. */
export function typeOf(catalog: Catalog, code: string): AwardType {
  const t = catalog.types.find((x) => x.code === code.trim().toUpperCase());
  if (!t) throw notFound(`Không có danh hiệu, hình thức khen thưởng mã "${code.trim()}".`);
  return t;
}

const manager = (a: Actor) => {
  if (!canDo(a, 'awards.manage')) throw forbidden();
};
const text = (s: string | null | undefined, max: number, what: string, required = false): string | null => {
  const t = (s ?? '').normalize('NFC').trim();
  if (required && !t) throw badRequest(`${what} không được để trống.`);
  if (t.length > max) throw badRequest(`${what} dài quá ${max} ký tự.`);
  return t || null;
};
const day = (iso: string, delta: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
};
const span = (from: string, to: string | null) => `${formatDate(from)} – ${to ? formatDate(to) : 'nay'}`;
function datesProblem(from: string, to: string | null, what: string): void {
  if (to !== null && to < from) throw badRequest(`${what}: ngày hết hiệu lực (${formatDate(to)}) trước ngày có hiệu lực (${formatDate(from)}).`);
}

// ───────────── legal bases ─────────────

const SHORT: Record<LegalBasis['kind'], string> = { law: '', decree: 'Nghị định', circular: 'Thông tư', decision: 'Quyết định', provincial: 'Quyết định' };

export type BasisInput = {
  code: string; kind: LegalBasis['kind']; number: string; shortName?: string | null; title?: string | null; issuer?: string | null; issuedOn?: string | null;
  validFrom: string; validTo?: string | null; note?: string | null;
};

function cleanBasis(i: BasisInput): BasisWrite {
  const code = i.code.trim().toUpperCase();
  if (!/^[A-Z0-9_]{2,40}$/.test(code)) throw badRequest('Mã văn bản gồm 2–40 chữ in hoa không dấu, chữ số hoặc dấu gạch dưới, ví dụ QD_86_2025_UBND.');
  const shortName = text(i.shortName, 200, 'Tên gọi khi trích dẫn') ?? SHORT[i.kind];
  if (!shortName) throw badRequest('Luật cần ghi tên gọi khi trích dẫn (shortName), ví dụ "Luật Thi đua, khen thưởng".');
  const w = {
    code, kind: i.kind, number: text(i.number, 100, 'Số, ký hiệu văn bản', true)!, shortName, title: text(i.title, 500, 'Trích yếu') ?? '', issuer: text(i.issuer, 200, 'Cơ quan ban hành') ?? '',
    issuedOn: i.issuedOn ?? null, validFrom: i.validFrom, validTo: i.validTo ?? null, note: text(i.note, 2000, 'Ghi chú'),
  };
  datesProblem(w.validFrom, w.validTo, `Văn bản ${w.number}`);
  if (w.issuedOn && w.issuedOn > w.validFrom) throw badRequest(`Văn bản ${w.number}: ngày có hiệu lực không được trước ngày ban hành.`);
  return w;
}

/** Adds a legal basis (a provincial regulation, a new decree …). */
export async function createBasis(db: Db, actor: Actor, by: AuditActor, input: BasisInput): Promise<number> {
  manager(actor);
  const w = cleanBasis(input);
  return db.tx(async (t) => {
    if ((await loadCatalog(t)).bases.some((b) => b.code === w.code)) throw conflict(`Đã có văn bản mã "${w.code}".`);
    const id = await catalogWriteRepo.insertBasis(t, w);
    await audit(t, by, { action: 'award_basis.create', entityType: 'award_basis', entityId: id, after: w });
    return id;
  });
}

export async function updateBasis(db: Db, actor: Actor, by: AuditActor, id: number, patch: Partial<BasisInput>): Promise<void> {
  manager(actor);
  await db.tx(async (t) => {
    await catalogWriteRepo.lockCatalog(t);
    const cur = (await loadCatalog(t)).bases.find((b) => b.id === id);
    if (!cur) throw notFound('Không tìm thấy văn bản.');
    const w = cleanBasis({ ...cur, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as BasisInput);
    if (w.code !== cur.code && (await loadCatalog(t)).bases.some((b) => b.code === w.code)) throw conflict(`Đã có văn bản mã "${w.code}".`);
    await catalogWriteRepo.updateBasis(t, id, w);
    await audit(t, by, { action: 'award_basis.update', entityType: 'award_basis', entityId: id, before: cur, after: w });
  });
}

// ───────────── versions ─────────────

const versionWrite = (v: AwardVersion): VersionWrite => ({
  name: v.name, validFrom: v.validFrom, validTo: v.validTo, basisId: v.basisId, article: v.article, voteNum: v.vote?.num ?? null, voteDen: v.vote?.den ?? null,
  quorumNum: v.quorum?.num ?? null, quorumDen: v.quorum?.den ?? null, voteBasisId: v.vote?.basisId ?? null, voteArticle: v.vote?.article ?? null,
  voteSource: v.vote?.source ?? 'law', quorumSource: v.quorum?.source ?? 'setting', rewardIndividual: v.reward.individual, rewardCollective: v.reward.collective,
  rewardMax: v.reward.max, rewardBasisId: v.reward.basisId, rewardArticle: v.reward.article, rewardSource: v.reward.source, note: v.note,
});

export type Fraction = { num: number; den: number };
export type VersionPatch = {
  name?: string; validTo?: string | null; basisId?: number | null; article?: string | null;
  vote?: (Fraction & { basisId?: number | null; article?: string | null; source?: 'law' | 'setting' }) | null;
  quorum?: (Fraction & { source?: 'law' | 'setting' }) | null;
  reward?: { individual?: number | null; collective?: number | null; max?: boolean; basisId?: number | null; article?: string | null; source?: 'law' | 'setting' };
  note?: string | null;
  /** The department confirms this row's settings. */
  confirm?: boolean;
};

function checkBasisIds(c: Catalog, ids: (number | null | undefined)[]) {
  for (const id of ids) if (id != null && !c.bases.some((b) => b.id === id)) throw badRequest(`Không có văn bản căn cứ mã số ${id}.`);
}

function applyVersionPatch(w: VersionWrite, p: VersionPatch): VersionWrite {
  const out = { ...w };
  if (p.name !== undefined) out.name = text(p.name, 300, 'Tên danh hiệu', true)!;
  if (p.validTo !== undefined) out.validTo = p.validTo;
  if (p.basisId !== undefined) out.basisId = p.basisId;
  if (p.article !== undefined) out.article = text(p.article, 200, 'Điều khoản');
  if (p.vote !== undefined) {
    if (p.vote === null) Object.assign(out, { voteNum: null, voteDen: null, voteBasisId: null, voteArticle: null });
    else {
      if (p.vote.num > p.vote.den) throw badRequest('Ngưỡng bỏ phiếu không được quá 100% tổng số thành viên.');
      Object.assign(out, {
        voteNum: p.vote.num, voteDen: p.vote.den, voteBasisId: p.vote.basisId !== undefined ? p.vote.basisId : out.voteBasisId,
        voteArticle: p.vote.article !== undefined ? text(p.vote.article, 200, 'Điều khoản') : out.voteArticle, voteSource: p.vote.source ?? out.voteSource,
      });
    }
  }
  if (p.quorum !== undefined) {
    if (p.quorum === null) Object.assign(out, { quorumNum: null, quorumDen: null });
    else {
      if (p.quorum.num > p.quorum.den) throw badRequest('Túc số không được quá 100% tổng số thành viên.');
      Object.assign(out, { quorumNum: p.quorum.num, quorumDen: p.quorum.den, quorumSource: p.quorum.source ?? out.quorumSource });
    }
  }
  if (p.reward) {
    const r = p.reward;
    if (r.individual !== undefined) out.rewardIndividual = r.individual;
    if (r.collective !== undefined) out.rewardCollective = r.collective;
    if (r.max !== undefined) out.rewardMax = r.max;
    if (r.basisId !== undefined) out.rewardBasisId = r.basisId;
    if (r.article !== undefined) out.rewardArticle = text(r.article, 200, 'Điều khoản');
    if (r.source !== undefined) out.rewardSource = r.source;
  }
  if (p.note !== undefined) out.note = text(p.note, 2000, 'Ghi chú');
  return out;
}

/** Versions of one code never overlap. */
function overlapProblem(t: AwardType, selfId: number | null, from: string, to: string | null): string | null {
  for (const v of t.versions) {
    if (v.id === selfId) continue;
    if (from <= (v.validTo ?? '9999-12-31') && (to ?? '9999-12-31') >= v.validFrom)
      return `Thời gian ${span(from, to)} trùng với quy định "${v.name}" (${span(v.validFrom, v.validTo)}).`;
  }
  return null;
}

export async function updateVersion(db: Db, actor: Actor, by: AuditActor, id: number, patch: VersionPatch, now: Date): Promise<void> {
  manager(actor);
  await db.tx(async (t) => {
    await catalogWriteRepo.lockCatalog(t);
    const c = await loadCatalog(t);
    const type = c.types.find((x) => x.versions.some((v) => v.id === id));
    const v = type?.versions.find((x) => x.id === id);
    if (!type || !v) throw notFound('Không tìm thấy quy định (phiên bản) này.');
    const before = versionWrite(v);
    const w = applyVersionPatch(before, patch);
    checkBasisIds(c, [w.basisId, w.voteBasisId, w.rewardBasisId]);
    datesProblem(w.validFrom, w.validTo, `"${w.name}"`);
    const overlap = overlapProblem(type, id, w.validFrom, w.validTo);
    if (overlap) throw conflict(overlap);
    const outside = v.criteria.find((x) => w.validTo !== null && x.validFrom > w.validTo);
    if (outside) throw conflict(`Tiêu chí "${outside.label}" có hiệu lực từ ${formatDate(outside.validFrom)}, sau ngày kết thúc mới; hãy sửa tiêu chí trước.`);
    await catalogWriteRepo.updateVersion(t, id, w, patch.confirm ? { by: actor.id, at: now.toISOString() } : null);
    if (w.validTo !== null && (before.validTo === null || w.validTo < before.validTo)) await catalogWriteRepo.closeVersion(t, id, w.validTo);
    await audit(t, by, { action: 'award_version.update', entityType: 'award_version', entityId: id, before, after: { ...w, confirmed: patch.confirm ?? false } });
  });
}

export type NewVersionInput = VersionPatch & { validFrom: string };

/**
 * A new period of an award type from `validFrom` (a new decree, a provincial regulation replacing the rules): the
 * version in force the day before ends then, and its criteria are carried over to the new one, which the admin edits.
 */
export async function createVersion(db: Db, actor: Actor, by: AuditActor, code: string, input: NewVersionInput): Promise<number> {
  manager(actor);
  return db.tx(async (t) => {
    await catalogWriteRepo.lockCatalog(t);
    const c = await loadCatalog(t);
    const type = typeOf(c, code);
    const prev = type.versions.find((v) => v.validFrom < input.validFrom && (v.validTo === null || v.validTo >= input.validFrom)) ?? null;
    const later = type.versions.find((v) => v.validFrom >= input.validFrom);
    if (later) throw conflict(`Đã có quy định "${later.name}" từ ${formatDate(later.validFrom)}; hãy sửa quy định đó thay vì thêm mới.`);
    const base: VersionWrite = prev
      ? { ...versionWrite(prev), validFrom: input.validFrom, validTo: null }
      : {
        name: type.name, validFrom: input.validFrom, validTo: null, basisId: null, article: null, voteNum: null, voteDen: null, quorumNum: null, quorumDen: null,
        voteBasisId: null, voteArticle: null, voteSource: 'law', quorumSource: 'setting', rewardIndividual: null, rewardCollective: null, rewardMax: false,
        rewardBasisId: null, rewardArticle: null, rewardSource: 'law', note: null,
      };
    const w = applyVersionPatch(base, input);
    checkBasisIds(c, [w.basisId, w.voteBasisId, w.rewardBasisId]);
    datesProblem(w.validFrom, w.validTo, `"${w.name}"`);
    if (prev) await catalogWriteRepo.closeVersion(t, prev.id, day(input.validFrom, -1));
    const id = await catalogWriteRepo.insertVersion(t, type.code, w);
    if (prev)
      for (const cr of prev.criteria.filter((x) => x.validTo === null || x.validTo >= input.validFrom))
        await catalogWriteRepo.insertCriterion(t, id, { ...cr, validFrom: input.validFrom < cr.validFrom ? cr.validFrom : input.validFrom, validTo: cr.validTo && w.validTo && cr.validTo > w.validTo ? w.validTo : cr.validTo });
    await audit(t, by, {
      action: 'award_version.create', entityType: 'award_version', entityId: id, before: prev ? { id: prev.id, validTo: prev.validTo } : null,
      after: { awardCode: type.code, ...w, previousEnds: prev ? day(input.validFrom, -1) : null, criteriaCarried: prev?.criteria.length ?? 0 },
    });
    return id;
  });
}

// ───────────── criteria ─────────────

export type CriterionInput = {
  code: string; kind: CriterionKind; appliesTo?: Criterion['appliesTo']; label: string; params?: Record<string, unknown>; altGroup?: string | null; altOption?: string | null;
  severity?: 'block' | 'flag'; basisId?: number | null; article?: string | null; quote?: string | null; source?: 'law' | 'setting'; validFrom?: string; validTo?: string | null;
  sort?: number; note?: string | null;
};

function cleanCriterion(c: Catalog, v: AwardVersion, i: CriterionInput, cur: Criterion | null): CriterionWrite {
  const code = i.code.trim();
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(code)) throw badRequest('Mã tiêu chí gồm chữ thường không dấu, chữ số, dấu gạch dưới (tối đa 40 ký tự), bắt đầu bằng chữ.');
  if (!CRITERION_KINDS.includes(i.kind)) throw badRequest(`Loại tiêu chí là một trong: ${CRITERION_KINDS.join(', ')}.`);
  const params = i.params ?? {};
  const problem = paramsProblem(i.kind, params);
  if (problem) throw badRequest(`Tham số của tiêu chí không hợp lệ: ${problem}.`);
  if (i.kind === 'meets_standard' && typeof params.code === 'string' && !c.types.some((t) => t.code === params.code))
    throw badRequest(`Không có danh hiệu mã "${params.code}" để đối chiếu tiêu chuẩn.`);
  for (const k of ['codes'] as const)
    if (Array.isArray(params[k])) for (const x of params[k] as string[]) if (!c.types.some((t) => t.code === x)) throw badRequest(`Không có danh hiệu mã "${x}".`);
  if ((i.altGroup ?? null) === null !== ((i.altOption ?? null) === null)) throw badRequest('Nhóm lựa chọn (altGroup) và phương án (altOption) phải ghi cùng nhau.');
  checkBasisIds(c, [i.basisId]);
  const source = i.source ?? 'law';
  if (source === 'law' && (i.basisId ?? null) === null) throw badRequest('Tiêu chí theo quy định pháp luật cần ghi văn bản căn cứ (basisId); nếu là thiết lập của Sở, ghi source là setting.');
  const w: CriterionWrite = {
    code, kind: i.kind, appliesTo: i.appliesTo ?? 'any', label: text(i.label, 500, 'Nội dung tiêu chí', true)!, params, altGroup: i.altGroup ?? null, altOption: i.altOption ?? null,
    severity: i.severity ?? 'block', basisId: i.basisId ?? null, article: text(i.article, 200, 'Điều khoản'), quote: text(i.quote, 2000, 'Trích dẫn'), source,
    validFrom: i.validFrom ?? v.validFrom, validTo: i.validTo !== undefined ? i.validTo : v.validTo, sort: i.sort ?? cur?.sort ?? (Math.max(0, ...v.criteria.map((x) => x.sort)) + 10),
    note: text(i.note, 2000, 'Ghi chú'),
  };
  datesProblem(w.validFrom, w.validTo, `Tiêu chí "${w.label}"`);
  if (w.validFrom < v.validFrom || (v.validTo !== null && (w.validTo === null || w.validTo > v.validTo)))
    throw badRequest(`Tiêu chí phải có hiệu lực trong thời gian của quy định "${v.name}" (${span(v.validFrom, v.validTo)}).`);
  const clash = v.criteria.find((x) => x.id !== cur?.id && x.code === w.code && x.validFrom === w.validFrom);
  if (clash) throw conflict(`Quy định "${v.name}" đã có tiêu chí mã "${w.code}" từ ${formatDate(w.validFrom)}.`);
  return w;
}

/** Adds a criterion row to a version (e.g. a provincial regulation's extra criterion, from its date). */
export async function createCriterion(db: Db, actor: Actor, by: AuditActor, versionId: number, input: CriterionInput): Promise<number> {
  manager(actor);
  return db.tx(async (t) => {
    await catalogWriteRepo.lockCatalog(t);
    const c = await loadCatalog(t);
    const v = c.types.flatMap((x) => x.versions).find((x) => x.id === versionId);
    if (!v) throw notFound('Không tìm thấy quy định (phiên bản) này.');
    const w = cleanCriterion(c, v, input, null);
    const id = await catalogWriteRepo.insertCriterion(t, versionId, w);
    await audit(t, by, { action: 'award_criterion.create', entityType: 'award_criterion', entityId: id, after: { versionId, awardCode: v.awardCode, ...w } });
    return id;
  });
}

export async function updateCriterion(db: Db, actor: Actor, by: AuditActor, id: number, patch: Partial<CriterionInput> & { confirm?: boolean }, now: Date): Promise<void> {
  manager(actor);
  await db.tx(async (t) => {
    await catalogWriteRepo.lockCatalog(t);
    const c = await loadCatalog(t);
    const v = c.types.flatMap((x) => x.versions).find((x) => x.criteria.some((k) => k.id === id));
    const cur = v?.criteria.find((k) => k.id === id);
    if (!v || !cur) throw notFound('Không tìm thấy tiêu chí.');
    const { confirm, ...rest } = patch;
    const merged = { ...cur, ...Object.fromEntries(Object.entries(rest).filter(([, x]) => x !== undefined)) } as CriterionInput;
    const w = cleanCriterion(c, v, merged, cur);
    await catalogWriteRepo.updateCriterion(t, id, w, confirm ? { by: actor.id, at: now.toISOString() } : null);
    const { id: _i, versionId: _v, confirmedAt: _c, ...before } = cur;
    await audit(t, by, { action: 'award_criterion.update', entityType: 'award_criterion', entityId: id, before, after: { ...w, confirmed: confirm ?? false } });
  });
}

// ───────────── base salary ─────────────

export type SalaryInput = { amount: number; validFrom: string; basisId?: number | null; article?: string | null; source?: 'law' | 'setting'; note?: string | null };

/** A new base salary from a date; the one in force until then ends the day before. */
export async function createSalary(db: Db, actor: Actor, by: AuditActor, input: SalaryInput): Promise<number> {
  manager(actor);
  return db.tx(async (t) => {
    await catalogWriteRepo.lockCatalog(t);
    const c = await loadCatalog(t);
    checkBasisIds(c, [input.basisId]);
    if (c.salaries.some((s) => s.validFrom >= input.validFrom)) throw conflict(`Đã có mức lương cơ sở từ ngày ${formatDate(input.validFrom)} trở về sau; hãy sửa mức đó.`);
    const w = {
      amount: input.amount, validFrom: input.validFrom, validTo: null, basisId: input.basisId ?? null, article: text(input.article, 200, 'Điều khoản'),
      source: input.source ?? (input.basisId ? 'law' : 'setting'), note: text(input.note, 2000, 'Ghi chú'),
    } as const;
    const id = await catalogWriteRepo.insertSalary(t, w);
    await audit(t, by, { action: 'award_salary.create', entityType: 'award_salary', entityId: id, after: w });
    return id;
  });
}
