import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/server.js';
import { countRows } from '../org/test-fixtures.js';
import { openDocx, paragraphTexts } from '../documents/docx-reader.test-util.js';
import { award, initiative, rate } from './test-fixtures.js';
import { buildWorld, makeCouncil, nominate, passByCouncil, request, type World } from './world.test-util.js';

let s: TestServer;
let w: World;
let req: ReturnType<typeof request>;
const ids: Record<string, number> = {};

type Line = { nominationId: number; name: string; awardCode: string; multiple: number | null; amount: number | null; recordId: number | null; certificate: boolean };
type Decision = {
  id: number; status: string; number: string | null; date: string | null; version: number; subject: string; meetingId: number | null; conference: { id: number } | null;
  bases: { code: string; line: string }[]; lines: Line[]; totals: { people: number; units: number; amount: number }; baseSalary: { amount: number } | null;
  problems: string[]; abilities: Record<string, boolean>;
};
const claim = { thanh_tich_phong_trao: 'Dẫn đầu phong trào chuyển đổi số của Sở năm 2025.' };

beforeAll(async () => {
  s = await testServer({ now: '2026-01-15T02:00:00Z' });
  req = request(s);
  w = await buildWorld(s);
  // Lan, rated 'hoàn thành tốt' for 2025, is CSTĐ cơ sở by her initiative of 2025; she has the title for 2023 and 2024, so after
  // this decision her chain reaches 2025.
  await s.db.query(`UPDATE award_ratings SET rating = 'tot' WHERE person_id = $1 AND year = 2025`, [w.ids.lan]);
  ids.init = await initiative(s.db, { personId: w.ids.lan, title: 'Số hóa hồ sơ cấp phép tần số', year: 2025, scope: 'co_so' });
  await award(s.db, { personId: w.ids.lan, code: 'CSTD_CS', year: 2023 });
  await award(s.db, { personId: w.ids.lan, code: 'CSTD_CS', year: 2024 });
  await rate(s.db, { unitId: w.ids.div2, year: 2025, rating: 'xuat_sac' });
  ids.nomLan = await nominate(s, w, w.as.reporter, { person: w.ids.lan, title: 'CSTD_CS', year: 2025 });
  expect(await s.db.one(`SELECT used_by_nomination_id FROM award_initiatives WHERE id = $1`, [ids.init])).toEqual({ used_by_nomination_id: ids.nomLan });
  ids.council = await makeCouncil(s, w);
  ids.meeting = await passByCouncil(s, w, ids.council, [ids.nomLan]);
  ids.nomGk = await nominate(s, w, w.as.office, { person: w.ids.nga, title: 'GK_SO', year: 2025, claims: claim }, ['accept', 'approve']);
  ids.nomGkUnit = await nominate(s, w, w.as.office, { unit: 'VL-CDS', title: 'GK_SO', year: 2025, claims: claim }, ['accept', 'approve']);
  // A commune's Lao động tiên tiến is the commune chair's to award from 01/07/2025.
  ids.nomMinh = await nominate(s, w, w.as.otherReporter, { person: w.ids.minh, title: 'LDTT', year: 2025 }, ['accept', 'approve']);
  ids.conference = (await s.db.one<{ id: number }>(
    `INSERT INTO conferences (period, kind, title, status, starts_at) VALUES ('2025', 'annual', 'Hội nghị tổng kết năm 2025', 'invited', '2026-01-20T01:00:00Z') RETURNING id`,
  )).id;
});
afterAll(() => s.close());

describe('decisions', () => {
  it('refuses a draft citing a basis out of force on its date, an award outside the director’s authority, and non-office roles', async () => {
    const before = await countRows(s.db, 'award_decisions');
    const old = await req(w.as.office, 'POST', '/api/awards/decisions', { year: 2025, nominations: [ids.nomGk], date: '2026-01-12', bases: ['LUAT_TDKT_2022', 'ND_98_2023'] });
    expect(old.statusCode).toBe(400);
    expect(old.json().message).toBe('Nghị định 98/2023/NĐ-CP đã hết hiệu lực từ ngày 01/07/2025; quyết định ngày 12/01/2026 không thể lấy làm căn cứ.');
    const commune = await req(w.as.office, 'POST', '/api/awards/decisions', { year: 2025, nominations: [ids.nomMinh], date: '2026-01-12' });
    expect(commune.statusCode).toBe(400);
    expect(commune.json().message).toMatch(/^Nông Văn Minh \(đề nghị số \d+\): "Lao động tiên tiến" do Chủ tịch Ủy ban nhân dân cấp xã tặng \(Điều 59 Nghị định 129\/2025\/NĐ-CP\), không thuộc thẩm quyền Giám đốc Sở/);
    const notApproved = await nominate(s, w, w.as.reporter, { person: w.ids.hung, title: 'GK_SO', year: 2025, claims: claim });
    const accepted = await req(w.as.office, 'POST', '/api/awards/decisions', { year: 2025, nominations: [notApproved] });
    expect(accepted.statusCode).toBe(409);
    expect(accepted.json().message).toBe(`Đề nghị số ${notApproved} đang ở trạng thái "Đã tiếp nhận, chờ xét"; chỉ đề nghị đã được thông qua mới đưa vào quyết định.`);
    for (const h of [w.as.director, w.as.reporter, w.as.viewer])
      expect((await req(h, 'POST', '/api/awards/decisions', { year: 2025, nominations: [ids.nomGk] })).statusCode).toBe(403);
    expect(await countRows(s.db, 'award_decisions')).toBe(before);
  });

  it('drafts from approved nominations: bases in force, the council meeting and the annual conference found, rewards rounded up to 10.000 đ', async () => {
    const r = await req(w.as.office, 'POST', '/api/awards/decisions', {
      year: 2025, nominations: [ids.nomLan, ids.nomGk, ids.nomGkUnit], date: '2026-01-12', reason: 'có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025',
    });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json() as Decision;
    ids.decision = d.id;
    expect(d).toMatchObject({ status: 'draft', number: null, date: '2026-01-12', meetingId: ids.meeting, conference: { id: ids.conference }, problems: [] });
    expect(d.bases.map((b) => b.code)).toEqual(['LUAT_TDKT_2022', 'ND_152_2025']);
    expect(d.baseSalary).toMatchObject({ amount: 2_340_000 });
    // multiple × 2.340.000 đ, rounded up: 1,0 → 2.340.000; 0,3 → 702.000 → 710.000; 0,6 → 1.404.000 → 1.410.000.
    expect(d.lines.map((l) => [l.awardCode, l.name, l.multiple, l.amount, l.certificate])).toEqual([
      ['CSTD_CS', 'Hà Thị Mai Lan', 1, 2_340_000, false],
      ['GK_SO', 'Đàm Thị Nga', 0.3, 710_000, true],
      ['GK_SO', 'Phòng Chuyển đổi số', 0.6, 1_410_000, true],
    ]);
    expect(d.totals).toEqual({ people: 2, units: 1, amount: 4_460_000 });
    expect(d.abilities).toMatchObject({ edit: true, issue: false, cancel: true });
    expect((await req(w.as.viewer, 'GET', `/api/awards/decisions/${d.id}`)).statusCode).toBe(404);
    expect((await req(w.as.director, 'GET', `/api/awards/decisions/${d.id}`)).json().abilities).toMatchObject({ issue: true, edit: false });
    const twice = await req(w.as.office, 'POST', '/api/awards/decisions', { year: 2025, nominations: [ids.nomGk] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe(`Đề nghị số ${ids.nomGk} đã có trong quyết định dự thảo số ${d.id}.`);
  });

  it('only the director signs; signing numbers it, writes the register, marks the initiative used and tells the units', async () => {
    const d = (await req(w.as.office, 'GET', `/api/awards/decisions/${ids.decision}`)).json() as Decision;
    const office = await req(w.as.office, 'POST', `/api/awards/decisions/${ids.decision}/issue`, { version: d.version });
    expect(office.statusCode).toBe(403);
    expect(office.json().message).toBe('Giám đốc Sở ký ban hành quyết định khen thưởng.');
    expect((await req(w.as.reporter, 'POST', `/api/awards/decisions/${ids.decision}/issue`, { version: d.version })).statusCode).toBe(404);
    const future = await req(w.as.director, 'POST', `/api/awards/decisions/${ids.decision}/issue`, { version: d.version, date: '2026-02-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toBe('Ngày ký quyết định không được sau hôm nay.');
    const before = await countRows(s.db, 'award_records');
    const r = await req(w.as.director, 'POST', `/api/awards/decisions/${ids.decision}/issue`, { version: d.version });
    expect(r.statusCode, r.body).toBe(200);
    const issued = r.json() as Decision;
    // Signed today: the draft's date was only planned.
    expect(issued).toMatchObject({ status: 'issued', number: '01/QĐ-SKHCN', date: '2026-01-15' });
    expect(issued.lines.every((l) => l.recordId !== null)).toBe(true);
    expect(await countRows(s.db, 'award_records')).toBe(before + 3);
    const rec = await s.db.one<{ decision_number: string; decision_date: string; authority: string; source: string }>(
      `SELECT decision_number, decision_date, authority, source FROM award_records WHERE person_id = $1 AND year = 2025`, [w.ids.lan]);
    expect(rec).toEqual({ decision_number: '01/QĐ-SKHCN', decision_date: '2026-01-15', authority: 'Giám đốc Sở Khoa học và Công nghệ', source: 'decision' });
    const init = await s.db.one<{ used_by_record_id: number | null; used_by_nomination_id: number | null }>(
      `SELECT used_by_record_id, used_by_nomination_id FROM award_initiatives WHERE id = $1`, [ids.init]);
    expect(init).toEqual({ used_by_record_id: issued.lines[0]!.recordId, used_by_nomination_id: null });
    expect((await req(w.as.office, 'GET', `/api/awards/nominations/${ids.nomLan}`)).json().status).toBe('decided');
    const notes = await s.db.query<{ title: string }>(`SELECT title FROM notifications WHERE kind = 'award.decision'`);
    expect(notes.length).toBeGreaterThanOrEqual(2);
    expect(notes[0]!.title).toBe('Quyết định khen thưởng số 01/QĐ-SKHCN');
    const again = await req(w.as.director, 'POST', `/api/awards/decisions/${ids.decision}/issue`, { version: issued.version });
    expect(again.statusCode).toBe(409);
    // Next year's eligibility sees the decision: three CSTĐ cơ sở in a row, 2023–2025.
    const e = (await req(w.as.office, 'GET', `/api/awards/eligibility?person=${w.ids.lan}&title=CSTD_TINH&year=2025`)).json();
    const chain = e.checks.find((c: { code: string }) => c.code === 'chuoi_cstd_cs');
    expect(chain.passed).toBe(true);
    expect(chain.evidence).toContain('01/QĐ-SKHCN');
    // Issued decisions are public; the audit trail has the signature.
    expect((await req(w.as.viewer, 'GET', `/api/awards/decisions/${ids.decision}`)).statusCode).toBe(200);
    const ev = await s.db.one<{ after: { number: string; total: number } }>(`SELECT after FROM audit_events WHERE action = 'award_decision.issue'`);
    expect(ev.after).toMatchObject({ number: '01/QĐ-SKHCN', total: 4_460_000 });
  });

  it('writes the Quyết định as a Decree 30 document: Căn cứ, Theo đề nghị, QUYẾT ĐỊNH:, Điều 1–3 and the appendix', async () => {
    const r = await req(w.as.viewer, 'GET', `/api/awards/decisions/${ids.decision}/document?format=docx`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const paras = paragraphTexts((await openDocx(r.rawPayload)).document).map((p) => p.trim()).filter(Boolean);
    const text = paras.join('\n');
    expect(text).toContain('Số: 01/QĐ-SKHCN');
    expect(paras.filter((p) => p.startsWith('Căn cứ '))).toEqual(expect.arrayContaining([expect.stringContaining('Luật Thi đua, khen thưởng'), expect.stringContaining('152/2025/NĐ-CP')]));
    expect(text).not.toContain('98/2023/NĐ-CP');
    expect(paras.some((p) => p.startsWith('Theo đề nghị của Chánh Văn phòng Sở'))).toBe(true);
    expect(paras).toContain('QUYẾT ĐỊNH:');
    for (const n of [1, 2, 3]) expect(paras.some((p) => p.startsWith(`Điều ${n}.`))).toBe(true);
    expect(text).toMatch(/Kèm theo Quyết định số 01\/QĐ-SKHCN/);
    expect(paras.filter((p) => /^[IVX]+\. /.test(p))).toEqual([
      'I. DANH HIỆU "CHIẾN SĨ THI ĐUA CƠ SỞ" (01 cá nhân)', 'II. GIẤY KHEN CỦA GIÁM ĐỐC SỞ – TẬP THỂ (01 tập thể)', 'III. GIẤY KHEN CỦA GIÁM ĐỐC SỞ – CÁ NHÂN (01 cá nhân)',
    ]);
    expect(text).toContain('Hà Thị Mai Lan');
    expect(text).toContain('Phòng Chuyển đổi số');
    expect(text).toMatch(/1\.410\.000/);
    expect(text).toContain('Hoàng Văn Thái');
    const pdf = await req(w.as.office, 'GET', `/api/awards/decisions/${ids.decision}/document?format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('prints the Giấy khen of the batch as one PDF, a landscape page per person or collective', async () => {
    const r = await req(w.as.office, 'GET', `/api/awards/decisions/${ids.decision}/certificates`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const pdf = r.rawPayload.toString('latin1');
    const pages = [...pdf.matchAll(/\/Type\s*\/Page(?!s)/g)].length;
    expect(pages).toBe(2);
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf)!;
    expect(Number(box[1])).toBeGreaterThan(Number(box[2]));
    const docx = await req(w.as.office, 'GET', `/api/awards/decisions/${ids.decision}/certificates?format=docx`);
    const text = paragraphTexts((await openDocx(docx.rawPayload)).document).join('\n');
    expect(text).toContain('Đàm Thị Nga');
    expect(text).toContain('Phòng Chuyển đổi số');
    expect(text).toMatch(/01\/QĐ-SKHCN/);
  }, 120_000);

  it('lists the decisions handed out at a conference and counts them by form', async () => {
    const list = await req(w.as.viewer, 'GET', `/api/awards/decisions?conference=${ids.conference}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((d: { id: number; people: number; units: number; amount: number }) => [d.id, d.people, d.units, d.amount]))
      .toEqual([[ids.decision, 2, 1, 4_460_000]]);
    const c = (await req(w.as.viewer, 'GET', `/api/awards/conferences/${ids.conference}`)).json();
    expect(c.totals).toEqual({ decisions: 1, people: 2, units: 1 });
    expect(c.lines).toEqual([
      'Trao danh hiệu "Chiến sĩ thi đua cơ sở" cho 01 cá nhân (Quyết định số 01/QĐ-SKHCN).',
      'Trao Giấy khen của Giám đốc Sở cho 01 tập thể và 01 cá nhân (Quyết định số 01/QĐ-SKHCN).',
    ]);
    expect((await req(w.as.viewer, 'GET', '/api/awards/conferences/999999')).statusCode).toBe(404);
    // The conference record lists them under its "khen thưởng" item.
    await s.db.query(
      `INSERT INTO conference_agenda_items (conference_id, position, kind, title, duration_minutes, notes) VALUES ($1, 1, 'awards', 'Trao khen thưởng', 20, 'Lãnh đạo Sở trao khen thưởng.')`,
      [ids.conference],
    );
    const m = await req(w.as.office, 'GET', `/api/conferences/${ids.conference}/minutes`);
    expect(m.statusCode, m.body).toBe(200);
    const item = m.json().content.items.find((i: { title: string }) => i.title === 'Trao khen thưởng');
    expect(item.text).toBe([
      'Lãnh đạo Sở trao khen thưởng.',
      '- Trao danh hiệu "Chiến sĩ thi đua cơ sở" cho 01 cá nhân (Quyết định số 01/QĐ-SKHCN).',
      '- Trao Giấy khen của Giám đốc Sở cho 01 tập thể và 01 cá nhân (Quyết định số 01/QĐ-SKHCN).',
    ].join('\n'));
  });

  it('a cancelled draft frees its nominations for another decision', async () => {
    const hung = await nominate(s, w, w.as.reporter, { person: w.ids.hung, title: 'LDTT', year: 2025 }, ['accept', 'approve']);
    const d = (await req(w.as.office, 'POST', '/api/awards/decisions', { year: 2025, nominations: [hung] })).json() as Decision;
    const c = await req(w.as.office, 'POST', `/api/awards/decisions/${d.id}/cancel`, { version: d.version });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().status).toBe('cancelled');
    const again = await req(w.as.office, 'POST', '/api/awards/decisions', { year: 2025, nominations: [hung] });
    expect(again.statusCode, again.body).toBe(201);
  });
});
