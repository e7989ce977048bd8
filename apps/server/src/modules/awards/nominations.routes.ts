import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActor, requireUser } from '../../platform/http.js';
import { awardsNames } from './names.service.js';
import {
  IdParam, NominationBody, NominationListOut, NominationOut, NominationPatchBody, NominationQuery, OverrideBody, TransitionBody, TransitionParam,
} from './awards.schema.js';
import { presentNomination } from './nominations.presenter.js';
import { createNomination, listNominations, nominationDetail, overrideNomination, transition, updateNomination } from './nominations.service.js';

const tags = ['awards'];

export const nominationRoutes: FastifyPluginAsyncZod = async (app) => {
  const detail = async (user: Parameters<typeof nominationDetail>[1], id: number) => {
    const n = await nominationDetail(app.db, user, id, app.clock.today());
    return presentNomination(n, await awardsNames(app.db, [n]));
  };

  app.get('/api/awards/nominations', {
    schema: {
      tags, summary: 'Đề nghị khen thưởng (đơn vị thấy đề nghị của mình; Văn phòng, Ban Giám đốc thấy tất cả)', querystring: NominationQuery,
      response: { 200: NominationListOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const rows = await listNominations(app.db, user, req.query, app.clock.today());
    const names = await awardsNames(app.db, rows);
    return { items: rows.map((n) => presentNomination(n, names)) };
  });

  app.post('/api/awards/nominations', {
    schema: {
      tags, summary: 'Đề nghị khen thưởng một cán bộ (person) hoặc tập thể (unit) cho một danh hiệu, hình thức và năm',
      description:
        'Điều kiện được kiểm tra ngay theo quy định có hiệu lực và lưu cùng đề nghị, từng tiêu chí một. Đề nghị chưa đủ điều kiện vẫn được lưu nhưng không được tiếp nhận, '
        + 'trừ khi Văn phòng cho tiếp tục với lý do bằng văn bản. claims: nội dung thành tích cho các tiêu chí cần nêu (theo mã tiêu chí).',
      body: NominationBody, response: { 201: NominationOut },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const id = await createNomination(app.db, user, auditActor(req), req.body, app.clock.today());
    return reply.status(201).send(await detail(user, id));
  });

  app.get('/api/awards/nominations/:id', {
    schema: { tags, summary: 'Một đề nghị khen thưởng với kết quả kiểm tra từng tiêu chí', params: IdParam, response: { 200: NominationOut } },
  }, async (req) => detail(requireUser(req), req.params.id));

  app.patch('/api/awards/nominations/:id', {
    schema: {
      tags, summary: 'Sửa tóm tắt thành tích, nội dung nêu theo tiêu chí hoặc sáng kiến dùng cho đề nghị (kiểm tra lại điều kiện)',
      params: IdParam, body: NominationPatchBody, response: { 200: NominationOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    await updateNomination(app.db, user, auditActor(req), req.params.id, req.body, app.clock.today());
    return detail(user, req.params.id);
  });

  app.post('/api/awards/nominations/:id/override', {
    schema: {
      tags, summary: 'Văn phòng cho đề nghị chưa đủ điều kiện được tiếp tục, với lý do bằng văn bản (ghi nhật ký)',
      params: IdParam, body: OverrideBody, response: { 200: NominationOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    await overrideNomination(app.db, user, auditActor(req), req.params.id, req.body, app.clock.today());
    return detail(user, req.params.id);
  });

  app.post('/api/awards/nominations/:id/:action', {
    schema: {
      tags, summary: 'Chuyển bước một đề nghị: return (trả lại), resubmit (gửi lại), accept (tiếp nhận), reject (không tiếp nhận), withdraw (rút), approve (thông qua khi không phải bỏ phiếu)',
      params: TransitionParam, body: TransitionBody, response: { 200: NominationOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    await transition(app.db, user, auditActor(req), req.params.id, req.params.action, req.body, app.clock.today());
    return detail(user, req.params.id);
  });
};
