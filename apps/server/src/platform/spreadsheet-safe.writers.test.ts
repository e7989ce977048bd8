/**
 * Every .xlsx Nhịp writes keeps formula-like text as text: the completeness workbook, the pivot table, the report
 * appendix and the entry template (which is also read back: the same values come out).
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildPivotXlsx } from '../modules/dashboard/pivot.xlsx.js';
import type { PivotTable } from '../modules/dashboard/pivot.service.js';
import { buildAppendixXlsx } from '../modules/documents/summary-report.xlsx.js';
import { sampleSummaryReport } from '../modules/documents/test-fixtures.js';
import { computeCompleteness } from '../modules/rounds/completeness.js';
import { completenessWorkbook } from '../modules/rounds/completeness-xlsx.js';
import type { RoundRow } from '../modules/rounds/rounds.repository.js';
import { TEMPLATE_VERSION } from '../modules/xlsx/template-layout.js';
import { openWorkbook, readTemplate } from '../modules/xlsx/template-reader.js';
import { writeTemplate } from '../modules/xlsx/template-writer.js';

const HYPERLINK = '=HYPERLINK("http://evil.example","Bấm vào")';
const NOW = new Date('2026-11-22T02:00:00Z');

/** Every string cell of every sheet, with its number format; and whether any sheet holds a formula. */
async function strings(buf: Buffer) {
  const files = unzipSync(new Uint8Array(buf));
  const formulas = Object.entries(files).filter(([name, data]) => name.startsWith('xl/worksheets/') && /<f[ >]/.test(strFromU8(data)));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out = new Map<string, string | undefined>();
  for (const ws of wb.worksheets)
    ws.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'string') out.set(cell.value, cell.numFmt); }));
  return { out, formulas: formulas.map(([name]) => name) };
}

describe('xlsx writers', () => {
  it('completeness: a unit named like a formula is text, with the text format', async () => {
    const unit = (id: number, name: string) => ({ id, code: `U${id}`, name, type: 'commune', sectorId: null, sectorCode: null, sectorName: null });
    const deadline = new Date('2026-10-15T10:00:00Z');
    const c = computeCompleteness([
      { orgUnit: unit(1, HYPERLINK), status: 'draft', submissionId: null, submittedAt: null, reviewedAt: null, late: true, updatedAt: null },
      { orgUnit: unit(2, 'Xã Khê Thượng'), status: 'submitted', submissionId: 2, submittedAt: new Date('2026-10-01T00:00:00Z'), reviewedAt: null, late: false, updatedAt: null },
    ], deadline, NOW);
    const round = {
      id: 1, form_id: 1, form_code: 'BC-Q', form_name: '-Báo cáo quý', form_kind: 'administrative', form_period_type: 'QUARTERLY', form_division_id: null,
      form_narrative: false, period: '2026Q3', period_start: '2026-07-01', period_end: '2026-09-30', cutoff_start: '2026-07-01', cutoff_end: '2026-09-30',
      deadline, status: 'open', note: null, created_by: null, created_at: NOW,
    } satisfies RoundRow;
    const { out, formulas } = await strings(await completenessWorkbook(round, c, NOW));
    expect(formulas).toEqual([]);
    expect(out.get(HYPERLINK)).toBe('@');
    expect(out.get('Xã Khê Thượng')).toBeUndefined();
  });

  it('pivot: formula-like names are text, a negative figure stays a number', async () => {
    const names: Record<string, string> = { DX: '@Chỉ tiêu', OU: HYPERLINK, PE: '2025' };
    const t: PivotTable = {
      layout: { rows: ['dx', 'ou'], columns: ['pe'], filters: [] },
      notes: ['Kỳ: Năm 2025'],
      rowKeys: [['DX', 'OU']],
      colKeys: [['PE']],
      name: (code) => names[code] ?? code,
      cell: () => ({ value: -12.5, decimals: 1 }),
    };
    const buf = await buildPivotXlsx(t, NOW);
    const { out, formulas } = await strings(buf);
    expect(formulas).toEqual([]);
    expect(out.get(HYPERLINK)).toBe('@');
    expect(out.get('@Chỉ tiêu')).toBe('@');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const numbers: number[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'number') numbers.push(cell.value); }));
    expect(numbers).toEqual([-12.5]);
  });

  it('report appendix: formula-like labels are text, figures numbers', async () => {
    const input = sampleSummaryReport({ appendix: [{ title: 'Bảng 1', columns: ['STT', 'Chỉ tiêu', 'Năm 2025'], rows: [[1, '-Số trạm giảm', -3], [2, '+Tăng', 4]] }] });
    const { out, formulas } = await strings(await buildAppendixXlsx(input, NOW));
    expect(formulas).toEqual([]);
    expect(out.get('-Số trạm giảm')).toBe('@');
    expect(out.get('+Tăng')).toBe('@');
  });

  it('entry template: comments, text values and narratives that look like formulas read back exactly', async () => {
    const el = (code: string, valueType: 'INTEGER' | 'NUMBER' | 'TEXT', value: string | null, comment: string | null) => ({
      code, name: `Chỉ tiêu ${code}`, uom: null, valueType, min: null, max: null, required: false, value, comment, previous: null, lastYear: null,
    });
    const buf = await writeTemplate({
      identity: {
        version: TEMPLATE_VERSION, roundId: 7, unitId: 12, unitCode: 'X', unitName: HYPERLINK, formCode: 'BC', formName: 'Báo cáo quý',
        period: '2026Q3', periodLabel: 'Quý III năm 2026',
      },
      deadline: null, previousLabel: null, lastYearLabel: null,
      sections: [{ title: 'I. Số liệu', elements: [
        el('SO_AM', 'NUMBER', '-2500.75', '-chú thích'),
        el('VAN_BAN', 'TEXT', '=1+1', '@ghi chú'),
        el('SO', 'INTEGER', '12', "'=có dấu nháy"),
      ] }],
      narrative: { results: '+ Hoàn thành kế hoạch.', difficulties: '-Thiếu kinh phí.', proposals: '=Đề nghị.' },
      generatedAt: NOW,
    });
    const { formulas } = await strings(buf);
    expect(formulas).toEqual([]);
    const read = readTemplate(await openWorkbook(buf));
    expect(read.identity.unitName).toBe(HYPERLINK);
    const byCode = Object.fromEntries(read.rows.map((r) => [r.code, { value: r.value, comment: r.comment }]));
    expect(byCode).toEqual({
      SO_AM: { value: { kind: 'number', n: -2500.75, percentFormat: false }, comment: '-chú thích' },
      VAN_BAN: { value: { kind: 'text', text: '=1+1' }, comment: '@ghi chú' },
      SO: { value: { kind: 'number', n: 12, percentFormat: false }, comment: "'=có dấu nháy" },
    });
    expect(Object.fromEntries(Object.entries(read.narrative).map(([k, v]) => [k, v?.text]))).toEqual({
      results: '+ Hoàn thành kế hoạch.', difficulties: '-Thiếu kinh phí.', proposals: '=Đề nghị.',
    });
  });
});
