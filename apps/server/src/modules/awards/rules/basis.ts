/**
 * How a rule cites its basis. A law row: "Điều 22 Luật Thi đua, khen thưởng 06/2022/QH15". A setting is the
 * department's own choice where the law was not confirmed, and says so: it is never cited as law.
 */
import { formatDate } from '@nhip/contracts';
import type { LegalBasis } from './types.js';

/** "Điều 22 Luật Thi đua, khen thưởng 06/2022/QH15"; "Nghị định 98/2023/NĐ-CP" without an article. */
export function citeArticle(basis: LegalBasis, article: string | null): string {
  const act = `${basis.shortName} ${basis.number}`;
  return article ? `${article} ${act}` : act;
}

/** The basis text of a rule row, law or setting. */
export function citeRule(
  row: { basisId: number | null; article: string | null; source: 'law' | 'setting'; confirmedAt?: string | null },
  bases: ReadonlyMap<number, LegalBasis>,
): string {
  const basis = row.basisId === null ? null : (bases.get(row.basisId) ?? null);
  if (row.source === 'law') return basis ? citeArticle(basis, row.article) : 'Chưa ghi căn cứ pháp lý';
  const confirmed = row.confirmedAt ? `đã xác nhận ngày ${formatDate(row.confirmedAt)}` : 'chưa xác nhận căn cứ pháp lý';
  return `Thiết lập của Sở (${confirmed})${basis ? `; tham khảo ${citeArticle(basis, row.article)}` : ''}`;
}

const KIND_WORDS: Record<LegalBasis['kind'], string> = {
  law: 'Luật', decree: 'Nghị định', circular: 'Thông tư', decision: 'Quyết định', provincial: 'Quyết định',
};

/** "ngày 15 tháng 6 năm 2022" (no leading zero on the day and month inside a sentence). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/**
 * A decision's "Căn cứ" line for a legal basis (without "Căn cứ" and the final punctuation):
 * "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định …".
 */
export function basisLine(b: LegalBasis): string {
  if (b.kind === 'law') return `${b.title || b.shortName}${b.issuedOn ? ` ${longDate(b.issuedOn)}` : ''}`;
  const date = b.issuedOn ? ` ${longDate(b.issuedOn)}` : '';
  const issuer = b.issuer ? ` của ${b.issuer}` : '';
  return `${KIND_WORDS[b.kind]} số ${b.number}${date}${issuer}${b.title ? ` ${b.title}` : ''}`;
}

/** Is the basis in force on the date? */
export const basisInForce = (b: Pick<LegalBasis, 'validFrom' | 'validTo'>, date: string) => b.validFrom <= date && (b.validTo === null || date <= b.validTo);
