/**
 * The Chương trình hội nghị: time, place and chair, then the programme as a table — each item's start and end
 * computed from the conference's start and the durations before it, what it is, who presents it.
 */
import { DOCUMENT_TYPES, type DecreeDocument, meetingTimeText } from '../documents/kit/model.js';
import type { ConferenceFacts } from './documents.data.js';
import { clockText, hhmm, personLine, sentence, signerOf } from './documents.wording.js';
import { invitationNumberOf } from './invitation.content.js';

export function agendaDocument(f: ConferenceFacts): DecreeDocument {
  const c = f.conference;
  const gm = invitationNumberOf(c.invitation_number);
  // Each item's start: the next one's start is its end, and the last item's end closes the programme.
  const rows = f.agenda.map((i) => [hhmm(i.planned_start), i.title, i.presenter ?? '']);
  const end = f.agenda.at(-1)?.planned_end;
  return {
    issuer: f.issuer,
    type: DOCUMENT_TYPES.CTr,
    number: null,
    place: f.place,
    date: f.date,
    summary: c.title,
    body: [
      ...(gm ? [{ kind: 'para' as const, align: 'center' as const, runs: [{ text: `(Kèm theo Giấy mời số ${gm}/${DOCUMENT_TYPES.GM.symbol}-${f.issuer.short} của ${f.department})`, italic: true }] }] : []),
      {
        kind: 'fields',
        items: [
          { label: 'Thời gian', value: `${meetingTimeText(f.date, f.time)}.` },
          { label: 'Địa điểm', value: c.place ? sentence(c.place) : 'sẽ thông báo sau.' },
          ...(f.chair ? [{ label: 'Chủ trì', value: sentence(personLine(f.chair)) }] : []),
        ],
      },
      ...(rows.length
        ? [
            { kind: 'table' as const, columns: ['Giờ', 'Nội dung', 'Thực hiện'], rows, kinds: ['unit', 'text', 'text'] as const },
            ...(end ? [{ kind: 'para' as const, runs: [{ text: `Hội nghị dự kiến kết thúc lúc ${clockText(end)}.`, italic: true }] }] : []),
          ]
        : [{ kind: 'para' as const, runs: [{ text: 'Chương trình chi tiết sẽ được thông báo sau.', italic: true }] }]),
    ],
    signature: { layout: 'single', signer: signerOf(f.signer) },
    recipients: ['Các đại biểu dự Hội nghị'],
    description: `Chương trình ${c.title}`,
  };
}
