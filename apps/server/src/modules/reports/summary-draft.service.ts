/**
 * The summary report once the office edits it (dự thảo báo cáo tổng kết đã chỉnh sửa): compiled once from the data
 * (summary-report.service.ts), then edited section by section, submitted to the director (Trình ký), approved —
 * numbered 'Số: 15/BC-SKHCN', dated and locked — or returned with a comment; the signed copy can be added as a PDF.
 *
 * - Every change is a new version (summary_report_versions, never updated): the text (sections), the figure fields'
 *   texts and the compiled report they go with (header, key-figure tables, appendix). The report row names the
 *   latest version; a change names the version it was made on (`baseVersion`) and is refused with 409 when that is
 *   no longer the latest — two editors at once never overwrite each other. The row is locked for the change.
 * - While a draft, the figures refresh from analytics on request: the report is compiled again, the fields take
 *   the new texts and the tables the new figures; the words around the fields are left as the office wrote them.
 *   From submission on, the figures are frozen.
 * - Who may do what in which state: contracts summary-draft.ts (one table). Everything is audited
 *   (summary_report.create/save/refresh/submit/return/approve/signed).
 */
import {
  type Actor, SUMMARY_DRAFT_STATES, SUMMARY_DRAFT_TRANSITIONS, SUMMARY_SIGNED_MAX_TEXT, type SummaryDraftAction, type SummaryDraftState, canSummaryDraft, periodLabel,
  summaryDraftAbilities,
} from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { nextRegistryNumber } from '../documents/kit/model.js';
import { type DraftSection, compileSections, draftDocument, sanitizeSectionHtml, withFields } from '../documents/summary-draft.content.js';
import { type SummaryReportInput, periodWording } from '../documents/summary-report.model.js';
import { notify } from '../notifications/notifications.service.js';
import { markedFields } from './figure-sentences.js';
import { type SummaryReportRow, type SummaryVersionRow, summaryDraftRepo } from './summary-draft.repository.js';
import { assembleSummaryReport, summaryPeriod } from './summary-report.service.js';

export type Who = Actor & { auditActor: AuditActor };

export const DRAFT_CONFLICT = 'Dự thảo vừa được người khác lưu hoặc chuyển bước; thay đổi của bạn chưa được lưu. Hãy tải bản mới nhất, chép lại phần sửa của mình rồi lưu.';

export type DraftView = {
  period: string;
  periodLabel: string;
  state: SummaryDraftState;
  version: number;
  /** '15/BC-SKHCN' once approved. */
  number: string | null;
  /** The document's date: the approval date once approved, else the day it is read. */
  date: string;
  sections: { key: string; level: 1 | 2; heading: string; html: string; table: boolean }[];
  fields: Record<string, string>;
  figuresAt: Date;
  frozen: boolean;
  returned: { comment: string; by: string | null; at: Date } | null;
  submitted: { by: string | null; at: Date } | null;
  approved: { by: string | null; at: Date } | null;
  signed: { name: string; size: number; by: string | null; at: Date } | null;
  editedBy: string | null;
  editedAt: Date;
  abilities: Record<Exclude<SummaryDraftAction, 'view' | 'create'>, boolean>;
};

type Stored = { sections: DraftSection[]; fields: Record<string, string>; input: SummaryReportInput };
const stored = (v: SummaryVersionRow): Stored => ({ sections: v.sections as DraftSection[], fields: v.fields as Record<string, string>, input: v.input as SummaryReportInput });

/** The figure fields of a compiled report: every sector's marked sentences. */
export function fieldsOf(input: SummaryReportInput): Record<string, string> {
  return Object.fromEntries(markedFields(input.sectors.flatMap((s) => s.markedSentences ?? [])));
}

const periodOf = (id: string) => summaryPeriod(id).id;

function need(who: Pick<Actor, 'role'>, action: SummaryDraftAction, state: SummaryDraftState | null) {
  if (canSummaryDraft(who, action, state)) return;
  if (!canSummaryDraft(who, 'view', state)) throw forbidden('Chỉ văn phòng, lãnh đạo Sở, cán bộ thẩm định và người xem mới xem được báo cáo tổng kết.');
  const why: Record<SummaryDraftAction, string> = {
    view: '',
    create: state ? 'Kỳ này đã có dự thảo báo cáo tổng kết; hãy mở bản đó.' : 'Chỉ Văn phòng Sở lập được dự thảo để chỉnh sửa.',
    edit: state !== 'draft' ? 'Báo cáo đã trình ký hoặc đã duyệt nên không sửa được nữa.' : 'Chỉ Văn phòng Sở sửa được dự thảo.',
    refresh: state !== 'draft' ? 'Báo cáo đã trình ký hoặc đã duyệt: số liệu đã được chốt.' : 'Chỉ Văn phòng Sở làm mới được số liệu.',
    submit: state !== 'draft' ? 'Báo cáo đã được trình ký.' : 'Chỉ Văn phòng Sở trình ký được báo cáo.',
    return: state !== 'submitted' ? 'Chỉ trả lại được báo cáo đang chờ duyệt.' : 'Chỉ Giám đốc Sở trả lại được báo cáo.',
    approve: state !== 'submitted' ? 'Chỉ duyệt được báo cáo đã trình ký.' : 'Chỉ Giám đốc Sở duyệt được báo cáo.',
    uploadSigned: state !== 'approved' ? 'Chỉ tải lên bản đã ký sau khi báo cáo được duyệt và cấp số.' : 'Bạn không tải lên được bản đã ký.',
  };
  // the role may do it, only not in this state: a conflict with the state, not a matter of rights
  const roleMay = [null, ...SUMMARY_DRAFT_STATES].some((st) => canSummaryDraft(who, action, st));
  throw roleMay ? conflict(why[action]) : forbidden(why[action]);
}

function present(who: Pick<Actor, 'role'>, r: SummaryReportRow, v: SummaryVersionRow, today: string): DraftView {
  const s = stored(v);
  const a = summaryDraftAbilities(who, r.state);
  return {
    period: r.period,
    periodLabel: periodLabel(summaryPeriod(r.period), 'vi'),
    state: r.state,
    version: r.version,
    number: r.number ? `${r.number}/BC-${s.input.issuerShort}` : null,
    date: r.doc_date ?? today,
    sections: s.sections.map((x) => ({ key: x.key, level: x.level, heading: x.heading, html: x.html, table: x.table })),
    fields: s.fields,
    figuresAt: v.figures_at,
    frozen: r.state !== 'draft',
    returned: r.returned_comment && r.returned_at ? { comment: r.returned_comment, by: r.returned_by_name, at: r.returned_at } : null,
    submitted: r.submitted_at ? { by: r.submitted_by_name, at: r.submitted_at } : null,
    approved: r.approved_at ? { by: r.approved_by_name, at: r.approved_at } : null,
    signed: r.signed_at && r.signed_name ? { name: r.signed_name, size: r.signed_size ?? 0, by: r.signed_by_name, at: r.signed_at } : null,
    editedBy: v.edited_by_name,
    editedAt: v.edited_at,
    abilities: { edit: a.edit, refresh: a.refresh, submit: a.submit, return: a.return, approve: a.approve, uploadSigned: a.uploadSigned },
  };
}

async function latest(db: Db, period: string) {
  const r = await summaryDraftRepo.byPeriod(db, period);
  if (!r) return null;
  const v = await summaryDraftRepo.version(db, r.id, r.version);
  if (!v) throw new Error(`summary report ${period}: version ${r.version} missing`);
  return { r, v };
}

export async function listDrafts(db: Db) {
  return (await summaryDraftRepo.list(db)).map((r) => ({
    period: r.period, periodLabel: periodLabel(summaryPeriod(r.period), 'vi'), state: r.state, version: r.version,
    number: r.number, editedBy: r.edited_by_name, editedAt: r.edited_at, hasSigned: r.signed_at !== null,
  }));
}

export async function readDraft(db: Db, who: Pick<Actor, 'role'>, periodId: string, today: string): Promise<DraftView> {
  const period = periodOf(periodId);
  need(who, 'view', null);
  const l = await latest(db, period);
  if (!l) throw notFound(`Chưa có dự thảo báo cáo tổng kết ${periodWording(period).current} để chỉnh sửa.`);
  return present(who, l.r, l.v, today);
}

/** Compiles the report of a period from the data and keeps it as version 1 of its draft. */
export async function createDraft(db: Db, who: Who, periodId: string, today: string, now: Date): Promise<DraftView> {
  const period = periodOf(periodId);
  need(who, 'create', (await summaryDraftRepo.byPeriod(db, period))?.state ?? null);
  const input = await assembleSummaryReport(db, { period, today });
  return db.tx(async (tx) => {
    const created = await summaryDraftRepo.create(tx, period, who.id, now);
    if (!created) throw conflict('Kỳ này vừa có người lập dự thảo báo cáo tổng kết; hãy mở bản đó.');
    await summaryDraftRepo.insertVersion(tx, created.id, 1, {
      kind: 'compile', sections: compileSections(input), fields: fieldsOf(input), input, figuresAt: now, by: who.id, at: now,
    });
    await audit(tx, who.auditActor, { action: 'summary_report.create', entityType: 'summary_report', entityId: created.id, after: { period, version: 1 } });
    const l = (await latest(tx, period))!;
    return present(who, l.r, l.v, today);
  });
}

type Change = (ctx: { tx: Db; r: SummaryReportRow; v: SummaryVersionRow; s: Stored }) => Promise<{
  kind: SummaryVersionRow['kind']; stored?: Partial<Stored>; figuresAt?: Date; comment?: string | null; audit: Record<string, unknown>;
}>;

/** A change of the draft under its row lock, made on `baseVersion`: a new version, audited. */
async function change(db: Db, who: Who, periodId: string, baseVersion: number, action: SummaryDraftAction, today: string, now: Date, make: Change): Promise<DraftView> {
  const period = periodOf(periodId);
  return db.tx(async (tx) => {
    const locked = await summaryDraftRepo.lock(tx, period);
    if (!locked) throw notFound('Chưa có dự thảo báo cáo tổng kết của kỳ này.');
    const l = (await latest(tx, period))!;
    if (baseVersion !== locked.version) {
      throw conflict(DRAFT_CONFLICT, { version: l.r.version, state: l.r.state, editedBy: l.v.edited_by_name, editedAt: l.v.edited_at });
    }
    need(who, action, locked.state);
    const s = stored(l.v);
    const made = await make({ tx, r: l.r, v: l.v, s });
    const version = locked.version + 1;
    const next = { ...s, ...made.stored };
    await summaryDraftRepo.insertVersion(tx, locked.id, version, {
      kind: made.kind, sections: next.sections, fields: next.fields, input: next.input, figuresAt: made.figuresAt ?? l.v.figures_at,
      comment: made.comment ?? null, by: who.id, at: now,
    });
    await summaryDraftRepo.setVersion(tx, locked.id, version);
    await audit(tx, who.auditActor, {
      action: made.kind === 'edit' ? 'summary_report.save' : `summary_report.${made.kind}`, entityType: 'summary_report', entityId: locked.id,
      before: { version: locked.version, state: locked.state }, after: { period, version, ...made.audit },
    });
    const after = (await latest(tx, period))!;
    return present(who, after.r, after.v, today);
  });
}

export const SECTION_HTML_MAX = 200_000;

/** Saves the sections sent (by key); the others stay. A key the draft does not have is refused. */
export function saveDraft(db: Db, who: Who, periodId: string, body: { baseVersion: number; sections: { key: string; html: string }[] }, today: string, now: Date) {
  return change(db, who, periodId, body.baseVersion, 'edit', today, now, async ({ s }) => {
    const keys = new Set(s.sections.map((x) => x.key));
    const unknown = body.sections.filter((x) => !keys.has(x.key)).map((x) => x.key);
    if (unknown.length) throw badRequest(`Dự thảo không có mục ${unknown.slice(0, 5).map((k) => `"${k.slice(0, 20)}"`).join(', ')}.`);
    const fieldKeys = new Set(Object.keys(s.fields));
    const sent = new Map(body.sections.map((x) => [x.key, sanitizeSectionHtml(x.html, fieldKeys)]));
    const changed = s.sections.filter((x) => sent.has(x.key) && sent.get(x.key) !== x.html).map((x) => x.key);
    const sections = withFields(s.sections.map((x) => (sent.has(x.key) ? { ...x, html: sent.get(x.key)! } : x)), s.fields);
    return { kind: 'edit', stored: { sections }, audit: { sections: changed } };
  });
}

/** Reads the figures again from analytics: new field texts and tables; the words stay. */
export function refreshDraft(db: Db, who: Who, periodId: string, baseVersion: number, today: string, now: Date) {
  return change(db, who, periodId, baseVersion, 'refresh', today, now, async ({ tx, r, s }) => {
    const input = await assembleSummaryReport(tx, { period: r.period, today });
    const fresh = fieldsOf(input);
    const fields = { ...s.fields, ...fresh };
    const changed = Object.keys(fresh).filter((k) => s.fields[k] !== fresh[k]);
    return { kind: 'refresh', stored: { input, fields, sections: withFields(s.sections, fields) }, figuresAt: now, audit: { fieldsChanged: changed.length } };
  });
}

export async function submitDraft(db: Db, who: Who, periodId: string, baseVersion: number, today: string, now: Date) {
  const view = await change(db, who, periodId, baseVersion, 'submit', today, now, async ({ tx, r }) => {
    await summaryDraftRepo.submitted(tx, r.id, who.id, now);
    return { kind: 'submit', audit: { state: SUMMARY_DRAFT_TRANSITIONS.submit.to } };
  });
  for (const id of await summaryDraftRepo.usersWithRole(db, 'director')) {
    await notify(db, {
      userId: id, kind: 'summary_report.submitted', title: `Báo cáo tổng kết ${periodWording(view.period).current} chờ Giám đốc duyệt`,
      body: 'Văn phòng Sở đã trình ký dự thảo báo cáo tổng kết.', link: `/reports/summary/draft/${view.period}`,
      dedupeKey: `summary-report-submitted:${view.period}:${view.version}:${id}`,
    });
  }
  return view;
}

export async function returnDraft(db: Db, who: Who, periodId: string, body: { baseVersion: number; comment: string }, today: string, now: Date) {
  const comment = body.comment.trim();
  if (!comment) throw badRequest('Trả lại báo cáo phải ghi ý kiến để Văn phòng biết cần sửa gì.');
  let submitter: number | null = null;
  const view = await change(db, who, periodId, body.baseVersion, 'return', today, now, async ({ tx, r }) => {
    submitter = await summaryDraftRepo.submitter(tx, r.id);
    await summaryDraftRepo.returned(tx, r.id, comment, who.id, now);
    return { kind: 'return', comment, audit: { state: SUMMARY_DRAFT_TRANSITIONS.return.to, comment } };
  });
  if (submitter) {
    await notify(db, {
      userId: submitter, kind: 'summary_report.returned', title: `Báo cáo tổng kết ${periodWording(view.period).current} bị trả lại`,
      body: comment, link: `/reports/summary/draft/${view.period}`, dedupeKey: `summary-report-returned:${view.period}:${view.version}`,
    });
  }
  return view;
}

/** Approves: the number (typed, or the next of the year), the date (today), the lock. */
export function approveDraft(db: Db, who: Who, periodId: string, body: { baseVersion: number; number?: string | null }, today: string, now: Date) {
  return change(db, who, periodId, body.baseVersion, 'approve', today, now, async ({ tx, r, s }) => {
    const year = Number(today.slice(0, 4));
    await summaryDraftRepo.lockNumbering(tx, year);
    const taken = await summaryDraftRepo.numbersOfYear(tx, year);
    const typed = body.number?.normalize('NFC').trim() || null;
    if (typed && !/^\d{1,6}[A-Za-z]?$/.test(typed)) throw badRequest('Số báo cáo là số thứ tự trong năm, ví dụ 15 (không ghi phần "/BC-…").');
    if (typed && taken.some((n) => Number(n) === Number(typed.replace(/\D/g, '')) && n.replace(/\d/g, '') === typed.replace(/\d/g, ''))) {
      throw conflict(`Số ${typed}/BC-${s.input.issuerShort} năm ${year} đã cấp cho báo cáo khác.`);
    }
    const number = typed ?? nextRegistryNumber(taken);
    await summaryDraftRepo.approved(tx, r.id, number, year, today, who.id, now);
    const input: SummaryReportInput = { ...s.input, number, date: today };
    return { kind: 'approve', stored: { input }, audit: { state: SUMMARY_DRAFT_TRANSITIONS.approve.to, number: `${number}/BC-${s.input.issuerShort}`, date: today } };
  });
}

/** A file the user says is a PDF: its first bytes must say so. */
export const isPdf = (b: Buffer) => b.length > 8 && b.subarray(0, 5).toString('latin1') === '%PDF-';

/** Keeps the signed copy (a scanned PDF) of an approved report; a new upload replaces it (both audited). */
export async function uploadSigned(db: Db, who: Who, periodId: string, file: { filename: string; content: Buffer }, today: string, now: Date) {
  if (file.content.length === 0) throw badRequest('Tệp bản đã ký rỗng; hãy chọn lại tệp PDF.');
  if (!isPdf(file.content)) throw new AppError(415, 'unsupported_media_type', 'Bản đã ký phải là tệp PDF (nội dung tệp không phải PDF).');
  const name = (file.filename || 'ban-da-ky.pdf').normalize('NFC').replace(/[\u0000-\u001f\u007f/\\]/g, '').slice(0, 200) || 'ban-da-ky.pdf';
  const period = periodOf(periodId);
  const current = await summaryDraftRepo.byPeriod(db, period);
  if (!current) throw notFound('Chưa có dự thảo báo cáo tổng kết của kỳ này.');
  return change(db, who, period, current.version, 'uploadSigned', today, now, async ({ tx, r }) => {
    await summaryDraftRepo.signed(tx, r.id, file.content, name, who.id, now);
    return { kind: 'signed', audit: { signed: name, bytes: file.content.length, replaced: r.signed_name ?? undefined } };
  });
}

export async function signedFile(db: Db, who: Pick<Actor, 'role'>, periodId: string) {
  need(who, 'view', null);
  const f = await summaryDraftRepo.signedFile(db, periodOf(periodId));
  if (!f?.signed_pdf) throw notFound('Báo cáo này chưa có bản đã ký.');
  return { name: f.signed_name ?? 'ban-da-ky.pdf', content: Buffer.from(f.signed_pdf) };
}

/** The draft's document (numbered and dated once approved) and its file name. */
export async function draftFile(db: Db, who: Pick<Actor, 'role'>, periodId: string, today: string) {
  const period = periodOf(periodId);
  need(who, 'view', null);
  const l = await latest(db, period);
  if (!l) throw notFound('Chưa có dự thảo báo cáo tổng kết của kỳ này.');
  const s = stored(l.v);
  const input: SummaryReportInput = l.r.number ? s.input : { ...s.input, date: today };
  return { document: draftDocument(input, s.sections, s.fields), approved: l.r.state === 'approved', number: l.r.number ? `${l.r.number}/BC-${s.input.issuerShort}` : null };
}

export async function draftVersions(db: Db, who: Pick<Actor, 'role'>, periodId: string) {
  need(who, 'view', null);
  const r = await summaryDraftRepo.byPeriod(db, periodOf(periodId));
  if (!r) throw notFound('Chưa có dự thảo báo cáo tổng kết của kỳ này.');
  return (await summaryDraftRepo.versions(db, r.id)).map((v) => ({ version: v.version, kind: v.kind, editedBy: v.edited_by_name, editedAt: v.edited_at, comment: v.comment }));
}

export async function draftVersion(db: Db, who: Pick<Actor, 'role'>, periodId: string, version: number) {
  need(who, 'view', null);
  const r = await summaryDraftRepo.byPeriod(db, periodOf(periodId));
  const v = r ? await summaryDraftRepo.version(db, r.id, version) : null;
  if (!v) throw notFound('Không có phiên bản này của dự thảo.');
  const s = stored(v);
  return {
    version: v.version, kind: v.kind, sections: s.sections.map((x) => ({ key: x.key, level: x.level, heading: x.heading, html: x.html, table: x.table })),
    fields: s.fields, editedBy: v.edited_by_name, editedAt: v.edited_at, comment: v.comment,
  };
}

export { SUMMARY_SIGNED_MAX_TEXT };
