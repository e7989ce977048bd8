/**
 * Key tasks (nhiệm vụ trọng tâm) of a period: the list, one task with its updates, create, edit, progress updates,
 * carry over or close at the period's end, and the tasks of part III of a period's draft summary report.
 */
import { KEY_TASK_STATES, multilineText } from '@nhip/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor, requireUser } from '../../platform/http.js';
import { KeyTaskDetail, KeyTaskOut, presentKeyTask, presentKeyTaskUpdate } from './keytasks.presenter.js';
import { keyTasksRepo } from './keytasks.repository.js';
import {
  addKeyTaskUpdate, carryKeyTask, closeKeyTask, createKeyTask, keyTasksFromReport, listKeyTasks, loadVisibleKeyTask, MAX_KEY_TASK_CHARS, MAX_RESULT_CHARS,
  patchKeyTask, type Who,
} from './keytasks.service.js';

const TAGS = ['key-tasks'];
const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const Code = z.string().min(1).max(50);
const Period = z.string().min(4).max(10).describe('Kỳ: 2026, 2026Q1, 2026S1…');
const DateStr = z.string().max(20).describe('YYYY-MM-DD');
const Version = z.number().int().min(1);

const who = (req: FastifyRequest): Who => {
  const u = requireUser(req);
  return { ...u, auditActor: auditActor(req), name: u.fullName || u.username };
};

export const keyTaskRoutes: FastifyPluginAsyncZod = async (app) => {
  const detail = async (actor: Who, id: number) => {
    const t = await loadVisibleKeyTask(app.db, actor, id);
    return { ...presentKeyTask(t, actor), updates: (await keyTasksRepo.updates(app.db, id)).map(presentKeyTaskUpdate) };
  };

  app.get('/api/key-tasks', {
    schema: {
      tags: TAGS, summary: 'Nhiệm vụ trọng tâm của một kỳ (lọc theo phòng chủ trì, trạng thái)',
      querystring: z.object({ period: Period.optional(), owner: Code.optional(), state: z.enum(KEY_TASK_STATES).optional() }),
      response: { 200: z.object({ items: z.array(KeyTaskOut) }) },
    },
  }, async (req) => {
    const actor = who(req);
    return { items: (await listKeyTasks(app.db, actor, req.query)).map((t) => presentKeyTask(t, actor)) };
  });

  app.post('/api/key-tasks', {
    schema: {
      tags: TAGS, summary: 'Thêm nhiệm vụ trọng tâm (Văn phòng Sở); hạn mặc định là ngày cuối kỳ',
      body: z.object({
        period: Period, text: multilineText().min(1).max(MAX_KEY_TASK_CHARS), owner: Code.nullable().optional().describe('Mã phòng chủ trì'),
        sector: Code.nullable().optional().describe('Mã lĩnh vực'), deadline: DateStr.nullable().optional(),
      }),
      response: { 201: KeyTaskDetail },
    },
  }, async (req, reply) => {
    const actor = who(req);
    const t = await createKeyTask(app.db, actor, req.body, app.clock.now());
    return reply.status(201).send(await detail(actor, t.id));
  });

  app.post('/api/key-tasks/from-report', {
    schema: {
      tags: TAGS, summary: 'Lập nhiệm vụ trọng tâm của kỳ sau từ phần III của dự thảo báo cáo tổng kết một kỳ (bỏ qua nhiệm vụ đã có)',
      body: z.object({ period: Period.describe('Kỳ của báo cáo tổng kết (2025 → nhiệm vụ năm 2026)') }),
      response: { 200: z.object({ period: z.string(), created: z.array(KeyTaskOut), skipped: z.number() }) },
    },
  }, async (req) => {
    const actor = who(req);
    const r = await keyTasksFromReport(app.db, actor, req.body.period, app.clock.today(), app.clock.now());
    return { period: r.period, created: r.created.map((t) => presentKeyTask(t, actor)), skipped: r.skipped };
  });

  app.get('/api/key-tasks/:id', {
    schema: { tags: TAGS, summary: 'Một nhiệm vụ trọng tâm và các lần cập nhật tiến độ', params: IdParams, response: { 200: KeyTaskDetail } },
  }, async (req) => detail(who(req), req.params.id));

  app.patch('/api/key-tasks/:id', {
    schema: {
      tags: TAGS, summary: 'Sửa nội dung, phòng chủ trì, lĩnh vực, hạn (Văn phòng Sở), kèm phiên bản đã đọc', params: IdParams,
      body: z.object({
        version: Version, text: multilineText().min(1).max(MAX_KEY_TASK_CHARS).optional(), owner: Code.nullable().optional(), sector: Code.nullable().optional(),
        deadline: DateStr.nullable().optional().describe('null: ngày cuối kỳ'),
      }),
      response: { 200: KeyTaskDetail },
    },
  }, async (req) => {
    const actor = who(req);
    await patchKeyTask(app.db, actor, req.params.id, req.body, app.clock.now());
    return detail(actor, req.params.id);
  });

  app.post('/api/key-tasks/:id/updates', {
    schema: {
      tags: TAGS, summary: 'Cập nhật tiến độ (phòng chủ trì, Văn phòng Sở)', params: IdParams,
      body: z.object({ text: multilineText().max(MAX_RESULT_CHARS).default(''), progress: z.number().int().min(0).max(100).nullable().optional() }),
      response: { 201: KeyTaskDetail },
    },
  }, async (req, reply) => {
    const actor = who(req);
    await addKeyTaskUpdate(app.db, actor, req.params.id, req.body, app.clock.now());
    return reply.status(201).send(await detail(actor, req.params.id));
  });

  app.post('/api/key-tasks/:id/carry', {
    schema: {
      tags: TAGS, summary: 'Cuối kỳ: chuyển nhiệm vụ sang kỳ sau (ghi kết quả đạt được và lý do); một nhiệm vụ mới tiếp nối ở kỳ sau', params: IdParams,
      body: z.object({ version: Version, result: multilineText().max(MAX_RESULT_CHARS) }),
      response: { 200: z.object({ task: KeyTaskOut, next: KeyTaskOut }) },
    },
  }, async (req) => {
    const actor = who(req);
    const r = await carryKeyTask(app.db, actor, req.params.id, req.body, app.clock.now());
    return { task: presentKeyTask(r.task, actor), next: presentKeyTask(r.next, actor) };
  });

  app.post('/api/key-tasks/:id/close', {
    schema: {
      tags: TAGS, summary: 'Cuối kỳ: đóng nhiệm vụ với kết quả (done: hoàn thành, hoặc đóng khi chưa hoàn thành)', params: IdParams,
      body: z.object({ version: Version, result: multilineText().max(MAX_RESULT_CHARS), done: z.boolean() }),
      response: { 200: KeyTaskOut },
    },
  }, async (req) => {
    const actor = who(req);
    return presentKeyTask(await closeKeyTask(app.db, actor, req.params.id, req.body, app.clock.now()), actor);
  });
};
