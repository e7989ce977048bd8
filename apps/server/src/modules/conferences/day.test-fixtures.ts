/**
 * A conference on its day, for the tests of check-in, live view, discussion, minutes, conclusion, notices and
 * documents: the fictional Vân Lĩnh province with its department (renamed on 01/03/2025), divisions, invited units,
 * people, guests, an agenda and named delegates with tickets. Rows go straight into the database.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.js';
import { makeUnit, makeUser } from '../org/test-fixtures.js';
import { loginAs, TEST_ADMIN_PASSWORD } from '../../test/server.js';

export type DayWorld = {
  u: Record<string, number>;
  p: Record<string, number>;
  conferenceId: number;
  agenda: number[];
  delegates: { id: number; ticket: string; unit: string }[];
};

/** 08:00 Vietnam time on the conference day. */
export const CONFERENCE_STARTS = '2025-01-08T01:00:00Z';

export async function seedOrg(db: Db): Promise<{ u: Record<string, number>; p: Record<string, number> }> {
  await db.query(`INSERT INTO settings (key, value) VALUES ('org.province', $1::jsonb)`, [JSON.stringify({ name: 'Tỉnh Vân Lĩnh', place: 'Vân Lĩnh' })]);
  const u: Record<string, number> = {};
  u.PROV = await makeUnit(db, { code: 'PROV', name: 'Tỉnh Vân Lĩnh', type: 'province' });
  u.OLD = await makeUnit(db, { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', type: 'department', parentId: u.PROV, validTo: '2025-02-28' });
  u.DEP = await makeUnit(db, { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', type: 'department', parentId: u.PROV, validFrom: '2025-03-01' });
  u.VP = await makeUnit(db, { code: 'VP', name: 'Văn phòng Sở', type: 'division', parentId: u.OLD });
  u.BCVT = await makeUnit(db, { code: 'P-BCVT', name: 'Phòng Bưu chính, Viễn thông', type: 'division', parentId: u.OLD });
  u.TTCS = await makeUnit(db, { code: 'P-TTCS', name: 'Phòng Thông tin cơ sở', type: 'division', parentId: u.OLD });
  u.GONE = await makeUnit(db, { code: 'P-CU', name: 'Phòng Báo chí, Xuất bản (cũ)', type: 'division', parentId: u.OLD, validTo: '2024-12-31' });
  u.D1 = await makeUnit(db, { code: 'D1', name: 'Phòng Văn hóa và Thông tin huyện Hòa An', type: 'district_office', parentId: u.PROV });
  u.D2 = await makeUnit(db, { code: 'D2', name: 'Phòng Văn hóa và Thông tin huyện Bảo Lạc', type: 'district_office', parentId: u.PROV });
  u.D3 = await makeUnit(db, { code: 'D3', name: 'Phòng Văn hóa và Thông tin huyện Trùng Khánh', type: 'district_office', parentId: u.PROV });
  u.M1 = await makeUnit(db, { code: 'M1', name: 'Trung tâm Văn hóa, Thể thao và Truyền thông huyện Hòa An', type: 'media_centre', parentId: u.PROV });
  u.T1 = await makeUnit(db, { code: 'T1', name: 'Viễn thông Vân Lĩnh', type: 'enterprise', parentId: u.PROV });
  u.B1 = await makeUnit(db, { code: 'B1', name: 'Báo Vân Lĩnh', type: 'press_agency', parentId: u.PROV });
  u.X9 = await makeUnit(db, { code: 'X9', name: 'Phòng Văn hóa và Thông tin huyện Nguyên Bình', type: 'district_office', parentId: u.PROV }); // not invited

  const person = async (name: string, unit: number, position: string, phone: string | null = null) => {
    const { id } = await db.one<{ id: number }>(`INSERT INTO people (full_name, phone) VALUES ($1, $2) RETURNING id`, [name, phone]);
    await db.query(`INSERT INTO person_memberships (person_id, org_unit_id, position, valid_from) VALUES ($1, $2, $3, '2020-01-01')`, [id, unit, position]);
    return id;
  };
  const p: Record<string, number> = {};
  p.director = await person('Nông Văn Đức', u.OLD, 'Giám đốc');
  p.deputy = await person('Lô Quang Tuấn', u.OLD, 'Phó Giám đốc');
  p.secretary = await person('Đàm Thị Hạnh', u.VP, 'Chuyên viên', '0206 3852 468');
  p.bcvtHead = await person('Hoàng Minh Châu', u.BCVT, 'Trưởng phòng');
  p.d1Head = await person('Triệu Văn Sơn', u.D1, 'Trưởng phòng');
  p.d2Head = await person('Bế Thị Lan', u.D2, 'Trưởng phòng');
  p.d3Head = await person('Lục Văn Khánh', u.D3, 'Phó Trưởng phòng');
  p.m1Head = await person('Đinh Thị Ngọc', u.M1, 'Giám đốc');
  p.t1Head = await person('Ma Văn Quý', u.T1, 'Giám đốc');
  p.b1Head = await person('Nguyễn Thị Ánh', u.B1, 'Phó Tổng Biên tập');
  p.x9Head = await person('Hà Văn Bình', u.X9, 'Trưởng phòng');
  return { u, p };
}

/** The annual 2024 conference, invited, with guests, invitations, agenda and named delegates (not yet checked in). */
export async function seedDay(db: Db, opts: { status?: string } = {}): Promise<DayWorld> {
  const { u, p } = await seedOrg(db);
  const { id: conferenceId } = await db.one<{ id: number }>(
    `INSERT INTO conferences (period, kind, title, status, starts_at, place, department_id, chair_person_id, secretary_person_id, rsvp_deadline,
                              invitation_number, invitation_issued_at)
     VALUES ('2024', 'annual', 'Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025', $1, $2,
             'Hội trường tầng 3, Sở Thông tin và Truyền thông, số 18 đường Trần Hưng Đạo, thành phố Vân Lĩnh', $3, $4, $5,
             '2025-01-06T09:00:00Z', '05', '2024-12-30T02:00:00Z') RETURNING id`,
    [opts.status ?? 'invited', CONFERENCE_STARTS, u.OLD, p.director, p.secretary],
  );
  await db.query(
    `INSERT INTO conference_guests (conference_id, full_name, position, body, gives_directive, sort) VALUES
       ($1, 'Hoàng Thị Mai', 'Phó Chủ tịch Ủy ban nhân dân tỉnh', 'Ủy ban nhân dân tỉnh Vân Lĩnh', true, 1),
       ($1, 'Vi Văn Toàn', 'Phó Trưởng ban Tuyên giáo Tỉnh ủy', 'Tỉnh ủy Vân Lĩnh', false, 2)`,
    [conferenceId],
  );
  const invited = ['D1', 'D2', 'D3', 'M1', 'T1', 'B1'];
  for (const k of invited) {
    await db.query(
      `INSERT INTO conference_invitations (conference_id, org_unit_id, expected_delegates, status, sent_at) VALUES ($1, $2, 2, 'accepted', '2024-12-30T02:00:00Z')`,
      [conferenceId, u[k]],
    );
  }
  const agenda: number[] = [];
  const item = async (kind: string, title: string, minutes: number, presenter: { person?: number; unit?: number; name?: string } = {}) => {
    const { id } = await db.one<{ id: number }>(
      `INSERT INTO conference_agenda_items (conference_id, position, kind, title, presenter_person_id, presenter_unit_id, presenter_name, duration_minutes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [conferenceId, agenda.length + 1, kind, title, presenter.person ?? null, presenter.unit ?? null, presenter.name ?? null, minutes],
    );
    agenda.push(id);
  };
  await item('opening', 'Khai mạc, giới thiệu đại biểu', 10, { person: p.secretary });
  await item('draft_report', 'Báo cáo kết quả công tác năm 2024 và phương hướng, nhiệm vụ năm 2025', 30, { person: p.deputy });
  await item('presentation', 'Tham luận: phát triển hạ tầng viễn thông vùng lõm sóng', 15, { unit: u.T1 });
  await item('discussion', 'Thảo luận', 45);
  await item('directive', 'Phát biểu chỉ đạo của lãnh đạo UBND tỉnh', 20, { name: 'Đồng chí Hoàng Thị Mai, Phó Chủ tịch UBND tỉnh' });
  await item('conclusion', 'Kết luận hội nghị', 15, { person: p.director });
  await item('closing', 'Bế mạc', 5, { person: p.secretary });

  const delegates: DayWorld['delegates'] = [];
  const named: [string, number, string][] = [
    ['D1', p.d1Head!, 'Trưởng phòng'], ['D2', p.d2Head!, 'Trưởng phòng'], ['D3', p.d3Head!, 'Phó Trưởng phòng'],
    ['M1', p.m1Head!, 'Giám đốc'], ['T1', p.t1Head!, 'Giám đốc'], ['B1', p.b1Head!, 'Phó Tổng Biên tập'],
  ];
  for (const [k, personId, position] of named) {
    const ticket = `tk-${k}-${personId}-abcdefgh`;
    const { id } = await db.one<{ id: number }>(
      `INSERT INTO conference_delegates (conference_id, invitation_id, org_unit_id, person_id, full_name, position, ticket)
       SELECT $1, i.id, $2, p.id, p.full_name, $4, $5 FROM people p, conference_invitations i WHERE p.id = $3 AND i.conference_id = $1 AND i.org_unit_id = $2
       RETURNING id`,
      [conferenceId, u[k], personId, position, ticket],
    );
    delegates.push({ id, ticket, unit: k });
  }
  return { u, p, conferenceId, agenda, delegates };
}

/** Adds `n` named delegates spread over the invited units, with tickets; returns them. */
export async function addDelegates(db: Db, conferenceId: number, n: number): Promise<{ id: number; ticket: string }[]> {
  return db.query<{ id: number; ticket: string }>(
    `WITH inv AS (SELECT id, org_unit_id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n FROM conference_invitations WHERE conference_id = $1)
     INSERT INTO conference_delegates (conference_id, invitation_id, org_unit_id, full_name, position, ticket)
     SELECT $1, inv.id, inv.org_unit_id, 'Đại biểu số ' || g, 'Chuyên viên', 'burst-' || $1 || '-' || g
       FROM generate_series(1, $2::int) g JOIN inv ON inv.k = g % inv.n
     RETURNING id, ticket`,
    [conferenceId, n],
  );
}

/** Users of each role that matter here, signed in. */
export async function dayUsers(app: FastifyInstance, u: Record<string, number>) {
  const admin = await loginAs(app, 'admin', TEST_ADMIN_PASSWORD);
  return {
    admin,
    office: await makeUser(app, admin, { username: 'vanphong', role: 'office', orgUnitId: u.VP }),
    office2: await makeUser(app, admin, { username: 'vanphong2', role: 'office', orgUnitId: u.VP }),
    director: await makeUser(app, admin, { username: 'giamdoc', role: 'director', orgUnitId: u.OLD }),
    reviewer: await makeUser(app, admin, { username: 'thamdinh', role: 'reviewer', orgUnitId: u.BCVT }),
    unit: await makeUser(app, admin, { username: 'hoaan', role: 'reporter', orgUnitId: u.D1 }),
    outsider: await makeUser(app, admin, { username: 'nguyenbinh', role: 'reporter', orgUnitId: u.X9 }),
  };
}

/** The conference as held: opened 08:03, closed 11:20, notes, three arrivals and a walk-in, discussion and points. */
export async function holdDay(db: Db, world: DayWorld): Promise<void> {
  const [, report, presentation, discussion] = world.agenda;
  await db.query(`UPDATE conferences SET status = 'held', started_at = '2025-01-08T01:03:00Z', ended_at = '2025-01-08T04:20:00Z' WHERE id = $1`, [world.conferenceId]);
  await db.query(`UPDATE conference_agenda_items SET notes = $2 WHERE id = $1`, [report, 'Năm 2024 toàn ngành hoàn thành 18/20 chỉ tiêu.\n- Phủ sóng 4G đạt 98% số thôn;\n- 100% xã có đài truyền thanh ứng dụng CNTT.']);
  await db.query(`UPDATE conference_agenda_items SET notes = 'Viễn thông Vân Lĩnh nêu kế hoạch xóa vùng lõm sóng.' WHERE id = $1`, [presentation]);
  for (const d of world.delegates.slice(0, 3)) await db.query(`UPDATE conference_delegates SET checked_in_at = '2025-01-08T00:50:00Z' WHERE id = $1`, [d.id]);
  await db.query(`UPDATE conference_delegates SET checked_in_at = '2025-01-08T00:55:00Z' WHERE id = $1`, [world.delegates[4]!.id]);
  await db.query(
    `INSERT INTO conference_delegates (conference_id, org_unit_id, full_name, ticket, walk_in, checked_in_at) VALUES ($1, $2, 'Hà Văn Bình', 'walkin-abcdefgh', true, '2025-01-08T01:00:00Z')`,
    [world.conferenceId, world.u.X9],
  );
  const { id: item } = await db.one<{ id: number }>(
    `INSERT INTO conference_discussion_items (conference_id, agenda_item_id, kind, text, source, raised, speaker_name, position)
     VALUES ($1, $2, 'difficulty', 'Thiếu nhân lực chuyên trách về chuyển đổi số ở cấp xã', 'report', true, 'Ông Triệu Văn Sơn', 1) RETURNING id`,
    [world.conferenceId, discussion],
  );
  await db.query(`INSERT INTO conference_discussion_units (item_id, org_unit_id) VALUES ($1, $2)`, [item, world.u.D1]);
  await db.query(
    `INSERT INTO conference_discussion_items (conference_id, kind, text, source, raised, position) VALUES ($1, 'proposal', 'Chưa được nêu', 'report', false, 2)`,
    [world.conferenceId],
  );
  const { id: task } = await db.one<{ id: number }>(
    `INSERT INTO conference_points (conference_id, source, number, kind, text, owner_division_id, deadline)
     VALUES ($1, 'conclusion', 1, 'task', 'Tham mưu phương án bố trí nhân lực chuyển đổi số cấp xã', $2, '2025-03-31') RETURNING id`,
    [world.conferenceId, world.u.TTCS],
  );
  await db.query(`INSERT INTO conference_point_units (point_id, org_unit_id) VALUES ($1, $2)`, [task, world.u.D1]);
  await db.query(
    `INSERT INTO conference_points (conference_id, source, number, kind, text) VALUES ($1, 'directive', 1, 'decision', 'Tập trung triển khai kế hoạch chuyển đổi số năm 2025')`,
    [world.conferenceId],
  );
}
