/**
 * Check-in at the door. A delegate is checked in by the ticket their QR code carries, or picked from the list;
 * someone who was not named by an invited unit is recorded as a walk-in and flagged.
 *
 * Concurrency: two phones may check in the same person at the same moment. The arrival is stamped by one
 * conditional UPDATE (`checked_in_at IS NULL`), so exactly one request stamps it and the other answers
 * `alreadyCheckedIn: true` with the first time; the audit event is written only by the one that stamped. Walk-ins
 * of the same name are serialised by a transaction-scoped advisory lock, so the second phone finds the first
 * phone's row instead of adding another.
 */
import { randomBytes } from 'node:crypto';
import { normalizeText } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { vnDateOf } from '../rounds/rounds.service.js';
import { personById, currentMembership } from '../people/people.service.js';
import { checkinRepo, type DelegateRow } from './checkin.repository.js';

export type CheckinInput =
  | { ticket: string }
  | { delegateId: number }
  | { walkIn: { fullName: string; unitId?: number | null; position?: string | null; personId?: number | null } };

export type CheckinResult = {
  delegate: DelegateRow;
  /** True when the delegate had already been checked in: `delegate.checked_in_at` is that first time. */
  alreadyCheckedIn: boolean;
  /** How the person was found: by the QR ticket, picked from the list, matched by name, or recorded as a walk-in. */
  matched: 'ticket' | 'delegate' | 'name' | 'walk_in';
};

export const TICKET_NOT_FOUND = 'Không tìm thấy đại biểu có mã QR này trong hội nghị. Hãy tìm theo tên, hoặc ghi nhận là khách không có trong danh sách.';
export const DELEGATE_NOT_FOUND = 'Không tìm thấy đại biểu này trong hội nghị.';

/**
 * The ticket inside what a QR code carries. The code may hold the bare ticket, or a link or a prefixed text that
 * ends with it ('…/checkin?t=<ticket>', 'NHIP:12:<ticket>'): the ticket is the `t` parameter of a link, else the
 * last run of letters, digits, '-' and '_'.
 */
export function ticketOf(payload: string): string | null {
  const s = payload.trim();
  if (!s) return null;
  try {
    const u = new URL(s);
    const t = u.searchParams.get('t') ?? u.searchParams.get('ticket');
    if (t?.trim()) return t.trim();
  } catch {
    // not a link
  }
  const m = /([A-Za-z0-9_-]{6,200})\s*$/.exec(s);
  return m ? m[1]! : null;
}

/** Search words of the list's filter; diacritics are folded by the database on both sides. */
export const searchWords = (q: string | undefined) => normalizeText(q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);

export const listDelegates = (db: Db, conferenceId: number, q: string | undefined, limit = 500) =>
  checkinRepo.search(db, conferenceId, searchWords(q), limit);

export const newTicket = () => randomBytes(18).toString('base64url');

async function stampDelegate(db: Db, actor: AuditActor & { id: number }, conferenceId: number, d: DelegateRow, now: Date, matched: CheckinResult['matched']): Promise<CheckinResult> {
  const stamped = await checkinRepo.stamp(db, conferenceId, d.id, actor.id, now);
  const current = (await checkinRepo.byId(db, conferenceId, d.id))!;
  if (!stamped) return { delegate: current, alreadyCheckedIn: true, matched };
  await audit(db, actor, {
    action: 'conference.checkin', entityType: 'conference_delegate', entityId: d.id, orgUnitId: d.org_unit_id,
    after: { conferenceId, fullName: d.full_name, via: matched, walkIn: d.walk_in },
  });
  return { delegate: current, alreadyCheckedIn: false, matched };
}

/** Checks one person in (see the module comment); the conference's date decides which units may be named. */
export async function checkIn(db: Db, actor: AuditActor & { id: number }, conference: { id: number; starts_at: Date }, input: CheckinInput, now: Date): Promise<CheckinResult> {
  return db.tx(async (tx) => {
    if ('ticket' in input) {
      const ticket = ticketOf(input.ticket);
      const d = ticket ? await checkinRepo.byTicket(tx, ticket) : null;
      // A ticket of another conference is not this conference's delegate either.
      if (!d || d.conference_id !== conference.id) throw notFound(TICKET_NOT_FOUND);
      return stampDelegate(tx, actor, conference.id, d, now, 'ticket');
    }
    if ('delegateId' in input) {
      const d = await checkinRepo.byId(tx, conference.id, input.delegateId);
      if (!d) throw notFound(DELEGATE_NOT_FOUND);
      return stampDelegate(tx, actor, conference.id, d, now, 'delegate');
    }
    return walkIn(tx, actor, conference, input.walkIn, now);
  });
}

async function walkIn(
  db: Db, actor: AuditActor & { id: number }, conference: { id: number; starts_at: Date },
  w: { fullName: string; unitId?: number | null; position?: string | null; personId?: number | null }, now: Date,
): Promise<CheckinResult> {
  const onDate = vnDateOf(conference.starts_at);
  let fullName = normalizeText(w.fullName).replace(/\s+/g, ' ').trim();
  let position = normalizeText(w.position ?? '').replace(/\s+/g, ' ').trim();
  let unitId = w.unitId ?? null;
  const personId = w.personId ?? null;
  if (personId !== null) {
    const person = await personById(db, personId);
    if (!person) throw badRequest('Không tìm thấy người này trong danh bạ cán bộ.');
    const m = await currentMembership(db, personId, onDate);
    fullName ||= person.fullName;
    if (!position && m) position = m.position;
    if (unitId === null && m) unitId = m.unit.id;
  }
  if (!fullName) throw badRequest('Hãy nhập họ và tên người đến dự.');
  if (unitId !== null && !(await checkinRepo.unitOn(db, unitId, onDate))) {
    throw badRequest('Đơn vị đã chọn không tồn tại vào ngày diễn ra hội nghị.');
  }
  await checkinRepo.lockWalkInName(db, conference.id, fullName);
  const named = personId !== null ? await checkinRepo.byPerson(db, conference.id, personId) : null;
  if (named) return stampDelegate(db, actor, conference.id, named, now, named.walk_in ? 'walk_in' : 'name');
  // Already on the list (named by the unit, or a walk-in a moment ago from the other phone): check that one in.
  // A person from the directory is that person; a typed name is anyone of that name in that unit (or in any unit
  // when none is given, as long as the name picks out one unit's delegate).
  const same = (await checkinRepo.sameName(db, conference.id, fullName, personId !== null ? null : unitId))
    .filter((d) => personId === null || d.person_id === personId || (d.person_id === null && (unitId === null || d.org_unit_id === unitId)));
  if (new Set(same.map((d) => d.org_unit_id)).size > 1) {
    throw conflict(`Có ${same.length} đại biểu tên "${fullName}" ở các đơn vị khác nhau; hãy chọn đơn vị hoặc chọn trong danh sách.`, {
      candidates: same.map((d) => ({ id: d.id, unitName: d.unit_name, position: d.position })),
    });
  }
  const existing = same[0];
  if (existing) return stampDelegate(db, actor, conference.id, existing, now, existing.walk_in ? 'walk_in' : 'name');
  const { id } = await checkinRepo.insertWalkIn(db, {
    conferenceId: conference.id, unitId, personId, fullName, position, ticket: newTicket(), by: actor.id, at: now,
  });
  const delegate = (await checkinRepo.byId(db, conference.id, id))!;
  await audit(db, actor, {
    action: 'conference.checkin', entityType: 'conference_delegate', entityId: id, orgUnitId: unitId,
    after: { conferenceId: conference.id, fullName, via: 'walk_in', walkIn: true },
  });
  return { delegate, alreadyCheckedIn: false, matched: 'walk_in' };
}

export type CheckinSummaryRow = { unitType: string | null; unitsInvited: number; unitsPresent: number; delegates: number; checkedIn: number; walkIns: number };

export async function checkinSummary(db: Db, conferenceId: number): Promise<{ byUnitType: CheckinSummaryRow[]; total: Omit<CheckinSummaryRow, 'unitType'> }> {
  const rows = (await checkinRepo.summary(db, conferenceId)).map((r) => ({
    unitType: r.unit_type, unitsInvited: r.units_invited, unitsPresent: r.units_present, delegates: r.delegates, checkedIn: r.checked_in, walkIns: r.walk_ins,
  }));
  const sum = (k: keyof Omit<CheckinSummaryRow, 'unitType'>) => rows.reduce((s, r) => s + r[k], 0);
  return {
    byUnitType: rows,
    total: { unitsInvited: sum('unitsInvited'), unitsPresent: sum('unitsPresent'), delegates: sum('delegates'), checkedIn: sum('checkedIn'), walkIns: sum('walkIns') },
  };
}
