import { RECOMMENDATION_STATES, type RecommendationState, TIMELINESS, timelinessOf } from '@nhip/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit-chain.js';
import type { Db } from '../../platform/db/index.js';
import { TEST_ADMIN_PASSWORD } from '../../test/server.js';
import { demoDb } from '../../test/demo.js';

// The demo's promises for the follow-up register (issue 9, "Demo").
const TODAY = '2026-11-22';
let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await demoDb(TODAY, TEST_ADMIN_PASSWORD));
});
afterAll(() => close?.());

const count = async (sql: string, params: unknown[] = []) => (await db.one<{ n: number }>(sql, params)).n;

describe('the demo register of recommendations', () => {
  it('has recommendations since 2022 in every state and every cell of the grid on today', async () => {
    const rows = await db.query<{ state: RecommendationState; deadline: string | null; closed_on: string | null; raised_on: string }>(
      `SELECT coalesce(t.state, r.state) AS state, coalesce(t.deadline, r.deadline)::text AS deadline, coalesce(t.closed_on, r.closed_on)::text AS closed_on,
              r.raised_on::text AS raised_on
         FROM recommendations r LEFT JOIN recommendations t ON t.id = r.merged_into_id`);
    expect(rows.length).toBeGreaterThan(60);
    expect(rows.some((r) => r.raised_on < '2022-12-31')).toBe(true);
    const states = new Set((await db.query<{ state: string }>('SELECT DISTINCT state FROM recommendations')).map((r) => r.state));
    expect([...states].sort()).toEqual([...RECOMMENDATION_STATES].sort());
    const cells = new Map<string, number>();
    for (const r of rows) {
      const cell = timelinessOf({ state: r.state, deadline: r.deadline, closedOn: r.closed_on }, TODAY);
      cells.set(cell, (cells.get(cell) ?? 0) + 1);
    }
    for (const cell of TIMELINESS) expect(cells.get(cell) ?? 0, cell).toBeGreaterThanOrEqual(3);
    // every recommendation came from the queues, with a source; nothing happened after today
    expect(await count(`SELECT count(*)::int AS n FROM recommendations r WHERE NOT EXISTS (SELECT 1 FROM recommendation_sources s WHERE s.recommendation_id = r.id)`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM recommendation_updates WHERE at > $1::date + 1`, [TODAY])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM recommendations WHERE greatest(created_at, updated_at) > $1::date + 1`, [TODAY])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM recommendation_candidates WHERE created_at > $1::date + 1 OR decided_at > $1::date + 1`, [TODAY])).toBe(0);
  });

  it('recognises points raised three times or more across the 2025 reorganisation (a district office, then the commune that took over)', async () => {
    const n = await count(`SELECT count(*)::int AS n FROM recommendations r WHERE r.times_raised >= 3 AND EXISTS (
        SELECT 1 FROM recommendation_sources a JOIN org_units old ON old.id = a.org_unit_id AND old.valid_to = '2025-06-30'
          JOIN org_unit_lineage l ON l.predecessor_id = a.org_unit_id
          JOIN recommendation_sources b ON b.recommendation_id = a.recommendation_id AND b.org_unit_id = l.unit_id
         WHERE a.recommendation_id = r.id)`);
    expect(n).toBeGreaterThanOrEqual(3);
    // the reviewers accepted most proposed links, rejected a few (kept), and merged a few duplicates
    expect(await count(`SELECT count(*)::int AS n FROM recommendation_match_decisions WHERE same`)).toBeGreaterThan(50);
    expect(await count(`SELECT count(*)::int AS n FROM recommendation_match_decisions WHERE NOT same`)).toBeGreaterThanOrEqual(3);
    expect(await count(`SELECT count(*)::int AS n FROM recommendation_candidates WHERE status = 'no_action' AND reason IS NOT NULL`)).toBeGreaterThanOrEqual(3);
  });

  it('has answered points, and overdue points escalated to the deputy director in charge', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM recommendations WHERE state = 'done' AND answer_published_at IS NOT NULL AND closing_evidence IS NOT NULL`)).toBeGreaterThan(30);
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'recommendation.answer'`)).toBeGreaterThan(0);
    const escalated = await count(`SELECT count(*)::int AS n FROM recommendations WHERE escalated_at IS NOT NULL AND deputy_person_id IS NOT NULL
      AND state IN ('new','assigned','in_progress','carried') AND deadline < $1::date - 7`, [TODAY]);
    expect(escalated).toBeGreaterThanOrEqual(3);
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'followup.escalation'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'followup.digest'`)).toBeGreaterThan(0);
    // every sector has a deputy in charge on today
    expect(await count(`SELECT count(*)::int AS n FROM sectors s WHERE NOT EXISTS (SELECT 1 FROM sector_leads l WHERE l.sector_id = s.id
      AND l.valid_from <= $1 AND (l.valid_to IS NULL OR l.valid_to >= $1))`, [TODAY])).toBe(0);
  });

  it('carries key tasks from 2025 into 2026, with progress', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM key_tasks k JOIN key_tasks f ON f.id = k.carried_from_id
      WHERE k.period = '2026' AND f.period = '2025' AND f.state = 'carried'`)).toBeGreaterThanOrEqual(1);
    expect(await count(`SELECT count(*)::int AS n FROM key_tasks k WHERE k.period = '2026' AND k.progress > 0 AND k.owner_division_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM key_task_updates u WHERE u.key_task_id = k.id AND u.at >= '2026-01-01')`)).toBeGreaterThanOrEqual(3);
    const ended = (await db.query<{ state: string }>(`SELECT DISTINCT state FROM key_tasks WHERE period < '2026'`)).map((r) => r.state).sort();
    expect(ended).toEqual(expect.arrayContaining(['carried', 'closed', 'done']));
  });

  it('leaves work in the triage queues, matched against the register', async () => {
    const pending = await count(`SELECT count(*)::int AS n FROM recommendation_candidates WHERE status = 'pending'`);
    expect(pending).toBeGreaterThanOrEqual(20);
    expect(pending).toBeLessThanOrEqual(50);
    expect(await count(`SELECT count(*)::int AS n FROM recommendation_candidates WHERE status = 'pending' AND jsonb_array_length(suggestions) > 0`)).toBeGreaterThan(5);
    expect(await count(`SELECT count(*)::int AS n FROM recommendation_candidates WHERE status = 'pending' AND source_kind = 'report'`)).toBeGreaterThan(0);
  });

  it('audits it all in the chain', async () => {
    for (const action of ['recommendation.candidate.link', 'recommendation.candidate.create', 'recommendation.complete', 'recommendation.escalate', 'key_task.carry']) {
      expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1`, [action]), action).toBeGreaterThan(0);
    }
    // (the test administrator, created before the demo on the machine's clock, is not the demo's)
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE at > $1::date + 1 AND NOT (action = 'user.create' AND actor_name = 'system')`, [TODAY])).toBe(0);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
