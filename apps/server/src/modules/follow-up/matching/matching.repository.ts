/**
 * The SQL of matching, for the repository of whichever table stores the points (the follow-up module's
 * recommendations). The table needs an id, the text, and the text's terms (`matchTerms`, a `text[]` column kept up
 * to date on every insert and text change, and rebuilt when the lexicon changes), with a GIN index on them:
 *
 *   match_terms text[] NOT NULL DEFAULT '{}'
 *   CREATE INDEX <table>_match_terms_idx ON <table> USING gin (match_terms);
 *
 * (`matchTermsIndexSql` writes the index.) Table and column names are the caller's constants, never user input:
 * they are checked to be plain identifiers.
 */
import type { Db } from '../../../platform/db/index.js';
import type { RetrievalProbe } from './retrieval.js';
import { DEFAULT_MAX_ROWS } from './retrieval.js';
import { CorpusStats } from './score.js';

export interface MatchSource {
  /** Table (optionally schema-qualified). */
  readonly table: string;
  readonly id: string;
  readonly text: string;
  /** The `text[]` column holding matchTerms. */
  readonly terms: string;
  /** Extra condition on the table's rows, alias `t`, without parameters (e.g. "t.state <> 'merged'"). */
  readonly where?: string;
}

export interface StoredPoint<Id = number> {
  readonly id: Id;
  readonly text: string;
}

const IDENT = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;
function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`matching: "${name}" is not a plain SQL identifier`);
  return name;
}

/** The index the table needs. */
export function matchTermsIndexSql(src: Pick<MatchSource, 'table' | 'terms'>, name = `${src.table.replace('.', '_')}_${src.terms}_idx`): string {
  return `CREATE INDEX IF NOT EXISTS ${ident(name)} ON ${ident(src.table)} USING gin (${ident(src.terms)})`;
}

/**
 * The stored points most like the probe's text, best first: the candidates to score with rankCandidates. Reads at
 * most `maxRows` points (see retrieval.ts); a point that shares none of the selecting terms is never returned.
 */
export async function findCandidates<Id = number>(
  db: Db,
  source: MatchSource,
  probe: RetrievalProbe,
  opts: { limit?: number; maxRows?: number } = {},
): Promise<StoredPoint<Id>[]> {
  if (probe.select.length === 0) return [];
  const [table, id, text, terms] = [ident(source.table), ident(source.id), ident(source.text), ident(source.terms)];
  const total = probe.weights.reduce((a, w) => a + w, 0);
  // Σ weights of the shared terms, one `$n = ANY (terms)` per term of the probe: much cheaper per row than an unnest.
  const shared = probe.terms.map((_, i) => `CASE WHEN $${i + 5}::text = ANY (r.terms) THEN ${Number(probe.weights[i]).toFixed(6)} ELSE 0 END`).join(' + ');
  return db.query<StoredPoint<Id>>(
    `SELECT r.id, r.text
       FROM (SELECT t.${id} AS id, t.${text} AS text, t.${terms} AS terms
               FROM ${table} t
              WHERE t.${terms} ${probe.mode === 'all' ? '@>' : '&&'} $1::text[]${source.where ? ` AND (${source.where})` : ''}
              LIMIT $2) r
      ORDER BY (${shared}) / ($3::float8 + cardinality(r.terms)) DESC, r.id DESC
      LIMIT $4`,
    [probe.select, opts.maxRows ?? DEFAULT_MAX_ROWS, total, opts.limit ?? 50, ...probe.terms],
  );
}

/** Document frequencies of the stored points' terms, for the scorer and retrieval. */
export async function loadTermStats(db: Db, source: MatchSource): Promise<CorpusStats> {
  const [table, terms] = [ident(source.table), ident(source.terms)];
  const where = source.where ? `WHERE ${source.where}` : '';
  const docs = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} t ${where}`);
  const rows = await db.query<{ term: string; n: number }>(
    `SELECT term, count(*)::int AS n FROM ${table} t, unnest(t.${terms}) AS term ${where} GROUP BY term`,
  );
  return CorpusStats.fromCounts(
    docs.n,
    rows.map((r) => [r.term, r.n] as const),
  );
}
