/**
 * Demo: the summary reports the office has edited and taken to signature, through the module's services on the
 * business clock (summary-draft.service.ts), so the draft screen has something real to show.
 *
 * - The previous year's annual report: compiled in the first week of January, an opening paragraph written by the
 *   office, submitted, approved by the director the next working day with the year's first BC number — locked.
 * - The last quarter that ended at least eight days ago: compiled, submitted, returned by the director with a
 *   comment, completed by the office as asked and submitted again — it waits for the director.
 *
 * Each report is compiled once (the figures at that day, from the analytics cells). Steps later than 07:30 on
 * `today` are not taken. Notifications the steps send are dated at the step. Deterministic.
 */
import type { Actor } from '@nhip/contracts';
import { nextPeriod, parsePeriod } from '@nhip/contracts';
import type { AuditActor } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { periodWording } from '../documents/summary-report.model.js';
import { approveDraft, createDraft, returnDraft, saveDraft, submitDraft } from '../reports/summary-draft.service.js';
import { type AuditRow, dated, writeAudit } from './audit-sink.js';
import { addDays, toWorkingDay, vnDateOf, vnTime } from './dates.js';
import { DEPT_MERGE_DATE } from './org.js';
import type { DemoUser, Users } from './users.js';

export type SummaryDraftCounts = { summaryReports: number; summaryReportVersions: number };

type Who = Actor & { auditActor: AuditActor };
const whoOf = (u: DemoUser): Who => ({ id: u.id, role: u.role as Actor['role'], orgUnitId: u.unit.id, auditActor: { id: u.id, name: u.username } });

export async function seedSummaryDrafts(db: Db, users: Users, today: string): Promise<SummaryDraftCounts> {
  const audit: AuditRow[] = [];
  const bound = vnTime(today, 7, 30);
  const office = whoOf(users.byName('vanphong'));
  const director = whoOf(users.byName('giamdoc'));
  /** Runs a step at a business instant (none after 07:30 today): audit and notifications dated then. */
  const at = async <T>(day: string, hour: number, fn: (db: Db, day: string, now: Date) => Promise<T>): Promise<T | null> => {
    const t = vnTime(day, hour);
    if (t > bound) return null;
    const out = await fn(dated(db, new Date(t), audit), vnDateOf(t), new Date(t));
    await db.query(`UPDATE notifications SET created_at = $1 WHERE created_at = now() AND kind LIKE 'summary_report.%'`, [new Date(t)]);
    return out;
  };
  const version = async (period: string) => (await db.one<{ version: number }>('SELECT version FROM summary_reports WHERE period = $1', [period])).version;
  /** A paragraph added before the first sub-heading of part I (its text is '' when compiled). */
  const intro = async (d: Db, period: string, day: string, now: Date, text: string) =>
    saveDraft(d, office, period, { baseVersion: await version(period), sections: [{ key: 'I', html: `<p>${text}</p>` }] }, day, now);

  // ── the previous year's annual report: approved and numbered ──
  const Y = Number(today.slice(0, 4)) - 1;
  const jan = toWorkingDay(`${Y + 1}-01-05`);
  if (today > addDays(jan, 3)) {
    const year = String(Y);
    const merged = DEPT_MERGE_DATE.startsWith(year);
    await at(jan, 8, (d, day, now) => createDraft(d, office, year, day, now));
    await at(jan, 10, (d, day, now) => intro(d, year, day, now,
      `Năm ${Y}, Sở triển khai các nhiệm vụ theo kế hoạch năm${merged ? ' đồng thời với việc sắp xếp, hợp nhất tổ chức bộ máy' : ''}; `
      + 'các phòng chuyên môn và đơn vị cơ sở duy trì chế độ báo cáo định kỳ, số liệu được tổng hợp và thẩm định trên hệ thống. Kết quả từng lĩnh vực như sau:'));
    await at(jan, 15, async (d, day, now) => submitDraft(d, office, year, await version(year), day, now));
    const next = toWorkingDay(addDays(jan, 1));
    await at(next, 9, async (d, day, now) => approveDraft(d, director, year, { baseVersion: await version(year) }, day, now));
  }

  // ── the last quarter ended at least eight days ago: returned once, submitted again, waiting ──
  let q = parsePeriod(`${Y}Q4`)!;
  for (let n = parsePeriod(`${Y + 1}Q1`)!; addDays(n.end, 8) <= today; n = nextPeriod(n)) q = n;
  const start = toWorkingDay(addDays(q.end, 6));
  if (today > start) {
    const quarter = q.id;
    const label = periodWording(quarter).current;
    await at(start, 8, (d, day, now) => createDraft(d, office, quarter, day, now));
    await at(start, 14, async (d, day, now) => submitDraft(d, office, quarter, await version(quarter), day, now));
    const back = toWorkingDay(addDays(start, 1));
    await at(back, 9, async (d, day, now) => returnDraft(d, director, quarter, {
      baseVersion: await version(quarter), comment: `Đề nghị bổ sung phần đánh giá chung ${label} trước khi đi vào từng lĩnh vực, nêu rõ những chỉ tiêu còn chậm so với kế hoạch năm.`,
    }, day, now));
    await at(back, 14, (d, day, now) => intro(d, quarter, day, now,
      `Trong ${label}, các chỉ tiêu chủ yếu của ngành được theo dõi theo tiến độ kế hoạch năm; những chỉ tiêu còn chậm được nêu tại phần tồn tại, hạn chế `
      + 'và giao các phòng chuyên môn đôn đốc trong quý tiếp theo. Kết quả từng lĩnh vực như sau:'));
    await at(back, 16, async (d, day, now) => submitDraft(d, office, quarter, await version(quarter), day, now));
  }

  await writeAudit(db, audit);
  const n = await db.one<{ r: number; v: number }>('SELECT (SELECT count(*)::int FROM summary_reports) AS r, (SELECT count(*)::int FROM summary_report_versions) AS v');
  return { summaryReports: n.r, summaryReportVersions: n.v };
}
