-- The register's board over 100,000 recommendations: how many times a point was raised is kept on the
-- recommendation (the distinct periods of its sources, refreshed by the service whenever a source is added or
-- moved), so the board can sort and filter by recurrence without counting every point's sources; the periods and
-- conferences a point was raised in are found through indexes on its sources.

ALTER TABLE recommendations ADD COLUMN times_raised integer NOT NULL DEFAULT 0 CHECK (times_raised >= 0);
CREATE INDEX recommendations_times_raised_idx ON recommendations(times_raised DESC, id);
CREATE INDEX recommendations_updated_idx ON recommendations(updated_at DESC, id);
CREATE INDEX recommendations_deadline_all_idx ON recommendations(deadline, id);
CREATE INDEX recommendations_merged_into_idx ON recommendations(merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX recommendations_first_period_idx ON recommendations(first_period);
CREATE INDEX recommendation_sources_period_idx ON recommendation_sources(period, recommendation_id);
CREATE INDEX recommendation_sources_discussion_idx ON recommendation_sources(discussion_item_id) WHERE discussion_item_id IS NOT NULL;
CREATE INDEX recommendation_sources_point_idx ON recommendation_sources(point_id) WHERE point_id IS NOT NULL;
CREATE INDEX recommendation_cooperating_unit_idx ON recommendation_cooperating_units(org_unit_id);
CREATE INDEX recommendation_update_files_update_idx ON recommendation_update_files(update_id);
