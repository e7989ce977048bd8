/**
 * The Thông báo kết luận (TB): "Kết luận của Giám đốc Sở … tại Hội nghị …". Who attended and who chaired, then the
 * provincial leader's directive and the director's conclusion as numbered points (a task names its owner division,
 * the co-operating units and the deadline), and "Nơi nhận" listing the invited units, grouped by type when all of a
 * type were invited. A draft (nothing issued yet) says so under the summary line and leaves the number blank.
 */
import { conferencePeriodWording, formatDate } from '@nhip/contracts';
import { type BodyBlock, DOCUMENT_TYPES, type DecreeDocument, upperVi } from '../documents/kit/model.js';
import type { ConferenceFacts } from './documents.data.js';
import { guestLine, invitedGroups, joinVi, pointText, recipientGroups, signerOf } from './documents.wording.js';

export const DRAFT_MARK = '(Dự thảo - chưa ban hành)';

/** 'Kết luận của Giám đốc Sở Thông tin và Truyền thông tại Hội nghị tổng kết …'. */
export function conclusionSummary(department: string, title: string): string {
  const t = title.trim();
  return `Kết luận của Giám đốc ${department} tại ${/^hội nghị/iu.test(t) ? t : `Hội nghị ${t}`}`;
}

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase('vi') + s.slice(1) : s);

export function conclusionDocument(f: ConferenceFacts, opts: { number: string | null; date: string; draft: boolean }): DecreeDocument {
  const c = f.conference;
  const points = (source: 'conclusion' | 'directive') => f.points.filter((p) => p.source === source).map(pointText);
  const conclusion = points('conclusion');
  const directive = points('directive');
  const guests = f.guests.map((g) => lowerFirst(guestLine(g)));
  const units = invitedGroups(f);
  const attended = [
    ...(guests.length ? [joinVi(guests)] : []),
    ...(units.length ? [`đại diện lãnh đạo ${joinVi(units)}`] : []),
  ];
  const wording = conferencePeriodWording(c.period);
  const heard = wording
    ? `Sau khi nghe báo cáo kết quả công tác ${wording.current}, phương hướng, nhiệm vụ ${wording.next}, các tham luận và ý kiến thảo luận của đại biểu`
    : 'Sau khi nghe báo cáo, các tham luận và ý kiến thảo luận của đại biểu';
  const director = f.chair && /giám đốc/iu.test(f.chair.position) ? `đồng chí ${f.chair.fullName}, ${f.chair.title}` : `Giám đốc ${f.department}`;
  const directiveGuest = f.guests.find((g) => g.gives_directive);
  const body: BodyBlock[] = [
    ...(opts.draft ? [{ kind: 'para' as const, align: 'center' as const, runs: [{ text: DRAFT_MARK, bold: true, italic: true }] }] : []),
    {
      kind: 'para',
      runs: [{
        text: `Ngày ${formatDate(f.date)}, tại ${c.place || f.department}, ${f.department} tổ chức ${c.title}.` +
          (attended.length ? ` Dự Hội nghị có ${attended.join('; ')}.` : '') +
          (f.chair ? ` Đồng chí ${f.chair.fullName}, ${f.chair.title} chủ trì Hội nghị.` : ''),
      }],
    },
    { kind: 'para', runs: [{ text: `${heard}, ${director} kết luận như sau:` }] },
  ];
  const numbered = (items: string[]): BodyBlock[] =>
    items.length ? [{ kind: 'numbered', items }] : [{ kind: 'para', runs: [{ text: '(Chưa có nội dung.)', italic: true }] }];
  if (directive.length) {
    body.push(
      { kind: 'heading', level: 1, text: `I. Ý KIẾN CHỈ ĐẠO CỦA LÃNH ĐẠO ${upperVi(f.provinceBody)}` },
      ...(directiveGuest ? [{ kind: 'para' as const, runs: [{ text: `${guestLine(directiveGuest)} phát biểu chỉ đạo:` }] }] : []),
      ...numbered(directive),
      { kind: 'heading', level: 1, text: 'II. KẾT LUẬN CỦA GIÁM ĐỐC SỞ' },
      ...numbered(conclusion),
    );
  } else {
    body.push(...numbered(conclusion));
  }
  body.push({ kind: 'para', runs: [{ text: `${f.department} thông báo để các phòng, đơn vị liên quan biết, thực hiện./.` }] });
  return {
    issuer: f.issuer,
    type: DOCUMENT_TYPES.TB,
    number: opts.number,
    place: f.place,
    date: opts.date,
    summary: conclusionSummary(f.department, c.title),
    body,
    signature: { layout: 'single', signer: signerOf(f.signer) },
    recipients: [`${f.provinceBody} (để báo cáo)`, 'Giám đốc, các Phó Giám đốc Sở', 'Các phòng, đơn vị thuộc Sở', ...recipientGroups(f)],
    description: `Thông báo kết luận ${c.title}`,
  };
}
