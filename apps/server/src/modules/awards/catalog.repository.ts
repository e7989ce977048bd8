/** SQL of the awards catalog: legal bases, award types and their dated versions, criteria, authorities, base salaries. */
import type { Db } from '../../platform/db/index.js';
import type { Authority, AwardType, AwardVersion, BaseSalary, Catalog, Criterion, LegalBasis } from './rules/types.js';

type BasisRow = {
  id: number; code: string; kind: LegalBasis['kind']; number: string; short_name: string; title: string; issuer: string; issued_on: string | null;
  valid_from: string; valid_to: string | null; note: string | null;
};
type TypeRow = { code: string; name: string; category: AwardType['category']; subject: AwardType['subject']; recurrences: AwardType['recurrences']; sort: number; active: boolean };
type VersionRow = {
  id: number; award_code: string; name: string; valid_from: string; valid_to: string | null; basis_id: number | null; article: string | null;
  vote_num: number | null; vote_den: number | null; quorum_num: number | null; quorum_den: number | null; vote_basis_id: number | null; vote_article: string | null;
  vote_source: 'law' | 'setting'; quorum_source: 'law' | 'setting'; reward_individual: number | null; reward_collective: number | null; reward_max: boolean;
  reward_basis_id: number | null; reward_article: string | null; reward_source: 'law' | 'setting'; note: string | null; confirmed_at: Date | string | null;
};
type CriterionRow = {
  id: number; version_id: number; code: string; kind: Criterion['kind']; applies_to: Criterion['appliesTo']; label: string; params: Record<string, unknown>;
  alt_group: string | null; alt_option: string | null; severity: 'block' | 'flag'; basis_id: number | null; article: string | null; quote: string | null;
  source: 'law' | 'setting'; valid_from: string; valid_to: string | null; sort: number; note: string | null; confirmed_at: Date | string | null;
};
type AuthorityRow = {
  id: number; award_code: string; unit_types: string[] | null; level: Authority['level']; authority: string; valid_from: string; valid_to: string | null;
  basis_id: number | null; article: string | null; source: 'law' | 'setting'; note: string | null;
};
type SalaryRow = { id: number; amount: number; valid_from: string; valid_to: string | null; basis_id: number | null; article: string | null; source: 'law' | 'setting'; note: string | null };

const iso = (t: Date | string | null) => (t === null ? null : t instanceof Date ? t.toISOString() : new Date(t).toISOString());
const num = (v: number | string | null) => (v === null ? null : Number(v));

export const toBasis = (r: BasisRow): LegalBasis => ({
  id: r.id, code: r.code, kind: r.kind, number: r.number, shortName: r.short_name, title: r.title, issuer: r.issuer, issuedOn: r.issued_on,
  validFrom: r.valid_from, validTo: r.valid_to, note: r.note,
});

const toCriterion = (r: CriterionRow): Criterion => ({
  id: r.id, versionId: r.version_id, code: r.code, kind: r.kind, appliesTo: r.applies_to, label: r.label, params: r.params ?? {}, altGroup: r.alt_group,
  altOption: r.alt_option, severity: r.severity, basisId: r.basis_id, article: r.article, quote: r.quote, source: r.source, validFrom: r.valid_from,
  validTo: r.valid_to, sort: r.sort, note: r.note, confirmedAt: iso(r.confirmed_at),
});

const toVersion = (r: VersionRow, criteria: Criterion[]): AwardVersion => ({
  id: r.id, awardCode: r.award_code, name: r.name, validFrom: r.valid_from, validTo: r.valid_to, basisId: r.basis_id, article: r.article,
  vote: r.vote_num === null || r.vote_den === null ? null : { num: r.vote_num, den: r.vote_den, basisId: r.vote_basis_id, article: r.vote_article, source: r.vote_source },
  quorum: r.quorum_num === null || r.quorum_den === null ? null : { num: r.quorum_num, den: r.quorum_den, source: r.quorum_source },
  reward: {
    individual: num(r.reward_individual), collective: num(r.reward_collective), max: r.reward_max, basisId: r.reward_basis_id, article: r.reward_article,
    source: r.reward_source,
  },
  note: r.note, confirmedAt: iso(r.confirmed_at), criteria,
});

export const catalogRepo = {
  async load(db: Db): Promise<Catalog> {
    const [bases, types, versions, criteria, authorities, salaries] = await Promise.all([
      db.query<BasisRow>(`SELECT * FROM award_legal_bases ORDER BY valid_from, id`),
      db.query<TypeRow>(`SELECT code, name, category, subject, recurrences, sort, active FROM award_types ORDER BY sort, code`),
      db.query<VersionRow>(`SELECT * FROM award_type_versions ORDER BY award_code, valid_from, id`),
      db.query<CriterionRow>(`SELECT * FROM award_criteria ORDER BY version_id, sort, id`),
      db.query<AuthorityRow>(`SELECT * FROM award_authorities ORDER BY award_code, valid_from, id`),
      db.query<SalaryRow>(`SELECT * FROM award_base_salaries ORDER BY valid_from`),
    ]);
    const byVersion = new Map<number, Criterion[]>();
    for (const c of criteria) byVersion.set(c.version_id, [...(byVersion.get(c.version_id) ?? []), toCriterion(c)]);
    const byCode = new Map<string, AwardVersion[]>();
    for (const v of versions) byCode.set(v.award_code, [...(byCode.get(v.award_code) ?? []), toVersion(v, byVersion.get(v.id) ?? [])]);
    return {
      bases: bases.map(toBasis),
      types: types.map((t) => ({ ...t, recurrences: [...t.recurrences], versions: byCode.get(t.code) ?? [] })),
      authorities: authorities.map((a) => ({
        id: a.id, awardCode: a.award_code, unitTypes: a.unit_types, level: a.level, authority: a.authority, validFrom: a.valid_from, validTo: a.valid_to,
        basisId: a.basis_id, article: a.article, source: a.source, note: a.note,
      })),
      salaries: salaries.map((s): BaseSalary => ({
        id: s.id, amount: Number(s.amount), validFrom: s.valid_from, validTo: s.valid_to, basisId: s.basis_id, article: s.article, source: s.source, note: s.note,
      })),
    };
  },
};

// ───────────── writes ─────────────

export type BasisWrite = {
  code: string; kind: LegalBasis['kind']; number: string; shortName: string; title: string; issuer: string; issuedOn: string | null; validFrom: string;
  validTo: string | null; note: string | null;
};
export type VersionWrite = {
  name: string; validFrom: string; validTo: string | null; basisId: number | null; article: string | null; voteNum: number | null; voteDen: number | null;
  quorumNum: number | null; quorumDen: number | null; voteBasisId: number | null; voteArticle: string | null; voteSource: 'law' | 'setting'; quorumSource: 'law' | 'setting';
  rewardIndividual: number | null; rewardCollective: number | null; rewardMax: boolean; rewardBasisId: number | null; rewardArticle: string | null;
  rewardSource: 'law' | 'setting'; note: string | null;
};
export type CriterionWrite = Omit<Criterion, 'id' | 'versionId' | 'confirmedAt'>;

export const catalogWriteRepo = {
  async insertBasis(db: Db, w: BasisWrite): Promise<number> {
    return (await db.one<{ id: number }>(
      `INSERT INTO award_legal_bases (code, kind, number, short_name, title, issuer, issued_on, valid_from, valid_to, note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
      [w.code, w.kind, w.number, w.shortName, w.title, w.issuer, w.issuedOn, w.validFrom, w.validTo, w.note],
    )).id;
  },
  async updateBasis(db: Db, id: number, w: BasisWrite): Promise<void> {
    await db.query(
      `UPDATE award_legal_bases SET code = $2, kind = $3, number = $4, short_name = $5, title = $6, issuer = $7, issued_on = $8, valid_from = $9, valid_to = $10, note = $11,
              updated_at = now() WHERE id = $1`,
      [id, w.code, w.kind, w.number, w.shortName, w.title, w.issuer, w.issuedOn, w.validFrom, w.validTo, w.note],
    );
  },
  async insertVersion(db: Db, code: string, w: VersionWrite): Promise<number> {
    return (await db.one<{ id: number }>(
      `INSERT INTO award_type_versions (award_code, name, valid_from, valid_to, basis_id, article, vote_num, vote_den, quorum_num, quorum_den, vote_basis_id, vote_article,
         vote_source, quorum_source, reward_individual, reward_collective, reward_max, reward_basis_id, reward_article, reward_source, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21) RETURNING id`,
      [code, w.name, w.validFrom, w.validTo, w.basisId, w.article, w.voteNum, w.voteDen, w.quorumNum, w.quorumDen, w.voteBasisId, w.voteArticle, w.voteSource, w.quorumSource,
        w.rewardIndividual, w.rewardCollective, w.rewardMax, w.rewardBasisId, w.rewardArticle, w.rewardSource, w.note],
    )).id;
  },
  async updateVersion(db: Db, id: number, w: VersionWrite, confirmed: { by: number; at: string } | null): Promise<void> {
    await db.query(
      `UPDATE award_type_versions SET name = $2, valid_from = $3, valid_to = $4, basis_id = $5, article = $6, vote_num = $7, vote_den = $8, quorum_num = $9, quorum_den = $10,
              vote_basis_id = $11, vote_article = $12, vote_source = $13, quorum_source = $14, reward_individual = $15, reward_collective = $16, reward_max = $17,
              reward_basis_id = $18, reward_article = $19, reward_source = $20, note = $21, updated_at = now(),
              confirmed_at = coalesce($23::timestamptz, confirmed_at), confirmed_by = coalesce($22::int, confirmed_by)
        WHERE id = $1`,
      [id, w.name, w.validFrom, w.validTo, w.basisId, w.article, w.voteNum, w.voteDen, w.quorumNum, w.quorumDen, w.voteBasisId, w.voteArticle, w.voteSource, w.quorumSource,
        w.rewardIndividual, w.rewardCollective, w.rewardMax, w.rewardBasisId, w.rewardArticle, w.rewardSource, w.note, confirmed?.by ?? null, confirmed?.at ?? null],
    );
  },
  async insertCriterion(db: Db, versionId: number, c: CriterionWrite): Promise<number> {
    return (await db.one<{ id: number }>(
      `INSERT INTO award_criteria (version_id, code, kind, applies_to, label, params, alt_group, alt_option, severity, basis_id, article, quote, source, valid_from, valid_to, sort, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id`,
      [versionId, c.code, c.kind, c.appliesTo, c.label, JSON.stringify(c.params), c.altGroup, c.altOption, c.severity, c.basisId, c.article, c.quote, c.source, c.validFrom,
        c.validTo, c.sort, c.note],
    )).id;
  },
  async updateCriterion(db: Db, id: number, c: CriterionWrite, confirmed: { by: number; at: string } | null): Promise<void> {
    await db.query(
      `UPDATE award_criteria SET code = $2, kind = $3, applies_to = $4, label = $5, params = $6, alt_group = $7, alt_option = $8, severity = $9, basis_id = $10, article = $11,
              quote = $12, source = $13, valid_from = $14, valid_to = $15, sort = $16, note = $17, updated_at = now(),
              confirmed_at = coalesce($19::timestamptz, confirmed_at), confirmed_by = coalesce($18::int, confirmed_by)
        WHERE id = $1`,
      [id, c.code, c.kind, c.appliesTo, c.label, JSON.stringify(c.params), c.altGroup, c.altOption, c.severity, c.basisId, c.article, c.quote, c.source, c.validFrom, c.validTo,
        c.sort, c.note, confirmed?.by ?? null, confirmed?.at ?? null],
    );
  },
  async closeVersion(db: Db, id: number, validTo: string): Promise<void> {
    await db.query(`UPDATE award_type_versions SET valid_to = $2, updated_at = now() WHERE id = $1`, [id, validTo]);
    await db.query(`UPDATE award_criteria SET valid_to = $2, updated_at = now() WHERE version_id = $1 AND (valid_to IS NULL OR valid_to > $2) AND valid_from <= $2`, [id, validTo]);
  },
  async insertSalary(db: Db, s: Omit<BaseSalary, 'id'>): Promise<number> {
    await db.query(`UPDATE award_base_salaries SET valid_to = ($1::date - 1) WHERE valid_to IS NULL AND valid_from < $1`, [s.validFrom]);
    return (await db.one<{ id: number }>(
      `INSERT INTO award_base_salaries (amount, valid_from, valid_to, basis_id, article, source, note) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [s.amount, s.validFrom, s.validTo, s.basisId, s.article, s.source, s.note],
    )).id;
  },
  async lockCatalog(db: Db): Promise<void> {
    // One editor of the rules at a time: versions and criteria are checked against each other.
    await db.query(`SELECT code FROM award_types ORDER BY code FOR UPDATE`);
  },
};
