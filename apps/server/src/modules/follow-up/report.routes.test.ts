import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { openDocx, paragraphTexts } from '../documents/docx-reader.test-util.js';
import { findSoffice } from '../documents/kit/pdf.js';
import { stopWarmOffices } from '../documents/kit/office.js';
import { type RegisterWorld, registerUsers, seedRegister } from './recommendations.test-fixtures.js';

let s: TestServer;
let users: Awaited<ReturnType<typeof registerUsers>>;
const ids: Record<string, number> = {};

const post = async (payload: object) => {
  const r = await s.app.inject({ method: 'POST', url: '/api/recommendations', headers: users.office, payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
};
const act = async (id: number, name: string, payload: object) => {
  const r = await s.app.inject({ method: 'POST', url: `/api/recommendations/${id}/transitions/${name}`, headers: users.office, payload });
  expect(r.statusCode, r.body).toBe(200);
};
const version = async (id: number) => (await s.app.inject({ method: 'GET', url: `/api/recommendations/${id}`, headers: users.office })).json().version as number;

// The year 2025 of the register, reported on 15/01/2026.
beforeAll(async () => {
  let world: RegisterWorld | undefined;
  s = await testServer({
    now: '2025-04-10T02:00:00Z',
    config: { rateLimits: { report: { max: 3, windowSeconds: 600 } } },
    seed: async (db) => {
      world = await seedRegister(db);
      await db.query(`INSERT INTO settings (key, value) VALUES ('org.province', $1::jsonb)`, [JSON.stringify({ name: 'Tỉnh Vân Lĩnh', place: 'Vân Lĩnh' })]);
    },
  });
  users = await registerUsers(s.app, world!.u);
  await s.db.query(`UPDATE users SET full_name = 'Nông Văn Đức' WHERE username = 'giamdoc'`);
  const at = (day: string) => s.clock.set(`${day}T02:00:00Z`);
  ids.loa = await post({ text: 'Đề nghị hỗ trợ kinh phí thay thế cụm loa truyền thanh hư hỏng', kind: 'proposal', sector: 'TTCS', owner: 'P-TTCS', deadline: '2025-06-30', raisedBy: ['VL-H01-VH'], period: '2025Q1' });
  ids.bts = await post({ text: 'Xây dựng trạm BTS tại thôn Khuổi Luông, xã vùng lõm sóng', kind: 'proposal', sector: 'BCVT', owner: 'P-BCVT', deadline: '2025-09-30', raisedBy: ['VTL'], period: '2025Q1' });
  at('2025-07-15');
  ids.phucap = await post({ text: 'Chế độ phụ cấp cho cán bộ đài truyền thanh cấp xã còn thấp', kind: 'difficulty', sector: 'TTCS', owner: 'P-TTCS', deadline: '2025-08-31', raisedBy: ['VL-X03', 'VL-X05'], period: '2025Q2' });
  ids.may = await post({ text: 'Cấp máy tính cho nhà văn hóa thôn', kind: 'proposal', sector: 'TTCS', owner: 'P-TTCS', deadline: '2025-12-31', raisedBy: ['VL-X05'], period: '2025Q2' });
  ids.task = await post({ text: 'Tham mưu phương án phủ sóng 4G toàn tỉnh', kind: 'conclusion', sector: 'BCVT', owner: 'P-BCVT', deadline: '2026-06-30', period: '2025' });
  ids.again = await post({ text: 'Loa truyền thanh hư hỏng, đề nghị thay mới', kind: 'difficulty', sector: 'TTCS', owner: 'P-TTCS', deadline: '2025-12-31', raisedBy: ['VL-X03'], period: '2025Q2' });
  ids.old = await post({ text: 'Kiến nghị của năm trước', kind: 'proposal', owner: 'P-TTCS', deadline: '2025-03-31', raisedOn: '2024-11-05', raisedBy: ['VTL'], period: '2024Q4' });
  await act(ids.again, 'merge', { version: 1, into: ids.loa });
  await s.app.inject({ method: 'PUT', url: `/api/recommendations/${ids.bts}/answer`, headers: users.office, payload: { text: 'Đã xây xong trạm BTS.', publish: true, version: await version(ids.bts) } });
  at('2025-10-20');
  await act(ids.bts, 'complete', { version: await version(ids.bts) });
  await act(ids.may, 'reject', { version: await version(ids.may), note: 'Ngoài nhiệm vụ chi của Sở; đề nghị xã bố trí từ ngân sách xã.' });
  at('2026-01-15');
});
afterAll(async () => {
  await stopWarmOffices();
  await s.close();
});

const report = (q: string, who = users.director) => s.app.inject({ method: 'GET', url: `/api/recommendations/report?${q}`, headers: who });

describe('Báo cáo kết quả giải quyết kiến nghị', () => {
  it('is a Decree 30 report of the year: intake, the grid, by division and sector, the notable ones with their owner, and the list in an appendix', async () => {
    const r = await report('period=2025&format=docx');
    expect(r.statusCode, r.body).toBe(200);
    expect(decodeURIComponent(r.headers['content-disposition'] as string)).toContain('Báo cáo kết quả giải quyết kiến nghị năm 2025.docx');
    const text = paragraphTexts((await openDocx(r.rawPayload)).document);
    const at = (needle: string | RegExp) => text.findIndex((t) => (typeof needle === 'string' ? t === needle : needle.test(t)));
    expect(text).toContain('ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH');
    expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(text.some((t) => /^Số:\s+\/BC-SKHCN$/.test(t))).toBe(true);
    expect(text).toContain('Vân Lĩnh, ngày 15 tháng 01 năm 2026');
    expect(text).toContain('Kết quả giải quyết kiến nghị, đề xuất năm 2025');
    expect(text).toContain('Sổ theo dõi ghi nhận 5 kiến nghị, đề xuất và nhiệm vụ được nêu năm 2025 (1 khó khăn, vướng mắc; 3 đề xuất, kiến nghị; 1 nhiệm vụ theo kết luận), do 4 đơn vị nêu.');
    expect(text).toContain('Trong đó, 1 kiến nghị được nêu lại (ở từ hai kỳ trở lên), cần được ưu tiên giải quyết dứt điểm.');
    expect(text).toContain('1 kiến nghị trùng nội dung đã được gộp vào kiến nghị cùng nội dung và được tính một lần.');
    expect(text).toContain('- 1 kiến nghị đã giải quyết đúng hạn (20%);');
    expect(text).toContain('- 1 kiến nghị đã giải quyết nhưng quá hạn (20%);');
    expect(text).toContain('- 1 kiến nghị chưa giải quyết xong, còn trong hạn (20%);');
    expect(text).toContain('- 2 kiến nghị chưa giải quyết xong và đã quá hạn (40%).');
    expect(at('1. Theo phòng chủ trì')).toBeGreaterThan(at('II. KẾT QUẢ GIẢI QUYẾT'));
    expect(text).toContain('- Đề nghị hỗ trợ kinh phí thay thế cụm loa truyền thanh hư hỏng (Phòng Văn hóa và Thông tin huyện Hòa An, Xã Khê Thượng nêu; Phòng Thông tin cơ sở chủ trì, hạn 30/06/2025, quá hạn 199 ngày);');
    expect(text.some((t) => t.startsWith('- Đề nghị hỗ trợ kinh phí thay thế cụm loa truyền thanh hư hỏng (nêu lại lần thứ 2;'))).toBe(true);
    expect(text).toContain('- Xây dựng trạm BTS tại thôn Khuổi Luông, xã vùng lõm sóng (Phòng Bưu chính – Viễn thông chủ trì; hạn 30/09/2025, xong ngày 20/10/2025).');
    expect(text).toContain('- Cấp máy tính cho nhà văn hóa thôn (Phòng Thông tin cơ sở): Ngoài nhiệm vụ chi của Sở; đề nghị xã bố trí từ ngân sách xã.');
    expect(text).toContain('DANH MỤC KIẾN NGHỊ VÀ KẾT QUẢ GIẢI QUYẾT');
    expect(text).not.toContain('Kiến nghị của năm trước');
    expect(text).toContain('Nông Văn Đức');
    expect(text).toContain('GIÁM ĐỐC');
  });

  it('covers one quarter, previews as HTML, and is for the department only', async () => {
    const html = await report('period=2025Q1');
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('Kết quả giải quyết kiến nghị, đề xuất quý I năm 2025');
    expect(html.body).toContain('Sổ theo dõi ghi nhận 2 kiến nghị, đề xuất và nhiệm vụ được nêu quý I năm 2025');
    const bad = await report('period=2025Q5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('Kỳ "2025Q5" không hợp lệ (ví dụ 2025, 2025Q4, 2025S1, 2025N1, 202503).');
    for (const who of [users.bcvt, users.commune]) {
      const r = await report('period=2025', who);
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toBe('Chỉ Văn phòng Sở, lãnh đạo Sở và người được xem toàn bộ sổ theo dõi mới lập được báo cáo kết quả giải quyết kiến nghị.');
    }
    expect((await report('period=2024', users.office)).statusCode).toBe(200);
  });

  it('renders as PDF through LibreOffice where installed, and is rate-limited like reports', async () => {
    const hasOffice = (await findSoffice()) !== null;
    const pdf = await report('period=2025&format=pdf', users.office);
    if (hasOffice) {
      expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(pdf.statusCode).toBe(503);
    }
    expect((await report('period=2025&format=docx', users.office)).statusCode).toBe(200);
    expect((await report('period=2025&format=docx', users.office)).statusCode).toBe(200);
    const limited = await report('period=2025&format=docx', users.office);
    expect(limited.statusCode).toBe(429);
    expect((await report('period=2025', users.office)).statusCode).toBe(200);
  });
});
