/** Org units as the API sends them (flat) and the tree the screens show. Pure functions, no React. */
import { compareVi, UNIT_TYPES, type UnitType } from '@nhip/contracts';

export type LineageKind = 'rename' | 'merge' | 'split' | 'transfer';
export type UnitRef = { id: number; code: string; name: string; kind: LineageKind };

/** One org unit as GET /api/org-units returns it (flat; the tree is built here). */
export type OrgUnit = {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  type: UnitType;
  parentId: number | null;
  level: number;
  validFrom: string;
  validTo: string | null;
  sectorId: number | null;
  active: boolean;
  predecessors: UnitRef[];
  successors: UnitRef[];
};

export type UnitNode = OrgUnit & { depth: number; children?: UnitNode[] };

const typeRank = (t: UnitType) => {
  const i = UNIT_TYPES.indexOf(t);
  return i < 0 ? 99 : i;
};

/** Sibling order: by unit type (department before divisions before districts …), then name in Vietnamese order. */
export function compareUnits(a: OrgUnit, b: OrgUnit): number {
  return typeRank(a.type) - typeRank(b.type) || compareVi(a.name, b.name);
}

/**
 * Flat list → forest. A unit whose parent is not in the list (closed on that date, or hidden from the
 * viewer) becomes a root so nothing disappears.
 */
export function buildUnitTree(units: OrgUnit[]): UnitNode[] {
  const byId = new Map<number, UnitNode>();
  for (const u of units) byId.set(u.id, { ...u, depth: 0 });
  // A parent chain that loops back (bad data) must not hide units: such a unit is shown as a root.
  const inCycle = (node: UnitNode): boolean => {
    let cur = node.parentId != null ? byId.get(node.parentId) : undefined;
    for (let steps = 0; cur && steps <= byId.size; steps++) {
      if (cur === node) return true;
      cur = cur.parentId != null ? byId.get(cur.parentId) : undefined;
    }
    return false;
  };
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId != null ? byId.get(node.parentId) : undefined;
    if (parent && parent !== node && !inCycle(node)) {
      if (!parent.children) parent.children = [];
      parent.children.push(node);
    } else roots.push(node);
  }
  const sortRec = (list: UnitNode[], depth: number) => {
    list.sort(compareUnits);
    for (const n of list) {
      n.depth = depth;
      if (n.children) sortRec(n.children, depth + 1);
    }
  };
  sortRec(roots, 0);
  return roots;
}

/** Ids of a node's subtree (the node included). */
export function subtreeIds(node: UnitNode): number[] {
  const out: number[] = [node.id];
  for (const c of node.children ?? []) out.push(...subtreeIds(c));
  return out;
}
