/**
 * The draft summary report as .docx, laid out per Decree 30/2020/NĐ-CP
 * (Appendix I): A4 portrait, margins 20/20/30/15 mm, Times New Roman, the
 * header block as a borderless two-column table, page numbers at the top
 * centre from page 2, and the appendix tables on a landscape page.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  type ISectionOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  appendixSubtitle, appendixTables, type Block, type ColumnKind, isNumericKind, reportBody, type TextRunSpec,
} from './summary-report.content.js';
import { documentDateLine, documentNumberLine, recipientLines, type SummaryReportInput, upperVi } from './summary-report.model.js';

export const FONT = 'Times New Roman';
/** Twips (1/20 pt; 1 mm ≈ 56.7 twips). */
export const A4 = { width: 11906, height: 16838 } as const;
export const MARGINS = { top: 1134, bottom: 1134, left: 1701, right: 850, header: 567, footer: 567 } as const;
const CONTENT_WIDTH = A4.width - MARGINS.left - MARGINS.right; // 9355
const LANDSCAPE_CONTENT_WIDTH = A4.height - MARGINS.left - MARGINS.right; // 14287
/** Body text 14 pt, in half-points. */
const BODY_SIZE = 28;
/** Key-figure tables 12 pt, appendix tables 11 pt (half-points). */
export const FIGURE_TABLE_SIZE = 24;
export const APPENDIX_TABLE_SIZE = 22;
const FIRST_LINE_INDENT = 720; // 1,27 cm
const LINE = 288; // 1,2 lines
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = {
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
function line(text: string, o: LineOpts = {}): Paragraph {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.CENTER,
    spacing: { before: o.before ?? 0, after: o.after ?? 0, line: 240 },
    children: [new TextRun({ text, font: FONT, size: o.size ?? 26, bold: o.bold, italics: o.italics })],
  });
}

/** A short centred horizontal rule of `width` twips inside a cell/page `span` twips wide. */
function rule(width: number, span: number, after = 60, before = 0): Paragraph {
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

function cell(children: Paragraph[], width: number, opts: { borders?: boolean; vAlign?: 'top' | 'center' } = {}): TableCell {
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

/** The widest figure a report shows: numbers up to 999.999.999 must never wrap. */
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

/** Header block ("thể thức"): issuing body left, Quốc hiệu and Tiêu ngữ right. */
function headerBlock(input: SummaryReportInput): Table {
  const overhang = 284; // 0,5 cm into each margin, as in the usual templates
  const width = CONTENT_WIDTH + 2 * overhang;
  const left = 4750;
  const right = width - left;
  const top = new TableRow({
    children: [
      cell([line(upperVi(input.parentBody), { size: 24 }), line(upperVi(input.issuer), { size: 24, bold: true }), rule(1300, left)], left),
      cell(
        [
          line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 24, bold: true }),
          line('Độc lập - Tự do - Hạnh phúc', { size: 26, bold: true }),
          rule(3150, right),
        ],
        right,
      ),
    ],
  });
  const bottom = new TableRow({
    children: [
      cell([line(documentNumberLine(input.number, input.issuerShort), { size: 26, before: 60 })], left),
      cell([line(documentDateLine(input.place, input.date), { size: 26, italics: true, before: 60 })], right),
    ],
  });
  return new Table({
    rows: [top, bottom],
    width: { size: width, type: WidthType.DXA },
    columnWidths: [left, right],
    indent: { size: -overhang, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
  });
}

function runs(specs: readonly TextRunSpec[], size = BODY_SIZE): TextRun[] {
  return specs.map((r) => new TextRun({ text: r.text, font: FONT, size, bold: r.bold, italics: r.italic }));
}

function bodyParagraph(specs: readonly TextRunSpec[], o: { before?: number; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
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

/** A bordered data table, columns sized by what they hold (see `columnWidths`). */
function dataTable(
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

function renderBlock(b: Block, keepNext = false): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [bodyParagraph([{ text: b.text, bold: true }], { before: b.level === 1 ? 120 : 60, keepNext: true })];
    case 'para':
      return [bodyParagraph(b.runs, { keepNext })];
    case 'caption':
      return [bodyParagraph([{ text: b.text, italic: true }], { keepNext: true })];
    case 'table':
      return [
        dataTable(b.columns, b.rows, b.kinds, CONTENT_WIDTH, FIGURE_TABLE_SIZE),
        new Paragraph({ spacing: { before: 0, after: 120, line: 240 }, children: [] }),
      ];
  }
}

/** 'Nơi nhận' left, the signer right. */
function signatureBlock(input: SummaryReportInput): Table {
  const left = 4400;
  const right = CONTENT_WIDTH - left;
  const recipients = [
    line('Nơi nhận:', { size: 24, bold: true, italics: true, align: AlignmentType.LEFT }),
    ...recipientLines(input.recipients).map((r) => line(r, { size: 22, align: AlignmentType.LEFT })),
  ];
  const titles = input.signer.title
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
  const signer = [
    ...titles.map((t) => line(upperVi(t), { size: 28, bold: true })),
    line(input.signer.name, { size: 28, bold: true, before: 1700 }),
  ];
  return new Table({
    rows: [new TableRow({ cantSplit: true, children: [cell(recipients, left), cell(signer, right)] })],
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
  });
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 0, line: 240 },
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })],
      }),
    ],
  });
}

function appendixSection(input: SummaryReportInput): ISectionOptions | null {
  const tables = appendixTables(input);
  if (tables.length === 0) return null;
  const children: (Paragraph | Table)[] = [
    line('PHỤ LỤC SỐ LIỆU', { size: 28, bold: true, after: 80 }),
    line(appendixSubtitle(input), { size: 26, italics: true, after: 240 }),
  ];
  for (const t of tables) {
    children.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 120, after: 80, line: 240 },
        children: [new TextRun({ text: t.title, font: FONT, size: 26, bold: true })],
      }),
      // the landscape page has room: figure columns wide enough for a period's name on two lines
      dataTable(t.columns, t.rows, t.kinds, LANDSCAPE_CONTENT_WIDTH, APPENDIX_TABLE_SIZE, 1700),
    );
  }
  return {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
        margin: MARGINS,
      },
    },
    headers: { default: pageNumberHeader() },
    children,
  };
}

export async function buildSummaryReportDocx(input: SummaryReportInput): Promise<Buffer> {
  const body = reportBody(input);
  const main: ISectionOptions = {
    properties: {
      titlePage: true,
      page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: MARGINS },
    },
    headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({ children: [] })] }) },
    children: [
      headerBlock(input),
      line('BÁO CÁO', { size: 28, bold: true, before: 360 }),
      line(input.subject, { size: 28, bold: true, before: 0 }),
      rule(2000, CONTENT_WIDTH, 240, 60),
      // The last lines of the body stay on the page of the signature: never a signature page on its own.
      ...body.flatMap((b, i) => renderBlock(b, i >= body.length - 2)),
      new Paragraph({ keepNext: true, spacing: { before: 0, after: 120 }, children: [] }),
      signatureBlock(input),
    ],
  };
  const appendix = appendixSection(input);
  const doc = new Document({
    creator: input.issuer,
    title: `Báo cáo ${input.subject}`,
    description: 'Dự thảo báo cáo tổng kết do Nhịp lập',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_SIZE },
          paragraph: { spacing: { line: LINE }, alignment: AlignmentType.JUSTIFIED },
        },
      },
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          quickFormat: true,
          run: { font: FONT, size: BODY_SIZE },
          paragraph: { spacing: { line: LINE, after: 120 } },
        },
      ],
    },
    sections: appendix ? [main, appendix] : [main],
  });
  return Packer.toBuffer(doc);
}
