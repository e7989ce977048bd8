/**
 * The matching lexicon (abbreviations, synonyms, stop words) as the office edits it. A change is checked by
 * checkLexiconRows (400 with its Vietnamese explanation, row by row) and rebuilds every recommendation's match terms.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, requireAbility } from '../../platform/http.js';
import type { LexiconRow } from './matching/index.js';
import { getLexicon, MAX_LEXICON_ROWS, saveLexicon } from './lexicon.service.js';

const TAGS = ['recommendations'];
const Phrase = z.string().max(200);

const Row = z.object({
  kind: z.enum(['abbreviation', 'synonym', 'stop']).describe('abbreviation: viết tắt (term là dạng viết tắt); synonym: đồng nghĩa (term là cách viết chuẩn); stop: từ bỏ qua'),
  term: Phrase,
  variants: z.array(Phrase).max(50).describe('Các cách viết khác mang cùng nghĩa'),
  exact: z.boolean().optional().describe('Chỉ khớp khi viết đúng dấu (sở ≠ số)'),
  generic: z.boolean().optional().describe('Từ chỉ loại đề nghị (kinh phí, tập huấn, hỗ trợ), không phải nội dung'),
});

const LexiconOut = z.object({
  rows: z.array(Row),
  version: z.string().describe('Đổi mỗi khi từ điển đổi'),
  isDefault: z.boolean().describe('Đang dùng từ điển mặc định'),
});
const Saved = LexiconOut.extend({ rebuilt: z.number().describe('Số kiến nghị được tính lại khóa so khớp'), ms: z.number() });

const present = (v: { rows: readonly LexiconRow[]; version: string; isDefault: boolean }) => ({
  rows: v.rows.map((r) => ({ kind: r.kind, term: r.term, variants: [...r.variants], ...(r.exact ? { exact: true } : {}), ...(r.generic ? { generic: true } : {}) })),
  version: v.version,
  isDefault: v.isDefault,
});

export const lexiconRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/recommendations/lexicon', {
    schema: { tags: TAGS, summary: 'Từ điển so khớp kiến nghị: từ viết tắt, từ đồng nghĩa, từ bỏ qua', response: { 200: LexiconOut } },
  }, async (req) => {
    requireAbility(req, 'recommendations.triage');
    return present(await getLexicon(app.db));
  });

  app.put('/api/recommendations/lexicon', {
    schema: {
      tags: TAGS, summary: 'Thay toàn bộ từ điển so khớp (Văn phòng Sở); tính lại khóa so khớp của mọi kiến nghị',
      body: z.object({ rows: z.array(Row).max(MAX_LEXICON_ROWS) }), response: { 200: Saved },
    },
  }, async (req) => {
    requireAbility(req, 'recommendations.manage');
    const r = await saveLexicon(app.db, auditActor(req), req.body.rows);
    return { ...present(r), rebuilt: r.rebuilt, ms: r.ms };
  });

  app.delete('/api/recommendations/lexicon', {
    schema: { tags: TAGS, summary: 'Khôi phục từ điển so khớp mặc định (Văn phòng Sở); tính lại khóa so khớp của mọi kiến nghị', response: { 200: Saved } },
  }, async (req) => {
    requireAbility(req, 'recommendations.manage');
    const r = await saveLexicon(app.db, auditActor(req), null);
    return { ...present(r), rebuilt: r.rebuilt, ms: r.ms };
  });
};
