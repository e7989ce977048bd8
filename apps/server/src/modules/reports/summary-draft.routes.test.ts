import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, type TestServer, loginAs, testServer } from '../../test/server.js';
import { openDocx, paragraphTexts } from '../documents/docx-reader.test-util.js';
import { makeUser } from '../org/test-fixtures.js';
import { type World, seedWorld } from './test-fixtures.js';

let s: TestServer;
let w: World;
const as: Record<string, { cookie: string }> = {};
const TODAY = '2024-01-04';
const base = '/api/reports/summary/drafts';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const TYPED = 'Văn phòng bổ sung: các đơn vị đã hoàn thành kế hoạch năm.';

type Draft = {
  period: string; state: string; version: number; number: string | null; date: string; frozen: boolean;
  sections: { key: string; level: number; heading: string; html: string; table: boolean }[]; fields: Record<string, string>;
  returned: { comment: string } | null; signed: { name: string; size: number } | null; abilities: Record<string, boolean>;
};

beforeAll(async () => {
  s = await testServer({ now: `${TODAY}T02:00:00Z` });
  w = await seedWorld(s.db);
  const admin = await loginAs(s.app, 'admin', TEST_ADMIN_PASSWORD);
  as.office = await makeUser(s.app, admin, { username: 'vanphong', role: 'office', orgUnitId: w.u.OLD });
  as.office2 = await makeUser(s.app, admin, { username: 'vanphong2', role: 'office', orgUnitId: w.u.OLD });
  as.director = await makeUser(s.app, admin, { username: 'giamdoc', role: 'director', orgUnitId: w.u.OLD });
  as.viewer = await makeUser(s.app, admin, { username: 'xem', role: 'viewer', orgUnitId: w.u.PROV });
  as.reporter = await makeUser(s.app, admin, { username: 'baocao', role: 'reporter', orgUnitId: w.u.D1 });
}, 60_000);
afterAll(() => s?.close());

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  s.app.inject({ method, url, headers: as[who], ...(payload === undefined ? {} : { payload: payload as object }) });
const ok = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, status = 200): Promise<Draft> => {
  const r = await call(who, method, url, payload);
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};
function multipart(filename: string, content: Buffer) {
  const boundary = `----nhip${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (who: string, period: string, filename: string, content: Buffer) => {
  const m = multipart(filename, content);
  return s.app.inject({ method: 'PUT', url: `${base}/${period}/signed`, headers: { ...as[who], ...m.headers }, payload: m.payload });
};
const auditActions = async () => (await s.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'summary_report' ORDER BY id`)).map((r) => r.action);

describe('the summary report draft: edit, refresh, submit, return, approve, sign', () => {
  let d: Draft;
  let sector: Draft['sections'][number];
  let field: string;

  it('the office compiles the draft of a period once; a second attempt is a conflict', async () => {
    expect((await call('office', 'GET', `${base}/2023`)).statusCode).toBe(404);
    d = await ok('office', 'POST', base, { period: '2023' }, 201);
    expect(d).toMatchObject({ period: '2023', state: 'draft', version: 1, number: null, frozen: false, abilities: { edit: true, submit: true, approve: false } });
    expect(d.sections.map((x) => x.key)).toEqual(expect.arrayContaining(['I', 'I.1', 'II', 'III']));
    sector = d.sections.find((x) => /data-field/.test(x.html))!;
    expect(sector, 'a sector opens with figure fields').toBeDefined();
    field = /data-field="([^"]+)"/.exec(sector.html)![1]!;
    expect(d.fields[field]).toMatch(/\d/);
    const again = await call('office', 'POST', base, { period: '2023' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/đã có dự thảo/);
    expect(((await ok('office', 'GET', base)) as unknown as { items: unknown[] }).items).toEqual([expect.objectContaining({ period: '2023', state: 'draft', version: 1 })] as never);
  });

  it.each<[string, string, string, unknown, number]>([
    ['a reporting unit cannot read it', 'reporter', 'GET', undefined, 403],
    ['a viewer cannot edit it', 'viewer', 'PUT', { baseVersion: 1, sections: [{ key: 'I', html: '<p>x</p>' }] }, 403],
    ['the director cannot edit it', 'director', 'PUT', { baseVersion: 1, sections: [{ key: 'I', html: '<p>x</p>' }] }, 403],
    ['the director cannot approve a draft not submitted', 'director', 'POST:approve', { baseVersion: 1 }, 409],
    ['a section the draft lacks', 'office', 'PUT', { baseVersion: 1, sections: [{ key: 'IX.9', html: '<p>x</p>' }] }, 400],
    ['a version that is not a number', 'office', 'PUT', { baseVersion: 'một', sections: [{ key: 'I', html: '<p>x</p>' }] }, 400],
    ['a period that is not one', 'office', 'GET:2023Q9', undefined, 400],
  ])('%s', async (_, who, how, payload, status) => {
    const [method, rest] = how.split(':') as ['GET' | 'POST' | 'PUT', string | undefined];
    const url = rest && /^\d/.test(rest) ? `${base}/${rest}` : rest ? `${base}/2023/${rest}` : `${base}/2023`;
    const r = await call(who, method, url, payload);
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().message).toMatch(/[àáảãạăâđêôơư]/iu);
    expect((await ok('office', 'GET', `${base}/2023`)).version).toBe(1);
  });

  it('a save keeps the text, cleans it, and writes the fields\' values itself', async () => {
    const html = sector.html.replace(/<\/p>$/, ` ${TYPED}<script>alert(1)</script></p>`)
      .replace(new RegExp(`(<span data-field="${field.replace(/\./g, '\\.')}">)[^<]*(</span>)`), '$1999.999$2');
    d = await ok('office', 'PUT', `${base}/2023`, { baseVersion: 1, sections: [{ key: sector.key, html }] });
    expect(d.version).toBe(2);
    const saved = d.sections.find((x) => x.key === sector.key)!.html;
    expect(saved).toContain(TYPED);
    expect(saved).not.toContain('script');
    expect(saved).toContain(`<span data-field="${field}">${d.fields[field]}</span>`);
    expect(saved).not.toContain('999.999');
  });

  it('two editors on the same version: one is saved, the other gets 409 with who saved, and nothing is lost', async () => {
    const mine = (who: string, text: string) => call(who, 'PUT', `${base}/2023`, { baseVersion: 2, sections: [{ key: 'III', html: `<p>${text}</p>` }] });
    const [a, b] = await Promise.all([mine('office', 'Nhiệm vụ A.'), mine('office2', 'Nhiệm vụ B.')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect(lost.json().message).toMatch(/người khác lưu/);
    expect(lost.json().details).toMatchObject({ version: 3 });
    d = await ok('office', 'GET', `${base}/2023`);
    expect(d.version).toBe(3);
    expect(d.sections.find((x) => x.key === sector.key)!.html).toContain(TYPED);
  });

  it('a refresh brings the figures back from analytics and keeps the words', async () => {
    // the figures as if read before the data changed: the stored version says 1 where analytics says otherwise
    const right = d.fields[field]!;
    await s.db.query('ALTER TABLE summary_report_versions DISABLE TRIGGER summary_report_versions_immutable');
    await s.db.query(`UPDATE summary_report_versions v SET fields = jsonb_set(v.fields, $1::text[], '"1"'), sections = replace(v.sections::text, $2, $3)::jsonb
                        FROM summary_reports r WHERE r.id = v.report_id AND r.period = '2023' AND v.version = 3`,
    [`{${field}}`, `data-field=\\"${field}\\">${right}<`, `data-field=\\"${field}\\">1<`]);
    await s.db.query('ALTER TABLE summary_report_versions ENABLE TRIGGER summary_report_versions_immutable');
    const stale = await ok('office', 'GET', `${base}/2023`);
    expect(stale.fields[field]).toBe('1');
    expect(stale.sections.find((x) => x.key === sector.key)!.html).toContain(`<span data-field="${field}">1</span>`);
    d = await ok('office', 'POST', `${base}/2023/refresh`, { baseVersion: 3 });
    expect(d.version).toBe(4);
    expect(d.fields[field]).toBe(right);
    const html = d.sections.find((x) => x.key === sector.key)!.html;
    expect(html).toContain(`<span data-field="${field}">${right}</span>`);
    expect(html).toContain(TYPED);
  });

  it('Trình ký freezes the figures and the text; the director is told', async () => {
    d = await ok('office', 'POST', `${base}/2023/submit`, { baseVersion: 4 });
    expect(d).toMatchObject({ state: 'submitted', frozen: true, version: 5, abilities: { edit: false, refresh: false } });
    for (const [method, url, payload] of [['PUT', `${base}/2023`, { baseVersion: 5, sections: [{ key: 'I', html: '<p>x</p>' }] }], ['POST', `${base}/2023/refresh`, { baseVersion: 5 }]] as const) {
      const r = await call('office', method, url, payload);
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().message).toMatch(/đã trình ký/);
    }
    const notes = (await s.app.inject({ method: 'GET', url: '/api/notifications', headers: as.director })).json();
    expect(JSON.stringify(notes)).toContain('chờ Giám đốc duyệt');
    expect((await ok('director', 'GET', `${base}/2023`)).abilities).toMatchObject({ approve: true, return: true, edit: false });
  });

  it('the director returns it with a comment (required); it is a draft again, the comment shown', async () => {
    expect((await call('director', 'POST', `${base}/2023/return`, { baseVersion: 5, comment: '   ' })).statusCode).toBe(400);
    d = await ok('director', 'POST', `${base}/2023/return`, { baseVersion: 5, comment: 'Bổ sung số liệu chuyển đổi số.' });
    expect(d).toMatchObject({ state: 'draft', version: 6, frozen: false, returned: { comment: 'Bổ sung số liệu chuyển đổi số.' } });
    d = await ok('office', 'POST', `${base}/2023/submit`, { baseVersion: 6 });
  });

  it('approval numbers, dates and locks it; the .docx says its number and the office\'s words', async () => {
    expect((await call('office', 'POST', `${base}/2023/approve`, { baseVersion: 7 })).statusCode).toBe(403);
    expect((await call('director', 'POST', `${base}/2023/approve`, { baseVersion: 7, number: '15/BC' })).statusCode).toBe(400);
    d = await ok('director', 'POST', `${base}/2023/approve`, { baseVersion: 7 });
    expect(d).toMatchObject({ state: 'approved', version: 8, number: expect.stringMatching(/^01\/BC-[A-ZĐ]+$/u), date: TODAY, frozen: true });
    expect((await call('office', 'PUT', `${base}/2023`, { baseVersion: 8, sections: [{ key: 'I', html: '<p>x</p>' }] })).statusCode).toBe(409);
    const f = await s.app.inject({ method: 'GET', url: `${base}/2023/file?format=docx`, headers: as.viewer });
    expect(f.statusCode, f.body.slice(0, 200)).toBe(200);
    expect(decodeURIComponent(String(f.headers['content-disposition']))).toContain('01-BC-');
    const paras = paragraphTexts((await openDocx(f.rawPayload)).document);
    expect(paras.some((p) => p.startsWith(`Số: ${d.number}`))).toBe(true);
    expect(paras.some((p) => p.includes(TYPED))).toBe(true);
    expect(paras.some((p) => p.includes('alert'))).toBe(false);
  });

  it('the next report of the year takes the next number; a number already given is refused', async () => {
    await ok('office', 'POST', base, { period: '2023Q4' }, 201);
    await ok('office', 'POST', `${base}/2023Q4/submit`, { baseVersion: 1 });
    const taken = await call('director', 'POST', `${base}/2023Q4/approve`, { baseVersion: 2, number: '1' });
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json().message).toMatch(/đã cấp/);
    expect((await ok('director', 'POST', `${base}/2023Q4/approve`, { baseVersion: 2 })).number).toMatch(/^02\/BC-/);
  });

  it('the signed copy: a PDF only, never empty, only once approved; it replaces the one before', async () => {
    expect((await upload('office', '2023', 'scan.pdf', Buffer.alloc(0))).statusCode).toBe(400);
    const fake = await upload('office', '2023', 'scan.pdf', Buffer.from('MZ not a pdf at all'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().message).toMatch(/PDF/);
    expect((await upload('viewer', '2023', 'scan.pdf', PDF)).statusCode).toBe(403);
    const r = await upload('office', '2023', 'Báo cáo đã ký.pdf', PDF);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ signed: { name: 'Báo cáo đã ký.pdf', size: PDF.length }, state: 'approved' });
    const got = await s.app.inject({ method: 'GET', url: `${base}/2023/signed`, headers: as.viewer });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    await ok('office', 'POST', base, { period: '2023S1' }, 201);
    expect((await upload('office', '2023S1', 'scan.pdf', PDF)).statusCode).toBe(409);
  });

  it('keeps every version with its kind, and audits every step', async () => {
    const v = (await ok('viewer', 'GET', `${base}/2023/versions`)) as unknown as { items: { version: number; kind: string; comment: string | null }[] };
    expect(v.items.map((x) => x.kind)).toEqual(['signed', 'approve', 'submit', 'return', 'submit', 'refresh', 'edit', 'edit', 'compile']);
    expect(v.items.find((x) => x.kind === 'return')!.comment).toBe('Bổ sung số liệu chuyển đổi số.');
    const first = await ok('viewer', 'GET', `${base}/2023/versions/1`);
    expect(first.sections.find((x) => x.key === sector.key)!.html).not.toContain(TYPED);
    expect((await call('viewer', 'GET', `${base}/2023/versions/99`)).statusCode).toBe(404);
    expect(await auditActions()).toEqual(expect.arrayContaining([
      'summary_report.create', 'summary_report.save', 'summary_report.refresh', 'summary_report.submit', 'summary_report.return',
      'summary_report.approve', 'summary_report.signed',
    ]));
    // a saved version is never changed
    await expect(s.db.query('UPDATE summary_report_versions SET comment = $1', ['x'])).rejects.toThrow(/cannot be changed/);
  });
});
