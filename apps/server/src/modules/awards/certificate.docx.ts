/**
 * Giấy khen of the director, in the usual landscape layout, as one .docx with one section (one A4 landscape page)
 * per person or collective; kit/pdf.ts turns the whole batch into one PDF in a single LibreOffice conversion.
 *
 *   ┌══════════════════════════════════════════════════════════════════════════════╗
 *   │            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc       │
 *   │               GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH VÂN LĨNH                     │
 *   │                               GIẤY KHEN                                          │
 *   │                        Tặng  Bà Nguyễn Thị Hoa                                   │
 *   │            Chuyên viên Phòng Văn hóa và Thông tin huyện Khê Thượng               │
 *   │      Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025                  │
 *   │  Quyết định số 15/QĐ-SKHCN             Vân Lĩnh, ngày 20 tháng 01 năm 2026       │
 *   │  ngày 20/01/2026; Số vào sổ: 15.03                 GIÁM ĐỐC   (signature, seal)  │
 *   │                                                      Nông Văn Đức                │
 *   └══════════════════════════════════════════════════════════════════════════════╝
 *
 * Plain text in, a Buffer out; every piece of text is escaped by the docx writer.
 */
import {
  AlignmentType, BorderStyle, Document, LineRuleType, type ISectionOptions, Packer, PageBorderDisplay, PageBorderOffsetFrom, PageOrientation, Paragraph, Table,
  TableLayoutType, TableRow, TextRun, WidthType,
} from 'docx';
import { formatDocumentDate } from '@nhip/contracts';
import { A4, cell, FONT, NO_BORDERS, rule } from '../documents/kit/docx-layout.js';
import { titleLines, upperVi, type Signer } from '../documents/kit/model.js';

export type CertificateFacts = {
  /** 'GIẤY KHEN'. */
  heading: string;
  /** 'Giám đốc Sở Khoa học và Công nghệ tỉnh Vân Lĩnh' (printed in capitals). */
  awarder: string;
  /** 'Bà Nguyễn Thị Hoa' / 'Phòng Văn hóa và Thông tin huyện Khê Thượng'. */
  recipient: string;
  /** A person's position and unit, or a collective's parent unit (may be empty). */
  detail: string;
  /** 'Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025'. */
  achievement: string;
  /** '15/QĐ-SKHCN' and its date 'YYYY-MM-DD'. */
  decisionNumber: string;
  decisionDate: string;
  /** 'Số vào sổ' of this certificate: '15.03'. */
  bookNumber: string;
  place: string;
  signer: Signer;
};

const MARGIN = 1134; // 2 cm
const WIDTH = A4.height - 2 * MARGIN; // landscape content width
const RED = 'C00000';
const INK = '1F3864';

function text(t: string, o: { size: number; bold?: boolean; italics?: boolean; color?: string; before?: number; after?: number; align?: 'center' | 'left' }) {
  return new Paragraph({
    alignment: o.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { before: o.before ?? 0, after: o.after ?? 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [new TextRun({ text: t, font: FONT, size: o.size, bold: o.bold, italics: o.italics, color: o.color })],
  });
}

function certificateSection(c: CertificateFacts): ISectionOptions {
  const left = Math.round(WIDTH * 0.45);
  const right = WIDTH - left;
  const dm = c.decisionDate.split('-').reverse().join('/');
  const bottom = new Table({
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          cell([
            text(`Quyết định số ${c.decisionNumber}`, { size: 24, align: 'left', before: 1200 }),
            text(`ngày ${dm}`, { size: 24, align: 'left' }),
            text(`Số vào sổ: ${c.bookNumber}`, { size: 24, align: 'left' }),
          ], left),
          cell([
            text(`${c.place}, ${formatDocumentDate(c.decisionDate)}`, { size: 28, italics: true }),
            ...titleLines(c.signer).map((t) => text(upperVi(t), { size: 28, bold: true })),
            text(c.signer.name, { size: 28, bold: true, before: 1500 }),
          ], right),
        ],
      }),
    ],
  });
  const border = { style: BorderStyle.THICK_THIN_MEDIUM_GAP, size: 36, color: RED, space: 24 } as const;
  return {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
        margin: { top: MARGIN, bottom: 850, left: MARGIN, right: MARGIN, header: 0, footer: 0 },
        borders: {
          pageBorders: { display: PageBorderDisplay.ALL_PAGES, offsetFrom: PageBorderOffsetFrom.PAGE },
          pageBorderTop: border, pageBorderBottom: border, pageBorderLeft: border, pageBorderRight: border,
        },
      },
    },
    children: [
      text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 26, bold: true }),
      text('Độc lập - Tự do - Hạnh phúc', { size: 28, bold: true }),
      rule(3150, WIDTH, 200),
      text(upperVi(c.awarder), { size: 30, bold: true, before: 360 }),
      text(upperVi(c.heading), { size: 110, bold: true, color: RED, before: 480, after: 360 }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 200, line: 240, lineRule: LineRuleType.AUTO },
        children: [new TextRun({ text: 'Tặng  ', font: FONT, size: 30, italics: true }), new TextRun({ text: c.recipient, font: FONT, size: 44, bold: true, color: INK })],
      }),
      ...(c.detail ? [text(c.detail, { size: 30, italics: true, after: 200 })] : []),
      text(c.achievement.replace(/[.;]\s*$/, ''), { size: 30, before: 80, after: 360 }),
      bottom,
    ],
  };
}

/** The certificates as one .docx, a landscape page each. */
export async function renderCertificates(certificates: readonly CertificateFacts[], title: string): Promise<Buffer> {
  if (!certificates.length) throw new RangeError('Không có giấy khen nào để in');
  const doc = new Document({
    creator: certificates[0]!.awarder,
    title,
    description: 'Giấy khen do Nhịp lập',
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: certificates.map(certificateSection),
  });
  return Packer.toBuffer(doc);
}
