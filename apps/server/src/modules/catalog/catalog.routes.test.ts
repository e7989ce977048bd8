import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { countRows, makeUnit, makeUser } from '../org/test-fixtures.js';

let s: TestServer;
let admin: { cookie: string };
let office: { cookie: string };
let reporter: { cookie: string };
let division: number;
let district: number;

beforeAll(async () => {
  s = await testServer();
  admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  const dept = await makeUnit(s.db, { code: 'SO', name: 'Sở KH&CN', type: 'department' });
  division = await makeUnit(s.db, { code: 'P_BCVT', name: 'Phòng Bưu chính – Viễn thông', type: 'division', parentId: dept });
  district = await makeUnit(s.db, { code: 'PVHTT', name: 'Phòng VH-TT Ba Chẽ', type: 'district_office', parentId: dept });
  office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office' });
  reporter = await makeUser(s.app, admin, { username: 'baocao', role: 'reporter', orgUnitId: district });
});
afterAll(() => s.close());

const send = (method: 'POST' | 'PATCH', url: string, headers: { cookie: string }, payload: unknown) =>
  s.app.inject({ method, url, headers, payload: payload as object });

describe('sectors', () => {
  let sectorId: number;

  it('creates a sector owned by a division, audited', async () => {
    const r = await send('POST', '/api/sectors', office, { code: 'VT', name: 'Viễn thông', nameEn: 'Telecommunications', divisionId: division, sort: 2 });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ code: 'VT', name: 'Viễn thông', divisionId: division, divisionName: 'Phòng Bưu chính – Viễn thông', sort: 2 });
    sectorId = r.json().id;
    const ev = await s.db.one<{ after: { code: string } }>(`SELECT after FROM audit_events WHERE action = 'sector.create' AND entity_id = $1`, [String(sectorId)]);
    expect(ev.after.code).toBe('VT');
  });

  it('refuses a duplicate code (409) and a division that is not a division (400)', async () => {
    const dup = await send('POST', '/api/sectors', office, { code: 'VT', name: 'Khác' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('Mã lĩnh vực "VT" đã được dùng cho "Viễn thông".');
    const notDivision = await send('POST', '/api/sectors', office, { code: 'BC', name: 'Bưu chính', divisionId: district });
    expect(notDivision.statusCode).toBe(400);
    expect(notDivision.json().message).toBe('"Phòng VH-TT Ba Chẽ" không phải là phòng chuyên môn (loại đơn vị "division").');
  });

  it('updates a sector and lets every signed-in user read the list', async () => {
    const r = await send('PATCH', `/api/sectors/${sectorId}`, office, { name: 'Vie\u0302\u0303n tho\u0302ng', divisionId: null });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ name: 'Viễn thông', divisionId: null, code: 'VT' });
    const list = await s.app.inject({ url: '/api/sectors', headers: reporter });
    expect(list.json().map((x: { code: string }) => x.code)).toEqual(['VT']);
    expect((await send('POST', '/api/sectors', reporter, { code: 'X', name: 'X' })).statusCode).toBe(403);
    expect((await send('PATCH', `/api/sectors/${sectorId}`, reporter, { name: 'X' })).statusCode).toBe(403);
    expect((await send('PATCH', '/api/sectors/99999', office, { name: 'X' })).statusCode).toBe(404);
  });
});

describe('data elements', () => {
  const base = { name: 'Số trạm BTS', valueType: 'INTEGER', aggregationType: 'LAST', uom: 'trạm' };

  it('creates a data element, stores NFC text, and audits it', async () => {
    const r = await send('POST', '/api/data-elements', office, { ...base, code: 'VT_BTS', name: 'So\u0302\u0301 tra\u0323m BTS', min: 0 });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ code: 'VT_BTS', name: 'Số trạm BTS', valueType: 'INTEGER', aggregationType: 'LAST', min: 0, max: null, uom: 'trạm' });
    const row = await s.db.one<{ name: string }>(`SELECT name FROM data_elements WHERE code = 'VT_BTS'`);
    expect(row.name).toBe('Số trạm BTS'.normalize('NFC'));
    expect((await s.db.query(`SELECT 1 FROM audit_events WHERE action = 'data_element.create'`)).length).toBe(1);
  });

  it('gives a percentage the bounds 0–100 unless told otherwise', async () => {
    const r = await send('POST', '/api/data-elements', office, { code: 'VT_PHUSONG', name: 'Tỷ lệ dân số được phủ sóng', valueType: 'PERCENTAGE' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ min: 0, max: 100, aggregationType: 'SUM' });
    const narrow = await send('POST', '/api/data-elements', office, { code: 'VT_PCT2', name: 'Tỷ lệ 2', valueType: 'PERCENTAGE', min: 50 });
    expect(narrow.json()).toMatchObject({ min: 50, max: 100 });
  });

  it('finds elements without diacritics and by sector; reads one; reporters may read', async () => {
    await send('POST', '/api/data-elements', office, { code: 'BC_DN', name: 'Số doanh nghiệp bưu chính', valueType: 'INTEGER', sectorId: (await s.db.one<{ id: number }>(`SELECT id FROM sectors`)).id });
    const r = await s.app.inject({ url: '/api/data-elements?q=doanh%20nghiep%20buu', headers: reporter });
    expect(r.statusCode).toBe(200);
    expect(r.json().map((e: { code: string }) => e.code)).toEqual(['BC_DN']);
    const bySector = await s.app.inject({ url: `/api/data-elements?sectorId=${r.json()[0].sectorId}`, headers: reporter });
    expect(bySector.json().map((e: { code: string }) => e.code)).toEqual(['BC_DN']);
    const one = await s.app.inject({ url: `/api/data-elements/${r.json()[0].id}`, headers: reporter });
    expect(one.json()).toMatchObject({ code: 'BC_DN', sectorName: 'Viễn thông' });
    expect((await s.app.inject({ url: '/api/data-elements/424242', headers: reporter })).statusCode).toBe(404);
  });

  it.each([
    [{ ...base, code: 'VT_BTS' }, 409, 'Mã chỉ tiêu "VT_BTS" đã được dùng cho "Số trạm BTS".'],
    [{ ...base, code: 'mã có dấu' }, 400, /code: chỉ gồm chữ cái không dấu/],
    [{ ...base, code: 'A'.repeat(51) }, 400, /code: chỉ gồm chữ cái không dấu/],
    [{ ...base, code: 'X1', valueType: 'MONEY' }, 400, /valueType: kiểu dữ liệu phải là một trong INTEGER/],
    [{ ...base, code: 'X2', aggregationType: 'MEDIAN' }, 400, /aggregationType: cách tổng hợp phải là một trong SUM/],
    [{ ...base, code: 'X3', min: 10, max: 5 }, 400, 'Giá trị nhỏ nhất (10) phải nhỏ hơn hoặc bằng giá trị lớn nhất (5).'],
    [{ ...base, code: 'X4', valueType: 'PERCENTAGE', max: 150 }, 400, 'Giới hạn của chỉ tiêu tỷ lệ (%) phải nằm trong khoảng 0–100.'],
    [{ ...base, code: 'X5', valueType: 'TEXT', max: 3 }, 400, 'Chỉ tiêu kiểu văn bản không có giá trị nhỏ nhất / lớn nhất.'],
    [{ ...base, code: 'X6', sectorId: 777 }, 400, 'Lĩnh vực (id 777) không tồn tại.'],
    [{ ...base, code: 'X7', min: '1' }, 400, /min: phải là số/],
    [{ ...base, code: 'X8', name: '  ' }, 400, 'Tên chỉ tiêu không được để trống.'],
    [{ ...base, code: 'X9', better: 'up' }, 400, /better: chiều tốt phải là higher \(càng cao càng tốt\) hoặc lower \(càng thấp càng tốt\)/],
  ])('refuses bad input %# with a Vietnamese message and saves nothing', async (body, status, message) => {
    const before = await countRows(s.db, 'data_elements');
    const r = await send('POST', '/api/data-elements', office, body);
    expect(r.statusCode, r.body).toBe(status);
    if (typeof message === 'string') expect(r.json().message).toBe(message);
    else expect(r.json().message).toMatch(message);
    expect(await countRows(s.db, 'data_elements')).toBe(before);
  });

  it('reads and writes the desirable direction (default higher), audited', async () => {
    const created = await send('POST', '/api/data-elements', office, { code: 'ATTT_SUCO', name: 'Số sự cố an toàn thông tin mạng', valueType: 'INTEGER', better: 'lower' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().better).toBe('lower');
    const id = created.json().id as number;
    expect((await s.db.one<{ better: string }>(`SELECT better FROM data_elements WHERE id = $1`, [id])).better).toBe('lower');
    const bts = await s.app.inject({ url: '/api/data-elements?q=VT_BTS', headers: reporter });
    expect(bts.json()[0].better).toBe('higher');
    const ev1 = await s.db.one<{ after: { better: string } }>(`SELECT after FROM audit_events WHERE action = 'data_element.create' AND entity_id = $1`, [String(id)]);
    expect(ev1.after.better).toBe('lower');
    const untouched = await send('PATCH', `/api/data-elements/${id}`, office, { uom: 'sự cố' });
    expect(untouched.json()).toMatchObject({ uom: 'sự cố', better: 'lower' });
    const flipped = await send('PATCH', `/api/data-elements/${id}`, office, { better: 'higher' });
    expect(flipped.statusCode, flipped.body).toBe(200);
    expect(flipped.json().better).toBe('higher');
    const ev2 = await s.db.query<{ before: { better: string }; after: { better: string } }>(
      `SELECT before, after FROM audit_events WHERE action = 'data_element.update' AND entity_id = $1 ORDER BY id`, [String(id)]);
    expect(ev2.map((e) => [e.before.better, e.after.better])).toEqual([['lower', 'lower'], ['lower', 'higher']]);
    const bad = await send('PATCH', `/api/data-elements/${id}`, office, { better: null });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/better: chiều tốt phải là higher/);
  });

  it('updates an element; refuses to change the type once figures exist, or a code used in expressions', async () => {
    const { id } = await s.db.one<{ id: number }>(`SELECT id FROM data_elements WHERE code = 'VT_BTS'`);
    const r = await send('PATCH', `/api/data-elements/${id}`, office, { max: 5000, description: 'Trạm thu phát sóng' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ min: 0, max: 5000, description: 'Trạm thu phát sóng' });
    await s.db.query(`INSERT INTO data_values (data_element_id, org_unit_id, period, value, num_value) VALUES ($1, $2, '2025Q1', '12', 12)`, [id, district]);
    const toText = await send('PATCH', `/api/data-elements/${id}`, office, { valueType: 'TEXT' });
    expect(toText.statusCode).toBe(409);
    expect(toText.json().message).toBe('Chỉ tiêu đã có số liệu; không thể đổi kiểu dữ liệu từ số nguyên sang văn bản.');
    const widened = await send('PATCH', `/api/data-elements/${id}`, office, { valueType: 'NUMBER' });
    expect(widened.statusCode).toBe(200);
    expect((await send('POST', '/api/indicators', office, { code: 'IND_BTS', name: 'BTS', numerator: '#{VT_BTS}' })).statusCode).toBe(201);
    const rename = await send('PATCH', `/api/data-elements/${id}`, office, { code: 'VT_BTS2' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().message).toMatch(/Mã "VT_BTS" đang được dùng trong chỉ số "IND_BTS"/);
    expect((await send('PATCH', `/api/data-elements/${id}`, reporter, { max: 1 })).statusCode).toBe(403);
    const ev = await s.db.query<{ before: { max: number | null }; after: { max: number } }>(
      `SELECT before, after FROM audit_events WHERE action = 'data_element.update' AND entity_id = $1 ORDER BY id`, [String(id)]);
    expect(ev[0].before.max).toBeNull();
    expect(ev[0].after.max).toBe(5000);
  });
});

describe('indicators', () => {
  it('creates an indicator whose expressions name existing elements', async () => {
    await send('POST', '/api/data-elements', office, { code: 'THON_CAP', name: 'Số thôn có cáp quang', valueType: 'INTEGER' });
    await send('POST', '/api/data-elements', office, { code: 'THON', name: 'Tổng số thôn', valueType: 'INTEGER' });
    const r = await send('POST', '/api/indicators', office, {
      code: 'TL_THON_CAP', name: 'Tỷ lệ thôn có cáp quang', numerator: '#{THON_CAP}', denominator: '#{THON}', factor: 100, decimals: 1, uom: '%',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ numerator: '#{THON_CAP}', denominator: '#{THON}', factor: 100, decimals: 1 });
    const list = await s.app.inject({ url: '/api/indicators?q=cap%20quang', headers: reporter });
    expect(list.json().map((i: { code: string }) => i.code)).toEqual(['TL_THON_CAP']);
    const patched = await send('PATCH', `/api/indicators/${r.json().id}`, office, { denominator: '#{THON} + 0' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().denominator).toBe('#{THON} + 0');
  });

  it('reads and writes the desirable direction of an indicator (default higher), audited', async () => {
    const r = await send('POST', '/api/indicators', office, {
      code: 'TL_THON_KHONG_CAP', name: 'Tỷ lệ thôn chưa có cáp quang', numerator: '#{THON} - #{THON_CAP}', denominator: '#{THON}', factor: 100, better: 'lower',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().better).toBe('lower');
    const id = r.json().id as number;
    const other = await s.app.inject({ url: '/api/indicators?q=TL_THON_CAP', headers: reporter });
    expect(other.json()[0].better).toBe('higher');
    const patched = await send('PATCH', `/api/indicators/${id}`, office, { better: 'higher' });
    expect(patched.json().better).toBe('higher');
    expect((await s.app.inject({ url: `/api/indicators/${id}`, headers: reporter })).json().better).toBe('higher');
    const ev = await s.db.one<{ before: { better: string }; after: { better: string } }>(
      `SELECT before, after FROM audit_events WHERE action = 'indicator.update' AND entity_id = $1`, [String(id)]);
    expect([ev.before.better, ev.after.better]).toEqual(['lower', 'higher']);
    const bad = await send('POST', '/api/indicators', office, { code: 'BAD3', name: 'Sai', numerator: '#{THON}', better: 'LOWER' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/better: chiều tốt phải là higher/);
  });

  it('marks a figure public for the portal (default not public, province level), audited; level 1–2; a text element never', async () => {
    const ind = await send('POST', '/api/indicators', office, { code: 'TL_CONG_KHAI', name: 'Tỷ lệ công khai', numerator: '#{THON_CAP}', denominator: '#{THON}', factor: 100 });
    expect(ind.json()).toMatchObject({ public: false, publicLevel: 1 });
    const id = ind.json().id as number;
    const patched = await send('PATCH', `/api/indicators/${id}`, office, { public: true, publicLevel: 2 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await s.app.inject({ url: `/api/indicators/${id}`, headers: reporter })).json()).toMatchObject({ public: true, publicLevel: 2 });
    const ev = await s.db.one<{ before: { public: boolean }; after: { public: boolean; publicLevel: number } }>(
      `SELECT before, after FROM audit_events WHERE action = 'indicator.update' AND entity_id = $1`, [String(id)]);
    expect([ev.before.public, ev.after.public, ev.after.publicLevel]).toEqual([false, true, 2]);
    const deep = await send('PATCH', `/api/indicators/${id}`, office, { publicLevel: 3 });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().message).toMatch(/publicLevel: cấp công khai phải là 1 hoặc 2/);
    const el = await send('POST', '/api/data-elements', office, { code: 'CK_SO', name: 'Số công khai', valueType: 'INTEGER', public: true });
    expect(el.json()).toMatchObject({ public: true, publicLevel: 1 });
    const text = await send('POST', '/api/data-elements', office, { code: 'CK_GHICHU', name: 'Ghi chú', valueType: 'TEXT', public: true });
    expect(text.statusCode).toBe(400);
    expect(text.json().message).toBe('Chỉ tiêu kiểu văn bản không có số tổng hợp nên không công khai được trên trang số liệu.');
  });

  it.each([
    [{ numerator: '#{KHONG_CO} + #{THON} + #{CUNG_KHONG}' }, 'Biểu thức tham chiếu mã chỉ tiêu không tồn tại: KHONG_CO, CUNG_KHONG.'],
    [{ numerator: '#{THON} + ' }, 'Tử số: Biểu thức không hợp lệ tại vị trí 11: thiếu toán hạng ở cuối biểu thức'],
    [{ numerator: '#{THON}', denominator: '(#{THON}' }, 'Mẫu số: Biểu thức không hợp lệ tại vị trí 9: thiếu dấu đóng ngoặc'],
    [{ numerator: '#{THON}', denominator: '2 - 2' }, 'Mẫu số không được bằng 0.'],
    [{ numerator: '#{THON}', factor: 0 }, 'Hệ số phải là một số khác 0.'],
    [{ numerator: '#{THON}', factor: 'một trăm' }, /factor: hệ số phải là số/],
  ])('refuses a bad indicator %#', async (body, message) => {
    const r = await send('POST', '/api/indicators', office, { code: 'BAD', name: 'Sai', ...body });
    expect(r.statusCode).toBe(400);
    if (typeof message === 'string') expect(r.json().message).toBe(message);
    else expect(r.json().message).toMatch(message);
    expect((await s.db.query(`SELECT 1 FROM indicators WHERE code = 'BAD'`)).length).toBe(0);
  });

  it('lists unknown codes in the error details', async () => {
    const r = await send('POST', '/api/indicators', office, { code: 'BAD2', name: 'Sai', numerator: '#{NOPE}' });
    expect(r.json().details).toEqual({ unknownCodes: ['NOPE'] });
  });

  it('forbids writes to a reporter', async () => {
    expect((await send('POST', '/api/indicators', reporter, { code: 'R', name: 'R', numerator: '#{THON}' })).statusCode).toBe(403);
  });
});

describe('sentence patterns (figures in prose in the summary report)', () => {
  it('stores a data element\'s and an indicator\'s pattern (default none), audited; blank clears it; an unknown slot is a Vietnamese 400 naming it', async () => {
    const de = await send('POST', '/api/data-elements', office, { code: 'BTS_VT', name: 'Số vị trí trạm BTS', valueType: 'INTEGER', uom: 'vị trí' });
    expect(de.json().sentencePattern).toBeNull();
    const id = de.json().id as number;
    const set = await send('PATCH', `/api/data-elements/${id}`, office, { sentencePattern: '  Toàn tỉnh có {value} {uom} trạm BTS[, {delta}] ' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ sentencePattern: 'Toàn tỉnh có {value} {uom} trạm BTS[, {delta}]', uom: 'vị trí' });
    expect((await s.app.inject({ url: `/api/data-elements/${id}`, headers: reporter })).json().sentencePattern).toBe('Toàn tỉnh có {value} {uom} trạm BTS[, {delta}]');
    const ev = await s.db.one<{ after: { sentencePattern: string } }>(
      `SELECT after FROM audit_events WHERE action = 'data_element.update' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [String(id)]);
    expect(ev.after.sentencePattern).toBe('Toàn tỉnh có {value} {uom} trạm BTS[, {delta}]');
    const bad = await send('PATCH', `/api/data-elements/${id}`, office, { sentencePattern: 'Toàn tỉnh có {so_luong} trạm' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^Mẫu câu dùng ô dữ liệu không có: \{so_luong\}\. Các ô dùng được: \{name\}/);
    const unclosed = await send('PATCH', `/api/data-elements/${id}`, office, { sentencePattern: 'Toàn tỉnh có {value}[, {delta}' });
    expect(unclosed.json().message).toBe('Mẫu câu thiếu dấu "]" đóng phần tùy chọn.');
    expect((await send('PATCH', `/api/data-elements/${id}`, reporter, { sentencePattern: '{value}' })).statusCode).toBe(403);
    const cleared = await send('PATCH', `/api/data-elements/${id}`, office, { sentencePattern: '  ' });
    expect(cleared.json().sentencePattern).toBeNull();

    const ind = await send('POST', '/api/indicators', office, {
      code: 'TL_THON_CAP2', name: 'Tỷ lệ thôn có cáp quang', numerator: '#{THON_CAP}', denominator: '#{THON}', factor: 100, uom: '%',
      sentencePattern: '{numerator}/{denominator} thôn có cáp quang, đạt {percent}',
    });
    expect(ind.statusCode, ind.body).toBe(201);
    expect(ind.json().sentencePattern).toBe('{numerator}/{denominator} thôn có cáp quang, đạt {percent}');
    const badInd = await send('POST', '/api/indicators', office, { code: 'TL_X', name: 'X', numerator: '#{THON}', sentencePattern: 'đạt {ty_le}' });
    expect(badInd.statusCode).toBe(400);
    expect(badInd.json().message).toMatch(/\{ty_le\}/);
    expect((await s.db.maybeOne(`SELECT 1 FROM indicators WHERE code = 'TL_X'`))).toBeNull();
  });
});
