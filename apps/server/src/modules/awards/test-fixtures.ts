/** Small factories for awards tests: people with dated memberships, and award facts, straight into the database. */
import type { Db } from '../../platform/db/index.js';

export async function makePerson(db: Db, p: { name: string; unitId: number; from?: string; to?: string | null; gender?: 'male' | 'female' | null; userId?: number | null }): Promise<number> {
  const { id } = await db.one<{ id: number }>(`INSERT INTO people (full_name, gender, user_id) VALUES ($1, $2, $3) RETURNING id`, [p.name, p.gender ?? null, p.userId ?? null]);
  await db.query(`INSERT INTO person_memberships (person_id, org_unit_id, position, valid_from, valid_to) VALUES ($1, $2, 'Chuyên viên', $3, $4)`,
    [id, p.unitId, p.from ?? '2010-01-01', p.to ?? null]);
  return id;
}

export async function moveTo(db: Db, personId: number, unitId: number, from: string): Promise<void> {
  await db.query(`UPDATE person_memberships SET valid_to = ($2::date - 1) WHERE person_id = $1 AND valid_to IS NULL`, [personId, from]);
  await db.query(`INSERT INTO person_memberships (person_id, org_unit_id, position, valid_from) VALUES ($1, $2, 'Chuyên viên', $3)`, [personId, unitId, from]);
}

export async function award(db: Db, r: { personId?: number; unitId?: number; code: string; year: number; decision?: string }): Promise<number> {
  const { id } = await db.one<{ id: number }>(
    `INSERT INTO award_records (person_id, org_unit_id, award_code, year, decision_number) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [r.personId ?? null, r.unitId ?? null, r.code, r.year, r.decision ?? `${r.year}-${r.code}`],
  );
  return id;
}

export async function rate(db: Db, r: { personId?: number; unitId?: number; year: number; rating: string }): Promise<void> {
  await db.query(`INSERT INTO award_ratings (person_id, org_unit_id, year, rating) VALUES ($1, $2, $3, $4)`, [r.personId ?? null, r.unitId ?? null, r.year, r.rating]);
}

export async function initiative(db: Db, i: { personId: number; title: string; year: number; scope: 'co_so' | 'tinh' | 'toan_quoc' }): Promise<number> {
  const { id } = await db.one<{ id: number }>(`INSERT INTO award_initiatives (title, year, scope) VALUES ($1, $2, $3) RETURNING id`, [i.title, i.year, i.scope]);
  await db.query(`INSERT INTO award_initiative_authors (initiative_id, person_id) VALUES ($1, $2)`, [id, i.personId]);
  return id;
}
