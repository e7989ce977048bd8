/**
 * Two small content files on the kit, as the conference module will write its own: a Giấy mời (GM) and the
 * Biên bản (BB) of the same conference, from plain data. The kit's tests and bench/documents.ts use them; the
 * names and the conference are those of the fictional Vân Lĩnh demo province.
 */
import { DOCUMENT_TYPES, type DecreeDocument, type Issuer, meetingTimeText, type Signer, signerTitle } from './model.js';

export interface MeetingInvitation {
  readonly issuer: Issuer;
  readonly number: string | null;
  readonly place: string;
  /** Date of the invitation, 'YYYY-MM-DD'. */
  readonly date: string;
  /** 'Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024'. */
  readonly meeting: string;
  /** The issuer's name in a sentence: 'Sở Khoa học và Công nghệ'. */
  readonly host: string;
  readonly invitees: readonly string[];
  readonly day: string;
  /** 'HH:mm'. */
  readonly time: string;
  readonly venue: string;
  readonly chair: string;
  readonly agenda: readonly string[];
  readonly rsvp: string;
  readonly signer: Signer;
  readonly recipients: readonly string[];
}

/** The Giấy mời: who is invited, to what, when, where, chaired by whom, and what the invitees bring. */
export function invitationDocument(m: MeetingInvitation): DecreeDocument {
  return {
    issuer: m.issuer,
    type: DOCUMENT_TYPES.GM,
    number: m.number,
    place: m.place,
    date: m.date,
    summary: `Dự ${m.meeting}`,
    body: [
      { kind: 'para', runs: [{ text: `${m.host} trân trọng kính mời:` }] },
      { kind: 'bullets', items: m.invitees },
      { kind: 'para', runs: [{ text: `Tới dự ${m.meeting}.` }] },
      {
        kind: 'fields',
        items: [
          { label: 'Thời gian', value: `${meetingTimeText(m.day, m.time)}.` },
          { label: 'Địa điểm', value: `${m.venue}.` },
          { label: 'Chủ trì', value: `${m.chair}.` },
          { label: 'Nội dung', value: '' },
        ],
      },
      { kind: 'numbered', items: m.agenda },
      { kind: 'para', runs: [{ text: m.rsvp }] },
      { kind: 'para', runs: [{ text: 'Rất mong các đồng chí tham dự đầy đủ, đúng giờ./.', italic: true }] },
    ],
    signature: { layout: 'single', signer: m.signer },
    recipients: m.recipients,
  };
}

const VAN_LINH: Issuer = { parentBody: 'ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH', name: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', short: 'SKHCN' };
const MEETING = 'Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024';

export function sampleInvitation(over: Partial<MeetingInvitation> = {}): MeetingInvitation {
  return {
    issuer: VAN_LINH,
    number: null,
    place: 'Vân Lĩnh',
    date: '2023-12-28',
    meeting: MEETING,
    host: 'Sở Khoa học và Công nghệ',
    invitees: [
      'Đồng chí Hoàng Thị Mai, Phó Chủ tịch Ủy ban nhân dân tỉnh',
      'Lãnh đạo Phòng Văn hóa và Thông tin các huyện, thành phố',
      'Giám đốc Trung tâm Văn hóa, Thể thao và Truyền thông các huyện, thành phố',
      'Lãnh đạo các doanh nghiệp bưu chính, viễn thông trên địa bàn tỉnh',
      'Đại diện Báo Vân Lĩnh, Đài Phát thanh và Truyền hình tỉnh',
    ],
    day: '2024-01-04',
    time: '08:00',
    venue: 'Hội trường tầng 3, Sở Khoa học và Công nghệ, số 18 đường Trần Hưng Đạo, thành phố Vân Lĩnh',
    chair: 'Đồng chí Nông Văn Đức, Giám đốc Sở Khoa học và Công nghệ',
    agenda: [
      'Báo cáo kết quả công tác năm 2023 và phương hướng, nhiệm vụ năm 2024;',
      'Tham luận của 04 đơn vị; thảo luận về khó khăn, vướng mắc và đề xuất, kiến nghị;',
      'Khen thưởng các tập thể, cá nhân có thành tích xuất sắc;',
      'Phát biểu chỉ đạo của lãnh đạo Ủy ban nhân dân tỉnh; kết luận của Giám đốc Sở.',
    ],
    rsvp: 'Đề nghị các đơn vị gửi danh sách đại biểu dự Hội nghị về Văn phòng Sở trước 16 giờ 00 phút, ngày 02/01/2024 (điện thoại: 0206.3852.468).',
    signer: { title: signerTitle({ authority: 'KT', of: 'Giám đốc', position: 'Phó Giám đốc' }), name: 'Lô Quang Tuấn' },
    recipients: ['Như trên', 'UBND tỉnh (b/c)', 'Giám đốc, các Phó Giám đốc Sở', 'Các phòng, đơn vị thuộc Sở'],
    ...over,
  };
}

/** The minutes of the same conference: two signers side by side, the secretary left and the chair right. */
export function sampleMinutes(): DecreeDocument {
  return {
    issuer: VAN_LINH,
    type: DOCUMENT_TYPES.BB,
    number: '03',
    place: 'Vân Lĩnh',
    date: '2024-01-04',
    summary: MEETING,
    body: [
      {
        kind: 'fields',
        items: [
          { label: 'Thời gian', value: `bắt đầu lúc ${meetingTimeText('2024-01-04', '08:00')}.` },
          { label: 'Địa điểm', value: 'Hội trường tầng 3, Sở Khoa học và Công nghệ.' },
          { label: 'Chủ trì', value: 'Đồng chí Nông Văn Đức, Giám đốc Sở.' },
          { label: 'Thư ký', value: 'Bà Đàm Thị Hạnh, chuyên viên Văn phòng Sở.' },
          { label: 'Thành phần', value: '86/90 đại biểu được mời có mặt.' },
        ],
      },
      { kind: 'heading', level: 1, text: 'I. NỘI DUNG HỘI NGHỊ' },
      { kind: 'heading', level: 2, text: '1. Báo cáo kết quả công tác năm 2023' },
      { kind: 'para', runs: [{ text: 'Đồng chí Lô Quang Tuấn, Phó Giám đốc Sở, trình bày dự thảo báo cáo kết quả công tác năm 2023 và phương hướng, nhiệm vụ năm 2024.' }] },
      { kind: 'heading', level: 2, text: '2. Thảo luận' },
      { kind: 'bullets', items: ['Phòng Văn hóa và Thông tin huyện Hòa An đề nghị hỗ trợ phủ sóng 07 thôn vùng lõm', 'Viettel Vân Lĩnh kiến nghị đơn giản hóa thủ tục cấp phép xây dựng trạm BTS'] },
      { kind: 'heading', level: 1, text: 'II. KẾT LUẬN' },
      { kind: 'para', runs: [{ text: 'Giám đốc Sở kết luận, giao Phòng Bưu chính – Viễn thông tổng hợp các kiến nghị, báo cáo trước ngày 31/01/2024.' }] },
      { kind: 'para', runs: [{ text: 'Hội nghị kết thúc lúc 11 giờ 30 phút cùng ngày.', italic: true }] },
    ],
    signature: {
      layout: 'pair',
      left: { title: 'THƯ KÝ', name: 'Đàm Thị Hạnh' },
      right: { title: 'CHỦ TỌA', name: 'Nông Văn Đức' },
    },
  };
}
