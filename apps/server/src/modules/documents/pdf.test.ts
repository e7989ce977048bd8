import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { docxToPdf, findSoffice, PDF_TIMEOUT_MESSAGE, PDF_UNAVAILABLE_MESSAGE } from './pdf.js';
import { buildSummaryReportDocx } from './summary-report.docx.js';
import { sampleSummaryReport } from './test-fixtures.js';

const soffice = await findSoffice();
const scratch = mkdtempSync(path.join(tmpdir(), 'docs-pdf-test-'));
// The conversions of this file make their working folders in a temporary folder of their own, so that
// another test run on the same machine cannot change the count of leftovers checked here.
const conversions = mkdtempSync(path.join(scratch, 'tmp-'));
const previousTmp = process.env.TMPDIR;
beforeAll(() => {
  process.env.TMPDIR = conversions;
});
afterAll(() => {
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  rmSync(scratch, { recursive: true, force: true });
});
const ourTempDirs = () => readdirSync(conversions).filter((d) => d.startsWith('nhip-pdf-'));

describe('docxToPdf', () => {
  it('says in Vietnamese that LibreOffice is missing when soffice is not on the path', async () => {
    const docx = await buildSummaryReportDocx(sampleSummaryReport());
    const err = await docxToPdf(docx, { searchPath: scratch }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).message).toBe(PDF_UNAVAILABLE_MESSAGE);
  });

  it('finds an executable soffice on a given path and ignores a non-executable one', async () => {
    const dir = mkdtempSync(path.join(scratch, 'bin-'));
    writeFileSync(path.join(dir, 'soffice'), '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    expect(await findSoffice(dir)).toBeNull();
    chmodSync(path.join(dir, 'soffice'), 0o755);
    expect(await findSoffice(`/nonexistent${path.delimiter}${dir}`)).toBe(path.join(dir, 'soffice'));
  });

  it('reports a converter that produces nothing as a failure and cleans up', async () => {
    const dir = mkdtempSync(path.join(scratch, 'fake-'));
    writeFileSync(path.join(dir, 'soffice'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const before = ourTempDirs().length;
    const err = await docxToPdf(Buffer.from('x'), { searchPath: dir }).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(500);
    expect((err as AppError).message).toMatch(/Không chuyển được báo cáo sang PDF/u);
    expect(ourTempDirs().length).toBe(before);
  });

  it('kills a conversion that takes too long and cleans up', async () => {
    const dir = mkdtempSync(path.join(scratch, 'slow-'));
    writeFileSync(path.join(dir, 'soffice'), '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
    const before = ourTempDirs().length;
    const started = Date.now();
    const err = await docxToPdf(Buffer.from('x'), { searchPath: dir, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((err as AppError).status).toBe(504);
    expect((err as AppError).message).toBe(PDF_TIMEOUT_MESSAGE);
    expect(ourTempDirs().length).toBe(before);
  });

  it.skipIf(soffice === null)(
    'converts the report to a PDF whose text keeps the Vietnamese diacritics',
    async () => {
      const before = ourTempDirs().length;
      const pdf = await docxToPdf(await buildSummaryReportDocx(sampleSummaryReport()));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(ourTempDirs().length).toBe(before);
      const file = path.join(scratch, 'bao-cao.pdf');
      writeFileSync(file, pdf);
      let text: string;
      try {
        text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      } catch {
        return; // pdftotext (poppler-utils) not installed: the %PDF check above stands
      }
      const flat = text.normalize('NFC').replace(/\s+/g, ' ');
      expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(flat).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(flat).toContain('Vân Lĩnh, ngày 04 tháng 01 năm 2024');
      expect(flat).toContain('PHỤ LỤC SỐ LIỆU');
    },
    90_000,
  );
});
