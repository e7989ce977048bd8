import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { type PlanInput, asInput, planImport } from './import-plan.js';
import { CELL_TEXT_CHUNK, MAIN_SHEET, META_SHEET, TEMPLATE_VERSION, headingSection } from './template-layout.js';
import type { TemplateModel } from './template-model.js';
import { openWorkbook, readTemplate } from './template-reader.js';
import { writeTemplate } from './template-writer.js';

const identity = {
  version: TEMPLATE_VERSION, roundId: 7, unitId: 12, unitCode: 'PVHTT-HB', unitName: 'Phòng Văn hóa và Thông tin huyện Hòa Bình',
  formCode: 'BC-VHTT-Q', formName: 'Báo cáo kết quả công tác quý', period: '2026Q3', periodLabel: 'Quý III năm 2026',
};
const el = (code: string, valueType: 'INTEGER' | 'NUMBER' | 'PERCENTAGE' | 'BOOLEAN' | 'TEXT', extra: Partial<TemplateModel['sections'][0]['elements'][0]> = {}) => ({
  code, name: `Chỉ tiêu ${code}`, uom: null, valueType, min: null, max: null, required: false, value: null, comment: null, previous: null, lastYear: null, ...extra,
});

function model(over: Partial<TemplateModel> = {}): TemplateModel {
  return {
    identity,
    deadline: new Date('2026-10-15T10:00:00Z'),
    previousLabel: 'Quý II năm 2026',
    lastYearLabel: 'Quý III năm 2025',
    sections: [
      { title: 'I. Bưu chính, viễn thông', elements: [
        el('BC_DN', 'INTEGER', { min: 0, max: 500, required: true, value: '12', comment: 'Theo số liệu Sở', previous: '11', lastYear: '9', uom: 'doanh nghiệp' }),
        el('VT_BTS', 'INTEGER', { previous: '1634' }),
        el('DT_VT', 'NUMBER', { value: '1.634' }),
      ] },
      { title: 'II. Chuyển đổi số', elements: [el('CDS_TL', 'PERCENTAGE', { value: '94.3' }), el('CDS_KYSO', 'BOOLEAN', { value: 'true' }), el('CDS_TEN', 'TEXT')] },
    ],
    narrative: { results: 'Hoàn thành 100% kế hoạch.\n- Phủ sóng 4G.', difficulties: '', proposals: 'Đề nghị hỗ trợ kinh phí.' },
    generatedAt: new Date('2026-11-22T02:00:00Z'),
    ...over,
  };
}

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Row number of a code in column A. */
const rowOf = (ws: ExcelJS.Worksheet, code: string) => {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(`A${r}`).value === code) return r;
  throw new Error(`no row for ${code}`);
};

describe('writeTemplate', () => {
  it('writes the title block, one row per element with the code in A, values numeric and prefilled', async () => {
    const wb = await load(await writeTemplate(model()));
    const ws = wb.getWorksheet(MAIN_SHEET)!;
    expect(ws.getCell('A1').value).toBe('BÁO CÁO KẾT QUẢ CÔNG TÁC QUÝ');
    expect(ws.getCell('A2').value).toBe('Đơn vị báo cáo: Phòng Văn hóa và Thông tin huyện Hòa Bình');
    expect(ws.getCell('A3').value).toBe('Kỳ báo cáo: Quý III năm 2026 — Hạn nộp: 15/10/2026 — Mã biểu: BC-VHTT-Q');
    expect(String(ws.getCell('A4').value)).toContain('Ô để trống: giữ nguyên số liệu đã lưu');
    expect(ws.getCell('F6').value).toBe('Kỳ trước (Quý II năm 2026)');
    const r = rowOf(ws, 'BC_DN');
    expect(ws.getCell(`B${r}`).value).toBe('Chỉ tiêu BC_DN (*)');
    expect(ws.getCell(`C${r}`).value).toBe('doanh nghiệp');
    expect(ws.getCell(`D${r}`).value).toBe(12);
    expect(ws.getCell(`D${r}`).numFmt).toBe('#,##0');
    expect(ws.getCell(`E${r}`).value).toBe('Theo số liệu Sở');
    expect([ws.getCell(`F${r}`).value, ws.getCell(`G${r}`).value]).toEqual([11, 9]);
    expect(ws.getCell(`D${rowOf(ws, 'DT_VT')}`).value).toBe(1.634);
    expect(ws.getCell(`F${rowOf(ws, 'VT_BTS')}`).value).toBe(1634);
    expect(ws.getCell(`D${rowOf(ws, 'CDS_TL')}`).value).toBe(94.3);
    expect(ws.getCell(`D${rowOf(ws, 'CDS_KYSO')}`).value).toBe('Có');
    // the section row has no code, so the import skips it
    expect(ws.getCell(`A${r - 1}`).value).toBeNull();
    expect(ws.getCell(`B${r - 1}`).value).toBe('I. Bưu chính, viễn thông');
  });

  it('unlocks only the value, comment and narrative cells; protects the sheet without a password; validates D', async () => {
    const wb = await load(await writeTemplate(model()));
    const ws = wb.getWorksheet(MAIN_SHEET)!;
    const r = rowOf(ws, 'BC_DN');
    expect(ws.getCell(`D${r}`).protection?.locked).toBe(false);
    expect(ws.getCell(`E${r}`).protection?.locked).toBe(false);
    expect(ws.getCell(`A${r}`).protection?.locked).not.toBe(false);
    expect(ws.getCell(`F${r}`).protection?.locked).not.toBe(false);
    const prot = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(prot.sheet).toBe(true);
    expect(prot.hashValue).toBeUndefined();
    expect(ws.getCell(`D${r}`).dataValidation).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 500], showInputMessage: true });
    expect(ws.getCell(`D${rowOf(ws, 'CDS_TL')}`).dataValidation).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(ws.getCell(`D${rowOf(ws, 'CDS_KYSO')}`).dataValidation).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1 });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
  });

  it('keeps a very hidden identity sheet the reader checks', async () => {
    const buf = await writeTemplate(model());
    const wb = await load(buf);
    expect(wb.getWorksheet(META_SHEET)!.state).toBe('veryHidden');
    expect(readTemplate(await openWorkbook(buf)).identity).toEqual(identity);
  });

  it('refuses an identity sheet edited by hand, and a workbook without one', async () => {
    const wb = await load(await writeTemplate(model()));
    wb.getWorksheet(META_SHEET)!.getCell('B3').value = '13'; // unitId
    const edited = await openWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(() => readTemplate(edited)).toThrow(/đã bị thay đổi/);
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Sheet1').addRow(['Mã chỉ tiêu', 'Giá trị']);
    const err = (() => {
      try {
        readTemplate(plain);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err?.status).toBe(400);
    expect(err?.message).toMatch(/không phải mẫu báo cáo tải từ Nhịp/);
  });
});

describe('readTemplate', () => {
  it('reads codes, values, comments and narrative back', async () => {
    const read = readTemplate(await openWorkbook(await writeTemplate(model())));
    expect(read.rows.map((r) => r.code)).toEqual(['BC_DN', 'VT_BTS', 'DT_VT', 'CDS_TL', 'CDS_KYSO', 'CDS_TEN']);
    expect(read.rows[0]).toMatchObject({ value: { kind: 'number', n: 12 }, comment: 'Theo số liệu Sở', valueCell: `D${read.rows[0].row}` });
    expect(read.rows[1].value).toEqual({ kind: 'blank' });
    expect(read.narrative.results?.text).toBe('Hoàn thành 100% kế hoạch.\n- Phủ sóng 4G.');
    expect(read.narrative.difficulties?.text).toBe('');
    expect(read.narrative.proposals?.text).toBe('Đề nghị hỗ trợ kinh phí.');
  });

  it('splits a narrative longer than an Excel cell over several rows and joins it back exactly', async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `Đoạn ${i}: triển khai chuyển đổi số ở các xã.`).join('\n');
    expect(long.length).toBeGreaterThan(2 * CELL_TEXT_CHUNK);
    const buf = await writeTemplate(model({ narrative: { results: long, difficulties: 'Thiếu kinh phí.', proposals: '' } }));
    const read = readTemplate(await openWorkbook(buf));
    expect(read.narrative.results?.text).toBe(long);
    expect(read.narrative.difficulties?.text).toBe('Thiếu kinh phí.');
  });

  it('writes no narrative part for a form without one', async () => {
    const read = readTemplate(await openWorkbook(await writeTemplate(model({ narrative: null }))));
    expect(read.narrative).toEqual({});
    expect(read.rows).toHaveLength(6);
  });

  it('recognises the narrative headings however they are typed', () => {
    expect(headingSection('1. Kết quả đạt được')).toBe('results');
    expect(headingSection('KHÓ KHĂN, VƯỚNG MẮC')).toBe('difficulties');
    expect(headingSection('III) Đề xuất, kiến nghị')).toBe('proposals');
    expect(headingSection('Kết quả')).toBeNull();
  });
});

describe('planImport', () => {
  const elements = [
    { id: 1, code: 'BC_DN', name: 'Số doanh nghiệp', valueType: 'INTEGER' as const, min: 0, max: 500, required: true },
    { id: 2, code: 'DT_VT', name: 'Doanh thu', valueType: 'NUMBER' as const, min: null, max: null, required: false },
    { id: 3, code: 'CDS_TL', name: 'Tỷ lệ', valueType: 'PERCENTAGE' as const, min: null, max: null, required: false },
    { id: 4, code: 'CDS_KYSO', name: 'Ký số', valueType: 'BOOLEAN' as const, min: null, max: null, required: false },
  ];
  const row = (n: number, code: string, value: PlanInput['read']['rows'][0]['value'], comment: string | null = null) => ({
    row: n, code, codeCell: `A${n}`, valueCell: `D${n}`, value, comment,
  });
  const base = (rows: PlanInput['read']['rows'], over: Partial<PlanInput> = {}): PlanInput => ({
    elements, rules: [], narrativeAllowed: true, saved: { DT_VT: { value: '45.5', comment: null } },
    savedNarrative: { results: 'Cũ', difficulties: '', proposals: '' }, previous: { BC_DN: '11' }, history: {},
    read: { rows, narrative: {} }, normalizeNarrative: (s) => s.normalize('NFC').trim(), maxCommentChars: 2000, maxNarrativeChars: 50_000, ...over,
  });

  it('reads numbers, Vietnamese text numbers, percent-formatted cells and Có/Không; blank keeps what is saved', () => {
    const p = planImport(base([
      row(7, 'BC_DN', { kind: 'text', text: '1.634' }),
      row(8, 'DT_VT', { kind: 'blank' }),
      row(9, 'CDS_TL', { kind: 'number', n: 0.943, percentFormat: true }),
      row(10, 'CDS_KYSO', { kind: 'text', text: 'Không' }),
    ]));
    expect(p.errors).toEqual([]);
    expect(p.changes).toEqual([
      { code: 'BC_DN', value: '1.634' }, { code: 'CDS_TL', value: '94,3' }, { code: 'CDS_KYSO', value: 'false' },
    ]);
    expect(p.values.find((v) => v.code === 'DT_VT')).toMatchObject({ value: '45.5', saved: '45.5', changed: false });
    expect(p.values.find((v) => v.code === 'BC_DN')).toMatchObject({ value: '1634', previous: '11', changed: true, cell: 'D7' });
    // 1634 is over the element's maximum 500: a validation issue, not a parse error
    expect(p.issues).toEqual([expect.objectContaining({ kind: 'bounds', dataElementCode: 'BC_DN' })]);
  });

  it('sends decimals in a form parseValue reads back exactly (1.634 stays 1.634)', () => {
    const p = planImport(base([row(8, 'DT_VT', { kind: 'number', n: 1.634, percentFormat: false })]));
    expect(p.changes).toEqual([{ code: 'DT_VT', value: '1,634' }]);
    expect(p.values.find((v) => v.code === 'DT_VT')?.value).toBe('1.634');
    expect(asInput('NUMBER', '1.634')).toBe('1,634');
    expect(asInput('INTEGER', '1634')).toBe('1.634');
  });

  it('addresses every error by cell: unknown code, repeated code, wrong type, date, formula error, comment without value', () => {
    const p = planImport(base([
      row(7, 'BC_DN', { kind: 'text', text: 'mười hai' }),
      row(9, 'XYZ', { kind: 'number', n: 1, percentFormat: false }),
      row(10, 'CDS_TL', { kind: 'date' }),
      row(11, 'CDS_TL', { kind: 'number', n: 5, percentFormat: false }),
      row(12, 'CDS_KYSO', { kind: 'error', message: 'ô báo lỗi #DIV/0! (chia cho 0)' }),
      row(8, 'DT_VT', { kind: 'number', n: 12.5, percentFormat: false }),
    ]));
    expect(p.errors.map((e) => e.cell)).toEqual(['D7', 'A9', 'D10', 'A11', 'D12']);
    expect(p.errors[0].message).toBe('D7: Số doanh nghiệp: "mười hai" không phải là số.');
    expect(p.errors[1].message).toBe('A9: mã chỉ tiêu XYZ không có trong biểu mẫu.');
    expect(p.errors[2].message).toMatch(/^D10: Tỷ lệ: ô chứa ngày tháng/);
    expect(p.errors[3].message).toBe('A11: mã chỉ tiêu CDS_TL lặp lại (đã có ở dòng 10).');
    const noValue = planImport(base([row(7, 'BC_DN', { kind: 'blank' }, 'Giải thích')]));
    expect(noValue.errors).toEqual([{ cell: 'E7', message: 'E7: có ghi chú nhưng ô D7 chưa có số liệu. Hãy nhập số liệu hoặc xóa ghi chú.' }]);
  });

  it('updates only the comment of a saved value when D is blank and E changed', () => {
    const p = planImport(base([row(8, 'DT_VT', { kind: 'blank' }, 'Số liệu ước tính')]));
    expect(p.errors).toEqual([]);
    expect(p.changes).toEqual([{ code: 'DT_VT', value: '45,5', comment: 'Số liệu ước tính' }]);
  });

  it('takes narrative text when given, keeps the saved text when blank, ignores it on a form without narrative', () => {
    const narrative = { results: { text: 'Kết quả mới', cell: 'A30' }, difficulties: { text: '', cell: 'A32' } };
    const p = planImport(base([], { read: { rows: [], narrative } }));
    expect(p.narrativeChanged).toEqual(['results']);
    expect(p.narrative).toEqual({ results: 'Kết quả mới', difficulties: '', proposals: '' });
    const none = planImport(base([], { read: { rows: [], narrative }, narrativeAllowed: false }));
    expect(none.narrativeChanged).toEqual([]);
    const tooLong = planImport(base([], { read: { rows: [], narrative: { results: { text: 'x'.repeat(60_000), cell: 'A30' } } } }));
    expect(tooLong.errors[0].cell).toBe('A30');
  });
});
