/** The conference module's calls and the shapes the server answers with (dates arrive as ISO strings). */
import type {
  AgendaKind, ConferenceAction, ConferenceDocument, ConferenceKind, ConferenceStatus, DiscussionKind, InvitationStatus, PointKind, PointSource, UnitType,
} from '@nhip/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, qs } from '../../lib/api';

export type UnitRef = { id: number; code: string; name: string; type: UnitType };
export type PersonRef = { personId: number; fullName: string; position: string | null };

export type ConferenceListItem = {
  id: number;
  period: string;
  periodLabel: string;
  kind: ConferenceKind;
  title: string;
  startsAt: string;
  place: string;
  status: ConferenceStatus;
  invited: number;
};

export type Guest = { id: number; fullName: string; position: string; body: string; givesDirective: boolean; sort: number };

export type Counts = {
  invited: number; accepted: number; declined: number; pending: number; delegates: number; checkedIn: number; walkIns: number;
  presentationsRequested: number; presentationsUploaded: number;
};

export type Conference = {
  id: number;
  period: string;
  periodLabel: string;
  kind: ConferenceKind;
  title: string;
  status: ConferenceStatus;
  startsAt: string;
  endsAt: string;
  place: string;
  theme: string | null;
  rsvpDeadline: string | null;
  invitationNumber: string | null;
  invitationIssuedAt: string | null;
  icsSequence: number;
  startedAt: string | null;
  endedAt: string | null;
  department: { id: number; name: string } | null;
  chair: PersonRef | null;
  secretary: PersonRef | null;
  guests: Guest[];
  counts: Counts;
  abilities: Record<ConferenceAction, boolean>;
  myInvitation: { unitId: number; status: InvitationStatus; expectedDelegates: number; respondedAt: string | null; declineReason: string | null } | null;
  samePeriod: { id: number; title: string; status: ConferenceStatus; startsAt: string }[];
  links: { calendar: string; draftReport: string; agenda: string; bundleZip: string; bundlePdf: string };
  createdAt: string;
  updatedAt: string;
};

export type MailOutcome = { unitId: number; sent: boolean; error: string | null };
export type ConferenceChanged = Conference & { warnings: string[]; mail: MailOutcome[] };

export type ConferenceDraft = {
  period: string;
  periodLabel: string;
  kind: ConferenceKind;
  title: string;
  startsAt: string;
  place: string;
  rsvpDeadline: string;
  department: { id: number; name: string } | null;
  chair: { personId: number; fullName: string; position: string } | null;
  invitations: { unit: UnitRef; expectedDelegates: number; reason: string }[];
  defaults: string[];
  warnings: string[];
};

export type Delegate = {
  id: number;
  personId: number | null;
  fullName: string;
  position: string;
  walkIn: boolean;
  checkedInAt: string | null;
  ticketPng: string | null;
};

export type EmailState = 'sent' | 'failed' | 'not_sent' | 'not_configured';
export type BoardItem = {
  unit: UnitRef;
  expectedDelegates: number;
  status: InvitationStatus;
  declineReason: string | null;
  respondedAt: string | null;
  respondedBy: string | null;
  sentAt: string | null;
  remindedAt: string | null;
  email: { state: EmailState; at: string | null; error: string | null };
  delegates: Delegate[];
};
export type Board = {
  items: BoardItem[];
  totals: { invited: number; accepted: number; declined: number; pending: number; delegates: number; expected: number };
};

export type AgendaItem = {
  id: number;
  position: number;
  kind: AgendaKind;
  kindLabel: string;
  title: string;
  presenter: { personId: number | null; unitId: number | null; name: string | null; label: string | null };
  durationMinutes: number;
  startsAt: string;
  endsAt: string;
  hasNotes: boolean;
  /** `available`: this user may open `href`; otherwise `note` says why (a unit gets the draft report at the conference). */
  material: {
    kind: 'draft_report' | 'presentation'; label: string; href: string; presentationId: number | null; uploaded: boolean; available: boolean; note: string | null;
  }[];
};
export type Agenda = { conferenceId: number; startsAt: string; endsAt: string; totalMinutes: number; items: AgendaItem[] };
export type AgendaItemInput = {
  id?: number | null;
  kind: AgendaKind;
  title?: string | null;
  presenter?: { personId?: number | null; unitId?: number | null; name?: string | null } | null;
  durationMinutes: number;
};

export type Presentation = {
  id: number;
  unit: { id: number; code: string; name: string };
  topic: string;
  dueAt: string;
  presenter: { personId: number; fullName: string | null } | null;
  agendaItemId: number | null;
  file: { name: string; mime: string; size: number; sha256: string; uploadedAt: string | null; href: string } | null;
  replaceableUntil: string;
};

/** GET /api/conferences/{id}/presentations: the items, and the server's file size limit. */
export type PresentationList = { items: Presentation[]; limits: { presentationBytes: number } };

export type ConferenceTask = {
  conferenceId: number;
  conferenceTitle: string;
  startsAt: string;
  kind: 'rsvp' | 'presentation';
  status: string;
  dueAt: string | null;
  topic: string | null;
  presentationId: number | null;
  link: string;
};

export type CheckinDelegate = {
  id: number;
  fullName: string;
  position: string;
  personId: number | null;
  unit: { id: number; name: string; type: UnitType } | null;
  walkIn: boolean;
  checkedIn: boolean;
  checkedInAt: string | null;
};
export type CheckinResult = { delegate: CheckinDelegate; alreadyCheckedIn: boolean; matched: 'ticket' | 'delegate' | 'name' | 'walk_in' };
export type CheckinSummaryRow = { unitsInvited: number; unitsPresent: number; delegates: number; checkedIn: number; walkIns: number };
export type CheckinSummary = { byUnitType: (CheckinSummaryRow & { unitType: UnitType | null })[]; total: CheckinSummaryRow };

export type LiveItem = {
  id: number;
  position: number;
  kind: AgendaKind;
  title: string;
  presenter: { personId: number | null; unitId: number | null; name: string } | null;
  durationMinutes: number;
  plannedStart: string;
  plannedEnd: string;
  startedAt: string | null;
  endedAt: string | null;
  running: boolean;
  notes: string;
  notesRevision: number;
  notesUpdatedBy: string | null;
  notesUpdatedAt: string | null;
};
export type Live = {
  conferenceId: number;
  status: ConferenceStatus;
  startsAt: string;
  startedAt: string | null;
  endedAt: string | null;
  now: string;
  /** Running, else the first not started: kept for compatibility; the page reads runningItemId and nextItemId. */
  currentItemId: number | null;
  runningItemId: number | null;
  nextItemId: number | null;
  canRecord: boolean;
  items: LiveItem[];
};

export type DiscussionItem = {
  id: number;
  position: number;
  kind: DiscussionKind;
  text: string;
  source: 'report' | 'floor';
  raised: boolean;
  sector: { id: number; name: string } | null;
  speaker: { personId: number | null; name: string } | null;
  units: { id: number; name: string; type: UnitType; submissionId: number | null; section: 'results' | 'difficulties' | 'proposals' | null; itemIndex: number | null }[];
  agendaItem: { id: number; title: string } | null;
  answeredBy: number;
  createdAt: string;
};
export type DiscussionInput = {
  kind: DiscussionKind;
  text: string;
  sectorId?: number | null;
  speakerPersonId?: number | null;
  speakerName?: string | null;
  unitIds?: number[];
  agendaItemId?: number | null;
  raised?: boolean;
};

export type Point = {
  id: number;
  source: PointSource;
  number: number;
  kind: PointKind;
  text: string;
  ownerDivision: { id: number; name: string } | null;
  coUnits: { id: number; name: string; type: UnitType }[];
  deadline: string | null;
  sector: { id: number; name: string } | null;
  discussionItem: { id: number; text: string } | null;
};
export type PointInput = {
  kind: PointKind;
  text: string;
  ownerDivisionId?: number | null;
  coUnitIds?: number[];
  deadline?: string | null;
  sectorId?: number | null;
  discussionItemId?: number | null;
};
export type Points = { conclusion: Point[]; directive: Point[]; canEdit: boolean };

export type Notice = { version: number; number: string; issuedAt: string; issuedBy: string | null; reason: string | null; href: string };

export type MinutesContent = {
  number: string | null;
  time: string;
  place: string;
  chair: string;
  secretary: string;
  attendance: string[];
  items: { agendaItemId: number | null; title: string; text: string }[];
  closing: string;
};
export type Minutes = {
  revision: number;
  content: MinutesContent;
  compiled: boolean;
  unsaved: boolean;
  editedBy: string | null;
  editedAt: string | null;
  canEdit: boolean;
};
export type MinutesRevision = { revision: number; compiled: boolean; editedBy: string | null; editedAt: string };

export const docUrl = (id: number, kind: ConferenceDocument, format: 'html' | 'docx' | 'pdf') => `/api/conferences/${id}/documents/${kind}?format=${format}`;

export const confKeys = {
  all: ['conferences'] as const,
  list: (f: { period?: string; status?: string }) => ['conferences', 'list', f] as const,
  detail: (id: number) => ['conferences', id] as const,
  part: (id: number, part: string) => ['conferences', id, part] as const,
  tasks: ['conferences', 'tasks'] as const,
};

export function useConferences(f: { period?: string; status?: ConferenceStatus }) {
  return useQuery({
    queryKey: confKeys.list(f),
    queryFn: () => api.get<{ items: ConferenceListItem[] }>(`/api/conferences${qs(f)}`),
    placeholderData: keepPreviousData,
  });
}

export function useConference(id: number) {
  return useQuery({ queryKey: confKeys.detail(id), queryFn: () => api.get<Conference>(`/api/conferences/${id}`) });
}

/** One part of a conference (board, agenda, …) read from `/api/conferences/:id/<path>`. */
export function usePart<T>(id: number, part: string, path: string, enabled = true) {
  return useQuery({ queryKey: confKeys.part(id, part), queryFn: () => api.get<T>(`/api/conferences/${id}/${path}`), enabled });
}

export function useConferenceTasks(enabled = true) {
  return useQuery({ queryKey: confKeys.tasks, queryFn: () => api.get<{ items: ConferenceTask[] }>('/api/me/conference-tasks'), enabled });
}

/** After a change: the conference's detail (counts, status, abilities) and its parts are read again. */
export function useRefreshConference(id: number) {
  const qc = useQueryClient();
  return (parts?: string[]) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: confKeys.detail(id), exact: true }),
      ...(parts ?? []).map((p) => qc.invalidateQueries({ queryKey: confKeys.part(id, p) })),
      qc.invalidateQueries({ queryKey: ['conferences', 'list'] }),
    ]);
}

export type SectorRef = { id: number; name: string; code?: string };

/** Sends a file as multipart/form-data (field "file") with PUT; the server's refusal comes back as ApiError. */
export async function putFile<T>(url: string, file: File): Promise<T> {
  const fd = new FormData();
  fd.append('file', file);
  const res = await fetch(url, { method: 'PUT', credentials: 'same-origin', body: fd });
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new CustomEvent('nhip:unauthorized'));
    const d = (data ?? {}) as { error?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, d.error ?? 'http_error', d.message ?? `Lỗi ${res.status}`, d.details);
  }
  return data as T;
}
