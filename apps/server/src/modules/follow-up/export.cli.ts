/** `nhip recommendations export --out FILE.xlsx [--period P]`: the whole register (or a period's), as the office sees it. */
import { writeFile } from 'node:fs/promises';
import type { Db } from '../../platform/db/index.js';
import { buildRegisterXlsx } from './export.service.js';
import { resolveBoardFilter } from './recommendations.service.js';

export async function runRecommendationsExport(db: Db, args: { out: string; period?: string }, day: string, now: Date): Promise<string> {
  const q = { period: args.period };
  const started = performance.now();
  const { buffer, rows, truncated } = await buildRegisterXlsx(db, { kind: 'all' }, await resolveBoardFilter(db, q), q, day, now);
  await writeFile(args.out, buffer);
  return `Đã ghi ${args.out}: ${rows.toLocaleString('vi-VN')} kiến nghị${truncated ? ' (đã cắt bớt; hãy lọc theo kỳ)' : ''}, ${buffer.length.toLocaleString('vi-VN')} byte, ${Math.round(performance.now() - started)} ms.`;
}
