import { formatNumber, parseVietnameseNumber } from '@nhip/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestServer, type TestServer, loginAs } from '../../test/server.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import { bodyText } from './news.sanitize.js';

/** The demo province (Vân Lĩnh) as of 22/11/2026: every past conference is held and concluded, the 2025 one in January 2026. */
let s: TestServer;
let office: { cookie: string };
let director: { cookie: string };
const TODAY = '2026-11-22';

beforeAll(async () => {
  s = await demoTestServer({ today: TODAY });
  office = await loginAs(s.app, 'vanphong', DEMO_PASSWORD);
  director = await loginAs(s.app, 'giamdoc', DEMO_PASSWORD);
}, 240_000);
afterAll(() => s?.close());

const conferenceOf = (period: string) =>
  s.db.one<{ id: number; status: string; starts_at: Date }>(`SELECT id, status, starts_at FROM conferences WHERE period = $1 ORDER BY id LIMIT 1`, [period]);
const draft = (conferenceId: number, who = office) => s.app.inject({ method: 'POST', url: `/api/news/draft-from-conference/${conferenceId}`, headers: who });

describe('the article drafted from a concluded conference', () => {
  it('drafts the 2025 annual conference: title in the department\'s pattern, lead, report with key figures, talks, difficulties, awards, directive, conclusion', async () => {
    const c = await conferenceOf('2025');
    expect(['concluded', 'closed']).toContain(c.status);
    const r = await draft(c.id);
    expect(r.statusCode, r.body.slice(0, 400)).toBe(201);
    const a = r.json();
    console.info(`draft of conference ${c.id}:\n# ${a.title}\n${a.summary}\n${a.body}\nnotes: ${JSON.stringify(a.notes)}`);
    expect(a.title).toBe('Sở Khoa học và Công nghệ tổ chức Hội nghị tổng kết công tác năm 2025 và triển khai nhiệm vụ năm 2026');
    expect(a).toMatchObject({ status: 'draft', conferenceId: c.id, authorLine: 'Đinh Thị Thu Trang', tags: ['Hội nghị tổng kết', '2025'] });
    expect(a.slug).toBe('so-khoa-hoc-va-cong-nghe-to-chuc-hoi-nghi-tong-ket-cong-tac-nam-2025-va-trien-khai-nhiem-vu-nam-2026');
    const text = bodyText(a.body);
    const day = new Date(c.starts_at.getTime() + 7 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('/');
    expect(text).toMatch(new RegExp(`^(Sáng|Chiều) ngày ${day}`));
    expect(text).toMatch(/Hội nghị do đồng chí [^,]+, Giám đốc Sở Khoa học và Công nghệ chủ trì\./);
    expect(text).toMatch(/Dự và chỉ đạo hội nghị có đồng chí [^,]+, Phó Chủ tịch UBND tỉnh\./);
    expect(text).toMatch(/đại diện lãnh đạo \d+ đơn vị được mời \(/);
    expect(text).toMatch(/trình bày dự thảo báo cáo kết quả công tác năm 2025 và phương hướng nhiệm vụ năm 2026\./);
    expect(text).toMatch(/Hội nghị nghe \d tham luận: /);
    expect(text).not.toMatch(/(đề nghị|kiến nghị): (đề nghị|kiến nghị) /iu);
    expect(text).toMatch(/khó khăn, vướng mắc ở cơ sở: /);
    expect(text).toMatch(/Dịp này, \d+ tập thể và \d+ cá nhân được khen thưởng: /);
    expect(text).toMatch(/Phát biểu chỉ đạo hội nghị, đồng chí [^,]+, Phó Chủ tịch UBND tỉnh nêu một số nội dung: /);
    expect(text).toMatch(/Kết luận hội nghị, đồng chí /);
    expect(a.body).not.toMatch(/<script|undefined|null|NaN/);

    // Three to five key figures, each written in the body, each the analytics API's own figure for the same dx/ou/pe.
    expect(a.figures.length).toBeGreaterThanOrEqual(3);
    expect(a.figures.length).toBeLessThanOrEqual(5);
    for (const f of a.figures as { code: string; period: string; orgUnit: string; value: number; text: string; name: string }[]) {
      expect(text).toContain(`${f.name}: ${f.text}.`);
      const api = await s.app.inject({ method: 'GET', url: `/api/analytics?dimension=dx:${f.code}&dimension=ou:${f.orgUnit}&dimension=pe:${f.period}`, headers: office });
      expect(api.statusCode, api.body.slice(0, 200)).toBe(200);
      const row = (api.json().rows as string[][]).find((x) => x[0] === f.code && x[2] === f.period);
      expect(row, f.code).toBeDefined();
      expect(Number(row![3]), f.code).toBe(f.value);
      // …and written as the API's number, the Vietnamese way.
      const dx = await s.db.one<{ uom: string | null; decimals: number | null }>(
        `SELECT uom, NULL::int AS decimals FROM data_elements WHERE code = $1 UNION ALL SELECT uom, decimals FROM indicators WHERE code = $1`, [f.code],
      );
      const shown = f.text.replace(/%$/, '').replace(new RegExp(` ${dx.uom ?? ''}$`), '');
      const decimals = shown.split(',')[1]?.length ?? 0;
      expect(shown, f.code).toBe(formatNumber(Number(row![3]), { decimals }));
      expect(parseVietnameseNumber(shown)).not.toBeNull();
    }
    expect(a.figures.some((f: { text: string }) => /^\d{1,3}(\.\d{3})+( |$)/.test(f.text) || /,\d%$/.test(f.text))).toBe(true);
    const events = await s.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'news_article' AND entity_id = $1`, [String(a.id)]);
    expect(events.map((e) => e.action)).toEqual(['news.draft_from_conference']);
  }, 60_000);

  it('drafts an interim conference without provincial leader or awards, and in the old department\'s name before 03/2025', async () => {
    const c = await conferenceOf('2024Q1');
    const r = await draft(c.id);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(201);
    expect(r.json().title).toBe('Sở Thông tin và Truyền thông tổ chức Hội nghị sơ kết công tác quý I năm 2024 và triển khai nhiệm vụ quý II năm 2024');
    expect(bodyText(r.json().body)).not.toMatch(/khen thưởng|Dự và chỉ đạo|Phát biểu chỉ đạo/);
  }, 60_000);

  it('refuses a conference not yet concluded (409), and the director, who does not write (403); an unknown one is 404', async () => {
    const next = await s.db.one<{ id: number }>(`SELECT id FROM conferences WHERE status NOT IN ('concluded','closed') ORDER BY id LIMIT 1`);
    const r = await draft(next.id);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/chưa ban hành thông báo kết luận/);
    expect((await draft((await conferenceOf('2025')).id, director)).statusCode).toBe(403);
    expect((await draft(999_999)).statusCode).toBe(404);
  });
});
