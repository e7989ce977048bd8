/**
 * Annual registration (đăng ký thi đua): at the start of the year a unit registers its collective target and its
 * individuals' targets. The office sees who registered; a nomination without registration is flagged or blocked
 * as the province's rule says (the 'registration' criterion rows, a setting).
 */
import { type Actor, mayPropose, nominationScope } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { awardsRepo, type RegistrationView } from './awards.repository.js';
import { loadCatalog } from './catalog.service.js';
import { visibleUnits } from './ratings.service.js';
import { thisYear, typeInBody } from './records.service.js';

export type RegistrationInput = {
  unit: string; year: number; collectiveTarget?: string | null; targets?: { person: number; title: string }[]; note?: string | null; version?: number;
};

/** Registers (or changes the registration of) a unit for a year; refused for another unit's account (404). */
export async function saveRegistration(db: Db, actor: Actor, by: AuditActor, input: RegistrationInput, today: string): Promise<number> {
  if (nominationScope(actor) === 'none') throw forbidden();
  const unit = await awardsRepo.unitByCode(db, input.unit.trim());
  if (!unit || !mayPropose(actor, unit.id)) throw notFound(`Không tìm thấy đơn vị mã "${input.unit.trim()}".`);
  if (input.year > thisYear(today) + 1 || input.year < 2000) throw badRequest(`Chỉ đăng ký thi đua cho năm ${thisYear(today)} hoặc năm ${thisYear(today) + 1}.`);
  if (unit.validTo !== null && unit.validTo < `${input.year}-01-01`) throw badRequest(`Đơn vị "${unit.name}" đã thôi hoạt động từ trước năm ${input.year}.`);
  const catalog = await loadCatalog(db);
  let collectiveTarget: string | null = null;
  if (input.collectiveTarget) {
    const t = typeInBody(catalog, input.collectiveTarget);
    if (t.subject === 'individual') throw badRequest(`"${t.name}" là danh hiệu cá nhân, không phải mục tiêu của tập thể.`);
    collectiveTarget = t.code;
  }
  const targets: { personId: number; awardCode: string }[] = [];
  const seen = new Set<string>();
  const list = input.targets ?? [];
  if (list.length > 2000) throw badRequest('Tối đa 2.000 đăng ký cá nhân trong một lần.');
  const people = await awardsRepo.peopleWithHome(db, [...new Set(list.map((x) => x.person))], today);
  for (const [i, x] of list.entries()) {
    const t = typeInBody(catalog, x.title);
    if (t.subject === 'collective') throw badRequest(`Dòng ${i + 1}: "${t.name}" là danh hiệu tập thể, không đăng ký cho cá nhân.`);
    const p = people.get(x.person);
    if (!p) throw badRequest(`Dòng ${i + 1}: không có cán bộ mã ${x.person}.`);
    if (p.unitId !== unit.id) throw badRequest(`Dòng ${i + 1}: cán bộ "${p.fullName}" không công tác tại "${unit.name}".`);
    const key = `${x.person}|${t.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push({ personId: x.person, awardCode: t.code });
  }
  const note = (input.note ?? '').normalize('NFC').trim() || null;
  if (note && note.length > 2000) throw badRequest('Ghi chú dài quá 2.000 ký tự.');
  return db.tx(async (t) => {
    const cur = await awardsRepo.registration(t, unit.id, input.year, true);
    if (cur && input.version !== undefined && input.version !== cur.version)
      throw conflict(`Đăng ký thi đua năm ${input.year} của "${unit.name}" vừa được người khác sửa (phiên bản ${cur.version}); hãy tải lại, nội dung bạn nhập vẫn còn trên màn hình.`, {
        currentVersion: cur.version,
      });
    const id = await awardsRepo.saveRegistration(t, { unitId: unit.id, year: input.year, collectiveTarget, note, by: actor.id }, targets, cur?.id ?? null);
    await audit(t, by, {
      action: cur ? 'award_registration.update' : 'award_registration.create', entityType: 'award_registration', entityId: id, orgUnitId: unit.id,
      before: cur ? { collectiveTarget: cur.collectiveTarget, targets: cur.targets.map((x) => [x.personId, x.awardCode]), note: cur.note } : null,
      after: { year: input.year, collectiveTarget, targets: targets.map((x) => [x.personId, x.awardCode]), note },
    });
    return id;
  });
}

/** Registrations the actor sees: the office and the director every unit's, a unit its own. */
export async function listRegistrations(db: Db, actor: Actor, q: { year?: number; unit?: string }): Promise<RegistrationView[]> {
  let unitIds = visibleUnits(actor);
  if (q.unit !== undefined) {
    const u = await awardsRepo.unitByCode(db, q.unit.trim());
    if (!u || (unitIds !== null && !unitIds.includes(u.id))) return [];
    unitIds = [u.id];
  }
  return awardsRepo.registrations(db, { unitIds, year: q.year });
}

/** One registration by id (after saving it). */
export async function registrationById(db: Db, id: number): Promise<RegistrationView> {
  const r = (await awardsRepo.registrations(db, { unitIds: null, ids: [id] }))[0];
  if (!r) throw notFound('Không tìm thấy đăng ký thi đua.');
  return r;
}
