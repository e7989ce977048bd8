/**
 * `nhip conference documents --id N --out DIR`: the four documents of a conference — Giấy mời, Chương trình, Biên
 * bản and Thông báo kết luận (the issued version, or the marked draft) — written to DIR as .docx, and as .pdf too
 * where LibreOffice is installed (through one warm office, stopped when done).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFERENCE_DOCUMENTS } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { cleanFileName } from '../../platform/file-name.js';
import { stopWarmOffices } from '../documents/kit/office.js';
import { docxToPdf, findSoffice } from '../documents/kit/pdf.js';
import { conferencesRepo } from './conferences.repository.js';
import { buildDocument, documentDocx } from './documents.service.js';

/** Writes the documents; returns one Vietnamese line per file written. */
export async function runConferenceDocuments(db: Db, args: { id: number; out: string }, today: string): Promise<string[]> {
  const c = await conferencesRepo.byId(db, args.id);
  if (!c) throw notFound(`Không tìm thấy hội nghị mã ${args.id}.`);
  await mkdir(args.out, { recursive: true });
  const pdf = (await findSoffice()) !== null;
  const lines: string[] = [];
  try {
    for (const kind of CONFERENCE_DOCUMENTS) {
      const started = performance.now();
      const d = await buildDocument(db, c, kind, today);
      const docx = await documentDocx(d);
      const file = path.join(args.out, cleanFileName(d.fileName('docx')));
      await writeFile(file, docx);
      lines.push(`Đã ghi ${file}${d.draft ? ' (dự thảo)' : ''}: ${docx.length} byte, ${Math.round(performance.now() - started)} ms.`);
      if (pdf) {
        const t = performance.now();
        const body = await docxToPdf(docx);
        const pdfFile = path.join(args.out, cleanFileName(d.fileName('pdf')));
        await writeFile(pdfFile, body);
        lines.push(`Đã ghi ${pdfFile}: ${body.length} byte, ${Math.round(performance.now() - t)} ms.`);
      }
    }
  } finally {
    if (pdf) await stopWarmOffices();
  }
  if (!pdf) lines.push('Máy này chưa cài LibreOffice nên chỉ ghi các tệp .docx.');
  return lines;
}
