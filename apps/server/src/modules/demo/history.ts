/**
 * Reporting history from 2022 to `today`: a round per form and period (Decree 09/2019 cut-off and
 * deadline for administrative forms, calendar period for statistical ones), the units' submissions with
 * their values and narratives.
 *
 * Phases of a round:
 * - past: every period that ended before the latest finished one (or more than 92 days ago): round
 *   closed, every unit valid at the period's end approved (about 10% late, some after one return);
 * - recent: the latest finished period when it ended within 92 days: round still open, a mix of
 *   approved, submitted, returned, draft, late and not started (BC-VHTT-Q follows a fixed plan so that
 *   every status is present, with `baocao`'s unit returned);
 * - current: the period containing today: a few drafts (`baocao`'s and `baocao.dn`'s units among them)
 *   and an early submission or two.
 */
import { defaultCutoff, defaultDeadline, type Period, parseValue, periodsBetween } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import type { Catalog } from './catalog.js';
import { addDays, backToWorkingDay, DAY, diffDays, HOLIDAYS, HOUR_MS, isHoliday, isoTs, toWorkingDay, vnDateOf, vnTime } from './dates.js';
import type { SeededForm } from './forms.js';
import { narrativeFor, returnComment } from './narratives.js';
import type { Org, Unit } from './org.js';
import { type Rng, rngFor } from './rng.js';
import { allocIds, insertRows } from './sql.js';
import type { DemoUser, Users } from './users.js';
import { valuesFor } from './values.js';

export type Status = 'approved' | 'submitted' | 'returned' | 'draft' | 'none';
export type Phase = 'past' | 'recent' | 'current';

export type RoundRec = {
  id: number; form: SeededForm; period: Period; phase: Phase; cutoffStart: string; cutoffEnd: string;
  deadlineDate: string; deadline: number; createdAt: number; units: Unit[]; note: string | null;
};
export type SubRec = {
  id: number; round: RoundRec; unit: Unit; status: Exclude<Status, 'none'>; late: boolean;
  created: number; updated: number; submitted: number | null; firstSubmitted: number | null; returnedAt: number | null;
  reviewed: number | null; reviewer: DemoUser | null; reporter: DemoUser; comment: string | null; cycleComment: string | null; version: number;
};
export type History = { rounds: RoundRec[]; subs: SubRec[]; missing: { round: RoundRec; unit: Unit }[]; valueCount: number; valueAuditCount: number };

const F1_PLAN: (Status | 'approved:late' | 'submitted:late')[] =
  ['returned', 'approved', 'submitted', 'draft', 'none', 'approved:late', 'submitted:late', 'approved', 'submitted', 'none'];

/** A working-hours instant on the date (weekends and public holidays move to the next working day). */
const workAt = (iso: string, r: Rng) => vnTime(toWorkingDay(iso), r.int(8, 16), r.int(0, 59));
/** A working day on or before the date (weekends and public holidays move back). */
const backToWorkday = backToWorkingDay;
/** An instant moved by whole days past any public holiday it falls on. */
const offHoliday = (at: number) => {
  let x = at;
  while (isHoliday(vnDateOf(x))) x += DAY;
  return x;
};

function roundNote(form: SeededForm, p: Period): string | null {
  if (form.code === 'BC-VHTT-Q' && p.id === '2025Q2') return 'Kỳ báo cáo cuối cùng của Phòng Văn hóa và Thông tin cấp huyện trước khi kết thúc hoạt động cấp huyện (30/6/2025).';
  if (form.code === 'BC-VHTT-Q' && p.id === '2025Q3') return 'Kỳ đầu tiên các xã, phường báo cáo sau sắp xếp đơn vị hành chính (từ 01/7/2025).';
  if (form.code === 'BC-TT-Q' && p.id === '2025Q3') return 'Từ kỳ này, đài truyền thanh các xã, phường mới báo cáo thay Trung tâm VH-TT-TT cấp huyện.';
  if (p.id === '2025Q1') return 'Từ 01/3/2025, Sở Khoa học và Công nghệ tiếp nhận chức năng, nhiệm vụ của Sở Thông tin và Truyền thông.';
  return null;
}

function planFor(round: RoundRec, unit: Unit, index: number, users: Users, today: string, nowBound: number): { status: Status; late: boolean; cycle: boolean } {
  const r = rngFor('plan', round.form.code, round.period.id, unit.code);
  const weighted = (): Status => {
    const x = r.float();
    return x < 0.45 ? 'approved' : x < 0.65 ? 'submitted' : x < 0.75 ? 'returned' : x < 0.87 ? 'draft' : 'none';
  };
  const mine = unit === users.homeUnit || unit === users.enterpriseUnit;
  if (unit.validFrom > today) return { status: 'none', late: false, cycle: false }; // not yet in operation
  if (round.phase === 'past') return { status: 'approved', late: r.chance(0.1), cycle: r.chance(0.08) };
  // a unit already dissolved handed its report in before closing; the division may still be reviewing it
  const dissolved = unit.validTo !== null && unit.validTo < today;
  if (dissolved) return { status: r.chance(0.8) ? 'approved' : 'submitted', late: false, cycle: false };
  if (round.phase === 'recent' || round.deadline < nowBound) {
    if (round.form.code === 'BC-VHTT-Q') {
      const [status, late] = F1_PLAN[index % F1_PLAN.length].split(':') as [Status, string?];
      return { status, late: !!late, cycle: false };
    }
    if (round.form.code === 'BC-DN-Q') {
      if (mine) return { status: 'returned', late: false, cycle: false };
      const [status, late] = (['approved', 'submitted', 'approved:late', 'none'] as const)[index % 4].split(':') as [Status, string?];
      return { status, late: !!late, cycle: false };
    }
    if (round.units.length === 1) return { status: 'submitted', late: false, cycle: false }; // the reviewer has one waiting
    const status = weighted();
    return { status, late: status !== 'draft' && status !== 'none' && r.chance(0.2), cycle: false };
  }
  if (mine) return { status: 'draft', late: false, cycle: false };
  if (round.form.code === 'BC-VHTT-Q' && index <= 2) return { status: 'draft', late: false, cycle: false };
  const x = r.float();
  return { status: x < 0.1 ? 'submitted' : x < 0.35 ? 'draft' : 'none', late: false, cycle: false };
}

export async function seedHistory(db: Db, org: Org, cat: Catalog, forms: SeededForm[], users: Users, today: string): Promise<History> {
  const nowBound = vnTime(today, 7, 30);
  const office = users.byName('vanphong');
  const rounds: RoundRec[] = [];
  for (const form of forms) {
    const periods = periodsBetween(form.periodType, '2022-01-01', today);
    const finished = periods.filter((p) => p.end < today);
    const last = finished[finished.length - 1];
    for (const p of periods) {
      const phase: Phase = p.end >= today ? 'current' : p === last && diffDays(p.end, today) <= 92 ? 'recent' : 'past';
      const { cutoffStart, cutoffEnd } = defaultCutoff(p, form.kind);
      const deadlineDate = defaultDeadline(p, form.kind, HOLIDAYS); // as the rounds module sets it, from the 'holidays' setting
      // the office opens the round on the first working day it can
      const opened = vnTime(toWorkingDay(form.kind === 'administrative' ? cutoffStart : p.start), 8, 15);
      rounds.push({
        id: 0, form, period: p, phase, cutoffStart, cutoffEnd, deadlineDate, deadline: vnTime(deadlineDate, 17),
        createdAt: Math.min(opened, nowBound - HOUR_MS), note: roundNote(form, p),
        // as the rounds module counts them: units in operation at any time during the period
        units: form.unitList.filter((u) => u.validFrom <= p.end && (u.validTo === null || u.validTo >= p.start)),
      });
    }
  }
  const roundIds = await allocIds(db, 'reporting_rounds', rounds.length);
  rounds.forEach((r, i) => {
    r.id = roundIds[i];
  });
  await insertRows(
    db, 'reporting_rounds',
    [['id', 'int'], ['form_id', 'int'], ['period', 'text'], ['period_start', 'date'], ['period_end', 'date'], ['cutoff_start', 'date'], ['cutoff_end', 'date'],
      ['deadline', 'timestamptz'], ['status', 'text'], ['note', 'text'], ['created_by', 'int'], ['created_at', 'timestamptz']],
    rounds.map((r) => [r.id, r.form.id, r.period.id, r.period.start, r.period.end, r.cutoffStart, r.cutoffEnd, isoTs(r.deadline),
      r.phase === 'past' ? 'closed' : 'open', r.note, office.id, isoTs(r.createdAt)]),
  );

  // ── submissions: plan and timeline ──
  const subs: SubRec[] = [];
  const missing: History['missing'] = [];
  for (const round of rounds) {
    const ordered = [...round.units].sort((a, b) => Number(b === users.homeUnit) - Number(a === users.homeUnit));
    ordered.forEach((unit, index) => {
      const plan = planFor(round, unit, index, users, today, nowBound);
      if (plan.status === 'none') {
        missing.push({ round, unit });
        return;
      }
      const r = rngFor('time', round.form.code, round.period.id, unit.code);
      const reporter = users.reporterOf(unit);
      const reviewer = users.reviewerOf(round.form);
      const sinceDeadline = diffDays(round.deadlineDate, today);
      let submitted: number | null = null;
      let firstSubmitted: number | null = null;
      let returnedAt: number | null = null;
      let reviewed: number | null = null;
      let created: number;
      let updated: number;
      if (plan.status === 'draft' || (round.phase === 'current' && plan.status === 'submitted')) {
        created = Math.max(round.createdAt + DAY, workAt(addDays(today, -r.int(3, 25)), r));
        updated = offHoliday(created + r.int(0, 4) * DAY + r.int(1, 5) * HOUR_MS);
        if (plan.status === 'submitted') submitted = updated;
      } else {
        const late = plan.late && sinceDeadline > 2;
        const handover = unit.validTo !== null && unit.validTo < round.period.end;
        const day = handover
          ? backToWorkday(addDays(unit.validTo as string, -r.int(2, 12)))
          : late
          ? addDays(round.deadlineDate, r.int(1, Math.min(12, sinceDeadline - 1)))
          : backToWorkday(addDays(round.deadlineDate, -r.int(plan.cycle ? 5 : 0, plan.cycle ? 8 : 6)));
        submitted = late && !handover ? workAt(day, r) : vnTime(day, r.int(8, 16), r.int(0, 59));
        firstSubmitted = submitted;
        created = workAt(vnDateOf(submitted - r.int(3, 15) * DAY), r);
        if (plan.cycle || plan.status === 'returned') {
          returnedAt = workAt(addDays(vnDateOf(submitted), r.int(1, 3)), r);
          if (plan.status !== 'returned') submitted = offHoliday(returnedAt + r.int(1, 3) * DAY);
        }
        reviewed = plan.status === 'returned' ? returnedAt : plan.status === 'approved' ? offHoliday(submitted + r.int(1, 5) * DAY + r.int(0, 3) * HOUR_MS) : null;
        updated = reviewed ?? submitted;
      }
      // nothing may happen after "now": shift the whole story back when needed
      const latest = Math.max(created, updated, submitted ?? 0, reviewed ?? 0);
      if (latest > nowBound) {
        let shift = latest - nowBound + r.int(1, 36) * HOUR_MS;
        // by whole days more while that would put any of it on a public holiday
        while ([created, updated, submitted, firstSubmitted, returnedAt, reviewed].some((x) => x !== null && isHoliday(vnDateOf(x - shift)))) shift += DAY;
        const back = (x: number | null) => (x === null ? null : x - shift);
        created -= shift;
        updated -= shift;
        submitted = back(submitted);
        firstSubmitted = back(firstSubmitted);
        returnedAt = back(returnedAt);
        reviewed = back(reviewed);
      }
      const status = plan.status;
      subs.push({
        id: 0, round, unit, status, late: submitted !== null && submitted > round.deadline, created, updated, submitted, firstSubmitted, returnedAt, reviewed,
        reviewer: status === 'approved' || status === 'returned' ? reviewer : null, reporter,
        comment: status === 'returned' ? returnComment(round.form.code, r) : status === 'approved' && plan.cycle ? 'Đơn vị đã chỉnh sửa theo góp ý; đồng ý phê duyệt.' : null,
        cycleComment: plan.cycle ? returnComment(round.form.code, r) : null,
        version: status === 'draft' ? r.int(1, 3) : status === 'submitted' ? r.int(2, 3) : plan.cycle ? r.int(4, 6) : r.int(2, 4),
      });
    });
  }
  const subIds = await allocIds(db, 'submissions', subs.length);
  subs.forEach((s, i) => {
    s.id = subIds[i];
  });

  // ── values and narratives ──
  const subRows: unknown[][] = [];
  const valueRows: unknown[][] = [];
  const auditRows: unknown[][] = [];
  for (const s of subs) {
    const { form, period } = s.round;
    const r = rngFor('content', form.code, period.id, s.unit.code);
    // the part of the period the unit was in operation (ISO dates compare as strings)
    const from = [s.unit.validFrom, period.start].sort()[1];
    const to = [s.unit.validTo ?? period.end, period.end].sort()[0];
    const share = (diffDays(from, to) + 1) / (diffDays(period.start, period.end) + 1);
    const values = valuesFor(org, form.code, s.unit, period, form.elementCodes, share);
    if (s.status === 'returned' && form.code === 'BC-DN-Q' && values.has('DN_TB_DD'))
      values.set('DN_TB_DD_MOI', Math.round((values.get('DN_TB_DD') as number) * 0.125)); // why it was returned
    let codes = [...values.keys()];
    if (s.status === 'draft') codes = codes.slice(0, Math.ceil(codes.length * r.between(0.35, 0.85)));
    const nar = form.narrative ? narrativeFor({ form: form.code, unit: s.unit, period, v: values, rng: r }) : { results: '', difficulties: '', proposals: '' };
    const draft = s.status === 'draft';
    subRows.push([
      s.id, s.round.id, s.unit.id, s.status,
      draft ? nar.results.split('\n')[0] : nar.results, draft && r.chance(0.5) ? '' : nar.difficulties, draft ? '' : nar.proposals,
      s.version, s.submitted === null ? null : isoTs(s.submitted), s.submitted === null ? null : s.reporter.id,
      s.reviewed === null ? null : isoTs(s.reviewed), s.reviewer?.id ?? null, s.comment,
      isoTs(s.created), isoTs(s.updated), s.reviewer && s.reviewed !== null ? s.reviewer.id : s.reporter.id,
    ]);
    const entered = s.created + r.int(5, 90) * 60_000;
    for (const code of codes) {
      const el = cat.elements.get(code);
      const num = values.get(code);
      if (!el || num === undefined) continue;
      const parsed = parseValue(el.valueType, el.valueType === 'BOOLEAN' ? (num ? 'true' : 'false') : String(num));
      if (!parsed.ok) throw new Error(`demo value ${code}=${num}: ${parsed.message}`);
      const comment = code === 'DN_TRAM_5G' && num === 0 && period.year >= 2024 ? 'Doanh nghiệp chưa triển khai trạm 5G trên địa bàn tỉnh trong kỳ.' : null;
      valueRows.push([el.id, s.unit.id, period.id, parsed.canonical, parsed.num, comment, s.id, s.reporter.id, isoTs(s.created), isoTs(s.submitted ?? s.updated)]);
      // per-value history for the reports still in play (the entry screen's "lịch sử")
      if (s.round.phase !== 'past')
        auditRows.push([isoTs(Math.min(entered, s.submitted ?? s.updated)), el.id, s.unit.id, period.id, 'create', null, parsed.canonical, comment, s.reporter.id, s.id]);
    }
  }
  await insertRows(
    db, 'submissions',
    [['id', 'int'], ['round_id', 'int'], ['org_unit_id', 'int'], ['status', 'text'], ['results', 'text'], ['difficulties', 'text'], ['proposals', 'text'],
      ['version', 'int'], ['submitted_at', 'timestamptz'], ['submitted_by', 'int'], ['reviewed_at', 'timestamptz'], ['reviewed_by', 'int'],
      ['review_comment', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['updated_by', 'int']],
    subRows,
  );
  await insertRows(
    db, 'data_values',
    [['data_element_id', 'int'], ['org_unit_id', 'int'], ['period', 'text'], ['value', 'text'], ['num_value', 'numeric'], ['comment', 'text'],
      ['submission_id', 'int'], ['stored_by', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    valueRows,
  );
  await insertRows(
    db, 'value_audit',
    [['at', 'timestamptz'], ['data_element_id', 'int'], ['org_unit_id', 'int'], ['period', 'text'], ['action', 'text'], ['previous_value', 'text'],
      ['value', 'text'], ['comment', 'text'], ['actor_id', 'int'], ['submission_id', 'int']],
    auditRows,
  );
  return { rounds, subs, missing, valueCount: valueRows.length, valueAuditCount: auditRows.length };
}
