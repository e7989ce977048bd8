/**
 * Use cases: import a whole configuration from a DHIS2-style metadata file (create or update by
 * code, all or nothing, with a dry run), export it, and list metadata for DHIS2 clients.
 */
import { rebuildAnalyticsCells } from '../analytics/analytics.cells.js';
import { audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { auditActorOf, type DhisActor, isUnitRole, mayManageMetadata } from './dhis2.policy.js';
import { checkPlan } from './metadata.check.js';
import type { Config } from './metadata.model.js';
import { type MetaError, type Op, type Plan, planMetadata } from './metadata.plan.js';
import { exportConfig } from './metadata.presenter.js';
import { metadataRepo as repo } from './metadata.repository.js';
import { COLLECTIONS, KLASS } from './metadata.schema.js';

type Stats = { created: number; updated: number; ignored: number; total: number };
export type MetadataReport = {
  status: 'OK' | 'ERROR';
  dryRun: boolean;
  stats: Stats;
  typeReports: { klass: string; collection: string; stats: Stats }[];
  errors: MetaError[];
};

const LOCK_KEY = 7_310_043; // one metadata import at a time (PostgreSQL advisory lock)

export async function importMetadata(
  db: Db,
  actor: DhisActor,
  json: unknown,
  opts: { dryRun?: boolean } = {},
  now = new Date(),
): Promise<MetadataReport> {
  if (!mayManageMetadata(actor)) throw forbidden('Chỉ Văn phòng Sở hoặc quản trị được nhập cấu hình (metadata).');
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw badRequest('Tệp cấu hình phải là một đối tượng JSON, ví dụ {"organisationUnits": […], "dataElements": […]}.');
  const body = json as Record<string, unknown>;
  if (!COLLECTIONS.some((c) => body[c] !== undefined))
    throw badRequest(`Tệp cấu hình không có mục nào Nhịp đọc được (${COLLECTIONS.join(', ')}).`);
  const dryRun = !!opts.dryRun;
  return db.tx(async (t) => {
    if (t.kind === 'postgresql') await t.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const stored = await repo.loadAll(t);
    const plan = planMetadata(body, stored);
    await checkPlan(t, plan, stored);
    const report = reportOf(plan, dryRun);
    if (report.status === 'ERROR' || dryRun) return report;
    await apply(t, plan, now);
    // Units moved, opened or closed and aggregation types changed all alter aggregates: rebuild them.
    const touches = (c: 'organisationUnits' | 'dataElements') => (plan[c] as Op<unknown>[]).some((o) => o.action !== 'unchanged');
    if (touches('organisationUnits') || touches('dataElements')) await rebuildAnalyticsCells(t);
    await audit(t, auditActorOf(actor), {
      action: 'metadata.import',
      entityType: 'metadata',
      entityId: null,
      after: { stats: report.stats, typeReports: report.typeReports.map((r) => ({ klass: r.klass, ...r.stats })) },
    });
    return report;
  });
}

function reportOf(plan: Plan, dryRun: boolean): MetadataReport {
  const failed = plan.errors.length > 0;
  const typeReports = COLLECTIONS.filter((c) => plan[c].length > 0).map((c) => {
    const ops = plan[c] as Op<unknown>[];
    const stats = failed
      ? { created: 0, updated: 0, ignored: ops.length, total: ops.length }
      : {
          created: ops.filter((o) => o.action === 'create').length,
          updated: ops.filter((o) => o.action === 'update').length,
          ignored: ops.filter((o) => o.action === 'unchanged').length,
          total: ops.length,
        };
    return { klass: KLASS[c], collection: c, stats };
  });
  const sum = (k: keyof Stats) => typeReports.reduce((n, r) => n + r.stats[k], 0);
  const erroneous = new Set(plan.errors.map((e) => `${e.klass}|${e.object}`)).size;
  return {
    status: failed ? 'ERROR' : 'OK',
    dryRun,
    stats: {
      created: sum('created'),
      updated: sum('updated'),
      ignored: sum('ignored') + (failed ? erroneous : 0),
      total: sum('total') + (failed ? erroneous : 0),
    },
    typeReports,
    errors: plan.errors,
  };
}

async function apply(db: Db, plan: Plan, now: Date) {
  const changed = <T>(ops: Op<T>[]) => ops.filter((o) => o.action !== 'unchanged');
  for (const { rec } of changed(plan.sectors)) await repo.upsertSector(db, rec);

  const units = changed(plan.organisationUnits);
  for (const { rec } of units) await repo.upsertUnit(db, rec, now);
  let treeChanged = false;
  for (const { rec, before } of units) {
    if (before === null || before.parent !== rec.parent) {
      await repo.setUnitParent(db, rec.code, rec.parent);
      treeChanged = true;
    }
    const preds = (p: typeof rec.predecessors) => JSON.stringify(p);
    if ((before === null && rec.predecessors.length) || (before && preds(before.predecessors) !== preds(rec.predecessors)))
      await repo.replaceLineage(db, rec.code, rec.predecessors);
  }
  if (treeChanged) await repo.recomputeTree(db);
  for (const { rec, before } of changed(plan.sectors))
    if (before === null || before.division !== rec.division) await repo.setSectorDivision(db, rec.code, rec.division);

  for (const { rec } of changed(plan.dataElements)) await repo.upsertElement(db, rec);
  for (const { rec } of changed(plan.indicators)) await repo.upsertIndicator(db, rec);
  for (const { rec, before } of changed(plan.dataSets)) {
    const id = await repo.upsertForm(db, rec);
    if (before === null || JSON.stringify(before.sections) !== JSON.stringify(rec.sections))
      await repo.replaceStructure(db, id, rec.sections);
    if (before === null || JSON.stringify(before.units) !== JSON.stringify(rec.units)) await repo.replaceFormUnits(db, id, rec.units);
  }
  for (const { rec } of changed(plan.validationRules)) await repo.upsertRule(db, rec);
  for (const { rec } of changed(plan.targets)) await repo.upsertTarget(db, rec);
}

/** The whole configuration as a metadata file that imports back unchanged. */
export async function exportMetadata(db: Db, now = new Date()) {
  return exportConfig(await repo.loadAll(db), now);
}

/** What the list endpoints may show: unit roles see their own unit, its ancestors and their forms. */
export async function visibleConfig(db: Db, actor: DhisActor): Promise<Config> {
  const c = await repo.loadAll(db);
  if (!isUnitRole(actor)) return c;
  const unitCode = actor.orgUnitId === null ? null : await repo.unitCodeById(db, actor.orgUnitId);
  if (!unitCode) return { ...c, units: [], forms: [] };
  const byCode = new Map(c.units.map((u) => [u.code, u]));
  const keep = new Set<string>();
  for (let code: string | null = unitCode; code && !keep.has(code); code = byCode.get(code)?.parent ?? null) keep.add(code);
  return {
    ...c,
    units: c.units.filter((u) => keep.has(u.code)),
    forms: c.forms.filter((f) => f.units.includes(unitCode)).map((f) => ({ ...f, units: [unitCode] })),
  };
}
