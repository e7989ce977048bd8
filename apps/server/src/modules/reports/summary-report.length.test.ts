import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestServer, type TestServer } from '../../test/server.js';
import { docxToPdf, findSoffice } from '../documents/kit/pdf.js';
import type { Block } from '../documents/kit/model.js';
import { buildSummaryReportDocx } from '../documents/summary-report.docx.js';
import { reportBody } from '../documents/summary-report.content.js';
import type { SummaryReportInput } from '../documents/summary-report.model.js';
import { assembleResultsReport } from '../follow-up/report.service.js';
import { MERGE_SIMILARITY, pointKey, similarity } from './summary-report.points.js';
import { sentenceCatalog } from './figure-sentences.repository.js';
import { ENDORSES_REPORT, KEY_FIGURES_BY_TYPE, NOTABLE_IN_SHORT_REPORT, assembleSummaryReport, saidCodes } from './summary-report.service.js';

/**
 * Length of the demo's drafts (issue: a department's annual report runs to about 12–15 pages, at most ~45,000
 * characters before the appendix; a quarterly one to about 5–8 pages). Characters are those of parts I–IV as the
 * renderers draw them; pages are LibreOffice's, printed when it is installed.
 */
let s: TestServer;
const TODAY = '2026-11-22';
/** About 8 pages of a quarter's report before the appendix. */
const QUARTER_MAX_CHARACTERS = 16_000;

beforeAll(async () => {
  s = await demoTestServer({ today: TODAY });
}, 180_000);
afterAll(() => s?.close());

const blockText = (b: Block): string =>
  b.kind === 'para' ? b.runs.map((r) => r.text).join('') : b.kind === 'table' ? [...b.columns, ...b.rows.flat()].join(' ') : b.text;

/** Characters of parts I–IV (the appendix left out). */
export const bodyCharacters = (input: SummaryReportInput) => reportBody(input).reduce((n, b) => n + blockText(b).length, 0);

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

describe('length of the demo drafts', () => {
  it('the 2025 annual draft stays within ~45,000 characters before the appendix; prints the counts of 2024, 2025 and a quarter', async () => {
    const soffice = await findSoffice();
    const counts: Record<string, number> = {};
    for (const period of ['2024', '2025', '2025Q3']) {
      const input = await assembleSummaryReport(s.db, { period, today: TODAY });
      counts[period] = bodyCharacters(input);
      let line = `report length ${period}: ${counts[period]} characters before the appendix`;
      if (soffice) {
        const body = pages(await docxToPdf(await buildSummaryReportDocx({ ...input, appendix: [] }), { warm: false }));
        const all = pages(await docxToPdf(await buildSummaryReportDocx(input), { warm: false }));
        line += `, ${body} pages before the appendix, ${all} pages in all`;
      }
      console.info(line);
    }
    expect(counts['2025']).toBeGreaterThan(10_000);
    expect(counts['2025']).toBeLessThanOrEqual(45_000);
    // a quarter's report: about 5–8 pages, its figures said once
    expect(counts['2025Q3']).toBeGreaterThan(5_000);
    expect(counts['2025Q3']).toBeLessThanOrEqual(QUARTER_MAX_CHARACTERS);
    expect(counts['2025Q3']).toBeLessThan(counts['2025']!);
  }, 300_000);

  it('a quarter\'s key-figure tables are short and do not repeat what the sector\'s sentences said; the appendix keeps every figure', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2025Q3', today: TODAY });
    const catalog = await sentenceCatalog(s.db);
    for (const sector of input.sectors) {
      expect(sector.figures.length, sector.name).toBeLessThanOrEqual(KEY_FIGURES_BY_TYPE.Quarterly!);
      const said = saidCodes(sector.markedSentences ?? [], catalog);
      const names = new Set(catalog.filter((c) => said.has(c.code)).map((c) => c.name));
      for (const f of sector.figures) expect(names.has(f.name), `${sector.name}: ${f.name}`).toBe(false);
    }
    // the previous quarter's recommendations: the grid and at most three named
    expect(input.previousRecommendations?.notable.length ?? 0).toBeLessThanOrEqual(NOTABLE_IN_SHORT_REPORT);
    const appendixRows = input.appendix.filter((t) => t.columns.includes('Chỉ tiêu')).reduce((n, t) => n + t.rows.length, 0);
    expect(appendixRows).toBeGreaterThan(input.sectors.reduce((n, x) => n + x.figures.length, 0));
  }, 120_000);
});

describe('parts of the demo\'s 2025 draft fed by the follow-up register', () => {
  it('counts 2024\'s recommendations as the register\'s results report does, lists the key tasks of 2026 by sector, marks points raised again', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2025', today: TODAY });
    const results = await assembleResultsReport(s.db, '2024', TODAY);
    const p = input.previousRecommendations!;
    expect(p.periodText).toBe('năm 2024');
    expect([p.total, p.doneOnTime, p.doneLate, p.openWithinDeadline, p.openOverdue]).toEqual([
      results.counts.total, results.counts.done_on_time, results.counts.done_late, results.counts.open_within_deadline, results.counts.open_overdue,
    ]);
    expect(p.total).toBeGreaterThan(0);
    expect(p.notable.length).toBeGreaterThan(0);
    expect(p.notable.every((x) => x.owner)).toBe(true);

    const tasks = await s.db.query<{ text: string; sector: string | null }>(
      `SELECT k.text, s.name AS sector FROM key_tasks k LEFT JOIN sectors s ON s.id = k.sector_id WHERE k.period = '2026' AND k.state <> 'closed'`,
    );
    expect(tasks.length).toBeGreaterThan(2);
    for (const t of tasks) {
      const listed = input.nextTaskGroups!.flatMap((g) => g.tasks).some((x) => similarity(pointKey(x), pointKey(t.text)) >= MERGE_SIMILARITY);
      // a conclusion that only endorses the report's own tasks ('… như dự thảo báo cáo') is not a task of part III
      if (ENDORSES_REPORT.test(t.text)) {
        expect(listed, t.text).toBe(false);
        continue;
      }
      const group = input.nextTaskGroups!.find((g) => g.sector === (t.sector ?? 'Nhiệm vụ chung'));
      // said once: a task near-equal to one already listed (two conclusions worded alike) is not repeated
      expect(group?.tasks.some((x) => similarity(pointKey(x), pointKey(t.text)) >= MERGE_SIMILARITY), t.text).toBe(true);
    }
  }, 120_000);

  it('a quarter\'s part III: the next quarter\'s tasks and the year\'s still open, not the conference\'s endorsement of the report', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2026Q3', today: TODAY });
    const listed = input.nextTaskGroups!.flatMap((g) => g.tasks);
    const year = await s.db.query<{ text: string }>(`SELECT text FROM key_tasks WHERE period = '2026' AND (state <> 'closed' OR closed_on > '2026-09-30')`);
    const own = year.filter((t) => !ENDORSES_REPORT.test(t.text));
    expect(own.length).toBeGreaterThan(0);
    for (const t of own) expect(listed.some((x) => similarity(pointKey(x), pointKey(t.text)) >= MERGE_SIMILARITY), t.text).toBe(true);
    expect(listed.some((x) => ENDORSES_REPORT.test(x))).toBe(false);
  }, 120_000);

  it('plans 2025Q3\'s part III from the register\'s key tasks of 2025Q4, one closed only after that quarter included', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2025Q3', today: TODAY });
    const tasks = await s.db.query<{ text: string; state: string; closed_on: string | null }>(
      `SELECT text, state, closed_on::text AS closed_on FROM key_tasks WHERE period = '2025Q4' ORDER BY id`,
    );
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.some((t) => t.state === 'closed' && t.closed_on! > '2025-09-30')).toBe(true);
    const listed = input.nextTaskGroups!.flatMap((g) => g.tasks);
    for (const t of tasks) expect(listed.some((x) => similarity(pointKey(x), pointKey(t.text)) >= MERGE_SIMILARITY), t.text).toBe(true);
  }, 120_000);

  it.each([['2026Q3', '2026Q3'], ['2025', '2025%'], ['2024', '2024%']])('marks a point of %s that the register links to a unit\'s report bullet with its times_raised', async (period, like) => {
    const input = await assembleSummaryReport(s.db, { period, today: TODAY });
    const linked = await s.db.query<{ text: string; times_raised: number }>(
      `SELECT s.text, r.times_raised FROM recommendation_sources s JOIN recommendations r ON r.id = s.recommendation_id
        WHERE s.kind = 'report' AND s.period LIKE $1 AND r.times_raised >= 2 AND r.merged_into_id IS NULL`, [like],
    );
    expect(linked.length).toBeGreaterThan(0);
    const all = [...input.difficulties, ...input.proposals].flatMap((g) => g.points);
    for (const l of linked) {
      const p = all.find((x) => similarity(pointKey(x.text), pointKey(l.text)) >= MERGE_SIMILARITY);
      expect(p?.timesRaised, l.text).toBeGreaterThanOrEqual(l.times_raised);
    }
    expect(all.filter((x) => x.timesRaised).every((x) => x.timesRaised! >= 2)).toBe(true);
  }, 120_000);
});
