import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden } from '../../platform/errors.js';
import { requireUser, sendFile } from '../../platform/http.js';
import { takeRateLimit } from '../../platform/rate-limits.js';
import { bundlePdf, bundleZip, collectBundle } from './bundle.service.js';
import { ConferenceIdParam } from './conferences.schema.js';
import { loadVisibleConference } from './conferences.service.js';

const TAGS = ['conferences'];

export const bundleRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The department's material: the office, the directorate and the reviewing divisions; not the units. */
  const load = async (req: Parameters<typeof requireUser>[0], id: number) => {
    const u = requireUser(req);
    const loaded = await loadVisibleConference(app.db, u, id);
    if (u.role === 'reporter' || u.role === 'unit_head' || u.role === 'viewer')
      throw forbidden('Tài liệu hội nghị do Văn phòng Sở tải về để in và gửi đại biểu.');
    return loaded;
  };

  app.get('/api/conferences/:id/bundle.zip', {
    schema: { tags: TAGS, summary: 'Tài liệu hội nghị (.zip): chương trình, dự thảo báo cáo, các bài tham luận, kèm mục lục', params: ConferenceIdParam },
  }, async (req, reply) => {
    const loaded = await load(req, req.params.id);
    await takeRateLimit(app, req, reply, 'conference');
    const b = await collectBundle(app.db, loaded.conference, app.clock.today());
    return sendFile(reply, await bundleZip(b), `Tài liệu hội nghị - ${loaded.conference.period}.zip`, 'application/zip');
  });

  app.get('/api/conferences/:id/bundle.pdf', {
    schema: {
      tags: TAGS, summary: 'Tài liệu hội nghị ghép thành một tệp PDF (cần LibreOffice trên máy chủ; tệp không chuyển được có trang ghi chú)',
      params: ConferenceIdParam,
    },
  }, async (req, reply) => {
    const loaded = await load(req, req.params.id);
    await takeRateLimit(app, req, reply, 'conference');
    const b = await collectBundle(app.db, loaded.conference, app.clock.today());
    const { pdf } = await bundlePdf(b, loaded.conference.title);
    return sendFile(reply, pdf, `Tài liệu hội nghị - ${loaded.conference.period}.pdf`, 'application/pdf');
  });
};
