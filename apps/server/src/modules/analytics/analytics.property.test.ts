/**
 * Property: for random small org trees (units opening and closing mid-year), random aggregation types and
 * random approved / unapproved values at monthly and quarterly periods, every answer of the engine equals a
 * plain computation over the raw values written here, sharing no code with the engine (its own tree walk,
 * its own period arithmetic, its own aggregation and indicator formula) — answered from the analytics cells
 * and from the raw values alike.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AGGREGATION_TYPES, type AggregationType } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { testDb } from '../../test/server.js';
import { makeUnit } from '../org/test-fixtures.js';
import { runAnalytics } from './analytics.engine.js';
import { type OuItem, parseDimensions } from './analytics.query.js';
import { type Status, type ValueSeed, makeElement, makeIndicator, putValues } from './test-fixtures.js';

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await testDb()));
afterAll(() => close());

// ── plain period arithmetic: a period is a range of months [first, last], counted from year 0 ──
type Span = { first: number; last: number };
function span(id: string): Span {
  const y = Number(id.slice(0, 4)) * 12;
  const rest = id.slice(4);
  if (rest === '') return { first: y, last: y + 11 };
  if (/^\d\d$/.test(rest)) return { first: y + Number(rest) - 1, last: y + Number(rest) - 1 };
  const n = Number(rest.slice(1));
  const size = { Q: 3, S: 6, N: 9 }[rest[0] as 'Q' | 'S' | 'N'];
  return { first: y + (n - 1) * size, last: y + n * size - 1 };
}
const monthStartMs = (m: number) => Date.UTC(Math.floor(m / 12), m % 12, 1);
const days = (id: string) => { const s = span(id); return (monthStartMs(s.last + 1) - monthStartMs(s.first)) / 86_400_000; };
const within = (inner: string, outer: string) => { const i = span(inner); const o = span(outer); return i.first >= o.first && i.last <= o.last; };
const startDate = (id: string) => new Date(monthStartMs(span(id).first)).toISOString().slice(0, 10);
const endDate = (id: string) => new Date(monthStartMs(span(id).last + 1) - 86_400_000).toISOString().slice(0, 10);

// ── the world of one run ──
type U = { key: number; parent: number | null; level: number; from: string; to: string | null };
const STARTS = ['2000-01-01', '2023-04-01', '2023-07-15', '2024-02-10', '2024-07-01'];
const ENDS = [null, null, null, '2023-06-30', '2023-11-20', '2024-03-31', '2024-09-15'];
const STORED = ['202302', '202305', '202308', '202311', '202401', '202403', '202406', '202409', '202412', '2023Q1', '2023Q3', '2024Q1', '2024Q2', '2024Q4'];
const ASKED = ['2023', '2024', '2023Q3', '2024Q1', '2024Q2', '202403', '2024S1', '2024N1', '2024Q4'];
const STATUSES: Status[] = ['approved', 'approved', 'approved', 'submitted', 'draft', 'returned'];

const validity = fc.record({ from: fc.constantFrom(...STARTS), to: fc.constantFrom(...ENDS) })
  .filter(({ from, to }) => to === null || to >= from);

const world = fc.record({
  children: fc.array(fc.record({ v: validity, kids: fc.array(validity, { maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
  aggs: fc.array(fc.constantFrom(...AGGREGATION_TYPES), { minLength: 3, maxLength: 3 }),
  values: fc.array(fc.record({
    unit: fc.nat(), de: fc.nat(2), period: fc.constantFrom(...STORED),
    value: fc.integer({ min: -20, max: 2000 }).map((n) => n / 2), status: fc.nat(STATUSES.length - 1), stray: fc.nat(9),
  }), { minLength: 30, maxLength: 100 }),
  asked: fc.uniqueArray(fc.constantFrom(...ASKED), { minLength: 2, maxLength: 5 }),
  ou: fc.constantFrom<OuItem[][]>([{ kind: 'unit', code: 'U0' }], [{ kind: 'level', level: 2 }], [{ kind: 'unit', code: 'U0' }, { kind: 'level', level: 3 }], [{ kind: 'level', level: 2 }, { kind: 'level', level: 3 }, { kind: 'unit', code: 'U1' }]),
  includeUnapproved: fc.boolean(),
});

function buildUnits(w: { children: { v: { from: string; to: string | null }; kids: { from: string; to: string | null }[] }[] }): U[] {
  const units: U[] = [{ key: 0, parent: null, level: 1, from: '2000-01-01', to: null }];
  for (const c of w.children) {
    const ck = units.length;
    units.push({ key: ck, parent: 0, level: 2, from: c.v.from, to: c.v.to });
    for (const k of c.kids) {
      // a unit never outlives its parent nor predates it
      const from = k.from > c.v.from ? k.from : c.v.from;
      let to = c.v.to === null ? k.to : k.to === null || k.to > c.v.to ? c.v.to : k.to;
      if (to !== null && to < from) to = from;
      units.push({ key: units.length, parent: ck, level: 3, from, to });
    }
  }
  return units;
}

const isIn = (units: U[], u: number, t: number): boolean => {
  for (let k: number | null = u; k !== null; k = units[k]!.parent) if (k === t) return true;
  return false;
};
const overlaps = (u: U, pe: string) => u.from <= endDate(pe) && (u.to === null || u.to >= startDate(pe));

type Raw = { unit: number; de: number; period: string; value: number; status: Status };

function expectedElement(agg: AggregationType, raws: Raw[], units: U[], t: number, pe: string): number | null {
  const vs = raws.filter((r) => isIn(units, r.unit, t) && within(r.period, pe));
  if (agg === 'NONE') {
    const exact = vs.filter((r) => r.unit === t && r.period === pe);
    return exact.length ? exact.reduce((a, r) => a + r.value, 0) : null;
  }
  if (vs.length === 0) return null;
  const values = vs.map((r) => r.value);
  switch (agg) {
    case 'SUM': return values.reduce((a, b) => a + b, 0);
    case 'MIN': return Math.min(...values);
    case 'MAX': return Math.max(...values);
    case 'AVERAGE': return values.reduce((a, b) => a + b, 0) / values.length;
    case 'AVERAGE_SUM_ORG_UNIT': return vs.reduce((a, r) => a + r.value * days(r.period), 0) / days(pe);
    case 'LAST': {
      // only units still in being when the period (or the target itself) ends
      const until = units[t]!.to !== null && units[t]!.to! < endDate(pe) ? units[t]!.to! : endDate(pe);
      const latest = new Map<number, Raw>();
      for (const r of vs) {
        if (units[r.unit]!.to !== null && units[r.unit]!.to! < until) continue;
        const cur = latest.get(r.unit);
        const a = span(r.period);
        const b = cur && span(cur.period);
        if (!b || a.last > b.last || (a.last === b.last && a.first > b.first)) latest.set(r.unit, r);
      }
      return latest.size ? [...latest.values()].reduce((a, r) => a + r.value, 0) : null;
    }
  }
}

it('every engine answer equals a plain computation over the raw values', async () => {
  const seen = { figures: 0, byAgg: new Set<string>(), indicators: 0, levelSkipped: 0 };
  await fc.assert(fc.asyncProperty(world, async (w) => {
    await db.exec(`DELETE FROM data_values; DELETE FROM submissions; DELETE FROM reporting_rounds; DELETE FROM report_forms;
                   DELETE FROM indicators; DELETE FROM data_elements; DELETE FROM org_units;`);
    const units = buildUnits(w);
    const ids: number[] = [];
    for (const u of units) {
      ids.push(await makeUnit(db, { code: `U${u.key}`, parentId: u.parent === null ? null : ids[u.parent], validFrom: u.from, validTo: u.to }));
    }
    const de = await Promise.all(w.aggs.map((a, i) => makeElement(db, `DE${i}`, a)));
    await makeIndicator(db, { code: 'IND', numerator: '#{DE0} + #{DE2}', denominator: '#{DE1}', factor: 100, decimals: 1 });
    // one status per (unit, period) submission; one value per (element, unit, period); within the unit's life,
    // but for one value in ten (a late import for a closed unit): it counts for the unit and its ancestors,
    // while LEVEL-n still leaves the unit out of periods it did not exist in
    const statusOf = new Map<string, Status>();
    const raws = new Map<string, Raw>();
    for (const v of w.values) {
      const unit = v.unit % units.length;
      if (!overlaps(units[unit]!, v.period) && v.stray !== 0) continue;
      const sk = `${unit}|${v.period}`;
      if (!statusOf.has(sk)) statusOf.set(sk, STATUSES[v.status]!);
      raws.set(`${v.de}|${sk}`, { unit, de: v.de, period: v.period, value: v.value, status: statusOf.get(sk)! });
    }
    const all = [...raws.values()];
    await putValues(db, all.map((r): ValueSeed => ({ deId: de[r.de]!, unitId: ids[r.unit]!, period: r.period, value: r.value, status: r.status })));

    const dims = ['dx:DE0;DE1;DE2;IND', `ou:${w.ou.map((o) => (o.kind === 'unit' ? o.code : `LEVEL-${o.level}`)).join(';')}`, `pe:${w.asked.join(';')}`];
    // putValues rebuilt the analytics cells: answer once from them (units with sub-units) and once from the raw
    // values only; both must equal the plain computation
    const got = await runAnalytics(db, parseDimensions(dims, w.includeUnapproved), { today: '2026-11-22', scopeUnitId: null });
    const gotRaw = await runAnalytics(db, parseDimensions(dims, w.includeUnapproved), { today: '2026-11-22', scopeUnitId: null, cells: false });
    expect(gotRaw.rows.length).toBe(got.rows.length);

    // expected: targets in the order asked, LEVEL units (under the named units, else the root) only while valid
    const named = w.ou.flatMap((o) => (o.kind === 'unit' ? [Number(o.code.slice(1))] : []));
    const parents = named.length ? named : [0];
    const targets: { t: number; levelOnly: boolean }[] = [];
    for (const o of w.ou) {
      if (o.kind === 'unit') {
        const t = Number(o.code.slice(1));
        const at = targets.findIndex((x) => x.t === t);
        if (at >= 0) targets[at]!.levelOnly = false; else targets.push({ t, levelOnly: false });
      } else {
        for (const u of units) {
          if (u.level === o.level && parents.some((p) => isIn(units, u.key, p)) && !targets.some((x) => x.t === u.key)) targets.push({ t: u.key, levelOnly: true });
        }
      }
    }
    const visible = all.filter((r) => w.includeUnapproved || r.status === 'approved');
    const expected = new Map<string, number>();
    for (const { t, levelOnly } of targets) {
      for (const pe of w.asked) {
        if (levelOnly && !overlaps(units[t]!, pe)) { seen.levelSkipped += 1; continue; }
        const vals = w.aggs.map((agg, i) => expectedElement(agg, visible.filter((r) => r.de === i), units, t, pe));
        vals.forEach((v, i) => { if (v !== null) { expected.set(`DE${i}|U${t}|${pe}`, v); seen.byAgg.add(w.aggs[i]!); } });
        const [a, b, c] = vals;
        const num = a === null && c === null ? null : (a ?? 0) + (c ?? 0);
        if (num !== null && b !== null && b !== 0) { expected.set(`IND|U${t}|${pe}`, (100 * num) / b); seen.indicators += 1; }
      }
    }
    seen.figures += expected.size;
    for (const [mode, answer] of [['cells', got], ['raw', gotRaw]] as const) {
      const actual = new Map(answer.rows.map((r) => [`${r.dx}|${r.ou}|${r.pe}`, r.value]));
      expect([...actual.keys()].sort(), mode).toEqual([...expected.keys()].sort());
      for (const [k, v] of expected) {
        const a = actual.get(k)!;
        expect(Math.abs(a - v), `${mode} ${k}: engine ${a}, plain ${v}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
      }
    }
  }), { numRuns: 80 });
  // the generated worlds exercise what the property is about: figures of every aggregation type,
  // indicators, and LEVEL units left out of the periods they did not exist in
  expect(seen.figures).toBeGreaterThan(500);
  expect([...seen.byAgg].sort()).toEqual([...AGGREGATION_TYPES].sort());
  expect(seen.indicators).toBeGreaterThan(50);
  expect(seen.levelSkipped).toBeGreaterThan(0);
}, 180_000);
