import type { z } from 'zod';
import type { ImportResult } from './xlsx.schema.js';
import { type ImportOutcome, importSummary } from './xlsx.service.js';

export function presentImport(o: ImportOutcome, dryRun: boolean): z.infer<typeof ImportResult> {
  const p = o.plan;
  return {
    values: p.values.map((v) => ({
      code: v.code, name: v.name, value: v.value, previous: v.previous, comment: v.comment, saved: v.saved, changed: v.changed, cell: v.cell,
    })),
    narrative: { results: p.narrative.results, difficulties: p.narrative.difficulties, proposals: p.narrative.proposals },
    narrativeChanged: p.narrativeChanged,
    issues: p.issues,
    errors: p.errors.map((e) => ({ cell: e.cell, message: e.message })),
    applied: o.applied,
    changes: o.changes,
    version: o.version,
    message: importSummary(o, dryRun),
  };
}
