/** SQL of the matching lexicon the office edits (match_lexicon): an empty table means the defaults. */
import type { Db } from '../../platform/db/index.js';
import type { LexiconKind, LexiconRow } from './matching/index.js';

type Row = { kind: LexiconKind; term: string; variants: string[]; exact: boolean; generic: boolean };

const toRow = (r: Row): LexiconRow => ({ kind: r.kind, term: r.term, variants: r.variants, ...(r.exact ? { exact: true } : {}), ...(r.generic ? { generic: true } : {}) });

export const lexiconRepo = {
  /** The stored rows in their order, or null when none are stored (the defaults apply). */
  rows: async (db: Db): Promise<LexiconRow[] | null> => {
    const rows = await db.query<Row>(`SELECT kind, term, variants, exact, generic FROM match_lexicon ORDER BY sort, id`);
    return rows.length ? rows.map(toRow) : null;
  },

  /** Replaces every row (locks the table first, so two saves never interleave). */
  replace: async (db: Db, rows: readonly LexiconRow[]) => {
    await db.query(`LOCK TABLE match_lexicon IN EXCLUSIVE MODE`);
    await db.query(`DELETE FROM match_lexicon`);
    if (!rows.length) return;
    await db.query(
      `INSERT INTO match_lexicon (kind, term, variants, exact, generic, sort)
       SELECT u.kind, u.term, ARRAY(SELECT json_array_elements_text(u.variants)), u.exact, u.generic, u.sort
         FROM unnest($1::text[], $2::text[], $3::json[], $4::boolean[], $5::boolean[], $6::int[]) AS u(kind, term, variants, exact, generic, sort)`,
      [
        rows.map((r) => r.kind), rows.map((r) => r.term), rows.map((r) => JSON.stringify(r.variants)), rows.map((r) => r.exact === true),
        rows.map((r) => r.generic === true), rows.map((_, i) => i + 1),
      ],
    );
  },
};
