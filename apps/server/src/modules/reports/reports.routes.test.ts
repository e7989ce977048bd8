import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../platform/http.js';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { openDocx, paragraphTexts } from '../documents/docx-reader.test-util.js';
import { PDF_UNAVAILABLE_MESSAGE, findSoffice } from '../documents/kit/pdf.js';
import { figureText, type SummaryReportInput } from '../documents/summary-report.model.js';
import { APPENDIX_SHEET, appendixNumber } from '../documents/summary-report.xlsx.js';
import { makeUser } from '../org/test-fixtures.js';
import { runReportDraft } from './reports.cli.js';
import { DOCX_MIME } from './reports.routes.js';
import { assembleSummaryReport } from './summary-report.service.js';
import { type World, seedWorld } from './test-fixtures.js';

let s: TestServer;
let w: World;
const as: Record<string, { cookie: string }> = {};
const TODAY = '2024-01-04';
const url = (period: string, format = 'html') => `/api/reports/summary?period=${encodeURIComponent(period)}&format=${format}`;
const HOA_AN = 'Phòng Văn hóa và Thông tin huyện Hòa An';
const BAO_LAC = 'Phòng Văn hóa và Thông tin huyện Bảo Lạc';
const TRUNG_KHANH = 'Phòng Văn hóa và Thông tin huyện Trùng Khánh';

beforeAll(async () => {
  s = await testServer({ now: `${TODAY}T02:00:00Z` });
  w = await seedWorld(s.db);
  const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  as.office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office', orgUnitId: w.u.OLD });
  as.director = await makeUser(s.app, admin, { username: 'giamdoc', role: 'director', orgUnitId: w.u.OLD });
  as.reviewer = await makeUser(s.app, admin, { username: 'thamdinh', role: 'reviewer', orgUnitId: w.u.OLD });
  as.viewer = await makeUser(s.app, admin, { username: 'xem', role: 'viewer', orgUnitId: w.u.PROV });
  as.reporter = await makeUser(s.app, admin, { username: 'baocao', role: 'reporter', orgUnitId: w.u.D1 });
  as.head = await makeUser(s.app, admin, { username: 'truongphong', role: 'unit_head', orgUnitId: w.u.D2 });
}, 60_000);
afterAll(() => s?.close());

/** The analytics API's value for one cell, as a number (null when it has no row). */
async function apiValue(dx: string, pe: string): Promise<number | null> {
  const r = await s.app.inject({ method: 'GET', url: `/api/analytics?dimension=dx:${dx}&dimension=ou:PROV&dimension=pe:${pe}`, headers: as.office });
  expect(r.statusCode, r.body).toBe(200);
  const row = (r.json().rows as string[][]).find((x) => x[0] === dx && x[2] === pe);
  return row ? Number(row[3]) : null;
}

const CODES: Record<string, string> = {
  'Số trạm BTS': 'TRAM_BTS', 'Số thôn có cáp quang mới': 'THON_CAP_QUANG', 'Số tin, bài tuyên truyền': 'TIN_BAI',
  'Số hồ sơ đúng hạn': 'HS_DUNG_HAN', 'Tổng số hồ sơ': 'HS_TONG', 'Tỷ lệ hồ sơ đúng hạn': 'TL_DUNG_HAN',
};

async function expectFiguresMatchApi(input: SummaryReportInput, prev: string, lastYear: string): Promise<number> {
  let n = 0;
  for (const sector of input.sectors) {
    for (const f of sector.figures) {
      const code = CODES[f.name]!;
      expect(code, f.name).toBeDefined();
      for (const [got, pe] of [[f.current, input.period], [f.previous, prev], [f.lastYear, lastYear]] as const) {
        const api = await apiValue(code, pe);
        if (api === null) expect(got, `${code} ${pe}`).toBeNull();
        else expect(got!, `${code} ${pe}`).toBeCloseTo(api, f.decimals === 0 ? 0 : 1);
        n++;
      }
    }
  }
  return n;
}

async function readWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** The number of the first row with `text` in column A or B; 0 when none. */
function findRow(ws: ExcelJS.Worksheet, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === text || ws.getCell(r, 2).value === text) return r;
  return 0;
}

const rowValues = (ws: ExcelJS.Worksheet, r: number, n: number) => Array.from({ length: n }, (_, i) => ws.getCell(r, i + 1).value);

describe('draft summary report: content', () => {
  it('builds the year from the units\' narratives, the yearly report preferred, and figures equal to the analytics API', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2023', today: TODAY });
    expect(input.issuer).toBe('SỞ THÔNG TIN VÀ TRUYỀN THÔNG'); // the department of 31/12/2023, not today's
    expect(input.issuerShort).toBe('STTTT');
    expect(input.parentBody).toBe('ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH');
    expect(input.place).toBe('Vân Lĩnh');
    expect(input.date).toBe(TODAY);
    expect(input.signer).toEqual({ title: 'GIÁM ĐỐC', name: 'Người giamdoc' });
    expect(input.sectors.map((x) => x.name)).toEqual(['Bưu chính, viễn thông', 'Thông tin cơ sở', 'Công tác chung']);
    const [bcvt, ttcs, general] = input.sectors;
    // a unit without a sector: the sector of its form's reviewing division, else 'Công tác chung'
    expect(general).toEqual({ name: 'Công tác chung', figures: [], sentences: [], markedSentences: [], narrative: [{ unitName: 'Xã Đức Long', paragraphs: ['Xã Đức Long hoàn thành các nhiệm vụ được giao.'] }] });
    // one paragraph per unit: its bullets become sentences
    expect(bcvt!.narrative).toEqual([{ unitName: 'Viễn thông Vân Lĩnh', paragraphs: [
      'Năm 2023, Viễn thông Vân Lĩnh lắp mới 14 trạm BTS, phủ sóng 4G toàn bộ các xã. Hoàn thành kéo cáp quang tới 26 thôn. Bảo đảm thông tin liên lạc thông suốt dịp Tết.',
    ] }]);
    expect(ttcs!.narrative.map((b) => b.unitName)).toEqual([HOA_AN, BAO_LAC, TRUNG_KHANH, 'Xã Quang Trung']);
    expect(ttcs!.narrative[0]!.paragraphs).toEqual([
      'Phòng chỉ đạo các xã duy trì hoạt động của hệ thống loa truyền thanh. Biên tập 240 tin, bài. Sửa chữa 12 cụm loa.',
    ]);
    expect(input.nextTasks).toEqual(['Rà soát, thay thế cụm loa hỏng ở 5 xã vùng cao.']);

    // the figures, computed here from the raw values written by the fixture, and the same through the API
    const tin = ttcs!.figures.find((f) => f.name === 'Số tin, bài tuyên truyền')!;
    let sum2023 = 0;
    let sum2022 = 0;
    for (let q = 1; q <= 4; q++) for (let i = 0; i < 3; i++) { sum2023 += 120 + 10 * i + q + 7; sum2022 += 120 + 10 * i + q; }
    expect(tin).toMatchObject({ current: sum2023, previous: sum2022, lastYear: sum2022, target: 2000, decimals: 0 });
    expect(tin.achievedPct).toBeCloseTo((sum2023 / 2000) * 100, 10);
    const rate = ttcs!.figures.find((f) => f.name === 'Tỷ lệ hồ sơ đúng hạn')!;
    expect(rate).toMatchObject({ target: 95, decimals: 1 });
    expect(ttcs!.figures.map((f) => f.name)).not.toContain('Số cụm loa hỏng'); // no data, not a key figure
    expect(await expectFiguresMatchApi(input, '2022', '2022')).toBe(3 * 6);
    // figures in prose (figure-sentences.ts): the sector opens with them, every number the API's
    const [tin23, tin22] = [(await apiValue('TIN_BAI', '2023'))!, (await apiValue('TIN_BAI', '2022'))!];
    const change = figureText(Math.abs(((tin23 - tin22) / tin22) * 100), 1).replace(/,0$/, '');
    expect(ttcs!.sentences).toHaveLength(1);
    expect(ttcs!.sentences![0]).toMatch(/^Trong năm có /);
    expect(ttcs!.sentences![0]).toContain(
      `${figureText(tin23, 0)} tin, bài tuyên truyền, tăng ${change}% so với năm 2022, đạt ${figureText((tin23 / 2000) * 100, 1)}% kế hoạch năm`);

    // appendix: every data element of each sector, including the one without data
    expect(input.appendix.map((t) => t.title)).toEqual(['Bưu chính, viễn thông', 'Thông tin cơ sở']);
    expect(input.appendix[1]!.columns).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Năm 2023', 'Năm 2022']);
    expect(input.appendix[1]!.rows.find((r) => r[1] === 'Số cụm loa hỏng')).toEqual([expect.any(Number), 'Số cụm loa hỏng', '', null, null]);
    expect(input.appendix[1]!.rows.find((r) => r[1] === 'Số tin, bài tuyên truyền')!.slice(3)).toEqual([sum2023, sum2022]);
  });

  it('merges the same difficulty raised by several units and lists them', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2023', today: TODAY });
    const ttcs = input.difficulties.find((d) => d.sector === 'Thông tin cơ sở')!;
    expect(ttcs.points[0]).toEqual({ text: 'Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã.', units: [HOA_AN, BAO_LAC, TRUNG_KHANH] });
    expect(ttcs.points).toHaveLength(3);
    expect(input.difficulties.map((d) => d.sector)).toEqual(['Bưu chính, viễn thông', 'Thông tin cơ sở']);
    expect(input.proposals.flatMap((p) => p.points.map((x) => x.units))).toEqual([['Viễn thông Vân Lĩnh'], [HOA_AN], [TRUNG_KHANH]]);
  });

  it('a quarter takes that quarter\'s reports and compares with the previous quarter and the same quarter last year', async () => {
    const input = await assembleSummaryReport(s.db, { period: '2023Q4', today: TODAY });
    expect(input.subject).toBe('Kết quả công tác quý IV năm 2023 và nhiệm vụ trọng tâm quý I năm 2024');
    expect(input.sectors.flatMap((x) => x.narrative.map((b) => b.unitName))).toEqual([HOA_AN, BAO_LAC, 'Xã Quang Trung']);
    expect(input.appendix[0]!.columns.slice(3)).toEqual(['Quý IV năm 2023', 'Quý III năm 2023', 'Quý IV năm 2022']);
    expect(await expectFiguresMatchApi(input, '2023Q3', '2022Q4')).toBeGreaterThan(0);
  });

  it('without a marked next-task section, builds the tasks from the proposals; without either, leaves them empty', async () => {
    const s1 = await assembleSummaryReport(s.db, { period: '2023S1', today: TODAY });
    expect(s1.nextTasks).toEqual([]);
    expect(s1.sectors.flatMap((x) => x.narrative)).toEqual([{ unitName: 'Viễn thông Vân Lĩnh', paragraphs: ['Quý II lắp 3 trạm BTS (không dùng khi có báo cáo năm).'] }]);
    const q3 = await assembleSummaryReport(s.db, { period: '2023N1', today: TODAY });
    expect(q3.sectors.flatMap((x) => x.narrative.map((b) => b.unitName))).toEqual(['Viễn thông Vân Lĩnh', TRUNG_KHANH]);
    expect(q3.nextTasks).toEqual(['Thông tin cơ sở: tham mưu giải quyết kiến nghị về việc mở lớp tập huấn kỹ năng số cho cán bộ xã (1 đơn vị đề nghị).']);
  });
});

describe('GET /api/reports/summary', () => {
  it('previews HTML with the units, their narratives, the merged points and the figures in Vietnamese format', async () => {
    const r = await s.app.inject({ method: 'GET', url: url('2023'), headers: as.office });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    for (const t of [HOA_AN, BAO_LAC, TRUNG_KHANH, 'Viễn thông Vân Lĩnh', 'Năm 2023, Viễn thông Vân Lĩnh lắp mới 14 trạm BTS',
      'Trùng Khánh tổ chức 3 lớp tập huấn kỹ năng số', `Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã (03 đơn vị: ${HOA_AN}, ${BAO_LAC}, ${TRUNG_KHANH}).`,
      'Rà soát, thay thế cụm loa hỏng ở 5 xã vùng cao.', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG']) {
      expect(r.body, t).toContain(t);
    }
    expect(r.body).not.toContain('Quý II lắp 3 trạm BTS'); // the enterprise's yearly report replaces its quarters
    expect(r.body).not.toContain('Báo cáo chưa duyệt'); // approved reports only
    const tin = await apiValue('TIN_BAI', '2023');
    expect(r.body).toContain(`>${figureText(tin, 0)}</td>`);
    expect(figureText(tin, 0)).toMatch(/^\d\.\d{3}$/);
  });

  it('downloads the .docx under a Vietnamese file name; its figures are the API\'s', async () => {
    const r = await s.app.inject({ method: 'GET', url: url('2023', 'docx'), headers: as.director });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe(DOCX_MIME);
    expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Dự thảo báo cáo tổng kết năm 2023.docx')}`);
    expect(r.headers['content-disposition']).toContain('filename="Du_thao_bao_cao_tong_ket_nam_2023.docx"');
    expect(r.rawPayload.subarray(0, 4).toString('binary')).toBe('PK\u0003\u0004');
    const texts = paragraphTexts((await openDocx(r.rawPayload)).document);
    expect(texts).toContain('Số trạm BTS');
    expect(texts.some((t) => t.startsWith('Số:') && t.endsWith('/BC-STTTT'))).toBe(true);
    const tin = await apiValue('TIN_BAI', '2023');
    const rate = await apiValue('TL_DUNG_HAN', '2023');
    expect(texts).toContain(figureText(tin, 0));
    expect(texts).toContain(figureText(rate, 1));
  });

  it('downloads the appendix "Phụ lục số liệu" as .xlsx: the report\'s appendix figures as real numbers, Vietnamese headings', async () => {
    for (const [period, label] of [['2023', 'năm 2023'], ['2023Q4', 'quý IV năm 2023']] as const) {
      const r = await s.app.inject({ method: 'GET', url: url(period, 'xlsx'), headers: as.viewer });
      expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
      expect(r.headers['content-type']).toBe(XLSX_MIME);
      expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`Phụ lục số liệu ${label}.xlsx`)}`);
      const input = await assembleSummaryReport(s.db, { period, today: TODAY });
      const ws = (await readWorkbook(r.rawPayload)).getWorksheet(APPENDIX_SHEET)!;
      expect(ws).toBeDefined();
      expect(ws.getCell('A1').value).toBe('PHỤ LỤC SỐ LIỆU');
      expect(ws.getCell('A2').value).toBe(`Kỳ báo cáo: ${label[0]!.toUpperCase()}${label.slice(1)}`);
      expect(String(ws.getCell('A3').value)).toMatch(/^\(Kèm theo Báo cáo số\s+\/BC-STTTT ngày 04\/01\/2024 của Sở Thông tin và Truyền thông\)$/);
      let numbers = 0;
      for (const t of input.appendix) {
        const at = findRow(ws, t.title);
        expect(at, t.title).toBeGreaterThan(3);
        expect(rowValues(ws, at + 1, t.columns.length)).toEqual(t.columns);
        t.rows.forEach((row, j) => {
          row.forEach((v, i) => {
            const cell = ws.getCell(at + 2 + j, i + 1);
            if (typeof v === 'number') {
              expect(cell.value, `${t.title} ${row[1]} ${t.columns[i]}`).toBe(appendixNumber(v));
              expect(cell.numFmt).toBe(Number.isInteger(appendixNumber(v)) ? '#,##0' : `#,##0.${'0'.repeat(String(appendixNumber(v)).split('.')[1]!.length)}`);
              numbers++;
            } else if (v === null) expect(cell.value ?? null).toBeNull();
            else expect(cell.value).toBe(v);
          });
        });
      }
      expect(numbers).toBeGreaterThan(10);
      // and thereby the analytics API's
      const tin = findRow(ws, 'Số tin, bài tuyên truyền');
      const columns = period === '2023' ? ['2023', '2022'] : ['2023Q4', '2023Q3', '2022Q4'];
      for (const [i, pe] of columns.entries()) expect(ws.getCell(tin, 4 + i).value).toBe(await apiValue('TIN_BAI', pe));
    }
  });

  it('answers office, director, reviewer and viewer; refuses unit roles and anonymous callers', async () => {
    for (const who of ['office', 'director', 'reviewer', 'viewer']) {
      expect((await s.app.inject({ method: 'GET', url: url('2023Q4'), headers: as[who] })).statusCode, who).toBe(200);
    }
    for (const who of ['reporter', 'head']) {
      const r = await s.app.inject({ method: 'GET', url: url('2023', 'docx'), headers: as[who] });
      expect(r.statusCode, who).toBe(403);
      expect(r.json().message).toMatch(/báo cáo tổng kết/);
    }
    expect((await s.app.inject({ method: 'GET', url: url('2023') })).statusCode).toBe(401);
  });

  it('refuses a bad period or format with a Vietnamese 400', async () => {
    for (const p of ['2023M13', 'năm 2023', '202301', '2023W1', '', 'x'.repeat(19), '2'.repeat(5000)]) {
      const r = await s.app.inject({ method: 'GET', url: url(p), headers: as.office });
      expect(r.statusCode, p).toBe(400);
      expect(r.json().message, p).toMatch(/^(Kỳ báo cáo ".*" không hợp lệ: dùng năm \(2023\), quý \(2023Q1\)|Dữ liệu gửi lên không hợp lệ — period)/);
    }
    const r = await s.app.inject({ method: 'GET', url: url('2023').replace(/period=[^&]*&/, ''), headers: as.office });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/^Dữ liệu gửi lên không hợp lệ — period/);
    expect((await s.app.inject({ method: 'GET', url: url('2023', 'xls'), headers: as.office })).statusCode).toBe(400);
  });

  it('gives the builder\'s 503 message for a PDF where LibreOffice is not installed', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const r = await s.app.inject({ method: 'GET', url: url('2023Q4', 'pdf'), headers: as.office });
      expect(r.statusCode).toBe(503);
      expect(r.json().message).toContain(PDF_UNAVAILABLE_MESSAGE);
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('GET /api/reports/summary?format=pdf where LibreOffice is installed', async () => {
  const soffice = await findSoffice();
  it.runIf(soffice !== null)('converts the .docx to a PDF download', async () => {
    const r = await s.app.inject({ method: 'GET', url: url('2023Q4', 'pdf'), headers: as.office });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('Dự thảo báo cáo tổng kết quý IV năm 2023.pdf'));
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);
});

describe('CLI: report draft', () => {
  it('writes the .docx and says what it holds', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nhip-report-'));
    try {
      const out = path.join(dir, 'report.docx');
      const line = await runReportDraft(s.db, { period: '2023', out }, TODAY);
      expect(line).toMatch(new RegExp(`^Đã ghi ${out.replace(/[.\\/]/g, '\\$&')}: báo cáo năm 2023, 3 lĩnh vực, 6 đơn vị, \\d+ chỉ tiêu chủ yếu, \\d+ byte, \\d+ ms\\.$`));
      expect((await readFile(out)).subarray(0, 2).toString()).toBe('PK');
      await expect(runReportDraft(s.db, { period: '2023M1', out }, TODAY)).rejects.toThrow(/Kỳ báo cáo/);
      // the appendix as .xlsx, chosen by the extension
      const xlsx = path.join(dir, 'phu-luc.xlsx');
      const said = await runReportDraft(s.db, { period: '2023', out: xlsx }, TODAY);
      expect(said).toMatch(/^Đã ghi .*phu-luc\.xlsx: phụ lục số liệu năm 2023, 2 bảng, \d+ chỉ tiêu, \d+ byte, \d+ ms\.$/);
      const ws = (await readWorkbook(await readFile(xlsx))).getWorksheet(APPENDIX_SHEET)!;
      expect(ws.getCell(findRow(ws, 'Số tin, bài tuyên truyền'), 4).value).toBe(await apiValue('TIN_BAI', '2023'));
      const html = path.join(dir, 'xem-truoc.html');
      expect(await runReportDraft(s.db, { period: '2023Q4', out: html }, TODAY)).toMatch(/báo cáo quý IV năm 2023/);
      expect((await readFile(html, 'utf8')).startsWith('<!doctype html>')).toBe(true);
      await expect(runReportDraft(s.db, { period: '2023', out: path.join(dir, 'report.txt') }, TODAY)).rejects.toThrow(/phải có đuôi \.docx/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
