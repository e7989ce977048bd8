import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../platform/http.js';
import { loadEntry, saveEntry } from './entry.service.js';
import { submissionHistory } from './history.service.js';
import type { SubmissionActor } from './submission-context.js';
import type { TransitionName } from './submission-workflow.js';
import { presentEntry, presentSubmission } from './submissions.presenter.js';
import * as S from './submissions.schema.js';
import { transition } from './workflow.service.js';

const TAGS = ['submissions'];
const BASE = '/api/rounds/:roundId/units/:unitId';

/** The signed-in user as the submission use cases see them (policy actor + audit identity). */
export const actorOf = (req: FastifyRequest): SubmissionActor => ({ ...requireUser(req), ip: req.ip });

const TRANSITION_ROUTES: { name: TransitionName; summary: string; body: typeof S.CommentBody | typeof S.ReasonBody }[] = [
  { name: 'submit', summary: 'Nộp báo cáo (bị chặn khi còn lỗi hoặc cảnh báo chưa giải trình)', body: S.CommentBody },
  { name: 'recall', summary: 'Rút lại báo cáo đã nộp (lãnh đạo đơn vị, khi chưa được duyệt)', body: S.CommentBody },
  { name: 'approve', summary: 'Duyệt báo cáo (khóa số liệu)', body: S.CommentBody },
  { name: 'return', summary: 'Trả lại báo cáo cho đơn vị (bắt buộc ghi ý kiến)', body: S.CommentBody },
  { name: 'unlock', summary: 'Mở khóa báo cáo đã duyệt (Văn phòng Sở, bắt buộc ghi lý do)', body: S.ReasonBody },
];

export const submissionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(`${BASE}/entry`, {
    schema: { tags: TAGS, summary: 'Báo cáo của đơn vị trong đợt: biểu mẫu, số liệu, kỳ trước, cảnh báo, quyền thao tác', params: S.UnitParams, response: { 200: S.Entry } },
  }, async (req) => {
    const actor = actorOf(req);
    const now = app.clock.now();
    return presentEntry(await loadEntry(app.db, actor, req.params.roundId, req.params.unitId, now), now);
  });

  app.put(`${BASE}/entry`, {
    schema: { tags: TAGS, summary: 'Lưu số liệu và thuyết minh (tự động lưu; trống = xóa giá trị)', params: S.UnitParams, body: S.SaveBody, response: { 200: S.SaveResponse } },
  }, async (req) => {
    const actor = actorOf(req);
    const now = app.clock.now();
    const r = await saveEntry(app.db, actor, req.params.roundId, req.params.unitId, req.body, now);
    return { submission: presentSubmission(r.submission, r.round, now), issues: r.issues, saved: r.saved, rejected: r.rejected };
  });

  for (const t of TRANSITION_ROUTES) {
    app.post(`${BASE}/${t.name}`, {
      schema: { tags: TAGS, summary: t.summary, params: S.UnitParams, body: t.body, response: { 200: S.TransitionResponse } },
    }, async (req) => {
      const actor = actorOf(req);
      const now = app.clock.now();
      const body = (req.body ?? {}) as { comment?: string; reason?: string };
      const r = await transition(app.db, actor, req.params.roundId, req.params.unitId, t.name, { comment: body.comment ?? body.reason }, now);
      return { submission: presentSubmission(r.submission, r.context.round, now), issues: r.issues };
    });
  }

  app.get(`${BASE}/history`, {
    schema: { tags: TAGS, summary: 'Lịch sử báo cáo: các bước xử lý và mọi lần sửa từng giá trị', params: S.UnitParams, response: { 200: S.History } },
  }, async (req) => submissionHistory(app.db, actorOf(req), req.params.roundId, req.params.unitId));
};
