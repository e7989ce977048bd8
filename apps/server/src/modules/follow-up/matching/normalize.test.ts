import { describe, expect, it } from 'vitest';
import { analyse, matchTerms } from './key.js';
import { accentKey, fold, isNoise, tokenize } from './normalize.js';

const folded = (text: string) => analyse(text).tokens.map((t) => t.folded);

describe('tokenize', () => {
  it('splits syllables on spaces and punctuation, folds diacritics and đ, keeps the accented form', () => {
    const t = tokenize('Chuyển đổi số, VH-TT-TT; TT&TT (Đắk Lắk)');
    expect(t.folded).toEqual(['chuyen', 'doi', 'so', 'vh', 'tt', 'tt', 'tt', 'tt', 'dak', 'lak']);
    expect(t.accented.slice(0, 3)).toEqual(['chuyển', 'đổi', 'số']);
    expect(t.unaccented).toBe(false);
  });

  it('brings decomposed (NFD) input to the same tokens as composed input', () => {
    const nfd = 'Thiết bị hư hỏng'.normalize('NFD');
    expect(tokenize(nfd).folded).toEqual(tokenize('Thiết bị hư hỏng').folded);
    expect(tokenize(nfd).accented).toEqual(tokenize('Thiết bị hư hỏng').accented);
  });

  it('tells a text typed without diacritics', () => {
    expect(tokenize('thieu can bo cntt o xa').unaccented).toBe(true);
    expect(tokenize('Thiếu cán bộ CNTT').unaccented).toBe(false);
    expect(tokenize('').unaccented).toBe(false);
  });
});

describe('accentKey', () => {
  it('compares old and new tone placement alike, and tells apart words that differ only by diacritics', () => {
    expect(accentKey('qúy')).toBe(accentKey('quý'));
    expect(accentKey('hoá')).toBe(accentKey('hóa'));
    expect(accentKey('thuỷ')).toBe(accentKey('thủy'));
    expect(accentKey('sở')).not.toBe(accentKey('số'));
    expect(accentKey('đa')).not.toBe(accentKey('da'));
    expect(fold('Đường')).toBe('duong');
  });
});

describe('isNoise', () => {
  it('drops numbers, single letters and the Roman numerals of quarters', () => {
    expect(['12', '2025', 'a', 'ii', 'iv'].every(isNoise)).toBe(true);
    expect(['4g', 'bts', 'vi', 'loa'].some(isNoise)).toBe(false);
  });
});

describe('analyse', () => {
  it('ignores diacritics, case, word order and figures when comparing terms', () => {
    const a = new Set(matchTerms('Còn 12 thôn chưa có cáp quang'));
    const b = new Set(matchTerms('CÁP QUANG: thôn chưa có (còn 9)'));
    expect(a).toEqual(b);
    expect(new Set(matchTerms('con 12 thon chua co cap quang'))).toEqual(new Set([...a, 'co']));
  });

  it('keeps a text typed without diacritics close to its accented twin', () => {
    expect(folded('thieu kinh phi sua chua cum loa truyen thanh')).toEqual(folded('Thiếu kinh phí sửa chữa cụm loa truyền thanh'));
  });

  it('returns nothing for a text with no words', () => {
    expect(analyse(' ,;- 2025 ').tokens).toEqual([]);
    expect(matchTerms('')).toEqual([]);
  });
});
