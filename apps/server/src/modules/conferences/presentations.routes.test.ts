import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type ConfUserKey, type ConfWorld, seedConferenceWorld, signInAll } from './conferences.fixtures.js';
import { runPresentationReminders } from './presentations.service.js';
import { sampleDocx, samplePdf, samplePptx } from './sample-files.js';

let s: TestServer;
let w: ConfWorld;
let as: Record<ConfUserKey, { cookie: string }>;
let id: number;

beforeAll(async () => {
  s = await testServer({ now: '2023-12-20T02:00:00Z', seed: async (db) => void (w = await seedConferenceWorld(db)) });
  as = await signInAll(s.app);
  id = (await call('office', 'POST', '/api/conferences', { period: '2023' })).json().id;
});
afterAll(() => s.close());

const call = (who: ConfUserKey, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  s.app.inject({ method, url, headers: { cookie: as[who].cookie }, payload: payload as never });

const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)]);

function multipart(filename: string, content: Buffer) {
  const boundary = `----nhip${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), boundary };
}
const upload = (who: ConfUserKey, pid: number, filename: string, content: Buffer) => {
  const m = multipart(filename, content);
  return s.app.inject({
    method: 'PUT', url: `/api/conferences/${id}/presentations/${pid}/file`, payload: m.payload,
    headers: { cookie: as[who].cookie, 'content-type': `multipart/form-data; boundary=${m.boundary}` },
  });
};

let pid: number;

describe('asking units for presentations', () => {
  it('asks an invited unit with a topic and a due date; the agenda item names it', async () => {
    const r = await call('office', 'POST', `/api/conferences/${id}/presentations`, {
      unitId: w.units.d1, topic: 'Kết quả chuyển đổi số cấp huyện', dueAt: '2023-12-29', presenterPersonId: w.people.d1a,
    });
    expect(r.statusCode, r.body).toBe(201);
    pid = r.json().id;
    expect(r.json()).toMatchObject({ topic: 'Kết quả chuyển đổi số cấp huyện', dueAt: '2023-12-29T10:00:00.000Z', file: null, presenter: { personId: w.people.d1a } });
    const item = (await call('office', 'GET', `/api/conferences/${id}/agenda`)).json().items.find((i: { id: number }) => i.id === r.json().agendaItemId);
    expect(item).toMatchObject({ kind: 'presentation', title: 'Tham luận: Kết quả chuyển đổi số cấp huyện' });
    expect(item.presenter.unitId).toBe(w.units.d1);
    expect(item.material[0]).toMatchObject({ kind: 'presentation', uploaded: false, href: `/api/conferences/${id}/presentations/${pid}/file` });
  });

  it('refuses a due date after the conference, a unit not invited, a second request for a unit, a presenter of another unit', async () => {
    const late = await call('office', 'POST', `/api/conferences/${id}/presentations`, { unitId: w.units.d2, topic: 'Bưu chính', dueAt: '2024-01-05' });
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toBe('Hạn nộp tham luận (05/01/2024 17:00) phải trước giờ khai mạc hội nghị (04/01/2024 08:00).');
    const notInvited = await call('office', 'POST', `/api/conferences/${id}/presentations`, { unitId: w.units.division, topic: 'X', dueAt: '2023-12-29' });
    expect(notInvited.statusCode).toBe(400);
    expect(notInvited.json().message).toContain('chưa được mời dự hội nghị');
    const again = await call('office', 'POST', `/api/conferences/${id}/presentations`, { unitId: w.units.d1, topic: 'Y', dueAt: '2023-12-29' });
    expect(again.statusCode).toBe(409);
    const stranger = await call('office', 'POST', `/api/conferences/${id}/presentations`, { unitId: w.units.d2, topic: 'Z', dueAt: '2023-12-29', presenterPersonId: w.people.d1b });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().message).toContain('Lý Thị Bình không phải cán bộ của Phòng Văn hóa và Thông tin huyện Khê Thượng');
  });

  it('shows the unit its task once invited, and tells it in the app', async () => {
    expect((await call('office', 'POST', `/api/conferences/${id}/invite`, {})).statusCode).toBe(200);
    const tasks = (await call('rep1', 'GET', '/api/me/conference-tasks')).json().items;
    expect(tasks).toContainEqual(expect.objectContaining({ kind: 'presentation', status: 'requested', presentationId: pid, topic: 'Kết quả chuyển đổi số cấp huyện' }));
    const note = await s.db.query(`SELECT 1 FROM notifications WHERE kind = 'conference.presentation' AND org_unit_id = $1`, [w.units.d1]);
    expect(note).toHaveLength(1);
  });
});

describe('uploading', () => {
  it('refuses an .exe renamed .pdf (415), saving nothing', async () => {
    const r = await upload('rep1', pid, 'tham-luan.pdf', EXE);
    expect(r.statusCode).toBe(415);
    expect(r.json().message).toBe('Tệp "tham-luan.pdf" mang đuôi .pdf nhưng nội dung không phải PDF. Chỉ nhận tệp Word (.docx), PDF hoặc PowerPoint (.pptx) (kiểm tra theo nội dung tệp).');
    expect((await call('rep1', 'GET', `/api/conferences/${id}/presentations`)).json().items[0].file).toBeNull();
  });

  it('takes a .docx; the unit replaces it with a .pptx until the due date; both audited', async () => {
    const first = await upload('rep1', pid, 'Tham luận CĐS.docx', await sampleDocx('Tham luận', ['Kết quả chuyển đổi số']));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().file).toMatchObject({ name: 'Tham luận CĐS.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const second = await upload('head1', pid, 'trinh-chieu', await samplePptx());
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().file).toMatchObject({ name: 'trinh-chieu.pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' });
    const actions = (await s.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE action LIKE 'conference.presentation.%' ORDER BY id`)).map((a) => a.action);
    expect(actions).toEqual(['conference.presentation.ask', 'conference.presentation.upload', 'conference.presentation.replace']);
  });

  it('refuses a 300 MB file (413); the file already in is kept', async () => {
    const boundary = '----nhipbig';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="video.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const body = Readable.from((function* () {
      yield head;
      while (sent < 300) {
        sent++;
        yield chunk;
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })());
    const r = await s.app.inject({
      method: 'PUT', url: `/api/conferences/${id}/presentations/${pid}/file`, payload: body,
      headers: { cookie: as.rep1.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().message).toBe('Tệp tham luận vượt quá 30 MB; tệp chưa được lưu, bài đã nộp trước được giữ nguyên.');
    const list = (await call('rep1', 'GET', `/api/conferences/${id}/presentations`)).json();
    expect(list.items[0].file.name).toBe('trinh-chieu.pptx');
    // The page reads the limit from here rather than repeating it.
    expect(list.limits).toEqual({ presentationBytes: 30 * 1024 * 1024 });
  });

  it('is the unit\'s own: another unit gets 404, the office 403', async () => {
    expect((await upload('rep2', pid, 'a.pdf', await samplePdf('x'))).statusCode).toBe(404);
    expect((await call('rep2', 'GET', `/api/conferences/${id}/presentations/${pid}/file`)).statusCode).toBe(404);
    expect((await call('rep2', 'GET', `/api/conferences/${id}/presentations`)).json().items).toEqual([]);
    const office = await upload('office', pid, 'a.pdf', await samplePdf('x'));
    expect(office.statusCode).toBe(403);
  });

  it('downloads as an attachment with its type', async () => {
    const r = await call('office', 'GET', `/api/conferences/${id}/presentations/${pid}/file`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="trinh-chieu.pptx"/);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('links the agenda\'s material only for those who may open it, and says why to the others', async () => {
    type Material = { kind: string; href: string; available: boolean; note: string | null; presentationId: number | null };
    const material = async (who: ConfUserKey) => {
      const r = await call(who, 'GET', `/api/conferences/${id}/agenda`);
      expect(r.statusCode, r.body).toBe(200);
      const all = (r.json().items as { material: Material[] }[]).flatMap((i) => i.material);
      return { draft: all.find((m) => m.kind === 'draft_report')!, mine: all.find((m) => m.presentationId === pid)! };
    };
    const office = await material('office');
    expect(office.draft).toMatchObject({ available: true, note: null });
    expect(office.mine).toMatchObject({ available: true, note: null });
    expect((await call('office', 'GET', office.draft.href)).statusCode).toBe(200);
    // A unit cannot read the draft report (the office hands it out at the conference), nor another unit's file.
    const other = await material('rep2');
    expect(other.draft).toMatchObject({ available: false, note: 'Dự thảo báo cáo do Văn phòng Sở phát hành tại hội nghị' });
    expect((await call('rep2', 'GET', other.draft.href)).statusCode).toBe(403);
    expect(other.mine).toMatchObject({ available: false, note: 'Tham luận của đơn vị khác do Văn phòng Sở phát hành tại hội nghị' });
    expect((await call('rep2', 'GET', other.mine.href)).statusCode).toBe(404);
    const own = await material('rep1');
    expect(own.mine).toMatchObject({ available: true, note: null });
    expect((await call('rep1', 'GET', own.mine.href)).statusCode).toBe(200);
  });

  it('refuses a withdrawal once the file is in', async () => {
    const r = await call('office', 'DELETE', `/api/conferences/${id}/presentations/${pid}`);
    expect(r.statusCode).toBe(409);
  });
});

describe('reminders and the deadline', () => {
  it('reminds a unit whose presentation is due within 48 hours, once', async () => {
    const p2 = await call('office', 'POST', `/api/conferences/${id}/presentations`, { unitId: w.units.d2, topic: 'Thông tin cơ sở', dueAt: '2023-12-21T17:00' });
    expect(p2.statusCode, p2.body).toBe(201);
    const now = s.clock.now();
    expect(await runPresentationReminders(s.db, now)).toBe(1);
    expect(await runPresentationReminders(s.db, now)).toBe(0);
    const n = await s.db.query<{ title: string }>(`SELECT title FROM notifications WHERE kind = 'conference.presentation.reminder' AND org_unit_id = $1`, [w.units.d2]);
    expect(n.map((x) => x.title)).toEqual(['Sắp đến hạn nộp tham luận: Thông tin cơ sở']);
  });

  it('refuses an upload after the due date, keeping what was sent', async () => {
    s.clock.set('2023-12-30T02:00:00Z');
    const r = await upload('rep1', pid, 'moi.pdf', await samplePdf('new'));
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('Đã quá hạn nộp tham luận (29/12/2023 17:00); bài đã nộp được giữ nguyên.');
    s.clock.set('2023-12-20T02:00:00Z');
  });
});
