import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type RegisterWorld, registerUsers, seedRegister } from './recommendations.test-fixtures.js';

let s: TestServer;
let w: RegisterWorld;
let users: Awaited<ReturnType<typeof registerUsers>>;

// 10/03/2026, 09:00 in Vietnam.
beforeAll(async () => {
  let world: RegisterWorld | undefined;
  s = await testServer({ now: '2026-03-10T02:00:00Z', seed: async (db) => { world = await seedRegister(db); } });
  w = world!;
  users = await registerUsers(s.app, w.u);
});
afterAll(() => s.close());

type Rec = { id: number; version: number; state: string; timeliness: string; timesRaised: number; [k: string]: unknown };
const post = (payload: object, who = users.office) => s.app.inject({ method: 'POST', url: '/api/recommendations', headers: who, payload });
const get = (url: string, who = users.office) => s.app.inject({ method: 'GET', url, headers: who });
const patch = (id: number, payload: object, who = users.office) => s.app.inject({ method: 'PATCH', url: `/api/recommendations/${id}`, headers: who, payload });
const move = (id: number, name: string, payload: object, who = users.office) =>
  s.app.inject({ method: 'POST', url: `/api/recommendations/${id}/transitions/${name}`, headers: who, payload });
const answer = (id: number, payload: object, who = users.office) => s.app.inject({ method: 'PUT', url: `/api/recommendations/${id}/answer`, headers: who, payload });
const base = (over: object = {}) => ({
  text: 'Đề nghị hỗ trợ kinh phí thay thế cụm loa truyền thanh bị hư hỏng ở các thôn vùng cao.', kind: 'proposal', sector: 'TTCS', owner: 'P-TTCS',
  deadline: '2026-06-30', raisedBy: ['VL-X03'], period: '2026Q1', ...over,
});
async function created(over: object = {}, who = users.office): Promise<Rec> {
  const r = await post(base(over), who);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('creating a recommendation', () => {
  it('answers 201 with the recommendation: assigned to its owner division, the deputy in charge of its sector, raised once, within its deadline', async () => {
    const r = await created({ cooperating: ['P-BCVT'] });
    expect(r).toMatchObject({
      kind: 'proposal', state: 'assigned', timeliness: 'open_within_deadline', timesRaised: 1, deadline: '2026-06-30', firstPeriod: '2026Q1', raisedOn: '2026-03-10',
      owner: { code: 'P-TTCS', name: 'Phòng Thông tin cơ sở' }, sector: { code: 'TTCS' }, deputy: { id: w.p.deputyB, name: 'Hoàng Thị Mai' },
      raisedBy: [{ code: 'VL-X03' }], cooperating: [{ code: 'P-BCVT' }], version: 1, answer: null,
    });
    expect(r.sources).toEqual([expect.objectContaining({ kind: 'manual', unit: expect.objectContaining({ code: 'VL-X03' }), period: '2026Q1', raisedOn: '2026-03-10' })]);
    expect(r.abilities).toMatchObject({ view: true, edit: true, assign: true, answer: true, transition: true });
    const audit = await s.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'recommendation.create' AND entity_id = $1`, [String(r.id)]);
    expect(audit.n).toBe(1);
  });

  it('refuses an owner that is not a division, naming it; an unknown code; a closed division; a deadline before the day it was raised', async () => {
    const cases: [object, number, string][] = [
      [{ owner: 'VL-X03' }, 400, 'Đơn vị chủ trì phải là một phòng chuyên môn của Sở; "Xã Khê Thượng" (VL-X03) không phải là phòng.'],
      [{ owner: 'KHONG-CO' }, 400, 'Phòng chủ trì: không có đơn vị mã "KHONG-CO".'],
      [{ owner: 'P-CU' }, 400, 'Phòng "Phòng Báo chí (cũ)" (P-CU) không còn hoạt động vào ngày 10/03/2026; hãy chọn phòng đang hoạt động.'],
      [{ deadline: '2026-03-09' }, 400, 'Hạn giải quyết (09/03/2026) không được trước ngày kiến nghị được nêu (10/03/2026).'],
      [{ deadline: '2026-01-15', raisedOn: '2026-02-01' }, 400, 'Hạn giải quyết (15/01/2026) không được trước ngày kiến nghị được nêu (01/02/2026).'],
      [{ deadline: '2026-02-30' }, 400, 'Hạn giải quyết "2026-02-30" không hợp lệ (định dạng YYYY-MM-DD, ví dụ 2025-06-30).'],
      [{ raisedOn: '2026-03-11' }, 400, 'Ngày nêu kiến nghị (11/03/2026) không được sau hôm nay (10/03/2026).'],
      [{ period: '2026Q5' }, 400, 'Kỳ nêu kiến nghị "2026Q5" không hợp lệ (ví dụ 2025, 2025Q2, 2025S1, 202503).'],
      [{ raisedBy: ['VL-X99'] }, 400, 'Đơn vị nêu kiến nghị: không có đơn vị mã "VL-X99".'],
      [{ sector: 'XYZ' }, 400, 'Không có lĩnh vực mã "XYZ".'],
      [{ text: '   ' }, 400, 'Nội dung kiến nghị: hãy ghi nội dung.'],
    ];
    const before = await s.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM recommendations`);
    for (const [over, status, message] of cases) {
      const r = await post(base(over));
      expect(r.statusCode, JSON.stringify(over)).toBe(status);
      expect(r.json().message, JSON.stringify(over)).toBe(message);
    }
    expect((await s.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM recommendations`)).n).toBe(before.n);
  });

  it('refuses a 20,000-character text and control characters with a Vietnamese message naming the field; keeps line breaks', async () => {
    const long = await post(base({ text: 'loa '.repeat(5000) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toMatch(/^Dữ liệu gửi lên không hợp lệ — text: .*4000/);
    const control = await post(base({ text: 'Đề nghị\u0000 hỗ trợ' }));
    expect(control.statusCode).toBe(400);
    expect(control.json().message).toBe('Trường "text" chứa ký tự điều khiển không hợp lệ (U+0000).');
    const lines = await created({ text: 'Đề nghị hỗ trợ:\n- loa truyền thanh;\n- máy tính' });
    expect(lines.text).toBe('Đề nghị hỗ trợ:\n- loa truyền thanh;\n- máy tính');
  });

  it('is for the office only', async () => {
    for (const who of [users.bcvt, users.director, users.commune, users.viewer]) {
      const r = await post(base(), who);
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toMatch(/quyền/);
    }
  });
});

describe('who sees what', () => {
  it('a unit sees what it raised and what the district office it took over raised; another unit gets 404; a division what it owns or co-operates on', async () => {
    const byOld = await created({ raisedBy: ['VL-H01-VH'], period: '2024Q3', raisedOn: '2024-10-05', deadline: '2024-12-31' });
    const byOther = await created({ raisedBy: ['VL-X05'], owner: 'P-BCVT', sector: 'BCVT' });
    expect((await get(`/api/recommendations/${byOld.id}`, users.commune)).statusCode).toBe(200);
    expect((await get(`/api/recommendations/${byOther.id}`, users.commune)).statusCode).toBe(404);
    expect((await get(`/api/recommendations/${byOld.id}`, users.other)).statusCode).toBe(404);
    expect((await get(`/api/recommendations/${byOld.id}`, users.bcvt)).statusCode).toBe(404);
    expect((await get(`/api/recommendations/${byOther.id}`, users.bcvt)).statusCode).toBe(200);
    expect((await get(`/api/recommendations/${byOld.id}`, users.ttcs)).statusCode).toBe(200);
    for (const who of [users.director, users.viewer, users.office]) expect((await get(`/api/recommendations/${byOther.id}`, who)).statusCode).toBe(200);
    const mine = (await get(`/api/recommendations/${byOld.id}`, users.commune)).json();
    expect(mine.abilities).toEqual({ view: true, update: false, transition: false, assign: false, answer: false, merge: false, edit: false });
    expect(mine.timeliness).toBe('open_overdue');
    const list = (await get('/api/recommendations?pageSize=200', users.commune)).json();
    const ids = list.items.map((i: Rec) => i.id);
    expect(ids).toContain(byOld.id);
    expect(ids).not.toContain(byOther.id);
    const coop = await created({ raisedBy: ['VTL'], owner: 'P-BCVT', sector: 'BCVT', cooperating: ['P-TTCS'] });
    const asCoop = (await get(`/api/recommendations/${coop.id}`, users.ttcs)).json();
    expect(asCoop.abilities).toMatchObject({ view: true, update: true, transition: false, answer: false });
  });
});

describe('editing with a version', () => {
  it('answers 409 with the current data to the later of two edits, and loses nothing', async () => {
    const r = await created();
    const first = await patch(r.id, { version: 1, text: 'Đề nghị hỗ trợ kinh phí thay cụm loa hư hỏng (bản sửa của người thứ nhất).' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(2);
    const second = await patch(r.id, { version: 1, deadline: '2026-09-30' }, users.director);
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toBe('Kiến nghị vừa được người khác thay đổi; thay đổi của bạn chưa được lưu. Dữ liệu mới nhất được gửi kèm, hãy xem lại rồi lưu lần nữa.');
    expect(second.json().details.current).toMatchObject({ id: r.id, version: 2, text: 'Đề nghị hỗ trợ kinh phí thay cụm loa hư hỏng (bản sửa của người thứ nhất).', deadline: '2026-06-30' });
    const again = await patch(r.id, { version: 2, deadline: '2026-09-30' }, users.director);
    expect(again.json()).toMatchObject({ version: 3, deadline: '2026-09-30', text: 'Đề nghị hỗ trợ kinh phí thay cụm loa hư hỏng (bản sửa của người thứ nhất).' });
  });

  it('lets the owner division edit the text but not reassign; refuses an owner that is not a division and a deadline before raised', async () => {
    const r = await created();
    const reassign = await patch(r.id, { version: 1, owner: 'P-BCVT' }, users.ttcs);
    expect(reassign.statusCode).toBe(403);
    expect(reassign.json().message).toBe('Chỉ Văn phòng Sở và lãnh đạo Sở giao phòng chủ trì, đơn vị phối hợp, hạn giải quyết và lãnh đạo phụ trách.');
    expect((await patch(r.id, { version: 1, kind: 'difficulty' }, users.ttcs)).statusCode).toBe(200);
    expect((await patch(r.id, { version: 2, owner: 'VTL' })).json().message).toBe('Đơn vị chủ trì phải là một phòng chuyên môn của Sở; "Viễn thông Vân Lĩnh" (VTL) không phải là phòng.');
    expect((await patch(r.id, { version: 2, deadline: '2026-01-01' })).json().message).toBe('Hạn giải quyết (01/01/2026) không được trước ngày kiến nghị được nêu (10/03/2026).');
    const moved = await patch(r.id, { version: 2, owner: 'P-BCVT', sector: 'BCVT' });
    expect(moved.json()).toMatchObject({ owner: { code: 'P-BCVT' }, deputy: { id: w.p.deputyA }, version: 3 });
    expect((await get(`/api/recommendations/${r.id}`, users.ttcs)).statusCode).toBe(404);
  });
});

describe('transitions', () => {
  it('refuses done without an answer; done with an answer publishes it, stamps the day and counts on time', async () => {
    const r = await created();
    const start = await move(r.id, 'start', { version: 1 }, users.ttcs);
    expect(start.json()).toMatchObject({ state: 'in_progress', version: 2 });
    const early = await move(r.id, 'complete', { version: 2 }, users.ttcs);
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toBe('Chưa có trả lời cho đơn vị đã nêu kiến nghị; hãy soạn trả lời (kết quả giải quyết) trước khi đánh dấu đã giải quyết.');
    const draft = await answer(r.id, { text: 'Sở đã bố trí kinh phí thay 12 cụm loa trong quý II/2026.', publish: false, version: 2 }, users.ttcs);
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await get(`/api/recommendations/${r.id}`, users.commune)).json().answer).toBeNull();
    const done = await move(r.id, 'complete', { version: 3, closingEvidence: 'Biên bản nghiệm thu ngày 09/03/2026' }, users.ttcs);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'done', closedOn: '2026-03-10', progress: 100, timeliness: 'done_on_time', answered: true, closingEvidence: 'Biên bản nghiệm thu ngày 09/03/2026' });
    const seen = (await get(`/api/recommendations/${r.id}`, users.commune)).json();
    expect(seen.answer).toMatchObject({ text: 'Sở đã bố trí kinh phí thay 12 cụm loa trong quý II/2026.' });
    const n = await s.db.query<{ org_unit_id: number; link: string }>(`SELECT org_unit_id, link FROM notifications WHERE kind = 'recommendation.answer' AND link LIKE $1`, [`%kien-nghi-${r.id}`]);
    expect(n).toEqual([{ org_unit_id: w.u.C1, link: `/recommendations/unit/${w.u.C1}#kien-nghi-${r.id}` }]);
  });

  it('needs a reason to say it cannot be done and the next period to carry it; follows the table', async () => {
    const r = await created();
    expect((await move(r.id, 'reject', { version: 1 })).json().message).toBe('Hãy ghi lý do không thể giải quyết kiến nghị.');
    expect((await move(r.id, 'carry', { version: 1, note: 'Chờ bố trí vốn năm 2027' })).json().message).toBe('Hãy chọn kỳ mà kiến nghị được chuyển sang (ví dụ 2026Q1).');
    expect((await move(r.id, 'carry', { version: 1, note: 'Chờ vốn', period: '2025Q4' })).json().message).toBe('Kỳ 2025Q4 đã kết thúc (31/12/2025); hãy chuyển kiến nghị sang kỳ đang diễn ra hoặc kỳ sau.');
    const carried = await move(r.id, 'carry', { version: 1, note: 'Chờ bố trí vốn năm 2027', period: '2026Q2' });
    expect(carried.json()).toMatchObject({ state: 'carried', carriedToPeriod: '2026Q2', stateReason: 'Chờ bố trí vốn năm 2027' });
    expect((await move(r.id, 'assign', { version: 2 })).json().message).toBe('Không thể "giao phòng chủ trì" khi kiến nghị đang ở trạng thái "chuyển kỳ sau" (chỉ từ "mới tiếp nhận").');
    const rejected = await move(r.id, 'reject', { version: 2, note: 'Ngoài thẩm quyền của Sở; đã chuyển UBND tỉnh.' });
    expect(rejected.json()).toMatchObject({ state: 'cannot_do', closedOn: '2026-03-10', stateReason: 'Ngoài thẩm quyền của Sở; đã chuyển UBND tỉnh.', timeliness: 'done_on_time' });
    expect((await move(r.id, 'reopen', { version: 3, note: 'Có vốn' }, users.ttcs)).statusCode).toBe(403);
    const reopened = await move(r.id, 'reopen', { version: 3, note: 'UBND tỉnh giao lại cho Sở.' });
    expect(reopened.json()).toMatchObject({ state: 'in_progress', closedOn: null });
  });

  it('refuses a merge into itself and around a cycle; a merged one takes its target\'s cell and is not counted twice', async () => {
    const a = await created({ text: 'Loa truyền thanh thôn Nà Rầy bị nhiễu', deadline: '2026-04-30' });
    const b = await created({ text: 'Cụm loa thôn Nà Rầy nhiễu sóng, đề nghị thay', raisedBy: ['VL-X05'], period: '2025Q4', deadline: '2026-03-31' });
    const c = await created({ text: 'Thay cụm loa truyền thanh bị nhiễu', raisedBy: ['VTL'], period: '2025Q2' });
    expect((await move(a.id, 'merge', { version: 1, into: a.id })).json().message).toBe('Không thể gộp một kiến nghị vào chính nó.');
    const ab = await move(a.id, 'merge', { version: 1, into: b.id });
    expect(ab.statusCode, ab.body).toBe(200);
    expect(ab.json()).toMatchObject({ state: 'merged', mergedInto: { id: b.id }, timeliness: 'open_within_deadline' });
    const target = (await get(`/api/recommendations/${b.id}`)).json();
    expect(target.timesRaised).toBe(2);
    expect(target.mergedFrom).toEqual([a.id]);
    expect(target.raisedBy.map((u: { code: string }) => u.code).sort()).toEqual(['VL-X03', 'VL-X05']);
    // a (merged into b) cannot take b: b's chain does not lead back, but a is no longer open.
    const bc = await move(b.id, 'merge', { version: 1, into: c.id });
    expect(bc.statusCode, bc.body).toBe(200);
    expect((await get(`/api/recommendations/${a.id}`)).json().mergedInto.id).toBe(c.id);
    const cycle = await move(c.id, 'merge', { version: 1, into: a.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().message).toBe(`Không thể gộp: kiến nghị #${a.id} đã được gộp vào kiến nghị này, gộp ngược lại sẽ tạo thành vòng.`);
    expect((await get(`/api/recommendations/${c.id}`)).json().timesRaised).toBe(3);
    const list = (await get(`/api/recommendations?q=nhiễu&pageSize=200`)).json();
    expect(list.total).toBe(3);
    expect(list.counts).toMatchObject({ total: 1, open_within_deadline: 1 });
  });
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('the timeline', () => {
  it('takes a progress note with a file checked by its content (JSON or multipart), and serves the file as an attachment', async () => {
    const r = await created();
    const json = await s.app.inject({
      method: 'POST', url: `/api/recommendations/${r.id}/updates`, headers: users.ttcs,
      payload: { text: 'Đã khảo sát 12 thôn.\nĐang lập dự toán.', progress: 30, files: [{ filename: 'anh-khao-sat.png', content: PNG.toString('base64') }] },
    });
    expect(json.statusCode, json.body).toBe(201);
    const after = json.json();
    expect(after.progress).toBe(30);
    const entry = after.timeline.at(-1);
    expect(entry).toMatchObject({ kind: 'progress', text: 'Đã khảo sát 12 thôn.\nĐang lập dự toán.', progress: 30, files: [{ filename: 'anh-khao-sat.png', mime: 'image/png', size: PNG.length }] });
    const file = await get(entry.files[0].url, users.commune);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect((await get(entry.files[0].url, users.other)).statusCode).toBe(404);

    const boundary = '----nhip';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nĐã trình phê duyệt dự toán\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="progress"\r\n\r\n50\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="du-toan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const refused = await s.app.inject({
      method: 'POST', url: `/api/recommendations/${r.id}/updates`, headers: { ...users.ttcs, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body,
    });
    expect(refused.statusCode, refused.body).toBe(415);
    expect(refused.json().message).toBe('Tệp "du-toan.pdf" mang đuôi .pdf nhưng nội dung là ảnh PNG. Vui lòng đổi tên tệp cho đúng loại rồi tải lên lại.');
    const multipart = await s.app.inject({
      method: 'POST', url: `/api/recommendations/${r.id}/updates`, headers: { ...users.ttcs, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(body.toString('latin1').replace('du-toan.pdf', 'du-toan.png'), 'latin1'),
    });
    expect(multipart.statusCode, multipart.body).toBe(201);
    expect(multipart.json()).toMatchObject({ progress: 50 });
    expect(multipart.json().timeline.at(-1)).toMatchObject({ text: 'Đã trình phê duyệt dự toán', files: [{ filename: 'du-toan.png' }] });
  });

  it('is written by the owner, the co-operating units and the office while the point is open; not by a unit that raised it', async () => {
    const r = await created({ cooperating: ['P-BCVT'] });
    const note = (who: { cookie: string }) => s.app.inject({ method: 'POST', url: `/api/recommendations/${r.id}/updates`, headers: who, payload: { text: 'Ghi chú' } });
    expect((await note(users.bcvt)).statusCode).toBe(201);
    const unit = await note(users.commune);
    expect(unit.statusCode).toBe(403);
    expect(unit.json().message).toBe('Chỉ phòng chủ trì, đơn vị phối hợp và Văn phòng Sở cập nhật tiến độ kiến nghị.');
    expect((await note(users.other)).statusCode).toBe(404);
    await move(r.id, 'reject', { version: 1, note: 'Trùng với kiến nghị đã giải quyết' });
    const closed = await note(users.ttcs);
    expect(closed.statusCode).toBe(403);
    expect(closed.json().message).toBe('Kiến nghị đang ở trạng thái "không thể giải quyết"; không thêm cập nhật được nữa.');
    const empty = await s.app.inject({ method: 'POST', url: `/api/recommendations/${(await created()).id}/updates`, headers: users.ttcs, payload: { text: '' } });
    expect(empty.json().message).toBe('Nội dung cập nhật: hãy ghi nội dung.');
  });
});

describe("a unit's page and the board's filters", () => {
  it('shows a commune what it and the district office it took over raised, with the published answers; another unit gets 404', async () => {
    const old = await created({ text: 'Thiếu kinh phí duy trì đài truyền thanh huyện', raisedBy: ['VL-H01-VH'], period: '2025Q1', raisedOn: '2025-04-10', deadline: '2025-09-30' });
    await answer(old.id, { text: 'Đã bố trí trong dự toán năm 2026.', publish: true, version: 1 });
    const page = await get(`/api/recommendations/unit/${w.u.C1}?pageSize=200`, users.commune);
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json();
    expect(body.unit).toMatchObject({ code: 'VL-X03' });
    expect(body.predecessors).toEqual([expect.objectContaining({ code: 'VL-H01-VH' })]);
    const item = body.items.find((i: Rec) => i.id === old.id);
    expect(item).toMatchObject({ answer: { text: 'Đã bố trí trong dự toán năm 2026.' }, answered: true, timeliness: 'open_overdue' });
    expect((await get(`/api/recommendations/unit/${w.u.C1}`, users.other)).statusCode).toBe(404);
    expect((await get(`/api/recommendations/unit/${w.u.C1}`, users.director)).statusCode).toBe(200);
    const n = await s.db.query(`SELECT 1 FROM notifications WHERE org_unit_id = $1 AND kind = 'recommendation.answer' AND link = $2`, [w.u.C1, `/recommendations/unit/${w.u.C1}#kien-nghi-${old.id}`]);
    expect(n).toHaveLength(1);
    const byUnit = (await get('/api/recommendations?unit=VL-X03&pageSize=200')).json();
    expect(byUnit.items.map((i: Rec) => i.id)).toContain(old.id);
    const byOld = (await get('/api/recommendations?unit=VL-H01-VH&pageSize=200')).json();
    expect(byOld.items.map((i: Rec) => i.id)).toContain(old.id);
  });

  it('filters by period (a year takes its quarters), owner, sector, state, timeliness and recurrence, sorts, and counts the grid over the whole filter', async () => {
    const a = await created({ text: 'Đề nghị xây trạm BTS thôn Khuổi Luông', owner: 'P-BCVT', sector: 'BCVT', period: '2023Q2', raisedOn: '2023-07-01', deadline: '2023-12-31', raisedBy: ['VTL'] });
    const b = await created({ text: 'Đề nghị phủ sóng 4G xã vùng cao', owner: 'P-BCVT', sector: 'BCVT', period: '2023', raisedOn: '2024-01-10', deadline: '2027-12-31', raisedBy: ['VTL'] });
    await s.app.inject({ method: 'PUT', url: `/api/recommendations/${a.id}/answer`, headers: users.office, payload: { text: 'Đã xây.', publish: true, version: 1 } });
    await move(a.id, 'complete', { version: 2 });
    const y = (await get('/api/recommendations?period=2023&owner=P-BCVT&pageSize=200')).json();
    expect(y.items.map((i: Rec) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect(y.counts).toEqual({ done_on_time: 0, done_late: 1, open_within_deadline: 1, open_overdue: 0, total: 2 });
    const q = (await get('/api/recommendations?period=2023Q2&pageSize=200')).json();
    expect(q.items.map((i: Rec) => i.id)).toEqual([a.id]);
    expect((await get('/api/recommendations?period=2023&timeliness=done_late&pageSize=200')).json().items.map((i: Rec) => i.id)).toEqual([a.id]);
    expect((await get('/api/recommendations?period=2023&state=assigned,in_progress&pageSize=200')).json().items.map((i: Rec) => i.id)).toEqual([b.id]);
    expect((await get('/api/recommendations?sector=BCVT&q=khuoi luong')).json().items.map((i: Rec) => i.id)).toEqual([a.id]);
    expect((await get(`/api/recommendations?q=%23${b.id}`)).json().items.map((i: Rec) => i.id)).toEqual([b.id]);
    const bad = await get('/api/recommendations?timeliness=late');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/"late" không hợp lệ; chọn trong done_on_time, done_late, open_within_deadline, open_overdue/);
    expect((await get('/api/recommendations?owner=NOPE')).json().message).toBe('Phòng chủ trì: không có đơn vị mã "NOPE".');
    expect((await get('/api/recommendations?period=2023Q9')).json().message).toBe('Kỳ "2023Q9" không hợp lệ (ví dụ 2025, 2025Q2, 2025S1, 202503).');
    const recurring = (await get('/api/recommendations?recurring=true&sort=recurrence&pageSize=200')).json();
    expect(recurring.items.every((i: Rec) => i.timesRaised >= 2)).toBe(true);
    const byDeadline = (await get('/api/recommendations?sort=deadline&pageSize=200')).json().items.map((i: Rec) => i.deadline ?? '9999');
    expect(byDeadline).toEqual([...byDeadline].sort());
    const paged = (await get('/api/recommendations?pageSize=2&page=2')).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
  });
});

describe('linking a point raised again', () => {
  it('records a source from a unit\'s report, and answers 404 for a report or a conference the actor cannot see', async () => {
    const { id: form } = await s.db.one<{ id: number }>(
      `INSERT INTO report_forms (code, name, period_type, division_id) VALUES ('BC-BCVT-Q', 'Báo cáo bưu chính, viễn thông quý', 'Quarterly', $1) RETURNING id`, [w.u.BCVT],
    );
    const { id: round } = await s.db.one<{ id: number }>(
      `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, status)
       VALUES ($1, '2025Q4', '2025-10-01', '2025-12-31', '2025-12-15', '2025-12-20', '2026-01-10T10:00:00Z', 'closed') RETURNING id`, [form],
    );
    await s.db.query(`INSERT INTO form_units (form_id, org_unit_id) VALUES ($1, $2)`, [form, w.u.C1]);
    const { id: submission } = await s.db.one<{ id: number }>(
      `INSERT INTO submissions (round_id, org_unit_id, status, difficulties) VALUES ($1, $2, 'approved', '- Loa truyền thanh thôn Nà Rầy bị nhiễu') RETURNING id`, [round, w.u.C1],
    );
    const r = await created();
    const link = (payload: object, who = users.office) => s.app.inject({ method: 'POST', url: `/api/recommendations/${r.id}/sources`, headers: who, payload });
    const hidden = await link({ text: 'Loa truyền thanh thôn Nà Rầy bị nhiễu', submission, section: 'difficulties', item: 0 }, users.ttcs);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().message).toBe('Không tìm thấy báo cáo của đơn vị trong đợt báo cáo này.');
    const conference = await link({ text: 'Nêu tại hội nghị', discussionItem: 987654 }, users.ttcs);
    expect(conference.statusCode).toBe(404);
    expect(conference.json().message).toBe('Không tìm thấy hội nghị mà nguồn kiến nghị trỏ tới.');
    expect((await link({ text: 'x', unit: 'VL-X03' }, users.commune)).statusCode).toBe(403);
    const ok = await link({ text: 'Loa truyền thanh thôn Nà Rầy bị nhiễu', submission, section: 'difficulties', item: 0 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().timesRaised).toBe(2);
    expect(ok.json().sources.at(-1)).toMatchObject({
      kind: 'report', unit: { code: 'VL-X03' }, period: '2025Q4', report: { submissionId: submission, roundId: round, section: 'difficulties', item: 0 },
    });
    expect(ok.json().timeline.at(-1)).toMatchObject({ kind: 'link', text: 'Nêu lại bởi Xã Khê Thượng (kỳ 2025Q4): Loa truyền thanh thôn Nà Rầy bị nhiễu' });
  });
});

describe('two edits at once', () => {
  it('saves one and answers 409 to the other, whichever comes second', async () => {
    const r = await created();
    const [a, b] = await Promise.all([
      patch(r.id, { version: 1, text: 'Bản sửa thứ nhất của kiến nghị về loa truyền thanh.' }),
      patch(r.id, { version: 1, text: 'Bản sửa thứ hai của kiến nghị về loa truyền thanh.' }, users.ttcs),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a.json() : b.json();
    const stored = (await get(`/api/recommendations/${r.id}`)).json();
    expect(stored).toMatchObject({ version: 2, text: winner.text });
    const [t1, t2] = await Promise.all([move(r.id, 'start', { version: 2 }), move(r.id, 'reject', { version: 2, note: 'Trùng' })]);
    expect([t1.statusCode, t2.statusCode].sort()).toEqual([200, 409]);
  });
});
