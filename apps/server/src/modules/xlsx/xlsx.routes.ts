import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, badRequest } from '../../platform/errors.js';
import { cleanFileName } from '../../platform/file-name.js';
import { XLSX_MIME, sendFile } from '../../platform/http.js';
import { rateLimited } from '../../platform/rate-limits.js';
import { actorOf } from '../submissions/submissions.routes.js';
import { presentImport } from './xlsx.presenter.js';
import { ImportQuery, ImportResult, UnitParams } from './xlsx.schema.js';
import { buildTemplate, importTemplate } from './xlsx.service.js';

const TAGS = ['submissions'];
const BASE = '/api/rounds/:roundId/units/:unitId';

/** The uploaded file (field "file"), read whole; more than the app's 20 MB limit → 413 before anything else. */
async function uploadedFile(req: FastifyRequest): Promise<{ content: Buffer; filename: string | null }> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Hãy gửi tệp Excel (.xlsx) theo dạng multipart/form-data, trong trường "file".');
  const part = await req.file();
  if (!part) throw badRequest('Chưa có tệp nào được gửi lên. Hãy chọn tệp Excel (.xlsx) đã điền.');
  if (part.fieldname !== 'file') throw badRequest('Tệp phải được gửi trong trường "file".');
  const content = await part.toBuffer();
  if (part.file.truncated) throw badRequest('Tệp tải lên bị cắt cụt; vui lòng gửi lại.');
  // The name is only recorded in the audit event, cleaned like an attachment's.
  return { content, filename: part.filename ? cleanFileName(part.filename) || null : null };
}

export const xlsxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(`${BASE}/template.xlsx`, {
    schema: {
      tags: TAGS, summary: 'Tải mẫu Excel của báo cáo (đã điền sẵn số liệu đã lưu, số liệu kỳ trước và cùng kỳ năm trước)',
      params: UnitParams, produces: [XLSX_MIME],
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const { body, filename } = await buildTemplate(app.db, actor, req.params.roundId, req.params.unitId, app.clock.now());
    return sendFile(reply, body, filename, XLSX_MIME);
  });

  app.post(`${BASE}/import-xlsx`, {
    onRequest: rateLimited(app, 'import'),
    schema: {
      tags: TAGS,
      summary: 'Nhập báo cáo từ mẫu Excel đã điền: xem trước (dryRun=true, mặc định) hoặc ghi (dryRun=false)',
      description:
        'Multipart, trường "file" (.xlsx, tối đa 20 MB). Cột A là mã chỉ tiêu; ô số liệu để trống thì giữ nguyên số liệu đã lưu. ' +
        'Có bất kỳ lỗi nào thì không ghi gì. Ghi khi dryRun=false: một giao dịch, có nhật ký.',
      consumes: ['multipart/form-data'], params: UnitParams, querystring: ImportQuery, response: { 200: ImportResult },
    },
  }, async (req) => {
    const actor = actorOf(req);
    const { content, filename } = await uploadedFile(req);
    const dryRun = req.query.dryRun !== 'false';
    const outcome = await importTemplate(
      app.db, actor, req.params.roundId, req.params.unitId, content, { dryRun, version: req.query.version, filename }, app.clock.now(),
    );
    return presentImport(outcome, dryRun);
  });
};
