/**
 * The gate an uploaded .xlsx passes before any spreadsheet library sees it.
 *
 * An .xlsx is a ZIP archive. A hostile or broken ZIP can make a parser read gigabytes (a "zip bomb":
 * a few kilobytes that inflate to gigabytes, or a central directory that lies about sizes). So we read
 * the ZIP central directory ourselves, refuse archives whose declared sizes, ratios or entry counts are
 * abnormal, and then inflate every entry with a hard output cap to prove the declared sizes are true.
 * Only then may exceljs open the buffer.
 */
import zlib from 'node:zlib';
import { AppError } from '../../platform/errors.js';

const MB = 1024 * 1024;

export const ZIP_LIMITS = {
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalUncompressed: 100 * MB,
  /** Entries of the archive (an Excel template has about 15). */
  maxEntries: 2000,
  /** An entry inflating more than this many times its compressed size … */
  maxRatio: 200,
  /** … is refused when it is also larger than this. */
  ratioMinSize: 10 * MB,
} as const;
export type ZipLimits = { [K in keyof typeof ZIP_LIMITS]: number };

export const MSG = {
  empty: 'Tệp tải lên rỗng (0 byte), không có dữ liệu để nhập.',
  notXlsx: 'Tệp không phải bảng tính Excel (.xlsx).',
  oldXls: 'Tệp không phải bảng tính Excel (.xlsx): đây là định dạng Excel 97–2003 (.xls). Hãy mở tệp bằng Excel, chọn "Lưu thành" kiểu Excel Workbook (.xlsx) rồi tải lên lại.',
  encrypted: 'Tệp không phải bảng tính Excel (.xlsx) có thể đọc được: tệp đang được đặt mật khẩu mở tệp. Hãy gỡ mật khẩu rồi tải lên lại.',
  bomb: 'Tệp Excel bất thường (có thể là tệp nén độc hại), không thể đọc.',
  corrupt: 'Tệp Excel bị hỏng, không đọc được.',
} as const;

export const notXlsx = (message: string = MSG.notXlsx) => new AppError(415, 'not_xlsx', message);
export const suspicious = () => new AppError(400, 'suspicious_file', MSG.bomb);
export const corrupt = () => new AppError(400, 'corrupt_file', MSG.corrupt);

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
};

/** A structural fault of the archive (not an attack, just broken). */
export class ZipFormatError extends Error {}
/** The archive is over a limit. */
export class ZipLimitError extends Error {}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

export type FileKind = 'zip' | 'ole' | 'ole-encrypted' | 'other';

/** What the first bytes say the file is. OLE (D0 CF 11 E0) is .xls, or an .xlsx encrypted with a password. */
export function sniff(buf: Buffer): FileKind {
  if (buf.length >= 4 && buf.readUInt32LE(0) === SIG_LOCAL) return 'zip';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return buf.includes(Buffer.from('EncryptedPackage', 'utf16le')) ? 'ole-encrypted' : 'ole';
  }
  return 'other';
}

const u64 = (buf: Buffer, at: number) => Number(buf.readBigUInt64LE(at));

function need(buf: Buffer, at: number, len: number) {
  if (at < 0 || at + len > buf.length) throw new ZipFormatError(`truncated at ${at}`);
}

function findEocd(buf: Buffer): number {
  const last = buf.length - 22;
  const first = Math.max(0, last - U16_MAX);
  for (let i = last; i >= first; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) return i;
  }
  throw new ZipFormatError('no end of central directory');
}

/** Where the central directory is and how many entries it claims, following ZIP64 records when present. */
function directoryBounds(buf: Buffer): { offset: number; size: number; count: number } {
  const eocd = findEocd(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    const loc = eocd - 20;
    need(buf, loc, 20);
    if (buf.readUInt32LE(loc) !== SIG_ZIP64_LOCATOR) throw new ZipFormatError('zip64 locator missing');
    const rec = u64(buf, loc + 8);
    need(buf, rec, 56);
    if (buf.readUInt32LE(rec) !== SIG_ZIP64_EOCD) throw new ZipFormatError('zip64 record missing');
    count = u64(buf, rec + 32);
    size = u64(buf, rec + 40);
    offset = u64(buf, rec + 48);
  }
  need(buf, offset, size);
  return { offset, size, count };
}

/** ZIP64 extended information: the 64-bit sizes/offset that the 32-bit fields marked 0xFFFFFFFF. */
function applyZip64(extra: Buffer, e: ZipEntry) {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    const body = extra.subarray(p + 4, p + 4 + len);
    if (id === 0x0001) {
      let q = 0;
      const next = () => {
        if (q + 8 > body.length) throw new ZipFormatError('zip64 field short');
        const v = u64(body, q);
        q += 8;
        return v;
      };
      if (e.uncompressedSize === U32_MAX) e.uncompressedSize = next();
      if (e.compressedSize === U32_MAX) e.compressedSize = next();
      if (e.localOffset === U32_MAX) e.localOffset = next();
      return;
    }
    p += 4 + len;
  }
  if (e.uncompressedSize === U32_MAX || e.compressedSize === U32_MAX || e.localOffset === U32_MAX) throw new ZipFormatError('zip64 field missing');
}

/**
 * The entries listed in the central directory. Stops with ZipLimitError as soon as there are more than
 * `maxEntries`, so a directory of a million entries costs nothing.
 */
export function readCentralDirectory(buf: Buffer, maxEntries: number = ZIP_LIMITS.maxEntries): ZipEntry[] {
  if (buf.length < 22) throw new ZipFormatError('too short');
  const { offset, size, count } = directoryBounds(buf);
  if (count > maxEntries) throw new ZipLimitError(`${count} entries`);
  const entries: ZipEntry[] = [];
  const end = offset + size;
  let p = offset;
  while (p < end) {
    need(buf, p, 46);
    if (buf.readUInt32LE(p) !== SIG_CENTRAL) throw new ZipFormatError(`bad central header at ${p}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    need(buf, p + 46, nameLen + extraLen + commentLen);
    const flags = buf.readUInt16LE(p + 8);
    const e: ZipEntry = {
      name: buf.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1').replace(/^\/+/, ''),
      method: buf.readUInt16LE(p + 10),
      flags,
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    applyZip64(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), e);
    entries.push(e);
    if (entries.length > maxEntries) throw new ZipLimitError(`more than ${maxEntries} entries`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (entries.length === 0) throw new ZipFormatError('empty archive');
  return entries;
}

/** Which declared limit the directory breaks, or null. */
export function declaredLimitBroken(entries: ZipEntry[], limits: ZipLimits = ZIP_LIMITS): string | null {
  if (entries.length > limits.maxEntries) return `${entries.length} entries`;
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (total > limits.maxTotalUncompressed) return `total uncompressed ${total}`;
    if (e.uncompressedSize > limits.ratioMinSize && e.uncompressedSize / Math.max(e.compressedSize, 1) > limits.maxRatio)
      return `${e.name}: ratio ${Math.round(e.uncompressedSize / Math.max(e.compressedSize, 1))}`;
  }
  return null;
}

/** The compressed bytes of an entry, located through its local header. */
function entryData(buf: Buffer, e: ZipEntry): Buffer {
  need(buf, e.localOffset, 30);
  if (buf.readUInt32LE(e.localOffset) !== SIG_LOCAL) throw new ZipFormatError(`bad local header for ${e.name}`);
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  need(buf, start, e.compressedSize);
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * Inflates every entry with its output capped at the declared size: an entry that inflates to more than
 * it declared is a lying directory (ZipLimitError); one that fails or inflates to less is broken.
 */
export function verifyDeclaredSizes(buf: Buffer, entries: ZipEntry[]): void {
  for (const e of entries) {
    if (e.flags & 0x1) throw new ZipFormatError(`${e.name} is encrypted`);
    const data = entryData(buf, e);
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw new ZipFormatError(`${e.name}: stored size mismatch`);
      continue;
    }
    if (e.method !== 8) throw new ZipFormatError(`${e.name}: compression method ${e.method}`);
    let out: Buffer;
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new ZipLimitError(`${e.name} inflates past its declared size`);
      throw new ZipFormatError(`${e.name}: ${(err as Error).message}`);
    }
    if (out.length !== e.uncompressedSize) throw new ZipFormatError(`${e.name}: inflated ${out.length}, declared ${e.uncompressedSize}`);
  }
}

/**
 * Everything an uploaded buffer must pass before exceljs opens it. Throws the AppError to answer with:
 * 400 empty, 415 not an .xlsx (by content, whatever its name), 400 abnormal archive, 400 broken archive.
 */
export function guardXlsx(buf: Buffer, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  if (buf.length === 0) throw new AppError(400, 'empty_file', MSG.empty);
  const kind = sniff(buf);
  if (kind === 'ole') throw notXlsx(MSG.oldXls);
  if (kind === 'ole-encrypted') throw notXlsx(MSG.encrypted);
  if (kind !== 'zip') throw notXlsx();
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(buf, limits.maxEntries);
  } catch (err) {
    if (err instanceof ZipLimitError) throw suspicious();
    throw corrupt();
  }
  if (declaredLimitBroken(entries, limits)) throw suspicious();
  const names = new Set(entries.map((e) => e.name));
  // A ZIP that is not a spreadsheet (a .docx, an .odt, an archive renamed .xlsx) is the wrong type, not a broken file.
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw notXlsx();
  try {
    verifyDeclaredSizes(buf, entries);
  } catch (err) {
    if (err instanceof ZipLimitError) throw suspicious();
    throw corrupt();
  }
  return entries;
}
