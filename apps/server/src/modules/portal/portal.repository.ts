/** SQL of the public portal: the stamp its page cache is keyed by, contact details, and what the open figures read. */
import type { AggregationType } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';

export type Contact = { address?: string; phone?: string; email?: string };

export type PublicFigureRow = {
  kind: 'element' | 'indicator';
  code: string;
  name: string;
  name_en: string | null;
  description: string | null;
  uom: string | null;
  sector_name: string | null;
  sector_sort: number | null;
  public_level: number;
  /** Data elements: how they add up; indicators: null. */
  aggregation_type: AggregationType | null;
  /** Indicators: the expressions and decimals; data elements: null. */
  numerator: string | null;
  denominator: string | null;
  decimals: number | null;
};

export type RoundRow = { period: string; period_start: string; period_end: string; status: 'open' | 'closed' };

const FIGURE_COLS = `code, name, name_en, description, uom, sector_name, sector_sort, public_level, aggregation_type, numerator, denominator, decimals, kind`;
const PUBLIC_FIGURES = `
  SELECT 'element' AS kind, e.code, e.name, e.name_en, e.description, e.uom, s.name AS sector_name, s.sort AS sector_sort, e.public_level,
         e.aggregation_type, NULL::text AS numerator, NULL::text AS denominator, NULL::int AS decimals
    FROM data_elements e LEFT JOIN sectors s ON s.id = e.sector_id
   WHERE e.public AND e.value_type NOT IN ('TEXT', 'BOOLEAN')
  UNION ALL
  SELECT 'indicator', i.code, i.name, i.name_en, i.description, i.uom, s.name, s.sort, i.public_level,
         NULL, i.numerator, i.denominator, i.decimals
    FROM indicators i LEFT JOIN sectors s ON s.id = i.sector_id
   WHERE i.public`;

export const portalRepo = {
  /**
   * What the page cache is keyed by (portal.http.ts): the audit chain's head, and the next moment a scheduled
   * article becomes public (read from the newsroom's table, for this purpose only).
   */
  stamp: (db: Db, now: Date) =>
    db.one<{ seq: string | null; next: Date | null }>(
      `SELECT (SELECT seq::text FROM audit_chain WHERE id) AS seq,
              (SELECT min(published_at) FROM news_articles WHERE status = 'published' AND published_at > $1) AS next`,
      [now],
    ),

  /** The department's contact details (setting 'org.contact': address, phone, email), or an empty object. */
  contact: async (db: Db): Promise<Contact> => {
    const r = await db.maybeOne<{ value: Contact | null }>(`SELECT value FROM settings WHERE key = 'org.contact'`);
    return r?.value && typeof r.value === 'object' ? r.value : {};
  },

  unitAddress: async (db: Db, id: number | null) =>
    id === null ? null : ((await db.maybeOne<{ address: string | null }>(`SELECT address FROM org_units WHERE id = $1`, [id]))?.address ?? null),

  /** Every public data element (with a number to add up) and indicator, by sector and name. */
  publicFigures: (db: Db) =>
    db.query<PublicFigureRow>(`SELECT ${FIGURE_COLS} FROM (${PUBLIC_FIGURES}) f ORDER BY sector_sort NULLS LAST, sector_name NULLS LAST, name, code`),

  publicFigure: (db: Db, code: string) => db.maybeOne<PublicFigureRow>(`SELECT ${FIGURE_COLS} FROM (${PUBLIC_FIGURES}) f WHERE code = $1 LIMIT 1`, [code]),

  /** The reporting rounds of every form that carries one of these data elements. */
  roundsCarrying: (db: Db, elementCodes: string[]) =>
    db.query<RoundRow>(
      `SELECT DISTINCT r.period, r.period_start, r.period_end, r.status
         FROM reporting_rounds r
        WHERE EXISTS (SELECT 1 FROM form_elements fe JOIN data_elements e ON e.id = fe.data_element_id
                       WHERE fe.form_id = r.form_id AND e.code = ANY($1::text[]))
        ORDER BY r.period_start, r.period_end`,
      [elementCodes],
    ),

  /** The province: the level-1 unit (a province first). */
  provinceRoot: (db: Db) =>
    db.maybeOne<{ id: number; code: string; name: string }>(`SELECT id, code, name FROM org_units WHERE level = 1 ORDER BY (type = 'province') DESC, id LIMIT 1`),

  /** Level and name of units by code (the by-unit table is checked against the figure's public level). */
  unitsByCode: (db: Db, codes: string[]) =>
    db.query<{ code: string; name: string; level: number }>(`SELECT code, name, level FROM org_units WHERE code = ANY($1::text[])`, [codes]),
};
