/**
 * The triage queue's routes: the queue, one candidate, link / create / dismiss / reject a proposed link, and the bulk
 * action. authenticate → validate → load (the actor's queue, else 404) → authorize → service (one transaction with its
 * audit event) → present.
 */
import { multilineText, RECOMMENDATION_KINDS } from '@nhip/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { auditActor, requireUser } from '../../platform/http.js';
import { RECOMMENDATION_NOTE_MAX, RECOMMENDATION_TEXT_MAX, sectorIdByCode, unitIdByCode, type Who } from './recommendations.service.js';
import { CANDIDATE_STATUSES, type CandidateRow } from './triage.repository.js';
import {
  BULK_ACTIONS, bulkTriage, createFromCandidate, dismissCandidate, linkCandidate, listCandidates, loadCandidate, rejectSuggestion, type SuggestionView,
  suggestionsFor,
} from './triage.service.js';

const TAGS = ['recommendations'];
const Id = z.number().int().positive().max(2_147_483_647);
const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const Code = z.string().min(1).max(50);
const Unit = z.object({ id: z.number(), code: z.string(), name: z.string() });

const Suggestion = z.object({
  id: z.number(),
  text: z.string(),
  score: z.number().describe('Mức giống nhau, 0–1'),
  recurring: z.boolean().describe('Hệ thống cho là cùng một kiến nghị được nêu lại (đề xuất, người xử lý xác nhận)'),
  state: z.string(),
  owner: z.object({ code: z.string(), name: z.string() }).nullable(),
  deadline: z.string().nullable(),
  timesRaised: z.number(),
});

const Candidate = z.object({
  id: z.number(),
  sourceKind: z.enum(['report', 'discussion', 'point']).describe('report: gạch đầu dòng trong báo cáo đã duyệt; discussion: ý kiến thảo luận tại hội nghị; point: nhiệm vụ theo kết luận, chỉ đạo'),
  text: z.string(),
  kind: z.enum(RECOMMENDATION_KINDS),
  unit: Unit.nullable().describe('Đơn vị nêu'),
  period: z.string().nullable(),
  raisedOn: z.string(),
  sector: Unit.nullable(),
  division: Unit.nullable().describe('Hàng chờ của phòng (null: hàng chờ của Văn phòng Sở)'),
  report: z.object({ submissionId: z.number(), roundId: z.number().nullable(), section: z.string().nullable(), item: z.number().nullable() }).nullable(),
  conference: z.object({
    id: z.number(), title: z.string(), discussionItemId: z.number().nullable(), pointId: z.number().nullable(), pointNumber: z.number().nullable(),
    pointSource: z.enum(['conclusion', 'directive']).nullable(), ownerDivisionId: z.number().nullable(), deadline: z.string().nullable(),
  }).nullable(),
  suggestions: z.array(Suggestion).describe('Các kiến nghị đã có giống nhất, tốt nhất trước'),
  status: z.enum(CANDIDATE_STATUSES),
  reason: z.string().nullable(),
  recommendationId: z.number().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number(),
});

const ref = (id: number | null, code: string | null, name: string | null) => (id !== null && code !== null && name !== null ? { id, code, name } : null);

export const presentCandidate = (c: CandidateRow, suggestions: SuggestionView[]): z.infer<typeof Candidate> => ({
  id: c.id,
  sourceKind: c.source_kind,
  text: c.text,
  kind: c.kind,
  unit: ref(c.org_unit_id, c.unit_code, c.unit_name),
  period: c.period,
  raisedOn: c.raised_on,
  sector: ref(c.sector_id, c.sector_code, c.sector_name),
  division: ref(c.division_id, c.division_code, c.division_name),
  report: c.submission_id !== null ? { submissionId: c.submission_id, roundId: c.round_id, section: c.section, item: c.item_index } : null,
  conference: c.conference_id !== null && c.conference_title !== null
    ? {
        id: c.conference_id, title: c.conference_title, discussionItemId: c.discussion_item_id, pointId: c.point_id, pointNumber: c.point_number,
        pointSource: c.point_source, ownerDivisionId: c.point_owner_division_id, deadline: c.point_deadline,
      }
    : null,
  suggestions: suggestions.map((s) => ({ id: s.id, text: s.text, score: s.score, recurring: s.recurring, state: s.state, owner: s.owner, deadline: s.deadline, timesRaised: s.timesRaised })),
  status: c.status,
  reason: c.reason,
  recommendationId: c.recommendation_id,
  decidedBy: c.decided_by_name,
  decidedAt: c.decided_at ? new Date(c.decided_at).toISOString() : null,
  version: c.version,
});

const ListQuery = z.object({
  division: Code.optional().describe('Mã phòng (Văn phòng Sở xem mọi hàng chờ; "none": các mục chưa thuộc phòng nào)'),
  status: z.enum(CANDIDATE_STATUSES).optional().describe('Mặc định: pending (chờ xử lý)'),
  source: z.enum(['report', 'discussion', 'point']).optional(),
  kind: z.enum(RECOMMENDATION_KINDS).optional(),
  period: z.string().max(10).optional(),
  unit: Code.optional().describe('Mã đơn vị nêu'),
  conference: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

const Version = z.number().int().min(1).describe('Phiên bản của mục khi đọc (phát hiện thao tác đồng thời)');

const CreateBody = z.object({
  version: Version,
  text: multilineText().min(1).max(RECOMMENDATION_TEXT_MAX).optional().describe('Mặc định: nội dung của mục'),
  kind: z.enum(RECOMMENDATION_KINDS).optional(),
  sector: Code.nullable().optional(),
  owner: Code.nullable().optional().describe('Mặc định: phòng của hàng chờ (nhiệm vụ theo kết luận: phòng chủ trì của điểm kết luận)'),
  deadline: z.string().max(20).nullable().optional().describe('YYYY-MM-DD'),
  cooperating: z.array(Code).max(50).optional(),
});

const who = (req: FastifyRequest): Who => ({ ...requireUser(req), auditActor: auditActor(req) });

async function presentOne(db: Db, actor: Who, c: CandidateRow) {
  return presentCandidate(c, (await suggestionsFor(db, actor, [c])).get(c.id) ?? []);
}

async function optionalUnit(db: Db, code: string | null | undefined, label: string) {
  if (code === undefined) return undefined;
  return code === null ? null : unitIdByCode(db, code, label);
}

export const triageRoutes: FastifyPluginAsyncZod = async (app) => {
  const day = () => app.clock.today();

  app.get('/api/recommendations/candidates', {
    schema: {
      tags: TAGS, summary: 'Hàng chờ xử lý kiến nghị: các điểm khó khăn, đề xuất từ báo cáo đã duyệt và từ hội nghị, kèm gợi ý kiến nghị đã có',
      querystring: ListQuery,
      response: {
        200: z.object({
          items: z.array(Candidate), total: z.number(), page: z.number(), pageSize: z.number(),
          counts: z.object({ pending: z.number(), linked: z.number(), created: z.number(), no_action: z.number() }),
        }),
      },
    },
  }, async (req) => {
    const actor = who(req);
    const { division, unit, source, conference, ...rest } = req.query;
    const divisionId = division === undefined ? undefined : division === 'none' ? ('none' as const) : await unitIdByCode(app.db, division, 'Phòng');
    const unitId = unit === undefined ? undefined : await unitIdByCode(app.db, unit, 'Đơn vị nêu');
    const r = await listCandidates(app.db, actor, { ...rest, sourceKind: source, conferenceId: conference, division: divisionId, unitId });
    return {
      items: r.rows.map((c) => presentCandidate(c, r.suggestions.get(c.id) ?? [])), total: r.total, page: r.page, pageSize: r.pageSize,
      counts: { pending: r.counts.pending ?? 0, linked: r.counts.linked ?? 0, created: r.counts.created ?? 0, no_action: r.counts.no_action ?? 0 },
    };
  });

  app.get('/api/recommendations/candidates/:id', {
    schema: { tags: TAGS, summary: 'Một mục của hàng chờ xử lý kiến nghị', params: IdParams, response: { 200: Candidate } },
  }, async (req) => {
    const actor = who(req);
    return presentOne(app.db, actor, await loadCandidate(app.db, actor, req.params.id));
  });

  app.post('/api/recommendations/candidates/:id/link', {
    schema: {
      tags: TAGS, summary: 'Nối vào kiến nghị đã có (điểm được nêu lại): thêm nguồn, ghi nhận quyết định "cùng một kiến nghị"', params: IdParams,
      body: z.object({ recommendationId: Id, version: Version }), response: { 200: Candidate },
    },
  }, async (req) => {
    const actor = who(req);
    const r = await linkCandidate(app.db, actor, req.params.id, req.body, day(), app.clock.now());
    return presentOne(app.db, actor, r.candidate);
  });

  app.post('/api/recommendations/candidates/:id/create', {
    schema: {
      tags: TAGS, summary: 'Tạo kiến nghị mới từ mục này (nhiệm vụ theo kết luận được giao ngay: phòng chủ trì, hạn, đơn vị phối hợp của điểm kết luận)',
      params: IdParams, body: CreateBody, response: { 201: Candidate },
    },
  }, async (req, reply) => {
    const actor = who(req);
    const b = req.body;
    const cooperating = b.cooperating === undefined ? undefined : await Promise.all(b.cooperating.map((c) => unitIdByCode(app.db, c, 'Đơn vị phối hợp')));
    const r = await createFromCandidate(app.db, actor, req.params.id, {
      version: b.version, text: b.text, kind: b.kind, deadline: b.deadline, cooperatingUnitIds: cooperating,
      sectorId: b.sector === undefined ? undefined : b.sector === null ? null : await sectorIdByCode(app.db, b.sector),
      ownerDivisionId: await optionalUnit(app.db, b.owner, 'Phòng chủ trì'),
    }, day(), app.clock.now());
    return reply.status(201).send(await presentOne(app.db, actor, r.candidate));
  });

  app.post('/api/recommendations/candidates/:id/dismiss', {
    schema: {
      tags: TAGS, summary: 'Không xử lý (ghi lý do)', params: IdParams,
      body: z.object({ version: Version, reason: multilineText().max(RECOMMENDATION_NOTE_MAX).optional().describe('Bắt buộc') }), response: { 200: Candidate },
    },
  }, async (req) => {
    const actor = who(req);
    const r = await dismissCandidate(app.db, actor, req.params.id, req.body, app.clock.now());
    return presentOne(app.db, actor, r.candidate);
  });

  app.post('/api/recommendations/candidates/:id/reject', {
    schema: {
      tags: TAGS, summary: 'Không phải cùng một kiến nghị: ghi nhận để gợi ý này không được đề xuất lại cho mục này', params: IdParams,
      body: z.object({ recommendationId: Id }), response: { 200: Candidate },
    },
  }, async (req) => {
    const actor = who(req);
    return presentOne(app.db, actor, await rejectSuggestion(app.db, actor, req.params.id, req.body, day(), app.clock.now()));
  });

  app.post('/api/recommendations/candidates/bulk', {
    schema: {
      tags: TAGS,
      summary: 'Xử lý nhiều mục một lần: link_top (nối vào gợi ý đứng đầu khi hệ thống cho là nêu lại), create (tạo kiến nghị mới), dismiss (không xử lý, cùng một lý do)',
      body: z.object({
        action: z.enum(BULK_ACTIONS), ids: z.array(Id).min(1).max(200), reason: multilineText().max(RECOMMENDATION_NOTE_MAX).optional(),
      }),
      response: {
        200: z.object({
          results: z.array(z.object({
            id: z.number(), ok: z.boolean(), status: z.enum(CANDIDATE_STATUSES).nullable(), recommendationId: z.number().nullable(),
            error: z.object({ status: z.number(), message: z.string() }).nullable(),
          })),
          done: z.number(), failed: z.number(),
        }),
      },
    },
  }, async (req) => {
    const actor = who(req);
    if (req.body.ids.length === 0) throw badRequest('Hãy chọn ít nhất một mục.');
    const results = await bulkTriage(app.db, actor, req.body, day(), app.clock.now());
    return { results, done: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
  });
};

