/**
 * Eligibility: the rule engine run on facts from the database. One subject (the API, a nomination) or many at once
 * (a whole unit, the benchmark): the facts are loaded in bulk, then every question is answered in memory.
 */
import type { Db } from '../../platform/db/index.js';
import { loadCatalog } from './catalog.service.js';
import { factsRepo } from './facts.repository.js';
import { evaluate, type RuleBook, ruleBook, versionOn, yearEnd } from './rules/engine.js';
import type { Catalog, Eligibility, Facts } from './rules/types.js';

export type EligibilityQuestion = {
  awardCode: string;
  year: number;
  /** The decision date; 31/12 of the year by default. */
  date?: string;
  nominationId?: number | null;
  claims?: Record<string, string>;
  /** Only these initiatives may be counted (a nomination that names its initiatives). */
  initiativeIds?: number[] | null;
};

/** Does any criterion in force on the date cap the number of awards (then the loader counts titles per unit)? */
function needsCounts(book: RuleBook, codes: string[], date: string): boolean {
  return codes.some((code) => {
    const t = book.types.get(code);
    const v = t ? versionOn(t, date) : null;
    return v?.criteria.some((c) => c.kind === 'provincial_cap') ?? false;
  });
}

const restrict = (facts: Facts, ids: number[] | null | undefined): Facts =>
  ids ? { ...facts, initiatives: facts.initiatives.filter((i) => ids.includes(i.id)) } : facts;

export async function personEligibility(db: Db, personId: number, q: EligibilityQuestion, catalog?: Catalog): Promise<Eligibility> {
  const book = ruleBook(catalog ?? (await loadCatalog(db)));
  const date = q.date ?? yearEnd(q.year);
  const facts = (await factsRepo.people(db, [personId], { year: q.year, date, nominationId: q.nominationId, counts: needsCounts(book, [q.awardCode], date) })).get(personId);
  if (!facts) throw new Error(`person ${personId} vanished`);
  return evaluate(book, restrict(facts, q.initiativeIds), { awardCode: q.awardCode, year: q.year, date, nominationId: q.nominationId, claims: q.claims });
}

export async function unitEligibility(db: Db, unitId: number, q: EligibilityQuestion, catalog?: Catalog): Promise<Eligibility> {
  const book = ruleBook(catalog ?? (await loadCatalog(db)));
  const date = q.date ?? yearEnd(q.year);
  const facts = (await factsRepo.units(db, [unitId], { year: q.year, date, nominationId: q.nominationId, counts: needsCounts(book, [q.awardCode], date) })).get(unitId);
  if (!facts) throw new Error(`unit ${unitId} vanished`);
  return evaluate(book, facts, { awardCode: q.awardCode, year: q.year, date, nominationId: q.nominationId, claims: q.claims });
}

/** Every (person, code) pair for a year, for many people at once: the facts in a few queries, the rules in memory. */
export async function bulkPersonEligibility(
  db: Db, personIds: number[], codes: string[], year: number, catalog?: Catalog,
): Promise<Map<number, Map<string, Eligibility>>> {
  const book = ruleBook(catalog ?? (await loadCatalog(db)));
  const date = yearEnd(year);
  const facts = await factsRepo.people(db, personIds, { year, date, counts: needsCounts(book, codes, date) });
  const out = new Map<number, Map<string, Eligibility>>();
  for (const [id, f] of facts) {
    const m = new Map<string, Eligibility>();
    for (const code of codes) m.set(code, evaluate(book, f, { awardCode: code, year, date }));
    out.set(id, m);
  }
  return out;
}

export { ruleBook };
