import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from './format.js';
import { blockingIssues, type ElementDef, isOutlier, parseValue, type RuleDef, validateReport } from './validation.js';

const el = (code: string, o: Partial<ElementDef> = {}): ElementDef => ({ id: code.length, code, name: code, valueType: 'INTEGER', min: 0, max: null, ...o });
const fibre: RuleDef = { id: 1, code: 'R1', name: 'r', left: '#{THON_CQ}', operator: 'le', right: '#{THON_TONG}', importance: 'error', message: 'Số thôn có cáp quang không được lớn hơn tổng số thôn.' };

describe('parseValue', () => {
  it('reads typed text the Vietnamese way and stored text the machine way', () => {
    expect(parseValue('INTEGER', '1.634')).toEqual({ ok: true, canonical: '1634', num: 1634 });
    expect(parseValue('NUMBER', '94,3')).toEqual({ ok: true, canonical: '94.3', num: 94.3 });
    expect(parseValue('NUMBER', '1.634', { canonical: true })).toEqual({ ok: true, canonical: '1.634', num: 1.634 });
    expect(parseValue('NUMBER', 1.634)).toEqual({ ok: true, canonical: '1.634', num: 1.634 });
    expect(parseValue('NUMBER', '1,634', { canonical: true }).ok).toBe(false);
    expect(parseValue('INTEGER', '12,5')).toMatchObject({ ok: false, message: 'Giá trị phải là số nguyên.' });
    expect(parseValue('PERCENTAGE', '101')).toMatchObject({ ok: false });
    expect(parseValue('PERCENTAGE', '94,3%')).toMatchObject({ ok: true, num: 94.3 });
    expect(parseValue('BOOLEAN', 'Có')).toMatchObject({ ok: true, canonical: 'true' });
    expect(parseValue('INTEGER', 'mười hai')).toMatchObject({ ok: false });
    expect(parseValue('TEXT', 'Xa\u0303')).toMatchObject({ ok: true, canonical: 'Xã' });
  });

  it('round-trips: stored canonical values parse back to themselves; displayed numbers parse back', () => {
    fc.assert(fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
      const p = parseValue('NUMBER', String(x), { canonical: true });
      return p.ok && p.num === x && parseValue('NUMBER', p.canonical, { canonical: true }).ok;
    }));
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 9 }), (i, d) => {
      const x = i + d / 10;
      const p = parseValue('NUMBER', formatNumber(x));
      return p.ok && Math.abs((p.num ?? NaN) - x) < 1e-9;
    }));
  });
});

describe('validateReport', () => {
  const elements = [el('THON_CQ'), el('THON_TONG', { max: 5000 }), el('DOANH_THU', { valueType: 'NUMBER' })];
  it('finds bound and rule errors, with the rule shown beside its left-hand element', () => {
    const issues = validateReport({ elements, rules: [fibre], values: { THON_CQ: { value: '1.800' }, THON_TONG: { value: '1.733' } } });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'rule', importance: 'error', dataElementCode: 'THON_CQ', leftValue: 1800, rightValue: 1733 });
    expect(validateReport({ elements, rules: [fibre], values: { THON_CQ: { value: '1634' }, THON_TONG: { value: '1733' } } })).toEqual([]);
    const bounds = validateReport({ elements, rules: [], values: { THON_TONG: { value: '6.000' } } });
    expect(bounds[0]).toMatchObject({ kind: 'bounds', message: expect.stringContaining('6.000') });
  });

  it('validates stored canonical values as numbers, not as Vietnamese thousands', () => {
    const issues = validateReport({ elements, rules: [], canonical: true, values: { DOANH_THU: { value: '1.634' }, THON_TONG: { value: '4999' } } });
    expect(issues).toEqual([]);
  });

  it('flags outliers as warnings that a comment accepts', () => {
    const history = { DOANH_THU: [100, 104, 98, 101, 103] };
    const w = validateReport({ elements, rules: [], history, values: { DOANH_THU: { value: '900' } } });
    expect(w).toMatchObject([{ kind: 'outlier', importance: 'warning', commented: false }]);
    expect(blockingIssues(w)).toHaveLength(1);
    const c = validateReport({ elements, rules: [], history, values: { DOANH_THU: { value: '900', comment: 'Có hợp đồng lớn trong quý' } } });
    expect(blockingIssues(c)).toHaveLength(0);
    expect(validateReport({ elements, rules: [], history, values: { DOANH_THU: { value: '110' } } })).toEqual([]);
  });

  it('needs three points of history before calling anything an outlier', () => {
    expect(isOutlier(1000, [1, 2])).toBeNull();
    expect(isOutlier(1000, [1, 2, 3])?.outlier).toBe(true);
  });

  it('reports required fields and type errors as errors', () => {
    const issues = validateReport({ elements: [el('A', { required: true }), el('B')], rules: [], values: { B: { value: 'abc' } } });
    expect(issues.map((i) => i.kind).sort()).toEqual(['required', 'type']);
    expect(blockingIssues(issues)).toHaveLength(2);
  });

  it('agrees with a direct comparison for random values (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (a, b) => {
      const issues = validateReport({ elements, rules: [fibre], values: { THON_CQ: { value: String(a) }, THON_TONG: { value: String(b) } } });
      return issues.some((i) => i.kind === 'rule') === a > b;
    }));
  });
});
