import { describe, expect, it } from 'vitest';
import { analyse, matchTerms } from './key.js';
import { checkLexiconRows, createLexicon, type LexiconRow, lexiconVersion } from './lexicon-model.js';
import { DEFAULT_LEXICON_ROWS } from './lexicon.js';

const folded = (text: string, rows?: readonly LexiconRow[]) => analyse(text, rows ? createLexicon(rows) : undefined).tokens.map((t) => t.folded).join(' ');

describe('the default lexicon', () => {
  it('has no problem row (every phrase once, every abbreviation with its long form)', () => {
    expect(checkLexiconRows(DEFAULT_LEXICON_ROWS)).toEqual([]);
  });

  it.each([
    ['CNTT', 'công nghệ thông tin'],
    ['TTHC', 'thủ tục hành chính'],
    ['ATTT', 'an toàn thông tin'],
    ['trạm BTS', 'trạm thu phát sóng'],
    ['BTS', 'trạm gốc'],
    ['Trung tâm VH-TT-TT', 'Trung tâm Văn hóa, Thể thao và Truyền thông'],
    ['DVC', 'dịch vụ công'],
    ['DVCTT', 'dịch vụ công trực tuyến'],
    ['DVC trực tuyến', 'dịch vụ công trực tuyến'],
    ['CĐS', 'chuyển đổi số'],
    ['TTCS', 'thông tin cơ sở'],
    ['BC-VT', 'bưu chính viễn thông'],
    ['Sở TT&TT', 'Sở Thông tin và Truyền thông'],
    ['HTX', 'hợp tác xã'],
    ['sàn TMĐT', 'sàn thương mại điện tử'],
  ])('reads the abbreviation %s and the words "%s" alike, both ways', (short, long) => {
    expect(folded(short)).toBe(folded(long));
    expect(folded(short).length).toBeGreaterThan(0);
  });

  it('reads an abbreviation typed without diacritics or in lower case alike', () => {
    expect(folded('CĐS')).toBe(folded('cds'));
    expect(folded('cong nghe thong tin')).toBe('cntt');
  });

  it.each([
    ['kinh phí', 'ngân sách'],
    ['kinh phí', 'nguồn vốn'],
    ['xuống cấp', 'hư hỏng'],
    ['cụm loa', 'loa'],
    ['phụ cấp', 'chế độ bồi dưỡng'],
    ['tập huấn', 'bồi dưỡng'],
    ['máy quét', 'máy scan'],
    ['nhiễu sóng', 'bị nhiễu'],
  ])('reads the synonyms "%s" and "%s" alike', (a, b) => {
    expect(folded(a)).toBe(folded(b));
  });

  it('takes the longest phrase first: "chế độ bồi dưỡng" is an allowance, "bồi dưỡng" alone is training', () => {
    expect(folded('chế độ bồi dưỡng')).toBe('phu cap');
    expect(folded('bồi dưỡng')).toBe('tap huan');
  });

  it('drops stop words, and the names of the units that raise points', () => {
    expect(folded('Đề nghị Sở quan tâm các cụm loa của tỉnh')).toBe('loa');
    expect(folded('Phòng VH&TT huyện đề nghị hỗ trợ kinh phí')).toBe(folded('UBND xã kiến nghị hỗ trợ kinh phí'));
  });

  it('applies an exact row only with its diacritics: "sở" goes, "số" stays; "nhiều" goes, "nhiễu" is noise on the line', () => {
    expect(folded('Sở số hóa')).toBe('so hoa');
    expect(folded('nhiều cụm loa bị nhiễu')).toBe('loa nhieu song');
    expect(folded('cơ sở')).toBe('co so');
  });

  it('never applies an exact row to a text typed without diacritics', () => {
    expect(folded('so so hoa')).toBe('so so hoa');
    expect(folded('nhieu cum loa')).toBe('nhieu loa');
  });

  it('marks the generic words of a request and leaves them out of the stored terms', () => {
    const tokens = analyse('Thiếu kinh phí sửa chữa cụm loa').tokens;
    expect(tokens.filter((t) => t.generic).map((t) => t.folded)).toEqual(['thieu', 'kinh', 'phi']);
    expect(matchTerms('Thiếu kinh phí sửa chữa cụm loa')).toEqual(['sua', 'chua', 'loa']);
  });
});

describe('rows from the database', () => {
  const rows: LexiconRow[] = [
    { kind: 'abbreviation', term: 'TTVH', variants: ['trung tâm văn hóa'] },
    { kind: 'synonym', term: 'loa', variants: ['cụm loa', 'loa phóng thanh'] },
    { kind: 'stop', term: 'kính đề nghị', variants: [] },
  ];

  it('compiles an edited list and uses it', () => {
    expect(folded('Kính đề nghị sửa loa phóng thanh của Trung tâm Văn hóa', rows)).toBe('sua loa cua ttvh');
  });

  it('changes the version whenever a row changes, and only then', () => {
    const v = lexiconVersion(rows);
    expect(lexiconVersion(rows.map((r) => ({ ...r })))).toBe(v);
    expect(lexiconVersion([...rows, { kind: 'stop', term: 'thưa', variants: [] }])).not.toBe(v);
    expect(lexiconVersion([{ ...rows[0], exact: true }, ...rows.slice(1)])).not.toBe(v);
    expect(createLexicon(rows).version).toBe(v);
  });

  it('says in Vietnamese what is wrong with a row, and skips that row', () => {
    const bad: LexiconRow[] = [
      { kind: 'synonym', term: 'loa', variants: ['cụm loa', 'Cụm  loa'] },
      { kind: 'abbreviation', term: 'CNTT', variants: [] },
      { kind: 'synonym', term: ' ; ', variants: ['x'] },
      { kind: 'bogus' as never, term: 'a', variants: [] },
      { kind: 'synonym', term: 'cụm loa', variants: ['hệ thống loa'] },
      { kind: 'stop', term: 'các', variants: [''], generic: true },
    ];
    const problems = checkLexiconRows(bad);
    expect(problems.map((p) => p.row)).toEqual([0, 1, 2, 3, 4, 5, 5]);
    expect(problems[0].message).toBe('Dòng 1: "Cụm  loa" được ghi hai lần.');
    expect(problems[1].message).toBe('Dòng 2: từ viết tắt "CNTT" cần ít nhất một cách viết đầy đủ.');
    expect(problems[2].message).toContain('Dòng 3: thuật ngữ không được để trống');
    expect(problems[3].message).toContain('Dòng 4: loại "bogus" không hợp lệ');
    expect(problems[4].message).toBe('Dòng 5: "cụm loa" đã có ở dòng 1; mỗi cụm từ chỉ thuộc một dòng.');
    expect(problems[5].message).toContain('không thể đồng thời là từ chung');
    expect(problems[6].message).toContain('cách viết trống');
  });

  it('skips a row with a problem and keeps the others', () => {
    const rows2: LexiconRow[] = [
      { kind: 'synonym', term: 'loa', variants: ['cụm loa'] },
      { kind: 'synonym', term: 'hệ thống loa', variants: ['cụm loa'] },
    ];
    expect(checkLexiconRows(rows2).map((p) => p.row)).toEqual([1]);
    expect(folded('hệ thống loa, cụm loa', rows2)).toBe('he thong loa loa');
  });
});
