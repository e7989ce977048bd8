import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_BYTES, cleanFileName } from './file-name.js';

describe('cleanFileName', () => {
  const cases: [string, string, string][] = [
    ['plain Vietnamese', 'Báo cáo quý IV.pdf', 'Báo cáo quý IV.pdf'],
    ['decomposed to NFC', 'Ba\u0301o ca\u0301o.pdf', 'Báo cáo.pdf'],
    ['Unix path parts', '../../etc/Tờ trình.pdf', 'Tờ trình.pdf'],
    ['Windows path', 'C:\\Users\\Văn phòng\\Desktop\\Tờ trình.docx', 'Tờ trình.docx'],
    ['mixed separators', 'a/b\\..\\c.pdf', 'c.pdf'],
    ['dot-dot alone', '..', ''],
    ['hidden file', '.bashrc', 'bashrc'],
    ['trailing dots and spaces', 'báo cáo.pdf. . ', 'báo cáo.pdf'],
    ['C0 controls', 'a\u0000b\u0007c\td\r\ne.pdf', 'abcde.pdf'],
    ['DEL and C1 controls', 'a\u007fb\u0085c\u009f.pdf', 'abc.pdf'],
    ['right-to-left override hiding .exe', 'hồ sơ\u202Efdp.exe', 'hồ sơfdp.exe'],
    ['zero-width and BOM', '\uFEFFbáo\u200Bcáo.pdf', 'báocáo.pdf'],
    ['characters Windows refuses', 'a<b>c:d"e|f?g*h.pdf', 'abcdefgh.pdf'],
    ['runs of spaces', '  Báo   cáo   .pdf', 'Báo cáo .pdf'],
    ['device name', 'CON.pdf', '_CON.pdf'],
    ['device name without extension', 'nul', '_nul'],
    ['not a device name', 'console.pdf', 'console.pdf'],
  ];
  it.each(cases)('%s', (_what, input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
  });

  it('shortens a long name to whole characters within the byte limit, keeping the extension', () => {
    const long = `${'Báo cáo tổng hợp kết quả thực hiện nhiệm vụ '.repeat(10)}.docx`;
    const name = cleanFileName(long);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(Buffer.byteLength(name)).toBeGreaterThan(MAX_FILE_NAME_BYTES - 4);
    expect(name.endsWith('.docx')).toBe(true);
    expect(name.startsWith('Báo cáo tổng hợp')).toBe(true);
    expect(name).toBe(name.normalize('NFC'));
    expect(name).not.toContain('\uFFFD');
    // no emoji split in half
    const emoji = cleanFileName(`${'😀'.repeat(100)}.pdf`);
    expect(emoji).toBe(`${'😀'.repeat((MAX_FILE_NAME_BYTES - 4) / 4)}.pdf`);
  });

  it('keeps a long name without extension whole-charactered, and an over-long "extension" is not one', () => {
    const name = cleanFileName(`${'ệ'.repeat(100)}.${'x'.repeat(20)}`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(name).toBe('ệ'.repeat(66));
  });
});
