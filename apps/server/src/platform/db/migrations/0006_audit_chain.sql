-- Tamper-evident audit: every audit event stores its place in one chain (seq) and a SHA-256 hash over its own
-- canonical text and the hash of the event before it. `npm run nhip -- audit verify` (platform/audit-chain.ts)
-- recomputes the chain in TypeScript from the same canonical text and names the first event that does not match.
--
-- The hash is computed at commit time, by a deferred constraint trigger: a transaction that writes an audit event
-- early and runs for a long time (a large import) holds no chain lock while it works; the lock on the chain head
-- (one row in audit_chain) is taken in the commit and released by it. The chain order is therefore the commit
-- order; inside one transaction it is the id order.
--
-- Canonical text (version 1), UTF-8, lines joined by '\n':
--   nhip-audit-1, then seq, id, at, actor_id, actor_name, action, entity_type, entity_id, org_unit_id, before,
--   after, ip — each as '~' when NULL, otherwise '<length in UTF-8 bytes>:<text>'. `at` is written in UTC with
--   microseconds (2026-11-22T02:00:00.000000Z), integers in decimal, before/after as PostgreSQL's jsonb text
--   (the same on PostgreSQL 15 and 18, and unchanged by a backup and restore).
-- hash = sha256(previous hash || canonical text); the first event's previous hash is 32 zero bytes.

ALTER TABLE audit_events ADD COLUMN seq bigint, ADD COLUMN hash bytea;
CREATE UNIQUE INDEX audit_events_seq_key ON audit_events (seq);
-- Events not yet in the chain: only those of the committing transaction, so this index stays tiny.
CREATE INDEX audit_events_unsealed_idx ON audit_events (id) WHERE hash IS NULL;

-- The chain head: the last sealed event's seq and hash. Its row lock serialises sealing.
CREATE TABLE audit_chain (
  id    boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq   bigint NOT NULL,
  hash  bytea NOT NULL
);

CREATE OR REPLACE FUNCTION audit_canonical_field(v text) RETURNS text
  LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN v IS NULL THEN '~' ELSE octet_length(convert_to(v, 'UTF8')) || ':' || v END $$;

CREATE OR REPLACE FUNCTION audit_event_canonical(e audit_events) RETURNS text
  LANGUAGE sql STABLE AS
$$ SELECT concat_ws(E'\n', 'nhip-audit-1',
     audit_canonical_field(e.seq::text),
     audit_canonical_field(e.id::text),
     audit_canonical_field(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
     audit_canonical_field(e.actor_id::text),
     audit_canonical_field(e.actor_name),
     audit_canonical_field(e.action),
     audit_canonical_field(e.entity_type),
     audit_canonical_field(e.entity_id),
     audit_canonical_field(e.org_unit_id::text),
     audit_canonical_field(e.before::text),
     audit_canonical_field(e.after::text),
     audit_canonical_field(e.ip)) $$;

-- Appends every visible event without a hash to the chain, in id order, and returns how many it sealed.
-- Called at commit by the trigger below, by this migration for existing events, and after restoring a backup
-- made before this migration.
CREATE OR REPLACE FUNCTION audit_chain_seal() RETURNS bigint
  LANGUAGE plpgsql AS $$
DECLARE
  s bigint;
  h bytea;
  e audit_events;
  n bigint := 0;
BEGIN
  INSERT INTO audit_chain (id, seq, hash) VALUES (true, 0, decode(repeat('00', 32), 'hex')) ON CONFLICT (id) DO NOTHING;
  -- In READ COMMITTED this waits for a concurrent sealer's commit and then reads its head.
  SELECT c.seq, c.hash INTO s, h FROM audit_chain c WHERE c.id FOR UPDATE;
  FOR e IN SELECT * FROM audit_events WHERE hash IS NULL ORDER BY id LOOP
    s := s + 1;
    e.seq := s;
    h := sha256(h || convert_to(audit_event_canonical(e), 'UTF8'));
    UPDATE audit_events SET seq = s, hash = h WHERE id = e.id;
    n := n + 1;
  END LOOP;
  IF n > 0 THEN
    UPDATE audit_chain SET seq = s, hash = h WHERE id;
  END IF;
  RETURN n;
END $$;

CREATE OR REPLACE FUNCTION audit_events_seal() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  -- The first event of a transaction seals them all; the others find theirs sealed already.
  IF EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id AND hash IS NULL) THEN
    PERFORM audit_chain_seal();
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER audit_events_chain AFTER INSERT ON audit_events
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.hash IS NULL) EXECUTE FUNCTION audit_events_seal();

-- Still append-only, except that sealing may set seq and hash once on an event that has neither.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.seq IS NULL AND NEW.hash IS NOT NULL AND NEW.seq IS NOT NULL
     AND to_jsonb(OLD) - 'seq' - 'hash' = to_jsonb(NEW) - 'seq' - 'hash' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit tables are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END $$;
DROP TRIGGER audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- The chain head changes only by sealing.
CREATE OR REPLACE FUNCTION audit_chain_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.seq > OLD.seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit tables are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_chain_guard BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_chain_guard();

-- Existing databases: chain every event already recorded, in id order.
SELECT audit_chain_seal();
