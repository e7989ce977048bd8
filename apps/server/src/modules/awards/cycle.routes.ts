/** Initiatives and annual registrations. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActor, requireUser } from '../../platform/http.js';
import { presentInitiative, presentRegistration } from './awards.presenter.js';
import {
  IdParam, InitiativeBody, InitiativeListOut, InitiativeOut, InitiativePatchBody, InitiativeQuery, RegistrationBody, RegistrationListOut, RegistrationOut,
  RegistrationQuery,
} from './awards.schema.js';
import { createInitiative, initiativeById, listInitiatives, updateInitiative } from './initiatives.service.js';
import { registrationById, listRegistrations, saveRegistration } from './registrations.service.js';

const tags = ['awards'];

export const cycleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/awards/initiatives', {
    schema: { tags, summary: 'Sáng kiến (lọc theo tác giả, năm công nhận, chưa dùng để khen thưởng)', querystring: InitiativeQuery, response: { 200: InitiativeListOut } },
  }, async (req) => {
    const user = requireUser(req);
    const items = await listInitiatives(app.db, user, { person: req.query.person, year: req.query.year, unused: req.query.unused === 'true' }, app.clock.today());
    return { items: items.map(presentInitiative) };
  });

  app.post('/api/awards/initiatives', {
    schema: {
      tags, summary: 'Ghi một sáng kiến đã được công nhận',
      description: '{"person": ID, "title", "year", "scope": co_so | tinh | toan_quoc}; coAuthors: các đồng tác giả. Mỗi sáng kiến chỉ dùng cho một lần khen thưởng.',
      body: InitiativeBody, response: { 201: InitiativeOut },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const id = await createInitiative(app.db, user, auditActor(req), req.body, app.clock.today());
    return reply.status(201).send(presentInitiative(await initiativeById(app.db, user, id, app.clock.today())));
  });

  app.get('/api/awards/initiatives/:id', {
    schema: { tags, summary: 'Một sáng kiến, với khen thưởng đã dùng nó', params: IdParam, response: { 200: InitiativeOut } },
  }, async (req) => {
    const user = requireUser(req);
    return presentInitiative(await initiativeById(app.db, user, req.params.id, app.clock.today()));
  });

  app.patch('/api/awards/initiatives/:id', {
    schema: { tags, summary: 'Sửa một sáng kiến (đã dùng để khen thưởng thì không sửa năm, phạm vi, tác giả)', params: IdParam, body: InitiativePatchBody, response: { 200: InitiativeOut } },
  }, async (req) => {
    const user = requireUser(req);
    await updateInitiative(app.db, user, auditActor(req), req.params.id, req.body, app.clock.today());
    return presentInitiative(await initiativeById(app.db, user, req.params.id, app.clock.today()));
  });

  app.get('/api/awards/registrations', {
    schema: {
      tags, summary: 'Đăng ký thi đua theo năm: Văn phòng xem mọi đơn vị, đơn vị xem của mình', querystring: RegistrationQuery, response: { 200: RegistrationListOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    return { items: (await listRegistrations(app.db, user, req.query)).map(presentRegistration) };
  });

  app.put('/api/awards/registrations', {
    schema: {
      tags, summary: 'Đơn vị đăng ký thi đua đầu năm: mục tiêu tập thể và danh hiệu cá nhân đăng ký',
      description: 'Ghi đè đăng ký đã có của đơn vị trong năm; gửi version đã đọc để không ghi đè thay đổi của người khác.',
      body: RegistrationBody, response: { 200: RegistrationOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const id = await saveRegistration(app.db, user, auditActor(req), req.body, app.clock.today());
    return presentRegistration(await registrationById(app.db, id));
  });
};
