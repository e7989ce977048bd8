import { describe, expect, it } from 'vitest';
import { dateSorter, numSorter, personSorter, viSorter } from './sorters';

describe('table sorters', () => {
  it('sorts text in Vietnamese order with empty values last', () => {
    const rows = ['Đồng Nai', '', 'Dương', 'Ea Súp', 'An Giang'].map((name) => ({ name }));
    expect(rows.sort(viSorter((r) => r.name)).map((r) => r.name)).toEqual(['An Giang', 'Dương', 'Đồng Nai', 'Ea Súp', '']);
  });

  it('sorts people by given name, then the rest of the name', () => {
    const rows = ['Trần Thị Bình', 'Nguyễn Văn An', 'Lê Văn An', 'Phạm Đức'].map((fullName) => ({ fullName }));
    expect(rows.sort(personSorter((r) => r.fullName)).map((r) => r.fullName)).toEqual([
      'Lê Văn An',
      'Nguyễn Văn An',
      'Trần Thị Bình',
      'Phạm Đức',
    ]);
  });

  it('sorts numbers and dates with missing values last', () => {
    expect(
      [3, null, 1, 2]
        .map((v) => ({ v }))
        .sort(numSorter((r) => r.v))
        .map((r) => r.v),
    ).toEqual([1, 2, 3, null]);
    const d = [{ at: '2025-08-01T00:00:00Z' }, { at: null }, { at: '2025-01-01T00:00:00Z' }];
    expect(d.sort(dateSorter((r) => r.at)).map((r) => r.at)).toEqual([null, '2025-01-01T00:00:00Z', '2025-08-01T00:00:00Z']);
  });
});
