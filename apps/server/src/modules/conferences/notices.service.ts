/**
 * The conclusion notice (Thông báo kết luận), issued by the director: the first issue concludes the conference
 * (held → concluded, CONFERENCE_TRANSITIONS.conclude). The notice is stored as issued — its document model and its
 * .docx — in a table that refuses UPDATE. A correction is a reissue: a new numbered version with a required reason,
 * which may carry the corrected points (the only way to change them once concluded); the older versions stay
 * readable. The invited units are told in the app.
 */
import { type Actor, normalizeText } from '@nhip/contracts';
import { type AuditActor, audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { type DecreeDocument, DOCUMENT_TYPES, nextRegistryNumber } from '../documents/kit/model.js';
import { renderDocx } from '../documents/kit/docx.js';
import { notify } from '../notifications/notifications.service.js';
import { intakeConference } from '../follow-up/intake.service.js';
import { vnDateOf } from '../rounds/rounds.service.js';
import { conclusionDocument } from './conclusion.content.js';
import { conferencesRepo } from './conferences.repository.js';
import { applyTransition, loadVisibleConference, requireConference } from './conferences.service.js';
import { conferenceFacts } from './documents.data.js';
import { type NoticeRow, noticesRepo } from './notices.repository.js';
import { type ReplacementPoint, replacePoints } from './points.service.js';
import { pointsRepo } from './points.repository.js';

export type Who = Actor & { auditActor: AuditActor };

export type IssueInput = {
  /** Why it is reissued; required from the second version on. */
  reason?: string | null;
  /** The registry number ('12'); by default the next TB number of the year. */
  number?: string | null;
  /** On a reissue: the corrected points, all of them, in order (see points.service replacePoints). */
  points?: ReplacementPoint[];
};

export const listNotices = (db: Db, conferenceId: number) => noticesRepo.list(db, conferenceId);

/** The next number of the year: one more than the highest leading number among the year's TB notices. */
export const nextNumber = nextRegistryNumber;

export async function issueNotice(db: Db, who: Who, conferenceId: number, input: IssueInput, now: Date): Promise<NoticeRow> {
  return db.tx(async (tx) => {
    const loaded = await loadVisibleConference(tx, who, conferenceId, true);
    requireConference(who, 'issue', loaded);
    const c = loaded.conference;
    const previous = await noticesRepo.latest(tx, conferenceId);
    const version = (previous?.version ?? 0) + 1;
    const reason = normalizeText(input.reason ?? '').trim() || null;
    if (version > 1 && !reason) throw badRequest('Ban hành lại thông báo kết luận phải ghi lý do.');
    if (version === 1 && c.status !== 'held') throw conflict('Hội nghị chưa diễn ra nên chưa ban hành được thông báo kết luận.');
    if (input.points) {
      if (version === 1) throw badRequest('Lần ban hành đầu tiên dùng các điểm kết luận đã ghi; sửa điểm kết luận trước khi ban hành.');
      await replacePoints(tx, c, input.points, now);
    }
    if (!(await pointsRepo.list(tx, conferenceId)).some((p) => p.source === 'conclusion')) {
      throw badRequest('Chưa có điểm kết luận nào; hãy ghi kết luận trước khi ban hành thông báo.');
    }
    const date = vnDateOf(now);
    const year = Number(date.slice(0, 4));
    await noticesRepo.lockNumbering(tx, year);
    const typed = input.number?.trim();
    if (typed !== undefined && typed !== '' && !/^\d{1,6}[A-Za-z]?$/.test(typed)) throw badRequest(`Số thông báo "${typed.slice(0, 20)}" không hợp lệ (ví dụ 12).`);
    const n = typed || nextNumber(await noticesRepo.numbersOfYear(tx, year));
    const facts = await conferenceFacts(tx, c);
    const doc: DecreeDocument = conclusionDocument(facts, { number: n, date, draft: false });
    const number = `${n}/${DOCUMENT_TYPES.TB.symbol}-${facts.issuer.short}`;
    const { id } = await noticesRepo.insert(tx, {
      conferenceId, version, number, issuedAt: now, issuedBy: who.id, reason: version > 1 ? reason : null, content: doc, docx: await renderDocx(doc),
    });
    if (version === 1) await applyTransition(tx, who.auditActor, c, 'conclude', now);
    await audit(tx, who.auditActor, {
      action: version === 1 ? 'conference.notice.issue' : 'conference.notice.reissue', entityType: 'conference_notice', entityId: id,
      after: { conferenceId, version, number, reason: version > 1 ? reason : null, points: input.points ? input.points.length : undefined },
    });
    // Follow-up intake: raised discussion items and task points enter the triage queues; decision points become key tasks.
    await intakeConference(tx, who.auditActor, conferenceId, now);
    for (const unitId of await conferencesRepo.invitedUnitIds(tx, conferenceId)) {
      await notify(tx, {
        orgUnitId: unitId, kind: 'conference.notice',
        title: version === 1 ? `Thông báo kết luận: ${c.title}` : `Thông báo kết luận (ban hành lại): ${c.title}`,
        body: `Thông báo số ${number}${version > 1 && reason ? `, ban hành lại: ${reason}` : ''}.`,
        link: `/conferences/${conferenceId}`, dedupeKey: `conference-notice:${conferenceId}:${version}:${unitId}`,
      });
    }
    return (await noticesRepo.list(tx, conferenceId)).find((x) => x.id === id)!;
  });
}

/** An issued version as stored: its .docx and its document model. */
export async function noticeFile(db: Db, conferenceId: number, version: number) {
  const r = await noticesRepo.file(db, conferenceId, version);
  return r ? { number: r.number, version: r.version, docx: Buffer.from(r.docx), document: r.content as DecreeDocument } : null;
}

/** The latest issued version's model, or null. */
export async function latestNotice(db: Db, conferenceId: number) {
  const r = await noticesRepo.latest(db, conferenceId);
  return r ? { ...r, document: r.content as DecreeDocument } : null;
}
