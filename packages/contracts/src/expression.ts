/**
 * DHIS2-style expressions over data element codes, for indicators
 * (numerator / denominator) and validation rules (left side / right side).
 *
 * Grammar (whitespace allowed between tokens; nothing else is accepted):
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := '-' unary | primary
 *   primary := NUMBER | '#{' CODE '}' | '(' expr ')'
 *   NUMBER  := digits ('.' digits)?        e.g. 1, 2.5, 100
 *   CODE    := [A-Za-z0-9_.-]+              e.g. #{BC_DN}, #{vt.bts-4g}
 * Binary operators are left-associative; unary minus binds tighter than '*'.
 * A small tokenizer and recursive-descent parser: there is no eval.
 */
import { z } from 'zod';
import { toPlainDecimal } from './format.js';

export type BinaryOperator = '+' | '-' | '*' | '/';

export type Expr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'ref'; readonly code: string }
  | { readonly kind: 'neg'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: Expr; readonly right: Expr };

export type ExpressionErrorReason =
  | 'empty'
  | 'too_long'
  | 'too_deep'
  | 'unexpected_char'
  | 'invalid_number'
  | 'invalid_reference'
  | 'unclosed_reference'
  | 'missing_operand'
  | 'missing_operator'
  | 'missing_close_paren'
  | 'unexpected_close_paren';

/** Thrown by parseExpression. `position` is 1-based (as in the message); `index` is 0-based. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly position: number;
  constructor(
    readonly reason: ExpressionErrorReason,
    readonly index: number,
    readonly detail: string,
  ) {
    super(`Biểu thức không hợp lệ tại vị trí ${index + 1}: ${detail}`);
    this.position = index + 1;
  }
}

export const MAX_EXPRESSION_LENGTH = 4000;
const MAX_DEPTH = 200;
const CODE_CHAR = /[A-Za-z0-9_.-]/;

type Token =
  | { t: 'num'; value: number; index: number }
  | { t: 'ref'; code: string; index: number }
  | { t: 'op'; op: BinaryOperator; index: number }
  | { t: '(' | ')' | 'end'; index: number };

function describeChar(src: string, i: number): string {
  return String.fromCodePoint(src.codePointAt(i) as number);
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c >= '0' && c <= '9') {
      const start = i;
      while (i < src.length && /\d/.test(src[i] as string)) i += 1;
      if (src[i] === '.') {
        if (!/\d/.test(src[i + 1] ?? '')) throw new ExpressionError('invalid_number', i, 'số không hợp lệ, thiếu chữ số sau dấu chấm');
        i += 1;
        while (i < src.length && /\d/.test(src[i] as string)) i += 1;
      }
      const value = Number(src.slice(start, i));
      if (!Number.isFinite(value)) throw new ExpressionError('invalid_number', start, 'số quá lớn');
      tokens.push({ t: 'num', value, index: start });
    } else if (c === '#') {
      if (src[i + 1] !== '{') throw new ExpressionError('invalid_reference', i, "sau dấu '#' phải là '{mã chỉ tiêu}'");
      let j = i + 2;
      while (j < src.length && CODE_CHAR.test(src[j] as string)) j += 1;
      if (j >= src.length) throw new ExpressionError('unclosed_reference', i, "thiếu dấu '}' đóng mã chỉ tiêu");
      if (src[j] !== '}') {
        throw new ExpressionError('invalid_reference', j, `ký tự '${describeChar(src, j)}' không được dùng trong mã chỉ tiêu`);
      }
      if (j === i + 2) throw new ExpressionError('invalid_reference', i, 'thiếu mã chỉ tiêu trong #{}');
      tokens.push({ t: 'ref', code: src.slice(i + 2, j), index: i });
      i = j + 1;
    } else if (c === '+' || c === '-' || c === '*' || c === '/') {
      tokens.push({ t: 'op', op: c, index: i });
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ t: c, index: i });
      i += 1;
    } else {
      throw new ExpressionError('unexpected_char', i, `ký tự không hợp lệ '${describeChar(src, i)}'`);
    }
  }
  tokens.push({ t: 'end', index: src.length });
  return tokens;
}

function tokenText(tok: Token): string {
  switch (tok.t) {
    case 'op':
      return `'${tok.op}'`;
    case '(':
    case ')':
      return `'${tok.t}'`;
    default:
      return '';
  }
}

/** Parses an expression; throws ExpressionError (with a Vietnamese message) when invalid. */
export function parseExpression(src: string): Expr {
  if (typeof src !== 'string' || src.trim() === '') throw new ExpressionError('empty', 0, 'biểu thức trống');
  if (src.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError('too_long', MAX_EXPRESSION_LENGTH, `biểu thức dài quá ${MAX_EXPRESSION_LENGTH} ký tự`);
  }
  const tokens = tokenize(src);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos] as Token;

  const enter = (tok: Token): void => {
    depth += 1;
    if (depth > MAX_DEPTH) throw new ExpressionError('too_deep', tok.index, 'biểu thức lồng nhau quá sâu');
  };

  const expr = (): Expr => {
    let left = term();
    for (let tok = peek(); tok.t === 'op' && (tok.op === '+' || tok.op === '-'); tok = peek()) {
      pos += 1;
      left = { kind: 'binary', op: tok.op, left, right: term() };
    }
    return left;
  };

  const term = (): Expr => {
    let left = unary();
    for (let tok = peek(); tok.t === 'op' && (tok.op === '*' || tok.op === '/'); tok = peek()) {
      pos += 1;
      left = { kind: 'binary', op: tok.op, left, right: unary() };
    }
    return left;
  };

  const unary = (): Expr => {
    const tok = peek();
    if (tok.t === 'op' && tok.op === '-') {
      pos += 1;
      enter(tok);
      const operand = unary();
      depth -= 1;
      return { kind: 'neg', operand };
    }
    return primary();
  };

  const primary = (): Expr => {
    const tok = peek();
    switch (tok.t) {
      case 'num':
        pos += 1;
        return { kind: 'number', value: tok.value };
      case 'ref':
        pos += 1;
        return { kind: 'ref', code: tok.code };
      case '(': {
        pos += 1;
        enter(tok);
        const inner = expr();
        depth -= 1;
        const close = peek();
        if (close.t === ')') {
          pos += 1;
          return inner;
        }
        if (close.t === 'end') throw new ExpressionError('missing_close_paren', close.index, 'thiếu dấu đóng ngoặc');
        throw new ExpressionError('missing_operator', close.index, 'thiếu toán tử hoặc dấu đóng ngoặc');
      }
      case 'end':
        throw new ExpressionError('missing_operand', tok.index, 'thiếu toán hạng ở cuối biểu thức');
      default:
        throw new ExpressionError('missing_operand', tok.index, `thiếu toán hạng trước ${tokenText(tok)}`);
    }
  };

  const ast = expr();
  const rest = peek();
  if (rest.t === ')') throw new ExpressionError('unexpected_close_paren', rest.index, 'thừa dấu đóng ngoặc');
  if (rest.t !== 'end') throw new ExpressionError('missing_operator', rest.index, 'thiếu toán tử');
  return ast;
}

export type ValidateExpressionResult =
  | { readonly ok: true; readonly ast: Expr; readonly codes: string[] }
  | { readonly ok: false; readonly error: ExpressionError };

/** Non-throwing parse, for forms: { ok, ast, codes } or { ok: false, error }. */
export function validateExpression(src: string): ValidateExpressionResult {
  try {
    const ast = parseExpression(src);
    return { ok: true, ast, codes: expressionCodes(ast) };
  } catch (e) {
    if (e instanceof ExpressionError) return { ok: false, error: e };
    throw e;
  }
}

/** zod schema for an expression string; the issue message is the Vietnamese parse error. */
export const ExpressionSchema = z.string().superRefine((src, ctx) => {
  const r = validateExpression(src);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error.message, params: { position: r.error.position } });
});

const toAst = (e: string | Expr): Expr => (typeof e === 'string' ? parseExpression(e) : e);

/** Distinct data element codes referenced, in order of first appearance. Throws ExpressionError on bad source. */
export function expressionCodes(e: string | Expr): string[] {
  const seen = new Set<string>();
  const walk = (n: Expr): void => {
    if (n.kind === 'ref') seen.add(n.code);
    else if (n.kind === 'neg') walk(n.operand);
    else if (n.kind === 'binary') {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(toAst(e));
  return [...seen];
}

const PRECEDENCE: Record<BinaryOperator, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/**
 * Prints an AST in canonical form ('#{A} + #{B} * 2'); parseExpression of the
 * result gives back the same tree (negative number literals print as '(-5)').
 */
export function printExpression(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return e.value < 0 || Object.is(e.value, -0) ? `(-${toPlainDecimal(-e.value)})` : toPlainDecimal(e.value);
    case 'ref':
      return `#{${e.code}}`;
    case 'neg':
      return e.operand.kind === 'binary' ? `-(${printExpression(e.operand)})` : `-${printExpression(e.operand)}`;
    case 'binary': {
      const p = PRECEDENCE[e.op];
      const l = printExpression(e.left);
      const r = printExpression(e.right);
      const lp = e.left.kind === 'binary' && PRECEDENCE[e.left.op] < p ? `(${l})` : l;
      // Equal precedence on the right needs parentheses too: a - (b - c), and
      // a + (b + c) keeps its floating-point grouping.
      const rp = e.right.kind === 'binary' && PRECEDENCE[e.right.op] <= p ? `(${r})` : r;
      return `${lp} ${e.op} ${rp}`;
    }
  }
}

export type Lookup = (code: string) => number | null | undefined;
export type ValueSource =
  | Lookup
  | ReadonlyMap<string, number | null | undefined>
  | Readonly<Record<string, number | null | undefined>>;

export interface EvaluateOptions {
  /** 'skip' (default): any missing value makes the result null. 'zero': missing counts as 0. */
  readonly missing?: 'skip' | 'zero';
}

/** Normalises a function, Map or plain object into a lookup function. */
export function toLookup(source: ValueSource): Lookup {
  if (typeof source === 'function') return source;
  if (source instanceof Map) return (code) => source.get(code);
  const rec = source as Readonly<Record<string, number | null | undefined>>;
  return (code) => (Object.hasOwn(rec, code) ? rec[code] : undefined);
}

/**
 * Evaluates an expression. A value is missing when the lookup returns null,
 * undefined or a non-finite number. Returns null when a value is missing (with
 * missing = 'skip'), on division by zero, or when the result is not finite.
 */
export function evaluate(e: string | Expr, values: ValueSource, opts: EvaluateOptions = {}): number | null {
  const lookup = toLookup(values);
  const zero = opts.missing === 'zero';
  const ev = (n: Expr): number | null => {
    switch (n.kind) {
      case 'number':
        return n.value;
      case 'ref': {
        const v = lookup(n.code);
        if (typeof v === 'number' && Number.isFinite(v)) return v;
        return zero ? 0 : null;
      }
      case 'neg': {
        const v = ev(n.operand);
        return v === null ? null : -v;
      }
      case 'binary': {
        const l = ev(n.left);
        if (l === null) return null;
        const r = ev(n.right);
        if (r === null) return null;
        switch (n.op) {
          case '+':
            return l + r;
          case '-':
            return l - r;
          case '*':
            return l * r;
          case '/':
            return r === 0 ? null : l / r;
        }
      }
    }
  };
  const result = ev(toAst(e));
  return result !== null && Number.isFinite(result) ? result : null;
}

export { checkRule, compareValues, OPERATORS, operatorLabel } from './validation-rule.js';
export type { MissingValueStrategy, Operator, RuleCheckResult, RuleStatus, ValidationRuleInput } from './validation-rule.js';
