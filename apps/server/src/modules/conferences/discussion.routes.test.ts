import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { makeUnit, makeUser } from '../org/test-fixtures.js';
import { assembleSummaryReport } from '../reports/summary-report.service.js';
import { type World, seedWorld } from '../reports/test-fixtures.js';

let s: TestServer;
let w: World;
let conferenceId: number;
let agendaItem: number;
const as: Record<string, { cookie: string }> = {};

type Item = {
  id: number; kind: string; text: string; source: string; raised: boolean; position: number;
  sector: { id: number; name: string } | null; speaker: { personId: number | null; name: string } | null;
  units: { id: number; name: string; submissionId: number | null; section: string | null; itemIndex: number | null }[];
};

beforeAll(async () => {
  s = await testServer({ now: '2024-01-02T02:00:00Z' });
  w = await seedWorld(s.db);
  ({ id: conferenceId } = await s.db.one<{ id: number }>(
    `INSERT INTO conferences (period, kind, title, status, starts_at, department_id)
     VALUES ('2023', 'annual', 'Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ năm 2024', 'invited', '2024-01-04T01:00:00Z', $1) RETURNING id`,
    [w.u.OLD],
  ));
  await s.db.query(`INSERT INTO conference_invitations (conference_id, org_unit_id, status) SELECT $1, unnest($2::int[]), 'accepted'`,
    [conferenceId, [w.u.D1, w.u.D2, w.u.D3, w.u.T1]]);
  ({ id: agendaItem } = await s.db.one<{ id: number }>(
    `INSERT INTO conference_agenda_items (conference_id, position, kind, title, duration_minutes) VALUES ($1, 1, 'discussion', 'Thảo luận', 45) RETURNING id`,
    [conferenceId],
  ));
  const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  as.office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office', orgUnitId: w.u.OLD });
  as.director = await makeUser(s.app, admin, { username: 'giamdoc', role: 'director', orgUnitId: w.u.OLD });
  as.unit = await makeUser(s.app, admin, { username: 'hoaan', role: 'reporter', orgUnitId: w.u.D1 });
  as.outsider = await makeUser(s.app, admin, { username: 'quangtrung', role: 'reporter', orgUnitId: w.u.X1 });
}, 60_000);
afterAll(() => s?.close());

const base = () => `/api/conferences/${conferenceId}/discussion`;
const list = async (who = as.office): Promise<Item[]> => {
  const r = await s.app.inject({ method: 'GET', url: base(), headers: who });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items;
};
const prefill = () => s.app.inject({ method: 'POST', url: `${base()}/prefill`, headers: as.office });

describe('the discussion list before the conference', () => {
  it('is pre-filled with the difficulties and proposals of the approved reports, merged as the draft report merges them', async () => {
    const r = await prefill();
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ removed: 0, kept: 0 });
    const items = await list();
    expect(items.every((i) => i.source === 'report' && !i.raised)).toBe(true);
    const draft = await assembleSummaryReport(s.db, { period: '2023', today: '2024-01-02' });
    const asReport = (kind: string) => {
      const bySector = new Map<string, { text: string; units: string[] }[]>();
      for (const i of items.filter((x) => x.kind === kind)) {
        const sector = i.sector?.name ?? 'Công tác chung';
        bySector.set(sector, [...(bySector.get(sector) ?? []), { text: i.text, units: i.units.map((u) => u.name) }]);
      }
      return [...bySector].map(([sector, points]) => ({ sector, points }));
    };
    const sortUnits = (x: { sector: string; points: readonly { text: string; units: readonly string[] }[] }[]) =>
      x.map((g) => ({ sector: g.sector, points: g.points.map((p) => ({ text: p.text, units: [...p.units].sort() })) }));
    expect(sortUnits(asReport('difficulty'))).toEqual(sortUnits(draft.difficulties as never));
    expect(sortUnits(asReport('proposal'))).toEqual(sortUnits(draft.proposals as never));
    expect(items.length).toBe(draft.difficulties.flatMap((d) => d.points).length + draft.proposals.flatMap((d) => d.points).length);

    // Where each unit raised the merged point: its submission, the section and the point's index.
    const staff = items.find((i) => i.text.startsWith('Thiếu nhân lực chuyên trách'))!;
    expect(staff.units).toHaveLength(3);
    const subs = await s.db.query<{ id: number; org_unit_id: number }>(
      `SELECT s.id, s.org_unit_id FROM submissions s JOIN reporting_rounds r ON r.id = s.round_id
        WHERE s.status = 'approved' AND s.org_unit_id = ANY($1::int[]) AND r.period IN ('2023Q3', '2023Q4')`, [[w.u.D1, w.u.D2, w.u.D3]],
    );
    for (const u of staff.units) {
      expect(u).toMatchObject({ section: 'difficulties', itemIndex: 0 });
      expect(subs.find((x) => x.id === u.submissionId)?.org_unit_id).toBe(u.id);
    }
    const network = items.find((i) => i.text === 'Hạ tầng mạng ở thôn bản còn yếu.')!;
    expect(network.units).toMatchObject([{ id: w.u.D2, section: 'difficulties', itemIndex: 1 }]);
  });

  it('lets the secretary tick what was raised, add what was new and link it to a unit', async () => {
    const items = await list();
    const first = items[0]!;
    const ticked = await s.app.inject({ method: 'PATCH', url: `${base()}/${first.id}`, headers: as.office, payload: { raised: true, agendaItemId: agendaItem } });
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(ticked.json()).toMatchObject({ raised: true, source: 'report', agendaItem: { id: agendaItem, title: 'Thảo luận' } });
    expect(ticked.json().units).toEqual(first.units);

    const added = await s.app.inject({
      method: 'POST', url: base(), headers: as.office,
      payload: { kind: 'proposal', text: 'Đề nghị hỗ trợ kinh phí số hóa tài liệu lưu trữ của huyện.', speakerName: 'Ông Triệu Văn Sơn', unitIds: [w.u.D1], agendaItemId: agendaItem },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      source: 'floor', raised: true, kind: 'proposal', speaker: { personId: null, name: 'Ông Triệu Văn Sơn' },
      units: [{ id: w.u.D1, submissionId: null, section: null, itemIndex: null }], position: items.length + 1,
    });
    const relinked = await s.app.inject({ method: 'PATCH', url: `${base()}/${added.json().id}`, headers: as.office, payload: { unitIds: [w.u.D1, w.u.T1] } });
    expect(relinked.json().units.map((u: { id: number }) => u.id).sort()).toEqual([w.u.D1, w.u.T1].sort());
  });

  it('refreshes the pre-fill without touching what was ticked or added, and without duplicates', async () => {
    const before = await list();
    const r = await prefill();
    expect(r.statusCode, r.body).toBe(200);
    const after = await list();
    expect(r.json()).toMatchObject({ kept: 2, removed: before.length - 2, added: before.length - 2 });
    expect(after).toHaveLength(before.length);
    expect(after.filter((i) => i.raised).map((i) => i.id)).toEqual(before.filter((i) => i.raised).map((i) => i.id));
    expect(new Set(after.map((i) => i.text)).size).toBe(after.length);
  });

  it('keeps a pre-filled item\'s units and where they raised it when the secretary names who spoke', async () => {
    const staff = (await list()).find((i) => i.text.startsWith('Thiếu nhân lực chuyên trách'))!;
    expect(staff.units).toHaveLength(3);
    const { id: person } = await s.db.one<{ id: number }>(`INSERT INTO people (full_name) VALUES ('Nông Thị Lan') RETURNING id`);
    await s.db.query(`INSERT INTO person_memberships (person_id, org_unit_id, position, valid_from) VALUES ($1, $2, 'Trưởng phòng', '2020-01-01')`, [person, w.u.D2]);
    const r = await s.app.inject({ method: 'PATCH', url: `${base()}/${staff.id}`, headers: as.office, payload: { raised: true, speakerPersonId: person } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ raised: true, speaker: { personId: person, name: 'Nông Thị Lan' } });
    expect(r.json().units).toEqual(staff.units);
    // A floor item with no unit yet takes the speaker's unit.
    const floor = await s.app.inject({ method: 'POST', url: base(), headers: as.office, payload: { kind: 'opinion', text: 'Đề nghị tăng cường tập huấn.' } });
    expect(floor.json().units).toEqual([]);
    const named = await s.app.inject({ method: 'PATCH', url: `${base()}/${floor.json().id}`, headers: as.office, payload: { speakerPersonId: person } });
    expect(named.json().units.map((u: { id: number }) => u.id)).toEqual([w.u.D2]);
    expect((await s.app.inject({ method: 'DELETE', url: `${base()}/${floor.json().id}`, headers: as.office })).statusCode).toBe(200);
  });

  it('accepts a unit that was in being during the period though closed before the conference, and refuses one in being neither then nor that day', async () => {
    const closedAfterPeriod = await makeUnit(s.db, { code: 'D9', name: 'Phòng Văn hóa và Thông tin huyện Cũ', type: 'district_office', parentId: w.u.PROV, validTo: '2023-12-31' });
    const closedBefore = await makeUnit(s.db, { code: 'D8', name: 'Phòng Văn hóa và Thông tin huyện Xưa', type: 'district_office', parentId: w.u.PROV, validTo: '2022-12-31' });
    const staff = (await list()).find((i) => i.text.startsWith('Thiếu nhân lực chuyên trách'))!;
    const unitIds = [...staff.units.map((u) => u.id), closedAfterPeriod];
    const r = await s.app.inject({ method: 'PATCH', url: `${base()}/${staff.id}`, headers: as.office, payload: { unitIds } });
    expect(r.statusCode, r.body).toBe(200);
    const units = r.json().units as Item['units'];
    expect(units.map((u) => u.id).sort()).toEqual([...unitIds].sort());
    for (const u of staff.units) expect(units.find((x) => x.id === u.id)).toEqual(u);
    expect(units.find((x) => x.id === closedAfterPeriod)).toMatchObject({ submissionId: null, section: null, itemIndex: null });
    const refused = await s.app.inject({ method: 'PATCH', url: `${base()}/${staff.id}`, headers: as.office, payload: { unitIds: [...unitIds, closedBefore] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe('Có đơn vị không tồn tại trong kỳ của hội nghị cũng như vào ngày diễn ra hội nghị.');
    const created = await s.app.inject({ method: 'POST', url: base(), headers: as.office, payload: { kind: 'opinion', text: 'Ý kiến của huyện cũ.', unitIds: [closedAfterPeriod] } });
    expect(created.statusCode, created.body).toBe(201);
    expect((await s.app.inject({ method: 'DELETE', url: `${base()}/${created.json().id}`, headers: as.office })).statusCode).toBe(200);
    // put the item back as the pre-fill left it
    expect((await s.app.inject({ method: 'PATCH', url: `${base()}/${staff.id}`, headers: as.office, payload: { unitIds: staff.units.map((u) => u.id) } })).statusCode).toBe(200);
  });

  it('reorders every item, and refuses an order that leaves one out', async () => {
    const ids = (await list()).map((i) => i.id);
    const bad = await s.app.inject({ method: 'PUT', url: `${base()}/order`, headers: as.office, payload: { ids: ids.slice(1) } });
    expect(bad.statusCode).toBe(400);
    const reversed = [...ids].reverse();
    const ok = await s.app.inject({ method: 'PUT', url: `${base()}/order`, headers: as.office, payload: { ids: reversed } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items.map((i: Item) => i.id)).toEqual(reversed);
  });

  it('refuses a unit not in being that day, another conference\'s agenda item, an unknown sector, and answers 404 for another conference\'s item', async () => {
    const later = await makeUnit(s.db, { code: 'X-2025', name: 'Xã Hòa Bình (mới)', type: 'commune', parentId: w.u.PROV, validFrom: '2025-07-01' });
    const post = (payload: object) => s.app.inject({ method: 'POST', url: base(), headers: as.office, payload });
    const unit = await post({ kind: 'opinion', text: 'Ý kiến', unitIds: [later] });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().message).toBe('Có đơn vị không tồn tại trong kỳ của hội nghị cũng như vào ngày diễn ra hội nghị.');
    const { id: other } = await s.db.one<{ id: number }>(
      `INSERT INTO conferences (period, kind, title, status, starts_at) VALUES ('2023Q4', 'interim', 'Hội nghị khác', 'invited', now()) RETURNING id`,
    );
    const { id: foreignAgenda } = await s.db.one<{ id: number }>(
      `INSERT INTO conference_agenda_items (conference_id, position, kind, title, duration_minutes) VALUES ($1, 1, 'discussion', 'Thảo luận', 30) RETURNING id`, [other],
    );
    expect((await post({ kind: 'opinion', text: 'Ý kiến', agendaItemId: foreignAgenda })).statusCode).toBe(400);
    expect((await post({ kind: 'opinion', text: 'Ý kiến', sectorId: 999999 })).statusCode).toBe(400);
    expect((await post({ kind: 'opinion', text: '   ' })).statusCode).toBe(400);
    const { id: foreignItem } = await s.db.one<{ id: number }>(
      `INSERT INTO conference_discussion_items (conference_id, kind, text) VALUES ($1, 'opinion', 'Của hội nghị khác') RETURNING id`, [other],
    );
    expect((await s.app.inject({ method: 'PATCH', url: `${base()}/${foreignItem}`, headers: as.office, payload: { raised: true } })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'DELETE', url: `${base()}/${foreignItem}`, headers: as.office })).statusCode).toBe(404);
  });

  it('keeps units out, other units in the dark, and the list as it was once the conclusion is issued', async () => {
    expect((await s.app.inject({ method: 'GET', url: base(), headers: as.unit })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: base(), headers: as.outsider })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'POST', url: base(), headers: as.director, payload: { kind: 'opinion', text: 'Ý kiến' } })).statusCode).toBe(403);
    await s.db.query(`UPDATE conferences SET status = 'concluded' WHERE id = $1`, [conferenceId]);
    const id = (await list())[0]!.id;
    const r = await s.app.inject({ method: 'PATCH', url: `${base()}/${id}`, headers: as.office, payload: { raised: false } });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toBe('Hội nghị đã ban hành kết luận; không sửa được nữa, hãy ban hành lại thông báo.');
    expect((await prefill()).statusCode).toBe(403);
    await s.db.query(`UPDATE conferences SET status = 'held' WHERE id = $1`, [conferenceId]);
  });
});
