/**
 * Pure rules of the organisation tree, shared by the single-unit use cases and the CSV import:
 * codes, dates, validity intervals and materialised paths. No database here.
 */
import { formatDate, parseVNDate, type UnitType } from '@nhip/contracts';

export const LINEAGE_KINDS = ['rename', 'merge', 'split', 'transfer'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];

export const LINEAGE_KIND_LABELS: Record<LineageKind, string> = {
  rename: 'đổi tên',
  merge: 'sáp nhập',
  split: 'chia tách',
  transfer: 'chuyển giao',
};

/** The same code rule as data elements: letters, digits, '_', '.', '-' (no spaces, no ';'). */
export const UNIT_CODE_RE = /^[A-Za-z0-9_.-]{1,50}$/;
export const UNIT_CODE_MESSAGE = 'Mã đơn vị chỉ gồm chữ cái không dấu, chữ số, "_", "." hoặc "-", tối đa 50 ký tự.';

/** An org unit as the server works with it. `path` lists the ids from the root down to the unit itself: '/1/5/12/'. */
export type OrgUnit = {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  type: UnitType;
  parentId: number | null;
  level: number;
  path: string;
  validFrom: string;
  validTo: string | null;
  sectorId: number | null;
};

export type Validity = { validFrom: string; validTo: string | null };

/** Is 'YYYY-MM-DD' a real calendar date? */
export function isISODate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** 'YYYY-MM-DD' or 'dd/mm/yyyy' (as typed in Vietnam) → 'YYYY-MM-DD'; null when not a real date. */
export function parseFlexibleDate(s: string): string | null {
  const t = s.trim();
  if (isISODate(t)) return t;
  const vn = parseVNDate(t);
  return vn && isISODate(vn) ? vn : null;
}

/** Is the unit in force on that date (validFrom ≤ date ≤ validTo, validTo open-ended when null)? */
export function isUnitValidOn(unit: Validity, dateISO: string): boolean {
  return unit.validFrom <= dateISO && (unit.validTo === null || unit.validTo >= dateISO);
}

/**
 * Can the child hang under this parent? It must not outlive the parent (no unit is left without a parent
 * when its parent closes) and the two must share some time. The child may be older than its parent: a
 * division that moves under the department formed by a merger keeps its founding date.
 */
export function validityWithin(child: Validity, parent: Validity): boolean {
  if (parent.validTo !== null && (child.validTo === null || child.validTo > parent.validTo)) return false;
  return child.validTo === null || child.validTo >= parent.validFrom;
}

export const showValidity = (v: Validity) => `${formatDate(v.validFrom)} – ${v.validTo ? formatDate(v.validTo) : 'nay'}`;

/** Vietnamese message for a validity interval that is not a real interval, or null when it is. */
export function validityProblem(v: Validity): string | null {
  if (v.validTo !== null && v.validTo < v.validFrom)
    return `Ngày hết hiệu lực (${formatDate(v.validTo)}) không được trước ngày bắt đầu hiệu lực (${formatDate(v.validFrom)}).`;
  return null;
}

export function containmentMessage(child: Validity & { name: string }, parent: Validity & { name: string }): string {
  return `Thời gian hiệu lực của "${child.name}" (${showValidity(child)}) phải nằm trong thời gian hiệu lực của đơn vị cấp trên "${parent.name}" (${showValidity(parent)}): đơn vị cấp dưới không được tồn tại lâu hơn đơn vị cấp trên.`;
}

/** Ids on a materialised path, root first, the unit itself last. */
export function pathIds(path: string): number[] {
  return path
    .split('/')
    .filter((p) => p !== '')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

export const childPath = (parentPath: string | null, id: number) => `${parentPath ?? '/'}${id}/`;

/**
 * Kind of a predecessor link the CSV does not name: one of several predecessors → merge; one of
 * several successors of the same predecessor → split; otherwise a rename.
 */
export function inferLineageKind(predecessorCount: number, successorCountOfPredecessor: number): LineageKind {
  if (predecessorCount > 1) return 'merge';
  if (successorCountOfPredecessor > 1) return 'split';
  return 'rename';
}
