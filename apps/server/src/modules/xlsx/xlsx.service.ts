/**
 * Working offline in Excel: the template of one unit's report for one round, and the import of a filled
 * template (preview, then confirm). Scoping, saving and auditing of values go through the submissions
 * module's loadEntry/saveEntry, so the Excel path and the web form behave the same.
 */
import { createHash } from 'node:crypto';
import { NARRATIVE_LABELS, type NarrativeSection, formatNumber, periodLabel } from '@nhip/contracts';
import { audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, badRequest, conflict } from '../../platform/errors.js';
import { type EntryView, MAX_COMMENT_CHARS, loadEntry, saveEntry, staleMessage } from '../submissions/entry.service.js';
import { MAX_NARRATIVE_CHARS, normalizeNarrative } from '../submissions/narrative.js';
import { type SubmissionActor, auditActorOf, authorize, subjectOf } from '../submissions/submission-context.js';
import { type ImportPlan, planImport } from './import-plan.js';
import { TEMPLATE_VERSION, type TemplateIdentity } from './template-layout.js';
import type { TemplateModel } from './template-model.js';
import { openWorkbook, readTemplate } from './template-reader.js';
import { writeTemplate } from './template-writer.js';
import { guardXlsx } from './zip-guard.js';

const labelOf = (period: string) => {
  try {
    return periodLabel(period, 'vi');
  } catch {
    return period;
  }
};

export function identityOf(entry: EntryView): TemplateIdentity {
  return {
    version: TEMPLATE_VERSION, roundId: entry.round.id, unitId: entry.unit.id, unitCode: entry.unit.code, unitName: entry.unit.name,
    formCode: entry.round.form_code, formName: entry.round.form_name, period: entry.round.period, periodLabel: labelOf(entry.round.period),
  };
}

/** The entry payload as the template writer needs it. */
export function templateModel(entry: EntryView, now: Date): TemplateModel {
  const sub = entry.submission;
  return {
    identity: identityOf(entry),
    deadline: entry.round.deadline,
    previousLabel: entry.previous?.periodLabel ?? null,
    lastYearLabel: entry.lastYear?.periodLabel ?? null,
    sections: entry.structure.sections.map((s) => ({
      title: s.title,
      elements: s.elements.map((e) => ({
        code: e.code, name: e.name, uom: e.uom, valueType: e.valueType, min: e.min, max: e.max, required: e.required,
        value: entry.values[e.code]?.value ?? null, comment: entry.values[e.code]?.comment ?? null,
        previous: entry.previous?.values[e.code] ?? null, lastYear: entry.lastYear?.values[e.code] ?? null,
      })),
    })),
    narrative: entry.structure.form.narrative
      ? { results: sub?.results ?? '', difficulties: sub?.difficulties ?? '', proposals: sub?.proposals ?? '' }
      : null,
    generatedAt: now,
  };
}

/** 'Mau_BC-VHTT-Q_2026Q3_PVHTT-HB.xlsx' */
export const templateFilename = (id: TemplateIdentity) => `Mau_${id.formCode}_${id.period}_${id.unitCode}.xlsx`.replace(/[\\/:*?"<>|\s]+/g, '_');

export async function buildTemplate(db: Db, actor: SubmissionActor, roundId: number, unitId: number, now: Date): Promise<{ body: Buffer; filename: string }> {
  const entry = await loadEntry(db, actor, roundId, unitId, now);
  const model = templateModel(entry, now);
  return { body: await writeTemplate(model), filename: templateFilename(model.identity) };
}

/** A file made for another round or unit: say whose it is, so the person finds the right one. */
function checkIdentity(file: TemplateIdentity, expected: TemplateIdentity): void {
  if (file.roundId === expected.roundId && file.unitId === expected.unitId) return;
  const theirs = `${file.unitName} (mã ${file.unitCode}), biểu ${file.formCode}, ${file.periodLabel}`;
  const ours = `${expected.unitName}, biểu ${expected.formCode}, ${expected.periodLabel}`;
  throw new AppError(400, 'wrong_template', `Tệp này là mẫu báo cáo của ${theirs} — không phải mẫu của ${ours}. Hãy tải lên đúng tệp, hoặc tải mẫu mới cho đơn vị và kỳ báo cáo này.`, {
    file: { roundId: file.roundId, unitId: file.unitId, unitCode: file.unitCode, formCode: file.formCode, period: file.period },
  });
}

export type ImportOptions = { dryRun: boolean; version?: number; filename?: string | null };

export type ImportOutcome = {
  plan: ImportPlan;
  applied: boolean;
  /** Values and narrative sections that differ from what is saved. */
  changes: number;
  /** Version of the report after the import (null when the unit has no report yet). */
  version: number | null;
};

/**
 * Reads a filled template against the unit's report. dryRun: a preview, nothing written. Otherwise, when the
 * file has no error and changes something, one saveEntry (one transaction) writes all of it plus one audit
 * event naming the file.
 */
export async function importTemplate(
  db: Db, actor: SubmissionActor, roundId: number, unitId: number, buf: Buffer, opts: ImportOptions, now: Date,
): Promise<ImportOutcome> {
  const entry = await loadEntry(db, actor, roundId, unitId, now);
  authorize(actor, 'edit', subjectOf(entry.round, entry.unit.id, entry.submission));
  const current = entry.submission?.version ?? 0;
  if (opts.version !== undefined && opts.version !== current) throw conflict(staleMessage(current), { currentVersion: current });

  guardXlsx(buf);
  const read = readTemplate(await openWorkbook(buf));
  checkIdentity(read.identity, identityOf(entry));

  const sub = entry.submission;
  const plan = planImport({
    elements: entry.structure.elements,
    rules: entry.structure.rules,
    narrativeAllowed: entry.structure.form.narrative,
    saved: Object.fromEntries(Object.entries(entry.values).map(([code, v]) => [code, { value: v.value, comment: v.comment }])),
    savedNarrative: { results: sub?.results ?? '', difficulties: sub?.difficulties ?? '', proposals: sub?.proposals ?? '' },
    previous: entry.previous?.values ?? {},
    history: entry.history,
    read,
    normalizeNarrative,
    maxCommentChars: MAX_COMMENT_CHARS,
    maxNarrativeChars: MAX_NARRATIVE_CHARS,
  });
  const changes = plan.changes.length + plan.narrativeChanged.length;
  const version = sub?.version ?? null;
  if (opts.dryRun || plan.errors.length > 0 || changes === 0) return { plan, applied: false, changes, version };

  const narrative: Partial<Record<NarrativeSection, string>> = {};
  for (const s of plan.narrativeChanged) narrative[s] = plan.narrative[s];
  const saved = await db.tx(async (t) => {
    const r = await saveEntry(t, actor, roundId, unitId, { version: current, values: plan.changes, ...narrative }, now);
    // The plan parsed every value with the same rules; a refusal here means the two disagree: write nothing.
    if (r.rejected.length > 0) throw badRequest(`Không nhập được các chỉ tiêu: ${r.rejected.join(', ')}. Không có số liệu nào được ghi.`);
    await audit(t, auditActorOf(actor), {
      action: 'submission.import_xlsx', entityType: 'submission', entityId: r.submission.id, orgUnitId: unitId,
      after: {
        filename: opts.filename ?? null, sha256: createHash('sha256').update(buf).digest('hex'), size: buf.length,
        values: plan.changes.map((c) => c.code), narrative: plan.narrativeChanged,
      },
    });
    return r;
  });
  return { plan: { ...plan, issues: saved.issues }, applied: true, changes, version: saved.submission.version };
}

/** One line for the person: what the preview found or what was written. */
export function importSummary(o: ImportOutcome, dryRun: boolean): string {
  const values = o.plan.changes.length;
  const sections = o.plan.narrativeChanged.map((s) => `"${NARRATIVE_LABELS[s].vi}"`).join(', ');
  const what = [values ? `${formatNumber(values)} số liệu` : '', sections ? `phần ${sections}` : ''].filter(Boolean).join(' và ');
  if (o.plan.errors.length > 0) return `Tệp có ${formatNumber(o.plan.errors.length)} lỗi, chưa ghi dữ liệu nào. Hãy sửa các ô được nêu rồi tải lên lại.`;
  if (o.changes === 0) return 'Tệp không có thay đổi nào so với số liệu đã lưu.';
  return dryRun ? `Sẽ cập nhật ${what}. Kiểm tra lại rồi bấm xác nhận để ghi.` : `Đã cập nhật ${what}.`;
}
