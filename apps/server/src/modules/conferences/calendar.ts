/**
 * The conference as an iCalendar event (RFC 5545): one VEVENT in Asia/Ho_Chi_Minh with its VTIMEZONE, a UID that
 * stays the same for the conference's whole life (`conference-{id}@{host}`), and a SEQUENCE raised each time the
 * time or place changes after the invitations went out, so a calendar replaces the event instead of adding another.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';

export const VN_TZID = 'Asia/Ho_Chi_Minh';
const VN_OFFSET_MS = 7 * 3600_000;

/** Vietnam has kept UTC+7 without daylight saving since 1975. */
const VN_VTIMEZONE = [
  'BEGIN:VTIMEZONE', `TZID:${VN_TZID}`, 'BEGIN:STANDARD', 'DTSTART:19750613T000000', 'TZOFFSETFROM:+0700', 'TZOFFSETTO:+0700', 'TZNAME:+07',
  'END:STANDARD', 'END:VTIMEZONE',
].join('\r\n');

/**
 * An instant that ical-generator writes as Vietnam wall-clock time (its "TZDate" shape): the local-time getters
 * answer in UTC+7 whatever the server's own time zone is.
 */
class VnTime extends Date {
  readonly internal: Date;
  constructor(at: Date) {
    super(at.getTime());
    this.internal = new Date(at.getTime() + VN_OFFSET_MS);
  }
  withTimeZone(): VnTime {
    return this;
  }
  tzComponents() {
    return { timeZone: VN_TZID };
  }
  override getFullYear() {
    return this.internal.getUTCFullYear();
  }
  override getMonth() {
    return this.internal.getUTCMonth();
  }
  override getDate() {
    return this.internal.getUTCDate();
  }
  override getHours() {
    return this.internal.getUTCHours();
  }
  override getMinutes() {
    return this.internal.getUTCMinutes();
  }
  override getSeconds() {
    return this.internal.getUTCSeconds();
  }
}

export type ConferenceEvent = {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  sequence: number;
  /** Host part of the UID: PUBLIC_URL's host, else the request's. */
  uidHost: string;
  description: string;
  url: string | null;
  organizer: { name: string; email: string } | null;
  /** REQUEST for an invitation e-mail, PUBLISH for a file to import. */
  method: 'REQUEST' | 'PUBLISH';
  stamp: Date;
};

export const conferenceUid = (id: number, host: string) => `conference-${id}@${host}`;

/** The host that names this installation in UIDs: PUBLIC_URL's, else the one the request came to, else 'nhip.local'. */
export function uidHostOf(publicUrl: string | undefined, requestHost: string | undefined): string {
  if (publicUrl) {
    try {
      return new URL(publicUrl).hostname;
    } catch {
      // not a URL: fall through
    }
  }
  const h = (requestHost ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return /^[a-z0-9.-]+$/.test(h) && h !== '' ? h : 'nhip.local';
}

/** The .ics text of one conference. */
export function conferenceIcs(e: ConferenceEvent): string {
  const cal = ical({
    prodId: { company: 'Nhip', product: 'Hoi nghi', language: 'VI' },
    method: e.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone (DTSTAMP stays in UTC); the event's zone brings its VTIMEZONE.
    timezone: { name: null, generator: (tz) => (tz === VN_TZID ? VN_VTIMEZONE : null) },
  });
  cal.createEvent({
    id: conferenceUid(e.id, e.uidHost),
    sequence: e.sequence,
    timezone: VN_TZID,
    start: new VnTime(e.startsAt),
    end: new VnTime(e.endsAt),
    stamp: e.stamp,
    summary: e.title,
    location: e.place || null,
    description: e.description,
    url: e.url,
    organizer: e.organizer,
  });
  return cal.toString();
}
