/** Annual performance ratings (xếp loại chất lượng) of people and collectives: set one, list, import a spreadsheet. */
import { type Actor, canDo, maySeeAwardData, RATING_LABELS, type Rating } from '@nhip/contracts';
import { createHash } from 'node:crypto';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { awardsRepo, type RatingView } from './awards.repository.js';
import { parseRating, resolveLines, yearProblem } from './records.service.js';
import { type Column, type LineError, readTable } from './sheet.js';
import { ensureVisible, oneSubject, subjectUnitId } from './subjects.js';

export type RatingInput = { person?: number; unit?: string; year: number; rating: Rating; note?: string | null };

/** Sets (or changes) one rating; audited with what it was before. */
export async function setRating(db: Db, actor: Actor, by: AuditActor, input: RatingInput, today: string): Promise<number> {
  if (!canDo(actor, 'awards.manage')) throw forbidden();
  const subject = await oneSubject(db, input, today, true);
  const yp = yearProblem(input.year, today);
  if (yp) throw badRequest(yp);
  const note = (input.note ?? '').normalize('NFC').trim() || null;
  return db.tx(async (t) => {
    const w = { personId: subject.kind === 'person' ? subject.personId : null, unitId: subject.kind === 'unit' ? subject.unit.id : null, year: input.year, rating: input.rating, note, by: actor.id };
    const { id, before } = await awardsRepo.upsertRating(t, w);
    if (before && before.rating === w.rating && before.note === w.note) return id;
    await audit(t, by, {
      action: before ? 'award_rating.update' : 'award_rating.create', entityType: 'award_rating', entityId: id, orgUnitId: subjectUnitId(subject),
      before: before ? { rating: before.rating, note: before.note } : null, after: { personId: w.personId, unitId: w.unitId, year: w.year, rating: w.rating, note },
    });
    return id;
  });
}

/** The units whose award data the actor sees (null: all); a viewer sees none of it. */
export function visibleUnits(actor: Actor): number[] | null {
  if (actor.role === 'admin' || actor.role === 'office' || actor.role === 'director') return null;
  if (actor.role === 'viewer') throw forbidden();
  return actor.orgUnitId === null ? [] : [actor.orgUnitId];
}

export async function listRatings(db: Db, actor: Actor, q: { person?: number; unit?: string; year?: number }, today: string): Promise<RatingView[]> {
  const unitIds = visibleUnits(actor);
  let personId: number | undefined;
  let unitId: number | undefined;
  if (q.person !== undefined || q.unit !== undefined) {
    const s = await oneSubject(db, q, today, false);
    ensureVisible(actor, s, maySeeAwardData);
    if (s.kind === 'person') personId = s.personId;
    else unitId = s.unit.id;
  }
  return awardsRepo.listRatings(db, { personId, unitId, year: q.year, unitIds }, today);
}

export const RATING_COLUMNS = [
  { key: 'personId', label: 'Mã cán bộ' },
  { key: 'fullName', label: 'Họ và tên' },
  { key: 'unitCode', label: 'Mã đơn vị' },
  { key: 'year', label: 'Năm' },
  { key: 'rating', label: 'Xếp loại' },
  { key: 'note', label: 'Ghi chú' },
] as const satisfies readonly Column<string>[];
type RatingColumn = (typeof RATING_COLUMNS)[number]['key'];

export type RatingImportResult = { saved: number; errors: LineError[]; dryRun: boolean; format: 'csv' | 'xlsx' };

/**
 * Imports ratings (all or nothing). A line names a person by id (or by name within a unit), or a collective by its
 * unit code alone; rating is a code (xuat_sac, tot, hoan_thanh, khong_hoan_thanh), an abbreviation (HTXSNV, HTTNV,
 * HTNV, KHTNV) or the words. A rating already stored for that year is replaced.
 */
export async function importRatings(
  db: Db, actor: Actor, by: AuditActor, input: Buffer | string, opts: { dryRun: boolean; today: string; filename?: string | null },
): Promise<RatingImportResult> {
  if (!canDo(actor, 'awards.manage')) throw forbidden();
  const { rows, errors, format } = await readTable<RatingColumn>(input, RATING_COLUMNS, ['year', 'rating']);
  const subjects = await resolveLines(db, rows, opts.today);
  const writes: { line: number; personId: number | null; unitId: number | null; year: number; rating: Rating; note: string | null }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const errs = [...(subjects.errors.get(r.line) ?? [])];
    const subject = subjects.subjects.get(r.line) ?? null;
    const year = /^\d{4}$/.test(r.values.year ?? '') ? Number(r.values.year) : Number.NaN;
    if (Number.isNaN(year)) errs.push(`Năm "${r.values.year ?? ''}" không hợp lệ (ghi 4 chữ số, ví dụ 2024).`);
    else {
      const yp = yearProblem(year, opts.today);
      if (yp) errs.push(yp);
    }
    const rating = parseRating(r.values.rating ?? '');
    if (!rating)
      errs.push(`Xếp loại "${r.values.rating ?? ''}" không hợp lệ: ghi ${Object.values(RATING_LABELS).map((l) => `"${l.vi}"`).join(', ')} (hoặc HTXSNV, HTTNV, HTNV, KHTNV).`);
    if ((r.values.note ?? '').length > 2000) errs.push('Cột "note" dài quá 2000 ký tự.');
    if (errs.length || !subject || !rating) {
      errors.push({ line: r.line, message: errs.join(' ') || 'Dòng không hợp lệ.' });
      continue;
    }
    const key = `${subject.personId ?? `u${subject.unitId}`}|${year}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line: r.line, message: `Trùng với dòng ${first}: cùng người hoặc tập thể và cùng năm.` });
      continue;
    }
    seen.set(key, r.line);
    writes.push({ line: r.line, ...subject, year, rating, note: r.values.note || null });
  }
  errors.sort((a, b) => a.line - b.line);
  const result: RatingImportResult = { saved: errors.length ? 0 : writes.length, errors, dryRun: opts.dryRun, format };
  if (opts.dryRun || errors.length || writes.length === 0) return result;
  await db.tx(async (t) => {
    for (const w of writes) await awardsRepo.upsertRating(t, { ...w, by: actor.id });
    await audit(t, by, {
      action: 'award_rating.import', entityType: 'award_rating', entityId: null,
      after: { filename: opts.filename ?? null, format, sha256: createHash('sha256').update(input).digest('hex'), saved: writes.length },
    });
  });
  return result;
}
