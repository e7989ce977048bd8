import { multilineText } from '@nhip/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../app.js';
import { openRound, PROVINCE, seedUsers, storedValue, type UserKey } from '../modules/dhis2/test-fixtures.js';
import { cellTextProblem, planImport } from '../modules/xlsx/import-plan.js';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testDb, testServer } from '../test/server.js';
import { loadConfig } from './config.js';
import { checkJson, MAX_JSON_DEPTH, multilineFields } from './text-boundary.js';

let s: TestServer;
let admin: { cookie: string };
let users: Record<UserKey, { cookie: string }>;

beforeAll(async () => {
  s = await testServer({ now: '2024-05-10T02:00:00Z' });
  admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  const r = await s.app.inject({ method: 'POST', url: '/api/metadata', headers: admin, payload: PROVINCE });
  expect(r.statusCode, r.body).toBe(200);
  users = await seedUsers(s.app, s.db);
  await openRound(s.db, 'BC_Q', '2024Q1', '2024-01-01', '2024-03-31');
});
afterAll(() => s.close());

const refused = (r: { statusCode: number; json(): { error: string; message: string } }, named: string, codePoint = 'U+0000') => {
  expect(r.statusCode).toBe(400);
  const { error, message } = r.json();
  expect(error).toBe('invalid_text');
  expect(message).toContain(named);
  expect(message).toContain(codePoint);
  return message;
};

describe('the text boundary: the four answers that were 500', () => {
  it.each(['/api/org-units', '/api/data-elements', '/api/indicators'])('GET %s?q=%00 answers 400 naming the parameter', async (url) => {
    const r = await s.app.inject({ url: `${url}?q=%00`, headers: admin });
    expect(refused(r, 'Tham số "q"')).toBe('Tham số "q" chứa ký tự điều khiển không hợp lệ (U+0000).');
  });

  it('POST /api/me/tokens {"name": "\\u0000"} answers 400 naming the field, and makes no token', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/api/me/tokens', headers: admin, payload: { name: '\u0000' } });
    expect(refused(r, 'Trường "name"')).toBe('Trường "name" chứa ký tự điều khiển không hợp lệ (U+0000).');
    expect((await s.db.one<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens')).n).toBe(0);
  });
});

describe('the text boundary: every way in', () => {
  it('refuses C0, DEL and C1 controls in a JSON body, with the path of the field', async () => {
    for (const [ch, cp] of [['\u0001', 'U+0001'], ['\u001b', 'U+001B'], ['\u007f', 'U+007F'], ['\u0085', 'U+0085'], ['\u009f', 'U+009F']]) {
      const r = await s.app.inject({ method: 'POST', url: '/api/sectors', headers: admin, payload: { code: 'S_X', name: `Lĩnh vực${ch}` } });
      refused(r, 'Trường "name"', cp);
    }
    const r = await s.app.inject({
      method: 'PUT', url: '/api/forms/1/structure', headers: admin, payload: { sections: [{ title: 'Phần 1', elements: [] }, { title: 'Phần\u00002', elements: [] }] },
    });
    refused(r, 'Trường "sections.1.title"');
  });

  it('refuses tab and line breaks in a one-line field, accepts them in a multi-line one', async () => {
    const one = await s.app.inject({ method: 'POST', url: '/api/sectors', headers: admin, payload: { code: 'S_X', name: 'Dòng 1\nDòng 2' } });
    expect(refused(one, 'Trường "name"', 'U+000A')).toMatch(/xuống dòng/);
    const tab = await s.app.inject({ method: 'POST', url: '/api/sectors', headers: admin, payload: { code: 'S\tX', name: 'Lĩnh vực' } });
    refused(tab, 'Trường "code"', 'U+0009');
    const description = 'Cách tính:\r\n\t- trạm đang phát sóng\n\t- trạm dùng chung';
    const ok = await s.app.inject({
      method: 'POST', url: '/api/data-elements', headers: admin, payload: { code: 'ML_1', name: 'Chỉ tiêu nhiều dòng', valueType: 'INTEGER', description },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().description).toBe(description.trim());
    // A vertical tab is no line break, even in a multi-line field.
    const vt = await s.app.inject({
      method: 'PATCH', url: `/api/data-elements/${ok.json().id}`, headers: admin, payload: { description: 'a\u000bb' },
    });
    refused(vt, 'Trường "description"', 'U+000B');
  });

  it('accepts line breaks in the narrative, the value comments and the review comment of a report', async () => {
    const unit = (await s.db.one<{ id: number }>(`SELECT id FROM org_units WHERE code = 'DH'`)).id;
    const round = (await s.db.one<{ id: number }>(`SELECT id FROM reporting_rounds WHERE period = '2024Q1'`)).id;
    const results = 'Kết quả:\n- thêm 3 trạm\n- thêm 2 thôn';
    const r = await s.app.inject({
      method: 'PUT', url: `/api/rounds/${round}/units/${unit}/entry`, headers: users.repDH,
      payload: { values: [{ code: 'BTS', value: 45, comment: 'Nguồn:\r\nsở' }], results },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().submission.results).toBe(results);
    const bad = await s.app.inject({
      method: 'PUT', url: `/api/rounds/${round}/units/${unit}/entry`, headers: users.repDH, payload: { values: [{ code: 'BT\nS', value: 45 }] },
    });
    refused(bad, 'Trường "values.0.code"', 'U+000A');
  });

  it('refuses a control character in a path parameter, a key, a header or the session cookie', async () => {
    refused(await s.app.inject({ url: '/api/forms/%00', headers: admin }), 'Tham số "id" trong đường dẫn');
    refused(await s.app.inject({ url: '/api/forms/1%C2%85', headers: admin }), 'Tham số "id" trong đường dẫn', 'U+0085');
    const key = await s.app.inject({ method: 'POST', url: '/api/me/tokens', headers: admin, payload: { name: 'Máy chủ', 'ghi\u0000chú': 1 } });
    expect(refused(key, 'Tên trường')).toContain('ghi\\u0000chú');
    const ua = await s.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'user-agent': 'Trình duyệt\u0085' }, payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    refused(ua, 'Tiêu đề HTTP "user-agent"', 'U+0085');
    refused(await s.app.inject({ url: '/api/me', headers: { cookie: 'nhip_sid=abc%00' } }), 'Cookie "nhip_sid"');
    // Another application's cookie on the same host is not Nhịp's to refuse.
    const other = await s.app.inject({ url: '/api/me', headers: { cookie: `ung_dung_khac=%00; ${admin.cookie}` } });
    expect(other.statusCode, other.body).toBe(200);
  });

  it('an Origin header that is not a URL counts as cross-site (403), not a server error', async () => {
    const r = await s.app.inject({ method: 'POST', url: '/api/me/tokens', headers: { ...admin, origin: 'không phải địa chỉ' }, payload: { name: 'x' } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toBe('cross_site');
  });

  it('brings text to NFC before the route sees it', async () => {
    const nfd = 'Máy chủ báo cáo tự động'.normalize('NFD');
    const r = await s.app.inject({ url: `/api/org-units?q=${encodeURIComponent('Đông Hưng'.normalize('NFD'))}`, headers: admin });
    expect(r.statusCode).toBe(200);
    expect(r.json().map((u: { code: string }) => u.code)).toEqual(['DH']);
    const body = { name: nfd, list: [nfd, { [nfd]: nfd }] };
    checkJson(body, null);
    const nfc = nfd.normalize('NFC');
    expect(body).toEqual({ name: nfc, list: [nfc, { [nfc]: nfc }] });
  });

  it('refuses JSON nested deeper than the limit', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_JSON_DEPTH + 5; i++) deep = [deep];
    const r = await s.app.inject({ method: 'POST', url: '/api/me/tokens', headers: admin, payload: { name: 'x', deep } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBe('too_deep');
    let ok: unknown = 'x';
    for (let i = 0; i < 20; i++) ok = { a: ok };
    expect(() => checkJson({ ok }, null)).not.toThrow();
  });

  it('refuses a multipart file name with control characters, naming the field', async () => {
    const boundary = '----nhipkiemtra';
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="don\u0001vi.csv"\r\nContent-Type: text/csv\r\n\r\n` +
        'code,name,type,parentCode,validFrom,validTo,predecessorCodes\r\nX1,Xã Một,commune,AT,2024-01-01,,\r\n' +
        `\r\n--${boundary}--\r\n`,
    );
    const r = await s.app.inject({
      method: 'POST', url: '/api/org-units/import?dryRun=true', headers: { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload,
    });
    expect(refused(r, 'Tên tệp', 'U+0001')).toContain('(trường "file")');
  });
});

describe('the text boundary in imported files', () => {
  const CSV_HEAD = 'code,name,type,parentCode,validFrom,validTo,predecessorCodes\r\n';
  it('the organisation CSV names the line and the column, and the import changes nothing', async () => {
    const csv = `${CSV_HEAD}X1,Xã Một,commune,AT,2024-01-01,,\r\nX2,Xã\u0000Hai,commune,AT,2024-01-01,,\r\n`;
    const before = (await s.db.one<{ n: number }>('SELECT count(*)::int AS n FROM org_units')).n;
    const dry = await s.app.inject({ method: 'POST', url: '/api/org-units/import?dryRun=true', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().errors).toEqual([{ line: 3, message: 'Cột "name" chứa ký tự điều khiển không hợp lệ (U+0000).' }]);
    const real = await s.app.inject({ method: 'POST', url: '/api/org-units/import', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    expect(real.statusCode).toBe(400);
    expect(real.json().message).toContain('dòng 3: Cột "name" chứa ký tự điều khiển không hợp lệ (U+0000).');
    expect((await s.db.one<{ n: number }>('SELECT count(*)::int AS n FROM org_units')).n).toBe(before);
  });

  it('a CSV full of control characters is still refused as not being text', async () => {
    const csv = `${CSV_HEAD}${'\u0000\u0001\u0002'.repeat(10)}\r\n`;
    const r = await s.app.inject({ method: 'POST', url: '/api/org-units/import?dryRun=true', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/không phải văn bản CSV/);
  });

  it('a data value set reports the row and the column as a conflict, and imports the other rows', async () => {
    const csv = 'dataElement,period,orgUnit,value,comment\nBTS,2024Q1,DH,46,"Nguồn:\nsở"\nTHON,2024Q1,DH,130,Ghi\u0000chú\nTHON_BR,2024Q1,D\u0007H,120,\n';
    const r = await s.app.inject({ method: 'POST', url: '/api/dataValueSets', headers: { ...users.repDH, 'content-type': 'text/csv' }, payload: csv });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.importCount.imported + body.importCount.updated).toBe(1);
    expect(body.conflicts).toEqual([
      { object: 'comment', value: 'Dòng dữ liệu 2, cột "comment": chứa ký tự điều khiển không hợp lệ (U+0000).', indexes: [1] },
      { object: 'orgUnit', value: 'Dòng dữ liệu 3, cột "orgUnit": chứa ký tự điều khiển không hợp lệ (U+0007).', indexes: [2] },
    ]);
    expect((await storedValue(s.db, 'BTS', 'DH', '2024Q1'))?.comment).toBe('Nguồn:\nsở');
    expect(await storedValue(s.db, 'THON', 'DH', '2024Q1')).toBeFalsy();

    const json = await s.app.inject({
      method: 'POST', url: '/api/dataValueSets?atomic=true', headers: users.repDH,
      payload: { dataValues: [{ dataElement: 'THON', period: '2024Q1', orgUnit: 'DH', value: '130', comment: '\u0000' }] },
    });
    expect(json.statusCode).toBe(409);
    expect(json.json().conflicts[0].value).toBe('dataValues[0], trường "comment": chứa ký tự điều khiển không hợp lệ (U+0000).');
    const head = await s.app.inject({ method: 'POST', url: '/api/dataValueSets', headers: users.repDH, payload: { orgUnit: 'D\u0000H', dataValues: [] } });
    expect(head.statusCode).toBe(400);
    expect(head.json().message).toContain('Trường "orgUnit" chứa ký tự điều khiển không hợp lệ (U+0000)');
  });

  it('the metadata file names the object and field, and keeps its multi-line fields', async () => {
    const bad = await s.app.inject({
      method: 'POST', url: '/api/metadata?dryRun=true', headers: admin,
      payload: { dataElements: [{ code: 'X_1', name: 'Một', valueType: 'INTEGER' }, { code: 'X_2', name: 'Hai\u0000', valueType: 'INTEGER' }] },
    });
    refused(bad, 'Trường "dataElements.1.name"');
    const ok = await s.app.inject({
      method: 'POST', url: '/api/metadata?dryRun=true', headers: admin,
      payload: { dataElements: [{ code: 'X_1', name: 'Một', valueType: 'INTEGER', description: 'Dòng 1\nDòng 2' }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('an Excel template cell names its row and column, and any such cell refuses the file', () => {
    expect(cellTextProblem('C12', 'Ghi\u0000chú', true)).toEqual({ cell: 'C12', message: 'C12 (dòng 12, cột C): chứa ký tự điều khiển không hợp lệ (U+0000).' });
    expect(cellTextProblem('C12', 'Dòng 1\nDòng 2', true)).toBeNull();
    expect(cellTextProblem('A7', 'BT\nS', false)?.message).toMatch(/^A7 \(dòng 7, cột A\): không được chứa ký tự xuống dòng/);
    const plan = planImport({
      elements: [
        { id: 1, code: 'BTS', name: 'Số trạm', uom: null, valueType: 'INTEGER', min: null, max: null, required: false },
        { id: 2, code: 'GHICHU', name: 'Ghi chú', uom: null, valueType: 'TEXT', min: null, max: null, required: false },
      ],
      rules: [], narrativeAllowed: true, saved: {}, savedNarrative: { results: '', difficulties: '', proposals: '' }, previous: {}, history: {},
      read: {
        rows: [
          { row: 5, code: 'BTS', codeCell: 'A5', valueCell: 'C5', value: { kind: 'number', n: 4, percentFormat: false }, comment: 'Nguồn\u0085' },
          { row: 6, code: 'GHICHU', codeCell: 'A6', valueCell: 'C6', value: { kind: 'text', text: 'Dòng 1\nDòng 2' }, comment: null },
        ],
        narrative: { results: { text: 'Kết quả\u0000', cell: 'A20' } },
      },
      normalizeNarrative: (t) => t, maxCommentChars: 2000, maxNarrativeChars: 50_000,
    });
    expect(plan.errors.map((e) => e.message)).toEqual([
      'E5 (dòng 5, cột E): chứa ký tự điều khiển không hợp lệ (U+0085).',
      'A20 (dòng 20, cột A): chứa ký tự điều khiển không hợp lệ (U+0000).',
    ]);
    expect(plan.changes.map((c) => c.code)).toEqual(['GHICHU']);
  });
});

describe('the multi-line declaration', () => {
  it('is read from the route schema through wrappers, arrays, unions and pipes', () => {
    const schema = z
      .object({
        title: z.string(),
        note: multilineText().max(10).nullable().optional(),
        rows: z.array(z.object({ value: z.union([multilineText(), z.number()]), code: z.string() })),
        piped: multilineText().transform((t) => t.trim()).pipe(z.string()),
      })
      .optional();
    const spec = multilineFields(schema);
    expect(spec?.keys.get('title')?.multiline).toBe(false);
    expect(spec?.keys.get('note')?.multiline).toBe(true);
    expect(spec?.keys.get('rows')?.each?.keys.get('value')?.multiline).toBe(true);
    expect(spec?.keys.get('rows')?.each?.keys.get('code')?.multiline).toBe(false);
    expect(spec?.keys.get('piped')?.multiline).toBe(true);
    expect(() => checkJson({ note: 'a\nb', rows: [{ value: 'x\ny', code: 'c' }], piped: 'p\tq' }, spec)).not.toThrow();
    expect(() => checkJson({ rows: [{ value: 'x', code: 'c\nd' }] }, spec)).toThrow(/Trường "rows.0.code"/);
  });

  it('shows in the OpenAPI document', async () => {
    const doc = (await s.app.inject({ url: '/api/openapi.json' })).json();
    const schema = doc.paths['/api/rounds/{roundId}/units/{unitId}/entry'].put.requestBody.content['application/json'].schema;
    expect(schema.properties.results['x-multiline']).toBe(true);
    expect(schema.properties.values.items.properties.code['x-multiline']).toBeUndefined();
  });
});

describe('the safety net behind the boundary', () => {
  it('maps PostgreSQL refusing a character to 400 with a Vietnamese message', async () => {
    const { db, close } = await testDb();
    const app = await buildApp({ db, config: { ...loadConfig({}), scheduler: false }, clock: s.clock });
    // A route that skips the boundary on purpose: its text comes from the server itself.
    app.get('/api/test-nul', { schema: { hide: true } }, async () => db.one(`SELECT $1::text AS t`, ['a\u0000b']));
    app.get('/api/test-json-nul', { schema: { hide: true } }, async () => db.one(`SELECT '"\\u0000"'::jsonb AS t`));
    await app.ready();
    try {
      for (const url of ['/api/test-nul', '/api/test-json-nul']) {
        const r = await app.inject({ url });
        expect(r.statusCode, r.body).toBe(400);
        expect(r.json()).toMatchObject({ error: 'unsaved_text' });
        expect(r.json().message).toMatch(/ký tự không lưu được/);
      }
    } finally {
      await app.close();
      await close();
    }
  });
});
