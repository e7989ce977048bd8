/**
 * Demo awards (thi đua, khen thưởng): what the office of Tỉnh Vân Lĩnh's department would hold after years of paper
 * history and two rounds in Nhịp.
 *
 * - History from 2019 (rows as given, in bulk, like a spreadsheet import): about 60 people of the department and of the
 *   former district-level units, and about 20 collectives. Lao động tiên tiến most years, chains of Chiến sĩ thi đua cơ
 *   sở of every length from 1 to 6 years (some broken), a few Chiến sĩ thi đua cấp tỉnh, Giấy khen, Bằng khen of the
 *   provincial chairman and of the minister, Kỷ niệm chương for long service; Tập thể lao động tiên tiến / xuất sắc and
 *   a Cờ thi đua for collectives. Each decision is numbered in its authority's series: "…/QĐ-STTTT" before 01/03/2025,
 *   "…/QĐ-SKHCN" after, "…/QĐ-UBND" for the district, commune and provincial chairs (the commune chair takes over the
 *   former district's powers from 01/07/2025). Annual ratings for everyone, consistent with the titles.
 * - Initiatives of each scope (cơ sở, tỉnh, toàn quốc), some already used by an award, some free.
 * - The last finished round (achievements of the year before `today`'s, decided in early January) through the module's
 *   services: registrations at the start of the year, the khối thi đua of the radio stations scored and published and
 *   its leader proposed, nominations checked by the rule engine, accepted and approved, the council's meeting with its
 *   paper tallies, the director's decisions issued (their .docx, the reward money, the register written) for the annual
 *   conference, and the provincial chairman's decision recorded as received.
 * - The round in progress (`today`'s year): registrations (not every unit registered) and, from November, nominations
 *   of several kinds: some pass, a Chiến sĩ thi đua cấp tỉnh missing a year of its chain and one whose initiative is
 *   already used are blocked, a collective without registration is flagged, one is returned to its unit, one goes on
 *   with the office's written override.
 * - Collectives of the former district level keep their history through the lineage links: the radio station of a
 *   merged commune inherits the titles of the stations and the media centre it replaced.
 *
 * The services run on the business clock: their audit events are dated at the step (gathered, written in time order at
 * the end), and the rows they stamp with now() (the seed's one transaction time) are dated at the step too. Nothing
 * happens after 07:30 on `today`. Deterministic: every choice comes from rngFor.
 */
import type { Actor, Rating } from '@nhip/contracts';
import type { AuditActor } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { createCluster, enterScores, proposeLeader, publishCluster } from '../awards/cluster.service.js';
import { closeMeeting, createCouncil, createMeeting, openMeeting, recordTally, updateMeeting } from '../awards/council.service.js';
import { createDecision, issueDecision } from '../awards/decision.service.js';
import { recompileMinutes } from '../conferences/minutes.service.js';
import { createNomination, overrideNomination, transition } from '../awards/nominations.service.js';
import { saveRegistration } from '../awards/registrations.service.js';
import { addDays, backToWorkingDay, diffDays, isWorkday, toWorkingDay, vnDateOf, vnTime } from './dates.js';
import { DEPT_MERGE_DATE, type Org, type Unit } from './org.js';
import type { DemoPerson, People } from './people.js';
import { type AuditRow, dated, writeAudit } from './audit-sink.js';
import { type Rng, rngFor } from './rng.js';
import { allocIds, insertRows } from './sql.js';
import type { DemoUser, Users } from './users.js';

export type AwardsCounts = {
  awardRecords: number;
  awardRecordsFromDecisions: number;
  awardRatings: number;
  awardInitiatives: number;
  awardNominations: number;
  awardDecisions: number;
  awardClusters: number;
  /** Audit events of the awards rounds. */
  awardAuditEvents: number;
};

const FIRST_YEAR = 2019;
/** The division the department proposes as Tập thể lao động tiên tiến in the finished round (its people for Lao động tiên tiến). */
const TTLDTT_F = new Set(['VL-BCVT']);
/** Rules are in force from 01/01/2024 (Law 06/2022/QH15, Decree 98/2023): rounds through the services start there. */
const FIRST_SERVICE_YEAR = 2024;

// ───────────── the business clock (audit-sink.ts) ─────────────

/**
 * The columns the awards services (and notify) stamp with now(). The whole seed is one transaction, so now() is one
 * instant: after each step, whatever carries it was written by that step and is dated at the step instead.
 */
const STAMPED: Record<string, string[]> = {
  award_nominations: ['created_at', 'updated_at', 'evaluated_at', 'override_at'],
  award_registrations: ['registered_at', 'updated_at'],
  award_initiatives: ['created_at', 'updated_at'],
  award_records: ['created_at'],
  award_clusters: ['created_at', 'updated_at', 'published_at'],
  award_cluster_scores: ['entered_at'],
  award_councils: ['created_at'],
  award_meetings: ['created_at', 'updated_at', 'closed_at'],
  award_ballots: ['recorded_at'],
  award_decisions: ['created_at', 'updated_at', 'issued_at'],
};
const restamp = (at: Date, notifies: boolean) => {
  const ts = `'${at.toISOString()}'::timestamptz`;
  return Object.entries(notifies ? { ...STAMPED, notifications: ['created_at'] } : STAMPED)
    .map(([t, cols]) => `UPDATE ${t} SET ${cols.map((c) => `${c} = CASE WHEN ${c} = now() THEN ${ts} ELSE ${c} END`).join(', ')} WHERE now() IN (${cols.join(', ')})`)
    .join(';\n');
};

type Who = Actor & { by: AuditActor };
const whoOf = (u: DemoUser): Who => ({ id: u.id, role: u.role as Actor['role'], orgUnitId: u.unit.id, by: { id: u.id, name: u.username } });

type Ctx = {
  db: Db; org: Org; people: People; today: string; nowBound: number; audit: AuditRow[]; office: Who; director: Who; reporters: Map<string, Who>;
};

/**
 * Runs a service step at `at` (skipped when after 07:30 on today): audit events and now() stamps dated then (the
 * notifications too for a step that `notifies`: publishing a ranking, closing a meeting, issuing a decision).
 */
async function step<T>(ctx: Ctx, at: number, fn: (db: Db, day: string) => Promise<T>, notifies = false): Promise<T | null> {
  if (at > ctx.nowBound) return null;
  const out = await fn(dated(ctx.db, new Date(at), ctx.audit), vnDateOf(at));
  await ctx.db.exec(restamp(new Date(at), notifies));
  return out;
}

const versionOf = async (db: Db, table: 'award_nominations' | 'award_meetings' | 'award_decisions' | 'award_clusters', id: number) =>
  (await db.one<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id])).version;

/** A working-hours instant on the working day on or after `day`. */
const moment = (day: string, r: Rng, from = 8, to = 16) => vnTime(toWorkingDay(day), r.int(from, to), r.int(0, 59));
/** The `n`th working day after `day`. */
function workdaysAfter(day: string, n: number): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkday(d)) left--;
  }
  return d;
}
function workdaysBefore(day: string, n: number): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (isWorkday(d)) left--;
  }
  return d;
}

// ───────────── who awards what (history as given) ─────────────

const DEPT_TYPES = new Set(['department', 'division', 'it_centre']);
const deptOn = (date: string) => (date < DEPT_MERGE_DATE ? { name: 'Sở Thông tin và Truyền thông', short: 'STTTT' } : { name: 'Sở Khoa học và Công nghệ', short: 'SKHCN' });
const ministryOn = (date: string) =>
  date < DEPT_MERGE_DATE ? { name: 'Bộ trưởng Bộ Thông tin và Truyền thông', short: 'BTTTT' } : { name: 'Bộ trưởng Bộ Khoa học và Công nghệ', short: 'BKHCN' };
/** "huyện Khê Thượng", "xã Khê Trung", "phường Vân Lĩnh": the local government a unit answers to. */
function localOf(org: Org, u: Unit): string {
  const byId = new Map(org.units.map((x) => [x.code, x]));
  let cur: Unit | undefined = u;
  while (cur && cur.type !== 'district' && cur.type !== 'commune') cur = cur.parentCode ? byId.get(cur.parentCode) : undefined;
  if (!cur) return 'tỉnh Vân Lĩnh';
  return cur.name.charAt(0).toLocaleLowerCase('vi') + cur.name.slice(1);
}

type Decider = { authority: string; short: string };
/** Who decided a title of year `year` for a subject whose unit that year was `u`, on `date`. */
function deciderOf(org: Org, code: string, u: Unit, date: string): Decider {
  if (['CSTD_TINH', 'TTLDXS', 'CO_TINH', 'BK_UBND_TINH'].includes(code)) return { authority: 'Chủ tịch Ủy ban nhân dân tỉnh', short: 'UBND' };
  if (code === 'BK_BO' || code === 'KNC') {
    const m = ministryOn(date);
    return { authority: m.name, short: m.short };
  }
  if (DEPT_TYPES.has(u.type) || code === 'GK_SO') return { authority: `Giám đốc ${deptOn(date).name}`, short: deptOn(date).short };
  // Local titles: the district or commune chair; from 01/07/2025 the commune chair holds the former district's powers.
  return { authority: `Chủ tịch Ủy ban nhân dân ${localOf(org, u)}`, short: 'UBND' };
}

/** When a year's titles were decided: early January for the annual titles, the provincial ones in spring. */
function decisionDateOf(code: string, year: number, key: string): string {
  const r = rngFor('award-date', year, key);
  if (['CSTD_TINH', 'TTLDXS', 'CO_TINH', 'BK_UBND_TINH'].includes(code)) return toWorkingDay(`${year + 1}-0${r.int(3, 4)}-${String(r.int(2, 25)).padStart(2, '0')}`);
  if (code === 'BK_BO') return toWorkingDay(`${year + 1}-0${r.int(2, 5)}-${String(r.int(2, 25)).padStart(2, '0')}`);
  if (code === 'KNC') return toWorkingDay(`${year}-${r.pick(['08', '09', '11'])}-${String(r.int(2, 25)).padStart(2, '0')}`);
  return toWorkingDay(`${year + 1}-01-0${r.int(2, 6)}`);
}

// ───────────── the plan ─────────────

type Rec = { personId: number | null; unitId: number | null; code: string; year: number; note?: string | null };
type Init = { title: string; year: number; scope: 'co_so' | 'tinh' | 'toan_quoc'; authors: number[]; unitId: number | null; usedBy: Rec | null };

const INITIATIVE_TITLES: Record<string, string[]> = {
  dept: [
    'Xây dựng kho dữ liệu dùng chung phục vụ báo cáo thống kê của ngành',
    'Quy trình tiếp nhận, xử lý phản ánh về chất lượng dịch vụ viễn thông trên môi trường điện tử',
    'Bộ công cụ rà soát cấp độ an toàn hệ thống thông tin cho cơ quan cấp xã',
    'Số hóa hồ sơ cấp phép hoạt động bưu chính, rút ngắn thời gian giải quyết thủ tục',
    'Giải pháp giám sát tập trung vận hành Trung tâm dữ liệu tỉnh',
    'Mô hình tổ công nghệ số cộng đồng gắn với điểm phục vụ bưu chính',
    'Ứng dụng bản đồ số quản lý hạ tầng trạm phát sóng dùng chung',
    'Chuẩn hóa quy trình biên tập bản tin thông tin cơ sở hằng tháng',
    'Phần mềm theo dõi tiến độ xử lý văn bản đến của Văn phòng Sở',
    'Hệ thống nhắc hạn báo cáo định kỳ qua tin nhắn cho đơn vị cấp xã',
    'Quy trình phối hợp kiểm tra hoạt động in, phát hành xuất bản phẩm',
    'Cổng hỏi đáp trực tuyến về thủ tục hành chính lĩnh vực thông tin và truyền thông',
  ],
  local: [
    'Chuyển đổi cụm loa truyền thanh có dây sang truyền thanh ứng dụng công nghệ thông tin – viễn thông',
    'Chuyên mục phát thanh song ngữ Việt – Tày phục vụ đồng bào vùng cao',
    'Lịch tiếp sóng và phát lại chương trình theo khung giờ sinh hoạt của thôn bản',
    'Sổ tay tuyên truyền chuyển đổi số cho tổ công nghệ số cộng đồng cấp xã',
    'Mô hình "Loa thôn bản" kết hợp nhóm Zalo thông tin cơ sở',
    'Quy trình bảo dưỡng định kỳ hệ thống loa truyền thanh không dây',
  ],
};

/** A person's CSTĐ cơ sở pattern, relative to the finished round F: the years of the title. */
type Pattern = { key: string; years: (F: number) => number[]; from: (F: number) => number; needsToday?: boolean };
const PATTERNS: Pattern[] = [
  { key: 'six', years: (F) => [F - 5, F - 4, F - 3, F - 2, F - 1, F], from: (F) => F - 5 }, // CSTĐ tỉnh F−3 (history), Bằng khen UBND tỉnh in round F
  { key: 'five', years: (F) => [F - 4, F - 3, F - 2, F - 1, F], from: (F) => F - 4 },
  { key: 'four', years: (F) => [F - 3, F - 2, F - 1, F], from: (F) => F - 3 }, // Bằng khen of the minister F−2 (national initiative)
  { key: 'four-old', years: (F) => [F - 6, F - 5, F - 4, F - 3], from: (F) => F - 6 },
  { key: 'three', years: (F) => [F - 2, F - 1, F], from: (F) => F - 2 }, // CSTĐ tỉnh in round F (provincial initiative)
  { key: 'three-old', years: (F) => [F - 4, F - 3, F - 2], from: (F) => F - 4 },
  { key: 'pass', years: (F) => [F - 1, F], from: (F) => F - 1, needsToday: true }, // CSTĐ tỉnh next round: passes
  { key: 'used', years: (F) => [F - 1, F], from: (F) => F - 1, needsToday: true }, // … blocked: its provincial initiative is used
  { key: 'gap', years: (F) => [F - 2, F], from: (F) => F - 2, needsToday: true }, // … blocked: the chain misses F−1
  { key: 'broken', years: (F) => [F - 6, F - 5, F - 3, F - 2, F - 1], from: (F) => F - 6 },
  { key: 'one', years: (F) => [F], from: (F) => F },
  { key: 'one-old', years: (F) => [F - 2], from: (F) => F - 2 },
  { key: 'two-old', years: (F) => [F - 3, F - 2], from: (F) => F - 3 },
  { key: 'fail-vote', years: () => [], from: (F) => F }, // proposed for F, not passed by the council
];

export async function seedAwards(db: Db, org: Org, users: Users, people: People, today: string): Promise<AwardsCounts> {
  const Y = Number(today.slice(0, 4));
  const nowBound = vnTime(today, 7, 30);
  // The finished round: the latest year from 2024 whose annual conference (where its awards are handed out) was held.
  const annuals = await db.query<{ id: number; period: string; day: string }>(
    `SELECT id, period, to_char(starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day FROM conferences WHERE kind = 'annual' ORDER BY period`);
  const held = annuals.filter((c) => Number(c.period) >= FIRST_SERVICE_YEAR && c.day < today).at(-1) ?? null;
  const F = held ? Number(held.period) : Y - 1;
  const P = F + 1;
  const servicesF = held !== null;
  const ctx: Ctx = {
    db, org, people, today, nowBound, audit: [], office: whoOf(users.byName('vanphong')), director: whoOf(users.byName('giamdoc')),
    reporters: new Map(users.all.filter((u) => u.role === 'reporter' && !u.named && u.active).map((u) => [u.unit.code, whoOf(u)])),
  };

  // ── who: people of the department, and of the former district level ──
  const inPost = (p: DemoPerson, date: string) => people.positionOn(p, date);
  const activeIn = (p: DemoPerson, year: number) => {
    const end = inPost(p, `${year}-12-31`) ?? (year === Y ? inPost(p, today) : null);
    return end !== null && inPost(p, `${year}-04-01`) !== null ? end : null;
  };
  const endOfF = servicesF ? `${F}-12-31` : today;
  const isDept = (p: DemoPerson) => {
    const x = inPost(p, endOfF);
    return x !== null && DEPT_TYPES.has(x.unit.type) && inPost(p, today) !== null && DEPT_TYPES.has(inPost(p, today)!.unit.type);
  };
  const dept = people.all.filter(isDept).sort((a, b) => rngFor('award-pick', a.id).float() - rngFor('award-pick', b.id).float() || a.id - b.id);
  const LOCAL_TYPES = new Set(['district_office', 'media_centre', 'radio_station', 'commune']);
  const local = people.all
    .filter((p) => !dept.includes(p) && [2022, 2023].every((y) => activeIn(p, y) && LOCAL_TYPES.has(activeIn(p, y)!.unit.type)))
    .sort((a, b) => rngFor('award-pick', a.id).float() - rngFor('award-pick', b.id).float() || a.id - b.id)
    .slice(0, 18);
  const chosen = [...dept.slice(0, 42), ...local];

  // ── CSTĐ cơ sở patterns for the department's people ──
  const pattern = new Map<number, Pattern>();
  const longIn = (p: DemoPerson, from: number) => [from, F].every((y) => activeIn(p, Math.max(y, FIRST_YEAR)) && DEPT_TYPES.has(activeIn(p, Math.max(y, FIRST_YEAR))!.unit.type));
  for (const pat of PATTERNS) {
    const p = dept.find((x) => !pattern.has(x.id) && longIn(x, pat.from(F)) && (!pat.needsToday || inPost(x, today) !== null));
    if (p) pattern.set(p.id, pat);
  }
  const byKey = (k: string) => [...pattern.entries()].find(([, v]) => v.key === k)?.[0] ?? null;

  // ── the history, year by year ──
  const records: Rec[] = [];
  const push = (x: Rec) => {
    if (!records.some((y) => y.personId === x.personId && y.unitId === x.unitId && y.code === x.code && y.year === x.year)) records.push(x);
  };
  const ratings = new Map<string, { personId: number | null; unitId: number | null; year: number; rating: Rating }>();
  const initiatives: Init[] = [];
  const rate = (personId: number | null, unitId: number | null, year: number, rating: Rating) =>
    ratings.set(`${personId ?? `u${unitId}`}|${year}`, { personId, unitId, year, rating });
  /** Titles of year F for the department's people come from round F's decisions (when it runs through the services). */
  const viaRound = (p: DemoPerson, year: number) => servicesF && year === F && DEPT_TYPES.has(activeIn(p, year)?.unit.type ?? '');
  const planF = new Map<number, string[]>(); // person → codes nominated in round F
  const wantF = (p: DemoPerson, code: string) => planF.set(p.id, [...(planF.get(p.id) ?? []), code]);

  for (const p of chosen) {
    const r = rngFor('award-person', p.id);
    const strength = r.float(); // how good a worker, year after year
    const pat = pattern.get(p.id);
    const cstd = new Set(pat ? pat.years(F) : []);
    if (!pat && strength > 0.8 && !dept.includes(p)) {
      // the former district's best: a chain of their own
      const end = r.int(2021, Math.min(F, 2025));
      const len = r.int(1, 3);
      for (let y = end - len + 1; y <= end; y++) cstd.add(y);
    }
    for (let year = FIRST_YEAR; year <= F; year++) {
      const at = activeIn(p, year);
      if (!at) continue;
      let rating: Rating;
      if (cstd.has(year)) rating = 'xuat_sac';
      else {
        const x = rngFor('award-rating', p.id, year).float() * 0.6 + strength * 0.4;
        rating = x > 0.62 ? 'xuat_sac' : x > 0.22 ? 'tot' : x > 0.08 ? 'hoan_thanh' : 'khong_hoan_thanh';
        // the division proposed as Tập thể lao động tiên tiến in round F: everyone did at least well that year
        if (viaRound(p, year) && TTLDTT_F.has(at.unit.code) && (rating === 'hoan_thanh' || rating === 'khong_hoan_thanh')) rating = 'tot';
      }
      rate(p.id, null, year, rating);
      if (viaRound(p, year)) {
        if (pat?.key === 'fail-vote') wantF(p, 'CSTD_CS');
        if (cstd.has(year)) wantF(p, 'CSTD_CS');
        continue;
      }
      if (rating === 'xuat_sac' || rating === 'tot') push({ personId: p.id, unitId: null, code: 'LDTT', year });
      if (cstd.has(year)) push({ personId: p.id, unitId: null, code: 'CSTD_CS', year });
    }
  }

  // Special awards of the patterns (history), with their initiatives.
  const homeUnit = (id: number, year: number) => activeIn(people.all.find((p) => p.id === id)!, year)?.unit.id ?? null;
  const initiative = (key: string, personId: number, year: number, scope: Init['scope'], usedBy: Rec | null, coAuthor: number | null = null) => {
    const titles = INITIATIVE_TITLES[dept.some((p) => p.id === personId) ? 'dept' : 'local'];
    const title = titles[(rngFor('initiative', key, personId).int(0, titles.length - 1) + initiatives.length) % titles.length];
    initiatives.push({ title: `${title}${initiatives.filter((i) => i.title.startsWith(title)).length ? ` (giai đoạn ${initiatives.filter((i) => i.title.startsWith(title)).length + 1})` : ''}`,
      year, scope, authors: coAuthor ? [personId, coAuthor] : [personId], unitId: homeUnit(personId, year), usedBy });
  };
  const six = byKey('six');
  if (six) {
    const rec: Rec = { personId: six, unitId: null, code: 'CSTD_TINH', year: F - 3 };
    push(rec);
    initiative('six', six, F - 4, 'tinh', rec);
    if (servicesF) wantF(people.all.find((p) => p.id === six)!, 'BK_UBND_TINH');
    else push({ personId: six, unitId: null, code: 'BK_UBND_TINH', year: F - 1 });
  }
  const four = byKey('four');
  if (four) {
    const rec: Rec = { personId: four, unitId: null, code: 'BK_BO', year: F - 2 };
    push(rec);
    initiative('four', four, F - 2, 'toan_quoc', rec);
  }
  const fourOld = byKey('four-old');
  if (fourOld) push({ personId: fourOld, unitId: null, code: 'BK_UBND_TINH', year: F - 3 });
  const three = byKey('three');
  if (three) {
    initiative('three', three, F - 1, 'tinh', null);
    if (servicesF) wantF(people.all.find((p) => p.id === three)!, 'CSTD_TINH');
  }
  const threeOld = byKey('three-old');
  if (threeOld) {
    const rec: Rec = { personId: threeOld, unitId: null, code: 'CSTD_TINH', year: F - 2 };
    push(rec);
    initiative('three-old', threeOld, F - 3, 'tinh', rec);
  }
  const pass = byKey('pass');
  if (pass) initiative('pass', pass, F, 'tinh', null, byKey('one'));
  const used = byKey('used');
  if (used) {
    // its provincial initiative already supported its Chiến sĩ thi đua cơ sở of F−1
    const rec = records.find((x) => x.personId === used && x.code === 'CSTD_CS' && x.year === F - 1) ?? null;
    initiative('used', used, F - 1, 'tinh', rec);
  }
  const gap = byKey('gap');
  if (gap) initiative('gap', gap, F, 'tinh', null);
  const five = byKey('five');
  if (five) initiative('five', five, F, 'toan_quoc', null);
  // Unit-level initiatives: some supported a CSTĐ cơ sở, some are free.
  for (const p of chosen) {
    const r = rngFor('award-initiative', p.id);
    if (!r.chance(0.35)) continue;
    // one that supported a CSTĐ cơ sở of its year, or a free one
    const rec = r.chance(0.6) ? (records.find((x) => x.personId === p.id && x.code === 'CSTD_CS' && !initiatives.some((i) => i.usedBy === x)) ?? null) : null;
    const year = rec ? rec.year : r.int(FIRST_YEAR + 1, Math.min(F, Y));
    if (!activeIn(p, year)) continue;
    initiative('co-so', p.id, year, 'co_so', rec);
  }
  // Giấy khen and Bằng khen now and then; Kỷ niệm chương for the longest-serving.
  for (const p of chosen) {
    const r = rngFor('award-forms', p.id);
    if (r.chance(0.15)) {
      const year = r.int(FIRST_YEAR, F - 1);
      if (activeIn(p, year)) push({ personId: p.id, unitId: null, code: 'GK_SO', year, note: 'Khen thưởng chuyên đề' });
    }
  }
  const director = people.byUsername('giamdoc');
  if (director && activeIn(director, F - 2)) push({ personId: director.id, unitId: null, code: 'BK_BO', year: F - 2 });
  const senior = [...chosen].filter((p) => activeIn(p, F - 2))
    .sort((a, b) => a.memberships[0].validFrom.localeCompare(b.memberships[0].validFrom) || a.id - b.id).slice(0, 3);
  senior.forEach((p, i) => push({ personId: p.id, unitId: null, code: 'KNC', year: F - 3 + i, note: 'Có thời gian công tác trong ngành từ 20 năm trở lên' }));

  // ── collectives ──
  const u = (code: string) => org.byCode.get(code)!;
  const validAt = (x: Unit, date: string) => x.validFrom <= date && (x.validTo === null || x.validTo >= date);
  const collectives: Unit[] = [
    ...Object.values(org.division), org.itCentre,
    ...org.mediaCentres.slice(0, 5), ...org.oldRadios.slice(0, 6), ...org.newRadios.slice(0, 5),
  ];
  const unitTitles = new Map<string, string>(); // `${unitId}|${year}` → code
  for (const x of collectives) {
    for (let year = FIRST_YEAR; year <= F; year++) {
      if (!validAt(x, `${year}-12-31`)) continue;
      const v = rngFor('award-unit', x.code, year).float();
      const rating: Rating = v > 0.55 ? 'xuat_sac' : v > 0.12 || (year === F && TTLDTT_F.has(x.code)) ? 'tot' : 'hoan_thanh';
      rate(null, x.id, year, rating);
      if (servicesF && year === F && DEPT_TYPES.has(x.type)) continue; // round F
      if (rating === 'xuat_sac' && v > 0.8) unitTitles.set(`${x.id}|${year}`, 'TTLDXS');
      else if (rating !== 'hoan_thanh') unitTitles.set(`${x.id}|${year}`, 'TTLDTT');
    }
  }
  // The media centre of Khê Thượng led its khối in 2023: Cờ thi đua; its successor radio station keeps it (lineage).
  const keyCentre = u('VL-H02-TTVH');
  const keyRadio = u('VL-H02-X01-DTT');
  if (F >= 2024) {
    for (const [x, year, code] of [[keyCentre, 2022, 'TTLDTT'], [keyCentre, 2023, 'TTLDXS'], [keyRadio, 2023, 'TTLDTT'], [keyRadio, 2024, 'TTLDXS']] as const) {
      rate(null, x.id, year, code === 'TTLDXS' ? 'xuat_sac' : 'tot');
      unitTitles.set(`${x.id}|${year}`, code);
    }
    if (!collectives.includes(keyCentre)) collectives.push(keyCentre);
    if (!collectives.includes(keyRadio)) collectives.push(keyRadio);
    push({ personId: null, unitId: keyCentre.id, code: 'CO_TINH', year: 2023, note: 'Dẫn đầu Khối thi đua các Trung tâm Văn hóa, Thể thao và Truyền thông cấp huyện' });
  }
  // The radio stations of the khối thi đua of round F are all rated; its leader did excellently.
  const khoi = [...org.oldRadios, ...org.newRadios].filter((x) => validAt(x, `${F}-12-31`));
  khoi.forEach((x, i) => {
    if (i === 0) rate(null, x.id, F, 'xuat_sac');
    else if (!ratings.has(`u${x.id}|${F}`)) rate(null, x.id, F, rngFor('award-unit', x.code, F).chance(0.5) ? 'xuat_sac' : 'tot');
  });
  for (const [k, code] of unitTitles) {
    const [id, year] = k.split('|').map(Number);
    push({ personId: null, unitId: id, code, year });
  }

  // ── write the history ──
  const unitById = new Map(org.units.map((x) => [x.id, x]));
  const personById = new Map(people.all.map((p) => [p.id, p]));
  const subjectUnit = (r: Rec) => (r.unitId !== null ? unitById.get(r.unitId)! : activeIn(personById.get(r.personId!)!, r.year)!.unit);
  /** One decision of a body lists everyone it awarded a year's titles (or a form) to: the same date and number. */
  const body = (r: Rec) => (DEPT_TYPES.has(subjectUnit(r).type) || r.code === 'GK_SO' ? 'dept' : localOf(org, subjectUnit(r)));
  const dateOf = (r: Rec) => decisionDateOf(r.code, r.year, ['CSTD_TINH', 'TTLDXS', 'CO_TINH', 'BK_UBND_TINH', 'BK_BO', 'KNC'].includes(r.code) ? r.code : body(r));
  const written = records.filter((r) => dateOf(r) <= addDays(today, -1));
  const recIds = await allocIds(db, 'award_records', written.length);
  const idOf = new Map<Rec, number>();
  const numbers = new Map<string, number>();
  const LIST = new Set(['LDTT', 'CSTD_CS', 'TTLDTT']);
  const numberOf = (d: Decider, date: string, code: string) => {
    const k = `${d.authority}|${date}|${LIST.has(code) ? 'titles' : code}`;
    if (!numbers.has(k)) numbers.set(k, rngFor('award-number', k).int(d.short === 'UBND' ? 120 : 3, d.short === 'UBND' ? 2400 : 180));
    return `${numbers.get(k)}/QĐ-${d.short}`;
  };
  await insertRows(db, 'award_records',
    [['id', 'int'], ['person_id', 'int'], ['org_unit_id', 'int'], ['award_code', 'text'], ['year', 'int'], ['decision_number', 'text'], ['decision_date', 'date'],
      ['authority', 'text'], ['source', 'text'], ['note', 'text'], ['created_by', 'int'], ['created_at', 'timestamptz']],
    written.map((r, i) => {
      idOf.set(r, recIds[i]);
      const date = dateOf(r);
      const d = deciderOf(org, r.code, subjectUnit(r), date);
      // entered by the office from the paper register when Nhịp came (2022), or as each decision arrived since
      const entered = date < '2022-06-01' ? '2022-06-01' : addDays(date, rngFor('award-entered', recIds[i]).int(1, 12));
      return [recIds[i], r.personId, r.unitId, r.code, r.year, numberOf(d, date, r.code), date, d.authority, 'history', r.note ?? null, ctx.office.id,
        new Date(vnTime(entered > today ? today : entered, 9)).toISOString()];
    }));
  const ratingRows = [...ratings.values()];
  await insertRows(db, 'award_ratings',
    [['person_id', 'int'], ['org_unit_id', 'int'], ['year', 'int'], ['rating', 'text'], ['created_by', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    ratingRows.map((x) => {
      const at = new Date(vnTime(`${x.year + 1}` < today.slice(0, 4) || `${x.year + 1}-01-15` <= today ? `${x.year + 1}-01-15` : today, 9)).toISOString();
      return [x.personId, x.unitId, x.year, x.rating, ctx.office.id, at, at];
    }));
  const initIds = await allocIds(db, 'award_initiatives', initiatives.length);
  await insertRows(db, 'award_initiatives',
    [['id', 'int'], ['title', 'text'], ['year', 'int'], ['scope', 'text'], ['recognised_by', 'text'], ['decision_number', 'text'], ['org_unit_id', 'int'],
      ['used_by_record_id', 'int'], ['created_by', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    initiatives.map((x, i) => {
      const recognised = toWorkingDay(`${x.year}-${String(rngFor('init-date', initIds[i]).int(9, 12)).padStart(2, '0')}-15`);
      const by = x.scope === 'co_so' ? `Hội đồng sáng kiến ${deptOn(recognised).name}` : x.scope === 'tinh' ? 'Hội đồng sáng kiến tỉnh Vân Lĩnh' : 'Bộ Khoa học và Công nghệ';
      const num = `${rngFor('init-num', initIds[i]).int(12, 480)}/QĐ-${x.scope === 'co_so' ? deptOn(recognised).short : x.scope === 'tinh' ? 'UBND' : 'BKHCN'}`;
      const at = new Date(vnTime(recognised < today ? recognised : today, 10)).toISOString();
      return [initIds[i], x.title, x.year, x.scope, by, num, x.unitId, x.usedBy ? (idOf.get(x.usedBy) ?? null) : null, ctx.office.id, at, at];
    }));
  await insertRows(db, 'award_initiative_authors', [['initiative_id', 'int'], ['person_id', 'int'], ['sort', 'int']],
    initiatives.flatMap((x, i) => x.authors.map((a, k) => [initIds[i], a, k])));

  // ── the rounds through the services ──
  if (servicesF) await roundF(ctx, F, held!.id, held!.day, planF, pattern, dept);
  if (P >= FIRST_SERVICE_YEAR && P <= Y) await roundP(ctx, P, pattern, dept);

  await writeAudit(db, ctx.audit);
  const n = async (sql: string) => (await db.one<{ n: number }>(sql)).n;
  return {
    awardRecords: await n('SELECT count(*)::int AS n FROM award_records'),
    awardRecordsFromDecisions: await n(`SELECT count(*)::int AS n FROM award_records WHERE source = 'decision'`),
    awardRatings: await n('SELECT count(*)::int AS n FROM award_ratings'),
    awardInitiatives: await n('SELECT count(*)::int AS n FROM award_initiatives'),
    awardNominations: await n('SELECT count(*)::int AS n FROM award_nominations'),
    awardDecisions: await n(`SELECT count(*)::int AS n FROM award_decisions WHERE status = 'issued'`),
    awardClusters: await n('SELECT count(*)::int AS n FROM award_clusters'),
    awardAuditEvents: ctx.audit.filter((e) => e.entity_type.startsWith('award')).length,
  };
}

// ───────────── round F: finished ─────────────

const ACHIEVEMENT: Record<string, string> = {
  LDTT: 'Hoàn thành tốt nhiệm vụ được giao; chấp hành tốt chủ trương, chính sách, pháp luật; tích cực tham gia phong trào thi đua của cơ quan.',
  CSTD_CS: 'Hoàn thành xuất sắc nhiệm vụ; là nhân tố tích cực trong tham mưu, triển khai nhiệm vụ chuyên môn của đơn vị.',
  CSTD_TINH: 'Ba năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở; có sáng kiến được Hội đồng sáng kiến tỉnh công nhận, áp dụng hiệu quả trong toàn tỉnh.',
  BK_UBND_TINH: 'Có thành tích xuất sắc trong tham mưu thực hiện chuyển đổi số và sắp xếp tổ chức bộ máy năm',
  GK_SO: 'Có thành tích xuất sắc trong triển khai nhiệm vụ chuyên môn năm',
  TTLDTT: 'Tập thể hoàn thành tốt nhiệm vụ; nội bộ đoàn kết; phong trào thi đua thường xuyên, hiệu quả.',
};

async function nominateStep(ctx: Ctx, at: number, by: Who, input: Parameters<typeof createNomination>[3]): Promise<number | null> {
  return step(ctx, at, (db, day) => createNomination(db, by, by.by, input, day));
}
/**
 * A step of the office on a nomination. accept and approve re-check eligibility: a nomination still blocked (and not
 * overridden) is not accepted but rejected, with the failed criteria as the reason, as the office would.
 */
async function move(ctx: Ctx, at: number, id: number | null, name: 'accept' | 'approve' | 'return', reason: string | null = null) {
  if (id === null) return;
  const n = await ctx.db.one<{ version: number; status: string; eligible: boolean; override_reason: string | null; eligibility: { checks?: { passed: boolean; severity: string; rule: string }[] } }>(
    `SELECT version, status, eligible, override_reason, eligibility FROM award_nominations WHERE id = $1`, [id]);
  if (name !== 'return' && !n.eligible && !n.override_reason) {
    if (n.status !== 'proposed' && n.status !== 'accepted') return;
    const failed = (n.eligibility.checks ?? []).filter((c) => !c.passed && c.severity === 'block').map((c) => c.rule);
    const why = `Chưa đủ tiêu chuẩn: ${failed.join('; ') || 'theo kết quả xét điều kiện'}.`;
    await step(ctx, at, (db, day) => transition(db, ctx.office, ctx.office.by, id, 'reject', { version: n.version, reason: why }, day));
    return;
  }
  await step(ctx, at, (db, day) => transition(db, ctx.office, ctx.office.by, id, name, { version: n.version, reason }, day));
}

async function roundF(ctx: Ctx, F: number, conferenceId: number, conferenceDay: string, plan: Map<number, string[]>, pattern: Map<number, Pattern>, dept: DemoPerson[]) {
  const { db, org, people } = ctx;
  const r = rngFor('award-round', F);
  const deptUnits = [...Object.values(org.division), org.itCentre];
  // Registrations at the start of F: every division and the IT centre.
  const regDay = (k: number) => workdaysAfter(`${F}-01-10`, k);
  for (const [k, x] of deptUnits.entries()) {
    const members = people.membersOn(x.code, regDay(k)).map((m) => m.person);
    const targets = members.flatMap((p) => [{ person: p.id, title: 'LDTT' }, ...(pattern.has(p.id) ? [{ person: p.id, title: 'CSTD_CS' }] : [])]);
    const by = ctx.reporters.get(x.code) ?? ctx.office;
    await step(ctx, moment(regDay(k), r), (t, day) => saveRegistration(t, by, by.by, { unit: x.code, year: F, collectiveTarget: 'TTLDTT', targets }, day));
  }

  // The khối thi đua of the radio stations: scored in December, published, its leader proposed for the Giấy khen.
  const radios = [...org.oldRadios, ...org.newRadios].filter((x) => x.validFrom <= `${F}-12-31` && (x.validTo === null || x.validTo >= `${F}-12-31`));
  const criteria = [
    { name: 'Thời lượng tiếp sóng, phát sóng và tin, bài tự sản xuất', weight: 40 },
    { name: 'Chất lượng nội dung tuyên truyền nhiệm vụ chính trị của địa phương', weight: 30 },
    { name: 'Quản lý, vận hành hệ thống truyền thanh an toàn, hiệu quả', weight: 20 },
    { name: 'Thực hiện chế độ thông tin, báo cáo', weight: 10 },
  ];
  const clusterId = await step(ctx, moment(`${F}-11-20`, r), (t) => createCluster(t, ctx.office, ctx.office.by, {
    name: 'Khối thi đua các Đài truyền thanh cấp xã', kind: 'khoi', year: F, members: radios.map((x) => x.code), criteria,
    note: 'Chấm điểm theo Hướng dẫn của Hội đồng Thi đua – Khen thưởng Sở; điểm do các đơn vị tự chấm, Văn phòng Sở thẩm định.',
  }));
  let leaderNominations: number[] = [];
  if (clusterId !== null) {
    const crit = await db.query<{ id: number }>(`SELECT id FROM award_cluster_criteria WHERE cluster_id = $1 ORDER BY sort, id`, [clusterId]);
    const scores = radios.flatMap((x, i) => crit.map((c, k) => ({
      criterion: c.id, unit: x.code, score: Math.min(100, Math.round((100 - i * 2.5 - rngFor('cluster-score', x.code, k, F).int(0, 9) + (i === 0 ? 6 : 0)) * 100) / 100),
    })));
    await step(ctx, moment(`${F}-12-08`, r), async (t) => enterScores(t, ctx.office, ctx.office.by, clusterId, { version: await versionOf(t, 'award_clusters', clusterId), scores }));
    await step(ctx, moment(`${F}-12-10`, r), async (t) => publishCluster(t, ctx.office, ctx.office.by, clusterId, await versionOf(t, 'award_clusters', clusterId)), true);
    const out = await step(ctx, moment(`${F}-12-11`, r), (t, day) => proposeLeader(t, ctx.office, ctx.office.by, clusterId, ['GK_SO'], day));
    leaderNominations = (out ?? []).map((x) => x.nominationId);
  }

  // Nominations, from mid-November: LĐTT for the people of the division proposed as Tập thể lao động tiên tiến (the
  // demo keeps the round short: the other divisions' lists are left out); CSTĐ cơ sở; the provincial titles the
  // department proposes; Giấy khen.
  const ttldtt = [...TTLDTT_F].map((c) => org.byCode.get(c)!);
  const ldtt = new Set<number>();
  for (const x of ttldtt) for (const m of people.membersOn(x.code, `${F}-12-31`)) ldtt.add(m.person.id);
  const rated = async (id: number) =>
    (await db.maybeOne<{ rating: Rating }>(`SELECT rating FROM award_ratings WHERE person_id = $1 AND year = $2`, [id, F]))?.rating ?? null;
  type N = { id: number | null; code: string; at: number };
  const noms: N[] = [];
  let k = 0;
  const when = () => moment(workdaysAfter(`${F}-11-12`, Math.floor(k++ / 4)), r);
  for (const id of [...ldtt].sort((a, b) => a - b)) {
    const rating = await rated(id);
    if (rating !== 'xuat_sac' && rating !== 'tot') continue;
    const at = when();
    noms.push({ id: await nominateStep(ctx, at, ctx.office, { person: id, title: 'LDTT', year: F, achievements: ACHIEVEMENT.LDTT }), code: 'LDTT', at });
  }
  for (const [id, codes] of [...plan.entries()].sort((a, b) => a[0] - b[0])) {
    for (const code of codes) {
      const at = when();
      const claims: Record<string, string> = code === 'BK_UBND_TINH' ? { thanh_tich: `${ACHIEVEMENT.BK_UBND_TINH} ${F}.` } : {};
      const achievements = code === 'BK_UBND_TINH' ? `${ACHIEVEMENT.BK_UBND_TINH} ${F}.` : ACHIEVEMENT[code] ?? null;
      noms.push({ id: await nominateStep(ctx, at, ctx.office, { person: id, title: code, year: F, achievements, claims }), code, at });
    }
  }
  const gkPeople: DemoPerson[] = [];
  for (const p of dept) if (gkPeople.length < 2 && !plan.has(p.id) && !ldtt.has(p.id) && ['xuat_sac', 'tot'].includes((await rated(p.id)) ?? '')) gkPeople.push(p);
  for (const p of gkPeople) {
    const at = when();
    const text = `${ACHIEVEMENT.GK_SO} ${F}, nhất là trong việc bàn giao, tiếp nhận nhiệm vụ khi sắp xếp tổ chức bộ máy.`;
    noms.push({ id: await nominateStep(ctx, at, ctx.office, { person: p.id, title: 'GK_SO', year: F, achievements: text, claims: { thanh_tich_phong_trao: text } }), code: 'GK_SO', at });
  }
  for (const x of ttldtt) {
    const at = when();
    noms.push({ id: await nominateStep(ctx, at, ctx.office, { unit: x.code, title: 'TTLDTT', year: F, achievements: ACHIEVEMENT.TTLDTT }), code: 'TTLDTT', at });
  }
  for (const id of leaderNominations) noms.push({ id, code: 'GK_SO', at: moment(`${F}-12-11`, r) });

  // The office accepts them a few days later, and approves those without a council ballot.
  const VOTE = new Set(['CSTD_CS', 'CSTD_TINH']);
  let last = 0;
  for (const n of noms) {
    const acceptAt = Math.max(moment(workdaysAfter(vnDateOf(n.at), r.int(2, 5)), r), n.at + 3_600_000);
    await move(ctx, acceptAt, n.id, 'accept');
    last = Math.max(last, acceptAt);
  }
  const decisionDay = workdaysBefore(conferenceDay, 2);
  const meetingDay = workdaysBefore(decisionDay, 3);
  for (const n of noms.filter((x) => !VOTE.has(x.code))) await move(ctx, moment(workdaysBefore(meetingDay, r.int(1, 3)), r), n.id, 'approve');

  // The council (set up when the department was, or at the start of 2024) meets; a paper tally per nomination.
  const deptUnit = people.departmentOn(meetingDay);
  const councilFrom = deptUnit.validFrom > '2024-01-01' ? deptUnit.validFrom : '2024-01-02';
  const directorP = people.directorOn(meetingDay);
  const deputies = people.deputiesOn(meetingDay);
  const office = people.officeOn(meetingDay);
  const heads = [org.division.bcvt, org.division.cds, org.division.ttbc, org.division.ttra, org.itCentre].map((x) => people.headOn(x.code, meetingDay)).filter((p): p is DemoPerson => !!p);
  const secretary = people.byUsername('vanphong');
  const members = [
    { person: directorP.id, role: 'chair' as const }, ...deputies.map((p) => ({ person: p.id, role: 'vice_chair' as const })),
    ...(office.chief ? [{ person: office.chief.id, role: 'member' as const }] : []), ...heads.map((p) => ({ person: p.id, role: 'member' as const })),
    ...(secretary ? [{ person: secretary.id, role: 'secretary' as const }] : []),
  ].filter((m, i, all) => all.findIndex((x) => x.person === m.person) === i);
  const councilId = await step(ctx, moment(toWorkingDay(councilFrom), r), (t, day) => createCouncil(t, ctx.office, ctx.office.by, {
    name: `Hội đồng Thi đua – Khen thưởng ${deptUnit.name}`, unit: deptUnit.code, decisionNumber: `${r.int(10, 60)}/QĐ-${deptOn(councilFrom).short}`,
    validFrom: councilFrom, validTo: deptUnit.validTo, members,
  }, day));
  const accepted = new Set((await db.query<{ id: number }>(`SELECT id FROM award_nominations WHERE year = $1 AND status = 'accepted'`, [F])).map((x) => x.id));
  const voted = noms.filter((n) => VOTE.has(n.code) && n.id !== null && accepted.has(n.id));
  let meetingId: number | null = null;
  if (councilId !== null && voted.length) {
    const heldAt = vnTime(meetingDay, 14, 0);
    meetingId = await step(ctx, vnTime(workdaysBefore(meetingDay, 3), 9, 30), (t, day) => createMeeting(t, ctx.office, ctx.office.by, {
      council: councilId, year: F, heldAt: `${meetingDay}T14:00`, place: `Phòng họp tầng 2, ${deptUnit.name}`, nominations: voted.map((n) => n.id!),
      notes: 'Hội đồng xét danh hiệu thi đua năm theo đề nghị của các phòng, đơn vị; bỏ phiếu kín từng trường hợp.',
    }, day));
    if (meetingId !== null) {
      const mid = meetingId;
      await step(ctx, heldAt, async (t) => openMeeting(t, ctx.office, ctx.office.by, mid, await versionOf(t, 'award_meetings', mid)));
      const absent = members.length > 6 ? members[members.length - 2].person : null; // one member away on mission
      await step(ctx, heldAt + 5 * 60_000, async (t) => updateMeeting(t, ctx.office, ctx.office.by, mid, {
        version: await versionOf(t, 'award_meetings', mid), attendance: members.map((m) => ({ person: m.person, present: m.person !== absent })),
      }));
      const present = members.length - (absent ? 1 : 0);
      for (const [i, n] of voted.entries()) {
        const failing = pattern.get(await nominee(db, n.id!))?.key === 'fail-vote';
        const votesFor = failing ? Math.max(1, Math.floor(members.length * 0.6)) : present - (rngFor('votes', n.id!).chance(0.3) ? 1 : 0);
        // a title needs its threshold of ALL members: keep passes above it
        const need = Math.ceil((n.code === 'CSTD_TINH' ? 0.9 : 0.8) * members.length);
        const vf = failing ? votesFor : Math.max(votesFor, Math.min(present, need));
        await step(ctx, heldAt + (20 + i * 4) * 60_000, (t) => recordTally(t, ctx.office, ctx.office.by, mid, n.id!, { ballotsCast: present, votesFor: vf, votesAgainst: present - vf }));
      }
      await step(ctx, heldAt + (40 + voted.length * 4) * 60_000, async (t) => closeMeeting(t, ctx.office, ctx.office.by, mid, {
        version: await versionOf(t, 'award_meetings', mid), endedAt: `${meetingDay}T${String(15 + Math.floor(voted.length / 12)).padStart(2, '0')}:30`,
      }), true);
    }
  }

  // The director's decisions on the eve of the conference: the titles, then the Giấy khen (with its certificates).
  const approved = await db.query<{ id: number; award_code: string }>(
    `SELECT id, award_code FROM award_nominations WHERE year = $1 AND status = 'approved' ORDER BY id`, [F]);
  const deptCodes = ['LDTT', 'CSTD_CS', 'TTLDTT'];
  const groups = [
    { ids: approved.filter((n) => deptCodes.includes(n.award_code)).map((n) => n.id), reason: `đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm ${F}` },
    { ids: approved.filter((n) => n.award_code === 'GK_SO').map((n) => n.id), reason: `đã có thành tích xuất sắc trong phong trào thi đua năm ${F}` },
  ];
  for (const [i, g] of groups.entries()) {
    if (!g.ids.length) continue;
    const draftAt = vnTime(workdaysBefore(decisionDay, 1), 9 + i, 15);
    const id = await step(ctx, draftAt, (t, day) => createDecision(t, ctx.office, ctx.office.by, {
      year: F, nominations: g.ids, date: decisionDay, reason: g.reason, conference: conferenceId, meeting: i === 0 ? meetingId : null,
    }, day));
    if (id === null) continue;
    await step(ctx, vnTime(decisionDay, 10 + i, 30), async (t, day) => issueDecision(t, ctx.director, ctx.director.by, id, { version: await versionOf(t, 'award_decisions', id) }, day), true);
  }

  // The conference record names what was handed out: the office replaces the secretary's counted note on the awards
  // item (the conferences were seeded before these decisions existed) and compiles the minutes again the afternoon
  // after the conference, so the record lists the decisions by form with their counts, as the news article does.
  await step(ctx, vnTime(workdaysAfter(conferenceDay, 1), 14, 20), async (t, day) => {
    const latest = await t.maybeOne<{ revision: number }>(`SELECT max(revision)::int AS revision FROM conference_minutes_revisions WHERE conference_id = $1`, [conferenceId]);
    if (latest?.revision == null) return;
    await t.query(`UPDATE conference_agenda_items SET notes = $2 WHERE conference_id = $1 AND kind = 'awards'`,
      [conferenceId, `Lãnh đạo tỉnh và lãnh đạo Sở trao khen thưởng cho các tập thể, cá nhân có thành tích xuất sắc năm ${F}.`]);
    await recompileMinutes(t, { ...ctx.office, auditActor: ctx.office.by }, conferenceId, latest.revision, new Date(vnTime(day, 14, 20)));
  });

  // The provincial chairman's decision, recorded by the office when it arrives in spring.
  const provincial = approved.filter((n) => ['CSTD_TINH', 'BK_UBND_TINH'].includes(n.award_code)).map((n) => n.id);
  const provDay = toWorkingDay(`${F + 1}-03-${String(r.int(10, 20))}`);
  if (provincial.length && provDay < ctx.today) {
    const num = `${r.int(400, 900)}/QĐ-UBND`;
    const id = await step(ctx, moment(workdaysAfter(provDay, 3), r), (t, day) => createDecision(t, ctx.office, ctx.office.by, {
      issuer: 'external', year: F, nominations: provincial, date: provDay, number: num, authority: 'Chủ tịch Ủy ban nhân dân tỉnh',
      subject: `Về việc tặng danh hiệu thi đua và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm ${F}`,
    }, day));
    if (id !== null)
      await step(ctx, moment(workdaysAfter(provDay, 3), r, 15, 16), async (t, day) => issueDecision(t, ctx.office, ctx.office.by, id, { version: await versionOf(t, 'award_decisions', id) }, day), true);
  }
}

const nominee = async (db: Db, id: number) => (await db.one<{ person_id: number | null }>(`SELECT person_id FROM award_nominations WHERE id = $1`, [id])).person_id ?? 0;

// ───────────── round P: in progress ─────────────

async function roundP(ctx: Ctx, P: number, pattern: Map<number, Pattern>, dept: DemoPerson[]) {
  const { db, org, people, today } = ctx;
  const r = rngFor('award-round', P);
  const byKey = (k: string) => [...pattern.entries()].find(([, v]) => v.key === k)?.[0] ?? null;
  // Registrations: the department's units and three radio stations; the inspectorate and the other stations have not (yet).
  const regDay = (k: number) => workdaysAfter(`${P}-01-12`, k);
  const radios = [...org.oldRadios, ...org.newRadios].filter((x) => x.validFrom <= regDay(0) && (x.validTo === null || x.validTo >= `${P}-12-31`));
  const units = [org.division.vp, org.division.bcvt, org.division.cds, org.division.ttbc, org.itCentre, ...radios.slice(0, 3)];
  const cstdP = ['pass', 'used', 'gap'].map(byKey).filter((x): x is number => x !== null);
  for (const [k, x] of units.entries()) {
    if (regDay(k) >= today) break;
    const members = people.membersOn(x.code, regDay(k)).map((m) => m.person);
    const targets = members.flatMap((p) => [
      { person: p.id, title: 'LDTT' }, ...(cstdP.includes(p.id) ? [{ person: p.id, title: 'CSTD_CS' }, { person: p.id, title: 'CSTD_TINH' }] : []),
    ]);
    const by = ctx.reporters.get(x.code) ?? ctx.office;
    const target = DEPT_TYPES.has(x.type) ? (k % 2 ? 'TTLDXS' : 'TTLDTT') : 'TTLDTT';
    await step(ctx, moment(regDay(k), r), (t, day) => saveRegistration(t, by, by.by, { unit: x.code, year: P, collectiveTarget: target, targets }, day));
  }

  // Nominations from November: some pass, two CSTĐ tỉnh are blocked, a collective without registration is flagged,
  // one is returned, one goes on with the office's written override.
  const start = `${P}-11-10`;
  if (today <= addDays(start, 1)) return;
  // Spread over the working days from the 10th to yesterday, in order.
  const span = diffDays(start, addDays(today, -1));
  let k = 0;
  let last = 0;
  const at = () => {
    const d = backToWorkingDay(addDays(start, Math.min(span, Math.floor(k++ * 0.7))));
    const t = Math.max(vnTime(d, r.int(8, 16), r.int(0, 59)), last + r.int(5, 40) * 60_000);
    last = t;
    return t;
  };
  // The year's ratings of the people proposed: the units rated them in November.
  const proposed = new Set<number>(cstdP);
  const ldtt = dept.filter((p) => !pattern.has(p.id) && people.positionOn(p, today)).slice(0, 3);
  for (const p of ldtt) proposed.add(p.id);
  const overrideP = dept.find((p) => !proposed.has(p.id) && people.positionOn(p, today) && !pattern.has(p.id)) ?? null;
  const storm = dept.find((p) => !proposed.has(p.id) && p !== overrideP && people.positionOn(p, today)?.unit === org.division.bcvt) ?? null;
  if (storm) proposed.add(storm.id);
  const rows: unknown[][] = [...proposed].map((id) => [id, null, P, cstdP.includes(id) ? 'xuat_sac' : rngFor('award-rating', id, P).chance(0.4) ? 'xuat_sac' : 'tot', ctx.office.id,
    new Date(vnTime(addDays(start, -3), 9)).toISOString(), new Date(vnTime(addDays(start, -3), 9)).toISOString()]);
  const ratedAt = new Date(vnTime(addDays(start, -3), 9)).toISOString();
  rows.push([null, org.division.ttra.id, P, 'tot', ctx.office.id, ratedAt, ratedAt]);
  await insertRows(db, 'award_ratings',
    [['person_id', 'int'], ['org_unit_id', 'int'], ['year', 'int'], ['rating', 'text'], ['created_by', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']], rows);

  const made: Record<string, number | null> = {};
  for (const id of cstdP) made[`cstd-${id}`] = await nominateStep(ctx, at(), ctx.office, { person: id, title: 'CSTD_CS', year: P, achievements: ACHIEVEMENT.CSTD_CS });
  for (const id of cstdP) made[`tinh-${id}`] = await nominateStep(ctx, at(), ctx.office, { person: id, title: 'CSTD_TINH', year: P, achievements: ACHIEVEMENT.CSTD_TINH });
  for (const p of ldtt) {
    const home = people.positionOn(p, today)!.unit;
    const by = ctx.reporters.get(home.code) ?? ctx.office;
    made[`ldtt-${p.id}`] = await nominateStep(ctx, at(), by, { person: p.id, title: 'LDTT', year: P, achievements: ACHIEVEMENT.LDTT });
  }
  // A collective that did not register at the start of the year: flagged, not blocked (the province's rule, a setting).
  made.unregistered = await nominateStep(ctx, at(), ctx.office, { unit: org.division.ttra.code, title: 'TTLDTT', year: P, achievements: ACHIEVEMENT.TTLDTT });
  // A Giấy khen for a sudden achievement.
  if (storm) {
    const text = `Chỉ đạo doanh nghiệp khôi phục thông tin liên lạc sau bão, lũ tháng 9 năm ${P}, bảo đảm thông tin thông suốt phục vụ chỉ đạo, điều hành.`;
    made.sudden = await nominateStep(ctx, at(), ctx.office, { person: storm.id, title: 'GK_SO', year: P, kind: 'sudden', achievements: text, claims: { thanh_tich_dot_xuat: text } });
  }
  // The rating of this one has not reached Nhịp yet: blocked, and the office lets it go on with a written reason.
  if (overrideP) {
    made.override = await nominateStep(ctx, at(), ctx.office, { person: overrideP.id, title: 'LDTT', year: P, achievements: ACHIEVEMENT.LDTT });
    const id = made.override;
    if (id !== null) {
      const version = await versionOf(db, 'award_nominations', id);
      await step(ctx, at(), (t, day) => overrideNomination(t, ctx.office, ctx.office.by, id, {
        version, reason: `Kết quả đánh giá, xếp loại chất lượng năm ${P} của đồng chí đã được Giám đốc Sở phê duyệt (mức Hoàn thành tốt nhiệm vụ); Văn phòng đã đối chiếu bản giấy, dữ liệu xếp loại sẽ được cập nhật sau.`,
      }, day));
      await move(ctx, at(), id, 'accept');
    }
  }
  // The office works through part of them: some accepted, one returned to its unit.
  for (const [key, id] of Object.entries(made)) {
    if (id === null || key === 'override') continue;
    const status = (await db.one<{ status: string; eligible: boolean }>(`SELECT status, eligible FROM award_nominations WHERE id = $1`, [id]));
    if (status.status !== 'proposed') continue;
    if (key === `ldtt-${ldtt[0]?.id}`) await move(ctx, at(), id, 'return', 'Đề nghị bổ sung bản tự nhận xét, đánh giá của cá nhân có xác nhận của lãnh đạo phòng.');
    else if (status.eligible && rngFor('award-accept', id).chance(0.6)) await move(ctx, at(), id, 'accept');
  }
}
