/**
 * Eligibility for a whole province in one go: 5,000 people across every title for individuals (35,000 answers),
 * and 300 collectives across every title for collectives, for one year, on PGlite and PostgreSQL 15. Aim: < 2 s.
 *
 *   npm run bench:awards                        (PGlite in memory, then a throwaway PostgreSQL 15)
 *   BENCH_DB=pglite npm run bench:awards        (or postgres)
 *   BENCH_PEOPLE=20000 npm run bench:awards
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:awards
 *
 * The data is generated from a fixed seed: 300 units (a quarter of them formed by a 2025 merger from two
 * predecessors each), people spread over them with memberships since 1995–2025, a rating for every person and unit
 * for 2018–2025, awards 2018–2025 drawn so that chains of CSTĐ cơ sở of every length occur (LĐTT for most, CSTĐ cơ sở
 * for a fifth, a CSTĐ cấp tỉnh now and then, collective titles for units), initiatives of each scope, some already
 * used, registrations for 2025 and live nominations of the same round.
 *
 * Certificates: 200 Giấy khen (BENCH_CERTIFICATES) of one decision built as one .docx, a landscape section each, and
 * turned into one PDF by the kit's LibreOffice: warm (the office kept running, BENCH_RUNS runs after a warm-up) and
 * one-shot. BENCH_DB=none runs this section alone; it needs `soffice` (and a Python with UNO for the warm office).
 */
import os from 'node:os';
import { Rng } from '../apps/server/src/modules/demo/rng.js';
import { bulkPersonEligibility } from '../apps/server/src/modules/awards/eligibility.service.js';
import { loadCatalog } from '../apps/server/src/modules/awards/catalog.service.js';
import { factsRepo } from '../apps/server/src/modules/awards/facts.repository.js';
import { evaluate, ruleBook, yearEnd } from '../apps/server/src/modules/awards/rules/engine.js';
import { type Db, openPglite, openPostgres } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { type CertificateFacts, renderCertificates } from '../apps/server/src/modules/awards/certificate.docx.js';
import { stopWarmOffices, warmOffice } from '../apps/server/src/modules/documents/kit/office.js';
import { docxToPdf, findSoffice } from '../apps/server/src/modules/documents/kit/pdf.js';
import { benchPostgres } from './lib/pg.js';
import { quantile } from './lib/stats.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const UNITS = Number(process.env.BENCH_UNITS ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WHICH = (process.env.BENCH_DB ?? 'both') as 'pglite' | 'postgres' | 'both' | 'none';
const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 200);
const YEAR = 2025;
const LOAD_BEFORE = os.loadavg()[0];
const INDIVIDUAL = ['LDTT', 'CSTD_CS', 'CSTD_TINH', 'GK_SO', 'BK_UBND_TINH', 'BK_BO', 'KNC'];
const COLLECTIVE = ['TTLDTT', 'TTLDXS', 'CO_TINH', 'GK_SO', 'BK_UBND_TINH', 'BK_BO'];
const RATINGS = ['xuat_sac', 'tot', 'tot', 'tot', 'hoan_thanh', 'khong_hoan_thanh'] as const;

async function copyRows(db: Db, table: string, cols: string[], types: string[], rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await db.query(
      `INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${types.map((t, k) => `$${k + 1}::${t}[]`).join(', ')})`,
      cols.map((_, k) => chunk.map((r) => r[k])),
    );
  }
}

/** The province: units, lineage, people, memberships, ratings, records, initiatives, registrations, nominations. */
async function seed(db: Db): Promise<{ personIds: number[]; unitIds: number[] }> {
  const rng = new Rng(20_251_231);
  const t0 = performance.now();
  await db.query(`INSERT INTO org_units (id, code, name, type, valid_from, valid_to) VALUES (1, 'B', 'Tỉnh', 'province', '2000-01-01', NULL)`);
  const units: unknown[][] = [];
  const lineage: unknown[][] = [];
  let id = 2;
  const live: number[] = [];
  for (let i = 0; i < UNITS; i++) {
    const merged = i % 4 === 0;
    const uid = id++;
    live.push(uid);
    units.push([uid, `B-U${i}`, `Đơn vị ${i}`, i % 3 === 0 ? 'division' : 'commune', 1, merged ? '2025-07-01' : '2000-01-01', null]);
    if (merged)
      for (let k = 0; k < 2; k++) {
        const pid = id++;
        units.push([pid, `B-U${i}-P${k}`, `Đơn vị cũ ${i}.${k}`, 'commune', 1, '2000-01-01', '2025-06-30']);
        lineage.push([uid, pid, 'merge']);
      }
  }
  await copyRows(db, 'org_units', ['id', 'code', 'name', 'type', 'parent_id', 'valid_from', 'valid_to'], ['int', 'text', 'text', 'text', 'int', 'date', 'date'], units);
  await db.query(`SELECT setval(pg_get_serial_sequence('org_units', 'id'), (SELECT max(id) FROM org_units))`);
  await copyRows(db, 'org_unit_lineage', ['unit_id', 'predecessor_id', 'kind'], ['int', 'int', 'text'], lineage);
  const predsOf = new Map<number, number[]>();
  for (const [u, p] of lineage as [number, number][]) predsOf.set(u, [...(predsOf.get(u) ?? []), p]);

  const people: unknown[][] = [];
  const members: unknown[][] = [];
  const ratings: unknown[][] = [];
  const records: unknown[][] = [];
  const unitOf: number[] = [];
  for (let p = 1; p <= PEOPLE; p++) {
    const unit = rng.pick(live);
    unitOf[p] = unit;
    people.push([p, `Cán bộ ${p}`, rng.chance(0.5) ? 'female' : 'male']);
    const start = `${rng.int(1995, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
    const preds = predsOf.get(unit);
    if (preds && start < '2025-07-01') {
      members.push([p, rng.pick(preds), start, '2025-06-30']);
      members.push([p, unit, '2025-07-01', null]);
    } else members.push([p, unit, start, null]);
    let chain = 0;
    for (let y = 2018; y <= YEAR; y++) {
      ratings.push([p, null, y, rng.pick(RATINGS)]);
      if (rng.chance(0.75)) records.push([p, null, 'LDTT', y, `${y}/LDTT`]);
      chain = rng.chance(chain > 0 ? 0.7 : 0.2) ? chain + 1 : 0;
      if (chain > 0) records.push([p, null, 'CSTD_CS', y, `${y}/CS`]);
      if (chain >= 3 && rng.chance(0.3)) records.push([p, null, 'CSTD_TINH', y, `${y}/T`]);
      if (rng.chance(0.05)) records.push([p, null, 'GK_SO', y, `${y}/GK`]);
    }
    if (rng.chance(0.02)) records.push([p, null, 'KNC', rng.int(2018, 2024), 'KNC']);
  }
  await copyRows(db, 'people', ['id', 'full_name', 'gender'], ['int', 'text', 'text'], people);
  await db.query(`SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT max(id) FROM people))`);
  await copyRows(db, 'person_memberships', ['person_id', 'org_unit_id', 'valid_from', 'valid_to'], ['int', 'int', 'date', 'date'], members);
  for (const u of [...live, ...lineage.map((l) => l[1] as number)])
    for (let y = 2018; y <= YEAR; y++) {
      ratings.push([null, u, y, rng.pick(RATINGS)]);
      if (rng.chance(0.5)) records.push([null, u, rng.pick(['TTLDTT', 'TTLDXS']), y, `${y}/TT${u}`]);
    }
  await copyRows(db, 'award_ratings', ['person_id', 'org_unit_id', 'year', 'rating'], ['int', 'int', 'int', 'text'], ratings);
  await copyRows(db, 'award_records', ['person_id', 'org_unit_id', 'award_code', 'year', 'decision_number'], ['int', 'int', 'text', 'int', 'text'], records);

  // Initiatives: about one for every three people, of each scope, a tenth already used by a history record.
  const initiatives: unknown[][] = [];
  const authors: unknown[][] = [];
  const recordIds = (await db.query<{ id: number }>(`SELECT id FROM award_records WHERE person_id IS NOT NULL ORDER BY id LIMIT 2000`)).map((r) => r.id);
  for (let i = 1; i <= Math.round(PEOPLE / 3); i++) {
    initiatives.push([i, `Sáng kiến ${i}`, rng.int(2019, YEAR), rng.pick(['co_so', 'co_so', 'co_so', 'tinh', 'tinh', 'toan_quoc']), rng.chance(0.1) ? rng.pick(recordIds) : null]);
    authors.push([i, rng.int(1, PEOPLE), 0]);
  }
  await copyRows(db, 'award_initiatives', ['id', 'title', 'year', 'scope', 'used_by_record_id'], ['int', 'text', 'int', 'text', 'int'], initiatives);
  await db.query(`SELECT setval(pg_get_serial_sequence('award_initiatives', 'id'), (SELECT max(id) FROM award_initiatives))`);
  await copyRows(db, 'award_initiative_authors', ['initiative_id', 'person_id', 'sort'], ['int', 'int', 'int'], authors);

  // Registrations for the year, and live nominations of the same round (CSTĐ cơ sở for a tenth of the people).
  const regs: unknown[][] = live.map((u, i) => [i + 1, u, YEAR, rng.chance(0.5) ? 'TTLDXS' : 'TTLDTT']);
  await copyRows(db, 'award_registrations', ['id', 'org_unit_id', 'year', 'collective_target'], ['int', 'int', 'int', 'text'], regs);
  const regOf = new Map(live.map((u, i) => [u, i + 1]));
  const targets: unknown[][] = [];
  const noms: unknown[][] = [];
  for (let p = 1; p <= PEOPLE; p++) {
    if (rng.chance(0.6)) targets.push([regOf.get(unitOf[p]), p, 'LDTT']);
    if (rng.chance(0.1)) noms.push([p, 'CSTD_CS', YEAR, unitOf[p], 'proposed']);
  }
  await copyRows(db, 'award_registration_targets', ['registration_id', 'person_id', 'award_code'], ['int', 'int', 'text'], targets);
  await copyRows(db, 'award_nominations', ['person_id', 'award_code', 'year', 'proposing_unit_id', 'status'], ['int', 'text', 'int', 'int', 'text'], noms);
  await db.exec('ANALYZE');
  const counts = await db.one<{ r: number; i: number; m: number }>(
    `SELECT (SELECT count(*) FROM award_records)::int AS r, (SELECT count(*) FROM award_initiatives)::int AS i, (SELECT count(*) FROM person_memberships)::int AS m`);
  console.log(`seed: ${PEOPLE} people, ${units.length} units (${lineage.length} lineage links), ${counts.m} memberships, ${ratings.length} ratings, ${counts.r} award records, `
    + `${counts.i} initiatives, ${noms.length} live nominations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { personIds: Array.from({ length: PEOPLE }, (_, i) => i + 1), unitIds: live };
}

type Run = { total: number; load: number; evaluate: number; answers: number; eligible: Record<string, number> };

async function people(db: Db, ids: number[]): Promise<Run> {
  const catalog = await loadCatalog(db);
  const t0 = performance.now();
  const all = await bulkPersonEligibility(db, ids, INDIVIDUAL, YEAR, catalog);
  const total = performance.now() - t0;
  // The same again, split: the facts, then the rules alone.
  const t1 = performance.now();
  const facts = await factsRepo.people(db, ids, { year: YEAR, date: yearEnd(YEAR) });
  const t2 = performance.now();
  const book = ruleBook(catalog);
  for (const f of facts.values()) for (const code of INDIVIDUAL) evaluate(book, f, { awardCode: code, year: YEAR, date: yearEnd(YEAR) });
  const t3 = performance.now();
  const eligible: Record<string, number> = {};
  let answers = 0;
  for (const m of all.values())
    for (const [code, e] of m) {
      answers += 1;
      if (e.eligible) eligible[code] = (eligible[code] ?? 0) + 1;
    }
  return { total, load: t2 - t1, evaluate: t3 - t2, answers, eligible };
}

async function units(db: Db, ids: number[]): Promise<{ total: number; answers: number; eligible: Record<string, number> }> {
  const catalog = await loadCatalog(db);
  const book = ruleBook(catalog);
  const t0 = performance.now();
  const facts = await factsRepo.units(db, ids, { year: YEAR, date: yearEnd(YEAR) });
  const eligible: Record<string, number> = {};
  let answers = 0;
  for (const f of facts.values())
    for (const code of COLLECTIVE) {
      answers += 1;
      if (evaluate(book, f, { awardCode: code, year: YEAR, date: yearEnd(YEAR) }).eligible) eligible[code] = (eligible[code] ?? 0) + 1;
    }
  return { total: performance.now() - t0, answers, eligible };
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

async function measure(db: Db, label: string): Promise<string> {
  console.log(`\n${label}`);
  await migrate(db);
  const { personIds, unitIds } = await seed(db);
  await people(db, personIds.slice(0, 200)); // warm-up
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await people(db, personIds));
  const sorted = (f: (r: Run) => number) => runs.map(f).sort((a, b) => a - b);
  const t = sorted((r) => r.total);
  console.log(`${PEOPLE} people × ${INDIVIDUAL.length} titles = ${runs[0].answers} answers, ${RUNS} runs: `
    + `p50 ${ms(quantile(t, 0.5))}, max ${ms(t[t.length - 1])}; facts p50 ${ms(quantile(sorted((r) => r.load), 0.5))}, rules p50 ${ms(quantile(sorted((r) => r.evaluate), 0.5))}`);
  console.log(`eligible: ${INDIVIDUAL.map((c) => `${c} ${runs[0].eligible[c] ?? 0}`).join(', ')}`);
  const u: Awaited<ReturnType<typeof units>>[] = [];
  for (let i = 0; i < RUNS; i++) u.push(await units(db, unitIds));
  const ut = u.map((x) => x.total).sort((a, b) => a - b);
  console.log(`${unitIds.length} collectives × ${COLLECTIVE.length} titles = ${u[0].answers} answers (members and predecessors included): p50 ${ms(quantile(ut, 0.5))}, max ${ms(ut[ut.length - 1])}`);
  console.log(`eligible: ${COLLECTIVE.map((c) => `${c} ${u[0].eligible[c] ?? 0}`).join(', ')}`);
  return `${label.split(' ')[0]} people p50 ${ms(quantile(t, 0.5))} (aim < 2000 ms), collectives p50 ${ms(quantile(ut, 0.5))}`;
}

/** One decision's Giấy khen for CERTIFICATES people and collectives: the .docx, then one PDF of it, warm and one-shot. */
async function certificates(): Promise<string> {
  console.log(`\n${CERTIFICATES} certificates (Giấy khen) as one PDF`);
  const rng = new Rng(20_260_120);
  const family = ['Nguyễn', 'Trần', 'Lê', 'Hoàng', 'Nông', 'Lục', 'Ma', 'Triệu', 'Hà', 'Đàm'];
  const given = ['Thị Hoa', 'Văn Đức', 'Thị Mai Lan', 'Đình Quang', 'Văn Hùng', 'Thị Nga', 'Công Tuấn', 'Thị Vân'];
  const facts: CertificateFacts[] = Array.from({ length: CERTIFICATES }, (_, i) => {
    const unit = i % 10 === 0;
    const female = rng.float() < 0.5;
    return {
      heading: 'Giấy khen', awarder: 'Giám đốc Sở Khoa học và Công nghệ tỉnh Vân Lĩnh',
      recipient: unit ? `Phòng Văn hóa – Xã hội xã ${given[i % given.length]!.split(' ').pop()} ${i}` : `${female ? 'Bà' : 'Ông'} ${family[i % family.length]} ${given[(i * 7) % given.length]}`,
      detail: unit ? 'Ủy ban nhân dân xã' : `Chuyên viên Phòng Bưu chính – Viễn thông`, achievement: 'Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025',
      decisionNumber: '15/QĐ-SKHCN', decisionDate: '2026-01-20', bookNumber: `15.${String(i + 1).padStart(3, '0')}`, place: 'Vân Lĩnh',
      signer: { title: 'GIÁM ĐỐC', name: 'Hoàng Văn Thái' },
    };
  });
  const t0 = performance.now();
  const docx = await renderCertificates(facts, 'Giấy khen theo Quyết định số 15/QĐ-SKHCN');
  const docxMs = performance.now() - t0;
  console.log(`.docx: ${ms(docxMs)}, ${(docx.length / 1024).toFixed(0)} KiB`);
  const soffice = await findSoffice();
  if (!soffice) {
    console.log('LibreOffice not installed: no PDF figures');
    return `certificates ${CERTIFICATES} .docx ${ms(docxMs)}, no PDF (no LibreOffice)`;
  }
  const pages = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/Type\s*\/Page(?!s)/g)].length;
  const office = await warmOffice(soffice);
  console.log(`LibreOffice: ${soffice}; warm office ${office ? `through ${office.python}` : 'unavailable (no Python with UNO): one-shot only'}`);
  const warm: number[] = [];
  let pdf: Buffer = Buffer.alloc(0);
  if (office) {
    await docxToPdf(docx, { timeoutMs: 300_000 }); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      pdf = await docxToPdf(docx, { timeoutMs: 300_000 });
      warm.push(performance.now() - t);
    }
    warm.sort((a, b) => a - b);
    console.log(`warm: p50 ${ms(quantile(warm, 0.5))}, max ${ms(warm[warm.length - 1]!)} (${RUNS} runs)`);
  }
  await stopWarmOffices();
  const t1 = performance.now();
  const cold = await docxToPdf(docx, { timeoutMs: 300_000, warm: false });
  const coldMs = performance.now() - t1;
  if (!pdf.length) pdf = cold;
  console.log(`one-shot: ${ms(coldMs)}; PDF ${pages(pdf)} pages, ${(pdf.length / 1024).toFixed(0)} KiB`);
  return `certificates ${CERTIFICATES} → ${pages(pdf)} pages: .docx ${ms(docxMs)}, PDF warm p50 ${warm.length ? ms(quantile(warm, 0.5)) : 'n/a'}, one-shot ${ms(coldMs)}`;
}

console.log(`machine: ${os.cpus().length} CPUs, 1-minute load average before the run ${LOAD_BEFORE.toFixed(1)}`);
const lines: string[] = [];
if (WHICH !== 'postgres' && WHICH !== 'none') {
  const db = await openPglite(undefined);
  lines.push(await measure(db, 'PGlite (in memory)'));
  await db.close();
}
if (WHICH !== 'pglite' && WHICH !== 'none') {
  const pg = await benchPostgres('awards');
  try {
    const db = await openPostgres(pg.url, 4);
    const v = await db.one<{ v: string }>(`SHOW server_version`);
    lines.push(await measure(db, `PostgreSQL ${v.v} (${pg.where})`));
    await db.close();
  } finally {
    await pg.close();
  }
}
lines.push(await certificates());
console.log(`\nawards: ${lines.join('; ')}`);
