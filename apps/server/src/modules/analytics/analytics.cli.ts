/** `nhip analytics --dx … --ou … --pe … [--format csv]`: the same figures as GET /api/analytics, province-wide, approved only. */
import type { Db } from '../../platform/db/index.js';
import { runAnalytics } from './analytics.engine.js';
import { presentCsv, presentGrid } from './analytics.presenter.js';
import { parseDimensions } from './analytics.query.js';

export async function runAnalyticsCommand(
  db: Db,
  args: { dx: string; ou: string; pe: string; format: 'json' | 'csv' },
  today: string,
): Promise<string> {
  const req = parseDimensions([`dx:${args.dx}`, `ou:${args.ou}`, `pe:${args.pe}`]);
  const result = await runAnalytics(db, req, { today, scopeUnitId: null });
  return args.format === 'csv' ? presentCsv(result) : `${JSON.stringify(presentGrid(result), null, 2)}\n`;
}
