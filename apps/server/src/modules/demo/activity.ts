/**
 * Audit events and notifications matching the seeded history, in the shapes the application itself writes
 * (rounds.service, submissions/workflow.service, notifications.service): same actions, kinds, titles, links
 * and dedupe keys, so the scheduler does not repeat a reminder the demo already holds.
 * Audit tables are append-only: insert only.
 */
import { periodLabel } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { addDays, DAY, HOUR_MS, isoTs, vnDateOf, vnTime, viDate } from './dates.js';
import type { History, RoundRec, SubRec } from './history.js';
import type { Org } from './org.js';
import { insertRows } from './sql.js';
import type { Users } from './users.js';

const what = (r: RoundRec) => `${r.form.name} – ${periodLabel(r.period, 'vi')}`;
const entryLink = (r: RoundRec, unitId: number) => `/rounds/${r.id}/units/${unitId}`;

export async function seedAudit(db: Db, h: History, users: Users, today: string): Promise<number> {
  const nowBound = vnTime(today, 7, 30);
  type Ev = [at: number, actorId: number, actorName: string, action: string, entityType: string, entityId: string, unitId: number | null, before: unknown, after: unknown];
  const events: Ev[] = [];
  const office = users.byName('vanphong');
  for (const r of h.rounds) {
    events.push([r.createdAt, office.id, office.username, 'round.create', 'round', String(r.id), null, null,
      { formId: r.form.id, period: r.period.id, cutoffStart: r.cutoffStart, cutoffEnd: r.cutoffEnd, deadline: isoTs(r.deadline) }]);
    if (r.phase === 'past') {
      const closed = Math.min(nowBound - HOUR_MS, Math.max(r.deadline + 30 * DAY, ...h.subs.filter((s) => s.round === r).map((s) => (s.reviewed ?? 0) + DAY)));
      events.push([closed, office.id, office.username, 'round.update', 'round', String(r.id), null, { status: 'open' }, { status: 'closed' }]);
    }
  }
  for (const s of h.subs) {
    if (s.firstSubmitted === null || s.submitted === null) continue;
    const sub = String(s.id);
    const rep = s.reporter;
    const rev = users.reviewerOf(s.round.form);
    events.push([s.firstSubmitted, rep.id, rep.username, 'submission.submit', 'submission', sub, s.unit.id, { status: 'draft' }, { status: 'submitted' }]);
    if (s.returnedAt !== null) {
      const comment = s.status === 'returned' ? s.comment : s.cycleComment;
      events.push([s.returnedAt, rev.id, rev.username, 'submission.return', 'submission', sub, s.unit.id, { status: 'submitted' }, { status: 'returned', comment }]);
      if (s.status !== 'returned')
        events.push([s.submitted, rep.id, rep.username, 'submission.submit', 'submission', sub, s.unit.id, { status: 'returned' }, { status: 'submitted' }]);
    }
    if (s.status === 'approved' && s.reviewed !== null)
      events.push([s.reviewed, rev.id, rev.username, 'submission.approve', 'submission', sub, s.unit.id, { status: 'submitted' },
        s.comment ? { status: 'approved', comment: s.comment } : { status: 'approved' }]);
  }
  events.sort((a, b) => a[0] - b[0] || a[5].localeCompare(b[5]) || a[3].localeCompare(b[3]));
  await insertRows(
    db, 'audit_events',
    [['at', 'timestamptz'], ['actor_id', 'int'], ['actor_name', 'text'], ['action', 'text'], ['entity_type', 'text'], ['entity_id', 'text'],
      ['org_unit_id', 'int'], ['before', 'jsonb'], ['after', 'jsonb']],
    events.map((e) => [isoTs(e[0]), e[1], e[2], e[3], e[4], e[5], e[6], e[7] === null ? null : JSON.stringify(e[7]), JSON.stringify(e[8])]),
  );
  return events.length;
}

export async function seedNotifications(db: Db, h: History, org: Org, today: string): Promise<number> {
  const nowBound = vnTime(today, 7, 30);
  type N = [unitId: number, kind: string, title: string, body: string, link: string, dedupe: string | null, at: number];
  const rows: N[] = [];
  const subOf = new Map<string, SubRec>(h.subs.map((s) => [`${s.round.id}:${s.unit.id}`, s]));
  for (const r of h.rounds.filter((x) => x.phase !== 'past')) {
    // the workflow's own notices: to the unit when approved or returned, to the division when submitted
    for (const s of h.subs.filter((x) => x.round === r)) {
      const link = entryLink(r, s.unit.id);
      if (s.status === 'returned' && s.reviewed !== null)
        rows.push([s.unit.id, 'submission.return', `Báo cáo bị trả lại: ${what(r)}`, `Ý kiến: ${s.comment ?? ''}`, link, null, s.reviewed]);
      if (s.status === 'approved' && s.reviewed !== null)
        rows.push([s.unit.id, 'submission.approve', `Báo cáo đã được duyệt: ${what(r)}`, s.comment ? `Ý kiến: ${s.comment}` : '', link, null, s.reviewed]);
      if ((s.status === 'submitted' || s.status === 'approved') && s.submitted !== null)
        rows.push([org.division[r.form.division].id, 'submission.submit', `${s.unit.name} đã nộp báo cáo: ${what(r)}`, '', link, null, s.submitted]);
    }
    // the scheduler's reminders: 3 days before the deadline, and overdue while a unit has not submitted
    const remindAt = vnTime(addDays(vnDateOf(r.deadline), -3), 8, 0);
    for (const u of r.units) {
      if (u.validFrom > today || (u.validTo !== null && u.validTo < today)) continue;
      const s = subOf.get(`${r.id}:${u.id}`);
      const pending = !s || s.status === 'draft' || s.status === 'returned';
      const link = entryLink(r, u.id);
      if (remindAt <= nowBound && (pending || (s?.submitted ?? 0) > remindAt))
        rows.push([u.id, 'round.reminder', `Sắp đến hạn nộp báo cáo: ${what(r)}`,
          `Hạn nộp là ${viDate(vnDateOf(r.deadline))}. Đề nghị ${u.name} hoàn thành và nộp báo cáo đúng hạn.`, link, `reminder:${r.id}:${u.id}`, remindAt]);
      if (r.deadline < nowBound && pending) {
        const at = vnTime(today, 7, 0);
        rows.push([u.id, 'round.overdue', `Quá hạn nộp báo cáo: ${what(r)}`,
          `${u.name} chưa nộp báo cáo. Hạn nộp là ${viDate(vnDateOf(r.deadline))}; đề nghị hoàn thành và nộp sớm.`, link, `overdue:${r.id}:${u.id}:${vnDateOf(at)}`, at]);
      }
    }
  }
  await insertRows(
    db, 'notifications',
    [['org_unit_id', 'int'], ['kind', 'text'], ['title', 'text'], ['body', 'text'], ['link', 'text'], ['dedupe_key', 'text'], ['created_at', 'timestamptz']],
    rows.map((x) => [x[0], x[1], x[2], x[3], x[4], x[5], isoTs(x[6])]),
  );
  return rows.length;
}
