/**
 * Who sees a conference and who may act on it: the one place the conference routes load a conference and ask the
 * policy (packages/contracts/src/conference.ts). A conference the actor may not see answers 404; one they see but may
 * not act on answers 403 with the reason in Vietnamese (the state it is in, or the role it takes).
 */
import {
  type Actor, CONFERENCE_STATUSES, type ConferenceAction, type ConferenceStatus, type ConferenceSubject, canConference, canSeeConference, UNIT_ROLES,
} from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { type ConferenceRow, conferencesRepo } from './conferences.repository.js';

export const CONFERENCE_NOT_FOUND = 'Không tìm thấy hội nghị.';

export type LoadedConference = { conference: ConferenceRow; subject: ConferenceSubject };

/** The conference with what the policy needs, if the actor may see it; 404 otherwise. `lock` takes its row lock (in a transaction). */
export async function loadVisibleConference(db: Db, actor: Actor, id: number, lock = false): Promise<LoadedConference> {
  const conference = await conferencesRepo.byId(db, id, lock);
  if (!conference) throw notFound(CONFERENCE_NOT_FOUND);
  const subject: ConferenceSubject = { status: conference.status, invitedUnitIds: await conferencesRepo.invitedUnitIds(db, id) };
  if (!canSeeConference(actor, subject)) throw notFound(CONFERENCE_NOT_FOUND);
  return { conference, subject };
}

/** Why a role may never do this, whatever the conference's state. */
const ROLE_REASON: Record<ConferenceAction, string> = {
  view: 'Bạn không xem được hội nghị này.',
  plan: 'Chỉ Văn phòng Sở lập và sửa kế hoạch hội nghị.',
  invite: 'Chỉ Văn phòng Sở gửi giấy mời và nhắc các đơn vị.',
  respond: 'Chỉ đơn vị được mời tự trả lời giấy mời của mình.',
  present: 'Chỉ đơn vị được đề nghị tự tải lên bài tham luận của mình.',
  checkin: 'Chỉ Văn phòng Sở điểm danh đại biểu.',
  record: 'Chỉ Văn phòng Sở ghi diễn biến hội nghị.',
  minutes: 'Chỉ Văn phòng Sở soạn biên bản hội nghị.',
  conclude: 'Chỉ Văn phòng Sở và lãnh đạo Sở soạn kết luận hội nghị.',
  issue: 'Chỉ lãnh đạo Sở ban hành thông báo kết luận.',
  close: 'Chỉ Văn phòng Sở và lãnh đạo Sở đóng hội nghị.',
};

/** Why not in this state: what the state means for someone who could act in another one. */
function stateReason(action: ConferenceAction, status: ConferenceStatus): string {
  switch (status) {
    case 'draft':
      return action === 'respond' || action === 'present' || action === 'checkin' || action === 'record'
        ? 'Hội nghị chưa gửi giấy mời; hãy gửi giấy mời trước.'
        : 'Hội nghị đang chuẩn bị, chưa diễn ra.';
    case 'invited':
      return action === 'close' ? 'Hội nghị chưa ban hành kết luận nên chưa đóng được.' : 'Hội nghị chưa diễn ra; việc này làm khi hội nghị đã bắt đầu.';
    case 'held':
      if (action === 'close') return 'Hội nghị chưa ban hành thông báo kết luận nên chưa đóng được.';
      if (action === 'respond') return 'Hội nghị đã diễn ra; không trả lời giấy mời được nữa.';
      if (action === 'present') return 'Hội nghị đã diễn ra; không tải lên hay thay bài tham luận được nữa.';
      return 'Hội nghị đã diễn ra; không sửa kế hoạch, giấy mời hay chương trình được nữa.';
    case 'concluded':
      return 'Hội nghị đã ban hành kết luận; không sửa được nữa, hãy ban hành lại thông báo.';
    case 'closed':
      return 'Hội nghị đã đóng; không sửa được nữa.';
  }
}

/**
 * Allows the action or throws: 404 when a unit role names another unit (it does not exist for them), 403 with the
 * reason otherwise. `unitId` is the unit a unit-level action is about (its invitation, its presentation).
 */
export function requireConference(actor: Actor, action: ConferenceAction, loaded: LoadedConference, unitId?: number | null): ConferenceSubject {
  const subject: ConferenceSubject = { ...loaded.subject, unitId: unitId ?? null };
  if (canConference(actor, action, subject)) return subject;
  if (UNIT_ROLES.includes(actor.role) && unitId != null && unitId !== actor.orgUnitId) throw notFound(CONFERENCE_NOT_FOUND);
  const someState = CONFERENCE_STATUSES.some((status) => canConference(actor, action, { ...subject, status, invitedUnitIds: subject.invitedUnitIds }));
  throw forbidden(someState ? stateReason(action, subject.status) : ROLE_REASON[action]);
}
