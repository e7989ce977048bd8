/**
 * Reading an import body piece by piece: bytes → UTF-8 text pieces (a character split between two
 * network chunks is decoded correctly), a size limit, and CSV rows through papaparse's stream mode.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { AppError } from '../../platform/errors.js';

/** Largest data value set accepted in one request (a 1,000,000-value JSON body is about 100 MB). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
const STRING_PIECE = 256 * 1024;

export const tooLarge = () =>
  new AppError(
    413,
    'too_large',
    `Dữ liệu gửi lên quá lớn (tối đa ${MAX_IMPORT_BYTES / 1024 / 1024} MB mỗi lần nhập). Hãy chia tệp thành nhiều phần.`,
  );

/** UTF-8 text of the body in pieces of bounded size; the byte-order mark is dropped. */
export async function* textPieces(body: string | Buffer | Readable, limit = MAX_IMPORT_BYTES): AsyncGenerator<string> {
  let first = true;
  const strip = (s: string) => {
    if (first && s.length > 0) {
      first = false;
      return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
    }
    return s;
  };
  if (typeof body === 'string') {
    if (Buffer.byteLength(body) > limit) throw tooLarge();
    for (let i = 0; i < body.length; i += STRING_PIECE) yield strip(body.slice(i, i + STRING_PIECE));
    return;
  }
  if (Buffer.isBuffer(body)) {
    if (body.length > limit) throw tooLarge();
    yield* textPieces(body.toString('utf8'), limit);
    return;
  }
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  for await (const chunk of body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    bytes += buf.length;
    if (bytes > limit) {
      body.destroy();
      throw tooLarge();
    }
    const s = strip(decoder.write(buf));
    if (s) yield s;
  }
  const rest = strip(decoder.end());
  if (rest) yield rest;
}

/**
 * CSV records from text pieces, in batches. Each piece is cut after its last line break that lies
 * outside quotes (quote parity: an escaped quote is written "" so the count stays even), and the
 * complete lines are handed to papaparse's fast synchronous parser; the rest waits for the next piece.
 * The delimiter is guessed once among comma, semicolon and tab. Blank lines are skipped.
 */
export async function* csvBatches(pieces: AsyncIterable<string>): AsyncGenerator<string[][]> {
  let carry = '';
  let quotesInCarry = 0;
  let delimiter: string | undefined;
  const parse = (text: string): string[][] => {
    if (!delimiter)
      delimiter = Papa.parse(text.slice(0, 64 * 1024), { preview: 20, delimitersToGuess: [',', ';', '\t'] }).meta.delimiter || ',';
    // One line ending for the whole file (a hand-edited file may mix CRLF and LF).
    const r = Papa.parse<string[]>(text.replace(/\r\n/g, '\n'), { delimiter, newline: '\n', skipEmptyLines: 'greedy' });
    return r.data;
  };
  for await (const piece of pieces) {
    // find the last newline of the piece preceded (from the start of the carry) by an even number of quotes
    let quotes = quotesInCarry;
    let cut = -1;
    let quotesAtCut = 0;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (c === 34) quotes++;
      else if (c === 10 && (quotes & 1) === 0) {
        cut = i;
        quotesAtCut = quotes;
      }
    }
    if (cut < 0) {
      carry += piece;
      quotesInCarry = quotes;
      continue;
    }
    const text = carry + piece.slice(0, cut + 1);
    carry = piece.slice(cut + 1);
    quotesInCarry = quotes - quotesAtCut;
    const rows = parse(text);
    if (rows.length) yield rows;
  }
  if (carry.trim() !== '') {
    const rows = parse(carry);
    if (rows.length) yield rows;
  }
}

const IN_MEMORY_BYTES = 4 * 1024 * 1024;

/**
 * Reads a request body completely before the import starts — small bodies into memory, larger ones
 * into a temporary file — so a slow upload never holds the import's database transaction open.
 * `cleanup` removes the temporary file.
 */
export async function spoolBody(
  stream: Readable,
  limit = MAX_IMPORT_BYTES,
): Promise<{ body: Buffer | Readable; cleanup: () => Promise<void> }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let file: { path: string; out: fs.WriteStream } | null = null;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      bytes += buf.length;
      if (bytes > limit) {
        stream.destroy();
        throw tooLarge();
      }
      if (!file && bytes > IN_MEMORY_BYTES) {
        const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'nhip-import-'));
        file = { path: path.join(dir, 'body'), out: fs.createWriteStream(path.join(dir, 'body'), { mode: 0o600 }) };
        for (const c of chunks) if (!file.out.write(c)) await once(file.out, 'drain');
        chunks.length = 0;
      }
      if (file) {
        if (!file.out.write(buf)) await once(file.out, 'drain');
      } else chunks.push(buf);
    }
    if (!file) return { body: Buffer.concat(chunks), cleanup: async () => {} };
    const f = file;
    await new Promise<void>((resolve, reject) => f.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return {
      body: fs.createReadStream(f.path, { highWaterMark: 256 * 1024 }),
      cleanup: () => fsp.rm(path.dirname(f.path), { recursive: true, force: true }),
    };
  } catch (err) {
    if (file) {
      file.out.destroy();
      await fsp.rm(path.dirname(file.path), { recursive: true, force: true });
    }
    throw err;
  }
}
