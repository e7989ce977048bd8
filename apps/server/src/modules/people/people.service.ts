/**
 * People directory use cases: the staff of every unit, with dated memberships so a move keeps its history.
 *
 * Other modules (conferences, awards) call personById, peopleByIds, peopleOfUnit and currentMembership;
 * they answer with every field and leave the policy to the caller.
 */
import { type Actor, formatDate, UNIT_ROLES } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { getUnit } from '../org/org.service.js';
import {
  activeOn, addDays, birthDateProblem, cleanName, compareStaff, comparePersonNames, type EndReason, emailProblem, type Gender, type Membership,
  type Person, phoneProblem, planChange, changeProblem, positionRank, showSpan, shownMembership, type UnitRef,
} from './people-rules.js';
import { mayLinkAccount, mayManagePerson, mayManageUnit, maySeePersonal } from './people.policy.js';
import { type ListFilter, peopleRepo, type PersonWrite } from './people.repository.js';

export type { Membership, Person };
export type PeopleActor = Pick<Actor, 'id' | 'role' | 'orgUnitId'>;

// ───────────── for other modules ─────────────

/** One person, or null. */
export const personById = (db: Db, id: number): Promise<Person | null> => peopleRepo.byId(db, id);

/** The people among these ids that exist, in the order of the ids. */
export async function peopleByIds(db: Db, ids: number[]): Promise<Person[]> {
  const found = new Map((await peopleRepo.byIds(db, [...new Set(ids)])).map((p) => [p.id, p]));
  return [...new Set(ids)].flatMap((id) => found.get(id) ?? []);
}

export type UnitMember = Person & { position: string; membership: Membership };

/** The staff of a unit on a date, with their position: heads first, then deputies, then everyone else, each by name. */
export async function peopleOfUnit(db: Db, unitId: number, onDate: string): Promise<UnitMember[]> {
  const rows = await peopleRepo.unitMembers(db, unitId, onDate);
  return rows
    .map((r) => ({ ...r.person, position: r.membership.position, membership: r.membership }))
    .sort((a, b) => positionRank(a.position) - positionRank(b.position) || comparePersonNames(a.fullName, b.fullName) || a.id - b.id);
}

/** Where and as what the person works on the date (the unit in force too), or null. */
export const currentMembership = (db: Db, personId: number, onDate: string): Promise<Membership | null> => peopleRepo.membershipOn(db, personId, onDate);

// ───────────── reads ─────────────

export type PersonView = {
  person: Person;
  /** The membership shown: the one on the date asked for, or for former staff their last one. */
  shown: Membership | null;
  /** Does `shown` hold on the date asked for? */
  current: boolean;
  /** May the caller see phone, e-mail, birth date and note? */
  personal: boolean;
  /** May the caller edit, move and end this person's memberships? */
  manage: boolean;
};

export type ListQuery = { q?: string; unitId?: number; asOf?: string; includeFormer?: boolean; page: number; pageSize: number };

/** The folded words of a search, as the database folds them (diacritics off, đ → d, lower case). */
const searchWords = (q: string | undefined) =>
  (q ?? '')
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);

/** A page of people, staff-list order (kind of unit, unit, heads first, names), with the total. */
export async function listPeople(db: Db, actor: PeopleActor, query: ListQuery, today: string): Promise<{ total: number; items: PersonView[] }> {
  const asOf = query.asOf ?? today;
  const filter: ListFilter = {
    words: searchWords(query.q), unitId: query.unitId ?? null, asOf, includeFormer: query.includeFormer ?? false, homeUnitIds: null, today,
  };
  const rows = await peopleRepo.list(db, filter);
  const views = rows.map((r) => view(actor, r.person, r.shown, r.homeUnitId, asOf));
  views.sort((a, b) =>
    compareStaff(
      { fullName: a.person.fullName, id: a.person.id, unit: a.current ? a.shown!.unit : null, position: a.shown?.position ?? null },
      { fullName: b.person.fullName, id: b.person.id, unit: b.current ? b.shown!.unit : null, position: b.shown?.position ?? null },
    ),
  );
  const start = (query.page - 1) * query.pageSize;
  return { total: views.length, items: views.slice(start, start + query.pageSize) };
}

function view(actor: PeopleActor, person: Person, shown: Membership | null, homeUnitId: number | null, asOf: string): PersonView {
  const subject = { homeUnitId, userId: person.userId };
  return {
    person, shown, current: shown !== null && activeOn(shown, asOf),
    personal: maySeePersonal(actor, subject), manage: mayManagePerson(actor, subject),
  };
}

export type PersonDetail = PersonView & { memberships: Membership[] };

/** One person with their whole membership history (newest first); 404 when there is none. */
export async function personDetail(db: Db, actor: PeopleActor, id: number, today: string): Promise<PersonDetail> {
  const person = await peopleRepo.byId(db, id);
  if (!person) throw notFound('Không tìm thấy cán bộ.');
  const memberships = await peopleRepo.memberships(db, [id]);
  const home = shownMembership(memberships, today);
  return { ...view(actor, person, home, home?.unit.id ?? null, today), memberships: [...memberships].reverse() };
}

// ───────────── writes ─────────────

export type PersonFields = {
  fullName: string;
  gender?: Gender | null;
  birthDate?: string | null;
  phone?: string | null;
  email?: string | null;
  userId?: number | null;
  /** The account by username instead of userId ("" or null: none). */
  username?: string | null;
  note?: string | null;
};

export type CreateInput = PersonFields & { unit: string; position?: string; validFrom?: string };

const optionalText = (s: string | null | undefined) => {
  const t = s == null ? '' : s.normalize('NFC').trim();
  return t === '' ? null : t;
};

/** Checks and cleans the personal fields; throws a 400 naming the first problem. */
export function cleanPerson(input: PersonFields, today: string): PersonWrite {
  const fullName = cleanName(input.fullName);
  if (!fullName) throw badRequest('Họ và tên không được để trống.');
  const phone = optionalText(input.phone);
  const email = optionalText(input.email)?.toLowerCase() ?? null;
  const birthDate = input.birthDate ?? null;
  const problem = (phone && phoneProblem(phone)) || (email && emailProblem(email)) || (birthDate && birthDateProblem(birthDate, today));
  if (problem) throw badRequest(problem);
  return { fullName, gender: input.gender ?? null, birthDate, phone, email, userId: input.userId ?? null, note: optionalText(input.note) };
}

/** The unit with this code, as a membership names it; 400 when there is none. */
export async function unitByCode(db: Db, code: string): Promise<UnitRef> {
  const unit = await peopleRepo.unitByCode(db, code.trim());
  if (!unit) throw badRequest(`Không có đơn vị mã "${code.trim()}".`);
  return unit;
}

export const unitNotInForce = (unit: UnitRef, date: string) =>
  `Đơn vị "${unit.name}" không có hiệu lực vào ngày ${formatDate(date)} (hiệu lực ${showSpan(unit)}).`;

/** A unit role names a unit: only their own, refused before looking it up, so other units' codes are not probed. */
async function ownUnitOnly(db: Db, actor: PeopleActor, code: string, message: string): Promise<void> {
  if (!UNIT_ROLES.includes(actor.role)) return;
  const own = actor.orgUnitId === null ? null : await getUnit(db, actor.orgUnitId);
  if (!own || own.code !== code.trim()) throw forbidden(message);
}

/** userId from `username` when the caller named the account that way (400 when there is no such account). */
async function resolveUsername<T extends { userId?: number | null; username?: string | null }>(db: Db, input: T): Promise<T> {
  if (input.username === undefined) return input;
  const name = (input.username ?? '').trim();
  const account = name ? (await peopleRepo.accountsByUsername(db, [name])).get(name.toLowerCase()) : null;
  if (name && !account) throw badRequest(`Không có tài khoản đăng nhập "${name}".`);
  const userId = account?.id ?? null;
  if (input.userId !== undefined && input.userId !== userId) throw badRequest('userId và username chỉ đến hai tài khoản khác nhau; hãy gửi một trong hai.');
  return { ...input, userId };
}

/** The account to link: it must exist, be free, and belong to a unit the actor may link. */
async function checkAccount(db: Db, actor: PeopleActor, userId: number | null, selfId: number | null): Promise<void> {
  if (userId === null) return;
  const account = await peopleRepo.account(db, userId);
  if (!account) throw badRequest(`Tài khoản (id ${userId}) không tồn tại.`);
  if (!mayLinkAccount(actor, account.org_unit_id)) throw forbidden(`Bạn chỉ được gắn cán bộ với tài khoản thuộc đơn vị của mình.`);
  const holder = await peopleRepo.byUserId(db, userId);
  if (holder && holder.id !== selfId) throw conflict(`Tài khoản "${account.username}" đã được gắn với cán bộ "${holder.fullName}".`);
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/** The person as the audit log keeps them. */
const snapshot = (p: PersonWrite) => ({ ...p });
const membershipSnap = (m: { unit: { id: number; code: string }; position: string; validFrom: string; validTo: string | null }) => ({
  unitId: m.unit.id, unitCode: m.unit.code, position: m.position, validFrom: m.validFrom, validTo: m.validTo,
});

const NOT_MANAGED_UNIT = 'Bạn chỉ được thêm cán bộ vào đơn vị của mình.';

export async function createPerson(db: Db, actor: PeopleActor, by: AuditActor, given: CreateInput, today: string): Promise<number> {
  const input = await resolveUsername(db, given);
  const w = cleanPerson(input, today);
  const position = cleanName(input.position ?? '');
  const validFrom = input.validFrom ?? today;
  await ownUnitOnly(db, actor, input.unit, NOT_MANAGED_UNIT);
  try {
    return await db.tx(async (t) => {
      const unit = await unitByCode(t, input.unit);
      if (!mayManageUnit(actor, unit.id)) throw forbidden(NOT_MANAGED_UNIT);
      if (!activeOn({ validFrom, validTo: null, unit }, validFrom)) throw badRequest(unitNotInForce(unit, validFrom));
      await checkAccount(t, actor, w.userId, null);
      const id = await peopleRepo.insert(t, w);
      // A membership cannot outlast its unit: it ends when the unit closes, unless the person moves before.
      const m = { personId: id, unitId: unit.id, position, validFrom, validTo: unit.validTo };
      await peopleRepo.insertMembership(t, m);
      await audit(t, by, {
        action: 'person.create', entityType: 'person', entityId: id, orgUnitId: unit.id,
        after: { ...snapshot(w), membership: membershipSnap({ unit, position, validFrom, validTo: unit.validTo }) },
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('Tài khoản này đã được gắn với một cán bộ khác.');
    throw e;
  }
}

/** Locks and loads a person the actor manages; 404 when there is none or it is another unit's (for unit roles). */
async function loadManaged(t: Db, actor: PeopleActor, id: number, today: string) {
  if (!(await peopleRepo.lock(t, id))) throw notFound('Không tìm thấy cán bộ.');
  const person = (await peopleRepo.byId(t, id))!;
  const memberships = await peopleRepo.memberships(t, [id]);
  const home = shownMembership(memberships, today);
  if (!mayManagePerson(actor, { homeUnitId: home?.unit.id ?? null, userId: person.userId })) throw notFound('Không tìm thấy cán bộ.');
  return { person, memberships, home };
}

const writeOf = (p: Person): PersonWrite => ({
  fullName: p.fullName, gender: p.gender, birthDate: p.birthDate, phone: p.phone, email: p.email, userId: p.userId, note: p.note,
});

export type PatchInput = Partial<PersonFields> & { position?: string };

/** Changes personal fields, and the position held in the current membership. */
export async function updatePerson(db: Db, actor: PeopleActor, by: AuditActor, id: number, given: PatchInput, today: string): Promise<void> {
  const patch = await resolveUsername(db, given);
  try {
    await db.tx(async (t) => {
      const { person, memberships, home } = await loadManaged(t, actor, id, today);
      const before = writeOf(person);
      const pick = <K extends keyof PersonFields>(k: K) => (patch[k] !== undefined ? patch[k] : before[k as keyof PersonWrite]) as PersonFields[K];
      const w = cleanPerson(
        { fullName: patch.fullName ?? before.fullName, gender: pick('gender'), birthDate: pick('birthDate'), phone: pick('phone'), email: pick('email'),
          userId: pick('userId'), note: pick('note') },
        today,
      );
      if (w.userId !== before.userId) await checkAccount(t, actor, w.userId, id);
      const changed = JSON.stringify(w) !== JSON.stringify(before);
      let position: { before: string; after: string; membershipId: number } | null = null;
      if (patch.position !== undefined) {
        const next = cleanName(patch.position);
        // The position of the membership that holds today, or of the open one (someone whose start is still to come).
        const cur = memberships.find((m) => activeOn(m, today)) ?? memberships.find((m) => m.validTo === null) ?? null;
        if (!cur) throw badRequest('Cán bộ hiện không công tác tại đơn vị nào nên không sửa được chức vụ. Hãy dùng "Chuyển công tác" để ghi quá trình mới.');
        if (cur.position !== next) position = { before: cur.position, after: next, membershipId: cur.id };
      }
      if (!changed && !position) return;
      if (changed) await peopleRepo.update(t, id, w);
      else await peopleRepo.touch(t, id);
      if (position) await peopleRepo.setPosition(t, position.membershipId, position.after);
      await audit(t, by, {
        action: 'person.update', entityType: 'person', entityId: id, orgUnitId: home?.unit.id ?? null,
        before: { ...snapshot(before), ...(position ? { position: position.before } : {}) },
        after: { ...snapshot(w), ...(position ? { position: position.after } : {}) },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('Tài khoản này đã được gắn với một cán bộ khác.');
    throw e;
  }
}

const NOT_MANAGED_MOVE = 'Bạn chỉ được ghi thay đổi chức vụ trong đơn vị của mình; việc điều động cán bộ sang đơn vị khác do Văn phòng Sở thực hiện.';

export type MoveInput = { unit: string; position: string; date: string };

/**
 * Moves a person to a unit (or to another position in the same unit) from `date`: the membership that holds
 * the day before ends then, a new one begins. Someone who had left rejoins. History is kept.
 */
export async function movePerson(db: Db, actor: PeopleActor, by: AuditActor, id: number, input: MoveInput, today: string): Promise<void> {
  const position = cleanName(input.position);
  await db.tx(async (t) => {
    const { memberships, home } = await loadManaged(t, actor, id, today);
    await ownUnitOnly(t, actor, input.unit, NOT_MANAGED_MOVE);
    const unit = await unitByCode(t, input.unit);
    if (!mayManageUnit(actor, unit.id)) throw forbidden(NOT_MANAGED_MOVE);
    await applyMove(t, by, id, memberships, unit, position, input.date, home?.unit.id ?? null);
  });
}

/** The move itself, shared with the CSV import: checks dates and overlaps, closes, opens, audits. */
export async function applyMove(
  t: Db, by: AuditActor, personId: number, memberships: Membership[], unit: UnitRef, position: string, date: string, homeUnitId: number | null,
): Promise<void> {
  if (!activeOn({ validFrom: date, validTo: null, unit }, date)) throw badRequest(unitNotInForce(unit, date));
  const plan = planChange(memberships.map((m) => ({ ...m, unitName: m.unit.name })), date);
  if (!('close' in plan)) throw badRequest(changeProblem(plan, 'Ngày chuyển', date));
  const close = plan.close ? memberships.find((m) => m.id === plan.close!.id)! : null;
  if (close && close.unit.id === unit.id && close.position === position)
    throw badRequest(`Cán bộ đã giữ chức vụ "${position || '(không ghi)'}" tại "${unit.name}"; không có gì thay đổi.`);
  if (close) await peopleRepo.endMembership(t, close.id, addDays(date, -1), 'moved');
  await peopleRepo.insertMembership(t, { personId, unitId: unit.id, position, validFrom: date, validTo: unit.validTo });
  await peopleRepo.touch(t, personId);
  await audit(t, by, {
    action: 'person.move', entityType: 'person', entityId: personId, orgUnitId: unit.id,
    before: close ? { ...membershipSnap(close), homeUnitId } : null,
    after: { closed: close ? { ...membershipSnap(close), validTo: addDays(date, -1) } : null, opened: membershipSnap({ unit, position, validFrom: date, validTo: unit.validTo }) },
  });
}

export type LeaveInput = { date: string; reason?: Exclude<EndReason, 'moved'> };

/** Ends the membership that holds the day before `date` (retired, left the sector…); `date` is the first day out of post. */
export async function leavePerson(db: Db, actor: PeopleActor, by: AuditActor, id: number, input: LeaveInput, today: string): Promise<void> {
  await db.tx(async (t) => {
    const { memberships } = await loadManaged(t, actor, id, today);
    const plan = planChange(memberships.map((m) => ({ ...m, unitName: m.unit.name })), input.date);
    if (!('close' in plan)) throw badRequest(changeProblem(plan, 'Ngày nghỉ', input.date));
    if (!plan.close) throw badRequest(`Cán bộ không còn công tác tại đơn vị nào vào ngày ${formatDate(addDays(input.date, -1))}; không có gì để kết thúc.`);
    const close = memberships.find((m) => m.id === plan.close!.id)!;
    const reason = input.reason ?? 'left';
    await peopleRepo.endMembership(t, close.id, addDays(input.date, -1), reason);
    await peopleRepo.touch(t, id);
    await audit(t, by, {
      action: 'person.leave', entityType: 'person', entityId: id, orgUnitId: close.unit.id,
      before: membershipSnap(close), after: { ...membershipSnap(close), validTo: addDays(input.date, -1), endReason: reason },
    });
  });
}

