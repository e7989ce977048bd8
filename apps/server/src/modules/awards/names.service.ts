/** Names of the people, units and award types a page of nominations mentions, in two queries. */
import type { Db } from '../../platform/db/index.js';
import { awardsRepo } from './awards.repository.js';
import { loadCatalog } from './catalog.service.js';
import type { Names } from './nominations.presenter.js';

export async function awardsNames(
  db: Db, rows: { personId: number | null; unitId: number | null; proposingUnitId: number; subjectUnitId: number | null }[],
): Promise<Names> {
  const people = [...new Set(rows.flatMap((r) => (r.personId === null ? [] : [r.personId])))];
  const units = [...new Set(rows.flatMap((r) => [r.proposingUnitId, ...(r.unitId === null ? [] : [r.unitId]), ...(r.subjectUnitId === null ? [] : [r.subjectUnitId])]))];
  const [n, catalog] = await Promise.all([awardsRepo.names(db, people, units), loadCatalog(db)]);
  return { people: n.people, units: n.units, types: new Map(catalog.types.map((t) => [t.code, t.name])) };
}
