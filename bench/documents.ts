/**
 * Documents of the Decree 30 kit: .docx, HTML and PDF times for the demo province's 2025 annual report and for
 * a one-page Giấy mời (the kit's sample content file), and what the LibreOffice kept warm saves.
 *
 * - .docx and HTML, in-process: 1 warm-up, then BENCH_RUNS runs each (default 20);
 * - PDF, one-shot: a new soffice with a new profile per conversion, as before the warm office (3 runs each);
 * - PDF, first after a start: the warm office stopped, then one PDF, which starts it (3 times each);
 * - PDF, warm: BENCH_RUNS conversions each through the running office;
 * - 4 Giấy mời at once through the one office (queued), and the annual report's PDF through
 *   GET /api/reports/summary?format=pdf (assembling included; 1 warm-up + 5 runs).
 *
 *   npm run bench:documents
 *   BENCH_RUNS=10 npm run bench:documents
 *
 * Needs LibreOffice's `soffice`; the warm figures need a Python with LibreOffice's UNO (Debian: python3-uno).
 * The last line reads: documents: report docx p50 N ms, pdf one-shot N ms, first N ms, warm p50 N ms; Giấy mời …
 */
import os from 'node:os';
import { buildApp } from '../apps/server/src/app.js';
import { DEMO_PASSWORD, seedDemo } from '../apps/server/src/modules/demo/seed.js';
import { renderDocx } from '../apps/server/src/modules/documents/kit/docx.js';
import { renderHtml } from '../apps/server/src/modules/documents/kit/html.js';
import type { DecreeDocument } from '../apps/server/src/modules/documents/kit/model.js';
import { stopWarmOffices, warmOffice } from '../apps/server/src/modules/documents/kit/office.js';
import { docxToPdf, findSoffice } from '../apps/server/src/modules/documents/kit/pdf.js';
import { invitationDocument, sampleInvitation } from '../apps/server/src/modules/documents/kit/sample-invitation.js';
import { summaryReportDocument } from '../apps/server/src/modules/documents/summary-report.content.js';
import { assembleSummaryReport } from '../apps/server/src/modules/reports/summary-report.service.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { openPglite } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { quantile } from './lib/stats.js';

const TODAY = '2026-11-22';
const NOW = `${TODAY}T09:00:00+07:00`;
const PERIOD = '2025';
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const COLD_RUNS = 3;
if (!Number.isInteger(RUNS) || RUNS < 10) throw new Error('BENCH_RUNS must be an integer of at least 10');

/** Other work on the machine skews the figures: the report says how busy it was when the run began. */
const LOAD_BEFORE = os.loadavg()[0];
const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

const r = Math.round;
type Stats = { p50: number; p95: number; min: number; max: number; n: number };
function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN, n: s.length };
}
const show = (s: Stats) => `p50 ${r(s.p50)} ms, p95 ${r(s.p95)} ms, min ${r(s.min)} ms, max ${r(s.max)} ms (${s.n} runs)`;

async function times(n: number, fn: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<Stats> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    await before?.();
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return stats(xs);
}

function assertPdf(b: Buffer): Buffer {
  if (b.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
  return b;
}

interface DocFigures {
  docx: Stats;
  html: Stats;
  oneShot: Stats | null;
  first: Stats | null;
  warm: Stats | null;
}

async function measure(name: string, doc: DecreeDocument, soffice: string | null, warm: boolean): Promise<DocFigures> {
  await renderDocx(doc);
  const docx = await times(RUNS, () => renderDocx(doc));
  renderHtml(doc);
  const html = await times(RUNS, async () => renderHtml(doc));
  const file = await renderDocx(doc);
  log(`${name}: .docx ${show(docx)}, ${file.length} bytes; HTML ${show(html)}`);
  if (!soffice) return { docx, html, oneShot: null, first: null, warm: null };
  const oneShot = await times(COLD_RUNS, async () => assertPdf(await docxToPdf(file, { warm: false })));
  log(`${name}: PDF one-shot soffice ${show(oneShot)}`);
  if (!warm) return { docx, html, oneShot, first: null, warm: null };
  const first = await times(COLD_RUNS, async () => assertPdf(await docxToPdf(file)), stopWarmOffices);
  const warmed = await times(RUNS, async () => assertPdf(await docxToPdf(file)));
  log(`${name}: PDF first after a start (starts LibreOffice) ${show(first)}; warm ${show(warmed)}`);
  return { docx, html, oneShot, first, warm: warmed };
}

async function main() {
  log(`machine: ${os.cpus().length} CPUs, 1-minute load average before the run ${LOAD_BEFORE.toFixed(1)}`);
  const soffice = await findSoffice();
  const office = soffice ? await warmOffice(soffice) : null;
  log(soffice ? `LibreOffice: ${soffice}; warm office ${office ? `through ${office.python}` : 'unavailable (no Python with UNO): PDFs go one-shot'}` : 'LibreOffice not installed: no PDF figures');
  const db = await openPglite(undefined);
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    await migrate(db);
    await seedDemo(db, { today: TODAY });
    const input = await assembleSummaryReport(db, { period: PERIOD, today: TODAY });
    const report = summaryReportDocument(input);
    const invitation = invitationDocument(sampleInvitation());
    log(`demo province seeded as of ${TODAY}; annual report ${PERIOD}: ${input.sectors.length} sectors, ${input.appendix.length} appendix tables`);

    const rep = await measure(`annual report ${PERIOD}`, report, soffice, office !== null);
    const gm = await measure('Giấy mời', invitation, soffice, office !== null);

    let routeLine = '';
    if (soffice && office) {
      const gmDocx = await renderDocx(invitation);
      await docxToPdf(gmDocx);
      const t0 = performance.now();
      const four = await Promise.all([1, 2, 3, 4].map(() => docxToPdf(gmDocx)));
      four.forEach(assertPdf);
      log(`4 Giấy mời PDFs requested at once, queued through the one office: all back in ${r(performance.now() - t0)} ms`);

      app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock: systemClock(NOW), logger: false });
      await app.ready();
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'vanphong', password: DEMO_PASSWORD } });
      const sid = login.cookies.find((c) => c.name === 'nhip_sid')?.value;
      if (!sid) throw new Error(`sign-in failed: ${login.statusCode}`);
      const get = async () => {
        const res = await app!.inject({ method: 'GET', url: `/api/reports/summary?period=${PERIOD}&format=pdf`, headers: { cookie: `nhip_sid=${sid}` } });
        if (res.statusCode !== 200) throw new Error(`GET report pdf: ${res.statusCode} ${res.body.slice(0, 200)}`);
        assertPdf(res.rawPayload);
      };
      await get();
      const route = await times(5, get);
      routeLine = `, route p50 ${r(route.p50)} ms`;
      log(`GET /api/reports/summary?period=${PERIOD}&format=pdf (assemble + .docx + warm PDF): ${show(route)}`);
    }

    const line = (name: string, f: DocFigures) =>
      `${name} docx p50 ${r(f.docx.p50)} ms` +
      (f.oneShot ? `, pdf one-shot ${r(f.oneShot.p50)} ms` : '') +
      (f.first ? `, first ${r(f.first.p50)} ms` : '') +
      (f.warm ? `, warm p50 ${r(f.warm.p50)} ms` : '');
    console.log(`documents: ${line('report', rep)}${routeLine}; ${line('Giấy mời', gm)}`);
  } finally {
    await app?.close();
    await stopWarmOffices();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
