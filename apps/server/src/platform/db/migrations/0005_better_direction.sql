-- The desirable direction of a figure ("chiều tốt"): 'higher' (more is better, the default) or 'lower' (a count of
-- incidents, outages, broken equipment …). The dashboard colours a change by it and the comparison with a target
-- reads a 'lower' target as a ceiling.
ALTER TABLE data_elements ADD COLUMN better text NOT NULL DEFAULT 'higher' CHECK (better IN ('higher', 'lower'));
ALTER TABLE indicators ADD COLUMN better text NOT NULL DEFAULT 'higher' CHECK (better IN ('higher', 'lower'));
