/**
 * The kit's .docx building blocks: page measures, lines, rules, borderless layout cells and bordered data tables
 * (Decree 30/2020/NĐ-CP, Appendix I). kit/docx.ts puts them together into a document.
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { type ColumnKind, isNumericKind, type TextRunSpec } from './model.js';

export const FONT = 'Times New Roman';
/** Twips (1/20 pt; 1 mm ≈ 56.7 twips). */
export const A4 = { width: 11906, height: 16838 } as const;
export const MARGINS = { top: 1134, bottom: 1134, left: 1701, right: 850, header: 567, footer: 567 } as const;
export const CONTENT_WIDTH = A4.width - MARGINS.left - MARGINS.right; // 9355
export const LANDSCAPE_CONTENT_WIDTH = A4.height - MARGINS.left - MARGINS.right; // 14287
/** Body text 14 pt, in half-points. */
export const BODY_SIZE = 28;
/** Tables in the body 12 pt, appendix tables 11 pt (half-points). */
export const FIGURE_TABLE_SIZE = 24;
export const APPENDIX_TABLE_SIZE = 22;
const FIRST_LINE_INDENT = 720; // 1,27 cm
export const LINE = 288; // 1,2 lines
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
export const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const THIN_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

interface LineOpts {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  before?: number;
  after?: number;
}

/** A single-spaced line of text, as used in the header and signature blocks. */
export function line(text: string, o: LineOpts = {}): Paragraph {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.CENTER,
    spacing: { before: o.before ?? 0, after: o.after ?? 0, line: 240 },
    children: [new TextRun({ text, font: FONT, size: o.size ?? 26, bold: o.bold, italics: o.italics })],
  });
}

/** A short centred horizontal rule of `width` twips inside a cell/page `span` twips wide. */
export function rule(width: number, span: number, after = 60, before = 0): Paragraph {
  const side = Math.max(0, Math.round((span - width) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    // An exact 4 pt line keeps the rule just under the text above it.
    spacing: { before, after, line: 80, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', font: FONT, size: 4 })],
  });
}

/** Left and right margin inside a bordered table cell, twips. */
const CELL_MARGIN = 60;

export function cell(children: Paragraph[], width: number, opts: { borders?: boolean; vAlign?: 'top' | 'center' } = {}): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    borders: opts.borders ? undefined : { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
    verticalAlign: opts.vAlign === 'center' ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: opts.borders ? { top: 40, bottom: 40, left: CELL_MARGIN, right: CELL_MARGIN } : { top: 0, bottom: 0, left: 0, right: 0 },
  });
}

/**
 * Width in twips of a cell showing `text` on one line in Times New Roman at `size` half-points, margins
 * included. Advance widths of Times New Roman (and its metric twin Liberation Serif): digits ½ em, '.' and
 * ',' ¼ em, '%' ⅚ em; 5 % to spare for rounding in the layout engines.
 */
export function oneLineWidth(text: string, size: number): number {
  const em = [...text].reduce((w, c) => w + (/\d/.test(c) ? 0.5 : c === '.' || c === ',' ? 0.25 : c === '%' ? 0.833 : 0.5), 0);
  return Math.ceil(em * (size / 2) * 20 * 1.05) + 2 * CELL_MARGIN;
}

/** The widest figure a document shows: numbers up to 999.999.999 must never wrap. */
export const WIDEST_FIGURE = '999.999.999';

/**
 * Column widths (twips) of a data table: figures as wide as the widest figure needs (at least `minNumber`),
 * STT, unit and percentage columns their usual widths, and the text columns share what is left.
 */
export function columnWidths(kinds: readonly ColumnKind[], total: number, size: number, minNumber = 0): number[] {
  const fixed: Record<Exclude<ColumnKind, 'text'>, number> = {
    number: Math.max(minNumber, oneLineWidth(WIDEST_FIGURE, size)),
    percent: oneLineWidth('9.999,9', size),
    index: oneLineWidth('999', size) + 120,
    unit: Math.round(total * 0.105),
  };
  const widths = kinds.map((k) => (k === 'text' ? 0 : fixed[k]));
  const texts = kinds.filter((k) => k === 'text').length;
  const rest = total - widths.reduce((a, b) => a + b, 0);
  if (texts === 0) return widths;
  const each = Math.floor(rest / texts);
  let first = true;
  return widths.map((w, i) => {
    if (kinds[i] !== 'text') return w;
    const v = first ? rest - each * (texts - 1) : each;
    first = false;
    return v;
  });
}

export function runs(specs: readonly TextRunSpec[], size = BODY_SIZE): TextRun[] {
  return specs.map((r) => new TextRun({ text: r.text, font: FONT, size, bold: r.bold, italics: r.italic }));
}

/** A body paragraph: justified with a first-line indent, or centred without one. */
export function bodyParagraph(specs: readonly TextRunSpec[], o: { before?: number; keepNext?: boolean; center?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: o.center ? undefined : { firstLine: FIRST_LINE_INDENT },
    spacing: { before: o.before ?? 0, after: 120, line: LINE },
    keepNext: o.keepNext,
    children: runs(specs),
  });
}

function tableCellText(text: string, o: { bold?: boolean; align: 'left' | 'center' | 'right'; size: number }): Paragraph {
  const align = o.align === 'right' ? AlignmentType.RIGHT : o.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
  return new Paragraph({
    alignment: align,
    spacing: { before: 0, after: 0, line: 240 },
    children: [new TextRun({ text, font: FONT, size: o.size, bold: o.bold })],
  });
}

/** A bordered data table, columns sized by what they hold (see `columnWidths`); the heading row repeats on each page. */
export function dataTable(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  kinds: readonly ColumnKind[],
  totalWidth: number,
  size: number,
  minNumber = 0,
): Table {
  const numeric = (i: number) => isNumericKind(kinds[i]);
  const widths = columnWidths(kinds, totalWidth, size, minNumber);
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) =>
      cell([tableCellText(c, { bold: true, align: 'center', size })], widths[i] as number, { borders: true, vAlign: 'center' }),
    ),
  });
  const body = rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: columns.map((_, i) =>
          cell([tableCellText(r[i] ?? '', { align: numeric(i) ? 'right' : 'left', size })], widths[i] as number, {
            borders: true,
            vAlign: 'center',
          }),
        ),
      }),
  );
  return new Table({
    rows: [head, ...body],
    width: { size: totalWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: THIN_BORDERS,
  });
}
