import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { docxToPdf, findSoffice } from '../documents/kit/pdf.js';
import type { Block } from '../documents/kit/model.js';
import { buildSummaryReportDocx } from '../documents/summary-report.docx.js';
import { reportBody } from '../documents/summary-report.content.js';
import type { SummaryReportInput } from '../documents/summary-report.model.js';
import { seedDemo } from '../demo/seed.js';
import { assembleSummaryReport } from './summary-report.service.js';

/**
 * Length of the demo's drafts (issue: a department's annual report runs to about 12–15 pages, at most ~45,000
 * characters before the appendix; a quarterly one to about 5–8 pages). Characters are those of parts I–IV as the
 * renderers draw them; pages are LibreOffice's, printed when it is installed.
 */
let s: TestServer;
const TODAY = '2026-11-22';

beforeAll(async () => {
  s = await testServer({ now: `${TODAY}T02:00:00Z`, seed: async (db) => { await seedDemo(db, { today: TODAY }); } });
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
    expect(counts['2025Q3']).toBeLessThan(counts['2025']!);
  }, 300_000);
});
