/** SQL of the awards module's facts and cycle: subjects, the register, ratings, initiatives, registrations, nominations. */
import type { EligibilityCheck, InitiativeScope, NominationStatus, Rating, Recurrence } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type SubjectUnit = { id: number; code: string; name: string; type: string; validFrom: string; validTo: string | null };

const UNIT_COLS = `u.id, u.code, u.name, u.type, u.valid_from, u.valid_to`;
type UnitRow = { id: number; code: string; name: string; type: string; valid_from: string; valid_to: string | null };
const toUnit = (r: UnitRow): SubjectUnit => ({ id: r.id, code: r.code, name: r.name, type: r.type, validFrom: r.valid_from, validTo: r.valid_to });
const iso = (t: Date | string | null) => (t === null ? null : t instanceof Date ? t.toISOString() : new Date(t).toISOString());

/** A person's home unit on a date: the membership that holds then, else the latest begun before, else the first. */
const HOME_UNIT = (person: string, date: string) => `(SELECT m.org_unit_id FROM person_memberships m WHERE m.person_id = ${person}
  ORDER BY (m.valid_from <= ${date} AND (m.valid_to IS NULL OR m.valid_to >= ${date})) DESC, (m.valid_from <= ${date}) DESC,
  CASE WHEN m.valid_from <= ${date} THEN m.valid_from END DESC NULLS LAST, m.valid_from, m.id LIMIT 1)`;

// ───────────── records ─────────────

export type RecordView = {
  id: number;
  person: { id: number; fullName: string; gender: 'male' | 'female' | null } | null;
  unit: { id: number; code: string; name: string } | null;
  /** The person's home unit today (for a person's record). */
  homeUnit: { id: number; code: string; name: string } | null;
  awardCode: string;
  awardName: string;
  year: number;
  decisionNumber: string | null;
  decisionDate: string | null;
  authority: string | null;
  source: 'history' | 'decision';
  note: string | null;
  createdAt: string;
};
type RecordRow = {
  id: number; person_id: number | null; full_name: string | null; gender: 'male' | 'female' | null; org_unit_id: number | null; unit_code: string | null;
  unit_name: string | null; home_id: number | null; home_code: string | null; home_name: string | null; award_code: string; award_name: string; year: number;
  decision_number: string | null; decision_date: string | null; authority: string | null; source: 'history' | 'decision'; note: string | null;
  created_at: Date | string;
};
const toRecord = (r: RecordRow): RecordView => ({
  id: r.id,
  person: r.person_id === null ? null : { id: r.person_id, fullName: r.full_name ?? '', gender: r.gender },
  unit: r.org_unit_id === null ? null : { id: r.org_unit_id, code: r.unit_code ?? '', name: r.unit_name ?? '' },
  homeUnit: r.home_id === null ? null : { id: r.home_id, code: r.home_code ?? '', name: r.home_name ?? '' },
  awardCode: r.award_code, awardName: r.award_name, year: r.year, decisionNumber: r.decision_number, decisionDate: r.decision_date, authority: r.authority,
  source: r.source, note: r.note, createdAt: iso(r.created_at)!,
});
const RECORD_SELECT = (today: string) => `
  SELECT r.id, r.person_id, p.full_name, p.gender, r.org_unit_id, u.code AS unit_code, u.name AS unit_name,
         h.id AS home_id, h.code AS home_code, h.name AS home_name, r.award_code, t.name AS award_name, r.year, r.decision_number, r.decision_date,
         r.authority, r.source, r.note, r.created_at
    FROM award_records r
    JOIN award_types t ON t.code = r.award_code
    LEFT JOIN people p ON p.id = r.person_id
    LEFT JOIN org_units u ON u.id = r.org_unit_id
    LEFT JOIN org_units h ON h.id = ${HOME_UNIT('r.person_id', today)}`;

export type RecordWrite = {
  personId: number | null; unitId: number | null; awardCode: string; year: number; decisionNumber: string | null; decisionDate: string | null;
  authority: string | null; note: string | null; source: 'history' | 'decision'; createdBy: number | null;
};

export type RecordFilter = {
  personId?: number; unitId?: number; awardCode?: string; yearFrom?: number; yearTo?: number; words: string[]; source?: 'history' | 'decision';
  /** Only records of these units' people and of these units (null: all). */
  unitIds: number[] | null;
};

// ───────────── ratings ─────────────

export type RatingView = {
  id: number; person: { id: number; fullName: string } | null; unit: { id: number; code: string; name: string } | null; year: number; rating: Rating;
  note: string | null; updatedAt: string;
};

// ───────────── initiatives ─────────────

export type InitiativeView = {
  id: number; title: string; year: number; scope: InitiativeScope; recognisedBy: string | null; decisionNumber: string | null;
  unit: { id: number; code: string; name: string } | null; authors: { id: number; fullName: string }[];
  usedBy: { nominationId: number | null; recordId: number | null; awardCode: string; awardName: string; year: number; who: string } | null;
  note: string | null; createdAt: string;
};
export type InitiativeWrite = {
  title: string; year: number; scope: InitiativeScope; recognisedBy: string | null; decisionNumber: string | null; unitId: number | null; note: string | null;
  createdBy: number | null;
};

// ───────────── registrations ─────────────

export type RegistrationView = {
  id: number; unit: { id: number; code: string; name: string }; year: number; collectiveTarget: string | null; note: string | null;
  targets: { personId: number; fullName: string; awardCode: string }[]; registeredAt: string; updatedAt: string; version: number;
};

// ───────────── nominations ─────────────

export type NominationRow = {
  id: number; personId: number | null; unitId: number | null; awardCode: string; year: number; kind: Recurrence; proposingUnitId: number; status: NominationStatus;
  achievements: string | null; claims: Record<string, string>; eligible: boolean;
  eligibility: { eligible?: boolean; conditional?: boolean; date?: string; versionId?: number | null; checks?: EligibilityCheck[] };
  evaluatedAt: string | null; registered: boolean | null; overrideReason: string | null; overrideBy: number | null; overrideAt: string | null;
  statusReason: string | null; version: number; createdBy: number | null; createdAt: string; updatedAt: string;
};
type NomRow = {
  id: number; person_id: number | null; org_unit_id: number | null; award_code: string; year: number; kind: Recurrence; proposing_unit_id: number;
  status: NominationStatus; achievements: string | null; claims: Record<string, string>; eligible: boolean; eligibility: NominationRow['eligibility'];
  evaluated_at: Date | string | null; registered: boolean | null; override_reason: string | null; override_by: number | null; override_at: Date | string | null;
  status_reason: string | null; version: number; created_by: number | null; created_at: Date | string; updated_at: Date | string;
};
const toNomination = (r: NomRow): NominationRow => ({
  id: r.id, personId: r.person_id, unitId: r.org_unit_id, awardCode: r.award_code, year: r.year, kind: r.kind, proposingUnitId: r.proposing_unit_id,
  status: r.status, achievements: r.achievements, claims: r.claims ?? {}, eligible: r.eligible, eligibility: r.eligibility ?? {}, evaluatedAt: iso(r.evaluated_at),
  registered: r.registered, overrideReason: r.override_reason, overrideBy: r.override_by, overrideAt: iso(r.override_at), statusReason: r.status_reason,
  version: r.version, createdBy: r.created_by, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
});

export type NominationWrite = {
  personId: number | null; unitId: number | null; awardCode: string; year: number; kind: Recurrence; proposingUnitId: number; achievements: string | null;
  claims: Record<string, string>; createdBy: number | null;
};
export type NominationFilter = {
  year?: number; status?: NominationStatus; awardCode?: string; proposingUnitId?: number; personId?: number; unitId?: number;
  /** Only nominations proposed by, or about people of, these units (null: all). */
  visibleUnitIds: number[] | null;
  /** Viewers: decided ones only. */
  decidedOnly: boolean;
};

export const awardsRepo = {
  // ── subjects ──
  async personWithHome(db: Db, id: number, today: string) {
    const r = await db.maybeOne<{ id: number; full_name: string; gender: 'male' | 'female' | null } & Partial<UnitRow> & { unit_id: number | null }>(
      `SELECT p.id, p.full_name, p.gender, u.id AS unit_id, u.code, u.name, u.type, u.valid_from, u.valid_to
         FROM people p LEFT JOIN org_units u ON u.id = ${HOME_UNIT('p.id', '$2::date')} WHERE p.id = $1`,
      [id, today],
    );
    if (!r) return null;
    const unit = r.unit_id === null ? null : toUnit({ id: r.unit_id, code: r.code!, name: r.name!, type: r.type!, valid_from: r.valid_from!, valid_to: r.valid_to ?? null });
    return { id: r.id, fullName: r.full_name, gender: r.gender, unit };
  },

  async unitByCode(db: Db, code: string): Promise<SubjectUnit | null> {
    const r = await db.maybeOne<UnitRow>(`SELECT ${UNIT_COLS} FROM org_units u WHERE lower(u.code) = lower($1)`, [code]);
    return r ? toUnit(r) : null;
  },

  async unitById(db: Db, id: number): Promise<SubjectUnit | null> {
    const r = await db.maybeOne<UnitRow>(`SELECT ${UNIT_COLS} FROM org_units u WHERE u.id = $1`, [id]);
    return r ? toUnit(r) : null;
  },

  /** People by id with their home unit today (imports, lists). */
  async peopleWithHome(db: Db, ids: number[], today: string) {
    const rows = await db.query<{ id: number; full_name: string; unit_id: number | null }>(
      `SELECT p.id, p.full_name, ${HOME_UNIT('p.id', '$2::date')} AS unit_id FROM people p WHERE p.id = ANY($1::int[])`, [ids, today]);
    return new Map(rows.map((r) => [r.id, { id: r.id, fullName: r.full_name, unitId: r.unit_id }]));
  },

  /** People named exactly so (folded comparison) who ever worked in the unit; for spreadsheet rows without an id. */
  async peopleByNameInUnits(db: Db, pairs: { name: string; unitId: number }[]) {
    if (!pairs.length) return [];
    return db.query<{ name: string; unit_id: number; person_id: number }>(
      `SELECT DISTINCT d.name, d.unit_id, p.id AS person_id
         FROM unnest($1::text[], $2::int[]) AS d(name, unit_id)
         JOIN person_memberships m ON m.org_unit_id = d.unit_id
         JOIN people p ON p.id = m.person_id AND vn_fold(p.full_name) = vn_fold(d.name)`,
      [pairs.map((p) => p.name), pairs.map((p) => p.unitId)],
    );
  },

  async unitsByCodes(db: Db, codes: string[]): Promise<Map<string, SubjectUnit>> {
    if (!codes.length) return new Map();
    const rows = await db.query<UnitRow>(`SELECT ${UNIT_COLS} FROM org_units u WHERE lower(u.code) = ANY($1::text[])`, [codes.map((c) => c.toLowerCase())]);
    return new Map(rows.map((r) => [r.code.toLowerCase(), toUnit(r)]));
  },

  // ── records ──
  async insertRecord(db: Db, w: RecordWrite): Promise<number> {
    const r = await db.one<{ id: number }>(
      `INSERT INTO award_records (person_id, org_unit_id, award_code, year, decision_number, decision_date, authority, note, source, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
      [w.personId, w.unitId, w.awardCode, w.year, w.decisionNumber, w.decisionDate, w.authority, w.note, w.source, w.createdBy],
    );
    return r.id;
  },

  /** Many history records in one statement (an import). */
  async insertRecords(db: Db, ws: RecordWrite[]): Promise<number> {
    if (!ws.length) return 0;
    const col = <K extends keyof RecordWrite>(k: K) => ws.map((w) => w[k]);
    const rows = await db.query<{ id: number }>(
      `INSERT INTO award_records (person_id, org_unit_id, award_code, year, decision_number, decision_date, authority, note, source, created_by)
       SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::text[], $6::date[], $7::text[], $8::text[], $9::text[], $10::int[])
       RETURNING id`,
      [col('personId'), col('unitId'), col('awardCode'), col('year'), col('decisionNumber'), col('decisionDate'), col('authority'), col('note'), col('source'), col('createdBy')],
    );
    return rows.length;
  },

  /** Which of these (subject, code, year, decision) facts are stored already: keys `p:ID|u:ID / code / year / decision`. */
  async existingRecordKeys(db: Db, ws: RecordWrite[]): Promise<Set<string>> {
    if (!ws.length) return new Set();
    const rows = await db.query<{ person_id: number | null; org_unit_id: number | null; award_code: string; year: number; decision_number: string | null }>(
      `SELECT r.person_id, r.org_unit_id, r.award_code, r.year, r.decision_number FROM award_records r
         JOIN unnest($1::int[], $2::int[], $3::text[], $4::int[]) AS d(person_id, unit_id, code, year)
           ON coalesce(r.person_id, 0) = coalesce(d.person_id, 0) AND coalesce(r.org_unit_id, 0) = coalesce(d.unit_id, 0) AND r.award_code = d.code AND r.year = d.year`,
      [ws.map((w) => w.personId), ws.map((w) => w.unitId), ws.map((w) => w.awardCode), ws.map((w) => w.year)],
    );
    return new Set(rows.map((r) => recordKey({ personId: r.person_id, unitId: r.org_unit_id, awardCode: r.award_code, year: r.year, decisionNumber: r.decision_number })));
  },

  async record(db: Db, id: number, today: string): Promise<RecordView | null> {
    const r = await db.maybeOne<RecordRow>(`${RECORD_SELECT('$2::date')} WHERE r.id = $1`, [id, today]);
    return r ? toRecord(r) : null;
  },

  async deleteRecord(db: Db, id: number): Promise<void> {
    await db.query(`UPDATE award_initiatives SET used_by_record_id = NULL WHERE used_by_record_id = $1`, [id]);
    await db.query(`DELETE FROM award_records WHERE id = $1`, [id]);
  },

  async listRecords(db: Db, f: RecordFilter, today: string, page: { limit: number; offset: number } | null): Promise<{ total: number; items: RecordView[] }> {
    const where: string[] = [];
    const args: unknown[] = [today];
    const arg = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    if (f.personId !== undefined) where.push(`r.person_id = ${arg(f.personId)}`);
    if (f.unitId !== undefined) {
      const u = arg(f.unitId);
      where.push(`(r.org_unit_id = ${u} OR EXISTS (SELECT 1 FROM person_memberships m WHERE m.person_id = r.person_id AND m.org_unit_id = ${u}
        AND m.valid_from <= make_date(r.year, 12, 31) AND (m.valid_to IS NULL OR m.valid_to >= make_date(r.year, 1, 1))))`);
    }
    if (f.awardCode !== undefined) where.push(`r.award_code = ${arg(f.awardCode)}`);
    if (f.yearFrom !== undefined) where.push(`r.year >= ${arg(f.yearFrom)}`);
    if (f.yearTo !== undefined) where.push(`r.year <= ${arg(f.yearTo)}`);
    if (f.source !== undefined) where.push(`r.source = ${arg(f.source)}`);
    for (const w of f.words) {
      const p = arg(`%${w}%`);
      where.push(`(vn_fold(p.full_name) LIKE vn_fold(${p}) OR vn_fold(u.name) LIKE vn_fold(${p}) OR vn_fold(t.name) LIKE vn_fold(${p})
        OR vn_fold(coalesce(r.decision_number, '')) LIKE vn_fold(${p}))`);
    }
    if (f.unitIds !== null) {
      const ids = arg(f.unitIds);
      where.push(`(r.org_unit_id = ANY(${ids}::int[]) OR h.id = ANY(${ids}::int[]))`);
    }
    const sql = `${RECORD_SELECT('$1::date')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, args)).n;
    const rows = await db.query<RecordRow>(
      `${sql} ORDER BY r.year DESC, t.sort, coalesce(p.full_name, u.name), r.id ${page ? `LIMIT ${page.limit} OFFSET ${page.offset}` : ''}`, args);
    return { total, items: rows.map(toRecord) };
  },

  // ── ratings ──
  async upsertRating(db: Db, w: { personId: number | null; unitId: number | null; year: number; rating: Rating; note: string | null; by: number | null }) {
    const target = w.personId !== null ? `(person_id, year) WHERE person_id IS NOT NULL` : `(org_unit_id, year) WHERE org_unit_id IS NOT NULL`;
    const before = await db.maybeOne<{ rating: Rating; note: string | null }>(
      `SELECT rating, note FROM award_ratings WHERE ${w.personId !== null ? 'person_id' : 'org_unit_id'} = $1 AND year = $2 FOR UPDATE`,
      [w.personId ?? w.unitId, w.year],
    );
    const r = await db.one<{ id: number }>(
      `INSERT INTO award_ratings (person_id, org_unit_id, year, rating, note, created_by) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT ${target} DO UPDATE SET rating = EXCLUDED.rating, note = EXCLUDED.note, updated_at = now() RETURNING id`,
      [w.personId, w.unitId, w.year, w.rating, w.note, w.by],
    );
    return { id: r.id, before };
  },

  async listRatings(db: Db, f: { personId?: number; unitId?: number; year?: number; unitIds: number[] | null }, today: string): Promise<RatingView[]> {
    const where: string[] = [];
    const args: unknown[] = [today];
    const arg = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    if (f.personId !== undefined) where.push(`r.person_id = ${arg(f.personId)}`);
    if (f.unitId !== undefined) {
      const u = arg(f.unitId);
      where.push(`(r.org_unit_id = ${u} OR h.id = ${u})`);
    }
    if (f.year !== undefined) where.push(`r.year = ${arg(f.year)}`);
    if (f.unitIds !== null) {
      const ids = arg(f.unitIds);
      where.push(`(r.org_unit_id = ANY(${ids}::int[]) OR h.id = ANY(${ids}::int[]))`);
    }
    const rows = await db.query<{
      id: number; person_id: number | null; full_name: string | null; org_unit_id: number | null; code: string | null; name: string | null; year: number;
      rating: Rating; note: string | null; updated_at: Date | string;
    }>(
      `SELECT r.id, r.person_id, p.full_name, r.org_unit_id, u.code, u.name, r.year, r.rating, r.note, r.updated_at
         FROM award_ratings r LEFT JOIN people p ON p.id = r.person_id LEFT JOIN org_units u ON u.id = r.org_unit_id
         LEFT JOIN org_units h ON h.id = ${HOME_UNIT('r.person_id', '$1::date')}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.year DESC, coalesce(p.full_name, u.name), r.id LIMIT 5000`,
      args,
    );
    return rows.map((r) => ({
      id: r.id, person: r.person_id === null ? null : { id: r.person_id, fullName: r.full_name ?? '' },
      unit: r.org_unit_id === null ? null : { id: r.org_unit_id, code: r.code ?? '', name: r.name ?? '' }, year: r.year, rating: r.rating, note: r.note,
      updatedAt: iso(r.updated_at)!,
    }));
  },

  // ── initiatives ──
  async insertInitiative(db: Db, w: InitiativeWrite, authorIds: number[]): Promise<number> {
    const { id } = await db.one<{ id: number }>(
      `INSERT INTO award_initiatives (title, year, scope, recognised_by, decision_number, org_unit_id, note, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [w.title, w.year, w.scope, w.recognisedBy, w.decisionNumber, w.unitId, w.note, w.createdBy],
    );
    await db.query(`INSERT INTO award_initiative_authors (initiative_id, person_id, sort) SELECT $1, x, o - 1 FROM unnest($2::int[]) WITH ORDINALITY AS a(x, o)`, [id, authorIds]);
    return id;
  },

  async updateInitiative(db: Db, id: number, w: Omit<InitiativeWrite, 'createdBy'>, authorIds: number[] | null): Promise<void> {
    await db.query(
      `UPDATE award_initiatives SET title = $2, year = $3, scope = $4, recognised_by = $5, decision_number = $6, org_unit_id = $7, note = $8, updated_at = now() WHERE id = $1`,
      [id, w.title, w.year, w.scope, w.recognisedBy, w.decisionNumber, w.unitId, w.note],
    );
    if (authorIds) {
      await db.query(`DELETE FROM award_initiative_authors WHERE initiative_id = $1`, [id]);
      await db.query(`INSERT INTO award_initiative_authors (initiative_id, person_id, sort) SELECT $1, x, o - 1 FROM unnest($2::int[]) WITH ORDINALITY AS a(x, o)`, [id, authorIds]);
    }
  },

  async lockInitiatives(db: Db, ids: number[]): Promise<void> {
    if (ids.length) await db.query(`SELECT id FROM award_initiatives WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [ids]);
  },

  async initiatives(db: Db, f: { ids?: number[]; personId?: number; year?: number; unused?: boolean; unitIds: number[] | null }, today: string): Promise<InitiativeView[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    if (f.ids) where.push(`i.id = ANY(${arg(f.ids)}::int[])`);
    if (f.personId !== undefined) where.push(`EXISTS (SELECT 1 FROM award_initiative_authors a WHERE a.initiative_id = i.id AND a.person_id = ${arg(f.personId)})`);
    if (f.year !== undefined) where.push(`i.year = ${arg(f.year)}`);
    if (f.unused) where.push(`i.used_by_nomination_id IS NULL AND i.used_by_record_id IS NULL`);
    if (f.unitIds !== null)
      where.push(`EXISTS (SELECT 1 FROM award_initiative_authors a WHERE a.initiative_id = i.id AND ${HOME_UNIT('a.person_id', `${arg(today)}::date`)} = ANY(${arg(f.unitIds)}::int[]))`);
    const rows = await db.query<{
      id: number; title: string; year: number; scope: InitiativeScope; recognised_by: string | null; decision_number: string | null; org_unit_id: number | null;
      unit_code: string | null; unit_name: string | null; used_by_nomination_id: number | null; used_by_record_id: number | null; used_code: string | null;
      used_name: string | null; used_year: number | null; used_who: string | null; note: string | null; created_at: Date | string;
      authors: { id: number; fullName: string }[];
    }>(
      `SELECT i.id, i.title, i.year, i.scope, i.recognised_by, i.decision_number, i.org_unit_id, ou.code AS unit_code, ou.name AS unit_name,
              i.used_by_nomination_id, i.used_by_record_id, coalesce(n.award_code, r.award_code) AS used_code, ut.name AS used_name,
              coalesce(n.year, r.year) AS used_year, coalesce(np.full_name, nu.name, rp.full_name, ru.name) AS used_who, i.note, i.created_at,
              coalesce((SELECT json_agg(json_build_object('id', p.id, 'fullName', p.full_name) ORDER BY a.sort, p.id)
                          FROM award_initiative_authors a JOIN people p ON p.id = a.person_id WHERE a.initiative_id = i.id), '[]'::json) AS authors
         FROM award_initiatives i
         LEFT JOIN org_units ou ON ou.id = i.org_unit_id
         LEFT JOIN award_nominations n ON n.id = i.used_by_nomination_id LEFT JOIN people np ON np.id = n.person_id LEFT JOIN org_units nu ON nu.id = n.org_unit_id
         LEFT JOIN award_records r ON r.id = i.used_by_record_id LEFT JOIN people rp ON rp.id = r.person_id LEFT JOIN org_units ru ON ru.id = r.org_unit_id
         LEFT JOIN award_types ut ON ut.code = coalesce(n.award_code, r.award_code)
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.year DESC, i.id DESC LIMIT 5000`,
      args,
    );
    return rows.map((r) => ({
      id: r.id, title: r.title, year: r.year, scope: r.scope, recognisedBy: r.recognised_by, decisionNumber: r.decision_number,
      unit: r.org_unit_id === null ? null : { id: r.org_unit_id, code: r.unit_code ?? '', name: r.unit_name ?? '' },
      authors: r.authors,
      usedBy: r.used_code === null
        ? null
        : { nominationId: r.used_by_nomination_id, recordId: r.used_by_record_id, awardCode: r.used_code, awardName: r.used_name ?? r.used_code, year: r.used_year ?? 0, who: r.used_who ?? '' },
      note: r.note, createdAt: iso(r.created_at)!,
    }));
  },

  /** Marks the initiatives used by the nomination, and frees those it no longer uses. */
  async setNominationInitiatives(db: Db, nominationId: number, ids: number[]): Promise<void> {
    await db.query(`UPDATE award_initiatives SET used_by_nomination_id = NULL, updated_at = now() WHERE used_by_nomination_id = $1 AND NOT (id = ANY($2::int[]))`, [nominationId, ids]);
    if (ids.length)
      await db.query(`UPDATE award_initiatives SET used_by_nomination_id = $1, updated_at = now() WHERE id = ANY($2::int[]) AND used_by_nomination_id IS DISTINCT FROM $1`, [nominationId, ids]);
  },

  async nominationInitiativeIds(db: Db, nominationId: number): Promise<number[]> {
    return (await db.query<{ id: number }>(`SELECT id FROM award_initiatives WHERE used_by_nomination_id = $1 ORDER BY id`, [nominationId])).map((r) => r.id);
  },

  // ── registrations ──
  async registration(db: Db, unitId: number, year: number, lock = false): Promise<RegistrationView | null> {
    return (await this.registrations(db, { unitIds: [unitId], year }, lock))[0] ?? null;
  },

  async registrations(db: Db, f: { unitIds: number[] | null; year?: number; ids?: number[] }, lock = false): Promise<RegistrationView[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.ids) {
      args.push(f.ids);
      where.push(`g.id = ANY($${args.length}::int[])`);
    }
    if (f.unitIds !== null) {
      args.push(f.unitIds);
      where.push(`g.org_unit_id = ANY($${args.length}::int[])`);
    }
    if (f.year !== undefined) {
      args.push(f.year);
      where.push(`g.year = $${args.length}`);
    }
    if (lock && f.unitIds?.length === 1 && f.year !== undefined)
      await db.query(`SELECT id FROM award_registrations WHERE org_unit_id = $1 AND year = $2 FOR UPDATE`, [f.unitIds[0], f.year]);
    const rows = await db.query<{
      id: number; org_unit_id: number; code: string; name: string; year: number; collective_target: string | null; note: string | null;
      targets: { personId: number; fullName: string; awardCode: string }[]; registered_at: Date | string; updated_at: Date | string; version: number;
    }>(
      `SELECT g.id, g.org_unit_id, u.code, u.name, g.year, g.collective_target, g.note, g.registered_at, g.updated_at, g.version,
              coalesce((SELECT json_agg(json_build_object('personId', p.id, 'fullName', p.full_name, 'awardCode', t.award_code) ORDER BY p.full_name, p.id, t.award_code)
                          FROM award_registration_targets t JOIN people p ON p.id = t.person_id WHERE t.registration_id = g.id), '[]'::json) AS targets
         FROM award_registrations g JOIN org_units u ON u.id = g.org_unit_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY g.year DESC, u.code`,
      args,
    );
    return rows.map((r) => ({
      id: r.id, unit: { id: r.org_unit_id, code: r.code, name: r.name }, year: r.year, collectiveTarget: r.collective_target, note: r.note, targets: r.targets,
      registeredAt: iso(r.registered_at)!, updatedAt: iso(r.updated_at)!, version: r.version,
    }));
  },

  async saveRegistration(
    db: Db, w: { unitId: number; year: number; collectiveTarget: string | null; note: string | null; by: number | null }, targets: { personId: number; awardCode: string }[],
    existingId: number | null,
  ): Promise<number> {
    let id = existingId;
    if (id === null)
      id = (await db.one<{ id: number }>(
        `INSERT INTO award_registrations (org_unit_id, year, collective_target, note, registered_by) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
        [w.unitId, w.year, w.collectiveTarget, w.note, w.by],
      )).id;
    else {
      await db.query(`UPDATE award_registrations SET collective_target = $2, note = $3, updated_at = now(), version = version + 1 WHERE id = $1`, [id, w.collectiveTarget, w.note]);
      await db.query(`DELETE FROM award_registration_targets WHERE registration_id = $1`, [id]);
    }
    if (targets.length)
      await db.query(`INSERT INTO award_registration_targets (registration_id, person_id, award_code) SELECT $1, p, c FROM unnest($2::int[], $3::text[]) AS x(p, c)`,
        [id, targets.map((t) => t.personId), targets.map((t) => t.awardCode)]);
    return id;
  },

  // ── nominations ──
  async insertNomination(db: Db, w: NominationWrite): Promise<number> {
    const r = await db.one<{ id: number }>(
      `INSERT INTO award_nominations (person_id, org_unit_id, award_code, year, kind, proposing_unit_id, achievements, claims, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
      [w.personId, w.unitId, w.awardCode, w.year, w.kind, w.proposingUnitId, w.achievements, JSON.stringify(w.claims), w.createdBy],
    );
    return r.id;
  },

  async nomination(db: Db, id: number, lock = false): Promise<NominationRow | null> {
    const r = await db.maybeOne<NomRow>(`SELECT * FROM award_nominations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? toNomination(r) : null;
  },

  /** The live nomination of the same subject, title and year, other than `exceptId`. */
  async liveDuplicate(db: Db, w: { personId: number | null; unitId: number | null; awardCode: string; year: number }, exceptId: number | null) {
    return db.maybeOne<{ id: number; status: NominationStatus; proposing: string }>(
      `SELECT n.id, n.status, u.name AS proposing FROM award_nominations n JOIN org_units u ON u.id = n.proposing_unit_id
        WHERE ${w.personId !== null ? 'n.person_id = $1' : 'n.org_unit_id = $1'} AND n.award_code = $2 AND n.year = $3
          AND n.status NOT IN ('rejected','withdrawn','not_approved') AND n.id <> $4 LIMIT 1`,
      [w.personId ?? w.unitId, w.awardCode, w.year, exceptId ?? 0],
    );
  },

  async saveEvaluation(
    db: Db, id: number, e: { eligible: boolean; eligibility: unknown; registered: boolean | null },
  ): Promise<void> {
    await db.query(`UPDATE award_nominations SET eligible = $2, eligibility = $3, registered = $4, evaluated_at = now() WHERE id = $1`,
      [id, e.eligible, JSON.stringify(e.eligibility), e.registered]);
  },

  async updateNomination(db: Db, id: number, w: { achievements: string | null; claims: Record<string, string> }): Promise<void> {
    await db.query(`UPDATE award_nominations SET achievements = $2, claims = $3, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, w.achievements, JSON.stringify(w.claims)]);
  },

  async setStatus(db: Db, id: number, status: NominationStatus, reason: string | null): Promise<void> {
    await db.query(`UPDATE award_nominations SET status = $2, status_reason = $3, version = version + 1, updated_at = now() WHERE id = $1`, [id, status, reason]);
  },

  async setOverride(db: Db, id: number, reason: string, by: number | null): Promise<void> {
    await db.query(`UPDATE award_nominations SET override_reason = $2, override_by = $3, override_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
      [id, reason, by]);
  },

  async listNominations(db: Db, f: NominationFilter, today: string): Promise<(NominationRow & { subjectUnitId: number | null })[]> {
    const where: string[] = [];
    const args: unknown[] = [today];
    const arg = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    if (f.year !== undefined) where.push(`n.year = ${arg(f.year)}`);
    if (f.status !== undefined) where.push(`n.status = ${arg(f.status)}`);
    if (f.awardCode !== undefined) where.push(`n.award_code = ${arg(f.awardCode)}`);
    if (f.proposingUnitId !== undefined) where.push(`n.proposing_unit_id = ${arg(f.proposingUnitId)}`);
    if (f.personId !== undefined) where.push(`n.person_id = ${arg(f.personId)}`);
    if (f.unitId !== undefined) where.push(`n.org_unit_id = ${arg(f.unitId)}`);
    if (f.decidedOnly) where.push(`n.status = 'decided'`);
    const home = `coalesce(n.org_unit_id, ${HOME_UNIT('n.person_id', '$1::date')})`;
    if (f.visibleUnitIds !== null) {
      const ids = arg(f.visibleUnitIds);
      where.push(`(n.proposing_unit_id = ANY(${ids}::int[]) OR ${home} = ANY(${ids}::int[]))`);
    }
    const rows = await db.query<NomRow & { subject_unit_id: number | null }>(
      `SELECT n.*, ${home} AS subject_unit_id FROM award_nominations n ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY n.year DESC, n.id DESC LIMIT 5000`,
      args,
    );
    return rows.map((r) => ({ ...toNomination(r), subjectUnitId: r.subject_unit_id }));
  },

  /** Names for a page of nominations: people, units, award types. */
  async names(db: Db, personIds: number[], unitIds: number[]) {
    const [people, units] = await Promise.all([
      db.query<{ id: number; full_name: string }>(`SELECT id, full_name FROM people WHERE id = ANY($1::int[])`, [personIds]),
      db.query<UnitRow>(`SELECT ${UNIT_COLS} FROM org_units u WHERE u.id = ANY($1::int[])`, [unitIds]),
    ]);
    return { people: new Map(people.map((p) => [p.id, p.full_name])), units: new Map(units.map((u) => [u.id, toUnit(u)])) };
  },
};

/** The identity of a record for duplicate checks: subject, code, year and decision number. */
export function recordKey(r: { personId: number | null; unitId: number | null; awardCode: string; year: number; decisionNumber: string | null }): string {
  return `${r.personId !== null ? `p${r.personId}` : `u${r.unitId}`}|${r.awardCode}|${r.year}|${(r.decisionNumber ?? '').trim().toLowerCase()}`;
}
