/** The awards catalog: reading it, and (for admin and office) editing its rows, every change audited. */
import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { catalogRepo } from './catalog.repository.js';
import type { AwardType, Catalog } from './rules/types.js';

/** The whole catalog (tens of rows). */
export const loadCatalog = (db: Db): Promise<Catalog> => catalogRepo.load(db);

/** One award type, or 404. */
export function typeOf(catalog: Catalog, code: string): AwardType {
  const t = catalog.types.find((x) => x.code === code.trim().toUpperCase());
  if (!t) throw notFound(`Không có danh hiệu, hình thức khen thưởng mã "${code.trim()}".`);
  return t;
}
