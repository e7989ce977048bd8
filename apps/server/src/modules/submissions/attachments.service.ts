/** Files attached to a unit's report (signed scans, annexes): scoped, audited and editable like the figures. */
import { createHash } from 'node:crypto';
import { audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { type AttachmentMeta, attachmentsRepo } from './attachments.repository.js';
import { detectAttachment } from './file-kind.js';
import { type SubmissionActor, auditActorOf, authorize, loadContext, lockOrCreate } from './submission-context.js';

export const MAX_ATTACHMENTS_PER_REPORT = 30;
const ATTACHMENT_NOT_FOUND = 'Không tìm thấy tệp đính kèm.';

/**
 * Stores a file on the unit's report (creating the draft if needed). The type is checked by content
 * before anything is written; an empty file is refused.
 */
export async function addAttachment(
  db: Db,
  actor: SubmissionActor,
  roundId: number,
  unitId: number,
  file: { filename: string; content: Buffer },
  now: Date,
): Promise<AttachmentMeta> {
  // Visibility first: another unit's report answers 404 whatever the file.
  const probe = await loadContext(db, actor, roundId, unitId);
  authorize(actor, 'edit', probe.subject);
  if (file.content.length === 0) throw badRequest('Tệp tải lên không có nội dung (0 byte).');
  const kind = await detectAttachment(file.content, file.filename);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return db.tx(async (t) => {
    const ctx = await loadContext(t, actor, roundId, unitId, true);
    const { submission } = await lockOrCreate(t, actor, ctx, 'edit', now);
    if ((await attachmentsRepo.count(t, submission.id)) >= MAX_ATTACHMENTS_PER_REPORT)
      throw conflict(`Mỗi báo cáo đính kèm tối đa ${MAX_ATTACHMENTS_PER_REPORT} tệp; hãy xóa bớt tệp không cần thiết.`);
    const row = await attachmentsRepo.insert(t, {
      submissionId: submission.id, filename: kind.filename, mime: kind.mime, size: file.content.length, sha256, content: file.content, userId: actor.id, now,
    });
    await audit(t, auditActorOf(actor), {
      action: 'attachment.upload', entityType: 'submission', entityId: submission.id, orgUnitId: ctx.unit.id,
      after: { attachmentId: row.id, filename: row.filename, mime: row.mime, size: row.size, sha256 },
    });
    return row;
  });
}

/** The file, if the actor may see the report it belongs to (404 otherwise, as for the report itself). */
export async function readAttachment(db: Db, actor: SubmissionActor, id: number): Promise<{ meta: AttachmentMeta; content: Buffer }> {
  const meta = await attachmentsRepo.locate(db, id);
  if (!meta) throw notFound(ATTACHMENT_NOT_FOUND);
  try {
    await loadContext(db, actor, meta.round_id, meta.org_unit_id);
  } catch (e) {
    throw (e as { status?: number }).status === 404 ? notFound(ATTACHMENT_NOT_FOUND) : e;
  }
  const content = await attachmentsRepo.content(db, id);
  if (!content) throw notFound(ATTACHMENT_NOT_FOUND);
  return { meta, content: Buffer.from(content) };
}

/** Removes a file while the report is still editable by the actor. */
export async function deleteAttachment(db: Db, actor: SubmissionActor, id: number): Promise<void> {
  await db.tx(async (t) => {
    const meta = await attachmentsRepo.locate(t, id);
    if (!meta) throw notFound(ATTACHMENT_NOT_FOUND);
    let ctx: Awaited<ReturnType<typeof loadContext>>;
    try {
      ctx = await loadContext(t, actor, meta.round_id, meta.org_unit_id, true);
    } catch (e) {
      throw (e as { status?: number }).status === 404 ? notFound(ATTACHMENT_NOT_FOUND) : e;
    }
    authorize(actor, 'edit', ctx.subject);
    await attachmentsRepo.remove(t, id);
    await audit(t, auditActorOf(actor), {
      action: 'attachment.delete', entityType: 'submission', entityId: meta.submission_id, orgUnitId: meta.org_unit_id,
      before: { attachmentId: meta.id, filename: meta.filename, mime: meta.mime, size: meta.size, sha256: meta.sha256 },
    });
  });
}
