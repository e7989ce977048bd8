import type { z } from 'zod';
import type { OrgUnitOut } from './org.schema.js';
import type { UnitView } from './org.service.js';

/** One unit for the API; ancestors a unit user sees by name only come without lineage. */
export const presentUnit = (v: UnitView): z.infer<typeof OrgUnitOut> => ({
  id: v.unit.id,
  code: v.unit.code,
  name: v.unit.name,
  shortName: v.unit.shortName,
  type: v.unit.type,
  parentId: v.unit.parentId,
  level: v.unit.level,
  validFrom: v.unit.validFrom,
  validTo: v.unit.validTo,
  sectorId: v.unit.sectorId,
  active: v.active,
  predecessors: v.predecessors.map((p) => ({ id: p.id, code: p.code, name: p.name, kind: p.kind })),
  successors: v.successors.map((s) => ({ id: s.id, code: s.code, name: s.name, kind: s.kind })),
});
