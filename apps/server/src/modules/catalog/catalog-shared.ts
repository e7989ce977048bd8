/** Checks shared by the catalog use cases: codes, text, references, expressions. */
import { normalizeText, validateExpression } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { getUnit } from '../org/org.service.js';
import { elementsRepo, refsRepo } from './catalog.repository.js';
import { CODE_RE } from './catalog.schema.js';

export function cleanCode(code: string, what: string): string {
  const c = code.trim();
  if (!CODE_RE.test(c)) throw badRequest(`Mã ${what} "${c}" không hợp lệ: chỉ gồm chữ cái không dấu, chữ số, "_", "." hoặc "-", tối đa 50 ký tự.`);
  return c;
}

export function cleanName(name: string, label: string): string {
  const n = normalizeText(name);
  if (!n) throw badRequest(`${label} không được để trống.`);
  return n;
}

/** NFC, trimmed; empty → null. */
export const optText = (s: string | null | undefined): string | null => (s == null ? null : normalizeText(s) || null);

/** The keys of a PATCH body that were actually sent (undefined = leave as is; null = clear). */
export const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function checkDivision(db: Db, id: number | null): Promise<void> {
  if (id === null) return;
  const unit = await getUnit(db, id);
  if (!unit) throw badRequest(`Phòng chuyên môn (đơn vị id ${id}) không tồn tại.`);
  if (unit.type !== 'division') throw badRequest(`"${unit.name}" không phải là phòng chuyên môn (loại đơn vị "division").`);
}

export async function checkSector(db: Db, id: number | null): Promise<void> {
  if (id !== null && !(await refsRepo.sectorExists(db, id))) throw badRequest(`Lĩnh vực (id ${id}) không tồn tại.`);
}

/**
 * Every expression must parse and every #{CODE} must be an existing data element. Returns the codes used.
 * Messages say which part is wrong ("Tử số: Biểu thức không hợp lệ tại vị trí 4: …").
 */
export async function checkExpressions(db: Db, parts: { label: string; src: string }[]): Promise<string[]> {
  const codes = new Set<string>();
  for (const p of parts) {
    const r = validateExpression(p.src);
    if (!r.ok) throw badRequest(`${p.label}: ${r.error.message}`, { position: r.error.position });
    for (const c of r.codes) codes.add(c);
  }
  const known = codes.size ? await elementsRepo.existingCodes(db, [...codes]) : new Set<string>();
  const unknown = [...codes].filter((c) => !known.has(c));
  if (unknown.length)
    throw badRequest(`Biểu thức tham chiếu mã chỉ tiêu không tồn tại: ${unknown.join(', ')}.`, { unknownCodes: unknown });
  return [...codes];
}

/** Codes referenced by an expression that parses; [] for one that does not (it is reported elsewhere). */
export function codesOf(src: string): string[] {
  const r = validateExpression(src);
  return r.ok ? r.codes : [];
}

export const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/** Runs a write; a unique violation (two people saving the same code at once) becomes a 409. */
export async function uniqueOr409<T>(message: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(message);
    throw e;
  }
}
