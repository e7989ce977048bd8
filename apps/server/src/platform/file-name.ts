/**
 * The name of an uploaded file as Nhịp stores and later offers it for download. A browser or script sends
 * whatever it likes; what is kept is a plain file name that every system can save.
 */

/** Longest stored name in UTF-8 bytes: under the 255 of ext4 and NTFS, with room for " (1)" a browser adds. */
export const MAX_FILE_NAME_BYTES = 200;
/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Keeps the last path part only (`../../etc/passwd` → `passwd`, `C:\Users\a\Báo cáo.pdf` → `Báo cáo.pdf`), in NFC;
 * removes C0 and C1 control characters, zero-width and bidirectional marks (which can hide or reverse an
 * extension: "hồ sơ\u202Efdp.exe"), and the characters Windows refuses (" < > | : * ?); drops leading dots (no
 * hidden file, no ".."), trailing dots and spaces; prefixes a device name (CON, NUL…) with "_"; and shortens a
 * long name to MAX_FILE_NAME_BYTES, keeping its extension and whole characters. Vietnamese letters are kept.
 * May return '' (the caller then supplies a name).
 */
export function cleanFileName(name: string): string {
  let base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  base = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, '')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/["<>|:*?]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  if (RESERVED.test(stem.trim())) base = `_${base}`;
  if (utf8Bytes(base) <= MAX_FILE_NAME_BYTES) return base;
  const at = base.lastIndexOf('.');
  const ext = at > 0 && base.length - at <= 10 ? base.slice(at) : '';
  const room = MAX_FILE_NAME_BYTES - utf8Bytes(ext);
  let kept = '';
  for (const ch of base.slice(0, base.length - ext.length)) {
    if (utf8Bytes(kept) + utf8Bytes(ch) > room) break;
    kept += ch;
  }
  return kept.replace(/[.\s]+$/, '') + ext;
}
