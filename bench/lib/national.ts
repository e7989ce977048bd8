/**
 * Writes the analytics benchmark's data set (see national-plan.ts) straight into a migrated database with
 * set-based SQL: metadata from arrays in a handful of statements, then, quarter by quarter, every assigned
 * unit's approved submission and its values in two `INSERT … SELECT` statements. No value passes through
 * JavaScript; each is a hash of (element, unit, quarter), so the set is the same every time.
 *
 * National scale holds ~20.3 million approved values on PostgreSQL; province scale ~292,000, small enough
 * for PGlite. While loading, data_values' primary key and indexes are dropped and rebuilt at the end, and
 * foreign-key triggers are off (session_replication_role = replica, per transaction): the rows are
 * consistent by construction, and building an index once is many times faster than maintaining it per row.
 * The history is loaded without value_audit rows — it stands for data imported long ago.
 */
import type { Db } from '../../apps/server/src/platform/db/index.js';
import { ELEMENTS, FORMS, INDICATORS, planTree, QUARTERS, type Scale, type TreePlan, valueSql } from './national-plan.js';

export const GENERATOR_VERSION = 1;
const MARKER_KEY = 'bench.analytics.dataset';

export type DatasetMarker = {
  version: number;
  scale: Scale;
  values: number;
  submissions: number;
  units: number;
  generatedMs: number;
  generatedAt: string;
};

/** What a previous run left: the marker is written last, so its presence means the set is complete. */
export async function readMarker(db: Db): Promise<DatasetMarker | null> {
  const row = await db.maybeOne<{ value: DatasetMarker }>(`SELECT value FROM settings WHERE key = $1`, [MARKER_KEY]);
  return row?.value ?? null;
}

/** Whether the database holds anything besides what migrations create (a half-written set, another app). */
export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM org_units LIMIT 1) x`)).n === 0;
}

type Log = (line: string) => void;

export async function generateDataset(
  db: Db,
  opts: { scale: Scale; officeUsername: string; officePasswordHash: string; log: Log },
): Promise<DatasetMarker> {
  const started = performance.now();
  const plan = planTree(opts.scale);
  const office = await writeMetadata(db, plan, opts);
  const c = plan.counts;
  opts.log(
    `tree: ${c.oldProvinces} provinces → ${c.districts} districts → ${c.oldCommunes} communes until 30/06/2025; ` +
      `${c.newProvinces} provinces → ${c.newCommunes} communes from 01/07/2025; ${plan.lineage.length} lineage links; ` +
      `${ELEMENTS.length} data elements, ${INDICATORS.length} indicators, ${FORMS.length} forms (${Math.round(performance.now() - started)} ms)`,
  );

  const kept = await dropValueIndexes(db);
  const historyForms = (
    await db.query<{ id: number }>(`SELECT id FROM report_forms WHERE code = ANY($1::text[])`, [
      FORMS.filter((f) => f.history).map((f) => f.code),
    ])
  ).map((f) => f.id);
  let values = 0;
  let submissions = 0;
  const loadStart = performance.now();
  for (const [i, q] of QUARTERS.entries()) {
    const t0 = performance.now();
    const n = await db.tx(async (tx) => {
      await tx.exec(`SET LOCAL session_replication_role = replica`);
      const s = await tx.one<{ n: number }>(
        `WITH ins AS (
           INSERT INTO submissions (round_id, org_unit_id, status, version, submitted_at, reviewed_at, reviewed_by, created_at, updated_at, updated_by)
           SELECT r.id, fu.org_unit_id, 'approved', 3, t.sub, t.rev, $3, t.sub, t.rev, $3
             FROM reporting_rounds r
             JOIN form_units fu ON fu.form_id = r.form_id
             JOIN org_units u ON u.id = fu.org_unit_id
             CROSS JOIN LATERAL (SELECT (r.period_end + 10)::timestamptz AS sub, (r.period_end + 20)::timestamptz AS rev) t
            WHERE r.period = $1 AND r.form_id = ANY($2::int[])
              AND u.valid_from <= r.period_end AND (u.valid_to IS NULL OR u.valid_to >= r.period_start)
            ORDER BY r.form_id, fu.org_unit_id
           RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [q.id, historyForms, office],
      );
      const v = await tx.one<{ n: number }>(
        `WITH ins AS (
           INSERT INTO data_values (data_element_id, org_unit_id, period, value, num_value, submission_id, created_at, updated_at)
           SELECT fe.data_element_id, s.org_unit_id, r.period, h.v::text, h.v, s.id, s.submitted_at, s.submitted_at
             FROM reporting_rounds r
             JOIN submissions s ON s.round_id = r.id
             JOIN form_elements fe ON fe.form_id = r.form_id
             CROSS JOIN LATERAL (SELECT ${valueSql('fe.data_element_id', 's.org_unit_id', '$3')} AS v) h
            WHERE r.period = $1 AND r.form_id = ANY($2::int[])
           RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [q.id, historyForms, q.index],
      );
      return { s: s.n, v: v.n };
    });
    submissions += n.s;
    values += n.v;
    const elapsed = performance.now() - loadStart;
    const eta = (elapsed / (i + 1)) * (QUARTERS.length - i - 1);
    if (opts.scale === 'national' || i % 8 === 7 || i === QUARTERS.length - 1)
      opts.log(
        `values: ${q.id} ${n.s} submissions, ${n.v} values in ${Math.round(performance.now() - t0)} ms — ${values} so far, about ${Math.round(eta / 1000)} s to go`,
      );
  }
  const t1 = performance.now();
  await restoreValueIndexes(db, kept);
  opts.log(`indexes: data_values primary key and ${kept.indexes.length} indexes rebuilt in ${Math.round(performance.now() - t1)} ms`);
  const t2 = performance.now();
  await db.exec(`VACUUM (ANALYZE) data_values`);
  await db.exec(`ANALYZE`);
  opts.log(`vacuum and analyze: ${Math.round(performance.now() - t2)} ms`);

  const marker: DatasetMarker = {
    version: GENERATOR_VERSION,
    scale: opts.scale,
    values,
    submissions,
    units: plan.groups.reduce((n, g) => n + g.length, 0),
    generatedMs: Math.round(performance.now() - started),
    generatedAt: new Date().toISOString(),
  };
  await db.query(`INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
    MARKER_KEY,
    JSON.stringify(marker),
  ]);
  return marker;
}

/** Tree, lineage, sectors, elements, indicators, forms, rounds and the office user; returns the user's id. */
async function writeMetadata(db: Db, plan: TreePlan, opts: { officeUsername: string; officePasswordHash: string }): Promise<number> {
  return db.tx(async (tx) => {
    for (const group of plan.groups) {
      await tx.query(
        `INSERT INTO org_units (code, name, type, parent_id, level, path, valid_from, valid_to)
         SELECT x.code, x.name, x.type, p.id, x.level, '/', x.vf::date, x.vt::date
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[])
                WITH ORDINALITY AS x(code, name, type, parent, level, vf, vt, ord)
           LEFT JOIN org_units p ON p.code = x.parent
          ORDER BY x.ord`,
        [
          group.map((u) => u.code),
          group.map((u) => u.name),
          group.map((u) => u.type),
          group.map((u) => u.parent),
          group.map((u) => u.level),
          group.map((u) => u.validFrom),
          group.map((u) => u.validTo),
        ],
      );
    }
    await tx.query(`UPDATE org_units SET path = '/' || id || '/' WHERE parent_id IS NULL`);
    for (let level = 2; level <= 4; level++) {
      await tx.query(`UPDATE org_units c SET path = p.path || c.id || '/' FROM org_units p WHERE c.parent_id = p.id AND c.level = $1`, [
        level,
      ]);
    }
    await tx.query(
      `INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind)
       SELECT u.id, p.id, 'merge' FROM unnest($1::text[], $2::text[]) AS x(unit, pred)
         JOIN org_units u ON u.code = x.unit JOIN org_units p ON p.code = x.pred`,
      [plan.lineage.map((l) => l.unit), plan.lineage.map((l) => l.predecessor)],
    );

    await tx.query(
      `INSERT INTO sectors (code, name, sort) VALUES ('TN_BCVT', 'Bưu chính, viễn thông (thử nghiệm)', 1), ('TN_CDS', 'Chuyển đổi số (thử nghiệm)', 2)`,
    );
    await tx.query(
      `INSERT INTO data_elements (code, name, value_type, aggregation_type, uom, min_value, sector_id)
       SELECT x.code, x.name, x.vt, x.agg, 'đơn vị', 0, s.id
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS x(code, name, vt, agg, sector, ord)
         JOIN sectors s ON s.code = x.sector
        ORDER BY x.ord`,
      [
        ELEMENTS.map((e) => e.code),
        ELEMENTS.map((e) => e.name),
        ELEMENTS.map((e) => e.valueType),
        ELEMENTS.map((e) => e.aggregation),
        ELEMENTS.map((e) => e.sector),
      ],
    );
    await tx.query(
      `INSERT INTO indicators (code, name, numerator, denominator, factor, decimals)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::int[])`,
      [
        INDICATORS.map((i) => i.code),
        INDICATORS.map((i) => i.name),
        INDICATORS.map((i) => i.numerator),
        INDICATORS.map((i) => i.denominator),
        INDICATORS.map((i) => i.factor),
        INDICATORS.map((i) => i.decimals),
      ],
    );

    for (const f of FORMS) {
      const form = await tx.one<{ id: number }>(
        `INSERT INTO report_forms (code, name, period_type, kind, narrative) VALUES ($1, $2, 'Quarterly', 'administrative', false) RETURNING id`,
        [f.code, f.name],
      );
      await tx.query(
        `INSERT INTO form_sections (form_id, title, sort) SELECT $1, 'Phần ' || s || '. Nhóm chỉ tiêu ' || s, s FROM generate_series(1, $2::int) AS s`,
        [form.id, Math.ceil(f.elements.length / 25)],
      );
      await tx.query(
        `INSERT INTO form_elements (form_id, section_id, data_element_id, sort)
         SELECT $1, sec.id, de.id, x.ord
           FROM unnest($2::text[]) WITH ORDINALITY AS x(code, ord)
           JOIN data_elements de ON de.code = x.code
           JOIN form_sections sec ON sec.form_id = $1 AND sec.sort = (x.ord - 1) / 25 + 1`,
        [form.id, f.elements],
      );
      await tx.query(`INSERT INTO form_units (form_id, org_unit_id) SELECT $1, u.id FROM org_units u WHERE ${f.assignedTo}`, [form.id]);
      if (!f.history) continue;
      await tx.query(
        `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, status)
         SELECT $1, q.id, q.ps::date, q.pe::date, q.ps::date, q.pe::date, ((q.pe::date + 15)::text || ' 17:00:00+07')::timestamptz, 'closed'
           FROM unnest($2::text[], $3::text[], $4::text[]) AS q(id, ps, pe)`,
        [form.id, QUARTERS.map((q) => q.id), QUARTERS.map((q) => q.start), QUARTERS.map((q) => q.end)],
      );
    }

    const user = await tx.one<{ id: number }>(
      `INSERT INTO users (username, full_name, password_hash, role) VALUES ($1, 'Văn phòng Sở (thử nghiệm)', $2, 'office') RETURNING id`,
      [opts.officeUsername, opts.officePasswordHash],
    );
    return user.id;
  });
}

type KeptIndexes = { primaryKey: { name: string; def: string } | null; indexes: { name: string; def: string }[] };

/** Drops data_values' primary key and secondary indexes (whatever the migrations made), remembering them. */
async function dropValueIndexes(db: Db): Promise<KeptIndexes> {
  return db.tx(async (tx) => {
    const pk = await tx.maybeOne<{ name: string; def: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'data_values'::regclass AND contype = 'p'`,
    );
    const indexes = await tx.query<{ name: string; def: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = 'data_values'::regclass AND NOT x.indisprimary
        ORDER BY i.relname`,
    );
    for (const i of indexes) await tx.exec(`DROP INDEX ${quoteIdent(i.name)}`);
    if (pk) await tx.exec(`ALTER TABLE data_values DROP CONSTRAINT ${quoteIdent(pk.name)}`);
    return { primaryKey: pk, indexes };
  });
}

async function restoreValueIndexes(db: Db, kept: KeptIndexes): Promise<void> {
  await db.tx(async (tx) => {
    await tx.exec(`SET LOCAL maintenance_work_mem = '${db.kind === 'pglite' ? '128MB' : '1GB'}'`);
    if (kept.primaryKey) await tx.exec(`ALTER TABLE data_values ADD CONSTRAINT ${quoteIdent(kept.primaryKey.name)} ${kept.primaryKey.def}`);
    for (const i of kept.indexes) await tx.exec(i.def);
  });
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
