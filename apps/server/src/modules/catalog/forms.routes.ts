/** Catalog API: report forms (structure, assigned units), validation rules and targets. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { auditActor, requireAbility, requireUser } from '../../platform/http.js';
import { presentFormDetail, presentFormSummary, presentRule, presentTarget } from './catalog.presenter.js';
import {
  FormCreate, FormDetailOut, FormPatch, FormQuery, FormStructureBody, FormSummaryOut, FormUnitsBody, IdParam, Ok, RuleCreate, RuleOut,
  RulePatch, RuleQuery, TargetCreate, TargetOut, TargetPatch, TargetQuery,
} from './catalog.schema.js';
import {
  createForm, createRule, createTarget, deleteRule, deleteTarget, getFormDetail, getRule, getTarget, listForms, listRules, listTargets,
  replaceStructure, replaceUnits, updateForm, updateRule, updateTarget,
} from './catalog.service.js';

const tags = ['catalog'];

export const formRoutes: FastifyPluginAsyncZod = async (app) => {
  const detail = async (id: number) => {
    const d = await getFormDetail(app.db, id);
    if (!d) throw notFound('Không tìm thấy biểu mẫu.');
    return presentFormDetail(d);
  };

  // ── report forms ──
  app.get('/api/forms', {
    schema: { tags, summary: 'Danh sách biểu mẫu báo cáo', querystring: FormQuery, response: { 200: z.array(FormSummaryOut) } },
  }, async (req) => {
    requireUser(req);
    const active = req.query.active === undefined ? undefined : req.query.active === 'true';
    return (await listForms(app.db, { active })).map(presentFormSummary);
  });

  app.get('/api/forms/:id', {
    schema: { tags, summary: 'Một biểu mẫu: các phần, chỉ tiêu và đơn vị báo cáo', params: IdParam, response: { 200: FormDetailOut } },
  }, async (req) => {
    requireUser(req);
    return detail(req.params.id);
  });

  app.post('/api/forms', { schema: { tags, summary: 'Thêm biểu mẫu báo cáo', body: FormCreate, response: { 201: FormDetailOut } } }, async (req, reply) => {
    requireAbility(req, 'catalog.manage');
    const id = await createForm(app.db, auditActor(req), req.body);
    return reply.status(201).send(await detail(id));
  });

  app.patch('/api/forms/:id', {
    schema: { tags, summary: 'Sửa biểu mẫu báo cáo', params: IdParam, body: FormPatch, response: { 200: FormDetailOut } },
  }, async (req) => {
    requireAbility(req, 'catalog.manage');
    await updateForm(app.db, auditActor(req), req.params.id, req.body);
    return detail(req.params.id);
  });

  app.put('/api/forms/:id/structure', {
    schema: { tags, summary: 'Thay toàn bộ các phần và chỉ tiêu của biểu mẫu', params: IdParam, body: FormStructureBody, response: { 200: FormDetailOut } },
  }, async (req) => {
    requireAbility(req, 'catalog.manage');
    await replaceStructure(app.db, auditActor(req), req.params.id, req.body);
    return detail(req.params.id);
  });

  app.put('/api/forms/:id/units', {
    schema: { tags, summary: 'Thay danh sách đơn vị phải báo cáo theo biểu mẫu', params: IdParam, body: FormUnitsBody, response: { 200: FormDetailOut } },
  }, async (req) => {
    requireAbility(req, 'catalog.manage');
    await replaceUnits(app.db, auditActor(req), req.params.id, req.body.orgUnitIds);
    return detail(req.params.id);
  });

  // ── validation rules ──
  app.get('/api/validation-rules', {
    schema: { tags, summary: 'Danh sách quy tắc kiểm tra', querystring: RuleQuery, response: { 200: z.array(RuleOut) } },
  }, async (req) => {
    requireUser(req);
    return (await listRules(app.db, req.query)).map(presentRule);
  });

  app.post('/api/validation-rules', {
    schema: { tags, summary: 'Thêm quy tắc kiểm tra (biểu thức được kiểm tra)', body: RuleCreate, response: { 201: RuleOut } },
  }, async (req, reply) => {
    requireAbility(req, 'catalog.manage');
    const id = await createRule(app.db, auditActor(req), req.body);
    return reply.status(201).send(presentRule((await getRule(app.db, id))!));
  });

  app.patch('/api/validation-rules/:id', {
    schema: { tags, summary: 'Sửa quy tắc kiểm tra', params: IdParam, body: RulePatch, response: { 200: RuleOut } },
  }, async (req) => {
    requireAbility(req, 'catalog.manage');
    await updateRule(app.db, auditActor(req), req.params.id, req.body);
    return presentRule((await getRule(app.db, req.params.id))!);
  });

  app.delete('/api/validation-rules/:id', { schema: { tags, summary: 'Xóa quy tắc kiểm tra', params: IdParam, response: { 200: Ok } } }, async (req) => {
    requireAbility(req, 'catalog.manage');
    await deleteRule(app.db, auditActor(req), req.params.id);
    return { ok: true };
  });

  // ── targets ──
  app.get('/api/targets', {
    schema: { tags, summary: 'Chỉ tiêu kế hoạch theo năm và đơn vị', querystring: TargetQuery, response: { 200: z.array(TargetOut) } },
  }, async (req) => {
    const user = requireUser(req);
    return (await listTargets(app.db, user, req.query)).map(presentTarget);
  });

  app.post('/api/targets', { schema: { tags, summary: 'Thêm chỉ tiêu kế hoạch', body: TargetCreate, response: { 201: TargetOut } } }, async (req, reply) => {
    requireAbility(req, 'catalog.manage');
    const id = await createTarget(app.db, auditActor(req), req.body);
    return reply.status(201).send(presentTarget((await getTarget(app.db, id))!));
  });

  app.patch('/api/targets/:id', {
    schema: { tags, summary: 'Sửa chỉ tiêu kế hoạch', params: IdParam, body: TargetPatch, response: { 200: TargetOut } },
  }, async (req) => {
    requireAbility(req, 'catalog.manage');
    await updateTarget(app.db, auditActor(req), req.params.id, req.body);
    return presentTarget((await getTarget(app.db, req.params.id))!);
  });

  app.delete('/api/targets/:id', { schema: { tags, summary: 'Xóa chỉ tiêu kế hoạch', params: IdParam, response: { 200: Ok } } }, async (req) => {
    requireAbility(req, 'catalog.manage');
    await deleteTarget(app.db, auditActor(req), req.params.id);
    return { ok: true };
  });
};
