/**
 * The nomination dossier (hồ sơ đề nghị khen thưởng, Law on Emulation and Commendation Article 84) as kit
 * documents, filled with what Nhịp knows:
 *
 * - the Tờ trình (`/TTr-`, Decree 30 Mẫu 1.4): the department (or, for what the director awards, the council) asks
 *   the awarding authority to award a title or form for a year to the people and collectives listed, each with the
 *   evidence the rule engine found, and names the dossier's attachments;
 * - the Báo cáo thành tích (`/BC-`): a person's or a collective's record — who they are, their ratings, their
 *   initiatives and the statement of achievements of the nomination, and every title and form already received —
 *   with room for what only the person can write, signed by the person and certified by the head of their unit.
 *
 * Pure functions of their facts.
 */
import { formatDate, INITIATIVE_SCOPE_LABELS, type InitiativeScope, RATING_LABELS, type Rating } from '@nhip/contracts';
import { type BodyBlock, DOCUMENT_TYPES, type DecreeDocument, type Issuer, type Signer } from '../documents/kit/model.js';
import { twoDigits } from './decision.rules.js';
import { basisLine } from './rules/basis.js';
import type { LegalBasis } from './rules/types.js';
import { textBlocks } from '../conferences/minutes.content.js';

// ───────────── Tờ trình ─────────────

export type ProposalEntry = {
  kind: 'person' | 'unit';
  name: string;
  /** Position and unit, or the collective's parent. */
  detail: string;
  /** What the rule engine found, short: 'CSTĐ cơ sở 2023, 2024, 2025; sáng kiến "…" (cấp tỉnh, 2024)'. */
  evidence: string;
  /** The council's vote, when there was one: '9/9'. */
  votes: string | null;
};

export type ProposalFacts = {
  issuer: Issuer;
  place: string;
  date: string;
  number: string | null;
  /** 'Chủ tịch Ủy ban nhân dân tỉnh Vân Lĩnh'. */
  recipient: string;
  /** Who submits, in a sentence: 'Sở Khoa học và Công nghệ' / 'Hội đồng thi đua – khen thưởng Sở …'. */
  submitter: string;
  awardName: string;
  category: 'title' | 'form';
  year: number;
  bases: LegalBasis[];
  meeting: { date: string; number: string | null } | null;
  entries: ProposalEntry[];
  signer: Signer;
};

export function proposalDocument(f: ProposalFacts): DecreeDocument {
  const what = f.category === 'title' ? `danh hiệu "${f.awardName}"` : f.awardName;
  const units = f.entries.filter((e) => e.kind === 'unit').length;
  const people = f.entries.length - units;
  const who = [units ? `${twoDigits(units)} tập thể` : '', people ? `${twoDigits(people)} cá nhân` : ''].filter(Boolean).join(' và ') || 'không có tập thể, cá nhân nào';
  const bases = f.bases.map((b) => `Căn cứ ${basisLine(b)}`);
  if (f.meeting) bases.push(`Căn cứ kết quả họp, bỏ phiếu của Hội đồng thi đua – khen thưởng ngày ${formatDate(f.meeting.date)}${f.meeting.number ? ` (Biên bản số ${f.meeting.number})` : ''}`);
  return {
    issuer: f.issuer,
    type: DOCUMENT_TYPES.TTr,
    number: f.number,
    place: f.place,
    date: f.date,
    summary: `Đề nghị tặng ${what} năm ${f.year}`,
    body: [
      { kind: 'para', align: 'center', runs: [{ text: `Kính gửi: ${f.recipient}.` }] },
      ...bases.map((t, i): BodyBlock => ({ kind: 'para', runs: [{ text: `${t}${i === bases.length - 1 ? '.' : ';'}`, italic: true }] })),
      {
        kind: 'para',
        runs: [{ text: `${f.submitter} kính trình ${f.recipient} xem xét, tặng ${what} năm ${f.year} cho ${who} đã đạt tiêu chuẩn theo quy định (có danh sách và hồ sơ kèm theo), cụ thể:` }],
      },
      {
        kind: 'table',
        columns: ['STT', 'Họ và tên / Tập thể', 'Chức vụ, đơn vị', 'Căn cứ đề nghị', ...(f.entries.some((e) => e.votes) ? ['Phiếu đồng ý'] : [])],
        kinds: ['index', 'text', 'text', 'text', ...(f.entries.some((e) => e.votes) ? ['number' as const] : [])],
        rows: f.entries.map((e, i) => [String(i + 1), e.name, e.detail, e.evidence, ...(f.entries.some((x) => x.votes) ? [e.votes ?? ''] : [])]),
      },
      { kind: 'fields', items: [{ label: 'Hồ sơ kèm theo gồm', value: '' }] },
      {
        kind: 'bullets',
        items: [
          'Báo cáo thành tích của từng tập thể, cá nhân có xác nhận của thủ trưởng đơn vị',
          ...(f.meeting ? ['Biên bản họp và kết quả bỏ phiếu kín của Hội đồng thi đua – khen thưởng'] : ['Biên bản bình xét thi đua']),
          'Văn bản công nhận sáng kiến, đề tài khoa học (đối với danh hiệu có tiêu chuẩn sáng kiến)',
        ],
      },
      { kind: 'para', runs: [{ text: `Kính trình ${f.recipient} xem xét, quyết định./.` }] },
    ],
    signature: { layout: 'single', signer: f.signer },
    recipients: ['Như trên', 'Lưu: VT, VP'],
    description: `Tờ trình đề nghị tặng ${what} năm ${f.year}`,
  };
}

// ───────────── Báo cáo thành tích ─────────────

export type ReportFacts = {
  issuer: Issuer;
  place: string;
  date: string;
  kind: 'person' | 'unit';
  awardName: string;
  category: 'title' | 'form';
  year: number;
  /** Name, gender, birth date, position, unit, service; or the collective's name, parent, address, members. */
  identity: { label: string; value: string }[];
  /** The statement of achievements of the nomination (multi-line), or null for the person to write. */
  achievements: string | null;
  ratings: { year: number; rating: Rating }[];
  initiatives: { title: string; year: number; scope: InitiativeScope; recognisedBy: string | null; decisionNumber: string | null }[];
  /** A collective's members' titles that year: 'Lao động tiên tiến: 12/15 cá nhân'. */
  memberTitles: string[];
  history: { year: number; name: string; category: 'title' | 'form'; decision: string; authority: string }[];
  /** The nominee (who signs the report) and the head of the unit (who certifies it). */
  reporter: string;
  head: { title: string; name: string };
};

const BLANK = '……………………………………………………………………………………………';

export function achievementReportDocument(f: ReportFacts): DecreeDocument {
  const what = f.category === 'title' ? `danh hiệu "${f.awardName}"` : f.awardName;
  const titles = f.history.filter((h) => h.category === 'title');
  const forms = f.history.filter((h) => h.category === 'form');
  const historyTable = (rows: ReportFacts['history']): BodyBlock => ({
    kind: 'table',
    columns: ['Năm', f.kind === 'person' ? 'Danh hiệu, hình thức' : 'Danh hiệu, hình thức', 'Số, ngày quyết định', 'Cơ quan ban hành'],
    kinds: ['index', 'text', 'text', 'text'],
    rows: rows.map((h) => [String(h.year), h.name, h.decision, h.authority]),
  });
  const body: BodyBlock[] = [
    { kind: 'heading', level: 1, text: f.kind === 'person' ? 'I. SƠ LƯỢC LÝ LỊCH' : 'I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH' },
    { kind: 'fields', items: f.identity },
    { kind: 'heading', level: 1, text: 'II. THÀNH TÍCH ĐẠT ĐƯỢC' },
    { kind: 'heading', level: 2, text: f.kind === 'person' ? '1. Quyền hạn, nhiệm vụ được giao' : '1. Chức năng, nhiệm vụ được giao' },
    { kind: 'para', runs: [{ text: BLANK }] },
    { kind: 'heading', level: 2, text: `2. Thành tích đạt được năm ${f.year}` },
    ...(f.achievements?.trim() ? textBlocks(f.achievements) : [{ kind: 'para' as const, runs: [{ text: BLANK }] }]),
    { kind: 'heading', level: 2, text: '3. Kết quả xếp loại chất lượng' },
    f.ratings.length
      ? { kind: 'table', columns: ['Năm', 'Xếp loại'], kinds: ['index', 'text'], rows: f.ratings.map((r) => [String(r.year), RATING_LABELS[r.rating].vi]) }
      : { kind: 'para', runs: [{ text: 'Chưa có kết quả xếp loại trong Nhịp.', italic: true }] },
    ...(f.kind === 'person'
      ? [
        { kind: 'heading' as const, level: 2 as const, text: '4. Sáng kiến, đề tài khoa học' },
        f.initiatives.length
          ? {
            kind: 'table' as const, columns: ['Năm', 'Tên sáng kiến', 'Phạm vi', 'Công nhận'], kinds: ['index' as const, 'text' as const, 'text' as const, 'text' as const],
            rows: f.initiatives.map((i) => [String(i.year), i.title, INITIATIVE_SCOPE_LABELS[i.scope].vi, [i.recognisedBy, i.decisionNumber].filter(Boolean).join(', ')]),
          }
          : { kind: 'para' as const, runs: [{ text: 'Không có sáng kiến được ghi nhận trong Nhịp.', italic: true }] },
      ]
      : f.memberTitles.length
        ? [{ kind: 'heading' as const, level: 2 as const, text: '4. Danh hiệu của cá nhân trong tập thể' }, { kind: 'bullets' as const, items: f.memberTitles }]
        : []),
    { kind: 'heading', level: 1, text: 'III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG' },
    { kind: 'heading', level: 2, text: '1. Danh hiệu thi đua' },
    titles.length ? historyTable(titles) : { kind: 'para', runs: [{ text: 'Chưa có.', italic: true }] },
    { kind: 'heading', level: 2, text: '2. Hình thức khen thưởng' },
    forms.length ? historyTable(forms) : { kind: 'para', runs: [{ text: 'Chưa có.', italic: true }] },
  ];
  return {
    issuer: f.issuer,
    type: { ...DOCUMENT_TYPES.BC, name: 'BÁO CÁO THÀNH TÍCH' },
    number: null,
    place: f.place,
    date: f.date,
    summary: `Đề nghị tặng ${what} năm ${f.year}`,
    body,
    signature: {
      layout: 'pair',
      left: { title: f.head.title, name: f.head.name },
      right: { title: f.kind === 'person' ? 'NGƯỜI BÁO CÁO THÀNH TÍCH' : 'THỦ TRƯỞNG TẬP THỂ', name: f.reporter },
    },
    description: `Báo cáo thành tích đề nghị tặng ${what} năm ${f.year}`,
  };
}
