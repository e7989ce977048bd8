import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Expr,
  ExpressionError,
  ExpressionSchema,
  evaluate,
  expressionCodes,
  MAX_EXPRESSION_LENGTH,
  parseExpression,
  printExpression,
  validateExpression,
} from './expression.js';
import { toPlainDecimal } from './format.js';

const CODES = ['A', 'B', 'BC_DN', 'vt.bts-4g', 'x1'] as const;

const arbNumberValue = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);

/** Random ASTs; number literals are non-negative, as the parser produces them. */
const arbExpr: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    arbNumberValue.map((value): Expr => ({ kind: 'number', value })),
    fc.constantFrom(...CODES).map((code): Expr => ({ kind: 'ref', code })),
    tie('expr').map((operand): Expr => ({ kind: 'neg', operand })),
    fc
      .record({ op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const), left: tie('expr'), right: tie('expr') })
      .map((b): Expr => ({ kind: 'binary', ...b })),
  ),
})).expr;

const arbValues = fc.record(
  Object.fromEntries(CODES.map((c) => [c, fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined })])),
) as fc.Arbitrary<Record<string, number | undefined>>;

/** Independent reference evaluator over the AST. */
function reference(e: Expr, v: Record<string, number | undefined>, zero: boolean): number | null {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'ref':
      return v[e.code] ?? (zero ? 0 : null);
    case 'neg': {
      const x = reference(e.operand, v, zero);
      return x === null ? null : -x;
    }
    case 'binary': {
      const l = reference(e.left, v, zero);
      const r = reference(e.right, v, zero);
      if (l === null || r === null) return null;
      if (e.op === '/' && r === 0) return null;
      const out = e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : l / r;
      return out;
    }
  }
}

function errorOf(src: string): ExpressionError {
  try {
    parseExpression(src);
  } catch (e) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(src)} to be rejected`);
}

describe('parseExpression', () => {
  it('parses references, numbers, operators and parentheses', () => {
    expect(parseExpression('#{A} + 2.5 * #{B}')).toEqual({
      kind: 'binary',
      op: '+',
      left: { kind: 'ref', code: 'A' },
      right: { kind: 'binary', op: '*', left: { kind: 'number', value: 2.5 }, right: { kind: 'ref', code: 'B' } },
    });
    expect(parseExpression('-#{A}')).toEqual({ kind: 'neg', operand: { kind: 'ref', code: 'A' } });
    expect(parseExpression('((1))')).toEqual({ kind: 'number', value: 1 });
    expect(printExpression(parseExpression('1-2-3'))).toBe('1 - 2 - 3');
    expect(printExpression(parseExpression('1-(2-3)'))).toBe('1 - (2 - 3)');
    expect(printExpression(parseExpression('#{vt.bts-4g}*100/#{BC_DN}'))).toBe('#{vt.bts-4g} * 100 / #{BC_DN}');
  });

  it('reports errors in Vietnamese with a 1-based position', () => {
    const e = errorOf('(1 + 2');
    expect(e.message).toBe('Biểu thức không hợp lệ tại vị trí 7: thiếu dấu đóng ngoặc');
    expect([e.reason, e.position, e.index]).toEqual(['missing_close_paren', 7, 6]);
    expect(errorOf('(#{A} + 1').message).toBe('Biểu thức không hợp lệ tại vị trí 10: thiếu dấu đóng ngoặc');
    expect(errorOf('').reason).toBe('empty');
    expect(errorOf('   ').reason).toBe('empty');
    expect(errorOf('1 +').reason).toBe('missing_operand');
    expect(errorOf('* 2').reason).toBe('missing_operand');
    expect(errorOf('1 2').reason).toBe('missing_operator');
    expect(errorOf('#{A}(1)').reason).toBe('missing_operator');
    expect(errorOf('(1))').reason).toBe('unexpected_close_paren');
    expect(errorOf('1 + $').message).toContain("vị trí 5: ký tự không hợp lệ '$'");
    expect(errorOf('#{A').reason).toBe('unclosed_reference');
    expect(errorOf('#{}').reason).toBe('invalid_reference');
    expect(errorOf('#{A B}').position).toBe(4);
    expect(errorOf('#A').reason).toBe('invalid_reference');
    expect(errorOf('1.').reason).toBe('invalid_number');
    expect(errorOf('.5').reason).toBe('unexpected_char');
    expect(errorOf('1e5').reason).toBe('unexpected_char');
    expect(errorOf('+1').reason).toBe('missing_operand');
    expect(errorOf('9'.repeat(400)).reason).toBe('invalid_number');
    expect(errorOf('('.repeat(1000)).reason).toBe('too_deep');
    expect(errorOf(`${'-'.repeat(1000)}1`).reason).toBe('too_deep');
    expect(errorOf('1+'.repeat(MAX_EXPRESSION_LENGTH)).reason).toBe('too_long');
    expect(errorOf('Math.max(1)').reason).toBe('unexpected_char');
  });

  it('never throws anything but ExpressionError', () => {
    const fragments = ['#{A}', '#{', '}', '#', '(', ')', '+', '-', '*', '/', '1', '2.5', '.', ' ', 'x', '{'];
    const arbSoup = fc.array(fc.constantFrom(...fragments), { maxLength: 30 }).map((a) => a.join(''));
    for (const arb of [fc.string(), fc.string({ unit: 'binary' }), arbSoup]) {
      fc.assert(
        fc.property(arb, (src) => {
          try {
            parseExpression(src);
          } catch (e) {
            expect(e).toBeInstanceOf(ExpressionError);
            const err = e as ExpressionError;
            expect(err.position).toBeGreaterThanOrEqual(1);
            expect(err.position).toBeLessThanOrEqual(src.length + 1);
            expect(err.message).toMatch(/^Biểu thức không hợp lệ tại vị trí \d+: /);
          }
        }),
        { numRuns: 300 },
      );
    }
  });

  it('prints ASTs that parse back to the same tree and value', () => {
    fc.assert(
      fc.property(arbExpr, arbValues, (ast, values) => {
        const printed = printExpression(ast);
        expect(parseExpression(printed)).toEqual(ast);
        for (const missing of ['skip', 'zero'] as const) {
          const direct = evaluate(ast, values, { missing });
          expect(evaluate(printed, values, { missing })).toBe(direct);
          const ref = reference(ast, values, missing === 'zero');
          expect(direct).toBe(ref !== null && Number.isFinite(ref) ? ref : null);
        }
      }),
    );
  });

  it('prints any non-negative number exactly', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = toPlainDecimal(x);
        expect(text).toMatch(/^\d+(\.\d+)?$/);
        expect(evaluate(text, {})).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});

describe('expressionCodes / validateExpression', () => {
  it('lists distinct codes in order of appearance', () => {
    expect(expressionCodes('#{B} + #{A} * #{B} / (#{C.1} - 2)')).toEqual(['B', 'A', 'C.1']);
    expect(expressionCodes('1 + 2')).toEqual([]);
    expect(() => expressionCodes('#{A} +')).toThrow(ExpressionError);
    fc.assert(
      fc.property(arbExpr, (ast) => {
        const codes = expressionCodes(printExpression(ast));
        expect(new Set(codes).size).toBe(codes.length);
        expect(codes).toEqual(expressionCodes(ast));
      }),
    );
  });

  it('validates without throwing', () => {
    const ok = validateExpression('#{A} / #{B}');
    expect(ok.ok && ok.codes).toEqual(['A', 'B']);
    const bad = validateExpression('#{A} / (#{B}');
    expect(!bad.ok && bad.error.position).toBe(13);
    expect(ExpressionSchema.safeParse('#{A} * 100').success).toBe(true);
    const r = ExpressionSchema.safeParse('#{A} *');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('thiếu toán hạng');
  });
});

describe('evaluate', () => {
  it('computes indicator values', () => {
    expect(evaluate('#{A} * 100 / #{B}', { A: 943, B: 1000 })).toBeCloseTo(94.3, 12);
    expect(evaluate('-#{A} + 3', new Map([['A', 1]]))).toBe(2);
    expect(evaluate('2 * (3 + 4)', () => null)).toBe(14);
    expect(evaluate('-2 * -3', {})).toBe(6);
    expect(evaluate('10 - 2 - 3', {})).toBe(5);
    expect(evaluate('12 / 2 / 3', {})).toBe(2);
  });

  it('handles missing values and division by zero', () => {
    expect(evaluate('#{A} + #{B}', { A: 1 })).toBeNull();
    expect(evaluate('#{A} + #{B}', { A: 1 }, { missing: 'zero' })).toBe(1);
    expect(evaluate('#{A} + #{B}', { A: 1, B: Number.NaN }, { missing: 'zero' })).toBe(1);
    expect(evaluate('#{A} / #{B}', { A: 1, B: 0 })).toBeNull();
    expect(evaluate('#{A} / #{B}', { A: 1 }, { missing: 'zero' })).toBeNull();
    expect(evaluate('#{constructor}', {})).toBeNull();
    expect(evaluate('#{A} * #{A}', { A: 1e200 })).toBeNull();
  });
});
