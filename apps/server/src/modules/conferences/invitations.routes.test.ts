import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { type ConfUserKey, type ConfWorld, seedConferenceWorld, signInAll } from './conferences.fixtures.js';
import { type TestSmtp, mimePart, startTestSmtp } from './smtp.test-util.js';

let s: TestServer;
let w: ConfWorld;
let as: Record<ConfUserKey, { cookie: string }>;
let smtp: TestSmtp;
let id: number;

const PUBLIC_URL = 'https://nhip.vanlinh.example';

beforeAll(async () => {
  smtp = await startTestSmtp();
  s = await testServer({
    now: '2023-12-20T02:00:00Z',
    seed: async (db) => void (w = await seedConferenceWorld(db)),
    config: { smtpUrl: smtp.url, smtpFrom: 'Nhịp <nhip@vanlinh.example>', publicUrl: PUBLIC_URL },
  });
  as = await signInAll(s.app);
  const r = await call('office', 'POST', '/api/conferences', { period: '2023' });
  id = r.json().id;
});
afterAll(async () => {
  await s.close();
  await smtp.close();
});

const call = (who: ConfUserKey, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  s.app.inject({ method, url, headers: { cookie: as[who].cookie }, payload: payload as never });

type BoardItem = { unit: { id: number }; status: string; email: { state: string; error: string | null }; delegates: { id: number; personId: number; ticketPng: string | null }[] };
const board = async (who: ConfUserKey = 'office') => (await call(who, 'GET', `/api/conferences/${id}/invitations`)).json() as { items: BoardItem[]; totals: Record<string, number> };
const itemOf = async (unitId: number) => (await board()).items.find((i) => i.unit.id === unitId)!;

/** The VEVENT of an .ics text, its times resolved through the file's own VTIMEZONE. */
function parseIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const vtz = cal.getFirstSubcomponent('vtimezone');
  if (vtz) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  const vevent = cal.getFirstSubcomponent('vevent')!;
  const ev = new ICAL.Event(vevent);
  return {
    method: cal.getFirstPropertyValue('method'), uid: ev.uid, sequence: ev.sequence, summary: ev.summary, location: ev.location,
    tzid: vevent.getFirstProperty('dtstart')!.getParameter('tzid'), start: ev.startDate.toJSDate().toISOString(), end: ev.endDate.toJSDate().toISOString(),
    wall: ev.startDate.toString(),
  };
}

describe('invite', () => {
  it('needs the organiser; units do not see the draft yet', async () => {
    expect((await call('director', 'POST', `/api/conferences/${id}/invite`, {})).statusCode).toBe(403);
    expect((await call('rep1', 'POST', `/api/conferences/${id}/invite`, {})).statusCode).toBe(404);
  });

  it('moves draft → invited, stamps the number, tells every unit in the app, e-mails those with addresses with an .ics', async () => {
    const r = await call('office', 'POST', `/api/conferences/${id}/invite`, { invitationNumber: '45/GM-STTTT' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'invited', invitationNumber: '45/GM-STTTT' });
    // Units with accounts (d1: rep1, head1; d2: rep2; enterprise: repE) get e-mail; the media centre and the press have none.
    const mail = r.json().mail as { unitId: number; sent: boolean; error: string | null }[];
    expect(mail.filter((m) => m.sent).map((m) => m.unitId).sort()).toEqual([w.units.d1, w.units.d2, w.units.enterprise].sort());
    expect(mail.find((m) => m.unitId === w.units.media)?.error).toContain('chưa có tài khoản nào có địa chỉ e-mail');
    const notes = await s.db.query<{ org_unit_id: number; kind: string; link: string }>(`SELECT org_unit_id, kind, link FROM notifications WHERE kind = 'conference.invite'`);
    expect(notes.map((n) => n.org_unit_id).sort()).toEqual([w.units.d1, w.units.d2, w.units.media, w.units.enterprise, w.units.press].sort());
    expect(notes[0].link).toBe(`/conferences/${id}`);

    const toD1 = smtp.mails.find((m) => m.to.includes('rep1@vanlinh.example'))!;
    expect(toD1.to.sort()).toEqual(['head1@vanlinh.example', 'rep1@vanlinh.example']);
    const ics = mimePart(toD1.data, 'text/calendar')!;
    const ev = parseIcs(ics);
    expect(ev).toMatchObject({
      method: 'REQUEST', uid: `conference-${id}@nhip.vanlinh.example`, sequence: 0, tzid: 'Asia/Ho_Chi_Minh', wall: '2024-01-04T08:00:00',
      start: '2024-01-04T01:00:00.000Z', end: '2024-01-04T03:35:00.000Z', summary: 'Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024',
      location: 'Hội trường Sở Thông tin và Truyền thông',
    });
    const text = mimePart(toD1.data, 'text/plain')!;
    expect(text).toContain('trân trọng kính mời đại diện lãnh đạo Phòng Văn hóa và Thông tin thành phố Vân Lĩnh (2 đại biểu)');
    expect(text).toContain('08 giờ 00, thứ Năm, ngày 04/01/2024');
    expect(text).toContain(`${PUBLIC_URL}/conferences/${id}`);
    // The Giấy mời rides along as .docx.
    const headers = toD1.data.replace(/\r\n[ \t]+/g, ' ');
    expect(headers).toMatch(/Content-Type: application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document;/);
    // One calendar: the invitation part (and the copy mail programs save), not a second file of our own.
    expect(headers.match(/Content-Type: (text\/calendar|application\/ics)/g)).toHaveLength(2);
  });

  it('shows each e-mail state on the board: sent, or the reason it was not', async () => {
    const b = await board();
    expect(b.items).toHaveLength(5);
    expect((await itemOf(w.units.d1)).email.state).toBe('sent');
    expect((await itemOf(w.units.press)).email).toMatchObject({ state: 'failed' });
    expect(b.totals).toMatchObject({ invited: 5, pending: 5, expected: 8 });
  });

  it('is not sent twice', async () => {
    const again = await call('office', 'POST', `/api/conferences/${id}/invite`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('Giấy mời đã được gửi');
  });

  it('now shows the conference to the invited units, with their invitation and a task on their home page', async () => {
    expect((await call('rep1', 'GET', '/api/conferences')).json().items.map((c: { id: number }) => c.id)).toEqual([id]);
    const d = (await call('rep1', 'GET', `/api/conferences/${id}`)).json();
    expect(d.myInvitation).toMatchObject({ unitId: w.units.d1, status: 'pending', expectedDelegates: 2 });
    expect(d.abilities).toMatchObject({ respond: true, plan: false });
    const tasks = (await call('rep1', 'GET', '/api/me/conference-tasks')).json().items;
    expect(tasks).toEqual([expect.objectContaining({ conferenceId: id, kind: 'rsvp', status: 'pending', link: `/conferences/${id}` })]);
    expect((await call('repC', 'GET', `/api/conferences/${id}`)).statusCode).toBe(404);
    expect((await call('office', 'GET', '/api/me/conference-tasks')).json().items).toEqual([]);
  });

  it('lets a unit see only its own line of the board', async () => {
    const b = await board('rep1');
    expect(b.items.map((i) => i.unit.id)).toEqual([w.units.d1]);
  });
});

describe('RSVP', () => {
  let keptTicket: string;

  it('accepts with two of the unit\'s own people; each gets a ticket, and the one with an address an e-mail with the QR', async () => {
    const before = smtp.mails.length;
    const r = await call('rep1', 'POST', `/api/conferences/${id}/invitations/${w.units.d1}/response`, {
      status: 'accepted', delegates: [{ personId: w.people.d1a }, { personId: w.people.d1b }],
    });
    expect(r.statusCode, r.body).toBe(200);
    const inv = r.json().invitation;
    expect(inv.status).toBe('accepted');
    expect(inv.delegates.map((d: { personId: number }) => d.personId)).toEqual([w.people.d1a, w.people.d1b]);
    expect(inv.delegates[0].ticketPng).toBe(`/api/conferences/${id}/delegates/${inv.delegates[0].id}/ticket.png`);
    expect(r.json().ticketsEmailed).toBe(1);
    const ticketMail = smtp.mails.slice(before).find((m) => m.to.includes('an@vanlinh.example'))!;
    expect(ticketMail.data).toContain('image/png');
    const rows = await s.db.query<{ person_id: number; ticket: string }>('SELECT person_id, ticket FROM conference_delegates WHERE conference_id = $1 ORDER BY id', [id]);
    expect(rows).toHaveLength(2);
    expect(rows[0].ticket).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(rows[0].ticket).not.toBe(rows[1].ticket);
    keptTicket = rows[0].ticket;
    const audit = await s.db.query<{ after: { delegates: number[] } }>(`SELECT after FROM audit_events WHERE action = 'conference.respond'`);
    expect(audit[0].after.delegates).toEqual([w.people.d1a, w.people.d1b]);
  });

  it('names the person in the refusal: the same person twice, a person of another unit, someone not in the directory', async () => {
    const url = `/api/conferences/${id}/invitations/${w.units.d1}/response`;
    const twice = await call('rep1', 'POST', url, { status: 'accepted', delegates: [{ personId: w.people.d1a }, { personId: w.people.d1a }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toBe('Triệu Văn An được nêu hai lần; mỗi đại biểu chỉ đăng ký một lần.');
    const other = await call('rep1', 'POST', url, { status: 'accepted', delegates: [{ personId: w.people.d2a }] });
    expect(other.statusCode).toBe(400);
    expect(other.json().message).toBe('Hà Văn Dũng là cán bộ của đơn vị khác; đơn vị chỉ đăng ký đại biểu là cán bộ của mình.');
    const ghost = await call('rep1', 'POST', url, { status: 'accepted', delegates: [{ personId: 999999 }] });
    expect(ghost.statusCode).toBe(400);
    // Nothing saved was lost: the two delegates are still there.
    expect((await itemOf(w.units.d1)).delegates).toHaveLength(2);
  });

  it('takes the unit where the person works on the conference date (a person who moved in counts)', async () => {
    const r = await call('head1', 'POST', `/api/conferences/${id}/invitations/${w.units.d1}/response`, {
      status: 'accepted', delegates: [{ personId: w.people.d1a }, { personId: w.people.moved }],
    });
    expect(r.statusCode, r.body).toBe(200);
    const rows = await s.db.query<{ person_id: number; ticket: string }>('SELECT person_id, ticket FROM conference_delegates WHERE conference_id = $1 ORDER BY id', [id]);
    expect(rows.map((x) => x.person_id)).toEqual([w.people.d1a, w.people.moved]);
    // The delegate named again keeps their ticket (and so the QR already printed).
    expect(rows[0].ticket).toBe(keptTicket);
  });

  it('warns when more delegates come than expected', async () => {
    const r = await call('head1', 'POST', `/api/conferences/${id}/invitations/${w.units.d1}/response`, {
      status: 'accepted', delegates: [{ personId: w.people.d1a }, { personId: w.people.moved }, { personId: w.people.d1c }],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().warnings[0]).toContain('nhiều hơn số dự kiến trong giấy mời (2)');
  });

  it('answers 404 for another unit\'s invitation and 403 for the department', async () => {
    expect((await call('rep1', 'POST', `/api/conferences/${id}/invitations/${w.units.d2}/response`, { status: 'declined', reason: 'x' })).statusCode).toBe(404);
    const office = await call('office', 'POST', `/api/conferences/${id}/invitations/${w.units.d2}/response`, { status: 'declined', reason: 'x' });
    expect(office.statusCode).toBe(403);
    expect(office.json().message).toBe('Chỉ đơn vị được mời tự trả lời giấy mời của mình.');
  });

  it('declines with a reason; the unit\'s delegates go', async () => {
    await call('repE', 'POST', `/api/conferences/${id}/invitations/${w.units.enterprise}/response`, { status: 'accepted', delegates: [{ personId: w.people.ea }] });
    const r = await call('repE', 'POST', `/api/conferences/${id}/invitations/${w.units.enterprise}/response`, { status: 'declined', reason: 'Trùng lịch họp của Tập đoàn' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().invitation).toMatchObject({ status: 'declined', declineReason: 'Trùng lịch họp của Tập đoàn', delegates: [] });
  });

  it('serves the ticket QR as PNG to the delegate\'s unit and the office only', async () => {
    const d = (await itemOf(w.units.d1)).delegates[0];
    const png = await call('rep1', 'GET', d.ticketPng!);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect((await call('office', 'GET', d.ticketPng!)).statusCode).toBe(200);
    expect((await call('rep2', 'GET', `/api/conferences/${id}/delegates/${d.id}/ticket.png`)).statusCode).toBe(404);
    expect((await call('director', 'GET', `/api/conferences/${id}/delegates/${d.id}/ticket.png`)).statusCode).toBe(404);
  });

  it('reminds the units that have not answered, once a day', async () => {
    const r = await call('office', 'POST', `/api/conferences/${id}/invitations/remind`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ reminded: 3, alreadyToday: 0 }); // d2, media, press
    expect((await call('office', 'POST', `/api/conferences/${id}/invitations/remind`)).json()).toEqual({ reminded: 0, alreadyToday: 3 });
    expect((await call('rep1', 'POST', `/api/conferences/${id}/invitations/remind`)).statusCode).toBe(403);
  });
});

describe('changes after the invitations went out', () => {
  it('a new time sends every unit an update: same UID, SEQUENCE 1, in the app and by e-mail', async () => {
    const before = smtp.mails.length;
    const r = await call('office', 'PATCH', `/api/conferences/${id}`, { startsAt: '2024-01-04T14:00' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().icsSequence).toBe(1);
    const updates = await s.db.query<{ org_unit_id: number }>(`SELECT org_unit_id FROM notifications WHERE kind = 'conference.update'`);
    expect(updates).toHaveLength(5);
    const mail = smtp.mails.slice(before).find((m) => m.to.includes('rep2@vanlinh.example'))!;
    expect(mimePart(mail.data, 'text/plain')).toContain('thông báo thay đổi thời gian, địa điểm');
    const ev = parseIcs(mimePart(mail.data, 'text/calendar')!);
    expect(ev).toMatchObject({ uid: `conference-${id}@nhip.vanlinh.example`, sequence: 1, wall: '2024-01-04T14:00:00' });
    const file = await call('rep1', 'GET', `/api/conferences/${id}/calendar.ics`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/calendar');
    expect(parseIcs(file.body)).toMatchObject({ method: 'PUBLISH', uid: `conference-${id}@nhip.vanlinh.example`, sequence: 1, start: '2024-01-04T07:00:00.000Z' });
  });

  it('a new title alone sends nothing', async () => {
    const r = await call('office', 'PATCH', `/api/conferences/${id}`, { title: 'Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024 (điều chỉnh)' });
    expect(r.json().icsSequence).toBe(1);
    expect(r.json().mail).toEqual([]);
  });

  it('a unit added later is invited at once; an answered unit cannot be dropped', async () => {
    const current = (await board()).items.map((i) => ({ unitId: i.unit.id, expectedDelegates: 1 }));
    const add = await call('office', 'PUT', `/api/conferences/${id}/invitations`, { items: [...current, { unitId: w.units.division, expectedDelegates: 1 }] });
    expect(add.statusCode, add.body).toBe(200);
    const note = await s.db.query(`SELECT 1 FROM notifications WHERE kind = 'conference.invite' AND org_unit_id = $1`, [w.units.division]);
    expect(note).toHaveLength(1);
    const drop = await call('office', 'PUT', `/api/conferences/${id}/invitations`, { items: current.filter((c) => c.unitId !== w.units.d1) });
    expect(drop.statusCode).toBe(409);
    expect(drop.json().message).toContain('Phòng Văn hóa và Thông tin thành phố Vân Lĩnh đã xác nhận tham dự');
  });

  it('refuses a unit that does not exist on the conference date, naming it', async () => {
    const current = (await board()).items.map((i) => ({ unitId: i.unit.id, expectedDelegates: 1 }));
    const r = await call('office', 'PUT', `/api/conferences/${id}/invitations`, { items: [...current, { unitId: w.units.commune, expectedDelegates: 1 }] });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe(
      'Đơn vị "Xã Khê Thượng" không hoạt động vào ngày hội nghị 04/01/2024 (hiệu lực từ 01/07/2025); hãy bỏ đơn vị này khỏi danh sách mời.',
    );
  });

  it('adds units by type', async () => {
    const r = await call('office', 'POST', `/api/conferences/${id}/invitations/by-type`, { types: ['press_agency', 'media_centre'] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().added).toBe(0); // both already invited
  });

  it('refuses answers after the RSVP deadline', async () => {
    s.clock.set('2024-01-03T02:00:00Z');
    const r = await call('rep2', 'POST', `/api/conferences/${id}/invitations/${w.units.d2}/response`, { status: 'accepted', delegates: [{ personId: w.people.d2a }] });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('Đã quá hạn xác nhận tham dự');
    s.clock.set('2023-12-20T02:00:00Z');
  });
});

describe('an e-mail that fails', () => {
  it('is stored and shown; the invitation stands', async () => {
    const c = (await call('office', 'POST', '/api/conferences', { period: '2023N1', startsAt: '2024-01-10T08:00' })).json();
    smtp.failing = true;
    const r = await call('office', 'POST', `/api/conferences/${c.id}/invite`, {});
    smtp.failing = false;
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('invited');
    const d1 = (await call('office', 'GET', `/api/conferences/${c.id}/invitations`)).json().items.find((i: BoardItem) => i.unit.id === w.units.d1);
    expect(d1.email.state).toBe('failed');
    expect(d1.email.error).toContain('Gửi e-mail không thành công');
    expect(d1.email.error).toContain('Relay access denied');
    expect(d1.status).toBe('pending');
    const note = await s.db.query(`SELECT 1 FROM notifications WHERE kind = 'conference.invite' AND org_unit_id = $1 AND link = $2`, [w.units.d1, `/conferences/${c.id}`]);
    expect(note).toHaveLength(1);
  });
});

describe('once held', () => {
  it('refuses answers and plan edits with the reason', async () => {
    const hold = await call('office', 'POST', `/api/conferences/${id}/hold`);
    expect(hold.statusCode, hold.body).toBe(200);
    expect(hold.json().status).toBe('held');
    const answer = await call('rep2', 'POST', `/api/conferences/${id}/invitations/${w.units.d2}/response`, { status: 'declined', reason: 'Ốm' });
    expect(answer.statusCode).toBe(403);
    expect(answer.json().message).toBe('Hội nghị đã diễn ra; không trả lời giấy mời được nữa.');
    const edit = await call('office', 'PATCH', `/api/conferences/${id}`, { place: 'Nơi khác' });
    expect(edit.statusCode).toBe(403);
    const close = await call('office', 'POST', `/api/conferences/${id}/close`);
    expect(close.statusCode).toBe(403);
    expect(close.json().message).toContain('chưa ban hành thông báo kết luận');
    expect((await call('rep1', 'GET', '/api/me/conference-tasks')).json().items.filter((t: { conferenceId: number }) => t.conferenceId === id)).toEqual([]);
    const audit = await s.db.query(`SELECT 1 FROM audit_events WHERE action = 'conference.hold' AND entity_id = $1`, [String(id)]);
    expect(audit).toHaveLength(1);
  });

  it('refuses edits to a concluded conference: reissue instead', async () => {
    await s.db.query(`UPDATE conferences SET status = 'concluded' WHERE id = $1`, [id]);
    const edit = await call('office', 'PUT', `/api/conferences/${id}/agenda`, { items: [{ kind: 'opening', durationMinutes: 10 }] });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().message).toBe('Hội nghị đã ban hành kết luận; không sửa được nữa, hãy ban hành lại thông báo.');
    const close = await call('office', 'POST', `/api/conferences/${id}/close`);
    expect(close.statusCode, close.body).toBe(200);
    expect(close.json().status).toBe('closed');
  });
});
