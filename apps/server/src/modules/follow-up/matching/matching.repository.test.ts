import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/index.js';
import { testDb } from '../../../test/server.js';
import { matchTerms } from './key.js';
import { findCandidates, loadTermStats, type MatchSource, matchTermsIndexSql } from './matching.repository.js';
import { retrievalProbe } from './retrieval.js';
import { CorpusStats, rankCandidates } from './score.js';

const SOURCE: MatchSource = { table: 'match_test_points', id: 'id', text: 'body', terms: 'match_terms' };
const POINTS = [
  'Nhiều cụm loa truyền thanh ở thôn đã hư hỏng, đề nghị hỗ trợ kinh phí sửa chữa.',
  'Chưa bố trí kinh phí đào tạo cán bộ truyền thanh cơ sở.',
  'Tuyến cáp quang thường xuyên bị đứt khi thi công đường giao thông.',
  'Thiếu cán bộ chuyên trách công nghệ thông tin ở cấp xã.',
  'Máy quét ở bộ phận một cửa đã cũ, số hóa hồ sơ chậm.',
  'Cụm loa không dây bị nhiễu sóng, thu lẫn tín hiệu đài khác.',
];

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await testDb());
  await db.exec(`CREATE TABLE match_test_points (id integer PRIMARY KEY, body text NOT NULL, match_terms text[] NOT NULL, merged boolean NOT NULL DEFAULT false)`);
  await db.exec(matchTermsIndexSql(SOURCE));
  for (const [i, body] of POINTS.entries())
    await db.query(`INSERT INTO match_test_points (id, body, match_terms, merged) VALUES ($1, $2, $3, $4)`, [i + 1, body, matchTerms(body), i === 5]);
});
afterAll(async () => {
  await close();
});

describe('matching SQL', () => {
  it('reads the same statistics as CorpusStats builds from the terms', async () => {
    const stats = await loadTermStats(db, SOURCE);
    const expected = CorpusStats.fromTerms(POINTS.map((t) => matchTerms(t)));
    expect(stats.docs).toBe(6);
    for (const t of ['loa', 'truyen', 'cntt', 'quang', 'xyz']) expect(stats.df(t), t).toBe(expected.df(t));
    expect((await loadTermStats(db, { ...SOURCE, where: 'NOT t.merged' })).docs).toBe(5);
  });

  it('finds the stored point raised again, typed without diacritics, and scores it first', async () => {
    const stats = await loadTermStats(db, SOURCE);
    const text = 'cum loa truyen thanh o thon hu hong nhieu, xa khong co kinh phi sua';
    const candidates = await findCandidates(db, SOURCE, retrievalProbe(text, { stats }));
    expect(candidates.map((c) => c.id)).toContain(1);
    expect(candidates.every((c) => typeof c.text === 'string')).toBe(true);
    const [best] = rankCandidates(text, candidates, { stats });
    expect(best).toMatchObject({ id: 1, recurring: true });
  });

  it('orders what it reads by the share of the text it holds, best first', async () => {
    const candidates = await findCandidates(db, SOURCE, retrievalProbe('Cụm loa không dây bị nhiễu sóng đài khác'));
    expect(candidates[0].id).toBe(6);
  });

  it('keeps to the extra condition, the row budget and the limit', async () => {
    const probe = retrievalProbe('Cụm loa không dây bị nhiễu sóng đài khác');
    const kept = await findCandidates(db, { ...SOURCE, where: 'NOT t.merged' }, probe);
    expect(kept.map((c) => c.id)).not.toContain(6);
    expect(await findCandidates(db, SOURCE, probe, { limit: 1 })).toHaveLength(1);
    expect(await findCandidates(db, SOURCE, probe, { maxRows: 1 })).toHaveLength(1);
  });

  it('asks for all the selecting terms in "all" mode', async () => {
    const rows = await findCandidates(db, SOURCE, { terms: ['loa', 'nhieu'], select: ['loa', 'nhieu'], mode: 'all', weights: [1, 1] });
    expect(rows.map((r) => r.id)).toEqual([6]);
  });

  it('returns nothing for a text with no subject, and refuses a name that is not a plain identifier', async () => {
    expect(await findCandidates(db, SOURCE, retrievalProbe('Đề nghị hỗ trợ kinh phí.'))).toEqual([]);
    await expect(findCandidates(db, { ...SOURCE, table: 'x; DROP TABLE y' }, retrievalProbe('cụm loa'))).rejects.toThrow('not a plain SQL identifier');
    expect(() => matchTermsIndexSql({ table: 'a b', terms: 'c' })).toThrow('not a plain SQL identifier');
  });
});
