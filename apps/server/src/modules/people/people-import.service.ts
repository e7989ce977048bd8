/**
 * CSV export and import of the people directory.
 *
 * Export: the staff in post today, one line per person with their current unit and position (people who
 * have left are not exported), in staff-list order. Admin and office export everyone; a unit's reporter and
 * head their own unit.
 *
 * Import, all or nothing (dryRun=true only checks). Each line is matched to a person by this rule:
 *  1. `id` filled in: that person (the export writes it, so an edited export updates the same people);
 *  2. else `username` filled in: the person linked to that sign-in account;
 *  3. else, and for a username not linked yet: the person of that full name (case aside, diacritics count)
 *     working today in the line's unit. Two such people: the line must give the id.
 *  No match: a new person, starting in the unit on `validFrom` (default today).
 * A matched person gets the line's values for the columns the file has (an empty cell clears the field; a
 * column left out keeps it). When `unitCode` names another unit than the one they work in today (or are
 * already recorded to move to), they MOVE there on `validFrom` (default today), as POST /api/people/{id}/move does. In the same unit, a new
 * `position` with a `validFrom` after the current membership began is recorded as a change from that
 * date (history kept); otherwise it corrects the current position.
 */
import { UNIT_ROLES } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { decodeCsv } from '../org/org-csv.js';
import { parseFlexibleDate } from '../org/org-rules.js';
import { getUnit } from '../org/org.service.js';
import { genderCell, type LineError, type PeopleRow, parseGender, parsePeopleCsv, peopleToCsv } from './people-csv.js';
import {
  activeOn, birthDateProblem, changeProblem, cleanName, compareStaff, emailProblem, type Membership, nameKey, type Person, phoneProblem,
  planChange, shownMembership, type UnitRef,
} from './people-rules.js';
import { manageableUnits, mayLinkAccount, mayManagePerson, mayManageUnit } from './people.policy.js';
import { peopleRepo, type PersonWrite } from './people.repository.js';
import { applyMove, type PeopleActor, unitNotInForce } from './people.service.js';

export type PeopleImportResult = { created: number; updated: number; moved: number; unchanged: number; errors: LineError[]; dryRun: boolean };

/** The staff in post today that the actor manages, as CSV (without BOM). */
export async function exportPeopleCsv(db: Db, actor: PeopleActor, today: string): Promise<string> {
  const homeUnitIds = manageableUnits(actor);
  if (homeUnitIds && homeUnitIds.length === 0) throw forbidden();
  const rows = await peopleRepo.list(db, { words: [], unitId: null, asOf: today, includeFormer: false, homeUnitIds, today });
  const staff = rows.filter((r): r is typeof r & { shown: Membership } => r.shown !== null && activeOn(r.shown, today));
  staff.sort((a, b) =>
    compareStaff(
      { fullName: a.person.fullName, id: a.person.id, unit: a.shown.unit, position: a.shown.position },
      { fullName: b.person.fullName, id: b.person.id, unit: b.shown.unit, position: b.shown.position },
    ),
  );
  return peopleToCsv(
    staff.map(({ person: p, shown: m }) => ({
      id: String(p.id), fullName: p.fullName, unitCode: m.unit.code, position: m.position, gender: genderCell(p.gender), birthDate: p.birthDate ?? '',
      phone: p.phone ?? '', email: p.email ?? '', username: p.username ?? '', validFrom: m.validFrom,
    })),
  );
}

type Existing = { person: Person; memberships: Membership[]; home: Membership | null; current: Membership | null };
type Account = { id: number; username: string; org_unit_id: number | null };

type MembershipChange =
  | { kind: 'position'; membership: Membership; position: string }
  | { kind: 'move'; unit: UnitRef; position: string; date: string };

type Planned =
  | { kind: 'create'; line: number; write: PersonWrite; unit: UnitRef; position: string; validFrom: string }
  | { kind: 'update'; line: number; existing: Existing; write: PersonWrite; fieldsChanged: boolean; change: MembershipChange | null };

type Context = {
  actor: PeopleActor;
  today: string;
  ownUnitCode: string | null;
  people: Existing[];
  byId: Map<number, Existing>;
  byUserId: Map<number, Existing>;
  units: Map<string, UnitRef>;
  accounts: Map<string, Account>;
};

const writeOf = (p: Person): PersonWrite => ({
  fullName: p.fullName, gender: p.gender, birthDate: p.birthDate, phone: p.phone, email: p.email, userId: p.userId, note: p.note,
});

const NOT_OWN_UNIT = 'Bạn chỉ được nhập cán bộ của đơn vị mình.';

/** An account the line links that is still linked to someone else (fine if that person's line releases it). */
type Taken = { holderId: number; username: string };

/** Plans one line; pushes its problems to `errs`, and to `taken` the account it takes from another person. */
function planRow(row: PeopleRow, ctx: Context, errs: string[], taken: Taken[]): Planned | null {
  const v = row.values;
  const has = (c: keyof typeof v) => v[c] !== undefined;
  const cell = (c: keyof typeof v) => v[c] ?? '';

  const fullName = cleanName(cell('fullName'));
  if (!fullName) errs.push('Cột "fullName" (họ và tên) không được để trống.');
  if (fullName.length > 200) errs.push('Họ và tên dài quá 200 ký tự.');
  const code = cell('unitCode');
  let unit: UnitRef | undefined;
  if (!code) errs.push('Cột "unitCode" (mã đơn vị) không được để trống.');
  else if (UNIT_ROLES.includes(ctx.actor.role) && code !== ctx.ownUnitCode) errs.push(NOT_OWN_UNIT);
  else {
    unit = ctx.units.get(code);
    if (!unit) errs.push(`Không có đơn vị mã "${code}".`);
    else if (!mayManageUnit(ctx.actor, unit.id)) errs.push(NOT_OWN_UNIT);
  }
  const position = cleanName(cell('position'));
  if (position.length > 200) errs.push('Chức vụ dài quá 200 ký tự.');

  const gender = has('gender') ? parseGender(cell('gender')) : undefined;
  if (has('gender') && gender === undefined) errs.push(`Giới tính "${cell('gender')}" không hợp lệ: ghi Nam hoặc Nữ (hoặc male, female), hoặc để trống.`);
  const date = (c: 'birthDate' | 'validFrom') => {
    if (!cell(c)) return null;
    const d = parseFlexibleDate(cell(c));
    if (!d) errs.push(`Cột "${c}": "${cell(c)}" không phải ngày hợp lệ (dạng YYYY-MM-DD hoặc dd/mm/yyyy).`);
    return d;
  };
  const birthDate = date('birthDate');
  const birthProblem = birthDate ? birthDateProblem(birthDate, ctx.today) : null;
  if (birthProblem) errs.push(birthProblem);
  const validFrom = date('validFrom');
  const phone = cell('phone') || null;
  const phoneBad = phone ? phoneProblem(phone) : null;
  if (phoneBad) errs.push(phoneBad);
  const email = cell('email').toLowerCase() || null;
  const emailBad = email ? emailProblem(email) : null;
  if (emailBad) errs.push(emailBad);

  let account: Account | null = null;
  if (cell('username')) {
    account = ctx.accounts.get(cell('username').toLowerCase()) ?? null;
    if (!account) errs.push(`Không có tài khoản đăng nhập "${cell('username')}".`);
    else if (!mayLinkAccount(ctx.actor, account.org_unit_id)) errs.push(`Tài khoản "${account.username}" không thuộc đơn vị của bạn nên không gắn được.`);
  }

  // Whom the line is about (see the rule at the top of this file).
  let match: Existing | null = null;
  const idCell = cell('id');
  if (idCell) {
    const id = /^\d{1,9}$/.test(idCell) ? Number(idCell) : NaN;
    const found = Number.isFinite(id) ? ctx.byId.get(id) : undefined;
    if (!found || !mayManagePerson(ctx.actor, { homeUnitId: found.home?.unit.id ?? null, userId: found.person.userId }))
      errs.push(`Không có cán bộ id "${idCell}"${UNIT_ROLES.includes(ctx.actor.role) ? ' trong đơn vị của bạn' : ''}.`);
    else match = found;
  } else if (account) {
    match = ctx.byUserId.get(account.id) ?? null;
    if (match && !mayManagePerson(ctx.actor, { homeUnitId: match.home?.unit.id ?? null, userId: match.person.userId })) {
      errs.push(`Tài khoản "${account.username}" đang gắn với một cán bộ của đơn vị khác.`);
      match = null;
    }
  }
  if (!match && !idCell && unit && fullName) {
    const key = nameKey(fullName);
    const same = ctx.people.filter(
      (p) => p.current?.unit.id === unit.id && nameKey(p.person.fullName) === key && (p.person.userId === null || p.person.userId === account?.id),
    );
    if (same.length > 1) errs.push(`Có ${same.length} cán bộ tên "${fullName}" đang công tác tại "${unit.name}"; hãy ghi cột id để chỉ rõ người nào.`);
    else match = same[0] ?? null;
  }
  if (errs.length || !unit) return null;

  if (!match) {
    const start = validFrom ?? ctx.today;
    if (!activeOn({ validFrom: start, validTo: null, unit }, start)) {
      errs.push(unitNotInForce(unit, start));
      return null;
    }
    return {
      kind: 'create', line: row.line, unit, position, validFrom: start,
      write: { fullName, gender: gender ?? null, birthDate, phone, email, userId: account?.id ?? null, note: null },
    };
  }

  const before = writeOf(match.person);
  const write: PersonWrite = {
    fullName,
    gender: has('gender') ? (gender ?? null) : before.gender,
    birthDate: has('birthDate') ? birthDate : before.birthDate,
    phone: has('phone') ? phone : before.phone,
    email: has('email') ? email : before.email,
    userId: has('username') ? (account?.id ?? null) : before.userId,
    note: before.note,
  };
  if (account && account.id !== match.person.userId) {
    const holder = ctx.byUserId.get(account.id);
    if (holder && holder.person.id !== match.person.id) taken.push({ holderId: holder.person.id, username: account.username });
  }
  // The membership in the line's unit that holds today, or one there still to come (a move already recorded).
  const cur = match.memberships.find((m) => m.unit.id === unit.id && (activeOn(m, ctx.today) || m.validFrom > ctx.today)) ?? null;
  let change: MembershipChange | null = null;
  if (!cur) {
    const date = validFrom ?? ctx.today;
    if (!activeOn({ validFrom: date, validTo: null, unit }, date)) errs.push(unitNotInForce(unit, date));
    else {
      const plan = planChange(match.memberships.map((m) => ({ ...m, unitName: m.unit.name })), date);
      if (!('close' in plan)) errs.push(changeProblem(plan, 'Ngày chuyển đến (cột validFrom)', date));
      else change = { kind: 'move', unit, position: has('position') ? position : '', date };
    }
  } else if (has('position') && position !== cur.position) {
    if (validFrom && validFrom > cur.validFrom) change = { kind: 'move', unit, position, date: validFrom };
    else change = { kind: 'position', membership: cur, position };
  }
  if (errs.length) return null;
  return { kind: 'update', line: row.line, existing: match, write, fieldsChanged: JSON.stringify(write) !== JSON.stringify(before), change };
}

/** Plans every line: the rows to write, and every problem by line. */
function plan(rows: PeopleRow[], ctx: Context): { planned: Planned[]; errors: LineError[] } {
  const errors: LineError[] = [];
  const planned: Planned[] = [];
  const seenPerson = new Map<string, number>();
  const seenAccount = new Map<number, number>();
  const holderChecks: (Taken & { line: number })[] = [];
  for (const row of rows) {
    const errs: string[] = [];
    const taken: Taken[] = [];
    const p = planRow(row, ctx, errs, taken);
    for (const message of errs) errors.push({ line: row.line, message });
    if (!p) continue;
    for (const t of taken) holderChecks.push({ ...t, line: row.line });
    const key = p.kind === 'create' ? `n:${nameKey(p.write.fullName)}|${p.unit.id}` : `p:${p.existing.person.id}`;
    const first = seenPerson.get(key);
    if (first !== undefined) {
      errors.push({ line: row.line, message: `Dòng này và dòng ${first} là cùng một cán bộ ("${p.write.fullName}").` });
      continue;
    }
    seenPerson.set(key, row.line);
    const acc = p.write.userId;
    if (acc !== null && (p.kind === 'create' || acc !== p.existing.person.userId)) {
      const other = seenAccount.get(acc);
      if (other !== undefined) {
        errors.push({ line: row.line, message: `Tài khoản ở dòng này đã được gắn cho cán bộ ở dòng ${other}.` });
        continue;
      }
      seenAccount.set(acc, row.line);
    }
    planned.push(p);
  }
  // An account still linked to another person is fine only if that person's line in this file releases it.
  const releasing = new Map(planned.filter((p) => p.kind === 'update').map((p) => [p.existing.person.id, p.write.userId]));
  for (const h of holderChecks) {
    const holder = ctx.byId.get(h.holderId)!;
    if (!releasing.has(h.holderId) || releasing.get(h.holderId) === holder.person.userId)
      errors.push({ line: h.line, message: `Tài khoản "${h.username}" đã được gắn với cán bộ "${holder.person.fullName}" (id ${h.holderId}).` });
  }
  return { planned, errors: errors.sort((a, b) => a.line - b.line) };
}

const counts = (planned: Planned[]) => {
  let created = 0;
  let updated = 0;
  let moved = 0;
  let unchanged = 0;
  for (const p of planned) {
    if (p.kind === 'create') created++;
    else if (p.change?.kind === 'move') moved++;
    else if (p.fieldsChanged || p.change) updated++;
    else unchanged++;
  }
  return { created, updated, moved, unchanged };
};

async function loadContext(t: Db, actor: PeopleActor, rows: PeopleRow[], today: string): Promise<Context> {
  const all = await peopleRepo.all(t);
  const ms = await peopleRepo.memberships(t, all.map((p) => p.id));
  const byPerson = new Map<number, Membership[]>();
  for (const m of ms) byPerson.set(m.personId, [...(byPerson.get(m.personId) ?? []), m]);
  const people: Existing[] = all.map((person) => {
    const memberships = byPerson.get(person.id) ?? [];
    return {
      person, memberships, home: shownMembership(memberships, today),
      current: memberships.find((m) => activeOn(m, today)) ?? memberships.find((m) => m.validTo === null) ?? null,
    };
  });
  const codes = [...new Set(rows.map((r) => r.values.unitCode ?? '').filter(Boolean))];
  const usernames = [...new Set(rows.map((r) => r.values.username ?? '').filter(Boolean))];
  const own = UNIT_ROLES.includes(actor.role) && actor.orgUnitId !== null ? await getUnit(t, actor.orgUnitId) : null;
  return {
    actor, today, ownUnitCode: own?.code ?? null, people,
    byId: new Map(people.map((p) => [p.person.id, p])),
    byUserId: new Map(people.filter((p) => p.person.userId !== null).map((p) => [p.person.userId!, p])),
    units: await peopleRepo.unitsByCode(t, codes),
    accounts: await peopleRepo.accountsByUsername(t, usernames),
  };
}

export async function importPeopleCsv(
  db: Db, actor: PeopleActor, by: AuditActor, input: Buffer | string, opts: { dryRun: boolean; today: string },
): Promise<PeopleImportResult> {
  if (manageableUnits(actor)?.length === 0) throw forbidden();
  const { rows, errors: syntaxErrors } = parsePeopleCsv(decodeCsv(input));
  return db.tx(async (t) => {
    const ctx = await loadContext(t, actor, rows, opts.today);
    const p = plan(rows, ctx);
    const errors = [...syntaxErrors, ...p.errors].sort((a, b) => a.line - b.line);
    const result: PeopleImportResult = { ...counts(p.planned), errors, dryRun: opts.dryRun };
    if (errors.length > 0 && !opts.dryRun) {
      const shown = errors.slice(0, 3).map((e) => `dòng ${e.line}: ${e.message}`).join(' ');
      throw badRequest(`Tệp có ${errors.length} lỗi, chưa có thay đổi nào được lưu. ${shown}${errors.length > 3 ? ' …' : ''}`, result);
    }
    if (opts.dryRun || result.created + result.updated + result.moved === 0) return result;

    // Accounts change hands first, so one line may take the account another line releases.
    const handovers = p.planned.filter((x) => x.kind === 'update' && x.write.userId !== x.existing.person.userId && x.existing.person.userId !== null);
    await peopleRepo.unlinkAccounts(t, handovers.map((x) => (x as Extract<Planned, { kind: 'update' }>).existing.person.id));
    for (const x of p.planned) {
      if (x.kind === 'create') {
        const id = await peopleRepo.insert(t, x.write);
        await peopleRepo.insertMembership(t, { personId: id, unitId: x.unit.id, position: x.position, validFrom: x.validFrom, validTo: x.unit.validTo });
        await audit(t, by, {
          action: 'person.create', entityType: 'person', entityId: id, orgUnitId: x.unit.id,
          after: { ...x.write, membership: { unitId: x.unit.id, unitCode: x.unit.code, position: x.position, validFrom: x.validFrom, validTo: x.unit.validTo } },
        });
        continue;
      }
      const { person, home } = x.existing;
      const id = person.id;
      const before = writeOf(person);
      if (x.fieldsChanged) await peopleRepo.update(t, id, x.write);
      if (x.change?.kind === 'position') await peopleRepo.setPosition(t, x.change.membership.id, x.change.position);
      if (x.fieldsChanged || x.change?.kind === 'position') {
        const pos = x.change?.kind === 'position' ? x.change : null;
        await audit(t, by, {
          action: 'person.update', entityType: 'person', entityId: id, orgUnitId: home?.unit.id ?? null,
          before: { ...before, ...(pos ? { position: pos.membership.position } : {}) }, after: { ...x.write, ...(pos ? { position: pos.position } : {}) },
        });
      }
      if (x.change?.kind === 'move') {
        const memberships = await peopleRepo.memberships(t, [id]);
        await applyMove(t, by, id, memberships, x.change.unit, x.change.position, x.change.date, home?.unit.id ?? null);
      }
    }
    await audit(t, by, { action: 'person.import', entityType: 'person', after: { created: result.created, updated: result.updated, moved: result.moved, unchanged: result.unchanged } });
    return result;
  });
}
