/**
 * The conference itself: list, detail, the plan proposed from a period, create and edit, guests, and the
 * hold and close transitions. Invitations, agenda, presentations and the bundle have services of their own;
 * every route loads through loadVisibleConference and asks requireConference (conferences.access.ts).
 */
import { type Actor, UNIT_ROLES, conferenceAbilities } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { orgIdentity } from '../settings/settings.service.js';
import { vnDateOf } from '../rounds/rounds.service.js';
import { type LoadedConference, loadVisibleConference } from './conferences.access.js';
import { type ConferenceListFilter, conferencesRepo } from './conferences.repository.js';
import type { DetailParts } from './conferences.presenter.js';

export { CONFERENCE_NOT_FOUND, type LoadedConference, loadVisibleConference, requireConference } from './conferences.access.js';

/** Without an agenda a conference is taken to last half a day. */
export const DEFAULT_DURATION_MINUTES = 240;

const isUnitRole = (a: Actor) => UNIT_ROLES.includes(a.role);

/** The conferences the actor may see: a unit its invitations (not drafts), a viewer all but drafts, the department all. */
export async function listConferences(db: Db, actor: Actor, q: { period?: string; status?: ConferenceListFilter['status'] }) {
  const unit = isUnitRole(actor);
  return conferencesRepo.list(db, {
    period: q.period?.trim(),
    status: q.status,
    invitedUnitId: unit ? (actor.orgUnitId ?? -1) : null,
    hideDrafts: unit || actor.role === 'viewer',
  });
}

/** When the conference is expected to end: its start plus the agenda's minutes (half a day without an agenda). */
export async function endsAtOf(db: Db, c: { id: number; starts_at: Date }): Promise<Date> {
  const minutes = (await conferencesRepo.agendaMinutes(db, c.id)) || DEFAULT_DURATION_MINUTES;
  return new Date(c.starts_at.getTime() + minutes * 60_000);
}

/** Everything the conference page's general tab shows, with the actor's abilities. */
export async function conferenceDetail(db: Db, actor: Actor, loaded: LoadedConference): Promise<DetailParts> {
  const c = loaded.conference;
  const onDate = vnDateOf(c.starts_at);
  const personIds = [c.chair_person_id, c.secretary_person_id].filter((x): x is number => x !== null);
  const people = new Map((await conferencesRepo.peopleOn(db, personIds, onDate)).map((p) => [p.id, p]));
  const department = c.department_id === null ? null : await conferencesRepo.unit(db, c.department_id);
  const myUnit = isUnitRole(actor) && actor.orgUnitId !== null ? actor.orgUnitId : null;
  return {
    conference: c,
    endsAt: await endsAtOf(db, c),
    department: department ? { id: department.id, name: department.name } : null,
    chair: c.chair_person_id === null ? null : (people.get(c.chair_person_id) ?? null),
    secretary: c.secretary_person_id === null ? null : (people.get(c.secretary_person_id) ?? null),
    guests: await conferencesRepo.guests(db, c.id),
    counts: await conferencesRepo.counts(db, c.id),
    abilities: conferenceAbilities(actor, { ...loaded.subject, unitId: myUnit }),
    myInvitation: myUnit === null ? null : await conferencesRepo.invitationOf(db, c.id, myUnit),
    samePeriod: isUnitRole(actor) ? [] : await conferencesRepo.samePeriod(db, c.period, c.id),
  };
}

/** Loads and presents in one call, for routes that answer with the detail after a change. */
export async function detailById(db: Db, actor: Actor, id: number): Promise<DetailParts> {
  return conferenceDetail(db, actor, await loadVisibleConference(db, actor, id));
}

/** The issuing department on a date, as the documents name it (settings 'org.department' first). */
export async function departmentOn(db: Db, date: string): Promise<{ id: number; name: string } | null> {
  const dep = (await orgIdentity(db, date)).department;
  return dep.id === null ? null : { id: dep.id, name: dep.name };
}
