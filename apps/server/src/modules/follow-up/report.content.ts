/**
 * "Báo cáo kết quả giải quyết kiến nghị" as a Decree 30 document of the kit (documents/kit/model.ts): a pure
 * function from the period's figures and notable points to the document, so the .docx, the HTML preview and the
 * PDF say the same thing. The figures are the grid of Decision 42/2014/QĐ-TTg counted on the report's date; a point
 * merged into another is counted once, in that one.
 */
import { formatDate, TIMELINESS, type Timeliness } from '@nhip/contracts';
import { type AppendixSection, type Block, type BodyBlock, DOCUMENT_TYPES, type DecreeDocument, type Issuer, type Signer } from '../documents/kit/model.js';

export type Grid = Record<Timeliness, number> & { total: number };

export type ReportPoint = {
  id: number;
  text: string;
  raisedBy: string[];
  owner: string | null;
  deadline: string | null;
  closedOn: string | null;
  timesRaised: number;
  reason: string | null;
  answer: string | null;
  timeliness: Timeliness;
  cannotDo: boolean;
};

export type ResultsReportInput = {
  issuer: Issuer;
  /** The department in a sentence: 'Sở Khoa học và Công nghệ'. */
  department: string;
  place: string;
  /** The report's date: the figures are counted on it. */
  date: string;
  period: string;
  /** 'quý IV năm 2025', 'năm 2025'. */
  periodText: string;
  counts: Grid;
  byKind: { label: string; n: number }[];
  raisingUnits: number;
  recurring: number;
  merged: number;
  byDivision: { name: string; counts: Grid }[];
  bySector: { name: string; counts: Grid }[];
  overdue: ReportPoint[];
  overdueTotal: number;
  topRecurring: ReportPoint[];
  cannotDo: ReportPoint[];
  doneLate: ReportPoint[];
  all: ReportPoint[];
  signer: Signer;
  recipients: string[];
};

const para = (text: string): Block => ({ kind: 'para', runs: [{ text }] });
const n = (x: number) => x.toLocaleString('vi-VN');
const pct = (part: number, whole: number) => (whole === 0 ? '0' : ((100 * part) / whole).toLocaleString('vi-VN', { maximumFractionDigits: 1 }));
const CELL_WORDS: Record<Timeliness, string> = {
  done_on_time: 'đã giải quyết đúng hạn',
  done_late: 'đã giải quyết nhưng quá hạn',
  open_within_deadline: 'chưa giải quyết xong, còn trong hạn',
  open_overdue: 'chưa giải quyết xong và đã quá hạn',
};
const CELL_SHORT: Record<Timeliness, string> = {
  done_on_time: 'Hoàn thành đúng hạn', done_late: 'Hoàn thành quá hạn', open_within_deadline: 'Chưa xong, trong hạn', open_overdue: 'Chưa xong, quá hạn',
};
/** The appendix's result: the grid's cell, or that it could not be done (settled, with its reason beside it). */
const resultOf = (p: ReportPoint) => (p.cannotDo ? 'Không thể giải quyết' : CELL_SHORT[p.timeliness]);
const GRID_COLUMNS = ['Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Chưa hoàn thành, trong hạn', 'Chưa hoàn thành, quá hạn'];

function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Who raised it, for a table cell; a leader's point (a conclusion or directive task) has no unit. */
const raisers = (p: ReportPoint) => (p.raisedBy.length ? p.raisedBy.join(', ') : 'Kết luận, chỉ đạo');
/** Who raised it, inside a parenthesis: 'X, Y nêu' or 'theo kết luận, chỉ đạo'. */
const raisedPhrase = (p: ReportPoint) => (p.raisedBy.length ? `${p.raisedBy.join(', ')} nêu` : 'theo kết luận, chỉ đạo');
const clip = (s: string, max = 300) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
};

function gridTable(rows: { name: string; counts: Grid }[], first: string, total: Grid): Block {
  return {
    kind: 'table',
    columns: ['STT', first, 'Tổng số', ...GRID_COLUMNS],
    kinds: ['index', 'text', 'number', 'number', 'number', 'number', 'number'],
    rows: [
      ...rows.map((r, i) => [String(i + 1), r.name, n(r.counts.total), ...TIMELINESS.map((t) => n(r.counts[t]))]),
      ['', 'Tổng cộng', n(total.total), ...TIMELINESS.map((t) => n(total[t]))],
    ],
  };
}

export function resultsReportDocument(input: ResultsReportInput): DecreeDocument {
  const c = input.counts;
  const body: BodyBlock[] = [
    para(`${input.department} báo cáo kết quả tiếp nhận, giải quyết và trả lời kiến nghị, đề xuất của các đơn vị và nhiệm vụ theo kết luận, chỉ đạo ${input.periodText} (số liệu tính đến ngày ${formatDate(input.date)}) như sau:`),
    { kind: 'heading', level: 1, text: 'I. TÌNH HÌNH TIẾP NHẬN' },
  ];
  if (c.total === 0) {
    body.push(para(`${input.periodText.charAt(0).toLocaleUpperCase('vi')}${input.periodText.slice(1)}, Sở chưa tiếp nhận kiến nghị, đề xuất nào vào sổ theo dõi.`));
  } else {
    const kinds = input.byKind.filter((k) => k.n > 0).map((k) => `${n(k.n)} ${k.label.toLocaleLowerCase('vi')}`).join('; ');
    body.push(para(`Sổ theo dõi ghi nhận ${n(c.total)} kiến nghị, đề xuất và nhiệm vụ được nêu ${input.periodText} (${kinds}), do ${n(input.raisingUnits)} đơn vị nêu.`));
    if (input.recurring > 0) body.push(para(`Trong đó, ${n(input.recurring)} kiến nghị được nêu lại (ở từ hai kỳ trở lên), cần được ưu tiên giải quyết dứt điểm.`));
    if (input.merged > 0) body.push(para(`${n(input.merged)} kiến nghị trùng nội dung đã được gộp vào kiến nghị cùng nội dung và được tính một lần.`));
  }

  body.push({ kind: 'heading', level: 1, text: 'II. KẾT QUẢ GIẢI QUYẾT' });
  if (c.total > 0) {
    body.push(para(`Tổng hợp theo Quyết định số 42/2014/QĐ-TTg (sửa đổi, bổ sung tại Quyết định số 23/2018/QĐ-TTg) của Thủ tướng Chính phủ, trong ${n(c.total)} kiến nghị:`));
    body.push({ kind: 'bullets', items: TIMELINESS.map((t) => `${n(c[t])} kiến nghị ${CELL_WORDS[t]} (${pct(c[t], c.total)}%)`) });
    body.push({ kind: 'heading', level: 2, text: '1. Theo phòng chủ trì' });
    body.push(gridTable(input.byDivision, 'Phòng chủ trì', c));
    body.push({ kind: 'heading', level: 2, text: '2. Theo lĩnh vực' });
    body.push(gridTable(input.bySector, 'Lĩnh vực', c));
  } else {
    body.push(para('Không có kiến nghị nào để tổng hợp.'));
  }

  body.push({ kind: 'heading', level: 1, text: 'III. CÁC KIẾN NGHỊ CẦN LƯU Ý' });
  let section = 0;
  const sub = (title: string) => body.push({ kind: 'heading', level: 2, text: `${++section}. ${title}` });
  if (input.overdue.length) {
    sub(input.overdueTotal > input.overdue.length
      ? `Kiến nghị chưa giải quyết, đã quá hạn (${n(input.overdue.length)} kiến nghị quá hạn lâu nhất trong số ${n(input.overdueTotal)})`
      : 'Kiến nghị chưa giải quyết, đã quá hạn');
    body.push({
      kind: 'bullets',
      items: input.overdue.map((p) => `${clip(p.text)} (${raisedPhrase(p)}; ${p.owner ?? 'chưa giao phòng chủ trì'} chủ trì, hạn ${p.deadline ? formatDate(p.deadline) : '—'}, quá hạn ${n(p.deadline ? dayDiff(p.deadline, input.date) : 0)} ngày)`),
    });
  }
  if (input.topRecurring.length) {
    sub('Kiến nghị được nêu lại nhiều lần');
    body.push({
      kind: 'bullets',
      items: input.topRecurring.map((p) => `${clip(p.text)} (nêu lại lần thứ ${n(p.timesRaised)}; ${raisedPhrase(p)}; ${p.owner ?? 'chưa giao phòng chủ trì'} chủ trì; ${resultOf(p).toLocaleLowerCase('vi')})`),
    });
  }
  if (input.doneLate.length) {
    sub('Kiến nghị giải quyết quá hạn');
    body.push({
      kind: 'bullets',
      items: input.doneLate.map((p) => `${clip(p.text)} (${p.owner ?? '—'} chủ trì; hạn ${p.deadline ? formatDate(p.deadline) : '—'}, xong ngày ${p.closedOn ? formatDate(p.closedOn) : '—'})`),
    });
  }
  if (input.cannotDo.length) {
    sub('Kiến nghị không thể giải quyết');
    body.push({ kind: 'bullets', items: input.cannotDo.map((p) => `${clip(p.text)} (${p.owner ?? '—'}): ${clip(p.reason ?? 'chưa ghi lý do', 200)}`) });
  }
  if (section === 0) body.push(para('Không có kiến nghị quá hạn, nêu lại nhiều lần hoặc không thể giải quyết.'));

  body.push({ kind: 'heading', level: 1, text: 'IV. ĐỀ XUẤT' });
  const asks: string[] = [];
  if (c.open_overdue > 0) asks.push(`Các phòng chủ trì tập trung giải quyết dứt điểm ${n(c.open_overdue)} kiến nghị đã quá hạn; trường hợp không thể giải quyết, trả lời bằng văn bản cho đơn vị và nêu rõ lý do`);
  if (input.recurring > 0) asks.push('Các kiến nghị được nêu lại nhiều lần được đưa vào danh mục thảo luận của hội nghị kỳ tới để lãnh đạo Sở cho ý kiến chỉ đạo');
  asks.push('Các phòng cập nhật tiến độ và kết quả giải quyết trên sổ theo dõi kiến nghị để tổng hợp báo cáo kỳ sau');
  body.push({ kind: 'bullets', items: asks });

  const appendices: AppendixSection[] = input.all.length
    ? [{
        title: 'DANH MỤC KIẾN NGHỊ VÀ KẾT QUẢ GIẢI QUYẾT',
        subtitle: `(Kèm theo Báo cáo kết quả giải quyết kiến nghị ${input.periodText} của ${input.department})`,
        tables: [{
          title: `Số liệu tính đến ngày ${formatDate(input.date)}`,
          columns: ['STT', 'Nội dung kiến nghị', 'Đơn vị nêu', 'Phòng chủ trì', 'Hạn giải quyết', 'Kết quả', 'Trả lời, ghi chú'],
          kinds: ['index', 'text', 'text', 'text', 'unit', 'unit', 'text'],
          rows: input.all.map((p, i) => [
            String(i + 1), clip(p.text, 500), raisers(p), p.owner ?? '—', p.deadline ? formatDate(p.deadline) : '—', resultOf(p),
            clip(p.reason ?? p.answer ?? '', 300),
          ]),
        }],
      }]
    : [];

  return {
    issuer: input.issuer,
    type: DOCUMENT_TYPES.BC,
    number: null,
    place: input.place,
    date: input.date,
    summary: `Kết quả giải quyết kiến nghị, đề xuất ${input.periodText}`,
    body,
    signature: { layout: 'single', signer: input.signer },
    recipients: input.recipients,
    appendices,
    description: `Báo cáo kết quả giải quyết kiến nghị ${input.periodText} do Nhịp lập`,
  };
}
