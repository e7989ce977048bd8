/**
 * What a file really is, from its content (magic bytes; for DOCX/XLSX the ZIP entries [Content_Types].xml and
 * word/ or xl/), never from its name. Only the kinds a report may carry are accepted.
 */
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors.js';
import { cleanFileName } from '../../platform/file-name.js';

export const ATTACHMENT_KINDS = {
  pdf: { mime: 'application/pdf', label: 'PDF', extensions: ['pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (DOCX)', extensions: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (XLSX)', extensions: ['xlsx'] },
  png: { mime: 'image/png', label: 'ảnh PNG', extensions: ['png'] },
  jpg: { mime: 'image/jpeg', label: 'ảnh JPEG', extensions: ['jpg', 'jpeg'] },
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

const ALLOWED_TEXT = 'PDF, Word (DOCX), Excel (XLSX), ảnh PNG hoặc JPEG';
const unsupported = (message: string) => new AppError(415, 'unsupported_file_type', message);

/**
 * The kind of the content, checked against the name: an unknown kind, or a name that claims another kind
 * (say "baocao.pdf" holding a program), is refused with 415. A name without extension gets the right one.
 */
export async function detectAttachment(content: Buffer, filename: string): Promise<{ kind: AttachmentKind; mime: string; filename: string }> {
  const detected = await fileTypeFromBuffer(content);
  const kind = detected && detected.ext in ATTACHMENT_KINDS ? (detected.ext as AttachmentKind) : null;
  const name = cleanFileName(filename);
  const dot = name.lastIndexOf('.');
  // An extension is a short word after the last dot ("bao-cao.pdf"); "BC 15.3.2024" has none.
  const candidate = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const ext = /^[a-z][a-z0-9]{1,4}$/.test(candidate) ? candidate : '';
  if (!kind) {
    const claims = Object.values(ATTACHMENT_KINDS).find((k) => (k.extensions as readonly string[]).includes(ext));
    throw unsupported(
      claims
        ? `Tệp "${name}" mang đuôi .${ext} nhưng nội dung không phải ${claims.label}. Chỉ nhận tệp ${ALLOWED_TEXT}.`
        : `Loại tệp này không được nhận. Chỉ nhận tệp ${ALLOWED_TEXT} (kiểm tra theo nội dung tệp).`,
    );
  }
  const spec = ATTACHMENT_KINDS[kind];
  if (ext && !(spec.extensions as readonly string[]).includes(ext)) {
    throw unsupported(`Tệp "${name}" mang đuôi .${ext} nhưng nội dung là ${spec.label}. Vui lòng đổi tên tệp cho đúng loại rồi tải lên lại.`);
  }
  return { kind, mime: spec.mime, filename: ext ? name : `${name || 'tep-dinh-kem'}.${spec.extensions[0]}` };
}
