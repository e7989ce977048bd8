/**
 * Demo conferences: a review conference for every quarter I, six months, nine months and year from 2022 to `today`,
 * held three working days after its period ends and concluded, and the next one being planned (for a `today` of
 * 22/11/2026: the annual 2026 conference in early January 2027, invitations out, answers partly in).
 *
 * What has rules goes through the conference module's own services, so the demo cannot drift from the product:
 * the plan (date, title, chair, invited units, the usual agenda), guests, presentation requests, the invitation,
 * uploads (typed by content), the discussion pre-filled from the period's approved reports, the transition to held,
 * ticking what was raised and adding what came from the floor, the conclusion and directive points, the minutes
 * compiled then edited, the notice issued (its .docx rendered by the kit, numbered, one of them reissued with a
 * reason) and closing. What is plain rows in volume is written in bulk, with the audit events the services write
 * for it: the units' answers and their delegates, check-in at the door with a few walk-ins, the agenda's actual
 * times and the secretary's notes.
 *
 * The services run at the demo's business time: `dated` hands them a Db on which their audit events carry the time
 * of the step (gathered, and written in time order at the end) and their notifications are dated then too. Units
 * have read the notifications of the conferences before the last one.
 *
 * Deterministic (rngFor) but for the QR tickets, which are secrets (crypto-random, as the module makes them), and the
 * bytes of the .docx files, which carry their creation time.
 */
import { createHash } from 'node:crypto';
import { type Actor, addDays, conferencePeriodWording, isWorkingDay, parsePeriod, type PointKind, type UnitType, workingDaysAfter } from '@nhip/contracts';
import type { AuditActor } from '../../platform/audit.js';
import type { Db, Params } from '../../platform/db/index.js';
import { replaceAgenda } from '../conferences/agenda.service.js';
import { agendaRepo } from '../conferences/agenda.repository.js';
import { DAYS_AFTER_PERIOD, addGuest, createConference, inviteConference, loadVisibleConference, transitionConference } from '../conferences/conferences.service.js';
import { conferencesRepo } from '../conferences/conferences.repository.js';
import { discussionRepo } from '../conferences/discussion.repository.js';
import { type PrefillSection, prefillItems } from '../conferences/discussion.prefill.js';
import { newTicket } from '../conferences/invitations.service.js';
import { invitationsRepo } from '../conferences/invitations.repository.js';
import { recompileMinutes, saveMinutes } from '../conferences/minutes.service.js';
import { issueNotice } from '../conferences/notices.service.js';
import type { PointInput } from '../conferences/points.service.js';
import { pointsRepo } from '../conferences/points.repository.js';
import { askPresentation, detectPresentation } from '../conferences/presentations.service.js';
import { presentationsRepo } from '../conferences/presentations.repository.js';
import { samplePptx, samplePdf, sampleDocx } from '../conferences/sample-files.js';
import { DOCUMENT_TYPES } from '../documents/kit/model.js';
import { approvedNarratives } from '../reports/summary-report.repository.js';
import { issuerShort } from '../reports/summary-report.service.js';
import { vnTime } from './dates.js';
import { ENTERPRISES, type Org, SECTORS, type Unit, validOn } from './org.js';
import type { DemoPerson, People } from './people.js';
import { type Rng, rngFor } from './rng.js';
import { allocIds, insertRows } from './sql.js';
import type { DemoUser, Users } from './users.js';

// ───────────── the business clock for the services ─────────────

type AuditRow = {
  at: Date; actor_id: number | null; actor_name: string | null; action: string; entity_type: string; entity_id: string | null;
  org_unit_id: number | null; before: string | null; after: string | null; ip: string | null;
};
const AUDIT_COLUMNS = ['actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'org_unit_id', 'before', 'after', 'ip'] as const;
const AUDIT_INSERT = /^\s*INSERT INTO audit_events \(([^)]*)\)\s*VALUES\s*\(([^)]*)\)\s*$/;
const NOTIFY_INSERT = /^(\s*INSERT INTO notifications \()([^)]*\)\s*VALUES\s*\()/;

/**
 * The database as a service sees it at `at`: an audit event is gathered into `audit` (written later, in time order,
 * dated `at`) instead of being dated by the wall clock; a notification is written dated `at`, or left out when
 * `notifications` is false (`notify` then answers as for a duplicate). Any other statement passes through. A change in how audit.ts or notify write their rows fails here loudly rather than dating silently.
 */
function dated(db: Db, at: Date, audit: AuditRow[], notifications: boolean): Db {
  const rewrite = (sql: string, params: Params = []): [string, Params] | null => {
    const a = AUDIT_INSERT.exec(sql);
    if (a) {
      const cols = a[1].split(',').map((c) => c.trim());
      const vals = a[2].split(',').map((v) => v.trim());
      if (cols.some((c) => !(AUDIT_COLUMNS as readonly string[]).includes(c)) || vals.some((v, i) => v !== `$${i + 1}`))
        throw new Error(`demo: unexpected audit insert: ${sql.slice(0, 160)}`);
      const row = Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, null])) as Record<string, unknown>;
      cols.forEach((c, i) => {
        row[c] = params[i] ?? null;
      });
      audit.push({ ...(row as Omit<AuditRow, 'at'>), at });
      return null;
    }
    if (/^\s*INSERT INTO notifications\b/.test(sql)) {
      if (!NOTIFY_INSERT.test(sql)) throw new Error(`demo: unexpected notification insert: ${sql.slice(0, 160)}`);
      if (!notifications) return null;
      const n = params.length + 1;
      return [sql.replace(NOTIFY_INSERT, (_m, head: string, rest: string) => `${head}created_at, ${rest.replace(/VALUES\s*\($/, `VALUES ($${n}::timestamptz, `)}`), [...params, at]];
    }
    return [sql, params];
  };
  const wrapped: Db = {
    kind: db.kind,
    get inTransaction() {
      return db.inTransaction;
    },
    query: async <T>(sql: string, params?: Params) => {
      const r = rewrite(sql, params);
      return r ? db.query<T>(...r) : [];
    },
    one: async <T>(sql: string, params?: Params) => {
      const r = rewrite(sql, params);
      if (!r) throw new Error('demo: an audit or dropped notification insert returns no row');
      return db.one<T>(...r);
    },
    maybeOne: async <T>(sql: string, params?: Params) => {
      const r = rewrite(sql, params);
      return r ? db.maybeOne<T>(...r) : null;
    },
    exec: (sql: string) => db.exec(sql),
    tx: <T>(fn: (t: Db) => Promise<T>) => db.tx((t) => fn(dated(t, at, audit, notifications))),
    close: () => db.close(),
  };
  return wrapped;
}

// ───────────── wording ─────────────

/** 'huyện Khê Thượng', 'xã Nà Lũng', 'thành phố Vân Lĩnh' from a unit's name; the short name otherwise. */
function area(u: Unit): string {
  const m = /(thành phố|huyện|phường|xã) (.+)$/iu.exec(u.name);
  return m ? `${m[1].toLocaleLowerCase('vi')} ${m[2]}` : (u.shortName ?? u.name);
}

const TOPICS: Partial<Record<UnitType, string[]>> = {
  district_office: [
    'Kinh nghiệm duy trì tổ công nghệ số cộng đồng ở {area}',
    'Giải pháp nâng tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến tại {area}',
    'Gắn thông tin cơ sở với chuyển đổi số ở {area}',
  ],
  media_centre: ['Chuyển hệ thống truyền thanh {area} sang ứng dụng công nghệ thông tin – viễn thông', 'Nâng chất lượng chương trình phát thanh cơ sở ở {area}'],
  commune: ['Giữ nhịp thông tin cơ sở sau sắp xếp đơn vị hành chính ở {area}', 'Đưa dịch vụ công trực tuyến đến từng thôn ở {area}'],
  radio_station: ['Vận hành cụm loa thông minh ở {area}'],
  it_centre: ['Giám sát an toàn thông tin cho các hệ thống dùng chung của tỉnh', 'Hỗ trợ kỹ thuật cho bộ phận một cửa cấp cơ sở'],
  press_agency: ['Tuyên truyền chuyển đổi số trên báo chí địa phương', 'Phối hợp cung cấp thông tin cho báo chí về các sự kiện đột xuất'],
};
const ENTERPRISE_TOPICS: Record<string, string[]> = {
  telecom: ['Phát triển hạ tầng cáp quang và 4G đến thôn, bản vùng sâu', 'Dùng chung hạ tầng trạm thu phát sóng giữa các doanh nghiệp'],
  postal: ['Bưu chính công ích trong tiếp nhận và trả kết quả thủ tục hành chính', 'Đưa nông sản địa phương lên sàn thương mại điện tử qua mạng bưu chính'],
};
const enterpriseKind = (u: Unit) => ENTERPRISES.find((e) => e.code === u.code)?.kind ?? 'telecom';

function topicFor(u: Unit, r: Rng): string {
  const list = u.type === 'enterprise' ? ENTERPRISE_TOPICS[enterpriseKind(u)] : (TOPICS[u.type] ?? ['Kết quả công tác và đề xuất của đơn vị']);
  return r.pick(list).replace('{area}', area(u));
}

/** Tasks a division takes on for a sector's difficulty: what to do, and the units asked to help (valid that day). */
const TASKS: Record<string, { text: string; co: (o: Org) => Unit[] }> = {
  VT: { text: 'Rà soát các thôn chưa có cáp quang, chưa được phủ sóng 4G; làm việc với các doanh nghiệp viễn thông thống nhất lộ trình đầu tư {next}', co: (o) => o.enterprises.filter((e) => enterpriseKind(e) === 'telecom') },
  BC: { text: 'Đẩy mạnh tiếp nhận, trả kết quả thủ tục hành chính qua dịch vụ bưu chính công ích; hướng dẫn người dân sử dụng dịch vụ', co: (o) => o.enterprises.filter((e) => enterpriseKind(e) === 'postal') },
  CNTT: { text: 'Công bố đầu mối hỗ trợ kỹ thuật trực tuyến cho bộ phận một cửa cấp cơ sở, rút ngắn thời gian khắc phục sự cố', co: (o) => [o.itCentre] },
  CDS: { text: 'Tổ chức tập huấn cho tổ công nghệ số cộng đồng; tham mưu cơ chế hỗ trợ thành viên tổ trong {next}', co: (o) => [o.itCentre] },
  ATTT: { text: 'Ban hành mẫu hồ sơ đề xuất cấp độ an toàn hệ thống thông tin dùng chung cho cấp cơ sở và tổ chức tập huấn lập hồ sơ', co: (o) => [o.itCentre] },
  BCHI: { text: 'Định hướng thông tin báo chí về các nhiệm vụ trọng tâm {next}; cung cấp thông tin kịp thời về các vấn đề dư luận quan tâm', co: (o) => o.press },
  XB: { text: 'Kiểm tra hoạt động in, phát hành xuất bản phẩm trên địa bàn; hướng dẫn cơ sở thực hiện đúng quy định', co: () => [] },
  TTCS: { text: 'Hướng dẫn cơ sở duy trì hoạt động thông tin cơ sở; tổng hợp nhu cầu tài liệu tuyên truyền {next}', co: () => [] },
  PTTT: { text: 'Tổng hợp nhu cầu thay thế cụm loa hư hỏng, tham mưu UBND tỉnh bố trí kinh phí chuyển sang truyền thanh ứng dụng công nghệ thông tin – viễn thông', co: (o) => [o.itCentre] },
};

/** What delegates raise from the floor that the reports did not say (own wording), by the kind of unit that speaks. */
const FLOOR: { types: UnitType[]; kind: 'difficulty' | 'proposal' | 'opinion'; sector: string; text: string }[] = [
  { types: ['media_centre', 'radio_station'], kind: 'proposal', sector: 'PTTT', text: 'Đề nghị hướng dẫn chế độ nhuận bút, thù lao cho tin, bài của đài truyền thanh cơ sở' },
  { types: ['media_centre', 'radio_station', 'commune'], kind: 'difficulty', sector: 'PTTT', text: 'Cụm loa không dây ở một số thôn bị nhiễu sóng lạ, phát lẫn tín hiệu của đài khác' },
  { types: ['district_office', 'commune'], kind: 'difficulty', sector: 'VT', text: 'Người dân phản ánh còn nhiều tin nhắn quảng cáo, tin nhắn rác qua mạng di động' },
  { types: ['enterprise'], kind: 'proposal', sector: 'VT', text: 'Đề nghị chính quyền cơ sở hỗ trợ mặt bằng để doanh nghiệp dùng chung cột ăng-ten, hạn chế xây trạm mới' },
  { types: ['press_agency'], kind: 'opinion', sector: 'BCHI', text: 'Cơ quan báo chí mong được cung cấp thông tin sớm hơn khi có sự kiện đột xuất trên địa bàn' },
  { types: ['district_office', 'commune', 'it_centre'], kind: 'difficulty', sector: 'ATTT', text: 'Chưa có cán bộ chuyên trách an toàn thông tin, việc xử lý sự cố phụ thuộc vào hỗ trợ từ tỉnh' },
  { types: ['commune'], kind: 'difficulty', sector: 'TTCS', text: 'Cán bộ phụ trách thông tin cơ sở ở xã mới kiêm nhiệm nhiều việc, chưa được bồi dưỡng nghiệp vụ' },
  { types: ['enterprise'], kind: 'difficulty', sector: 'BC', text: 'Phí vận chuyển bưu gửi đến các thôn vùng cao cao, sản lượng thấp nên khó duy trì điểm phục vụ' },
];

const DECLINE_REASONS = [
  'Lãnh đạo đơn vị đi công tác ngoài tỉnh theo kế hoạch đã được phê duyệt.',
  'Trùng lịch tiếp đoàn kiểm tra của tỉnh tại địa phương.',
  'Trùng lịch kỳ họp Hội đồng nhân dân; đơn vị gửi báo cáo tham luận bằng văn bản.',
  'Đơn vị đang phục vụ nhiệm vụ chính trị đột xuất của địa phương.',
];

/** Themes announced at the annual conferences for the year ahead (fictional). */
const THEMES = [
  'Kỷ cương, trách nhiệm – Đổi mới, sáng tạo – Số hóa toàn diện',
  'Dữ liệu thông suốt – Dịch vụ thuận tiện – Người dân hài lòng',
  'Chủ động, quyết liệt, về đích sớm',
  'Tinh gọn bộ máy – Vận hành thông suốt – Phục vụ tận tình',
  'Đồng bộ, kết nối, hiệu quả',
];

/**
 * Guests from the province's bodies that follow the sector (fictional people, as the rest of Vân Lĩnh), each in post
 * from `from` to `to`: the provincial party committee's propaganda board (merged with the mass mobilisation board on
 * 01/03/2025, as the department was), the People's Committee office, and the Home Affairs department's emulation and
 * awards board, which comes when awards are handed out (at the annual conference).
 */
type GuestPost = { key: 'board' | 'office' | 'officeDesk' | 'awards'; fullName: string; position: (date: string) => string; body: string; from: string; to: string | null };
const GUEST_POSTS: GuestPost[] = [
  {
    key: 'board', fullName: 'Hà Thị Phương', from: '2019-01-01', to: null, body: 'Tỉnh ủy Vân Lĩnh',
    position: (d) => (d < '2025-03-01' ? 'Phó Trưởng Ban Tuyên giáo Tỉnh ủy' : 'Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy'),
  },
  { key: 'office', fullName: 'Lương Văn Khải', from: '2018-01-01', to: '2024-06-30', body: 'Văn phòng Ủy ban nhân dân tỉnh Vân Lĩnh', position: () => 'Phó Chánh Văn phòng UBND tỉnh' },
  { key: 'office', fullName: 'Mã Thị Hồng Nhung', from: '2024-07-01', to: null, body: 'Văn phòng Ủy ban nhân dân tỉnh Vân Lĩnh', position: () => 'Phó Chánh Văn phòng UBND tỉnh' },
  {
    key: 'officeDesk', fullName: 'Đinh Thị Thu Hà', from: '2020-01-01', to: null, body: 'Văn phòng Ủy ban nhân dân tỉnh Vân Lĩnh',
    position: () => 'Trưởng phòng Khoa giáo – Văn xã, Văn phòng UBND tỉnh',
  },
  { key: 'awards', fullName: 'Triệu Quang Vinh', from: '2017-01-01', to: null, body: 'Sở Nội vụ tỉnh Vân Lĩnh', position: () => 'Trưởng Ban Thi đua – Khen thưởng, Sở Nội vụ' },
];

/**
 * Who of them comes: to an annual conference the propaganda board, the office's deputy chief and the awards board;
 * to a sơ kết the office (its deputy chief or the desk that follows the sector) and, some years, the board.
 */
function guestsFor(period: string, date: string, annual: boolean): { fullName: string; position: string; body: string }[] {
  const r = rngFor('guests', period);
  const post = (key: GuestPost['key']) => GUEST_POSTS.find((g) => g.key === key && g.from <= date && (g.to === null || g.to >= date)) ?? null;
  const keys: GuestPost['key'][] = annual ? ['board', 'office', 'awards'] : [r.chance(0.5) ? 'office' : 'officeDesk', ...(r.chance(0.4) ? (['board'] as const) : [])];
  return keys.map(post).filter((g): g is GuestPost => g !== null).map((g) => ({ fullName: g.fullName, position: g.position(date), body: g.body }));
}

const REISSUE_REASON =
  'Bổ sung đơn vị phối hợp và điều chỉnh thời hạn hoàn thành một nhiệm vụ theo ý kiến của Phó Chủ tịch UBND tỉnh sau Hội nghị.';

// ───────────── the schedule ─────────────

export type ConferenceCounts = {
  conferences: number;
  conferencesConcluded: number;
  conferenceInvitations: number;
  conferenceDelegates: number;
  conferenceCheckedIn: number;
  conferenceWalkIns: number;
  conferencePresentations: number;
  conferenceDiscussionItems: number;
  conferencePoints: number;
  conferenceTasks: number;
  conferenceMinutesRevisions: number;
  conferenceNotices: number;
  /** Audit events of the conferences (the seed's `auditEvents` counts the reporting history's). */
  conferenceAuditEvents: number;
};

type Ctx = {
  db: Db;
  org: Org;
  users: Users;
  people: People;
  today: string;
  /** Nothing in the demo happens after this instant (07:30 on `today`, as the reporting history). */
  nowBound: number;
  holidays: string[];
  sectorOrder: number[];
  audit: AuditRow[];
  /** Presentation files made so far (a unit that gives the same talk again sends the same file). */
  files: Map<string, Buffer>;
  /** In-app notices are kept for the last conference held and the next one, as the history keeps them for its recent rounds. */
  notifications: boolean;
  office: { actor: Actor; by: AuditActor; user: DemoUser };
  director: { actor: Actor; by: AuditActor; user: DemoUser };
  /** The conference whose notice is reissued: the last annual one concluded. */
  reissuePeriod: string | null;
};

/** The database at a step of the demo's timeline, for a service. */
const on = (ctx: Ctx, when: Date) => dated(ctx.db, when, ctx.audit, ctx.notifications);
const actorOf = (u: DemoUser) => ({ actor: { id: u.id, role: u.role as Actor['role'], orgUnitId: u.unit.id }, by: { id: u.id, name: u.username }, user: u });
const whoOf = (x: { actor: Actor; by: AuditActor }) => ({ ...x.actor, auditActor: x.by });
const at = (date: string, hour: number, minute = 0) => new Date(vnTime(date, hour, minute));

/** Every period a conference reviews, in the order they are held: quarter I, six months, nine months, year. */
function conferencePeriods(fromYear: number, toYear: number): string[] {
  const out: string[] = [];
  for (let y = fromYear; y <= toYear; y++) out.push(`${y}Q1`, `${y}S1`, `${y}N1`, `${y}`);
  return out;
}

export async function seedConferences(db: Db, org: Org, users: Users, people: People, today: string): Promise<ConferenceCounts> {
  const holidays = await conferencesRepo.holidays(db);
  const ctx: Ctx = {
    db, org, users, people, today, nowBound: vnTime(today, 7, 30), holidays, sectorOrder: await discussionRepo.sectorOrder(db), audit: [], files: new Map(), notifications: false,
    office: actorOf(users.byName('vanphong')), director: actorOf(users.byName('giamdoc')), reissuePeriod: null,
  };
  const schedule = conferencePeriods(2022, Number(today.slice(0, 4))).map((period) => ({ period, date: workingDaysAfter(parsePeriod(period)!.end, DAYS_AFTER_PERIOD, holidays) }));
  const next = schedule.findIndex((x) => x.date >= today);
  ctx.reissuePeriod = schedule.slice(0, next).filter((x) => /^\d{4}$/.test(x.period) && reissueAt(ctx, x.date).getTime() < ctx.nowBound).at(-1)?.period ?? null;
  const ids: number[] = [];
  for (const [k, { period, date }] of schedule.slice(0, next + 1).entries()) {
    ctx.notifications = k >= next - 1;
    ids.push(k < next ? await heldConference(ctx, period, date) : await upcomingConference(ctx, period, date));
  }
  ctx.audit.sort((a, b) => a.at.getTime() - b.at.getTime());
  await insertRows(
    db, 'audit_events',
    [['at', 'timestamptz'], ['actor_id', 'int'], ['actor_name', 'text'], ['action', 'text'], ['entity_type', 'text'], ['entity_id', 'text'], ['org_unit_id', 'int'],
      ['before', 'jsonb'], ['after', 'jsonb'], ['ip', 'text']],
    ctx.audit.map((e) => [e.at.toISOString(), e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.org_unit_id, e.before, e.after, e.ip]),
  );
  const n = async (sql: string) => (await db.one<{ n: number }>(sql)).n;
  return {
    conferences: ids.length,
    conferencesConcluded: await n(`SELECT count(*)::int AS n FROM conferences WHERE status IN ('concluded','closed')`),
    conferenceInvitations: await n('SELECT count(*)::int AS n FROM conference_invitations'),
    conferenceDelegates: await n('SELECT count(*)::int AS n FROM conference_delegates'),
    conferenceCheckedIn: await n('SELECT count(*)::int AS n FROM conference_delegates WHERE checked_in_at IS NOT NULL'),
    conferenceWalkIns: await n('SELECT count(*)::int AS n FROM conference_delegates WHERE walk_in'),
    conferencePresentations: await n('SELECT count(*)::int AS n FROM conference_presentations'),
    conferenceDiscussionItems: await n('SELECT count(*)::int AS n FROM conference_discussion_items'),
    conferencePoints: await n('SELECT count(*)::int AS n FROM conference_points'),
    conferenceTasks: await n(`SELECT count(*)::int AS n FROM conference_points WHERE kind = 'task'`),
    conferenceMinutesRevisions: await n('SELECT count(*)::int AS n FROM conference_minutes_revisions'),
    conferenceNotices: await n('SELECT count(*)::int AS n FROM conference_notices'),
    conferenceAuditEvents: ctx.audit.length,
  };
}

function workingDaysBefore(ctx: Ctx, date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (isWorkingDay(d, ctx.holidays)) left--;
  }
  return d;
}

/** A working-hours instant strictly between two instants (any instant between them when no working hour fits). */
function workMoment(ctx: Ctx, r: Rng, from: number, to: number): Date {
  const days: string[] = [];
  for (let d = new Date(from + 7 * 3_600_000).toISOString().slice(0, 10); vnTime(d, 0) < to; d = addDays(d, 1)) if (isWorkingDay(d, ctx.holidays)) days.push(d);
  for (let tries = 0; tries < 6 && days.length; tries++) {
    const t = vnTime(r.pick(days), r.int(8, 16), r.int(0, 59));
    if (t > from && t < to) return new Date(t);
  }
  return new Date(from + Math.max(1, Math.floor((to - from) * r.between(0.2, 0.8))));
}

// ───────────── planning and inviting (the services) ─────────────

type Planned = {
  id: number;
  period: string;
  date: string;
  startsAt: Date;
  annual: boolean;
  asked: { id: number; unit: Unit; presenter: DemoPerson | null; topic: string }[];
  invitedAt: Date;
  rsvpDeadline: Date;
  dueAt: Date;
};

/** Creates the conference as the office plans it, asks four units for presentations, and sends the invitations. */
async function planAndInvite(ctx: Ctx, period: string, date: string, planDay: string, mustPresent: Unit | null): Promise<Planned> {
  const { db, org, people, office } = ctx;
  const r = rngFor('conference', period);
  const annual = conferencePeriodWording(period)!.kind === 'annual';
  const planAt = at(planDay, 9, r.int(0, 50));
  // Annual conferences in the afternoon (as in the seeds); interim ones at the module's usual start, in the morning.
  const startsAt = annual ? `${date}T14:00` : undefined;
  const secretary = people.officeOn(date).staff.find((p) => people.positionOn(p, date)?.position === 'Chuyên viên') ?? null;
  const theme = annual ? THEMES[Number(period.slice(0, 4)) % THEMES.length] : null;
  const { id } = await createConference(on(ctx, planAt), office.actor, office.by, {
    period, startsAt, secretaryPersonId: secretary?.id ?? null, theme,
  }, planAt);
  const c = (await conferencesRepo.byId(db, id))!;
  const loaded = await loadVisibleConference(db, office.actor, id);
  const edit = new Date(planAt.getTime() + 25 * 60_000);
  if (annual) {
    const vice = people.provinceLeadersOn(date).filter((m) => m.position.startsWith('Phó Chủ tịch'));
    const guest = vice.length ? vice[Number(period.slice(0, 4)) % vice.length] : null;
    if (guest)
      await addGuest(on(ctx, edit), office.actor, office.by, id, {
        fullName: guest.person.fullName, position: guest.position, body: `Ủy ban nhân dân ${org.province.name.charAt(0).toLocaleLowerCase('vi')}${org.province.name.slice(1)}`,
        givesDirective: true,
      });
  }
  // The other guests, after the leader who gives the directive: plain rows, with the events addGuest writes.
  const others = guestsFor(period, date, annual);
  if (others.length) {
    const from = (await conferencesRepo.guests(db, id)).length;
    const gids = await allocIds(db, 'conference_guests', others.length);
    const rows = others.map((g, k) => ({ id: gids[k], ...g, sort: from + k + 1 }));
    await insertRows(db, 'conference_guests', [['id', 'int'], ['conference_id', 'int'], ['full_name', 'text'], ['position', 'text'], ['body', 'text'], ['sort', 'int']],
      rows.map((g) => [g.id, id, g.fullName, g.position, g.body, g.sort]));
    rows.forEach((g, k) => ctx.audit.push(auditRow(new Date(edit.getTime() + (k + 1) * 60_000), office.user, 'conference.guest.add', 'conference', id, null, undefined,
      { guestId: g.id, fullName: g.fullName, position: g.position, body: g.body, givesDirective: false, sort: g.sort })));
  }
  if (!annual) {
    // A sơ kết has no provincial leader and no awards: the director concludes.
    const items = await agendaRepo.list(db, id);
    await replaceAgenda(on(ctx, edit), office.by, loaded, items.filter((i) => i.kind !== 'directive' && i.kind !== 'awards').map((i) => ({
      id: i.id, kind: i.kind, title: i.title, presenter: { personId: i.presenter_person_id, unitId: i.presenter_unit_id, name: i.presenter_name }, durationMinutes: i.duration_minutes,
    })));
  }

  // Four presentations: a district office or commune, a media centre or radio station, the IT centre or a press
  // agency, and an enterprise (seeds 000 and 002); the unit that must present takes its type's place.
  const invited = (await invitationsRepo.list(db, id)).map((i) => org.byCode.get(i.unit_code)!);
  const pickOf = (types: UnitType[], key: string) => {
    const pool = invited.filter((u) => types.includes(u.type) && people.membersOn(u.code, date).length > 0);
    return pool.length ? rngFor('presents', period, key).pick(pool) : null;
  };
  const slots = [['district_office', 'commune'], ['media_centre', 'radio_station'], r.chance(0.6) ? ['it_centre'] : ['press_agency'], ['enterprise']] as UnitType[][];
  const presenting: Unit[] = [];
  for (const [i, types] of slots.entries()) {
    const u = mustPresent && types.includes(mustPresent.type) ? mustPresent : pickOf(types, String(i));
    if (u && !presenting.includes(u)) presenting.push(u);
  }
  const askDay = workingDaysAfter(planDay, 1, ctx.holidays);
  const dueDay = workingDaysBefore(ctx, date, 2);
  const dueAt = at(dueDay, 17);
  const asked: Planned['asked'] = [];
  for (const [i, unit] of presenting.entries()) {
    const members = people.membersOn(unit.code, date);
    const presenter = members[rngFor('presenter', period, unit.code).chance(0.6) ? 0 : Math.min(1, members.length - 1)]?.person ?? null;
    const topic = topicFor(unit, rngFor('topic', period, unit.code));
    const askAt = at(askDay, 10, 5 * i);
    const pid = await askPresentation(on(ctx, askAt), office.actor, office.by, id, {
      unitId: unit.id, topic, dueAt: `${dueDay}T17:00`, presenterPersonId: presenter?.id ?? null,
    }, askAt);
    asked.push({ id: pid, unit, presenter, topic });
  }

  const inviteDay = workingDaysAfter(planDay, 2, ctx.holidays);
  const invitedAt = at(inviteDay, 15, r.int(0, 30));
  const dept = people.departmentOn(date).name;
  // The Giấy mời's registry number: the office's GM numbers run through the year.
  const gm = `${String(r.int(2, 12) + monthIndex(inviteDay) * 18).padStart(2, '0')}/${DOCUMENT_TYPES.GM.symbol}-${issuerShort(dept)}`;
  await inviteConference(on(ctx, invitedAt), office.actor, office.by, id, { invitationNumber: gm }, invitedAt, {
    config: { smtpUrl: undefined, smtpFrom: '', publicUrl: undefined }, uidHost: 'nhip.local',
  });
  return { id, period, date, startsAt: c.starts_at, annual, asked, invitedAt, rsvpDeadline: c.rsvp_deadline ?? c.starts_at, dueAt };
}

const monthIndex = (date: string) => Number(date.slice(5, 7)) - 1;

// ───────────── answers, delegates, uploads ─────────────

type Delegate = { id: number; unit: Unit; person: DemoPerson | null; fullName: string; position: string; walkIn: boolean; checkedInAt: Date | null };

/**
 * The units' answers (bulk, as `respond` writes them): `answer` decides each unit's status, the delegates are the
 * unit's people on the conference day, heads first, the presenter among them.
 */
async function answer(ctx: Ctx, c: Planned, decide: (u: Unit, r: Rng) => 'accepted' | 'declined' | 'pending', until: number): Promise<Delegate[]> {
  const { db, org, people, users } = ctx;
  const invitations = await invitationsRepo.list(db, c.id);
  const rows: { inv: (typeof invitations)[number]; unit: Unit; status: 'accepted' | 'declined'; at: Date; reason: string | null; chosen: DemoPerson[] }[] = [];
  for (const inv of invitations) {
    const unit = org.byCode.get(inv.unit_code)!;
    const r = rngFor('rsvp', c.period, unit.code);
    const members = people.membersOn(unit.code, c.date);
    const status = members.length ? decide(unit, r) : 'pending';
    if (status === 'pending') continue;
    const when = workMoment(ctx, r, c.invitedAt.getTime() + 3_600_000, Math.min(c.rsvpDeadline.getTime(), until));
    if (when.getTime() >= until) continue;
    let chosen: DemoPerson[] = [];
    if (status === 'accepted') {
      const presenter = c.asked.find((a) => a.unit === unit)?.presenter ?? null;
      const want = inv.expected_delegates > 1 && r.chance(0.15) ? inv.expected_delegates - 1 : inv.expected_delegates;
      const order = r.chance(0.7) ? members : [...members.slice(1), members[0]];
      chosen = [...new Set([...(presenter ? [presenter] : []), ...order.map((m) => m.person)])].slice(0, want);
    }
    rows.push({ inv, unit, status, at: when, reason: status === 'declined' ? r.pick(DECLINE_REASONS) : null, chosen });
  }
  await db.query(
    `UPDATE conference_invitations i SET status = x.status, decline_reason = x.reason, responded_by = x.by, responded_at = x.at
       FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::timestamptz[]) AS x(id, status, reason, by, at) WHERE i.id = x.id`,
    [rows.map((x) => x.inv.id), rows.map((x) => x.status), rows.map((x) => x.reason), rows.map((x) => users.reporterOf(x.unit).id), rows.map((x) => x.at)],
  );
  const flat = rows.flatMap((x) => x.chosen.map((p) => ({ x, p })));
  const ids = await allocIds(db, 'conference_delegates', flat.length);
  const delegates: Delegate[] = flat.map(({ x, p }, i) => ({
    id: ids[i], unit: x.unit, person: p, fullName: p.fullName, position: people.positionOn(p, c.date)?.position ?? '', walkIn: false, checkedInAt: null,
  }));
  await insertRows(
    db, 'conference_delegates',
    [['id', 'int'], ['conference_id', 'int'], ['invitation_id', 'int'], ['org_unit_id', 'int'], ['person_id', 'int'], ['full_name', 'text'], ['position', 'text'],
      ['ticket', 'text'], ['created_at', 'timestamptz']],
    flat.map(({ x, p }, i) => [ids[i], c.id, x.inv.id, x.unit.id, p.id, p.fullName, delegates[i].position, newTicket(), x.at.toISOString()]),
  );
  for (const x of rows) {
    const rep = users.reporterOf(x.unit);
    ctx.audit.push(auditRow(x.at, rep, 'conference.respond', 'conference', c.id, x.unit.id,
      { status: 'pending', delegates: [] }, { status: x.status, reason: x.reason, delegates: x.chosen.map((p) => p.id) }));
  }
  return delegates;
}

function auditRow(when: Date, user: DemoUser, action: string, entityType: string, entityId: number, unitId: number | null, before: unknown, after: unknown): AuditRow {
  return {
    at: when, actor_id: user.id, actor_name: user.username, action, entity_type: entityType, entity_id: String(entityId), org_unit_id: unitId,
    before: before === undefined ? null : JSON.stringify(before), after: JSON.stringify(after), ip: null,
  };
}

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, (m) => (m === 'đ' ? 'd' : 'D'));

/**
 * The unit's file, as `uploadPresentation` stores it: typed and named by the module from its content, with its
 * SHA-256, by the unit's reporter: slides, Word documents and PDFs; a unit that gives the same talk again
 * sends the same file.
 */
async function upload(ctx: Ctx, c: Planned, a: Planned['asked'][number], when: Date): Promise<void> {
  const x = rngFor('file', c.period, a.unit.code).float();
  const kind = x < 0.3 ? 'docx' : x < 0.75 ? 'pptx' : 'pdf';
  const key = `${kind}|${a.unit.code}|${a.topic}`;
  let content = ctx.files.get(key);
  if (!content) {
    content =
      kind === 'docx' ? await sampleDocx(a.topic, [a.unit.name, 'I. Kết quả đạt được', 'II. Cách làm, kinh nghiệm', 'III. Đề xuất, kiến nghị'])
      : kind === 'pdf' ? await samplePdf(ascii(`${a.unit.shortName ?? a.unit.name}: ${a.topic}`).slice(0, 80))
      : await samplePptx();
    ctx.files.set(key, content);
  }
  const typed = await detectPresentation(content, `Tham luận ${a.unit.shortName ?? a.unit.name}.${kind}`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const rep = ctx.users.reporterOf(a.unit);
  await presentationsRepo.storeFile(ctx.db, a.id, { name: typed.filename, mime: typed.mime, size: content.length, sha256, content, userId: rep.id, at: when });
  ctx.audit.push(auditRow(when, rep, 'conference.presentation.upload', 'conference', c.id, a.unit.id, undefined,
    { presentationId: a.id, filename: typed.filename, mime: typed.mime, size: content.length, sha256 }));
}

// ───────────── a conference held and concluded ─────────────

async function heldConference(ctx: Ctx, period: string, date: string): Promise<number> {
  const { db, office, director } = ctx;
  const r = rngFor('held', period);
  const c = await planAndInvite(ctx, period, date, workingDaysBefore(ctx, date, 12), null);
  const presenting = new Set(c.asked.map((a) => a.unit));
  const delegates = await answer(ctx, c, (u, rr) => (presenting.has(u) ? 'accepted' : rr.float() < 0.88 ? 'accepted' : rr.chance(0.55) ? 'declined' : 'pending'), Infinity);
  for (const a of c.asked) await upload(ctx, c, a, workMoment(ctx, rngFor('upload', period, a.unit.code), c.invitedAt.getTime() + 86_400_000, c.dueAt.getTime()));

  // At the door: most delegates by their QR code, some picked from the list, a few who came unannounced.
  const start = c.startsAt.getTime();
  const present = delegates.filter((d) => !rngFor('arrives', period, d.unit.code, d.fullName).chance(c.asked.some((a) => a.presenter === d.person) ? 0 : 0.08));
  const checkins: { d: Delegate; via: 'ticket' | 'delegate' | 'walk_in'; when: Date }[] = present.map((d) => {
    const rr = rngFor('door', period, d.unit.code, d.fullName);
    return { d, via: rr.chance(0.75) ? 'ticket' : 'delegate', when: new Date(start - rr.int(5, 45) * 60_000 + rr.int(0, 59) * 1000) };
  });
  const walkIns = await addWalkIns(ctx, c, delegates, r);
  for (const w of walkIns) checkins.push({ d: w, via: 'walk_in', when: w.checkedInAt! });
  await db.query(
    `UPDATE conference_delegates d SET checked_in_at = x.at, checked_in_by = $3 FROM unnest($1::int[], $2::timestamptz[]) AS x(id, at) WHERE d.id = x.id`,
    [checkins.map((x) => x.d.id), checkins.map((x) => x.when), office.user.id],
  );
  for (const x of checkins) {
    x.d.checkedInAt = x.when;
    ctx.audit.push(auditRow(x.when, office.user, 'conference.checkin', 'conference_delegate', x.d.id, x.d.unit.id,
      undefined, { conferenceId: c.id, fullName: x.d.fullName, via: x.via, walkIn: x.d.walkIn }));
  }

  // The day itself: the first item holds the conference; each item starts when the one before ends.
  const items = await agendaRepo.list(db, c.id);
  const opened = start + r.int(0, 8) * 60_000;
  await transitionConference(on(ctx, new Date(opened)), office.actor, office.by, c.id, 'hold', new Date(opened));
  const times: { id: number; from: number; to: number }[] = [];
  let t = opened;
  for (const i of items) {
    const minutes = Math.max(3, Math.round(i.duration_minutes * r.between(0.85, 1.2)));
    times.push({ id: i.id, from: t, to: t + minutes * 60_000 });
    t += minutes * 60_000 + r.int(0, 90) * 1000;
  }
  const closedAt = times.at(-1)!.to;
  const facts = { present: checkins, units: new Set(checkins.map((x) => x.d.unit.id)).size };
  const notes = items.map((i) => notesFor(ctx, c, i, facts));
  const notesAt = (k: number) => new Date(times[k].to + rngFor('notes', period, k).int(1, 6) * 60_000);
  await db.query(
    `UPDATE conference_agenda_items a SET started_at = x.started, ended_at = x.ended, notes = x.notes, notes_revision = CASE WHEN x.notes = '' THEN 0 ELSE 1 END,
            notes_updated_by = CASE WHEN x.notes = '' THEN NULL ELSE $6::int END, notes_updated_at = CASE WHEN x.notes = '' THEN NULL ELSE x.saved END
       FROM unnest($1::int[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::timestamptz[]) AS x(id, started, ended, notes, saved) WHERE a.id = x.id`,
    [times.map((x) => x.id), times.map((x) => new Date(x.from)), times.map((x) => new Date(x.to)), notes, items.map((_, k) => notesAt(k)), office.user.id],
  );
  await db.query('UPDATE conferences SET started_at = $2, ended_at = $3 WHERE id = $1', [c.id, new Date(opened), new Date(closedAt)]);
  times.forEach((x, k) => {
    ctx.audit.push(auditRow(new Date(x.from), office.user, 'conference.agenda.start', 'conference_agenda_item', x.id, null, undefined,
      { conferenceId: c.id, title: items[k].title, at: new Date(x.from).toISOString(), ended: k ? [times[k - 1].id] : [] }));
    if (notes[k]) ctx.audit.push(auditRow(notesAt(k), office.user, 'conference.notes.save', 'conference_agenda_item', x.id, null, undefined,
      { conferenceId: c.id, revision: 1, length: notes[k].length }));
  });
  ctx.audit.push(auditRow(new Date(closedAt), office.user, 'conference.end', 'conference', c.id, null, undefined, { endedAt: new Date(closedAt).toISOString() }));

  // The discussion list, pre-filled the day before; during the discussion what was raised is ticked and a few
  // points come from the floor.
  const eve = at(workingDaysBefore(ctx, date, 1), 16, r.int(0, 40));
  const discussionItem = items.find((i) => i.kind === 'discussion')!;
  const dItem = times.find((x) => x.id === discussionItem.id)!;
  const raised = await discuss(ctx, c, checkins.map((x) => x.d), discussionItem.id, eve, dItem.from, dItem.to);

  // The conclusion (and the provincial leader's directive), point by point, right after the conference.
  const pointsAt = new Date(closedAt + 20 * 60_000);
  await concludePoints(ctx, c, raised, pointsAt);

  // The minutes: compiled from the notes that evening, registered and corrected the next working day.
  const next = workingDaysAfter(date, 1, ctx.holidays);
  const compiledAt = new Date(closedAt + 70 * 60_000);
  const compiled = await recompileMinutes(on(ctx, compiledAt), whoOf(office), c.id, 0, compiledAt);
  const savedAt = at(next, 9, r.int(10, 50));
  if (savedAt.getTime() < ctx.nowBound) {
    const content = { ...compiled.content, number: String(r.int(2, 9) + monthIndex(date) * 3).padStart(2, '0') };
    await saveMinutes(on(ctx, savedAt), whoOf(office), c.id, { baseRevision: compiled.revision, content }, savedAt);
  }

  // The notice, issued by the director a few working days later; the conference is concluded.
  const issuedAt = at(workingDaysAfter(date, 3, ctx.holidays), 15, r.int(0, 45));
  if (issuedAt.getTime() >= ctx.nowBound) return c.id;
  await issueNotice(on(ctx, issuedAt), whoOf(director), c.id, {}, issuedAt);
  if (period === ctx.reissuePeriod) await reissue(ctx, c, reissueAt(ctx, date));
  // A year on, the office closes the file.
  const closeAt = at(workingDaysAfter(addDays(date, 365), 0, ctx.holidays), 16, 30);
  if (closeAt.getTime() < ctx.nowBound) await transitionConference(on(ctx, closeAt), office.actor, office.by, c.id, 'close', closeAt);
  return c.id;
}

/** People who came without being named: someone of a unit that never answered, and a journalist covering it. */
async function addWalkIns(ctx: Ctx, c: Planned, delegates: Delegate[], r: Rng): Promise<Delegate[]> {
  const { db, org, people } = ctx;
  const named = new Set(delegates.map((d) => d.person?.id));
  const pending = (await invitationsRepo.list(db, c.id)).filter((i) => i.status === 'pending').map((i) => org.byCode.get(i.unit_code)!);
  const candidates: { unit: Unit; person: DemoPerson; position: string }[] = [];
  for (const u of [...r.shuffle(pending), ...org.press.filter((p) => validOn(p, c.date))]) {
    const m = people.membersOn(u.code, c.date).find((x) => !named.has(x.person.id));
    if (m && !candidates.some((x) => x.unit === u)) candidates.push({ unit: u, person: m.person, position: m.position });
  }
  const chosen = candidates.slice(0, r.int(1, 2));
  const ids = await allocIds(db, 'conference_delegates', chosen.length);
  const out: Delegate[] = chosen.map((x, i) => ({
    id: ids[i], unit: x.unit, person: x.person, fullName: x.person.fullName, position: x.position, walkIn: true,
    checkedInAt: new Date(c.startsAt.getTime() - r.int(0, 20) * 60_000),
  }));
  await insertRows(
    db, 'conference_delegates',
    [['id', 'int'], ['conference_id', 'int'], ['org_unit_id', 'int'], ['person_id', 'int'], ['full_name', 'text'], ['position', 'text'], ['ticket', 'text'],
      ['walk_in', 'bool'], ['created_at', 'timestamptz']],
    out.map((d) => [d.id, c.id, d.unit.id, d.person!.id, d.fullName, d.position, newTicket(), true, d.checkedInAt!.toISOString()]),
  );
  return out;
}

/** The secretary's notes of an agenda item (the minutes are compiled from them). */
function notesFor(ctx: Ctx, c: Planned, item: { kind: string; presenter_unit_id: number | null }, f: { present: unknown[]; units: number }): string {
  const w = conferencePeriodWording(c.period)!;
  const r = rngFor('note', c.period, item.kind, item.presenter_unit_id ?? 0);
  const chief = ctx.people.officeOn(c.date).chief;
  switch (item.kind) {
    case 'opening':
      return `${chief ? `Đồng chí ${chief.fullName}, Chánh Văn phòng Sở` : 'Văn phòng Sở'} tuyên bố lý do, giới thiệu đại biểu. Hội nghị có ${f.present.length} đại biểu của ${f.units} đơn vị dự.`;
    case 'draft_report':
      return r.pick([
        `Dự thảo báo cáo đánh giá các chỉ tiêu chủ yếu ${w.current} cơ bản đạt kế hoạch; hạ tầng viễn thông tiếp tục mở rộng, tỷ lệ hồ sơ trực tuyến tăng so với cùng kỳ. Tồn tại: hạ tầng vùng sâu, nhân lực công nghệ thông tin cấp cơ sở, hệ thống truyền thanh xuống cấp.`,
        `Dự thảo báo cáo nêu kết quả nổi bật ${w.current} về chuyển đổi số, thông tin cơ sở và quản lý báo chí; chỉ ra hạn chế về an toàn thông tin ở cơ sở và đề ra nhiệm vụ trọng tâm ${w.next}.`,
      ]);
    case 'presentation':
      return r.pick([
        'Tham luận nêu cách làm cụ thể, kết quả đạt được và kiến nghị Sở tiếp tục hướng dẫn, hỗ trợ cơ sở.',
        'Đơn vị chia sẻ kinh nghiệm, những việc còn vướng và đề xuất cơ chế phối hợp trong thời gian tới.',
      ]);
    case 'discussion':
      return 'Các đại biểu thống nhất với dự thảo báo cáo; ý kiến tập trung vào khó khăn, vướng mắc ở cơ sở và đề xuất, kiến nghị với Sở.';
    case 'awards':
      return `Trao Bằng khen của Chủ tịch UBND tỉnh cho ${r.int(1, 3)} tập thể, ${r.int(2, 5)} cá nhân; Giám đốc Sở tặng Giấy khen cho ${r.int(3, 6)} tập thể, ${r.int(8, 15)} cá nhân có thành tích xuất sắc ${w.current}.`;
    case 'directive':
      return 'Đồng chí Phó Chủ tịch UBND tỉnh ghi nhận, biểu dương kết quả của ngành và đề nghị tập trung vào các nhiệm vụ sau:';
    case 'conclusion':
      return 'Giám đốc Sở kết luận Hội nghị; nội dung kết luận được ban hành bằng thông báo.';
    case 'closing':
      return 'Chủ trì Hội nghị cảm ơn các đại biểu và tuyên bố bế mạc.';
    default:
      return '';
  }
}

type DiscussionUnit = { unitId: number; submissionId: number | null; section: PrefillSection | null; itemIndex: number | null };
type Discussed = {
  id: number; kind: 'difficulty' | 'proposal' | 'opinion'; text: string; sectorId: number | null; source: 'report' | 'floor'; raised: boolean;
  speaker: Delegate | null; agendaItemId: number | null; units: DiscussionUnit[]; at: Date;
};

/**
 * The discussion list (bulk, in the shapes discussion.service writes): pre-filled the day before by the module's own
 * merge of the period's approved reports (prefillItems); during the discussion the secretary ticks four to six of
 * them, across sectors, with who spoke (a present delegate of a unit that raised it), and adds two or three points
 * from the floor. Returns the ticked items.
 */
async function discuss(ctx: Ctx, c: Planned, present: Delegate[], agendaItemId: number, eve: Date, from: number, to: number): Promise<Discussed[]> {
  const { db, org, office } = ctx;
  const p = parsePeriod(c.period)!;
  const proposed = prefillItems(await approvedNarratives(db, p.start, p.end), ctx.sectorOrder);
  const items: Discussed[] = proposed.map((x) => ({
    id: 0, kind: x.kind, text: x.text, sectorId: x.sectorId, source: 'report', raised: false, speaker: null, agendaItemId: null, at: eve,
    units: x.sources.map((u) => ({ unitId: u.unitId, submissionId: u.submissionId, section: u.section, itemIndex: u.itemIndex })),
  }));
  const speakerOf = new Map<number, Delegate>();
  for (const d of present) if (d.person && !speakerOf.has(d.unit.id)) speakerOf.set(d.unit.id, d);
  const unitById = new Map(org.units.map((u) => [u.id, u]));
  const r = rngFor('raised', c.period);
  // Items whose units are all in being that day (a unit closed before the conference cannot be named on it).
  const candidates = r.shuffle(items.filter((i) => i.units.every((u) => validOn(unitById.get(u.unitId)!, c.date)) && i.units.some((u) => speakerOf.has(u.unitId))));
  const ticked: Discussed[] = [];
  for (const i of candidates) if (ticked.length < 6 && !ticked.some((t) => t.sectorId === i.sectorId)) ticked.push(i);
  for (const i of candidates) if (ticked.length < 4 && !ticked.includes(i)) ticked.push(i);
  ticked.forEach((i, k) => {
    i.raised = true;
    i.speaker = speakerOf.get(i.units.find((u) => speakerOf.has(u.unitId))!.unitId)!;
    i.agendaItemId = agendaItemId;
    i.at = new Date(from + (k + 1) * 4 * 60_000);
  });
  const f = rngFor('floor', c.period);
  const used = new Set<number>();
  const floor = f.int(2, 3);
  for (const x of f.shuffle(FLOOR)) {
    const d = f.shuffle(present.filter((y) => y.person && x.types.includes(y.unit.type) && !used.has(y.unit.id)))[0];
    if (!d || items.filter((i) => i.source === 'floor').length >= floor) continue;
    used.add(d.unit.id);
    items.push({
      id: 0, kind: x.kind, text: x.text, sectorId: org.sectorIds.get(x.sector) ?? null, source: 'floor', raised: true, speaker: d, agendaItemId,
      units: [{ unitId: d.unit.id, submissionId: null, section: null, itemIndex: null }], at: new Date(from + (to - from) * (0.5 + 0.15 * used.size)),
    });
  }
  const ids = await allocIds(db, 'conference_discussion_items', items.length);
  items.forEach((i, k) => {
    i.id = ids[k];
  });
  await insertRows(
    db, 'conference_discussion_items',
    [['id', 'int'], ['conference_id', 'int'], ['agenda_item_id', 'int'], ['kind', 'text'], ['sector_id', 'int'], ['speaker_person_id', 'int'], ['text', 'text'],
      ['source', 'text'], ['raised', 'bool'], ['position', 'int'], ['created_by', 'int'], ['created_at', 'timestamptz']],
    items.map((i, k) => [i.id, c.id, i.agendaItemId, i.kind, i.sectorId, i.speaker?.person?.id ?? null, i.text, i.source, i.raised, k + 1, office.user.id,
      (i.source === 'report' ? eve : i.at).toISOString()]),
  );
  await insertRows(
    db, 'conference_discussion_units',
    [['item_id', 'int'], ['org_unit_id', 'int'], ['submission_id', 'int'], ['section', 'text'], ['item_index', 'int']],
    items.flatMap((i) => i.units.map((u) => [i.id, u.unitId, u.submissionId, u.section, u.itemIndex])),
  );
  ctx.audit.push(auditRow(eve, office.user, 'conference.discussion.prefill', 'conference', c.id, null, undefined,
    { period: c.period, proposed: proposed.length, added: proposed.length, removed: 0, kept: 0 }));
  const write = (i: Discussed) => ({
    kind: i.kind, text: i.text, sectorId: i.sectorId, speakerPersonId: i.speaker?.person?.id ?? null, speakerName: null, agendaItemId: i.agendaItemId, raised: i.raised,
  });
  for (const i of items) {
    const units = i.units.map((u) => u.unitId);
    if (i.source === 'floor')
      ctx.audit.push(auditRow(i.at, office.user, 'conference.discussion.create', 'conference_discussion_item', i.id, null, undefined, { conferenceId: c.id, ...write(i), units }));
    else if (i.raised)
      ctx.audit.push(auditRow(i.at, office.user, 'conference.discussion.update', 'conference_discussion_item', i.id, null,
        { text: i.text, raised: false, kind: i.kind, units }, { ...write(i), units }));
  }
  return ticked;
}

/** End of the quarter a date falls in. */
function quarterEnd(date: string): string {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  return addDays(`${q === 3 ? y + 1 : y}-${String(((q + 1) % 4) * 3 + 1).padStart(2, '0')}-01`, -1);
}

/**
 * The director's conclusion: the conference agreed with the report; the office finishes it; a task per sector
 * raised (owned by the sector's division, with the units asked to help, by the end of the next quarter); the next
 * period's priorities; the office follows up. At an annual conference, the provincial leader's directive first.
 */
async function concludePoints(ctx: Ctx, c: Planned, raised: Discussed[], when: Date): Promise<void> {
  const { db, org, office } = ctx;
  const w = conferencePeriodWording(c.period)!;
  const due = quarterEnd(addDays(c.date, 70));
  const soon = workingDaysAfter(c.date, 7, ctx.holidays);
  const division = (sector: string) => org.byCode.get(SECTORS.find((s) => s.code === sector)!.division)!;
  const co = (units: Unit[]) => units.filter((u) => validOn(u, c.date)).map((u) => u.id);
  const points: { source: 'conclusion' | 'directive'; input: PointInput }[] = [];
  const add = (source: 'conclusion' | 'directive', kind: PointKind, text: string, extra: Partial<PointInput> = {}) => points.push({ source, input: { kind, text, ...extra } });
  if (c.annual) {
    const y = Number(c.period);
    add('directive', 'information', `Ghi nhận, biểu dương những kết quả ngành đạt được trong năm ${y}, đóng góp vào phát triển kinh tế – xã hội của tỉnh`);
    add('directive', 'task', `Tham mưu UBND tỉnh ban hành kế hoạch chuyển đổi số năm ${y + 1}, bám sát chỉ đạo của Trung ương và của tỉnh`, {
      ownerDivisionId: org.division.cds.id, deadline: `${y + 1}-02-28`, sectorId: org.sectorIds.get('CDS'), coUnitIds: co([org.itCentre]),
    });
    add('directive', 'task', 'Chủ động định hướng thông tin báo chí về các sự kiện lớn và vấn đề dư luận quan tâm; phối hợp xử lý thông tin sai sự thật trên mạng', {
      ownerDivisionId: org.division.ttbc.id, deadline: `${y + 1}-06-30`, sectorId: org.sectorIds.get('BCHI'), coUnitIds: co(org.press),
    });
  }
  add('conclusion', 'information', `Hội nghị thống nhất với đánh giá kết quả công tác ${w.current} trong dự thảo báo cáo; ghi nhận sự cố gắng của các phòng, đơn vị, doanh nghiệp và cơ quan báo chí`);
  add('conclusion', 'task', `Tiếp thu ý kiến đại biểu, hoàn thiện báo cáo kết quả công tác ${w.current}, trình UBND tỉnh`, { ownerDivisionId: org.division.vp.id, deadline: soon });
  const seen = new Set<string>();
  const sectorCode = new Map([...org.sectorIds].map(([code, id]) => [id, code]));
  for (const item of raised) {
    const sector = item.sectorId === null ? null : (sectorCode.get(item.sectorId) ?? null);
    if (!sector || seen.has(sector) || !TASKS[sector] || item.kind === 'opinion') continue;
    seen.add(sector);
    const t = TASKS[sector];
    add('conclusion', 'task', t.text.replace('{next}', w.next), {
      ownerDivisionId: division(sector).id, deadline: due, sectorId: org.sectorIds.get(sector), coUnitIds: co(t.co(org)), discussionItemId: item.id,
    });
    if (seen.size >= 3) break;
  }
  add('conclusion', 'decision', `Thống nhất các nhiệm vụ trọng tâm ${w.next} như dự thảo báo cáo; các phòng, đơn vị xây dựng kế hoạch thực hiện`);
  add('conclusion', 'task', 'Theo dõi, đôn đốc thực hiện kết luận này; tổng hợp kết quả, báo cáo Giám đốc Sở tại hội nghị kỳ sau', {
    ownerDivisionId: org.division.vp.id, deadline: due,
  });
  // Written as points.service writes them (numbered per source, co-operating units apart), each with its event.
  const ids = await allocIds(db, 'conference_points', points.length);
  const numbers: Record<string, number> = { conclusion: 0, directive: 0 };
  const rows = points.map((p, k) => ({ id: ids[k], source: p.source, number: ++numbers[p.source], at: new Date(when.getTime() + k * 60_000), ...p.input }));
  await insertRows(
    db, 'conference_points',
    [['id', 'int'], ['conference_id', 'int'], ['source', 'text'], ['number', 'int'], ['kind', 'text'], ['text', 'text'], ['owner_division_id', 'int'], ['deadline', 'date'],
      ['sector_id', 'int'], ['discussion_item_id', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    rows.map((p) => [p.id, c.id, p.source, p.number, p.kind, p.text, p.ownerDivisionId ?? null, p.deadline ?? null, p.sectorId ?? null, p.discussionItemId ?? null,
      p.at.toISOString(), p.at.toISOString()]),
  );
  await insertRows(db, 'conference_point_units', [['point_id', 'int'], ['org_unit_id', 'int']], rows.flatMap((p) => (p.coUnitIds ?? []).map((u) => [p.id, u])));
  for (const p of rows)
    ctx.audit.push(auditRow(p.at, office.user, 'conference.point.create', 'conference_point', p.id, null, undefined, {
      conferenceId: c.id, source: p.source, number: p.number, kind: p.kind, text: p.text, ownerDivisionId: p.ownerDivisionId ?? null, deadline: p.deadline ?? null,
      sectorId: p.sectorId ?? null, coUnits: p.coUnitIds ?? [],
    }));
}

/** When the reissue goes out: a couple of weeks after the conference. */
const reissueAt = (ctx: Ctx, date: string) => at(workingDaysAfter(date, 12, ctx.holidays), 10, 15);

/** A reissue with a reason: the first task on a sector gets the IT centre to help and a month more. */
async function reissue(ctx: Ctx, c: Planned, when: Date): Promise<void> {
  const { db, org } = ctx;
  const points = await pointsRepo.list(db, c.id);
  const changed = points.find((p) => p.kind === 'task' && p.source === 'conclusion' && p.sector_id !== null) ?? null;
  const helps = (p: (typeof points)[number]) => (p === changed && !p.co_units.some((u) => u.id === org.itCentre.id) ? [org.itCentre.id] : []);
  await issueNotice(on(ctx, when), whoOf(ctx.director), c.id, {
    reason: REISSUE_REASON,
    points: points.map((p) => ({
      id: p.id, source: p.source, kind: p.kind, text: p.text, ownerDivisionId: p.owner_division_id, sectorId: p.sector_id, discussionItemId: p.discussion_item_id,
      deadline: p === changed && p.deadline ? workingDaysAfter(addDays(p.deadline, 30), 1, ctx.holidays) : p.deadline, coUnitIds: [...p.co_units.map((u) => u.id), ...helps(p)],
    })),
  }, when);
}

// ───────────── the next conference, being planned ─────────────

/**
 * The next conference: planned and invited a few days before `today`, answers partly in (most accepted with their
 * delegates, one declined, the rest pending), four presentations asked and half of them uploaded. The home unit of
 * `baocao` has not answered and owes a presentation.
 */
async function upcomingConference(ctx: Ctx, period: string, date: string): Promise<number> {
  const { org, users } = ctx;
  // Planned as it would be, or, when that is still ahead, a few days before today.
  const planDay = [workingDaysBefore(ctx, date, 12), workingDaysBefore(ctx, ctx.today, 5)].sort()[0];
  const home = users.homeUnit;
  const c = await planAndInvite(ctx, period, date, planDay, validOn(home, date) ? home : null);
  const presenting = new Set(c.asked.map((a) => a.unit));
  const others = (await invitationsRepo.list(ctx.db, c.id)).map((i) => org.byCode.get(i.unit_code)!)
    .filter((u) => u !== home && !presenting.has(u) && ctx.people.membersOn(u.code, date).length > 0);
  const declining = others.length ? rngFor('declines', period).pick(others) : null;
  await answer(ctx, c, (u, r) => (u === home ? 'pending' : u === declining ? 'declined' : presenting.has(u) || r.chance(0.45) ? 'accepted' : 'pending'), ctx.nowBound);
  let uploaded = 0;
  for (const a of c.asked) {
    if (a.unit === home || uploaded >= Math.floor(c.asked.length / 2)) continue;
    const when = workMoment(ctx, rngFor('upload', period, a.unit.code), c.invitedAt.getTime() + 3_600_000, Math.min(ctx.nowBound, c.dueAt.getTime()));
    if (when.getTime() >= ctx.nowBound) continue;
    await upload(ctx, c, a, when);
    uploaded++;
  }
  return c.id;
}
