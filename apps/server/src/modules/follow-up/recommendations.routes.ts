/**
 * The register's routes: create, the board, one recommendation, edit, transitions, the timeline with files, and a
 * unit's page. Each reads authenticate → validate → load (visible, else 404) → authorize (403 with the reason) →
 * service (one transaction with its audit event) → present. The answer, summary, export and results report have
 * route files of their own, registered here.
 */
import {
  formatDate, multilineText, RECOMMENDATION_KINDS, RECOMMENDATION_TRANSITIONS, type RecommendationTransition, UNIT_ROLES,
} from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { isIsoDate } from '../rounds/rounds.service.js';
import { requireAbility, requireUser, sendFile } from '../../platform/http.js';
import { answerRoutes } from './answers.routes.js';
import { publishAnswer } from './answers.service.js';
import { exportRoutes } from './export.routes.js';
import { reportRoutes } from './report.routes.js';
import { summaryRoutes } from './summary.routes.js';
import { presentItem } from './recommendations.presenter.js';
import { BOARD_SORTS } from './recommendations.repository.js';
import { who } from './recommendations.http.js';
import { BoardOut, BoardQuery, IdParams, RecId, RecommendationItem, RecommendationOut, UnitOut } from './recommendations.schema.js';
import {
  addSource, addUpdate, board, cleanText, createRecommendation, requireRecommendation, requireSourceVisible, editRecommendation, loadVisibleRecommendation, RECOMMENDATION_NOTE_MAX, RECOMMENDATION_TEXT_MAX,
  readUpdateFile, recommendationDetail, sectorIdByCode, transitionRecommendation, unitIdByCode, type Who, checkPeriod,
} from './recommendations.service.js';
import { recommendationsRepo } from './recommendations.repository.js';

const TAGS = ['recommendations'];
const Code = z.string().min(1).max(50);
const DateStr = z.string().max(20).describe('YYYY-MM-DD');


const ListQuery = BoardQuery.extend({
  sort: z.enum(BOARD_SORTS).optional().describe('deadline (hạn gần nhất trước), recurrence (nêu nhiều lần nhất trước), updated (mới cập nhật trước), raised'),
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

const CreateBody = z.object({
  text: multilineText().min(1).max(RECOMMENDATION_TEXT_MAX).describe(`Nội dung kiến nghị (tối đa ${RECOMMENDATION_TEXT_MAX} ký tự)`),
  kind: z.enum(RECOMMENDATION_KINDS),
  sector: Code.optional().describe('Mã lĩnh vực'),
  owner: Code.describe('Mã phòng chủ trì (đơn vị loại division)'),
  deadline: DateStr.describe('Hạn giải quyết, YYYY-MM-DD, không trước ngày nêu kiến nghị'),
  raisedBy: z.array(Code).max(100).optional().describe('Mã các đơn vị đã nêu kiến nghị'),
  period: z.string().max(10).optional().describe('Kỳ nêu kiến nghị (2025Q2, 2025…)'),
  raisedOn: DateStr.optional().describe('Ngày nêu kiến nghị (mặc định hôm nay)'),
  cooperating: z.array(Code).max(50).optional().describe('Mã các đơn vị phối hợp'),
});

const PatchBody = z.object({
  version: z.number().int().min(1),
  text: multilineText().min(1).max(RECOMMENDATION_TEXT_MAX).optional(),
  kind: z.enum(RECOMMENDATION_KINDS).optional(),
  sector: Code.nullable().optional(),
  owner: Code.optional(),
  cooperating: z.array(Code).max(50).optional(),
  deadline: DateStr.nullable().optional(),
  deputy: z.number().int().positive().max(2_147_483_647).nullable().optional().describe('Lãnh đạo Sở phụ trách (id trong danh sách cán bộ)'),
});

const TransitionBody = z.object({
  version: z.number().int().min(1),
  note: multilineText().max(RECOMMENDATION_NOTE_MAX).nullable().optional().describe('Lý do (bắt buộc khi không thể giải quyết, chuyển kỳ, mở lại)'),
  closingEvidence: multilineText().max(RECOMMENDATION_NOTE_MAX).nullable().optional().describe('Minh chứng hoàn thành'),
  period: z.string().max(10).nullable().optional().describe('Kỳ chuyển sang (carry)'),
  into: z.number().int().positive().max(2_147_483_647).nullable().optional().describe('Kiến nghị gộp vào (merge)'),
});

const UpdateJson = z.object({
  text: multilineText().max(RECOMMENDATION_NOTE_MAX).default(''),
  progress: z.number().int().min(0).max(100).nullable().optional(),
  files: z.array(z.object({ filename: z.string().min(1).max(255), content: z.string().max(28_000_000).describe('base64') })).max(5).optional(),
});

const SourceBody = z.object({
  text: multilineText().min(1).max(RECOMMENDATION_TEXT_MAX).describe('Lời lẽ đã dùng lần này'),
  unit: Code.optional().describe('Mã đơn vị đã nêu (lấy từ báo cáo khi có submission)'),
  period: z.string().max(10).optional(),
  raisedOn: DateStr.optional().describe('Ngày nêu (mặc định hôm nay)'),
  submission: z.number().int().positive().max(2_147_483_647).optional().describe('Báo cáo của đơn vị'),
  section: z.enum(['results', 'difficulties', 'proposals']).optional(),
  item: z.number().int().min(0).max(10000).optional().describe('Số thứ tự gạch đầu dòng trong phần'),
  discussionItem: z.number().int().positive().max(2_147_483_647).optional(),
  point: z.number().int().positive().max(2_147_483_647).optional(),
});

const TransitionParams = z.object({ id: RecId, name: z.enum(Object.keys(RECOMMENDATION_TRANSITIONS) as [RecommendationTransition, ...RecommendationTransition[]]) });
const FileParams = z.object({ id: RecId, uid: RecId, fid: RecId });

async function unitIds(db: Parameters<typeof unitIdByCode>[0], codes: string[] | undefined, label: string): Promise<number[] | undefined> {
  if (codes === undefined) return undefined;
  const out: number[] = [];
  for (const c of codes) out.push(await unitIdByCode(db, c, label));
  return out;
}

export const recommendationRoutes: FastifyPluginAsyncZod = async (app) => {
  const day = () => app.clock.today();
  const detail = async (actor: Who, loaded: Awaited<ReturnType<typeof loadVisibleRecommendation>>) => recommendationDetail(app.db, actor, loaded, day());

  app.post('/api/recommendations', {
    schema: {
      tags: TAGS, summary: 'Ghi một kiến nghị vào sổ theo dõi (Văn phòng Sở)',
      description: `Phòng chủ trì phải là đơn vị loại phòng (division); hạn giải quyết không trước ngày nêu. Nội dung tối đa ${RECOMMENDATION_TEXT_MAX} ký tự.`,
      body: CreateBody, response: { 201: RecommendationOut },
    },
  }, async (req, reply) => {
    requireAbility(req, 'recommendations.manage');
    const actor = who(req);
    const b = req.body;
    const ownerId = await unitIdByCode(app.db, b.owner, 'Phòng chủ trì');
    const raisedBy = (await unitIds(app.db, b.raisedBy, 'Đơn vị nêu kiến nghị')) ?? [];
    const period = checkPeriod(b.period ?? null, 'Kỳ nêu kiến nghị');
    const row = await createRecommendation(app.db, actor, {
      text: b.text, kind: b.kind, sectorId: b.sector ? await sectorIdByCode(app.db, b.sector) : null, ownerDivisionId: ownerId, deadline: b.deadline,
      firstPeriod: period, raisedOn: b.raisedOn ?? null, cooperatingUnitIds: await unitIds(app.db, b.cooperating, 'Đơn vị phối hợp'),
    }, {
      sources: [...new Set(raisedBy)].map((orgUnitId) => ({ kind: 'manual' as const, orgUnitId })),
      today: day(), now: app.clock.now(),
    });
    return reply.status(201).send(await detail(actor, await loadVisibleRecommendation(app.db, actor, row.id, { today: day() })));
  });

  app.get('/api/recommendations', {
    schema: {
      tags: TAGS, summary: 'Bảng theo dõi kiến nghị: lọc, sắp xếp, phân trang, kèm số đếm theo lưới QĐ 42/2014',
      description: 'Chỉ gồm những kiến nghị người dùng được xem: đơn vị thấy kiến nghị mình (và đơn vị tiền thân) đã nêu; phòng thấy kiến nghị mình chủ trì hoặc phối hợp.',
      querystring: ListQuery, response: { 200: BoardOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const { rows, raisers, counts, page, pageSize } = await board(app.db, user, req.query, day());
    return { items: rows.map((r) => presentItem(r, raisers.get(r.id) ?? [])), total: counts.total, page, pageSize, counts: countsOut(counts) };
  });

  app.get('/api/recommendations/unit/:unitId', {
    schema: {
      tags: TAGS, summary: 'Kiến nghị của đơn vị: kết quả giải quyết mọi kiến nghị đơn vị (và đơn vị tiền thân) đã nêu',
      params: z.object({ unitId: RecId }), querystring: ListQuery.pick({ period: true, state: true, timeliness: true, sort: true, page: true, pageSize: true }),
      response: {
        200: z.object({
          unit: UnitOut, predecessors: z.array(UnitOut), total: z.number(), page: z.number(), pageSize: z.number(),
          counts: BoardOut.shape.counts,
          items: z.array(RecommendationItem.extend({ answer: z.object({ text: z.string(), publishedAt: z.string().nullable() }).nullable() })),
        }),
      },
    },
  }, async (req) => {
    const user = requireUser(req);
    const [unit] = await recommendationsRepo.unitsByIds(app.db, [req.params.unitId]);
    // A unit's own page is its own (and its predecessors'): another unit's id does not exist for it.
    if (!unit || (UNIT_ROLES.includes(user.role) && user.orgUnitId !== unit.id)) throw notFound('Không tìm thấy đơn vị.');
    const lineage = await recommendationsRepo.unitWithPredecessors(app.db, unit.id);
    const predecessors = (await recommendationsRepo.unitsByIds(app.db, lineage.filter((id) => id !== unit.id)));
    const { rows, raisers, counts, page, pageSize } = await board(app.db, user, { ...req.query, unit: unit.code, sort: req.query.sort ?? 'raised' }, day());
    return {
      unit: { id: unit.id, code: unit.code, name: unit.name },
      predecessors: predecessors.map((u) => ({ id: u.id, code: u.code, name: u.name })),
      total: counts.total, page, pageSize, counts: countsOut(counts),
      items: rows.map((r) => ({
        ...presentItem(r, raisers.get(r.id) ?? []),
        answer: r.answer !== null && r.answer_published_at !== null ? { text: r.answer, publishedAt: r.answer_published_at.toISOString() } : null,
      })),
    };
  });

  app.get('/api/recommendations/:id', {
    schema: { tags: TAGS, summary: 'Một kiến nghị: nguồn, đơn vị phối hợp, lãnh đạo phụ trách, diễn biến, trả lời, quyền', params: IdParams, response: { 200: RecommendationOut } },
  }, async (req) => {
    const actor = who(req);
    return detail(actor, await loadVisibleRecommendation(app.db, actor, req.params.id, { today: day() }));
  });

  app.patch('/api/recommendations/:id', {
    schema: {
      tags: TAGS, summary: 'Sửa kiến nghị (nội dung, loại, lĩnh vực; giao: phòng chủ trì, đơn vị phối hợp, hạn, lãnh đạo phụ trách) — kèm version; 409 nếu đã có người sửa',
      params: IdParams, body: PatchBody, response: { 200: RecommendationOut },
    },
  }, async (req) => {
    const actor = who(req);
    const b = req.body;
    const loaded = await editRecommendation(app.db, actor, req.params.id, {
      version: b.version, text: b.text, kind: b.kind,
      sectorId: b.sector === undefined ? undefined : b.sector === null ? null : await sectorIdByCode(app.db, b.sector),
      ownerDivisionId: b.owner === undefined ? undefined : await unitIdByCode(app.db, b.owner, 'Phòng chủ trì'),
      cooperatingUnitIds: await unitIds(app.db, b.cooperating, 'Đơn vị phối hợp'),
      deadline: b.deadline, deputyPersonId: b.deputy,
    }, day(), app.clock.now());
    return detail(actor, loaded);
  });

  app.post('/api/recommendations/:id/transitions/:name', {
    schema: {
      tags: TAGS, summary: 'Chuyển trạng thái kiến nghị: assign, start, complete, reject, carry, merge, reopen',
      description: 'complete cần có trả lời cho đơn vị (trả lời chưa gửi sẽ được gửi); reject, carry, reopen cần lý do (note); carry cần kỳ chuyển sang (period); merge cần into.',
      params: TransitionParams, body: TransitionBody, response: { 200: RecommendationOut },
    },
  }, async (req) => {
    const actor = who(req);
    const loaded = await transitionRecommendation(app.db, actor, req.params.id, req.params.name, req.body, day(), app.clock.now(), publishAnswer);
    return detail(actor, loaded);
  });

  app.post('/api/recommendations/:id/updates', {
    schema: {
      tags: TAGS, summary: 'Thêm một cập nhật tiến độ (nội dung, % tiến độ, tệp PDF/DOCX/XLSX/PNG/JPEG kiểm tra theo nội dung)',
      description: 'JSON {text, progress, files: [{filename, content (base64)}]} hoặc multipart/form-data với các trường text, progress và tệp ở trường "files". '
        + 'Nội dung nhiều dòng gửi bằng JSON (trường của biểu mẫu multipart chỉ nhận một dòng).',
      consumes: ['application/json', 'multipart/form-data'], params: IdParams, body: UpdateJson.nullish(), response: { 201: RecommendationOut },
    },
  }, async (req, reply) => {
    const actor = who(req);
    let input: { text: string; progress: number | null; files: { filename: string; content: Buffer }[] };
    if (req.isMultipart()) {
      input = { text: '', progress: null, files: [] };
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const content = await part.toBuffer();
          if (part.file.truncated) throw new AppError(413, 'too_large', 'Tệp tải lên vượt quá 20 MB hoặc bị cắt cụt; chưa có gì được lưu.');
          input.files.push({ filename: part.filename, content });
        } else if (part.fieldname === 'text') input.text = String(part.value ?? '');
        else if (part.fieldname === 'progress' && String(part.value ?? '') !== '') {
          const n = Number(part.value);
          if (!Number.isInteger(n) || n < 0 || n > 100) throw badRequest('Tiến độ phải là số nguyên từ 0 đến 100 (%).');
          input.progress = n;
        }
      }
    } else {
      if (!req.body) throw badRequest('Hãy gửi nội dung cập nhật.');
      input = {
        text: req.body.text, progress: req.body.progress ?? null,
        files: (req.body.files ?? []).map((f) => ({ filename: f.filename, content: Buffer.from(f.content, 'base64') })),
      };
    }
    await addUpdate(app.db, actor, req.params.id, input, day(), app.clock.now());
    return reply.status(201).send(await detail(actor, await loadVisibleRecommendation(app.db, actor, req.params.id, { today: day() })));
  });

  app.post('/api/recommendations/:id/sources', {
    schema: {
      tags: TAGS, summary: 'Ghi thêm một lần kiến nghị được nêu (nêu lại): gạch đầu dòng trong báo cáo của đơn vị, ý kiến thảo luận, điểm kết luận hoặc nhập trực tiếp',
      description: 'Người sửa được kiến nghị (Văn phòng Sở, phòng chủ trì). Nguồn ở báo cáo hoặc hội nghị mà người dùng không xem được trả về 404.',
      params: IdParams, body: SourceBody, response: { 201: RecommendationOut },
    },
  }, async (req, reply) => {
    const actor = who(req);
    const b = req.body;
    const loaded = await loadVisibleRecommendation(app.db, actor, req.params.id, { today: day() });
    requireRecommendation(actor, 'edit', loaded);
    const link = { submissionId: b.submission ?? null, discussionItemId: b.discussionItem ?? null, pointId: b.point ?? null };
    if ([link.submissionId, link.discussionItemId, link.pointId].filter((x) => x !== null).length > 1) {
      throw badRequest('Mỗi lần nêu chỉ trỏ tới một nguồn: một báo cáo, một ý kiến thảo luận hoặc một điểm kết luận.');
    }
    await requireSourceVisible(app.db, actor, link);
    const fromReport = link.submissionId !== null ? await recommendationsRepo.submissionUnit(app.db, link.submissionId) : null;
    const raisedOn = b.raisedOn ?? day();
    if (!isIsoDate(raisedOn) || raisedOn > day()) throw badRequest(`Ngày nêu "${raisedOn.slice(0, 20)}" không hợp lệ hoặc sau hôm nay (${formatDate(day())}).`);
    await addSource(app.db, actor, req.params.id, {
      kind: link.submissionId !== null ? 'report' : link.discussionItemId !== null ? 'discussion' : link.pointId !== null ? 'point' : 'manual',
      orgUnitId: fromReport?.org_unit_id ?? (b.unit ? await unitIdByCode(app.db, b.unit, 'Đơn vị nêu kiến nghị') : null),
      period: b.period ?? fromReport?.period ?? null, raisedOn, text: cleanText(b.text, 'Nội dung đã nêu', RECOMMENDATION_TEXT_MAX),
      ...link, section: b.section ?? null, itemIndex: b.item ?? null,
    }, app.clock.now());
    return reply.status(201).send(await detail(actor, await loadVisibleRecommendation(app.db, actor, req.params.id, { today: day() })));
  });

  app.get('/api/recommendations/:id/updates/:uid/files/:fid', {
    schema: { tags: TAGS, summary: 'Tải tệp đính kèm của một cập nhật', params: FileParams },
  }, async (req, reply) => {
    const f = await readUpdateFile(app.db, requireUser(req), req.params.id, req.params.uid, req.params.fid, day());
    return sendFile(reply, f.content, f.filename, f.mime);
  });

  await app.register(answerRoutes);
  await app.register(summaryRoutes);
  await app.register(exportRoutes);
  await app.register(reportRoutes);
};

export const countsOut = (c: { total: number; done_on_time: number; done_late: number; open_within_deadline: number; open_overdue: number }) => ({
  done_on_time: c.done_on_time, done_late: c.done_late, open_within_deadline: c.open_within_deadline, open_overdue: c.open_overdue,
  total: c.done_on_time + c.done_late + c.open_within_deadline + c.open_overdue,
});
