/**
 * Use case: import a DHIS2 data value set (JSON or CSV) — streamed, checked row by row against maps
 * loaded once, written in chunks, all inside one transaction with its audit event.
 */
import type { Readable } from 'node:stream';
import { controlCharReason, findControlChar, formatNumber } from '@nhip/contracts';
import { audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { restoreCsvText } from '../../platform/spreadsheet-safe.js';
import { codeOf, ImportContext, type RawRow } from './datavalues.context.js';
import { ImportJob, type ImportOptions, type ImportSummary } from './datavalues.job.js';
import { auditActorOf, type DhisActor, mayImportApproved, mayImportValues } from './dhis2.policy.js';
import { DataValueSetJsonParser, JsonSyntaxError } from './json-stream.js';
import { csvBatches, textPieces } from './text-input.js';

export type { ImportSummary } from './datavalues.job.js';
export type DataValueImportInput = {
  format: 'json' | 'csv';
  body: string | Buffer | Readable;
  dryRun?: boolean;
  approve?: boolean;
  atomic?: boolean;
  /** Values written per statement (default 20,000); tests and the benchmark tune it. */
  chunkRows?: number;
  /** Approved chunks up to this many values update analytics cells by difference (default INCREMENTAL_CELLS_LIMIT). */
  cellsIncrementalLimit?: number;
};

const EMPTY = 'Không có dữ liệu gửi lên (nội dung trống).';
/** Rows of a JSON body held back before the first check, so top-level defaults may follow "dataValues". */
const JSON_LOOKAHEAD_ROWS = 50_000;

class Rollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('rollback');
  }
}

export async function importDataValues(db: Db, actor: DhisActor, input: DataValueImportInput, now: Date): Promise<ImportSummary> {
  const opts: ImportOptions = { dryRun: !!input.dryRun, approve: !!input.approve, atomic: !!input.atomic, format: input.format };
  if (!mayImportValues(actor) && !(opts.approve && mayImportApproved(actor)))
    throw forbidden('Vai trò của bạn không được nhập số liệu. Chỉ cán bộ của đơn vị báo cáo, Văn phòng Sở hoặc quản trị được nhập.');
  if (opts.approve && !mayImportApproved(actor))
    throw forbidden('Chỉ Văn phòng Sở hoặc quản trị được nạp số liệu đã duyệt (approve=true).');
  const pieces = textPieces(input.body);
  try {
    return await db.tx(async (t) => {
      const ctx = await ImportContext.load(t, actor, opts.approve);
      ctx.format = opts.format;
      const job = new ImportJob(t, ctx, actor, opts, now, input.chunkRows, input.cellsIncrementalLimit);
      if (opts.format === 'csv') await readCsv(pieces, job);
      else await readJson(pieces, job, ctx);
      await job.finish();
      const summary = job.summary();
      // An atomic import with a bad row, and a dry run, leave the database exactly as it was.
      if (job.failed || opts.dryRun) throw new Rollback(summary);
      await audit(t, auditActorOf(actor), {
        action: opts.approve ? 'datavalues.approve_import' : 'datavalues.import',
        entityType: 'dataValueSet',
        entityId: null,
        orgUnitId: actor.orgUnitId,
        after: {
          format: opts.format,
          atomic: opts.atomic,
          status: summary.status,
          importCount: summary.importCount,
          created: summary.created,
          conflicts: summary.conflicts.length,
        },
      });
      return summary;
    });
  } catch (err) {
    if (err instanceof Rollback) return err.summary;
    if (err instanceof JsonSyntaxError)
      throw badRequest(
        `Nội dung gửi lên không phải JSON hợp lệ: ${err.message} (vị trí ký tự ${formatNumber(err.position)}). Chưa ghi giá trị nào.`,
      );
    throw err;
  }
}

const field = (o: unknown, ...names: string[]): unknown => {
  if (!o || typeof o !== 'object') return undefined;
  for (const n of names) {
    const v = (o as Record<string, unknown>)[n];
    if (v !== undefined) return v;
  }
  return undefined;
};

function rawFromJson(o: unknown, index: number): RawRow {
  const ok = !!o && typeof o === 'object' && !Array.isArray(o);
  return {
    index,
    dataElement: ok ? field(o, 'dataElement') : undefined,
    period: ok ? field(o, 'period') : undefined,
    orgUnit: ok ? field(o, 'orgUnit') : undefined,
    value: ok ? field(o, 'value') : undefined,
    comment: ok ? field(o, 'comment') : undefined,
    coc: ok ? field(o, 'categoryOptionCombo') : undefined,
    aoc: ok ? field(o, 'attributeOptionCombo') : undefined,
    deleted: ok ? field(o, 'deleted') : undefined,
  };
}

async function readJson(pieces: AsyncIterable<string>, job: ImportJob, ctx: ImportContext) {
  const held: unknown[] = [];
  let index = 0;
  let started = false;
  const parser = new DataValueSetJsonParser(
    (row) => held.push(row),
    (key, value) => {
      if (key !== 'dataSet' && key !== 'period' && key !== 'orgUnit') return;
      if (started)
        throw badRequest(
          `Trường "${key}" phải đứng trước "dataValues" trong tệp JSON lớn (Nhịp đọc tệp theo luồng). Chưa ghi giá trị nào.`,
        );
      if (value !== null && typeof value !== 'string') throw badRequest(`Trường "${key}" phải là chuỗi mã.`);
      const bad = typeof value === 'string' ? findControlChar(value) : null;
      if (bad) throw badRequest(`Trường "${key}" ${controlCharReason(bad)}. Chưa ghi giá trị nào.`);
      ctx.defaults[key] = codeOf(value);
    },
  );
  const drain = async () => {
    started = true;
    for (const row of held) {
      const p = job.add(rawFromJson(row, index++));
      if (p) await p;
      if (job.full) await job.flush();
    }
    held.length = 0;
  };
  for await (const piece of pieces) {
    parser.write(piece);
    if (held.length >= JSON_LOOKAHEAD_ROWS || (started && held.length)) await drain();
  }
  parser.end();
  if (!parser.sawContent) throw badRequest(EMPTY);
  if (!parser.sawDataValues)
    throw badRequest('Nội dung JSON thiếu danh sách "dataValues": [{"dataElement", "period", "orgUnit", "value"}, …].');
  await drain();
}

const HEADER_ALIASES: Record<string, keyof Omit<RawRow, 'index'>> = {
  dataelement: 'dataElement',
  de: 'dataElement',
  period: 'period',
  pe: 'period',
  orgunit: 'orgUnit',
  ou: 'orgUnit',
  value: 'value',
  comment: 'comment',
  categoryoptioncombo: 'coc',
  catoptcombo: 'coc',
  attributeoptioncombo: 'aoc',
  attroptcombo: 'aoc',
  deleted: 'deleted',
};

function csvHeader(rec: string[]): Map<keyof Omit<RawRow, 'index'>, number> | null {
  const cols = new Map<keyof Omit<RawRow, 'index'>, number>();
  rec.forEach((name, i) => {
    const key =
      HEADER_ALIASES[
        name
          .trim()
          .toLowerCase()
          .replace(/[^a-z]/g, '')
      ];
    if (key && !cols.has(key)) cols.set(key, i);
  });
  for (const need of ['dataElement', 'period', 'orgUnit', 'value'] as const) if (!cols.has(need)) return null;
  return cols;
}

async function readCsv(pieces: AsyncIterable<string>, job: ImportJob) {
  let cols: Map<keyof Omit<RawRow, 'index'>, number> | null = null;
  let index = 0;
  let sawAny = false;
  for await (const batch of csvBatches(pieces)) {
    for (const rec of batch) {
      sawAny = true;
      if (!cols) {
        cols = csvHeader(rec);
        if (!cols)
          throw badRequest('Dòng đầu của tệp CSV phải là dòng tiêu đề có các cột dataElement, period, orgUnit, value (và comment nếu có).');
        continue;
      }
      const c = cols;
      const get = (k: keyof Omit<RawRow, 'index'>) => {
        const i = c.get(k);
        // A cell Nhịp's CSV export neutralised against formula injection ("'=…") reads back as it was.
        return i === undefined || rec[i] === undefined ? undefined : restoreCsvText(rec[i]);
      };
      const p = job.add({
        index: index++,
        dataElement: get('dataElement'),
        period: get('period'),
        orgUnit: get('orgUnit'),
        value: get('value'),
        comment: get('comment'),
        coc: get('coc'),
        aoc: get('aoc'),
        deleted: get('deleted'),
      });
      if (p) await p;
    }
    if (job.full) await job.flush();
  }
  if (!sawAny) throw badRequest(EMPTY);
}
