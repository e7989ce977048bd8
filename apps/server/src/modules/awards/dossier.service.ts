/**
 * The dossier documents of nominations, filled from what Nhịp knows (dossier.content.ts writes them):
 * - a nomination's Báo cáo thành tích, for whoever may see the nomination;
 * - the Tờ trình of a title and year, for the office and the directorate: the nominations the council passed (or the
 *   office approved), addressed to the authority that awards the title on the date (award_authorities).
 */
import { type Actor, canDo, RATINGS } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { positionWithUnit } from '../conferences/documents.data.js';
import { type DecreeDocument, type Issuer, signerTitle, upperVi } from '../documents/kit/model.js';
import { issuerShort } from '../reports/summary-report.service.js';
import { awardsRepo } from './awards.repository.js';
import { loadCatalog, typeOf } from './catalog.service.js';
import { councilRepo } from './council.repository.js';
import { meetingDate } from './council.service.js';
import { councilIssuer, directorSigner, issuerOn } from './decision.issuer.js';
import { decisionRepo, type SubjectOnDate } from './decision.repository.js';
import { authorityFor, defaultBases } from './decision.rules.js';
import { achievementReportDocument, type ProposalEntry, proposalDocument } from './dossier.content.js';
import { dossierRepo } from './dossier.repository.js';
import { nominationDetail } from './nominations.service.js';
import { versionOn, yearEnd } from './rules/engine.js';

export type BuiltDossier = { model: DecreeDocument; fileName: (ext: string) => string };

const safeName = (s: string) => s.replace(/[\\/]/g, '-');

/** A person's unit as the issuer of their report: the unit under its parent. */
function unitIssuer(s: SubjectOnDate | null, fallback: Issuer): Issuer {
  const u = s?.unit;
  if (!u) return fallback;
  // 'Phòng Bưu chính – Viễn thông' → PBCVT: a dash between words is not a word of the symbol.
  return { parentBody: upperVi(u.parentName ?? fallback.parentBody), name: upperVi(u.name), short: issuerShort(u.name.replace(/\s[–—-]\s/gu, ' ')) };
}

/** The evidence a nomination's stored checks give, short, for the Tờ trình's table. */
export function evidenceOf(checks: { kind: string; passed: boolean; evidence: string; severity: string }[]): string {
  const useful = checks.filter((c) => c.passed && c.severity === 'block' && ['prerequisite_title', 'initiative', 'performance_rating', 'member_ratio', 'cluster_rank', 'service_years'].includes(c.kind));
  const text = useful.map((c) => c.evidence.replace(/\.$/, '')).join('; ');
  return text.length > 400 ? `${text.slice(0, 399)}…` : text || 'Đạt các tiêu chuẩn theo quy định';
}

export async function achievementReport(db: Db, actor: Actor, nominationId: number, today: string): Promise<BuiltDossier> {
  const n = await nominationDetail(db, actor, nominationId, today);
  const catalog = await loadCatalog(db);
  const type = typeOf(catalog, n.awardCode);
  const date = today < yearEnd(n.year) ? today : yearEnd(n.year);
  const version = versionOn(type, yearEnd(n.year)) ?? versionOn(type, today);
  const who = await issuerOn(db, today);
  const subjects = await decisionRepo.subjectsOn(db, n.personId !== null ? [n.personId] : [], n.unitId !== null ? [n.unitId] : [], date);
  const s = n.personId !== null ? subjects.people.get(n.personId) ?? null : subjects.units.get(n.unitId!) ?? null;
  const w = n.personId !== null ? { personId: n.personId } : { unitId: n.unitId! };
  const [ratings, history, initiatives] = await Promise.all([
    dossierRepo.ratings(db, w, n.year - 4, n.year), dossierRepo.history(db, w), n.personId !== null ? dossierRepo.initiatives(db, n.personId) : Promise.resolve([]),
  ]);
  const headUnit = n.personId !== null ? s?.unit?.id ?? null : n.unitId;
  const head = headUnit !== null ? await dossierRepo.unitHead(db, headUnit, date) : null;
  const identity: { label: string; value: string }[] = [];
  let memberTitles: string[] = [];
  if (n.personId !== null) {
    identity.push(
      { label: 'Họ và tên', value: s?.name ?? '' },
      { label: 'Giới tính', value: s?.gender === 'female' ? 'Nữ' : s?.gender === 'male' ? 'Nam' : '' },
      { label: 'Ngày sinh', value: s?.birthDate ? s.birthDate.split('-').reverse().join('/') : '' },
      { label: 'Chức vụ, đơn vị công tác', value: positionWithUnit(s?.position ?? '', s?.unit?.name ?? null) },
      { label: 'Thời gian công tác', value: s?.serviceStart ? `từ ${s.serviceStart.split('-').reverse().join('/')}` : '' },
    );
  } else {
    const m = await dossierRepo.memberTitles(db, n.unitId!, n.year);
    const preds = await dossierRepo.predecessors(db, n.unitId!);
    identity.push(
      { label: 'Tên tập thể', value: s?.name ?? '' },
      { label: 'Cơ quan quản lý', value: s?.unit?.parentName ?? '' },
      { label: 'Số cán bộ', value: `${m.members} người (ngày 31/12/${n.year})` },
      ...(preds.length ? [{ label: 'Hình thành từ', value: preds.map((p) => p.name).join('; ') }] : []),
    );
    memberTitles = m.titles.map((t) => `${t.name}: ${t.n}/${m.members} cá nhân`);
  }
  const model = achievementReportDocument({
    issuer: unitIssuer(s, who.issuer), place: who.place, date: today, kind: n.personId !== null ? 'person' : 'unit', awardName: version?.name ?? type.name,
    category: type.category, year: n.year, identity: identity.filter((x) => x.value), achievements: n.achievements, ratings: ratings.filter((r) => RATINGS.includes(r.rating)),
    initiatives: initiatives.map((i) => ({ title: i.title, year: i.year, scope: i.scope, recognisedBy: i.recognised_by, decisionNumber: i.decision_number })),
    memberTitles,
    history: history.map((h) => ({
      year: h.year, name: `${h.awardName}${h.via ? ` (của ${h.via})` : ''}`, category: h.category,
      decision: [h.decisionNumber, h.decisionDate ? h.decisionDate.split('-').reverse().join('/') : null].filter(Boolean).join(', '), authority: h.authority ?? '',
    })),
    reporter: n.personId !== null ? (s?.name ?? '') : (head?.fullName ?? ''),
    head: n.personId !== null
      ? { title: 'XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ', name: head?.fullName ?? '' }
      : { title: `XÁC NHẬN CỦA ${upperVi(s?.unit?.parentName ?? who.department.name)}`, name: '' },
  });
  const subjectName = s?.name ?? `đề nghị ${nominationId}`;
  return { model, fileName: (ext) => safeName(`Báo cáo thành tích ${subjectName} – ${version?.name ?? type.name} năm ${n.year}.${ext}`) };
}

/** The Tờ trình of a title and year: the nominations passed or approved, to the authority that awards it on the date. */
export async function proposal(db: Db, actor: Actor, q: { title: string; year: number; date?: string }, today: string): Promise<BuiltDossier> {
  if (!canDo(actor, 'awards.manage') && actor.role !== 'director') throw forbidden('Tờ trình khen thưởng do Văn phòng Sở lập.');
  const catalog = await loadCatalog(db);
  const type = typeOf(catalog, q.title);
  const date = q.date ?? today;
  const version = versionOn(type, date) ?? versionOn(type, yearEnd(q.year));
  if (!version) throw notFound(`Không có quy định về "${type.name}" có hiệu lực vào ngày ${date.split('-').reverse().join('/')}.`);
  const who = await issuerOn(db, date);
  const authority = authorityFor(catalog.authorities, type.code, null, date);
  const ids = (await dossierRepo.nominationsOf(db, type.code, q.year)).map((r) => r.id);
  const noms = (await Promise.all(ids.map((id) => awardsRepo.nomination(db, id)))).filter((x) => x !== null);
  const subjects = await decisionRepo.subjectsOn(db, noms.flatMap((n) => (n.personId ? [n.personId] : [])), noms.flatMap((n) => (n.unitId ? [n.unitId] : [])), date);
  const ballots = await councilRepo.closedBallotsOf(db, noms.map((n) => n.id));
  const entries: ProposalEntry[] = noms.map((n) => {
    const s = n.personId !== null ? subjects.people.get(n.personId) : subjects.units.get(n.unitId!);
    const b = ballots.get(n.id);
    return {
      kind: n.personId !== null ? 'person' : 'unit',
      name: s?.name ?? '',
      detail: n.personId !== null ? positionWithUnit(s?.position ?? '', s?.unit?.name ?? null) : (s?.unit?.parentName ?? ''),
      evidence: evidenceOf(n.eligibility.checks ?? []),
      votes: b ? `${b.votesFor}/${b.membersTotal}` : null,
    };
  });
  const meetingIds = [...new Set([...ballots.values()].map((b) => b.meetingId))];
  const meeting = meetingIds.length ? await councilRepo.meeting(db, Math.max(...meetingIds)) : null;
  const departmentLevel = !authority || authority.level === 'department';
  const council = departmentLevel ? await dossierRepo.councilOn(db, date) : null;
  const recipient = departmentLevel
    ? `Giám đốc ${who.department.name}`
    : `${authority!.authority}${/tỉnh$/u.test(authority!.authority) && who.provinceName ? ` ${who.provinceName.replace(/^tỉnh\s+/u, '')}` : ''}`;
  const signer = departmentLevel && council
    ? { title: signerTitle({ authority: 'TM', of: 'Hội đồng', position: 'Chủ tịch' }), name: council.chair ?? '' }
    : (directorSigner(who, actor.id) ?? { title: 'GIÁM ĐỐC', name: '' });
  const model = proposalDocument({
    issuer: departmentLevel && council ? councilIssuer(who) : who.issuer, place: who.place, date, number: null, recipient,
    submitter: departmentLevel && council ? `Hội đồng thi đua – khen thưởng ${who.department.name}` : who.department.name,
    awardName: version.name, category: type.category, year: q.year, bases: defaultBases(catalog, [type.code], date),
    meeting: meeting ? { date: meetingDate(meeting), number: meeting.minutesSeq !== null ? `${String(meeting.minutesSeq).padStart(2, '0')}/BB-HĐTĐKT` : null } : null,
    entries, signer: { title: signer.title, name: signer.name },
  });
  return { model, fileName: (ext) => safeName(`Tờ trình đề nghị tặng ${version.name} năm ${q.year}.${ext}`) };
}
