/**
 * Demo follow-up: the register of recommendations (kiến nghị) as the divisions would have kept it since 2022.
 *
 * The conferences (conferences.ts) have already filled the triage queues when their notices were issued, against a
 * register that did not exist yet. This walks the timeline in order, on the business clock, through the module's own
 * services (so the data is what the product makes, with its audit events):
 * - the deputy directors in charge of each sector over time (sector_leads, plain rows: the department's deputies of
 *   the day, one per division's sectors);
 * - at each notice, the conference's pending candidates matched again against the register as it stood that day (what
 *   intake would have stored), then triaged by the owning division's reviewer (the office for its own queue and for
 *   links across divisions) one to six working days later: a proposed `recurring` link mostly accepted, now and then
 *   rejected (kept) and a new recommendation created, or created anyway and merged by the office a few days later;
 *   otherwise a new recommendation with a deadline (a few without, assigned by the office afterwards), or "no
 *   action" with a reason; a conclusion or directive task arrives assigned;
 * - the reports approved in the last hundred days go through intake (their bullets enter the queues, matched), and the
 *   reviewers have worked through part of them;
 * - each recommendation then moves along: started, progress notes, an answer drafted and the point closed with the
 *   answer published to the raising units and closing evidence (most on time, some late), some found impossible,
 *   some carried to the next quarter, some left open (within the deadline or overdue); now and then an interim answer;
 * - key tasks: the office names the owner of the conferences' key tasks, the reports' part III of the annual reviews
 *   adds the year's tasks, owners report progress, and at each period's end the office closes or carries them (the
 *   year 2025's open tasks are carried into 2026);
 * - the escalation job runs each Monday of the last five weeks and on `today`, so reminders, escalations to the deputy
 *   in charge (the directors' accounts hear: the deputies have none) and the weekly digests exist.
 * Nothing happens after 07:30 on `today`; what would have is simply not done yet, so the latest points stay open and
 * the latest candidates stay in the queues. Deterministic: every choice comes from rngFor keyed by the candidate.
 */
import { type Actor, nextPeriod, OPEN_RECOMMENDATION_STATES, parsePeriod, type RecommendationKind, type RecommendationState } from '@nhip/contracts';
import type { AuditActor } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { publishAnswer, saveAnswer } from '../follow-up/answers.service.js';
import { runFollowUpJobs } from '../follow-up/escalation.service.js';
import { INTAKE_MAX_ROWS, intakeReport, SUGGESTIONS_KEPT } from '../follow-up/intake.service.js';
import { matchTerms, rankCandidates } from '../follow-up/matching/index.js';
import { similarRepo } from '../follow-up/similar.repository.js';
import { addUpdate, editRecommendation, transitionRecommendation, type Who } from '../follow-up/recommendations.service.js';
import { findSimilar, type MatchContext, matchContext, noteStored } from '../follow-up/similar.service.js';
import { type CandidateRow, type CandidateWrite, triageRepo } from '../follow-up/triage.repository.js';
import { createFromCandidate, dismissCandidate, linkCandidate, rejectSuggestion } from '../follow-up/triage.service.js';
import { addDays, diffDays, HOLIDAYS, isWorkday, toWorkingDay, vnDateOf, vnTime } from './dates.js';
import { approvedNarratives } from '../reports/summary-report.repository.js';
import { chosen } from '../reports/summary-report.service.js';
import { type AuditRow, dated, writeAudit } from './audit-sink.js';
import { type Rng, rngFor } from './rng.js';
import { allocIds, insertRows } from './sql.js';

export type FollowUpCounts = {
  recommendations: number;
  recommendationSources: number;
  recommendationCandidatesPending: number;
  keyTasks: number;
  sectorLeads: number;
  /** Audit events of the follow-up walk (the intake events of the conferences are counted with them). */
  followUpAuditEvents: number;
};

// ───────────── the business clock for the services (audit-sink.ts) ─────────────

type Ev = { at: number; seq: number; run: () => Promise<void> };

/** The last days walked through the services (what people open first); everything before is written in bulk. */
const HISTORY_DAYS = 120;
/** Points that came in this recently and were left without a deadline are still waiting for the office to schedule them. */
const RECENT_MS = 60 * 86_400_000;

type Ctx = {
  db: Db;
  today: string;
  nowBound: number;
  audit: AuditRow[];
  queue: Ev[];
  seq: number;
  match: MatchContext;
  office: Who;
  /** The reviewer who works each division's queue (the office works its own). */
  reviewers: Map<number, Who>;
  officeDivision: number;
  divisions: { id: number; code: string }[];
};

const on = (ctx: Ctx, at: number) => dated(ctx.db, new Date(at), ctx.audit);

/** Runs `run` at `at` in the walk (in time order); anything after 07:30 on `today` has not happened yet. */
function schedule(ctx: Ctx, at: number, run: () => Promise<void>): boolean {
  if (at > ctx.nowBound) return false;
  const ev = { at, seq: ctx.seq++, run };
  let lo = 0;
  let hi = ctx.queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = ctx.queue[mid];
    if (m.at < at || (m.at === at && m.seq < ev.seq)) lo = mid + 1;
    else hi = mid;
  }
  ctx.queue.splice(lo, 0, ev);
  return true;
}

/** Runs a step that sends notifications, and dates them at the step (the job's bulk insert takes the wall clock). */
async function notifying<T>(ctx: Ctx, at: number, fn: (db: Db) => Promise<T>): Promise<T> {
  const before = await ctx.db.one<{ id: number }>('SELECT coalesce(max(id), 0)::int AS id FROM notifications');
  const out = await fn(on(ctx, at));
  await ctx.db.query('UPDATE notifications SET created_at = $2 WHERE id > $1', [before.id, new Date(at)]);
  return out;
}

/** The working day `n` working days after `day`. */
function workdaysAfter(day: string, n: number): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkday(d)) left--;
  }
  return d;
}
/** A working-hours instant on the working day on or after `day`, never before `after`. */
function moment(day: string, r: Rng, after = 0): number {
  const t = vnTime(toWorkingDay(day), r.int(8, 16), r.int(0, 59));
  return t > after ? t : after + r.int(20, 90) * 60_000;
}

const whoOf = (u: { id: number; username: string; full_name: string; role: string; org_unit_id: number | null }): Who => ({
  id: u.id, role: u.role as Actor['role'], orgUnitId: u.org_unit_id, auditActor: { id: u.id, name: u.username }, fullName: u.full_name, username: u.username,
});

// ───────────── wording ─────────────

const DISMISS_REASONS = [
  'Đã được giải đáp, hướng dẫn trực tiếp tại Hội nghị; không phát sinh việc phải giải quyết.',
  'Không thuộc thẩm quyền của Sở; đã hướng dẫn đơn vị gửi cơ quan có thẩm quyền theo quy định.',
  'Chỉ là ý kiến ghi nhận tình hình, không đề xuất nội dung cần giải quyết.',
  'Đơn vị đã tự khắc phục trong kỳ (theo báo cáo kỳ sau); không cần theo dõi tiếp.',
];

const PROGRESS_NOTES = [
  'Đã có văn bản đề nghị các đơn vị liên quan cho ý kiến; đang tổng hợp.',
  'Đã làm việc với đơn vị nêu kiến nghị, thống nhất hướng xử lý.',
  'Đang khảo sát thực tế tại một số địa phương để xác định nhu cầu.',
  'Đã dự thảo văn bản hướng dẫn, đang lấy ý kiến các phòng.',
  'Đã báo cáo lãnh đạo Sở phụ trách; đang hoàn thiện phương án trình UBND tỉnh.',
  'Đã phối hợp với doanh nghiệp kiểm tra hiện trường; đang chờ số liệu.',
];

/** What was done, by sector (the answer to the units that raised the point). */
const ANSWERS: Record<string, string[]> = {
  VT: ['Sở đã làm việc với các doanh nghiệp viễn thông, thống nhất lộ trình đầu tư hạ tầng và phương án dùng chung; kết quả đã thông báo đến các địa phương.',
    'Sở đã có văn bản đề nghị các chủ đầu tư công trình giao thông thông báo trước khi thi công; doanh nghiệp đã chủ động di dời tuyến cáp.'],
  BC: ['Sở đã phối hợp với Bưu điện tỉnh hướng dẫn tiếp nhận, trả kết quả thủ tục hành chính qua dịch vụ bưu chính công ích tại các điểm phục vụ.',
    'Sở đã đề nghị doanh nghiệp bưu chính duy trì điểm phục vụ vùng cao và công bố mức cước ưu đãi cho hợp tác xã.'],
  CNTT: ['Sở đã công bố đầu mối hỗ trợ kỹ thuật trực tuyến và bổ sung thiết bị cho bộ phận một cửa; thời gian khắc phục sự cố đã rút ngắn.',
    'Sở đã tham mưu UBND tỉnh đưa nội dung nâng cấp Trung tâm dữ liệu vào kế hoạch đầu tư công trung hạn.'],
  CDS: ['Sở đã tổ chức tập huấn cho tổ công nghệ số cộng đồng và hướng dẫn các xã bố trí kinh phí hoạt động của tổ.',
    'Sở đã rà soát, đề nghị các sở, ngành đưa vào khai thác các dịch vụ công trực tuyến toàn trình chưa phát sinh hồ sơ.'],
  ATTT: ['Sở đã ban hành mẫu hồ sơ đề xuất cấp độ an toàn hệ thống thông tin và tổ chức tập huấn lập hồ sơ cho cán bộ cấp cơ sở.',
    'Trung tâm Công nghệ thông tin và Truyền thông đã bố trí đầu mối hỗ trợ xử lý sự cố an toàn thông tin cho cấp cơ sở.'],
  BCHI: ['Sở đã đề nghị các sở, ngành thực hiện nghiêm quy chế phát ngôn và cung cấp thông tin cho báo chí; kết quả được nhắc lại tại giao ban báo chí.',
    'Sở đã tham mưu UBND tỉnh bổ sung kinh phí đặt hàng sản phẩm báo chí cho các chuyên mục chính sách.'],
  XB: ['Sở đã kiểm tra hoạt động in, phát hành xuất bản phẩm trên địa bàn và hướng dẫn cơ sở thực hiện đúng quy định.'],
  TTCS: ['Sở đã tổ chức lớp bồi dưỡng nghiệp vụ thông tin cơ sở và cung cấp tài liệu tuyên truyền cho các xã.',
    'Sở đã hướng dẫn các xã bố trí cán bộ phụ trách thông tin cơ sở và duy trì bản tin định kỳ.'],
  PTTT: ['Sở đã tổng hợp nhu cầu thay thế cụm loa hư hỏng và tham mưu UBND tỉnh bố trí kinh phí chuyển sang truyền thanh ứng dụng CNTT – viễn thông.',
    'Sở đã hướng dẫn mức chi nhuận bút, thù lao cho tin, bài của đài truyền thanh cơ sở theo quy định hiện hành.'],
};
const ANSWER_DEFAULT = ['Sở đã xem xét, giải quyết theo thẩm quyền và thông báo kết quả đến đơn vị.'];

const CANNOT_REASONS = [
  'Nội dung thuộc thẩm quyền của Bộ; Sở đã tổng hợp, báo cáo Bộ và sẽ hướng dẫn khi có văn bản.',
  'Ngân sách tỉnh chưa bố trí được kinh phí theo đề xuất; đề nghị địa phương lồng ghép từ các chương trình mục tiêu.',
  'Đề xuất chưa phù hợp với quy định hiện hành về định mức chi; Sở đã giải thích cho đơn vị.',
];

const CARRY_REASONS = [
  'Chờ UBND tỉnh bố trí kinh phí trong dự toán; tiếp tục theo dõi ở kỳ sau.',
  'Cần thêm thời gian khảo sát sau sắp xếp đơn vị hành chính; chuyển theo dõi sang kỳ sau.',
  'Phụ thuộc tiến độ của doanh nghiệp; tiếp tục đôn đốc ở kỳ sau.',
];

const deptShort = (day: string) => (day < '2025-03-01' ? 'STTTT' : 'SKHCN');
const viDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** The quarter after the one containing `day` (the period a carried point goes to). */
function quarterAfter(day: string): string {
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  return nextPeriod(`${day.slice(0, 4)}Q${q}`).id;
}

// ───────────── the register's state, read between steps ─────────────

type Live = { id: number; state: RecommendationState; version: number; deadline: string | null; owner_division_id: number | null; sector_code: string | null;
  answer_published_at: Date | null; kind: string; text: string; merged_into_id: number | null };

const live = (ctx: Ctx, id: number) =>
  ctx.db.one<Live>(
    `SELECT r.id, r.state, r.version, r.deadline::text AS deadline, r.owner_division_id, s.code AS sector_code, r.answer_published_at, r.kind, r.text, r.merged_into_id
       FROM recommendations r LEFT JOIN sectors s ON s.id = r.sector_id WHERE r.id = $1`, [id]);

const isOpen = (s: RecommendationState) => (OPEN_RECOMMENDATION_STATES as readonly string[]).includes(s);

/** Who of the department acts on a recommendation: its owner division's reviewer, else the office. */
const actorFor = (ctx: Ctx, ownerId: number | null) => (ownerId !== null ? (ctx.reviewers.get(ownerId) ?? ctx.office) : ctx.office);

// ───────────── triage ─────────────

/** Matches pending candidates again against the register as it stands (what intake stores), keeping rejected proposals out. */
async function rematch(ctx: Ctx, rows: CandidateRow[]): Promise<void> {
  if (!rows.length) return;
  const rejected = new Map<number, Set<number>>();
  for (const r of await triageRepo.rejected(ctx.db, rows.map((c) => c.id))) rejected.set(r.candidate_id, (rejected.get(r.candidate_id) ?? new Set()).add(r.recommendation_id));
  const writes: CandidateWrite[] = [];
  for (const c of rows) {
    const matches = await findSimilar(ctx.db, ctx.match, c.text, { limit: SUGGESTIONS_KEPT, maxRows: INTAKE_MAX_ROWS, exclude: rejected.get(c.id) });
    writes.push({
      sourceKind: c.source_kind, sourceKey: c.source_key, text: c.text, kind: c.kind, orgUnitId: c.org_unit_id, period: c.period, raisedOn: c.raised_on,
      sectorId: c.sector_id, divisionId: c.division_id, submissionId: c.submission_id, section: c.section, itemIndex: c.item_index,
      discussionItemId: c.discussion_item_id, pointId: c.point_id, suggestions: matches.map((m) => ({ id: m.id, score: m.score, recurring: m.recurring })),
    });
  }
  await triageRepo.upsert(ctx.db, writes);
}

/** The first suggestion the system marked `recurring` that is still open (a merged one as the one it was merged into). */
async function openRecurring(ctx: Ctx, c: CandidateRow): Promise<{ id: number; owner: number | null } | null> {
  const wanted = c.suggestions.filter((s) => s.recurring);
  if (!wanted.length) return null;
  const rows = await ctx.db.query<{ id: number; state: RecommendationState; owner_division_id: number | null; merged_into_id: number | null }>(
    `SELECT id, state, owner_division_id, merged_into_id FROM recommendations WHERE id = ANY($1::int[])`, [wanted.map((s) => s.id)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const s of wanted) {
    let r = byId.get(s.id);
    if (r?.merged_into_id != null) r = (await ctx.db.query<typeof rows[number]>(`SELECT id, state, owner_division_id, merged_into_id FROM recommendations WHERE id = $1`, [r.merged_into_id]))[0];
    if (r && isOpen(r.state)) return { id: r.id, owner: r.owner_division_id };
  }
  return null;
}

/** A reviewer decides one candidate (see the module comment). */
async function triage(ctx: Ctx, candidateId: number, at: number): Promise<void> {
  const c = await triageRepo.byId(ctx.db, candidateId);
  if (!c || c.status !== 'pending') return;
  const r = rngFor('followup-triage', c.source_key);
  const day = vnDateOf(at);
  const now = new Date(at);
  const db = on(ctx, at);
  const reviewer = c.division_id !== null ? (ctx.reviewers.get(c.division_id) ?? ctx.office) : ctx.office;
  const top = await openRecurring(ctx, c);
  if (top) {
    const who = top.owner === reviewer.orgUnitId || reviewer === ctx.office ? reviewer : ctx.office;
    const x = r.float();
    if (x < 0.1) {
      // "A different matter": the rejection is kept, and the point gets its own recommendation.
      await rejectSuggestion(db, who, c.id, { recommendationId: top.id }, day, now);
      await create(ctx, (await triageRepo.byId(ctx.db, c.id))!, reviewer, at + 4 * 60_000, r, null);
      return;
    }
    if (x < 0.16 && c.source_kind !== 'point') {
      // Created without looking at the proposal: the office merges it into the earlier one a few days later.
      await create(ctx, c, reviewer, at, r, top.id);
      return;
    }
    await linkCandidate(db, who, c.id, { recommendationId: top.id, version: c.version }, day, now);
    return;
  }
  if (c.source_kind !== 'point' && r.chance(0.1)) {
    await dismissCandidate(db, reviewer, c.id, { version: c.version, reason: r.pick(DISMISS_REASONS) }, now);
    return;
  }
  await create(ctx, c, reviewer, at, r, null);
}

/** The years whose annual summary reports show which of the units' bullets the register recognises as raised again. */
const SUMMARY_YEARS_LINKED = [2024, 2025];

/**
 * A reviewer's decision on a bullet of an older report (see the walk): raised again — an open recommendation the
 * system proposes as recurring — it is linked there; otherwise it is dismissed, its matter having come to the register
 * through the conference's discussion list.
 */
async function linkRaisedAgain(ctx: Ctx, candidateId: number, at: number): Promise<void> {
  const c = await triageRepo.byId(ctx.db, candidateId);
  if (!c || c.status !== 'pending') return;
  const db = on(ctx, at);
  const reviewer = c.division_id !== null ? (ctx.reviewers.get(c.division_id) ?? ctx.office) : ctx.office;
  const top = await openRecurring(ctx, c);
  if (top) {
    const who = top.owner === reviewer.orgUnitId || reviewer === ctx.office ? reviewer : ctx.office;
    await linkCandidate(db, who, c.id, { recommendationId: top.id, version: c.version }, vnDateOf(at), new Date(at));
    return;
  }
  await dismissCandidate(db, reviewer, c.id, { version: c.version, reason: DISMISSED_AT_CONFERENCE }, new Date(at));
}
const DISMISSED_AT_CONFERENCE = 'Nội dung đã được tổng hợp vào danh mục thảo luận của Hội nghị và theo dõi qua kiến nghị của Hội nghị.';

/** A new recommendation from the candidate, then its life planned; `duplicateOf`: the office merges it there later. */
async function create(ctx: Ctx, c: CandidateRow, reviewer: Who, at: number, r: Rng, duplicateOf: number | null): Promise<void> {
  const day = vnDateOf(at);
  const owner = c.point_id !== null ? (c.point_owner_division_id ?? c.division_id) : c.division_id;
  const who = owner !== null && owner === reviewer.orgUnitId ? reviewer : ctx.office;
  let deadline: string | null | undefined;
  if (c.point_id === null) {
    // Difficulties take longer than proposals to answer; a few are left to the office to schedule.
    deadline = r.chance(at > ctx.nowBound - RECENT_MS ? 0.5 : 0.1) ? null : toWorkingDay(addDays(day, c.kind === 'difficulty' ? r.int(60, 150) : r.int(45, 120)));
  }
  const done = await createFromCandidate(on(ctx, at), who, c.id, {
    version: c.version, ownerDivisionId: owner ?? ctx.officeDivision, ...(deadline !== undefined ? { deadline } : {}),
  }, day, new Date(at));
  const id = done.recommendationId!;
  noteStored(ctx.match, matchTerms(c.text, ctx.match.lexicon));
  await planLife(ctx, id, at, c.source_key, duplicateOf);
}

// ───────────── the life of a recommendation ─────────────

type Fate = 'on_time' | 'late' | 'cannot' | 'carry' | 'open';

/** Recurring subjects (loudspeakers, radio staff, information security staff) take long and are often carried. */
const CHRONIC = /cụm loa|truyền thanh|nhuận bút|an toàn thông tin|kiêm nhiệm/i;

async function planLife(ctx: Ctx, id: number, t0: number, key: string, duplicateOf: number | null): Promise<void> {
  const r = rngFor('followup-life', key);
  if (duplicateOf !== null) {
    const at = moment(workdaysAfter(vnDateOf(t0), r.int(2, 8)), r, t0);
    schedule(ctx, at, async () => {
      const [me, target] = [await live(ctx, id), await live(ctx, duplicateOf)];
      if (!isOpen(me.state) || !isOpen(target.state)) return planRest(ctx, id, at, r);
      await transitionRecommendation(on(ctx, at), ctx.office, id, 'merge', {
        version: me.version, into: duplicateOf, note: 'Trùng nội dung với kiến nghị đang theo dõi; gộp để theo dõi chung.',
      }, vnDateOf(at), new Date(at), publishAnswer);
    });
    return;
  }
  await planRest(ctx, id, t0, r);
}

type LifePlan = {
  fate: Fate;
  /** Days (not yet moved to working days) of each step; null when the step does not happen. */
  startDay: string | null;
  notes: { day: string; progress: number; text: string }[];
  interimDay: string | null;
  interimText: string;
  closeDay: string | null;
  /** For a carried point: the day it is settled in a later period, if it is. */
  laterDay: string | null;
  reason: string;
};

/** The life of a recommendation from the day `d0` it is assigned with the deadline `due` (the same draws for both paths). */
function lifePlan(r: Rng, d0: string, due: string, text: string): LifePlan {
  const chronic = CHRONIC.test(text);
  const x = r.float();
  const fate: Fate = chronic
    ? (x < 0.3 ? 'on_time' : x < 0.5 ? 'late' : x < 0.6 ? 'cannot' : x < 0.8 ? 'carry' : 'open')
    : (x < 0.55 ? 'on_time' : x < 0.72 ? 'late' : x < 0.78 ? 'cannot' : x < 0.86 ? 'carry' : 'open');
  const span = Math.max(diffDays(d0, due), 6);
  const closeDay = fate === 'on_time' ? addDays(d0, r.int(Math.min(5, span - 1), span - 1))
    : fate === 'late' ? addDays(due, r.int(4, chronic ? 200 : 70))
    : fate === 'cannot' ? addDays(d0, r.int(10, Math.max(11, span)))
    : fate === 'carry' ? addDays(d0, r.int(Math.floor(span / 2), span + 20))
    : null;
  const startDay = workdaysAfter(d0, r.int(1, 8));
  const started = (closeDay === null || toWorkingDay(closeDay) > startDay) && r.chance(0.9);
  const until = closeDay ?? addDays(due, r.int(20, 200));
  const notes: LifePlan['notes'] = [];
  const count = r.int(1, 2);
  let progress = 0;
  for (let k = 1; k <= count; k++) {
    const day = addDays(d0, Math.round((diffDays(d0, until) * k) / (count + 1)));
    if ((closeDay !== null && day >= closeDay) || (started && day <= startDay)) continue;
    progress = Math.min(90, progress + r.int(15, 35));
    notes.push({ day, progress, text: r.pick(PROGRESS_NOTES) });
  }
  const interimDay = fate === 'open' && r.chance(0.25) ? addDays(notes.at(-1)?.day ?? startDay, r.int(3, 20)) : null;
  const reason = fate === 'cannot' ? r.pick(CANNOT_REASONS) : r.pick(CARRY_REASONS);
  const laterDay = fate === 'carry' && closeDay !== null && r.chance(0.5) ? addDays(closeDay, r.int(40, 160)) : null;
  return { fate, startDay: started ? startDay : null, notes, interimDay, interimText: r.pick(PROGRESS_NOTES), closeDay, laterDay, reason };
}

/** Assignment (if the office still has to), start, progress, and the ending the plan gives; each step checks the state it expects. */
async function planRest(ctx: Ctx, id: number, t0: number, r: Rng): Promise<void> {
  const first = await live(ctx, id);
  let t = t0;
  let deadline = first.deadline;
  if (first.state === 'new') {
    // The office schedules it a few days later; what came in during the last weeks still waits for a deadline.
    if (t0 > ctx.nowBound - RECENT_MS) return;
    const at = moment(workdaysAfter(vnDateOf(t0), r.int(2, 10)), r, t0);
    const due = toWorkingDay(addDays(vnDateOf(at), r.int(45, 120)));
    const ok = schedule(ctx, at, async () => {
      const x = await live(ctx, id);
      if (x.state !== 'new') return;
      const db = on(ctx, at);
      const edited = await editRecommendation(db, ctx.office, id, { version: x.version, deadline: due }, vnDateOf(at), new Date(at));
      await transitionRecommendation(db, ctx.office, id, 'assign', { version: edited.row.version }, vnDateOf(at), new Date(at), publishAnswer);
    });
    if (!ok) return;
    t = at;
    deadline = due;
  }
  const d0 = vnDateOf(t);
  const plan = lifePlan(r, d0, deadline ?? addDays(d0, 90), first.text);
  const step = (day: string, after: number) => moment(day < vnDateOf(after) ? vnDateOf(after) : day, r, after);
  if (plan.startDay !== null) {
    const at = step(plan.startDay, t);
    schedule(ctx, at, async () => {
      const y = await live(ctx, id);
      if (y.state !== 'assigned') return;
      await transitionRecommendation(on(ctx, at), actorFor(ctx, y.owner_division_id), id, 'start', { version: y.version }, vnDateOf(at), new Date(at), publishAnswer);
    });
    t = at;
  }
  for (const n of plan.notes) {
    const at = step(n.day, t);
    schedule(ctx, at, async () => {
      const y = await live(ctx, id);
      if (!isOpen(y.state)) return;
      await addUpdate(on(ctx, at), actorFor(ctx, y.owner_division_id), id, { text: n.text, progress: n.progress, files: [] }, vnDateOf(at), new Date(at));
    });
    t = at;
  }
  if (plan.interimDay !== null) {
    const at = step(plan.interimDay, t);
    schedule(ctx, at, async () => {
      const y = await live(ctx, id);
      if (!isOpen(y.state) || y.answer_published_at !== null) return;
      await notifying(ctx, at, (db) => saveAnswer(db, actorFor(ctx, y.owner_division_id), id, {
        version: y.version, publish: true, text: `Trả lời tạm thời: ${plan.interimText} Sở sẽ thông báo kết quả cuối cùng khi giải quyết xong.`,
      }, vnDateOf(at), new Date(at)));
    });
    t = at;
  }
  if (plan.closeDay === null) return;
  const closeAt = step(plan.closeDay, t);
  if (plan.fate === 'on_time' || plan.fate === 'late') {
    schedule(ctx, closeAt, async () => complete(ctx, id, closeAt, r));
  } else if (plan.fate === 'cannot') {
    schedule(ctx, closeAt, async () => {
      const y = await live(ctx, id);
      if (!isOpen(y.state)) return;
      await transitionRecommendation(on(ctx, closeAt), actorFor(ctx, y.owner_division_id), id, 'reject', { version: y.version, note: plan.reason },
        vnDateOf(closeAt), new Date(closeAt), publishAnswer);
    });
  } else {
    schedule(ctx, closeAt, async () => {
      const y = await live(ctx, id);
      if (y.state !== 'assigned' && y.state !== 'in_progress') return;
      await transitionRecommendation(on(ctx, closeAt), actorFor(ctx, y.owner_division_id), id, 'carry', {
        version: y.version, note: plan.reason, period: quarterAfter(vnDateOf(closeAt)),
      }, vnDateOf(closeAt), new Date(closeAt), publishAnswer);
    });
    if (plan.laterDay !== null) {
      const laterAt = step(plan.laterDay, closeAt);
      schedule(ctx, laterAt, async () => complete(ctx, id, laterAt, r));
    }
  }
}

/** The answer drafted, then the point closed as done with its closing evidence (the answer goes to the units then). */
async function complete(ctx: Ctx, id: number, at: number, r: Rng): Promise<void> {
  const y = await live(ctx, id);
  if (!isOpen(y.state)) return;
  const who = actorFor(ctx, y.owner_division_id);
  const day = vnDateOf(at);
  const db = on(ctx, at);
  const draftAt = at - r.int(30, 240) * 60_000;
  const answered = await saveAnswer(on(ctx, draftAt), who, id, { version: y.version, publish: false, text: r.pick(ANSWERS[y.sector_code ?? ''] ?? ANSWER_DEFAULT) }, day, new Date(draftAt));
  const div = ctx.divisions.find((d) => d.id === y.owner_division_id)?.code.replace(/^VL-/, '') ?? 'VP';
  const evidence = `Công văn số ${r.int(120, 2950)}/${deptShort(day)}-${div} ngày ${viDate(day)} gửi các đơn vị nêu kiến nghị.`;
  await notifying(ctx, at, () => transitionRecommendation(db, who, id, 'complete', { version: answered.row.version, closingEvidence: evidence }, day, new Date(at), publishAnswer));
}

// ───────────── the history before the cutoff, in bulk ─────────────

type Change = { at: number; apply: (h: HistRec) => void };
type HistRec = {
  id: number; text: string; kind: RecommendationKind; sectorId: number | null; sectorCode: string | null; ownerId: number; deputyId: number | null;
  deadline: string | null; raisedOn: string; firstPeriod: string | null; createdAt: number; by: Who; terms: string[]; coop: number[];
  state: RecommendationState; stateReason: string | null; progress: number; carriedTo: string | null; answer: string | null; answerPublishedAt: number | null;
  closingEvidence: string | null; closedOn: string | null; version: number; updatedAt: number; mergedInto: number | null;
  /** When it was settled (done or found impossible): no longer open to be linked to. */
  settledAt: number;
};

type Hist = {
  recs: HistRec[];
  sources: unknown[][];
  coop: unknown[][];
  updates: unknown[][];
  decisions: unknown[][];
  candidates: { id: number; status: string; reason: string | null; rec: number | null; by: number; at: number; suggestions: string }[];
  unitName: Map<number, string>;
  leads: LeadRow[];
  ids: number[];
};

const json = (v: unknown) => JSON.stringify(v);
function auditRow(ctx: Ctx, at: number, who: AuditActor | null, action: string, entityType: string, entityId: number | null, orgUnitId: number | null, before: unknown, after: unknown) {
  ctx.audit.push({
    at: new Date(at), actor_id: who?.id ?? null, actor_name: who?.name ?? null, action, entity_type: entityType, entity_id: entityId === null ? null : String(entityId),
    org_unit_id: orgUnitId, before: before === null ? null : json(before), after: after === null ? null : json(after), ip: null,
  });
}
function timeline(h: Hist, rec: HistRec, at: number, who: Who | null, kind: string, text: string, extra: { progress?: number | null; from?: string | null; to?: string | null } = {}) {
  h.updates.push([rec.id, kind, text, extra.progress ?? null, extra.from ?? null, extra.to ?? null, who?.id ?? null, who ? (who.fullName || who.username) : null, new Date(at).toISOString()]);
}

const leadOn = (h: Hist, sectorId: number | null, day: string) =>
  sectorId === null ? null : (h.leads.find((l) => l.sector === sectorId && l.from <= day && (l.to === null || l.to >= day))?.person ?? null);

/**
 * The candidates of the conferences before `cutoff`, decided and their recommendations lived as the services would
 * have done it (the same rules and draws; rows and audit events written in bulk: the services cost a few
 * milliseconds a statement on the embedded database, and four years of them would take the seed far past its budget).
 */
async function history(ctx: Ctx, cutoff: number, conferences: { id: number; issued_at: Date }[], leads: LeadRow[]): Promise<void> {
  const { db } = ctx;
  const old = conferences.filter((c) => new Date(c.issued_at).getTime() < cutoff);
  if (!old.length) return;
  const notices = new Map(old.map((c) => [c.id, new Date(c.issued_at).getTime()]));
  const rows = (await triageRepo.list(db, { status: 'pending' }, 5000, 0)).rows
    .filter((c) => c.conference_id !== null && notices.has(c.conference_id))
    .map((c) => ({ c, notice: notices.get(c.conference_id!)! }))
    .sort((x, y) => x.notice - y.notice || x.c.id - y.c.id);
  if (!rows.length) return;
  const units = await db.query<{ item_id: number; org_unit_id: number }>(
    `SELECT item_id, org_unit_id FROM conference_discussion_units WHERE item_id = ANY($1::int[]) ORDER BY item_id, org_unit_id`,
    [rows.map((x) => x.c.discussion_item_id).filter((x) => x !== null)]);
  const pointUnits = await db.query<{ point_id: number; org_unit_id: number }>(
    `SELECT point_id, org_unit_id FROM conference_point_units WHERE point_id = ANY($1::int[]) ORDER BY point_id, org_unit_id`,
    [rows.map((x) => x.c.point_id).filter((x) => x !== null)]);
  const h: Hist = {
    recs: [], sources: [], coop: [], updates: [], decisions: [], candidates: [], leads,
    unitName: new Map((await db.query<{ id: number; name: string }>('SELECT id, name FROM org_units')).map((u) => [u.id, u.name])),
    ids: await allocIds(db, 'recommendations', rows.length),
  };
  const sectorCode = new Map((await db.query<{ id: number; code: string }>('SELECT id, code FROM sectors')).map((x) => [x.id, x.code]));
  const lexicon = ctx.match.lexicon;
  for (const { c, notice } of rows) {
    const r = rngFor('followup-triage', c.source_key);
    const at = moment(workdaysAfter(vnDateOf(notice), r.int(1, 6)), r, notice);
    const reviewer = c.division_id !== null ? (ctx.reviewers.get(c.division_id) ?? ctx.office) : ctx.office;
    const open = h.recs.filter((x) => x.settledAt > at && x.createdAt < at);
    const ranked = rankCandidates(c.text, open.map((x) => ({ id: x.id, text: x.text })), { lexicon, stats: ctx.match.stats, limit: SUGGESTIONS_KEPT });
    const suggestions = json(ranked.map((m) => ({ id: m.id, score: m.score, recurring: m.recurring })));
    const sources = c.source_kind === 'point' ? [null] : (() => {
      const u = units.filter((x) => x.item_id === c.discussion_item_id).map((x) => x.org_unit_id);
      return u.length ? u : [c.org_unit_id];
    })();
    const addSources = (rec: HistRec, who: Who, link: boolean) => {
      for (const unit of sources) {
        h.sources.push([rec.id, c.source_kind, unit, c.period, c.raised_on, c.text, c.discussion_item_id, c.point_id, who.id, new Date(at).toISOString()]);
        if (link) {
          timeline(h, rec, at, who, 'link', `Nêu lại${unit !== null ? ` bởi ${h.unitName.get(unit)}` : ''}${c.period ? ` (kỳ ${c.period})` : ''}: ${c.text}`);
          auditRow(ctx, at, who.auditActor, 'recommendation.source.add', 'recommendation', rec.id, unit, null, {
            kind: c.source_kind, orgUnitId: unit, period: c.period, discussionItemId: c.discussion_item_id, pointId: c.point_id });
        }
      }
    };
    const top = ranked.find((m) => m.recurring);
    const x = r.float();
    if (top && x >= 0.1) {
      const rec = h.recs.find((y) => y.id === top.id)!;
      const who = rec.ownerId === reviewer.orgUnitId || reviewer === ctx.office ? reviewer : ctx.office;
      addSources(rec, who, true);
      h.decisions.push([rec.id, c.id, true, top.score, who.id, new Date(at).toISOString()]);
      h.candidates.push({ id: c.id, status: 'linked', reason: null, rec: rec.id, by: who.id, at, suggestions });
      auditRow(ctx, at, who.auditActor, 'recommendation.candidate.link', 'recommendation_candidate', c.id, c.org_unit_id, { status: 'pending' },
        { status: 'linked', recommendationId: rec.id, score: top.score, suggested: ranked.map((m) => m.id) });
      continue;
    }
    const duplicateOf = top && x < 0.16 && c.source_kind !== 'point' ? top.id : null;
    if (top && duplicateOf === null) {
      h.decisions.push([top.id, c.id, false, top.score, reviewer.id, new Date(at).toISOString()]);
      auditRow(ctx, at, reviewer.auditActor, 'recommendation.candidate.reject_match', 'recommendation_candidate', c.id, c.org_unit_id, null,
        { recommendationId: top.id, same: false, score: top.score });
    } else if (c.source_kind !== 'point' && r.chance(0.1)) {
      const reason = r.pick(DISMISS_REASONS);
      h.candidates.push({ id: c.id, status: 'no_action', reason, rec: null, by: reviewer.id, at, suggestions });
      auditRow(ctx, at, reviewer.auditActor, 'recommendation.candidate.dismiss', 'recommendation_candidate', c.id, c.org_unit_id, { status: 'pending' }, { status: 'no_action', reason });
      continue;
    }
    // A new recommendation, as createFromCandidate makes it.
    const day = vnDateOf(at);
    const ownerId = (c.point_id !== null ? (c.point_owner_division_id ?? c.division_id) : c.division_id) ?? ctx.officeDivision;
    const who = ownerId === reviewer.orgUnitId ? reviewer : ctx.office;
    const deadline = c.point_id !== null ? c.point_deadline
      : r.chance(0.1) ? null : toWorkingDay(addDays(day, c.kind === 'difficulty' ? r.int(60, 150) : r.int(45, 120)));
    const coop = c.point_id !== null ? pointUnits.filter((u) => u.point_id === c.point_id).map((u) => u.org_unit_id).filter((u) => u !== ownerId) : [];
    const terms = matchTerms(c.text, lexicon);
    const rec: HistRec = {
      id: h.ids.shift()!, text: c.text, kind: c.kind, sectorId: c.sector_id, sectorCode: c.sector_id === null ? null : (sectorCode.get(c.sector_id) ?? null), ownerId,
      deputyId: leadOn(h, c.sector_id, day), deadline, raisedOn: c.raised_on, firstPeriod: c.period, createdAt: at, by: who, terms, coop,
      state: deadline !== null ? 'assigned' : 'new', stateReason: null, progress: 0, carriedTo: null, answer: null, answerPublishedAt: null,
      closingEvidence: null, closedOn: null, version: 1, updatedAt: at, mergedInto: null, settledAt: Number.POSITIVE_INFINITY,
    };
    h.recs.push(rec);
    ctx.match.stats.add(terms);
    for (const u of coop) h.coop.push([rec.id, u]);
    addSources(rec, who, false);
    timeline(h, rec, at, who, 'state', 'Tiếp nhận kiến nghị', { to: rec.state });
    auditRow(ctx, at, who.auditActor, 'recommendation.create', 'recommendation', rec.id, ownerId, null, {
      text: rec.text, kind: rec.kind, sectorId: rec.sectorId, ownerDivisionId: ownerId, deadline, deputyPersonId: rec.deputyId, state: rec.state, progress: 0,
      firstPeriod: rec.firstPeriod, raisedOn: rec.raisedOn, cooperating: coop, sources: sources.map((u) => ({ kind: c.source_kind, orgUnitId: u })) });
    h.candidates.push({ id: c.id, status: 'created', reason: null, rec: rec.id, by: who.id, at, suggestions });
    auditRow(ctx, at, who.auditActor, 'recommendation.candidate.create', 'recommendation_candidate', c.id, c.org_unit_id, { status: 'pending' },
      { status: 'created', recommendationId: rec.id, suggested: ranked.map((m) => m.id) });
    const life = rngFor('followup-life', c.source_key);
    const target = duplicateOf === null ? null : h.recs.find((y) => y.id === duplicateOf)!;
    const mergeAt = target ? moment(workdaysAfter(day, life.int(2, 8)), life, at) : 0;
    if (target && mergeAt <= ctx.nowBound && target.settledAt > mergeAt) {
      // Created without looking at the proposal: the office merges it into the earlier one (its sources go there too).
      Object.assign(rec, { state: 'merged', mergedInto: target.id, version: 2, updatedAt: mergeAt, settledAt: mergeAt });
      for (const unit of sources) h.sources.push([target.id, c.source_kind, unit, c.period, c.raised_on, c.text, c.discussion_item_id, c.point_id, ctx.office.id, new Date(mergeAt).toISOString()]);
      timeline(h, target, mergeAt, ctx.office, 'link', `Gộp kiến nghị #${rec.id} vào kiến nghị này: ${rec.text}`);
      const note = 'Trùng nội dung với kiến nghị đang theo dõi; gộp để theo dõi chung.';
      timeline(h, rec, mergeAt, ctx.office, 'state', `Gộp vào kiến nghị #${target.id}: ${note}`, { from: 'assigned', to: 'merged' });
      auditRow(ctx, mergeAt, ctx.office.auditActor, 'recommendation.merge', 'recommendation', target.id, target.ownerId, null, { merged: rec.id, repointed: [] });
      auditRow(ctx, mergeAt, ctx.office.auditActor, 'recommendation.merge', 'recommendation', rec.id, rec.ownerId, { state: rec.state, closedOn: null },
        { state: 'merged', note, period: null, into: target.id, closedOn: null });
      continue;
    }
    lifeInBulk(ctx, h, rec, at, life);
  }
  await write(ctx, h);
}

/** The life of a recommendation written at once: every step up to 07:30 on `today`, with its timeline and audit events. */
function lifeInBulk(ctx: Ctx, h: Hist, rec: HistRec, t0: number, r: Rng): void {
  const changes: Change[] = [];
  const change = (at: number, apply: (x: HistRec) => void) => changes.push({ at, apply });
  let t = t0;
  if (rec.state === 'new') {
    const at = moment(workdaysAfter(vnDateOf(t0), r.int(2, 10)), r, t0);
    const due = toWorkingDay(addDays(vnDateOf(at), r.int(45, 120)));
    change(at, (x) => {
      auditRow(ctx, at, ctx.office.auditActor, 'recommendation.update', 'recommendation', x.id, x.ownerId, { deadline: null }, { deadline: due });
      x.deadline = due;
      x.state = 'assigned';
      x.version += 2;
      timeline(h, x, at, ctx.office, 'state', 'Giao phòng chủ trì', { from: 'new', to: 'assigned' });
      auditRow(ctx, at, ctx.office.auditActor, 'recommendation.assign', 'recommendation', x.id, x.ownerId, { state: 'new', closedOn: null }, { state: 'assigned', note: null, closedOn: null });
    });
    t = at;
    const plan = lifePlan(r, vnDateOf(at), due, rec.text);
    applyPlan(ctx, h, rec, plan, t, r, change);
  } else {
    applyPlan(ctx, h, rec, lifePlan(r, vnDateOf(t0), rec.deadline!, rec.text), t, r, change);
  }
  changes.sort((a, b) => a.at - b.at);
  for (const c of changes) {
    if (c.at > ctx.nowBound) break;
    c.apply(rec);
    rec.updatedAt = c.at;
  }
}

function applyPlan(ctx: Ctx, h: Hist, rec: HistRec, plan: LifePlan, t0: number, r: Rng, change: (at: number, apply: (x: HistRec) => void) => void): void {
  let t = t0;
  const step = (day: string, after: number) => moment(day < vnDateOf(after) ? vnDateOf(after) : day, r, after);
  const who = actorFor(ctx, rec.ownerId);
  const transition = (at: number, name: string, to: RecommendationState, text: string, note: string | null, extra: Partial<HistRec> = {}) => change(at, (x) => {
    const from = x.state;
    Object.assign(x, extra, { state: to });
    x.version++;
    timeline(h, x, at, who, 'state', text, { from, to, progress: to === 'done' ? 100 : null });
    auditRow(ctx, at, who.auditActor, `recommendation.${name}`, 'recommendation', x.id, x.ownerId, { state: from, closedOn: null },
      { state: to, note, period: x.carriedTo, into: null, closedOn: x.closedOn });
  });
  if (plan.startDay !== null) {
    t = step(plan.startDay, t);
    transition(t, 'start', 'in_progress', 'Bắt đầu giải quyết', null);
  }
  for (const n of plan.notes) {
    const at = step(n.day, t);
    change(at, (x) => {
      auditRow(ctx, at, who.auditActor, 'recommendation.progress', 'recommendation', x.id, x.ownerId, { progress: x.progress }, { progress: n.progress, text: n.text, files: [] });
      x.progress = n.progress;
      x.version++;
      timeline(h, x, at, who, 'progress', n.text, { progress: n.progress });
    });
    t = at;
  }
  if (plan.interimDay !== null) {
    const at = step(plan.interimDay, t);
    const text = `Trả lời tạm thời: ${plan.interimText} Sở sẽ thông báo kết quả cuối cùng khi giải quyết xong.`;
    change(at, (x) => {
      auditRow(ctx, at, who.auditActor, 'recommendation.answer.publish', 'recommendation', x.id, x.ownerId, { answer: null, publishedAt: null }, { answer: text, publishedAt: new Date(at) });
      Object.assign(x, { answer: text, answerPublishedAt: at, version: x.version + 1 });
      timeline(h, x, at, who, 'answer', `Gửi trả lời cho đơn vị: ${text}`);
    });
    t = at;
  }
  const done = (at: number) => {
    const day = vnDateOf(at);
    const text = r.pick(ANSWERS[rec.sectorCode ?? ''] ?? ANSWER_DEFAULT);
    const div = ctx.divisions.find((d) => d.id === rec.ownerId)?.code.replace(/^VL-/, '') ?? 'VP';
    const evidence = `Công văn số ${r.int(120, 2950)}/${deptShort(day)}-${div} ngày ${viDate(day)} gửi các đơn vị nêu kiến nghị.`;
    change(at - 60 * 60_000, (x) => {
      auditRow(ctx, at - 60 * 60_000, who.auditActor, 'recommendation.answer.draft', 'recommendation', x.id, x.ownerId, { answer: x.answer, publishedAt: null }, { answer: text, publishedAt: null });
      Object.assign(x, { answer: text, answerPublishedAt: null, version: x.version + 1 });
      timeline(h, x, at - 60 * 60_000, who, 'answer', `Soạn trả lời (chưa gửi): ${text}`);
    });
    transition(at, 'complete', 'done', 'Đã giải quyết', null, { closedOn: day, progress: 100, stateReason: null, closingEvidence: evidence, answerPublishedAt: at, settledAt: at });
  };
  if (plan.closeDay === null) return;
  const closeAt = step(plan.closeDay, t);
  if (plan.fate === 'on_time' || plan.fate === 'late') done(closeAt);
  else if (plan.fate === 'cannot') transition(closeAt, 'reject', 'cannot_do', plan.reason, plan.reason, { closedOn: vnDateOf(closeAt), stateReason: plan.reason, settledAt: closeAt });
  else {
    const period = quarterAfter(vnDateOf(closeAt));
    transition(closeAt, 'carry', 'carried', `Chuyển sang kỳ ${period}: ${plan.reason}`, plan.reason, { carriedTo: period, stateReason: plan.reason });
    if (plan.laterDay !== null) done(step(plan.laterDay, closeAt));
  }
  // settledAt is what later candidates see: set it now, whether or not the step is before today.
  const settle = plan.fate === 'cannot' || plan.fate === 'on_time' || plan.fate === 'late' ? closeAt : plan.laterDay !== null ? step(plan.laterDay, closeAt) : null;
  if (settle !== null && settle <= ctx.nowBound) rec.settledAt = settle;
}

async function write(ctx: Ctx, h: Hist): Promise<void> {
  const { db } = ctx;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  await insertRows(db, 'recommendations',
    [['id', 'int'], ['text', 'text'], ['kind', 'text'], ['sector_id', 'int'], ['first_period', 'text'], ['raised_on', 'date'], ['owner_division_id', 'int'],
      ['deputy_person_id', 'int'], ['deadline', 'date'], ['state', 'text'], ['state_reason', 'text'], ['progress', 'int'], ['carried_to_period', 'text'],
      ['answer', 'text'], ['answer_published_at', 'timestamptz'], ['closing_evidence', 'text'], ['closed_on', 'date'], ['version', 'int'], ['created_by', 'int'],
      ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['merged_into_id', 'int']],
    h.recs.map((x) => [x.id, x.text, x.kind, x.sectorId, x.firstPeriod, x.raisedOn, x.ownerId, x.deputyId, x.deadline, x.state, x.stateReason, x.progress, x.carriedTo,
      x.answer, iso(x.answerPublishedAt), x.closingEvidence, x.closedOn, x.version, x.by.id, iso(x.createdAt), iso(x.updatedAt), x.mergedInto]));
  await similarRepo.setTerms(db, h.recs.map((x) => x.id), h.recs.map((x) => x.terms));
  await insertRows(db, 'recommendation_cooperating_units', [['recommendation_id', 'int'], ['org_unit_id', 'int']], h.coop);
  await insertRows(db, 'recommendation_sources',
    [['recommendation_id', 'int'], ['kind', 'text'], ['org_unit_id', 'int'], ['period', 'text'], ['raised_on', 'date'], ['text', 'text'], ['discussion_item_id', 'int'],
      ['point_id', 'int'], ['linked_by', 'int'], ['linked_at', 'timestamptz']], h.sources);
  h.updates.sort((a, b) => String(a[8]).localeCompare(String(b[8])));
  await insertRows(db, 'recommendation_updates',
    [['recommendation_id', 'int'], ['kind', 'text'], ['text', 'text'], ['progress', 'int'], ['state_from', 'text'], ['state_to', 'text'], ['by_user_id', 'int'],
      ['by_name', 'text'], ['at', 'timestamptz']], h.updates);
  await insertRows(db, 'recommendation_match_decisions',
    [['recommendation_id', 'int'], ['candidate_id', 'int'], ['same', 'bool'], ['score', 'numeric'], ['decided_by', 'int'], ['decided_at', 'timestamptz']], h.decisions);
  await db.query(
    `UPDATE recommendation_candidates c SET status = u.status, reason = u.reason, recommendation_id = u.rec, decided_by = u.by, decided_at = u.at,
            suggestions = u.suggestions::jsonb, version = c.version + 1
       FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::timestamptz[], $7::text[]) AS u(id, status, reason, rec, by, at, suggestions)
      WHERE c.id = u.id`,
    [h.candidates.map((x) => x.id), h.candidates.map((x) => x.status), h.candidates.map((x) => x.reason), h.candidates.map((x) => x.rec),
      h.candidates.map((x) => x.by), h.candidates.map((x) => new Date(x.at).toISOString()), h.candidates.map((x) => x.suggestions)]);
  await similarRepo.refreshTimesRaised(db, h.recs.map((x) => x.id));
}

// ───────────── key tasks ─────────────

const KEY_TASK_RESULTS = {
  done: 'Đã hoàn thành các nội dung theo kế hoạch; kết quả tổng hợp trong báo cáo kỳ.',
  closed: 'Hoàn thành một phần; phần còn lại không tiếp tục do thay đổi nhiệm vụ sau sắp xếp bộ máy.',
  carried: 'Đã triển khai một phần; các nội dung còn lại tiếp tục thực hiện ở kỳ sau.',
};
const KEY_TASK_NOTES = [
  'Đã ban hành kế hoạch triển khai và phân công các phòng, đơn vị.',
  'Đã tổ chức kiểm tra, đôn đốc tại một số địa phương.',
  'Các nội dung chính đang triển khai đúng tiến độ.',
  'Đã tổng hợp kết quả từ báo cáo của các đơn vị.',
];

/** Concrete tasks the office adds for 2026 after the 2025 annual conference (by hand: the conference decided them in one point). */
const KEY_TASKS_2026: { text: string; owner: string; sector: string }[] = [
  { text: 'Hoàn thành chuyển hệ thống truyền thanh cấp xã sang ứng dụng công nghệ thông tin – viễn thông tại các xã, phường mới', owner: 'VL-TTBC', sector: 'PTTT' },
  { text: 'Phủ sóng 4G và cáp quang đến 100% thôn, bản; phối hợp doanh nghiệp viễn thông dùng chung hạ tầng trạm', owner: 'VL-BCVT', sector: 'VT' },
  { text: 'Đưa toàn bộ thủ tục hành chính đủ điều kiện lên dịch vụ công trực tuyến toàn trình; nâng tỷ lệ hồ sơ nộp trực tuyến', owner: 'VL-CDS', sector: 'CDS' },
  { text: 'Lập và phê duyệt hồ sơ cấp độ an toàn cho các hệ thống thông tin dùng chung của cấp xã sau sắp xếp', owner: 'VL-CDS', sector: 'ATTT' },
];

type KeyTaskSim = {
  id: number; period: string; text: string; source: string; pointId: number | null; sectorId: number | null; ownerId: number | null; deadline: string;
  progress: number; state: string; result: string | null; carriedFrom: number | null; closedOn: string | null; version: number; createdAt: number; updatedAt: number;
  fresh: boolean;
};

/**
 * Key tasks (as keytasks.service.ts would keep them, written in bulk): the office names an owner, the owner reports
 * progress during the period, and a few working days after its end the office closes it (done, or not done) or carries
 * it into the next period; 2025's open tasks are carried into 2026. The office adds 2026's concrete tasks after the
 * 2025 annual conference.
 */
async function keyTasks(ctx: Ctx): Promise<void> {
  const { db } = ctx;
  const divisionByCode = new Map(ctx.divisions.map((d) => [d.code, d.id]));
  const sectorByCode = new Map((await db.query<{ id: number; code: string }>('SELECT id, code FROM sectors')).map((x) => [x.code, x.id]));
  const tasks: KeyTaskSim[] = (await db.query<{ id: number; period: string; text: string; source: string; point_id: number | null; sector_id: number | null;
    owner_division_id: number | null; deadline: string; progress: number; version: number; created_at: Date }>(
    `SELECT id, period, text, source, point_id, sector_id, owner_division_id, deadline::text AS deadline, progress, version, created_at FROM key_tasks WHERE state = 'open' ORDER BY id`))
    .map((k) => ({ id: k.id, period: k.period, text: k.text, source: k.source, pointId: k.point_id, sectorId: k.sector_id, ownerId: k.owner_division_id, deadline: k.deadline,
      progress: k.progress, state: 'open', result: null, carriedFrom: null, closedOn: null, version: k.version, createdAt: new Date(k.created_at).getTime(),
      updatedAt: new Date(k.created_at).getTime(), fresh: false }));
  const conf2025 = await db.maybeOne<{ issued_at: Date }>(
    `SELECT min(n.issued_at) AS issued_at FROM conferences c JOIN conference_notices n ON n.conference_id = c.id WHERE c.period = '2025'`);
  const updates: unknown[][] = [];
  const who = ctx.office;
  const pool = await allocIds(db, 'key_tasks', tasks.length + KEY_TASKS_2026.length + 8);
  const fresh = async (k: Omit<KeyTaskSim, 'id' | 'fresh'>) => {
    const id = pool.shift() ?? (await allocIds(db, 'key_tasks', 1))[0];
    const t: KeyTaskSim = { ...k, id, fresh: true };
    tasks.push(t);
    return t;
  };
  if (conf2025?.issued_at) {
    const r = rngFor('followup-keytasks-2026');
    const at = moment(workdaysAfter(vnDateOf(new Date(conf2025.issued_at).getTime()), 3), r, new Date(conf2025.issued_at).getTime());
    if (at <= ctx.nowBound) {
      for (const x of KEY_TASKS_2026) {
        const deadline = `2026-${r.pick(['06-30', '09-30', '12-31'])}`;
        const t = await fresh({ period: '2026', text: x.text, source: 'manual', pointId: null, sectorId: sectorByCode.get(x.sector) ?? null,
          ownerId: divisionByCode.get(x.owner) ?? null, deadline, progress: 0, state: 'open', result: null, carriedFrom: null, closedOn: null, version: 1, createdAt: at, updatedAt: at });
        auditRow(ctx, at, who.auditActor, 'key_task.create', 'key_task', t.id, null, null, { period: t.period, text: t.text, ownerDivisionId: t.ownerId, sectorId: t.sectorId, deadline });
      }
    }
  }
  for (let i = 0; i < tasks.length; i++) {
    const k = tasks[i];
    const r = rngFor('followup-keytask', k.period, k.text.slice(0, 40), k.carriedFrom ?? 0);
    const p = parsePeriod(k.period)!;
    let t = k.createdAt;
    if (k.ownerId === null) {
      const at = moment(workdaysAfter(vnDateOf(t), r.int(1, 4)), r, t);
      if (at > ctx.nowBound) continue;
      const owner = r.pick(ctx.divisions);
      auditRow(ctx, at, who.auditActor, 'key_task.update', 'key_task', k.id, null, { text: k.text, ownerDivisionId: null, sectorId: k.sectorId, deadline: k.deadline },
        { ownerDivisionId: owner.id });
      Object.assign(k, { ownerId: owner.id, version: k.version + 1, updatedAt: at });
      t = at;
    }
    const worker = actorFor(ctx, k.ownerId);
    const start = vnDateOf(t) > p.start ? vnDateOf(t) : p.start;
    const notes = r.int(1, 2);
    for (let n = 1; n <= notes; n++) {
      const at = moment(addDays(start, Math.round((diffDays(start, p.end) * n) / (notes + 1))), r, t);
      if (at > ctx.nowBound) break;
      const progress = Math.min(95, k.progress + r.int(20, 40));
      const text = r.pick(KEY_TASK_NOTES);
      updates.push([k.id, text, progress, worker.id, worker.fullName ?? worker.username, new Date(at).toISOString()]);
      auditRow(ctx, at, worker.auditActor, 'key_task.progress', 'key_task', k.id, null, { progress: k.progress }, { text, progress });
      Object.assign(k, { progress, version: k.version + 1, updatedAt: at });
      t = at;
    }
    const endAt = moment(workdaysAfter(p.end, r.int(2, 6)), r, t);
    if (endAt > ctx.nowBound) continue;
    const x = r.float();
    const ending = k.period === '2025' ? 'carried' : x < 0.6 ? 'done' : x < 0.72 ? 'closed' : 'carried';
    const day = vnDateOf(endAt);
    if (ending === 'carried') {
      const next = nextPeriod(k.period);
      const nt = await fresh({ period: next.id, text: k.text, source: k.source, pointId: k.pointId, sectorId: k.sectorId, ownerId: k.ownerId,
        deadline: k.deadline > next.end ? k.deadline : next.end, progress: k.progress, state: 'open', result: null, carriedFrom: k.id, closedOn: null, version: 1,
        createdAt: endAt, updatedAt: endAt });
      Object.assign(k, { state: 'carried', result: KEY_TASK_RESULTS.carried, closedOn: day, version: k.version + 1, updatedAt: endAt });
      auditRow(ctx, endAt, who.auditActor, 'key_task.carry', 'key_task', k.id, null, { state: 'open' }, { state: 'carried', result: k.result, next: nt.id, period: next.id });
    } else {
      const before = { state: k.state, progress: k.progress };
      Object.assign(k, { state: ending, result: KEY_TASK_RESULTS[ending], closedOn: day, progress: ending === 'done' ? 100 : k.progress, version: k.version + 1, updatedAt: endAt });
      auditRow(ctx, endAt, who.auditActor, 'key_task.close', 'key_task', k.id, null, before, { state: ending, result: k.result, closedOn: day, progress: ending === 'done' ? 100 : undefined });
    }
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  const fresh1 = tasks.filter((k) => k.fresh);
  await insertRows(db, 'key_tasks',
    [['id', 'int'], ['period', 'text'], ['text', 'text'], ['source', 'text'], ['point_id', 'int'], ['sector_id', 'int'], ['owner_division_id', 'int'], ['deadline', 'date'],
      ['progress', 'int'], ['state', 'text'], ['result', 'text'], ['carried_from_id', 'int'], ['closed_on', 'date'], ['version', 'int'], ['created_by', 'int'],
      ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    fresh1.map((k) => [k.id, k.period, k.text, k.source, k.pointId, k.sectorId, k.ownerId, k.deadline, k.progress, k.state, k.result, k.carriedFrom, k.closedOn, k.version,
      who.id, iso(k.createdAt), iso(k.updatedAt)]));
  const old = tasks.filter((k) => !k.fresh);
  await db.query(
    `UPDATE key_tasks k SET owner_division_id = u.owner, progress = u.progress, state = u.state, result = u.result, closed_on = u.closed_on, version = u.version, updated_at = u.updated_at
       FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::date[], $7::int[], $8::timestamptz[]) AS u(id, owner, progress, state, result, closed_on, version, updated_at)
      WHERE k.id = u.id`,
    [old.map((k) => k.id), old.map((k) => k.ownerId), old.map((k) => k.progress), old.map((k) => k.state), old.map((k) => k.result), old.map((k) => k.closedOn),
      old.map((k) => k.version), old.map((k) => iso(k.updatedAt))]);
  await insertRows(db, 'key_task_updates', [['key_task_id', 'int'], ['text', 'text'], ['progress', 'int'], ['by_user_id', 'int'], ['by_name', 'text'], ['at', 'timestamptz']], updates);
}

// ───────────── the walk ─────────────

/** The department's deputy directors, one per division's sectors, for every span in which the deputies are the same. */
type LeadRow = { sector: number; person: number; from: string; to: string | null };

async function seedSectorLeads(db: Db, today: string): Promise<LeadRow[]> {
  const deputies = await db.query<{ person_id: number; valid_from: string; valid_to: string | null }>(
    `SELECT m.person_id, m.valid_from::text AS valid_from, m.valid_to::text AS valid_to FROM person_memberships m JOIN org_units u ON u.id = m.org_unit_id
      WHERE u.type = 'department' AND m.position = 'Phó Giám đốc Sở' ORDER BY m.valid_from, m.person_id`);
  const sectors = await db.query<{ id: number; division_id: number | null }>(`SELECT id, division_id FROM sectors ORDER BY sort, id`);
  const divisions = [...new Set(sectors.map((s) => s.division_id))];
  const start = '2022-01-01';
  const bounds = [...new Set([start, ...deputies.flatMap((d) => [d.valid_from, ...(d.valid_to ? [addDays(d.valid_to, 1)] : [])])])]
    .filter((b) => b >= start && b <= today).sort();
  // Each span, the deputies in post (a person moving from the old department to the merged one keeps the sectors).
  const rows: LeadRow[] = [];
  bounds.forEach((b, i) => {
    const to = i + 1 < bounds.length ? addDays(bounds[i + 1], -1) : null;
    const inPost = [...new Set(deputies.filter((d) => d.valid_from <= b && (d.valid_to === null || d.valid_to >= b)).map((d) => d.person_id))];
    if (!inPost.length) return;
    for (const s of sectors) {
      const person = inPost[divisions.indexOf(s.division_id) % inPost.length];
      const last = [...rows].reverse().find((x) => x.sector === s.id);
      if (last && last.person === person && last.to !== null && addDays(last.to, 1) === b) last.to = to;
      else rows.push({ sector: s.id, person, from: b, to });
    }
  });
  await insertRows(db, 'sector_leads', [['sector_id', 'int'], ['person_id', 'int'], ['valid_from', 'date'], ['valid_to', 'date']],
    rows.map((x) => [x.sector, x.person, x.from, x.to]));
  return rows;
}

export async function seedFollowUp(db: Db, today: string): Promise<FollowUpCounts> {
  const nowBound = vnTime(today, 7, 30);
  const leads = await seedSectorLeads(db, today);
  const users = await db.query<{ id: number; username: string; full_name: string; role: string; org_unit_id: number | null }>(
    `SELECT id, username, full_name, role, org_unit_id FROM users WHERE username IN ('vanphong', 'thamdinh', 'thamdinh.cds', 'thamdinh.bc')`);
  const byName = (n: string) => {
    const u = users.find((x) => x.username === n);
    if (!u) throw new Error(`demo follow-up: user ${n} missing`);
    return whoOf(u);
  };
  const divisions = await db.query<{ id: number; code: string }>(`SELECT id, code FROM org_units WHERE type = 'division' AND code IN ('VL-VP', 'VL-BCVT', 'VL-CDS', 'VL-TTBC') ORDER BY code`);
  const office = byName('vanphong');
  const reviewers = new Map<number, Who>();
  for (const n of ['thamdinh', 'thamdinh.cds', 'thamdinh.bc']) {
    const w = byName(n);
    if (w.orgUnitId !== null) reviewers.set(w.orgUnitId, w);
  }
  const ctx: Ctx = {
    db, today, nowBound, audit: [], queue: [], seq: 0, match: await matchContext(db), office, reviewers, officeDivision: office.orgUnitId!, divisions,
  };

  // The conferences' candidates were written as their notices were issued (dated then, not by the wall clock).
  const conferences = await db.query<{ id: number; issued_at: Date; last: boolean }>(
    `SELECT c.id, min(n.issued_at) AS issued_at, false AS last FROM conferences c JOIN conference_notices n ON n.conference_id = c.id
      GROUP BY c.id ORDER BY min(n.issued_at)`);
  if (conferences.length) conferences[conferences.length - 1].last = true;
  await db.query(
    `UPDATE recommendation_candidates c SET created_at = x.issued_at
       FROM (SELECT coalesce(di.conference_id, cp.conference_id) AS conference_id, k.id FROM recommendation_candidates k
               LEFT JOIN conference_discussion_items di ON di.id = k.discussion_item_id LEFT JOIN conference_points cp ON cp.id = k.point_id) y
       JOIN (SELECT conference_id, min(issued_at) AS issued_at FROM conference_notices GROUP BY conference_id) x ON x.conference_id = y.conference_id
      WHERE y.id = c.id`);

  // Before the cutoff the walk is written in bulk (history); from it on, through the services.
  const cutoff = vnTime(addDays(today, -HISTORY_DAYS), 0);
  await history(ctx, cutoff, conferences, leads);
  for (const c of conferences.filter((x) => new Date(x.issued_at).getTime() >= cutoff)) {
    const at = new Date(c.issued_at).getTime() + 60_000;
    schedule(ctx, at, async () => {
      const rows = (await triageRepo.list(db, { conferenceId: c.id, status: 'pending' }, 500, 0)).rows;
      await rematch(ctx, rows);
      for (const row of rows) {
        const r = rngFor('followup-when', row.source_key);
        // The latest conference: its tasks are in, but the reviewers have not reached every discussion item yet.
        if (c.last && row.source_kind === 'discussion' && r.chance(0.5)) continue;
        const when = moment(workdaysAfter(vnDateOf(at), r.int(1, 6)), r, at);
        schedule(ctx, when, () => triage(ctx, row.id, when));
      }
    });
  }

  // The reports approved in the last hundred days: intake in the approval, then part of them triaged.
  const recent = await db.query<{ id: number; reviewed_at: Date; reviewer: string }>(
    `SELECT s.id, s.reviewed_at, u.username AS reviewer FROM submissions s JOIN reporting_rounds r ON r.id = s.round_id JOIN report_forms f ON f.id = r.form_id
       JOIN users u ON u.id = s.reviewed_by
      WHERE s.status = 'approved' AND f.narrative AND s.reviewed_at >= $1::timestamptz AND s.reviewed_at <= $2::timestamptz ORDER BY s.reviewed_at, s.id`,
    [new Date(nowBound - 100 * 86_400_000), new Date(nowBound)]);
  /** A report's intake at its approval, dated then; `then` plans what becomes of each of its pending candidates. */
  const intakeAt = (s: { id: number; reviewed_at: Date; reviewer: string }, then: (row: { id: number; source_key: string }, at: number) => void) => {
    const at = new Date(s.reviewed_at).getTime();
    schedule(ctx, at, async () => {
      await intakeReport(on(ctx, at), { id: null, name: s.reviewer }, s.id, new Date(at));
      await db.query(`UPDATE recommendation_candidates SET created_at = $2 WHERE submission_id = $1 AND created_at > $2`, [s.id, new Date(at)]);
      const rows = (await db.query<{ id: number; source_key: string }>(`SELECT id, source_key FROM recommendation_candidates WHERE submission_id = $1 AND status = 'pending' ORDER BY id`, [s.id]));
      for (const row of rows) then(row, at);
    });
  };
  for (const s of recent) {
    intakeAt(s, (row, at) => {
      const r = rngFor('followup-when', row.source_key);
      if (r.chance(0.55)) return;
      const when = moment(workdaysAfter(vnDateOf(at), r.int(2, 10)), r, at);
      schedule(ctx, when, () => triage(ctx, row.id, when));
    });
  }

  // The reports the annual summaries of 2024 and 2025 read (a unit's yearly report, else its quarters'), approved before
  // those hundred days: intake in the approval as well, so the register knows which of their bullets raise a point again.
  const summaryRead = new Set<number>();
  for (const year of SUMMARY_YEARS_LINKED) {
    const rows = await approvedNarratives(db, `${year}-01-01`, `${year}-12-31`);
    for (const r of [...chosen(rows, 'difficulties'), ...chosen(rows, 'proposals')]) summaryRead.add(r.submission_id);
  }
  const older = (await db.query<{ id: number; reviewed_at: Date; reviewer: string }>(
    `SELECT s.id, s.reviewed_at, u.username AS reviewer FROM submissions s JOIN users u ON u.id = s.reviewed_by
      WHERE s.id = ANY($1::int[]) AND s.status = 'approved' AND s.reviewed_at < $2::timestamptz ORDER BY s.reviewed_at, s.id`,
    [[...summaryRead], new Date(nowBound - 100 * 86_400_000)]));
  for (const s of older) {
    intakeAt(s, (row, at) => {
      const r = rngFor('followup-when', row.source_key);
      const when = moment(workdaysAfter(vnDateOf(at), r.int(1, 5)), r, at);
      schedule(ctx, when, () => linkRaisedAgain(ctx, row.id, when));
    });
  }

  await keyTasks(ctx);

  // The scheduler's follow-up job: each Monday of the last five weeks, and this morning.
  // (A Monday that is a public holiday is skipped: the demo's days at work never fall on one.)
  for (let d = addDays(today, -35); d < today; d = addDays(d, 1)) {
    if (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1 || !isWorkday(d)) continue;
    const at = vnTime(d, 7, 0);
    schedule(ctx, at, async () => void (await notifying(ctx, at, (x) => runFollowUpJobs(x, new Date(at)))));
  }
  if (!HOLIDAYS.includes(today)) {
    schedule(ctx, nowBound, async () => void (await notifying(ctx, nowBound, (x) => runFollowUpJobs(x, new Date(nowBound)))));
  }

  while (ctx.queue.length) await ctx.queue.shift()!.run();

  await writeAudit(db, ctx.audit);
  const n = async (sql: string) => (await db.one<{ n: number }>(sql)).n;
  return {
    recommendations: await n('SELECT count(*)::int AS n FROM recommendations'),
    recommendationSources: await n('SELECT count(*)::int AS n FROM recommendation_sources'),
    recommendationCandidatesPending: await n(`SELECT count(*)::int AS n FROM recommendation_candidates WHERE status = 'pending'`),
    keyTasks: await n('SELECT count(*)::int AS n FROM key_tasks'),
    sectorLeads: leads.length,
    followUpAuditEvents: ctx.audit.length,
  };
}
