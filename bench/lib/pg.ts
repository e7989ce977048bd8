import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../../apps/server/src/platform/db/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(ROOT, 'scripts/pg-throwaway.sh');

export type BenchPostgres = {
  /** URL of a fresh, empty database made for this run. */
  url: string;
  /** Where it runs, for the report ("throwaway PostgreSQL 15.x on 127.0.0.1:55123"). */
  where: string;
  /** Drops the database and stops the server when this run started it. Safe to call twice. */
  close: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export function loopbackOnly(url: string) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))
    throw new Error(`Benchmarks run on loopback only; BENCH_DATABASE_URL points at ${host}.`);
}

/**
 * Starts scripts/pg-throwaway.sh on a free port: in a new temporary folder, or in `base` (reusing a cluster
 * found there). stop() shuts it down and removes the folder unless `keep`.
 */
export async function startThrowaway(opts: { base?: string; keep?: boolean } = {}): Promise<{ url: string; where: string; stop: () => void; reused: boolean }> {
  const keep = opts.keep ?? false;
  const base = opts.base ?? fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-bench-pg-'));
  const reused = fs.existsSync(path.join(base, 'data', 'PG_VERSION'));
  fs.mkdirSync(base, { recursive: true });
  fs.chmodSync(base, 0o755); // the postgres user must reach the data folder below it
  const dir = path.join(base, 'data');
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      execFileSync('bash', [SCRIPT, 'start', dir, String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      lastError = e;
      continue;
    }
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      try {
        execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
      } finally {
        if (!keep) fs.rmSync(base, { recursive: true, force: true });
      }
    };
    process.once('exit', stop);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, where: `throwaway PostgreSQL on 127.0.0.1:${port}`, stop, reused };
  }
  if (!keep && !reused) fs.rmSync(base, { recursive: true, force: true });
  throw new Error(`Could not start a throwaway PostgreSQL: ${String((lastError as { stderr?: Buffer })?.stderr ?? lastError)}`);
}

/**
 * A fresh database for one benchmark run: on the server named by BENCH_DATABASE_URL when set (loopback
 * only), else on a throwaway PostgreSQL 15 this process starts and stops.
 */
export async function benchPostgres(label: string): Promise<BenchPostgres> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) loopbackOnly(given);
  const server = given ? { url: given, where: `PostgreSQL at ${new URL(given).host}`, stop: () => {} } : await startThrowaway();
  const admin = await openPostgres(server.url, 1);
  const version = (await admin.one<{ v: string }>(`SELECT current_setting('server_version') AS v`)).v;
  const name = `nhip_bench_${label}_${process.pid}`;
  await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(server.url);
  u.pathname = `/${name}`;
  let closed = false;
  return {
    url: u.toString(),
    where: `${server.where} (server ${version})`,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      } finally {
        server.stop();
      }
    },
  };
}

export type BenchRound = {
  formId: number;
  roundId: number;
  period: string;
  /** Element codes in form order. */
  codes: string[];
  units: { id: number; code: string; username: string }[];
};

/**
 * Seeds what a benchmark needs in one go, with plain SQL (works on PGlite and PostgreSQL): a department,
 * `units` reporting units under it, one reporter per unit (all sharing one pre-computed password hash),
 * a quarterly form of `elements` integer data elements in sections of 25, assigned to every unit, and an
 * open round for `period`. Names are Vietnamese, as in real forms, so rendering costs are realistic.
 */
export async function seedBenchRound(
  db: import('../../apps/server/src/platform/db/index.js').Db,
  opts: {
    prefix: string;
    units: number;
    elements: number;
    passwordHash: string;
    period: string;
    periodStart: string;
    periodEnd: string;
    cutoffStart: string;
    cutoffEnd: string;
    deadline: string;
  },
): Promise<BenchRound> {
  const p = opts.prefix;
  return db.tx(async (tx) => {
    const dept = await tx.one<{ id: number }>(
      `INSERT INTO org_units (code, name, type, level, path) VALUES ($1, $2, 'department', 1, '/') RETURNING id`,
      [`${p}-SO`, `Sở Khoa học và Công nghệ (${p})`],
    );
    await tx.query(`UPDATE org_units SET path = '/' || id || '/' WHERE id = $1`, [dept.id]);
    const units = await tx.query<{ id: number; code: string }>(
      `INSERT INTO org_units (code, name, type, parent_id, level, path)
       SELECT $1 || '-DV' || lpad(i::text, 4, '0'), 'Phòng Văn hóa và Thông tin số ' || i, 'district_office', $2, 2, '/'
         FROM generate_series(1, $3::int) AS i
       RETURNING id, code`,
      [p, dept.id, opts.units],
    );
    await tx.query(`UPDATE org_units SET path = '/' || $1::int || '/' || id || '/' WHERE parent_id = $1`, [dept.id]);
    const users = await tx.query<{ id: number; username: string; org_unit_id: number }>(
      `INSERT INTO users (username, full_name, password_hash, role, org_unit_id)
       SELECT lower($1) || '.u' || lpad(row_number() OVER (ORDER BY u.id)::text, 4, '0'), 'Cán bộ báo cáo ' || u.code, $2, 'reporter', u.id
         FROM org_units u WHERE u.parent_id = $3
       RETURNING id, username, org_unit_id`,
      [p, opts.passwordHash, dept.id],
    );
    const elements = await tx.query<{ id: number; code: string }>(
      `INSERT INTO data_elements (code, name, value_type, aggregation_type, uom, min_value)
       SELECT $1 || '_CT' || lpad(i::text, 3, '0'), 'Chỉ tiêu thử nghiệm số ' || i || ' (số lượt, số đơn vị)', 'INTEGER', 'SUM', 'lượt', 0
         FROM generate_series(1, $2::int) AS i
       RETURNING id, code`,
      [p, opts.elements],
    );
    elements.sort((a, b) => a.code.localeCompare(b.code));
    const form = await tx.one<{ id: number }>(
      `INSERT INTO report_forms (code, name, period_type, kind, narrative) VALUES ($1, $2, 'Quarterly', 'administrative', false) RETURNING id`,
      [`${p}-BM`, `Biểu mẫu thử tải ${opts.elements} chỉ tiêu (${p})`],
    );
    const sections = Math.ceil(elements.length / 25);
    for (let s = 0; s < sections; s++) {
      const section = await tx.one<{ id: number }>(`INSERT INTO form_sections (form_id, title, sort) VALUES ($1, $2, $3) RETURNING id`, [
        form.id,
        `Phần ${s + 1}. Nhóm chỉ tiêu ${s + 1}`,
        s + 1,
      ]);
      const slice = elements.slice(s * 25, s * 25 + 25);
      await tx.query(
        `INSERT INTO form_elements (form_id, section_id, data_element_id, sort)
         SELECT $1, $2, e.id, e.ord FROM unnest($3::int[]) WITH ORDINALITY AS e(id, ord)`,
        [form.id, section.id, slice.map((e) => e.id)],
      );
    }
    await tx.query(`INSERT INTO form_units (form_id, org_unit_id) SELECT $1, id FROM org_units WHERE parent_id = $2`, [form.id, dept.id]);
    const round = await tx.one<{ id: number }>(
      `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open') RETURNING id`,
      [form.id, opts.period, opts.periodStart, opts.periodEnd, opts.cutoffStart, opts.cutoffEnd, opts.deadline],
    );
    const userOf = new Map(users.map((u) => [u.org_unit_id, u.username]));
    units.sort((a, b) => a.code.localeCompare(b.code));
    return {
      formId: form.id,
      roundId: round.id,
      period: opts.period,
      codes: elements.map((e) => e.code),
      units: units.map((u) => ({ id: u.id, code: u.code, username: userOf.get(u.id)! })),
    };
  });
}
