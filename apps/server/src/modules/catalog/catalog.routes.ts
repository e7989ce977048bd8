/**
 * Catalog API: sectors, data elements, indicators (here) and forms, rules, targets (forms.routes.ts).
 * Every signed-in user may read the catalog (unit users need forms and elements to report);
 * writing needs 'catalog.manage'.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { auditActor, requireAbility, requireUser } from '../../platform/http.js';
import { presentDataElement, presentIndicator, presentSector } from './catalog.presenter.js';
import {
  DataElementCreate, DataElementOut, DataElementPatch, DataElementQuery, IdParam, IndicatorCreate, IndicatorOut, IndicatorPatch, IndicatorQuery,
  SectorCreate, SectorOut, SectorPatch,
} from './catalog.schema.js';
import {
  createDataElement, createIndicator, createSector, getDataElement, getIndicator, getSector, listDataElements, listIndicators, listSectors,
  updateDataElement, updateIndicator, updateSector,
} from './catalog.service.js';
import { formRoutes } from './forms.routes.js';

const tags = ['catalog'];

const elementRoutes: FastifyPluginAsyncZod = async (app) => {
  // ── sectors ──
  app.get('/api/sectors', { schema: { tags, summary: 'Danh sách lĩnh vực', response: { 200: z.array(SectorOut) } } }, async (req) => {
    requireUser(req);
    return (await listSectors(app.db)).map(presentSector);
  });

  app.post('/api/sectors', { schema: { tags, summary: 'Thêm lĩnh vực', body: SectorCreate, response: { 201: SectorOut } } }, async (req, reply) => {
    requireAbility(req, 'catalog.manage');
    const id = await createSector(app.db, auditActor(req), req.body);
    return reply.status(201).send(presentSector((await getSector(app.db, id))!));
  });

  app.patch('/api/sectors/:id', { schema: { tags, summary: 'Sửa lĩnh vực', params: IdParam, body: SectorPatch, response: { 200: SectorOut } } }, async (req) => {
    requireAbility(req, 'catalog.manage');
    await updateSector(app.db, auditActor(req), req.params.id, req.body);
    return presentSector((await getSector(app.db, req.params.id))!);
  });

  // ── data elements ──
  app.get('/api/data-elements', {
    schema: { tags, summary: 'Danh sách chỉ tiêu nhập liệu (tìm không dấu)', querystring: DataElementQuery, response: { 200: z.array(DataElementOut) } },
  }, async (req) => {
    requireUser(req);
    return (await listDataElements(app.db, req.query)).map(presentDataElement);
  });

  app.get('/api/data-elements/:id', { schema: { tags, summary: 'Một chỉ tiêu nhập liệu', params: IdParam, response: { 200: DataElementOut } } }, async (req) => {
    requireUser(req);
    const e = await getDataElement(app.db, req.params.id);
    if (!e) throw notFound('Không tìm thấy chỉ tiêu.');
    return presentDataElement(e);
  });

  app.post('/api/data-elements', {
    schema: { tags, summary: 'Thêm chỉ tiêu nhập liệu', body: DataElementCreate, response: { 201: DataElementOut } },
  }, async (req, reply) => {
    requireAbility(req, 'catalog.manage');
    const id = await createDataElement(app.db, auditActor(req), req.body);
    return reply.status(201).send(presentDataElement((await getDataElement(app.db, id))!));
  });

  app.patch('/api/data-elements/:id', {
    schema: { tags, summary: 'Sửa chỉ tiêu nhập liệu', params: IdParam, body: DataElementPatch, response: { 200: DataElementOut } },
  }, async (req) => {
    requireAbility(req, 'catalog.manage');
    await updateDataElement(app.db, auditActor(req), req.params.id, req.body);
    return presentDataElement((await getDataElement(app.db, req.params.id))!);
  });

  // ── indicators ──
  app.get('/api/indicators', {
    schema: { tags, summary: 'Danh sách chỉ số (tử số, mẫu số, hệ số)', querystring: IndicatorQuery, response: { 200: z.array(IndicatorOut) } },
  }, async (req) => {
    requireUser(req);
    return (await listIndicators(app.db, req.query)).map(presentIndicator);
  });

  app.get('/api/indicators/:id', { schema: { tags, summary: 'Một chỉ số', params: IdParam, response: { 200: IndicatorOut } } }, async (req) => {
    requireUser(req);
    const i = await getIndicator(app.db, req.params.id);
    if (!i) throw notFound('Không tìm thấy chỉ số.');
    return presentIndicator(i);
  });

  app.post('/api/indicators', {
    schema: { tags, summary: 'Thêm chỉ số (biểu thức được kiểm tra)', body: IndicatorCreate, response: { 201: IndicatorOut } },
  }, async (req, reply) => {
    requireAbility(req, 'catalog.manage');
    const id = await createIndicator(app.db, auditActor(req), req.body);
    return reply.status(201).send(presentIndicator((await getIndicator(app.db, id))!));
  });

  app.patch('/api/indicators/:id', {
    schema: { tags, summary: 'Sửa chỉ số', params: IdParam, body: IndicatorPatch, response: { 200: IndicatorOut } },
  }, async (req) => {
    requireAbility(req, 'catalog.manage');
    await updateIndicator(app.db, auditActor(req), req.params.id, req.body);
    return presentIndicator((await getIndicator(app.db, req.params.id))!);
  });
};

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(elementRoutes);
  await app.register(formRoutes);
};
