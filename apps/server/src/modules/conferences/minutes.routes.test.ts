import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type DayWorld, dayUsers, holdDay, seedDay } from './day.test-fixtures.js';

let s: TestServer;
let w: DayWorld;
let users: Awaited<ReturnType<typeof dayUsers>>;

beforeAll(async () => {
  let world: DayWorld | undefined;
  s = await testServer({ now: '2025-01-08T05:00:00Z', seed: async (db) => { world = await seedDay(db); await holdDay(db, world); } });
  w = world!;
  users = await dayUsers(s.app, w.u);
});
afterAll(() => s.close());

const url = () => `/api/conferences/${w.conferenceId}/minutes`;
const get = (who = users.office) => s.app.inject({ method: 'GET', url: url(), headers: who });
const put = (baseRevision: number, content: unknown, who = users.office) => s.app.inject({ method: 'PUT', url: url(), headers: who, payload: { baseRevision, content } });

describe('the minutes', () => {
  it('are compiled from the conference until first saved: time, place, chair, secretary, attendance, item by item, closing', async () => {
    const r = await get();
    expect(r.statusCode, r.body).toBe(200);
    const m = r.json();
    expect(m).toMatchObject({ revision: 0, unsaved: true, compiled: true, canEdit: true });
    expect(m.content).toMatchObject({
      number: null,
      time: 'bắt đầu lúc 08 giờ 03 phút, thứ Tư, ngày 08/01/2025.',
      place: 'Hội trường tầng 3, Sở Thông tin và Truyền thông, số 18 đường Trần Hưng Đạo, thành phố Vân Lĩnh.',
      chair: 'Đồng chí Nông Văn Đức, Giám đốc Sở Thông tin và Truyền thông.',
      secretary: 'Đồng chí Đàm Thị Hạnh, Chuyên viên Văn phòng Sở.',
      closing: 'Hội nghị kết thúc lúc 11 giờ 20 phút cùng ngày.',
    });
    expect(m.content.attendance).toEqual([
      'Đồng chí Hoàng Thị Mai, Phó Chủ tịch Ủy ban nhân dân tỉnh',
      'Đồng chí Vi Văn Toàn, Phó Trưởng ban Tuyên giáo Tỉnh ủy',
      'Phòng Văn hóa và Thông tin các huyện, thành phố: 3/3 đơn vị được mời có mặt, 4 đại biểu (trong đó 1 đại biểu không đăng ký trước)',
      'Các doanh nghiệp bưu chính, viễn thông trên địa bàn tỉnh: 1/1 đơn vị được mời có mặt, 1 đại biểu',
      'Trung tâm Văn hóa, Thể thao và Truyền thông các huyện, thành phố: 0/1 đơn vị được mời có mặt, 0 đại biểu',
      'Các cơ quan báo chí trên địa bàn tỉnh: 0/1 đơn vị được mời có mặt, 0 đại biểu',
      'Tổng số: 5 đại biểu có mặt; 4/6 đơn vị được mời có mặt',
    ]);
    const titles = m.content.items.map((i: { title: string }) => i.title);
    expect(titles).toEqual([
      'Khai mạc, giới thiệu đại biểu', 'Báo cáo kết quả công tác năm 2024 và phương hướng, nhiệm vụ năm 2025',
      'Tham luận: phát triển hạ tầng viễn thông vùng lõm sóng', 'Thảo luận', 'Phát biểu chỉ đạo của lãnh đạo UBND tỉnh', 'Kết luận hội nghị', 'Bế mạc',
    ]);
    const text = (n: number) => m.content.items[n].text as string;
    expect(text(1)).toBe('Đồng chí Lô Quang Tuấn, Phó Giám đốc Sở Thông tin và Truyền thông trình bày.\nNăm 2024 toàn ngành hoàn thành 18/20 chỉ tiêu.\n- Phủ sóng 4G đạt 98% số thôn;\n- 100% xã có đài truyền thanh ứng dụng CNTT.');
    expect(text(2)).toBe('Đại diện Viễn thông Vân Lĩnh trình bày tham luận.\nViễn thông Vân Lĩnh nêu kế hoạch xóa vùng lõm sóng.');
    expect(text(3)).toBe('- Ông Triệu Văn Sơn (Phòng Văn hóa và Thông tin huyện Hòa An): Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã.');
    expect(text(4)).toBe('Đồng chí Hoàng Thị Mai, Phó Chủ tịch UBND tỉnh phát biểu chỉ đạo.\n- Tập trung triển khai kế hoạch chuyển đổi số năm 2025.');
    expect(text(5)).toBe('Đồng chí Nông Văn Đức, Giám đốc Sở Thông tin và Truyền thông phát biểu kết luận.\n1. Tham mưu phương án bố trí nhân lực chuyển đổi số cấp xã. Giao Phòng Thông tin cơ sở chủ trì, phối hợp với Phòng Văn hóa và Thông tin huyện Hòa An thực hiện; thời hạn hoàn thành trước ngày 31/03/2025.');
    expect(await s.db.query(`SELECT 1 FROM conference_minutes_revisions`)).toHaveLength(0);
  });

  it('saves each edit as a new revision and refuses, with the latest, an edit made on an older one', async () => {
    const draft = (await get()).json().content;
    const first = await put(0, { ...draft, number: '03', closing: 'Hội nghị kết thúc lúc 11 giờ 20 phút cùng ngày./.' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ revision: 1, unsaved: false, compiled: false, editedBy: 'Người vanphong', content: { number: '03' } });
    const stale = await put(0, { ...draft, chair: 'Bản của máy thứ hai' }, users.office2);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      message: 'Biên bản vừa được người khác lưu; bản của bạn chưa được lưu. Hãy xem bản mới nhất, gộp phần sửa của mình rồi lưu lại.',
      details: { revision: 1, content: { number: '03', closing: 'Hội nghị kết thúc lúc 11 giờ 20 phút cùng ngày./.' } },
    });
    const ahead = await put(5, draft);
    expect(ahead.statusCode).toBe(409);
  });

  it('lets exactly one of two simultaneous saves on the same revision through', async () => {
    const { content } = (await get()).json();
    const rs = await Promise.all([put(1, { ...content, place: 'Máy A' }), put(1, { ...content, place: 'Máy B' }, users.office2)]);
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = rs.find((r) => r.statusCode === 200)!.json();
    expect(winner.revision).toBe(2);
    expect((await get()).json().content.place).toBe(winner.content.place);
  });

  it('never compiles over what was saved on reading; recompiling is explicit and keeps the number', async () => {
    await s.db.query(`UPDATE conference_agenda_items SET notes = 'Ghi chép bổ sung sau hội nghị.' WHERE id = $1`, [w.agenda[0]]);
    const read = (await get()).json();
    expect(read.revision).toBe(2);
    expect(read.content.items[0].text).not.toContain('Ghi chép bổ sung');
    const stale = await s.app.inject({ method: 'POST', url: `${url()}/recompile`, headers: users.office, payload: { baseRevision: 1 } });
    expect(stale.statusCode).toBe(409);
    const r = await s.app.inject({ method: 'POST', url: `${url()}/recompile`, headers: users.office, payload: { baseRevision: 2 } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ revision: 3, compiled: true, content: { number: '03' } });
    expect(r.json().content.items[0].text).toContain('Ghi chép bổ sung sau hội nghị.');
    const list = (await s.app.inject({ method: 'GET', url: `${url()}/revisions`, headers: users.director })).json();
    expect(list.items.map((i: { revision: number; compiled: boolean }) => [i.revision, i.compiled])).toEqual([[3, true], [2, false], [1, false]]);
    const one = (await s.app.inject({ method: 'GET', url: `${url()}/revisions/1`, headers: users.office })).json();
    expect(one.content.closing).toBe('Hội nghị kết thúc lúc 11 giờ 20 phút cùng ngày./.');
    expect((await s.app.inject({ method: 'GET', url: `${url()}/revisions/9`, headers: users.office })).statusCode).toBe(404);
  });

  it('is written by the office only, hidden from units, and not before the conference is held', async () => {
    const { content } = (await get()).json();
    expect((await put(3, content, users.director)).statusCode).toBe(403);
    expect((await get(users.unit)).statusCode).toBe(403);
    expect((await get(users.outsider)).statusCode).toBe(404);
    expect((await get(users.director)).json().canEdit).toBe(false);
    await s.db.query(`UPDATE conferences SET status = 'invited' WHERE id = $1`, [w.conferenceId]);
    const early = await put(3, content);
    expect(early.statusCode).toBe(403);
    await s.db.query(`UPDATE conferences SET status = 'concluded' WHERE id = $1`, [w.conferenceId]);
    expect((await put(3, content)).statusCode).toBe(200);
    await s.db.query(`UPDATE conferences SET status = 'held' WHERE id = $1`, [w.conferenceId]);
  });

  it('refuses a body that is not minutes', async () => {
    expect((await put(4, { number: null })).statusCode).toBe(400);
  });
});
