import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compareVi, compareViFallback, foldDiacritics, normalizeText, searchMatches } from './format.js';
import { checkText, codePointLabel, findControlChar, isMultilineText, multilineText, printableName, typedText } from './text.js';

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

describe('checkText: the text boundary', () => {
  const NFD = 'Chuyển đổi số'.normalize('NFD');
  // [input, multiline, refused code point (null: accepted), why]
  const cases: [string, boolean, number | null, string][] = [
    ['Sở Khoa học và Công nghệ', false, null, 'Vietnamese text'],
    ['', false, null, 'empty'],
    ['Đội 🚀 nhóm 👩‍👩‍👧', false, null, 'emoji, joiners included'],
    ['a\u00a0b\u00a0c', false, null, 'no-break space is not a control'],
    ['\u00a0\u00ff\u0100', false, null, 'just above C1'],
    ['~\u007e', false, null, 'just below DEL'],
    ['\u0000', false, 0x00, 'NUL'],
    ['abc\u0000', true, 0x00, 'NUL even in a multi-line field'],
    ['a\u0001b', false, 0x01, 'SOH'],
    ['a\u0008', true, 0x08, 'backspace'],
    ['a\u000bb', true, 0x0b, 'vertical tab is not a line break'],
    ['a\u000cb', true, 0x0c, 'form feed'],
    ['a\u001b[31m', false, 0x1b, 'ESC (terminal colours)'],
    ['a\u001f', false, 0x1f, 'last C0'],
    ['a\u007f', true, 0x7f, 'DEL'],
    ['a\u0080', false, 0x80, 'first C1'],
    ['a\u0085b', true, 0x85, 'NEL is C1, not a line break here'],
    ['a\u009f', false, 0x9f, 'last C1'],
    ['a\tb', false, 0x09, 'tab in a one-line field'],
    ['a\nb', false, 0x0a, 'line feed in a one-line field'],
    ['a\r\nb', false, 0x0d, 'carriage return in a one-line field'],
    ['Dòng 1\r\nDòng 2\n\tgạch đầu dòng', true, null, 'line breaks and tab in a multi-line field'],
    ['a\ud800b', false, 0xd800, 'a lone high surrogate'],
    ['\udfff', true, 0xdfff, 'a lone low surrogate'],
    ['😀\ud83d', false, 0xd83d, 'a pair cut in half at the end'],
    ['\ude00\ud83d', false, 0xde00, 'a pair in the wrong order'],
    ['\ud83d\ude00\u{10ffff}', false, null, 'whole pairs, up to the last code point'],
  ];
  it.each(cases)('%j (multiline %s) → %s: %s', (input, multiline, refused) => {
    const r = checkText(input, { multiline });
    if (refused === null) {
      expect(r).toEqual({ ok: true, text: input.normalize('NFC') });
      expect(findControlChar(input, { multiline })).toBeNull();
    } else {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problem.codePoint).toBe(refused);
      expect(input.charCodeAt(r.problem.index)).toBe(refused);
      expect(r.reason).toContain(codePointLabel(refused));
      expect(r.reason).toMatch(refused === 0x09 || refused === 0x0a || refused === 0x0d ? /xuống dòng/ : refused >= 0xd800 ? /Unicode không hợp lệ/ : /ký tự điều khiển/);
    }
  });

  it('normalises to NFC without trimming', () => {
    expect(checkText(`  ${NFD}  `)).toEqual({ ok: true, text: `  ${'Chuyển đổi số'.normalize('NFC')}  ` });
  });

  it('accepts every string without controls, refuses every string with one', () => {
    const control = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), control, fc.nat(), (s, c, at) => {
        const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/g, '');
        expect(checkText(clean).ok).toBe(true);
        const i = at % (clean.length + 1);
        const dirty = clean.slice(0, i) + c + clean.slice(i);
        const r = checkText(dirty, { multiline: false });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problem.index).toBe(i);
      }),
    );
  });

  it('turns what a text area receives from a paste into text the boundary accepts', () => {
    expect(typedText('Dòng 1\u000bDòng 2\u2029Đoạn 2\r\n\t- ý\u0000 chính\u0007 😀\ud800')).toBe('Dòng 1\nDòng 2\nĐoạn 2\r\n\t- ý chính 😀');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(checkText(typedText(s), { multiline: true }).ok).toBe(true);
      }),
    );
  });

  it('labels code points and prints names with controls escaped', () => {
    expect(codePointLabel(0)).toBe('U+0000');
    expect(codePointLabel(0x9f)).toBe('U+009F');
    expect(printableName('na\u0000me')).toBe('na\\u0000me');
  });

  it('marks multi-line string schemas, through refinements and wrappers', () => {
    expect(isMultilineText(multilineText())).toBe(true);
    expect(isMultilineText(multilineText({ error: 'phải là chuỗi' }).max(10).min(1))).toBe(true);
    expect(isMultilineText(z.string().max(10))).toBe(false);
    expect(z.toJSONSchema(z.object({ note: multilineText().max(5) })).properties?.note).toMatchObject({ 'x-multiline': true, maxLength: 5 });
  });
});
