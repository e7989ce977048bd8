import {
  type Actor, type Period, type PeriodType, type SubmissionStatus, canDo, compareVi, defaultCutoff, defaultDeadline, normalizeText, parsePeriod,
  periodTypeLabel,
} from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { type BoardEntry, computeCompleteness, isLate } from './completeness.js';
import { type BoardRow, type FormRow, type RoundCountsRow, type RoundRow, type RoundScope, roundsRepo } from './rounds.repository.js';

export type { RoundRow } from './rounds.repository.js';

const TZ_OFFSET_MS = 7 * 3600_000;
/** The calendar date in Vietnam of an instant. */
export const vnDateOf = (d: Date) => new Date(d.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 10);
/** 17:00 Vietnam time on the given date: the conventional hour of a reporting deadline. */
export const deadlineAt = (dateISO: string) => new Date(`${dateISO}T17:00:00+07:00`);

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A deadline typed as a date ('2024-03-15' → 17:00 Vietnam time) or as a date-time (without zone: Vietnam time). */
export function parseDeadline(input: string): Date | null {
  const s = input.trim();
  if (isIsoDate(s)) return deadlineAt(s);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m || !isIsoDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return null;
  const d = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${m[5] ?? ''}${m[6] ?? '+07:00'}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Which rounds an actor may list: unit roles their unit's forms, reviewers their division's forms, others all. */
export function roundScope(actor: Actor): RoundScope {
  if (actor.role === 'reporter' || actor.role === 'unit_head') return { kind: 'unit', unitId: actor.orgUnitId ?? -1 };
  if (actor.role === 'reviewer') return { kind: 'division', divisionId: actor.orgUnitId ?? -1 };
  return { kind: 'all' };
}

export async function canSeeRound(db: Db, actor: Actor, round: RoundRow): Promise<boolean> {
  const scope = roundScope(actor);
  if (scope.kind === 'unit') return roundsRepo.formAssignedTo(db, round.form_id, scope.unitId);
  if (scope.kind === 'division') return round.form_division_id === scope.divisionId;
  return true;
}

export const getRound = (db: Db, id: number) => roundsRepo.byId(db, id);

export const ROUND_NOT_FOUND = 'Không tìm thấy đợt báo cáo.';

/** The round if the actor may see it; 404 otherwise (a round outside one's scope does not exist for them). */
export async function loadVisibleRound(db: Db, actor: Actor, id: number): Promise<RoundRow> {
  const round = await roundsRepo.byId(db, id);
  if (!round || !(await canSeeRound(db, actor, round))) throw notFound(ROUND_NOT_FOUND);
  return round;
}

/** Boards and completeness are for the department (office, reviewers, directorate, viewers), not for units. */
export async function loadRoundForBoard(db: Db, actor: Actor, id: number): Promise<RoundRow> {
  if (!canDo(actor, 'completeness.read')) throw forbidden('Chỉ Văn phòng Sở, phòng chuyên môn và lãnh đạo Sở xem được tình hình nộp báo cáo của các đơn vị.');
  return loadVisibleRound(db, actor, id);
}

export type RoundWithCounts = { round: RoundRow; counts: RoundCountsRow };

const zeroCounts = (roundId: number): RoundCountsRow => ({
  round_id: roundId, assigned: 0, not_started: 0, draft: 0, submitted: 0, approved: 0, returned: 0, late: 0, on_time: 0,
});

export async function listRounds(db: Db, actor: Actor, f: { status?: string; formId?: number; year?: number }, now: Date): Promise<RoundWithCounts[]> {
  const scope = roundScope(actor);
  const rounds = await roundsRepo.list(db, scope, f);
  const counts = await roundsRepo.counts(db, rounds.map((r) => r.id), now, scope.kind === 'unit' ? scope.unitId : null);
  const byId = new Map(counts.map((c) => [c.round_id, c]));
  return rounds.map((round) => ({ round, counts: byId.get(round.id) ?? zeroCounts(round.id) }));
}

export async function roundWithCounts(db: Db, actor: Actor, round: RoundRow, now: Date): Promise<RoundWithCounts> {
  const scope = roundScope(actor);
  const [counts] = await roundsRepo.counts(db, [round.id], now, scope.kind === 'unit' ? scope.unitId : null);
  return { round, counts: counts ?? zeroCounts(round.id) };
}

// ───────────── defaults, create, edit ─────────────

export type RoundDates = { cutoffStart: string; cutoffEnd: string; deadline: Date };

async function formAndPeriod(db: Db, formId: number, period: string): Promise<{ form: FormRow; p: Period }> {
  const form = await roundsRepo.form(db, formId);
  if (!form) throw badRequest('Biểu mẫu báo cáo không tồn tại.');
  const p = parsePeriod(period.trim());
  if (!p) throw badRequest(`Kỳ báo cáo "${period}" không hợp lệ (ví dụ: 202403, 2024Q1, 2024S1, 2024N1, 2024).`);
  if (p.type !== form.period_type) {
    const want = periodTypeLabel(form.period_type as PeriodType).toLowerCase();
    const got = periodTypeLabel(p.type).toLowerCase();
    throw badRequest(`Biểu mẫu "${form.name}" báo cáo theo kỳ ${want}, nhưng ${p.id} là kỳ ${got}.`);
  }
  return { form, p };
}

async function defaultsFor(db: Db, form: FormRow, p: Period): Promise<RoundDates> {
  const holidays = await roundsRepo.holidays(db);
  const cut = defaultCutoff(p, form.kind);
  return { cutoffStart: cut.cutoffStart, cutoffEnd: cut.cutoffEnd, deadline: deadlineAt(defaultDeadline(p, form.kind, holidays)) };
}

/** Decree 09/2019 cut-off and deadline for administrative forms; the calendar period for statistical ones. */
export async function roundDefaults(db: Db, formId: number, period: string): Promise<RoundDates> {
  const { form, p } = await formAndPeriod(db, formId, period);
  return defaultsFor(db, form, p);
}

function checkDates(d: RoundDates) {
  if (!isIsoDate(d.cutoffStart) || !isIsoDate(d.cutoffEnd)) throw badRequest('Ngày chốt số liệu không hợp lệ (định dạng YYYY-MM-DD).');
  if (d.cutoffEnd < d.cutoffStart) throw badRequest('Ngày kết thúc chốt số liệu phải sau hoặc trùng ngày bắt đầu chốt số liệu.');
  if (vnDateOf(d.deadline) <= d.cutoffStart) throw badRequest('Hạn nộp báo cáo phải sau ngày bắt đầu chốt số liệu.');
}

function deadlineOf(input: string | undefined, fallback: Date): Date {
  if (input === undefined) return fallback;
  const d = parseDeadline(input);
  if (!d) throw badRequest(`Hạn nộp "${input}" không hợp lệ (ví dụ: 2024-03-15 hoặc 2024-03-15T17:00:00+07:00).`);
  return d;
}

const cleanNote = (note: string | null | undefined) => {
  if (note === undefined || note === null) return null;
  const n = normalizeText(note);
  return n === '' ? null : n;
};

export async function createRound(
  db: Db,
  actor: AuditActor,
  input: { formId: number; period: string; cutoffStart?: string; cutoffEnd?: string; deadline?: string; note?: string | null },
): Promise<number> {
  const { form, p } = await formAndPeriod(db, input.formId, input.period);
  if (!form.active) throw badRequest(`Biểu mẫu "${form.name}" đã ngừng sử dụng, không thể mở đợt báo cáo mới.`);
  const defaults = await defaultsFor(db, form, p);
  const dates: RoundDates = {
    cutoffStart: input.cutoffStart ?? defaults.cutoffStart,
    cutoffEnd: input.cutoffEnd ?? defaults.cutoffEnd,
    deadline: deadlineOf(input.deadline, defaults.deadline),
  };
  checkDates(dates);
  const duplicate = () => conflict(`Đã có đợt báo cáo "${form.name}" cho kỳ ${p.id}.`);
  if (await roundsRepo.exists(db, form.id, p.id)) throw duplicate();
  return db.tx(async (t) => {
    const row = await roundsRepo.insert(t, {
      formId: form.id, period: p.id, periodStart: p.start, periodEnd: p.end, ...dates, note: cleanNote(input.note), createdBy: actor.id,
    });
    if (!row) throw duplicate();
    await audit(t, actor, {
      action: 'round.create', entityType: 'round', entityId: row.id,
      after: { formId: form.id, period: p.id, cutoffStart: dates.cutoffStart, cutoffEnd: dates.cutoffEnd, deadline: dates.deadline.toISOString() },
    });
    return row.id;
  });
}

export async function updateRound(
  db: Db,
  actor: AuditActor,
  id: number,
  input: { cutoffStart?: string; cutoffEnd?: string; deadline?: string; status?: 'open' | 'closed'; note?: string | null },
): Promise<void> {
  await db.tx(async (t) => {
    const cur = await roundsRepo.byId(t, id, true);
    if (!cur) throw notFound(ROUND_NOT_FOUND);
    const next = {
      cutoffStart: input.cutoffStart ?? cur.cutoff_start,
      cutoffEnd: input.cutoffEnd ?? cur.cutoff_end,
      deadline: deadlineOf(input.deadline, cur.deadline),
      status: input.status ?? cur.status,
      note: input.note === undefined ? cur.note : cleanNote(input.note),
    };
    checkDates(next);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const diff = (key: string, a: unknown, b: unknown) => {
      if (a !== b) {
        before[key] = a;
        after[key] = b;
      }
    };
    diff('cutoffStart', cur.cutoff_start, next.cutoffStart);
    diff('cutoffEnd', cur.cutoff_end, next.cutoffEnd);
    diff('deadline', cur.deadline.toISOString(), next.deadline.toISOString());
    diff('status', cur.status, next.status);
    diff('note', cur.note, next.note);
    if (Object.keys(after).length === 0) return;
    await roundsRepo.update(t, id, next);
    await audit(t, actor, { action: 'round.update', entityType: 'round', entityId: id, before, after });
  });
}

// ───────────── board and completeness ─────────────

export type BoardFilters = { status?: SubmissionStatus; sectorId?: number; unitType?: string; q?: string; late?: boolean };

export function boardEntry(r: BoardRow, round: RoundRow, now: Date): BoardEntry {
  const status = (r.status ?? 'not_started') as SubmissionStatus;
  return {
    orgUnit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, type: r.unit_type, sectorId: r.sector_id, sectorCode: r.sector_code, sectorName: r.sector_name },
    status, submissionId: r.submission_id, submittedAt: r.submitted_at, reviewedAt: r.reviewed_at,
    late: isLate(status, r.submitted_at, round.deadline, now), updatedAt: r.updated_at,
  };
}

export async function board(db: Db, round: RoundRow, f: BoardFilters, now: Date): Promise<BoardEntry[]> {
  const q = f.q ? normalizeText(f.q) : undefined;
  const rows = await roundsRepo.board(db, round.id, { ...f, q: q || undefined });
  return rows
    .map((r) => boardEntry(r, round, now))
    .filter((e) => f.late === undefined || e.late === f.late)
    .sort((a, b) => compareVi(a.orgUnit.name, b.orgUnit.name) || a.orgUnit.code.localeCompare(b.orgUnit.code));
}

export async function roundCompleteness(db: Db, round: RoundRow, now: Date) {
  return computeCompleteness(await board(db, round, {}, now), round.deadline, now);
}

/** Totals for every round of a year the actor may see. */
export async function completenessOfYear(db: Db, actor: Actor, year: number, formId: number | undefined, now: Date) {
  const rounds = await roundsRepo.list(db, roundScope(actor), { year, formId });
  const out = [];
  for (const round of rounds) out.push({ round, total: (await roundCompleteness(db, round, now)).total });
  return out;
}

/** Open rounds of the signed-in unit user's unit, each with the unit's own submission. */
export async function myRounds(db: Db, actor: Actor, now: Date): Promise<{ round: RoundRow; entry: BoardEntry }[]> {
  if ((actor.role !== 'reporter' && actor.role !== 'unit_head') || actor.orgUnitId === null) return [];
  const rounds = await roundsRepo.list(db, { kind: 'unit', unitId: actor.orgUnitId }, { status: 'open' });
  const out: { round: RoundRow; entry: BoardEntry }[] = [];
  for (const round of rounds) {
    const [row] = await roundsRepo.board(db, round.id, { unitId: actor.orgUnitId });
    if (row) out.push({ round, entry: boardEntry(row, round, now) });
  }
  return out.sort((a, b) => a.round.deadline.getTime() - b.round.deadline.getTime() || a.round.id - b.round.id);
}

/** The unit as a round sees it: assigned to its form and valid during its period (or already holding a submission). */
export const unitInRound = (db: Db, roundId: number, unitId: number) => roundsRepo.unitInRound(db, roundId, unitId);
