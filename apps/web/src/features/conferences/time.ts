/** Time on the conference screens: Vietnam wall-clock time whatever the browser's zone, and the agenda's computed times. */

const VN_MS = 7 * 3600_000;

/** An instant as the wall clock of Vietnam, 'YYYY-MM-DDTHH:mm' (what the server reads as Vietnam time). */
export function vnWall(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  return Number.isFinite(t) ? new Date(t + VN_MS).toISOString().slice(0, 16) : null;
}

/** '08:30' in Vietnam time. */
export function vnTime(iso: string | null | undefined): string {
  return vnWall(iso)?.slice(11, 16) ?? '';
}

/**
 * Start and end of each agenda item (epoch ms) from the opening time and the durations before it, in the order
 * given: moving an item moves the times of everything after it, as the server computes them.
 */
export function agendaTimes(startsAt: string, durations: readonly number[]): { start: number; end: number }[] {
  let t = new Date(startsAt).getTime();
  return durations.map((d) => {
    const start = t;
    t += d * 60_000;
    return { start, end: t };
  });
}
