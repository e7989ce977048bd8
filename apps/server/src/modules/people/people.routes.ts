import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, badRequest, forbidden } from '../../platform/errors.js';
import { auditActor, requireUser, sendFile } from '../../platform/http.js';
import { rateLimited } from '../../platform/rate-limits.js';
import { exportPeopleCsv, importPeopleCsv } from './people-import.service.js';
import { managesSomeone } from './people.policy.js';
import { presentPerson, presentPersonDetail } from './people.presenter.js';
import {
  IdParam, ImportQuery, ImportResultOut, LeaveBody, MoveBody, PersonCreateBody, PersonDetailOut, PersonListOut, PersonListQuery, PersonPatchBody,
} from './people.schema.js';
import { createPerson, leavePerson, listPeople, movePerson, personDetail, unitByCode, updatePerson } from './people.service.js';

const tags = ['people'];

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

/** The signed-in user, when their role manages anyone's records (403 otherwise). */
function requireManager(req: FastifyRequest) {
  const user = requireUser(req);
  if (!managesSomeone(user)) throw forbidden();
  return user;
}

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/people', {
    schema: {
      tags, summary: 'Danh sách cán bộ (tìm không dấu; lọc theo đơn vị tại một ngày; kèm người đã nghỉ khi includeFormer=true)',
      description:
        'unit (mã đơn vị) hoặc unitId: những người công tác tại đơn vị vào ngày asOf (mặc định hôm nay); với includeFormer=true: cả những người từng công tác ở đó. '
        + 'Số điện thoại, thư điện tử, ngày sinh và ghi chú chỉ có giá trị với người được xem dữ liệu cá nhân (personal=true).',
      querystring: PersonListQuery, response: { 200: PersonListOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const q = req.query;
    let unitId = q.unitId;
    if (q.unit !== undefined) {
      const unit = await unitByCode(app.db, q.unit);
      if (unitId !== undefined && unitId !== unit.id) return { total: 0, items: [] };
      unitId = unit.id;
    }
    const page = await listPeople(app.db, user, { q: q.q, unitId, asOf: q.asOf, includeFormer: q.includeFormer === 'true', page: q.page, pageSize: q.pageSize }, app.clock.today());
    return { total: page.total, items: page.items.map(presentPerson) };
  });

  app.get('/api/people/export.csv', {
    onRequest: rateLimited(app, 'export'),
    schema: {
      tags, summary: 'Xuất danh sách cán bộ đang công tác ra tệp CSV (nhập lại được nguyên trạng)',
      description: 'Văn phòng và quản trị xuất toàn bộ; cán bộ báo cáo và lãnh đạo đơn vị xuất cán bộ của đơn vị mình.',
    },
  }, async (req, reply) => {
    const user = requireManager(req);
    const csv = await exportPeopleCsv(app.db, user, app.clock.today());
    return sendFile(reply, `\uFEFF${csv}`, `Danh sách cán bộ ${app.clock.today()}.csv`, 'text/csv; charset=utf-8');
  });

  app.post('/api/people/import', {
    onRequest: rateLimited(app, 'import'),
    schema: {
      tags, summary: 'Nhập danh sách cán bộ từ tệp CSV (tất cả hoặc không; dryRun=true để chỉ kiểm tra)',
      description:
        'Gửi nội dung CSV (Content-Type: text/csv) hoặc multipart với trường "file". Cột: id,fullName,unitCode,position,gender,birthDate,phone,email,username,validFrom '
        + '(bắt buộc fullName và unitCode; cột bỏ trống cả cột thì giữ nguyên giá trị đang lưu). Mỗi dòng ứng với cán bộ có id đó; nếu không có id thì cán bộ gắn với '
        + 'tài khoản username; nếu không thì cán bộ cùng họ tên đang công tác tại đơn vị unitCode; không có ai thì thêm mới. Đơn vị khác đơn vị hiện tại: chuyển công tác từ ngày validFrom (mặc định hôm nay).',
      querystring: ImportQuery, response: { 200: ImportResultOut },
    },
  }, async (req) => {
    const user = requireManager(req);
    const input = await csvUpload(req);
    return importPeopleCsv(app.db, user, auditActor(req), input, { dryRun: req.query.dryRun === 'true', today: app.clock.today() });
  });

  app.get('/api/people/:id', {
    schema: { tags, summary: 'Một cán bộ và toàn bộ quá trình công tác', params: IdParam, response: { 200: PersonDetailOut } },
  }, async (req) => {
    const user = requireUser(req);
    return presentPersonDetail(await personDetail(app.db, user, req.params.id, app.clock.today()));
  });

  app.post('/api/people', {
    schema: {
      tags, summary: 'Thêm cán bộ vào một đơn vị',
      description: 'unit là mã đơn vị; đơn vị phải có hiệu lực vào ngày validFrom (mặc định hôm nay). Cán bộ báo cáo và lãnh đạo đơn vị chỉ thêm vào đơn vị mình.',
      body: PersonCreateBody, response: { 201: PersonDetailOut },
    },
  }, async (req, reply) => {
    const user = requireManager(req);
    const id = await createPerson(app.db, user, auditActor(req), req.body, app.clock.today());
    return reply.status(201).send(presentPersonDetail(await personDetail(app.db, user, id, app.clock.today())));
  });

  app.patch('/api/people/:id', {
    schema: {
      tags, summary: 'Sửa thông tin cán bộ và chức vụ hiện tại',
      description: 'Đổi đơn vị, hoặc đổi chức vụ có ghi ngày, bằng POST /api/people/{id}/move để giữ quá trình công tác.',
      params: IdParam, body: PersonPatchBody, response: { 200: PersonDetailOut },
    },
  }, async (req) => {
    const user = requireManager(req);
    await updatePerson(app.db, user, auditActor(req), req.params.id, req.body, app.clock.today());
    return presentPersonDetail(await personDetail(app.db, user, req.params.id, app.clock.today()));
  });

  app.post('/api/people/:id/move', {
    schema: {
      tags, summary: 'Chuyển công tác (hoặc đổi chức vụ) từ một ngày, giữ quá trình công tác',
      description: 'Quá trình đang có kết thúc vào ngày trước date; quá trình mới bắt đầu từ date. Từ chối khi đơn vị không có hiệu lực vào ngày đó, hoặc date không sau ngày bắt đầu của quá trình gần nhất.',
      params: IdParam, body: MoveBody, response: { 200: PersonDetailOut },
    },
  }, async (req) => {
    const user = requireManager(req);
    await movePerson(app.db, user, auditActor(req), req.params.id, req.body, app.clock.today());
    return presentPersonDetail(await personDetail(app.db, user, req.params.id, app.clock.today()));
  });

  app.post('/api/people/:id/leave', {
    schema: {
      tags, summary: 'Kết thúc quá trình công tác (nghỉ hưu, thôi việc, chuyển ra ngoài ngành)',
      description: 'date là ngày đầu tiên cán bộ không còn công tác; quá trình công tác kết thúc vào ngày trước đó.',
      params: IdParam, body: LeaveBody, response: { 200: PersonDetailOut },
    },
  }, async (req) => {
    const user = requireManager(req);
    await leavePerson(app.db, user, auditActor(req), req.params.id, req.body, app.clock.today());
    return presentPersonDetail(await personDetail(app.db, user, req.params.id, app.clock.today()));
  });
};
