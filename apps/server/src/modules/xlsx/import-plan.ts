/**
 * What a filled template would change, worked out without touching the database: every row read against
 * the form, the values that differ from what is saved, the narrative, the cell-addressed errors and the
 * validation of the report as it would stand (saved values overlaid with the uploaded ones).
 *
 * Rules: column A is the key; a blank value cell (or blank comment, blank narrative) leaves what is saved
 * unchanged; any error means the file is applied not at all.
 */
import {
  controlCharReason, type ElementDef, findControlChar, type Issue, NARRATIVE_LABELS, NARRATIVE_SECTIONS, type NarrativeSection, type RuleDef, type ValueType, formatNumber,
  parseValue, toPlainDecimal, validateReport,
} from '@nhip/contracts';
import { COL } from './template-layout.js';
import type { CellRead, WorkbookRead } from './template-reader.js';

export type SavedValue = { value: string; comment: string | null };

export type PlanInput = {
  elements: ElementDef[];
  rules: RuleDef[];
  narrativeAllowed: boolean;
  saved: Record<string, SavedValue>;
  savedNarrative: Record<NarrativeSection, string>;
  previous: Record<string, string>;
  history: Record<string, number[]>;
  read: Pick<WorkbookRead, 'rows' | 'narrative'>;
  /** The narrative normalisation the entry form uses, so "unchanged" means the same thing on both paths. */
  normalizeNarrative: (s: string) => string;
  maxCommentChars: number;
  maxNarrativeChars: number;
};

export type PlanValue = {
  code: string;
  name: string;
  /** The value the report will hold (canonical, as stored), null when none. */
  value: string | null;
  /** What is saved now. */
  saved: string | null;
  /** The unit's value for the previous period. */
  previous: string | null;
  comment: string | null;
  changed: boolean;
  /** The value cell in the file, null when the file has no row for the element. */
  cell: string | null;
};

export type CellError = { cell: string; message: string };
export type Change = { code: string; value: string; comment?: string };

export type ImportPlan = {
  values: PlanValue[];
  narrative: Record<NarrativeSection, string>;
  narrativeChanged: NarrativeSection[];
  changes: Change[];
  errors: CellError[];
  issues: Issue[];
};

/** The text boundary for one cell: why its text is refused ('C12 (dòng 12, cột C): chứa ký tự điều khiển …'), or null. */
export function cellTextProblem(cell: string, text: string | null | undefined, multiline: boolean): CellError | null {
  const c = text ? findControlChar(text, { multiline }) : null;
  if (!c) return null;
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  return { cell, message: `${cell}${m ? ` (dòng ${m[2]}, cột ${m[1]})` : ''}: ${controlCharReason(c)}.` };
}

const isNumeric = (t: ValueType) => t === 'INTEGER' || t === 'NUMBER' || t === 'PERCENTAGE';
/** Rounds away binary noise (0.943 × 100 = 94.30000000000001). */
const tidy = (n: number) => Number(n.toPrecision(12));

/**
 * A stored canonical value written so that parseValue reads it back exactly: numbers in Vietnamese form
 * ('1,634' is 1.634, '1.634' is 1634), others as they are.
 */
export function asInput(valueType: ValueType, canonical: string): string {
  if (!isNumeric(valueType)) return canonical;
  const n = Number(canonical);
  return Number.isFinite(n) ? formatNumber(n, { maxDecimals: 20 }) : canonical;
}

/** The text of a value cell as parseValue takes it, or why it cannot be a value of this type. */
export function cellInput(valueType: ValueType, c: CellRead): { ok: true; raw: string | null } | { ok: false; message: string } {
  const what = valueType === 'BOOLEAN' ? 'Có/Không' : valueType === 'TEXT' ? 'nội dung' : 'số';
  switch (c.kind) {
    case 'blank':
      return { ok: true, raw: null };
    case 'number': {
      const n = c.percentFormat && valueType === 'PERCENTAGE' ? tidy(c.n * 100) : c.n;
      return { ok: true, raw: valueType === 'TEXT' ? toPlainDecimal(n) : formatNumber(n, { maxDecimals: 20 }) };
    }
    case 'text':
      return { ok: true, raw: c.text };
    case 'bool':
      if (valueType === 'BOOLEAN' || valueType === 'TEXT') return { ok: true, raw: c.b ? 'Có' : 'Không' };
      return { ok: false, message: `ô chứa giá trị đúng/sai (TRUE/FALSE), không phải ${what}.` };
    case 'date':
      return { ok: false, message: `ô chứa ngày tháng, không phải ${what} (Excel có thể đã tự đổi số vừa nhập thành ngày). Hãy nhập lại.` };
    case 'error':
      return { ok: false, message: `${c.message}.` };
  }
}

export function planImport(input: PlanInput): ImportPlan {
  const errors: CellError[] = [];
  const byCode = new Map(input.elements.map((e) => [e.code, e]));
  const seen = new Map<string, number>();
  const uploaded = new Map<string, { canonical: string; input: string; comment: string | null; cell: string }>();
  const commentOnly = new Map<string, { comment: string; cell: string }>();

  for (const row of input.read.rows) {
    // Codes are one line; a value (a TEXT element is written in a text area) and a comment may span lines.
    const bad =
      cellTextProblem(row.codeCell, row.code, false) ??
      cellTextProblem(row.valueCell, row.value.kind === 'text' ? row.value.text : null, true) ??
      cellTextProblem(`${COL.comment}${row.row}`, row.comment, true);
    if (bad) {
      errors.push(bad);
      continue;
    }
    const el = byCode.get(row.code);
    if (!el) {
      errors.push({ cell: row.codeCell, message: `${row.codeCell}: mã chỉ tiêu ${row.code.slice(0, 50)} không có trong biểu mẫu.` });
      continue;
    }
    const first = seen.get(row.code);
    if (first !== undefined) {
      errors.push({ cell: row.codeCell, message: `${row.codeCell}: mã chỉ tiêu ${row.code} lặp lại (đã có ở dòng ${first}).` });
      continue;
    }
    seen.set(row.code, row.row);
    const commentCell = `${COL.comment}${row.row}`;
    if (row.comment && row.comment.length > input.maxCommentChars) {
      errors.push({ cell: commentCell, message: `${commentCell}: ghi chú dài quá ${formatNumber(input.maxCommentChars)} ký tự.` });
      continue;
    }
    const read = cellInput(el.valueType, row.value);
    if (!read.ok) {
      errors.push({ cell: row.valueCell, message: `${row.valueCell}: ${el.name}: ${read.message}` });
      continue;
    }
    if (read.raw === null) {
      if (row.comment) {
        if (input.saved[el.code]) commentOnly.set(el.code, { comment: row.comment, cell: row.valueCell });
        else errors.push({ cell: commentCell, message: `${commentCell}: có ghi chú nhưng ô ${row.valueCell} chưa có số liệu. Hãy nhập số liệu hoặc xóa ghi chú.` });
      }
      continue;
    }
    const parsed = parseValue(el.valueType, read.raw);
    if (!parsed.ok) {
      errors.push({ cell: row.valueCell, message: `${row.valueCell}: ${el.name}: ${parsed.message}` });
      continue;
    }
    const canonicalInput = parsed.num !== null && isNumeric(el.valueType) ? formatNumber(parsed.num, { maxDecimals: 20 }) : parsed.canonical;
    uploaded.set(el.code, { canonical: parsed.canonical, input: canonicalInput, comment: row.comment, cell: row.valueCell });
  }

  const changes: Change[] = [];
  const values: PlanValue[] = [];
  const merged: Record<string, { value: string; comment: string | null }> = {};
  for (const el of input.elements) {
    const saved = input.saved[el.code] ?? null;
    const up = uploaded.get(el.code);
    const note = commentOnly.get(el.code);
    let value = saved?.value ?? null;
    let comment = saved?.comment ?? null;
    let changed = false;
    if (up) {
      comment = up.comment ?? comment;
      changed = !saved || saved.value !== up.canonical || (saved.comment ?? null) !== comment;
      value = up.canonical;
      if (changed) changes.push(up.comment ? { code: el.code, value: up.input, comment: up.comment } : { code: el.code, value: up.input });
    } else if (note && saved && note.comment !== (saved.comment ?? null)) {
      comment = note.comment;
      changed = true;
      changes.push({ code: el.code, value: asInput(el.valueType, saved.value), comment: note.comment });
    }
    if (value !== null) merged[el.code] = { value: up ? up.input : asInput(el.valueType, value), comment };
    values.push({
      code: el.code, name: el.name, value, saved: saved?.value ?? null, previous: input.previous[el.code] ?? null, comment, changed,
      cell: up?.cell ?? note?.cell ?? (seen.has(el.code) ? `${COL.value}${seen.get(el.code)}` : null),
    });
  }

  const narrative = { ...input.savedNarrative };
  const narrativeChanged: NarrativeSection[] = [];
  if (input.narrativeAllowed) {
    for (const s of NARRATIVE_SECTIONS) {
      const n = input.read.narrative[s];
      if (!n) continue;
      const bad = cellTextProblem(n.cell, n.text, true);
      if (bad) {
        errors.push(bad);
        continue;
      }
      const text = input.normalizeNarrative(n.text);
      if (text === '') continue;
      if (text.length > input.maxNarrativeChars) {
        errors.push({
          cell: n.cell,
          message: `${n.cell}: phần "${NARRATIVE_LABELS[s].vi}" dài ${formatNumber(text.length)} ký tự, vượt quá giới hạn ${formatNumber(input.maxNarrativeChars)} ký tự.`,
        });
        continue;
      }
      if (text !== input.normalizeNarrative(narrative[s])) narrativeChanged.push(s);
      narrative[s] = text;
    }
  }

  const issues = validateReport({ elements: input.elements, rules: input.rules, values: merged, history: input.history });
  return { values, narrative, narrativeChanged, changes, errors: sortErrors(errors), issues };
}

/** Errors in reading order: by row, then column. */
function sortErrors(errors: CellError[]): CellError[] {
  const key = (cell: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(cell);
    return m ? Number(m[2]) * 100 + (m[1].charCodeAt(0) - 64) : Number.MAX_SAFE_INTEGER;
  };
  return [...errors].sort((a, b) => key(a.cell) - key(b.cell));
}
