/** Eligibility answers and nominations as the API shows them. */
import type { z } from 'zod';
import { presentInitiative } from './awards.presenter.js';
import type { SubjectUnit } from './awards.repository.js';
import type { EligibilityOut, NominationOut, SubjectOut } from './awards.schema.js';
import type { NominationView } from './nominations.service.js';
import type { AwardType, Eligibility } from './rules/types.js';
import type { Subject } from './subjects.js';

const unitRef = (u: SubjectUnit | null) => (u ? { id: u.id, code: u.code, name: u.name } : null);

export const presentSubject = (s: Subject): z.infer<typeof SubjectOut> => ({
  kind: s.kind, personId: s.kind === 'person' ? s.personId : null, unit: unitRef(s.unit), name: s.kind === 'person' ? s.fullName : s.unit.name,
});

export function presentEligibility(e: Eligibility, type: AwardType, subject: Subject): z.infer<typeof EligibilityOut> {
  const v = type.versions.find((x) => x.id === e.versionId) ?? null;
  return {
    eligible: e.eligible,
    conditional: e.conditional,
    date: e.date,
    title: { code: type.code, name: v?.name ?? type.name },
    subject: presentSubject(subject),
    version: v ? { id: v.id, name: v.name, validFrom: v.validFrom, validTo: v.validTo } : null,
    checks: e.checks,
  };
}

export type Names = { people: Map<number, string>; units: Map<number, SubjectUnit>; types: Map<string, string> };

export function presentNomination(n: NominationView, names: Names): z.infer<typeof NominationOut> {
  const unit = n.unitId !== null ? (names.units.get(n.unitId) ?? null) : n.subjectUnitId !== null ? (names.units.get(n.subjectUnitId) ?? null) : null;
  const proposing = names.units.get(n.proposingUnitId);
  return {
    id: n.id,
    subject: {
      kind: n.personId !== null ? 'person' : 'unit', personId: n.personId, unit: unitRef(unit),
      name: n.personId !== null ? (names.people.get(n.personId) ?? '') : (unit?.name ?? ''),
    },
    title: { code: n.awardCode, name: names.types.get(n.awardCode) ?? n.awardCode },
    year: n.year,
    kind: n.kind,
    proposingUnit: { id: n.proposingUnitId, code: proposing?.code ?? '', name: proposing?.name ?? '' },
    status: n.status,
    statusReason: n.statusReason,
    achievements: n.achievements,
    claims: n.claims,
    eligible: n.eligible,
    conditional: n.eligibility.conditional ?? false,
    evaluatedAt: n.evaluatedAt,
    date: n.eligibility.date ?? null,
    checks: n.eligibility.checks ?? [],
    registered: n.registered,
    override: n.overrideReason && n.overrideAt ? { reason: n.overrideReason, by: n.overrideBy, at: n.overrideAt } : null,
    initiatives: n.initiatives.map(presentInitiative),
    version: n.version,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    abilities: n.abilities,
  };
}
