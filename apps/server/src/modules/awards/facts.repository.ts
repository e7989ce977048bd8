/**
 * SQL that gathers the rule engine's facts, in bulk: a handful of queries for any number of people (the whole
 * province for one year in well under a second), or for collectives with their members and predecessors.
 */
import type { Rating } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import type { AwardFact, Facts, InitiativeFact, MemberFact, PendingFact } from './rules/types.js';

/** Nominations that still count as pending: decided ones have their record. */
const PENDING = `('proposed','returned','accepted','approved')`;
/** How far back chains and initiative windows reach. */
const LOOKBACK = 12;

export type FactsOptions = {
  year: number;
  /** The evaluation date (decision date or the year's end). */
  date: string;
  /** The nomination being evaluated: its own pending entry and its own initiatives stay usable for it. */
  nominationId?: number | null;
  /** Load per-unit counts of titles for caps (only when a cap row is in force). */
  counts?: boolean;
};

/** json values come back parsed from both drivers; a string (a driver that leaves them as text) is parsed here. */
const asJson = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

const emptyFacts = (subject: Facts['subject']): Facts => ({
  subject, awards: [], pending: [], ratings: new Map(), initiatives: [], serviceStart: null, members: [], registration: null, clusterRanks: [],
  unitCounts: new Map(),
});

type InitiativeRow = {
  owner: number; id: number; title: string; year: number; scope: InitiativeFact['scope']; used_by_nomination_id: number | null; used_by_record_id: number | null;
  used_for: string | null;
};

const toInitiative = (r: InitiativeRow): InitiativeFact => ({
  id: r.id, title: r.title, year: r.year, scope: r.scope, usedByNominationId: r.used_by_nomination_id, usedByRecordId: r.used_by_record_id, usedFor: r.used_for,
});

const INITIATIVE_USED_FOR = `coalesce(nt.name || ' năm ' || n.year, rt.name || ' năm ' || r.year)`;
const INITIATIVE_JOINS = `LEFT JOIN award_nominations n ON n.id = i.used_by_nomination_id LEFT JOIN award_types nt ON nt.code = n.award_code
  LEFT JOIN award_records r ON r.id = i.used_by_record_id LEFT JOIN award_types rt ON rt.code = r.award_code`;

export const factsRepo = {
  /** Facts of people, keyed by person id (absent ids are absent). */
  async people(db: Db, personIds: number[], o: FactsOptions): Promise<Map<number, Facts>> {
    const ids = [...new Set(personIds)];
    const out = new Map<number, Facts>();
    if (!ids.length) return out;
    const from = o.year - LOOKBACK;
    // One row per person for what people have many of (awards, ratings): JSON aggregated in SQL decodes far faster than a row each.
    const [people, units, awards, pending, ratings, initiatives, registrations] = await Promise.all([
      db.query<{ id: number; gender: 'male' | 'female' | null; service_start: string | null }>(
        `SELECT p.id, p.gender, min(m.valid_from) AS service_start FROM people p LEFT JOIN person_memberships m ON m.person_id = p.id
          WHERE p.id = ANY($1::int[]) GROUP BY p.id`, [ids]),
      // The unit on the date: the latest membership begun by then (where they work, or last worked).
      db.query<{ person_id: number; org_unit_id: number; type: string }>(
        `SELECT DISTINCT ON (m.person_id) m.person_id, m.org_unit_id, u.type FROM person_memberships m JOIN org_units u ON u.id = m.org_unit_id
          WHERE m.person_id = ANY($1::int[]) AND m.valid_from <= $2 ORDER BY m.person_id, m.valid_from DESC, m.id DESC`, [ids, o.date]),
      db.query<{ person_id: number; a: [string, number, string | null, number][] }>(
        `SELECT person_id, json_agg(json_build_array(award_code, year, decision_number, id) ORDER BY year, id) AS a
           FROM award_records WHERE person_id = ANY($1::int[]) GROUP BY person_id`, [ids]),
      db.query<{ person_id: number; award_code: string; year: number; id: number; status: string }>(
        `SELECT person_id, award_code, year, id, status FROM award_nominations WHERE person_id = ANY($1::int[]) AND status IN ${PENDING}`, [ids]),
      db.query<{ person_id: number; r: Record<string, Rating> }>(
        `SELECT person_id, json_object_agg(year, rating) AS r FROM award_ratings WHERE person_id = ANY($1::int[]) AND year BETWEEN $2 AND $3 GROUP BY person_id`,
        [ids, from, o.year]),
      db.query<InitiativeRow>(
        `SELECT a.person_id AS owner, i.id, i.title, i.year, i.scope, i.used_by_nomination_id, i.used_by_record_id, ${INITIATIVE_USED_FOR} AS used_for
           FROM award_initiative_authors a JOIN award_initiatives i ON i.id = a.initiative_id ${INITIATIVE_JOINS}
          WHERE a.person_id = ANY($1::int[]) AND i.year BETWEEN $2 AND $3 ORDER BY i.year, i.id`, [ids, from, o.year]),
      db.query<{ person_id: number; codes: string[] }>(
        `SELECT t.person_id, array_agg(t.award_code ORDER BY t.award_code) AS codes FROM award_registration_targets t
           JOIN award_registrations g ON g.id = t.registration_id WHERE g.year = $2 AND t.person_id = ANY($1::int[]) GROUP BY t.person_id`, [ids, o.year]),
    ]);
    const unitOf = new Map(units.map((u) => [u.person_id, u]));
    for (const p of people) {
      const u = unitOf.get(p.id);
      const f = emptyFacts({ kind: 'person', personId: p.id, gender: p.gender, unitId: u?.org_unit_id ?? null, unitType: u?.type ?? null });
      f.serviceStart = p.service_start;
      out.set(p.id, f);
    }
    for (const a of awards) {
      const f = out.get(a.person_id);
      if (f) f.awards = asJson(a.a).map(([code, year, decisionNumber, recordId]) => ({ code, year, decisionNumber, recordId }));
    }
    for (const n of pending) if (n.id !== o.nominationId) out.get(n.person_id)?.pending.push({ code: n.award_code, year: n.year, nominationId: n.id, status: n.status });
    for (const r of ratings) {
      const f = out.get(r.person_id);
      if (f) for (const [y, v] of Object.entries(asJson(r.r))) f.ratings.set(Number(y), v);
    }
    for (const i of initiatives) out.get(i.owner)?.initiatives.push(toInitiative(i));
    for (const r of registrations) {
      const f = out.get(r.person_id);
      if (f) f.registration = { year: o.year, targets: r.codes };
    }
    if (o.counts) {
      const unitIds = [...new Set(units.map((u) => u.org_unit_id))];
      const counts = await unitTitleCounts(db, unitIds, o);
      for (const f of out.values()) if (f.subject.kind === 'person' && f.subject.unitId !== null) f.unitCounts = counts.get(f.subject.unitId) ?? new Map();
    }
    return out;
  },

  /**
   * Facts of collectives, keyed by unit id. A unit keeps the history of its predecessors (org_unit_lineage, followed
   * back through every merge, split or rename): their titles count as its own, and a year it has no rating of its
   * own takes the best rating among them. Its members are the people working in it at the year's end (or on its last day).
   */
  async units(db: Db, unitIds: number[], o: FactsOptions): Promise<Map<number, Facts>> {
    const ids = [...new Set(unitIds)];
    const out = new Map<number, Facts>();
    if (!ids.length) return out;
    const from = o.year - LOOKBACK;
    const units = await db.query<{ id: number; type: string; valid_to: string | null }>(`SELECT id, type, valid_to FROM org_units WHERE id = ANY($1::int[])`, [ids]);
    const lineage = await db.query<{ unit_id: number; pred_id: number; pred_name: string }>(
      `WITH RECURSIVE anc(unit_id, pred_id, depth) AS (
         SELECT unit_id, predecessor_id, 1 FROM org_unit_lineage WHERE unit_id = ANY($1::int[])
         UNION
         SELECT a.unit_id, l.predecessor_id, a.depth + 1 FROM anc a JOIN org_unit_lineage l ON l.unit_id = a.pred_id WHERE a.depth < 20
       )
       SELECT DISTINCT a.unit_id, a.pred_id, u.name AS pred_name FROM anc a JOIN org_units u ON u.id = a.pred_id WHERE a.pred_id <> a.unit_id`, [ids]);
    const predsOf = new Map<number, { id: number; name: string }[]>();
    for (const l of lineage) predsOf.set(l.unit_id, [...(predsOf.get(l.unit_id) ?? []), { id: l.pred_id, name: l.pred_name }]);
    const all = [...new Set([...ids, ...lineage.map((l) => l.pred_id)])];
    const memberDate = new Map(units.map((u) => [u.id, u.valid_to !== null && u.valid_to < `${o.year}-12-31` ? u.valid_to : `${o.year}-12-31`]));
    const [awards, pending, ratings, registrations, members, ranks] = await Promise.all([
      db.query<{ org_unit_id: number; award_code: string; year: number; decision_number: string | null; id: number }>(
        `SELECT org_unit_id, award_code, year, decision_number, id FROM award_records WHERE org_unit_id = ANY($1::int[]) ORDER BY year, id`, [all]),
      db.query<{ org_unit_id: number; award_code: string; year: number; id: number; status: string }>(
        `SELECT org_unit_id, award_code, year, id, status FROM award_nominations WHERE org_unit_id = ANY($1::int[]) AND status IN ${PENDING}`, [ids]),
      db.query<{ org_unit_id: number; year: number; rating: Rating }>(
        `SELECT org_unit_id, year, rating FROM award_ratings WHERE org_unit_id = ANY($1::int[]) AND year BETWEEN $2 AND $3`, [all, from, o.year]),
      db.query<{ org_unit_id: number; collective_target: string | null }>(
        `SELECT org_unit_id, collective_target FROM award_registrations WHERE org_unit_id = ANY($1::int[]) AND year = $2`, [ids, o.year]),
      db.query<{ unit_id: number; person_id: number; full_name: string }>(
        `SELECT m.org_unit_id AS unit_id, p.id AS person_id, p.full_name FROM person_memberships m JOIN people p ON p.id = m.person_id
           JOIN unnest($1::int[], $2::date[]) AS d(unit_id, on_date) ON d.unit_id = m.org_unit_id
          WHERE m.valid_from <= d.on_date AND (m.valid_to IS NULL OR m.valid_to >= d.on_date)`,
        [[...memberDate.keys()], [...memberDate.values()]]),
      clusterRanks(db, ids, o.year),
    ]);
    for (const u of units) out.set(u.id, emptyFacts({ kind: 'unit', unitId: u.id, unitType: u.type }));
    const owners = (unitId: number) => [unitId, ...(predsOf.get(unitId) ?? []).map((p) => p.id)];
    const nameOfPred = new Map(lineage.map((l) => [l.pred_id, l.pred_name]));
    const awardsBy = new Map<number, AwardFact[]>();
    for (const a of awards) awardsBy.set(a.org_unit_id, [...(awardsBy.get(a.org_unit_id) ?? []), { code: a.award_code, year: a.year, decisionNumber: a.decision_number, recordId: a.id }]);
    const ratingsBy = new Map<number, Map<number, Rating>>();
    for (const r of ratings) {
      const m = ratingsBy.get(r.org_unit_id) ?? new Map<number, Rating>();
      m.set(r.year, r.rating);
      ratingsBy.set(r.org_unit_id, m);
    }
    const RANK: Rating[] = ['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'];
    for (const [unitId, f] of out) {
      for (const owner of owners(unitId))
        for (const a of awardsBy.get(owner) ?? []) f.awards.push(owner === unitId ? a : { ...a, via: nameOfPred.get(owner) ?? null });
      f.awards.sort((a, b) => a.year - b.year || a.recordId - b.recordId);
      const own = ratingsBy.get(unitId) ?? new Map<number, Rating>();
      for (const [y, r] of own) f.ratings.set(y, r);
      for (const pred of predsOf.get(unitId) ?? [])
        for (const [y, r] of ratingsBy.get(pred.id) ?? []) {
          if (own.has(y)) continue;
          const cur = f.ratings.get(y);
          if (!cur || RANK.indexOf(r) < RANK.indexOf(cur)) f.ratings.set(y, r);
        }
    }
    for (const n of pending) if (n.id !== o.nominationId) out.get(n.org_unit_id)?.pending.push({ code: n.award_code, year: n.year, nominationId: n.id, status: n.status });
    for (const r of registrations) {
      const f = out.get(r.org_unit_id);
      if (f) f.registration = { year: o.year, targets: r.collective_target ? [r.collective_target] : [] };
    }
    for (const r of ranks) out.get(r.unitId)?.clusterRanks.push(r);
    // Members and their own facts for the year.
    const memberIds = [...new Set(members.map((m) => m.person_id))];
    if (memberIds.length) {
      const [mAwards, mPending, mRatings] = await Promise.all([
        db.query<{ person_id: number; award_code: string; year: number; decision_number: string | null; id: number }>(
          `SELECT person_id, award_code, year, decision_number, id FROM award_records WHERE person_id = ANY($1::int[]) AND year = $2`, [memberIds, o.year]),
        db.query<{ person_id: number; award_code: string; year: number; id: number; status: string }>(
          `SELECT person_id, award_code, year, id, status FROM award_nominations WHERE person_id = ANY($1::int[]) AND year = $2 AND status IN ${PENDING}`,
          [memberIds, o.year]),
        db.query<{ person_id: number; year: number; rating: Rating }>(`SELECT person_id, year, rating FROM award_ratings WHERE person_id = ANY($1::int[]) AND year = $2`, [memberIds, o.year]),
      ]);
      const facts = new Map<number, MemberFact>();
      for (const m of members) if (!facts.has(m.person_id)) facts.set(m.person_id, { personId: m.person_id, fullName: m.full_name, ratings: new Map(), awards: [], pending: [] });
      for (const a of mAwards) facts.get(a.person_id)?.awards.push({ code: a.award_code, year: a.year, decisionNumber: a.decision_number, recordId: a.id });
      for (const n of mPending) facts.get(n.person_id)?.pending.push({ code: n.award_code, year: n.year, nominationId: n.id, status: n.status } satisfies PendingFact);
      for (const r of mRatings) facts.get(r.person_id)?.ratings.set(r.year, r.rating);
      for (const m of members) {
        const f = out.get(m.unit_id);
        if (f && !f.members.some((x) => x.personId === m.person_id)) f.members.push(facts.get(m.person_id)!);
      }
    }
    if (o.counts) {
      const counts = await unitTitleCounts(db, ids, o);
      for (const [unitId, f] of out) f.unitCounts = counts.get(unitId) ?? new Map();
    }
    return out;
  },
};

/**
 * Per unit, how many of each title it has for the year: records of the people working in it at the year's end,
 * and live nominations it proposed (not yet decided; the nomination evaluated is left out).
 */
async function unitTitleCounts(db: Db, unitIds: number[], o: FactsOptions): Promise<Map<number, Map<string, number>>> {
  const end = `${o.year}-12-31`;
  const rows = await db.query<{ unit_id: number; code: string; n: number }>(
    `SELECT unit_id, code, count(*)::int AS n FROM (
       SELECT m.org_unit_id AS unit_id, r.award_code AS code FROM award_records r
         JOIN person_memberships m ON m.person_id = r.person_id AND m.valid_from <= $3 AND (m.valid_to IS NULL OR m.valid_to >= $3)
        WHERE r.year = $2 AND m.org_unit_id = ANY($1::int[])
       UNION ALL
       SELECT n.proposing_unit_id, n.award_code FROM award_nominations n
        WHERE n.proposing_unit_id = ANY($1::int[]) AND n.year = $2 AND n.status IN ${PENDING} AND n.id <> $4
     ) x GROUP BY unit_id, code`,
    [unitIds, o.year, end, o.nominationId ?? 0],
  );
  const out = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.unit_id) ?? new Map<string, number>();
    m.set(r.code, r.n);
    out.set(r.unit_id, m);
  }
  return out;
}

/**
 * Each unit's rank in the published rankings of the clusters it belongs to that year: units ordered by the weighted
 * sum of their scores (score ÷ max score × weight); equal totals share a rank.
 */
async function clusterRanks(db: Db, unitIds: number[], year: number): Promise<(Facts['clusterRanks'][number] & { unitId: number })[]> {
  const rows = await db.query<{ cluster_id: number; name: string; org_unit_id: number; total: number }>(
    `SELECT c.id AS cluster_id, c.name, cm.org_unit_id,
            coalesce(sum(s.score / cc.max_score * cc.weight), 0)::float8 AS total
       FROM award_clusters c
       JOIN award_cluster_members cm ON cm.cluster_id = c.id
       LEFT JOIN award_cluster_criteria cc ON cc.cluster_id = c.id
       LEFT JOIN award_cluster_scores s ON s.criterion_id = cc.id AND s.org_unit_id = cm.org_unit_id
      WHERE c.year = $2 AND c.published_at IS NOT NULL
        AND c.id IN (SELECT cluster_id FROM award_cluster_members WHERE org_unit_id = ANY($1::int[]))
      GROUP BY c.id, c.name, cm.org_unit_id`,
    [unitIds, year],
  );
  const out: (Facts['clusterRanks'][number] & { unitId: number })[] = [];
  for (const r of rows) {
    if (!unitIds.includes(r.org_unit_id)) continue;
    const peers = rows.filter((x) => x.cluster_id === r.cluster_id);
    const rank = 1 + peers.filter((x) => x.total > r.total + 1e-9).length;
    out.push({ unitId: r.org_unit_id, clusterId: r.cluster_id, clusterName: r.name, rank, members: peers.length });
  }
  return out;
}
