/**
 * CSV export and import of the organisation. The import is all or nothing: it is planned and checked
 * in memory (org-import-plan.ts), then written in one transaction with one audit event per unit.
 */
import { refreshCellsForPaths } from '../analytics/analytics.cells.js';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { type CsvRecord, decodeCsv, type LineError, parseCsv, toCsv } from './org-csv.js';
import { type PlannedUnit, planImport } from './org-import-plan.js';
import { childPath, type LineageKind, type OrgUnit } from './org-rules.js';
import { orgRepo } from './org.repository.js';

export type ImportResult = { created: number; updated: number; unchanged: number; errors: LineError[]; dryRun: boolean };

/** Every unit, closed ones included, parents before children; importable back unchanged. */
export async function exportUnitsCsv(db: Db): Promise<string> {
  const units = await orgRepo.all(db);
  const links = await orgRepo.lineage(db, null);
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  const preds = new Map<number, string[]>();
  for (const l of links) preds.set(l.unitId, [...(preds.get(l.unitId) ?? []), l.predecessorCode]);
  const rows: CsvRecord[] = units.map((u) => ({
    code: u.code,
    name: u.name,
    type: u.type,
    parentCode: u.parentId ? (codeOf.get(u.parentId) ?? '') : '',
    validFrom: u.validFrom,
    validTo: u.validTo ?? '',
    predecessorCodes: (preds.get(u.id) ?? []).sort().join(';'),
  }));
  return toCsv(rows);
}

/** Level and materialised path of every unit, computed from parent ids. */
function places(units: OrgUnit[]): Map<number, { level: number; path: string }> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Map<number, { level: number; path: string }>();
  const place = (u: OrgUnit): { level: number; path: string } => {
    const known = out.get(u.id);
    if (known) return known;
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    const up = parent ? place(parent) : null;
    const p = { level: up ? up.level + 1 : 1, path: childPath(up?.path ?? null, u.id) };
    out.set(u.id, p);
    return p;
  };
  for (const u of units) place(u);
  return out;
}

type Snap = {
  code: string; name: string; shortName: string | null; type: string; parentId: number | null; validFrom: string; validTo: string | null;
  sectorId: number | null; predecessors: { id: number; code: string; kind: LineageKind }[];
};

export async function importUnitsCsv(db: Db, actor: AuditActor, input: Buffer | string, opts: { dryRun: boolean }): Promise<ImportResult> {
  const { rows, errors: syntaxErrors } = parseCsv(decodeCsv(input));
  return db.tx(async (t) => {
    await orgRepo.lockTree(t);
    const existing = await orgRepo.all(t);
    const links = await orgRepo.lineage(t, null);
    const inUse = new Set<number>();
    for (const u of existing) if (u.type === 'division' && (await orgRepo.divisionReferences(t, u.id)) > 0) inUse.add(u.id);
    const plan = planImport(rows, existing, links, inUse);
    const errors = [...syntaxErrors, ...plan.errors].sort((a, b) => a.line - b.line);
    const result: ImportResult = { created: plan.created, updated: plan.updated, unchanged: plan.unchanged, errors, dryRun: opts.dryRun };
    if (errors.length > 0 && !opts.dryRun) {
      const shown = errors.slice(0, 3).map((e) => `dòng ${e.line}: ${e.message}`).join(' ');
      throw badRequest(`Tệp có ${errors.length} lỗi, chưa có thay đổi nào được lưu. ${shown}${errors.length > 3 ? ' …' : ''}`, result);
    }
    if (opts.dryRun || plan.created + plan.updated === 0) return result;

    const idOf = new Map(existing.map((u) => [u.code, u.id]));
    const changed = plan.units.filter((p) => p.changed);
    const write = (p: PlannedUnit) => ({
      code: p.code, name: p.name, shortName: p.existing?.shortName ?? null, type: p.type,
      parentId: p.parentCode ? idOf.get(p.parentCode)! : null, validFrom: p.validFrom, validTo: p.validTo, sectorId: p.existing?.sectorId ?? null,
    });
    // New units level by level, so every parent already has an id; then every changed existing unit at once.
    const created = changed.filter((p) => !p.existing);
    for (const depth of [...new Set(created.map((p) => p.depth))]) {
      const ids = await orgRepo.insertMany(t, created.filter((p) => p.depth === depth).map(write));
      for (const [code, id] of ids) idOf.set(code, id);
    }
    await orgRepo.updateMany(t, changed.filter((p) => p.existing).map((p) => ({ id: p.existing!.id, ...write(p) })));
    const now = await orgRepo.all(t);
    const target = places(now);
    await orgRepo.setPlaces(
      t,
      now.filter((u) => target.get(u.id)!.path !== u.path || target.get(u.id)!.level !== u.level).map((u) => ({ id: u.id, ...target.get(u.id)! })),
    );
    // Figures follow units that moved, opened or closed: rebuild the cells along their old and new places.
    const byId = new Map(existing.map((u) => [u.id, u.path]));
    await refreshCellsForPaths(t, changed.flatMap((p) => {
      const id = idOf.get(p.code)!;
      return [byId.get(id), target.get(id)?.path].filter((x): x is string => !!x);
    }));
    const newLinks = changed.flatMap((p) => p.predecessors.map((x) => ({ unitId: idOf.get(p.code)!, predecessorId: idOf.get(x.code)!, kind: x.kind })));
    await orgRepo.replaceManyPredecessors(t, changed.map((p) => idOf.get(p.code)!), newLinks);

    for (const p of changed) {
      const id = idOf.get(p.code)!;
      const after: Snap = {
        ...write(p),
        predecessors: p.predecessors.map((x) => ({ id: idOf.get(x.code)!, code: x.code, kind: x.kind })),
      };
      const e = p.existing;
      const before: Snap | undefined = e
        ? {
            code: e.code, name: e.name, shortName: e.shortName, type: e.type, parentId: e.parentId, validFrom: e.validFrom, validTo: e.validTo,
            sectorId: e.sectorId,
            predecessors: links.filter((l) => l.unitId === e.id).map((l) => ({ id: l.predecessorId, code: l.predecessorCode, kind: l.kind })),
          }
        : undefined;
      await audit(t, actor, {
        action: e ? 'org_unit.update' : 'org_unit.create', entityType: 'org_unit', entityId: id, orgUnitId: id, before, after,
      });
    }
    await audit(t, actor, { action: 'org_unit.import', entityType: 'org_unit', after: { created: plan.created, updated: plan.updated, unchanged: plan.unchanged } });
    return result;
  });
}
