/**
 * Validation rules: `left operator right`, each side an expression
 * (expression.ts). Re-exported from expression.ts.
 */
import { evaluate, type Expr, expressionCodes, parseExpression, toLookup, type ValueSource } from './expression.js';

export const OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
export type Operator = (typeof OPERATORS)[number];

export type MissingValueStrategy = 'SKIP_IF_ANY_VALUE_MISSING' | 'SKIP_IF_ALL_VALUES_MISSING' | 'NEVER_SKIP';

export interface ValidationRuleInput {
  readonly left: string | Expr;
  readonly operator: Operator;
  readonly right: string | Expr;
  readonly importance: 'error' | 'warning';
  readonly message: string;
  /** Default 'SKIP_IF_ALL_VALUES_MISSING' (the DHIS2 default). */
  readonly missingValueStrategy?: MissingValueStrategy;
}

export type RuleStatus = 'pass' | 'fail' | 'skipped';

export interface RuleCheckResult {
  readonly status: RuleStatus;
  readonly leftValue: number | null;
  readonly rightValue: number | null;
}

const LABELS: Record<Operator, string> = { eq: '=', ne: '≠', gt: '>', ge: '≥', lt: '<', le: '≤' };

/** '=', '≠', '>', '≥', '<', '≤'. */
export function operatorLabel(op: Operator): string {
  return LABELS[op];
}

/** Relative tolerance: values within 1e-9 × max(|a|, |b|, 1) are equal. */
const EPSILON = 1e-9;

/**
 * Compares two numbers with a small tolerance against floating-point error:
 * they are "equal" when |a − b| ≤ 1e-9 × max(|a|, |b|, 1) (relative for
 * magnitudes ≥ 1, absolute 1e-9 below that), so 0.1 + 0.2 = 0.3 holds.
 * gt/lt require a difference beyond the tolerance; ge/le accept it.
 */
export function compareValues(left: number, op: Operator, right: number): boolean {
  const tol = EPSILON * Math.max(Math.abs(left), Math.abs(right), 1);
  const diff = left - right;
  const equal = Math.abs(diff) <= tol;
  switch (op) {
    case 'eq':
      return equal;
    case 'ne':
      return !equal;
    case 'gt':
      return diff > tol;
    case 'ge':
      return diff > tol || equal;
    case 'lt':
      return -diff > tol;
    case 'le':
      return -diff > tol || equal;
  }
}

/**
 * Checks a rule against values (function, Map or plain object).
 * A value is missing when the lookup gives null, undefined or a non-finite number.
 * - SKIP_IF_ANY_VALUE_MISSING: skipped if any code on either side is missing.
 * - SKIP_IF_ALL_VALUES_MISSING (default): skipped if a side references codes
 *   and all of them are missing (a side of constants is never "all missing");
 *   otherwise missing values count as 0. Applied to each side, as in DHIS2.
 * - NEVER_SKIP: missing values count as 0.
 * A side that cannot be computed (division by zero) also makes the rule
 * 'skipped'. When skipped, leftValue/rightValue are whatever could be computed
 * without substituting zeros (else null).
 * Throws ExpressionError when a side is not a valid expression.
 */
export function checkRule(rule: ValidationRuleInput, values: ValueSource): RuleCheckResult {
  const lookup = toLookup(values);
  const left = typeof rule.left === 'string' ? parseExpression(rule.left) : rule.left;
  const right = typeof rule.right === 'string' ? parseExpression(rule.right) : rule.right;
  const strategy = rule.missingValueStrategy ?? 'SKIP_IF_ALL_VALUES_MISSING';
  const isMissing = (code: string): boolean => {
    const v = lookup(code);
    return !(typeof v === 'number' && Number.isFinite(v));
  };
  const sides = [expressionCodes(left), expressionCodes(right)];
  const skipForMissing =
    strategy === 'SKIP_IF_ANY_VALUE_MISSING'
      ? sides.some((codes) => codes.some(isMissing))
      : strategy === 'SKIP_IF_ALL_VALUES_MISSING'
        ? sides.some((codes) => codes.length > 0 && codes.every(isMissing))
        : false;
  if (skipForMissing) {
    return {
      status: 'skipped',
      leftValue: evaluate(left, lookup, { missing: 'skip' }),
      rightValue: evaluate(right, lookup, { missing: 'skip' }),
    };
  }
  const leftValue = evaluate(left, lookup, { missing: 'zero' });
  const rightValue = evaluate(right, lookup, { missing: 'zero' });
  if (leftValue === null || rightValue === null) return { status: 'skipped', leftValue, rightValue };
  return { status: compareValues(leftValue, rule.operator, rightValue) ? 'pass' : 'fail', leftValue, rightValue };
}
