/**
 * The Quyết định khen thưởng (Decree 30/2020, Mẫu 1.2) as a kit document, with the awarded list as its appendix:
 *
 *   Số: 15/QĐ-SKHCN                      Vân Lĩnh, ngày 20 tháng 01 năm 2026
 *   QUYẾT ĐỊNH
 *   Về việc tặng danh hiệu "Chiến sĩ thi đua cơ sở" năm 2025
 *   GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ
 *   Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;        (italic; ';' and the last '.')
 *   Căn cứ Nghị định số 152/2025/NĐ-CP …;
 *   Căn cứ kết quả họp Hội đồng thi đua – khen thưởng …;
 *   Theo đề nghị của Chánh Văn phòng Sở.
 *   QUYẾT ĐỊNH:
 *   Điều 1. Tặng … cho 06 cá nhân (có danh sách kèm theo) …; mỗi cá nhân được thưởng … đồng.
 *   Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
 *   Điều 3. … chịu trách nhiệm thi hành Quyết định này./.
 *   Nơi nhận: - Như Điều 3; - Lưu: VT, VP.                      GIÁM ĐỐC … (signature)
 *   [appendix] DANH SÁCH … (Kèm theo Quyết định số 15/QĐ-SKHCN ngày 20 tháng 01 năm 2026 của Giám đốc Sở …)
 *
 * Pure: everything comes in as facts.
 */
import { formatDocumentDate, formatNumber } from '@nhip/contracts';
import {
  type AppendixTable, type BodyBlock, DOCUMENT_TYPES, type DecreeDocument, documentNumberLine, type Issuer, type Signer, upperVi,
} from '../documents/kit/model.js';
import { money, twoDigits } from './decision.rules.js';
import { basisLine } from './rules/basis.js';
import type { LegalBasis } from './rules/types.js';

export type DecisionLineFact = {
  kind: 'person' | 'unit';
  /** 'Ông Nguyễn Văn A' / 'Phòng Văn hóa và Thông tin huyện Khê Thượng'. */
  name: string;
  /** A person's position and unit ('Chuyên viên Phòng …'); a collective's parent unit. */
  detail: string;
  multiple: number | null;
  amount: number | null;
};

export type DecisionGroupFact = {
  code: string;
  /** The title's name in the version in force: 'Chiến sĩ thi đua cơ sở'. */
  name: string;
  category: 'title' | 'form';
  lines: DecisionLineFact[];
};

export type DecisionFacts = {
  issuer: Issuer;
  place: string;
  /** 'YYYY-MM-DD'; the planned date while a draft. */
  date: string;
  /** The registry number ('15'), null while a draft. */
  number: string | null;
  subject: string;
  /** 'Sở Khoa học và Công nghệ' (THẨM QUYỀN BAN HÀNH: 'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ'). */
  department: string;
  awardYear: number;
  bases: LegalBasis[];
  /** The council meeting whose result the decision rests on. */
  meeting: { date: string; number: string | null; councilName: string } | null;
  proposer: string;
  /** What the awards are for, after "đã": 'có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025'. */
  reason: string;
  groups: DecisionGroupFact[];
  baseSalary: { amount: number; basis: LegalBasis | null } | null;
  signer: Signer;
  draft: boolean;
};

/** "cho 03 tập thể và 12 cá nhân" */
export function whoCount(lines: readonly { kind: 'person' | 'unit' }[]): string {
  const units = lines.filter((l) => l.kind === 'unit').length;
  const people = lines.length - units;
  return [units ? `${twoDigits(units)} tập thể` : '', people ? `${twoDigits(people)} cá nhân` : ''].filter(Boolean).join(' và ');
}

/** 'tặng danh hiệu "Chiến sĩ thi đua cơ sở"' / 'tặng Giấy khen của Giám đốc Sở'. */
export const awardPhrase = (g: Pick<DecisionGroupFact, 'name' | 'category'>) => (g.category === 'title' ? `danh hiệu "${g.name}"` : g.name);

/** The default trích yếu of a decision on these groups. */
export function decisionSubject(groups: readonly Pick<DecisionGroupFact, 'name' | 'category'>[], year: number): string {
  if (groups.length === 1) return `Về việc tặng ${awardPhrase(groups[0])} năm ${year}`;
  const titles = groups.filter((g) => g.category === 'title').length;
  if (titles === groups.length) return `Về việc tặng danh hiệu thi đua năm ${year}`;
  if (titles === 0) return `Về việc tặng hình thức khen thưởng năm ${year}`;
  return `Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm ${year}`;
}

const multipleText = (m: number) => formatNumber(m, { decimals: 1 });

/** One sentence of Điều 1 per group: who, how many, what for, and the reward each. */
function groupSentence(g: DecisionGroupFact, f: DecisionFacts): string {
  const base = `Tặng ${awardPhrase(g)} năm ${f.awardYear} cho ${whoCount(g.lines)} (có danh sách kèm theo), đã ${f.reason.replace(/^đã\s+/iu, '').replace(/[.;]$/, '')}`;
  const money1 = (kind: 'person' | 'unit') => {
    const l = g.lines.find((x) => x.kind === kind && x.amount !== null && x.multiple !== null);
    return l ? `mỗi ${kind === 'person' ? 'cá nhân' : 'tập thể'} được thưởng ${money(l.amount!)} đồng (bằng ${multipleText(l.multiple!)} lần mức lương cơ sở)` : null;
  };
  const m = [money1('unit'), money1('person')].filter(Boolean);
  return m.length ? `${base}; ${m.join('; ')}.` : `${base}.`;
}

/** '(Kèm theo Quyết định số 15/QĐ-SKHCN ngày 20 tháng 01 năm 2026 của Giám đốc Sở Khoa học và Công nghệ)' */
export function appendixSubtitle(f: Pick<DecisionFacts, 'number' | 'issuer' | 'date' | 'department' | 'draft'>): string {
  const number = documentNumberLine(f.number, f.issuer.short, DOCUMENT_TYPES.QD.symbol).replace(/^Số: /, '');
  const date = f.draft && f.number === null ? `ngày      tháng      năm ${f.date.slice(0, 4)}` : formatDocumentDate(f.date);
  return `(Kèm theo Quyết định số ${number} ${date} của Giám đốc ${f.department})`;
}

function appendixTables(f: DecisionFacts): AppendixTable[] {
  const tables: AppendixTable[] = [];
  // One numeral per table: a form given to collectives and to individuals makes two sections (II and III), never two "II.".
  const roman = (i: number) => ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][i] ?? String(i + 1);
  f.groups.forEach((g) => {
    for (const kind of ['unit', 'person'] as const) {
      const lines = g.lines.filter((l) => l.kind === kind);
      if (!lines.length) continue;
      const total = lines.reduce((s, l) => s + (l.amount ?? 0), 0);
      const both = g.lines.some((l) => l.kind !== kind);
      tables.push({
        title: `${roman(tables.length)}. ${upperVi(awardPhrase(g))}${both ? ` – ${kind === 'unit' ? 'TẬP THỂ' : 'CÁ NHÂN'}` : ''} (${twoDigits(lines.length)} ${kind === 'unit' ? 'tập thể' : 'cá nhân'})`,
        columns: ['STT', kind === 'unit' ? 'Tên tập thể' : 'Họ và tên', kind === 'unit' ? 'Trực thuộc' : 'Chức vụ, đơn vị công tác', 'Tiền thưởng (đồng)'],
        kinds: ['index', 'text', 'text', 'number'],
        rows: [
          ...lines.map((l, i) => [String(i + 1), l.name, l.detail, l.amount === null ? '' : money(l.amount)]),
          ['', 'Tổng cộng', '', money(total)],
        ],
      });
    }
  });
  return tables;
}

export function decisionDocument(f: DecisionFacts): DecreeDocument {
  const bases = f.bases.map((b) => `Căn cứ ${basisLine(b)}`);
  if (f.meeting) bases.push(`Căn cứ kết quả họp ${f.meeting.councilName} ngày ${f.meeting.date.split('-').reverse().join('/')}${f.meeting.number ? ` (Biên bản số ${f.meeting.number})` : ''}`);
  const basisBlocks: BodyBlock[] = bases.map((text, i) => ({ kind: 'para', runs: [{ text: `${text}${i === bases.length - 1 ? '.' : ';'}`, italic: true }] }));
  const article1: BodyBlock[] = f.groups.length === 1
    ? [{ kind: 'para', runs: [{ text: 'Điều 1. ', bold: true }, { text: groupSentence(f.groups[0], f) }] }]
    : [
      { kind: 'para', runs: [{ text: 'Điều 1. ', bold: true }, { text: `Khen thưởng các tập thể, cá nhân đã có thành tích trong thực hiện nhiệm vụ năm ${f.awardYear}, cụ thể:` }] },
      ...f.groups.map((g, i): BodyBlock => ({ kind: 'para', runs: [{ text: `${i + 1}. ${groupSentence(g, f)}` }] })),
    ];
  const total = f.groups.reduce((s, g) => s + g.lines.reduce((t, l) => t + (l.amount ?? 0), 0), 0);
  const moneyLine: BodyBlock[] = f.baseSalary && total > 0
    ? [{
      kind: 'para',
      runs: [{ text: `Tiền thưởng tính theo mức lương cơ sở ${money(f.baseSalary.amount)} đồng${f.baseSalary.basis ? ` (${basisLine(f.baseSalary.basis).replace(/ quy định mức lương cơ sở$/, '')})` : ''}, làm tròn lên hàng chục nghìn đồng; tổng số tiền thưởng là ${money(total)} đồng, chi từ Quỹ thi đua, khen thưởng của Sở.` }],
    }]
    : [];
  return {
    issuer: f.issuer,
    type: DOCUMENT_TYPES.QD,
    number: f.number,
    place: f.place,
    date: f.date,
    summary: f.subject,
    body: [
      ...(f.draft ? [{ kind: 'para' as const, align: 'center' as const, runs: [{ text: '(Dự thảo)', italic: true }] }] : []),
      { kind: 'para', align: 'center', runs: [{ text: `GIÁM ĐỐC ${upperVi(f.department)}`, bold: true }] },
      ...basisBlocks,
      { kind: 'para', runs: [{ text: `Theo đề nghị của ${f.proposer.replace(/[.;]$/, '')}.`, italic: true }] },
      { kind: 'para', align: 'center', runs: [{ text: 'QUYẾT ĐỊNH:', bold: true }] },
      ...article1,
      ...moneyLine,
      { kind: 'para', runs: [{ text: 'Điều 2. ', bold: true }, { text: 'Quyết định này có hiệu lực kể từ ngày ký.' }] },
      {
        kind: 'para',
        runs: [{ text: 'Điều 3. ', bold: true }, { text: 'Chánh Văn phòng Sở, Kế toán trưởng, Thủ trưởng các đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.' }],
      },
    ],
    signature: { layout: 'single', signer: f.signer },
    recipients: ['Như Điều 3', 'Lưu: VT, VP'],
    appendices: [{ title: 'DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG', subtitle: appendixSubtitle(f), landscape: false, tables: appendixTables(f) }],
    description: `Quyết định khen thưởng năm ${f.awardYear}`,
  };
}
