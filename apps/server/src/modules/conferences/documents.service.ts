/**
 * The four documents of a conference, each from its content file on the Decree 30 kit: the Giấy mời, the Chương
 * trình hội nghị, the Biên bản (the latest saved minutes, or the minutes compiled now marked as not yet saved) and the
 * Thông báo kết luận (the latest issued version as stored, or a draft preview clearly marked as such).
 */
import { CONFERENCE_DOCUMENT_LABELS, type ConferenceDocument } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import type { DecreeDocument } from '../documents/kit/model.js';
import { renderDocx } from '../documents/kit/docx.js';
import { agendaDocument } from './agenda.content.js';
import { conclusionDocument } from './conclusion.content.js';
import type { ConferenceRow } from './conferences.repository.js';
import { conferenceFacts } from './documents.data.js';
import { invitationDocument } from './invitation.content.js';
import { minutesDocument } from './minutes.content.js';
import { compileMinutes, type MinutesContent } from './minutes.service.js';
import { minutesRepo } from './minutes.repository.js';
import { latestNotice, noticeFile } from './notices.service.js';
import { vnDateOf } from '../rounds/rounds.service.js';

export type BuiltDocument = {
  model: DecreeDocument;
  /** The issued notice's .docx exactly as stored; otherwise built from the model on demand. */
  storedDocx: Buffer | null;
  /** Not the final text: the minutes not yet saved, the notice not yet issued. */
  draft: boolean;
  fileName: (ext: string) => string;
};

export async function buildDocument(db: Db, c: ConferenceRow, kind: ConferenceDocument, today: string): Promise<BuiltDocument> {
  const label = CONFERENCE_DOCUMENT_LABELS[kind].vi;
  // A title such as 'quý I/2023' must not turn into a folder.
  const name = (suffix = '') => (ext: string) => `${label} ${c.title.replace(/[\\/]/g, '-')}${suffix}.${ext}`;
  if (kind === 'conclusion') {
    const issued = await latestNotice(db, c.id);
    if (issued) {
      const file = (await noticeFile(db, c.id, issued.version))!;
      return { model: issued.document, storedDocx: file.docx, draft: false, fileName: name(issued.version > 1 ? ` (bản ${issued.version})` : '') };
    }
    const facts = await conferenceFacts(db, c);
    return { model: conclusionDocument(facts, { number: null, date: today, draft: true }), storedDocx: null, draft: true, fileName: name(' (dự thảo)') };
  }
  const facts = await conferenceFacts(db, c);
  if (kind === 'invitation') return { model: invitationDocument(facts), storedDocx: null, draft: false, fileName: name() };
  if (kind === 'agenda') return { model: agendaDocument(facts), storedDocx: null, draft: false, fileName: name() };
  const saved = await minutesRepo.latest(db, c.id);
  const content = saved ? ({ ...(saved.content as MinutesContent & { compiled?: boolean }) } as MinutesContent) : compileMinutes(facts);
  return { model: minutesDocument(facts, content, { draft: !saved }), storedDocx: null, draft: !saved, fileName: name(saved ? '' : ' (bản lập tự động)') };
}

export async function documentDocx(d: BuiltDocument): Promise<Buffer> {
  return d.storedDocx ?? renderDocx(d.model);
}

/** The Giấy mời's .docx for the invitation e-mails. */
export async function invitationDocx(db: Db, c: ConferenceRow): Promise<{ filename: string; content: Buffer }> {
  const d = await buildDocument(db, c, 'invitation', vnDateOf(c.starts_at));
  return { filename: d.fileName('docx'), content: await documentDocx(d) };
}
