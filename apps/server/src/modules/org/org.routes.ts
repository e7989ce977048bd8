import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, badRequest, forbidden } from '../../platform/errors.js';
import { auditActor, requireAbility, requireUser, sendFile } from '../../platform/http.js';
import { rateLimited } from '../../platform/rate-limits.js';
import { exportUnitsCsv, importUnitsCsv } from './org-import.service.js';
import { presentUnit } from './org.presenter.js';
import {
  IdParam, ImportQuery, ImportResultOut, OrgUnitDetailOut, OrgUnitOut, UnitCreateBody, UnitListQuery, UnitPatchBody,
} from './org.schema.js';
import { createUnit, listUnits, scopeFor, unitDetail, updateUnit } from './org.service.js';

const tags = ['org'];

/** The CSV of an import request: a text/csv body, or the first file of a multipart upload. */
async function csvUpload(req: FastifyRequest): Promise<Buffer | string> {
  if (req.isMultipart()) {
    const file = await req.file();
    if (!file) throw badRequest('Chưa chọn tệp CSV để nhập.');
    return file.toBuffer();
  }
  if (req.body === undefined || req.body === null) throw badRequest('Chưa gửi tệp CSV.');
  if (typeof req.body !== 'string')
    throw new AppError(415, 'unsupported_media_type', 'Hãy gửi tệp CSV (Content-Type: text/csv) hoặc tải tệp lên qua biểu mẫu (trường "file").');
  return req.body;
}

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/org-units', {
    schema: {
      tags, summary: 'Danh sách đơn vị (phẳng; lọc theo ngày hiệu lực, tìm không dấu, loại đơn vị)',
      querystring: UnitListQuery, response: { 200: z.array(OrgUnitOut) },
    },
  }, async (req) => {
    const user = requireUser(req);
    const scope = await scopeFor(app.db, user);
    const q = req.query;
    const views = await listUnits(app.db, scope, { asOf: q.asOf, q: q.q, type: q.type, includeClosed: q.includeClosed === 'true' }, app.clock.today());
    return views.map(presentUnit);
  });

  app.get('/api/org-units/export.csv', {
    schema: { tags, summary: 'Xuất danh sách đơn vị ra tệp CSV (nhập lại được nguyên trạng)' },
  }, async (req, reply) => {
    const user = requireUser(req);
    if ((await scopeFor(app.db, user)).kind !== 'all') throw forbidden();
    const csv = await exportUnitsCsv(app.db);
    return sendFile(reply, `\uFEFF${csv}`, `Danh sách đơn vị ${app.clock.today()}.csv`, 'text/csv; charset=utf-8');
  });

  app.post('/api/org-units/import', {
    onRequest: rateLimited(app, 'import'),
    schema: {
      tags, summary: 'Nhập danh sách đơn vị từ tệp CSV (tất cả hoặc không; dryRun=true để chỉ kiểm tra)',
      description: 'Gửi nội dung CSV (Content-Type: text/csv) hoặc multipart với trường "file". Cột: code,name,type,parentCode,validFrom,validTo,predecessorCodes.',
      querystring: ImportQuery, response: { 200: ImportResultOut },
    },
  }, async (req) => {
    requireAbility(req, 'org.manage');
    const input = await csvUpload(req);
    return importUnitsCsv(app.db, auditActor(req), input, { dryRun: req.query.dryRun === 'true' });
  });

  app.get('/api/org-units/:id', {
    schema: { tags, summary: 'Một đơn vị, các đơn vị trực thuộc và số người dùng', params: IdParam, response: { 200: OrgUnitDetailOut } },
  }, async (req) => {
    const user = requireUser(req);
    const scope = await scopeFor(app.db, user);
    const d = await unitDetail(app.db, scope, req.params.id, app.clock.today());
    return { ...presentUnit(d.view), children: d.children.map(presentUnit), users: d.users };
  });

  app.post('/api/org-units', {
    schema: { tags, summary: 'Thêm đơn vị', body: UnitCreateBody, response: { 201: OrgUnitOut } },
  }, async (req, reply) => {
    requireAbility(req, 'org.manage');
    const id = await createUnit(app.db, auditActor(req), req.body);
    const d = await unitDetail(app.db, { kind: 'all' }, id, app.clock.today());
    return reply.status(201).send(presentUnit(d.view));
  });

  app.patch('/api/org-units/:id', {
    schema: { tags, summary: 'Sửa đơn vị (đổi cấp trên, thời gian hiệu lực, đơn vị tiền thân)', params: IdParam, body: UnitPatchBody, response: { 200: OrgUnitOut } },
  }, async (req) => {
    requireAbility(req, 'org.manage');
    await updateUnit(app.db, auditActor(req), req.params.id, req.body);
    const d = await unitDetail(app.db, { kind: 'all' }, req.params.id, app.clock.today());
    return presentUnit(d.view);
  });
};
