import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../platform/http.js';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { makeUser } from '../org/test-fixtures.js';
import { PIVOT_SHEET, PIVOT_TITLE } from './pivot.xlsx.js';
import { FIXTURE_NOW, type World, seedDashboardWorld } from './test-fixtures.js';

let s: TestServer;
let w: World;
const as: Record<string, { cookie: string }> = {};

beforeAll(async () => {
  s = await testServer({ now: FIXTURE_NOW });
  w = await seedDashboardWorld(s.db);
  const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  as.office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office', orgUnitId: w.u.DEP });
  as.viewer = await makeUser(s.app, admin, { username: 'xem', role: 'viewer', orgUnitId: w.u.PROV });
  as.reporter = await makeUser(s.app, admin, { username: 'baocao', role: 'reporter', orgUnitId: w.u.U1 });
}, 60_000);
afterAll(() => s?.close());

type Body = { dimension: string[]; rows: string[]; columns: string[]; includeUnapproved?: boolean };
const pivot = (who: string, body: Body | Record<string, unknown>) =>
  s.app.inject({ method: 'POST', url: '/api/analytics/pivot.xlsx', headers: as[who], payload: body });

async function sheet(who: string, body: Body): Promise<ExcelJS.Worksheet> {
  const r = await pivot(who, body);
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  expect(r.headers['content-type']).toBe(XLSX_MIME);
  expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Bảng tổng hợp số liệu 2024-11-10.xlsx')}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  expect(wb.worksheets.map((x) => x.name)).toEqual([PIVOT_SHEET]);
  return wb.getWorksheet(PIVOT_SHEET)!;
}

/** /api/analytics's values keyed 'dx|ou|pe', as numbers. */
async function analytics(who: string, dimension: string[], extra = ''): Promise<Map<string, number>> {
  const qs = dimension.map((d) => `dimension=${encodeURIComponent(d)}`).join('&');
  const r = await s.app.inject({ method: 'GET', url: `/api/analytics?${qs}${extra}`, headers: as[who] });
  expect(r.statusCode, r.body).toBe(200);
  return new Map((r.json().rows as string[][]).map(([dx, ou, pe, v]) => [`${dx}|${ou}|${pe}`, Number(v)]));
}

const rowOf = (ws: ExcelJS.Worksheet, text: string) => {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === text) return r;
  return 0;
};
const values = (ws: ExcelJS.Worksheet, r: number, n: number) => Array.from({ length: n }, (_, i) => ws.getCell(r, i + 1).value);

describe('POST /api/analytics/pivot.xlsx', () => {
  const dimension = ['dx:HS;HS_DH;TL', 'ou:U1;U2', 'pe:2024Q2;2024Q3'];

  it('rows dx × ou, columns pe: Vietnamese headings, numeric cells with number formats, the values of /api/analytics', async () => {
    const ws = await sheet('office', { dimension, rows: ['dx', 'ou'], columns: ['pe'] });
    expect(ws.getCell('A1').value).toBe(PIVOT_TITLE);
    expect(ws.getCell('A2').value).toBe('Số liệu: đã phê duyệt');
    expect(ws.getCell('A3').value).toBe('Ngày lập: 10/11/2024');
    const head = rowOf(ws, 'Chỉ tiêu');
    expect(values(ws, head, 4)).toEqual(['Chỉ tiêu', 'Đơn vị', 'Quý II năm 2024', 'Quý III năm 2024']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: head });
    const api = await analytics('office', dimension);
    const dxNames: Record<string, string> = { HS: 'Số hồ sơ tiếp nhận', HS_DH: 'Số hồ sơ đúng hạn', TL: 'Tỷ lệ hồ sơ đúng hạn' };
    const ouNames: Record<string, string> = { U1: 'Xã An Lạc', U2: 'Xã Đông Hà' };
    let r = head + 1;
    let checked = 0;
    for (const dx of ['HS', 'HS_DH', 'TL']) {
      for (const [k, ou] of ['U1', 'U2'].entries()) {
        expect(ws.getCell(r, 1).value, `${dx} ${ou}`).toBe(k === 0 ? dxNames[dx] : null); // the name where it changes
        expect(ws.getCell(r, 2).value).toBe(ouNames[ou]);
        for (const [j, pe] of ['2024Q2', '2024Q3'].entries()) {
          const cell = ws.getCell(r, 3 + j);
          expect(cell.value, `${dx} ${ou} ${pe}`).toBe(api.get(`${dx}|${ou}|${pe}`));
          expect(typeof cell.value).toBe('number');
          expect(cell.numFmt).toBe(dx === 'TL' ? '#,##0.0' : '#,##0');
          checked++;
        }
        r++;
      }
    }
    expect(checked).toBe(12);
    expect(ws.rowCount).toBe(r - 1);
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual('Tỷ lệ hồ sơ đúng hạn'.length);
  });

  it('a filter with one item becomes a line above the table; empty cells stay blank; big and decimal numbers keep their format', async () => {
    const ws = await sheet('viewer', { dimension: ['dx:E09;E10', 'ou:U1;U2', 'pe:2024Q3'], rows: ['ou'], columns: ['dx'] });
    expect(ws.getCell('A2').value).toBe('Kỳ: Quý III năm 2024');
    const head = rowOf(ws, 'Đơn vị');
    expect(values(ws, head, 3)).toEqual(['Đơn vị', 'Chỉ tiêu viễn thông 9', 'Chỉ tiêu viễn thông 10']);
    expect(values(ws, head + 1, 3)).toEqual(['Xã An Lạc', 999_999_999, null]);
    expect(values(ws, head + 2, 3)).toEqual(['Xã Đông Hà', null, 12.5]);
    expect(ws.getCell(head + 1, 2).numFmt).toBe('#,##0');
    expect(ws.getCell(head + 2, 3).numFmt).toBe('#,##0.0');
  });

  it('two dimensions on the columns: one header row each, the outer names merged over their columns', async () => {
    const ws = await sheet('office', { dimension: ['dx:HS', 'ou:U1;U2', 'pe:2024Q2;2024Q3'], rows: [], columns: ['ou', 'pe'] });
    expect(ws.getCell('A2').value).toBe('Chỉ tiêu: Số hồ sơ tiếp nhận');
    const top = rowOf(ws, 'Xã An Lạc');
    expect(values(ws, top, 4)).toEqual(['Xã An Lạc', 'Xã An Lạc', 'Xã Đông Hà', 'Xã Đông Hà']);
    expect(ws.getCell(top, 2).isMerged).toBe(true);
    expect(ws.getCell(top, 2).master.address).toBe(ws.getCell(top, 1).address);
    expect(values(ws, top + 1, 4)).toEqual(['Quý II năm 2024', 'Quý III năm 2024', 'Quý II năm 2024', 'Quý III năm 2024']);
    expect(values(ws, top + 2, 4)).toEqual([110, 130, 70, 90]);
    expect(ws.views[0]).toMatchObject({ xSplit: 0, ySplit: top + 1 });
  });

  it('unapproved figures only for an office caller asking, and said so', async () => {
    const ws = await sheet('office', { dimension: ['dx:HS', 'ou:U3', 'pe:2024Q3'], rows: ['ou'], columns: ['pe'], includeUnapproved: true });
    expect(values(ws, 2, 1)).toEqual(['Chỉ tiêu: Số hồ sơ tiếp nhận']);
    expect(ws.getCell('A3').value).toBe('Số liệu: gồm cả số liệu chưa phê duyệt');
    expect(ws.getCell(rowOf(ws, 'Xã Bảo Yên'), 2).value).toBe(5);
    const r = await pivot('viewer', { dimension: ['dx:HS', 'ou:U3', 'pe:2024Q3'], rows: ['ou'], columns: ['pe'], includeUnapproved: true });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/chưa duyệt/);
  });

  it('a filter dimension with several items is refused with 400 naming it', async () => {
    for (const [pe, n] of [['pe:2024Q2;2024Q3', '2'], ['pe:LAST_4_QUARTERS', '4']] as const) {
      const r = await pivot('office', { dimension: ['dx:HS', 'ou:U1', pe], rows: ['dx'], columns: ['ou'] });
      expect(r.statusCode, pe).toBe(400);
      expect(r.json().message).toBe(`Chiều "pe" (kỳ) là bộ lọc nên phải có đúng một mục, nhưng đang có ${n}: hãy đưa chiều này vào hàng hoặc cột, hoặc chọn một mục.`);
    }
    const level = await pivot('office', { dimension: ['dx:HS', 'ou:LEVEL-2', 'pe:2024Q3'], rows: ['dx'], columns: ['pe'] });
    expect(level.statusCode).toBe(400);
    expect(level.json().message).toMatch(/^Chiều "ou" \(đơn vị\) là bộ lọc/);
  });

  it('refuses bad dimensions and layouts with a Vietnamese 400', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ dimension: ['dx:HS', 'ou:U1', 'xx:1'], rows: ['dx'], columns: ['pe'] }, /Chiều dữ liệu "xx:1" không hợp lệ/],
      [{ dimension: ['dx:HS', 'ou:U1'], rows: ['dx'], columns: ['ou'] }, /Thiếu chiều "pe"/],
      [{ dimension: ['dx:KHONG_CO', 'ou:U1', 'pe:2024'], rows: ['dx'], columns: ['pe'] }, /KHONG_CO/],
      [{ dimension: ['dx:HS', 'ou:KHONG_CO', 'pe:2024'], rows: ['ou'], columns: ['pe'] }, /KHONG_CO/],
      [{ dimension: ['dx:HS', 'ou:U1', 'pe:2024Q5'], rows: ['dx'], columns: ['pe'] }, /2024Q5/],
      [{ dimension: ['dx:HS', 'ou:U1', 'pe:2024'], rows: ['dx'], columns: ['dx'] }, /Chiều "dx" \(chỉ tiêu\) vừa ở hàng vừa ở cột/],
      [{ dimension: ['dx:HS', 'ou:U1', 'pe:2024'], rows: ['ou', 'ou'], columns: [] }, /Chiều "ou" \(đơn vị\) được chọn hai lần/],
      [{ dimension: ['dx:HS', 'ou:U1', 'pe:2024'], rows: ['zz'], columns: ['pe'] }, /^Dữ liệu gửi lên không hợp lệ/],
      [{ dimension: [], rows: ['dx'], columns: ['pe'] }, /^Dữ liệu gửi lên không hợp lệ/],
      [{ dimension: 'dx:HS', rows: ['dx'], columns: ['pe'] }, /^Dữ liệu gửi lên không hợp lệ/],
      [{ rows: ['dx'], columns: ['pe'] }, /^Dữ liệu gửi lên không hợp lệ/],
    ];
    for (const [body, message] of cases) {
      const r = await pivot('office', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().message, JSON.stringify(body)).toMatch(message);
    }
  });

  it('keeps a unit role inside its own subtree: its own unit answers, any other is 404', async () => {
    const ws = await sheet('reporter', { dimension: ['dx:HS', 'ou:U1', 'pe:2024Q2;2024Q3'], rows: ['ou'], columns: ['pe'] });
    expect(values(ws, rowOf(ws, 'Xã An Lạc'), 3)).toEqual(['Xã An Lạc', 110, 130]);
    for (const ou of ['U2', 'PROV', 'U1;U2']) {
      const r = await pivot('reporter', { dimension: ['dx:HS', `ou:${ou}`, 'pe:2024Q3'], rows: ['ou'], columns: ['pe'] });
      expect(r.statusCode, ou).toBe(404);
      expect(r.json().message).toMatch(/phạm vi/);
    }
    expect((await s.app.inject({ method: 'POST', url: '/api/analytics/pivot.xlsx', payload: { dimension, rows: ['dx'], columns: ['pe'] } })).statusCode).toBe(401);
  });
});
