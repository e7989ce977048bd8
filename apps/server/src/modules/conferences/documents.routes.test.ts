import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { openDocx, paragraphTexts } from '../documents/docx-reader.test-util.js';
import { findSoffice } from '../documents/kit/pdf.js';
import { type DayWorld, dayUsers, holdDay, seedDay } from './day.test-fixtures.js';

let s: TestServer;
let w: DayWorld;
let users: Awaited<ReturnType<typeof dayUsers>>;

beforeAll(async () => {
  let world: DayWorld | undefined;
  s = await testServer({
    now: '2025-01-09T03:00:00Z',
    seed: async (db) => { world = await seedDay(db); await holdDay(db, world); },
    config: { rateLimits: { conference: { max: 40, windowSeconds: 600 } } },
  });
  w = world!;
  users = await dayUsers(s.app, w.u);
}, 60_000);
afterAll(() => s.close());

const doc = (kind: string, format = 'docx', who = users.office, id = w.conferenceId) =>
  s.app.inject({ method: 'GET', url: `/api/conferences/${id}/documents/${kind}?format=${format}`, headers: who });
async function texts(kind: string, who = users.office): Promise<string[]> {
  const r = await doc(kind, 'docx', who);
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  expect(r.headers['content-type']).toContain('wordprocessingml');
  return paragraphTexts((await openDocx(r.rawPayload)).document);
}
const tables = (xml: string) => [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
const cells = (table: string) => [...table.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphTexts(c[0]));
async function signature(kind: string, who = users.office): Promise<string[][]> {
  const r = await doc(kind, 'docx', who);
  return cells(tables((await openDocx(r.rawPayload)).document).at(-1) ?? '');
}

describe('the Giấy mời', () => {
  it('is a GM of the department in being on the conference date, with its number, summary line, invitees, time, place, chair and RSVP', async () => {
    const t = await texts('invitation');
    expect(t).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(t).toContain('Số: 05/GM-STTTT');
    const type = t.indexOf('GIẤY MỜI');
    expect(t[type + 1]).toBe('Dự Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025');
    expect(t).toContain('Vân Lĩnh, ngày 30 tháng 12 năm 2024');
    const first = t.indexOf('Sở Thông tin và Truyền thông trân trọng kính mời:');
    expect(t.slice(first + 1, first + 4)).toEqual([
      '- Đồng chí Hoàng Thị Mai, Phó Chủ tịch Ủy ban nhân dân tỉnh;',
      '- Đồng chí Vi Văn Toàn, Phó Trưởng ban Tuyên giáo Tỉnh ủy;',
      '- Lãnh đạo Phòng Văn hóa và Thông tin huyện Bảo Lạc;',
    ]);
    expect(t).toContain('Thời gian: 08 giờ 00 phút, thứ Tư, ngày 08/01/2025.');
    expect(t).toContain('Chủ trì: Đồng chí Nông Văn Đức, Giám đốc Sở Thông tin và Truyền thông.');
    expect(t).toContain('Đề nghị các đơn vị xác nhận tham dự và đăng ký danh sách đại biểu trên hệ thống Nhịp trước 16 giờ 00 phút, ngày 06/01/2025 (liên hệ: đồng chí Đàm Thị Hạnh, Chuyên viên Văn phòng Sở, điện thoại 0206 3852 468).');
    const [left, right] = await signature('invitation');
    expect(left?.[0]).toBe('Nơi nhận:');
    expect(left?.at(-1)).toBe('- Lưu: VT, VP.');
    expect(right).toEqual(['GIÁM ĐỐC', 'Nông Văn Đức']);
  });

  it('groups a type of unit when all of it is invited', async () => {
    await s.db.query(`INSERT INTO conference_invitations (conference_id, org_unit_id, status) VALUES ($1, $2, 'pending')`, [w.conferenceId, w.u.X9]);
    const t = await texts('invitation');
    expect(t).toContain('- Lãnh đạo Phòng Văn hóa và Thông tin các huyện, thành phố;');
    expect(t.some((x) => x.includes('huyện Bảo Lạc'))).toBe(false);
    await s.db.query(`DELETE FROM conference_invitations WHERE conference_id = $1 AND org_unit_id = $2`, [w.conferenceId, w.u.X9]);
  });

  it('is issued by the Sở KH&CN for a conference after 01/03/2025, nothing hard-coded', async () => {
    const { id } = await s.db.one<{ id: number }>(
      `INSERT INTO conferences (period, kind, title, status, starts_at, place, chair_person_id)
       VALUES ('2025Q1', 'interim', 'Hội nghị sơ kết công tác quý I năm 2025 và triển khai nhiệm vụ quý II năm 2025', 'invited', '2025-04-04T01:30:00Z', 'Hội trường Sở', $1) RETURNING id`,
      [w.p.director],
    );
    const r = await doc('invitation', 'docx', users.office, id);
    const t = paragraphTexts((await openDocx(r.rawPayload)).document);
    expect(t).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(t.some((x) => /^Số: \s+\/GM-SKHCN$/u.test(x))).toBe(true);
    expect(t).toContain('Sở Khoa học và Công nghệ trân trọng kính mời:');
    expect(t).toContain('Thời gian: 08 giờ 30 phút, thứ Sáu, ngày 04/04/2025.');
  });
});

describe('the Chương trình hội nghị', () => {
  it('lists each item with its computed start and its presenter', async () => {
    const r = await doc('agenda');
    const xml = (await openDocx(r.rawPayload)).document;
    const t = paragraphTexts(xml);
    expect(t[t.indexOf('CHƯƠNG TRÌNH') + 1]).toBe('Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025');
    expect(t).toContain('(Kèm theo Giấy mời số 05/GM-STTTT của Sở Thông tin và Truyền thông)');
    const table = tables(xml).find((x) => x.includes('Thực hiện'))!;
    const rows = cells(table).map((c) => c.join(' '));
    expect(rows.slice(0, 3)).toEqual(['Giờ', 'Nội dung', 'Thực hiện']);
    expect(rows.slice(3, 9)).toEqual([
      '08:00', 'Khai mạc, giới thiệu đại biểu', 'Đồng chí Đàm Thị Hạnh, Chuyên viên Văn phòng Sở',
      '08:10', 'Báo cáo kết quả công tác năm 2024 và phương hướng, nhiệm vụ năm 2025', 'Đồng chí Lô Quang Tuấn, Phó Giám đốc Sở Thông tin và Truyền thông',
    ]);
    expect(rows).toContain('Đại diện Viễn thông Vân Lĩnh');
    expect(rows).toContain('10:15');
    expect(t).toContain('Hội nghị dự kiến kết thúc lúc 10 giờ 20 phút.');
  });
});

describe('the Biên bản', () => {
  it('is a BB with the signature blocks THƯ KÝ and CHỦ TỌA, marked as compiled while the minutes are not saved', async () => {
    const t = await texts('minutes');
    expect(t[t.indexOf('BIÊN BẢN') + 1]).toBe('Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025');
    expect(t.some((x) => /^Số: \s+\/BB-STTTT$/u.test(x))).toBe(true);
    expect(t).toContain('(Bản biên bản lập tự động từ ghi chép, chưa được thư ký lưu)');
    expect(t).toContain('Thư ký: Đồng chí Đàm Thị Hạnh, Chuyên viên Văn phòng Sở.');
    expect(t).toContain('I. THÀNH PHẦN THAM DỰ');
    expect(t).toContain('Hội nghị kết thúc lúc 11 giờ 20 phút cùng ngày.');
    const [left, right] = await signature('minutes');
    expect(left).toEqual(['THƯ KÝ', 'Đàm Thị Hạnh']);
    expect(right).toEqual(['CHỦ TỌA', 'Nông Văn Đức']);
    expect(t).not.toContain('Nơi nhận:');
  });

  it('prints the saved minutes with their number', async () => {
    const m = (await s.app.inject({ method: 'GET', url: `/api/conferences/${w.conferenceId}/minutes`, headers: users.office })).json();
    const saved = await s.app.inject({
      method: 'PUT', url: `/api/conferences/${w.conferenceId}/minutes`, headers: users.office,
      payload: { baseRevision: 0, content: { ...m.content, number: '03', closing: 'Hội nghị kết thúc lúc 11 giờ 25 phút cùng ngày.' } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const t = await texts('minutes');
    expect(t).toContain('Số: 03/BB-STTTT');
    expect(t).toContain('Hội nghị kết thúc lúc 11 giờ 25 phút cùng ngày.');
    expect(t).not.toContain('(Bản biên bản lập tự động từ ghi chép, chưa được thư ký lưu)');
  });

  it('is kept from the units', async () => {
    expect((await doc('minutes', 'docx', users.unit)).statusCode).toBe(403);
  });
});

describe('the Thông báo kết luận', () => {
  it('is a clearly marked draft until issued, and units do not see the draft', async () => {
    const t = await texts('conclusion');
    const type = t.indexOf('THÔNG BÁO');
    expect(t[type + 1]).toBe('Kết luận của Giám đốc Sở Thông tin và Truyền thông tại Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025');
    expect(t).toContain('(Dự thảo - chưa ban hành)');
    expect(t.some((x) => /^Số: \s+\/TB-STTTT$/u.test(x))).toBe(true);
    expect((await doc('conclusion', 'docx', users.unit)).statusCode).toBe(403);
    expect((await doc('conclusion', 'html', users.unit)).statusCode).toBe(403);
  });

  it('once issued is the stored .docx, with the number, the summary line, the points and the invited units in Nơi nhận', async () => {
    const issued = await s.app.inject({ method: 'POST', url: `/api/conferences/${w.conferenceId}/notices`, headers: users.director, payload: { number: '12' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const download = await s.app.inject({ method: 'GET', url: issued.json().href, headers: users.unit });
    expect(download.statusCode).toBe(200);
    const viaDocuments = await doc('conclusion', 'docx', users.unit);
    expect(viaDocuments.statusCode).toBe(200);
    expect(Buffer.compare(viaDocuments.rawPayload, download.rawPayload)).toBe(0);
    const t = paragraphTexts((await openDocx(viaDocuments.rawPayload)).document);
    expect(t).toContain('Số: 12/TB-STTTT');
    expect(t).not.toContain('(Dự thảo - chưa ban hành)');
    expect(t).toContain('I. Ý KIẾN CHỈ ĐẠO CỦA LÃNH ĐẠO ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH');
    expect(t).toContain('1. Tham mưu phương án bố trí nhân lực chuyển đổi số cấp xã. Giao Phòng Thông tin cơ sở chủ trì, phối hợp với Phòng Văn hóa và Thông tin huyện Hòa An thực hiện; thời hạn hoàn thành trước ngày 31/03/2025.');
    const [left, right] = cells(tables((await openDocx(viaDocuments.rawPayload)).document).at(-1) ?? '');
    expect(left).toEqual([
      'Nơi nhận:', '- Ủy ban nhân dân tỉnh Vân Lĩnh (để báo cáo);', '- Giám đốc, các Phó Giám đốc Sở;', '- Các phòng, đơn vị thuộc Sở;',
      '- Phòng Văn hóa và Thông tin huyện Bảo Lạc;', '- Phòng Văn hóa và Thông tin huyện Hòa An;', '- Phòng Văn hóa và Thông tin huyện Trùng Khánh;',
      '- Viễn thông Vân Lĩnh;', '- Trung tâm Văn hóa, Thể thao và Truyền thông huyện Hòa An;', '- Báo Vân Lĩnh;', '- Lưu: VT, VP.',
    ]);
    expect(right).toEqual(['GIÁM ĐỐC', 'Nông Văn Đức']);
  });
});

describe('formats and rights', () => {
  it('previews as HTML', async () => {
    const r = await doc('agenda', 'html');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('CHƯƠNG TRÌNH');
    expect(r.body).toContain('Khai mạc, giới thiệu đại biểu');
  });

  it('answers 404 for a document of a conference another unit may not see, and 400 for an unknown kind or format', async () => {
    expect((await doc('invitation', 'docx', users.outsider)).statusCode).toBe(404);
    expect((await doc('speech', 'docx')).statusCode).toBe(400);
    expect((await doc('invitation', 'odt')).statusCode).toBe(400);
  });

  it('renders a PDF where LibreOffice is installed, and says so in Vietnamese where it is not', async () => {
    const r = await doc('invitation', 'pdf');
    if (!(await findSoffice())) {
      expect(r.statusCode).toBe(503);
      return;
    }
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);
});
