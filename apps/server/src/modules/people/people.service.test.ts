import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.js';
import { testDb } from '../../test/server.js';
import { makeUnit } from '../org/test-fixtures.js';
import {
  createPerson, currentMembership, leavePerson, listPeople, movePerson, peopleByIds, peopleOfUnit, personById, personDetail, updatePerson,
} from './people.service.js';

let db: Db;
let close: () => Promise<void>;
const ids: Record<string, number> = {};
const office = { id: 1, role: 'office' as const, orgUnitId: null };
const by = { id: 1, name: 'vanphong', ip: null };
const TODAY = '2026-11-22';

const add = (fullName: string, unit: string, position = '', validFrom = '2020-01-01') =>
  createPerson(db, office, by, { fullName, unit, position, validFrom }, TODAY);

beforeAll(async () => {
  ({ db, close } = await testDb());
  // The admin account is user 1, the actor of these use cases.
  await db.query(`INSERT INTO users (id, username, full_name, password_hash, role) VALUES (1, 'vanphong', 'Văn phòng', 'x', 'office')`);
  ids.province = await makeUnit(db, { code: 'TINH', name: 'Tỉnh Vân Lĩnh', type: 'province' });
  ids.oldDept = await makeUnit(db, { code: 'SO_CU', name: 'Sở Thông tin và Truyền thông', type: 'department', parentId: ids.province, validTo: '2025-02-28' });
  ids.dept = await makeUnit(db, { code: 'SO', name: 'Sở Khoa học và Công nghệ', type: 'department', parentId: ids.province, validFrom: '2025-03-01' });
  ids.div = await makeUnit(db, { code: 'PHONG', name: 'Phòng Bưu chính – Viễn thông', type: 'division', parentId: ids.dept });
  ids.district = await makeUnit(db, { code: 'HUYEN', name: 'Phòng VH&TT huyện Khê Thượng', type: 'district_office', parentId: ids.province, validTo: '2025-06-30' });
  ids.commune = await makeUnit(db, { code: 'XA', name: 'Xã Khê Thượng', type: 'commune', parentId: ids.province, validFrom: '2025-07-01' });
});
afterAll(() => close());

describe('memberships and moves', () => {
  it('a membership in a unit that closes ends with the unit', async () => {
    ids.lan = await add('Hà Thị Lan', 'HUYEN', 'Chuyên viên', '2018-03-01');
    const m = await currentMembership(db, ids.lan, '2024-05-01');
    expect(m).toMatchObject({ unit: { code: 'HUYEN' }, position: 'Chuyên viên', validFrom: '2018-03-01', validTo: '2025-06-30' });
    expect(await currentMembership(db, ids.lan, '2025-07-01')).toBeNull();
  });

  it('a move closes the old membership the day before and keeps the history', async () => {
    await movePerson(db, office, by, ids.lan, { unit: 'XA', position: 'Công chức Văn hóa – Xã hội', date: '2025-07-01' }, TODAY);
    // The district membership had already ended with its unit: nothing to close, the person rejoins.
    const d = await personDetail(db, office, ids.lan, TODAY);
    expect(d.memberships.map((m) => [m.unit.code, m.validFrom, m.validTo])).toEqual([['XA', '2025-07-01', null], ['HUYEN', '2018-03-01', '2025-06-30']]);
    expect(d.current).toBe(true);

    ids.binh = await add('Triệu Văn Bình', 'PHONG', 'Chuyên viên', '2015-01-01');
    await movePerson(db, office, by, ids.binh, { unit: 'PHONG', position: 'Phó Trưởng phòng', date: '2023-04-01' }, TODAY);
    await movePerson(db, office, by, ids.binh, { unit: 'SO', position: 'Phó Giám đốc', date: '2025-03-01' }, TODAY);
    const b = await personDetail(db, office, ids.binh, TODAY);
    expect(b.memberships.map((m) => [m.unit.code, m.position, m.validFrom, m.validTo, m.endReason])).toEqual([
      ['SO', 'Phó Giám đốc', '2025-03-01', null, null],
      ['PHONG', 'Phó Trưởng phòng', '2023-04-01', '2025-02-28', 'moved'],
      ['PHONG', 'Chuyên viên', '2015-01-01', '2023-03-31', 'moved'],
    ]);
    expect((await currentMembership(db, ids.binh, '2024-01-01'))?.position).toBe('Phó Trưởng phòng');
  });

  it.each([
    [{ unit: 'SO', position: 'Giám đốc', date: '2025-03-01' }, /phải sau ngày bắt đầu quá trình công tác gần nhất, tại "Sở Khoa học và Công nghệ" từ 01\/03\/2025/],
    [{ unit: 'PHONG', position: 'Chuyên viên', date: '2024-01-01' }, /Ngày chuyển 01\/01\/2024 phải sau/],
    [{ unit: 'SO_CU', position: 'Giám đốc', date: '2026-01-01' }, 'Đơn vị "Sở Thông tin và Truyền thông" không có hiệu lực vào ngày 01/01/2026 (hiệu lực 01/01/2000 – 28/02/2025).'],
    [{ unit: 'KHONG_CO', position: 'Giám đốc', date: '2026-01-01' }, 'Không có đơn vị mã "KHONG_CO".'],
    [{ unit: 'SO', position: 'Phó Giám đốc', date: '2026-01-01' }, /đã giữ chức vụ "Phó Giám đốc" tại "Sở Khoa học và Công nghệ"; không có gì thay đổi/],
  ])('refuses a bad move %#, changing nothing', async (input, message) => {
    const before = await db.query(`SELECT * FROM person_memberships ORDER BY id`);
    const run = movePerson(db, office, by, ids.binh, input, TODAY);
    await expect(run).rejects.toMatchObject({ status: 400 });
    await run.catch((e: Error) => (typeof message === 'string' ? expect(e.message).toBe(message) : expect(e.message).toMatch(message)));
    expect(await db.query(`SELECT * FROM person_memberships ORDER BY id`)).toEqual(before);
  });

  it('leaving ends the membership the day before, with its reason; a second leave has nothing to end', async () => {
    ids.an = await add('Nông Văn An', 'PHONG', 'Trưởng phòng', '2010-06-01');
    await leavePerson(db, office, by, ids.an, { date: '2026-07-01', reason: 'retired' }, TODAY);
    const d = await personDetail(db, office, ids.an, TODAY);
    expect(d.memberships[0]).toMatchObject({ validTo: '2026-06-30', endReason: 'retired' });
    expect(d.current).toBe(false);
    await expect(leavePerson(db, office, by, ids.an, { date: '2026-08-01' }, TODAY)).rejects.toThrow(/không còn công tác tại đơn vị nào vào ngày 31\/07\/2026/);
    await expect(leavePerson(db, office, by, ids.an, { date: '2010-06-01' }, TODAY)).rejects.toThrow(/Ngày nghỉ 01\/06\/2010 phải sau ngày bắt đầu/);
    // and rejoins later through a move
    await movePerson(db, office, by, ids.an, { unit: 'PHONG', position: 'Chuyên viên (hợp đồng)', date: '2026-09-01' }, TODAY);
    expect((await personDetail(db, office, ids.an, TODAY)).current).toBe(true);
  });

  it('every change is audited', async () => {
    const actions = await db.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE entity_type = 'person' GROUP BY action ORDER BY action`);
    expect(actions).toEqual([
      { action: 'person.create', n: 3 },
      { action: 'person.leave', n: 1 },
      { action: 'person.move', n: 4 },
    ]);
  });
});

describe('the functions other modules call', () => {
  it('peopleOfUnit: the staff on a date, heads first', async () => {
    await add('Lê Thị Yến', 'PHONG', 'Chuyên viên', '2019-01-01');
    await add('Đinh Văn Cường', 'PHONG', 'Trưởng phòng', '2024-01-01');
    const now = await peopleOfUnit(db, ids.div, TODAY);
    expect(now.map((p) => [p.fullName, p.position])).toEqual([
      ['Đinh Văn Cường', 'Trưởng phòng'], ['Nông Văn An', 'Chuyên viên (hợp đồng)'], ['Lê Thị Yến', 'Chuyên viên'],
    ]);
    const then = await peopleOfUnit(db, ids.div, '2024-06-01');
    expect(then.map((p) => p.fullName)).toEqual(['Nông Văn An', 'Đinh Văn Cường', 'Triệu Văn Bình', 'Lê Thị Yến']);
    expect(then.find((p) => p.fullName === 'Triệu Văn Bình')?.position).toBe('Phó Trưởng phòng');
  });

  it('personById and peopleByIds', async () => {
    expect(await personById(db, ids.lan)).toMatchObject({ id: ids.lan, fullName: 'Hà Thị Lan', userId: null });
    expect(await personById(db, 999_999)).toBeNull();
    expect((await peopleByIds(db, [ids.binh, 999_999, ids.lan, ids.binh])).map((p) => p.id)).toEqual([ids.binh, ids.lan]);
  });

  it('listPeople: searches without diacritics, filters by unit on a date, shows former staff on request', async () => {
    const names = async (q: Parameters<typeof listPeople>[2]) => (await listPeople(db, office, q, TODAY)).items.map((v) => v.person.fullName);
    expect(await names({ q: 'trieu binh', page: 1, pageSize: 50 })).toEqual(['Triệu Văn Bình']);
    expect(await names({ q: 'TRIỆU', page: 1, pageSize: 50 })).toEqual(['Triệu Văn Bình']);
    expect(await names({ q: '%', page: 1, pageSize: 50 })).toEqual([]);
    expect(await names({ unitId: ids.district, page: 1, pageSize: 50 })).toEqual([]);
    expect(await names({ unitId: ids.district, asOf: '2024-01-01', page: 1, pageSize: 50 })).toEqual(['Hà Thị Lan']);
    expect(await names({ unitId: ids.district, includeFormer: true, page: 1, pageSize: 50 })).toEqual(['Hà Thị Lan']);
    const all = await listPeople(db, office, { page: 1, pageSize: 2 }, TODAY);
    expect(all.total).toBe(5);
    expect(all.items.map((v) => [v.person.fullName, v.shown?.unit.code])).toEqual([['Triệu Văn Bình', 'SO'], ['Đinh Văn Cường', 'PHONG']]);
  });

  it('updatePerson changes fields and the current position, audited', async () => {
    await updatePerson(db, office, by, ids.lan, { phone: '0912 345 678', email: 'Lan.HT@vanlinh.gov.vn', position: 'Phó Chủ tịch UBND xã' }, TODAY);
    const d = await personDetail(db, office, ids.lan, TODAY);
    expect(d.person).toMatchObject({ phone: '0912 345 678', email: 'lan.ht@vanlinh.gov.vn' });
    expect(d.shown?.position).toBe('Phó Chủ tịch UBND xã');
    const ev = await db.one<{ before: { position: string }; after: { position: string } }>(
      `SELECT before, after FROM audit_events WHERE action = 'person.update' ORDER BY id DESC LIMIT 1`);
    expect([ev.before.position, ev.after.position]).toEqual(['Công chức Văn hóa – Xã hội', 'Phó Chủ tịch UBND xã']);
  });
});
