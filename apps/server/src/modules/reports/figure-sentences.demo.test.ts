import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestServer, type TestServer, loginAs } from '../../test/server.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import { renderSummaryReportHtml } from '../documents/summary-report.html.js';
import { OPENER, objectOf } from './figure-sentences.js';
import { singleCode } from './figure-sentences.source.js';
import { assembleSummaryReport } from './summary-report.service.js';

/**
 * Every number in the sentences the demo's annual draft opens its sectors with is the analytics API's figure, or
 * is computed from the API's figures (a change, an achievement of the target): the sentences are parsed back.
 */
let s: TestServer;
let office: { cookie: string };
const TODAY = '2026-11-22';

beforeAll(async () => {
  s = await demoTestServer({ today: TODAY });
  office = await loginAs(s.app, 'vanphong', DEMO_PASSWORD);
}, 180_000);
afterAll(() => s?.close());

type Dx = { kind: 'de' | 'ind'; id: number; code: string; name: string; sector: string; numerator: string | null; denominator: string | null };

const lowerFirst = (t: string) => (t.length > 1 && /\p{Ll}/u.test(t[1]!) ? t[0]!.toLocaleLowerCase('vi') + t.slice(1) : t);
/** '1.634' → 1634, '94,3' → 94.3. */
const viNumber = (t: string) => Number(t.replace(/\./g, '').replace(',', '.'));
const decimalsOf = (t: string) => t.split(',')[1]?.length ?? 0;

describe('figures in prose in the demo\'s annual draft 2025', () => {
  it('opens each sector with at most four sentences whose every number equals the analytics API\'s figure', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2025', today: TODAY });
    const catalog = await s.db.query<Dx>(
      `SELECT 'de' AS kind, e.id, e.code, e.name, sec.name AS sector, NULL AS numerator, NULL AS denominator FROM data_elements e JOIN sectors sec ON sec.id = e.sector_id
       UNION ALL SELECT 'ind', i.id, i.code, i.name, sec.name, i.numerator, i.denominator FROM indicators i JOIN sectors sec ON sec.id = i.sector_id`);
    const names = new Map((await s.db.query<{ code: string; name: string }>(`SELECT code, name FROM data_elements`)).map((r) => [r.code, r.name]));
    const root = await s.db.one<{ id: number; code: string }>(`SELECT id, code FROM org_units WHERE level = 1 ORDER BY (type = 'province') DESC, id LIMIT 1`);
    const api = async (code: string, pe: string): Promise<number | null> => {
      const r = await s.app.inject({ method: 'GET', url: `/api/analytics?dimension=dx:${code}&dimension=ou:${root.code}&dimension=pe:${pe}`, headers: office });
      expect(r.statusCode, r.body).toBe(200);
      const row = (r.json().rows as string[][]).find((x) => x[0] === code && x[2] === pe);
      return row ? Number(row[3]) : null;
    };

    let sentences = 0;
    let numbers = 0;
    for (const sector of input.sectors) {
      const said = sector.sentences ?? [];
      expect(said.length, sector.name).toBeLessThanOrEqual(4);
      // a sentence joining several figures under one opener ('Toàn tỉnh có …; …') is checked part by part
      const parts = said.flatMap((joined) => {
        const opener = OPENER.exec(joined)?.[0] ?? '';
        return joined.split('; ').map((p, i) => (i === 0 ? p : opener + p));
      });
      for (const sentence of parts) {
        sentences++;
        // a ratio's sentence and its numerator's would share the wording: 'a/b' says which
        const ratioLike = /\d\/\d/.test(sentence) ? 'ind' : 'de';
        // whose sentence it is: the figure whose wording (its name, what it counts, or its numerator's) it contains, the longest
        const candidates = catalog.filter((d) => d.sector === sector.name).flatMap((d) => {
          const num = d.kind === 'ind' ? singleCode(d.numerator) : null;
          const words = [lowerFirst(d.name), objectOf(d.name), num ? objectOf(names.get(num) ?? '') : null].filter((w): w is string => !!w);
          return words.filter((w) => sentence.toLocaleLowerCase('vi').includes(w.toLocaleLowerCase('vi'))).map((w) => ({ d, w }));
        }).sort((a, b) => b.w.length - a.w.length || Number(b.d.kind === ratioLike) - Number(a.d.kind === ratioLike));
        expect(candidates.length, sentence).toBeGreaterThan(0);
        const { d, w } = candidates[0]!;
        const current = await api(d.code, '2025');
        const lastYear = await api(d.code, '2024');
        const num = d.kind === 'ind' ? singleCode(d.numerator) : null;
        const den = d.kind === 'ind' ? singleCode(d.denominator) : null;
        const ratio = num && den ? [await api(num, '2025'), await api(den, '2025')] : [];
        const target = (await s.db.maybeOne<{ value: string }>(
          `SELECT value FROM targets WHERE org_unit_id = $1 AND year = 2025 AND ${d.kind === 'de' ? 'data_element_id' : 'indicator_id'} = $2`, [root.id, d.id]))?.value;
        const t = target === undefined ? null : Number(target);
        expect(current, d.code).not.toBeNull();
        // the numbers the sentence may say, all from the API's figures (the target from the targets table); a change or an
        // achievement is computed from the figures as shown (the API gives an indicator at its decimals, an element as is)
        const allowed: number[] = [current!, ...ratio.filter((x): x is number => x !== null)];
        if (lastYear !== null) {
          allowed.push(Math.abs(current! - lastYear));
          if (lastYear !== 0) allowed.push(Math.abs((current! - lastYear) / lastYear) * 100);
        }
        if (t !== null) allowed.push(t, (current! / t) * 100);
        // the wording and the comparison year are not figures
        const text = sentence.replace(new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu'), ' ').replace(/năm \d{4}/gu, ' ');
        const found = [...text.matchAll(/\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?/g)].map((m) => m[0]);
        expect(found.length, sentence).toBeGreaterThan(0);
        // the first number is the figure itself, or the ratio's numerator then its denominator and the share
        const first = ratio.length ? ratio[0]! : current!;
        expect(viNumber(found[0]!), sentence).toBeCloseTo(first, decimalsOf(found[0]!) === 0 ? 0 : 1);
        for (const n of found) {
          const tolerance = 0.5 * 10 ** -decimalsOf(n) + 1e-9;
          expect(allowed.some((a) => Math.abs(a - viNumber(n)) <= tolerance), `${n} in "${sentence}" (${d.code}: ${allowed.join(', ')})`).toBe(true);
          numbers++;
        }
      }
    }
    console.info(`figures in prose: ${sentences} figures said, ${numbers} numbers checked against the analytics API`);
    expect(sentences).toBeGreaterThan(15);
    expect(numbers).toBeGreaterThan(40);
    // said first in the sector's part I, before the units' paragraphs
    const html = renderSummaryReportHtml(input);
    const first = input.sectors.find((x) => x.sentences?.length)!;
    const at = html.indexOf(first.sentences![0]!);
    expect(at).toBeGreaterThan(html.indexOf(first.name));
    const unit = first.narrative[0];
    if (unit) expect(at).toBeLessThan(html.indexOf(unit.unitName));
  }, 120_000);
});
