/**
 * Award decisions (quyết định khen thưởng).
 *
 * - The office drafts a decision from approved nominations of one award year. A department decision covers what the
 *   director awards: every line's authority on the decision date (award_authorities, Decree 129/2025 from
 *   01/07/2025) must be the department's, otherwise the draft is refused naming who awards it. An external decision
 *   records a higher authority's decision (Chủ tịch UBND tỉnh, Bộ trưởng) as received, with its number and date.
 * - The "Căn cứ" lines are the legal bases of the rules in force on the decision date, or bases the office names;
 *   a basis not in force on that date is refused (400), so a decision dated after 30/06/2025 cannot cite Decree 98.
 * - Issuing (the director signs; the office records an external one) fixes the date and the number (the next of
 *   the year's QĐ series, or the number typed from the register book), computes each line's reward — the multiple of
 *   the version in force × the base salary in force on the date, rounded up to 10.000 đ — writes the award register
 *   (so next year's eligibility sees it), marks the nominations decided and their initiatives used by the new
 *   records, stores the document as issued, tells the units and audits all of it.
 */
import {
  type Actor, canDecision, canDo, type DecisionAction, decisionAbilities, type DecisionIssuer, DECISION_STATUS_LABELS, formatDate, NOMINATION_STATUS_LABELS,
  NOMINATION_TRANSITIONS,
} from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { renderDocx } from '../documents/kit/docx.js';
import { DOCUMENT_TYPES, type DecreeDocument } from '../documents/kit/model.js';
import { configureConferenceAwards, positionWithUnit } from '../conferences/documents.data.js';
import { notify } from '../notifications/notifications.service.js';
import { loadCatalog } from './catalog.service.js';
import { councilRepo } from './council.repository.js';
import { meetingDate } from './council.service.js';
import { type DecisionFacts, type DecisionGroupFact, decisionDocument, decisionSubject } from './decision.content.js';
import { directorSigner, issuerOn } from './decision.issuer.js';
import { decisionRepo, type DecisionRow, type LineRow, type SubjectOnDate } from './decision.repository.js';
import { authorityFor, baseSalaryOn, basesOutOfForce, defaultBases, rewardAmount, rewardMultiple, sortBases } from './decision.rules.js';
import { versionOn } from './rules/engine.js';
import type { Catalog, LegalBasis } from './rules/types.js';

const NOT_FOUND = 'Không tìm thấy quyết định khen thưởng.';
const DEFAULT_PROPOSER = 'Chánh Văn phòng Sở';

const clean = (s: string | null | undefined, max: number, what: string): string | null => {
  const t = (s ?? '').normalize('NFC').trim();
  if (t.length > max) throw badRequest(`${what} dài quá ${max} ký tự.`);
  return t || null;
};
const dmy = (iso: string) => formatDate(iso);

export type DecisionInput = {
  issuer?: DecisionIssuer; year: number; nominations: number[]; date?: string | null; subject?: string | null; reason?: string | null; proposer?: string | null;
  bases?: string[] | null; conference?: number | null; meeting?: number | null;
  /** An external decision: its number as printed ('125/QĐ-UBND'), date and authority. */
  number?: string | null; authority?: string | null;
};
export type DecisionPatch = Partial<Omit<DecisionInput, 'issuer'>> & { version: number };

/** Nominations for a decision: locked, approved, of the award year, not in another decision. */
async function checkNominations(t: Db, ids: number[], year: number, exceptDecisionId: number | null) {
  const unique = [...new Set(ids)];
  if (!unique.length) throw badRequest('Quyết định phải có ít nhất một đề nghị đã được thông qua.');
  if (unique.length > 2000) throw badRequest('Một quyết định có tối đa 2.000 người và tập thể.');
  const rows = await decisionRepo.nominationsFor(t, unique, exceptDecisionId);
  for (const id of unique) {
    const n = rows.find((r) => r.id === id);
    if (!n) throw badRequest(`Không có đề nghị khen thưởng số ${id}.`);
    if (n.in_decision !== null) throw conflict(`Đề nghị số ${id} đã có trong quyết định ${n.in_decision_number ?? `dự thảo số ${n.in_decision}`}.`);
    if (n.status !== 'approved')
      throw conflict(`Đề nghị số ${id} đang ở trạng thái "${NOMINATION_STATUS_LABELS[n.status].vi}"; chỉ đề nghị đã được thông qua mới đưa vào quyết định.`);
    if (n.year !== year) throw badRequest(`Đề nghị số ${id} là thành tích năm ${n.year}, không phải năm ${year} của quyết định.`);
  }
  return unique.map((id) => rows.find((r) => r.id === id)!);
}

/** Every line's authority on the date must be the department's (a department decision); else a 400 naming it. */
function checkAuthority(catalog: Catalog, rows: { id: number; award_code: string; unitType: string | null; name: string }[], date: string): void {
  for (const r of rows) {
    const a = authorityFor(catalog.authorities, r.award_code, r.unitType, date);
    const name = catalog.types.find((t) => t.code === r.award_code)?.name ?? r.award_code;
    if (!a) throw badRequest(`Chưa có quy định về thẩm quyền tặng "${name}" vào ngày ${dmy(date)}.`);
    if (a.level !== 'department') {
      const basis = a.basisId !== null ? catalog.bases.find((b) => b.id === a.basisId) : null;
      throw badRequest(
        `${r.name} (đề nghị số ${r.id}): "${name}" do ${a.authority} tặng${basis ? ` (${a.article ? `${a.article} ` : ''}${basis.shortName} ${basis.number})` : ''}, `
          + 'không thuộc thẩm quyền Giám đốc Sở; hãy trình cấp có thẩm quyền và ghi nhận quyết định của cấp đó.',
      );
    }
  }
}

/** The bases named by code, each in force on the date (else 400 naming it). */
function namedBases(catalog: Catalog, codes: string[], date: string): LegalBasis[] {
  const out: LegalBasis[] = [];
  for (const c of [...new Set(codes.map((x) => x.trim().toUpperCase()))]) {
    const b = catalog.bases.find((x) => x.code === c || x.number.toUpperCase() === c);
    if (!b) throw badRequest(`Không có văn bản căn cứ mã "${c}".`);
    out.push(b);
  }
  assertBasesInForce(out, date);
  return out;
}

function assertBasesInForce(bases: LegalBasis[], date: string): void {
  const bad = basesOutOfForce(bases, date);
  if (bad.length)
    throw badRequest(bad.map((b) => `${b.shortName} ${b.number} ${b.validFrom > date ? `chỉ có hiệu lực từ ngày ${dmy(b.validFrom)}` : `đã hết hiệu lực từ ngày ${dmy(addDay(b.validTo!))}`}`).join('; ')
      + `; quyết định ngày ${dmy(date)} không thể lấy làm căn cứ.`);
}
const addDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function unitTypesOf(t: Db, rows: { person_id: number | null; org_unit_id: number | null }[], date: string) {
  return decisionRepo.subjectsOn(t, rows.flatMap((r) => (r.person_id ? [r.person_id] : [])), rows.flatMap((r) => (r.org_unit_id ? [r.org_unit_id] : [])), date);
}
const subjectOf = (s: { people: Map<number, SubjectOnDate>; units: Map<number, SubjectOnDate> }, r: { person_id?: number | null; org_unit_id?: number | null; personId?: number | null; unitId?: number | null }) => {
  const pid = r.person_id ?? r.personId ?? null;
  const uid = r.org_unit_id ?? r.unitId ?? null;
  return pid !== null ? s.people.get(pid) ?? null : uid !== null ? s.units.get(uid) ?? null : null;
};

/** The meeting that voted on these nominations (the latest closed one), if any. */
async function votingMeeting(t: Db, ids: number[]): Promise<number | null> {
  const m = await councilRepo.closedBallotsOf(t, ids);
  const meetings = [...new Set([...m.values()].map((x) => x.meetingId))];
  return meetings.length ? Math.max(...meetings) : null;
}

function subjectDefault(catalog: Catalog, codes: string[], year: number, date: string): string {
  const groups = [...new Set(codes)].map((c) => {
    const t = catalog.types.find((x) => x.code === c)!;
    return { name: versionOn(t, date)?.name ?? t.name, category: t.category };
  });
  return decisionSubject(groups, year);
}

function requireOffice(actor: Actor) {
  if (!canDo(actor, 'awards.manage')) throw forbidden('Chỉ Văn phòng Sở soạn quyết định khen thưởng.');
}

function checkExternal(input: { number?: string | null; authority?: string | null; date?: string | null }, today: string) {
  const number = clean(input.number, 100, 'Số quyết định');
  const authority = clean(input.authority, 300, 'Cấp ban hành');
  if (!number) throw badRequest('Hãy ghi số quyết định của cấp trên (ví dụ 125/QĐ-UBND).');
  if (!authority) throw badRequest('Hãy ghi cấp ban hành quyết định (ví dụ Chủ tịch Ủy ban nhân dân tỉnh).');
  if (!input.date) throw badRequest('Hãy ghi ngày ký quyết định của cấp trên.');
  if (input.date > today) throw badRequest('Ngày quyết định không được sau hôm nay.');
  return { number, authority };
}

export async function createDecision(db: Db, actor: Actor, by: AuditActor, input: DecisionInput, today: string): Promise<number> {
  requireOffice(actor);
  const issuer = input.issuer ?? 'department';
  const catalog = await loadCatalog(db);
  const date = input.date ?? today;
  const external = issuer === 'external' ? checkExternal(input, today) : null;
  return db.tx(async (t) => {
    const noms = await checkNominations(t, input.nominations, input.year, null);
    const subjects = await unitTypesOf(t, noms, date);
    if (issuer === 'department')
      checkAuthority(catalog, noms.map((n) => ({ id: n.id, award_code: n.award_code, unitType: subjectOf(subjects, n)?.unit?.type ?? null, name: subjectOf(subjects, n)?.name ?? '' })), date);
    const bases = input.bases?.length ? namedBases(catalog, input.bases, date) : defaultBases(catalog, noms.map((n) => n.award_code), date);
    const conferenceId = input.conference !== undefined && input.conference !== null ? await conferenceOrFail(t, input.conference) : await decisionRepo.annualConference(t, input.year);
    const meetingId = input.meeting ? await meetingOrFail(t, input.meeting) : await votingMeeting(t, noms.map((n) => n.id));
    const who = await issuerOn(t, date);
    const id = await decisionRepo.insert(t, {
      issuer, year: Number(date.slice(0, 4)), awardYear: input.year, number: external?.number ?? null, decisionDate: input.date ?? null,
      subject: clean(input.subject, 500, 'Trích yếu') ?? subjectDefault(catalog, noms.map((n) => n.award_code), input.year, date),
      authority: external?.authority ?? `Giám đốc ${who.department.name}`, proposer: clean(input.proposer, 300, 'Đơn vị đề nghị') ?? (external ? null : DEFAULT_PROPOSER),
      reason: clean(input.reason, 1000, 'Lý do khen thưởng'), meetingId, conferenceId, basesExplicit: !!input.bases?.length, createdBy: actor.id,
    });
    await decisionRepo.replaceLines(t, id, noms.map((n) => ({ nominationId: n.id, personId: n.person_id, unitId: n.org_unit_id, awardCode: n.award_code, year: n.year, achievement: null })));
    await decisionRepo.replaceBases(t, id, bases.map((b) => b.id));
    await audit(t, by, {
      action: 'award_decision.create', entityType: 'award_decision', entityId: id,
      after: { issuer, year: input.year, nominations: noms.map((n) => n.id), bases: bases.map((b) => b.code), conferenceId, meetingId, number: external?.number ?? null },
    });
    return id;
  });
}

async function conferenceOrFail(t: Db, id: number): Promise<number> {
  if (!(await decisionRepo.conferenceExists(t, id))) throw badRequest(`Không có hội nghị số ${id}.`);
  return id;
}
async function meetingOrFail(t: Db, id: number): Promise<number> {
  const m = await councilRepo.meeting(t, id);
  if (!m) throw badRequest(`Không có cuộc họp Hội đồng số ${id}.`);
  return id;
}

/** Loads a decision the actor may see (404 otherwise), checks the action and the version. */
async function loadDecision(t: Db, actor: Actor, id: number, action: DecisionAction, o: { lock?: boolean; version?: number } = {}): Promise<DecisionRow> {
  const d = await decisionRepo.decision(t, id, o.lock ?? false);
  if (!d || !canDecision(actor, 'view', { status: d.status, issuer: d.issuer })) throw notFound(NOT_FOUND);
  if (o.version !== undefined && o.version !== d.version)
    throw conflict(`Quyết định vừa được người khác thay đổi (phiên bản ${d.version}); hãy tải lại. Nội dung bạn nhập vẫn còn trên màn hình.`, { currentVersion: d.version });
  if (!canDecision(actor, action, { status: d.status, issuer: d.issuer })) {
    if (d.status !== 'draft') throw conflict(`Quyết định ${d.number ?? ''} đang ở trạng thái "${DECISION_STATUS_LABELS[d.status].vi}", không thể thực hiện thao tác này.`.replace('  ', ' '));
    throw forbidden(action === 'issue' && d.issuer === 'department' ? 'Giám đốc Sở ký ban hành quyết định khen thưởng.' : undefined);
  }
  return d;
}

export async function updateDecision(db: Db, actor: Actor, by: AuditActor, id: number, patch: DecisionPatch, today: string): Promise<void> {
  const catalog = await loadCatalog(db);
  await db.tx(async (t) => {
    const d = await loadDecision(t, actor, id, 'edit', { lock: true, version: patch.version });
    const lines = await decisionRepo.lines(t, [id]);
    const year = patch.year ?? d.awardYear ?? d.year;
    const date = (patch.date !== undefined ? patch.date : d.decisionDate) ?? today;
    const external = d.issuer === 'external'
      ? checkExternal({ number: patch.number !== undefined ? patch.number : d.number, authority: patch.authority !== undefined ? patch.authority : d.authority, date }, today)
      : null;
    const nominationIds = patch.nominations ?? lines.map((l) => l.nominationId).filter((x): x is number => x !== null);
    const noms = await checkNominations(t, nominationIds, year, id);
    const subjects = await unitTypesOf(t, noms, date);
    if (d.issuer === 'department')
      checkAuthority(catalog, noms.map((n) => ({ id: n.id, award_code: n.award_code, unitType: subjectOf(subjects, n)?.unit?.type ?? null, name: subjectOf(subjects, n)?.name ?? '' })), date);
    const explicit = patch.bases !== undefined ? !!patch.bases?.length : d.basesExplicit;
    let bases: LegalBasis[];
    if (patch.bases?.length) bases = namedBases(catalog, patch.bases, date);
    else if (explicit) {
      const ids = await decisionRepo.bases(t, id);
      bases = ids.map((b) => catalog.bases.find((x) => x.id === b)!).filter(Boolean);
      assertBasesInForce(bases, date);
    } else bases = defaultBases(catalog, noms.map((n) => n.award_code), date);
    const who = await issuerOn(t, date);
    const w = {
      year: Number(date.slice(0, 4)), awardYear: year, number: external?.number ?? null, decisionDate: patch.date !== undefined ? patch.date : d.decisionDate,
      subject: patch.subject !== undefined ? (clean(patch.subject, 500, 'Trích yếu') ?? subjectDefault(catalog, noms.map((n) => n.award_code), year, date)) : d.subject,
      authority: external?.authority ?? `Giám đốc ${who.department.name}`,
      proposer: patch.proposer !== undefined ? clean(patch.proposer, 300, 'Đơn vị đề nghị') : d.proposer,
      reason: patch.reason !== undefined ? clean(patch.reason, 1000, 'Lý do khen thưởng') : d.reason,
      meetingId: patch.meeting !== undefined ? (patch.meeting === null ? null : await meetingOrFail(t, patch.meeting)) : d.meetingId,
      conferenceId: patch.conference !== undefined ? (patch.conference === null ? null : await conferenceOrFail(t, patch.conference)) : d.conferenceId,
      basesExplicit: explicit,
    };
    await decisionRepo.update(t, id, w);
    await decisionRepo.replaceLines(t, id, noms.map((n) => ({ nominationId: n.id, personId: n.person_id, unitId: n.org_unit_id, awardCode: n.award_code, year: n.year, achievement: null })));
    await decisionRepo.replaceBases(t, id, bases.map((b) => b.id));
    await audit(t, by, {
      action: 'award_decision.update', entityType: 'award_decision', entityId: id,
      before: { nominations: lines.map((l) => l.nominationId), date: d.decisionDate, subject: d.subject, number: d.number },
      after: { nominations: noms.map((n) => n.id), date: w.decisionDate, subject: w.subject, bases: bases.map((b) => b.code), number: w.number },
    });
  });
}

export async function cancelDecision(db: Db, actor: Actor, by: AuditActor, id: number, version: number): Promise<void> {
  await db.tx(async (t) => {
    const d = await loadDecision(t, actor, id, 'cancel', { lock: true, version });
    const lines = await decisionRepo.lines(t, [id]);
    await decisionRepo.cancel(t, id);
    await audit(t, by, { action: 'award_decision.cancel', entityType: 'award_decision', entityId: id, before: { status: d.status, nominations: lines.map((l) => l.nominationId) }, after: { status: 'cancelled' } });
  });
}

// ───────────── the document ─────────────

type Built = { facts: DecisionFacts; model: DecreeDocument; lines: (LineRow & { subject: SubjectOnDate | null; multiple: number | null; amount: number | null })[] };

/** Money and names of a decision's lines on a date, grouped by award in catalog order. */
async function buildFacts(db: Db, d: DecisionRow, o: { date: string; number: string | null; signerUserId: number | null; draft: boolean }): Promise<Built> {
  const catalog = await loadCatalog(db);
  const lines = await decisionRepo.lines(db, [d.id]);
  const subjects = await decisionRepo.subjectsOn(db, lines.flatMap((l) => (l.personId ? [l.personId] : [])), lines.flatMap((l) => (l.unitId ? [l.unitId] : [])), o.date);
  const who = await issuerOn(db, o.date);
  const salary = baseSalaryOn(catalog.salaries, o.date);
  const withMoney = lines.map((l) => {
    const t = catalog.types.find((x) => x.code === l.awardCode);
    const v = t ? versionOn(t, o.date) : null;
    const multiple = v ? rewardMultiple(v, l.personId !== null ? 'person' : 'unit') : null;
    return { ...l, subject: subjectOf(subjects, l), multiple, amount: multiple !== null && salary ? rewardAmount(multiple, salary.amount) : null };
  });
  const codes = [...new Set(withMoney.map((l) => l.awardCode))].sort((a, b) => (catalog.types.findIndex((t) => t.code === a) - catalog.types.findIndex((t) => t.code === b)));
  const groups: DecisionGroupFact[] = codes.map((code) => {
    const t = catalog.types.find((x) => x.code === code)!;
    return {
      code, name: versionOn(t, o.date)?.name ?? t.name, category: t.category,
      lines: withMoney.filter((l) => l.awardCode === code).map((l) => ({
        kind: l.personId !== null ? 'person' as const : 'unit' as const,
        name: l.personId !== null ? `${l.subject?.gender === 'female' ? 'Bà' : l.subject?.gender === 'male' ? 'Ông' : ''} ${l.subject?.name ?? ''}`.trim() : (l.subject?.name ?? ''),
        detail: l.personId !== null ? positionWithUnit(l.subject?.position ?? '', l.subject?.unit?.name ?? null) : (l.subject?.unit?.parentName ?? ''),
        multiple: l.multiple, amount: l.amount,
      })),
    };
  });
  const baseIds = await decisionRepo.bases(db, d.id);
  const bases = sortBases(baseIds.map((id) => catalog.bases.find((b) => b.id === id)!).filter(Boolean));
  let meeting: DecisionFacts['meeting'] = null;
  if (d.meetingId !== null) {
    const m = await councilRepo.meeting(db, d.meetingId);
    if (m) meeting = { date: meetingDate(m), number: m.minutesSeq !== null ? `${String(m.minutesSeq).padStart(2, '0')}/${DOCUMENT_TYPES.BB.symbol}-HĐTĐKT` : null, councilName: m.councilName };
  }
  const signer = directorSigner(who, o.signerUserId) ?? { personId: 0, name: '', title: 'GIÁM ĐỐC' };
  const facts: DecisionFacts = {
    issuer: who.issuer, place: who.place, date: o.date, number: o.number, subject: d.subject, department: who.department.name, awardYear: d.awardYear ?? d.year, bases, meeting,
    proposer: d.proposer ?? DEFAULT_PROPOSER, reason: d.reason ?? `có thành tích trong thực hiện nhiệm vụ năm ${d.awardYear ?? d.year}`, groups,
    baseSalary: salary ? { amount: salary.amount, basis: salary.basisId !== null ? catalog.bases.find((b) => b.id === salary.basisId) ?? null : null } : null,
    signer: { title: signer.title, name: signer.name }, draft: o.draft,
  };
  return { facts, model: decisionDocument(facts), lines: withMoney };
}

/** The decision's document: as issued (stored), or the draft built now on its planned date. */
export async function decisionDocumentOf(db: Db, actor: Actor, id: number, today: string): Promise<{ model: DecreeDocument; docx: Buffer | null; fileName: (ext: string) => string }> {
  const d = await loadDecision(db, actor, id, 'view');
  if (d.issuer === 'external') throw conflict('Quyết định của cấp trên được ghi nhận theo bản giấy; Nhịp không lập văn bản này.');
  const name = (ext: string) => `Quyết định ${d.number ? `số ${d.number.replace(/\//g, '-')} ` : '(dự thảo) '}${d.subject}`.slice(0, 150) + `.${ext}`;
  if (d.status === 'issued') {
    const s = await decisionRepo.stored(db, id);
    if (s?.content) return { model: s.content as DecreeDocument, docx: s.docx, fileName: name };
  }
  const built = await buildFacts(db, d, { date: d.decisionDate ?? today, number: null, signerUserId: null, draft: true });
  return { model: built.model, docx: null, fileName: name };
}

export type IssueInput = { version: number; number?: string | null; date?: string | null };

export async function issueDecision(db: Db, actor: Actor, by: AuditActor, id: number, input: IssueInput, today: string): Promise<void> {
  const catalog = await loadCatalog(db);
  await db.tx(async (t) => {
    const d = await loadDecision(t, actor, id, 'issue', { lock: true, version: input.version });
    const date = input.date ?? (d.issuer === 'external' ? d.decisionDate : null) ?? today;
    if (date > today) throw badRequest('Ngày ký quyết định không được sau hôm nay.');
    const lines = await decisionRepo.lines(t, [id]);
    if (!lines.length) throw conflict('Quyết định chưa có người, tập thể nào được khen thưởng.');
    const noms = await decisionRepo.nominationsFor(t, lines.map((l) => l.nominationId).filter((x): x is number => x !== null), id);
    const moved = noms.filter((n) => n.status !== 'approved');
    if (moved.length) throw conflict(`Đề nghị số ${moved.map((n) => n.id).join(', ')} không còn ở trạng thái đã thông qua; hãy sửa danh sách của quyết định.`);
    if (d.meetingId !== null) {
      const m = await councilRepo.meeting(t, d.meetingId);
      if (m && meetingDate(m) > date) throw badRequest(`Ngày quyết định (${dmy(date)}) trước ngày họp Hội đồng (${dmy(meetingDate(m))}).`);
    }
    for (const code of new Set(lines.map((l) => l.awardCode))) {
      const type = catalog.types.find((x) => x.code === code)!;
      if (!versionOn(type, date)) throw badRequest(`Không có quy định về "${type.name}" có hiệu lực vào ngày ${dmy(date)}.`);
    }
    const subjects = await decisionRepo.subjectsOn(t, lines.flatMap((l) => (l.personId ? [l.personId] : [])), lines.flatMap((l) => (l.unitId ? [l.unitId] : [])), date);
    if (d.issuer === 'department')
      checkAuthority(catalog, lines.map((l) => ({ id: l.nominationId ?? 0, award_code: l.awardCode, unitType: subjectOf(subjects, l)?.unit?.type ?? null, name: subjectOf(subjects, l)?.name ?? '' })), date);
    // The bases on the decision date: the office's, which must be in force; or those of the rules in force.
    if (d.basesExplicit) {
      const bases = (await decisionRepo.bases(t, id)).map((b) => catalog.bases.find((x) => x.id === b)!).filter(Boolean);
      assertBasesInForce(bases, date);
    } else await decisionRepo.replaceBases(t, id, defaultBases(catalog, lines.map((l) => l.awardCode), date).map((b) => b.id));
    const salary = baseSalaryOn(catalog.salaries, date);
    if (!salary) throw badRequest(`Chưa có mức lương cơ sở áp dụng vào ngày ${dmy(date)}; hãy bổ sung trong danh mục.`);
    const who = await issuerOn(t, date);
    let numberSeq: number | null = null;
    let number: string;
    if (d.issuer === 'external') number = clean(input.number, 100, 'Số quyết định') ?? d.number!;
    else {
      const typed = input.number?.trim();
      const year = Number(date.slice(0, 4));
      if (typed) {
        if (!/^\d{1,6}$/.test(typed) || Number(typed) < 1) throw badRequest(`Số quyết định "${typed.slice(0, 20)}" không hợp lệ; ghi số thứ tự trong sổ, ví dụ 15.`);
        numberSeq = Number(typed);
        if (await decisionRepo.numberTaken(t, year, numberSeq, id)) throw conflict(`Số ${typed}/QĐ năm ${year} đã được dùng cho một quyết định khác.`);
      } else numberSeq = await decisionRepo.nextNumberSeq(t, year);
      number = `${String(numberSeq).padStart(2, '0')}/${DOCUMENT_TYPES.QD.symbol}-${who.issuer.short}`;
    }
    let signer: { personId: number; title: string } | null = null;
    let content: DecreeDocument | null = null;
    let docx: Buffer | null = null;
    const built = await buildFacts(t, { ...d, decisionDate: date }, { date, number: numberSeq !== null ? String(numberSeq).padStart(2, '0') : null, signerUserId: actor.id, draft: false });
    if (d.issuer === 'department') {
      const s = directorSigner(who, actor.id);
      if (!s) throw conflict(`Chưa có Giám đốc hoặc Phó Giám đốc ${who.department.name} vào ngày ${dmy(date)} để ký quyết định.`);
      signer = { personId: s.personId, title: s.title };
      content = built.model;
      docx = await renderDocx(content);
    }
    for (const l of built.lines) {
      const recordId = await decisionRepo.insertRecordForLine(t, {
        personId: l.personId, unitId: l.unitId, awardCode: l.awardCode, year: l.year, decisionNumber: number, decisionDate: date, authority: d.issuer === 'external' ? d.authority : `Giám đốc ${who.department.name}`,
        decisionId: id, nominationId: l.nominationId, createdBy: actor.id,
      });
      await decisionRepo.setLineMoney(t, l.id, l.multiple, l.amount, recordId);
      if (l.nominationId !== null) {
        await decisionRepo.markDecided(t, l.nominationId);
        await audit(t, by, {
          action: NOMINATION_TRANSITIONS.decide.audit, entityType: 'award_nomination', entityId: l.nominationId,
          before: { status: 'approved' }, after: { status: 'decided', decisionId: id, number, recordId, amount: l.amount },
        });
      }
    }
    await decisionRepo.issue(t, id, {
      year: Number(date.slice(0, 4)), numberSeq, number, decisionDate: date, subject: d.subject, authority: d.issuer === 'external' ? d.authority : `Giám đốc ${who.department.name}`,
      signerPersonId: signer?.personId ?? null, signerTitle: signer?.title ?? null, baseSalaryId: salary.id, issuedBy: actor.id, content, docx,
    });
    const total = built.lines.reduce((s, l) => s + (l.amount ?? 0), 0);
    await audit(t, by, {
      action: d.issuer === 'external' ? 'award_decision.record' : 'award_decision.issue', entityType: 'award_decision', entityId: id, before: { status: d.status },
      after: { status: 'issued', number, date, lines: built.lines.length, total, baseSalary: salary.amount, signer: signer?.personId ?? null },
    });
    for (const unitId of await decisionRepo.unitsOfLines(t, id, date)) {
      await notify(t, {
        orgUnitId: unitId, kind: 'award.decision', title: `Quyết định khen thưởng số ${number}`,
        body: `${d.subject} (ngày ${dmy(date)}).`, link: `/awards/decisions/${id}`, dedupeKey: `award-decision:${id}:${unitId}`,
      });
    }
  });
}

// ───────────── reads ─────────────

export type DecisionView = {
  decision: DecisionRow;
  lines: Built['lines'];
  bases: LegalBasis[];
  totals: { people: number; units: number; amount: number };
  baseSalary: { amount: number; validFrom: string } | null;
  conference: { id: number; title: string; period: string } | null;
  abilities: Record<DecisionAction, boolean>;
  /** For a draft: the bases cited that are not in force on its planned date (it cannot be issued on that date). */
  problems: string[];
};

export async function decisionView(db: Db, actor: Actor, id: number, today: string): Promise<DecisionView> {
  const d = await loadDecision(db, actor, id, 'view');
  const catalog = await loadCatalog(db);
  const date = d.decisionDate ?? today;
  const built = await buildFacts(db, d, { date, number: null, signerUserId: null, draft: d.status !== 'issued' });
  const lines = built.lines;
  // An issued decision's money is what was computed on its date and stored with its lines.
  if (d.status === 'issued') {
    const stored = await decisionRepo.lines(db, [id]);
    for (const l of lines) {
      const s = stored.find((x) => x.id === l.id);
      if (s) Object.assign(l, { multiple: s.multiple, amount: s.amount, recordId: s.recordId });
    }
  }
  const salary = d.baseSalaryId !== null ? catalog.salaries.find((s) => s.id === d.baseSalaryId) ?? null : baseSalaryOn(catalog.salaries, date);
  const problems = d.status === 'draft' ? basesOutOfForce(built.facts.bases, date).map((b) => `${b.shortName} ${b.number} không có hiệu lực vào ngày ${dmy(date)}.`) : [];
  if (d.status === 'draft' && !salary) problems.push(`Chưa có mức lương cơ sở áp dụng vào ngày ${dmy(date)}.`);
  return {
    decision: d,
    lines,
    bases: built.facts.bases,
    totals: {
      people: lines.filter((l) => l.personId !== null).length, units: lines.filter((l) => l.unitId !== null).length,
      amount: lines.reduce((s, l) => s + (l.amount ?? 0), 0),
    },
    baseSalary: salary ? { amount: salary.amount, validFrom: salary.validFrom } : null,
    conference: d.conferenceId !== null ? await decisionRepo.conferenceExists(db, d.conferenceId) : null,
    abilities: decisionAbilities(actor, { status: d.status, issuer: d.issuer }),
    problems,
  };
}

export async function listDecisions(
  db: Db, actor: Actor, q: { year?: number; awardYear?: number; status?: DecisionRow['status']; conference?: number; title?: string },
) {
  const wide = canDo(actor, 'awards.manage') || actor.role === 'director';
  const rows = await decisionRepo.list(db, {
    year: q.year, awardYear: q.awardYear, status: q.status, conferenceId: q.conference, awardCode: q.title?.trim().toUpperCase(), issuedOnly: !wide,
  });
  const lines = await decisionRepo.lines(db, rows.map((r) => r.id));
  return rows.map((d) => {
    const mine = lines.filter((l) => l.decisionId === d.id);
    return {
      ...d, codes: [...new Set(mine.map((l) => l.awardCode))], people: mine.filter((l) => l.personId !== null).length, units: mine.filter((l) => l.unitId !== null).length,
      amount: mine.reduce((s, l) => s + (l.amount ?? 0), 0), abilities: decisionAbilities(actor, { status: d.status, issuer: d.issuer }),
    };
  });
}

// ───────────── at the conference ─────────────

export type ConferenceAwards = {
  conferenceId: number;
  /** One group per title or form, in catalog order: who is handed what, under which decisions. */
  groups: {
    code: string; name: string; category: 'title' | 'form'; people: number; units: number;
    decisions: { id: number; number: string; date: string }[];
    recipients: { kind: 'person' | 'unit'; name: string; unit: string | null }[];
  }[];
  totals: { decisions: number; people: number; units: number };
  /** One line per group, as the conference record writes it: 'Trao Giấy khen của Giám đốc Sở cho 03 tập thể và 12 cá nhân (Quyết định số 15/QĐ-SKHCN).' */
  lines: string[];
};

/**
 * The awards to hand out at a conference's "khen thưởng" item: the issued decisions linked to it (by default the
 * annual conference of the award year), grouped by title or form, with their counts. The conference module and
 * the news article call it; every signed-in user may read it (issued decisions are public).
 */
export async function awardsForConference(db: Db, conferenceId: number): Promise<ConferenceAwards> {
  if (!(await decisionRepo.conferenceExists(db, conferenceId))) throw notFound('Không tìm thấy hội nghị.');
  const catalog = await loadCatalog(db);
  const decisions = await decisionRepo.list(db, { conferenceId, issuedOnly: true });
  const lines = await decisionRepo.lines(db, decisions.map((d) => d.id));
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const subjects = await decisionRepo.subjectsOn(db, lines.flatMap((l) => (l.personId ? [l.personId] : [])), lines.flatMap((l) => (l.unitId ? [l.unitId] : [])),
    decisions.reduce((m, d) => (d.decisionDate && d.decisionDate > m ? d.decisionDate : m), '2000-01-01'));
  const codes = [...new Set(lines.map((l) => l.awardCode))].sort((a, b) => catalog.types.findIndex((t) => t.code === a) - catalog.types.findIndex((t) => t.code === b));
  const groups = codes.map((code) => {
    const t = catalog.types.find((x) => x.code === code)!;
    const mine = lines.filter((l) => l.awardCode === code);
    const ds = [...new Set(mine.map((l) => l.decisionId))].map((id) => byId.get(id)!).sort((a, b) => (a.decisionDate ?? '').localeCompare(b.decisionDate ?? '') || a.id - b.id);
    const date = ds[0]?.decisionDate ?? `${mine[0].year}-12-31`;
    return {
      code, name: versionOn(t, date)?.name ?? t.name, category: t.category, people: mine.filter((l) => l.personId !== null).length, units: mine.filter((l) => l.unitId !== null).length,
      decisions: ds.map((d) => ({ id: d.id, number: d.number!, date: d.decisionDate! })),
      recipients: mine.map((l) => {
        const s = subjectOf(subjects, l);
        return { kind: l.personId !== null ? 'person' as const : 'unit' as const, name: s?.name ?? '', unit: l.personId !== null ? (s?.unit?.name ?? null) : (s?.unit?.parentName ?? null) };
      }),
    };
  });
  const count = (people: number, units: number) => [units ? `${String(units).padStart(2, '0')} tập thể` : '', people ? `${String(people).padStart(2, '0')} cá nhân` : ''].filter(Boolean).join(' và ');
  return {
    conferenceId,
    groups,
    totals: { decisions: decisions.length, people: groups.reduce((s, g) => s + g.people, 0), units: groups.reduce((s, g) => s + g.units, 0) },
    lines: groups.map((g) => `Trao ${g.category === 'title' ? `danh hiệu "${g.name}"` : g.name} cho ${count(g.people, g.units)} (Quyết định số ${g.decisions.map((d) => d.number).join(', ')}).`),
  };
}



// The conference record lists the awards handed out at a conference's "khen thưởng" item (issue: "the counts appear
// in the conference record"): the conferences module asks through this hook, set as soon as this module is loaded.
configureConferenceAwards(async (db, conferenceId) => (await awardsForConference(db, conferenceId)).lines);
