import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { buildZip, xlsxSkeleton } from './test-fixtures.js';
import { MSG, ZIP_LIMITS, guardXlsx, readCentralDirectory, sniff } from './zip-guard.js';

const MB = 1024 * 1024;

function refusal(buf: Buffer): { status: number; message: string } {
  try {
    guardXlsx(buf);
  } catch (err) {
    if (err instanceof AppError) return { status: err.status, message: err.message };
    throw err;
  }
  throw new Error('the buffer was accepted');
}

async function realXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Trang 1').addRow(['Mã', 'Giá trị', 1634]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('guardXlsx', () => {
  it('accepts a real workbook and lists its entries', async () => {
    const buf = await realXlsx();
    const entries = guardXlsx(buf);
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
    expect(entries.filter((e) => !e.name.endsWith('/')).every((e) => e.uncompressedSize > 0)).toBe(true);
  });

  it('refuses an empty file with 400', () => {
    expect(refusal(Buffer.alloc(0))).toEqual({ status: 400, message: MSG.empty });
  });

  it.each([
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251))],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')],
    ['a CSV', Buffer.from('code,value\nBC_DN,12\nVT_BTS,1.634\n')],
  ])('refuses %s with 415 whatever its name', (_, buf) => {
    expect(refusal(buf)).toEqual({ status: 415, message: MSG.notXlsx });
  });

  it('tells an old .xls and a password-protected workbook apart (both 415)', () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    expect(sniff(ole)).toBe('ole');
    expect(refusal(ole)).toEqual({ status: 415, message: MSG.oldXls });
    const encrypted = Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(refusal(encrypted)).toEqual({ status: 415, message: MSG.encrypted });
    expect(MSG.oldXls.startsWith(MSG.notXlsx.slice(0, -1))).toBe(true);
  });

  it('refuses a ZIP that is not a spreadsheet (a .docx renamed) with 415', () => {
    const docx = buildZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    expect(refusal(docx)).toEqual({ status: 415, message: MSG.notXlsx });
  });

  it('refuses a truncated workbook as broken (400)', async () => {
    const buf = await realXlsx();
    expect(refusal(buf.subarray(0, Math.floor(buf.length / 2)))).toEqual({ status: 400, message: MSG.corrupt });
  });

  it('refuses a workbook whose compressed bytes are garbage as broken (400)', () => {
    const raw = Buffer.alloc(64, 0xff);
    const zip = buildZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(500, 0x41), raw }]);
    expect(refusal(zip)).toEqual({ status: 400, message: MSG.corrupt });
  });

  it('refuses a directory that declares a huge uncompressed size (400, nothing inflated)', () => {
    const zip = buildZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declaredSize: 3_000_000_000 }]);
    expect(refusal(zip)).toEqual({ status: 400, message: MSG.bomb });
  });

  it('refuses a real 150 MB entry that compresses to a few hundred kilobytes', () => {
    const big = Buffer.alloc(150 * MB, 0x20);
    const raw = zlib.deflateRawSync(big, { level: 9 });
    expect(raw.length).toBeLessThan(MB);
    const zip = buildZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), declaredSize: big.length, raw }]);
    expect(refusal(zip)).toEqual({ status: 400, message: MSG.bomb });
  });

  it('refuses an entry over 10 MB compressed more than 200:1 even under the total', () => {
    const data = Buffer.alloc(20 * MB, 0x30);
    const zip = buildZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data }]);
    expect(readCentralDirectory(zip)[2].uncompressedSize).toBe(20 * MB);
    expect(refusal(zip)).toEqual({ status: 400, message: MSG.bomb });
  });

  it('refuses a directory that lies small: the entry inflates past what it declared', () => {
    const big = Buffer.alloc(60 * MB, 0x20);
    const raw = zlib.deflateRawSync(big);
    const zip = buildZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), declaredSize: 4096, raw }]);
    expect(refusal(zip)).toEqual({ status: 400, message: MSG.bomb });
  });

  it(`refuses more than ${ZIP_LIMITS.maxEntries} entries`, () => {
    const many = Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `xl/media/x${i}.txt`, data: Buffer.from('a'), deflate: false }));
    expect(refusal(buildZip([...xlsxSkeleton(), ...many]))).toEqual({ status: 400, message: MSG.bomb });
  });

  it('accepts the same archive shapes under the limits (the checks are not blanket refusals)', () => {
    const zip = buildZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(2 * MB, 0x30) }]);
    expect(guardXlsx(zip)).toHaveLength(3);
  });
});
