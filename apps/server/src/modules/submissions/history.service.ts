/** Who did what to a unit's report: its workflow events and every change of each of its values. */
import type { Db } from '../../platform/db/index.js';
import { historyRepo } from './history.repository.js';
import { loadFormStructure } from './form-structure.js';
import { type SubmissionActor, authorize, loadContext } from './submission-context.js';

export type HistoryEvent = { id: number; at: Date; actorId: number | null; actor: string | null; action: string; before: unknown; after: unknown };
export type ValueChange = { at: Date; actorId: number | null; actor: string | null; action: string; previousValue: string | null; value: string | null; comment: string | null };

export async function submissionHistory(
  db: Db,
  actor: SubmissionActor,
  roundId: number,
  unitId: number,
): Promise<{ events: HistoryEvent[]; values: Record<string, ValueChange[]> }> {
  const ctx = await loadContext(db, actor, roundId, unitId);
  authorize(actor, 'history', ctx.subject);
  const structure = await loadFormStructure(db, ctx.round.form_id);
  const events = ctx.submission ? await historyRepo.events(db, ctx.submission.id) : [];
  const changes = await historyRepo.values(db, ctx.unit.id, ctx.round.period, structure.elements.map((e) => e.id));
  const values: Record<string, ValueChange[]> = {};
  for (const c of changes) {
    const change = { at: c.at, actorId: c.actor_id, actor: c.actor, action: c.action, previousValue: c.previous_value, value: c.value, comment: c.comment };
    if (values[c.code]) values[c.code].push(change);
    else values[c.code] = [change];
  }
  return {
    events: events.map((e) => ({ id: e.id, at: e.at, actorId: e.actor_id, actor: e.actor, action: e.action, before: e.before, after: e.after })),
    values,
  };
}
