import { SUMMARY_DRAFT_STATES, canSummaryDraft, multilineText } from '@nhip/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, badRequest, forbidden } from '../../platform/errors.js';
import { auditActor, requireUser, sendFile } from '../../platform/http.js';
import { takeRateLimit } from '../../platform/rate-limits.js';
import { renderDocx } from '../documents/kit/docx.js';
import { docxToPdf } from '../documents/kit/pdf.js';
import { periodWording } from '../documents/summary-report.model.js';
import { DOCX_MIME } from './reports.routes.js';
import {
  SECTION_HTML_MAX, approveDraft, createDraft, draftFile, draftVersion, draftVersions, listDrafts, readDraft, refreshDraft, returnDraft, saveDraft, signedFile,
  submitDraft, uploadSigned,
} from './summary-draft.service.js';

const TAGS = ['reports'];
const PeriodId = z.string().max(20).describe('Kỳ báo cáo: 2025, 2025Q3, 2025S1, 2025N1');
const Params = z.object({ period: PeriodId });
const Version = z.number().int().min(1).max(2_147_483_647).describe('Phiên bản đang sửa (version của bản đã đọc); 409 nếu đã có bản mới hơn');
const State = z.enum(SUMMARY_DRAFT_STATES);
const Person = z.string().nullable();

const Section = z.object({
  key: z.string().describe('I, I.1, II, … theo số thứ tự của đề mục'),
  level: z.union([z.literal(1), z.literal(2)]),
  heading: z.string(),
  html: multilineText().describe('Đoạn văn (p, strong, em, ul, ol, li, br); số liệu là <span data-field="MÃ.ô">…</span>'),
  table: z.boolean().describe('Mục có bảng số liệu chủ yếu đi kèm (tự động, không sửa)'),
});

const Draft = z.object({
  period: z.string(), periodLabel: z.string(), state: State, version: z.number(),
  number: z.string().nullable().describe('Số báo cáo khi đã duyệt, ví dụ 15/BC-SKHCN'),
  date: z.string().describe('Ngày của văn bản (ngày duyệt khi đã duyệt)'),
  sections: z.array(Section),
  fields: z.record(z.string(), z.string()).describe('Giá trị hiện tại của từng ô số liệu'),
  figuresAt: z.date().describe('Lúc số liệu được đọc từ phân tích'),
  frozen: z.boolean().describe('Số liệu đã chốt (đã trình ký hoặc đã duyệt)'),
  returned: z.object({ comment: z.string(), by: Person, at: z.date() }).nullable(),
  submitted: z.object({ by: Person, at: z.date() }).nullable(),
  approved: z.object({ by: Person, at: z.date() }).nullable(),
  signed: z.object({ name: z.string(), size: z.number(), by: Person, at: z.date() }).nullable(),
  editedBy: Person, editedAt: z.date(),
  abilities: z.object({ edit: z.boolean(), refresh: z.boolean(), submit: z.boolean(), return: z.boolean(), approve: z.boolean(), uploadSigned: z.boolean() }),
});

const Kind = z.enum(['compile', 'edit', 'refresh', 'submit', 'return', 'approve', 'signed']);
const SaveBody = z.object({
  baseVersion: Version,
  sections: z.array(z.object({ key: z.string().min(1).max(20), html: multilineText().max(SECTION_HTML_MAX) })).min(1).max(200),
});

export const summaryDraftRoutes: FastifyPluginAsyncZod = async (app) => {
  const who = (req: FastifyRequest) => ({ ...requireUser(req), auditActor: auditActor(req) });
  const today = () => app.clock.today();
  const base = '/api/reports/summary/drafts';

  app.get(base, {
    schema: {
      tags: TAGS, summary: 'Các báo cáo tổng kết đã lập để chỉnh sửa, trình ký (mới nhất trước)',
      response: { 200: z.object({ items: z.array(z.object({ period: z.string(), periodLabel: z.string(), state: State, version: z.number(), number: z.string().nullable(), editedBy: Person, editedAt: z.date(), hasSigned: z.boolean() })) }) },
    },
  }, async (req) => {
    if (!canSummaryDraft(requireUser(req), 'view', null)) throw forbidden('Chỉ văn phòng, lãnh đạo Sở, cán bộ thẩm định và người xem mới xem được báo cáo tổng kết.');
    return { items: await listDrafts(app.db) };
  });

  app.post(base, {
    schema: {
      tags: TAGS, summary: 'Lập dự thảo báo cáo tổng kết của một kỳ từ số liệu đã duyệt để chỉnh sửa (409 nếu kỳ đã có)',
      body: z.object({ period: PeriodId }), response: { 201: Draft },
    },
  }, async (req, reply) => {
    await takeRateLimit(app, req, reply, 'report');
    return reply.status(201).send(await createDraft(app.db, who(req), req.body.period, today(), app.clock.now()));
  });

  app.get(`${base}/:period`, {
    schema: { tags: TAGS, summary: 'Dự thảo báo cáo tổng kết của một kỳ: phiên bản mới nhất, trạng thái, số', params: Params, response: { 200: Draft } },
  }, async (req) => readDraft(app.db, requireUser(req), req.params.period, today()));

  app.put(`${base}/:period`, {
    schema: {
      tags: TAGS, summary: 'Lưu các mục đã sửa thành phiên bản mới; 409 nếu đã có người lưu sau phiên bản đang sửa (baseVersion)',
      params: Params, body: SaveBody, response: { 200: Draft },
    },
  }, async (req) => saveDraft(app.db, who(req), req.params.period, req.body, today(), app.clock.now()));

  app.post(`${base}/:period/refresh`, {
    schema: {
      tags: TAGS, summary: 'Làm mới số liệu từ phân tích: các ô số liệu và bảng cập nhật, phần chữ đã sửa giữ nguyên (chỉ khi còn là dự thảo)',
      params: Params, body: z.object({ baseVersion: Version }), response: { 200: Draft },
    },
  }, async (req, reply) => {
    await takeRateLimit(app, req, reply, 'report');
    return refreshDraft(app.db, who(req), req.params.period, req.body.baseVersion, today(), app.clock.now());
  });

  app.post(`${base}/:period/submit`, {
    schema: { tags: TAGS, summary: 'Trình ký: gửi Giám đốc duyệt; số liệu được chốt', params: Params, body: z.object({ baseVersion: Version }), response: { 200: Draft } },
  }, async (req) => submitDraft(app.db, who(req), req.params.period, req.body.baseVersion, today(), app.clock.now()));

  app.post(`${base}/:period/return`, {
    schema: {
      tags: TAGS, summary: 'Giám đốc trả lại báo cáo kèm ý kiến (về lại dự thảo)',
      params: Params, body: z.object({ baseVersion: Version, comment: multilineText().max(2000).describe('Ý kiến của Giám đốc: cần sửa gì') }), response: { 200: Draft },
    },
  }, async (req) => returnDraft(app.db, who(req), req.params.period, req.body, today(), app.clock.now()));

  app.post(`${base}/:period/approve`, {
    schema: {
      tags: TAGS, summary: 'Giám đốc duyệt: cấp số (số tiếp theo trong năm nếu không ghi), ghi ngày, khóa báo cáo',
      params: Params, body: z.object({ baseVersion: Version, number: z.string().max(10).nullish().describe('Số thứ tự trong năm, ví dụ 15') }), response: { 200: Draft },
    },
  }, async (req) => approveDraft(app.db, who(req), req.params.period, req.body, today(), app.clock.now()));

  app.get(`${base}/:period/file`, {
    schema: {
      tags: TAGS, summary: 'Tải báo cáo theo bản đã sửa (.docx hoặc .pdf); đã duyệt thì có số và ngày',
      params: Params, querystring: z.object({ format: z.enum(['docx', 'pdf']).default('docx') }),
    },
  }, async (req, reply) => {
    await takeRateLimit(app, req, reply, 'report');
    const f = await draftFile(app.db, requireUser(req), req.params.period, today());
    const docx = await renderDocx(f.document);
    const when = periodWording(req.params.period.trim()).current;
    const name = f.number ? `Báo cáo tổng kết ${when} (${f.number.replace(/\//g, '-')})` : `Dự thảo báo cáo tổng kết ${when}`;
    if (req.query.format === 'docx') return sendFile(reply, docx, `${name}.docx`, DOCX_MIME);
    return sendFile(reply, await docxToPdf(docx), `${name}.pdf`, 'application/pdf');
  });

  app.put(`${base}/:period/signed`, {
    schema: {
      tags: TAGS, summary: 'Tải lên bản đã ký (PDF, tối đa 20 MB; kiểm tra theo nội dung) của báo cáo đã duyệt',
      consumes: ['multipart/form-data'], params: Params, response: { 200: Draft },
    },
  }, async (req) => {
    const user = who(req);
    if (!req.isMultipart()) throw badRequest('Hãy gửi tệp theo dạng multipart/form-data, trong trường "file".');
    const part = await req.file();
    if (!part) throw badRequest('Chưa có tệp nào được gửi lên.');
    if (part.fieldname !== 'file') throw badRequest('Tệp phải được gửi trong trường "file".');
    const content = await part.toBuffer();
    if (part.file.truncated) throw new AppError(413, 'too_large', 'Tệp tải lên vượt quá 20 MB hoặc bị cắt cụt; tệp chưa được lưu.');
    return uploadSigned(app.db, user, req.params.period, { filename: part.filename, content }, today(), app.clock.now());
  });

  app.get(`${base}/:period/signed`, {
    schema: { tags: TAGS, summary: 'Tải bản đã ký (PDF)', params: Params },
  }, async (req, reply) => {
    const f = await signedFile(app.db, requireUser(req), req.params.period);
    return sendFile(reply, f.content, f.name, 'application/pdf');
  });

  app.get(`${base}/:period/versions`, {
    schema: {
      tags: TAGS, summary: 'Các phiên bản đã lưu của dự thảo, mới nhất trước', params: Params,
      response: { 200: z.object({ items: z.array(z.object({ version: z.number(), kind: Kind, editedBy: Person, editedAt: z.date(), comment: z.string().nullable() })) }) },
    },
  }, async (req) => ({ items: await draftVersions(app.db, requireUser(req), req.params.period) }));

  app.get(`${base}/:period/versions/:version`, {
    schema: {
      tags: TAGS, summary: 'Một phiên bản đã lưu của dự thảo',
      params: z.object({ period: PeriodId, version: z.coerce.number().int().min(1).max(2_147_483_647) }),
      response: { 200: z.object({ version: z.number(), kind: Kind, sections: z.array(Section), fields: z.record(z.string(), z.string()), editedBy: Person, editedAt: z.date(), comment: z.string().nullable() }) },
    },
  }, async (req) => draftVersion(app.db, requireUser(req), req.params.period, req.params.version));
};
