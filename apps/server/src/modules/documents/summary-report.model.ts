/**
 * Input of the draft summary report ("Dự thảo báo cáo tổng kết") and its wording helpers. The report is a
 * document of the Decree 30 kit (kit/model.ts): summary-report.content.ts turns this input into the kit's
 * document, which the kit renders as .docx, HTML and PDF.
 *
 * The document builders are pure: they take this plain structure (compiled by
 * the caller from approved figures and the units' narratives) and produce a
 * file. Nothing here reads the database or the clock.
 */
import { formatNumber, periodLabel, previousPeriod, romanQuarter, samePeriodLastYear, toPeriod } from '@nhip/contracts';

import { upperVi, type Signer } from './kit/model.js';

export { documentDateLine, documentNumberLine, isBullet, listLine, recipientLines, upperVi } from './kit/model.js';
export type { Signer } from './kit/model.js';

export type SummaryPeriodKind = 'quarter' | 'six_months' | 'nine_months' | 'year';

export interface NarrativeBlock {
  /** e.g. 'Phòng Văn hóa và Thông tin huyện Hòa An'; '' for what several units said alike, said once for them. */
  readonly unitName: string;
  /** One entry per paragraph; a paragraph starting with '- ' is a bullet. */
  readonly paragraphs: readonly string[];
}

export interface KeyFigure {
  readonly name: string;
  readonly uom: string | null;
  readonly current: number | null;
  readonly previous: number | null;
  readonly lastYear: number | null;
  readonly target: number | null;
  /** Achievement of the annual target, in percent (94.3 → '94,3'). */
  readonly achievedPct: number | null;
  /** Decimals shown for current/previous/lastYear/target. */
  readonly decimals: number;
}

export interface SectorResults {
  readonly name: string;
  readonly narrative: readonly NarrativeBlock[];
  readonly figures: readonly KeyFigure[];
  /** Figures in prose, said first in the sector's part I ('Toàn tỉnh có 1.466 vị trí trạm BTS …'); every number from `figures`' source. */
  readonly sentences?: readonly string[];
  /** The same sentences with their figures marked as fields (figure-sentences.ts: markedParts), for the edited draft. */
  readonly markedSentences?: readonly string[];
}

/** One point, already merged by the caller when several units raised it. */
export interface RaisedPoint {
  readonly text: string;
  readonly units: readonly string[];
  /** When more than five units raised it: the units by type with counts ('08 Trung tâm VH-TT-TT cấp huyện, 21 đài truyền thanh cơ sở'). */
  readonly unitsByType?: string;
  /** The follow-up register's count of the periods it was raised in, when it recognises the point (≥ 2: 'nêu lại lần thứ N'). */
  readonly timesRaised?: number | null;
}

export interface SectorPoints {
  readonly sector: string;
  readonly points: readonly RaisedPoint[];
}

export type AppendixCell = string | number | null;

export interface AppendixTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly AppendixCell[])[];
}

export interface SummaryReportInput {
  /** Cơ quan chủ quản, e.g. 'ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH'. */
  readonly parentBody: string;
  /** Cơ quan ban hành, e.g. 'SỞ KHOA HỌC VÀ CÔNG NGHỆ'. */
  readonly issuer: string;
  /** Used in the document number: 'Số: 12/BC-SKHCN'. */
  readonly issuerShort: string;
  /** null while a draft: the clerk fills in the number when it is registered. */
  readonly number: string | null;
  readonly place: string;
  /** 'YYYY-MM-DD'. */
  readonly date: string;
  readonly periodKind: SummaryPeriodKind;
  /** '2023' | '2023Q1' | '2023S1' | '2023N1'. */
  readonly period: string;
  /** The subject line; `subjectLine(period)` computes the usual wording. */
  readonly subject: string;
  readonly sectors: readonly SectorResults[];
  readonly difficulties: readonly SectorPoints[];
  readonly nextTasks: readonly string[];
  /** The next period's key tasks from the follow-up register, by sector; when given and not empty, part III lists these instead of `nextTasks`. */
  readonly nextTaskGroups?: readonly { readonly sector: string; readonly tasks: readonly string[] }[];
  /** "Kết quả giải quyết kiến nghị kỳ trước": the previous period's recommendations in the grid on the report's date (absent: no section). */
  readonly previousRecommendations?: PreviousRecommendations | null;
  readonly proposals: readonly SectorPoints[];
  readonly appendix: readonly AppendixTable[];
  readonly signer: Signer;
  readonly recipients: readonly string[];
}

/** The previous period's recommendations as the follow-up register counts them (Decision 42/2014/QĐ-TTg grid). */
export interface PreviousRecommendations {
  /** 'năm 2024', 'quý II năm 2025'. */
  readonly periodText: string;
  readonly total: number;
  readonly doneOnTime: number;
  readonly doneLate: number;
  readonly openWithinDeadline: number;
  readonly openOverdue: number;
  /** The notable ones (overdue first, then those raised most often), each with its owner division. */
  readonly notable: readonly { readonly text: string; readonly owner: string | null; readonly status: string }[];
}

interface PeriodWording {
  readonly kind: SummaryPeriodKind;
  /** 'năm 2023', 'quý I năm 2023', '6 tháng đầu năm 2023', '9 tháng năm 2023'. */
  readonly current: string;
  /** 'năm 2024', 'quý II năm 2023', '6 tháng cuối năm 2023', 'quý IV năm 2023'. */
  readonly next: string;
}

/** How a summary period and the one after it are named in a report. */
export function periodWording(period: string): PeriodWording {
  const p = toPeriod(period);
  const y = p.year;
  switch (p.type) {
    case 'Yearly':
      return { kind: 'year', current: `năm ${y}`, next: `năm ${y + 1}` };
    case 'Quarterly':
      return {
        kind: 'quarter',
        current: `quý ${romanQuarter(p.index)} năm ${y}`,
        next: p.index === 4 ? `quý I năm ${y + 1}` : `quý ${romanQuarter(p.index + 1)} năm ${y}`,
      };
    case 'SixMonthly':
      return p.index === 1
        ? { kind: 'six_months', current: `6 tháng đầu năm ${y}`, next: `6 tháng cuối năm ${y}` }
        : { kind: 'six_months', current: `6 tháng cuối năm ${y}`, next: `6 tháng đầu năm ${y + 1}` };
    case 'NineMonthly':
      return { kind: 'nine_months', current: `9 tháng năm ${y}`, next: `quý IV năm ${y}` };
    case 'Monthly':
      throw new RangeError(`Báo cáo tổng kết không lập theo tháng: ${p.id}`);
  }
}

/**
 * The subject line ("trích yếu") of the report for a period:
 * '2023' → 'Kết quả công tác năm 2023 và phương hướng, nhiệm vụ năm 2024';
 * '2023Q1' → 'Kết quả công tác quý I năm 2023 và nhiệm vụ trọng tâm quý II năm 2023'.
 */
export function subjectLine(period: string): string {
  const w = periodWording(period);
  return w.kind === 'year'
    ? `Kết quả công tác ${w.current} và phương hướng, nhiệm vụ ${w.next}`
    : `Kết quả công tác ${w.current} và nhiệm vụ trọng tâm ${w.next}`;
}

/** Heading of part III: 'PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024' / 'NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2023'. */
export function nextTasksHeading(period: string): string {
  const w = periodWording(period);
  const text = w.kind === 'year' ? `phương hướng, nhiệm vụ ${w.next}` : `nhiệm vụ trọng tâm ${w.next}`;
  return upperVi(text);
}

export const MISSING = '—';

/** Figure in Vietnamese format: 1634 → '1.634', 94.25 (1 decimal) → '94,3', null → '—'. */
export function figureText(n: number | null, decimals: number): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  return formatNumber(n, { decimals });
}

export function appendixCellText(cell: AppendixCell): string {
  if (cell === null) return MISSING;
  if (typeof cell === 'number') return Number.isFinite(cell) ? formatNumber(cell, { maxDecimals: 2 }) : MISSING;
  return cell;
}

/** Columns of a sector's key-figure table for a quarter, six or nine months. */
export const FIGURE_COLUMNS = [
  'Chỉ tiêu',
  'Đơn vị tính',
  'Kỳ này',
  'Kỳ trước',
  'Cùng kỳ năm trước',
  'Kế hoạch năm',
  '% thực hiện kế hoạch',
] as const;

/**
 * For a year the previous period is the same period last year (2024 for 2025): one column, not two equal
 * ones. True when the report's period has that property.
 */
export function previousIsLastYear(period: string): boolean {
  return previousPeriod(period).id === samePeriodLastYear(period).id;
}

/**
 * Headings of a sector's key-figure table: FIGURE_COLUMNS, or for a year
 * ['Chỉ tiêu', 'Đơn vị tính', 'Năm 2025', 'Năm 2024', 'Kế hoạch năm', '% thực hiện kế hoạch'].
 */
export function figureColumns(period: string, withTarget = true): string[] {
  const columns = previousIsLastYear(period)
    ? ['Chỉ tiêu', 'Đơn vị tính', periodLabel(period, 'vi'), periodLabel(previousPeriod(period), 'vi'), 'Kế hoạch năm', '% thực hiện kế hoạch']
    : [...FIGURE_COLUMNS];
  return withTarget ? columns : columns.slice(0, -2);
}

/** Whether a sector's table carries the target columns: only when one of its figures has a target (no column of dashes). */
export const hasTargets = (figures: readonly KeyFigure[]) => figures.some((f) => f.target !== null);

/** One row of a sector's key-figure table, as text, matching `figureColumns(period, withTarget)`. */
export function figureRow(f: KeyFigure, period: string, withTarget = true): string[] {
  return [
    f.name,
    f.uom ?? '',
    figureText(f.current, f.decimals),
    figureText(f.previous, f.decimals),
    ...(previousIsLastYear(period) ? [] : [figureText(f.lastYear, f.decimals)]),
    ...(withTarget ? [figureText(f.target, f.decimals), figureText(f.achievedPct, 1)] : []),
  ];
}

/**
 * A point followed by the units that raised it, before its final punctuation:
 * ('Thiếu nhân lực CNTT.', ['Xã A', 'Xã B']) → 'Thiếu nhân lực CNTT (02 đơn vị: Xã A, Xã B).'
 */
export function pointWithUnits(point: RaisedPoint): string {
  const text = point.text.trim();
  const units = point.units.map((u) => u.trim()).filter(Boolean);
  // Several units: their count first; more than five: named by type (the full list is in the appendix). Recognised by
  // the follow-up register as raised in earlier periods too: '; nêu lại lần thứ N'.
  const count = `${units.length < 10 ? '0' : ''}${units.length}`;
  const byType = point.unitsByType?.trim() ?? '';
  // all of one type ('09 UBND cấp xã'): the type says the count, no '09 đơn vị:' before it
  const who = units.length <= 1 ? units.join('') : byType.startsWith(`${count} `) ? byType : `${count} đơn vị: ${byType || units.join(', ')}`;
  const again = point.timesRaised && point.timesRaised >= 2 ? `nêu lại lần thứ ${point.timesRaised}` : '';
  const note = [who, again].filter(Boolean).join('; ');
  if (!note) return text;
  const m = /^(.*?)([.;:…]*)$/su.exec(text);
  const body = m?.[1] ?? text;
  const end = m?.[2] ?? '';
  return `${body} (${note})${end}`;
}
