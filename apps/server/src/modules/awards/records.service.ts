/**
 * The award register (lịch sử khen thưởng): facts already decided, stored as given. Entered one by one, imported
 * from a spreadsheet of years of paper history (all or nothing, line-numbered errors), listed, searched without
 * diacritics, exported. Decision records are written by recording a decision; history records may be corrected.
 */
import { type Actor, canDo, RATING_LABELS, RATINGS, type Rating } from '@nhip/contracts';
import { createHash } from 'node:crypto';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { parseFlexibleDate } from '../org/org-rules.js';
import { awardsRepo, type RecordFilter, type RecordView, type RecordWrite, recordKey, type SubjectUnit } from './awards.repository.js';
import { loadCatalog } from './catalog.service.js';
import type { AwardType, Catalog } from './rules/types.js';
import { type Column, type LineError, readTable, type SheetRow } from './sheet.js';
import { oneSubject, type Subject, subjectName } from './subjects.js';

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();

/** A title by its code or its Vietnamese name (any period's), diacritics and case aside; null when unknown. */
export function findType(catalog: Catalog, text: string): AwardType | null {
  const t = text.trim();
  if (!t) return null;
  const byCode = catalog.types.find((x) => x.code === t.toUpperCase());
  if (byCode) return byCode;
  const f = fold(t.replace(/^["“]|["”]$/g, ''));
  return catalog.types.find((x) => fold(x.name) === f || x.versions.some((v) => fold(v.name) === f)) ?? null;
}

/** The award type named in a request body, or a 400. */
export function typeInBody(catalog: Catalog, code: string): AwardType {
  const t = findType(catalog, code);
  if (!t) throw badRequest(`Không có danh hiệu, hình thức khen thưởng mã "${code.trim()}" trong danh mục.`);
  return t;
}

/** "Chiến sĩ thi đua cơ sở" xét tặng cho cá nhân: the subject must fit the type. */
export function subjectFits(t: AwardType, s: Subject): string | null {
  if (t.subject === 'both') return null;
  if (t.subject === 'individual' && s.kind !== 'person') return `"${t.name}" chỉ xét tặng cho cá nhân; hãy ghi person (mã cán bộ) thay cho unit.`;
  if (t.subject === 'collective' && s.kind !== 'unit') return `"${t.name}" chỉ xét tặng cho tập thể; hãy ghi unit (mã đơn vị) thay cho person.`;
  return null;
}

export const thisYear = (today: string) => Number(today.slice(0, 4));

/** A year a fact may be recorded for: not in the future. */
export function yearProblem(year: number, today: string): string | null {
  if (!Number.isInteger(year) || year < 1945) return `Năm ${year} không hợp lệ.`;
  if (year > thisYear(today)) return `Năm ${year} chưa đến; chỉ ghi được thành tích đến năm ${thisYear(today)}.`;
  return null;
}

const cleanOpt = (s: string | null | undefined, max: number, what: string) => {
  const t = (s ?? '').normalize('NFC').trim();
  if (t.length > max) throw badRequest(`${what} dài quá ${max} ký tự.`);
  return t === '' ? null : t;
};

export type RecordInput = {
  person?: number; unit?: string; title: string; year: number; decision?: string | null; decisionDate?: string | null; authority?: string | null; note?: string | null;
};

const recordSnap = (w: RecordWrite) => ({
  personId: w.personId, unitId: w.unitId, awardCode: w.awardCode, year: w.year, decisionNumber: w.decisionNumber, decisionDate: w.decisionDate, authority: w.authority,
  note: w.note, source: w.source,
});

/** Stores one history record as given (no eligibility check: it was decided already). */
export async function createRecord(db: Db, actor: Actor, by: AuditActor, input: RecordInput, today: string): Promise<number> {
  if (!canDo(actor, 'awards.manage')) throw forbidden();
  const subject = await oneSubject(db, input, today, true);
  const catalog = await loadCatalog(db);
  const type = typeInBody(catalog, input.title);
  const misfit = subjectFits(type, subject);
  if (misfit) throw badRequest(misfit);
  const yp = yearProblem(input.year, today);
  if (yp) throw badRequest(yp);
  if (input.decisionDate && input.decisionDate > today) throw badRequest('Ngày quyết định không được sau hôm nay.');
  const w: RecordWrite = {
    personId: subject.kind === 'person' ? subject.personId : null, unitId: subject.kind === 'unit' ? subject.unit.id : null, awardCode: type.code, year: input.year,
    decisionNumber: cleanOpt(input.decision, 100, 'Số quyết định'), decisionDate: input.decisionDate ?? null, authority: cleanOpt(input.authority, 200, 'Cấp khen'),
    note: cleanOpt(input.note, 2000, 'Ghi chú'), source: 'history', createdBy: actor.id,
  };
  return db.tx(async (t) => {
    if ((await awardsRepo.existingRecordKeys(t, [w])).has(recordKey(w)))
      throw conflict(`${subjectName(subject)} đã có "${type.name}" năm ${w.year}${w.decisionNumber ? ` theo quyết định ${w.decisionNumber}` : ''} trong lịch sử khen thưởng.`);
    const id = await awardsRepo.insertRecord(t, w);
    await audit(t, by, { action: 'award_record.create', entityType: 'award_record', entityId: id, orgUnitId: subject.unit?.id ?? null, after: recordSnap(w) });
    return id;
  });
}

/** Removes a history record entered by mistake (a decision's records stay with the decision). */
export async function deleteRecord(db: Db, actor: Actor, by: AuditActor, id: number, today: string): Promise<void> {
  if (!canDo(actor, 'awards.manage')) throw forbidden();
  await db.tx(async (t) => {
    const r = await awardsRepo.record(t, id, today);
    if (!r) throw notFound('Không tìm thấy bản ghi khen thưởng.');
    if (r.source === 'decision') throw conflict('Bản ghi này do một quyết định khen thưởng tạo ra; hãy sửa quyết định thay vì xóa bản ghi.');
    await awardsRepo.deleteRecord(t, id);
    await audit(t, by, { action: 'award_record.delete', entityType: 'award_record', entityId: id, orgUnitId: r.unit?.id ?? r.homeUnit?.id ?? null, before: r });
  });
}

export const recordById = async (db: Db, id: number, today: string): Promise<RecordView> => {
  const r = await awardsRepo.record(db, id, today);
  if (!r) throw notFound('Không tìm thấy bản ghi khen thưởng.');
  return r;
};

export type RecordQuery = {
  person?: number; unit?: string; title?: string; year?: number; yearFrom?: number; yearTo?: number; q?: string; source?: 'history' | 'decision';
  page: number; pageSize: number;
};

/** The filter of a register query; null when it names a unit or title that does not exist (an empty page). */
async function recordFilter(db: Db, q: Omit<RecordQuery, 'page' | 'pageSize'>): Promise<RecordFilter | null> {
  let unitId: number | undefined;
  if (q.unit !== undefined) {
    const u = await awardsRepo.unitByCode(db, q.unit.trim());
    if (!u) return null;
    unitId = u.id;
  }
  let awardCode: string | undefined;
  if (q.title !== undefined) {
    const t = findType(await loadCatalog(db), q.title);
    if (!t) return null;
    awardCode = t.code;
  }
  const words = (q.q ?? '').normalize('NFC').trim().split(/\s+/).filter((w) => w.length > 0).slice(0, 10);
  return {
    personId: q.person, unitId, awardCode, yearFrom: q.year ?? q.yearFrom, yearTo: q.year ?? q.yearTo, words: words.map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`)),
    source: q.source, unitIds: null,
  };
}

/** A page of the register: everyone signed in reads it (awards are public decisions). */
export async function listRecords(db: Db, q: RecordQuery, today: string): Promise<{ total: number; items: RecordView[] }> {
  const f = await recordFilter(db, q);
  if (!f) return { total: 0, items: [] };
  return awardsRepo.listRecords(db, f, today, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}

// ───────────── import and export ─────────────

export const RECORD_COLUMNS = [
  { key: 'personId', label: 'Mã cán bộ' },
  { key: 'fullName', label: 'Họ và tên' },
  { key: 'unitCode', label: 'Mã đơn vị' },
  { key: 'title', label: 'Danh hiệu, hình thức khen thưởng', aliases: ['Danh hiệu', 'Hình thức khen thưởng', 'Hình thức'] },
  { key: 'year', label: 'Năm', aliases: ['Năm thành tích'] },
  { key: 'decision', label: 'Số quyết định', aliases: ['Quyết định', 'Số QĐ'] },
  { key: 'decisionDate', label: 'Ngày quyết định', aliases: ['Ngày QĐ'] },
  { key: 'authority', label: 'Cấp khen' },
  { key: 'note', label: 'Ghi chú' },
] as const satisfies readonly Column<string>[];
type RecordColumn = (typeof RECORD_COLUMNS)[number]['key'];

export type ImportResult = { created: number; existing: number; errors: LineError[]; dryRun: boolean; format: 'csv' | 'xlsx' };

type SubjectLookup = {
  units: Map<string, SubjectUnit>;
  people: Map<number, { id: number; fullName: string; unitId: number | null }>;
  byName: Map<string, number[]>;
};

/** Looks up every person and unit a file names, in three queries. */
async function lookups(db: Db, rows: SheetRow<'personId' | 'fullName' | 'unitCode'>[], today: string): Promise<SubjectLookup> {
  const codes = [...new Set(rows.map((r) => r.values.unitCode ?? '').filter((c) => c !== ''))];
  const units = await awardsRepo.unitsByCodes(db, codes);
  const ids = [...new Set(rows.map((r) => Number(r.values.personId)).filter((n) => Number.isInteger(n) && n > 0 && n <= 2_147_483_647))];
  const people = ids.length ? await awardsRepo.peopleWithHome(db, ids, today) : new Map();
  const pairs = rows
    .filter((r) => !r.values.personId && r.values.fullName && r.values.unitCode && units.has(r.values.unitCode.toLowerCase()))
    .map((r) => ({ name: r.values.fullName!, unitId: units.get(r.values.unitCode!.toLowerCase())!.id }));
  const byName = new Map<string, number[]>();
  for (const m of await awardsRepo.peopleByNameInUnits(db, pairs)) {
    const k = `${fold(m.name)}|${m.unit_id}`;
    byName.set(k, [...(byName.get(k) ?? []), m.person_id]);
  }
  return { units, people, byName };
}

/** The subject a spreadsheet line names: a person by id, or by name within a unit; else the unit (a collective). */
function lineSubject(v: Partial<Record<'personId' | 'fullName' | 'unitCode', string>>, l: SubjectLookup, errs: string[]): { personId: number | null; unitId: number | null } | null {
  const unit = v.unitCode ? l.units.get(v.unitCode.toLowerCase()) : undefined;
  if (v.unitCode && !unit) errs.push(`Không có đơn vị mã "${v.unitCode}".`);
  if (v.personId) {
    const id = Number(v.personId);
    const p = Number.isInteger(id) && id > 0 ? l.people.get(id) : undefined;
    if (!p) {
      errs.push(`Không có cán bộ mã "${v.personId}".`);
      return null;
    }
    if (v.fullName && fold(v.fullName) !== fold(p.fullName)) errs.push(`Họ tên "${v.fullName}" không khớp với cán bộ mã ${id} ("${p.fullName}").`);
    return { personId: id, unitId: null };
  }
  if (v.fullName) {
    if (!v.unitCode) {
      errs.push('Dòng ghi họ tên nhưng không có mã cán bộ (personId) hoặc mã đơn vị (unitCode) để tìm cán bộ.');
      return null;
    }
    if (!unit) return null;
    const found = l.byName.get(`${fold(v.fullName)}|${unit.id}`) ?? [];
    if (found.length === 0) errs.push(`Không tìm thấy cán bộ "${v.fullName}" từng công tác tại "${unit.name}".`);
    else if (found.length > 1) errs.push(`Có ${found.length} cán bộ tên "${v.fullName}" từng công tác tại "${unit.name}"; hãy ghi mã cán bộ (personId).`);
    else return { personId: found[0], unitId: null };
    return null;
  }
  if (unit) return { personId: null, unitId: unit.id };
  if (!v.unitCode) errs.push('Cần ghi mã cán bộ (personId), họ tên và mã đơn vị, hoặc chỉ mã đơn vị cho khen thưởng tập thể.');
  return null;
}

/** The person or collective of every line (by line number), and each line's problems naming them. */
export async function resolveLines(
  db: Db, rows: SheetRow<'personId' | 'fullName' | 'unitCode'>[], today: string,
): Promise<{ subjects: Map<number, { personId: number | null; unitId: number | null }>; errors: Map<number, string[]> }> {
  const l = await lookups(db, rows, today);
  const subjects = new Map<number, { personId: number | null; unitId: number | null }>();
  const errors = new Map<number, string[]>();
  for (const r of rows) {
    const errs: string[] = [];
    const s = lineSubject(r.values, l, errs);
    if (s) subjects.set(r.line, s);
    if (errs.length) errors.set(r.line, errs);
  }
  return { subjects, errors };
}

/**
 * Imports award history from a CSV or .xlsx. All or nothing: any line error and nothing is written. Unknown titles
 * and years in the future are refused; a record already stored (same subject, title, year and decision) is counted
 * as existing and not written again, so a file may be imported twice.
 */
export async function importRecords(
  db: Db, actor: Actor, by: AuditActor, input: Buffer | string, opts: { dryRun: boolean; today: string; filename?: string | null },
): Promise<ImportResult> {
  if (!canDo(actor, 'awards.manage')) throw forbidden();
  const { rows, errors, format } = await readTable<RecordColumn>(input, RECORD_COLUMNS, ['title', 'year']);
  const catalog = await loadCatalog(db);
  const lines = await resolveLines(db, rows, opts.today);
  const writes: (RecordWrite & { line: number })[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const errs = [...(lines.errors.get(r.line) ?? [])];
    const v = r.values;
    const subject = lines.subjects.get(r.line) ?? null;
    const type = findType(catalog, v.title ?? '');
    if (!v.title) errs.push('Cột "title" (danh hiệu, hình thức khen thưởng) không được để trống.');
    else if (!type) errs.push(`Không có danh hiệu, hình thức khen thưởng "${v.title}" trong danh mục.`);
    const year = /^\d{4}$/.test(v.year ?? '') ? Number(v.year) : Number.NaN;
    if (Number.isNaN(year)) errs.push(`Năm "${v.year ?? ''}" không hợp lệ (ghi 4 chữ số, ví dụ 2024).`);
    else {
      const yp = yearProblem(year, opts.today);
      if (yp) errs.push(yp);
    }
    let decisionDate: string | null = null;
    if (v.decisionDate) {
      decisionDate = parseFlexibleDate(v.decisionDate);
      if (!decisionDate) errs.push(`Ngày quyết định "${v.decisionDate}" không hợp lệ (dạng YYYY-MM-DD hoặc dd/mm/yyyy).`);
      else if (decisionDate > opts.today) errs.push('Ngày quyết định không được sau hôm nay.');
    }
    for (const [k, max] of [['decision', 100], ['authority', 200], ['note', 2000], ['fullName', 200]] as const)
      if ((v[k] ?? '').length > max) errs.push(`Cột "${k}" dài quá ${max} ký tự.`);
    if (type && subject) {
      const misfit = subjectFits(type, subject.personId !== null ? ({ kind: 'person' } as Subject) : ({ kind: 'unit' } as Subject));
      if (misfit) errs.push(misfit.replace(/; hãy ghi .*$/, '.'));
    }
    if (errs.length || !subject || !type) {
      errors.push({ line: r.line, message: errs.join(' ') || 'Dòng không hợp lệ.' });
      continue;
    }
    const w: RecordWrite & { line: number } = {
      line: r.line, personId: subject.personId, unitId: subject.unitId, awardCode: type.code, year, decisionNumber: v.decision || null, decisionDate,
      authority: v.authority || null, note: v.note || null, source: 'history', createdBy: actor.id,
    };
    const key = recordKey(w);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line: r.line, message: `Trùng với dòng ${first} (cùng người hoặc tập thể, danh hiệu, năm và số quyết định).` });
      continue;
    }
    seen.set(key, r.line);
    writes.push(w);
  }
  errors.sort((a, b) => a.line - b.line);
  const existingKeys = errors.length ? new Set<string>() : await awardsRepo.existingRecordKeys(db, writes);
  const fresh = writes.filter((w) => !existingKeys.has(recordKey(w)));
  const result: ImportResult = { created: errors.length ? 0 : fresh.length, existing: writes.length - fresh.length, errors, dryRun: opts.dryRun, format };
  if (opts.dryRun || errors.length || fresh.length === 0) return result;
  await db.tx(async (t) => {
    await awardsRepo.insertRecords(t, fresh.map(({ line: _line, ...w }) => w));
    await audit(t, by, {
      action: 'award_record.import', entityType: 'award_record', entityId: null,
      after: {
        filename: opts.filename ?? null, format, size: typeof input === 'string' ? Buffer.byteLength(input) : input.length,
        sha256: createHash('sha256').update(input).digest('hex'), created: fresh.length, existing: result.existing,
      },
    });
  });
  return result;
}

/** The register as rows for a spreadsheet, in the import's columns (an export re-imports as "existing"). */
export async function exportRows(db: Db, q: Omit<RecordQuery, 'page' | 'pageSize'>, today: string): Promise<Record<RecordColumn, string>[]> {
  const f = await recordFilter(db, q);
  if (!f) return [];
  const { items } = await awardsRepo.listRecords(db, f, today, { limit: 100_000, offset: 0 });
  return items.map((r) => ({
    personId: r.person ? String(r.person.id) : '', fullName: r.person?.fullName ?? '', unitCode: r.unit?.code ?? r.homeUnit?.code ?? '', title: r.awardCode,
    year: String(r.year), decision: r.decisionNumber ?? '', decisionDate: r.decisionDate ?? '', authority: r.authority ?? '', note: r.note ?? '',
  }));
}

// ───────────── ratings ─────────────

const RATING_WORDS: Record<string, Rating> = {
  xuat_sac: 'xuat_sac', htxsnv: 'xuat_sac', tot: 'tot', httnv: 'tot', hoan_thanh: 'hoan_thanh', htnv: 'hoan_thanh', khong_hoan_thanh: 'khong_hoan_thanh',
  khtnv: 'khong_hoan_thanh',
};
/** A rating as a file or a form may write it: its code, its abbreviation (HTXSNV …) or its Vietnamese words. */
export function parseRating(s: string): Rating | null {
  const f = fold(s).replace(/\s+/g, ' ');
  if (RATING_WORDS[f.replace(/ /g, '_')]) return RATING_WORDS[f.replace(/ /g, '_')];
  return RATINGS.find((r) => fold(RATING_LABELS[r].vi) === f) ?? null;
}
