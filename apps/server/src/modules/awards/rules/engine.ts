/**
 * The rule engine: which rows of an award type are in force on a date, and whether a subject meets them.
 *
 * - The version of the award type in force on the decision date (or on 31/12 of the award year) applies, with
 *   its criteria that are themselves in force on that date and apply to the subject (individual or collective).
 * - A criterion without alt_group must pass. Criteria sharing an alt_group are alternatives: the group passes when
 *   every row of one of its options passes. Options are tried in sort order; only the chosen option's initiatives
 *   are counted, so an initiative is never spent on a route that was not needed.
 * - A 'flag' row is shown and never blocks.
 *
 * Pure: the facts come in, the answer goes out (evaluators.ts has one evaluator per kind).
 */
import { AWARD_SUBJECT_LABELS, formatDate } from '@nhip/contracts';
import { citeRule } from './basis.js';
import { type EvalContext, runCriterion } from './evaluators.js';
import type { AwardType, AwardVersion, Catalog, Criterion, Eligibility, EligibilityCheck, Facts, LegalBasis, Question } from './types.js';

const inForce = (row: { validFrom: string; validTo: string | null }, date: string) => row.validFrom <= date && (row.validTo === null || date <= row.validTo);

/** The version of the award type in force on the date, or null. */
export function versionOn(t: Pick<AwardType, 'versions'>, date: string): AwardVersion | null {
  return t.versions.find((v) => inForce(v, date)) ?? null;
}

/** The criteria of the version in force on the date that apply to this kind of subject, in sort order. */
export function criteriaOn(v: AwardVersion, date: string, subject: 'individual' | 'collective'): Criterion[] {
  return v.criteria.filter((c) => inForce(c, date) && (c.appliesTo === 'any' || c.appliesTo === subject)).sort((a, b) => a.sort - b.sort || a.id - b.id);
}

/** The year's end: the date whose rows apply when no decision date is known. */
export const yearEnd = (year: number) => `${year}-12-31`;

/** The catalog indexed for evaluation (build once per request or batch), with the rows in force per version, date and subject kept. */
export type RuleBook = {
  types: Map<string, AwardType>;
  bases: Map<number, LegalBasis>;
  /** `${versionId}|${date}|${subject}|${depth > 0}` → the criteria that apply, in order, with their citations. */
  rows: Map<string, { criteria: Criterion[]; cites: Map<number, string> }>;
};
export const ruleBook = (c: Catalog): RuleBook => ({
  types: new Map(c.types.map((t) => [t.code, t])), bases: new Map(c.bases.map((b) => [b.id, b])), rows: new Map(),
});

function rowsOf(book: RuleBook, v: AwardVersion, date: string, subject: 'individual' | 'collective', standardOnly: boolean) {
  const key = `${v.id}|${date}|${subject}|${standardOnly}`;
  let hit = book.rows.get(key);
  if (!hit) {
    let criteria = criteriaOn(v, date, subject);
    if (standardOnly) criteria = criteria.filter((c) => !NOT_STANDARD.has(c.kind));
    hit = { criteria, cites: new Map(criteria.map((c) => [c.id, citeRule(c, book.bases)])) };
    book.rows.set(key, hit);
  }
  return hit;
}

/** Kinds that are not part of a title's standard when another title asks whether it is met. */
const NOT_STANDARD = new Set(['registration', 'provincial_cap', 'not_awarded']);

const synthetic = (rule: string, evidence: string): EligibilityCheck => ({
  rule, passed: false, evidence, basis: '', code: 'rule_in_force', kind: 'rule_in_force', severity: 'block', source: 'law', conditional: false, group: null,
  option: null, initiativeIds: [],
});

export function evaluate(book: RuleBook, facts: Facts, q: Question, depth = 0): Eligibility {
  const base = { date: q.date, versionId: null, initiativeIds: [], conditional: false };
  const type = book.types.get(q.awardCode);
  if (!type) return { ...base, eligible: false, checks: [synthetic('Danh hiệu, hình thức khen thưởng có trong danh mục', `Không có mã "${q.awardCode}" trong danh mục.`)] };
  const subject = facts.subject.kind === 'person' ? 'individual' : 'collective';
  if (type.subject !== 'both' && type.subject !== subject)
    return {
      ...base, eligible: false,
      checks: [synthetic(`"${type.name}" xét tặng cho ${AWARD_SUBJECT_LABELS[type.subject].vi.toLowerCase()}`, `Đối tượng được đề nghị là ${AWARD_SUBJECT_LABELS[subject].vi.toLowerCase()}.`)],
    };
  const version = versionOn(type, q.date);
  if (!version)
    return {
      ...base, eligible: false,
      checks: [synthetic(`Có quy định về "${type.name}" còn hiệu lực`, `Không có quy định nào về "${type.name}" có hiệu lực vào ngày ${formatDate(q.date)}.`)],
    };
  const { criteria, cites } = rowsOf(book, version, q.date, subject, depth > 0);

  const claimed = new Set<number>();
  // One context per evaluation; `claimed` is pointed at the set of the row or option being run.
  const context: EvalContext = {
    nameOf: (code) => book.types.get(code)?.name ?? code,
    claimed,
    standardOf: (code) => {
      if (depth >= 3 || code === q.awardCode) return null;
      const r = evaluate(book, facts, { ...q, awardCode: code }, depth + 1);
      if (r.versionId === null) return null;
      return { passed: r.eligible, conditional: r.conditional, failures: r.checks.filter((c) => !c.passed && c.severity === 'block').map((c) => `${c.rule} (${c.evidence})`) };
    },
  };
  const ctx = (claimedNow: ReadonlySet<number>): EvalContext => {
    context.claimed = claimedNow;
    return context;
  };
  const toCheck = (c: Criterion, o: ReturnType<typeof runCriterion>): EligibilityCheck => ({
    rule: c.label, passed: o.passed, evidence: o.evidence, basis: cites.get(c.id) ?? citeRule(c, book.bases), code: c.code, kind: c.kind, severity: c.severity, source: c.source,
    conditional: o.passed && (o.conditional ?? false), group: c.altGroup, option: c.altOption, initiativeIds: o.initiativeIds ?? [],
  });

  const checks: EligibilityCheck[] = [];
  let eligible = true;
  let conditional = false;
  const initiativeIds: number[] = [];
  const doneGroups = new Set<string>();
  for (const c of criteria) {
    if (c.altGroup === null) {
      const o = runCriterion(c, facts, q, ctx(claimed));
      const check = toCheck(c, o);
      checks.push(check);
      if (c.severity === 'block') {
        if (!o.passed) eligible = false;
        else if (check.conditional) conditional = true;
      }
      if (o.passed) for (const id of check.initiativeIds) (claimed.add(id), initiativeIds.push(id));
      continue;
    }
    if (doneGroups.has(c.altGroup)) continue;
    doneGroups.add(c.altGroup);
    // The whole group, option by option in order of first appearance.
    const rows = criteria.filter((x) => x.altGroup === c.altGroup);
    const options = [...new Set(rows.map((x) => x.altOption as string))];
    let chosen: { checks: EligibilityCheck[] } | null = null;
    const groupChecks: EligibilityCheck[] = [];
    for (const opt of options) {
      const mine = new Set(claimed);
      const optChecks: EligibilityCheck[] = [];
      for (const r of rows.filter((x) => x.altOption === opt)) {
        const o = runCriterion(r, facts, q, ctx(mine));
        const check = toCheck(r, o);
        if (o.passed) for (const id of check.initiativeIds) mine.add(id);
        optChecks.push(check);
      }
      groupChecks.push(...optChecks);
      if (!chosen && optChecks.every((x) => x.passed)) chosen = { checks: optChecks };
    }
    checks.push(...groupChecks);
    const blocking = rows.some((x) => x.severity === 'block');
    if (!chosen) {
      if (blocking) eligible = false;
      continue;
    }
    if (blocking && chosen.checks.some((x) => x.conditional)) conditional = true;
    for (const x of chosen.checks) for (const id of x.initiativeIds) (claimed.add(id), initiativeIds.push(id));
    // Initiatives named by options not chosen are not spent.
    for (const x of groupChecks) if (!chosen.checks.includes(x)) x.initiativeIds = [];
  }
  return { eligible, conditional: eligible && conditional, date: q.date, versionId: version.id, checks, initiativeIds };
}
