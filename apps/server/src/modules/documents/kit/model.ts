/**
 * The Decree 30 document kit (Nghị định 30/2020/NĐ-CP, Appendix I): one model of an administrative document,
 * rendered three ways from the same value.
 *
 *   import { DOCUMENT_TYPES, type DecreeDocument, signerTitle } from '../documents/kit/model.js';
 *   import { renderDocx } from '../documents/kit/docx.js';     // → Promise<Buffer>, the .docx
 *   import { renderHtml } from '../documents/kit/html.js';     // → string, a page for the preview iframe
 *   import { docxToPdf } from '../documents/kit/pdf.js';       // .docx → Promise<Buffer>, through LibreOffice
 *
 * A new document is a small content file in the module that owns it: a pure function from its data to a
 * `DecreeDocument`. It never builds paragraphs or HTML itself. Example (kit/sample-invitation.ts is a
 * complete one):
 *
 *   export function invitationDocument(c: Conference): DecreeDocument {
 *     return {
 *       issuer: { parentBody: 'ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH', name: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', short: 'SKHCN' },
 *       type: DOCUMENT_TYPES.GM, number: null, place: 'Vân Lĩnh', date: '2023-12-28',
 *       summary: 'Dự Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024',
 *       body: [
 *         { kind: 'para', runs: [{ text: 'Sở Khoa học và Công nghệ trân trọng kính mời:' }] },
 *         { kind: 'bullets', items: ['Lãnh đạo Phòng Văn hóa và Thông tin các huyện, thành phố', …] },
 *         { kind: 'fields', items: [{ label: 'Thời gian', value: '08 giờ 00, thứ Năm, ngày 04/01/2024' }, …] },
 *       ],
 *       signature: { layout: 'single', signer: { title: signerTitle({ authority: 'KT', of: 'Giám đốc', position: 'Phó Giám đốc' }), name: 'Lô Quang Tuấn' } },
 *       recipients: ['Như trên', 'Giám đốc Sở (b/c)'],
 *     };
 *   }
 *
 * What the renderers do with it, so content files need not:
 * - page: A4 portrait, margins 20/20/30/15 mm, Times New Roman 14 pt, body justified with a 1,27 cm first-line
 *   indent; page numbers centred at the top from page 2; each appendix on a page (landscape by default) of its own;
 * - header block: parent body and issuing body (bold) left over a short rule, Quốc hiệu and Tiêu ngữ right over
 *   a longer rule; then `Số: 12/GM-SKHCN` (a draft, number null, leaves "Số:      /GM-SKHCN" for the clerk) left
 *   and the italic place and date line right, "Vân Lĩnh, ngày 04 tháng 01 năm 2024" (leading zero for days 1–9
 *   and months 1–2);
 * - the type line (GIẤY MỜI…) and the summary line (trích yếu), bold and centred, over a short rule;
 * - body blocks: `heading` (level 1 'I. …', level 2 '1. …'), `para` (runs of bold/italic text; `align: 'center'`
 *   for lines such as "QUYẾT ĐỊNH:"), `caption`, `table` (bordered, columns sized by `ColumnKind`), `bullets`
 *   ('- x;' lines, the last ending in '.'), `numbered` ('1. x'), `fields` ('Thời gian: …', label in bold);
 * - signature: `single` — "Nơi nhận:" left and the signer right; `pair` — two signers side by side (minutes:
 *   THƯ KÝ left, CHỦ TỌA right) with "Nơi nhận:", if any, under them. A signer's title lines come from
 *   `signerTitle` (KT./TL./TUQ./TM. forms); the name follows after room for the signature and seal;
 * - `recipients`: the "Nơi nhận" lines; '- Lưu: VT, VP.' is added unless one starts with 'Lưu'. Leave it out
 *   (undefined) for a document without "Nơi nhận", such as minutes.
 *
 * Every piece of text is plain text: the .docx writer and the HTML renderer escape it. Nothing here reads the
 * database or the clock; the date is the document's own.
 */
import { formatDocumentDate } from '@nhip/contracts';

/** A document type (tên loại văn bản): the type line, the number's symbol, and the word used in titles. */
export interface DocumentType {
  /** The type line as printed: 'GIẤY MỜI'. */
  readonly name: string;
  /** The symbol in the number line: 'GM' in 'Số: 12/GM-SKHCN'. */
  readonly symbol: string;
  /** In a sentence or a file's title: 'Giấy mời'. */
  readonly title: string;
}

/** Decree 30/2020, Appendix III: the abbreviations of the document types Nhịp issues. */
export const DOCUMENT_TYPES = {
  BC: { name: 'BÁO CÁO', symbol: 'BC', title: 'Báo cáo' },
  GM: { name: 'GIẤY MỜI', symbol: 'GM', title: 'Giấy mời' },
  BB: { name: 'BIÊN BẢN', symbol: 'BB', title: 'Biên bản' },
  TB: { name: 'THÔNG BÁO', symbol: 'TB', title: 'Thông báo' },
  QD: { name: 'QUYẾT ĐỊNH', symbol: 'QĐ', title: 'Quyết định' },
  TTr: { name: 'TỜ TRÌNH', symbol: 'TTr', title: 'Tờ trình' },
  KH: { name: 'KẾ HOẠCH', symbol: 'KH', title: 'Kế hoạch' },
  CTr: { name: 'CHƯƠNG TRÌNH', symbol: 'CTr', title: 'Chương trình' },
} as const satisfies Record<string, DocumentType>;

export interface Issuer {
  /** Cơ quan chủ quản, e.g. 'ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH' (printed in capitals whatever the case given). */
  readonly parentBody: string;
  /** Cơ quan ban hành, e.g. 'SỞ KHOA HỌC VÀ CÔNG NGHỆ'. */
  readonly name: string;
  /** Its symbol in the number line, e.g. 'SKHCN'. */
  readonly short: string;
}

export interface TextRunSpec {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

/**
 * What a table column holds; the renderers align and size columns by it. 'text': takes the width the others
 * leave; 'unit': the unit of measure; 'index': STT; 'number': a figure up to 999.999.999 that must stay on one
 * line; 'percent': a percentage such as 98,7.
 */
export type ColumnKind = 'text' | 'unit' | 'index' | 'number' | 'percent';

export const isNumericKind = (k: ColumnKind | undefined) => k === 'number' || k === 'percent' || k === 'index';

/** The blocks every renderer draws. */
export type Block =
  /** Level 1: 'I. KẾT QUẢ ĐẠT ĐƯỢC'; level 2: '1. Bưu chính, viễn thông'. */
  | { readonly kind: 'heading'; readonly level: 1 | 2; readonly text: string }
  /** A body paragraph: justified with a first-line indent, or centred without one. */
  | { readonly kind: 'para'; readonly runs: readonly TextRunSpec[]; readonly align?: 'justify' | 'center' }
  | { readonly kind: 'caption'; readonly text: string }
  | {
      readonly kind: 'table';
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
      readonly kinds: readonly ColumnKind[];
    };

/** Blocks a content file may also write; they become `Block`s (see `basicBlocks`). */
export type BodyBlock =
  | Block
  /** '- x;' lines, the last ending in '.' (text that ends in its own punctuation keeps it). */
  | { readonly kind: 'bullets'; readonly items: readonly string[] }
  /** '1. x', '2. y'… from `start` (default 1). */
  | { readonly kind: 'numbered'; readonly items: readonly string[]; readonly start?: number }
  /** 'Thời gian: 08 giờ 00…' — the label in bold, then the value (none when empty: a label over a list). */
  | { readonly kind: 'fields'; readonly items: readonly { readonly label: string; readonly value: string }[] };

export interface Signer {
  /** The lines above the name, one per '\n': 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC' (see `signerTitle`). */
  readonly title: string;
  readonly name: string;
}

export type Signature =
  | { readonly layout: 'single'; readonly signer: Signer }
  /** Two signers side by side, e.g. minutes: THƯ KÝ left, CHỦ TỌA right. */
  | { readonly layout: 'pair'; readonly left: Signer; readonly right: Signer };

export interface AppendixTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly kinds: readonly ColumnKind[];
}

/** A section after the signature on a page of its own: 'PHỤ LỤC SỐ LIỆU', its subtitle, its tables. */
export interface AppendixSection {
  readonly title: string;
  /** '(Kèm theo Báo cáo số 12/BC-SKHCN ngày 04/01/2024 của Sở Khoa học và Công nghệ)'. */
  readonly subtitle?: string;
  /** Default true: A4 landscape. */
  readonly landscape?: boolean;
  readonly tables: readonly AppendixTable[];
}

export interface DecreeDocument {
  readonly issuer: Issuer;
  readonly type: DocumentType;
  /** null while a draft: the clerk fills in the number when the document is registered. */
  readonly number: string | null;
  /** 'Vân Lĩnh'. */
  readonly place: string;
  /** 'YYYY-MM-DD'. */
  readonly date: string;
  /** Trích yếu: the line under the type line. */
  readonly summary: string;
  readonly body: readonly BodyBlock[];
  readonly signature: Signature;
  /** "Nơi nhận"; undefined for a document without it. */
  readonly recipients?: readonly string[];
  readonly appendices?: readonly AppendixSection[];
  /** The file's description property; default '<type title> do Nhịp lập'. */
  readonly description?: string;
}

export function upperVi(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/** 'Vân Lĩnh, ngày 04 tháng 01 năm 2024' (leading zeros per Decree 30/2020/NĐ-CP). */
export function documentDateLine(place: string, dateISO: string): string {
  const date = formatDocumentDate(dateISO);
  if (!date) throw new RangeError(`Ngày văn bản không hợp lệ: ${dateISO}`);
  return `${place}, ${date}`;
}

const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;

/** A meeting's time as invitations write it: ('2024-01-04', '08:00') → '08 giờ 00 phút, thứ Năm, ngày 04/01/2024'. */
export function meetingTimeText(dateISO: string, time: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateISO);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  const day = d ? new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))) : null;
  if (!d || !t || !day || day.toISOString().slice(0, 10) !== dateISO) throw new RangeError(`Thời gian họp không hợp lệ: ${dateISO} ${time}`);
  return `${t[1]} giờ ${t[2]} phút, ${WEEKDAYS[day.getUTCDay()]}, ngày ${d[3]}/${d[2]}/${d[1]}`;
}

/** Room left in a draft's number line for the clerk to write the number in. */
const NUMBER_BLANK = '\u00a0'.repeat(8);

/** 'Số: 12/BC-SKHCN', or 'Số:      /GM-SKHCN' (blank left for the clerk) while a draft. */
/** The next registry number of a year: one more than the highest leading number among those given ('07', '12a' → '13'). */
export function nextRegistryNumber(numbers: readonly string[]): string {
  const max = numbers.reduce((m, n) => Math.max(m, Number(/^(\d+)/.exec(n)?.[1] ?? 0)), 0);
  return String(max + 1).padStart(2, '0');
}

export function documentNumberLine(number: string | null, issuerShort: string, symbol = 'BC'): string {
  const n = number?.trim() ? number.trim() : NUMBER_BLANK;
  return `Số: ${n}/${symbol}-${issuerShort}`;
}

/** The document's title, as in its file properties and the preview's tab: 'Giấy mời Dự Hội nghị …'. */
export function documentTitle(doc: DecreeDocument): string {
  return `${doc.type.title} ${doc.summary}`;
}

/** '- X' for a list line; keeps the text's own final punctuation, adds ';' otherwise ('.' on the last). */
export function listLine(text: string, last: boolean): string {
  const t = text.trim().replace(/^-\s*/, '');
  return /[.;:!?…]$/.test(t) ? `- ${t}` : `- ${t}${last ? '.' : ';'}`;
}

/** Recipients as '- X;' lines ending with '- Lưu: VT, VP.' (added unless already present). */
export function recipientLines(recipients: readonly string[]): string[] {
  const clean = recipients
    .map((r) =>
      r
        .trim()
        .replace(/^-\s*/, '')
        .replace(/[;.,]+$/, ''),
    )
    .filter(Boolean);
  const hasArchive = clean.some((r) => /^Lưu\b/iu.test(r));
  const all = hasArchive ? clean : [...clean, 'Lưu: VT, VP'];
  return all.map((r, i) => `- ${r}${i === all.length - 1 ? '.' : ';'}`);
}

export function isBullet(paragraph: string): boolean {
  return /^-\s/.test(paragraph.trimStart());
}

/**
 * A signer's title lines (Decree 30, Article 13), in capitals:
 * - the head signs: `{ of: 'Giám đốc' }` → 'GIÁM ĐỐC';
 * - KT. (ký thay, a deputy): `{ authority: 'KT', of: 'Giám đốc', position: 'Phó Giám đốc' }` → 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC';
 * - TL. (thừa lệnh) and TUQ. (thừa ủy quyền): `{ authority: 'TL', of: 'Giám đốc', position: 'Chánh Văn phòng' }`;
 * - TM. (on behalf of a collective): `{ authority: 'TM', of: 'Ban Tổ chức', position: 'Trưởng ban' }`, and a
 *   deputy of its head: `position: signerTitle({ authority: 'KT', of: 'Trưởng ban', position: 'Phó Trưởng ban' })`.
 */
export function signerTitle(o: { authority?: 'KT' | 'TL' | 'TUQ' | 'TM'; of: string; position?: string }): string {
  const of = upperVi(o.of.trim());
  if (!of) throw new RangeError('Thiếu chức danh người ký');
  if (!o.authority) return of;
  const position = o.position?.trim();
  if (!position) throw new RangeError(`Ký ${o.authority}. cần chức vụ của người ký`);
  return `${o.authority}. ${of}\n${upperVi(position)}`;
}

/** The signer's title lines, without empty ones. */
export function titleLines(signer: Signer): string[] {
  return signer.title
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Writes bullets, numbered lists and fields as the paragraphs they are printed as. */
export function basicBlocks(body: readonly BodyBlock[]): Block[] {
  return body.flatMap((b): Block[] => {
    switch (b.kind) {
      case 'bullets': {
        const items = b.items.map((t) => t.trim()).filter(Boolean);
        return items.map((t, i) => ({ kind: 'para', runs: [{ text: listLine(t, i === items.length - 1) }] }));
      }
      case 'numbered': {
        const items = b.items.map((t) => t.trim()).filter(Boolean);
        return items.map((t, i) => ({ kind: 'para', runs: [{ text: `${(b.start ?? 1) + i}. ${t}` }] }));
      }
      case 'fields':
        return b.items.map((f) => ({
          kind: 'para',
          runs: f.value.trim() ? [{ text: `${f.label.trim()}:`, bold: true }, { text: ` ${f.value.trim()}` }] : [{ text: `${f.label.trim()}:`, bold: true }],
        }));
      default:
        return [b];
    }
  });
}
