import { describe, expect, it } from 'vitest';
import { diffRows, flatten, show } from './diff';

describe('audit diff', () => {
  it('flattens nested objects and arrays into readable paths', () => {
    const f = flatten({ name: 'Xã A', lineage: [{ code: 'X1', kind: 'merge' }], tags: ['a', 'b'], empty: {} });
    expect([...f.keys()]).toEqual(['name', 'lineage[0].code', 'lineage[0].kind', 'tags', 'empty']);
    expect(f.get('tags')).toEqual(['a', 'b']);
  });

  it('classifies each field as changed, added, removed or the same', () => {
    const rows = diffRows({ role: 'reporter', title: 'Chuyên viên', email: null }, { role: 'unit_head', email: 'a@b.vn', active: true });
    const by = Object.fromEntries(rows.map((r) => [r.key, r.status]));
    expect(by).toEqual({ role: 'changed', title: 'removed', email: 'changed', active: 'added' });
  });

  it('treats a creation (no before) as all added and identical values as the same', () => {
    expect(diffRows(null, { a: 1 }).map((r) => r.status)).toEqual(['added']);
    expect(diffRows({ a: { b: [1, 2] } }, { a: { b: [1, 2] } }).map((r) => r.status)).toEqual(['same']);
    expect(diffRows(null, null)).toEqual([]);
  });

  it('shows values plainly', () => {
    expect(show(null)).toBe('∅');
    expect(show('Sở KH&CN')).toBe('Sở KH&CN');
    expect(show([1, 2])).toBe('[1,2]');
    expect(show(undefined)).toBe('');
  });
});
