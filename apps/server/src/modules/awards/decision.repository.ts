/** SQL of award decisions (quyết định khen thưởng): the decision, its "Căn cứ" bases, its lines, and the people and units they name. */
import type { DecisionIssuer, DecisionStatus, NominationStatus } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

const iso = (t: Date | string | null) => (t === null ? null : t instanceof Date ? t.toISOString() : new Date(t).toISOString());

export type DecisionRow = {
  id: number; issuer: DecisionIssuer; year: number; awardYear: number | null; numberSeq: number | null; number: string | null; decisionDate: string | null;
  subject: string; authority: string; proposer: string | null; reason: string | null; signerPersonId: number | null; signerTitle: string | null;
  status: DecisionStatus; baseSalaryId: number | null; meetingId: number | null; conferenceId: number | null; basesExplicit: boolean; issuedAt: string | null;
  issuedBy: number | null; version: number; createdAt: string; updatedAt: string; hasDocx: boolean;
};
type DecisionDbRow = {
  id: number; issuer_kind: DecisionIssuer; year: number; award_year: number | null; number_seq: number | null; number: string | null; decision_date: string | null;
  subject: string; authority: string; proposer: string | null; reason: string | null; signer_person_id: number | null; signer_title: string | null;
  status: DecisionStatus; base_salary_id: number | null; meeting_id: number | null; conference_id: number | null; bases_explicit: boolean;
  issued_at: Date | string | null; issued_by: number | null; version: number; created_at: Date | string; updated_at: Date | string; has_docx: boolean;
};
const toDecision = (r: DecisionDbRow): DecisionRow => ({
  id: r.id, issuer: r.issuer_kind, year: r.year, awardYear: r.award_year, numberSeq: r.number_seq, number: r.number, decisionDate: r.decision_date,
  subject: r.subject, authority: r.authority, proposer: r.proposer, reason: r.reason, signerPersonId: r.signer_person_id, signerTitle: r.signer_title,
  status: r.status, baseSalaryId: r.base_salary_id, meetingId: r.meeting_id, conferenceId: r.conference_id, basesExplicit: r.bases_explicit,
  issuedAt: iso(r.issued_at), issuedBy: r.issued_by, version: r.version, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, hasDocx: r.has_docx,
});
const COLS = `d.id, d.issuer_kind, d.year, d.award_year, d.number_seq, d.number, d.decision_date, d.subject, d.authority, d.proposer, d.reason, d.signer_person_id,
  d.signer_title, d.status, d.base_salary_id, d.meeting_id, d.conference_id, d.bases_explicit, d.issued_at, d.issued_by, d.version, d.created_at, d.updated_at,
  (d.docx IS NOT NULL) AS has_docx`;

export type LineRow = {
  id: number; decisionId: number; nominationId: number | null; personId: number | null; unitId: number | null; awardCode: string; year: number;
  multiple: number | null; amount: number | null; recordId: number | null; sort: number; achievement: string | null;
};

export type DecisionWrite = {
  issuer: DecisionIssuer; year: number; awardYear: number; number: string | null; decisionDate: string | null; subject: string; authority: string; proposer: string | null;
  reason: string | null; meetingId: number | null; conferenceId: number | null; basesExplicit: boolean; createdBy: number | null;
};
export type LineWrite = { nominationId: number | null; personId: number | null; unitId: number | null; awardCode: string; year: number; achievement: string | null };

/** A person or a unit as a document names them on a date. */
export type SubjectOnDate = {
  personId: number | null; unitId: number | null; name: string; gender: 'male' | 'female' | null; birthDate: string | null;
  /** Chức vụ ('Chuyên viên'), empty for a unit or a person without a post that day. */
  position: string;
  /** The person's unit that day (or last), or the collective itself. */
  unit: { id: number; code: string; name: string; type: string; parentName: string | null } | null;
  /** First day in service (earliest membership), for people. */
  serviceStart: string | null;
};

export const decisionRepo = {
  async insert(db: Db, w: DecisionWrite): Promise<number> {
    const r = await db.one<{ id: number }>(
      `INSERT INTO award_decisions (issuer_kind, year, award_year, number, decision_date, subject, authority, proposer, reason, meeting_id, conference_id,
         bases_explicit, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id`,
      [w.issuer, w.year, w.awardYear, w.number, w.decisionDate, w.subject, w.authority, w.proposer, w.reason, w.meetingId, w.conferenceId, w.basesExplicit, w.createdBy],
    );
    return r.id;
  },

  async update(db: Db, id: number, w: Omit<DecisionWrite, 'issuer' | 'createdBy'>): Promise<void> {
    await db.query(
      `UPDATE award_decisions SET year = $2, award_year = $3, number = $4, decision_date = $5, subject = $6, authority = $7, proposer = $8, reason = $9,
              meeting_id = $10, conference_id = $11, bases_explicit = $12, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, w.year, w.awardYear, w.number, w.decisionDate, w.subject, w.authority, w.proposer, w.reason, w.meetingId, w.conferenceId, w.basesExplicit],
    );
  },

  async decision(db: Db, id: number, lock = false): Promise<DecisionRow | null> {
    if (lock) await db.query(`SELECT id FROM award_decisions WHERE id = $1 FOR UPDATE`, [id]);
    const r = await db.maybeOne<DecisionDbRow>(`SELECT ${COLS} FROM award_decisions d WHERE d.id = $1`, [id]);
    return r ? toDecision(r) : null;
  },

  async list(db: Db, f: { year?: number; awardYear?: number; status?: DecisionStatus; conferenceId?: number; awardCode?: string; issuedOnly: boolean }): Promise<DecisionRow[]> {
    const rows = await db.query<DecisionDbRow>(
      `SELECT ${COLS} FROM award_decisions d
        WHERE ($1::int IS NULL OR d.year = $1) AND ($2::int IS NULL OR d.award_year = $2) AND ($3::text IS NULL OR d.status = $3)
          AND ($4::int IS NULL OR d.conference_id = $4) AND (NOT $5::boolean OR d.status = 'issued')
          AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM award_decision_lines l WHERE l.decision_id = d.id AND l.award_code = $6))
        ORDER BY coalesce(d.decision_date, d.created_at::date) DESC, d.id DESC LIMIT 1000`,
      [f.year ?? null, f.awardYear ?? null, f.status ?? null, f.conferenceId ?? null, f.issuedOnly, f.awardCode ?? null],
    );
    return rows.map(toDecision);
  },

  async lines(db: Db, decisionIds: number[]): Promise<LineRow[]> {
    const rows = await db.query<{
      id: number; decision_id: number; nomination_id: number | null; person_id: number | null; org_unit_id: number | null; award_code: string; year: number;
      multiple: number | string | null; amount: number | null; record_id: number | null; sort: number; achievement: string | null;
    }>(`SELECT * FROM award_decision_lines WHERE decision_id = ANY($1::int[]) ORDER BY decision_id, sort, id`, [decisionIds]);
    return rows.map((r) => ({
      id: r.id, decisionId: r.decision_id, nominationId: r.nomination_id, personId: r.person_id, unitId: r.org_unit_id, awardCode: r.award_code, year: r.year,
      multiple: r.multiple === null ? null : Number(r.multiple), amount: r.amount, recordId: r.record_id, sort: r.sort, achievement: r.achievement,
    }));
  },

  async replaceLines(db: Db, decisionId: number, lines: LineWrite[]): Promise<void> {
    await db.query(`DELETE FROM award_decision_lines WHERE decision_id = $1`, [decisionId]);
    if (!lines.length) return;
    const col = <K extends keyof LineWrite>(k: K) => lines.map((l) => l[k]);
    await db.query(
      `INSERT INTO award_decision_lines (decision_id, nomination_id, person_id, org_unit_id, award_code, year, achievement, sort)
       SELECT $1, n, p, u, c, y, a, o FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::int[], $7::text[]) WITH ORDINALITY AS x(n, p, u, c, y, a, o)`,
      [decisionId, col('nominationId'), col('personId'), col('unitId'), col('awardCode'), col('year'), col('achievement')],
    );
  },

  async setLineMoney(db: Db, lineId: number, multiple: number | null, amount: number | null, recordId: number | null): Promise<void> {
    await db.query(`UPDATE award_decision_lines SET multiple = $2, amount = $3, record_id = $4 WHERE id = $1`, [lineId, multiple, amount, recordId]);
  },

  async bases(db: Db, decisionId: number): Promise<number[]> {
    return (await db.query<{ basis_id: number }>(`SELECT basis_id FROM award_decision_bases WHERE decision_id = $1 ORDER BY sort, basis_id`, [decisionId])).map((r) => r.basis_id);
  },

  async replaceBases(db: Db, decisionId: number, basisIds: number[]): Promise<void> {
    await db.query(`DELETE FROM award_decision_bases WHERE decision_id = $1`, [decisionId]);
    if (basisIds.length)
      await db.query(`INSERT INTO award_decision_bases (decision_id, basis_id, sort) SELECT $1, b, o FROM unnest($2::int[]) WITH ORDINALITY AS x(b, o)`, [decisionId, basisIds]);
  },

  /** Nominations named for a decision, locked, with the decision (other than `exceptId`) that already lists them. */
  async nominationsFor(db: Db, ids: number[], exceptDecisionId: number | null) {
    if (!ids.length) return [];
    await db.query(`SELECT id FROM award_nominations WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [ids]);
    return db.query<{
      id: number; person_id: number | null; org_unit_id: number | null; award_code: string; year: number; status: NominationStatus; proposing_unit_id: number;
      achievements: string | null; version: number; in_decision: number | null; in_decision_number: string | null;
    }>(
      `SELECT n.id, n.person_id, n.org_unit_id, n.award_code, n.year, n.status, n.proposing_unit_id, n.achievements, n.version,
              l.decision_id AS in_decision, d.number AS in_decision_number
         FROM award_nominations n
         LEFT JOIN award_decision_lines l ON l.nomination_id = n.id AND l.decision_id <> coalesce($2::int, 0)
         LEFT JOIN award_decisions d ON d.id = l.decision_id
        WHERE n.id = ANY($1::int[])`,
      [ids, exceptDecisionId],
    );
  },

  /** The next QĐ number of the department in a year (one more than the highest issued in Nhịp); serialised by an advisory lock. */
  async nextNumberSeq(db: Db, year: number): Promise<number> {
    await db.query(`SELECT pg_advisory_xact_lock(7310116, $1)`, [year]);
    return (await db.one<{ n: number }>(
      `SELECT coalesce(max(number_seq), 0)::int + 1 AS n FROM award_decisions WHERE year = $1 AND issuer_kind = 'department'`, [year])).n;
  },

  async numberTaken(db: Db, year: number, seq: number, exceptId: number): Promise<boolean> {
    return (await db.maybeOne(`SELECT 1 FROM award_decisions WHERE year = $1 AND number_seq = $2 AND id <> $3`, [year, seq, exceptId])) !== null;
  },

  async issue(
    db: Db, id: number,
    w: { year: number; numberSeq: number | null; number: string; decisionDate: string; subject: string; authority: string; signerPersonId: number | null;
      signerTitle: string | null; baseSalaryId: number | null; issuedBy: number | null; content: unknown; docx: Buffer | null },
  ): Promise<void> {
    await db.query(
      `UPDATE award_decisions SET status = 'issued', year = $2, number_seq = $3, number = $4, decision_date = $5, subject = $6, authority = $7, signer_person_id = $8,
              signer_title = $9, base_salary_id = $10, issued_by = $11, issued_at = now(), content = $12, docx = $13, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, w.year, w.numberSeq, w.number, w.decisionDate, w.subject, w.authority, w.signerPersonId, w.signerTitle, w.baseSalaryId, w.issuedBy,
        w.content === null ? null : JSON.stringify(w.content), w.docx],
    );
  },

  async cancel(db: Db, id: number): Promise<void> {
    await db.query(`DELETE FROM award_decision_lines WHERE decision_id = $1`, [id]);
    await db.query(`UPDATE award_decisions SET status = 'cancelled', version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  },

  async stored(db: Db, id: number): Promise<{ content: unknown; docx: Buffer | null } | null> {
    const r = await db.maybeOne<{ content: unknown; docx: Uint8Array | null }>(`SELECT content, docx FROM award_decisions WHERE id = $1`, [id]);
    return r ? { content: r.content, docx: r.docx ? Buffer.from(r.docx) : null } : null;
  },

  /** People and units as documents name them on a date. */
  async subjectsOn(db: Db, personIds: number[], unitIds: number[], date: string): Promise<{ people: Map<number, SubjectOnDate>; units: Map<number, SubjectOnDate> }> {
    const [people, units] = await Promise.all([
      personIds.length
        ? db.query<{
          id: number; full_name: string; gender: 'male' | 'female' | null; birth_date: string | null; position: string | null; unit_id: number | null;
          code: string | null; unit_name: string | null; type: string | null; parent_name: string | null; service_start: string | null;
        }>(
          `SELECT p.id, p.full_name, p.gender, p.birth_date, m.position, u.id AS unit_id, u.code, u.name AS unit_name, u.type, pu.name AS parent_name,
                  (SELECT min(x.valid_from) FROM person_memberships x WHERE x.person_id = p.id) AS service_start
             FROM people p
             LEFT JOIN LATERAL (SELECT pm.org_unit_id, pm.position FROM person_memberships pm WHERE pm.person_id = p.id
                                 ORDER BY (pm.valid_from <= $2::date AND (pm.valid_to IS NULL OR pm.valid_to >= $2::date)) DESC,
                                          (pm.valid_from <= $2::date) DESC, pm.valid_from DESC, pm.id DESC LIMIT 1) m ON true
             LEFT JOIN org_units u ON u.id = m.org_unit_id LEFT JOIN org_units pu ON pu.id = u.parent_id
            WHERE p.id = ANY($1::int[])`,
          [personIds, date],
        )
        : [],
      unitIds.length
        ? db.query<{ id: number; code: string; name: string; type: string; parent_name: string | null }>(
          `SELECT u.id, u.code, u.name, u.type, pu.name AS parent_name FROM org_units u LEFT JOIN org_units pu ON pu.id = u.parent_id WHERE u.id = ANY($1::int[])`,
          [unitIds],
        )
        : [],
    ]);
    return {
      people: new Map(people.map((p) => [p.id, {
        personId: p.id, unitId: null, name: p.full_name, gender: p.gender, birthDate: p.birth_date, position: p.position ?? '',
        unit: p.unit_id === null ? null : { id: p.unit_id, code: p.code!, name: p.unit_name!, type: p.type!, parentName: p.parent_name }, serviceStart: p.service_start,
      }])),
      units: new Map(units.map((u) => [u.id, {
        personId: null, unitId: u.id, name: u.name, gender: null, birthDate: null, position: '', unit: { id: u.id, code: u.code, name: u.name, type: u.type, parentName: u.parent_name },
        serviceStart: null,
      }])),
    };
  },

  /** The department's directorate on a date: people whose membership is in the department unit itself. */
  async directorate(db: Db, departmentId: number, date: string) {
    return db.query<{ id: number; full_name: string; position: string; user_id: number | null }>(
      `SELECT p.id, p.full_name, pm.position, p.user_id FROM person_memberships pm JOIN people p ON p.id = pm.person_id
        WHERE pm.org_unit_id = $1 AND pm.valid_from <= $2::date AND (pm.valid_to IS NULL OR pm.valid_to >= $2::date)
        ORDER BY pm.position, p.full_name, p.id`,
      [departmentId, date],
    );
  },

  /** The annual review conference of a year's period, if any (the default place to hand the year's awards out). */
  async annualConference(db: Db, year: number): Promise<number | null> {
    const r = await db.maybeOne<{ id: number }>(
      `SELECT id FROM conferences WHERE period = $1 AND kind = 'annual' AND status <> 'closed' ORDER BY starts_at DESC, id DESC LIMIT 1`, [String(year)]);
    return r?.id ?? null;
  },

  async conferenceExists(db: Db, id: number): Promise<{ id: number; title: string; period: string } | null> {
    return db.maybeOne(`SELECT id, title, period FROM conferences WHERE id = $1`, [id]);
  },

  /** Writes the register entries of an issued decision's lines, and marks each line's initiatives used by its record. */
  async insertRecordForLine(
    db: Db, w: { personId: number | null; unitId: number | null; awardCode: string; year: number; decisionNumber: string; decisionDate: string; authority: string;
      decisionId: number; nominationId: number | null; createdBy: number | null },
  ): Promise<number> {
    const r = await db.one<{ id: number }>(
      `INSERT INTO award_records (person_id, org_unit_id, award_code, year, decision_number, decision_date, authority, source, decision_id, nomination_id, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,'decision',$8,$9,$10) RETURNING id`,
      [w.personId, w.unitId, w.awardCode, w.year, w.decisionNumber, w.decisionDate, w.authority, w.decisionId, w.nominationId, w.createdBy],
    );
    if (w.nominationId !== null)
      await db.query(`UPDATE award_initiatives SET used_by_record_id = $1, used_by_nomination_id = NULL, updated_at = now() WHERE used_by_nomination_id = $2`,
        [r.id, w.nominationId]);
    return r.id;
  },

  async markDecided(db: Db, nominationId: number): Promise<void> {
    await db.query(`UPDATE award_nominations SET status = 'decided', version = version + 1, updated_at = now() WHERE id = $1`, [nominationId]);
  },

  /** Users to tell about a decision: the proposing units and the subjects' units. */
  async unitsOfLines(db: Db, decisionId: number, date: string): Promise<number[]> {
    const rows = await db.query<{ id: number }>(
      `SELECT DISTINCT x.id FROM (
         SELECT n.proposing_unit_id AS id FROM award_decision_lines l JOIN award_nominations n ON n.id = l.nomination_id WHERE l.decision_id = $1
         UNION SELECT l.org_unit_id FROM award_decision_lines l WHERE l.decision_id = $1 AND l.org_unit_id IS NOT NULL
         UNION SELECT (SELECT pm.org_unit_id FROM person_memberships pm WHERE pm.person_id = l.person_id AND pm.valid_from <= $2::date
                         ORDER BY pm.valid_from DESC LIMIT 1)
           FROM award_decision_lines l WHERE l.decision_id = $1 AND l.person_id IS NOT NULL
       ) x WHERE x.id IS NOT NULL`,
      [decisionId, date],
    );
    return rows.map((r) => r.id);
  },
};
