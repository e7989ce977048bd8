/**
 * A small department for the second half's route tests (council, decisions, clusters, dossier, register): a province,
 * its department of science and technology with a division, two communes, the accounts of every role, the directorate
 * as people (the director linked to the director's account), a five-member council whose member Vân votes in Nhịp,
 * and staff of the division rated for 2025.
 */
import { expect } from 'vitest';
import { loginAs, TEST_ADMIN_PASSWORD, type TestServer } from '../../test/server.js';
import { makeUnit, makeUser } from '../org/test-fixtures.js';
import { makePerson, rate } from './test-fixtures.js';

export type H = { cookie: string };
export type World = { as: Record<string, H>; ids: Record<string, number> };

export const request = (s: TestServer) => (h: H | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  s.app.inject({ method, url, headers: { ...(h ?? {}) }, ...(payload === undefined ? {} : { payload: payload as object }) });

const userId = async (s: TestServer, username: string) => (await s.db.one<{ id: number }>(`SELECT id FROM users WHERE username = $1`, [username])).id;

export async function buildWorld(s: TestServer): Promise<World> {
  const as: Record<string, H> = {};
  const ids: Record<string, number> = {};
  as.admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  ids.province = await makeUnit(s.db, { code: 'VL', name: 'Tỉnh Vân Lĩnh', type: 'province' });
  ids.dept = await makeUnit(s.db, { code: 'VL-SKHCN', name: 'Sở Khoa học và Công nghệ', type: 'department', parentId: ids.province, validFrom: '2020-01-01' });
  ids.div = await makeUnit(s.db, { code: 'VL-BCVT', name: 'Phòng Bưu chính – Viễn thông', type: 'division', parentId: ids.dept, validFrom: '2020-01-01' });
  ids.div2 = await makeUnit(s.db, { code: 'VL-CDS', name: 'Phòng Chuyển đổi số', type: 'division', parentId: ids.dept, validFrom: '2020-01-01' });
  ids.oldCommune = await makeUnit(s.db, { code: 'VL-X01', name: 'Xã Khê Hạ', type: 'commune', parentId: ids.province, validTo: '2025-06-30' });
  ids.commune = await makeUnit(s.db, { code: 'VL-X03', name: 'Xã Khê Thượng', type: 'commune', parentId: ids.province, validFrom: '2025-07-01' });
  ids.other = await makeUnit(s.db, { code: 'VL-X04', name: 'Xã Nà Lũng', type: 'commune', parentId: ids.province, validFrom: '2025-07-01' });
  await s.db.query(`INSERT INTO org_unit_lineage (unit_id, predecessor_id, kind) VALUES ($1, $2, 'merge')`, [ids.commune, ids.oldCommune]);
  as.office = await makeUser(s.app, as.admin, { username: 'vanphong', role: 'office', orgUnitId: ids.dept });
  as.reporter = await makeUser(s.app, as.admin, { username: 'baocao', role: 'reporter', orgUnitId: ids.div });
  as.communeReporter = await makeUser(s.app, as.admin, { username: 'baocao.x03', role: 'reporter', orgUnitId: ids.commune });
  as.otherReporter = await makeUser(s.app, as.admin, { username: 'baocao.x04', role: 'reporter', orgUnitId: ids.other });
  as.director = await makeUser(s.app, as.admin, { username: 'giamdoc', role: 'director', orgUnitId: ids.dept });
  as.viewer = await makeUser(s.app, as.admin, { username: 'khach', role: 'viewer', orgUnitId: ids.province });
  as.member = await makeUser(s.app, as.admin, { username: 'uyvien', role: 'viewer', orgUnitId: ids.dept });

  // The directorate: the director (linked to the director's account) chairs the council.
  const staff = async (name: string, position: string, gender: 'male' | 'female', user: string | null) => {
    const id = await makePerson(s.db, { name, unitId: ids.dept, from: '2015-01-01', gender, userId: user ? await userId(s, user) : null });
    await s.db.query(`UPDATE person_memberships SET position = $2 WHERE person_id = $1`, [id, position]);
    return id;
  };
  ids.director = await staff('Hoàng Văn Thái', 'Giám đốc', 'male', 'giamdoc');
  ids.deputy = await staff('Nguyễn Thị Hạnh', 'Phó Giám đốc', 'female', null);
  ids.chief = await staff('Đinh Công Tuấn', 'Chánh Văn phòng', 'male', null);
  ids.van = await staff('Lý Thị Vân', 'Trưởng phòng', 'female', 'uyvien');
  ids.secretary = await staff('Vi Văn Đức', 'Chuyên viên', 'male', null);

  // Staff of the division, rated for 2025 (Hoàn thành xuất sắc: eligible for CSTĐ cơ sở).
  ids.lan = await makePerson(s.db, { name: 'Hà Thị Mai Lan', unitId: ids.div, from: '2012-03-01', gender: 'female' });
  ids.hung = await makePerson(s.db, { name: 'Lục Văn Hùng', unitId: ids.div, from: '2016-09-01', gender: 'male' });
  ids.nga = await makePerson(s.db, { name: 'Đàm Thị Nga', unitId: ids.div2, from: '2018-05-01', gender: 'female' });
  ids.minh = await makePerson(s.db, { name: 'Nông Văn Minh', unitId: ids.other, from: '2025-07-01', gender: 'male' });
  for (const p of [ids.lan, ids.hung, ids.nga]) await rate(s.db, { personId: p, year: 2025, rating: 'xuat_sac' });
  await rate(s.db, { personId: ids.minh, year: 2025, rating: 'tot' });
  return { as, ids };
}

export async function makeCouncil(s: TestServer, w: World): Promise<number> {
  const r = await request(s)(w.as.office, 'POST', '/api/awards/councils', {
    name: 'Hội đồng thi đua – khen thưởng Sở Khoa học và Công nghệ', decisionNumber: '05/QĐ-SKHCN', validFrom: '2025-03-01',
    members: [
      { person: w.ids.director, role: 'chair' }, { person: w.ids.deputy, role: 'vice_chair' }, { person: w.ids.chief }, { person: w.ids.van },
      { person: w.ids.secretary, role: 'secretary' },
    ],
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

/** A unit's nomination accepted (or approved straight away, for a title without a council ballot) by the office. */
export async function nominate(s: TestServer, w: World, by: H, body: Record<string, unknown>, steps: ('accept' | 'approve')[] = ['accept']): Promise<number> {
  const req = request(s);
  const r = await req(by, 'POST', '/api/awards/nominations', body);
  expect(r.statusCode, r.body).toBe(201);
  let n = r.json() as { id: number; version: number; eligible: boolean };
  for (const step of steps) {
    const t = await req(w.as.office, 'POST', `/api/awards/nominations/${n.id}/${step}`, { version: n.version });
    expect(t.statusCode, t.body).toBe(200);
    n = t.json();
  }
  return n.id;
}

/** The council meets on `day`, every member present, and passes each nomination with all five votes. */
export async function passByCouncil(s: TestServer, w: World, council: number, nominations: number[], day = '2026-01-06'): Promise<number> {
  const req = request(s);
  const m = await req(w.as.office, 'POST', '/api/awards/meetings', { council, year: 2025, heldAt: `${day}T08:00`, nominations });
  expect(m.statusCode, m.body).toBe(201);
  const id = m.json().id as number;
  let version = (await req(w.as.office, 'POST', `/api/awards/meetings/${id}/open`, { version: m.json().version })).json().version as number;
  const members = [w.ids.director, w.ids.deputy, w.ids.chief, w.ids.van, w.ids.secretary];
  version = (await req(w.as.office, 'PATCH', `/api/awards/meetings/${id}`, { version, attendance: members.map((person) => ({ person, present: true })) })).json().version;
  for (const n of nominations) {
    const t = await req(w.as.office, 'PUT', `/api/awards/meetings/${id}/ballots/${n}`, { ballotsCast: 5, votesFor: 5, votesAgainst: 0 });
    expect(t.statusCode, t.body).toBe(200);
    version = t.json().version;
  }
  const c = await req(w.as.office, 'POST', `/api/awards/meetings/${id}/close`, { version });
  expect(c.statusCode, c.body).toBe(200);
  return id;
}
