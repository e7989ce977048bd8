import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/server.js';
import { checksumDiff, tableChecksums } from './checksums.js';
import type { Db } from './index.js';

describe('tableChecksums', () => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await testDb());
  });
  afterAll(() => close());

  it('ignores row order, and sees an added, changed or removed row', async () => {
    await db.exec(`CREATE TABLE ck_a (id int PRIMARY KEY, at timestamptz, v text); CREATE TABLE ck_b (id int PRIMARY KEY, at timestamptz, v text)`);
    await db.exec(`INSERT INTO ck_a VALUES (1, '2026-01-01T00:00:00Z', 'một'), (2, NULL, 'hai'); INSERT INTO ck_b VALUES (2, NULL, 'hai'), (1, '2026-01-01T07:00:00+07:00', 'một')`);
    const s = await tableChecksums(db);
    expect(s.get('ck_a')).toEqual(s.get('ck_b'));
    expect(s.get('ck_a')?.rows).toBe(2);
    expect(s.has('schema_migrations')).toBe(false);

    await db.exec(`UPDATE ck_b SET v = 'ba' WHERE id = 2`);
    const after = await tableChecksums(db);
    expect(checksumDiff(s, after)).toEqual([expect.stringMatching(/^ck_b: 2 dòng/)]);
    await db.exec(`DELETE FROM ck_a WHERE id = 1`);
    expect(checksumDiff(after, await tableChecksums(db))).toEqual([expect.stringMatching(/^ck_a: 2 dòng \w+ → 1 dòng/)]);
  });
});
