/**
 * Reads a filled template back: the identity block of the hidden sheet, one entry per row with a code in
 * column A, and the narrative sections. Knows nothing of the database; interpreting the values against the
 * form is the service's job.
 */
import { NARRATIVE_SECTIONS, type NarrativeSection } from '@nhip/contracts';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.js';
import { corrupt } from './zip-guard.js';
import {
  CODE_HEADER, COL, MAIN_SHEET, META_KEYS, META_SHEET, type TemplateIdentity, headingSection, identityChecksum, isNarrativePart,
} from './template-layout.js';

/** What one cell holds, reduced to what an import needs. */
export type CellRead =
  | { kind: 'blank' }
  | { kind: 'number'; n: number; percentFormat: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'bool'; b: boolean }
  | { kind: 'date' }
  | { kind: 'error'; message: string };

export type RowRead = { row: number; code: string; codeCell: string; valueCell: string; value: CellRead; comment: string | null };

export type WorkbookRead = {
  identity: TemplateIdentity;
  rows: RowRead[];
  /** Only the sections present in the file; `cell` is where its text starts. */
  narrative: Partial<Record<NarrativeSection, { text: string; cell: string }>>;
};

export const FOREIGN_MESSAGE =
  'Tệp này không phải mẫu báo cáo tải từ Nhịp (không có phần thông tin nhận diện của mẫu). Hãy tải mẫu Excel của đúng đơn vị và kỳ báo cáo, điền số liệu vào đó rồi tải lên.';
const TAMPERED_MESSAGE =
  'Phần thông tin nhận diện của mẫu Excel đã bị thay đổi nên không xác định được tệp thuộc đơn vị, kỳ báo cáo nào. Hãy tải lại mẫu từ Nhịp.';
const NEWER_MESSAGE = 'Mẫu Excel này được tạo bởi phiên bản Nhịp mới hơn, không đọc được. Hãy tải lại mẫu từ Nhịp.';
const NO_HEADER_MESSAGE = `Không tìm thấy dòng tiêu đề "${CODE_HEADER}" trong trang "${MAIN_SHEET}". Có thể bố cục của mẫu đã bị sửa; hãy tải lại mẫu từ Nhịp.`;

export const foreign = (message = FOREIGN_MESSAGE) => new AppError(400, 'foreign_file', message);

const FORMULA_ERRORS: Record<string, string> = {
  '#DIV/0!': 'chia cho 0', '#N/A': 'không có giá trị', '#REF!': 'tham chiếu không hợp lệ', '#VALUE!': 'sai kiểu giá trị',
  '#NAME?': 'tên không hợp lệ', '#NUM!': 'số không hợp lệ', '#NULL!': 'vùng rỗng',
};
const errorText = (e: string) => `ô báo lỗi ${e}${FORMULA_ERRORS[e] ? ` (${FORMULA_ERRORS[e]})` : ''}`;

/** A cell's content, following formulas to their last computed result. */
export function readCell(cell: ExcelJS.Cell): CellRead {
  const percentFormat = /%/.test(cell.numFmt ?? '');
  const of = (v: unknown, inFormula: boolean): CellRead => {
    if (v === null || v === undefined) return { kind: 'blank' };
    if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', n: v, percentFormat } : { kind: 'error', message: 'số không hợp lệ' };
    if (typeof v === 'string') return v.trim() === '' ? { kind: 'blank' } : { kind: 'text', text: v };
    if (typeof v === 'boolean') return { kind: 'bool', b: v };
    if (v instanceof Date) return { kind: 'date' };
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('error' in o) return { kind: 'error', message: errorText(String(o.error)) };
      if ('richText' in o && Array.isArray(o.richText)) return of(o.richText.map((r: { text?: string }) => r.text ?? '').join(''), inFormula);
      if ('formula' in o || 'sharedFormula' in o) {
        if (inFormula) return { kind: 'error', message: 'công thức lồng nhau' };
        if (o.result === undefined || o.result === null)
          return { kind: 'error', message: 'công thức chưa có kết quả tính (hãy mở tệp bằng Excel, lưu lại rồi tải lên)' };
        return of(o.result, true);
      }
      if ('text' in o) return of(o.text, inFormula); // hyperlink
    }
    return { kind: 'error', message: 'không đọc được nội dung ô' };
  };
  return of(cell.value, false);
}

/** The text of a cell (comments, codes, narratives); numbers as written. */
export function cellText(cell: ExcelJS.Cell): string {
  const r = readCell(cell);
  switch (r.kind) {
    case 'text':
      return r.text;
    case 'number':
      return String(r.n);
    case 'bool':
      return r.b ? 'Có' : 'Không';
    default:
      return '';
  }
}

/** The identity block, or a 400 saying why the file is not one of ours. */
export function readIdentity(wb: ExcelJS.Workbook): TemplateIdentity {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) throw foreign();
  const kv = new Map<string, string>();
  ws.eachRow((row) => {
    const key = cellText(row.getCell(1)).trim();
    if (key) kv.set(key, cellText(row.getCell(2)).trim());
  });
  if (!META_KEYS.every((k) => k === 'generatedAt' || kv.has(k))) throw foreign(TAMPERED_MESSAGE);
  const int = (k: string) => {
    const s = kv.get(k) ?? '';
    return /^\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
  };
  const id: TemplateIdentity = {
    version: int('version'), roundId: int('roundId'), unitId: int('unitId'), unitCode: kv.get('unitCode') ?? '', unitName: kv.get('unitName') ?? '',
    formCode: kv.get('formCode') ?? '', formName: kv.get('formName') ?? '', period: kv.get('period') ?? '', periodLabel: kv.get('periodLabel') ?? '',
  };
  if (Number.isInteger(id.version) && id.version > 1) throw foreign(NEWER_MESSAGE);
  if (!Number.isInteger(id.roundId) || !Number.isInteger(id.unitId) || kv.get('checksum') !== identityChecksum(id)) throw foreign(TAMPERED_MESSAGE);
  return id;
}

function mainSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const named = wb.getWorksheet(MAIN_SHEET);
  if (named) return named;
  const visible = wb.worksheets.find((w) => w.name !== META_SHEET && w.state === 'visible');
  if (!visible) throw foreign(NO_HEADER_MESSAGE);
  return visible;
}

/** Rows that carry a code in column A, between the header row and the narrative part. */
function readRows(ws: ExcelJS.Worksheet): { rows: RowRead[]; end: number } {
  const last = ws.rowCount;
  let header = 0;
  for (let r = 1; r <= Math.min(last, 40); r++) {
    if (cellText(ws.getCell(`${COL.code}${r}`)).trim().toLowerCase() === CODE_HEADER.toLowerCase()) {
      header = r;
      break;
    }
  }
  if (!header) throw foreign(NO_HEADER_MESSAGE);
  const rows: RowRead[] = [];
  let r = header + 1;
  for (; r <= last; r++) {
    const codeCell = ws.getCell(`${COL.code}${r}`);
    const code = cellText(codeCell).normalize('NFC').trim();
    if (!code) continue;
    if (isNarrativePart(code) || headingSection(code)) break;
    const comment = cellText(ws.getCell(`${COL.comment}${r}`)).normalize('NFC').trim();
    rows.push({
      row: r, code, codeCell: `${COL.code}${r}`, valueCell: `${COL.value}${r}`, value: readCell(ws.getCell(`${COL.value}${r}`)), comment: comment || null,
    });
  }
  return { rows, end: r };
}

/** Narrative text: the consecutive non-blank rows under each heading, joined back together. */
function readNarrative(ws: ExcelJS.Worksheet, from: number): WorkbookRead['narrative'] {
  const out: WorkbookRead['narrative'] = {};
  let current: NarrativeSection | null = null;
  for (let r = from; r <= ws.rowCount; r++) {
    const text = cellText(ws.getCell(`A${r}`));
    const heading = text.trim() ? headingSection(text) : null;
    if (heading) {
      current = heading;
      out[heading] = out[heading] ?? { text: '', cell: `A${r + 1}` };
      continue;
    }
    if (!text.trim() || isNarrativePart(text)) {
      current = null;
      continue;
    }
    if (current) (out[current] as { text: string }).text += text;
  }
  for (const s of NARRATIVE_SECTIONS) {
    const n = out[s];
    if (n) n.text = tidyText(n.text);
  }
  return out;
}

/** NFC, Windows line ends from Excel turned into \n, trailing spaces dropped. */
export function tidyText(s: string): string {
  return s.normalize('NFC').replace(/_x000D_/g, '').replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
}

/** Opens an already-guarded buffer; XML that does not parse is a broken file (400). */
export async function openWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw corrupt();
  }
  return wb;
}

export function readTemplate(wb: ExcelJS.Workbook): WorkbookRead {
  const identity = readIdentity(wb);
  const ws = mainSheet(wb);
  const { rows, end } = readRows(ws);
  return { identity, rows, narrative: readNarrative(ws, end) };
}
