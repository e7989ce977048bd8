/** The file of an import request: a CSV body (text/csv), or the "file" field of a multipart upload (.xlsx or .csv). */
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../../platform/errors.js';
import { cleanFileName } from '../../platform/file-name.js';

export async function uploadedTable(req: FastifyRequest): Promise<{ content: Buffer | string; filename: string | null }> {
  if (req.isMultipart()) {
    const part = await req.file();
    if (!part) throw badRequest('Chưa có tệp nào được gửi lên. Hãy chọn tệp Excel (.xlsx) hoặc CSV.');
    if (part.fieldname !== 'file') throw badRequest('Tệp phải được gửi trong trường "file".');
    const content = await part.toBuffer();
    if (part.file.truncated) throw badRequest('Tệp tải lên bị cắt cụt; vui lòng gửi lại.');
    return { content, filename: part.filename ? cleanFileName(part.filename) || null : null };
  }
  if (req.body === undefined || req.body === null) throw badRequest('Chưa gửi tệp để nhập.');
  if (typeof req.body !== 'string')
    throw new AppError(415, 'unsupported_media_type', 'Hãy gửi tệp CSV (Content-Type: text/csv), hoặc tải tệp Excel (.xlsx) hay CSV lên qua biểu mẫu (trường "file").');
  return { content: req.body, filename: null };
}
