import { describe, expect, it } from 'vitest';
import { buildUnitTree, type OrgUnit, subtreeIds } from './unitTree';

const unit = (id: number, name: string, parentId: number | null, type: OrgUnit['type'] = 'commune'): OrgUnit => ({
  id,
  code: `U${id}`,
  name,
  shortName: null,
  type,
  parentId,
  level: 1,
  validFrom: '2000-01-01',
  validTo: null,
  sectorId: null,
  active: true,
  predecessors: [],
  successors: [],
});

const names = (nodes: { name: string }[]) => nodes.map((n) => n.name);

describe('buildUnitTree', () => {
  it('nests children under their parent and records the depth', () => {
    const tree = buildUnitTree([unit(2, 'Sở', 1, 'department'), unit(1, 'Tỉnh', null, 'province'), unit(3, 'Phòng A', 2, 'division')]);
    expect(names(tree)).toEqual(['Tỉnh']);
    expect(tree[0]?.depth).toBe(0);
    expect(names(tree[0]?.children ?? [])).toEqual(['Sở']);
    const division = tree[0]?.children?.[0]?.children?.[0];
    expect(division?.name).toBe('Phòng A');
    expect(division?.depth).toBe(2);
    expect(division?.children).toBeUndefined();
  });

  it('orders siblings by unit type, then by name in Vietnamese order (Đ after D)', () => {
    const tree = buildUnitTree([
      unit(1, 'Tỉnh', null, 'province'),
      unit(2, 'Xã Đông Lạc', 1),
      unit(3, 'Xã Dương Liễu', 1),
      unit(4, 'Sở Khoa học và Công nghệ', 1, 'department'),
      unit(5, 'Xã Ea Kar', 1),
    ]);
    expect(names(tree[0]?.children ?? [])).toEqual(['Sở Khoa học và Công nghệ', 'Xã Dương Liễu', 'Xã Đông Lạc', 'Xã Ea Kar']);
  });

  it('keeps a unit whose parent is missing (closed on that date or hidden) as a root', () => {
    const tree = buildUnitTree([unit(1, 'Tỉnh', null, 'province'), unit(7, 'Xã mồ côi', 99)]);
    expect(names(tree).sort()).toEqual(['Tỉnh', 'Xã mồ côi']);
  });

  it('does not lose units whose parent chain loops', () => {
    const tree = buildUnitTree([unit(1, 'A', 2), unit(2, 'B', 1), unit(3, 'C', 1)]);
    const all = (nodes: ReturnType<typeof buildUnitTree>): string[] => nodes.flatMap((n) => [n.name, ...all(n.children ?? [])]);
    expect(all(tree).sort()).toEqual(['A', 'B', 'C']);
  });

  it('lists a subtree’s ids', () => {
    const tree = buildUnitTree([unit(1, 'Tỉnh', null, 'province'), unit(2, 'Huyện', 1, 'district'), unit(3, 'Xã', 2)]);
    expect(subtreeIds(tree[0]!).sort()).toEqual([1, 2, 3]);
  });
});
