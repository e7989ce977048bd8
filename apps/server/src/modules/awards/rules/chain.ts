/** Consecutive-year chains: "03 lần liên tục" ending at the award year. Pure functions, property-tested. */

/** The years end−n+1 … end, oldest first. */
export function window(end: number, n: number): number[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => end - n + 1 + i);
}

/** How many consecutive years, counting back from `end`, are in `held` (0 when `end` itself is not). */
export function chainEndingAt(held: ReadonlySet<number>, end: number): number {
  let n = 0;
  while (held.has(end - n)) n += 1;
  return n;
}

/** The years of the window end−n+1 … end that are not in `held`, oldest first. */
export function missingYears(held: ReadonlySet<number>, end: number, n: number): number[] {
  return window(end, n).filter((y) => !held.has(y));
}

/** Does `held` contain every year of end−n+1 … end? */
export const hasChain = (held: ReadonlySet<number>, end: number, n: number): boolean => chainEndingAt(held, end) >= n;

/** "2023, 2024 và 2025" */
export function yearList(years: readonly number[]): string {
  if (years.length <= 1) return years.join('');
  return `${years.slice(0, -1).join(', ')} và ${years[years.length - 1]}`;
}
