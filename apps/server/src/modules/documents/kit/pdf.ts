/**
 * .docx → .pdf with LibreOffice headless, when the server has it.
 *
 * Through the warm office (kit/office.ts) when a Python with LibreOffice's UNO bindings is installed: started by
 * the first PDF, reused by the next ones, restarted if it died. Otherwise, or while the warm office cannot start,
 * each conversion runs a one-shot soffice with a profile of its own in its own temporary directory (so concurrent
 * conversions don't fight over the user profile lock), killed after the timeout. Either way the conversion's
 * directory is removed afterwards.
 */
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../platform/errors.js';
import { renderDocx } from './docx.js';
import type { DecreeDocument } from './model.js';
import { OfficeConversionError, OfficeDiedError, OfficeTimeoutError, warmOffice } from './office.js';

export const PDF_UNAVAILABLE_MESSAGE = 'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản .docx';
export const PDF_FAILED_MESSAGE = 'Không chuyển được văn bản sang PDF; hãy tải bản .docx';
export const PDF_TIMEOUT_MESSAGE = 'Chuyển văn bản sang PDF quá thời gian cho phép; hãy tải bản .docx';

export interface DocxToPdfOptions {
  /** Where to look for `soffice` (default: process.env.PATH). */
  readonly searchPath?: string;
  /** Default 60 000 ms. */
  readonly timeoutMs?: number;
  /** false: a one-shot soffice even when the warm office is available. Default true. */
  readonly warm?: boolean;
}

const CANDIDATES = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];

/** Absolute path of the LibreOffice binary on `searchPath`, or null. */
export async function findSoffice(searchPath = process.env.PATH ?? ''): Promise<string | null> {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    for (const name of CANDIDATES) {
      const file = path.join(dir, name);
      try {
        await access(file, fsConstants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

function run(
  bin: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout can end soffice together with the soffice.bin it starts.
    const child = spawn(bin, args, { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

async function readPdf(file: string, details: Record<string, unknown>): Promise<Buffer> {
  try {
    const pdf = await readFile(file);
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
    return pdf;
  } catch {
    throw new AppError(500, 'pdf_failed', PDF_FAILED_MESSAGE, details);
  }
}

/** The warm office's PDF, or null when the warm office is unavailable here or could not start or keep running. */
async function warmPdf(bin: string, input: string, output: string, timeoutMs: number): Promise<Buffer | null> {
  const office = await warmOffice(bin);
  if (!office?.usable()) return null;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await office.convert(input, output, timeoutMs);
      return await readPdf(output, { warm: true });
    } catch (err) {
      if (err instanceof OfficeTimeoutError) throw new AppError(504, 'pdf_timeout', PDF_TIMEOUT_MESSAGE);
      if (err instanceof OfficeConversionError) throw new AppError(500, 'pdf_failed', PDF_FAILED_MESSAGE, { warm: true, error: err.message.slice(0, 500) });
      // The office died under this conversion: once more on a new one. Failing to start, or stopped: one-shot.
      if (!(err instanceof OfficeDiedError)) return null;
    }
  }
  return null;
}

/** Converts a .docx to PDF; AppError 503 when LibreOffice is missing, 500/504 when conversion fails. */
export async function docxToPdf(buffer: Buffer, opts: DocxToPdfOptions = {}): Promise<Buffer> {
  const bin = await findSoffice(opts.searchPath);
  if (!bin) throw new AppError(503, 'pdf_unavailable', PDF_UNAVAILABLE_MESSAGE);
  const dir = await mkdtemp(path.join(tmpdir(), 'nhip-pdf-'));
  const timeoutMs = opts.timeoutMs ?? 60_000;
  try {
    const input = path.join(dir, 'bao-cao.docx');
    await writeFile(input, buffer);
    if (opts.warm !== false) {
      const pdf = await warmPdf(bin, input, path.join(dir, 'bao-cao.pdf'), timeoutMs);
      if (pdf) return pdf;
    }
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const result = await run(
      bin,
      [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nologo', '--convert-to', 'pdf', '--outdir', dir, input],
      dir,
      timeoutMs,
    );
    if (result.timedOut) throw new AppError(504, 'pdf_timeout', PDF_TIMEOUT_MESSAGE);
    return await readPdf(path.join(dir, 'bao-cao.pdf'), { exitCode: result.code, stderr: result.stderr.slice(0, 500) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A kit document as PDF: its .docx through LibreOffice. */
export async function renderPdf(doc: DecreeDocument, opts: DocxToPdfOptions = {}): Promise<Buffer> {
  return docxToPdf(await renderDocx(doc), opts);
}
