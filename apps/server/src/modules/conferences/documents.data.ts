/**
 * Everything the conference's documents say, read once: the issuing department and province as they were on the
 * conference date (the 2025 rename shows by itself), the chair, the secretary and the signer with their positions
 * on that date, guests, invited units, the agenda with its times, attendance from check-in, the discussion and the
 * conclusion points. The content files (invitation/agenda/minutes/conclusion .content.ts) are pure functions of it.
 */
import type { Db } from '../../platform/db/index.js';
import type { Issuer } from '../documents/kit/model.js';
import { upperVi } from '../documents/kit/model.js';
import { issuerShort } from '../reports/summary-report.service.js';
import { vnDateOf } from '../rounds/rounds.service.js';
import { orgIdentity } from '../settings/settings.service.js';
import { type CheckinSummaryRow, checkinSummary } from './checkin.service.js';
import { type ConferenceRow, conferencesRepo, type GuestRow } from './conferences.repository.js';
import { type DiscussionRow, discussionRepo } from './discussion.repository.js';
import { type LiveItem, withPlannedTimes } from './live.service.js';
import { liveRepo } from './live.repository.js';
import { type PointRow, pointsRepo } from './points.repository.js';
import { documentsRepo, type InvitedUnitRow } from './documents.repository.js';
import { hhmm } from './documents.wording.js';

export type PersonFact = {
  id: number;
  fullName: string;
  /** 'Giám đốc', 'Chuyên viên' (empty when the person holds no post that day). */
  position: string;
  unitName: string | null;
  /** The position with the unit, as a document names someone: 'Giám đốc Sở Thông tin và Truyền thông', 'Trưởng phòng Văn hóa và Thông tin huyện Hòa An'. */
  title: string;
  phone: string | null;
  /** Works in the department itself (its directorate). */
  directorate: boolean;
};

export type AgendaFact = LiveItem & { presenter: string | null };

/**
 * The award decisions handed out at a conference, one line per title or form with its counts and decision numbers.
 * The awards module provides it (configureConferenceAwards, when its routes register): the conferences module does
 * not import the awards module, which imports this one.
 */
let conferenceAwardLines: (db: Db, conferenceId: number) => Promise<string[]> = async () => [];
export function configureConferenceAwards(fn: (db: Db, conferenceId: number) => Promise<string[]>): void {
  conferenceAwardLines = fn;
}

export type ConferenceFacts = {
  conference: ConferenceRow;
  /** The conference day, 'YYYY-MM-DD' (Vietnam). */
  date: string;
  /** 'HH:mm' of the planned start. */
  time: string;
  issuer: Issuer;
  /** 'Sở Thông tin và Truyền thông', in a sentence. */
  department: string;
  /** 'Ủy ban nhân dân tỉnh Vân Lĩnh'. */
  provinceBody: string;
  /** Where documents are dated: 'Vân Lĩnh'. */
  place: string;
  chair: PersonFact | null;
  secretary: PersonFact | null;
  /** Who signs the invitation and the notice: the chair when of the directorate, else the director that day. */
  signer: PersonFact | null;
  guests: GuestRow[];
  invited: InvitedUnitRow[];
  /** Per unit type, how many units of that type were in being that day (to say "all district offices"). */
  unitsOfType: Map<string, number>;
  agenda: AgendaFact[];
  attendance: { byUnitType: CheckinSummaryRow[]; total: Omit<CheckinSummaryRow, 'unitType'> };
  discussion: DiscussionRow[];
  points: PointRow[];
  /** The issued award decisions linked to the conference, a line per title or form (see configureConferenceAwards). */
  awards: string[];
};

/** 'Trưởng phòng' + 'Phòng Văn hóa và Thông tin huyện Hòa An' → 'Trưởng phòng Văn hóa và Thông tin huyện Hòa An'. */
export function positionWithUnit(position: string, unitName: string | null): string {
  const p = position.trim();
  const u = unitName?.trim() ?? '';
  if (!p) return u;
  if (!u) return p;
  const last = p.split(/\s+/).at(-1)!.toLocaleLowerCase('vi');
  const [first, ...rest] = u.split(/\s+/);
  return first!.toLocaleLowerCase('vi') === last ? `${p} ${rest.join(' ')}`.trim() : `${p} ${u}`;
}

export async function conferenceFacts(db: Db, c: ConferenceRow): Promise<ConferenceFacts> {
  const date = vnDateOf(c.starts_at);
  const identity = await orgIdentity(db, date);
  const departmentUnit = c.department_id !== null ? await conferencesRepo.unit(db, c.department_id) : null;
  const department = departmentUnit?.name ?? identity.department.name;
  const departmentId = departmentUnit?.id ?? identity.department.id;
  const items = withPlannedTimes(c.starts_at, await liveRepo.items(db, c.id));
  const directorate = departmentId !== null ? await conferencesRepo.directorate(db, departmentId, date) : [];
  const personIds = [c.chair_person_id, c.secretary_person_id, ...items.map((i) => i.presenter_person_id), ...directorate.map((d) => d.id)]
    .filter((x): x is number => x !== null);
  const people = await documentsRepo.peopleOn(db, [...new Set(personIds)], date);
  const fact = (id: number | null): PersonFact | null => {
    const p = id === null ? undefined : people.find((x) => x.id === id);
    if (!p) return null;
    const position = p.position ?? '';
    return {
      id: p.id, fullName: p.full_name, position, unitName: p.unit_name, title: positionWithUnit(position, p.unit_name), phone: p.phone,
      directorate: departmentId !== null && p.org_unit_id === departmentId,
    };
  };
  const chair = fact(c.chair_person_id);
  const director = directorate.find((d) => /^giám đốc$/iu.test(d.position.trim()));
  const signer = chair && chair.directorate && /giám đốc/iu.test(chair.position) ? chair : fact(director?.id ?? null) ?? chair;
  const invited = await documentsRepo.invitedUnits(db, c.id);
  const provinceName = identity.province.name;
  return {
    conference: c,
    date,
    time: hhmm(c.starts_at),
    issuer: {
      parentBody: upperVi(identity.province.parentBody || 'Ủy ban nhân dân tỉnh'),
      name: upperVi(department),
      short: issuerShort(department),
    },
    department,
    provinceBody: provinceName ? `Ủy ban nhân dân ${provinceName.charAt(0).toLocaleLowerCase('vi')}${provinceName.slice(1)}` : 'Ủy ban nhân dân tỉnh',
    place: identity.province.place || provinceName.replace(/^(?:tỉnh|thành phố)\s+/iu, ''),
    chair,
    secretary: fact(c.secretary_person_id),
    signer,
    guests: await conferencesRepo.guests(db, c.id),
    invited,
    unitsOfType: new Map((await documentsRepo.unitsOfTypes(db, [...new Set(invited.map((u) => u.type))], date)).map((r) => [r.type, r.n])),
    agenda: items.map((i) => {
      const p = fact(i.presenter_person_id);
      const presenter = i.presenter_name?.trim() || (p ? `Đồng chí ${p.fullName}, ${p.title}` : i.presenter_unit_name ? `Đại diện ${i.presenter_unit_name}` : null);
      return { ...i, presenter };
    }),
    attendance: await checkinSummary(db, c.id),
    discussion: await discussionRepo.list(db, c.id),
    points: await pointsRepo.list(db, c.id),
    awards: await conferenceAwardLines(db, c.id),
  };
}
