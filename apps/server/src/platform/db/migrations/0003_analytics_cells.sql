-- Analytics cells: the approved values of every data element, aggregated for every unit that has sub-units
-- (its whole subtree) and every period that contains a stored period (a quarter's value is in its quarter,
-- six months, nine months and year). Kept current inside the transaction that approves, unlocks or imports
-- approved values (modules/analytics/analytics.cells.ts), so GET /api/analytics reads a few rows instead of
-- adding up raw values. Leaf units are answered from data_values directly (a leaf holds only its own values).
CREATE TABLE analytics_cells (
  data_element_id integer NOT NULL REFERENCES data_elements(id) ON DELETE CASCADE,
  org_unit_id     integer NOT NULL REFERENCES org_units(id) ON DELETE CASCADE,
  period          text NOT NULL,
  value_count     integer NOT NULL,            -- raw values in the cell
  value_sum       numeric NOT NULL,            -- Σ value
  days_sum        numeric NOT NULL,            -- Σ value × days of its stored period (AVERAGE_SUM_ORG_UNIT)
  value_min       numeric,
  value_max       numeric,
  last_count      integer NOT NULL DEFAULT 0,  -- LAST elements: units whose latest value in the period counts
  last_sum        numeric NOT NULL DEFAULT 0,  -- LAST elements: Σ of those latest values
  exact_value     numeric,                     -- the unit's own value stored at exactly this period (NONE)
  stale           boolean NOT NULL DEFAULT false, -- min/max must be recomputed (a removed value may have been the extreme)
  PRIMARY KEY (data_element_id, org_unit_id, period)
);
CREATE INDEX analytics_cells_unit_idx ON analytics_cells (org_unit_id);
