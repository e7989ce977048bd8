-- Analytics reads approved values at query time (GET /api/analytics), so figures are current the moment
-- an approval commits. These indexes serve its one statement: values by data element and stored period,
-- covering the columns it needs, and approved submissions by id.
CREATE INDEX IF NOT EXISTS data_values_de_period_idx
  ON data_values (data_element_id, period) INCLUDE (org_unit_id, num_value, submission_id);
CREATE INDEX IF NOT EXISTS submissions_approved_idx ON submissions (id) WHERE status = 'approved';
