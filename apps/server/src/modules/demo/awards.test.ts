import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit-chain.js';
import { factsRepo } from '../awards/facts.repository.js';
import { DEMO_PASSWORD, type SeedDemoResult } from './seed.js';
import { demoTestServer, loginAs, type TestServer } from '../../test/server.js';

// The demo's promises for emulation and commendation (issue 11, "Demo"), as of Sunday 22/11/2026.
const TODAY = '2026-11-22';
let s: TestServer;
let seeded: SeedDemoResult;
let office: { cookie: string };

beforeAll(async () => {
  ({ seeded, ...s } = await demoTestServer({ today: TODAY }));
  office = await loginAs(s.app, 'vanphong', DEMO_PASSWORD);
}, 240_000);
afterAll(() => s?.close());

const count = async (sql: string, params: unknown[] = []) => (await s.db.one<{ n: number }>(sql, params)).n;
const get = (url: string) => s.app.inject({ method: 'GET', url, headers: office });

/** Longest run of consecutive years. */
const longestRun = (years: number[]) => {
  let best = 0;
  let run = 0;
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  sorted.forEach((y, i) => {
    run = i > 0 && sorted[i - 1] === y - 1 ? run + 1 : 1;
    best = Math.max(best, run);
  });
  return best;
};

type Nomination = { id: number; person_id: number | null; org_unit_id: number | null; award_code: string; year: number; status: string; eligible: boolean;
  registered: boolean | null; override_reason: string | null; eligibility: { checks: { code: string; passed: boolean; severity: string; evidence: string; conditional: boolean }[] } };
const nominations = (year: number) => s.db.query<Nomination>(
  `SELECT id, person_id, org_unit_id, award_code, year, status, eligible, registered, override_reason, eligibility FROM award_nominations WHERE year = $1 ORDER BY id`, [year]);

describe('the demo awards', () => {
  it('holds the history of about 60 people and 20 collectives since 2019, with their ratings and initiatives', async () => {
    const c = seeded.counts;
    expect(c.awardRecords).toBeGreaterThan(300);
    expect(c.awardRecords).toBeLessThan(1000);
    expect(c.awardRecords).toBe(await count('SELECT count(*)::int AS n FROM award_records'));
    const people = await count('SELECT count(DISTINCT person_id)::int AS n FROM award_records');
    expect(people).toBeGreaterThanOrEqual(50);
    expect(people).toBeLessThanOrEqual(75);
    const units = await count('SELECT count(DISTINCT org_unit_id)::int AS n FROM award_records');
    expect(units).toBeGreaterThanOrEqual(15);
    expect(units).toBeLessThanOrEqual(30);
    expect(await count('SELECT min(year)::int AS n FROM award_records')).toBe(2019);
    for (const code of ['LDTT', 'CSTD_CS', 'CSTD_TINH', 'GK_SO', 'BK_UBND_TINH', 'BK_BO', 'KNC', 'TTLDTT', 'TTLDXS', 'CO_TINH'])
      expect(await count('SELECT count(*)::int AS n FROM award_records WHERE award_code = $1', [code]), code).toBeGreaterThan(0);
    // decision numbers of the department's series: Sở TT&TT before the merger, Sở KH&CN after it
    expect(await count(`SELECT count(*)::int AS n FROM award_records WHERE decision_number LIKE '%/QĐ-STTTT' AND decision_date >= '2025-03-01'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM award_records WHERE decision_number LIKE '%/QĐ-SKHCN' AND decision_date < '2025-03-01'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM award_records WHERE decision_number LIKE '%/QĐ-STTTT'`)).toBeGreaterThan(50);
    expect(await count(`SELECT count(*)::int AS n FROM award_records WHERE decision_number LIKE '%/QĐ-SKHCN'`)).toBeGreaterThan(5);
    // former district powers pass to the commune chair from 01/07/2025
    expect(await count(`SELECT count(*)::int AS n FROM award_records WHERE authority LIKE '%huyện%' AND decision_date >= '2025-07-01'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM award_records WHERE authority LIKE 'Chủ tịch Ủy ban nhân dân xã%' AND year = 2025`)).toBeGreaterThan(0);
    // ratings follow the titles: a CSTĐ cơ sở had an excellent year, a Lao động tiên tiến at least a good one
    expect(await count(`SELECT count(*)::int AS n FROM award_records r LEFT JOIN award_ratings g ON g.person_id = r.person_id AND g.year = r.year
      WHERE r.award_code = 'CSTD_CS' AND g.rating IS DISTINCT FROM 'xuat_sac'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM award_records r LEFT JOIN award_ratings g ON g.person_id = r.person_id AND g.year = r.year
      WHERE r.award_code = 'LDTT' AND (g.rating IS NULL OR g.rating NOT IN ('xuat_sac', 'tot'))`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM award_records r LEFT JOIN award_ratings g ON g.org_unit_id = r.org_unit_id AND g.year = r.year
      WHERE r.award_code = 'TTLDXS' AND g.rating IS DISTINCT FROM 'xuat_sac'`)).toBe(0);
    expect(c.awardRatings).toBeGreaterThan(300);
    for (const scope of ['co_so', 'tinh', 'toan_quoc'])
      expect(await count('SELECT count(*)::int AS n FROM award_initiatives WHERE scope = $1', [scope]), scope).toBeGreaterThan(0);
    expect(await count('SELECT count(*)::int AS n FROM award_initiatives WHERE used_by_record_id IS NOT NULL')).toBeGreaterThanOrEqual(3);
    expect(await count('SELECT count(*)::int AS n FROM award_initiatives WHERE used_by_record_id IS NULL AND used_by_nomination_id IS NULL')).toBeGreaterThanOrEqual(5);
  });

  it('has chains of CSTĐ cơ sở of every length from 1 to 6 years, and broken ones', async () => {
    const rows = await s.db.query<{ person_id: number; years: number[] }>(
      `SELECT person_id, array_agg(year ORDER BY year) AS years FROM award_records WHERE award_code = 'CSTD_CS' GROUP BY person_id`);
    const lengths = new Set(rows.map((r) => longestRun(r.years)));
    for (let n = 1; n <= 6; n++) expect(lengths.has(n), `chain of ${n}`).toBe(true);
    expect(rows.some((r) => longestRun(r.years) < r.years.length)).toBe(true);
  });

  it('finished the 2025 round: the council voted, the director signed, the register and the certificates follow', async () => {
    const n2025 = await nominations(2025);
    expect(n2025.length).toBeGreaterThanOrEqual(15);
    expect(n2025.filter((n) => n.status === 'decided').length).toBeGreaterThanOrEqual(15);
    expect(n2025.some((n) => n.status === 'not_approved')).toBe(true);
    for (const n of n2025.filter((x) => x.status === 'decided')) expect(n.eligible || n.override_reason !== null).toBe(true);
    const meeting = await s.db.one<{ id: number; status: string; members_total: number; present: number; minutes_seq: number }>(
      `SELECT id, status, members_total, present, minutes_seq FROM award_meetings WHERE year = 2025`);
    expect(meeting.status).toBe('closed');
    expect(meeting.present * 3).toBeGreaterThanOrEqual(meeting.members_total * 2);
    expect(await count(`SELECT count(*)::int AS n FROM award_ballots WHERE meeting_id = $1 AND passed IS NULL`, [meeting.id])).toBe(0);
    const decisions = await s.db.query<{ id: number; number: string; decision_date: string; issuer_kind: string; conference_id: number | null; docx: Buffer | null }>(
      `SELECT id, number, decision_date::text AS decision_date, issuer_kind, conference_id, docx FROM award_decisions WHERE award_year = 2025 AND status = 'issued' ORDER BY id`);
    const own = decisions.filter((d) => d.issuer_kind === 'department');
    expect(own.length).toBe(2);
    for (const d of own) {
      expect(d.number).toMatch(/^\d{2}\/QĐ-SKHCN$/);
      expect(d.decision_date.startsWith('2026-01')).toBe(true);
      expect(d.docx?.length ?? 0).toBeGreaterThan(1000);
      // handed out at the annual 2025 conference
      expect(await count(`SELECT count(*)::int AS n FROM conferences WHERE id = $1 AND kind = 'annual' AND period = '2025'`, [d.conference_id])).toBe(1);
    }
    expect(decisions.some((d) => d.issuer_kind === 'external' && /\/QĐ-UBND$/.test(d.number))).toBe(true);
    // recording the decisions wrote the register: one record per line, with its money
    expect(await count(`SELECT count(*)::int AS n FROM award_decision_lines l JOIN award_decisions d ON d.id = l.decision_id
      WHERE d.award_year = 2025 AND (l.record_id IS NULL OR l.amount IS NULL OR l.amount % 10000 <> 0)`)).toBe(0);
    expect(seeded.counts.awardRecordsFromDecisions).toBe(await count(`SELECT count(*)::int AS n FROM award_records WHERE source = 'decision' AND year = 2025`));
    // the Giấy khen: the certificates of the second decision render, one page per recipient
    const gk = own.find((d) => d.number.startsWith('02/'))!;
    const res = await get(`/api/awards/decisions/${gk.id}/certificates?format=docx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const lines = await s.db.query<{ name: string }>(`SELECT coalesce(p.full_name, u.name) AS name FROM award_decision_lines l LEFT JOIN people p ON p.id = l.person_id
      LEFT JOIN org_units u ON u.id = l.org_unit_id WHERE l.decision_id = $1`, [gk.id]);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(xml).toContain(l.name);
    // the khối thi đua of the radio stations: ranking published, its leader's Giấy khen decided
    const cluster = await s.db.one<{ id: number; published_at: Date | null }>(`SELECT id, published_at FROM award_clusters WHERE year = 2025`);
    expect(cluster.published_at).not.toBeNull();
    expect(await count(`SELECT count(*)::int AS n FROM award_cluster_scores s JOIN award_cluster_criteria c ON c.id = s.criterion_id WHERE c.cluster_id = $1`, [cluster.id]))
      .toBeGreaterThanOrEqual(16);
    expect(n2025.some((n) => n.org_unit_id !== null && n.award_code === 'GK_SO' && n.status === 'decided')).toBe(true);
    // the conference record lists what was handed out, as the decisions say
    const conference = own[0].conference_id!;
    const minutes = (await get(`/api/conferences/${conference}/minutes`)).json() as { content: { items: { title: string; text: string }[] } };
    const awardsItem = minutes.content.items.find((i) => /khen thưởng/iu.test(i.title));
    const handed = (await get(`/api/awards/conferences/${conference}`)).json() as { lines: string[] };
    // (the department's own decisions of January; the province's, recorded in spring, came after the record)
    const own2025 = handed.lines.filter((l) => l.includes('/QĐ-SKHCN'));
    expect(own2025.length).toBeGreaterThan(0);
    for (const line of own2025) expect(awardsItem?.text).toContain(`- ${line}`);
  });

  it('has the 2026 round in progress: registrations, nominations that pass and fail, a flagged collective, an override with its reason', async () => {
    const units = await count('SELECT count(*)::int AS n FROM award_registrations WHERE year = 2026');
    expect(units).toBeGreaterThanOrEqual(5);
    const n2026 = await nominations(2026);
    expect(n2026.length).toBeGreaterThanOrEqual(8);
    expect(n2026.every((n) => !['decided', 'approved'].includes(n.status))).toBe(true);
    const failed = (n: Nomination) => n.eligibility.checks.filter((c) => !c.passed && c.severity === 'block').map((c) => c.code);
    const tinh = n2026.filter((n) => n.award_code === 'CSTD_TINH');
    const pass = tinh.find((n) => n.eligible)!;
    expect(pass).toBeDefined();
    expect(pass.eligibility.checks.find((c) => c.code === 'chuoi_cstd_cs')?.conditional).toBe(true);
    const gap = tinh.find((n) => failed(n).includes('chuoi_cstd_cs'))!;
    expect(gap.eligible).toBe(false);
    expect(gap.eligibility.checks.find((c) => c.code === 'chuoi_cstd_cs')!.evidence).toMatch(/Thiếu năm 2024/);
    const used = tinh.find((n) => failed(n).includes('sang_kien_tinh'))!;
    expect(used.eligibility.checks.find((c) => c.code === 'sang_kien_tinh')!.evidence).toMatch(/đã dùng cho/);
    // a collective that did not register is flagged
    expect(n2026.some((n) => n.org_unit_id !== null && n.registered === false)).toBe(true);
    // the office let one go on, with a written reason, audited
    const overridden = n2026.find((n) => n.override_reason !== null)!;
    expect(overridden.eligible).toBe(false);
    expect(overridden.status).toBe('accepted');
    expect(overridden.override_reason!.length).toBeGreaterThan(40);
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'nomination.override' AND entity_id = $1`, [String(overridden.id)])).toBe(1);
    expect(n2026.some((n) => n.status === 'returned')).toBe(true);
    expect(n2026.some((n) => n.status === 'accepted' && n.eligible)).toBe(true);
  });

  it('answers the eligibility API for a demo person as their history says', async () => {
    const n = (await nominations(2026)).find((x) => x.award_code === 'CSTD_TINH' && x.eligible)!;
    const years = (await s.db.query<{ year: number; decision_number: string }>(
      `SELECT year, decision_number FROM award_records WHERE person_id = $1 AND award_code = 'CSTD_CS' ORDER BY year`, [n.person_id])).map((r) => r.year);
    expect(years).toEqual(expect.arrayContaining([2024, 2025]));
    const r = await get(`/api/awards/eligibility?person=${n.person_id}&title=CSTD_TINH&year=2026`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { eligible: boolean; checks: { rule: string; passed: boolean; evidence: string; basis: string }[] };
    // asked outside the nomination, the provincial initiative is held by that nomination: the answer says so
    expect(body.eligible).toBe(false);
    const initiative = body.checks.find((c) => /sáng kiến phạm vi tỉnh/i.test(c.rule))!;
    expect(initiative.passed).toBe(false);
    expect(initiative.evidence).toMatch(/đã dùng cho Chiến sĩ thi đua cấp tỉnh năm 2026/);
    const chain = body.checks.find((c) => /03 lần liên tục/.test(c.rule))!;
    expect(chain.passed).toBe(true);
    expect(chain.evidence).toMatch(/2024/);
    expect(chain.evidence).toMatch(/2025/);
    expect(chain.basis).toMatch(/Luật Thi đua, khen thưởng/);
    // next year (2027) the chain needs 2025, 2026 and 2027: without a 2026 title yet, it is not there
    const next = (await get(`/api/awards/eligibility?person=${n.person_id}&title=CSTD_TINH&year=2027`)).json() as typeof body;
    expect(next.eligible).toBe(false);
    // a person with CSTĐ cơ sở 2024 and 2025 decided is eligible for the Bằng khen's chain
    const bk = (await get(`/api/awards/eligibility?person=${n.person_id}&title=BK_UBND_TINH&year=2025`)).json() as typeof body;
    expect(bk.checks.find((c) => /02 lần liên tục/.test(c.rule))?.passed).toBe(true);
  });

  it('keeps the history of merged units through the lineage', async () => {
    const unit = await s.db.one<{ id: number }>(`SELECT id FROM org_units WHERE code = 'VL-X03-DTT'`);
    const facts = (await factsRepo.units(s.db, [unit.id], { year: 2026, date: '2026-12-31' })).get(unit.id)!;
    const inherited = facts.awards.filter((a) => a.via);
    expect(inherited.map((a) => a.code)).toEqual(expect.arrayContaining(['CO_TINH', 'TTLDXS']));
  });

  it('dated everything on the business clock, nothing after today, the audit chain intact', async () => {
    const bound = `${TODAY}T07:30:00+07:00`;
    for (const [table, cols] of Object.entries({
      award_nominations: 'greatest(created_at, updated_at, evaluated_at, override_at)', award_decisions: 'greatest(created_at, updated_at, issued_at)',
      award_registrations: 'greatest(registered_at, updated_at)', award_meetings: 'greatest(created_at, updated_at, closed_at)', award_records: 'created_at',
      award_initiatives: 'greatest(created_at, updated_at)', award_clusters: 'greatest(created_at, updated_at, published_at)',
    })) expect(await count(`SELECT count(*)::int AS n FROM ${table} WHERE ${cols} > $1::timestamptz`, [bound]), table).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type LIKE 'award%' AND at > $1::timestamptz`, [bound])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type LIKE 'award%' AND at < '2025-01-01'`)).toBe(0);
    expect(seeded.counts.awardAuditEvents).toBe(await count(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type LIKE 'award%'`));
    expect(await verifyAuditChain(s.db)).toMatchObject({ ok: true });
  });
});
