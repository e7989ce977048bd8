import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type UserKey, type World, count, makeRound, seedWorld, signInAll } from './test-fixtures.js';

let s: TestServer;
let w: World;
let as: Record<UserKey, { cookie: string }>;
let q4: number;
let q3: number;

const url = (round: number, unit: number, tail = 'entry') => `/api/rounds/${round}/units/${unit}/${tail}`;
const get = (who: UserKey, u: string) => s.app.inject({ method: 'GET', url: u, headers: as[who] });
const put = (who: UserKey, u: string, payload: object) => s.app.inject({ method: 'PUT', url: u, headers: as[who], payload });
const post = (who: UserKey, u: string, payload: object = {}) => s.app.inject({ method: 'POST', url: u, headers: as[who], payload });
const storedValue = (unit: number, period: string, element: number) =>
  s.db.maybeOne<{ value: string; num_value: number | null; comment: string | null; stored_by: number; submission_id: number }>(
    'SELECT value, num_value, comment, stored_by, submission_id FROM data_values WHERE org_unit_id = $1 AND period = $2 AND data_element_id = $3',
    [unit, period, element],
  );

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z' });
  w = await seedWorld(s.db);
  as = await signInAll(s.app);
  q4 = await makeRound(s.db, w.forms.quarterly, '2026Q4', '2026-10-01', '2026-12-31', '2026-12-15');
  q3 = await makeRound(s.db, w.forms.quarterly, '2026Q3', '2026-07-01', '2026-09-30', '2026-09-15');
});
afterAll(() => s.close());

describe('GET entry', () => {
  it('gives the unit its empty report with the form, rules and abilities', async () => {
    const r = await get('rep1', url(q4, w.units.u1));
    expect(r.statusCode, r.body).toBe(200);
    const e = r.json();
    expect(e.submission).toBeNull();
    expect(e.round).toMatchObject({ id: q4, period: '2026Q4', periodLabel: 'Quý IV năm 2026' });
    expect(e.orgUnit).toMatchObject({ id: w.units.u1, name: 'Phòng Văn hóa và Thông tin huyện Đông Hưng' });
    expect(e.form.sections.map((x: { title: string }) => x.title)).toEqual(['Viễn thông', 'Khác']);
    expect(e.form.sections[0].elements.map((x: { code: string }) => x.code)).toEqual(['BTS', 'THON_BR', 'THON']);
    expect(e.rules.map((x: { code: string }) => x.code).sort()).toEqual(['R_THON', 'R_TYLE']);
    expect(e.abilities).toEqual({ view: true, edit: true, submit: true, recall: false, approve: false, return: false, unlock: false, history: true });
    expect(e.previous.period).toBe('2026Q3');
    expect(e.lastYear.period).toBe('2025Q4');
  });

  it('answers 404 in Vietnamese for another unit, an unassigned or closed unit, and a missing round', async () => {
    for (const [who, u] of [
      ['rep1', url(q4, w.units.u2)],
      ['head2', url(q4, w.units.u1)],
      ['revIt', url(q4, w.units.u1)],
      ['office', url(q4, w.units.unassigned)],
      ['office', url(q4, w.units.closed)],
      ['office', url(999_999, w.units.u1)],
      ['office', url(q4, 999_999)],
    ] as const) {
      const r = await get(who, u);
      expect(r.statusCode, `${who} ${u}`).toBe(404);
      expect(r.json().message).toMatch(/Không tìm thấy/);
    }
  });

  it('needs a signed-in user', async () => {
    expect((await s.app.inject({ url: url(q4, w.units.u1) })).statusCode).toBe(401);
  });
});

describe('PUT entry (autosave)', () => {
  it('creates the draft on the first save and audits every value', async () => {
    const r = await put('rep1', url(q4, w.units.u1), {
      version: 0,
      values: [{ code: 'BTS', value: '1.634' }, { code: 'THON', value: '120' }, { code: 'THON_BR', value: 100 }],
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.submission).toMatchObject({ status: 'draft', version: 1, late: false });
    expect(body.saved).toBe(3);
    const bts = await storedValue(w.units.u1, '2026Q4', w.elements.BTS);
    expect(bts).toMatchObject({ value: '1634', num_value: 1634, stored_by: w.users.rep1, submission_id: body.submission.id });
    const audits = await s.db.query<{ action: string; previous_value: string | null; value: string }>(
      'SELECT action, previous_value, value FROM value_audit WHERE org_unit_id = $1 AND period = $2 ORDER BY id', [w.units.u1, '2026Q4'],
    );
    expect(audits).toEqual([
      { action: 'create', previous_value: null, value: '1634' },
      { action: 'create', previous_value: null, value: '120' },
      { action: 'create', previous_value: null, value: '100' },
    ]);
  });

  it('refuses a stale version with 409 and writes nothing', async () => {
    const before = await count(s.db, 'value_audit');
    const r = await put('rep1', url(q4, w.units.u1), { version: 0, values: [{ code: 'BTS', value: '9' }], results: 'Mất' });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/người khác lưu/);
    expect(r.json().details).toEqual({ currentVersion: 1 });
    expect((await storedValue(w.units.u1, '2026Q4', w.elements.BTS))!.value).toBe('1634');
    expect(await count(s.db, 'value_audit')).toBe(before);
    expect((await s.db.one<{ results: string }>('SELECT results FROM submissions WHERE round_id = $1 AND org_unit_id = $2', [q4, w.units.u1])).results).toBe('');
  });

  it('saves the rest of a batch when one value does not parse, and reports it', async () => {
    const r = await put('rep1', url(q4, w.units.u1), { version: 1, values: [{ code: 'BTS', value: 'một nghìn' }, { code: 'THON', value: '130' }] });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.rejected).toEqual(['BTS']);
    expect(body.saved).toBe(1);
    expect(body.submission.version).toBe(2);
    expect(body.issues[0]).toMatchObject({ kind: 'type', importance: 'error', dataElementCode: 'BTS' });
    expect(body.issues[0].message).toMatch(/chưa được lưu/);
    expect((await storedValue(w.units.u1, '2026Q4', w.elements.BTS))!.value).toBe('1634');
    expect((await storedValue(w.units.u1, '2026Q4', w.elements.THON))!.num_value).toBe(130);
    const upd = await s.db.one('SELECT action, previous_value, value FROM value_audit WHERE data_element_id = $1 ORDER BY id DESC LIMIT 1', [w.elements.THON]);
    expect(upd).toEqual({ action: 'update', previous_value: '120', value: '130' });
  });

  it('refuses codes that are not on the form (400) and duplicate codes, saving nothing', async () => {
    const before = await count(s.db, 'value_audit');
    const r = await put('rep1', url(q4, w.units.u1), { values: [{ code: 'THON', value: '1' }, { code: 'KHONG_CO', value: '5' }] });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/không thuộc biểu mẫu.*KHONG_CO/);
    const dup = await put('rep1', url(q4, w.units.u1), { values: [{ code: 'THON', value: '1' }, { code: 'THON', value: '2' }] });
    expect(dup.statusCode).toBe(400);
    expect(await count(s.db, 'value_audit')).toBe(before);
    expect((await storedValue(w.units.u1, '2026Q4', w.elements.THON))!.value).toBe('130');
  });

  it('rejects wrong JSON types with a Vietnamese 400', async () => {
    const r = await put('rep1', url(q4, w.units.u1), { version: 'hai', values: 'x' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/không hợp lệ/);
  });

  it('deletes a value sent empty and records the previous value and comment', async () => {
    const r = await put('rep1', url(q4, w.units.u1), { values: [{ code: 'TYLE', value: '97,5', comment: 'Theo số liệu nhà mạng' }] });
    expect(r.statusCode).toBe(200);
    expect(await storedValue(w.units.u1, '2026Q4', w.elements.TYLE)).toMatchObject({ value: '97.5', comment: 'Theo số liệu nhà mạng' });
    const del = await put('rep1', url(q4, w.units.u1), { values: [{ code: 'TYLE', value: '', comment: 'Nhập nhầm' }] });
    expect(del.statusCode).toBe(200);
    expect(await storedValue(w.units.u1, '2026Q4', w.elements.TYLE)).toBeNull();
    const last = await s.db.one('SELECT action, previous_value, value, comment FROM value_audit WHERE data_element_id = $1 ORDER BY id DESC LIMIT 1', [w.elements.TYLE]);
    expect(last).toEqual({ action: 'delete', previous_value: '97.5', value: null, comment: 'Nhập nhầm' });
  });

  it('stores text values and comments typed in decomposed Unicode as NFC', async () => {
    const r = await put('rep1', url(q4, w.units.u1), { values: [{ code: 'GHICHU', value: '  Xa\u0303 Đông Hưng  ', comment: 'Ô\u0309n đi\u0323nh' }] });
    expect(r.statusCode, r.body).toBe(200);
    expect(await storedValue(w.units.u1, '2026Q4', w.elements.GHICHU)).toMatchObject({ value: 'Xã Đông Hưng', comment: 'Ổn định' });
  });

  it('does not bump the version or audit when nothing changed', async () => {
    const cur = (await get('rep1', url(q4, w.units.u1))).json().submission.version;
    const before = await count(s.db, 'value_audit');
    const r = await put('rep1', url(q4, w.units.u1), { version: cur, values: [{ code: 'THON', value: '130' }] });
    expect(r.json().submission.version).toBe(cur);
    expect(await count(s.db, 'value_audit')).toBe(before);
  });

  it('stores narrative as NFC plain text with "- " bullets, and refuses more than 50,000 characters', async () => {
    const r = await put('rep1', url(q4, w.units.u1), {
      results: 'Xa\u0303 đa\u0303 hoàn thành.\r\n\r\n\r\n• Phủ sóng 4G\r\n* Cáp quang   \r\n',
      difficulties: '',
    });
    expect(r.statusCode, r.body).toBe(200);
    const sub = r.json().submission;
    expect(sub.results).toBe('Xã đã hoàn thành.\n\n- Phủ sóng 4G\n- Cáp quang');
    expect(sub.results).toBe(sub.results.normalize('NFC'));
    const ev = await s.db.query(`SELECT after FROM audit_events WHERE action = 'submission.narrative' AND entity_id = $1`, [String(sub.id)]);
    expect(ev.length).toBe(1);
    const long = await put('rep1', url(q4, w.units.u1), { proposals: 'a'.repeat(50_001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toMatch(/50\.000 ký tự/);
    const stored = await s.db.one<{ proposals: string }>('SELECT proposals FROM submissions WHERE id = $1', [sub.id]);
    expect(stored.proposals).toBe('');
  });

  it("answers 404 for another unit's report and creates nothing", async () => {
    const before = await count(s.db, 'submissions');
    for (const [who, unit] of [['rep1', w.units.u2], ['head2', w.units.u1], ['rep1', w.units.unassigned]] as const) {
      const r = await put(who, url(q4, unit), { values: [{ code: 'BTS', value: '1' }] });
      expect(r.statusCode).toBe(404);
    }
    expect(await count(s.db, 'submissions')).toBe(before);
  });

  it('lets only one of two concurrent first saves create the submission', async () => {
    const [a, b] = await Promise.all([
      put('rep2', url(q3, w.units.u2), { values: [{ code: 'BTS', value: '5' }] }),
      put('rep2', url(q3, w.units.u2), { values: [{ code: 'THON', value: '7' }] }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(await count(s.db, 'submissions WHERE round_id = $1 AND org_unit_id = $2', [q3, w.units.u2])).toBe(1);
    expect(a.json().submission.id).toBe(b.json().submission.id);
    // Both sent "version 0" (nothing saved yet): the second one is stale, and writes nothing.
    const [c, d] = await Promise.all([
      put('rep2', url(q4, w.units.u2), { version: 0, values: [{ code: 'BTS', value: '11' }] }),
      put('rep2', url(q4, w.units.u2), { version: 0, values: [{ code: 'BTS', value: '22' }] }),
    ]);
    expect([c.statusCode, d.statusCode].sort()).toEqual([200, 409]);
    expect(await count(s.db, 'submissions WHERE round_id = $1 AND org_unit_id = $2', [q4, w.units.u2])).toBe(1);
    const winner = c.statusCode === 200 ? '11' : '22';
    expect((await storedValue(w.units.u2, '2026Q4', w.elements.BTS))!.value).toBe(winner);
    expect(await count(s.db, 'value_audit WHERE org_unit_id = $1 AND period = $2', [w.units.u2, '2026Q4'])).toBe(1);
  });
});

describe('earlier periods and outliers', () => {
  it('shows the previous period and the same period last year, labelled with their status, and the history oldest first', async () => {
    const put = (period: string, element: number, value: number) =>
      s.db.query(`INSERT INTO data_values (data_element_id, org_unit_id, period, value, num_value) VALUES ($1,$2,$3,$4,$5)
                  ON CONFLICT (data_element_id, org_unit_id, period) DO UPDATE SET value = EXCLUDED.value, num_value = EXCLUDED.num_value`,
        [element, w.units.u1, period, String(value), value]);
    const periods = ['2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3'];
    for (const [i, p] of periods.entries()) await put(p, w.elements.BTS, 100 + i);
    await put('2024Q3', w.elements.BTS, 1); // older than the 8 periods: left out
    await s.db.query(`INSERT INTO submissions (round_id, org_unit_id, status) VALUES ($1, $2, 'approved')`, [q3, w.units.u1]);
    const e = (await get('rep1', url(q4, w.units.u1))).json();
    expect(e.previous).toEqual({ period: '2026Q3', periodLabel: 'Quý III năm 2026', status: 'approved', values: { BTS: '107' } });
    expect(e.lastYear).toEqual({ period: '2025Q4', periodLabel: 'Quý IV năm 2025', status: null, values: { BTS: '104' } });
    expect(e.history.BTS).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
    // 1.634 is far from ~100: an outlier warning until it is explained by a comment.
    const outlier = e.issues.find((i: { kind: string }) => i.kind === 'outlier');
    expect(outlier).toMatchObject({ dataElementCode: 'BTS', importance: 'warning', commented: false });
  });
});

describe('submission validation', () => {
  it('blocks submission on a rule error with 422 and changes nothing', async () => {
    await put('rep1', url(q4, w.units.u1), { values: [{ code: 'BTS', value: '104' }, { code: 'THON_BR', value: '200' }] });
    const auditsBefore = await count(s.db, 'audit_events');
    const r = await post('rep1', url(q4, w.units.u1, 'submit'));
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/chưa nộp được/);
    expect(r.json().details.blocking.map((i: { ruleCode?: string }) => i.ruleCode)).toContain('R_THON');
    const sub = await s.db.one<{ status: string; submitted_at: Date | null }>('SELECT status, submitted_at FROM submissions WHERE round_id = $1 AND org_unit_id = $2', [q4, w.units.u1]);
    expect(sub).toEqual({ status: 'draft', submitted_at: null });
    expect(await count(s.db, 'audit_events')).toBe(auditsBefore);
  });

  it('blocks on a warning until its value carries a comment', async () => {
    await put('rep1', url(q4, w.units.u1), { values: [{ code: 'THON_BR', value: '100' }, { code: 'TYLE', value: '30' }] });
    const blocked = await post('rep1', url(q4, w.units.u1, 'submit'));
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().details.blocking).toEqual([expect.objectContaining({ ruleCode: 'R_TYLE', importance: 'warning', commented: false })]);
    await put('rep1', url(q4, w.units.u1), { values: [{ code: 'TYLE', value: '30', comment: 'Vùng núi, nhà mạng chưa đầu tư trạm' }] });
    const ok = await post('rep1', url(q4, w.units.u1, 'submit'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().submission).toMatchObject({ status: 'submitted', late: false });
  });

  it('locks the figures once submitted (409 in Vietnamese)', async () => {
    const r = await put('rep1', url(q4, w.units.u1), { values: [{ code: 'BTS', value: '1' }] });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/đã nộp\/đã duyệt, không thể sửa/);
  });
});

describe('decimals are never read as thousands', () => {
  it('stores a JSON number and typed "94,3" exactly, and re-validates stored values as numbers', async () => {
    const q1 = await makeRound(s.db, w.forms.quarterly, '2027Q1', '2027-01-01', '2027-03-31', '2027-03-15');
    const cur = (await get('rep1', url(q1, w.units.u1))).json();
    const r = await put('rep1', url(q1, w.units.u1), { version: cur.submission?.version ?? 0, values: [{ code: 'TYLE', value: 1.634 }] });
    expect(r.statusCode, r.body).toBe(200);
    expect(await storedValue(w.units.u1, '2027Q1', w.elements.TYLE)).toMatchObject({ value: '1.634', num_value: 1.634 });
    // Stored '1.634' is 1,634 %: inside 0–100 (no bounds error), and below the 50 % warning rule.
    type I = { dataElementCode: string; kind: string; leftValue?: number };
    const tyle = (issues: I[]) => issues.filter((i) => i.dataElementCode === 'TYLE').map((i) => [i.kind, i.leftValue]);
    expect(tyle(r.json().issues)).toEqual([['rule', 1.634]]);
    const again = (await get('rep1', url(q1, w.units.u1))).json();
    expect(tyle(again.issues)).toEqual([['rule', 1.634]]);
    const typed = await put('rep1', url(q1, w.units.u1), { version: again.submission.version, values: [{ code: 'TYLE', value: '94,3' }] });
    expect(typed.statusCode, typed.body).toBe(200);
    expect(await storedValue(w.units.u1, '2027Q1', w.elements.TYLE)).toMatchObject({ value: '94.3', num_value: 94.3 });
  });
});
