-- People directory, second step: why a membership ended, and at most one OPEN membership per person, held by
-- the database as well as by the service (two concurrent moves of one person cannot both leave one open).

ALTER TABLE person_memberships ADD COLUMN end_reason text CHECK (end_reason IN ('moved','retired','left','other'));

CREATE UNIQUE INDEX person_memberships_open_key ON person_memberships(person_id) WHERE valid_to IS NULL;
