import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { type UserKey, type World, count, seedWorld, signInAll } from '../submissions/test-fixtures.js';

let s: TestServer;
let w: World;
let as: Record<UserKey | 'admin', { cookie: string }>;
const ids = { q4: 0, q3: 0, yearly: 0, monthly: 0 };

const get = (who: UserKey | 'admin', url: string) => s.app.inject({ method: 'GET', url, headers: as[who] });
const create = (who: UserKey | 'admin', payload: object) => s.app.inject({ method: 'POST', url: '/api/rounds', headers: as[who], payload });
const vn = (iso: string) => new Date(iso);

beforeAll(async () => {
  s = await testServer({ now: '2026-11-22T02:00:00Z' }); // 09:00 on 22/11/2026 in Vietnam
  w = await seedWorld(s.db);
  as = { ...(await signInAll(s.app)), admin: await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD) };
});
afterAll(() => s.close());

describe('creating rounds', () => {
  it('fills in the Decree 09/2019 cut-off and a 17:00 deadline one working day after it', async () => {
    const d = await get('office', `/api/rounds/defaults?formId=${w.forms.quarterly}&period=2026Q4`);
    expect(d.json()).toEqual({ cutoffStart: '2026-09-15', cutoffEnd: '2026-12-14', deadline: '2026-12-15T10:00:00.000Z' });
    const stat = await get('office', `/api/rounds/defaults?formId=${w.forms.yearly}&period=2026`);
    expect(stat.json()).toEqual({ cutoffStart: '2026-01-01', cutoffEnd: '2026-12-31', deadline: '2027-01-21T10:00:00.000Z' });
    const r = await create('office', { formId: w.forms.quarterly, period: '2026Q4', note: 'Đợt quy\u0301 IV' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      formCode: 'BC-Q', period: '2026Q4', periodLabel: 'Quý IV năm 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31',
      cutoffStart: '2026-09-15', cutoffEnd: '2026-12-14', deadline: '2026-12-15T10:00:00.000Z', status: 'open', note: 'Đợt quý IV',
      counts: { assigned: 3, notStarted: 3, draft: 0, submitted: 0, approved: 0, returned: 0, late: 0, onTime: 0 },
    });
    ids.q4 = r.json().id;
    const ev = await s.db.query(`SELECT action, after FROM audit_events WHERE entity_type = 'round' AND entity_id = $1`, [String(ids.q4)]);
    expect(ev).toEqual([{ action: 'round.create', after: expect.objectContaining({ period: '2026Q4', deadline: '2026-12-15T10:00:00.000Z' }) }]);
  });

  it('accepts explicit dates, a date-only deadline meaning 17:00 Vietnam time', async () => {
    const r = await create('admin', { formId: w.forms.quarterly, period: '2026Q3', cutoffStart: '2026-06-15', cutoffEnd: '2026-09-14', deadline: '2026-09-15' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().deadline).toBe('2026-09-15T10:00:00.000Z');
    ids.q3 = r.json().id;
    ids.yearly = (await create('office', { formId: w.forms.yearly, period: '2026' })).json().id;
    ids.monthly = (await create('office', { formId: w.forms.monthly, period: '202611', deadline: '2026-12-05T09:30' })).json().id;
    expect((await get('office', `/api/rounds/${ids.monthly}`)).json().deadline).toBe('2026-12-05T02:30:00.000Z');
  });

  it('refuses bad input with Vietnamese messages and creates nothing', async () => {
    const before = await count(s.db, 'reporting_rounds');
    const cases: [object, number, RegExp][] = [
      [{ formId: w.forms.quarterly, period: '2026' }, 400, /theo kỳ quý, nhưng 2026 là kỳ năm/],
      [{ formId: w.forms.quarterly, period: 'Q1-2026' }, 400, /Kỳ báo cáo "Q1-2026" không hợp lệ/],
      [{ formId: 999_999, period: '2026Q1' }, 400, /Biểu mẫu báo cáo không tồn tại/],
      [{ formId: w.forms.quarterly, period: '2026Q4' }, 409, /Đã có đợt báo cáo/],
      [{ formId: w.forms.quarterly, period: '2026Q2', cutoffStart: '2026-06-14', cutoffEnd: '2026-03-15' }, 400, /kết thúc chốt số liệu/],
      [{ formId: w.forms.quarterly, period: '2026Q2', cutoffStart: '2026-03-15', deadline: '2026-03-01' }, 400, /Hạn nộp báo cáo phải sau/],
      [{ formId: w.forms.quarterly, period: '2026Q2', deadline: 'ngày mai nhé' }, 400, /Hạn nộp "ngày mai nhé" không hợp lệ/],
      [{ formId: w.forms.quarterly, period: '2026Q2', cutoffStart: '2026-02-30' }, 400, /không hợp lệ/],
      [{ formId: 'một', period: '2026Q2' }, 400, /không hợp lệ/],
    ];
    for (const [payload, code, message] of cases) {
      const r = await create('office', payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(code);
      expect(r.json().message).toMatch(message);
    }
    await s.db.query('UPDATE report_forms SET active = false WHERE id = $1', [w.forms.monthly]);
    const inactive = await create('office', { formId: w.forms.monthly, period: '202612' });
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().message).toMatch(/ngừng sử dụng/);
    await s.db.query('UPDATE report_forms SET active = true WHERE id = $1', [w.forms.monthly]);
    expect(await count(s.db, 'reporting_rounds')).toBe(before);
  });

  it('is for the office and admins only', async () => {
    for (const who of ['rep1', 'head1', 'revTelecom', 'director', 'viewer'] as const) {
      expect((await create(who, { formId: w.forms.quarterly, period: '2027Q1' })).statusCode, who).toBe(403);
      expect((await get(who, `/api/rounds/defaults?formId=${w.forms.quarterly}&period=2027Q1`)).statusCode, who).toBe(403);
    }
  });
});

describe('editing rounds', () => {
  it('moves the deadline and closes the round, audited with before and after', async () => {
    const r = await s.app.inject({ method: 'PATCH', url: `/api/rounds/${ids.monthly}`, headers: as.office, payload: { deadline: '2026-12-07', status: 'closed' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ deadline: '2026-12-07T10:00:00.000Z', status: 'closed' });
    const ev = await s.db.one(`SELECT before, after FROM audit_events WHERE action = 'round.update' AND entity_id = $1`, [String(ids.monthly)]);
    expect(ev).toEqual({
      before: { deadline: '2026-12-05T02:30:00.000Z', status: 'open' },
      after: { deadline: '2026-12-07T10:00:00.000Z', status: 'closed' },
    });
  });

  it('refuses inconsistent dates, unknown rounds and other roles', async () => {
    const bad = await s.app.inject({ method: 'PATCH', url: `/api/rounds/${ids.q4}`, headers: as.office, payload: { cutoffEnd: '2026-01-01' } });
    expect(bad.statusCode).toBe(400);
    expect((await get('office', `/api/rounds/${ids.q4}`)).json().cutoffEnd).toBe('2026-12-14');
    expect((await s.app.inject({ method: 'PATCH', url: '/api/rounds/999999', headers: as.office, payload: { status: 'closed' } })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'PATCH', url: `/api/rounds/${ids.q4}`, headers: as.rep1, payload: { status: 'closed' } })).statusCode).toBe(403);
  });
});

describe('listing rounds', () => {
  const periods = async (who: UserKey | 'admin', query = '') =>
    (await get(who, `/api/rounds${query}`)).json().map((r: { period: string }) => r.period).sort();

  it('scopes the list: units see their forms, reviewers their division, others everything', async () => {
    expect(await periods('office')).toEqual(['2026', '202611', '2026Q3', '2026Q4']);
    expect(await periods('director')).toEqual(['2026', '202611', '2026Q3', '2026Q4']);
    expect(await periods('rep1')).toEqual(['2026', '2026Q3', '2026Q4']);
    expect(await periods('head2')).toEqual(['202611', '2026Q3', '2026Q4']);
    expect(await periods('revTelecom')).toEqual(['202611', '2026Q3', '2026Q4']);
    expect(await periods('revIt')).toEqual(['2026']);
    expect((await get('rep1', `/api/rounds/${ids.monthly}`)).statusCode).toBe(404);
  });

  it('filters by status, form and year', async () => {
    expect(await periods('office', '?status=closed')).toEqual(['202611']);
    expect(await periods('office', `?formId=${w.forms.quarterly}`)).toEqual(['2026Q3', '2026Q4']);
    expect(await periods('office', '?year=2025')).toEqual([]);
    expect((await get('office', '/api/rounds?status=dong')).statusCode).toBe(400);
  });
});

describe('board and completeness', () => {
  beforeAll(async () => {
    const sub = (round: number, unit: number, status: string, submittedAt: string | null) =>
      s.db.query('INSERT INTO submissions (round_id, org_unit_id, status, submitted_at) VALUES ($1,$2,$3,$4)', [round, unit, status, submittedAt ? vn(submittedAt) : null]);
    await sub(ids.q3, w.units.u1, 'approved', '2026-09-20T10:00:00+07:00'); // 4 days 17 hours late → 5 days
    await sub(ids.q3, w.units.u2, 'submitted', '2026-09-10T08:00:00+07:00');
    await sub(ids.q4, w.units.u1, 'submitted', '2026-11-20T08:00:00+07:00');
    await sub(ids.q4, w.units.u2, 'draft', null);
  });

  const names = (rows: { orgUnit: { name: string } }[]) => rows.map((r) => r.orgUnit.name);
  const board = async (query = '', who: UserKey = 'office') => (await get(who, `/api/rounds/${ids.q3}/board${query}`)).json();

  it('lists every assigned unit valid in the period, in Vietnamese order, with status and lateness', async () => {
    const b = await board();
    expect(b.round).toMatchObject({ id: ids.q3, counts: { assigned: 3, notStarted: 1, submitted: 1, approved: 1, late: 2, onTime: 1 } });
    expect(names(b.rows)).toEqual(['Phòng Văn hóa và Thông tin huyện Ân Thi', 'Phòng Văn hóa và Thông tin huyện Đông Hưng', 'Viettel chi nhánh tỉnh']);
    expect(b.rows.map((r: { status: string; late: boolean }) => [r.status, r.late])).toEqual([['submitted', false], ['approved', true], ['not_started', true]]);
    expect(b.rows[2]).toMatchObject({ submissionId: null, submittedAt: null, orgUnit: { code: 'VTL', type: 'enterprise', sectorName: 'Viễn thông' } });
  });

  it('filters by status, sector, unit type, lateness and a diacritic-insensitive search', async () => {
    expect(names((await board('?status=not_started')).rows)).toEqual(['Viettel chi nhánh tỉnh']);
    expect((await board(`?sectorId=${w.sectors.telecom}`)).rows.map((r: { orgUnit: { code: string } }) => r.orgUnit.code)).toEqual(['DH', 'VTL']);
    expect(names((await board('?unitType=enterprise')).rows)).toEqual(['Viettel chi nhánh tỉnh']);
    expect((await board('?late=true')).rows.length).toBe(2);
    expect(names((await board('?q=dong%20hung')).rows)).toEqual(['Phòng Văn hóa và Thông tin huyện Đông Hưng']);
    expect(names((await board(`?q=${encodeURIComponent('ÂN THI')}`)).rows)).toEqual(['Phòng Văn hóa và Thông tin huyện Ân Thi']);
    expect((await get('office', `/api/rounds/${ids.q3}/board?unitType=ufo`)).statusCode).toBe(400);
  });

  it('is for the department: units get 403, another division 404', async () => {
    expect((await get('rep1', `/api/rounds/${ids.q3}/board`)).statusCode).toBe(403);
    expect((await get('revIt', `/api/rounds/${ids.q3}/board`)).statusCode).toBe(404);
    expect((await get('revTelecom', `/api/rounds/${ids.q3}/board`)).statusCode).toBe(200);
    expect((await get('office', '/api/rounds/999999/board')).statusCode).toBe(404);
    expect((await get('rep1', `/api/rounds/${ids.q3}/completeness`)).statusCode).toBe(403);
  });

  it('computes completeness and timeliness in total, by unit type, by sector, with the late units', async () => {
    const c = (await get('director', `/api/rounds/${ids.q3}/completeness`)).json();
    expect(c.total).toEqual({ assigned: 3, submitted: 2, onTime: 1, late: 2, completeness: 2 / 3, timeliness: 1 / 3 });
    expect(c.byUnitType).toEqual([
      { key: 'district_office', label: 'Phòng Văn hóa và Thông tin', assigned: 2, submitted: 2, onTime: 1, late: 1, completeness: 1, timeliness: 0.5 },
      { key: 'enterprise', label: 'Doanh nghiệp BC-VT', assigned: 1, submitted: 0, onTime: 0, late: 1, completeness: 0, timeliness: 0 },
    ]);
    expect(c.bySector.map((g: { label: string; assigned: number }) => [g.label, g.assigned])).toEqual([['Công nghệ thông tin', 1], ['Viễn thông', 2]]);
    expect(c.lateUnits.map((l: { orgUnit: { code: string }; daysLate: number; submittedAt: string | null }) => [l.orgUnit.code, l.daysLate, l.submittedAt])).toEqual([
      ['VTL', 68, null],
      ['DH', 5, '2026-09-20T03:00:00.000Z'],
    ]);
  });

  it('exports completeness to Excel with Vietnamese sheets, bold headings, widths, percent and date formats', async () => {
    const r = await get('office', `/api/rounds/${ids.q3}/completeness.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('Tỷ lệ nộp báo cáo - BC-Q - 2026Q3.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Tổng hợp', 'Theo loại đơn vị', 'Theo lĩnh vực', 'Đơn vị nộp muộn']);
    for (const ws of wb.worksheets) {
      expect(ws.getRow(1).getCell(1).font?.bold, ws.name).toBe(true);
      expect(ws.getColumn(1).width, ws.name).toBeGreaterThan(5);
    }
    const sum = wb.getWorksheet('Tổng hợp')!;
    const find = (label: string) => sum.getColumn(1).values.indexOf(label);
    const rate = sum.getRow(find('Tỷ lệ nộp báo cáo')).getCell(2);
    expect(rate.value).toBeCloseTo(2 / 3);
    expect(rate.numFmt).toBe('0.0%');
    const deadline = sum.getRow(find('Hạn nộp')).getCell(2);
    expect(deadline.numFmt).toBe('dd/mm/yyyy');
    expect((deadline.value as Date).toISOString().slice(0, 10)).toBe('2026-09-15');
    const byType = wb.getWorksheet('Theo loại đơn vị')!;
    expect(byType.getRow(1).values).toEqual([undefined, 'Loại đơn vị', 'Số đơn vị phải nộp', 'Đã nộp', 'Nộp đúng hạn', 'Nộp muộn / quá hạn', 'Tỷ lệ nộp báo cáo', 'Tỷ lệ nộp đúng hạn']);
    expect(byType.getRow(2).getCell(7).numFmt).toBe('0.0%');
    const late = wb.getWorksheet('Đơn vị nộp muộn')!;
    expect(late.getRow(2).values).toEqual([undefined, 1, 'VTL', 'Viettel chi nhánh tỉnh', 'Doanh nghiệp BC-VT', 'Chưa nộp', 'Chưa nộp', 68]);
    expect(late.getRow(3).getCell(6).numFmt).toBe('dd/mm/yyyy');
  });

  it('gives the totals of every round of a year the actor may see', async () => {
    const all = (await get('office', '/api/completeness?year=2026')).json();
    expect(all.year).toBe(2026);
    expect(all.items.map((i: { round: { period: string } }) => i.round.period).sort()).toEqual(['2026', '202611', '2026Q3', '2026Q4']);
    const q3 = all.items.find((i: { round: { id: number } }) => i.round.id === ids.q3);
    expect(q3.total).toMatchObject({ assigned: 3, submitted: 2, onTime: 1 });
    const it = (await get('revIt', `/api/completeness?year=2026&formId=${w.forms.yearly}`)).json();
    expect(it.items.map((i: { round: { period: string } }) => i.round.period)).toEqual(['2026']);
    expect((await get('office', '/api/completeness')).json().year).toBe(2026);
    expect((await get('rep1', '/api/completeness?year=2026')).statusCode).toBe(403);
  });
});

describe('my rounds', () => {
  it('lists the open rounds of my unit, soonest deadline first, with my submission and counts of my unit only', async () => {
    const r = (await get('rep1', '/api/my/rounds')).json();
    expect(r.map((x: { period: string }) => x.period)).toEqual(['2026Q3', '2026Q4', '2026']);
    expect(r[0]).toMatchObject({ submission: { status: 'approved', late: true }, late: true, counts: { assigned: 1 } });
    expect(r[1]).toMatchObject({ submission: { status: 'submitted', late: false }, late: false });
    expect(r[2]).toMatchObject({ submission: null, late: false });
    expect((await get('office', '/api/my/rounds')).json()).toEqual([]);
  });
});
