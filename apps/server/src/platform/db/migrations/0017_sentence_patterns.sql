-- Figures in prose: the sentence the draft summary report writes about a data element or indicator, as a small
-- template with named slots (reports/figure-sentences.ts), e.g. 'Toàn tỉnh có {value} {object}[, {delta}]'. NULL
-- takes the default for the figure's kind (a stock, a flow, a ratio). The desirable direction the sentence
-- respects is the existing `better` column (0005), not a second one.
ALTER TABLE data_elements ADD COLUMN sentence_pattern text;
ALTER TABLE indicators ADD COLUMN sentence_pattern text;
