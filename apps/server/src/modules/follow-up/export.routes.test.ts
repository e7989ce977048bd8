import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { runRecommendationsExport } from './export.cli.js';
import { EXPORT_SHEET } from './export.service.js';
import { type RegisterWorld, registerUsers, seedRegister } from './recommendations.test-fixtures.js';

let s: TestServer;
let users: Awaited<ReturnType<typeof registerUsers>>;

beforeAll(async () => {
  let world: RegisterWorld | undefined;
  s = await testServer({ now: '2026-03-10T02:00:00Z', seed: async (db) => { world = await seedRegister(db); }, config: { rateLimits: { export: { max: 2, windowSeconds: 600 } } } });
  users = await registerUsers(s.app, world!.u);
  const post = async (payload: object) => expect((await s.app.inject({ method: 'POST', url: '/api/recommendations', headers: users.office, payload })).statusCode).toBe(201);
  await post({ text: '=HYPERLINK("http://x.invalid","bấm vào") đề nghị hỗ trợ', kind: 'proposal', sector: 'TTCS', owner: 'P-TTCS', deadline: '2026-06-30', raisedBy: ['VL-X03'], period: '2026Q1' });
  await post({ text: 'Xây trạm BTS thôn Khuổi Luông', kind: 'proposal', sector: 'BCVT', owner: 'P-BCVT', deadline: '2026-02-28', raisedOn: '2025-11-02', raisedBy: ['VTL'], period: '2025Q4' });
  await post({ text: 'Phủ sóng 4G xã vùng cao', kind: 'directive', owner: 'P-BCVT', deadline: '2026-12-31', period: '2026Q1' });
});
afterAll(() => s.close());

async function sheet(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}
const dataRows = (ws: ExcelJS.Worksheet) => {
  const out: ExcelJS.Row[] = [];
  ws.eachRow((row, n) => { if (n > 4) out.push(row); });
  return out;
};

describe('the register as .xlsx', () => {
  it('writes a row per recommendation the actor sees, with real dates, the grid\'s cell, and formula-like text kept as text', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/recommendations/export.xlsx?sort=deadline', headers: users.office });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="so-theo-doi-kien-nghi-2026-03-10\.xlsx"/);
    const wb = await sheet(r.rawPayload);
    const ws = wb.getWorksheet(EXPORT_SHEET)!;
    expect(ws.getRow(4).getCell(3).value).toBe('Nội dung kiến nghị');
    const rows = dataRows(ws);
    expect(rows).toHaveLength(3);
    const bts = rows[0]!;
    expect(bts.getCell(3).value).toBe('Xây trạm BTS thôn Khuổi Luông');
    expect(bts.getCell(6).value).toBe('Viễn thông Vân Lĩnh');
    expect(bts.getCell(12).value).toEqual(new Date('2026-02-28T00:00:00Z'));
    expect(bts.getCell(12).numFmt).toBe('dd/mm/yyyy');
    expect(bts.getCell(14).value).toBe('Chưa hoàn thành, quá hạn');
    const formula = rows.find((row) => String(row.getCell(3).value).startsWith('='))!;
    expect(formula.getCell(3).value).toBe('=HYPERLINK("http://x.invalid","bấm vào") đề nghị hỗ trợ');
    expect(formula.getCell(3).numFmt).toBe('@');
    const totals = wb.getWorksheet('Tổng hợp')!;
    let last: ExcelJS.CellValue[] = [];
    totals.eachRow((row) => { last = (row.values as ExcelJS.CellValue[]).slice(1); });
    expect(last).toEqual(['Tổng cộng', 0, 0, 2, 1, 3]);
  });

  it('takes the board\'s filter and the actor\'s scope, and is rate-limited as an export', async () => {
    const unit = await s.app.inject({ method: 'GET', url: '/api/recommendations/export.xlsx', headers: users.commune });
    expect(dataRows((await sheet(unit.rawPayload)).getWorksheet(EXPORT_SHEET)!)).toHaveLength(1);
    const period = await s.app.inject({ method: 'GET', url: '/api/recommendations/export.xlsx?period=2025', headers: users.director });
    expect(period.headers['content-disposition']).toMatch(/so-theo-doi-kien-nghi-2025-2026-03-10\.xlsx/);
    const ws = (await sheet(period.rawPayload)).getWorksheet(EXPORT_SHEET)!;
    expect(dataRows(ws).map((row) => row.getCell(3).value)).toEqual(['Xây trạm BTS thôn Khuổi Luông']);
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^Lọc: kỳ Năm 2025\. Số liệu đến ngày 10\/03\/2026: 1 kiến nghị\.$/);
    const over = await s.app.inject({ method: 'GET', url: '/api/recommendations/export.xlsx', headers: users.commune });
    expect(over.statusCode).toBe(200);
    const limited = await s.app.inject({ method: 'GET', url: '/api/recommendations/export.xlsx', headers: users.commune });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json().message).toMatch(/^Bạn đã xuất dữ liệu quá nhiều lần/);
  });

  it('is written by the CLI too, for the whole register or a period', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nhip-kien-nghi-'));
    try {
      const out = path.join(dir, 'so.xlsx');
      const line = await runRecommendationsExport(s.db, { out, period: '2026Q1' }, '2026-03-10', new Date('2026-03-10T02:00:00Z'));
      expect(line).toMatch(/^Đã ghi .*so\.xlsx: 2 kiến nghị, [\d.]+ byte, \d+ ms\.$/);
      expect(dataRows((await sheet(await readFile(out))).getWorksheet(EXPORT_SHEET)!)).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
