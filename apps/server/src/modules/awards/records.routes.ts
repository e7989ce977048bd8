import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { XLSX_MIME, auditActor, requireUser, sendFile } from '../../platform/http.js';
import { rateLimited } from '../../platform/rate-limits.js';
import { presentRating, presentRecord } from './awards.presenter.js';
import {
  DryRunQuery, IdParam, RatingBody, RatingImportOut, RatingListOut, RatingOut, RatingQuery, RecordCreateBody, RecordExportQuery, RecordImportOut, RecordListOut, RecordOut,
  RecordQuery,
} from './awards.schema.js';
import { importRatings, listRatings, setRating } from './ratings.service.js';
import { RECORD_COLUMNS, createRecord, deleteRecord, exportRows, importRecords, listRecords, recordById } from './records.service.js';
import { tableToCsv, tableToXlsx } from './sheet.js';
import { uploadedTable } from './upload.js';

const tags = ['awards'];

export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/awards/records', {
    schema: {
      tags, summary: 'Sổ khen thưởng: tìm theo tên (có hoặc không dấu), đơn vị, danh hiệu, năm',
      description: 'unit (mã đơn vị): khen thưởng của tập thể đó và của cán bộ công tác tại đó trong năm được khen.',
      querystring: RecordQuery, response: { 200: RecordListOut },
    },
  }, async (req) => {
    requireUser(req);
    const page = await listRecords(app.db, req.query, app.clock.today());
    return { total: page.total, items: page.items.map(presentRecord) };
  });

  app.post('/api/awards/records', {
    schema: {
      tags, summary: 'Ghi một khen thưởng đã có vào lịch sử (lưu đúng như đã quyết định)',
      description: '{"person": ID, "title": MÃ, "year": YYYY, "decision"?: "số quyết định"}; khen thưởng tập thể ghi "unit": MÃ ĐƠN VỊ thay cho person.',
      body: RecordCreateBody, response: { 201: RecordOut },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const id = await createRecord(app.db, user, auditActor(req), req.body, app.clock.today());
    return reply.status(201).send(presentRecord(await recordById(app.db, id, app.clock.today())));
  });

  app.get('/api/awards/records/:id', {
    schema: { tags, summary: 'Một bản ghi khen thưởng', params: IdParam, response: { 200: RecordOut } },
  }, async (req) => {
    requireUser(req);
    return presentRecord(await recordById(app.db, req.params.id, app.clock.today()));
  });

  app.delete('/api/awards/records/:id', {
    schema: { tags, summary: 'Xóa một bản ghi lịch sử nhập nhầm (bản ghi do quyết định tạo ra thì không xóa được)', params: IdParam },
  }, async (req, reply) => {
    const user = requireUser(req);
    await deleteRecord(app.db, user, auditActor(req), req.params.id, app.clock.today());
    return reply.status(204).send();
  });

  app.post('/api/awards/records/import', {
    onRequest: rateLimited(app, 'import'),
    schema: {
      tags, summary: 'Nhập lịch sử khen thưởng từ tệp Excel (.xlsx) hoặc CSV (tất cả hoặc không; dryRun=true để chỉ kiểm tra)',
      description:
        `Cột: ${RECORD_COLUMNS.map((c) => `${c.key} (${c.label})`).join(', ')}. Bắt buộc title và year. Cá nhân: personId, hoặc fullName và unitCode (đơn vị từng công tác); `
        + 'tập thể: chỉ unitCode. Danh hiệu không có trong danh mục, năm trong tương lai bị từ chối, báo theo số dòng. Bản ghi đã có được bỏ qua (đếm là existing).',
      querystring: DryRunQuery, response: { 200: RecordImportOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const file = await uploadedTable(req);
    return importRecords(app.db, user, auditActor(req), file.content, { dryRun: req.query.dryRun === 'true', today: app.clock.today(), filename: file.filename });
  });

  for (const format of ['xlsx', 'csv'] as const)
    app.get(`/api/awards/records/export.${format}`, {
      onRequest: rateLimited(app, 'export'),
      schema: { tags, summary: `Xuất sổ khen thưởng ra tệp ${format === 'xlsx' ? 'Excel' : 'CSV'} (cùng các cột của tệp nhập)`, querystring: RecordExportQuery },
    }, async (req, reply) => {
      requireUser(req);
      const rows = await exportRows(app.db, req.query, app.clock.today());
      const name = `So khen thuong ${app.clock.today()}`;
      if (format === 'csv') return sendFile(reply, `\uFEFF${tableToCsv(RECORD_COLUMNS, rows)}`, `${name}.csv`, 'text/csv; charset=utf-8');
      return sendFile(reply, await tableToXlsx('Sổ khen thưởng', RECORD_COLUMNS, rows.map((r) => ({ ...r, year: Number(r.year) }))), `${name}.xlsx`, XLSX_MIME);
    });

  // ── ratings ──
  app.get('/api/awards/ratings', {
    schema: { tags, summary: 'Xếp loại chất lượng hằng năm của cán bộ và tập thể', querystring: RatingQuery, response: { 200: RatingListOut } },
  }, async (req) => {
    const user = requireUser(req);
    return { items: (await listRatings(app.db, user, req.query, app.clock.today())).map(presentRating) };
  });

  app.put('/api/awards/ratings', {
    schema: {
      tags, summary: 'Ghi xếp loại chất lượng một năm của một cán bộ (person) hoặc tập thể (unit)',
      description: 'rating: xuat_sac (hoàn thành xuất sắc nhiệm vụ), tot (hoàn thành tốt), hoan_thanh (hoàn thành), khong_hoan_thanh (không hoàn thành nhiệm vụ).',
      body: RatingBody, response: { 200: RatingOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const id = await setRating(app.db, user, auditActor(req), req.body, app.clock.today());
    // A unit's list holds its people's ratings too: answer with the row just written, by its id.
    const list = await listRatings(app.db, user, { person: req.body.person, unit: req.body.unit, year: req.body.year }, app.clock.today());
    return presentRating(list.find((r) => r.id === id)!);
  });

  app.post('/api/awards/ratings/import', {
    onRequest: rateLimited(app, 'import'),
    schema: {
      tags, summary: 'Nhập xếp loại chất lượng từ tệp Excel (.xlsx) hoặc CSV (tất cả hoặc không; dryRun=true để chỉ kiểm tra)',
      description: 'Cột: personId, fullName, unitCode, year, rating, note. rating ghi mã, chữ viết tắt (HTXSNV, HTTNV, HTNV, KHTNV) hoặc đầy đủ.',
      querystring: DryRunQuery, response: { 200: RatingImportOut },
    },
  }, async (req) => {
    const user = requireUser(req);
    const file = await uploadedTable(req);
    return importRatings(app.db, user, auditActor(req), file.content, { dryRun: req.query.dryRun === 'true', today: app.clock.today(), filename: file.filename });
  });
};
