/**
 * What an import needs to check a row without asking the database: codes → ids, value types and
 * bounds, which forms report which element at which unit and period type, and the reporting rounds.
 * Loaded once per import; each row is then resolved in memory.
 */
import {
  controlCharReason,
  findControlChar,
  formatNumber,
  type Period,
  type PeriodType,
  parsePeriod,
  parseValue,
  periodLabel,
  periodTypeLabel,
  toPlainDecimal,
  type ValueType,
} from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { dataValuesRepo, type FormRow, type UnitRow } from './datavalues.repository.js';
import type { DhisActor } from './dhis2.policy.js';
import { isUnitRole } from './dhis2.policy.js';

export type ElementInfo = {
  id: number;
  code: string;
  name: string;
  valueType: ValueType;
  min: number | null;
  max: number | null;
  reportLevel: number | null;
};
export type RawRow = {
  index: number;
  dataElement: unknown;
  period: unknown;
  orgUnit: unknown;
  value: unknown;
  comment: unknown;
  coc: unknown;
  aoc: unknown;
  deleted: unknown;
};
export type Conflict = { object: string; value: string };
/** A row that passed every check that needs no submission state. */
export type GoodRow = {
  index: number;
  deId: number;
  deCode: string;
  ouId: number;
  ouCode: string;
  period: string;
  value: string;
  num: number | null;
  comment: string | null;
  formId: number;
  /** Existing round of the target form for this period (null: approve import creates it). */
  roundId: number | null;
  /** Rounds of the other forms that report this element at this unit and period: their approval locks it too. */
  otherRounds: number[];
};

const DEFAULT_COC = new Set(['', 'default', 'HllvX50cXC0', 'bRowv6yZOF2']);
const MAX_COMMENT = 5000;
const pairKey = (a: number, b: number) => a * 4_194_304 + b;
const str = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

/** The text fields of a row, as the CSV header and the JSON object name them; value and comment may span lines. */
const TEXT_FIELDS: [keyof RawRow, string, boolean][] = [
  ['dataElement', 'dataElement', false],
  ['period', 'period', false],
  ['orgUnit', 'orgUnit', false],
  ['value', 'value', true],
  ['comment', 'comment', true],
  ['coc', 'categoryOptionCombo', false],
  ['aoc', 'attributeOptionCombo', false],
];

/** The text boundary for one row: the first control character, named by row and column, as a conflict. */
function textConflict(row: RawRow, format: 'json' | 'csv'): Conflict | null {
  for (const [key, column, multiline] of TEXT_FIELDS) {
    const v = row[key];
    const c = typeof v === 'string' ? findControlChar(v, { multiline }) : null;
    if (!c) continue;
    const where = format === 'csv' ? `Dòng dữ liệu ${formatNumber(row.index + 1)}, cột "${column}"` : `dataValues[${row.index}], trường "${column}"`;
    return { object: column, value: `${where}: ${controlCharReason(c)}.` };
  }
  return null;
}

/** A code as sent (NFC, trimmed), or null when absent or empty. */
export const codeOf = (v: unknown): string | null => str(v)?.normalize('NFC').trim() || null;

/** DHIS2 writes numbers the machine way ('12.5', '1.5E7'): there '.' is always the decimal point. */
const MACHINE_DECIMAL = /^[+-]?\d+\.\d+$/;
const MACHINE_EXP = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;
function parseDhisValue(valueType: ValueType, raw: string) {
  let text = raw.trim();
  if (valueType !== 'TEXT' && valueType !== 'BOOLEAN') {
    if (MACHINE_EXP.test(text)) {
      const n = Number(text);
      if (Number.isFinite(n)) text = (n < 0 ? '-' : '') + toPlainDecimal(Math.abs(n));
    }
    if (MACHINE_DECIMAL.test(text)) text = text.replace('.', ',');
  }
  return parseValue(valueType, text);
}

export class ImportContext {
  readonly elements = new Map<string, ElementInfo>();
  readonly units = new Map<string, UnitRow>();
  readonly forms = new Map<number, FormRow>();
  readonly formsByCode = new Map<string, FormRow>();
  private readonly formsOfElement = new Map<number, number[]>();
  private readonly assigned = new Set<number>();
  /** `${formId}|${period}` → round */
  readonly rounds = new Map<string, { id: number; status: string }>();
  private readonly periods = new Map<string, Period | null>();
  /** How rows are named in a conflict: CSV line of data, or JSON array position. */
  format: 'json' | 'csv' = 'json';
  /** Top-level defaults of a JSON data value set. */
  defaults: { dataSet: string | null; period: string | null; orgUnit: string | null } = { dataSet: null, period: null, orgUnit: null };

  private constructor(
    readonly actor: DhisActor,
    readonly approve: boolean,
  ) {}

  static async load(db: Db, actor: DhisActor, approve: boolean): Promise<ImportContext> {
    const ctx = new ImportContext(actor, approve);
    const unitRole = isUnitRole(actor);
    // One after the other: inside a transaction the queries share one connection anyway.
    const elements = await dataValuesRepo.elements(db);
    const units = unitRole
      ? actor.orgUnitId === null
        ? []
        : await dataValuesRepo.units(db, actor.orgUnitId)
      : await dataValuesRepo.units(db);
    const forms = await dataValuesRepo.forms(db);
    const fe = await dataValuesRepo.formElements(db);
    const fu = await dataValuesRepo.formUnits(db);
    const rounds = await dataValuesRepo.rounds(db);
    for (const e of elements)
      ctx.elements.set(e.code, {
        id: e.id,
        code: e.code,
        name: e.name,
        valueType: e.value_type as ValueType,
        min: e.min_value,
        max: e.max_value,
        reportLevel: e.report_level,
      });
    for (const u of units) ctx.units.set(u.code, u);
    for (const f of forms) {
      ctx.forms.set(f.id, f);
      ctx.formsByCode.set(f.code, f);
    }
    for (const r of fe) {
      const list = ctx.formsOfElement.get(r.data_element_id);
      if (list) list.push(r.form_id);
      else ctx.formsOfElement.set(r.data_element_id, [r.form_id]);
    }
    for (const list of ctx.formsOfElement.values()) list.sort((a, b) => a - b);
    for (const r of fu) ctx.assigned.add(pairKey(r.form_id, r.org_unit_id));
    for (const r of rounds) ctx.rounds.set(`${r.form_id}|${r.period}`, { id: r.id, status: r.status });
    return ctx;
  }

  period(id: string): Period | null {
    let p = this.periods.get(id);
    if (p === undefined) {
      p = parsePeriod(id);
      this.periods.set(id, p);
    }
    return p;
  }

  /** Checks one row; a conflict explains in Vietnamese why it is refused. */
  resolve(row: RawRow): GoodRow | Conflict {
    const bad = textConflict(row, this.format);
    if (bad) return bad;
    const d = this.defaults;
    const deCode = codeOf(row.dataElement);
    const periodId = codeOf(row.period) || d.period;
    const ouCode = codeOf(row.orgUnit) || d.orgUnit;
    if (!deCode) return { object: 'dataElement', value: 'Thiếu mã chỉ tiêu (dataElement).' };
    if (!periodId) return { object: deCode, value: 'Thiếu kỳ báo cáo (period).' };
    if (!ouCode) return { object: deCode, value: 'Thiếu mã đơn vị (orgUnit).' };
    const coc = str(row.coc);
    const aoc = str(row.aoc);
    if ((coc !== null && !DEFAULT_COC.has(coc)) || (aoc !== null && !DEFAULT_COC.has(aoc)))
      return { object: deCode, value: 'Nhịp chưa hỗ trợ số liệu phân tổ (categoryOptionCombo/attributeOptionCombo khác mặc định).' };
    if (row.deleted === true || row.deleted === 'true')
      return { object: deCode, value: 'Không xóa số liệu qua nhập dữ liệu; hãy xóa trên biểu nhập của đơn vị.' };

    const el = this.elements.get(deCode);
    if (!el) return { object: deCode, value: `Không có chỉ tiêu mã "${deCode}".` };
    const p = this.period(periodId);
    if (!p) return { object: periodId, value: `Kỳ báo cáo "${periodId}" không hợp lệ (dạng 2024, 2024S1, 2024Q1, 202401).` };
    const ou = this.units.get(ouCode);
    if (!ou) {
      return isUnitRole(this.actor) || !canSeeAllUnits(this.actor)
        ? { object: ouCode, value: `Không có quyền với đơn vị ${ouCode}.` }
        : { object: ouCode, value: `Không có đơn vị mã "${ouCode}".` };
    }

    const rawValue = str(row.value);
    if (rawValue === null || rawValue.trim() === '')
      return {
        object: deCode,
        value: `Thiếu giá trị của chỉ tiêu ${deCode} (đơn vị ${ouCode}, kỳ ${periodId}); giá trị trống không dùng để xóa số liệu.`,
      };
    const parsed = parseDhisValue(el.valueType, rawValue);
    if (!parsed.ok) return { object: deCode, value: `${el.code}: ${parsed.message} (đơn vị ${ouCode}, kỳ ${periodId})` };
    if (parsed.num !== null && ((el.min !== null && parsed.num < el.min) || (el.max !== null && parsed.num > el.max))) {
      const range = `${el.min !== null ? formatNumber(el.min) : '…'} – ${el.max !== null ? formatNumber(el.max) : '…'}`;
      return {
        object: deCode,
        value: `${el.code}: giá trị ${formatNumber(parsed.num)} nằm ngoài giới hạn cho phép (${range}) (đơn vị ${ouCode}, kỳ ${periodId}).`,
      };
    }
    const rawComment = str(row.comment);
    const comment = rawComment === null ? null : rawComment.normalize('NFC').trim() || null;
    if (comment && comment.length > MAX_COMMENT)
      return { object: deCode, value: `Ghi chú quá dài (tối đa ${formatNumber(MAX_COMMENT)} ký tự).` };

    if (p.end < ou.valid_from || (ou.valid_to !== null && p.start > ou.valid_to))
      return { object: ouCode, value: `Đơn vị ${ouCode} không hoạt động trong ${periodLabel(p)}.` };
    if (el.reportLevel !== null && ou.level !== el.reportLevel)
      return {
        object: deCode,
        value: `Chỉ tiêu ${deCode} chỉ báo cáo ở đơn vị cấp ${el.reportLevel}; đơn vị ${ouCode} ở cấp ${ou.level}.`,
      };

    const candidates = this.candidateForms(el.id, ou.id, p.type);
    let target: number | undefined;
    if (d.dataSet) {
      const f = this.formsByCode.get(d.dataSet);
      if (!f) return { object: d.dataSet, value: `Không có biểu mẫu (dataSet) mã "${d.dataSet}".` };
      if (!candidates.includes(f.id))
        return {
          object: deCode,
          value: `Chỉ tiêu ${deCode} không thuộc biểu mẫu ${f.code} của đơn vị ${ouCode} theo ${periodTypeLabel(p.type).toLowerCase()}.`,
        };
      target = f.id;
    }
    if (candidates.length === 0)
      return {
        object: deCode,
        value: `Đơn vị ${ouCode} không được giao báo cáo chỉ tiêu ${deCode} theo ${periodTypeLabel(p.type).toLowerCase()} trong biểu mẫu nào.`,
      };

    const roundOf = (f: number) => this.rounds.get(`${f}|${p.id}`);
    if (target === undefined) {
      target = this.approve
        ? (candidates.find((f) => roundOf(f)) ?? candidates[0])
        : (candidates.find((f) => roundOf(f)?.status === 'open') ?? candidates.find((f) => roundOf(f)) ?? candidates[0]);
    }
    const round = roundOf(target);
    if (!this.approve) {
      if (!round) return { object: p.id, value: `Chưa mở đợt báo cáo cho kỳ này (${this.forms.get(target)?.code}, ${periodLabel(p)}).` };
      if (round.status !== 'open')
        return {
          object: p.id,
          value: `Chưa mở đợt báo cáo cho kỳ này: đợt báo cáo ${this.forms.get(target)?.code} ${periodLabel(p)} đã đóng.`,
        };
    }
    const otherRounds: number[] = [];
    for (const f of candidates) {
      if (f === target) continue;
      const r = roundOf(f);
      if (r) otherRounds.push(r.id);
    }
    return {
      index: row.index,
      deId: el.id,
      deCode,
      ouId: ou.id,
      ouCode,
      period: p.id,
      value: parsed.canonical,
      num: parsed.num,
      comment,
      formId: target,
      roundId: round?.id ?? null,
      otherRounds,
    };
  }

  /** Forms that contain the element, are assigned to the unit and have the period's type, lowest id first. */
  private candidateForms(deId: number, ouId: number, type: PeriodType): number[] {
    const forms = this.formsOfElement.get(deId);
    if (!forms) return [];
    const out: number[] = [];
    for (const f of forms) {
      const form = this.forms.get(f);
      if (!form || form.period_type !== type || !this.assigned.has(pairKey(f, ouId))) continue;
      if (!this.approve && !form.active) continue;
      out.push(f);
    }
    return out;
  }
}

function canSeeAllUnits(a: DhisActor) {
  return a.role === 'admin' || a.role === 'office';
}
