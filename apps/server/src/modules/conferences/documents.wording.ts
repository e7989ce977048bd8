/**
 * Wording shared by the conference's documents: who is invited (guests, then units grouped by type when every unit
 * of that type is invited), the signer's title lines, times of day. Pure functions.
 */
import { formatDate, UNIT_TYPE_LABELS, type UnitType } from '@nhip/contracts';
import { type Signer, signerTitle } from '../documents/kit/model.js';
import type { ConferenceFacts, PersonFact } from './documents.data.js';

/** All the units of a type, in a sentence ("Lãnh đạo …", or a line of "Nơi nhận"). */
const TYPE_GROUP: Partial<Record<UnitType, string>> = {
  district_office: 'Phòng Văn hóa và Thông tin các huyện, thành phố',
  media_centre: 'Trung tâm Văn hóa, Thể thao và Truyền thông các huyện, thành phố',
  district: 'Ủy ban nhân dân các huyện, thành phố',
  commune: 'Ủy ban nhân dân các xã, phường',
  radio_station: 'Đài truyền thanh các xã, phường',
  enterprise: 'các doanh nghiệp bưu chính, viễn thông trên địa bàn tỉnh',
  press_agency: 'các cơ quan báo chí trên địa bàn tỉnh',
  division: 'các phòng chuyên môn thuộc Sở',
  it_centre: 'các đơn vị sự nghiệp thuộc Sở',
};

const upperFirst = (s: string) => (s ? s.charAt(0).toLocaleUpperCase('vi') + s.slice(1) : s);

/** A unit type in a list of the units present: 'Phòng Văn hóa và Thông tin các huyện, thành phố', 'Các doanh nghiệp …'. */
export function typeGroupLabel(type: string): string {
  const group = TYPE_GROUP[type as UnitType];
  return group ? upperFirst(group) : (UNIT_TYPE_LABELS[type as UnitType]?.vi ?? type);
}

/**
 * The invited units as lines: one line for a type when every unit of it in being that day is invited (and there are
 * at least two), else one line per unit. Types in the order of the invitations (by type), declined units included:
 * they were invited.
 */
export function invitedGroups(f: Pick<ConferenceFacts, 'invited' | 'unitsOfType'>): string[] {
  const byType = new Map<string, string[]>();
  for (const u of f.invited) byType.set(u.type, [...(byType.get(u.type) ?? []), u.name]);
  const lines: string[] = [];
  for (const [type, names] of byType) {
    const group = TYPE_GROUP[type as UnitType];
    const all = f.unitsOfType.get(type) ?? 0;
    if (group && names.length >= 2 && names.length >= all) lines.push(group);
    else lines.push(...names);
  }
  return lines;
}

/** Lines of "Nơi nhận": each starting with a capital. */
export const recipientGroups = (f: Pick<ConferenceFacts, 'invited' | 'unitsOfType'>) => invitedGroups(f).map(upperFirst);

/** 'Đồng chí Hoàng Thị Mai, Phó Chủ tịch Ủy ban nhân dân tỉnh': the position as written (it names the body), else the body. */
export function guestLine(g: { full_name: string; position: string; body: string }): string {
  const tail = g.position.trim() || g.body.trim();
  return tail ? `Đồng chí ${g.full_name}, ${tail}` : `Đồng chí ${g.full_name}`;
}

/** 'Đồng chí Nông Văn Đức, Giám đốc Sở Thông tin và Truyền thông'. */
export const personLine = (p: PersonFact | null) => (p ? (p.title ? `Đồng chí ${p.fullName}, ${p.title}` : `Đồng chí ${p.fullName}`) : '');

/**
 * The signer's block: the head signs as 'GIÁM ĐỐC'; a deputy director signs KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC; anyone else
 * of the department (a chair who is not of the directorate) signs in their own position.
 */
export function signerOf(p: PersonFact | null): Signer {
  if (!p) return { title: signerTitle({ of: 'Giám đốc' }), name: '' };
  const position = p.position.trim();
  if (/^giám đốc$/iu.test(position)) return { title: signerTitle({ of: 'Giám đốc' }), name: p.fullName };
  if (/^phó giám đốc$/iu.test(position)) return { title: signerTitle({ authority: 'KT', of: 'Giám đốc', position }), name: p.fullName };
  return { title: signerTitle({ of: position || 'Giám đốc' }), name: p.fullName };
}

/** '08 giờ 30 phút' of an instant, Vietnam time. */
export function clockText(at: Date): string {
  const t = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return `${t.slice(11, 13)} giờ ${t.slice(14, 16)} phút`;
}

/** '08:30' of an instant, Vietnam time. */
export const hhmm = (at: Date) => new Date(at.getTime() + 7 * 3600_000).toISOString().slice(11, 16);

/** 'dd/mm/yyyy' of a 'YYYY-MM-DD' date. */
export const dayText = (iso: string) => formatDate(iso);

/** Keeps the text's own final punctuation, else ends it with '.'. */
export const sentence = (s: string) => {
  const t = s.trim();
  return /[.!?…:;]$/u.test(t) ? t : `${t}.`;
};

/** 'A, B và C'. */
export function joinVi(items: readonly string[]): string {
  const xs = items.filter(Boolean);
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} và ${xs.at(-1)}`;
}

/** A point as the minutes and the notice write it; a task names its owner, the co-operating units and the deadline. */
export function pointText(p: { kind: string; text: string; owner_division_name: string | null; co_units: { name: string }[]; deadline: string | null }): string {
  const text = sentence(p.text);
  if (p.kind !== 'task' || !p.owner_division_name) return text;
  const co = p.co_units.length ? `, phối hợp với ${joinVi(p.co_units.map((u) => u.name))}` : '';
  const deadline = p.deadline ? `; thời hạn hoàn thành trước ngày ${dayText(p.deadline)}` : '';
  return `${text} Giao ${p.owner_division_name} chủ trì${co} thực hiện${deadline}.`;
}
