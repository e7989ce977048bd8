import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { type UserKey, type World, seedWorld, signInAll } from '../submissions/test-fixtures.js';
import { EXPORT_COLUMNS } from './audit.routes.js';

let s: TestServer;
let w: World;
let as: Record<UserKey | 'admin', { cookie: string }>;

const exportCsv = (query: string, who: UserKey | 'admin' = 'admin') => s.app.inject({ url: `/api/audit/export.csv${query}`, headers: as[who] });
const rows = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z' });
  w = await seedWorld(s.db);
  as = { ...(await signInAll(s.app)), admin: await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD) };
  const ev = (at: string, actor: number | null, name: string, action: string, entityId: string, after: object) =>
    s.db.query(
      `INSERT INTO audit_events (at, actor_id, actor_name, action, entity_type, entity_id, org_unit_id, before, after, ip)
       VALUES ($1,$2,$3,$4,'submission',$5,$6,NULL,$7,'127.0.0.1')`,
      [at, actor, name, action, entityId, w.units.u1, JSON.stringify(after)],
    );
  await ev('2026-10-01T01:00:00Z', w.users.rep1, 'rep1', 'submission.submit', '41', { comment: '=HYPERLINK("http://evil.example","Bấm")' });
  await ev('2026-10-02T01:00:00Z', null, '-tự động', 'submission.return', '=1+1', { status: 'returned' });
  // 4,500 events within one millisecond, microseconds apart: the pages of 2,000 must neither skip nor repeat any.
  await s.db.query(
    `INSERT INTO audit_events (at, actor_id, actor_name, action, entity_type, entity_id, org_unit_id, before, after, ip)
     SELECT '2026-10-03T01:00:00Z'::timestamptz + (i % 900) * interval '1 microsecond', NULL, 'hệ thống', 'bulk.test', 'other', i::text, NULL, NULL, NULL, NULL
       FROM generate_series(1, 4500) AS i`,
  );
});
afterAll(() => s.close());

describe('GET /api/audit/export.csv', () => {
  it('streams every matching event, newest first, with the list filters, none skipped or repeated across pages', async () => {
    const r = await exportCsv('?action=bulk');
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''Nh%E1%BA%ADt%20k%C3%BD%20h%E1%BB%87%20th%E1%BB%91ng%202026-11-22\.csv$/);
    expect(r.body.startsWith(`\uFEFF${EXPORT_COLUMNS.join(',')}\r\n`)).toBe(true);
    const [head, ...data] = rows(r.body);
    expect(head).toEqual([...EXPORT_COLUMNS]);
    expect(data).toHaveLength(4500);
    expect(new Set(data.map((d) => d[6])).size).toBe(4500);
    const list = await s.app.inject({ url: '/api/audit?action=bulk&pageSize=200', headers: as.admin });
    expect(list.json().total).toBe(4500);
    expect(data.slice(0, 200).map((d) => Number(d[0]))).toEqual(list.json().items.map((i: { id: number }) => i.id));
  });

  it('neutralises text that a spreadsheet would run, and writes before/after as JSON', async () => {
    const r = await exportCsv('?entityType=submission&from=2026-10-01&to=2026-10-02');
    const [, ...data] = rows(r.body);
    expect(data.map((d) => d[4])).toEqual(['submission.return', 'submission.submit']);
    expect(data[0].slice(2, 7)).toEqual(['', "'-tự động", 'submission.return', 'submission', "'=1+1"]);
    expect(r.body).toContain(`,"'-tự động",submission.return,submission,"'=1+1",`);
    const submit = data[1];
    expect(submit.slice(1, 10)).toEqual(['2026-10-01T01:00:00.000Z', String(w.users.rep1), 'Cán bộ rep1', 'submission.submit', 'submission', '41', String(w.units.u1), '127.0.0.1', '']);
    expect(JSON.parse(submit[10])).toEqual({ comment: '=HYPERLINK("http://evil.example","Bấm")' });
    expect(csvFieldsStartingAFormula(r.body)).toEqual([]);
  });

  it('is for those who may read the audit log, refuses bad dates in Vietnamese', async () => {
    expect((await exportCsv('', 'rep1')).statusCode).toBe(403);
    expect((await exportCsv('', 'office')).statusCode).toBe((await s.app.inject({ url: '/api/audit', headers: as.office })).statusCode);
    const bad = await exportCsv('?from=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('Từ ngày "2026-02-30" không phải là ngày hợp lệ.');
  });
});

function csvFieldsStartingAFormula(csv: string): string[] {
  return rows(csv).flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-\d+(\.\d+)?$/.test(c));
}
