/**
 * A `DecreeDocument` as .docx (the `docx` package), laid out per Decree 30/2020/NĐ-CP (Appendix I): A4 portrait,
 * margins 20/20/30/15 mm, Times New Roman, the header block as a borderless two-column table, the type and summary
 * lines, the body, the signature block with "Nơi nhận", page numbers at the top centre from page 2, and each
 * appendix in a section of its own (landscape by default).
 */
import {
  AlignmentType,
  Document,
  Header,
  type ISectionOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  A4,
  APPENDIX_TABLE_SIZE,
  BODY_SIZE,
  bodyParagraph,
  cell,
  CONTENT_WIDTH,
  dataTable,
  FIGURE_TABLE_SIZE,
  FONT,
  LANDSCAPE_CONTENT_WIDTH,
  line,
  LINE,
  MARGINS,
  NO_BORDERS,
  rule,
} from './docx-layout.js';
import {
  type AppendixSection,
  basicBlocks,
  type Block,
  type DecreeDocument,
  documentDateLine,
  documentNumberLine,
  documentTitle,
  recipientLines,
  type Signer,
  titleLines,
  upperVi,
} from './model.js';

/** Header block ("thể thức"): issuing body left, Quốc hiệu and Tiêu ngữ right; number and date under them. */
function headerBlock(doc: DecreeDocument): Table {
  const overhang = 284; // 0,5 cm into each margin, as in the usual templates
  const width = CONTENT_WIDTH + 2 * overhang;
  const left = 4750;
  const right = width - left;
  const top = new TableRow({
    children: [
      cell([line(upperVi(doc.issuer.parentBody), { size: 24 }), line(upperVi(doc.issuer.name), { size: 24, bold: true }), rule(1300, left)], left),
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
      cell([line(documentNumberLine(doc.number, doc.issuer.short, doc.type.symbol), { size: 26, before: 60 })], left),
      cell([line(documentDateLine(doc.place, doc.date), { size: 26, italics: true, before: 60 })], right),
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

function renderBlock(b: Block, keepNext = false): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [bodyParagraph([{ text: b.text, bold: true }], { before: b.level === 1 ? 120 : 60, keepNext: true })];
    case 'para':
      return [bodyParagraph(b.runs, { keepNext, center: b.align === 'center' })];
    case 'caption':
      return [bodyParagraph([{ text: b.text, italic: true }], { keepNext: true })];
    case 'table':
      return [
        dataTable(b.columns, b.rows, b.kinds, CONTENT_WIDTH, FIGURE_TABLE_SIZE),
        new Paragraph({ spacing: { before: 0, after: 120, line: 240 }, children: [] }),
      ];
  }
}

function recipientParagraphs(recipients: readonly string[]): Paragraph[] {
  return [
    line('Nơi nhận:', { size: 24, bold: true, italics: true, align: AlignmentType.LEFT }),
    ...recipientLines(recipients).map((r) => line(r, { size: 22, align: AlignmentType.LEFT })),
  ];
}

/** The signer's title lines, then the name after room for the signature and the seal. */
function signerParagraphs(signer: Signer): Paragraph[] {
  return [...titleLines(signer).map((t) => line(upperVi(t), { size: 28, bold: true })), line(signer.name, { size: 28, bold: true, before: 1700 })];
}

const empty = () => new Paragraph({ children: [] });

/** single: 'Nơi nhận' left, the signer right. pair: two signers side by side, 'Nơi nhận' (if any) under the left one. */
function signatureBlock(doc: DecreeDocument): Table {
  const s = doc.signature;
  const [left, right] = s.layout === 'single' ? [4400, CONTENT_WIDTH - 4400] : [Math.floor(CONTENT_WIDTH / 2), CONTENT_WIDTH - Math.floor(CONTENT_WIDTH / 2)];
  const recipients = doc.recipients ? recipientParagraphs(doc.recipients) : null;
  const rows =
    s.layout === 'single'
      ? [new TableRow({ cantSplit: true, children: [cell(recipients ?? [empty()], left), cell(signerParagraphs(s.signer), right)] })]
      : [
          new TableRow({ cantSplit: true, children: [cell(signerParagraphs(s.left), left), cell(signerParagraphs(s.right), right)] }),
          ...(recipients ? [new TableRow({ cantSplit: true, children: [cell([line('', { before: 240 }), ...recipients], left), cell([empty()], right)] })] : []),
        ];
  return new Table({
    rows,
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

function appendixSection(a: AppendixSection): ISectionOptions {
  const landscape = a.landscape ?? true;
  const children: (Paragraph | Table)[] = [line(a.title, { size: 28, bold: true, after: a.subtitle ? 80 : 240 })];
  if (a.subtitle) children.push(line(a.subtitle, { size: 26, italics: true, after: 240 }));
  for (const t of a.tables) {
    children.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 120, after: 80, line: 240 },
        children: [new TextRun({ text: t.title, font: FONT, size: 26, bold: true })],
      }),
      // the landscape page has room: figure columns wide enough for a period's name on two lines
      landscape
        ? dataTable(t.columns, t.rows, t.kinds, LANDSCAPE_CONTENT_WIDTH, APPENDIX_TABLE_SIZE, 1700)
        : dataTable(t.columns, t.rows, t.kinds, CONTENT_WIDTH, APPENDIX_TABLE_SIZE),
    );
  }
  return {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: MARGINS,
      },
    },
    headers: { default: pageNumberHeader() },
    children,
  };
}

/** The document as a .docx file. */
export async function renderDocx(doc: DecreeDocument): Promise<Buffer> {
  const body = basicBlocks(doc.body);
  const main: ISectionOptions = {
    properties: {
      titlePage: true,
      page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: MARGINS },
    },
    headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({ children: [] })] }) },
    children: [
      headerBlock(doc),
      line(doc.type.name, { size: 28, bold: true, before: 360 }),
      line(doc.summary, { size: 28, bold: true, before: 0 }),
      rule(2000, CONTENT_WIDTH, 240, 60),
      // The last lines of the body stay on the page of the signature: never a signature page on its own.
      ...body.flatMap((b, i) => renderBlock(b, i >= body.length - 2)),
      new Paragraph({ keepNext: true, spacing: { before: 0, after: 120 }, children: [] }),
      signatureBlock(doc),
    ],
  };
  const file = new Document({
    creator: doc.issuer.name,
    title: documentTitle(doc),
    description: doc.description ?? `${doc.type.title} do Nhịp lập`,
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
    sections: [main, ...(doc.appendices ?? []).filter((a) => a.tables.length > 0).map(appendixSection)],
  });
  return Packer.toBuffer(file);
}
