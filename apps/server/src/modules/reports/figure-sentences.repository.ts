/** SQL of figures in prose: what the catalog says about how to word each data element and indicator. */
import type { Db } from '../../platform/db/index.js';

export type SentenceCatalogRow = {
  kind: 'de' | 'ind';
  code: string;
  name: string;
  value_type: string | null;
  aggregation_type: string | null;
  better: 'higher' | 'lower';
  sentence_pattern: string | null;
  numerator: string | null;
  denominator: string | null;
};

/** Every data element and indicator with its wording facts; an indicator's parts as written (#{CODE} …). */
export const sentenceCatalog = (db: Db) =>
  db.query<SentenceCatalogRow>(
    `SELECT 'de' AS kind, code, name, value_type, aggregation_type, better, sentence_pattern, NULL AS numerator, NULL AS denominator FROM data_elements
     UNION ALL
     SELECT 'ind', code, name, NULL, NULL, better, sentence_pattern, numerator, denominator FROM indicators`,
  );
