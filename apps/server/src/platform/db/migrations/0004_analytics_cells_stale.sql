-- Stale analytics cells are few and short-lived (marked and cleared in the approving transaction). Without this
-- index each approval scanned the whole cells table twice to find them: 0.6 s per approval at national scale.
CREATE INDEX analytics_cells_stale_idx ON analytics_cells (period) WHERE stale;
