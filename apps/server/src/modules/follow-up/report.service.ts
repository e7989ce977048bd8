/**
 * Assembles "Báo cáo kết quả giải quyết kiến nghị" for a period (a year takes every period within it): the points
 * raised in it as the whole department sees them, counted in the grid on the report's date, by owner division and by
 * sector, the notable ones named with their owner, and the list in an appendix. report.content.ts turns it into the
 * Decree 30 document; the routes render it as .docx, .pdf or an HTML preview.
 */
import { type Actor, conferencePeriodWording, parsePeriod, RECOMMENDATION_KIND_LABELS, type RecommendationKind } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { upperVi } from '../documents/kit/model.js';
import { directorOf } from '../reports/summary-report.repository.js';
import { issuerShort } from '../reports/summary-report.service.js';
import { orgIdentity } from '../settings/settings.service.js';
import { type ReportPoint, type ResultsReportInput } from './report.content.js';
import { reportRepo } from './report.repository.js';
import { type BoardFilter, type RecommendationRow, recommendationsRepo } from './recommendations.repository.js';
import { periodsWithin, raisersByRecommendation } from './recommendations.service.js';
import { summaryFor } from './summary.service.js';
import { summaryRepo } from './summary.repository.js';

/** The appendix lists at most this many points (a year of the demo province has a few hundred). */
export const REPORT_APPENDIX_MAX = 2000;

/** 'quý IV năm 2025', '6 tháng đầu năm 2025', '9 tháng năm 2025', 'năm 2025', 'tháng 3 năm 2025'. */
export function periodText(period: string): string {
  const p = parsePeriod(period);
  if (!p) throw badRequest(`Kỳ "${period.slice(0, 20)}" không hợp lệ (ví dụ 2025, 2025Q4, 2025S1, 2025N1, 202503).`);
  return conferencePeriodWording(period)?.current ?? `tháng ${p.index} năm ${p.year}`;
}

/** The report covers the whole register: the office, the director and deputies, the admin and the viewer see all of it. */
export function requireReportReader(actor: Actor): void {
  if (!['admin', 'office', 'director', 'viewer'].includes(actor.role)) {
    throw forbidden('Chỉ Văn phòng Sở, lãnh đạo Sở và người được xem toàn bộ sổ theo dõi mới lập được báo cáo kết quả giải quyết kiến nghị.');
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

export async function assembleResultsReport(db: Db, period: string, today: string): Promise<ResultsReportInput> {
  const text = periodText(period);
  const scope = { kind: 'all' as const };
  const filter: BoardFilter = { periods: periodsWithin(period) };
  const s = await summaryFor(db, scope, filter, today, 10);
  const points = async (order: number[]): Promise<ReportPoint[]> => {
    const byId = new Map<number, RecommendationRow>();
    const raisers = new Map<number, string[]>();
    for (let i = 0; i < order.length; i += 5000) {
      const chunk = order.slice(i, i + 5000);
      for (const r of await recommendationsRepo.byIds(db, chunk, today)) byId.set(r.id, r);
      for (const [id, us] of await raisersByRecommendation(db, chunk)) raisers.set(id, us.map((u) => u.name));
    }
    return order.filter((id) => byId.has(id)).map((id) => {
      const r = byId.get(id)!;
      return {
        id, text: r.text, raisedBy: raisers.get(id) ?? [], owner: r.owner_name, deadline: r.deadline, closedOn: r.closed_on, timesRaised: r.times_raised,
        reason: r.state === 'cannot_do' || r.state === 'carried' ? r.state_reason : null, answer: r.answer_published_at ? r.answer : null, timeliness: r.timeliness,
        cannotDo: r.state === 'cannot_do',
      };
    });
  };
  const ids = async (f: BoardFilter, order: string, limit: number) => (await summaryRepo.ids(db, scope, { ...filter, ...f }, today, order, limit)).map((r) => r.id);

  const identity = await orgIdentity(db, today);
  const department = identity.department.name;
  const director = await directorOf(db, identity.department.id);
  const deputy = director?.title ? /phó/iu.test(director.title) : false;
  const provinceName = identity.province.name;
  return {
    issuer: { parentBody: upperVi(identity.province.parentBody || 'Ủy ban nhân dân tỉnh'), name: upperVi(department), short: issuerShort(department) },
    department,
    place: identity.province.place || provinceName.replace(/^(?:tỉnh|thành phố)\s+/iu, '') || 'Vân Lĩnh',
    date: today,
    period,
    periodText: text,
    counts: s.counts,
    byKind: (Object.keys(RECOMMENDATION_KIND_LABELS) as RecommendationKind[]).map((k) => ({
      label: RECOMMENDATION_KIND_LABELS[k].vi, n: s.byKind.find((x) => x.kind === k)?.counts.total ?? 0,
    })),
    raisingUnits: await reportRepo.raisingUnits(db, scope, filter, today),
    recurring: await reportRepo.recurring(db, scope, filter, today),
    merged: s.byState.merged,
    byDivision: s.byDivision.map((g) => ({ name: g.name ?? 'Chưa giao phòng chủ trì', counts: g.counts })),
    bySector: s.bySector.map((g) => ({ name: g.name ?? 'Chưa xác định lĩnh vực', counts: g.counts })),
    overdue: await points(await ids({ timeliness: ['open_overdue'] }, 'r.deadline ASC, r.id', 10)),
    overdueTotal: s.counts.open_overdue,
    topRecurring: await points(s.topRecurring.map((x) => x.row.id)),
    doneLate: await points(await ids({ timeliness: ['done_late'] }, 'r.closed_on - r.deadline DESC, r.id', 10)),
    cannotDo: await points(await ids({ states: ['cannot_do'] }, 'r.closed_on DESC, r.id', 10)),
    all: await points(await ids({}, '(SELECT o.name FROM org_units o WHERE o.id = r.owner_division_id) NULLS LAST, r.deadline NULLS LAST, r.id', REPORT_APPENDIX_MAX)),
    signer: { title: deputy ? 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC' : 'GIÁM ĐỐC', name: director?.full_name ?? '' },
    recipients: [
      `Ủy ban nhân dân ${provinceName ? lowerFirst(provinceName) : 'tỉnh'} (để báo cáo)`,
      'Giám đốc, các Phó Giám đốc Sở',
      'Các phòng, đơn vị thuộc Sở',
      'Các đơn vị đã nêu kiến nghị',
    ],
  };
}

export const resultsReportFileName = (period: string, ext: 'docx' | 'pdf' | 'html') => `Báo cáo kết quả giải quyết kiến nghị ${periodText(period)}.${ext}`;
