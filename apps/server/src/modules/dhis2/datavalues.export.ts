/**
 * Use case: export a DHIS2 data value set for forms × periods × units (optionally whole subtrees),
 * limited to what the caller may see, streamed page by page in key order (JSON or CSV).
 */
import { Readable } from 'node:stream';
import { parsePeriod } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { csvLine } from '../../platform/spreadsheet-safe.js';
import { type FormRow, dataValuesRepo as repo } from './datavalues.repository.js';
import { type DhisActor, exportScope } from './dhis2.policy.js';

export type DataValueExportQuery = {
  dataSet: string | string[];
  period: string | string[];
  /** Absent: every unit the caller may see. */
  orgUnit?: string | string[];
  children?: boolean;
  format?: 'json' | 'csv';
};
export type DataValueExport = { contentType: string; filename: string; body: Readable };

const PAGE = 10_000;
export const CSV_COLUMNS = ['dataElement', 'period', 'orgUnit', 'value', 'comment', 'storedBy', 'lastUpdated'] as const;
const list = (v: string | string[]) => [...new Set((Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))];

export async function streamDataValues(db: Db, actor: DhisActor, q: DataValueExportQuery): Promise<DataValueExport> {
  const scope = exportScope(actor);
  if (!scope) throw forbidden('Tài khoản chưa gắn với đơn vị nên không xem được số liệu.');
  const formCodes = list(q.dataSet);
  const periods = list(q.period);
  const unitCodes = q.orgUnit === undefined ? [] : list(q.orgUnit);
  if (!formCodes.length || !periods.length) throw badRequest('Cần chỉ rõ biểu mẫu (dataSet) và kỳ (period) cần xuất.');
  if (formCodes.length > 50 || periods.length > 500 || unitCodes.length > 5000)
    throw badRequest('Yêu cầu xuất quá nhiều biểu mẫu, kỳ hoặc đơn vị trong một lần.');
  for (const p of periods) if (!parsePeriod(p)) throw badRequest(`Kỳ báo cáo "${p}" không hợp lệ (dạng 2024, 2024S1, 2024Q1, 202401).`);

  const forms: FormRow[] = [];
  for (const code of formCodes) {
    const f = await repo.formByCode(db, code);
    const visible =
      f &&
      (scope.divisionId === null || f.division_id === scope.divisionId) &&
      (scope.onlyUnitId === null || (await repo.formUnitIds(db, [f.id])).includes(scope.onlyUnitId));
    if (!f || !visible) throw notFound(`Không tìm thấy biểu mẫu mã "${code}".`);
    forms.push(f);
  }
  const unitIds: number[] = [];
  const paths: string[] = [];
  for (const code of unitCodes) {
    const u = await repo.unitByCode(db, code);
    if (!u || (scope.onlyUnitId !== null && u.id !== scope.onlyUnitId)) throw notFound(`Không tìm thấy đơn vị mã "${code}".`);
    if (q.children && scope.onlyUnitId === null) paths.push(`${u.path}%`);
    else unitIds.push(u.id);
  }
  const elementIds = await repo.formElementIds(
    db,
    forms.map((f) => f.id),
  );
  const allUnits = unitCodes.length === 0;
  const query = {
    elementIds,
    periods,
    allUnits,
    unitIds,
    paths,
    onlyUnitIds: scope.onlyUnitId === null ? null : [scope.onlyUnitId],
    approvedOnly: scope.approvedOnly,
  };

  async function* pages() {
    let after: [number, number, string] = [0, 0, ''];
    for (;;) {
      const rows = await repo.exportPage(db, query, after, PAGE);
      if (rows.length === 0) return;
      yield rows;
      const last = rows[rows.length - 1];
      after = [last.de_id, last.ou_id, last.period];
      if (rows.length < PAGE) return;
    }
  }
  const format = q.format ?? 'json';
  const base = `so-lieu_${formCodes.join('-')}_${periods.join('-')}`.slice(0, 120);
  if (format === 'csv') {
    async function* csv() {
      yield `${CSV_COLUMNS.join(',')}\r\n`;
      for await (const rows of pages())
        yield `${rows.map((r) => csvLine([r.de, r.period, r.ou, r.value, r.comment, r.stored_by, r.updated_at.toISOString()])).join('\r\n')}\r\n`;
    }
    return { contentType: 'text/csv; charset=utf-8', filename: `${base}.csv`, body: Readable.from(csv()) };
  }
  async function* json() {
    yield '{"dataValues":[';
    let first = true;
    for await (const rows of pages()) {
      const parts = rows.map((r) => {
        const o: Record<string, unknown> = {
          dataElement: r.de,
          period: r.period,
          orgUnit: r.ou,
          value: r.value,
          storedBy: r.stored_by,
          created: r.created_at.toISOString(),
          lastUpdated: r.updated_at.toISOString(),
        };
        if (r.comment !== null) o.comment = r.comment;
        return JSON.stringify(o);
      });
      yield (first ? '' : ',') + parts.join(',');
      first = false;
    }
    yield ']}';
  }
  return { contentType: 'application/json; charset=utf-8', filename: `${base}.json`, body: Readable.from(json()) };
}

/** Reads a whole export into a string (tests, small CLI exports). */
export async function exportToString(e: DataValueExport): Promise<string> {
  let s = '';
  for await (const piece of e.body) s += piece;
  return s;
}
