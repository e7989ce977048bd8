import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { MAIN_SHEET } from './template-layout.js';
import { FOREIGN_MESSAGE } from './template-reader.js';
import { type XlsxWorld, buildZip, multipart, savedState, seedXlsxWorld, signIn, xlsxSkeleton } from './test-fixtures.js';
import { MSG } from './zip-guard.js';

let s: TestServer;
let w: XlsxWorld;
let hb: { cookie: string };
const url = (roundId: number, unitId: number, tail: string) => `/api/rounds/${roundId}/units/${unitId}/${tail}`;

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z', seed: async (db) => { w = await seedXlsxWorld(db); } });
  hb = await signIn(s.app, 'bc_hb');
}, 60_000);
afterAll(async () => s?.close());

async function template(cookie: { cookie: string }, roundId = w.rounds.q3, unitId = w.units.hb): Promise<Buffer> {
  const r = await s.app.inject({ method: 'GET', url: url(roundId, unitId, 'template.xlsx'), headers: cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.rawPayload;
}

async function edit(buf: Buffer, f: (ws: ExcelJS.Worksheet, row: (code: string) => number) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(MAIN_SHEET)!;
  const row = (code: string) => {
    for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(`A${r}`).value === code) return r;
    throw new Error(`no row ${code}`);
  };
  f(ws, row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Row of a narrative heading; the text cell is the next row. */
const headingRow = (ws: ExcelJS.Worksheet, label: string) => {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getCell(`A${r}`).value ?? '').endsWith(label)) return r;
  throw new Error(`no heading ${label}`);
};

const upload = (file: Buffer, opts: { dryRun?: boolean; cookie?: { cookie: string }; roundId?: number; unitId?: number; filename?: string; query?: string } = {}) => {
  const m = multipart(file, opts.filename ?? 'bao-cao.xlsx');
  const query = opts.query ?? `dryRun=${opts.dryRun ?? true}`;
  return s.app.inject({
    method: 'POST', url: `${url(opts.roundId ?? w.rounds.q3, opts.unitId ?? w.units.hb, 'import-xlsx')}?${query}`,
    headers: { ...(opts.cookie ?? hb), ...m.headers }, payload: m.payload,
  });
};

const RESULTS_NFD = 'Kết quả: phủ sóng 4G tới 100% thôn, bản.'.normalize('NFD');

describe('the Excel round trip', () => {
  let filled: Buffer;

  it('is documented in the OpenAPI description', async () => {
    const doc = (await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/rounds/{roundId}/units/{unitId}/import-xlsx'].post;
    expect(op.summary).toMatch(/^Nhập báo cáo từ mẫu Excel/);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['dryRun', 'version', 'roundId', 'unitId']));
    expect(doc.paths['/api/rounds/{roundId}/units/{unitId}/template.xlsx'].get).toBeDefined();
  });

  it('downloads a template named after form, period and unit, with earlier periods for reference', async () => {
    const r = await s.app.inject({ method: 'GET', url: url(w.rounds.q3, w.units.hb, 'template.xlsx'), headers: hb });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain('Mau_BC-VHTT-Q_2026Q3_PVHTT-HB.xlsx');
    await edit(r.rawPayload, (ws, row) => {
      expect(ws.getCell('A3').value).toBe('Kỳ báo cáo: Quý III năm 2026 — Hạn nộp: 15/12/2026 — Mã biểu: BC-VHTT-Q');
      expect(ws.getCell(`F${row('VT_BTS')}`).value).toBe(1634);
      expect(ws.getCell(`G${row('VT_BTS')}`).value).toBe(1500);
      expect(ws.getCell(`F${row('CDS_TL_HS')}`).value).toBe(94.3);
      expect(ws.getCell(`D${row('BC_DN')}`).value).toBeNull();
    });
  });

  it('previews a filled file: values, previous values and validation issues, and writes nothing', async () => {
    filled = await edit(await template(hb), (ws, row) => {
      ws.getCell(`D${row('BC_DN')}`).value = 15;
      ws.getCell(`D${row('VT_BTS')}`).value = '1.700';
      ws.getCell(`D${row('THON_BR')}`).value = 130;
      ws.getCell(`E${row('THON_BR')}`).value = 'Tính cả thôn mới sáp nhập';
      ws.getCell(`D${row('THON')}`).value = { formula: '100+20', result: 120 };
      ws.getCell(`A${headingRow(ws, 'Kết quả đạt được') + 1}`).value = RESULTS_NFD;
    });
    const before = await savedState(s.db);
    const r = await upload(filled, { dryRun: true });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.applied).toBe(false);
    expect(body.errors).toEqual([]);
    expect(body.changes).toBe(5);
    const byCode = Object.fromEntries(body.values.map((v: { code: string }) => [v.code, v]));
    expect(byCode.BC_DN).toMatchObject({ value: '15', previous: '12', saved: null, changed: true });
    expect(byCode.VT_BTS).toMatchObject({ value: '1700', previous: '1634', changed: true });
    expect(byCode.THON).toMatchObject({ value: '120', previous: '120' });
    expect(byCode.THON_BR).toMatchObject({ value: '130', comment: 'Tính cả thôn mới sáp nhập' });
    expect(byCode.DT_VT).toMatchObject({ value: null, previous: '45.5', changed: false, cell: expect.stringMatching(/^D\d+$/) });
    expect(body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'rule', ruleCode: 'R_THON', importance: 'error' })]));
    expect(body.narrative.results).toBe(RESULTS_NFD.normalize('NFC'));
    expect(body.narrativeChanged).toEqual(['results']);
    expect(body.message).toMatch(/^Sẽ cập nhật 4 số liệu và phần "Kết quả đạt được"/);
    expect(await savedState(s.db)).toBe(before);
  });

  it('confirms: all values and the narrative in one save, with per-value audit and NFC text', async () => {
    const r = await upload(filled, { dryRun: false, filename: 'Mau_BC-VHTT-Q_2026Q3_PVHTT-HB.xlsx' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ applied: true, changes: 5, version: 1, errors: [] });
    const values = await s.db.query<{ code: string; value: string; comment: string | null }>(
      `SELECT de.code, dv.value, dv.comment FROM data_values dv JOIN data_elements de ON de.id = dv.data_element_id
        WHERE dv.org_unit_id = $1 AND dv.period = '2026Q3' ORDER BY de.code`, [w.units.hb]);
    expect(values).toEqual([
      { code: 'BC_DN', value: '15', comment: null }, { code: 'THON', value: '120', comment: null },
      { code: 'THON_BR', value: '130', comment: 'Tính cả thôn mới sáp nhập' }, { code: 'VT_BTS', value: '1700', comment: null },
    ]);
    const audits = await s.db.query<{ action: string; value: string }>(
      `SELECT action, value FROM value_audit WHERE org_unit_id = $1 AND period = '2026Q3' ORDER BY value`, [w.units.hb]);
    expect(audits).toEqual([
      { action: 'create', value: '120' }, { action: 'create', value: '130' }, { action: 'create', value: '15' }, { action: 'create', value: '1700' },
    ]);
    const sub = await s.db.one<{ results: string; status: string }>('SELECT results, status FROM submissions WHERE round_id = $1 AND org_unit_id = $2', [w.rounds.q3, w.units.hb]);
    expect(sub).toEqual({ results: RESULTS_NFD.normalize('NFC'), status: 'draft' });
    const ev = await s.db.one<{ after: { filename: string; values: string[] } }>(`SELECT after FROM audit_events WHERE action = 'submission.import_xlsx'`);
    expect(ev.after.filename).toBe('Mau_BC-VHTT-Q_2026Q3_PVHTT-HB.xlsx');
    expect(ev.after.values.sort()).toEqual(['BC_DN', 'THON', 'THON_BR', 'VT_BTS']);
  });

  it('downloads the template again with the saved values and narrative prefilled', async () => {
    await edit(await template(hb), (ws, row) => {
      expect(ws.getCell(`D${row('BC_DN')}`).value).toBe(15);
      expect(ws.getCell(`D${row('VT_BTS')}`).value).toBe(1700);
      expect(ws.getCell(`E${row('THON_BR')}`).value).toBe('Tính cả thôn mới sáp nhập');
      expect(ws.getCell(`A${headingRow(ws, 'Kết quả đạt được') + 1}`).value).toBe(RESULTS_NFD.normalize('NFC'));
    });
  });

  it('uploading the same file again changes nothing', async () => {
    const before = await savedState(s.db);
    const r = await upload(filled, { dryRun: false });
    expect(r.json()).toMatchObject({ applied: false, changes: 0, message: 'Tệp không có thay đổi nào so với số liệu đã lưu.' });
    expect(await savedState(s.db)).toBe(before);
  });

  it('refuses a confirm made against an older version of the report (409)', async () => {
    const before = await savedState(s.db);
    const file = await edit(filled, (ws, row) => { ws.getCell(`D${row('BC_DN')}`).value = 16; });
    const r = await upload(file, { query: 'dryRun=false&version=0' });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/vừa được người khác lưu/);
    expect(await savedState(s.db)).toBe(before);
  });
});

describe('files that are refused, changing nothing', () => {
  async function refused(file: Buffer, status: number, message: string | RegExp, opts: Parameters<typeof upload>[1] = {}) {
    const before = await savedState(s.db);
    const r = await upload(file, { dryRun: false, ...opts });
    expect(r.statusCode, r.body).toBe(status);
    if (typeof message === 'string') expect(r.json().message).toBe(message);
    else expect(r.json().message).toMatch(message);
    expect(await savedState(s.db)).toBe(before);
    return r.json();
  }

  it('an empty file (400)', () => refused(Buffer.alloc(0), 400, MSG.empty));
  it('random bytes named .xlsx (415)', () => refused(Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31 + 7) % 256)), 415, MSG.notXlsx));
  it('a PDF renamed .xlsx (415)', () => refused(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF'), 415, MSG.notXlsx));
  it('a CSV (415)', () => refused(Buffer.from('Mã chỉ tiêu;Giá trị\nBC_DN;15\n'), 415, MSG.notXlsx, { filename: 'bao-cao.csv' }));
  it('a broken .xlsx (400)', async () => refused((await template(hb)).subarray(0, 3000), 400, MSG.corrupt));

  it('a real workbook that is not our template (400)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Báo cáo');
    ws.addRow(['Mã chỉ tiêu', 'Chỉ tiêu', 'Giá trị']);
    ws.addRow(['BC_DN', 'Số doanh nghiệp', 99]);
    await refused(Buffer.from(await wb.xlsx.writeBuffer()), 400, FOREIGN_MESSAGE);
  });

  it("another unit's template uploaded here (400, naming whose it is)", async () => {
    const ts = await signIn(s.app, 'bc_ts');
    const file = await edit(await template(ts, w.rounds.q3, w.units.ts), (ws, row) => { ws.getCell(`D${row('BC_DN')}`).value = 3; });
    const body = await refused(file, 400, /^Tệp này là mẫu báo cáo của Phòng Văn hóa và Thông tin huyện Tiên Sơn \(mã PVHTT-TS\), biểu BC-VHTT-Q, Quý III năm 2026 — không phải mẫu của Phòng Văn hóa và Thông tin huyện Hòa Bình/);
    expect(body.error).toBe('wrong_template');
  });

  it('the template of another form of the same period (400, naming the form)', async () => {
    await refused(await template(hb, w.rounds.q3Other), 400, /biểu BC-KHAC-Q, Quý III năm 2026 — không phải mẫu của .*biểu BC-VHTT-Q/);
  });

  it("another unit's report in the URL is not found (404), for the template and for the import", async () => {
    const g = await s.app.inject({ method: 'GET', url: url(w.rounds.q3, w.units.ts, 'template.xlsx'), headers: hb });
    expect(g.statusCode).toBe(404);
    await refused(await template(hb), 404, /Không tìm thấy báo cáo/, { unitId: w.units.ts });
    await refused(await template(hb), 404, /Không tìm thấy/, { roundId: 999_999 });
  });

  it('a zip bomb: a 150 MB sheet squeezed into a small upload (400)', async () => {
    const raw = zlib.deflateRawSync(Buffer.alloc(150 * 1024 * 1024, 0x20), { level: 9 });
    const bomb = buildZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), declaredSize: 150 * 1024 * 1024, raw }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refused(bomb, 400, MSG.bomb);
  });

  it('a file over the 20 MB upload limit (413)', async () => {
    await refused(Buffer.alloc(21 * 1024 * 1024, 0x50), 413, /quá lớn/);
  });

  it('a row whose code is not on the form: the cell is named and nothing at all is saved', async () => {
    const file = await edit(await template(hb), (ws, row) => {
      ws.getCell(`D${row('DT_VT')}`).value = 50.25;
      const r = row('CDS_TL_HS');
      ws.getCell(`A${r}`).value = 'XYZ';
      ws.getCell(`D${r}`).value = 80;
    });
    const before = await savedState(s.db);
    const r = await upload(file, { dryRun: false });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.applied).toBe(false);
    expect(body.errors).toEqual([{ cell: expect.stringMatching(/^A\d+$/), message: expect.stringMatching(/^A\d+: mã chỉ tiêu XYZ không có trong biểu mẫu\.$/) }]);
    expect(body.message).toBe('Tệp có 1 lỗi, chưa ghi dữ liệu nào. Hãy sửa các ô được nêu rồi tải lên lại.');
    expect(await savedState(s.db)).toBe(before);
  });

  it('an approved, locked report (409), also for the preview', async () => {
    const kl = await signIn(s.app, 'bc_kl');
    const file = await edit(await template(kl, w.rounds.q3, w.units.kl), (ws, row) => { ws.getCell(`D${row('BC_DN')}`).value = 8; });
    await refused(file, 409, /đã được duyệt và khóa số liệu/, { cookie: kl, unitId: w.units.kl });
    await refused(file, 409, /đã được duyệt và khóa số liệu/, { cookie: kl, unitId: w.units.kl, dryRun: true });
  });

  it('a reviewer may download but not import (403)', async () => {
    const cds = await signIn(s.app, 'cds');
    const file = await template(cds);
    await refused(file, 403, /Chỉ cán bộ của đơn vị/, { cookie: cds });
  });

  it('a request that is not a file upload (415) or carries no file (400)', async () => {
    const j = await s.app.inject({ method: 'POST', url: `${url(w.rounds.q3, w.units.hb, 'import-xlsx')}?dryRun=true`, headers: hb, payload: { values: [] } });
    expect(j.statusCode).toBe(415);
    expect(j.json().message).toMatch(/multipart\/form-data/);
    const m = multipart(Buffer.from('x'), 'a.xlsx', 'application/octet-stream', 'other');
    const r = await s.app.inject({ method: 'POST', url: `${url(w.rounds.q3, w.units.hb, 'import-xlsx')}?dryRun=true`, headers: { ...hb, ...m.headers }, payload: m.payload });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/trường "file"/);
  });
});
