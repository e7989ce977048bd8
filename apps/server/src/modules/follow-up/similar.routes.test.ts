import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { rematchAll } from './lexicon.service.js';
import { DEFAULT_LEXICON_ROWS, matchTerms } from './matching/index.js';
import { type RegisterWorld, registerUsers, seedRegister } from './recommendations.test-fixtures.js';
import { similarRepo } from './similar.repository.js';
import { matchContext } from './similar.service.js';

let s: TestServer;
let w: RegisterWorld;
let users: Awaited<ReturnType<typeof registerUsers>>;
const ids: Record<string, number> = {};

const inject = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who: { cookie: string }, payload?: object) => s.app.inject({ method, url, headers: who, payload });
const similar = (text: string, who = users.office, limit?: number) => inject('POST', '/api/recommendations/similar', who, { text, ...(limit ? { limit } : {}) });
const terms = async (id: number) => (await s.db.one<{ match_terms: string[] }>(`SELECT match_terms FROM recommendations WHERE id = $1`, [id])).match_terms;

beforeAll(async () => {
  let world: RegisterWorld | undefined;
  s = await testServer({ now: '2026-03-10T02:00:00Z', seed: async (db) => { world = await seedRegister(db); } });
  w = world!;
  users = await registerUsers(s.app, w.u);
  const make = async (key: string, over: object) => {
    const r = await inject('POST', '/api/recommendations', users.office, {
      kind: 'proposal', sector: 'BCVT', owner: 'P-BCVT', deadline: '2026-06-30', period: '2025', raisedOn: '2025-12-20', ...over,
    });
    expect(r.statusCode, r.body).toBe(201);
    ids[key] = r.json().id;
  };
  await make('loa', { text: 'Nhiều cụm loa truyền thanh ở thôn đã hư hỏng, đề nghị hỗ trợ kinh phí sửa chữa.', sector: 'TTCS', owner: 'P-TTCS', raisedBy: ['VL-H01-VH'] });
  await make('cntt', { text: 'Thiếu cán bộ chuyên trách công nghệ thông tin ở cấp xã.', raisedBy: ['VL-X05'] });
  await make('cap', { text: 'Tuyến cáp quang thường xuyên bị đứt khi thi công đường giao thông.', raisedBy: ['VTL'] });
  await make('vneid', { text: 'Người dân chưa quen dùng tài khoản định danh điện tử.', raisedBy: ['VL-X05'] });
  await make('twin', { text: 'Cụm loa truyền thanh ở thôn hư hỏng nhiều, cần kinh phí sửa chữa.', sector: 'TTCS', owner: 'P-TTCS' });
  const m = await inject('POST', `/api/recommendations/${ids.twin}/transitions/merge`, users.office, { version: 1, into: ids.loa });
  expect(m.statusCode, m.body).toBe(200);
});
afterAll(() => s.close());

describe('POST /api/recommendations/similar', () => {
  it('answers {"matches":[{"id","text","score","recurring"}]} best first, ignoring diacritics, case, word order and abbreviations', async () => {
    const r = await similar('CUM LOA TRUYEN THANH O THON BI HU HONG, can sua chua');
    expect(r.statusCode, r.body).toBe(200);
    const { matches } = r.json();
    expect(Object.keys(r.json())).toEqual(['matches']);
    expect(Object.keys(matches[0]).sort()).toEqual(['id', 'recurring', 'score', 'text']);
    expect(matches[0]).toMatchObject({ id: ids.loa, text: 'Nhiều cụm loa truyền thanh ở thôn đã hư hỏng, đề nghị hỗ trợ kinh phí sửa chữa.', recurring: true });
    for (let i = 1; i < matches.length; i++) expect(matches[i - 1].score).toBeGreaterThanOrEqual(matches[i].score);
    // the merged one lives on in the one it was merged into
    expect(matches.map((m: { id: number }) => m.id)).not.toContain(ids.twin);
    const abbr = (await similar('Cấp xã thiếu cán bộ CNTT chuyên trách')).json().matches;
    expect(abbr[0]).toMatchObject({ id: ids.cntt, recurring: true });
    expect((await similar('Sân vận động huyện xuống cấp')).json().matches.filter((m: { recurring: boolean }) => m.recurring)).toEqual([]);
    expect((await similar('cáp quang bị đứt', users.office, 1)).json().matches).toHaveLength(1);
  });

  it('shows each actor only what it may see: a commune what it or the office it took over raised, a division what it owns', async () => {
    const commune = (await similar('cụm loa truyền thanh hư hỏng', users.commune)).json().matches.map((m: { id: number }) => m.id);
    expect(commune).toContain(ids.loa);
    expect((await similar('Thiếu cán bộ CNTT', users.commune)).json().matches).toEqual([]);
    expect((await similar('Thiếu cán bộ CNTT', users.other)).json().matches.map((m: { id: number }) => m.id)).toEqual([ids.cntt]);
    expect((await similar('cụm loa truyền thanh hư hỏng', users.bcvt)).json().matches).toEqual([]);
    expect((await similar('cụm loa truyền thanh hư hỏng', users.ttcs)).json().matches[0].id).toBe(ids.loa);
  });

  it('refuses an empty text, 20,000 characters and control characters with a Vietnamese message', async () => {
    for (const text of ['', 'a'.repeat(20_000), 'loa\u0000hỏng']) {
      const r = await similar(text);
      expect(r.statusCode, text.slice(0, 10)).toBe(400);
      expect(r.json().message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    }
    expect((await s.app.inject({ method: 'POST', url: '/api/recommendations/similar', payload: { text: 'loa' } })).statusCode).toBe(401);
  });
});

describe('match terms and the lexicon', () => {
  it('stores the terms with every new text and every text change', async () => {
    expect(await terms(ids.cap)).toEqual(matchTerms('Tuyến cáp quang thường xuyên bị đứt khi thi công đường giao thông.'));
    const r = await inject('PATCH', `/api/recommendations/${ids.cap}`, users.office, { version: 1, text: 'Cáp quang treo bị đứt khi làm đường.' });
    expect(r.statusCode, r.body).toBe(200);
    expect(await terms(ids.cap)).toEqual(matchTerms('Cáp quang treo bị đứt khi làm đường.'));
  });

  it('lets the office edit the lexicon: checked row by row, the stored terms rebuilt, audited; back to the defaults', async () => {
    const text = 'Người dân chưa biết dùng VNeID';
    const before = (await similar(text)).json().matches.find((m: { id: number }) => m.id === ids.vneid);
    expect(before?.recurring ?? false).toBe(false);
    const got = await inject('GET', '/api/recommendations/lexicon', users.bcvt);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ isDefault: true });
    expect(got.json().rows).toHaveLength(DEFAULT_LEXICON_ROWS.length);
    expect((await inject('GET', '/api/recommendations/lexicon', users.commune)).statusCode).toBe(403);

    const rows = [...got.json().rows, { kind: 'abbreviation', term: 'VNeID', variants: ['tài khoản định danh điện tử', 'định danh điện tử'] }];
    expect((await inject('PUT', '/api/recommendations/lexicon', users.bcvt, { rows })).statusCode).toBe(403);
    const saved = await inject('PUT', '/api/recommendations/lexicon', users.office, { rows });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, rebuilt: 5 });
    expect(saved.json().version).not.toBe(got.json().version);
    expect(await terms(ids.vneid)).toContain('vneid');
    const after = (await similar(text)).json().matches;
    expect(after[0]).toMatchObject({ id: ids.vneid, recurring: true });
    const audit = await s.db.query<{ after: { rebuilt: number } }>(`SELECT after FROM audit_events WHERE action = 'recommendation.lexicon.update'`);
    expect(audit.map((a) => a.after.rebuilt)).toEqual([5]);
    // what the register stores from now on uses the office's lexicon too
    const r = await inject('POST', '/api/recommendations', users.office, { text: 'Hướng dẫn kích hoạt tài khoản định danh điện tử mức 2.', kind: 'proposal', owner: 'P-BCVT', deadline: '2026-06-30' });
    expect(await terms(r.json().id)).toContain('vneid');

    const reset = await inject('DELETE', '/api/recommendations/lexicon', users.office);
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ isDefault: true, version: got.json().version, rebuilt: 6 });
    expect(await terms(ids.vneid)).not.toContain('vneid');
  });

  it('refuses rows checkLexiconRows refuses, with its explanation, and saves nothing', async () => {
    const cases: [object[], string][] = [
      [[{ kind: 'abbreviation', term: 'XYZ', variants: [] }], 'Từ điển chưa được lưu: Dòng 1: từ viết tắt "XYZ" cần ít nhất một cách viết đầy đủ.'],
      [[{ kind: 'synonym', term: 'kinh phí', variants: ['ngân sách'] }, { kind: 'stop', term: 'ngân sách', variants: [] }], 'Từ điển chưa được lưu: Dòng 2: "ngân sách" đã có ở dòng 1; mỗi cụm từ chỉ thuộc một dòng.'],
      [[{ kind: 'stop', term: '...', variants: [] }], 'Từ điển chưa được lưu: Dòng 1: thuật ngữ không được để trống và phải có chữ hoặc số.'],
      [[], 'Danh sách từ điển không được để trống; muốn dùng lại danh sách mặc định thì chọn "Khôi phục mặc định".'],
    ];
    for (const [rows, message] of cases) {
      const r = await inject('PUT', '/api/recommendations/lexicon', users.office, { rows });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toBe(message);
    }
    const bad = await inject('PUT', '/api/recommendations/lexicon', users.office, { rows: [{ kind: 'acronym', term: 'X', variants: [] }] });
    expect(bad.statusCode).toBe(400);
    expect((await s.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM match_lexicon`)).n).toBe(0);
  });

  it('rematch (the CLI) rebuilds terms a path stored without them', async () => {
    const { id } = await s.db.one<{ id: number }>(
      `INSERT INTO recommendations (text, kind, raised_on) VALUES ('Trạm BTS mất điện kéo dài', 'difficulty', '2026-03-01') RETURNING id`,
    );
    expect(await terms(id)).toEqual([]);
    const r = await rematchAll(s.db, { id: null, name: 'cli:admin' });
    expect(r.rebuilt).toBe(7);
    expect(await terms(id)).toEqual(matchTerms('Trạm BTS mất điện kéo dài'));
    expect(await similarRepo.withoutTerms(s.db, 10)).toEqual([]);
  });

  it('counts a stored point and a changed text in the statistics kept in memory, without waiting for them to be read again', async () => {
    const ctx = await matchContext(s.db);
    const docs = ctx.stats.docs;
    const term = matchTerms('Trạm phát sóng vùng biên giới mất điện kéo dài.').find((t) => ctx.stats.df(t) === 0)!;
    expect(term).toBeTruthy();
    const r = await inject('POST', '/api/recommendations', users.office, {
      text: 'Trạm phát sóng vùng biên giới mất điện kéo dài.', kind: 'difficulty', sector: 'BCVT', owner: 'P-BCVT', deadline: '2026-06-30', raisedBy: ['VTL'],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(ctx.stats.docs).toBe(docs + 1);
    expect(ctx.stats.df(term)).toBe(1);
    const e = await inject('PATCH', `/api/recommendations/${r.json().id}`, users.office, { version: 1, text: 'Cột ăng-ten đổ sau bão.' });
    expect(e.statusCode, e.body).toBe(200);
    expect(ctx.stats.docs).toBe(docs + 1);
    expect(ctx.stats.df(term)).toBe(0);
  });
});
