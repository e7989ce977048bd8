import { describe, expect, it } from 'vitest';
import {
  type FigureFacts, figureSentence, joinOpeners, markedFields, markedParts, parsePattern, patternProblem, sectorSentences, unmark,
} from './figure-sentences.js';

const base: FigureFacts = {
  code: 'X', kind: 'de', name: 'Số vị trí trạm thu phát sóng di động (BTS)', uom: 'vị trí', valueType: 'INTEGER', aggregationType: 'LAST',
  better: 'higher', pattern: null, decimals: 0, current: 1466, previous: 1332, lastYear: 1332, target: null,
};
const fig = (o: Partial<FigureFacts>): FigureFacts => ({ ...base, ...o });
const YEAR = { period: '2025' };
const QUARTER = { period: '2025Q3' };

const ratio = fig({
  code: 'TL_THON_CAPQUANG', kind: 'ind', name: 'Tỷ lệ thôn, bản, tổ dân phố có Internet băng rộng cáp quang', uom: '%', valueType: null,
  aggregationType: null, decimals: 1, current: 94.2874, previous: 91.2, lastYear: 91.2,
  numerator: { code: 'THON_CAPQUANG', name: 'Số thôn, bản, tổ dân phố có Internet băng rộng cáp quang', value: 1634 },
  denominator: { code: 'THON_TONG', name: 'Tổng số thôn, bản, tổ dân phố', value: 1733 },
});
const revenue = fig({
  code: 'BC_DOANHTHU', name: 'Doanh thu dịch vụ bưu chính', uom: 'triệu đồng', valueType: 'NUMBER', aggregationType: 'SUM',
  current: 155399, previous: 143093, lastYear: 143093,
});
const incidents = fig({ code: 'ATTT_SUCO', name: 'Số sự cố an toàn thông tin mạng được ghi nhận', uom: 'sự cố', aggregationType: 'SUM', better: 'lower', current: 21, lastYear: 24, previous: 24 });

describe('figure sentences: the defaults by kind, in the seeds\' voice', () => {
  it.each<[string, FigureFacts, { period: string }, string | null]>([
    ['stock, with its absolute change', base, YEAR, 'Toàn tỉnh có 1.466 vị trí trạm thu phát sóng di động (BTS), tăng 134 vị trí so với năm 2024.'],
    ['stock, no figure last year', fig({ lastYear: null }), YEAR, 'Toàn tỉnh có 1.466 vị trí trạm thu phát sóng di động (BTS).'],
    ['stock, unchanged', fig({ lastYear: 1466 }), YEAR, 'Toàn tỉnh có 1.466 vị trí trạm thu phát sóng di động (BTS), tương đương năm 2024.'],
    ['flow with its change', revenue, YEAR, 'Doanh thu dịch vụ bưu chính đạt 155.399 triệu đồng, tăng 8,6% so với năm 2024.'],
    ['flow in a quarter: against the same quarter last year', revenue, QUARTER, 'Doanh thu dịch vụ bưu chính đạt 155.399 triệu đồng, tăng 8,6% so với cùng kỳ năm 2024.'],
    ['flow that fell (more is better): no praise, no blame', fig({ ...revenue, current: 130000 }), YEAR, 'Doanh thu dịch vụ bưu chính đạt 130.000 triệu đồng, giảm 9,1% so với năm 2024.'],
    ['flow, last year zero: no percent', fig({ ...revenue, lastYear: 0 }), YEAR, 'Doanh thu dịch vụ bưu chính đạt 155.399 triệu đồng.'],
    ['ratio as numerator/denominator and percent', ratio, YEAR,
      'Toàn tỉnh có 1.634/1.733 thôn, bản, tổ dân phố có Internet băng rộng cáp quang, đạt 94,3%, tăng 3,1 điểm phần trăm so với năm 2024.'],
    ['ratio without its parts', fig({ ...ratio, numerator: null }), YEAR,
      'Tỷ lệ thôn, bản, tổ dân phố có Internet băng rộng cáp quang đạt 94,3%, tăng 3,1 điểm phần trăm so với năm 2024.'],
    ['an amount named like a count is said as an amount, not a number of things',
      fig({ ...revenue, code: 'DN_NOPNS', name: 'Số nộp ngân sách nhà nước', current: 101799, lastYear: 95000 }), YEAR,
      'Nộp ngân sách nhà nước đạt 101.799 triệu đồng, tăng 7,2% so với năm 2024.'],
    ['target exceeded', fig({ ...revenue, target: 151757 }), YEAR,
      'Doanh thu dịch vụ bưu chính đạt 155.399 triệu đồng, tăng 8,6% so với năm 2024, vượt kế hoạch năm (102,4%).'],
    ['target not reached', fig({ ...revenue, target: 161705 }), YEAR,
      'Doanh thu dịch vụ bưu chính đạt 155.399 triệu đồng, tăng 8,6% so với năm 2024, đạt 96,1% kế hoạch năm.'],
    ['target met exactly', fig({ ...revenue, target: 155399 }), YEAR,
      'Doanh thu dịch vụ bưu chính đạt 155.399 triệu đồng, tăng 8,6% so với năm 2024, hoàn thành kế hoạch năm.'],
    ['less is better, a fall: an improvement', incidents, YEAR,
      'Trong năm có 21 sự cố an toàn thông tin mạng được ghi nhận, giảm 12,5% so với năm 2024, là chuyển biến tích cực.'],
    ['less is better, a rise: to be remedied', fig({ ...incidents, current: 27 }), YEAR,
      'Trong năm có 27 sự cố an toàn thông tin mạng được ghi nhận, tăng 12,5% so với năm 2024, cần tập trung khắc phục.'],
    ['less is better, a target is a ceiling kept', fig({ ...incidents, target: 27 }), YEAR,
      'Trong năm có 21 sự cố an toàn thông tin mạng được ghi nhận, giảm 12,5% so với năm 2024, là chuyển biến tích cực, trong mức kế hoạch năm (không quá 27 sự cố).'],
    ['less is better, a ceiling passed', fig({ ...incidents, current: 30, target: 27 }), YEAR,
      'Trong năm có 30 sự cố an toàn thông tin mạng được ghi nhận, tăng 25% so với năm 2024, cần tập trung khắc phục, vượt mức tối đa của kế hoạch năm (27 sự cố).'],
    ['less is better, a share that fell by points', fig({ ...ratio, code: 'TL_CUMLOA_HONG', name: 'Tỷ lệ cụm loa hư hỏng, xuống cấp', better: 'lower', numerator: null, current: 8.24, lastYear: 9.7 }), YEAR,
      'Tỷ lệ cụm loa hư hỏng, xuống cấp là 8,2%, giảm 1,5 điểm phần trăm so với năm 2024, là chuyển biến tích cực.'],
    ['a stock that does not count things', fig({ name: 'Chiều dài tuyến cáp quang', uom: 'km', valueType: 'NUMBER', decimals: 2, current: 52340.5, lastYear: 50000 }), YEAR,
      'Chiều dài tuyến cáp quang đạt 52.340,5 km, tăng 4,7% so với năm 2024.'],
    ['a flow that counts things, in a quarter', fig({ ...incidents, better: 'higher', name: 'Số lượt truy cập Cổng thông tin điện tử tỉnh', uom: 'lượt', current: 667814, lastYear: 544791 }), QUARTER,
      'Trong quý có 667.814 lượt truy cập Cổng thông tin điện tử tỉnh, tăng 22,6% so với cùng kỳ năm 2024.'],
    ['a share against its planned share: not a percent of a percent', fig({ ...ratio, current: 89, lastYear: 73.4, target: 100 }), YEAR,
      'Toàn tỉnh có 1.634/1.733 thôn, bản, tổ dân phố có Internet băng rộng cáp quang, đạt 89%, tăng 15,6 điểm phần trăm so với năm 2024, chưa đạt kế hoạch năm đề ra (100%).'],
    ['a share above its planned share', fig({ ...ratio, target: 90 }), YEAR,
      'Toàn tỉnh có 1.634/1.733 thôn, bản, tổ dân phố có Internet băng rộng cáp quang, đạt 94,3%, tăng 3,1 điểm phần trăm so với năm 2024, vượt kế hoạch năm đề ra (90%).'],
    ['no current figure: nothing said', fig({ current: null }), YEAR, null],
  ])('%s', (_, f, ctx, want) => {
    expect(figureSentence(f, ctx)).toBe(want);
  });
});

describe('figure sentences: the office\'s own patterns', () => {
  it.each<[string, FigureFacts, string | null]>([
    ['named slots', fig({ pattern: 'Toàn tỉnh có {value} {uom} trạm BTS' }), 'Toàn tỉnh có 1.466 vị trí trạm BTS.'],
    ['an optional part with a value', fig({ ...revenue, pattern: '{name} đạt {value} {uom}[, {change}]' }),
      'Doanh thu dịch vụ bưu chính đạt 155.399 triệu đồng, tăng 8,6% so với năm 2024.'],
    ['an optional part without one is left out', fig({ ...revenue, lastYear: null, pattern: '{name} đạt {value} {uom}[, {change}]' }),
      'Doanh thu dịch vụ bưu chính đạt 155.399 triệu đồng.'],
    ['a required slot without a value drops the sentence', fig({ ...revenue, pattern: '{name} đạt {achieved} kế hoạch' }), null],
    ['target, previous and last year slots', fig({ ...revenue, target: 160000, pattern: 'Năm nay {value}, năm trước {lastYear}, kế hoạch {target} ({achieved})' }),
      'Năm nay 155.399, năm trước 143.093, kế hoạch 160.000 (97,1%).'],
    ['the comparison label and changePct', fig({ ...revenue, pattern: 'Tăng {changePct} so với {previousLabel}.' }), 'Tăng 8,6% so với năm 2024.'],
  ])('%s', (_, f, want) => {
    expect(figureSentence(f, YEAR)).toBe(want);
  });

  it.each<[string, RegExp]>([
    ['Toàn tỉnh có {gia_tri} trạm', /ô dữ liệu không có: \{gia_tri\}/],
    ['Toàn tỉnh có {value trạm', /thiếu dấu "\}"/],
    ['Toàn tỉnh có value} trạm', /dấu "\}" thừa/],
    ['[, [{change}]]', /lồng nhau/],
    ['Toàn tỉnh có {value}[, {change}', /thiếu dấu "\]"/],
    ['{value}]', /dấu "\]" thừa/],
  ])('refuses %s', (src, msg) => {
    expect(patternProblem(src)).toMatch(msg);
    expect(() => parsePattern(src)).toThrow(msg);
  });

  it('accepts every slot and plain text', () => {
    expect(patternProblem('{name} {object} {value} {during} {uom} {percent} {previous} {lastYear} {previousLabel} {change} {changePct} {delta} {target} {achieved} {plan} {numerator} {denominator}')).toBeNull();
    expect(patternProblem('Không có ô nào')).toBeNull();
  });
});

describe('the sentences a sector opens with', () => {
  const thonTong = fig({ code: 'THON_TONG', name: 'Tổng số thôn, bản, tổ dân phố', uom: 'thôn', current: 1733, lastYear: 1733 });
  const thonCq = fig({ code: 'THON_CAPQUANG', name: 'Số thôn, bản, tổ dân phố có Internet băng rộng cáp quang', uom: 'thôn', current: 1634, lastYear: 1580 });
  const permits = fig({ code: 'VT_CAPPHEP', name: 'Số hồ sơ cấp phép xây dựng trạm BTS được giải quyết', uom: 'hồ sơ', aggregationType: 'SUM', current: 48, lastYear: 40 });

  it('prefers ratios, targets and flows to stocks, does not say a ratio\'s parts again, and reads in catalog order', () => {
    const out = sectorSentences([base, thonTong, thonCq, permits, fig({ ...revenue, target: 151757 }), ratio], YEAR, 4);
    expect(out).toEqual([
      'Toàn tỉnh có 1.466 vị trí trạm thu phát sóng di động (BTS), tăng 134 vị trí so với năm 2024.',
      'Trong năm có 48 hồ sơ cấp phép xây dựng trạm BTS được giải quyết, tăng 20% so với năm 2024.',
      'Doanh thu dịch vụ bưu chính đạt 155.399 triệu đồng, tăng 8,6% so với năm 2024, vượt kế hoạch năm (102,4%).',
      'Toàn tỉnh có 1.634/1.733 thôn, bản, tổ dân phố có Internet băng rộng cáp quang, đạt 94,3%, tăng 3,1 điểm phần trăm so với năm 2024.',
    ]);
  });

  it('puts a figure the office wrote a pattern for first, and keeps to the maximum', () => {
    const out = sectorSentences([permits, revenue, fig({ ...thonTong, pattern: 'Toàn tỉnh có {value} thôn, bản, tổ dân phố' })], YEAR, 2);
    expect(out).toEqual(['Trong năm có 48 hồ sơ cấp phép xây dựng trạm BTS được giải quyết, tăng 20% so với năm 2024.', 'Toàn tỉnh có 1.733 thôn, bản, tổ dân phố.']);
  });

  it('joins consecutive sentences with the same opener, as the department writes them', () => {
    expect(sectorSentences([base, thonTong, fig({ ...permits, current: 12, lastYear: null }), fig({ ...incidents, lastYear: null })], YEAR)).toEqual([
      'Toàn tỉnh có 1.466 vị trí trạm thu phát sóng di động (BTS), tăng 134 vị trí so với năm 2024; 1.733 thôn, bản, tổ dân phố, tương đương năm 2024.',
      'Trong năm có 12 hồ sơ cấp phép xây dựng trạm BTS được giải quyết; 21 sự cố an toàn thông tin mạng được ghi nhận.',
    ]);
    expect(sectorSentences([permits, fig({ ...incidents, current: 30 })], QUARTER)).toEqual([
      'Trong quý có 48 hồ sơ cấp phép xây dựng trạm BTS được giải quyết, tăng 20% so với cùng kỳ năm 2024; 30 sự cố an toàn thông tin mạng được ghi nhận, tăng 25%, cần tập trung khắc phục.',
    ]);
    expect(joinOpeners(['Toàn tỉnh có 1 a.', 'Doanh thu đạt 2 triệu đồng.', 'Toàn tỉnh có 3 b.'])).toEqual(['Toàn tỉnh có 1 a.', 'Doanh thu đạt 2 triệu đồng.', 'Toàn tỉnh có 3 b.']);
  });

  it('says nothing for figures without a current value', () => {
    expect(sectorSentences([fig({ current: null }), fig({ ...revenue, current: null })], YEAR)).toEqual([]);
  });
});

describe('figure fields: the same sentences with their figures marked for the edited draft', () => {
  const plainOf = (f: FigureFacts) => figureSentence(f, YEAR)!;
  it.each<[string, FigureFacts]>([
    ['stock', base], ['flow', revenue], ['ratio', ratio], ['target', fig({ ...revenue, target: 151757 })], ['lower is better', incidents],
    ['a pattern opening with a figure', fig({ ...revenue, pattern: '{value} {uom} là {name}[, {change}]' })],
  ])('%s: unmarked, the marked sentence is the plain one', (_, f) => {
    const marked = figureSentence(f, YEAR, true)!;
    expect(marked).not.toBe(plainOf(f));
    expect(unmark(marked)).toBe(plainOf(f));
  });
  it('marks the figures, not the words, each under CODE.slot', () => {
    const marked = figureSentence(fig({ ...revenue, target: 151757 }), YEAR, true)!;
    expect(Object.fromEntries(markedFields([marked]))).toEqual({
      'BC_DOANHTHU.value': '155.399', 'BC_DOANHTHU.change': 'tăng 8,6% so với năm 2024', 'BC_DOANHTHU.plan': 'vượt kế hoạch năm (102,4%)',
    });
    expect(markedParts(marked).filter((p) => !('field' in p)).map((p) => p.text).join('|')).toBe('Doanh thu dịch vụ bưu chính đạt | triệu đồng, |, |.');
  });
  it('a ratio marks its numerator, denominator and percent', () => {
    const keys = [...markedFields([figureSentence(ratio, YEAR, true)!]).keys()];
    expect(keys).toEqual(['TL_THON_CAPQUANG.numerator', 'TL_THON_CAPQUANG.denominator', 'TL_THON_CAPQUANG.percent', 'TL_THON_CAPQUANG.change']);
  });
  it('joined sentences unmark to the joined plain ones', () => {
    const figs = [base, fig({ code: 'Y', name: 'Số điểm phục vụ bưu chính', current: 320, lastYear: 310, previous: 310 })];
    expect(sectorSentences(figs, YEAR, 4, true).map(unmark)).toEqual(sectorSentences(figs, YEAR));
  });
});
