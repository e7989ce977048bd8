/** SQL of the emulation council (Hội đồng thi đua – khen thưởng): councils and members, meetings, attendance and ballots. */
import type { MeetingStatus, NominationStatus } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

const iso = (t: Date | string | null) => (t === null ? null : t instanceof Date ? t.toISOString() : new Date(t).toISOString());

export type CouncilRole = 'chair' | 'vice_chair' | 'member' | 'secretary';

export type CouncilRow = {
  id: number; name: string; unit: { id: number; code: string; name: string }; decisionNumber: string | null; validFrom: string; validTo: string | null;
};
export type CouncilMemberRow = {
  id: number; councilId: number; personId: number; fullName: string; gender: 'male' | 'female' | null; userId: number | null; role: CouncilRole;
  validFrom: string; validTo: string | null;
  /** Position and unit on the date asked for ('Phó Giám đốc', 'Sở Khoa học và Công nghệ'). */
  position: string; unitName: string | null;
};
export type MeetingRow = {
  id: number; councilId: number; councilName: string; year: number; heldAt: string; place: string | null; status: MeetingStatus; membersTotal: number | null;
  present: number | null; chairPersonId: number | null; secretaryPersonId: number | null; endedAt: string | null; minutesYear: number | null;
  minutesSeq: number | null; notes: string | null; version: number; closedAt: string | null; createdAt: string;
};
export type AttendanceRow = { personId: number; present: boolean; writtenOpinion: boolean };
export type BallotRow = {
  id: number; meetingId: number; nominationId: number; membersTotal: number; ballotsCast: number; votesFor: number; votesAgainst: number;
  voteNum: number | null; voteDen: number | null; versionId: number | null; passed: boolean | null; mode: 'paper' | 'electronic'; recordedAt: string | null;
  sort: number;
  /** The nomination it is about. */
  nomination: { personId: number | null; unitId: number | null; awardCode: string; year: number; status: NominationStatus; proposingUnitId: number; version: number };
  /** Members who have cast an electronic ballot (never how). */
  casts: number;
};

type MeetingDbRow = {
  id: number; council_id: number; council_name: string; year: number; held_at: Date | string; place: string | null; status: MeetingStatus;
  members_total: number | null; present: number | null; chair_person_id: number | null; secretary_person_id: number | null; ended_at: Date | string | null;
  minutes_year: number | null; minutes_seq: number | null; notes: string | null; version: number; closed_at: Date | string | null; created_at: Date | string;
};
const toMeeting = (r: MeetingDbRow): MeetingRow => ({
  id: r.id, councilId: r.council_id, councilName: r.council_name, year: r.year, heldAt: iso(r.held_at)!, place: r.place, status: r.status,
  membersTotal: r.members_total, present: r.present, chairPersonId: r.chair_person_id, secretaryPersonId: r.secretary_person_id, endedAt: iso(r.ended_at),
  minutesYear: r.minutes_year, minutesSeq: r.minutes_seq, notes: r.notes, version: r.version, closedAt: iso(r.closed_at), createdAt: iso(r.created_at)!,
});
const MEETING_SELECT = `SELECT m.*, c.name AS council_name FROM award_meetings m JOIN award_councils c ON c.id = m.council_id`;

export type CouncilWrite = { name: string; unitId: number; decisionNumber: string | null; validFrom: string; validTo: string | null };
export type MemberWrite = { personId: number; role: CouncilRole; validFrom: string; validTo: string | null };
export type MeetingWrite = {
  councilId: number; year: number; heldAt: Date; place: string | null; chairPersonId: number | null; secretaryPersonId: number | null; notes: string | null;
};

export const councilRepo = {
  async councils(db: Db, ids: number[] | null): Promise<CouncilRow[]> {
    const rows = await db.query<{
      id: number; name: string; org_unit_id: number; code: string; unit_name: string; decision_number: string | null; valid_from: string; valid_to: string | null;
    }>(
      `SELECT c.id, c.name, c.org_unit_id, u.code, u.name AS unit_name, c.decision_number, c.valid_from, c.valid_to
         FROM award_councils c JOIN org_units u ON u.id = c.org_unit_id
        WHERE $1::int[] IS NULL OR c.id = ANY($1::int[]) ORDER BY c.valid_from DESC, c.id DESC`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id, name: r.name, unit: { id: r.org_unit_id, code: r.code, name: r.unit_name }, decisionNumber: r.decision_number, validFrom: r.valid_from,
      validTo: r.valid_to,
    }));
  },

  async insertCouncil(db: Db, w: CouncilWrite): Promise<number> {
    const r = await db.one<{ id: number }>(
      `INSERT INTO award_councils (name, org_unit_id, decision_number, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [w.name, w.unitId, w.decisionNumber, w.validFrom, w.validTo],
    );
    return r.id;
  },

  async updateCouncil(db: Db, id: number, w: CouncilWrite): Promise<void> {
    await db.query(`UPDATE award_councils SET name = $2, org_unit_id = $3, decision_number = $4, valid_from = $5, valid_to = $6 WHERE id = $1`,
      [id, w.name, w.unitId, w.decisionNumber, w.validFrom, w.validTo]);
  },

  async lockCouncil(db: Db, id: number): Promise<boolean> {
    return (await db.maybeOne(`SELECT id FROM award_councils WHERE id = $1 FOR UPDATE`, [id])) !== null;
  },

  async replaceMembers(db: Db, councilId: number, members: MemberWrite[]): Promise<void> {
    await db.query(`DELETE FROM award_council_members WHERE council_id = $1`, [councilId]);
    if (!members.length) return;
    await db.query(
      `INSERT INTO award_council_members (council_id, person_id, role, valid_from, valid_to)
       SELECT $1, p, r, f, t FROM unnest($2::int[], $3::text[], $4::date[], $5::date[]) AS x(p, r, f, t)`,
      [councilId, members.map((m) => m.personId), members.map((m) => m.role), members.map((m) => m.validFrom), members.map((m) => m.validTo)],
    );
  },

  /** Members of councils; `on`: only those in office on that date (positions are read on `positionsOn`). */
  async members(db: Db, councilIds: number[], o: { on: string | null; positionsOn: string }): Promise<CouncilMemberRow[]> {
    const rows = await db.query<{
      id: number; council_id: number; person_id: number; full_name: string; gender: 'male' | 'female' | null; user_id: number | null; role: CouncilRole;
      valid_from: string; valid_to: string | null; position: string | null; unit_name: string | null;
    }>(
      `SELECT cm.id, cm.council_id, cm.person_id, p.full_name, p.gender, p.user_id, cm.role, cm.valid_from, cm.valid_to, pm.position, u.name AS unit_name
         FROM award_council_members cm JOIN people p ON p.id = cm.person_id
         LEFT JOIN LATERAL (SELECT x.org_unit_id, x.position FROM person_memberships x
                             WHERE x.person_id = p.id AND x.valid_from <= $3::date AND (x.valid_to IS NULL OR x.valid_to >= $3::date)
                             ORDER BY x.valid_from DESC, x.id DESC LIMIT 1) pm ON true
         LEFT JOIN org_units u ON u.id = pm.org_unit_id
        WHERE cm.council_id = ANY($1::int[])
          AND ($2::date IS NULL OR (cm.valid_from <= $2::date AND (cm.valid_to IS NULL OR cm.valid_to >= $2::date)))
        ORDER BY cm.council_id, CASE cm.role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, p.full_name, cm.id`,
      [councilIds, o.on, o.positionsOn],
    );
    return rows.map((r) => ({
      id: r.id, councilId: r.council_id, personId: r.person_id, fullName: r.full_name, gender: r.gender, userId: r.user_id, role: r.role, validFrom: r.valid_from,
      validTo: r.valid_to, position: r.position ?? '', unitName: r.unit_name,
    }));
  },

  /** The person linked to a user, and the councils they sit on that day. */
  async memberCouncilsOfUser(db: Db, userId: number, on: string): Promise<{ personId: number; councilIds: number[] } | null> {
    const r = await db.maybeOne<{ person_id: number; councils: number[] }>(
      `SELECT p.id AS person_id, coalesce(array_agg(cm.council_id) FILTER (WHERE cm.council_id IS NOT NULL), '{}') AS councils
         FROM people p LEFT JOIN award_council_members cm ON cm.person_id = p.id AND cm.valid_from <= $2::date AND (cm.valid_to IS NULL OR cm.valid_to >= $2::date)
        WHERE p.user_id = $1 GROUP BY p.id`,
      [userId, on],
    );
    return r ? { personId: r.person_id, councilIds: r.councils } : null;
  },

  async peopleExist(db: Db, ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    return new Set((await db.query<{ id: number }>(`SELECT id FROM people WHERE id = ANY($1::int[])`, [ids])).map((r) => r.id));
  },

  // ── meetings ──
  async insertMeeting(db: Db, w: MeetingWrite): Promise<number> {
    const r = await db.one<{ id: number }>(
      `INSERT INTO award_meetings (council_id, year, held_at, place, chair_person_id, secretary_person_id, notes) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [w.councilId, w.year, w.heldAt, w.place, w.chairPersonId, w.secretaryPersonId, w.notes],
    );
    return r.id;
  },

  async meeting(db: Db, id: number, lock = false): Promise<MeetingRow | null> {
    if (lock) await db.query(`SELECT id FROM award_meetings WHERE id = $1 FOR UPDATE`, [id]);
    const r = await db.maybeOne<MeetingDbRow>(`${MEETING_SELECT} WHERE m.id = $1`, [id]);
    return r ? toMeeting(r) : null;
  },

  async meetings(db: Db, f: { year?: number; councilIds: number[] | null }): Promise<MeetingRow[]> {
    const rows = await db.query<MeetingDbRow>(
      `${MEETING_SELECT} WHERE ($1::int IS NULL OR m.year = $1) AND ($2::int[] IS NULL OR m.council_id = ANY($2::int[]))
        ORDER BY m.held_at DESC, m.id DESC LIMIT 500`,
      [f.year ?? null, f.councilIds],
    );
    return rows.map(toMeeting);
  },

  async updateMeeting(db: Db, id: number, w: Omit<MeetingWrite, 'councilId' | 'year'> & { endedAt: Date | null }): Promise<void> {
    await db.query(
      `UPDATE award_meetings SET held_at = $2, place = $3, chair_person_id = $4, secretary_person_id = $5, notes = $6, ended_at = $7,
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, w.heldAt, w.place, w.chairPersonId, w.secretaryPersonId, w.notes, w.endedAt],
    );
  },

  async setMeetingStatus(
    db: Db, id: number, w: { status: MeetingStatus; membersTotal?: number; present?: number; minutes?: { year: number; seq: number }; closedBy?: number | null },
  ): Promise<void> {
    await db.query(
      `UPDATE award_meetings SET status = $2, members_total = coalesce($3, members_total), present = coalesce($4, present),
              minutes_year = coalesce($5, minutes_year), minutes_seq = coalesce($6, minutes_seq),
              closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END, closed_by = CASE WHEN $2 = 'closed' THEN $7 ELSE closed_by END,
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, w.status, w.membersTotal ?? null, w.present ?? null, w.minutes?.year ?? null, w.minutes?.seq ?? null, w.closedBy ?? null],
    );
  },

  async bumpMeeting(db: Db, id: number): Promise<void> {
    await db.query(`UPDATE award_meetings SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  },

  async attendance(db: Db, meetingId: number): Promise<AttendanceRow[]> {
    const rows = await db.query<{ person_id: number; present: boolean; written_opinion: boolean }>(
      `SELECT person_id, present, written_opinion FROM award_meeting_attendance WHERE meeting_id = $1 ORDER BY person_id`, [meetingId]);
    return rows.map((r) => ({ personId: r.person_id, present: r.present, writtenOpinion: r.written_opinion }));
  },

  async replaceAttendance(db: Db, meetingId: number, rows: AttendanceRow[]): Promise<void> {
    await db.query(`DELETE FROM award_meeting_attendance WHERE meeting_id = $1`, [meetingId]);
    if (rows.length)
      await db.query(
        `INSERT INTO award_meeting_attendance (meeting_id, person_id, present, written_opinion)
         SELECT $1, p, pr, w FROM unnest($2::int[], $3::boolean[], $4::boolean[]) AS x(p, pr, w)`,
        [meetingId, rows.map((r) => r.personId), rows.map((r) => r.present), rows.map((r) => r.writtenOpinion)],
      );
  },

  /** The next Biên bản number of the council in a calendar year. */
  async nextMinutesSeq(db: Db, councilId: number, year: number): Promise<number> {
    await db.query(`SELECT pg_advisory_xact_lock(7310115, $1)`, [councilId]);
    const r = await db.one<{ n: number }>(`SELECT coalesce(max(minutes_seq), 0)::int + 1 AS n FROM award_meetings WHERE council_id = $1 AND minutes_year = $2`, [councilId, year]);
    return r.n;
  },

  async minutesSeqTaken(db: Db, councilId: number, year: number, seq: number, exceptId: number): Promise<boolean> {
    return (await db.maybeOne(`SELECT 1 FROM award_meetings WHERE council_id = $1 AND minutes_year = $2 AND minutes_seq = $3 AND id <> $4`, [councilId, year, seq, exceptId])) !== null;
  },

  // ── ballots ──
  async ballots(db: Db, meetingIds: number[]): Promise<BallotRow[]> {
    const rows = await db.query<{
      id: number; meeting_id: number; nomination_id: number; members_total: number; ballots_cast: number; votes_for: number; votes_against: number;
      vote_num: number | null; vote_den: number | null; version_id: number | null; passed: boolean | null; mode: 'paper' | 'electronic';
      recorded_at: Date | string | null; sort: number; person_id: number | null; org_unit_id: number | null; award_code: string; year: number;
      status: NominationStatus; proposing_unit_id: number; n_version: number; casts: number;
    }>(
      `SELECT b.id, b.meeting_id, b.nomination_id, b.members_total, b.ballots_cast, b.votes_for, b.votes_against, b.vote_num, b.vote_den, b.version_id,
              b.passed, b.mode, b.recorded_at, b.sort, n.person_id, n.org_unit_id, n.award_code, n.year, n.status, n.proposing_unit_id, n.version AS n_version,
              (SELECT count(*)::int FROM award_ballot_casts c WHERE c.ballot_id = b.id) AS casts
         FROM award_ballots b JOIN award_nominations n ON n.id = b.nomination_id
        WHERE b.meeting_id = ANY($1::int[]) ORDER BY b.meeting_id, b.sort, b.id`,
      [meetingIds],
    );
    return rows.map((r) => ({
      id: r.id, meetingId: r.meeting_id, nominationId: r.nomination_id, membersTotal: r.members_total, ballotsCast: r.ballots_cast, votesFor: r.votes_for,
      votesAgainst: r.votes_against, voteNum: r.vote_num, voteDen: r.vote_den, versionId: r.version_id, passed: r.passed, mode: r.mode,
      recordedAt: iso(r.recorded_at), sort: r.sort, casts: r.casts,
      nomination: {
        personId: r.person_id, unitId: r.org_unit_id, awardCode: r.award_code, year: r.year, status: r.status, proposingUnitId: r.proposing_unit_id, version: r.n_version,
      },
    }));
  },

  /** The meeting (other than `exceptId`) that has this nomination on its agenda and is not closed, if any. */
  async openBallotOf(db: Db, nominationId: number, exceptMeetingId: number): Promise<{ meetingId: number } | null> {
    const r = await db.maybeOne<{ meeting_id: number }>(
      `SELECT b.meeting_id FROM award_ballots b JOIN award_meetings m ON m.id = b.meeting_id
        WHERE b.nomination_id = $1 AND b.meeting_id <> $2 AND m.status <> 'closed' LIMIT 1`,
      [nominationId, exceptMeetingId],
    );
    return r ? { meetingId: r.meeting_id } : null;
  },

  async insertBallot(db: Db, meetingId: number, nominationId: number, membersTotal: number, sort: number): Promise<void> {
    await db.query(`INSERT INTO award_ballots (meeting_id, nomination_id, members_total, sort) VALUES ($1,$2,$3,$4) ON CONFLICT (meeting_id, nomination_id) DO NOTHING`,
      [meetingId, nominationId, membersTotal, sort]);
  },

  async deleteBallot(db: Db, meetingId: number, nominationId: number): Promise<void> {
    await db.query(`DELETE FROM award_ballots WHERE meeting_id = $1 AND nomination_id = $2`, [meetingId, nominationId]);
  },

  /** At the opening: every ballot's denominator is the council's membership that day. */
  async setBallotsMembers(db: Db, meetingId: number, membersTotal: number): Promise<void> {
    await db.query(`UPDATE award_ballots SET members_total = $2 WHERE meeting_id = $1`, [meetingId, membersTotal]);
  },

  async lockBallot(db: Db, meetingId: number, nominationId: number): Promise<{ id: number; mode: 'paper' | 'electronic'; casts: number; recorded: boolean } | null> {
    const r = await db.maybeOne<{ id: number; mode: 'paper' | 'electronic'; recorded: boolean }>(
      `SELECT id, mode, recorded_at IS NOT NULL AS recorded FROM award_ballots WHERE meeting_id = $1 AND nomination_id = $2 FOR UPDATE`, [meetingId, nominationId]);
    if (!r) return null;
    const c = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM award_ballot_casts WHERE ballot_id = $1`, [r.id]);
    return { id: r.id, mode: r.mode, casts: c.n, recorded: r.recorded };
  },

  async setBallotSort(db: Db, meetingId: number, nominationId: number, sort: number): Promise<void> {
    await db.query(`UPDATE award_ballots SET sort = $3 WHERE meeting_id = $1 AND nomination_id = $2`, [meetingId, nominationId, sort]);
  },

  async setEndedAt(db: Db, meetingId: number, endedAt: Date): Promise<void> {
    await db.query(`UPDATE award_meetings SET ended_at = $2 WHERE id = $1`, [meetingId, endedAt]);
  },

  async setTally(db: Db, ballotId: number, t: { ballotsCast: number; votesFor: number; votesAgainst: number; by: number | null }): Promise<void> {
    await db.query(
      `UPDATE award_ballots SET mode = 'paper', ballots_cast = $2, votes_for = $3, votes_against = $4, recorded_by = $5, recorded_at = now() WHERE id = $1`,
      [ballotId, t.ballotsCast, t.votesFor, t.votesAgainst, t.by],
    );
  },

  /**
   * One member's secret ballot: records that they voted (once: the key refuses a second) and adds the vote to the
   * counts in the same statement; how they voted is stored nowhere. Returns false when they had voted already.
   */
  async castBallot(db: Db, ballotId: number, personId: number, choice: 'for' | 'against' | 'blank'): Promise<boolean> {
    const r = await db.maybeOne<{ ballot_id: number }>(
      `INSERT INTO award_ballot_casts (ballot_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING ballot_id`, [ballotId, personId]);
    if (!r) return false;
    await db.query(
      `UPDATE award_ballots SET mode = 'electronic', ballots_cast = ballots_cast + 1, votes_for = votes_for + $2, votes_against = votes_against + $3,
              recorded_at = now() WHERE id = $1`,
      [ballotId, choice === 'for' ? 1 : 0, choice === 'against' ? 1 : 0],
    );
    return true;
  },

  async hasCast(db: Db, ballotIds: number[], personId: number): Promise<Set<number>> {
    if (!ballotIds.length) return new Set();
    return new Set((await db.query<{ ballot_id: number }>(
      `SELECT ballot_id FROM award_ballot_casts WHERE ballot_id = ANY($1::int[]) AND person_id = $2`, [ballotIds, personId])).map((r) => r.ballot_id));
  },

  async finishBallot(db: Db, ballotId: number, r: { passed: boolean; voteNum: number | null; voteDen: number | null; versionId: number | null; membersTotal: number }) {
    await db.query(`UPDATE award_ballots SET passed = $2, vote_num = $3, vote_den = $4, version_id = $5, members_total = $6 WHERE id = $1`,
      [ballotId, r.passed, r.voteNum, r.voteDen, r.versionId, r.membersTotal]);
  },

  /** The last closed meeting that voted on each nomination (for the dossier and the decision's "Căn cứ"). */
  async closedBallotsOf(db: Db, nominationIds: number[]): Promise<Map<number, { meetingId: number; votesFor: number; membersTotal: number; passed: boolean | null }>> {
    if (!nominationIds.length) return new Map();
    const rows = await db.query<{ nomination_id: number; meeting_id: number; votes_for: number; members_total: number; passed: boolean | null }>(
      `SELECT DISTINCT ON (b.nomination_id) b.nomination_id, b.meeting_id, b.votes_for, b.members_total, b.passed
         FROM award_ballots b JOIN award_meetings m ON m.id = b.meeting_id
        WHERE b.nomination_id = ANY($1::int[]) AND m.status = 'closed' ORDER BY b.nomination_id, m.held_at DESC, m.id DESC`,
      [nominationIds],
    );
    return new Map(rows.map((r) => [r.nomination_id, { meetingId: r.meeting_id, votesFor: r.votes_for, membersTotal: r.members_total, passed: r.passed }]));
  },
};
