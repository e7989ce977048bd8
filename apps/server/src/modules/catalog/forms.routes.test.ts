import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer, testServer } from '../../test/server.js';
import { unitsAssignedToForm } from '../org/org.service.js';
import { countRows, makeUnit, makeUser } from '../org/test-fixtures.js';
import { getFormWithStructure, rulesForForm } from './catalog.service.js';

let s: TestServer;
let admin: { cookie: string };
let office: { cookie: string };
let reporter: { cookie: string };
const u: Record<string, number> = {};
const de: Record<string, number> = {};
let formId: number;

beforeAll(async () => {
  s = await testServer();
  admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  u.dept = await makeUnit(s.db, { code: 'SO', name: 'Sở KH&CN', type: 'department' });
  u.division = await makeUnit(s.db, { code: 'P_CDS', name: 'Phòng Chuyển đổi số', type: 'division', parentId: u.dept });
  u.a = await makeUnit(s.db, { code: 'PVHTT_A', name: 'Phòng VH-TT A', type: 'district_office', parentId: u.dept, validTo: '2025-06-30' });
  u.b = await makeUnit(s.db, { code: 'XA_B', name: 'Xã B', type: 'commune', parentId: u.dept, validFrom: '2025-07-01' });
  u.c = await makeUnit(s.db, { code: 'XA_C', name: 'Xã C', type: 'commune', parentId: u.dept });
  for (const [code, valueType] of [['TTHC', 'INTEGER'], ['TTHC_TT', 'INTEGER'], ['TL_KYSO', 'PERCENTAGE'], ['GHI_CHU', 'TEXT'], ['KHAC', 'NUMBER']] as const) {
    de[code] = (await s.db.one<{ id: number }>(
      `INSERT INTO data_elements (code, name, value_type, min_value, max_value) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [code, `Chỉ tiêu ${code}`, valueType, valueType === 'PERCENTAGE' ? 0 : null, valueType === 'PERCENTAGE' ? 100 : null])).id;
  }
  office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office' });
  reporter = await makeUser(s.app, admin, { username: 'baocao', role: 'reporter', orgUnitId: u.c });
});
afterAll(() => s.close());

const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: { cookie: string }, payload?: unknown) =>
  s.app.inject({ method, url, headers, payload: payload as object });

describe('report forms', () => {
  it('creates a form reviewed by a division', async () => {
    const r = await send('POST', '/api/forms', office, { code: 'BC_CDS_Q', name: 'Báo cáo chuyển đổi số quý', periodType: 'Quarterly', divisionId: u.division });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      code: 'BC_CDS_Q', periodType: 'Quarterly', kind: 'administrative', divisionId: u.division, divisionName: 'Phòng Chuyển đổi số',
      narrative: true, active: true, elementCount: 0, unitCount: 0, sections: [], unitIds: [],
    });
    formId = r.json().id;
  });

  it.each([
    [{ code: 'F1', name: 'A', periodType: 'Weekly' }, /periodType: loại kỳ phải là một trong Monthly/],
    [{ code: 'F2', name: 'A', periodType: 'Yearly', kind: 'secret' }, /kind: loại báo cáo phải là administrative/],
    [{ code: 'F3', name: 'A', periodType: 'Yearly', divisionId: 0 }, /divisionId/],
    [{ code: 'F4', name: 'A', periodType: 'Yearly', divisionId: 9999 }, 'Phòng chuyên môn (đơn vị id 9999) không tồn tại.'],
    [{ code: 'F5', name: 'A', periodType: 'Yearly', divisionId: -1 }, /divisionId/],
  ])('refuses a bad form %#', async (body, message) => {
    const r = await send('POST', '/api/forms', office, body);
    expect(r.statusCode).toBe(400);
    if (typeof message === 'string') expect(r.json().message).toBe(message);
    else expect(r.json().message).toMatch(message);
  });

  it('refuses a division that is not a division, and a duplicate code', async () => {
    const r = await send('POST', '/api/forms', office, { code: 'F6', name: 'A', periodType: 'Yearly', divisionId: u.c });
    expect(r.json().message).toBe('"Xã C" không phải là phòng chuyên môn (loại đơn vị "division").');
    const dup = await send('POST', '/api/forms', office, { code: 'BC_CDS_Q', name: 'Trùng', periodType: 'Yearly' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('Mã biểu mẫu "BC_CDS_Q" đã được dùng cho "Báo cáo chuyển đổi số quý".');
  });

  it('replaces the structure in order and reads it back', async () => {
    const r = await send('PUT', `/api/forms/${formId}/structure`, office, {
      sections: [
        { title: 'I. Thủ tục hành chính', elements: [{ dataElementId: de.TTHC, required: true }, { dataElementId: de.TTHC_TT }] },
        { title: 'II. Chữ ký số', titleEn: 'Digital signatures', elements: [{ dataElementId: de.TL_KYSO }] },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.elementCount).toBe(3);
    expect(body.sections.map((x: { title: string; sort: number }) => `${x.sort}:${x.title}`)).toEqual(['1:I. Thủ tục hành chính', '2:II. Chữ ký số']);
    expect(body.sections[0].elements.map((e: { code: string; required: boolean }) => `${e.code}:${e.required}`)).toEqual(['TTHC:true', 'TTHC_TT:false']);
    expect(body.sections[1]).toMatchObject({ titleEn: 'Digital signatures', elements: [{ code: 'TL_KYSO', valueType: 'PERCENTAGE', min: 0, max: 100, required: false }] });
    const ev = await s.db.one<{ after: { title: string; elements: { code: string }[] }[] }>(`SELECT after FROM audit_events WHERE action = 'report_form.structure'`);
    expect(ev.after[0].elements.map((e) => e.code)).toEqual(['TTHC', 'TTHC_TT']);
  });

  it('refuses an element twice in a form, or an unknown element, and keeps the old structure', async () => {
    const before = await s.db.query(`SELECT * FROM form_elements ORDER BY sort`);
    const twice = await send('PUT', `/api/forms/${formId}/structure`, office, {
      sections: [{ title: 'A', elements: [{ dataElementId: de.TTHC }] }, { title: 'B', elements: [{ dataElementId: de.TTHC }] }],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().message).toBe('Mỗi chỉ tiêu chỉ được có một lần trong biểu mẫu; bị lặp: TTHC.');
    const unknown = await send('PUT', `/api/forms/${formId}/structure`, office, { sections: [{ title: 'A', elements: [{ dataElementId: 98765 }] }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('Chỉ tiêu không tồn tại: id 98765.');
    const untitled = await send('PUT', `/api/forms/${formId}/structure`, office, { sections: [{ title: '  ', elements: [] }] });
    expect(untitled.json().message).toBe('Tiêu đề phần 1 không được để trống.');
    expect(await s.db.query(`SELECT * FROM form_elements ORDER BY sort`)).toEqual(before);
  });

  it('replaces assigned units, accepting only existing ones', async () => {
    const bad = await send('PUT', `/api/forms/${formId}/units`, office, { orgUnitIds: [u.a, 55555] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('Đơn vị không tồn tại: id 55555.');
    expect(await countRows(s.db, 'form_units')).toBe(0);
    const r = await send('PUT', `/api/forms/${formId}/units`, office, { orgUnitIds: [u.c, u.a, u.b, u.a] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().unitIds).toEqual([u.a, u.b, u.c].sort((x, y) => x - y));
    expect(r.json().unitCount).toBe(3);
  });

  it('lists forms with counts; reporters read but may not write', async () => {
    const list = await s.app.inject({ url: '/api/forms', headers: reporter });
    expect(list.json()).toEqual([expect.objectContaining({ code: 'BC_CDS_Q', elementCount: 3, unitCount: 3, divisionName: 'Phòng Chuyển đổi số' })]);
    expect((await s.app.inject({ url: `/api/forms/${formId}`, headers: reporter })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/api/forms/4040', headers: reporter })).statusCode).toBe(404);
    expect((await send('POST', '/api/forms', reporter, { code: 'R', name: 'R', periodType: 'Yearly' })).statusCode).toBe(403);
    expect((await send('PATCH', `/api/forms/${formId}`, reporter, { name: 'R' })).statusCode).toBe(403);
    expect((await send('PUT', `/api/forms/${formId}/structure`, reporter, { sections: [] })).statusCode).toBe(403);
    expect((await send('PUT', `/api/forms/${formId}/units`, reporter, { orgUnitIds: [] })).statusCode).toBe(403);
  });

  it('refuses to change the period type once the form has rounds', async () => {
    await s.db.query(
      `INSERT INTO reporting_rounds (form_id, period, period_start, period_end, cutoff_start, cutoff_end, deadline)
       VALUES ($1, '2025Q3', '2025-07-01', '2025-09-30', '2025-06-15', '2025-09-14', '2025-09-20T17:00:00Z')`, [formId]);
    const r = await send('PATCH', `/api/forms/${formId}`, office, { periodType: 'Monthly' });
    expect(r.statusCode).toBe(409);
    const ok = await send('PATCH', `/api/forms/${formId}`, office, { name: 'Báo cáo CĐS quý', kind: 'statistical' });
    expect(ok.json()).toMatchObject({ name: 'Báo cáo CĐS quý', kind: 'statistical', periodType: 'Quarterly' });
  });

  it('serves getFormWithStructure and unitsAssignedToForm to other modules', async () => {
    const f = (await getFormWithStructure(s.db, formId))!;
    expect(f).toMatchObject({ id: formId, code: 'BC_CDS_Q', periodType: 'Quarterly', kind: 'statistical', divisionId: u.division, narrative: true });
    expect(f.sections[0].elements[0]).toEqual({
      id: de.TTHC, code: 'TTHC', name: 'Chỉ tiêu TTHC', nameEn: null, valueType: 'INTEGER', min: null, max: null, required: true, uom: null,
      aggregationType: 'SUM', sectorId: null,
    });
    expect(f.unitIds).toHaveLength(3);
    expect(await getFormWithStructure(s.db, 999_999)).toBeNull();
    const q2 = (await unitsAssignedToForm(s.db, formId, '2025-04-01', '2025-06-30')).map((x) => x.code).sort();
    expect(q2).toEqual(['PVHTT_A', 'XA_C']);
    const q3 = (await unitsAssignedToForm(s.db, formId, '2025-07-01', '2025-09-30')).map((x) => x.code).sort();
    expect(q3).toEqual(['XA_B', 'XA_C']);
    const y = (await unitsAssignedToForm(s.db, formId, '2025-01-01', '2025-12-31')).map((x) => x.code).sort();
    expect(y).toEqual(['PVHTT_A', 'XA_B', 'XA_C']);
  });
});

describe('validation rules', () => {
  let ruleId: number;
  const rule = { name: 'Hồ sơ trực tuyến không vượt tổng số', left: '#{TTHC_TT}', operator: 'le', right: '#{TTHC}', message: 'Số hồ sơ trực tuyến không được lớn hơn tổng số hồ sơ.' };

  it('creates rules bound to a form or to none, and rulesForForm picks the right ones', async () => {
    const r = await send('POST', '/api/validation-rules', office, { ...rule, code: 'R1', formId });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ code: 'R1', formId, operator: 'le', importance: 'error', missingValueStrategy: 'SKIP_IF_ANY_VALUE_MISSING', active: true });
    ruleId = r.json().id;
    expect((await send('POST', '/api/validation-rules', office, { ...rule, code: 'R_GLOBAL_IN', left: '#{TL_KYSO}', right: '100', importance: 'warning' })).statusCode).toBe(201);
    expect((await send('POST', '/api/validation-rules', office, { ...rule, code: 'R_GLOBAL_OUT', left: '#{KHAC}', right: '#{TTHC}' })).statusCode).toBe(201);
    expect((await send('POST', '/api/validation-rules', office, { ...rule, code: 'R_OFF', formId, active: false })).statusCode).toBe(201);
    const other = (await send('POST', '/api/forms', office, { code: 'KHAC_F', name: 'Biểu khác', periodType: 'Yearly' })).json().id;
    expect((await send('POST', '/api/validation-rules', office, { ...rule, code: 'R_OTHER_FORM', formId: other })).statusCode).toBe(201);
    const defs = await rulesForForm(s.db, formId);
    expect(defs.map((d) => d.code)).toEqual(['R1', 'R_GLOBAL_IN']);
    expect(defs[1]).toEqual({
      id: expect.any(Number), code: 'R_GLOBAL_IN', name: rule.name, left: '#{TL_KYSO}', operator: 'le', right: '100', importance: 'warning',
      message: rule.message, missingValueStrategy: 'SKIP_IF_ANY_VALUE_MISSING',
    });
    const list = await s.app.inject({ url: `/api/validation-rules?formId=${formId}`, headers: reporter });
    expect(list.json().map((x: { code: string }) => x.code)).toEqual(['R1', 'R_OFF']);
  });

  it.each([
    [{ left: '#{TTHC_TT} + #{NOPE}' }, 'Biểu thức tham chiếu mã chỉ tiêu không tồn tại: NOPE.'],
    [{ right: '#{TTHC' }, /^Vế phải: Biểu thức không hợp lệ/],
    [{ operator: '<=' }, /operator: phép so sánh phải là một trong eq, ne, gt, ge, lt, le/],
    [{ importance: 'fatal' }, /importance: mức độ phải là error/],
    [{ message: ' ' }, 'Thông báo khi vi phạm không được để trống.'],
    [{ message: undefined }, /message: bắt buộc/],
    [{ formId: 31337 }, 'Biểu mẫu (id 31337) không tồn tại.'],
  ])('refuses a bad rule %#', async (patch, message) => {
    const r = await send('POST', '/api/validation-rules', office, { ...rule, code: 'BAD', ...patch });
    expect(r.statusCode).toBe(400);
    if (typeof message === 'string') expect(r.json().message).toBe(message);
    else expect(r.json().message).toMatch(message);
    expect((await s.db.query(`SELECT 1 FROM validation_rules WHERE code = 'BAD'`)).length).toBe(0);
  });

  it('updates and deletes a rule, audited; 409 on a taken code; reporters may not', async () => {
    expect((await send('POST', '/api/validation-rules', office, { ...rule, code: 'R1' })).statusCode).toBe(409);
    const p = await send('PATCH', `/api/validation-rules/${ruleId}`, office, { importance: 'warning', messageEn: 'Online ≤ total' });
    expect(p.json()).toMatchObject({ importance: 'warning', messageEn: 'Online ≤ total', left: '#{TTHC_TT}' });
    expect((await send('DELETE', `/api/validation-rules/${ruleId}`, reporter)).statusCode).toBe(403);
    expect((await send('DELETE', `/api/validation-rules/${ruleId}`, office)).statusCode).toBe(200);
    expect((await send('DELETE', `/api/validation-rules/${ruleId}`, office)).statusCode).toBe(404);
    const ev = await s.db.one<{ before: { code: string } }>(`SELECT before FROM audit_events WHERE action = 'validation_rule.delete'`);
    expect(ev.before.code).toBe('R1');
  });
});

describe('targets', () => {
  let targetId: number;

  it('creates a target for a data element and one for an indicator', async () => {
    const r = await send('POST', '/api/targets', office, { dataElementId: de.TTHC, orgUnitId: u.c, year: 2025, value: 1200, note: 'Kế hoạch năm' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ dataElementId: de.TTHC, indicatorId: null, code: 'TTHC', orgUnitId: u.c, orgUnitName: 'Xã C', year: 2025, value: 1200 });
    targetId = r.json().id;
    const ind = await s.db.one<{ id: number }>(`INSERT INTO indicators (code, name, numerator) VALUES ('TL_TT', 'Tỷ lệ trực tuyến', '#{TTHC_TT}') RETURNING id`);
    const r2 = await send('POST', '/api/targets', office, { indicatorId: ind.id, orgUnitId: u.dept, year: 2025, value: 80.5 });
    expect(r2.statusCode, r2.body).toBe(201);
    expect(r2.json()).toMatchObject({ code: 'TL_TT', value: 80.5 });
  });

  it.each([
    [{ orgUnitId: 0, year: 2025, value: 1 }, 400, /orgUnitId/],
    [{ dataElementId: 1, indicatorId: 1, orgUnitId: 1, year: 2025, value: 1 }, 400, 'Chỉ tiêu kế hoạch phải gắn với đúng một chỉ tiêu (dataElementId) hoặc một chỉ số (indicatorId).'],
    [{ orgUnitId: 1, year: 2025, value: 1 }, 400, 'Chỉ tiêu kế hoạch phải gắn với đúng một chỉ tiêu (dataElementId) hoặc một chỉ số (indicatorId).'],
    [{ dataElementId: 4444, orgUnitId: 1, year: 2025, value: 1 }, 400, 'Chỉ tiêu (id 4444) không tồn tại.'],
    [{ dataElementId: 'TTHC', orgUnitId: 1, year: 2025, value: 1 }, 400, /dataElementId: phải là mã số nguyên dương/],
    [{ dataElementId: null, orgUnitId: 1, year: 1800, value: 1 }, 400, /year: năm phải từ 1990/],
  ])('refuses a bad target %#', async (body, status, message) => {
    const r = await send('POST', '/api/targets', office, body);
    expect(r.statusCode).toBe(status);
    if (typeof message === 'string') expect(r.json().message).toBe(message);
    else expect(r.json().message).toMatch(message);
  });

  it('refuses a second target for the same element, unit and year (409)', async () => {
    const before = await countRows(s.db, 'targets');
    const r = await send('POST', '/api/targets', office, { dataElementId: de.TTHC, orgUnitId: u.c, year: 2025, value: 5 });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('Đã có chỉ tiêu kế hoạch năm 2025 của "Xã C" cho "Chỉ tiêu TTHC".');
    expect(await countRows(s.db, 'targets')).toBe(before);
    expect((await send('POST', '/api/targets', office, { dataElementId: de.TTHC, orgUnitId: u.c, year: 2026, value: 5 })).statusCode).toBe(201);
  });

  it('shows a reporter only the targets of their unit and its ancestors', async () => {
    await send('POST', '/api/targets', office, { dataElementId: de.TTHC, orgUnitId: u.b, year: 2025, value: 7 });
    const mine = await s.app.inject({ url: '/api/targets?year=2025', headers: reporter });
    expect(mine.json().map((t: { orgUnitName: string; code: string }) => `${t.orgUnitName}:${t.code}`).sort()).toEqual(['Sở KH&CN:TL_TT', 'Xã C:TTHC']);
    const all = await s.app.inject({ url: '/api/targets?year=2025', headers: office });
    expect(all.json()).toHaveLength(3);
    const one = await s.app.inject({ url: `/api/targets?orgUnitId=${u.b}`, headers: reporter });
    expect(one.json()).toEqual([]);
  });

  it('updates and deletes a target, audited', async () => {
    const p = await send('PATCH', `/api/targets/${targetId}`, office, { value: 1300 });
    expect(p.json()).toMatchObject({ value: 1300, year: 2025 });
    const clash = await send('PATCH', `/api/targets/${targetId}`, office, { year: 2026 });
    expect(clash.statusCode).toBe(409);
    expect((await send('PATCH', `/api/targets/${targetId}`, reporter, { value: 1 })).statusCode).toBe(403);
    expect((await send('DELETE', `/api/targets/${targetId}`, office)).statusCode).toBe(200);
    const ev = await s.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'target' AND entity_id = $1 ORDER BY id`, [String(targetId)]);
    expect(ev.map((e) => e.action)).toEqual(['target.create', 'target.update', 'target.delete']);
  });
});
