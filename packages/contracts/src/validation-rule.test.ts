import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRule, compareValues, OPERATORS, type Operator, operatorLabel, type ValidationRuleInput } from './expression.js';

const rule = (left: string, operator: Operator, right: string, extra: Partial<ValidationRuleInput> = {}): ValidationRuleInput => ({
  left,
  operator,
  right,
  importance: 'error',
  message: 'Số điểm phục vụ có Internet không được lớn hơn tổng số điểm phục vụ',
  ...extra,
});

const js: Record<Operator, (a: number, b: number) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
};

describe('operatorLabel', () => {
  it('uses mathematical symbols', () => {
    expect(OPERATORS.map(operatorLabel)).toEqual(['=', '≠', '>', '≥', '<', '≤']);
  });
});

describe('checkRule', () => {
  it('passes and fails', () => {
    const r = rule('#{INTERNET}', 'le', '#{TOTAL}');
    expect(checkRule(r, { INTERNET: 120, TOTAL: 150 })).toEqual({ status: 'pass', leftValue: 120, rightValue: 150 });
    expect(checkRule(r, { INTERNET: 160, TOTAL: 150 })).toEqual({ status: 'fail', leftValue: 160, rightValue: 150 });
    expect(checkRule(rule('#{A} + #{B}', 'eq', '#{T}'), { A: 1, B: 2, T: 3 }).status).toBe('pass');
  });

  it('tolerates floating-point error', () => {
    expect(checkRule(rule('0.1 + 0.2', 'eq', '0.3'), {}).status).toBe('pass');
    expect(checkRule(rule('0.1 + 0.2', 'le', '0.3'), {}).status).toBe('pass');
    expect(checkRule(rule('0.1 + 0.2', 'gt', '0.3'), {}).status).toBe('fail');
    expect(checkRule(rule('#{A} * 3 / 3', 'eq', '#{A}'), { A: 1634.7 }).status).toBe('pass');
    expect(compareValues(1e12, 'eq', 1e12 + 1)).toBe(true); // within 1e-9 relative
    expect(compareValues(1e6, 'eq', 1e6 + 1)).toBe(false);
    expect(compareValues(0, 'lt', 1e-6)).toBe(true);
  });

  it('applies the missing-value strategies', () => {
    const values = { A: 5 };
    const any = rule('#{A}', 'le', '#{B} + #{C}', { missingValueStrategy: 'SKIP_IF_ANY_VALUE_MISSING' });
    expect(checkRule(any, { A: 5, B: 10 })).toEqual({ status: 'skipped', leftValue: 5, rightValue: null });
    expect(checkRule(any, { A: 5, B: 10, C: 0 }).status).toBe('pass');
    const all = rule('#{A}', 'le', '#{B} + #{C}', { missingValueStrategy: 'SKIP_IF_ALL_VALUES_MISSING' });
    expect(checkRule(all, values).status).toBe('skipped');
    expect(checkRule(all, { A: 5, B: 3 })).toEqual({ status: 'fail', leftValue: 5, rightValue: 3 });
    // default is SKIP_IF_ALL_VALUES_MISSING
    expect(checkRule(rule('#{A}', 'le', '#{B} + #{C}'), { A: 5, B: 3 }).status).toBe('fail');
    expect(checkRule(rule('#{A}', 'le', '#{B}'), {}).status).toBe('skipped');
    // a side of constants is never "all missing"
    expect(checkRule(rule('#{A}', 'ge', '0'), { A: -1 }).status).toBe('fail');
    const never = rule('#{A}', 'le', '#{B}', { missingValueStrategy: 'NEVER_SKIP' });
    expect(checkRule(never, values)).toEqual({ status: 'fail', leftValue: 5, rightValue: 0 });
    expect(checkRule({ ...never, operator: 'ge' }, {}).status).toBe('pass');
  });

  it('skips a side that cannot be computed', () => {
    const r = rule('#{A} / #{B}', 'le', '1', { missingValueStrategy: 'NEVER_SKIP' });
    expect(checkRule(r, { A: 1, B: 0 })).toEqual({ status: 'skipped', leftValue: null, rightValue: 1 });
  });

  it('throws ExpressionError on a bad side', () => {
    expect(() => checkRule(rule('#{A} +', 'eq', '1'), {})).toThrow(/Biểu thức không hợp lệ/);
  });

  it('agrees with plain JS comparison', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.constantFrom(...OPERATORS),
        fc.boolean(),
        (a, b, op, same) => {
          const right = same ? a : b;
          const r = checkRule(rule('#{L}', op, '#{R}'), { L: a, R: right });
          expect(r).toEqual({ status: js[op](a, right) ? 'pass' : 'fail', leftValue: a, rightValue: right });
          // the same with constants and with an equivalent expression on the right
          expect(checkRule(rule(String(Math.abs(a)), op, `#{R} * 2 / 2`), { R: right }).status).toBe(
            js[op](Math.abs(a), right) ? 'pass' : 'fail',
          );
        },
      ),
    );
  });

  it('agrees with plain JS for doubles far apart or equal', () => {
    const arbD = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(arbD, arbD, fc.constantFrom(...OPERATORS), (a, b, op) => {
        fc.pre(a === b || Math.abs(a - b) > 1e-6 * Math.max(Math.abs(a), Math.abs(b), 1));
        expect(compareValues(a, op, b)).toBe(js[op](a, b));
      }),
    );
  });
});
