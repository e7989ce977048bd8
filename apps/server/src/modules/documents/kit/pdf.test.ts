import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { testServer } from '../../../test/server.js';
import { buildSummaryReportDocx } from '../summary-report.docx.js';
import { sampleSummaryReport } from '../test-fixtures.js';
import { renderDocx } from './docx.js';
import { findUnoPython, stopWarmOffices, warmOffice } from './office.js';
import { docxToPdf, findSoffice, PDF_FAILED_MESSAGE, PDF_TIMEOUT_MESSAGE, PDF_UNAVAILABLE_MESSAGE, renderPdf } from './pdf.js';
import { invitationDocument, sampleInvitation } from './sample-invitation.js';

const soffice = await findSoffice();
const unoPython = soffice ? await findUnoPython(soffice) : null;
const scratch = mkdtempSync(path.join(tmpdir(), 'docs-pdf-test-'));
// The conversions of this file make their working folders in a temporary folder of their own, so that
// another test run on the same machine cannot change the count of leftovers checked here.
const conversions = mkdtempSync(path.join(scratch, 'tmp-'));
const previousTmp = process.env.TMPDIR;
beforeAll(() => {
  process.env.TMPDIR = conversions;
});
afterAll(async () => {
  await stopWarmOffices();
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  rmSync(scratch, { recursive: true, force: true });
}, 30_000);
const ourTempDirs = () => readdirSync(conversions).filter((d) => d.startsWith('nhip-pdf-'));
const officeDirs = () => readdirSync(conversions).filter((d) => d.startsWith('nhip-office-'));
const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';
const alive = (pid: number | null) => {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function pdfText(pdf: Buffer): string | null {
  const file = path.join(scratch, `text-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
  } catch {
    return null; // pdftotext (poppler-utils) not installed
  }
}

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
    expect((err as AppError).message).toBe(PDF_FAILED_MESSAGE);
    expect(ourTempDirs().length).toBe(before);
  }, 30_000);

  it('kills a one-shot conversion that takes too long and cleans up', async () => {
    const dir = mkdtempSync(path.join(scratch, 'slow-'));
    writeFileSync(path.join(dir, 'soffice'), '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
    const before = ourTempDirs().length;
    const started = Date.now();
    const err = await docxToPdf(Buffer.from('x'), { searchPath: dir, timeoutMs: 300, warm: false }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((err as AppError).status).toBe(504);
    expect((err as AppError).message).toBe(PDF_TIMEOUT_MESSAGE);
    expect(ourTempDirs().length).toBe(before);
  });

  it('falls back to a one-shot soffice when the warm office cannot start', async () => {
    // Refuses to run as a listening office; converts on the command line like soffice --convert-to.
    const dir = mkdtempSync(path.join(scratch, 'oneshot-'));
    const script = `#!/bin/sh
for a in "$@"; do case "$a" in --accept=*) exit 1;; esac; done
while [ $# -gt 0 ]; do [ "$1" = "--outdir" ] && out="$2"; last="$1"; shift; done
printf '%%PDF-1.4 one-shot\\n' > "$out/$(basename "$last" .docx).pdf"
`;
    writeFileSync(path.join(dir, 'soffice'), script, { mode: 0o755 });
    const pdf = await docxToPdf(Buffer.from('x'), { searchPath: dir });
    expect(pdf.toString('latin1')).toBe('%PDF-1.4 one-shot\n');
    const office = await warmOffice(path.join(dir, 'soffice'));
    if (office) {
      expect(office.status().lastStartError).toMatch(/LibreOffice exited with code 1/);
      expect(office.usable()).toBe(false); // not tried again for a while: the next PDFs go one-shot at once
    }
    expect(ourTempDirs()).toEqual([]);
  }, 60_000);

  it.skipIf(soffice === null)(
    'converts the report to a PDF whose text keeps the Vietnamese diacritics',
    async () => {
      const before = ourTempDirs().length;
      const pdf = await docxToPdf(await buildSummaryReportDocx(sampleSummaryReport()));
      expect(isPdf(pdf)).toBe(true);
      expect(ourTempDirs().length).toBe(before);
      const flat = pdfText(pdf);
      if (flat === null) return;
      expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(flat).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(flat).toContain('Vân Lĩnh, ngày 04 tháng 01 năm 2024');
      expect(flat).toContain('PHỤ LỤC SỐ LIỆU');
    },
    90_000,
  );
});

describe.skipIf(soffice === null || unoPython === null)('the LibreOffice kept warm', () => {
  const bin = soffice as string;
  const status = async () => (await warmOffice(bin))!.status();

  it('starts once and converts every later document in the same office', async () => {
    await stopWarmOffices();
    const invitation = await renderDocx(invitationDocument(sampleInvitation()));
    const report = await buildSummaryReportDocx(sampleSummaryReport());
    let t = performance.now();
    expect(isPdf(await docxToPdf(invitation))).toBe(true);
    const cold = performance.now() - t;
    const first = await status();
    expect(first.running).toBe(true);
    expect(alive(first.officePid)).toBe(true);
    t = performance.now();
    const again = await docxToPdf(invitation);
    const warm = performance.now() - t;
    expect(pdfText(again) ?? 'GIẤY MỜI').toContain('GIẤY MỜI');
    expect(isPdf(await docxToPdf(report))).toBe(true);
    const later = await status();
    expect(later.officePid).toBe(first.officePid);
    expect(later.starts).toBe(first.starts);
    console.info(`warm office: Giấy mời PDF ${Math.round(cold)} ms with the start, ${Math.round(warm)} ms warm`);
  }, 120_000);

  it('converts a kit document straight to PDF with the same text', async () => {
    const flat = pdfText(await renderPdf(invitationDocument(sampleInvitation({ number: '05' }))));
    if (flat === null) return;
    expect(flat).toContain('Số: 05/GM-SKHCN');
    expect(flat).toContain('KT. GIÁM ĐỐC');
    expect(flat).toContain('Thời gian: 08 giờ 00 phút, thứ Năm, ngày 04/01/2024.');
  }, 60_000);

  it('queues concurrent conversions through the one office', async () => {
    const docx = await renderDocx(invitationDocument(sampleInvitation()));
    const before = await status();
    const pdfs = await Promise.all([1, 2, 3, 4].map(() => docxToPdf(docx)));
    expect(pdfs.every(isPdf)).toBe(true);
    const after = await status();
    expect(after.officePid).toBe(before.officePid);
    expect(after.starts).toBe(before.starts);
    expect(ourTempDirs()).toEqual([]);
  }, 120_000);

  it('starts a new office when it dies, and the next PDF still comes back', async () => {
    const docx = await renderDocx(invitationDocument(sampleInvitation()));
    await docxToPdf(docx);
    const before = await status();
    process.kill(before.officePid as number, 'SIGKILL');
    expect(isPdf(await docxToPdf(docx))).toBe(true);
    const after = await status();
    expect(after.starts).toBe(before.starts + 1);
    expect(after.officePid).not.toBe(before.officePid);
    expect(alive(before.bridgePid)).toBe(false);
    // Killed in the middle of a conversion: that conversion is tried again on a new office.
    const report = await buildSummaryReportDocx(sampleSummaryReport());
    const pending = docxToPdf(report);
    setTimeout(() => process.kill(after.officePid as number, 'SIGKILL'), 30);
    expect(isPdf(await pending)).toBe(true);
    const retried = await status();
    expect(retried.running).toBe(true);
    expect(retried.starts).toBe(after.starts + 1);
    expect(retried.officePid).not.toBe(after.officePid);
  }, 120_000);

  it('stops the office and leaves no process and no profile behind', async () => {
    await docxToPdf(await renderDocx(invitationDocument(sampleInvitation())));
    const running = await status();
    expect(officeDirs().length).toBeGreaterThanOrEqual(1);
    await stopWarmOffices();
    expect(alive(running.officePid)).toBe(false);
    expect(alive(running.bridgePid)).toBe(false);
    expect((await status()).running).toBe(false);
    // The folders of the offices killed earlier go once their last process is reaped.
    for (let i = 0; i < 100 && officeDirs().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(officeDirs()).toEqual([]);
  }, 60_000);

  it('stops with the server', async () => {
    const s = await testServer();
    try {
      await docxToPdf(await renderDocx(invitationDocument(sampleInvitation())));
      const running = await status();
      expect(alive(running.officePid)).toBe(true);
      await s.close();
      expect(alive(running.officePid)).toBe(false);
      expect(alive(running.bridgePid)).toBe(false);
    } finally {
      await s.close().catch(() => undefined);
    }
  }, 120_000);
});
