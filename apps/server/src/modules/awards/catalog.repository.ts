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
