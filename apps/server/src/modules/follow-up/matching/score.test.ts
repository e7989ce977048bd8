import { describe, expect, it } from 'vitest';
import { evaluationStats } from './evaluate.js';
import { EVALUATION_PAIRS } from './evaluation-set.js';
import { matchTerms } from './key.js';
import { retrievalProbe } from './retrieval.js';
import { commonFactor, compareTexts, CorpusStats, MATCH_PARAMS, RECURRING_THRESHOLD, rankCandidates, scoreParts, textFeatures } from './score.js';

describe('CorpusStats', () => {
  it('counts in how many points each term occurs, and follows additions and removals', () => {
    const s = CorpusStats.fromTerms([['loa', 'hu', 'hong'], ['loa', 'loa'], ['cap', 'quang']]);
    expect([s.docs, s.df('loa'), s.df('cap'), s.df('x')]).toEqual([3, 2, 1, 0]);
    s.remove(['loa', 'hu', 'hong']);
    s.add(['cntt']);
    expect([s.docs, s.df('loa'), s.df('hu'), s.df('cntt')]).toEqual([3, 1, 0, 1]);
    expect(CorpusStats.fromCounts(3, [['loa', 2]]).df('loa')).toBe(2);
  });
});

describe('commonFactor', () => {
  const register = CorpusStats.fromTerms([...Array.from({ length: 90 }, () => ['loa']), ...Array.from({ length: 10 }, () => ['camera'])]);
  it('discounts a term found in many stored points, never a rare one, and not before there are enough points', () => {
    expect(commonFactor('camera', register)).toBeLessThan(1);
    expect(commonFactor('loa', register)).toBeLessThan(commonFactor('camera', register));
    expect(commonFactor('loa', register)).toBeGreaterThanOrEqual(MATCH_PARAMS.commonFloor);
    expect(commonFactor('typo', register)).toBe(1);
    expect(commonFactor('loa', CorpusStats.fromTerms([['loa']]))).toBe(1);
  });
});

// The statistics of a register like the evaluation set's texts: the threshold was measured with such statistics.
const stats = evaluationStats(EVALUATION_PAIRS);

describe('compareTexts', () => {
  it('scores a text and its twin typed without diacritics, in another order, as the same point', () => {
    const a = 'Nhiều cụm loa truyền thanh ở thôn hư hỏng, chưa có kinh phí sửa chữa.';
    for (const b of ['nhieu cum loa truyen thanh o thon hu hong, chua co kinh phi sua chua', 'Chưa có kinh phí sửa chữa cụm loa truyền thanh hư hỏng ở thôn']) {
      const r = compareTexts(a, b, { stats });
      expect(r.score).toBeGreaterThan(0.9);
      expect(r.recurring).toBe(true);
    }
    expect(compareTexts(a, a).score).toBeCloseTo(1, 6);
  });

  it('is symmetric and stays in [0, 1]', () => {
    const a = 'Thiếu cán bộ chuyên trách CNTT.';
    const b = 'Cán bộ công nghệ thông tin của xã làm kiêm nhiệm, chưa có người chuyên trách, thiếu kỹ năng an toàn thông tin.';
    expect(compareTexts(a, b).score).toBeCloseTo(compareTexts(b, a).score, 9);
    for (const [x, y] of [[a, b], [a, ''], ['', '']]) {
      const s = compareTexts(x, y).score;
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it('tells apart look-alikes that share the words of the request but not the subject', () => {
    expect(compareTexts('Kinh phí sửa chữa loa truyền thanh chưa được bố trí.', 'Chưa bố trí kinh phí đào tạo cán bộ truyền thanh.', { stats }).recurring).toBe(false);
    expect(compareTexts('Cáp quang bị đứt do thi công đường.', 'Còn nhiều thôn chưa có cáp quang.', { stats }).recurring).toBe(false);
  });

  it('compares with diacritics when both texts have them, folded when either has none', () => {
    expect(scoreParts(textFeatures('mua lúa'), textFeatures('múa lụa')).dice).toBe(0);
    expect(scoreParts(textFeatures('mua lua'), textFeatures('múa lụa')).dice).toBe(1);
  });

  it('decides with the threshold it is given', () => {
    const a = 'Thiếu máy quét ở bộ phận một cửa.';
    const b = 'Máy scan ở bộ phận một cửa đã cũ, không đủ để số hóa hồ sơ.';
    const s = compareTexts(a, b, { stats }).score;
    expect(compareTexts(a, b, { stats, threshold: s }).recurring).toBe(true);
    expect(compareTexts(a, b, { stats, threshold: s + 0.001 }).recurring).toBe(false);
    expect(RECURRING_THRESHOLD).toBeGreaterThan(0);
  });
});

describe('rankCandidates', () => {
  const candidates = [
    { id: 1, text: 'Chưa bố trí kinh phí đào tạo cán bộ truyền thanh cơ sở.' },
    { id: 2, text: 'Cụm loa truyền thanh ở thôn đã xuống cấp, cần kinh phí sửa chữa.' },
    { id: 3, text: 'Tuyến cáp quang bị đứt do thi công đường.' },
    { id: 4, text: 'Cụm loa ở thôn hư hỏng.' },
  ];
  it('returns the matches best first, above the floor, with the decision, at most `limit`', () => {
    const m = rankCandidates('Nhiều cụm loa truyền thanh ở thôn hư hỏng, đề nghị hỗ trợ kinh phí sửa chữa.', candidates, { stats });
    expect(m.map((x) => [x.id, x.recurring])).toEqual([
      [2, true],
      [4, true],
      [1, false],
    ]);
    expect(m[0].score).toBeGreaterThanOrEqual(m[1].score);
    expect(m[1].score).toBeGreaterThanOrEqual(m[2].score);
    expect(rankCandidates('Cụm loa hư hỏng', candidates, { limit: 1 })).toHaveLength(1);
    expect(rankCandidates('Cụm loa hư hỏng', candidates, { minScore: 1.01 })).toEqual([]);
  });
});

describe('retrievalProbe', () => {
  const register = CorpusStats.fromTerms([
    ...Array.from({ length: 3000 }, () => ['loa', 'truyen', 'thanh']),
    ...Array.from({ length: 50 }, () => ['sua', 'chua']),
    ['nhieu', 'song'],
  ]);
  it('selects the rarest subject terms within the row budget and weights every term', () => {
    const p = retrievalProbe('Cụm loa truyền thanh bị nhiễu sóng, cần sửa chữa', { stats: register, maxRows: 200, overlap: 1 });
    expect(p.terms).toEqual(matchTerms('Cụm loa truyền thanh bị nhiễu sóng, cần sửa chữa'));
    expect(p.mode).toBe('any');
    expect(p.select).toEqual(['nhieu', 'song', 'sua', 'chua']);
    expect(p.weights).toHaveLength(p.terms.length);
  });

  it('asks for the two rarest together when every term is common', () => {
    const p = retrievalProbe('Cụm loa truyền thanh', { stats: register, maxRows: 100 });
    expect(p.mode).toBe('all');
    expect(p.select).toHaveLength(2);
  });

  it('selects nothing for a text with no subject', () => {
    expect(retrievalProbe('Đề nghị hỗ trợ kinh phí.').select).toEqual([]);
  });
});
