import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { keyTaskPeriodAfter } from './keytasks.service.js';
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

type Task = { id: number; version: number; period: string; state: string; progress: number; deadline: string; [k: string]: unknown };
const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, who: { cookie: string }, payload?: object) => s.app.inject({ method, url, headers: who, payload });
const create = async (over: object = {}): Promise<Task> => {
  const r = await inject('POST', '/api/key-tasks', users.office, { period: '2026', text: 'Xóa các thôn lõm sóng di động còn lại', owner: 'P-BCVT', sector: 'BCVT', ...over });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
};

describe('key tasks of a period', () => {
  it('the period a review sets tasks for', () => {
    expect(['2025', '2025Q4', '2025Q2', '2025S1', '2025S2', '2025N1', '202512'].map((p) => keyTaskPeriodAfter(p).id)).toEqual(['2026', '2026Q1', '2025Q3', '2025S2', '2026S1', '2025Q4', '202601']);
  });

  it('the office adds a task with an owner division, the period’s last day as its deadline, audited; the department reads it, a unit does not', async () => {
    const t = await create();
    expect(t).toMatchObject({
      period: '2026', source: 'manual', owner: { code: 'P-BCVT' }, sector: { code: 'BCVT' }, deadline: '2026-12-31', progress: 0, state: 'open', version: 1, updates: [],
      abilities: { view: true, update: true, edit: true, close: true },
    });
    const list = (await inject('GET', '/api/key-tasks?period=2026', users.bcvt)).json();
    expect(list.items.map((x: Task) => x.id)).toEqual([t.id]);
    expect(list.items[0].abilities).toEqual({ view: true, update: true, edit: false, close: false });
    expect((await inject('GET', `/api/key-tasks/${t.id}`, users.ttcs)).json().abilities).toEqual({ view: true, update: false, edit: false, close: false });
    expect((await inject('GET', '/api/key-tasks?period=2026&owner=P-TTCS', users.director)).json().items).toEqual([]);
    expect((await inject('GET', `/api/key-tasks/${t.id}`, users.commune)).statusCode).toBe(404);
    expect((await inject('GET', '/api/key-tasks', users.commune)).statusCode).toBe(403);
    const a = await s.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'key_task.create' AND entity_id = $1`, [String(t.id)]);
    expect(a.n).toBe(1);
  });

  it('refuses an owner that is not a division, a bad period or deadline, and anyone but the office', async () => {
    const cases: [object, string][] = [
      [{ owner: 'VL-X03' }, '"Xã Khê Thượng" không phải là một phòng chuyên môn của Sở; nhiệm vụ trọng tâm giao cho một phòng.'],
      [{ owner: 'KHONG' }, 'Không có đơn vị mã "KHONG".'],
      [{ period: '2026Q7' }, 'Kỳ "2026Q7" không hợp lệ (ví dụ 2026, 2026Q1, 2026S1).'],
      [{ deadline: '2025-12-31' }, 'Hạn hoàn thành phải từ ngày đầu kỳ (01/01/2026) trở đi.'],
      [{ deadline: '2026-02-30' }, 'Hạn hoàn thành "2026-02-30" không hợp lệ (ví dụ 2026-12-31).'],
      [{ text: '   ' }, 'Vui lòng nhập nội dung nhiệm vụ.'],
    ];
    for (const [over, message] of cases) {
      const r = await inject('POST', '/api/key-tasks', users.office, { period: '2026', text: 'Nhiệm vụ', ...over });
      expect(r.statusCode, JSON.stringify(over)).toBe(400);
      expect(r.json().message).toBe(message);
    }
    const r = await inject('POST', '/api/key-tasks', users.bcvt, { period: '2026', text: 'Nhiệm vụ' });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toBe('Chỉ Văn phòng Sở sửa nhiệm vụ trọng tâm đang thực hiện.');
  });

  it('takes progress updates from the owner division; another division is refused', async () => {
    const t = await create({ text: 'Phủ sóng 4G đến 100% số thôn' });
    const u = await inject('POST', `/api/key-tasks/${t.id}/updates`, users.bcvt, { text: 'Đã lắp 12/20 trạm.', progress: 60 });
    expect(u.statusCode, u.body).toBe(201);
    expect(u.json()).toMatchObject({ progress: 60, version: 2, updates: [{ text: 'Đã lắp 12/20 trạm.', progress: 60, by: 'Người thamdinh' }] });
    const other = await inject('POST', `/api/key-tasks/${t.id}/updates`, users.ttcs, { text: 'x', progress: 10 });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe('Chỉ phòng chủ trì và Văn phòng Sở cập nhật tiến độ nhiệm vụ đang thực hiện.');
    expect((await inject('POST', `/api/key-tasks/${t.id}/updates`, users.bcvt, { text: '' })).statusCode).toBe(400);
  });

  it('catches a concurrent edit by its version: 409 with the task as it now is', async () => {
    const t = await create({ text: 'Số hóa hồ sơ thủ tục hành chính' });
    const first = await inject('PATCH', `/api/key-tasks/${t.id}`, users.office, { version: 1, deadline: '2026-09-30' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ deadline: '2026-09-30', version: 2 });
    const second = await inject('PATCH', `/api/key-tasks/${t.id}`, users.office, { version: 1, text: 'Số hóa 100% hồ sơ' });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toBe('Nhiệm vụ này đã được người khác thay đổi lúc 10/03/2026 09:00; thay đổi của bạn chưa được lưu. Hãy xem nội dung mới rồi thao tác lại.');
    expect(second.json().details.current).toMatchObject({ id: t.id, version: 2, deadline: '2026-09-30', text: 'Số hóa hồ sơ thủ tục hành chính' });
  });

  it('at the period’s end carries a task into the next period, or closes it with its result', async () => {
    const t = await create({ text: 'Hoàn thành chuyển đổi IPv6', deadline: '2026-06-30' });
    await inject('POST', `/api/key-tasks/${t.id}/updates`, users.bcvt, { text: 'Xong phần lõi.', progress: 70 });
    const noResult = await inject('POST', `/api/key-tasks/${t.id}/carry`, users.office, { version: 2, result: ' ' });
    expect(noResult.statusCode).toBe(400);
    expect(noResult.json().message).toBe('Vui lòng nhập kết quả đạt được trong kỳ và lý do chuyển kỳ.');
    const c = await inject('POST', `/api/key-tasks/${t.id}/carry`, users.office, { version: 2, result: 'Đạt 70%; còn các xã vùng cao.' });
    expect(c.statusCode, c.body).toBe(200);
    const { task, next } = c.json();
    expect(task).toMatchObject({ state: 'carried', result: 'Đạt 70%; còn các xã vùng cao.', closedOn: '2026-03-10', carriedTo: { id: next.id, period: '2027' } });
    expect(next).toMatchObject({ period: '2027', state: 'open', text: 'Hoàn thành chuyển đổi IPv6', progress: 70, deadline: '2027-12-31', carriedFrom: { id: t.id, period: '2026' }, owner: { code: 'P-BCVT' } });
    const again = await inject('POST', `/api/key-tasks/${t.id}/close`, users.office, { version: 3, result: 'x', done: true });
    expect(again.statusCode).toBe(403);

    const done = await inject('POST', `/api/key-tasks/${next.id}/close`, users.office, { version: 1, result: 'Hoàn thành.', done: true });
    expect(done.json()).toMatchObject({ state: 'done', progress: 100, result: 'Hoàn thành.' });
    const other = await create({ text: 'Xây dựng trung tâm dữ liệu' });
    const closed = await inject('POST', `/api/key-tasks/${other.id}/close`, users.office, { version: 1, result: 'Chưa bố trí được vốn.', done: false });
    expect(closed.json()).toMatchObject({ state: 'closed', progress: 0, abilities: { update: false, edit: false, close: false } });
    expect((await inject('POST', `/api/key-tasks/${other.id}/close`, users.bcvt, { version: 2, result: 'x', done: true })).statusCode).toBe(403);
  });

  it('takes the next period’s tasks from part III of a period’s draft summary report, once', async () => {
    const { id: form } = await s.db.one<{ id: number }>(
      `INSERT INTO report_forms (code, name, period_type, division_id) VALUES ('BC-Q', 'Báo cáo quý', 'Quarterly', $1) RETURNING id`, [w.u.TTCS],
    );
    const { id: round } = await s.db.one<{ id: number }>(
      `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline, status)
       VALUES ($1, '2025Q4', '2025-10-01', '2025-12-31', '2025-10-01', '2025-12-31', '2026-01-05T10:00:00Z', 'open') RETURNING id`, [form],
    );
    await s.db.query(
      `INSERT INTO submissions (round_id, org_unit_id, status, results) VALUES ($1, $2, 'approved', $3)`,
      [round, w.u.T1, 'Hoàn thành phủ sóng 4G.\nNhiệm vụ trọng tâm quý tới:\n- Rà soát vùng lõm sóng ở các xã vùng cao;\n- Tập huấn kỹ năng số cho cán bộ xã.'],
    );
    const r = await inject('POST', '/api/key-tasks/from-report', users.office, { period: '2025Q4' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ period: '2026Q1', skipped: 0 });
    expect(r.json().created.map((t: Task) => [t.text, t.source, t.period, t.deadline, t.owner])).toEqual([
      ['Rà soát vùng lõm sóng ở các xã vùng cao', 'report', '2026Q1', '2026-03-31', null],
      ['Tập huấn kỹ năng số cho cán bộ xã.', 'report', '2026Q1', '2026-03-31', null],
    ]);
    const again = (await inject('POST', '/api/key-tasks/from-report', users.office, { period: '2025Q4' })).json();
    expect(again).toMatchObject({ created: [], skipped: 2 });
    expect((await inject('POST', '/api/key-tasks/from-report', users.bcvt, { period: '2025Q4' })).statusCode).toBe(403);
    expect((await inject('POST', '/api/key-tasks/from-report', users.office, { period: '202510' })).statusCode).toBe(400);
  });
});
