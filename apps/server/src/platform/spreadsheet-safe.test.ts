import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, needsNeutralising, neutraliseText, protectWorkbook, restoreCsvText } from './spreadsheet-safe.js';

describe('neutraliseText (OWASP CSV injection)', () => {
  const cases: [string, string, string][] = [
    // [what, text, as a CSV cell holds it]
    ['formula', '=1+1', "'=1+1"],
    ['hyperlink', '=HYPERLINK("http://x.example","Bấm vào")', '\'=HYPERLINK("http://x.example","Bấm vào")'],
    ['plus', '+84 912 345 678', "'+84 912 345 678"],
    ['minus text', '-chú thích', "'-chú thích"],
    ['minus sum', '-5+1', "'-5+1"],
    ['DDE', "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['at', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['tab', '\t=1', "'\t=1"],
    ['carriage return', '\r=1', "'\r=1"],
    ['an apostrophe before a trigger gets one more', "'=1", "''=1"],
    ['two apostrophes before a trigger', "''-x", "'''-x"],
    ['negative integer stays a number', '-5', '-5'],
    ['negative decimal', '-0.25', '-0.25'],
    ['negative exponent form', '-1.5e-7', '-1.5e-7'],
    ['negative without leading zero', '-.5', '-.5'],
    ['plain text', 'Xã Khê Thượng', 'Xã Khê Thượng'],
    ['apostrophe before text', "'ngày", "'ngày"],
    ['lone apostrophe', "'", "'"],
    ['trigger inside', 'a=1', 'a=1'],
    ['leading space', ' =1', ' =1'],
    ['empty', '', ''],
    ['lone minus', '-', "'-"],
    ['minus with comma decimal is text', '-5,3', "'-5,3"],
  ];
  it.each(cases)('%s', (_what, text, expected) => {
    expect(neutraliseText(text)).toBe(expected);
    expect(restoreCsvText(expected)).toBe(text);
  });

  it('restore ∘ neutralise is the identity, and nothing neutralised starts a formula (every string of up to 4 characters)', () => {
    const alphabet = ["'", '=', '+', '-', '@', '\t', '\r', '5', '.', 'a', ' '];
    const all: string[] = [''];
    for (let len = 1; len <= 4; len++) {
      const prev = all.filter((s) => s.length === len - 1);
      for (const p of prev) for (const c of alphabet) all.push(p + c);
    }
    expect(all.length).toBe(1 + 11 + 121 + 1331 + 14641);
    for (const s of all) {
      const n = neutraliseText(s);
      expect(restoreCsvText(n), JSON.stringify(s)).toBe(s);
      if (n.length > 0 && ['=', '+', '-', '@', '\t', '\r'].includes(n[0])) expect(n, JSON.stringify(s)).toMatch(/^-(\d+(\.\d+)?|\.\d+)$/);
    }
    // distinct texts never collide once neutralised
    expect(new Set(all.map(neutraliseText)).size).toBe(all.length);
  });

  it('needsNeutralising only for what would run', () => {
    expect(needsNeutralising('-12')).toBe(false);
    expect(needsNeutralising('-12a')).toBe(true);
    expect(needsNeutralising('12')).toBe(false);
  });
});

describe('csvField', () => {
  it('keeps numbers as numbers, negative ones included, and neutralises then quotes text', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(2500.75)).toBe('2500.75');
    expect(csvField('-5')).toBe('-5');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
    expect(csvField('-chú thích')).toBe(`"'-chú thích"`);
    expect(csvField("'ngày")).toBe("'ngày");
    expect(csvField('=SUM(1,2)')).toBe(`"'=SUM(1,2)"`);
    expect(csvField('Tăng, do "gói" mới')).toBe('"Tăng, do ""gói"" mới"');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('\t-1')).toBe(`"'\t-1"`);
  });

  it('a line parses back (papaparse) to the neutralised cells, which restore to the originals', () => {
    const row = ['=HYPERLINK("http://x.example","x")', '-chú thích', '-5', 'dòng 1\r\ndòng 2', "'=1"];
    const parsed = Papa.parse<string[]>(csvLine(row), { delimiter: ',' }).data[0];
    expect(parsed.map(restoreCsvText)).toEqual(row);
  });
});

describe('protectWorkbook', () => {
  it('marks formula-like string cells as text, keeps values, numbers and other formats', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Trang 1');
    ws.addRow(['=HYPERLINK("http://x.example","Bấm")', -5, '-5', '-chú thích', 'Xã Khê Thượng', 1234.5]);
    ws.getCell('F1').numFmt = '#,##0.0';
    ws.getCell('G1').value = { richText: [{ text: '@' }, { text: 'SUM(A1)' }] };
    ws.mergeCells('A2:C2');
    ws.getCell('A2').value = '+84 912';
    expect(protectWorkbook(wb)).toBe(4);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());

    // No formula element anywhere: every text is a shared or inline string.
    const sheet = strFromU8(unzipSync(new Uint8Array(buf))['xl/worksheets/sheet1.xml']);
    expect(sheet).not.toMatch(/<f[ >]/);

    const back = new ExcelJS.Workbook();
    await back.xlsx.load(buf as unknown as ArrayBuffer);
    const r = back.getWorksheet('Trang 1')!;
    expect(r.getCell('A1').value).toBe('=HYPERLINK("http://x.example","Bấm")');
    expect(r.getCell('A1').type).toBe(ExcelJS.ValueType.String);
    expect(r.getCell('A1').numFmt).toBe('@');
    expect(r.getCell('B1').value).toBe(-5);
    expect(r.getCell('B1').numFmt).toBeUndefined();
    expect(r.getCell('C1').value).toBe('-5');
    expect(r.getCell('C1').numFmt).toBeUndefined();
    expect(r.getCell('D1').value).toBe('-chú thích');
    expect(r.getCell('D1').numFmt).toBe('@');
    expect(r.getCell('E1').numFmt).toBeUndefined();
    expect(r.getCell('F1').numFmt).toBe('#,##0.0');
    expect(r.getCell('G1').numFmt).toBe('@');
    expect(r.getCell('A2').value).toBe('+84 912');
    expect(r.getCell('A2').numFmt).toBe('@');
  });
});
