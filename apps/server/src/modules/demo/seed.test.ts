import { checkRule, isWorkingDay, parsePeriod, workingDaysAfter } from '@nhip/contracts';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit-chain.js';
import type { Db } from '../../platform/db/index.js';
import { testDb } from '../../test/server.js';
import { DAYS_AFTER_PERIOD } from '../conferences/conferences.service.js';
import { conferenceTasks } from '../conferences/invitations.service.js';
import { type SeedDemoResult, seedDemo } from './seed.js';

async function seeded(today: string) {
  const { db, close } = await testDb();
  const t0 = performance.now();
  const result = await seedDemo(db, { today });
  const ms = Math.round(performance.now() - t0);
  console.log(`seedDemo(${today}) on ${db.kind}: ${ms} ms`, result.counts);
  return { db, close, result, ms };
}

const count = async (db: Db, sql: string, params: unknown[] = []) => (await db.one<{ n: number }>(sql, params)).n;
const FIBRE_TOTAL = `SELECT coalesce(sum(v.num_value), 0)::float AS n FROM data_values v JOIN data_elements de ON de.id = v.data_element_id
  JOIN submissions s ON s.id = v.submission_id WHERE de.code = 'THON_CAPQUANG' AND v.period = $1 AND s.status = 'approved'`;

/** The open round of BC-VHTT-Q whose period ended most recently before today. */
const RECENT_ROUND = `SELECT r.id, r.period, r.deadline FROM reporting_rounds r JOIN report_forms f ON f.id = r.form_id
  WHERE f.code = 'BC-VHTT-Q' AND r.status = 'open' AND r.period_end < $1 ORDER BY r.period_end DESC LIMIT 1`;

async function checkCommon(db: Db, result: SeedDemoResult, today: string) {
  const c = result.counts;
  expect(c.districts).toBeGreaterThanOrEqual(7);
  expect(c.dataElements).toBeGreaterThanOrEqual(45);
  expect(c.indicators).toBeGreaterThanOrEqual(8);
  expect(c.enterprises).toBeGreaterThanOrEqual(3);
  expect(c.pressAgencies).toBe(2);
  expect(c.validationRules).toBeGreaterThanOrEqual(8);
  expect(await count(db, `SELECT count(*)::int AS n FROM org_units WHERE type = 'district'`)).toBe(c.districts);
  expect(await count(db, 'SELECT count(*)::int AS n FROM data_elements')).toBe(c.dataElements);
  expect(await count(db, 'SELECT count(*)::int AS n FROM data_values')).toBe(c.dataValues);
  // one form with 40+ fields, every form 2–5 sections
  expect(await count(db, 'SELECT max(n)::int AS n FROM (SELECT count(*) AS n FROM form_elements GROUP BY form_id) x')).toBeGreaterThanOrEqual(40);
  const sections = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM form_sections GROUP BY form_id');
  for (const s of sections) expect(s.n).toBeGreaterThanOrEqual(2);
  // paths are materialised and consistent with parents
  expect(await count(db, `SELECT count(*)::int AS n FROM org_units c JOIN org_units p ON p.id = c.parent_id
    WHERE c.path <> p.path || c.id || '/' OR c.level <> p.level + 1`)).toBe(0);
  // every post-2025 commune links to the old units it replaced
  const communes = await db.query<{ id: number; merges: number; transfers: number }>(
    `SELECT u.id, count(*) FILTER (WHERE l.kind = 'merge')::int AS merges, count(*) FILTER (WHERE l.kind = 'transfer')::int AS transfers
       FROM org_units u LEFT JOIN org_unit_lineage l ON l.unit_id = u.id
      WHERE u.type = 'commune' AND u.valid_from >= '2025-07-01' GROUP BY u.id`,
  );
  expect(communes.length).toBeGreaterThanOrEqual(6);
  for (const x of communes) expect(x.transfers).toBeGreaterThan(0);
  expect(communes.filter((x) => x.merges > 0).length).toBeGreaterThanOrEqual(5);
  expect(await count(db, `SELECT count(*)::int AS n FROM org_unit_lineage l JOIN org_units u ON u.id = l.unit_id WHERE u.code = 'VL-SKHCN'`)).toBe(1);
  // nothing happened after today
  expect(await count(db, `SELECT count(*)::int AS n FROM submissions WHERE greatest(created_at, updated_at, submitted_at, reviewed_at) > ($1::date + 1)::timestamptz`, [today])).toBe(0);
  // closed rounds: every assigned unit in operation during the period has an approved report
  expect(await count(db, `SELECT count(*)::int AS n FROM reporting_rounds r JOIN form_units fu ON fu.form_id = r.form_id
      JOIN org_units u ON u.id = fu.org_unit_id AND u.valid_from <= r.period_end AND (u.valid_to IS NULL OR u.valid_to >= r.period_start)
      LEFT JOIN submissions s ON s.round_id = r.id AND s.org_unit_id = u.id
     WHERE r.status = 'closed' AND (s.id IS NULL OR s.status <> 'approved')`)).toBe(0);
  // named accounts
  const names = result.accounts.map((a) => a.username);
  for (const u of ['vanphong', 'thamdinh', 'giamdoc', 'baocao', 'lanhdao', 'khach', 'baocao.dn']) expect(names).toContain(u);
  expect(names).not.toContain('admin');
}

/** The people directory: believable size, every account linked, dated memberships that never overlap. */
async function checkPeople(db: Db, result: SeedDemoResult, today: string) {
  const c = result.counts;
  expect(c.people).toBeGreaterThanOrEqual(280);
  expect(c.people).toBeLessThanOrEqual(500);
  expect(await count(db, 'SELECT count(*)::int AS n FROM people')).toBe(c.people);
  expect(await count(db, 'SELECT count(*)::int AS n FROM person_memberships')).toBe(c.personMemberships);
  // every account but admin is a person
  expect(await count(db, `SELECT count(*)::int AS n FROM users u WHERE u.username <> 'admin' AND NOT EXISTS (SELECT 1 FROM people p WHERE p.user_id = u.id)`)).toBe(0);
  // no two memberships of a person share a day; none outlives its unit or starts after today
  expect(await count(db, `SELECT count(*)::int AS n FROM person_memberships a JOIN person_memberships b ON a.person_id = b.person_id AND a.id < b.id
    AND a.valid_from <= coalesce(b.valid_to, 'infinity') AND b.valid_from <= coalesce(a.valid_to, 'infinity')`)).toBe(0);
  expect(await count(db, `SELECT count(*)::int AS n FROM person_memberships m JOIN org_units u ON u.id = m.org_unit_id
    WHERE m.valid_from < u.valid_from OR (u.valid_to IS NOT NULL AND coalesce(m.valid_to, 'infinity') > u.valid_to) OR m.valid_from > $1`, [today])).toBe(0);
  // every unit in force today (the districts themselves aside) has staff, heads first
  expect(await count(db, `SELECT count(*)::int AS n FROM org_units u WHERE u.type <> 'district' AND u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to >= $1)
    AND NOT EXISTS (SELECT 1 FROM person_memberships m WHERE m.org_unit_id = u.id AND m.valid_from <= $1 AND (m.valid_to IS NULL OR m.valid_to >= $1))`, [today])).toBe(0);
  const at = (username: string) => db.one<{ code: string; position: string }>(`SELECT o.code, m.position FROM users u JOIN people p ON p.user_id = u.id
    JOIN person_memberships m ON m.person_id = p.id AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2) JOIN org_units o ON o.id = m.org_unit_id
    WHERE u.username = $1`, [username, today]);
  const dept = today < '2025-03-01' ? 'VL-STTTT' : 'VL-SKHCN';
  expect(await at('giamdoc')).toEqual({ code: dept, position: 'Giám đốc Sở' });
  expect(await at('vanphong')).toEqual({ code: 'VL-VP', position: 'Phó Chánh Văn phòng' });
  expect(await at('thamdinh')).toEqual({ code: 'VL-BCVT', position: 'Phó Trưởng phòng' });
  expect(await at('khach')).toEqual({ code: 'VL', position: 'Phó Chủ tịch UBND tỉnh' });
  expect(await count(db, `SELECT count(*)::int AS n FROM person_memberships m JOIN org_units o ON o.id = m.org_unit_id
    WHERE o.code = $1 AND m.position = 'Phó Giám đốc Sở' AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)`, [dept, today])).toBeGreaterThanOrEqual(2);
  // history: retirements, people who left, promotions within a unit
  const reasons = await db.query<{ end_reason: string; n: number }>(`SELECT end_reason, count(*)::int AS n FROM person_memberships WHERE end_reason IS NOT NULL GROUP BY 1 ORDER BY 1`);
  expect(reasons.map((r) => r.end_reason)).toEqual(['left', 'moved', 'retired']);
}

/** Periods a conference reviews from 2022 on, with the day it is held (three working days after the period ends). */
function conferencePeriods(today: string, holidays: string[]): { period: string; date: string }[] {
  const out: { period: string; date: string }[] = [];
  for (let y = 2022; y <= Number(today.slice(0, 4)); y++)
    for (const period of [`${y}Q1`, `${y}S1`, `${y}N1`, `${y}`]) out.push({ period, date: workingDaysAfter(parsePeriod(period)!.end, DAYS_AFTER_PERIOD, holidays) });
  return out;
}

const holidaysOf = async (db: Db) => (await db.one<{ value: string[] }>(`SELECT value FROM settings WHERE key = 'holidays'`)).value;

/** Dates of the demo that are working days (deadlines, what people do at work): none falls on a public holiday. */
const WORKING_DATES: [table: string, column: string][] = [
  ['reporting_rounds', 'deadline'], ['reporting_rounds', 'created_at'], ['submissions', 'created_at'], ['submissions', 'submitted_at'], ['submissions', 'reviewed_at'],
  ['conferences', 'starts_at'], ['conferences', 'rsvp_deadline'], ['conferences', 'created_at'], ['conference_invitations', 'sent_at'],
  ['conference_invitations', 'responded_at'], ['conference_presentations', 'due_at'], ['conference_presentations', 'uploaded_at'], ['conference_notices', 'issued_at'],
  ['conference_minutes_revisions', 'edited_at'], ['conference_points', 'created_at'], ['conference_points', 'deadline'], ['audit_events', 'at'], ['notifications', 'created_at'],
];
async function checkNoHolidays(db: Db) {
  const holidays = await holidaysOf(db);
  // Vietnam's public holidays are the demo's setting, 2022 to 2027
  for (const d of ['2022-02-01', '2023-09-04', '2024-04-29', '2025-05-02', '2026-02-17', '2027-01-01']) expect(holidays).toContain(d);
  expect(holidays.every((d) => isWorkingDay(d))).toBe(true); // the weekdays off; a holiday on a weekend counts by its day in lieu
  const found: string[] = [];
  for (const [table, column] of WORKING_DATES) {
    const rows = await db.query<{ d: string }>(
      `SELECT DISTINCT d::text AS d FROM (SELECT CASE WHEN pg_typeof(${column})::text = 'date' THEN ${column}::date
                                                ELSE (${column}::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END AS d FROM ${table}) x
        WHERE d = ANY($1::date[])`, [holidays]);
    found.push(...rows.map((r) => `${table}.${column} ${r.d}`));
  }
  expect(found).toEqual([]);
}

/**
 * The conferences: one per period since 2022 held and concluded (a notice issued, as a real .docx), chaired by the
 * director then, with the department, units and people in being that day; the next one invited.
 */
async function checkConferences(db: Db, result: SeedDemoResult, today: string) {
  const c = result.counts;
  const holidays = await holidaysOf(db);
  const schedule = conferencePeriods(today, holidays);
  const held = schedule.filter((x) => x.date < today);
  const next = schedule.find((x) => x.date >= today)!;
  const rows = await db.query<{ id: number; period: string; kind: string; status: string; day: string; dept: string; chair: string | null }>(
    `SELECT c.id, c.period, c.kind, c.status, to_char(c.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, d.code AS dept,
            (SELECT m.position FROM person_memberships m WHERE m.person_id = c.chair_person_id AND m.org_unit_id = c.department_id
              AND m.valid_from <= (c.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND (m.valid_to IS NULL OR m.valid_to >= (c.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)) AS chair
       FROM conferences c JOIN org_units d ON d.id = c.department_id ORDER BY c.starts_at`);
  expect(rows.map((r) => [r.period, r.day])).toEqual([...held, next].map((x) => [x.period, x.date]));
  expect(c.conferences).toBe(rows.length);
  for (const r of rows) {
    expect(r.dept).toBe(r.day < '2025-03-01' ? 'VL-STTTT' : 'VL-SKHCN');
    expect(r.chair).toBe('Giám đốc Sở');
    expect(r.kind).toBe(/^\d{4}$/.test(r.period) ? 'annual' : 'interim');
    expect(isWorkingDay(r.day, holidays)).toBe(true);
  }
  // every conference held is concluded (or closed a year on) and has its notice, a real .docx in the kit's form
  expect(rows.slice(0, -1).map((r) => r.status).every((s) => s === 'concluded' || s === 'closed')).toBe(true);
  expect(rows.at(-1)!.status).toBe('invited');
  expect(c.conferencesConcluded).toBe(held.length);
  expect(await count(db, `SELECT count(*)::int AS n FROM conferences c WHERE c.status IN ('concluded','closed')
    AND NOT EXISTS (SELECT 1 FROM conference_notices n WHERE n.conference_id = c.id AND n.version = 1)`)).toBe(0);
  const notice = await db.one<{ number: string; docx: Buffer; period: string }>(`SELECT n.number, n.docx, c.period FROM conference_notices n
    JOIN conferences c ON c.id = n.conference_id ORDER BY c.starts_at DESC, n.version DESC LIMIT 1`);
  const xml = await (await JSZip.loadAsync(Buffer.from(notice.docx))).file('word/document.xml')!.async('string');
  expect(xml).toContain('THÔNG BÁO');
  expect(xml).toContain(`${notice.number.split('/')[0]}/TB-`);
  expect(xml).toContain('Kết luận của Giám đốc Sở');
  // one notice reissued with its reason; the first version stays
  const reissued = await db.query<{ version: number; reason: string | null }>(`SELECT version, reason FROM conference_notices
    WHERE conference_id IN (SELECT conference_id FROM conference_notices WHERE version > 1) ORDER BY version`);
  expect(reissued.map((n) => n.version)).toEqual([1, 2]);
  expect(reissued[1].reason).toMatch(/\S/);
  // annual conferences: a provincial vice-chairman gives the directive; interim ones have no directive item
  expect(await count(db, `SELECT count(*)::int AS n FROM conferences c WHERE c.kind = 'annual'
    AND NOT EXISTS (SELECT 1 FROM conference_guests g WHERE g.conference_id = c.id AND g.gives_directive AND g.position LIKE 'Phó Chủ tịch UBND tỉnh%')`)).toBe(0);
  expect(await count(db, `SELECT count(*)::int AS n FROM conferences c JOIN conference_points p ON p.conference_id = c.id
    WHERE c.kind = 'interim' AND p.source = 'directive'`)).toBe(0);
  // every conference has guests from the province's bodies, named as those bodies were that day (the propaganda board
  // merged with mass mobilisation on 01/03/2025); an annual one more of them, and no guest is also a delegate
  const guests = await db.query<{ period: string; kind: string; day: string; n: number; positions: string[]; directive: number; delegates: number }>(
    `SELECT c.period, c.kind, to_char(c.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, count(g.id)::int AS n,
            coalesce(array_agg(g.position ORDER BY g.sort) FILTER (WHERE g.id IS NOT NULL), '{}') AS positions, count(g.id) FILTER (WHERE g.gives_directive)::int AS directive,
            (SELECT count(*)::int FROM conference_delegates d JOIN conference_guests g2 ON g2.conference_id = d.conference_id AND g2.full_name = d.full_name WHERE d.conference_id = c.id) AS delegates
       FROM conferences c LEFT JOIN conference_guests g ON g.conference_id = c.id GROUP BY c.id ORDER BY c.starts_at`);
  for (const g of guests) {
    expect(g.n, g.period).toBeGreaterThanOrEqual(g.kind === 'annual' ? 3 : 1);
    expect(g.directive, g.period).toBe(g.kind === 'annual' ? 1 : 0);
    expect(g.delegates, g.period).toBe(0);
    expect(g.positions.every((p) => p.trim() !== ''), g.period).toBe(true);
    const board = g.positions.find((p) => p.includes('Ban Tuyên giáo'));
    if (board) expect(board.includes('Ban Tuyên giáo và Dân vận'), `${g.period}: ${board}`).toBe(g.day >= '2025-03-01');
  }
  // invited units, delegates and presenters are in being, and in their unit, on the conference day
  expect(await count(db, `SELECT count(*)::int AS n FROM conference_invitations i JOIN conferences c ON c.id = i.conference_id JOIN org_units u ON u.id = i.org_unit_id
    WHERE u.valid_from > (c.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date OR u.valid_to < (c.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`)).toBe(0);
  expect(await count(db, `SELECT count(*)::int AS n FROM conference_delegates d JOIN conferences c ON c.id = d.conference_id
    WHERE d.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person_memberships m WHERE m.person_id = d.person_id AND m.org_unit_id = d.org_unit_id
      AND m.valid_from <= (c.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AND (m.valid_to IS NULL OR m.valid_to >= (c.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))`)).toBe(0);
  // each held conference: four presentations with their files, most delegates checked in and a walk-in or two,
  // the discussion from the period's reports (ticked) and from the floor, tasks owned by divisions, minutes revised
  const perHeld = await db.query<{ id: number; files: number; delegates: number; checked: number; walk: number; reported: number; raised: number; floor: number;
    tasks: number; bad_tasks: number; revisions: number }>(
    `SELECT c.id,
       (SELECT count(*) FROM conference_presentations p WHERE p.conference_id = c.id AND p.file_sha256 IS NOT NULL AND p.file_mime IN
         ('application/pdf','application/vnd.openxmlformats-officedocument.wordprocessingml.document','application/vnd.openxmlformats-officedocument.presentationml.presentation'))::int AS files,
       (SELECT count(*) FROM conference_delegates d WHERE d.conference_id = c.id AND NOT d.walk_in)::int AS delegates,
       (SELECT count(*) FROM conference_delegates d WHERE d.conference_id = c.id AND d.checked_in_at IS NOT NULL)::int AS checked,
       (SELECT count(*) FROM conference_delegates d WHERE d.conference_id = c.id AND d.walk_in AND d.checked_in_at IS NOT NULL)::int AS walk,
       (SELECT count(*) FROM conference_discussion_items i WHERE i.conference_id = c.id AND i.source = 'report'
         AND EXISTS (SELECT 1 FROM conference_discussion_units du JOIN submissions s ON s.id = du.submission_id WHERE du.item_id = i.id AND s.status = 'approved'))::int AS reported,
       (SELECT count(*) FROM conference_discussion_items i WHERE i.conference_id = c.id AND i.source = 'report' AND i.raised AND i.speaker_person_id IS NOT NULL)::int AS raised,
       (SELECT count(*) FROM conference_discussion_items i WHERE i.conference_id = c.id AND i.source = 'floor')::int AS floor,
       (SELECT count(*) FROM conference_points p WHERE p.conference_id = c.id AND p.kind = 'task')::int AS tasks,
       (SELECT count(*) FROM conference_points p LEFT JOIN org_units o ON o.id = p.owner_division_id WHERE p.conference_id = c.id AND p.kind = 'task'
         AND (o.type IS DISTINCT FROM 'division' OR p.deadline <= (c.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))::int AS bad_tasks,
       (SELECT count(*) FROM conference_minutes_revisions m WHERE m.conference_id = c.id)::int AS revisions
     FROM conferences c WHERE c.status <> 'invited'`);
  expect(perHeld.length).toBe(held.length);
  for (const x of perHeld) {
    expect(x.files).toBe(4);
    expect(x.checked / (x.delegates + x.walk)).toBeGreaterThan(0.8);
    expect(x.walk).toBeGreaterThanOrEqual(1);
    expect(x.reported).toBeGreaterThan(10);
    expect(x.raised).toBeGreaterThanOrEqual(4);
    expect(x.floor).toBeGreaterThanOrEqual(2);
    expect(x.tasks).toBeGreaterThanOrEqual(3);
    expect(x.bad_tasks).toBe(0);
    expect(x.revisions).toBeGreaterThanOrEqual(1);
  }
  // the next conference: invitations out, answers partly in (one declined with its reason), presentations partly in
  const up = rows.at(-1)!;
  const answers = await db.query<{ status: string; n: number; reasons: number }>(`SELECT status, count(*)::int AS n, count(decline_reason)::int AS reasons
    FROM conference_invitations WHERE conference_id = $1 AND sent_at IS NOT NULL GROUP BY status ORDER BY status`, [up.id]);
  expect(answers.map((a) => a.status)).toEqual(['accepted', 'declined', 'pending']);
  expect(answers.find((a) => a.status === 'declined')).toMatchObject({ n: 1, reasons: 1 });
  expect(await count(db, `SELECT count(*)::int AS n FROM conference_delegates WHERE conference_id = $1 AND checked_in_at IS NULL`, [up.id])).toBeGreaterThan(3);
  const asked = await db.one<{ asked: number; uploaded: number }>(`SELECT count(*)::int AS asked, count(file_name)::int AS uploaded
    FROM conference_presentations WHERE conference_id = $1`, [up.id]);
  expect(asked.asked).toBeGreaterThanOrEqual(2);
  expect(asked.uploaded).toBeGreaterThanOrEqual(1);
  expect(asked.uploaded).toBeLessThan(asked.asked);
  // nothing is dated after today, and the audit chain holds the conferences' events
  const bound = `${today}T07:30:00+07:00`;
  expect(await count(db, `SELECT count(*)::int AS n FROM audit_events WHERE at > $1::timestamptz`, [bound])).toBe(0);
  expect(await count(db, `SELECT count(*)::int AS n FROM notifications WHERE created_at > $1::timestamptz`, [bound])).toBe(0);
  expect(await count(db, `SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'conference.%'`)).toBeGreaterThan(c.conferenceDelegates);
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  return up;
}

async function checkApprovedValues(db: Db) {
  const els = await db.query<{ code: string; min_value: number | null; max_value: number | null }>('SELECT code, min_value, max_value FROM data_elements');
  const bounds = new Map(els.map((e) => [e.code, e]));
  const rules = await db.query<{ code: string; left_expr: string; operator: 'le'; right_expr: string; missing_value_strategy: 'SKIP_IF_ANY_VALUE_MISSING' }>(
    `SELECT code, left_expr, operator, right_expr, missing_value_strategy FROM validation_rules WHERE importance = 'error' AND active`,
  );
  const rows = await db.query<{ submission_id: number; code: string; num_value: number | null; value: string }>(
    `SELECT v.submission_id, de.code, v.num_value, v.value FROM data_values v JOIN data_elements de ON de.id = v.data_element_id
       JOIN submissions s ON s.id = v.submission_id WHERE s.status = 'approved'`,
  );
  expect(rows.length).toBeGreaterThan(5000);
  const bySub = new Map<number, Map<string, number>>();
  const failures: string[] = [];
  for (const r of rows) {
    const b = bounds.get(r.code);
    if (r.num_value !== null && b) {
      if (b.min_value !== null && r.num_value < b.min_value) failures.push(`${r.code}=${r.value} < min`);
      if (b.max_value !== null && r.num_value > b.max_value) failures.push(`${r.code}=${r.value} > max`);
    }
    if (r.num_value !== null) {
      const m = bySub.get(r.submission_id) ?? new Map<string, number>();
      m.set(r.code, r.num_value);
      bySub.set(r.submission_id, m);
    }
  }
  for (const [sub, values] of bySub)
    for (const rule of rules) {
      const res = checkRule({ left: rule.left_expr, operator: rule.operator, right: rule.right_expr, importance: 'error', message: '', missingValueStrategy: rule.missing_value_strategy }, values);
      if (res.status === 'fail') failures.push(`submission ${sub}: ${rule.code} ${res.leftValue} vs ${res.rightValue}`);
    }
  expect(failures.slice(0, 10)).toEqual([]);
}

describe('seedDemo, today 2026-11-22', () => {
  let a: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    a = await seeded('2026-11-22');
  });
  afterAll(async () => {
    await a?.close();
  });

  it('loads the province, catalog and history', async () => {
    await checkCommon(a.db, a.result, '2026-11-22');
    const dep = await a.db.one<{ value: { code: string } }>(`SELECT value FROM settings WHERE key = 'org.department'`);
    expect(dep.value.code).toBe('VL-SKHCN');
  });

  it('staffs every unit, and the 2025 reforms move people', async () => {
    await checkPeople(a.db, a.result, '2026-11-22');
    // baocao and lanhdao came from the district culture office to the new commune on 01/07/2025
    const careers = await a.db.query<{ username: string; code: string; position: string; valid_from: string; valid_to: string | null; end_reason: string | null }>(
      `SELECT u.username, o.code, m.position, m.valid_from, m.valid_to, m.end_reason FROM users u JOIN people p ON p.user_id = u.id
         JOIN person_memberships m ON m.person_id = p.id JOIN org_units o ON o.id = m.org_unit_id
        WHERE u.username IN ('baocao', 'lanhdao') ORDER BY u.username, m.valid_from`);
    expect(careers.filter((x) => x.username === 'baocao').map((x) => [x.code, x.valid_from, x.valid_to, x.end_reason])).toEqual([
      ['VL-H02-VHTT', '2015-08-01', '2025-06-30', 'moved'], ['VL-X03', '2025-07-01', null, null],
    ]);
    expect(careers.filter((x) => x.username === 'lanhdao').map((x) => x.position)).toEqual(['Phó Trưởng phòng', 'Trưởng phòng', 'Phó Chủ tịch UBND xã']);
    // the department's leaders continue in the merged department; no one is still in a closed district unit
    expect(await count(a.db, `SELECT count(DISTINCT m.person_id)::int AS n FROM person_memberships m JOIN org_units o ON o.id = m.org_unit_id
      WHERE o.code = 'VL-STTTT' AND m.valid_to = '2025-02-28' AND m.end_reason = 'moved'`)).toBe(3);
    const moved = await count(a.db, `SELECT count(*)::int AS n FROM person_memberships m JOIN org_units o ON o.id = m.org_unit_id
      WHERE o.type IN ('district_office', 'media_centre') AND m.valid_to = '2025-06-30' AND m.end_reason = 'moved'`);
    expect(moved).toBeGreaterThan(60);
    // every new commune has its chairman
    expect(await count(a.db, `SELECT count(*)::int AS n FROM org_units o WHERE o.type = 'commune' AND o.valid_from = '2025-07-01'
      AND NOT EXISTS (SELECT 1 FROM person_memberships m WHERE m.org_unit_id = o.id AND m.position LIKE 'Chủ tịch UBND%' AND m.valid_to IS NULL)`)).toBe(0);
  });

  it('approved values respect bounds and every error rule', async () => {
    await checkApprovedValues(a.db);
  });

  it('holds a conference for every period since 2022, and plans the annual 2026 one for early January 2027', async () => {
    const up = await checkConferences(a.db, a.result, '2026-11-22');
    expect(up).toMatchObject({ period: '2026', kind: 'annual', status: 'invited' });
    expect(up.day >= '2027-01-01' && up.day <= '2027-01-10').toBe(true);
    expect(await count(a.db, `SELECT count(*)::int AS n FROM conference_presentations WHERE conference_id = $1`, [up.id])).toBe(4);
    expect(await count(a.db, `SELECT count(*)::int AS n FROM conference_presentations WHERE conference_id = $1 AND file_name IS NOT NULL`, [up.id])).toBe(2);
    // the department merged, then the district level ended: who is invited follows
    const types = async (period: string) => (await a.db.query<{ type: string }>(`SELECT DISTINCT u.type FROM conference_invitations i JOIN conferences c ON c.id = i.conference_id
      JOIN org_units u ON u.id = i.org_unit_id WHERE c.period = $1 ORDER BY 1`, [period])).map((r) => r.type);
    expect(await types('2024')).toEqual(['district_office', 'enterprise', 'it_centre', 'media_centre', 'press_agency', 'radio_station']);
    expect(await types('2025')).toEqual(['commune', 'enterprise', 'it_centre', 'press_agency', 'radio_station']);
    // baocao's home page: an invitation to answer and a presentation to send
    const baocao = await a.db.one<{ id: number; org_unit_id: number }>(`SELECT id, org_unit_id FROM users WHERE username = 'baocao'`);
    const tasks = await conferenceTasks(a.db, { id: baocao.id, role: 'reporter', orgUnitId: baocao.org_unit_id });
    expect(tasks.map((t) => [t.kind, t.status])).toEqual([['rsvp', 'pending'], ['presentation', 'requested']]);
  });

  it('keeps Vietnam\'s public holidays: no deadline, conference or day at work falls on one, nor the 2026 conference\'s reply date on 01/01/2027', async () => {
    await checkNoHolidays(a.db);
    const up = await a.db.one<{ day: string; rsvp: string }>(`SELECT to_char(starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day,
      to_char(rsvp_deadline AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS rsvp FROM conferences WHERE period = '2026'`);
    expect(up).toEqual({ day: '2027-01-06', rsvp: '2027-01-04' });
  });

  it('the most recent finished round has every status, and the current one a few drafts', async () => {
    const round = await a.db.one<{ id: number; period: string }>(RECENT_ROUND, ['2026-11-22']);
    expect(round.period).toBe('2026Q3');
    const statuses = (await a.db.query<{ status: string }>('SELECT DISTINCT status FROM submissions WHERE round_id = $1', [round.id])).map((r) => r.status);
    expect(statuses.sort()).toEqual(['approved', 'draft', 'returned', 'submitted']);
    expect(await count(a.db, `SELECT count(*)::int AS n FROM form_units fu JOIN reporting_rounds r ON r.form_id = fu.form_id JOIN org_units u ON u.id = fu.org_unit_id
      WHERE r.id = $1 AND u.valid_from <= r.period_end AND (u.valid_to IS NULL OR u.valid_to >= r.period_start)
        AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.round_id = r.id AND s.org_unit_id = u.id)`, [round.id])).toBeGreaterThan(0);
    expect(await count(a.db, `SELECT count(*)::int AS n FROM submissions s JOIN reporting_rounds r ON r.id = s.round_id
      WHERE r.id = $1 AND s.submitted_at > r.deadline`, [round.id])).toBeGreaterThan(0);
    expect(await count(a.db, `SELECT count(*)::int AS n FROM submissions s JOIN reporting_rounds r ON r.id = s.round_id JOIN report_forms f ON f.id = r.form_id
      WHERE f.code = 'BC-VHTT-Q' AND r.period = '2026Q4' AND r.status = 'open' AND s.status = 'draft'`)).toBeGreaterThanOrEqual(2);
    // baocao's unit has something to do in an open round; thamdinh reviews that form
    const mine = await a.db.query<{ status: string }>(`SELECT s.status FROM users u JOIN submissions s ON s.org_unit_id = u.org_unit_id
      JOIN reporting_rounds r ON r.id = s.round_id WHERE u.username = 'baocao' AND r.status = 'open' AND s.status IN ('draft','returned')`);
    expect(mine.length).toBeGreaterThan(0);
    expect(await count(a.db, `SELECT count(*)::int AS n FROM users u JOIN report_forms f ON f.division_id = u.org_unit_id WHERE u.username = 'thamdinh' AND f.code = 'BC-VHTT-Q'`)).toBe(1);
    expect(await count(a.db, `SELECT count(*)::int AS n FROM audit_events WHERE action IN ('submission.approve','submission.return')`)).toBeGreaterThan(100);
    expect(await count(a.db, `SELECT count(*)::int AS n FROM notifications`)).toBeGreaterThan(5);
  });

  it('province totals: fibre villages near the seed figure, continuous across the 2025 reform', async () => {
    const last = await a.db.one<{ period: string }>(`SELECT max(r.period) AS period FROM reporting_rounds r JOIN report_forms f ON f.id = r.form_id
      WHERE f.code = 'BC-VHTT-Q' AND r.status = 'closed' AND r.period LIKE '%Q4'`);
    expect(last.period).toBe('2025Q4');
    const total = await count(a.db, FIBRE_TOTAL, [last.period]);
    expect(total).toBeGreaterThanOrEqual(1400);
    expect(total).toBeLessThanOrEqual(1800);
    const q2 = await count(a.db, FIBRE_TOTAL, ['2025Q2']);
    const q3 = await count(a.db, FIBRE_TOTAL, ['2025Q3']);
    expect(q2).toBeGreaterThan(1400);
    expect(Math.abs(q3 - q2) / q2).toBeLessThan(0.1);
  });

  it('takes the 2025 annual report to signature (approved, 01/BC) and leaves 2026Q3 waiting for the director after a return', async () => {
    const rows = await a.db.query<{ period: string; state: string; number: string | null; doc_date: string | null; returned_comment: string | null; kinds: string }>(
      `SELECT r.period, r.state, r.number, to_char(r.doc_date, 'YYYY-MM-DD') AS doc_date, r.returned_comment,
              (SELECT string_agg(v.kind, ',' ORDER BY v.version) FROM summary_report_versions v WHERE v.report_id = r.id) AS kinds
         FROM summary_reports r ORDER BY r.period`);
    expect(rows).toEqual([
      { period: '2025', state: 'approved', number: '01', doc_date: '2026-01-06', returned_comment: null, kinds: 'compile,edit,submit,approve' },
      { period: '2026Q3', state: 'submitted', number: null, doc_date: null, returned_comment: expect.stringContaining('quý III năm 2026'), kinds: 'compile,submit,return,edit,submit' },
    ]);
    const audit = await a.db.query<{ action: string; at: string }>(
      `SELECT action, to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS at FROM audit_events WHERE entity_type = 'summary_report' ORDER BY id`);
    expect(audit.map((x) => x.action)).toEqual([
      'summary_report.create', 'summary_report.save', 'summary_report.submit', 'summary_report.approve',
      'summary_report.create', 'summary_report.submit', 'summary_report.return', 'summary_report.save', 'summary_report.submit',
    ]);
    expect(audit.every((x) => x.at < '2026-11-22')).toBe(true);
    const told = await a.db.query<{ kind: string; day: string }>(
      `SELECT kind, to_char(created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day FROM notifications WHERE kind LIKE 'summary_report.%' ORDER BY id`);
    expect(told.length).toBeGreaterThanOrEqual(3);
    expect(told.every((x) => x.day < '2026-11-22')).toBe(true);
  });

  it('is deterministic (a second fresh database gets identical values)', async () => {
    const b = await seeded('2026-11-22');
    try {
      const dump = (db: Db) =>
        db.query(`SELECT v.data_element_id, v.org_unit_id, v.period, v.value, v.submission_id, v.comment FROM data_values v ORDER BY 1, 2, 3`);
      const [x, y] = [await dump(a.db), await dump(b.db)];
      expect(y.length).toBe(x.length);
      expect(y).toEqual(x);
      const subs = (db: Db) => db.query(`SELECT id, round_id, org_unit_id, status, submitted_at, results FROM submissions ORDER BY id`);
      expect(await subs(b.db)).toEqual(await subs(a.db));
      expect(b.result.counts).toEqual(a.result.counts);
      const people = (db: Db) => db.query(`SELECT p.id, p.full_name, p.gender, p.birth_date, p.phone, p.email, p.user_id, p.note, p.created_at,
        m.org_unit_id, m.position, m.valid_from, m.valid_to, m.end_reason FROM people p JOIN person_memberships m ON m.person_id = p.id ORDER BY m.id`);
      expect(await people(b.db)).toEqual(await people(a.db));
      // conferences, delegates (their QR tickets are secrets, random), discussion and points
      const conferences = (db: Db) => db.query(`SELECT c.id, c.period, c.status, c.starts_at, c.started_at, c.ended_at, c.invitation_number, c.updated_at,
        (SELECT json_agg(json_build_object('unit', d.org_unit_id, 'person', d.person_id, 'walkIn', d.walk_in, 'in', d.checked_in_at) ORDER BY d.id) FROM conference_delegates d WHERE d.conference_id = c.id) AS delegates,
        (SELECT json_agg(json_build_object('text', i.text, 'raised', i.raised, 'speaker', i.speaker_person_id) ORDER BY i.position) FROM conference_discussion_items i WHERE i.conference_id = c.id) AS discussion,
        (SELECT json_agg(json_build_object('text', p.text, 'owner', p.owner_division_id, 'deadline', p.deadline) ORDER BY p.source, p.number) FROM conference_points p WHERE p.conference_id = c.id) AS points,
        (SELECT json_agg(n.number ORDER BY n.version) FROM conference_notices n WHERE n.conference_id = c.id) AS notices
        FROM conferences c ORDER BY c.id`);
      expect(await conferences(b.db)).toEqual(await conferences(a.db));
    } finally {
      await b.close();
    }
  }, 120_000);
});

describe('seedDemo, today 2025-05-10 (before the commune reform)', () => {
  let c: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    c = await seeded('2025-05-10');
  });
  afterAll(async () => {
    await c?.close();
  });

  it('loads a consistent history up to the day', async () => {
    await checkCommon(c.db, c.result, '2025-05-10');
    await checkApprovedValues(c.db);
    await checkPeople(c.db, c.result, '2025-05-10');
    // before the commune reform: nobody works in a new commune yet, and baocao is still at the district office
    expect(await count(c.db, `SELECT count(*)::int AS n FROM person_memberships WHERE valid_from > '2025-05-10'`)).toBe(0);
    const round = await c.db.one<{ id: number; period: string }>(RECENT_ROUND, ['2025-05-10']);
    expect(round.period).toBe('2025Q1');
    const statuses = (await c.db.query<{ status: string }>('SELECT DISTINCT status FROM submissions WHERE round_id = $1', [round.id])).map((r) => r.status);
    expect(statuses.sort()).toEqual(['approved', 'draft', 'returned', 'submitted']);
    expect(await count(c.db, `SELECT count(*)::int AS n FROM reporting_rounds WHERE period_start > '2025-05-10'`)).toBe(0);
    const baocao = await c.db.one<{ code: string }>(`SELECT o.code FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.username = 'baocao'`);
    expect(baocao.code).toBe('VL-H02-VHTT');
    const total = await count(c.db, FIBRE_TOTAL, ['2024Q4']);
    expect(total).toBeGreaterThanOrEqual(1400);
    expect(total).toBeLessThanOrEqual(1800);
  });

  it('keeps the public holidays free up to the day', async () => {
    await checkNoHolidays(c.db);
  });

  it('has held the conferences up to quarter I of 2025, and invites the communes to the six-month one of July', async () => {
    const up = await checkConferences(c.db, c.result, '2025-05-10');
    expect(up).toMatchObject({ period: '2025S1', kind: 'interim', status: 'invited', dept: 'VL-SKHCN' });
    expect(await count(c.db, `SELECT count(*)::int AS n FROM conference_invitations i JOIN org_units u ON u.id = i.org_unit_id
      WHERE i.conference_id = $1 AND u.type IN ('district_office', 'media_centre')`, [up.id])).toBe(0);
  });
});
