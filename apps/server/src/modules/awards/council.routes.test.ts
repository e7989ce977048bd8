import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { countRows } from '../org/test-fixtures.js';
import { openDocx, paragraphTexts } from '../documents/docx-reader.test-util.js';
import { buildWorld, makeCouncil, nominate, request, type World } from './world.test-util.js';

let s: TestServer;
let w: World;
let req: ReturnType<typeof request>;
const ids: Record<string, number> = {};

type Ballot = { nominationId: number; votesFor: number; ballotsCast: number; vote: { num: number; den: number } | null; needed: number | null; passed: boolean | null; mode: string; castByMe: boolean; countsVisible: boolean };
type Meeting = { id: number; version: number; status: string; membersTotal: number | null; ballots: Ballot[]; quorum: { num: number; den: number; present: number; members: number; met: boolean | null } | null; minutesNumber: string | null; abilities: Record<string, boolean> };
const meeting = async (h = w.as.office) => {
  const r = await req(h, 'GET', `/api/awards/meetings/${ids.meeting}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Meeting;
};

beforeAll(async () => {
  s = await testServer({ now: '2026-01-08T02:00:00Z' });
  req = request(s);
  w = await buildWorld(s);
  // Three CSTĐ cơ sở 2025 nominations of the division, accepted by the office, and one of Nga for the director's Giấy khen.
  ids.nomLan = await nominate(s, w, w.as.reporter, { person: w.ids.lan, title: 'CSTD_CS', year: 2025 });
  ids.nomHung = await nominate(s, w, w.as.reporter, { person: w.ids.hung, title: 'CSTD_CS', year: 2025 });
  ids.nomNga = await nominate(s, w, w.as.office, { person: w.ids.nga, title: 'CSTD_CS', year: 2025 });
  ids.nomGk = await nominate(s, w, w.as.office, { person: w.ids.nga, title: 'GK_SO', year: 2025, claims: { thanh_tich_phong_trao: 'Dẫn đầu phong trào chuyển đổi số.' } });
});
afterAll(() => s.close());

describe('council', () => {
  it('the office forms the council with its members; other roles cannot, a unit does not see it', async () => {
    const before = await countRows(s.db, 'award_councils');
    for (const h of [w.as.reporter, w.as.director, w.as.viewer]) {
      const r = await req(h, 'POST', '/api/awards/councils', { name: 'Hội đồng khác', validFrom: '2025-03-01', members: [] });
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toBe('Chỉ Văn phòng Sở quản lý Hội đồng thi đua – khen thưởng.');
    }
    expect(await countRows(s.db, 'award_councils')).toBe(before);
    ids.council = await makeCouncil(s, w);
    const c = (await req(w.as.office, 'GET', `/api/awards/councils/${ids.council}`)).json();
    expect(c.members.map((m: { fullName: string; roleLabel: string; hasAccount: boolean }) => [m.fullName, m.roleLabel, m.hasAccount])).toEqual(expect.arrayContaining([
      ['Hoàng Văn Thái', 'Chủ tịch Hội đồng', true], ['Lý Thị Vân', 'Ủy viên', true], ['Vi Văn Đức', 'Ủy viên, Thư ký', false],
    ]));
    expect(c.members).toHaveLength(5);
    expect((await req(w.as.reporter, 'GET', `/api/awards/councils/${ids.council}`)).statusCode).toBe(404);
    expect((await req(w.as.member, 'GET', '/api/awards/councils')).json().items.map((x: { id: number }) => x.id)).toEqual([ids.council]);
    const dup = await req(w.as.office, 'POST', '/api/awards/councils', { name: 'Hội đồng', validFrom: '2025-03-01', members: [{ person: w.ids.van }, { person: w.ids.van }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toBe(`Cán bộ mã ${w.ids.van} được ghi hai lần trong danh sách thành viên.`);
  });

  it('a meeting considers accepted nominations of titles with a secret ballot only', async () => {
    const gk = await req(w.as.office, 'POST', '/api/awards/meetings', { council: ids.council, year: 2025, heldAt: '2026-01-06T08:00', nominations: [ids.nomGk] });
    expect(gk.statusCode).toBe(400);
    expect(gk.json().message).toBe('"Giấy khen của Giám đốc Sở" không phải bỏ phiếu kín; Văn phòng thông qua trực tiếp đề nghị này (approve).');
    const r = await req(w.as.office, 'POST', '/api/awards/meetings', {
      council: ids.council, year: 2025, heldAt: '2026-01-06T08:00', place: 'Phòng họp tầng 3', nominations: [ids.nomLan, ids.nomHung, ids.nomNga],
    });
    expect(r.statusCode, r.body).toBe(201);
    const m = r.json() as Meeting;
    ids.meeting = m.id;
    expect(m.status).toBe('planned');
    // CSTĐ cơ sở: 80% of ALL five members → 4 votes for; quorum 2/3.
    expect(m.ballots.map((b) => [b.nominationId, b.vote, b.needed])).toEqual([
      [ids.nomLan, { num: 80, den: 100 }, 4], [ids.nomHung, { num: 80, den: 100 }, 4], [ids.nomNga, { num: 80, den: 100 }, 4],
    ]);
    expect(m.quorum).toMatchObject({ num: 2, den: 3, members: 5, met: null });
    const twice = await req(w.as.office, 'POST', '/api/awards/meetings', { council: ids.council, year: 2025, heldAt: '2026-01-07T08:00', nominations: [ids.nomLan] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe(`Đề nghị số ${ids.nomLan} đã có trong cuộc họp số ${ids.meeting} chưa kết thúc.`);
    expect((await req(w.as.reporter, 'GET', `/api/awards/meetings/${ids.meeting}`)).statusCode).toBe(404);
    expect((await req(w.as.member, 'GET', `/api/awards/meetings/${ids.meeting}`)).statusCode).toBe(200);
  });

  it('opening fixes the denominator at all five members; a count above the members is refused with nothing saved', async () => {
    let m = await meeting();
    const open = await req(w.as.office, 'POST', `/api/awards/meetings/${ids.meeting}/open`, { version: m.version });
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toMatchObject({ status: 'held', membersTotal: 5 });
    const bad: [Record<string, number>, string][] = [
      [{ ballotsCast: 5, votesFor: 6, votesAgainst: 0 }, 'Số phiếu đồng ý (6) lớn hơn tổng số thành viên Hội đồng (5).'],
      [{ ballotsCast: 5, votesFor: 0, votesAgainst: 7 }, 'Số phiếu không đồng ý (7) lớn hơn tổng số thành viên Hội đồng (5).'],
      [{ ballotsCast: 9, votesFor: 4, votesAgainst: 1 }, 'Số phiếu thu về (9) lớn hơn tổng số thành viên Hội đồng (5).'],
      [{ ballotsCast: 4, votesFor: 4, votesAgainst: 1 }, 'Số phiếu đồng ý và không đồng ý (5) nhiều hơn số phiếu thu về (4).'],
    ];
    for (const [body, message] of bad) {
      const r = await req(w.as.office, 'PUT', `/api/awards/meetings/${ids.meeting}/ballots/${ids.nomLan}`, body);
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toBe(message);
    }
    m = await meeting();
    expect(m.ballots[0]).toMatchObject({ ballotsCast: 0, votesFor: 0 });
    expect((await req(w.as.director, 'PUT', `/api/awards/meetings/${ids.meeting}/ballots/${ids.nomLan}`, { ballotsCast: 4, votesFor: 4, votesAgainst: 0 })).statusCode).toBe(403);
  });

  it('members present are recorded; the paper count is typed; a member votes in Nhịp once, and how is never kept', async () => {
    let m = await meeting();
    const att = await req(w.as.office, 'PATCH', `/api/awards/meetings/${ids.meeting}`, {
      version: m.version,
      attendance: [
        { person: w.ids.director, present: true }, { person: w.ids.deputy, present: true }, { person: w.ids.chief, present: false, writtenOpinion: false },
        { person: w.ids.van, present: true }, { person: w.ids.secretary, present: true },
      ],
    });
    expect(att.statusCode, att.body).toBe(200);
    expect(att.json().quorum).toMatchObject({ present: 4, members: 5, met: true });
    const tooMany = await req(w.as.office, 'PUT', `/api/awards/meetings/${ids.meeting}/ballots/${ids.nomLan}`, { ballotsCast: 5, votesFor: 5, votesAgainst: 0 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toBe('Số phiếu thu về (5) nhiều hơn số thành viên có mặt và có ý kiến bằng văn bản (4).');
    // Exactly at the threshold (4 × 100 ≥ 80 × 5) passes; one below fails, although 3 of the 4 present is 75%.
    expect((await req(w.as.office, 'PUT', `/api/awards/meetings/${ids.meeting}/ballots/${ids.nomLan}`, { ballotsCast: 4, votesFor: 4, votesAgainst: 0 })).statusCode).toBe(200);
    expect((await req(w.as.office, 'PUT', `/api/awards/meetings/${ids.meeting}/ballots/${ids.nomHung}`, { ballotsCast: 4, votesFor: 3, votesAgainst: 1 })).statusCode).toBe(200);
    // Vân votes on Nga's nomination in Nhịp; she cannot vote twice; the office can no longer type that count.
    const v = await req(w.as.member, 'POST', `/api/awards/meetings/${ids.meeting}/ballots/${ids.nomNga}/vote`, { choice: 'for' });
    expect(v.statusCode, v.body).toBe(200);
    const mine = (v.json() as Meeting).ballots.find((b) => b.nominationId === ids.nomNga)!;
    expect(mine).toMatchObject({ castByMe: true, countsVisible: false, votesFor: 0, mode: 'electronic' });
    const again = await req(w.as.member, 'POST', `/api/awards/meetings/${ids.meeting}/ballots/${ids.nomNga}/vote`, { choice: 'against' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('Bạn đã bỏ phiếu cho đề nghị này; mỗi thành viên chỉ bỏ một phiếu.');
    expect((await req(w.as.office, 'PUT', `/api/awards/meetings/${ids.meeting}/ballots/${ids.nomNga}`, { ballotsCast: 4, votesFor: 4, votesAgainst: 0 })).statusCode).toBe(409);
    expect((await req(w.as.viewer, 'POST', `/api/awards/meetings/${ids.meeting}/ballots/${ids.nomNga}/vote`, { choice: 'for' })).statusCode).toBe(404);
    const ev = await s.db.query<{ after: Record<string, unknown> }>(`SELECT after FROM audit_events WHERE action = 'award_ballot.cast'`);
    expect(ev).toHaveLength(1);
    expect(JSON.stringify(ev[0]!.after)).not.toMatch(/for|against|choice/);
    m = await meeting();
    expect(m.ballots.map((b) => [b.nominationId, b.votesFor, b.passed])).toEqual([[ids.nomLan, 4, true], [ids.nomHung, 3, false], [ids.nomNga, 1, false]]);
  });

  it('closing without a quorum is refused; closed, each nomination passes or fails by its threshold and the unit is told', async () => {
    let m = await meeting();
    const few = await req(w.as.office, 'PATCH', `/api/awards/meetings/${ids.meeting}`, {
      version: m.version, attendance: [{ person: w.ids.director, present: true }, { person: w.ids.van, present: true }, { person: w.ids.deputy, present: false }],
    });
    expect(few.statusCode, few.body).toBe(200);
    m = few.json();
    const noQuorum = await req(w.as.office, 'POST', `/api/awards/meetings/${ids.meeting}/close`, { version: m.version });
    expect(noQuorum.statusCode).toBe(409);
    expect(noQuorum.json().message).toBe('Cuộc họp chưa đủ số thành viên dự: có mặt 2/5, cần từ 2/3 tổng số thành viên (4 người).');
    const back = await req(w.as.office, 'PATCH', `/api/awards/meetings/${ids.meeting}`, {
      version: m.version,
      attendance: [
        { person: w.ids.director, present: true }, { person: w.ids.deputy, present: true }, { person: w.ids.chief, present: false, writtenOpinion: false },
        { person: w.ids.van, present: true }, { person: w.ids.secretary, present: true },
      ],
    });
    m = back.json();
    const closed = await req(w.as.office, 'POST', `/api/awards/meetings/${ids.meeting}/close`, { version: m.version, endedAt: '2026-01-06T10:30' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', minutesNumber: '01/BB-HĐTĐKT' });
    const status = async (id: number) => (await req(w.as.office, 'GET', `/api/awards/nominations/${id}`)).json().status;
    expect([await status(ids.nomLan), await status(ids.nomHung), await status(ids.nomNga)]).toEqual(['approved', 'not_approved', 'not_approved']);
    const notes = await s.db.query<{ title: string; body: string }>(`SELECT title, body FROM notifications WHERE kind LIKE 'award.nomination.%' ORDER BY id`);
    expect(notes).toEqual([
      { title: `Hội đồng thi đua – khen thưởng thông qua đề nghị số ${ids.nomLan}`, body: '4/5 thành viên đồng ý; cần từ 80% tổng số thành viên.' },
      { title: `Hội đồng thi đua – khen thưởng không thông qua đề nghị số ${ids.nomHung}`, body: '3/5 thành viên đồng ý; cần từ 80% tổng số thành viên.' },
      { title: `Hội đồng thi đua – khen thưởng không thông qua đề nghị số ${ids.nomNga}`, body: '1/5 thành viên đồng ý; cần từ 80% tổng số thành viên.' },
    ]);
    // After the meeting every member sees the counts.
    expect((await meeting(w.as.member)).ballots[2]).toMatchObject({ countsVisible: true, votesFor: 1 });
    const actions = (await s.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type IN ('award_meeting','award_ballot') ORDER BY id`)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['award_meeting.create', 'award_meeting.open', 'award_ballot.tally', 'award_ballot.cast', 'award_meeting.close']));
  });

  it('writes the Biên bản as a Decree 30 document: .docx with the council header and every tally, .pdf, .html', async () => {
    const r = await req(w.as.office, 'GET', `/api/awards/meetings/${ids.meeting}/minutes?format=docx`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toContain('officedocument.wordprocessingml');
    const paras = paragraphTexts((await openDocx(r.rawPayload)).document).filter((p) => p.trim());
    const text = paras.join('\n');
    expect(text).toContain('HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG');
    expect(text).toMatch(/Số: 01\/BB-HĐTĐKT/);
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Hà Thị Mai Lan');
    expect(text).toContain('Lục Văn Hùng');
    expect(text).toMatch(/4\/5/);
    expect(text).not.toMatch(/dự thảo/i);
    const html = await req(w.as.member, 'GET', `/api/awards/meetings/${ids.meeting}/minutes`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Chiến sĩ thi đua cơ sở');
    const pdf = await req(w.as.office, 'GET', `/api/awards/meetings/${ids.meeting}/minutes?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await req(w.as.reporter, 'GET', `/api/awards/meetings/${ids.meeting}/minutes`)).statusCode).toBe(404);
  }, 60_000);
});
