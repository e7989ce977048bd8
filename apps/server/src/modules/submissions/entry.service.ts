/**
 * Data entry of one unit's report in one round: what the entry form loads (loadEntry) and the autosave
 * (saveEntry). The Excel import calls saveEntry too, so both paths validate and audit the same way.
 */
import {
  type Issue, type NarrativeSection, type SubmissionAction, NARRATIVE_SECTIONS, abilities, parseValue,
  periodLabel, previousPeriod, samePeriodLastYear, validateReport,
} from '@nhip/contracts';
import { audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict } from '../../platform/errors.js';
import type { RoundRow } from '../rounds/rounds.service.js';
import { type AttachmentMeta, attachmentsRepo } from './attachments.repository.js';
import { type FormStructure, loadFormStructure } from './form-structure.js';
import { cleanNarrative } from './narrative.js';
import {
  type SubmissionActor, type UnitInRound, auditActorOf, loadContext, lockOrCreate,
} from './submission-context.js';
import { type StoredValueRow, type SubmissionRow, submissionsRepo, valuesRepo } from './submissions.repository.js';

/** How many earlier periods of the unit feed the outlier check. */
export const HISTORY_PERIODS = 8;
export const MAX_COMMENT_CHARS = 2000;

export type EntryValue = { value: string; comment: string | null; updatedAt: Date };
export type EarlierPeriod = { period: string; periodLabel: string; status: string | null; values: Record<string, string> };

export type EntryView = {
  round: RoundRow;
  unit: UnitInRound;
  structure: FormStructure;
  submission: SubmissionRow | null;
  values: Record<string, EntryValue>;
  previous: EarlierPeriod | null;
  lastYear: EarlierPeriod | null;
  history: Record<string, number[]>;
  attachments: AttachmentMeta[];
  issues: Issue[];
  abilities: Record<SubmissionAction, boolean>;
};

export type SaveInput = {
  version?: number;
  values?: { code: string; value: string | number | boolean | null; comment?: string | null }[];
  results?: string;
  difficulties?: string;
  proposals?: string;
};

export type SaveResult = {
  round: RoundRow;
  submission: SubmissionRow;
  issues: Issue[];
  created: boolean;
  /** Values written (created, changed or deleted) and codes refused because they did not parse. */
  saved: number;
  rejected: string[];
};

const safe = <T>(f: () => T): T | null => {
  try {
    return f();
  } catch {
    return null;
  }
};

/** Earlier periods of the same type, oldest first (stops quietly at the calendar's lower bound). */
function earlierPeriods(period: string, n: number): string[] {
  const out: string[] = [];
  let cur = period;
  for (let i = 0; i < n; i++) {
    const p = safe(() => previousPeriod(cur));
    if (!p) break;
    out.unshift(p.id);
    cur = p.id;
  }
  return out;
}

async function unitHistory(db: Db, round: RoundRow, unitId: number, structure: FormStructure): Promise<Record<string, number[]>> {
  const periods = earlierPeriods(round.period, HISTORY_PERIODS);
  const numeric = structure.elements.filter((e) => e.valueType !== 'TEXT' && e.valueType !== 'BOOLEAN');
  if (periods.length === 0 || numeric.length === 0) return {};
  const rows = await valuesRepo.numericHistory(db, unitId, periods, numeric.map((e) => e.id));
  const order = new Map(periods.map((p, i) => [p, i]));
  const out: Record<string, number[]> = {};
  for (const e of numeric) {
    const points = rows.filter((r) => r.code === e.code).sort((a, b) => order.get(a.period)! - order.get(b.period)!);
    if (points.length) out[e.code] = points.map((r) => r.num_value);
  }
  return out;
}

async function earlier(db: Db, round: RoundRow, unitId: number, structure: FormStructure, which: 'previous' | 'lastYear'): Promise<EarlierPeriod | null> {
  const p = safe(() => (which === 'previous' ? previousPeriod(round.period) : samePeriodLastYear(round.period)));
  if (!p) return null;
  const rows = await valuesRepo.forPeriod(db, unitId, p.id, structure.elements.map((e) => e.id));
  return {
    period: p.id,
    periodLabel: periodLabel(p, 'vi'),
    status: await valuesRepo.statusInPeriod(db, round.form_id, p.id, unitId),
    values: Object.fromEntries(rows.map((r) => [r.code, r.value])),
  };
}

const issuesOf = (structure: FormStructure, rows: StoredValueRow[], history: Record<string, number[]>) =>
  validateReport({
    elements: structure.elements,
    rules: structure.rules,
    values: Object.fromEntries(rows.map((r) => [r.code, { value: r.value, comment: r.comment }])),
    history,
    canonical: true, // stored values are machine decimals ('1.634' is not one thousand six hundred)
  });

/** The validation of what is stored now for the unit's report (used at submission). */
export async function storedIssues(db: Db, round: RoundRow, unitId: number, structure: FormStructure): Promise<Issue[]> {
  const rows = await valuesRepo.forPeriod(db, unitId, round.period, structure.elements.map((e) => e.id));
  return issuesOf(structure, rows, await unitHistory(db, round, unitId, structure));
}

export async function loadEntry(db: Db, actor: SubmissionActor, roundId: number, unitId: number, _now: Date): Promise<EntryView> {
  const ctx = await loadContext(db, actor, roundId, unitId);
  const { round, unit, submission } = ctx;
  const structure = await loadFormStructure(db, round.form_id);
  const rows = await valuesRepo.forPeriod(db, unit.id, round.period, structure.elements.map((e) => e.id));
  const history = await unitHistory(db, round, unit.id, structure);
  return {
    round, unit, structure, submission,
    values: Object.fromEntries(rows.map((r) => [r.code, { value: r.value, comment: r.comment, updatedAt: r.updated_at }])),
    previous: await earlier(db, round, unit.id, structure, 'previous'),
    lastYear: await earlier(db, round, unit.id, structure, 'lastYear'),
    history,
    attachments: submission ? await attachmentsRepo.list(db, submission.id) : [],
    issues: issuesOf(structure, rows, history),
    abilities: abilities(actor, ctx.subject),
  };
}

function cleanComment(comment: string | null): string | null {
  if (comment === null) return null;
  const c = comment.normalize('NFC').trim();
  if (c.length > MAX_COMMENT_CHARS) throw badRequest(`Ghi chú dài quá ${MAX_COMMENT_CHARS} ký tự.`);
  return c === '' ? null : c;
}

const rawText = (v: string | number | boolean | null) => (v === null ? '' : String(v)).normalize('NFC').trim();

/** Checks the whole batch before anything is written: codes on the form, each once, narrative allowed. */
function checkInput(structure: FormStructure, input: SaveInput) {
  const codes = new Set(structure.elements.map((e) => e.code));
  const sent = (input.values ?? []).map((v) => v.code);
  const unknown = [...new Set(sent.filter((c) => !codes.has(c)))];
  if (unknown.length)
    throw badRequest(`Chỉ tiêu không thuộc biểu mẫu "${structure.form.name}": ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? '…' : ''}.`, { unknownCodes: unknown });
  const dup = sent.find((c, i) => sent.indexOf(c) !== i);
  if (dup) throw badRequest(`Chỉ tiêu ${dup} được gửi hai lần trong cùng một lần lưu.`);
  const narrative = NARRATIVE_SECTIONS.some((s) => (input[s] ?? '').trim() !== '');
  if (narrative && !structure.form.narrative) throw badRequest(`Biểu mẫu "${structure.form.name}" không có phần báo cáo thuyết minh.`);
}

export const staleMessage = (current: number) =>
  `Báo cáo vừa được người khác lưu (phiên bản ${current}). Thay đổi của bạn chưa được ghi; vui lòng tải lại để xem bản mới nhất rồi nhập lại.`;

/**
 * Saves figures and narrative of the unit's report (autosave). One transaction: the submission row is created
 * on the first save, each changed value writes data_values and one value_audit row, the version is bumped.
 * A value that does not parse is not saved and comes back as an issue; the rest of the batch is saved.
 */
export async function saveEntry(db: Db, actor: SubmissionActor, roundId: number, unitId: number, input: SaveInput, now: Date): Promise<SaveResult> {
  return db.tx(async (t) => {
    const ctx = await loadContext(t, actor, roundId, unitId, true);
    const { submission: locked, created } = await lockOrCreate(t, actor, ctx, 'edit', now);
    const current = created ? 0 : locked.version;
    if (input.version !== undefined && input.version !== current) throw conflict(staleMessage(current), { currentVersion: current });
    const structure = await loadFormStructure(t, ctx.round.form_id);
    checkInput(structure, input);
    const narrative = Object.fromEntries(
      NARRATIVE_SECTIONS.map((s) => [s, input[s] === undefined ? locked[s] : cleanNarrative(s, input[s]!)]),
    ) as Record<NarrativeSection, string>;

    const byCode = new Map(structure.elements.map((e) => [e.code, e]));
    const batch = input.values ?? [];
    const stored = new Map(
      (await valuesRepo.forPeriod(t, ctx.unit.id, ctx.round.period, batch.map((v) => byCode.get(v.code)!.id))).map((r) => [r.code, r]),
    );
    const key = { unitId: ctx.unit.id, period: ctx.round.period, submissionId: locked.id, userId: actor.id, now };
    const parseIssues: Issue[] = [];
    const rejected: string[] = [];
    const upserts: Parameters<typeof valuesRepo.upsertMany>[2] = [];
    const removals: number[] = [];
    const audits: Parameters<typeof valuesRepo.auditMany>[2] = [];
    for (const v of batch) {
      const el = byCode.get(v.code)!;
      const old = stored.get(v.code);
      const text = rawText(v.value);
      const comment = v.comment === undefined ? (old?.comment ?? null) : cleanComment(v.comment);
      if (text === '') {
        if (!old) continue;
        removals.push(el.id);
        audits.push({ elementId: el.id, action: 'delete', previous: old.value, value: null, comment });
        continue;
      }
      // A JSON number is exact machine format; typed text is read the Vietnamese way.
      const parsed = typeof v.value === 'number' ? parseValue(el.valueType, v.value) : parseValue(el.valueType, text);
      if (!parsed.ok) {
        rejected.push(el.code);
        parseIssues.push({
          kind: 'type', importance: 'error', dataElementCode: el.code, commented: false,
          message: `${el.name}: ${parsed.message} Giá trị "${text.slice(0, 30)}" chưa được lưu.`,
        });
        continue;
      }
      if (old && old.value === parsed.canonical && (old.comment ?? null) === comment) continue;
      upserts.push({ elementId: el.id, value: parsed.canonical, num: parsed.num, comment });
      audits.push({ elementId: el.id, action: old ? 'update' : 'create', previous: old?.value ?? null, value: parsed.canonical, comment });
    }
    await valuesRepo.removeMany(t, key.unitId, key.period, removals);
    await valuesRepo.upsertMany(t, key, upserts);
    await valuesRepo.auditMany(t, key, audits);
    const saved = audits.length;

    const changedSections = NARRATIVE_SECTIONS.filter((s) => narrative[s] !== locked[s]);
    let submission = locked;
    if (created || saved > 0 || changedSections.length > 0) submission = await submissionsRepo.saveNarrative(t, locked.id, narrative, actor.id, now);
    if (changedSections.length > 0) {
      await audit(t, auditActorOf(actor), {
        action: 'submission.narrative', entityType: 'submission', entityId: locked.id, orgUnitId: ctx.unit.id,
        before: Object.fromEntries(changedSections.map((s) => [s, { length: locked[s].length }])),
        after: Object.fromEntries(changedSections.map((s) => [s, { length: narrative[s].length }])),
      });
    }
    const issues = [...parseIssues, ...(await storedIssues(t, ctx.round, ctx.unit.id, structure))];
    return { round: ctx.round, submission, issues, created, saved, rejected };
  });
}
