/**
 * The Giấy mời (GM) of a conference: who is invited (the guests, then the units), to what, when, where, chaired by
 * whom, the programme in short, the RSVP deadline with whom to contact. Signed by the director (KT. by a deputy).
 */
import { type AgendaKind, formatDate } from '@nhip/contracts';
import { DOCUMENT_TYPES, type DecreeDocument, meetingTimeText } from '../documents/kit/model.js';
import type { ConferenceFacts } from './documents.data.js';
import { clockText, guestLine, invitedGroups, personLine, sentence, signerOf } from './documents.wording.js';
import { vnDateOf } from '../rounds/rounds.service.js';

/** The number registered for the Giấy mời ('05' of '05/GM-STTTT'), or null while a draft. */
export function invitationNumberOf(stored: string | null): string | null {
  const n = stored?.trim();
  if (!n) return null;
  return /^([^/\s]+)\s*\//u.exec(n)?.[1] ?? n;
}

/** Agenda kinds the invitation's "Nội dung" leaves out: the formalities. */
const FORMALITIES: readonly AgendaKind[] = ['opening', 'closing', 'break'];

export function invitationDocument(f: ConferenceFacts): DecreeDocument {
  const c = f.conference;
  const invitees = [...f.guests.map(guestLine), ...invitedGroups(f).map((g) => `Lãnh đạo ${g}`)];
  const content = f.agenda.filter((i) => !FORMALITIES.includes(i.kind as AgendaKind)).map((i) => sentence(i.title).replace(/\.$/u, ';'));
  if (content.length) content[content.length - 1] = content.at(-1)!.replace(/;$/u, '.');
  const contact = f.secretary
    ? ` (liên hệ: ${personLine(f.secretary).replace(/^Đồng chí/u, 'đồng chí')}${f.secretary.phone ? `, điện thoại ${f.secretary.phone}` : ''})`
    : '';
  const rsvp = c.rsvp_deadline
    ? `Đề nghị các đơn vị xác nhận tham dự và đăng ký danh sách đại biểu trên hệ thống Nhịp trước ${clockText(c.rsvp_deadline)}, ngày ${formatDate(c.rsvp_deadline)}${contact}.`
    : `Đề nghị các đơn vị xác nhận tham dự và đăng ký danh sách đại biểu trên hệ thống Nhịp${contact}.`;
  return {
    issuer: f.issuer,
    type: DOCUMENT_TYPES.GM,
    number: invitationNumberOf(c.invitation_number),
    place: f.place,
    date: c.invitation_issued_at ? vnDateOf(c.invitation_issued_at) : f.date,
    summary: `Dự ${c.title}`,
    body: [
      { kind: 'para', runs: [{ text: `${f.department} trân trọng kính mời:` }] },
      { kind: 'bullets', items: invitees },
      { kind: 'para', runs: [{ text: `Tới dự ${c.title}.` }] },
      {
        kind: 'fields',
        items: [
          { label: 'Thời gian', value: `${meetingTimeText(f.date, f.time)}.` },
          { label: 'Địa điểm', value: c.place ? sentence(c.place) : 'sẽ thông báo sau.' },
          ...(f.chair ? [{ label: 'Chủ trì', value: sentence(personLine(f.chair)) }] : []),
          ...(c.theme ? [{ label: 'Chủ đề năm', value: sentence(`"${c.theme.trim()}"`) }] : []),
          ...(content.length ? [{ label: 'Nội dung', value: '' }] : []),
        ],
      },
      ...(content.length ? [{ kind: 'numbered' as const, items: content }] : []),
      { kind: 'para', runs: [{ text: rsvp }] },
      { kind: 'para', runs: [{ text: 'Rất mong các đồng chí tham dự đầy đủ, đúng giờ./.', italic: true }] },
    ],
    signature: { layout: 'single', signer: signerOf(f.signer) },
    recipients: ['Như trên', 'Giám đốc, các Phó Giám đốc Sở', 'Các phòng, đơn vị thuộc Sở'],
    description: `Giấy mời ${c.title}`,
  };
}
