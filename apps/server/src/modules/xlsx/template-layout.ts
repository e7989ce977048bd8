/**
 * What the Excel template looks like, shared by the writer and the reader: sheet names, columns, the
 * narrative headings, and the identity block kept in the hidden '_nhip' sheet.
 */
import { createHash } from 'node:crypto';
import { NARRATIVE_LABELS, NARRATIVE_SECTIONS, type NarrativeSection, type ValueType, foldDiacritics } from '@nhip/contracts';

export const TEMPLATE_VERSION = 1;
export const MAIN_SHEET = 'Báo cáo';
export const META_SHEET = '_nhip';

/** Column letters of a data row. Column A holds the data element code: the key the import reads. */
export const COL = { code: 'A', name: 'B', uom: 'C', value: 'D', comment: 'E', previous: 'F', lastYear: 'G' } as const;
export const LAST_COL = 'G';
export const CODE_HEADER = 'Mã chỉ tiêu';
export const NARRATIVE_PART = 'PHẦN II. NỘI DUNG THUYẾT MINH';
/** Excel keeps at most 32,767 characters in a cell: longer narratives continue on the next rows. */
export const CELL_TEXT_CHUNK = 32_000;

export const narrativeHeading = (s: NarrativeSection) => `${NARRATIVE_SECTIONS.indexOf(s) + 1}. ${NARRATIVE_LABELS[s].vi}`;

const fold = (s: string) => foldDiacritics(s).replace(/\s+/g, ' ').trim();
const HEADINGS = new Map(NARRATIVE_SECTIONS.map((s) => [fold(NARRATIVE_LABELS[s].vi), s]));

/** The narrative section a heading cell names ('1. Kết quả đạt được', 'KẾT QUẢ ĐẠT ĐƯỢC'), or null. */
export function headingSection(text: string): NarrativeSection | null {
  return HEADINGS.get(fold(text).replace(/^(\d+|[ivx]+)[.)]\s*/, '')) ?? null;
}
export const isNarrativePart = (text: string) => fold(text) === fold(NARRATIVE_PART);

/** Who the template was made for. Written to the hidden sheet; a file for another round or unit is refused. */
export type TemplateIdentity = {
  version: number;
  roundId: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  formCode: string;
  formName: string;
  period: string;
  periodLabel: string;
};

/** A short fingerprint of the identity fields, to notice a hidden sheet edited by hand. */
export function identityChecksum(id: TemplateIdentity): string {
  const text = ['nhip-xlsx', id.version, id.roundId, id.unitId, id.unitCode, id.formCode, id.period].join('|');
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** Order and names of the rows of the hidden sheet. */
export const META_KEYS = ['version', 'roundId', 'unitId', 'unitCode', 'unitName', 'formCode', 'formName', 'period', 'periodLabel', 'checksum', 'generatedAt'] as const;

/** How Excel shows a number of each value type (values stay numbers; Excel applies the reader's locale). */
export const NUM_FMT: Record<ValueType, string> = {
  INTEGER: '#,##0',
  NUMBER: '#,##0.0##',
  PERCENTAGE: '0.0#',
  BOOLEAN: '@',
  TEXT: '@',
};

/** Excel data validation cannot take "unbounded": these stand for it. */
export const UNBOUNDED = 999_999_999_999_999;
