/**
 * The validation of one report: value types, bounds, required fields, validation rules and outliers.
 * Pure and shared: the server decides with it, the entry form runs the same code as the person types.
 */
import { checkRule } from './expression.js';
import { formatNumber, parseVietnameseNumber } from './format.js';
import type { ValueType } from './roles.js';

export type ElementDef = {
  id: number;
  code: string;
  name: string;
  valueType: ValueType;
  min: number | null;
  max: number | null;
  required?: boolean;
  uom?: string | null;
};

export type RuleDef = {
  id: number;
  code: string;
  name: string;
  left: string;
  operator: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
  right: string;
  importance: 'error' | 'warning';
  message: string;
  missingValueStrategy?: 'SKIP_IF_ANY_VALUE_MISSING' | 'SKIP_IF_ALL_VALUES_MISSING' | 'NEVER_SKIP';
};

export type EnteredValue = { value: string; comment?: string | null };

export type Issue = {
  kind: 'type' | 'bounds' | 'required' | 'rule' | 'outlier';
  importance: 'error' | 'warning';
  /** The data element the issue is shown beside (for rules: the first element of the left side). */
  dataElementCode: string | null;
  ruleCode?: string;
  message: string;
  /** A warning is accepted at submission when its value carries a comment. */
  commented: boolean;
  leftValue?: number | null;
  rightValue?: number | null;
};

export type ParsedValue = { ok: true; canonical: string; num: number | null } | { ok: false; message: string };

const BOOL_TRUE = new Set(['true', 'có', 'co', 'x', '1', 'yes', 'đạt', 'dat']);
const BOOL_FALSE = new Set(['false', 'không', 'khong', '0', 'no', 'chưa', 'chua']);

/**
 * Parses a value into the stored canonical string (numbers as plain JS decimals: '1634', '94.3').
 * By default the text is what a person typed, read the Vietnamese way ('1.634' = 1634, '94,3' = 94.3).
 * With `{ canonical: true }` the text is machine format — a stored value, a DHIS2 file, a JSON number —
 * where '1.634' means one point six three four.
 */
export function parseValue(valueType: ValueType, raw: string | number, opts: { canonical?: boolean } = {}): ParsedValue {
  const canonical = opts.canonical || typeof raw === 'number';
  const text = String(raw).normalize('NFC').trim();
  if (valueType === 'TEXT') {
    if (text.length > 50_000) return { ok: false, message: 'Nội dung quá dài (tối đa 50.000 ký tự).' };
    return { ok: true, canonical: text, num: null };
  }
  if (valueType === 'BOOLEAN') {
    const t = text.toLowerCase();
    if (BOOL_TRUE.has(t)) return { ok: true, canonical: 'true', num: 1 };
    if (BOOL_FALSE.has(t)) return { ok: true, canonical: 'false', num: 0 };
    return { ok: false, message: 'Giá trị phải là Có hoặc Không.' };
  }
  const n = canonical ? parseMachineNumber(text) : parseVietnameseNumber(text.replace(/%$/, '').trim());
  if (n === null || !Number.isFinite(n)) return { ok: false, message: `"${text.slice(0, 30)}" không phải là số.` };
  if (Math.abs(n) > 1e15) return { ok: false, message: 'Số quá lớn.' };
  if (valueType === 'INTEGER' && !Number.isInteger(n)) return { ok: false, message: 'Giá trị phải là số nguyên.' };
  if (valueType === 'PERCENTAGE' && (n < 0 || n > 100)) return { ok: false, message: 'Tỷ lệ phải nằm trong khoảng 0–100%.' };
  return { ok: true, canonical: String(n), num: n };
}

/** Plain decimal notation only ('-12', '94.3', '1e3' refused): what machines write. */
export function parseMachineNumber(text: string): number | null {
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Is x far from the unit's own history? Median ± max(3 robust SD, 50% of the median), with ≥ 3 points. */
export function isOutlier(x: number, history: number[]): { outlier: boolean; low: number; high: number } | null {
  const h = history.filter((v) => Number.isFinite(v));
  if (h.length < 3) return null;
  const sorted = [...h].sort((a, b) => a - b);
  const mid = (a: number[]) => (a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2);
  const median = mid(sorted);
  const mad = mid(sorted.map((v) => Math.abs(v - median)).sort((a, b) => a - b));
  const spread = Math.max(3 * 1.4826 * mad, 0.5 * Math.abs(median), 1);
  const low = median - spread;
  const high = median + spread;
  return { outlier: x < low || x > high, low, high };
}

export type ValidateInput = {
  elements: ElementDef[];
  rules: RuleDef[];
  values: Record<string, EnteredValue | undefined>;
  /** The unit's own earlier values per data element code, oldest first. */
  history?: Record<string, number[]>;
  /** true when `values` hold stored canonical strings (server side), false for typed text (browser). */
  canonical?: boolean;
  locale?: 'vi' | 'en';
};

export function validateReport(input: ValidateInput): Issue[] {
  const issues: Issue[] = [];
  const nums = new Map<string, number>();
  const commentOf = (code: string | null) => !!(code && input.values[code]?.comment?.trim());
  for (const el of input.elements) {
    const entered = input.values[el.code];
    const raw = entered?.value ?? '';
    if (raw.trim() === '') {
      if (el.required) issues.push({ kind: 'required', importance: 'error', dataElementCode: el.code, message: `Chưa nhập "${el.name}".`, commented: false });
      continue;
    }
    const parsed = parseValue(el.valueType, raw, { canonical: input.canonical });
    if (!parsed.ok) {
      issues.push({ kind: 'type', importance: 'error', dataElementCode: el.code, message: `${el.name}: ${parsed.message}`, commented: false });
      continue;
    }
    if (parsed.num === null) continue;
    nums.set(el.code, parsed.num);
    if ((el.min !== null && parsed.num < el.min) || (el.max !== null && parsed.num > el.max)) {
      const range = `${el.min !== null ? formatNumber(el.min) : '…'} – ${el.max !== null ? formatNumber(el.max) : '…'}`;
      issues.push({ kind: 'bounds', importance: 'error', dataElementCode: el.code, message: `${el.name}: giá trị ${formatNumber(parsed.num)} nằm ngoài giới hạn cho phép (${range}).`, commented: false });
      continue;
    }
    const hist = input.history?.[el.code];
    if (hist && el.valueType !== 'BOOLEAN') {
      const o = isOutlier(parsed.num, hist);
      if (o?.outlier)
        issues.push({
          kind: 'outlier', importance: 'warning', dataElementCode: el.code, commented: commentOf(el.code),
          message: `${el.name}: ${formatNumber(parsed.num)} khác xa các kỳ trước của đơn vị (thường trong khoảng ${formatNumber(Math.max(0, Math.round(o.low)))} – ${formatNumber(Math.round(o.high))}). Đề nghị kiểm tra lại hoặc ghi chú giải thích.`,
        });
    }
  }
  const known = new Set(input.elements.map((e) => e.code));
  for (const rule of input.rules) {
    let r: ReturnType<typeof checkRule>;
    try {
      r = checkRule(
        { left: rule.left, operator: rule.operator, right: rule.right, importance: rule.importance, message: rule.message, missingValueStrategy: rule.missingValueStrategy },
        (code) => (known.has(code) ? nums.get(code) : undefined),
      );
    } catch {
      continue; // a broken rule is reported by the catalog, never blocks a unit
    }
    if (r.status !== 'fail') continue;
    const first = /#\{([^}]+)\}/.exec(rule.left)?.[1] ?? null;
    issues.push({
      kind: 'rule', importance: rule.importance, dataElementCode: first, ruleCode: rule.code, message: rule.message,
      commented: rule.importance === 'warning' && commentOf(first), leftValue: r.leftValue, rightValue: r.rightValue,
    });
  }
  return issues;
}

/** Submission is blocked by any error, and by any warning whose value has no comment. */
export function blockingIssues(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.importance === 'error' || !i.commented);
}
