import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVi, compareViFallback, foldDiacritics, normalizeText, searchMatches } from './format.js';

const VI_LETTERS = Array.from('aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ');
const VI_CHARS = [...VI_LETTERS, ...VI_LETTERS.map((c) => c.toUpperCase()), ' ', '1', '9', '-'];
const arbVi = fc.array(fc.constantFrom(...VI_CHARS), { maxLength: 8 }).map((a) => a.join(''));

describe('normalizeText / foldDiacritics / searchMatches', () => {
  it('normalises to NFC and trims', () => {
    const nfd = '  Chuyển đổi số  '.normalize('NFD');
    expect(normalizeText(nfd)).toBe('Chuyển đổi số'.normalize('NFC'));
    expect(normalizeText(nfd).length).toBe(13);
  });

  it('folds diacritics', () => {
    expect(foldDiacritics('Chuyển đổi số')).toBe('chuyen doi so');
    expect(foldDiacritics('ĐẮK LẮK')).toBe('dak lak');
    expect(foldDiacritics('Bưu chính, viễn thông')).toBe('buu chinh, vien thong');
    expect(foldDiacritics('Phát thanh – truyền thanh'.normalize('NFD'))).toBe('phat thanh – truyen thanh');
    fc.assert(
      fc.property(arbVi, (s) => {
        const f = foldDiacritics(s);
        expect(f).toMatch(/^[a-z0-9 -]*$/);
        expect(foldDiacritics(f)).toBe(f);
        expect(foldDiacritics(s.normalize('NFD'))).toBe(f);
      }),
    );
  });

  it('searches ignoring diacritics and case', () => {
    expect(searchMatches('Chuyển đổi số', 'chuyen doi so')).toBe(true);
    expect(searchMatches('Sở Khoa học và Công nghệ', 'khoa cong nghe')).toBe(true);
    expect(searchMatches('Số thôn có Internet băng rộng', 'bang rong cap quang')).toBe(false);
    expect(searchMatches('anything', '  ')).toBe(true);
  });
});

describe('compareVi', () => {
  it('orders Đ after D and before E', () => {
    expect(compareVi('Đ', 'D')).toBe(1);
    expect(compareVi('Đ', 'E')).toBe(-1);
    expect(['Em', 'Đông', 'Dương', 'Anh', 'Ánh', 'Ăn', 'Bình'].sort(compareVi)).toEqual([
      'Anh',
      'Ánh',
      'Ăn',
      'Bình',
      'Dương',
      'Đông',
      'Em',
    ]);
    expect(compareVi('Chuyển đổi số', 'Chuyển đổi số'.normalize('NFD'))).toBe(0);
  });

  it('fallback handles letters, tones and case in Vietnamese order', () => {
    const sorted = ['Zeta', 'ơ', 'ô', 'o', 'mạ', 'má', 'mã', 'mả', 'mà', 'ma', 'Đa', 'dz', 'đa', 'b', 'a', 'A', '2', '1'];
    expect([...sorted].sort(compareViFallback)).toEqual([
      '1', '2', 'a', 'A', 'b', 'dz', 'đa', 'Đa', 'ma', 'mà', 'mả', 'mã', 'má', 'mạ', 'o', 'ô', 'ơ', 'Zeta',
    ]);
  });

  it('fallback agrees with ICU when the runtime has Vietnamese collation', () => {
    const icu = new Intl.Collator('vi');
    if (!icu.resolvedOptions().locale.startsWith('vi')) return;
    fc.assert(
      fc.property(arbVi, arbVi, (a, b) => {
        expect(compareViFallback(a, b)).toBe(Math.sign(icu.compare(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('is a consistent ordering', () => {
    fc.assert(
      fc.property(arbVi, arbVi, arbVi, (a, b, c) => {
        expect(compareVi(a, b)).toBe(-compareVi(b, a) || 0);
        if (compareVi(a, b) <= 0 && compareVi(b, c) <= 0) expect(compareVi(a, c)).toBeLessThanOrEqual(0);
        expect(compareViFallback(a, b)).toBe(-compareViFallback(b, a) || 0);
      }),
    );
  });
});
