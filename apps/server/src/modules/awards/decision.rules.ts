/**
 * The pure rules of a decision: the reward in money, who awards a title to whom on a date, which legal bases a
 * decision cites on its date, and the council's vote and quorum in whole numbers. No database, no clock.
 *
 * - Reward (Decree 152/2025, Article 49 k1–2): the multiple × the base salary in force on the decision date,
 *   rounded UP to the next 10.000 đ. Computed in integers: the multiple has two decimals (numeric(6,2)).
 * - Authority: the rows of the award in force on the date; a row naming the subject's unit type wins over a row
 *   for any unit (Decree 129/2025: from 01/07/2025 the commune chair awards what the district chair did).
 * - Vote: passes when votes for × den ≥ num × ALL members (not members present); quorum: present × den ≥ num × members.
 */
import { formatNumber } from '@nhip/contracts';
import type { Authority, AwardType, AwardVersion, BaseSalary, Catalog, LegalBasis } from './rules/types.js';
import { basisInForce } from './rules/basis.js';
import { versionOn } from './rules/engine.js';

export const inForce = (row: { validFrom: string; validTo: string | null }, date: string) => row.validFrom <= date && (row.validTo === null || date <= row.validTo);

/** The base salary in force on the date, or null. */
export const baseSalaryOn = (salaries: readonly BaseSalary[], date: string): BaseSalary | null => salaries.find((s) => inForce(s, date)) ?? null;

/** multiple × base, rounded up to 10.000 đ (integers only: 0,3 × 2.340.000 = 702.000 → 710.000). */
export function rewardAmount(multiple: number, base: number): number {
  const hundredths = Math.round(multiple * 100);
  if (!Number.isFinite(hundredths) || hundredths < 0 || !Number.isInteger(base) || base <= 0) throw new RangeError('Hệ số hoặc mức lương cơ sở không hợp lệ');
  // hundredths × base / 100 đ, in units of 10.000 đ: ceil(hundredths × base / 1.000.000).
  return Math.ceil((hundredths * base) / 1_000_000) * 10_000;
}

/** The multiple of the base salary for a subject under a version (null: the version pays nothing to this kind). */
export function rewardMultiple(v: AwardVersion, subject: 'person' | 'unit'): number | null {
  return subject === 'person' ? v.reward.individual : v.reward.collective;
}

/** Who awards `code` to a subject of unit type `unitType` on the date: the most specific row in force. */
export function authorityFor(authorities: readonly Authority[], code: string, unitType: string | null, date: string): Authority | null {
  const rows = authorities.filter((a) => a.awardCode === code && inForce(a, date));
  const specific = rows.find((a) => a.unitTypes !== null && unitType !== null && a.unitTypes.includes(unitType));
  return specific ?? rows.find((a) => a.unitTypes === null) ?? null;
}

/**
 * The legal bases a decision on these titles cites by default on the date, in citation order (laws, then decrees,
 * circulars, decisions, provincial rules): the bases of the versions in force, of their vote and of their reward,
 * each only if itself in force that day.
 */
export function defaultBases(catalog: Pick<Catalog, 'types' | 'bases'>, codes: readonly string[], date: string): LegalBasis[] {
  const ids = new Set<number>();
  for (const code of codes) {
    const t = catalog.types.find((x) => x.code === code);
    const v = t ? versionOn(t, date) : null;
    if (!v) continue;
    for (const id of [v.basisId, v.vote?.basisId ?? null, v.reward.basisId]) if (id !== null) ids.add(id);
  }
  return sortBases(catalog.bases.filter((b) => ids.has(b.id) && basisInForce(b, date)));
}

const KIND_ORDER: Record<LegalBasis['kind'], number> = { law: 0, decree: 1, circular: 2, decision: 3, provincial: 4 };
export const sortBases = (bases: readonly LegalBasis[]) =>
  [...bases].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.issuedOn ?? a.validFrom).localeCompare(b.issuedOn ?? b.validFrom) || a.id - b.id);

/** The bases cited that are not in force on the date (a decision may not cite them). */
export const basesOutOfForce = (bases: readonly LegalBasis[], date: string) => bases.filter((b) => !basisInForce(b, date));

/** Does the tally pass the threshold? votes for × den ≥ num × members (all members, present or not). */
export const votePasses = (votesFor: number, members: number, vote: { num: number; den: number }) => votesFor * vote.den >= vote.num * members;

/** The fewest votes for that pass: ceil(num × members / den). */
export const votesNeeded = (members: number, vote: { num: number; den: number }) => Math.ceil((vote.num * members) / vote.den);

/** Is the meeting quorate? present × den ≥ num × members. */
export const quorumMet = (present: number, members: number, quorum: { num: number; den: number }) => present * quorum.den >= quorum.num * members;

/** "80%" or "2/3" as the minutes write a fraction. */
export function fractionText(f: { num: number; den: number }): string {
  if (f.den === 100) return `${f.num}%`;
  const pct = (f.num * 100) / f.den;
  return Number.isInteger(pct) ? `${pct}%` : `${f.num}/${f.den}`;
}

/** The strictest of several fractions (the highest num/den), or null when there is none. */
export function strictest(fs: readonly ({ num: number; den: number } | null)[]): { num: number; den: number } | null {
  let best: { num: number; den: number } | null = null;
  for (const f of fs) if (f && (!best || f.num * best.den > best.num * f.den)) best = f;
  return best;
}

/** The version of the award type in force on the decision date, or (no date yet) on 31/12 of the award year. */
export const versionFor = (t: AwardType, date: string) => versionOn(t, date);

/** "1.234.000" */
export const money = (n: number) => formatNumber(n, { decimals: 0 });

/** "02" for the appendix and the counts of Điều 1 ("cho 06 cá nhân"): two digits below 10. */
export const twoDigits = (n: number) => String(n).padStart(2, '0');
