import { parsePeriod, periodLabel, type ConferenceAction, type UnitType } from '@nhip/contracts';
import type { z } from 'zod';
import type { ConferenceCountsRow, ConferenceRow, GuestRow, PersonOnDate, UnitRow } from './conferences.repository.js';
import type * as S from './conferences.schema.js';

export const labelOfPeriod = (period: string) => {
  const p = parsePeriod(period);
  return p ? periodLabel(p, 'vi') : period;
};

export const presentListItem = (c: ConferenceRow & { invited: number }): z.infer<typeof S.ConferenceListItem> => ({
  id: c.id,
  period: c.period,
  periodLabel: labelOfPeriod(c.period),
  kind: c.kind,
  title: c.title,
  startsAt: c.starts_at,
  place: c.place,
  status: c.status,
  invited: c.invited,
});

export const presentGuest = (g: GuestRow): z.infer<typeof S.Guest> => ({
  id: g.id, fullName: g.full_name, position: g.position, body: g.body, givesDirective: g.gives_directive, sort: g.sort,
});

export const presentCounts = (c: ConferenceCountsRow): z.infer<typeof S.Counts> => ({
  invited: c.invited, accepted: c.accepted, declined: c.declined, pending: c.pending, delegates: c.delegates, checkedIn: c.checked_in,
  walkIns: c.walk_ins, presentationsRequested: c.presentations_requested, presentationsUploaded: c.presentations_uploaded,
});

export const presentPerson = (p: PersonOnDate | null | undefined): z.infer<typeof S.PersonRef> | null =>
  p ? { personId: p.id, fullName: p.full_name, position: p.position } : null;

export const presentUnit = (u: UnitRow): z.infer<typeof S.UnitRef> => ({ id: u.id, code: u.code, name: u.name, type: u.type as UnitType });

export type DetailParts = {
  conference: ConferenceRow;
  endsAt: Date;
  department: { id: number; name: string } | null;
  chair: PersonOnDate | null;
  secretary: PersonOnDate | null;
  guests: GuestRow[];
  counts: ConferenceCountsRow;
  abilities: Record<ConferenceAction, boolean>;
  myInvitation: { org_unit_id: number; status: 'pending' | 'accepted' | 'declined'; expected_delegates: number; responded_at: Date | null; decline_reason: string | null } | null;
  samePeriod: { id: number; title: string; status: ConferenceRow['status']; starts_at: Date }[];
};

export function presentDetail(d: DetailParts): z.infer<typeof S.ConferenceDetail> {
  const c = d.conference;
  const base = `/api/conferences/${c.id}`;
  return {
    id: c.id,
    period: c.period,
    periodLabel: labelOfPeriod(c.period),
    kind: c.kind,
    title: c.title,
    status: c.status,
    startsAt: c.starts_at,
    endsAt: d.endsAt,
    place: c.place,
    theme: c.theme,
    rsvpDeadline: c.rsvp_deadline,
    invitationNumber: c.invitation_number,
    invitationIssuedAt: c.invitation_issued_at,
    icsSequence: c.ics_sequence,
    startedAt: c.started_at,
    endedAt: c.ended_at,
    department: d.department,
    chair: presentPerson(d.chair),
    secretary: presentPerson(d.secretary),
    guests: d.guests.map(presentGuest),
    counts: presentCounts(d.counts),
    abilities: d.abilities,
    myInvitation: d.myInvitation
      ? {
          unitId: d.myInvitation.org_unit_id, status: d.myInvitation.status, expectedDelegates: d.myInvitation.expected_delegates,
          respondedAt: d.myInvitation.responded_at, declineReason: d.myInvitation.decline_reason,
        }
      : null,
    samePeriod: d.samePeriod.map((s) => ({ id: s.id, title: s.title, status: s.status, startsAt: s.starts_at })),
    links: {
      calendar: `${base}/calendar.ics`,
      draftReport: `/api/reports/summary?period=${encodeURIComponent(c.period)}`,
      agenda: `${base}/agenda`,
      bundleZip: `${base}/bundle.zip`,
      bundlePdf: `${base}/bundle.pdf`,
    },
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}
