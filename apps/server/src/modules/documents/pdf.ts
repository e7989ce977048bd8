/**
 * .docx → .pdf with LibreOffice headless, when the server has it.
 *
 * Each conversion runs in its own temporary directory with its own LibreOffice
 * profile (so concurrent conversions don't fight over the user profile lock),
 * is killed after the timeout, and the directory is removed afterwards.
 */
import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../platform/errors.js';

export const PDF_UNAVAILABLE_MESSAGE = 'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản .docx';
export const PDF_FAILED_MESSAGE = 'Không chuyển được báo cáo sang PDF; hãy tải bản .docx';
export const PDF_TIMEOUT_MESSAGE = 'Chuyển báo cáo sang PDF quá thời gian cho phép; hãy tải bản .docx';

export interface DocxToPdfOptions {
  /** Where to look for `soffice` (default: process.env.PATH). */
  readonly searchPath?: string;
  /** Default 60 000 ms. */
  readonly timeoutMs?: number;
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

/** Converts a .docx to PDF; AppError 503 when LibreOffice is missing, 500/504 when conversion fails. */
export async function docxToPdf(buffer: Buffer, opts: DocxToPdfOptions = {}): Promise<Buffer> {
  const bin = await findSoffice(opts.searchPath);
  if (!bin) throw new AppError(503, 'pdf_unavailable', PDF_UNAVAILABLE_MESSAGE);
  const dir = await mkdtemp(path.join(tmpdir(), 'nhip-pdf-'));
  try {
    const input = path.join(dir, 'bao-cao.docx');
    await writeFile(input, buffer);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const result = await run(
      bin,
      [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nologo', '--convert-to', 'pdf', '--outdir', dir, input],
      dir,
      opts.timeoutMs ?? 60_000,
    );
    if (result.timedOut) throw new AppError(504, 'pdf_timeout', PDF_TIMEOUT_MESSAGE);
    try {
      const pdf = await readFile(path.join(dir, 'bao-cao.pdf'));
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
      return pdf;
    } catch {
      throw new AppError(500, 'pdf_failed', PDF_FAILED_MESSAGE, { exitCode: result.code, stderr: result.stderr.slice(0, 500) });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
