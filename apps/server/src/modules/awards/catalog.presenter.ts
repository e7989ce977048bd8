/** The catalog as the API shows it: every row with its citation, the version in force marked. */
import type { z } from 'zod';
import type { AuthorityOut, AwardTypeOut, BasisOut, CriterionOut, SalaryOut, VersionOut } from './awards.schema.js';
import { basisLine, citeRule } from './rules/basis.js';
import type { Authority, AwardType, AwardVersion, BaseSalary, Catalog, Criterion, LegalBasis } from './rules/types.js';
import { versionOn } from './rules/engine.js';

type Bases = ReadonlyMap<number, LegalBasis>;

export const presentBasis = (b: LegalBasis): z.infer<typeof BasisOut> => ({
  id: b.id, code: b.code, kind: b.kind, number: b.number, shortName: b.shortName, title: b.title, issuer: b.issuer, issuedOn: b.issuedOn,
  validFrom: b.validFrom, validTo: b.validTo, note: b.note, line: basisLine(b),
});

export const presentCriterion = (c: Criterion, bases: Bases): z.infer<typeof CriterionOut> => ({
  id: c.id, code: c.code, kind: c.kind, appliesTo: c.appliesTo, label: c.label, params: c.params, altGroup: c.altGroup, altOption: c.altOption,
  severity: c.severity, basisId: c.basisId, article: c.article, quote: c.quote, source: c.source, basis: citeRule(c, bases), validFrom: c.validFrom,
  validTo: c.validTo, sort: c.sort, note: c.note, confirmedAt: c.confirmedAt,
});

export const presentVersion = (v: AwardVersion, bases: Bases): z.infer<typeof VersionOut> => ({
  id: v.id, name: v.name, validFrom: v.validFrom, validTo: v.validTo, basisId: v.basisId, article: v.article,
  basis: citeRule({ basisId: v.basisId, article: v.article, source: 'law' }, bases),
  vote: v.vote ? { ...v.vote, basis: citeRule({ ...v.vote, confirmedAt: v.confirmedAt }, bases) } : null,
  quorum: v.quorum,
  reward: { ...v.reward, basis: citeRule({ ...v.reward, confirmedAt: v.confirmedAt }, bases) },
  note: v.note, confirmedAt: v.confirmedAt,
  criteria: v.criteria.map((c) => presentCriterion(c, bases)),
});

export const presentAuthority = (a: Authority, bases: Bases): z.infer<typeof AuthorityOut> => ({
  id: a.id, unitTypes: a.unitTypes, level: a.level, authority: a.authority, validFrom: a.validFrom, validTo: a.validTo, basis: citeRule(a, bases),
  source: a.source, note: a.note,
});

export const presentSalary = (s: BaseSalary, bases: Bases): z.infer<typeof SalaryOut> => ({
  id: s.id, amount: s.amount, validFrom: s.validFrom, validTo: s.validTo, basis: citeRule(s, bases), source: s.source, note: s.note,
});

export function presentType(t: AwardType, catalog: Catalog, date: string): z.infer<typeof AwardTypeOut> {
  const bases = basesById(catalog);
  return {
    code: t.code, name: t.name, category: t.category, subject: t.subject, recurrences: t.recurrences, sort: t.sort, active: t.active,
    current: versionOn(t, date)?.id ?? null,
    versions: t.versions.map((v) => presentVersion(v, bases)),
    authorities: catalog.authorities.filter((a) => a.awardCode === t.code).map((a) => presentAuthority(a, bases)),
  };
}

export const basesById = (c: Catalog): Map<number, LegalBasis> => new Map(c.bases.map((b) => [b.id, b]));
