import { AGENDA_KINDS, type AgendaKind, CONFERENCE_STATUSES, canConference, multilineText, UNIT_ROLES } from '@nhip/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { forbidden } from '../../platform/errors.js';
import { auditActor, requireUser } from '../../platform/http.js';
import { ConferenceIdParam } from './conferences.schema.js';
import { type LoadedConference, loadVisibleConference, requireConference } from './conferences.service.js';
import type { LiveItemRow } from './live.repository.js';
import { endConference, type LiveItem, liveState, saveNotes, startItem, stopItem } from './live.service.js';

const TAGS = ['conferences'];
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const ItemParams = z.object({ id: Id, itemId: Id });

const Presenter = z.object({ personId: z.number().nullable(), unitId: z.number().nullable(), name: z.string() }).nullable();

const Item = z.object({
  id: z.number(),
  position: z.number(),
  kind: z.enum(AGENDA_KINDS),
  title: z.string(),
  presenter: Presenter,
  durationMinutes: z.number(),
  plannedStart: z.date(),
  plannedEnd: z.date(),
  startedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  running: z.boolean(),
  notes: z.string(),
  notesRevision: z.number().describe('Gửi lại làm baseRevision khi lưu ghi chép'),
  notesUpdatedBy: z.string().nullable(),
  notesUpdatedAt: z.date().nullable(),
});

const Live = z.object({
  conferenceId: z.number(),
  status: z.enum(CONFERENCE_STATUSES),
  startsAt: z.date(),
  startedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  now: z.date().describe('Giờ máy chủ, để đồng hồ trên màn hình chạy đúng'),
  currentItemId: z.number().nullable().describe('Mục đang diễn ra, nếu không có thì mục đầu tiên chưa bắt đầu (giữ để tương thích; dùng runningItemId và nextItemId)'),
  runningItemId: z.number().nullable().describe('Mục đang diễn ra; null khi không có mục nào đang chạy'),
  nextItemId: z.number().nullable().describe('Mục sẽ bắt đầu khi chuyển mục tiếp theo: mục đầu tiên chưa bắt đầu sau mục đang chạy, nếu không có thì mục đầu tiên chưa bắt đầu'),
  canRecord: z.boolean(),
  items: z.array(Item),
});

const NotesBody = z.object({
  notes: multilineText().max(100_000, 'Ghi chép quá dài (tối đa 100.000 ký tự).'),
  baseRevision: z.number().int().min(0).max(2_147_483_647).describe('notesRevision của bản đang sửa'),
});

export function presenterOf(i: Pick<LiveItemRow, 'presenter_person_id' | 'presenter_person_name' | 'presenter_unit_id' | 'presenter_unit_name' | 'presenter_name'>) {
  const name = i.presenter_name?.trim() || i.presenter_person_name || i.presenter_unit_name || '';
  return name ? { personId: i.presenter_person_id, unitId: i.presenter_unit_id, name } : null;
}

const presentItem = (i: LiveItem): z.infer<typeof Item> => ({
  id: i.id,
  position: i.position,
  kind: i.kind as AgendaKind,
  title: i.title,
  presenter: presenterOf(i),
  durationMinutes: i.duration_minutes,
  plannedStart: i.planned_start,
  plannedEnd: i.planned_end,
  startedAt: i.started_at,
  endedAt: i.ended_at,
  running: i.started_at !== null && i.ended_at === null,
  notes: i.notes,
  notesRevision: i.notes_revision,
  notesUpdatedBy: i.notes_updated_by_name,
  notesUpdatedAt: i.notes_updated_at,
});

/** The live view and the minutes are the department's working papers: units see the conference, not these. */
export function requireDepartmentView(user: ReturnType<typeof requireUser>, loaded: LoadedConference): void {
  requireConference(user, 'view', loaded);
  if (UNIT_ROLES.includes(user.role)) throw forbidden('Diễn biến và biên bản hội nghị do Văn phòng Sở ghi; đơn vị xem thông báo kết luận khi được ban hành.');
}

export const liveRoutes: FastifyPluginAsyncZod = async (app) => {
  const who = (req: FastifyRequest) => ({ ...requireUser(req), auditActor: auditActor(req) });
  const present = (user: ReturnType<typeof requireUser>, loaded: LoadedConference, s: Awaited<ReturnType<typeof liveState>>): z.infer<typeof Live> => {
    const canRecord = canConference(user, 'record', loaded.subject);
    return {
      conferenceId: s.conference.id, status: s.conference.status, startsAt: s.conference.starts_at, startedAt: s.conference.started_at, endedAt: s.conference.ended_at,
      now: app.clock.now(), currentItemId: s.current?.id ?? null, runningItemId: s.running?.id ?? null, nextItemId: s.next?.id ?? null, canRecord, items: s.items.map(presentItem),
    };
  };

  app.get('/api/conferences/:id/live', {
    schema: { tags: TAGS, summary: 'Màn hình thư ký: mục đang diễn ra và đồng hồ, giờ dự kiến, ghi chép từng mục', params: ConferenceIdParam, response: { 200: Live } },
  }, async (req) => {
    const user = requireUser(req);
    const loaded = await loadVisibleConference(app.db, user, req.params.id);
    requireDepartmentView(user, loaded);
    return present(user, loaded, await liveState(app.db, loaded));
  });

  for (const [action, summary, run] of [
    ['start', 'Bắt đầu một mục của chương trình (mục đang chạy kết thúc; mục đầu tiên chuyển hội nghị sang "đã tổ chức")', startItem],
    ['stop', 'Kết thúc một mục của chương trình', stopItem],
  ] as const) {
    app.post(`/api/conferences/:id/live/items/:itemId/${action}`, {
      schema: { tags: TAGS, summary, params: ItemParams, response: { 200: Live } },
    }, async (req) => {
      const user = who(req);
      const s = await run(app.db, user, req.params.id, req.params.itemId, app.clock.now());
      return present(user, await loadVisibleConference(app.db, user, req.params.id), s);
    });
  }

  app.post('/api/conferences/:id/live/end', {
    schema: { tags: TAGS, summary: 'Bế mạc: ghi giờ kết thúc hội nghị (in trong biên bản)', params: ConferenceIdParam, response: { 200: Live } },
  }, async (req) => {
    const user = who(req);
    const s = await endConference(app.db, user, req.params.id, app.clock.now());
    return present(user, await loadVisibleConference(app.db, user, req.params.id), s);
  });

  app.put('/api/conferences/:id/live/items/:itemId/notes', {
    schema: {
      tags: TAGS,
      summary: 'Lưu ghi chép của một mục; 409 kèm bản hiện tại nếu người khác đã lưu sau bản đang sửa (baseRevision)',
      params: ItemParams, body: NotesBody, response: { 200: Item },
    },
  }, async (req) => {
    const user = who(req);
    const item = await saveNotes(app.db, user, req.params.id, req.params.itemId, req.body, app.clock.now());
    return presentItem(item);
  });
};
