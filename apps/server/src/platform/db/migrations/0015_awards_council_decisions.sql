-- Awards, second half: what the emulation clusters, the council's meetings and ballots, the decisions and their
-- certificates need beyond 0011 (modules/awards: cluster*, council*, decision*, certificate*, dossier*).

-- ───────────── clusters ─────────────
-- A ranking is published once; edits after that need it withdrawn first (version: optimistic lock).
ALTER TABLE award_clusters ADD COLUMN version integer NOT NULL DEFAULT 1;
-- A score filled in from a Nhịp figure (params.figure of a 'computed' criterion), not typed.
ALTER TABLE award_cluster_scores ADD COLUMN computed boolean NOT NULL DEFAULT false;
CREATE INDEX award_cluster_members_unit_idx ON award_cluster_members(org_unit_id);
CREATE INDEX award_clusters_year_idx ON award_clusters(year);

-- ───────────── council meetings ─────────────
-- Who chairs and who takes the minutes; when it ended; the Biên bản's number in the council's own series
-- (Decree 30/2020: a council that uses the agency's seal numbers its documents itself), per calendar year.
ALTER TABLE award_meetings ADD COLUMN chair_person_id integer REFERENCES people(id);
ALTER TABLE award_meetings ADD COLUMN secretary_person_id integer REFERENCES people(id);
ALTER TABLE award_meetings ADD COLUMN ended_at timestamptz;
ALTER TABLE award_meetings ADD COLUMN minutes_year integer;
ALTER TABLE award_meetings ADD COLUMN minutes_seq integer CHECK (minutes_seq > 0);
ALTER TABLE award_meetings ADD COLUMN closed_at timestamptz;
ALTER TABLE award_meetings ADD COLUMN closed_by integer REFERENCES users(id);
ALTER TABLE award_meetings ADD CONSTRAINT award_meetings_minutes_pair CHECK ((minutes_year IS NULL) = (minutes_seq IS NULL));
CREATE UNIQUE INDEX award_meetings_minutes_key ON award_meetings(council_id, minutes_year, minutes_seq) WHERE minutes_seq IS NOT NULL;
CREATE INDEX award_meetings_year_idx ON award_meetings(year);
-- A tally typed from the paper count, or the members' ballots cast in Nhịp (how each voted is never stored).
ALTER TABLE award_ballots ADD COLUMN mode text NOT NULL DEFAULT 'paper' CHECK (mode IN ('paper','electronic'));
ALTER TABLE award_ballots ADD COLUMN sort integer NOT NULL DEFAULT 0;
CREATE INDEX award_ballots_nomination_idx ON award_ballots(nomination_id);

-- ───────────── decisions ─────────────
-- 'department': the director's own Quyết định, drafted, numbered and signed in Nhịp.
-- 'external': a higher authority's decision (Chủ tịch UBND tỉnh, Bộ trưởng …) recorded as received: its number,
-- date and authority are typed in, and recording it writes the register like the department's own.
ALTER TABLE award_decisions ADD COLUMN issuer_kind text NOT NULL DEFAULT 'department' CHECK (issuer_kind IN ('department','external'));
-- The year of the achievements (the lines' year); `year` is the year of the number series.
ALTER TABLE award_decisions ADD COLUMN award_year integer CHECK (award_year BETWEEN 2000 AND 2200);
-- The conference at which the awards are handed out (its "khen thưởng" agenda item).
ALTER TABLE award_decisions ADD COLUMN conference_id integer REFERENCES conferences(id);
-- The "Căn cứ" lines were chosen by the office (else they follow the rules in force on the decision date).
ALTER TABLE award_decisions ADD COLUMN bases_explicit boolean NOT NULL DEFAULT false;
-- What Điều 1 says the awards are for ("đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025").
ALTER TABLE award_decisions ADD COLUMN reason text;
-- The issued document as issued: its model and its .docx, never rebuilt.
ALTER TABLE award_decisions ADD COLUMN content jsonb;
ALTER TABLE award_decisions ADD COLUMN docx bytea;
ALTER TABLE award_decisions ADD CONSTRAINT award_decisions_issued_number CHECK (status <> 'issued' OR (number IS NOT NULL AND decision_date IS NOT NULL));
CREATE INDEX award_decisions_conference_idx ON award_decisions(conference_id) WHERE conference_id IS NOT NULL;
CREATE INDEX award_decisions_award_year_idx ON award_decisions(award_year, status);
-- The certificate's line of achievement (Giấy khen: "Đã có thành tích …"), from the nomination or the decision.
ALTER TABLE award_decision_lines ADD COLUMN achievement text;
CREATE INDEX award_records_decision_idx ON award_records(decision_id) WHERE decision_id IS NOT NULL;
