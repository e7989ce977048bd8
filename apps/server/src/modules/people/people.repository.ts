import type { UnitType } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import type { EndReason, Gender, Membership, Person, UnitRef } from './people-rules.js';

type PersonRow = {
  id: number;
  full_name: string;
  gender: string | null;
  birth_date: string | null;
  phone: string | null;
  email: string | null;
  user_id: number | null;
  username: string | null;
  note: string | null;
  created_at: Date | string;
  updated_at: Date | string;
};

type MembershipRow = {
  id: number;
  person_id: number;
  org_unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_type: string;
  unit_from: string;
  unit_to: string | null;
  position: string;
  valid_from: string;
  valid_to: string | null;
  end_reason: string | null;
};

const PERSON_COLS = `p.id, p.full_name, p.gender, p.birth_date, p.phone, p.email, p.user_id, us.username, p.note, p.created_at, p.updated_at`;
const PERSON_FROM = `people p LEFT JOIN users us ON us.id = p.user_id`;
const MEMBERSHIP_COLS = `m.id, m.person_id, m.org_unit_id, u.code AS unit_code, u.name AS unit_name, u.type AS unit_type, u.valid_from AS unit_from,
  u.valid_to AS unit_to, m.position, m.valid_from, m.valid_to, m.end_reason`;

const iso = (t: Date | string) => (t instanceof Date ? t.toISOString() : new Date(t).toISOString());

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  fullName: r.full_name,
  gender: r.gender as Gender | null,
  birthDate: r.birth_date,
  phone: r.phone,
  email: r.email,
  userId: r.user_id,
  username: r.username,
  note: r.note,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const toMembership = (r: MembershipRow): Membership => ({
  id: r.id,
  personId: r.person_id,
  unit: { id: r.org_unit_id, code: r.unit_code, name: r.unit_name, type: r.unit_type as UnitType, validFrom: r.unit_from, validTo: r.unit_to },
  position: r.position,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  endReason: r.end_reason as EndReason | null,
});

export type PersonWrite = {
  fullName: string;
  gender: Gender | null;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  userId: number | null;
  note: string | null;
};

export type MembershipWrite = { personId: number; unitId: number; position: string; validFrom: string; validTo: string | null };

export type ListFilter = {
  /** Folded words that must all occur in the name. */
  words: string[];
  /** Only people with a membership in this unit (on `asOf`, or ever with includeFormer). */
  unitId: number | null;
  asOf: string;
  /** Also people with no membership on `asOf`. */
  includeFormer: boolean;
  /** Only people whose home unit (their membership shown on `today`) is one of these (null = no restriction). */
  homeUnitIds: number[] | null;
  today: string;
};

/** A person with the membership that speaks for them on a date (and the one on today, for the policy). */
export type ListRow = { person: Person; shown: Membership | null; homeUnitId: number | null };

/** SQL that holds when membership `m` with unit `u` holds on the date in parameter `d`. */
const holds = (m: string, u: string, d: string) =>
  `(${m}.valid_from <= ${d} AND (${m}.valid_to IS NULL OR ${m}.valid_to >= ${d}) AND ${u}.valid_from <= ${d} AND (${u}.valid_to IS NULL OR ${u}.valid_to >= ${d}))`;

/** The membership shown for a person on a date: the one that holds, else the last begun before, else the first to come. */
const shownLateral = (d: string, alias: string, cols: string) => `LEFT JOIN LATERAL (
    SELECT ${cols} FROM person_memberships m JOIN org_units u ON u.id = m.org_unit_id
     WHERE m.person_id = p.id
     ORDER BY ${holds('m', 'u', d)} DESC, (m.valid_from <= ${d}) DESC,
              CASE WHEN m.valid_from <= ${d} THEN m.valid_from END DESC, m.valid_from ASC
     LIMIT 1) ${alias} ON true`;

/** LIKE pattern text with its wildcards taken literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const peopleRepo = {
  byId: async (db: Db, id: number): Promise<Person | null> => {
    const r = await db.maybeOne<PersonRow>(`SELECT ${PERSON_COLS} FROM ${PERSON_FROM} WHERE p.id = $1`, [id]);
    return r ? toPerson(r) : null;
  },

  byIds: async (db: Db, ids: number[]): Promise<Person[]> =>
    ids.length === 0 ? [] : (await db.query<PersonRow>(`SELECT ${PERSON_COLS} FROM ${PERSON_FROM} WHERE p.id = ANY($1::int[])`, [ids])).map(toPerson),

  /** Every person (the CSV import matches against them). */
  all: async (db: Db): Promise<Person[]> => (await db.query<PersonRow>(`SELECT ${PERSON_COLS} FROM ${PERSON_FROM} ORDER BY p.id`)).map(toPerson),

  byUserId: async (db: Db, userId: number): Promise<Person | null> => {
    const r = await db.maybeOne<PersonRow>(`SELECT ${PERSON_COLS} FROM ${PERSON_FROM} WHERE p.user_id = $1`, [userId]);
    return r ? toPerson(r) : null;
  },

  /** Locks the person's row until the transaction ends, so two moves of one person run one after the other. */
  lock: async (db: Db, id: number): Promise<boolean> => (await db.maybeOne(`SELECT id FROM people WHERE id = $1 FOR UPDATE`, [id])) !== null,

  /** Memberships of these people, oldest first. */
  memberships: async (db: Db, personIds: number[]): Promise<Membership[]> =>
    personIds.length === 0
      ? []
      : (
          await db.query<MembershipRow>(
            `SELECT ${MEMBERSHIP_COLS} FROM person_memberships m JOIN org_units u ON u.id = m.org_unit_id
              WHERE m.person_id = ANY($1::int[]) ORDER BY m.person_id, m.valid_from, m.id`,
            [personIds],
          )
        ).map(toMembership),

  /** The membership of a person that holds on the date (unit in force too), or null. */
  membershipOn: async (db: Db, personId: number, date: string): Promise<Membership | null> => {
    const r = await db.maybeOne<MembershipRow>(
      `SELECT ${MEMBERSHIP_COLS} FROM person_memberships m JOIN org_units u ON u.id = m.org_unit_id
        WHERE m.person_id = $1 AND ${holds('m', 'u', '$2::date')} ORDER BY m.valid_from DESC LIMIT 1`,
      [personId, date],
    );
    return r ? toMembership(r) : null;
  },

  /** People whose membership in the unit holds on the date, with that membership. */
  unitMembers: async (db: Db, unitId: number, date: string): Promise<{ person: Person; membership: Membership }[]> => {
    const rows = await db.query<PersonRow & { m: MembershipRow }>(
      `SELECT ${PERSON_COLS},
              (SELECT row_to_json(x) FROM (SELECT ${MEMBERSHIP_COLS} FROM person_memberships m JOIN org_units u ON u.id = m.org_unit_id WHERE m.id = mm.id) x) AS m
         FROM person_memberships mm JOIN org_units uu ON uu.id = mm.org_unit_id
         JOIN people p ON p.id = mm.person_id LEFT JOIN users us ON us.id = p.user_id
        WHERE mm.org_unit_id = $1 AND ${holds('mm', 'uu', '$2::date')}`,
      [unitId, date],
    );
    return rows.map((r) => ({ person: toPerson(r), membership: toMembership(r.m) }));
  },

  /** People matching the filter, each with the membership shown on `asOf` and their home unit on `today`. */
  list: async (db: Db, f: ListFilter): Promise<ListRow[]> => {
    const params: unknown[] = [f.asOf, f.today, f.unitId, f.includeFormer, f.homeUnitIds];
    const words = f.words.slice(0, 8).map((w) => {
      params.push(likeEscape(w));
      return `AND vn_fold(p.full_name) LIKE '%' || vn_fold($${params.length}) || '%'`;
    });
    const rows = await db.query<PersonRow & { s: MembershipRow | null; home_unit_id: number | null }>(
      `SELECT ${PERSON_COLS}, CASE WHEN s.id IS NULL THEN NULL ELSE row_to_json(s) END AS s, h.org_unit_id AS home_unit_id
         FROM ${PERSON_FROM}
         ${shownLateral('$1::date', 's', MEMBERSHIP_COLS)}
         ${shownLateral('$2::date', 'h', 'm.org_unit_id')}
        WHERE true ${words.join(' ')}
          AND ($5::int[] IS NULL OR h.org_unit_id = ANY($5::int[]))
          AND ($4::boolean OR EXISTS (
                SELECT 1 FROM person_memberships m JOIN org_units u ON u.id = m.org_unit_id
                 WHERE m.person_id = p.id AND ${holds('m', 'u', '$1::date')} AND ($3::int IS NULL OR m.org_unit_id = $3)))
          AND ($3::int IS NULL OR EXISTS (SELECT 1 FROM person_memberships m WHERE m.person_id = p.id AND m.org_unit_id = $3))`,
      params,
    );
    return rows.map((r) => ({ person: toPerson(r), shown: r.s ? toMembership(r.s) : null, homeUnitId: r.home_unit_id }));
  },

  /** Home unit (membership shown on the date) of each person. */
  homeUnits: async (db: Db, personIds: number[], date: string): Promise<Map<number, number | null>> => {
    if (personIds.length === 0) return new Map();
    const rows = await db.query<{ id: number; unit_id: number | null }>(
      `SELECT p.id, h.org_unit_id AS unit_id FROM people p ${shownLateral('$2::date', 'h', 'm.org_unit_id')} WHERE p.id = ANY($1::int[])`,
      [personIds, date],
    );
    return new Map(rows.map((r) => [r.id, r.unit_id]));
  },

  insert: async (db: Db, w: PersonWrite): Promise<number> =>
    (
      await db.one<{ id: number }>(
        `INSERT INTO people (full_name, gender, birth_date, phone, email, user_id, note) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
        [w.fullName, w.gender, w.birthDate, w.phone, w.email, w.userId, w.note],
      )
    ).id,

  update: async (db: Db, id: number, w: PersonWrite): Promise<void> => {
    await db.query(
      `UPDATE people SET full_name = $2, gender = $3, birth_date = $4, phone = $5, email = $6, user_id = $7, note = $8, updated_at = now() WHERE id = $1`,
      [id, w.fullName, w.gender, w.birthDate, w.phone, w.email, w.userId, w.note],
    );
  },

  /** Unlinks these people from their accounts (an import hands accounts over before linking them again). */
  unlinkAccounts: async (db: Db, ids: number[]): Promise<void> => {
    if (ids.length) await db.query(`UPDATE people SET user_id = NULL WHERE id = ANY($1::int[])`, [ids]);
  },

  /** Marks the person as changed (a move or a leave changes no column of people). */
  touch: async (db: Db, id: number): Promise<void> => {
    await db.query(`UPDATE people SET updated_at = now() WHERE id = $1`, [id]);
  },

  insertMembership: async (db: Db, w: MembershipWrite): Promise<number> =>
    (
      await db.one<{ id: number }>(
        `INSERT INTO person_memberships (person_id, org_unit_id, position, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
        [w.personId, w.unitId, w.position, w.validFrom, w.validTo],
      )
    ).id,

  endMembership: async (db: Db, id: number, validTo: string, reason: EndReason): Promise<void> => {
    await db.query(`UPDATE person_memberships SET valid_to = $2, end_reason = $3 WHERE id = $1`, [id, validTo, reason]);
  },

  setPosition: async (db: Db, id: number, position: string): Promise<void> => {
    await db.query(`UPDATE person_memberships SET position = $2 WHERE id = $1`, [id, position]);
  },

  /** A unit by its code, as a membership names it. */
  unitByCode: async (db: Db, code: string): Promise<UnitRef | null> => {
    const r = await db.maybeOne<{ id: number; code: string; name: string; type: string; valid_from: string; valid_to: string | null }>(
      `SELECT id, code, name, type, valid_from, valid_to FROM org_units WHERE code = $1`,
      [code],
    );
    return r ? { id: r.id, code: r.code, name: r.name, type: r.type as UnitType, validFrom: r.valid_from, validTo: r.valid_to } : null;
  },

  /** Every unit by code (the CSV import names units by code). */
  unitsByCode: async (db: Db, codes: string[]): Promise<Map<string, UnitRef>> => {
    if (codes.length === 0) return new Map();
    const rows = await db.query<{ id: number; code: string; name: string; type: string; valid_from: string; valid_to: string | null }>(
      `SELECT id, code, name, type, valid_from, valid_to FROM org_units WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { id: r.id, code: r.code, name: r.name, type: r.type as UnitType, validFrom: r.valid_from, validTo: r.valid_to }]));
  },

  /** A sign-in account by id: its username and unit. */
  account: (db: Db, id: number) =>
    db.maybeOne<{ id: number; username: string; org_unit_id: number | null }>(`SELECT id, username, org_unit_id FROM users WHERE id = $1`, [id]),

  /** Sign-in accounts by username (case-insensitive), keyed by the lower-case username. */
  accountsByUsername: async (db: Db, usernames: string[]): Promise<Map<string, { id: number; username: string; org_unit_id: number | null }>> => {
    if (usernames.length === 0) return new Map();
    const rows = await db.query<{ id: number; username: string; org_unit_id: number | null }>(
      `SELECT id, username, org_unit_id FROM users WHERE lower(username) = ANY($1::text[])`,
      [usernames.map((u) => u.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.username.toLowerCase(), r]));
  },
};
