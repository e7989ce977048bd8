/**
 * Conferences, on the demo province ("Tỉnh Vân Lĩnh", seeded as of 22/11/2026) with the real server:
 *
 * - Documents: the four documents of the annual 2025 conference (the largest of the demo: guest, directive,
 *   awards, ten points, a reissued notice): the .docx through GET /api/conferences/{id}/documents/{kind}?format=docx
 *   (read, assemble, render; 1 warm-up + BENCH_RUNS runs, default 10) and the kit's render alone; the .pdf through
 *   the same route, warm (the kit's LibreOffice kept running: BENCH_RUNS runs) and cold (the office stopped before
 *   each, so the request starts it: 3 runs). Needs LibreOffice (`soffice`); the warm office needs a Python with UNO.
 * - The check-in burst: BENCH_DELEGATES delegates (default 300) of the invited annual 2026 conference checked in by
 *   two phones over real HTTP on loopback, their arrivals spread as the last 15 minutes before the opening are,
 *   compressed into BENCH_WINDOW seconds (default 30). Each phone scans a QR ticket (4 in 5) or finds the person by
 *   name typed without diacritics and picks them (1 in 5), then reloads its list and the counts as the check-in page
 *   does. Both phones also scan the same 10 % of the delegates within a second of each other, and both type in the same
 *   6 walk-ins. Afterwards the database must hold every delegate checked in once: 0 lost, 0 doubled (one stamp and
 *   one audit event per delegate, one row per walk-in). p50/p95/p99 of the POST, and arrival to checked in.
 * - The live view's notes: the secretary types the discussion item's notes; the page saves 1 s after typing stops,
 *   over the revision it has. BENCH_SAVES saves (default 40), each sent when the previous one is back and typing has
 *   paused (1 s plus a short burst of typing, compressed): p50/p95/max of the PUT; the notes in the database must
 *   be the last text sent.
 *
 * The burst and the notes run on PGlite (the embedded default) and on PostgreSQL 15 (a throwaway server from
 * scripts/pg-throwaway.sh, or BENCH_DATABASE_URL on loopback). BENCH_DB=pglite or BENCH_DB=postgres runs one.
 *
 *   npm run bench:conferences
 *   BENCH_DB=pglite BENCH_RUNS=20 npm run bench:conferences
 *
 * The last lines read: conferences docs: …; conferences checkin <db>: …; conferences notes <db>: …
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { foldDiacritics } from '@nhip/contracts';
import { buildApp } from '../apps/server/src/app.js';
import { conferencesRepo } from '../apps/server/src/modules/conferences/conferences.repository.js';
import { buildDocument } from '../apps/server/src/modules/conferences/documents.service.js';
import { newTicket, ticketPayload } from '../apps/server/src/modules/conferences/invitations.service.js';
import { DEMO_PASSWORD, seedDemo } from '../apps/server/src/modules/demo/seed.js';
import { mulberry32 } from '../apps/server/src/modules/demo/rng.js';
import { insertRows } from '../apps/server/src/modules/demo/sql.js';
import { renderDocx } from '../apps/server/src/modules/documents/kit/docx.js';
import { stopWarmOffices, warmOffice } from '../apps/server/src/modules/documents/kit/office.js';
import { findSoffice } from '../apps/server/src/modules/documents/kit/pdf.js';
import { systemClock } from '../apps/server/src/platform/clock.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { type Db, openPglite, openPostgres } from '../apps/server/src/platform/db/index.js';
import { migrate } from '../apps/server/src/platform/db/migrate.js';
import { benchPostgres } from './lib/pg.js';
import { quantile } from './lib/stats.js';

const TODAY = '2026-11-22';
/** The check-in runs on the morning of the invited conference's day; the documents as of the demo's today. */
const DOC_NOW = `${TODAY}T09:00:00+07:00`;
const OFFICE = 'vanphong';
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const COLD_RUNS = 3;
const DELEGATES = Number(process.env.BENCH_DELEGATES ?? 300);
const WINDOW_S = Number(process.env.BENCH_WINDOW ?? 30);
const SAVES = Number(process.env.BENCH_SAVES ?? 40);
const WALK_INS = 6;
const POOL = Number(process.env.BENCH_POOL ?? 10); // the server's own default pool size
const DBS = (process.env.BENCH_DB ?? 'pglite,postgres').split(',').map((s) => s.trim()).filter(Boolean);
if (!Number.isInteger(RUNS) || RUNS < 5) throw new Error('BENCH_RUNS must be an integer of at least 5');
if (!Number.isInteger(DELEGATES) || DELEGATES < 20) throw new Error('BENCH_DELEGATES must be an integer of at least 20');
if (!(WINDOW_S > 0)) throw new Error('BENCH_WINDOW must be a number of seconds');
if (!Number.isInteger(SAVES) || SAVES < 10) throw new Error('BENCH_SAVES must be an integer of at least 10');
for (const d of DBS) if (d !== 'pglite' && d !== 'postgres') throw new Error(`BENCH_DB: unknown database "${d}" (pglite, postgres)`);

/** Other work on the machine skews the figures: the report says how busy it was when the run began. */
const LOAD_BEFORE = os.loadavg()[0];
const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const r = Math.round;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

type Stats = { p50: number; p95: number; p99: number; max: number; n: number };
function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s[s.length - 1] ?? Number.NaN, n: s.length };
}
const show = (s: Stats) => `p50 ${r(s.p50)} ms, p95 ${r(s.p95)} ms, p99 ${r(s.p99)} ms, max ${r(s.max)} ms (${s.n})`;

// ───────────── HTTP on loopback ─────────────

type Res = { status: number; body: string; ms: number; headers: http.IncomingHttpHeaders };

/** One request on the client's own keep-alive agent (its own loopback source address, as a phone has its own). */
function request(agent: http.Agent, port: number, method: string, path: string, cookie: string | null, body?: unknown): Promise<Res> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1', port, method, path, agent,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...(cookie ? { cookie } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - t0, headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout ${method} ${path}`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function signIn(agent: http.Agent, port: number): Promise<string> {
  const login = await request(agent, port, 'POST', '/api/auth/login', null, { username: OFFICE, password: DEMO_PASSWORD });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${login.body.slice(0, 200)}`);
  const set = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('nhip_sid='));
  if (!set) throw new Error('sign-in gave no session cookie');
  return set.split(';')[0];
}

// ───────────── documents ─────────────

type DocFigures = { kind: string; bytes: number; docx: Stats; render: Stats; warm: Stats | null; cold: Stats | null };

async function documents(db: Db): Promise<DocFigures[]> {
  const soffice = await findSoffice();
  const office = soffice ? await warmOffice(soffice) : null;
  log(soffice ? `LibreOffice: ${soffice}; warm office ${office ? `through ${office.python}` : 'unavailable (no Python with UNO): PDFs go one-shot'}` : 'LibreOffice not installed: no PDF figures');
  const conf = await db.one<{ id: number; title: string }>(`SELECT id, title FROM conferences WHERE period = '2025' AND kind = 'annual'`);
  log(`documents of conference ${conf.id}: ${conf.title}`);
  const app = await buildApp({ db, config: { ...loadConfig({ NHIP_RATE_LIMITS: 'conference=off' }), scheduler: false }, clock: systemClock(DOC_NOW), logger: false });
  await app.ready();
  const out: DocFigures[] = [];
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: OFFICE, password: DEMO_PASSWORD } });
    const sid = login.cookies.find((c) => c.name === 'nhip_sid')?.value;
    if (!sid) throw new Error(`sign-in failed: ${login.statusCode}`);
    const get = async (kind: string, format: 'docx' | 'pdf') => {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/conferences/${conf.id}/documents/${kind}?format=${format}`, headers: { cookie: `nhip_sid=${sid}` } });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`GET ${kind}.${format}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (format === 'pdf' && res.rawPayload.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`${kind}.pdf is not a PDF`);
      if (format === 'docx' && res.rawPayload.subarray(0, 2).toString('latin1') !== 'PK') throw new Error(`${kind}.docx is not a .docx`);
      return { ms, bytes: res.rawPayload.length };
    };
    const times = async (n: number, fn: () => Promise<number>, before?: () => Promise<unknown>) => {
      const xs: number[] = [];
      for (let i = 0; i < n; i++) {
        await before?.();
        xs.push(await fn());
      }
      return stats(xs);
    };
    const c = (await conferencesRepo.byId(db, conf.id))!;
    for (const kind of ['invitation', 'agenda', 'minutes', 'conclusion'] as const) {
      const first = await get(kind, 'docx');
      const docx = await times(RUNS, async () => (await get(kind, 'docx')).ms);
      // The kit's render alone, from the document model (the issued notice is served as stored, so this is its issue cost).
      const model = (await buildDocument(db, c, kind, TODAY)).model;
      await renderDocx(model);
      const render = await times(RUNS, async () => {
        const t0 = performance.now();
        await renderDocx(model);
        return performance.now() - t0;
      });
      let warm: Stats | null = null;
      let cold: Stats | null = null;
      if (soffice) {
        cold = await times(COLD_RUNS, async () => (await get(kind, 'pdf')).ms, stopWarmOffices);
        await get(kind, 'pdf');
        warm = await times(RUNS, async () => (await get(kind, 'pdf')).ms);
      }
      log(`${kind}: .docx ${first.bytes} bytes, route ${show(docx)}; render alone p50 ${r(render.p50)} ms` +
        (warm && cold ? `; .pdf warm ${show(warm)}; cold (starts the office) ${show(cold)}` : ''));
      out.push({ kind, bytes: first.bytes, docx, render, warm, cold });
    }
  } finally {
    await app.close();
    await stopWarmOffices();
  }
  return out;
}

// ───────────── check-in burst ─────────────

const FAMILY = ['Nguyễn', 'Hoàng', 'Nông', 'Ma', 'Lục', 'Triệu', 'Hà', 'Đinh', 'Lương', 'Vi', 'Sầm', 'Đàm', 'Trần', 'Phạm', 'Lê', 'Bế', 'La', 'Chu', 'Lò', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Thị Thu', 'Minh', 'Thị Hồng', 'Quốc', 'Ngọc', 'Xuân', 'Thị Kim', 'Hữu', 'Thùy'];
const GIVEN = ['An', 'Bảo', 'Chi', 'Dũng', 'Đạt', 'Giang', 'Hạnh', 'Hằng', 'Hiếu', 'Huyền', 'Khải', 'Kiên', 'Lan', 'Long', 'Mai', 'Nam', 'Ngân',
  'Nghĩa', 'Oanh', 'Phúc', 'Quân', 'Sáng', 'Tài', 'Thảo', 'Thắng', 'Trí', 'Vân', 'Vinh', 'Xuân', 'Yến'];

type Burst = { conferenceId: number; delegates: { id: number; name: string; ticket: string }[]; walkIns: { name: string; unitId: number }[] };

/** Adds the delegates to the invited conference (plain rows, as units name them) and picks the walk-ins' names. */
async function prepareBurst(db: Db): Promise<Burst> {
  const conf = await db.one<{ id: number }>(`SELECT id FROM conferences WHERE status = 'invited' ORDER BY starts_at DESC LIMIT 1`);
  const invitations = await db.query<{ id: number; org_unit_id: number }>(`SELECT id, org_unit_id FROM conference_invitations WHERE conference_id = $1 ORDER BY id`, [conf.id]);
  const taken = new Set((await db.query<{ full_name: string }>(`SELECT full_name FROM conference_delegates WHERE conference_id = $1`, [conf.id])).map((x) => x.full_name));
  const names: string[] = [];
  for (let i = 0; names.length < DELEGATES + WALK_INS; i++) {
    const n = `${FAMILY[i % FAMILY.length]} ${MIDDLE[Math.floor(i / FAMILY.length) % MIDDLE.length]} ${GIVEN[Math.floor(i / (FAMILY.length * MIDDLE.length)) % GIVEN.length]}`;
    const name = i < FAMILY.length * MIDDLE.length * GIVEN.length ? n : `${n} ${i}`;
    if (!taken.has(name)) names.push(name);
  }
  const rng = mulberry32(42);
  const shuffled = names.map((n) => ({ n, k: rng() })).sort((a, b) => a.k - b.k).map((x) => x.n);
  const rows = shuffled.slice(0, DELEGATES).map((name, i) => ({ name, inv: invitations[i % invitations.length], ticket: newTicket() }));
  const ids = (await db.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('conference_delegates', 'id'))::int AS id FROM generate_series(1, $1::int) ORDER BY 1`, [DELEGATES])).map((x) => x.id);
  await insertRows(
    db, 'conference_delegates',
    [['id', 'int'], ['conference_id', 'int'], ['invitation_id', 'int'], ['org_unit_id', 'int'], ['full_name', 'text'], ['position', 'text'], ['ticket', 'text']],
    rows.map((x, i) => [ids[i], conf.id, x.inv.id, x.inv.org_unit_id, x.name, i % 3 ? 'Chuyên viên' : 'Lãnh đạo đơn vị', x.ticket]),
  );
  return {
    conferenceId: conf.id,
    delegates: rows.map((x, i) => ({ id: ids[i], name: x.name, ticket: x.ticket })),
    walkIns: shuffled.slice(DELEGATES).map((name, i) => ({ name, unitId: invitations[(i * 7) % invitations.length].org_unit_id })),
  };
}

type Arrival = { phone: 0 | 1; at: number; kind: 'scan' | 'name' | 'walk_in'; delegate: number | null; walkIn: number | null };

/**
 * Who comes to which phone when: arrivals over the last 15 minutes before the opening grow towards the start
 * (density rising linearly), compressed into WINDOW_S; a tenth of the delegates scanned again on the other phone
 * within a second; the walk-ins typed on both phones at once.
 */
function schedule(b: Burst): Arrival[] {
  const rng = mulberry32(7);
  const out: Arrival[] = [];
  b.delegates.forEach((_, i) => {
    const at = Math.sqrt(rng()) * WINDOW_S * 1000;
    const phone = (i % 2) as 0 | 1;
    out.push({ phone, at, kind: rng() < 0.8 ? 'scan' : 'name', delegate: i, walkIn: null });
    if (i % 10 === 3) out.push({ phone: (1 - phone) as 0 | 1, at: at + rng() * 1000, kind: 'scan', delegate: i, walkIn: null });
  });
  b.walkIns.forEach((_, j) => {
    const at = (0.3 + 0.1 * j) * WINDOW_S * 1000;
    out.push({ phone: 0, at, kind: 'walk_in', delegate: null, walkIn: j }, { phone: 1, at: at + rng() * 300, kind: 'walk_in', delegate: null, walkIn: j });
  });
  return out.sort((a, b) => a.at - b.at);
}

type CheckinResponse = { delegate: { id: number; checkedInAt: string }; alreadyCheckedIn: boolean; matched: string };

async function burst(db: Db, label: string, port: number, b: Burst) {
  const phones = [0, 1].map((p) => ({ agent: new http.Agent({ keepAlive: true, maxSockets: 6, localAddress: `127.0.1.${p + 1}` }), cookie: '' }));
  for (const p of phones) p.cookie = await signIn(p.agent, port);
  const base = `/api/conferences/${b.conferenceId}/checkin`;
  const plan = schedule(b);
  const post: number[] = [];
  const waited: number[] = [];
  const reloads: number[] = [];
  const searches: number[] = [];
  const failures: string[] = [];
  const firstBy = new Map<number, CheckinResponse[]>();
  const walkInAnswers = new Map<number, CheckinResponse[]>();
  const background: Promise<unknown>[] = [];
  const t0 = performance.now() + 500;
  await Promise.all(
    phones.map(async (phone, p) => {
      for (const a of plan.filter((x) => x.phone === p)) {
        await sleep(t0 + a.at - performance.now());
        try {
          let body: unknown;
          if (a.kind === 'walk_in') body = { walkIn: { fullName: b.walkIns[a.walkIn!].name, unitId: b.walkIns[a.walkIn!].unitId } };
          else if (a.kind === 'scan') body = { ticket: ticketPayload(b.conferenceId, b.delegates[a.delegate!].ticket) };
          else {
            // Typed without diacritics: family and given name.
            const words = foldDiacritics(b.delegates[a.delegate!].name).toLowerCase().split(' ');
            const q = encodeURIComponent(`${words[0]} ${words.at(-1)}`);
            const found = await request(phone.agent, port, 'GET', `${base}?q=${q}`, phone.cookie);
            searches.push(found.ms);
            const item = found.status === 200 ? (JSON.parse(found.body) as { items: { id: number }[] }).items.find((x) => x.id === b.delegates[a.delegate!].id) : null;
            if (!item) {
              failures.push(`search for ${b.delegates[a.delegate!].name}: ${found.status}, not found`);
              continue;
            }
            body = { delegateId: item.id };
          }
          const res = await request(phone.agent, port, 'POST', base, phone.cookie, body);
          post.push(res.ms);
          waited.push(performance.now() - (t0 + a.at));
          if (res.status !== 200) {
            failures.push(`${a.kind} ${res.status} ${res.body.slice(0, 200)}`);
            continue;
          }
          const answer = JSON.parse(res.body) as CheckinResponse;
          const key = a.kind === 'walk_in' ? a.walkIn! : b.delegates[a.delegate!].id;
          const map = a.kind === 'walk_in' ? walkInAnswers : firstBy;
          map.set(key, [...(map.get(key) ?? []), answer]);
          // The check-in page reloads its list and the counts after each arrival, without holding up the next scan.
          background.push(Promise.all([request(phone.agent, port, 'GET', base, phone.cookie), request(phone.agent, port, 'GET', `${base}/summary`, phone.cookie)]).then((rs) => {
            for (const x of rs) {
              reloads.push(x.ms);
              if (x.status !== 200) failures.push(`reload ${x.status}`);
            }
          }));
        } catch (e) {
          failures.push(`${a.kind}: ${(e as Error).message}`);
        }
      }
    }),
  );
  const wall = performance.now() - t0;
  await Promise.all(background);
  for (const p of phones) p.agent.destroy();

  // What the database holds.
  const ids = b.delegates.map((d) => d.id);
  const stamped = await db.query<{ id: number; checked_in_at: Date | null }>(`SELECT id, checked_in_at FROM conference_delegates WHERE id = ANY($1::int[])`, [ids]);
  const lost = stamped.filter((s) => s.checked_in_at === null).length;
  const events = await db.query<{ entity_id: string; n: number }>(
    `SELECT entity_id, count(*)::int AS n FROM audit_events WHERE action = 'conference.checkin' AND entity_type = 'conference_delegate'
      AND (after->>'conferenceId')::int = $1 GROUP BY entity_id`,
    [b.conferenceId],
  );
  const doubledEvents = events.filter((e) => e.n > 1).length;
  const walkRows = await db.query<{ full_name: string; n: number }>(
    `SELECT full_name, count(*)::int AS n FROM conference_delegates WHERE conference_id = $1 AND walk_in GROUP BY full_name`, [b.conferenceId]);
  const doubledWalkIns = walkRows.filter((w) => w.n > 1).length + Math.max(0, walkRows.length - b.walkIns.length);
  // Exactly one answer stamped each person, and the database kept that answer's time.
  let wrongAnswers = 0;
  const at = new Map(stamped.map((s) => [s.id, s.checked_in_at?.getTime() ?? null]));
  for (const d of b.delegates) {
    const answers = firstBy.get(d.id) ?? [];
    const fresh = answers.filter((x) => !x.alreadyCheckedIn);
    if (fresh.length !== 1 || new Date(fresh[0].delegate.checkedInAt).getTime() !== at.get(d.id)) wrongAnswers++;
  }
  for (const [, answers] of walkInAnswers) if (answers.filter((x) => !x.alreadyCheckedIn).length !== 1) wrongAnswers++;
  const missingWalkIns = b.walkIns.length - walkRows.length;
  const doubled = doubledEvents + doubledWalkIns;
  const events300 = events.filter((e) => ids.includes(Number(e.entity_id))).length;
  const p = stats(post);
  const w = stats(waited);
  const again = plan.filter((x) => x.delegate !== null).length - DELEGATES;
  log(`${label}: ${plan.length} check-ins over ${(wall / 1000).toFixed(1)} s: ${DELEGATES} delegates (${plan.filter((x) => x.kind === 'name').length} found by name), ` +
    `${again} scanned again on the other phone, ${b.walkIns.length} walk-ins typed on both phones`);
  log(`${label}: POST /checkin ${show(p)}; arrival to checked in ${show(w)}; name search ${show(stats(searches))}; page reloads ${show(stats(reloads))}`);
  log(`${label}: database: ${DELEGATES - lost}/${DELEGATES} checked in (lost ${lost}), ${events300} audit events for them (doubled ${doubledEvents}), ` +
    `${walkRows.length} walk-in rows for ${b.walkIns.length} people (doubled ${doubledWalkIns}, missing ${missingWalkIns}); answers inconsistent with the database ${wrongAnswers}; failures ${failures.length}`);
  for (const f of failures.slice(0, 5)) log(`  ${f}`);
  if (lost || doubled || missingWalkIns || wrongAnswers || failures.length) process.exitCode = 1;
  return { post: p, waited: w, lost, doubled, wall };
}

// ───────────── notes while typing ─────────────

const WORDS = (
  'Đại biểu Phòng Văn hóa – Xã hội xã Khê Thượng nêu khó khăn về đường truyền Internet tại nhà văn hóa thôn vào mùa mưa; đề nghị doanh nghiệp ' +
  'viễn thông khảo sát, bổ sung trạm phát sóng. Đại diện Viettel Vân Lĩnh cho biết đã đưa vào kế hoạch năm sau mười hai trạm mới ở vùng sâu. ' +
  'Trung tâm Công nghệ thông tin và Truyền thông đề xuất tập huấn an toàn thông tin cho cán bộ cấp xã trong quý I.'
).split(' ');

async function notes(db: Db, label: string, port: number, conferenceId: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6, localAddress: '127.0.2.1' });
  const cookie = await signIn(agent, port);
  const live = await request(agent, port, 'GET', `/api/conferences/${conferenceId}/live`, cookie);
  if (live.status !== 200) throw new Error(`GET live: ${live.status} ${live.body.slice(0, 200)}`);
  const item = (JSON.parse(live.body) as { items: { id: number; kind: string; notes: string; notesRevision: number }[] }).items.find((i) => i.kind === 'discussion')!;
  let revision = item.notesRevision;
  let text = item.notes;
  const rng = mulberry32(11);
  const ms: number[] = [];
  const failures: string[] = [];
  let w = 0;
  for (let i = 0; i < SAVES; i++) {
    // A burst of typing (3 to 12 words), then the pause that sends it: 1 s after the last key.
    const n = 3 + Math.floor(rng() * 10);
    for (let k = 0; k < n; k++) text += (text && !text.endsWith('\n') ? ' ' : '') + WORDS[w++ % WORDS.length];
    if (rng() < 0.2) text += '\n'; // a new line, then the pause
    await sleep(1000 + rng() * 400);
    const res = await request(agent, port, 'PUT', `/api/conferences/${conferenceId}/live/items/${item.id}/notes`, cookie, { notes: text, baseRevision: revision });
    ms.push(res.ms);
    if (res.status !== 200) {
      failures.push(`${res.status} ${res.body.slice(0, 200)}`);
      break;
    }
    revision = (JSON.parse(res.body) as { notesRevision: number }).notesRevision;
  }
  agent.destroy();
  const stored = await db.one<{ notes: string; notes_revision: number }>(`SELECT notes, notes_revision FROM conference_agenda_items WHERE id = $1`, [item.id]);
  // The server keeps the notes as typed, after the text boundary's NFC (a trailing new line included).
  const kept = stored.notes === text.normalize('NFC') && stored.notes_revision === revision;
  const s = stats(ms);
  log(`${label}: ${SAVES} saves of the discussion item's notes (up to ${text.length} characters): PUT ${show(s)}; stored text is the last sent: ${kept ? 'yes' : 'NO'}; failures ${failures.length}`);
  for (const f of failures.slice(0, 3)) log(`  ${f}`);
  if (!kept || failures.length) process.exitCode = 1;
  return s;
}

// ───────────── the runs ─────────────

async function serve(db: Db) {
  const conf = await db.one<{ starts_at: Date }>(`SELECT starts_at FROM conferences WHERE status = 'invited' ORDER BY starts_at DESC LIMIT 1`);
  // Half an hour before the opening, on the conference's day.
  const clock = systemClock(new Date(conf.starts_at.getTime() - 30 * 60_000).toISOString());
  const app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.server.address() as AddressInfo).port };
}

async function onDatabase(kind: 'pglite' | 'postgres', seeded: Db | null) {
  let pg: Awaited<ReturnType<typeof benchPostgres>> | null = null;
  let db = seeded;
  if (!db) {
    pg = await benchPostgres('conferences');
    db = await openPostgres(pg.url, POOL);
    await migrate(db);
    const t0 = performance.now();
    await seedDemo(db, { today: TODAY });
    log(`${pg.where}: demo seeded in ${r((performance.now() - t0) / 1000)} s`);
  }
  try {
    const b = await prepareBurst(db);
    const { app, port } = await serve(db);
    try {
      const c = await burst(db, `${kind} check-in`, port, b);
      const n = await notes(db, `${kind} notes`, port, b.conferenceId);
      return { kind, c, n };
    } finally {
      await app.close();
    }
  } finally {
    if (pg) {
      await db.close();
      await pg.close();
    }
  }
}

async function main() {
  log(`machine: ${os.cpus().length} CPUs, 1-minute load average before the run ${LOAD_BEFORE.toFixed(1)}`);
  const db = await openPglite(undefined);
  const lines: string[] = [];
  try {
    await migrate(db);
    const t0 = performance.now();
    const seeded = await seedDemo(db, { today: TODAY });
    log(`PGlite: demo seeded as of ${TODAY} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${seeded.counts.conferences} conferences, ${seeded.counts.conferenceDelegates} delegates`);
    const docs = await documents(db);
    const d = (f: DocFigures) => `${f.kind} docx p50 ${r(f.docx.p50)} ms` + (f.warm ? ` pdf warm p50 ${r(f.warm.p50)} ms cold ${r(f.cold!.p50)} ms` : '');
    lines.push(`conferences docs: ${docs.map(d).join('; ')}`);
    for (const kind of DBS as ('pglite' | 'postgres')[]) {
      const x = await onDatabase(kind, kind === 'pglite' ? db : null);
      lines.push(`conferences checkin ${kind}: ${DELEGATES} delegates in ${(x.c.wall / 1000).toFixed(1)} s, lost ${x.c.lost}, doubled ${x.c.doubled}, ` +
        `POST p50 ${r(x.c.post.p50)} ms p99 ${r(x.c.post.p99)} ms, arrival to checked in p99 ${r(x.c.waited.p99)} ms`);
      lines.push(`conferences notes ${kind}: save p50 ${r(x.n.p50)} ms p95 ${r(x.n.p95)} ms max ${r(x.n.max)} ms`);
    }
  } finally {
    await stopWarmOffices();
    await db.close();
  }
  for (const l of lines) console.log(l);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
