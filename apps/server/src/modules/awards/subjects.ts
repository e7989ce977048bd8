/**
 * The person or collective an award fact is about, resolved and checked against the caller's rights.
 * A person's unit is their home unit (where they work today, or last worked), as in the people directory.
 */
import type { Actor } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { awardsRepo, type SubjectUnit } from './awards.repository.js';

export type Subject =
  | { kind: 'person'; personId: number; fullName: string; gender: 'male' | 'female' | null; unit: SubjectUnit | null }
  | { kind: 'unit'; unit: SubjectUnit };

/** The unit a subject belongs to for the policy: a person's home unit, or the collective itself. */
export const subjectUnitId = (s: Subject): number | null => s.unit?.id ?? null;

export const subjectName = (s: Subject) => (s.kind === 'person' ? s.fullName : s.unit.name);

/** The person, or 404. */
export async function personSubject(db: Db, id: number, today: string): Promise<Subject & { kind: 'person' }> {
  const p = await awardsRepo.personWithHome(db, id, today);
  if (!p) throw notFound('Không tìm thấy cán bộ.');
  return { kind: 'person', personId: p.id, fullName: p.fullName, gender: p.gender, unit: p.unit };
}

/** The unit with this code, or 404 (a query) / 400 (a body: `inBody`). */
export async function unitSubject(db: Db, code: string, inBody = false): Promise<Subject & { kind: 'unit' }> {
  const unit = await awardsRepo.unitByCode(db, code.trim());
  if (!unit) throw inBody ? badRequest(`Không có đơn vị mã "${code.trim()}".`) : notFound(`Không tìm thấy đơn vị mã "${code.trim()}".`);
  return { kind: 'unit', unit };
}

/** Exactly one of person and unit: the subject, or a 400 naming the problem. */
export async function oneSubject(db: Db, input: { person?: number; unit?: string }, today: string, inBody: boolean): Promise<Subject> {
  if (input.person !== undefined && input.unit !== undefined)
    throw badRequest('Chỉ ghi một trong hai: person (cá nhân) hoặc unit (tập thể).');
  if (input.person !== undefined) return personSubject(db, input.person, today);
  if (input.unit !== undefined) return unitSubject(db, input.unit, inBody);
  throw badRequest('Cần ghi person (mã cán bộ) hoặc unit (mã đơn vị của tập thể).');
}

/** 404 unless the actor may see this subject's award data (a unit the caller may not see answers 404, never 403). */
export function ensureVisible(a: Actor, s: Subject, may: (a: Actor, unitId: number | null) => boolean): void {
  if (!may(a, subjectUnitId(s))) throw notFound(s.kind === 'person' ? 'Không tìm thấy cán bộ.' : `Không tìm thấy đơn vị mã "${s.unit.code}".`);
}
