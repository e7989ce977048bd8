/**
 * "Tài liệu hội nghị": the agenda, the period's draft summary report and the units' presentations, as one .zip of
 * the original files (with a table of contents) or as one PDF merged with pdf-lib. Every part of the PDF comes
 * through LibreOffice (the warm one when it runs); a part that cannot be converted — a .pptx LibreOffice does not
 * open, a damaged or encrypted PDF — is replaced by a page that says so, and the rest of the bundle still comes.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatDateTime, periodLabel } from '@nhip/contracts';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import type { Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { docxToPdf, findSoffice } from '../documents/kit/pdf.js';
import { warmOffice } from '../documents/kit/office.js';
import { buildSummaryReportDocx } from '../documents/summary-report.docx.js';
import { assembleSummaryReport } from '../reports/summary-report.service.js';
import type { ConferenceRow } from './conferences.repository.js';
import { buildDocument, documentDocx } from './documents.service.js';
import { presentationsRepo } from './presentations.repository.js';

export const BUNDLE_PDF_UNAVAILABLE = 'Máy chủ chưa cài LibreOffice nên chưa ghép được tài liệu thành một tệp PDF; hãy tải bản .zip.';

export type BundlePart = {
  /** Name inside the .zip: numbered so the files sort in the order of the conference. */
  name: string;
  /** What it is, for the table of contents and the cover pages. */
  label: string;
  kind: 'docx' | 'pdf' | 'pptx';
  content: Buffer;
};

/** A file name without diacritics or characters some unzip programs stumble on. */
const safeName = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\w.-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 80);

export type Bundle = { parts: BundlePart[]; missing: string[]; contents: string[] };

/**
 * The parts in the order of the conference: the agenda, the draft report, then each presentation in agenda order.
 * Presentations not uploaded yet are listed as missing; a draft report that cannot be drawn up (no province unit)
 * is listed as missing with the reason.
 */
export async function collectBundle(db: Db, c: ConferenceRow, today: string): Promise<Bundle> {
  const parts: BundlePart[] = [];
  const missing: string[] = [];
  const agenda = await buildDocument(db, c, 'agenda', today);
  parts.push({ name: '01-Chuong-trinh-hoi-nghi.docx', label: 'Chương trình hội nghị', kind: 'docx', content: await documentDocx(agenda) });
  const reportLabel = `Dự thảo báo cáo kết quả công tác ${periodLabel(c.period).toLocaleLowerCase('vi')}`;
  try {
    const input = await assembleSummaryReport(db, { period: c.period, today });
    parts.push({ name: `02-Du-thao-bao-cao-${c.period}.docx`, label: reportLabel, kind: 'docx', content: await buildSummaryReportDocx(input) });
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
    missing.push(`${reportLabel}: ${e.message}`);
  }
  let n = 0;
  for (const p of await presentationsRepo.list(db, c.id)) {
    n++;
    const label = `Tham luận ${n}: ${p.topic} (${p.unit_name})`;
    const content = p.file_name ? await presentationsRepo.content(db, p.id) : null;
    if (!content || !p.file_name) {
      missing.push(`${label}: đơn vị chưa nộp (hạn ${formatDateTime(p.due_at)})`);
      continue;
    }
    const ext = p.file_name.slice(p.file_name.lastIndexOf('.') + 1).toLowerCase() as BundlePart['kind'];
    parts.push({ name: `${String(n + 2).padStart(2, '0')}-Tham-luan-${n}-${safeName(p.unit_code)}.${ext}`, label, kind: ext, content: Buffer.from(content) });
  }
  const contents = [
    `TÀI LIỆU HỘI NGHỊ`,
    c.title,
    '',
    ...parts.map((p, i) => `${i + 1}. ${p.label} (${p.name})`),
    ...(missing.length ? ['', 'Chưa có:', ...missing.map((m) => `- ${m}`)] : []),
  ];
  return { parts, missing, contents };
}

/** The .zip: the original files, numbered, and MUC-LUC.txt. */
export async function bundleZip(b: Bundle): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('00-MUC-LUC.txt', `${b.contents.join('\r\n')}\r\n`);
  for (const p of b.parts) zip.file(p.name, p.content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** A page of centred lines, as .docx (LibreOffice turns it into PDF with the server's fonts, Vietnamese included). */
async function pageDocx(lines: { text: string; bold?: boolean; size?: number }[]): Promise<Buffer> {
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    sections: [{
      children: lines.map(
        (l) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 160 }, children: [new TextRun({ text: l.text, bold: l.bold, size: l.size })] }),
      ),
    }],
  });
  return Packer.toBuffer(doc);
}

/** An office file (.pptx) → PDF: the warm LibreOffice with Impress's filter, else a one-shot soffice. */
async function presentationToPdf(content: Buffer, soffice: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nhip-bundle-'));
  try {
    const input = path.join(dir, 'tham-luan.pptx');
    const output = path.join(dir, 'tham-luan.pdf');
    await writeFile(input, content);
    const office = await warmOffice(soffice);
    if (office?.usable()) await office.convert(input, output, 60_000, 'impress_pdf_Export');
    else await oneShot(soffice, dir, input);
    const pdf = await readFile(output);
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function oneShot(soffice: string, dir: string, input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const child = spawn(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nologo', '--convert-to', 'pdf', '--outdir', dir, input], {
      cwd: dir, detached: true, stdio: 'ignore',
    });
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new Error('timeout'));
    }, 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`soffice exited with ${code}`));
    });
  });
}

export type PdfReport = { pages: number; converted: string[]; failed: string[] };

/**
 * One PDF: a cover page with the table of contents, then each part. A part that does not convert gets a page
 * saying so. 503 when LibreOffice is not installed.
 */
export async function bundlePdf(b: Bundle, title: string): Promise<{ pdf: Buffer; report: PdfReport }> {
  const soffice = await findSoffice();
  if (!soffice) throw new AppError(503, 'pdf_unavailable', BUNDLE_PDF_UNAVAILABLE);
  const out = await PDFDocument.create();
  out.setTitle(`Tài liệu hội nghị – ${title}`);
  out.setCreator('Nhịp');
  const report: PdfReport = { pages: 0, converted: [], failed: [] };
  const append = async (pdf: Buffer) => {
    const src = await PDFDocument.load(pdf, { ignoreEncryption: true });
    for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
  };
  const cover = await pageDocx([
    { text: 'TÀI LIỆU HỘI NGHỊ', bold: true, size: 32 },
    { text: title, bold: true },
    { text: '' },
    ...b.contents.slice(3).map((line) => ({ text: line, size: 24 })),
  ]);
  await append(await docxToPdf(cover));
  for (const part of b.parts) {
    try {
      const pdf = part.kind === 'pdf' ? part.content : part.kind === 'docx' ? await docxToPdf(part.content) : await presentationToPdf(part.content, soffice);
      await append(pdf);
      report.converted.push(part.name);
    } catch {
      report.failed.push(part.name);
      const note = await pageDocx([
        { text: part.label, bold: true },
        { text: '' },
        { text: `Tệp "${part.name}" không chuyển được sang PDF nên không ghép vào đây.` },
        { text: 'Xem tệp gốc trong bản .zip của tài liệu hội nghị.', size: 24 },
      ]);
      await append(await docxToPdf(note));
    }
  }
  report.pages = out.getPageCount();
  return { pdf: Buffer.from(await out.save()), report };
}
