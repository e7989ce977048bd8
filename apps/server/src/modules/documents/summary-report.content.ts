/**
 * The draft summary report ("Dự thảo báo cáo tổng kết") as a Decree 30 document of the kit (kit/model.ts): its
 * body as an ordered list of blocks, its appendix tables, and its signature and recipients, so the .docx, the
 * HTML preview and the PDF say exactly the same thing.
 */
import { formatNumber } from '@nhip/contracts';
import { type AppendixTable, type Block, type ColumnKind, DOCUMENT_TYPES, type DecreeDocument } from './kit/model.js';
import {
  appendixCellText,
  figureColumns,
  figureRow,
  hasTargets,
  isBullet,
  listLine,
  nextTasksHeading,
  pointWithUnits,
  type SectorPoints,
  type SummaryReportInput,
} from './summary-report.model.js';

const para = (text: string): Block => ({ kind: 'para', runs: [{ text }] });
/** The group of the register's key tasks that have no sector. */
export const GENERAL_TASKS = 'Nhiệm vụ chung';

function narrativeBlocks(input: SummaryReportInput): Block[] {
  const out: Block[] = [{ kind: 'heading', level: 1, text: 'I. KẾT QUẢ ĐẠT ĐƯỢC' }];
  if (input.sectors.length === 0) {
    out.push(para('Chưa có lĩnh vực nào có số liệu đã phê duyệt trong kỳ.'));
    return out;
  }
  input.sectors.forEach((sector, i) => {
    out.push({ kind: 'heading', level: 2, text: `${i + 1}. ${sector.name}` });
    const said = (sector.sentences ?? []).map((t) => t.trim()).filter(Boolean);
    if (said.length > 0) out.push(para(said.join(' ')));
    const units = sector.narrative.filter((n) => n.paragraphs.some((p) => p.trim() !== ''));
    // the sector's own figures said, nothing from the units is no gap worth a line in the report
    if (units.length === 0 && said.length === 0) out.push(para('Các đơn vị chưa gửi nội dung báo cáo cho lĩnh vực này.'));
    for (const unit of units) {
      const paragraphs = unit.paragraphs.map((p) => p.trim()).filter(Boolean);
      const [first, ...rest] = paragraphs;
      const label = `${unit.unitName.trim()}:`;
      if (!unit.unitName.trim()) {
        // what several units said alike, said once for them (no unit's name before it)
        for (const p of paragraphs) out.push(para(p));
        continue;
      }
      if (first !== undefined && !isBullet(first)) {
        out.push({ kind: 'para', runs: [{ text: label, italic: true, bold: true }, { text: ` ${first}` }] });
      } else {
        out.push({ kind: 'para', runs: [{ text: label, italic: true, bold: true }] });
        if (first !== undefined) out.push(para(first));
      }
      for (const p of rest) out.push(para(p));
    }
    out.push(...keyFigureBlocks(sector, input.period));
  });
  return out;
}

/** A sector's key figures: the caption and the table (nothing when the sector has none). */
export function keyFigureBlocks(sector: SummaryReportInput['sectors'][number], period: string): Block[] {
  if (sector.figures.length === 0) return [];
  const withTarget = hasTargets(sector.figures);
  const columns = figureColumns(period, withTarget);
  return [
    { kind: 'caption', text: `Một số chỉ tiêu chủ yếu lĩnh vực ${lowerFirst(sector.name)}:` },
    {
      kind: 'table',
      columns,
      rows: sector.figures.map((f) => figureRow(f, period, withTarget)),
      kinds: columns.map((_, i): ColumnKind => (i === 0 ? 'text' : i === 1 ? 'unit' : withTarget && i === columns.length - 1 ? 'percent' : 'number')),
    },
  ];
}

function pointsBlocks(groups: readonly SectorPoints[], none: string): Block[] {
  const nonEmpty = groups.filter((g) => g.points.some((p) => p.text.trim() !== ''));
  if (nonEmpty.length === 0) return [para(none)];
  const out: Block[] = [];
  nonEmpty.forEach((g, i) => {
    out.push({ kind: 'heading', level: 2, text: `${i + 1}. ${g.sector}` });
    const points = g.points.filter((p) => p.text.trim() !== '');
    // every point raised by the same units: they are named once, not after each point
    const together = sameUnits(points);
    if (together) out.push(para(together));
    for (const [j, p] of points.entries()) out.push(para(listLine(pointWithUnits(together ? { ...p, units: [], unitsByType: undefined } : p), j === points.length - 1)));
  });
  return out;
}

/**
 * When two or more points of a sector were all raised by the same units, the line that names them once ('03 đơn vị
 * (A, B, C) cùng nêu:', 'Trung tâm X nêu:'); else null.
 */
export function sameUnits(points: readonly SectorPoints['points'][number][]): string | null {
  if (points.length < 2) return null;
  const key = (p: (typeof points)[number]) => [...p.units].map((u) => u.trim()).sort().join('\n');
  const first = points[0]!;
  if (first.units.length < 1 || !points.every((p) => key(p) === key(first))) return null;
  if (first.units.length === 1) return `${first.units[0]!.trim()} nêu:`;
  const n = `${first.units.length < 10 ? '0' : ''}${first.units.length}`;
  const byType = first.unitsByType?.trim() ?? '';
  const who = byType.startsWith(`${n} `) ? byType : `${n} đơn vị (${byType || first.units.map((u) => u.trim()).join(', ')})`;
  return `${who} cùng nêu:`;
}

/** Parts I–IV of the report, in order; with the register's figures, "Kết quả giải quyết kiến nghị kỳ trước" comes second (I–V). */
export function reportBody(input: SummaryReportInput): Block[] {
  const tasks = input.nextTasks.map((t) => t.trim()).filter(Boolean);
  const groups = (input.nextTaskGroups ?? []).map((g) => ({ sector: g.sector, tasks: g.tasks.map((t) => t.trim()).filter(Boolean) })).filter((g) => g.tasks.length);
  const previous = input.previousRecommendations ?? null;
  const roman = ['I', 'II', 'III', 'IV', 'V'];
  let part = 1;
  const heading = (text: string): Block => ({ kind: 'heading', level: 1, text: `${roman[part++]}. ${text}` });
  return [
    ...narrativeBlocks(input),
    ...(previous ? [heading('KẾT QUẢ GIẢI QUYẾT KIẾN NGHỊ KỲ TRƯỚC'), ...previousBlocks(previous)] : []),
    heading('TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN'),
    ...pointsBlocks(input.difficulties, 'Các đơn vị không nêu tồn tại, hạn chế trong kỳ.'),
    heading(nextTasksHeading(input.period)),
    ...(groups.length > 0
      ? groups.flatMap((g, i): Block[] => [
        // the general tasks alone need no '1. Nhiệm vụ chung' above them
        ...(groups.length === 1 && g.sector === GENERAL_TASKS ? [] : [{ kind: 'heading', level: 2, text: `${i + 1}. ${g.sector}` } as Block]),
        ...g.tasks.map((t, j) => para(listLine(t, j === g.tasks.length - 1))),
      ])
      : tasks.length > 0
      ? tasks.map((t, i) => para(listLine(t, i === tasks.length - 1)))
      : [para('Tiếp tục thực hiện các nhiệm vụ theo kế hoạch năm đã được phê duyệt.')]),
    heading('ĐỀ XUẤT, KIẾN NGHỊ'),
    ...pointsBlocks(input.proposals, 'Không có đề xuất, kiến nghị.'),
  ];
}

/** The previous period's recommendations: the grid in one paragraph, then the notable ones with their owner division. */
export function previousBlocks(p: NonNullable<SummaryReportInput['previousRecommendations']>): Block[] {
  if (p.total === 0) return [para(`Sổ theo dõi không ghi nhận kiến nghị nào nêu trong ${p.periodText}.`)];
  const n = (x: number) => formatNumber(x, { decimals: 0 });
  const pct = (x: number) => formatNumber((x / p.total) * 100, { decimals: 1 });
  const done = p.doneOnTime + p.doneLate;
  const open = p.openWithinDeadline + p.openOverdue;
  // "trong đó 9 đúng hạn, 5 quá hạn"; when one side is nothing, "đều …" rather than "trong đó 0 …".
  const split = (a: number, aText: string, b: number, bText: string) => (a === 0 ? `, đều ${bText}` : b === 0 ? `, đều ${aText}` : `, trong đó ${n(a)} ${aText}, ${n(b)} ${bText}`);
  const out: Block[] = [para(
    `Trong ${p.periodText}, các đơn vị và hội nghị đã nêu ${n(p.total)} kiến nghị, vấn đề được đưa vào sổ theo dõi. Đến ngày báo cáo, `
    + (done ? `đã giải quyết xong ${n(done)} kiến nghị (${pct(done)}%)${split(p.doneOnTime, 'đúng hạn', p.doneLate, 'quá hạn')}` : 'chưa giải quyết xong kiến nghị nào')
    + (open ? `; đang giải quyết ${n(open)} kiến nghị${split(p.openWithinDeadline, 'còn trong hạn', p.openOverdue, 'đã quá hạn')}.` : '; không còn kiến nghị nào đang giải quyết.'),
  )];
  if (p.notable.length) {
    out.push(para('Một số kiến nghị cần lưu ý:'));
    p.notable.forEach((x, i) => {
      const body = x.text.trim().replace(/[.;:…]+$/u, '');
      out.push(para(listLine(`${body} (${[x.owner ? `${x.owner} chủ trì` : 'chưa giao phòng chủ trì', x.status].join(', ')})`, i === p.notable.length - 1)));
    });
  }
  return out;
}

export function appendixTables(input: SummaryReportInput): AppendixTable[] {
  return input.appendix.map((t) => {
    const numeric = t.columns.map((_, i) => t.rows.some((r) => typeof r[i] === 'number') && t.rows.every((r) => typeof r[i] !== 'string'));
    return {
      title: t.title,
      columns: t.columns,
      rows: t.rows.map((r) => t.columns.map((_, i) => appendixCellText(r[i] ?? null))),
      kinds: t.columns.map((c, i): ColumnKind => (c === 'STT' ? 'index' : c === 'Đơn vị tính' ? 'unit' : numeric[i] ? 'number' : 'text')),
    };
  });
}

/** The report as the kit's document: type BC, signed by the department's head or a deputy, the appendix landscape. */
export function summaryReportDocument(input: SummaryReportInput): DecreeDocument {
  return {
    issuer: { parentBody: input.parentBody, name: input.issuer, short: input.issuerShort },
    type: DOCUMENT_TYPES.BC,
    number: input.number,
    place: input.place,
    date: input.date,
    summary: input.subject,
    body: reportBody(input),
    signature: { layout: 'single', signer: input.signer },
    recipients: input.recipients,
    appendices: [{ title: 'PHỤ LỤC SỐ LIỆU', subtitle: appendixSubtitle(input), tables: appendixTables(input) }],
    description: 'Dự thảo báo cáo tổng kết do Nhịp lập',
  };
}

/** '(Kèm theo Báo cáo số 12/BC-SKHCN ngày 04/01/2024 của Sở Khoa học và Công nghệ)'. */
export function appendixSubtitle(input: SummaryReportInput): string {
  const num = input.number?.trim() ? `số ${input.number.trim()}/BC-${input.issuerShort}` : `số      /BC-${input.issuerShort}`;
  const [y, m, d] = input.date.split('-');
  return `(Kèm theo Báo cáo ${num} ngày ${d}/${m}/${y} của ${titleCaseIssuer(input.issuer)})`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

/** 'SỞ KHOA HỌC VÀ CÔNG NGHỆ' → 'Sở Khoa học và Công nghệ'. */
function titleCaseIssuer(upper: string): string {
  const lower = upper.toLocaleLowerCase('vi');
  const words = lower.split(/\s+/).filter(Boolean);
  // The first word and the first word after 'sở'/'ban'/… are capitalised; 'và' stays lower.
  return words
    .map((w, i) =>
      i === 0 || (w !== 'và' && words[i - 1] === words[0]) || (w !== 'và' && words[i - 1] === 'và')
        ? w.charAt(0).toLocaleUpperCase('vi') + w.slice(1)
        : w,
    )
    .join(' ');
}
