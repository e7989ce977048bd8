/**
 * The Biên bản họp Hội đồng thi đua – khen thưởng (Decree 30/2020, Mẫu 1.9) as a kit document: numbered in the
 * council's own series (`Số: 02/BB-HĐTĐKT`), time and place, chair and secretary, the members present, absent and
 * voting in writing, the quorum, each nomination's secret-ballot result against its threshold out of ALL members,
 * the conclusion, the closing time, and the signatures THƯ KÝ (left) and CHỦ TỌA (right). Pure.
 */
import { formatDate } from '@nhip/contracts';
import { type BodyBlock, DOCUMENT_TYPES, type DecreeDocument, type Issuer, meetingTimeText } from '../documents/kit/model.js';
import { fractionText, twoDigits } from './decision.rules.js';

export type MinutesBallot = {
  name: string;
  /** 'Chuyên viên, Phòng Văn hóa và Thông tin huyện Khê Thượng', or the collective's parent. */
  detail: string;
  awardName: string;
  kind: 'person' | 'unit';
  votesFor: number;
  ballotsCast: number;
  vote: { num: number; den: number } | null;
  passed: boolean | null;
};

export type CouncilMinutesFacts = {
  issuer: Issuer;
  place: string;
  /** The meeting day 'YYYY-MM-DD' and start 'HH:mm' (Vietnam), and its end 'HH:mm' if known. */
  date: string;
  time: string;
  endTime: string | null;
  councilName: string;
  year: number;
  meetingPlace: string | null;
  /** The registry number ('02'), null while the meeting is not closed. */
  number: string | null;
  chair: { name: string; title: string } | null;
  secretary: { name: string; title: string } | null;
  members: { name: string; role: string; title: string; present: boolean | null; writtenOpinion: boolean }[];
  membersTotal: number;
  quorum: { num: number; den: number } | null;
  ballots: MinutesBallot[];
  notes: string | null;
  /** Who the council proposes to: 'Giám đốc Sở Khoa học và Công nghệ'. */
  decider: string;
  draft: boolean;
};

const pct = (a: number, b: number) => (b ? `${(Math.round((a * 1000) / b) / 10).toString().replace('.', ',')}%` : '0%');

/** '- Ông Nguyễn Văn A, Phó Giám đốc Sở, Chủ tịch Hội đồng;' lines. */
const memberLine = (m: CouncilMinutesFacts['members'][number]) => [m.name, m.title, m.role].filter(Boolean).join(', ');

export function councilMinutesDocument(f: CouncilMinutesFacts): DecreeDocument {
  const present = f.members.filter((m) => m.present === true);
  const written = f.members.filter((m) => m.present !== true && m.writtenOpinion);
  const absent = f.members.filter((m) => m.present === false && !m.writtenOpinion);
  const passed = f.ballots.filter((b) => b.passed === true);
  const failed = f.ballots.filter((b) => b.passed === false);
  const byTitle = new Map<string, MinutesBallot[]>();
  for (const b of passed) byTitle.set(b.awardName, [...(byTitle.get(b.awardName) ?? []), b]);
  const quorumLine = f.quorum
    ? `Số thành viên có mặt: ${present.length}/${f.membersTotal}, ${present.length * f.quorum.den >= f.quorum.num * f.membersTotal ? 'bảo đảm' : 'chưa bảo đảm'} tỷ lệ từ ${fractionText(f.quorum)} tổng số thành viên Hội đồng theo quy định.`
    : `Số thành viên có mặt: ${present.length}/${f.membersTotal}.`;
  const body: BodyBlock[] = [
    ...(f.draft ? [{ kind: 'para' as const, align: 'center' as const, runs: [{ text: '(Dự thảo: cuộc họp chưa kết thúc, kết quả có thể còn thay đổi)', italic: true }] }] : []),
    {
      kind: 'fields',
      items: [
        { label: 'Thời gian bắt đầu', value: `${meetingTimeText(f.date, f.time)}.` },
        { label: 'Địa điểm', value: f.meetingPlace ? `${f.meetingPlace.replace(/\.$/, '')}.` : '' },
        { label: 'Chủ trì', value: f.chair ? `${f.chair.name}, ${f.chair.title}.` : '' },
        { label: 'Thư ký', value: f.secretary ? `${f.secretary.name}, ${f.secretary.title}.` : '' },
      ].filter((x) => x.value),
    },
    { kind: 'heading', level: 1, text: 'I. THÀNH PHẦN THAM DỰ' },
    { kind: 'para', runs: [{ text: `${f.councilName} có ${f.membersTotal} thành viên. ${quorumLine}` }] },
    ...(present.length ? [{ kind: 'fields' as const, items: [{ label: 'Thành viên có mặt', value: '' }] }, { kind: 'bullets' as const, items: present.map(memberLine) }] : []),
    ...(written.length
      ? [{ kind: 'fields' as const, items: [{ label: 'Vắng mặt, có ý kiến bằng văn bản', value: '' }] }, { kind: 'bullets' as const, items: written.map(memberLine) }]
      : []),
    ...(absent.length ? [{ kind: 'fields' as const, items: [{ label: 'Vắng mặt', value: '' }] }, { kind: 'bullets' as const, items: absent.map(memberLine) }] : []),
    { kind: 'heading', level: 1, text: 'II. NỘI DUNG CUỘC HỌP' },
    {
      kind: 'para',
      runs: [{ text: `Hội đồng xem xét ${twoDigits(f.ballots.length)} đề nghị khen thưởng năm ${f.year} đã được Văn phòng Sở tiếp nhận, kiểm tra điều kiện theo quy định; các danh hiệu phải bỏ phiếu kín được biểu quyết bằng phiếu kín, tỷ lệ phiếu đồng ý tính trên tổng số thành viên Hội đồng.` }],
    },
    ...(f.notes?.trim() ? f.notes.trim().split('\n').map((l) => l.trim()).filter(Boolean).map((l): BodyBlock => ({ kind: 'para', runs: [{ text: l }] })) : []),
    { kind: 'heading', level: 2, text: 'Kết quả bỏ phiếu kín' },
    {
      kind: 'table',
      columns: ['STT', 'Họ và tên / Tập thể', 'Chức vụ, đơn vị', 'Danh hiệu đề nghị', 'Phiếu đồng ý', 'Tỷ lệ', 'Kết quả'],
      kinds: ['index', 'text', 'text', 'text', 'number', 'percent', 'text'],
      rows: f.ballots.map((b, i) => [
        String(i + 1), b.name, b.detail, b.awardName, `${b.votesFor}/${f.membersTotal}`, pct(b.votesFor, f.membersTotal),
        b.passed === null ? 'Chưa có kết quả' : `${b.passed ? 'Đạt' : 'Không đạt'}${b.vote ? ` (từ ${fractionText(b.vote)})` : ''}`,
      ]),
    },
    { kind: 'heading', level: 1, text: 'III. KẾT LUẬN' },
    ...(passed.length
      ? [
        { kind: 'para' as const, runs: [{ text: `Hội đồng thống nhất đề nghị ${f.decider} xem xét, quyết định khen thưởng hoặc trình cấp có thẩm quyền khen thưởng:` }] },
        {
          kind: 'bullets' as const,
          items: [...byTitle].map(([title, list]) => {
            const people = list.filter((b) => b.kind === 'person').length;
            const units = list.length - people;
            const who = [people ? `${twoDigits(people)} cá nhân` : '', units ? `${twoDigits(units)} tập thể` : ''].filter(Boolean).join(' và ');
            return `"${title}": ${who} (${list.map((b) => b.name).join(', ')})`;
          }),
        },
      ]
      : [{ kind: 'para' as const, runs: [{ text: 'Không có đề nghị nào đạt tỷ lệ phiếu đồng ý theo quy định.' }] }]),
    ...(failed.length
      ? [{ kind: 'para' as const, runs: [{ text: `Không đạt tỷ lệ phiếu đồng ý theo quy định: ${failed.map((b) => `${b.name} ("${b.awardName}")`).join(', ')}.` }] }]
      : []),
    {
      kind: 'para',
      runs: [{ text: f.endTime
        ? `Cuộc họp kết thúc vào ${f.endTime.replace(':', ' giờ ')} phút, ngày ${formatDate(f.date)}; biên bản đã được thông qua trước các thành viên dự họp./.`
        : 'Cuộc họp kết thúc vào ..... giờ ..... phút cùng ngày; biên bản đã được thông qua trước các thành viên dự họp./.', italic: true }],
    },
  ];
  return {
    issuer: f.issuer,
    type: DOCUMENT_TYPES.BB,
    number: f.number,
    place: f.place,
    date: f.date,
    summary: `Họp ${f.councilName} xét khen thưởng năm ${f.year}`,
    body,
    signature: { layout: 'pair', left: { title: 'THƯ KÝ', name: f.secretary?.name ?? '' }, right: { title: 'CHỦ TỌA', name: f.chair?.name ?? '' } },
    recipients: ['Thành viên Hội đồng', 'Lưu: VT, Hồ sơ'],
    description: `Biên bản họp ${f.councilName} năm ${f.year}`,
  };
}
