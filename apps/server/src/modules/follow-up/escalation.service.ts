/**
 * Escalation that actually happens: a scheduled job (platform/scheduler.ts, every tick) over the open
 * recommendations that have an owner division and a deadline.
 *
 * - Reminders to the owner division (in the app, and on the item's timeline): `daysBefore` days before the deadline
 *   (default 7 and 1), on the day (`onDeadline`), and every `overdueEveryDays` days while overdue (default weekly).
 *   Each item has one reminder stage a day; a stage already sent is never sent again (dedupe key
 *   followup-reminder:<id>:<deadline>:<stage>), and a stage missed while the server was down is replaced by the
 *   current one, never sent late in a burst. A new deadline starts the stages again.
 * - Escalation: `escalateAfterDays` days past the deadline (default 7) the item is escalated once (escalated_at,
 *   which the director's dashboard reads) to the deputy director in charge: the item's, else the sector's lead that
 *   day (sector_leads), recorded on the item and on its timeline. The deputy's account is told in the app (and by
 *   e-mail when SMTP is set), or the directors' accounts when the deputy has none; the owner division is told too.
 *   Audited by the system, one event per owner division and run naming its items.
 * - A weekly digest per division owning open items (from `digestWeekday`, 1 = Monday, once per ISO week): open,
 *   overdue, due within 7 days, escalated, settled in the last 7 days, and the five most overdue; in the app and by
 *   e-mail to the division's accounts when SMTP is set.
 *
 * The days are the setting 'followup.reminders' (GET/PUT /api/recommendations/reminders). Every step is idempotent:
 * reminders by their dedupe keys, escalation by escalated_at written in the same transaction as its notices, the
 * digest by its dedupe key per division and week; a restart or a second process never sends twice.
 */
import { createHash } from 'node:crypto';
import { formatDate, formatNumber } from '@nhip/contracts';
import type { AuditActor } from '../../platform/audit.js';
import { audit } from '../../platform/audit.js';
import type { Config } from '../../platform/config.js';
import type { Db } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { deliverMail } from '../../platform/mail.js';
import { vnDateOf } from '../rounds/rounds.service.js';
import { type DigestRow, type DueEscalation, escalationRepo, type ReminderWording } from './escalation.repository.js';

export const REMINDERS_SETTING = 'followup.reminders';
const DIGEST_SETTING = 'followup.digest';

export type ReminderSettings = {
  /** Days before the deadline on which the owner division is reminded. */
  daysBefore: number[];
  /** Remind on the deadline's day. */
  onDeadline: boolean;
  /** While overdue, remind every this many days. */
  overdueEveryDays: number;
  /** Escalate to the deputy director in charge this many days after the deadline. */
  escalateAfterDays: number;
  /** ISO weekday of the weekly digest (1 = Monday … 7 = Sunday). */
  digestWeekday: number;
};

export const DEFAULT_REMINDERS: ReminderSettings = { daysBefore: [7, 1], onDeadline: true, overdueEveryDays: 7, escalateAfterDays: 7, digestWeekday: 1 };

const isDays = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/** Checks settings as typed by the office; a Vietnamese 400 naming what is wrong. */
export function checkReminderSettings(input: Partial<ReminderSettings>): ReminderSettings {
  const s = { ...DEFAULT_REMINDERS, ...input };
  if (!Array.isArray(s.daysBefore) || s.daysBefore.length > 10 || !s.daysBefore.every((d) => isDays(d, 1, 90))) {
    throw badRequest('Số ngày nhắc trước hạn phải là các số nguyên từ 1 đến 90 (tối đa 10 mốc), ví dụ [7, 1].');
  }
  if (typeof s.onDeadline !== 'boolean') throw badRequest('"Nhắc vào ngày đến hạn" phải là có hoặc không.');
  if (!isDays(s.overdueEveryDays, 1, 90)) throw badRequest('Chu kỳ nhắc khi quá hạn phải là số ngày nguyên từ 1 đến 90.');
  if (!isDays(s.escalateAfterDays, 0, 365)) throw badRequest('Số ngày quá hạn trước khi báo lãnh đạo Sở phụ trách phải là số nguyên từ 0 đến 365.');
  if (!isDays(s.digestWeekday, 1, 7)) throw badRequest('Ngày gửi bản tổng hợp hằng tuần phải từ 1 (thứ Hai) đến 7 (Chủ nhật).');
  return { ...s, daysBefore: [...new Set(s.daysBefore)].sort((a, b) => b - a) };
}

/** The stored settings over the defaults (a stored value that no longer passes the checks falls back to the defaults). */
export async function reminderSettings(db: Db): Promise<ReminderSettings> {
  const row = await escalationRepo.setting(db, REMINDERS_SETTING);
  if (!row || typeof row.value !== 'object' || row.value === null) return DEFAULT_REMINDERS;
  try {
    return checkReminderSettings(row.value as Partial<ReminderSettings>);
  } catch {
    return DEFAULT_REMINDERS;
  }
}

export async function saveReminderSettings(db: Db, actor: AuditActor, input: Partial<ReminderSettings>): Promise<ReminderSettings> {
  const s = checkReminderSettings(input);
  return db.tx(async (tx) => {
    const before = await reminderSettings(tx);
    await escalationRepo.saveSetting(tx, REMINDERS_SETTING, s);
    await audit(tx, actor, { action: 'settings.update', entityType: 'setting', entityId: REMINDERS_SETTING, before, after: s });
    return s;
  });
}

/** The scheduler, as the actor of what it changes. */
const SYSTEM: AuditActor = { id: null, name: 'scheduler' };

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const link = (id: number) => `/recommendations/${id}`;

/** The reminders' wording (format() patterns for the repository; see ReminderWording). */
const REMINDER_WORDING: ReminderWording = {
  before: 'Sắp đến hạn giải quyết kiến nghị #%s: còn %s ngày',
  onDay: 'Hôm nay là hạn giải quyết kiến nghị #%s',
  overdue: 'Kiến nghị #%s đã quá hạn giải quyết %s ngày',
  body: '%s\nHạn giải quyết: %s.',
  timeline: 'Nhắc phòng chủ trì: %s.',
};

/** An escalation on the item's timeline, as format() patterns: days late and the deputy in charge; days late. */
const ESCALATION_WORDING = { deputy: 'Quá hạn %s ngày: báo cáo lãnh đạo Sở phụ trách (%s).', board: 'Quá hạn %s ngày: báo cáo Ban Giám đốc Sở.' };

/** Sends today's reminders (in the app, and on each item's timeline); returns how many. */
export async function sendReminders(db: Db, today: string, s: ReminderSettings, now: Date): Promise<number> {
  return db.tx((tx) => escalationRepo.remind(tx, today, s.daysBefore, s.onDeadline, s.overdueEveryDays, now, REMINDER_WORDING));
}

type Mail = { to: string[]; subject: string; text: string; notificationIds: number[] };

/** Items under each of their keys, in order (pushed, not copied: a backlog of 100,000 items would copy for minutes). */
function groupBy<K, T>(items: T[], keys: (t: T) => K[]): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) {
    for (const k of keys(t)) {
      const list = out.get(k);
      if (list) list.push(t);
      else out.set(k, [t]);
    }
  }
  return out;
}

const digestOf = (ids: number[]) => createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16);

/** Escalates what is long overdue (see the module comment); returns the items escalated and the e-mails to send. */
export async function escalate(db: Db, today: string, s: ReminderSettings, now: Date, withMail: boolean): Promise<{ escalated: number; mails: Mail[] }> {
  return db.tx(async (tx) => {
    const due = await escalationRepo.dueEscalations(tx, today, s.escalateAfterDays);
    if (!due.length) return { escalated: 0, mails: [] };
    const marked = await escalationRepo.markEscalated(tx, due.map((d) => d.id), due.map((d) => d.deputy_person_id), now, today, ESCALATION_WORDING);
    const done = new Set(marked.map((r) => r.id));
    const items = due.filter((d) => done.has(d.id));
    if (!items.length) return { escalated: 0, mails: [] };
    const daysOver = (d: DueEscalation) => Math.round((Date.parse(today) - Date.parse(d.deadline)) / 86_400_000);
    // One audit event per owner division and run, naming each item (a backlog of thousands would otherwise seal as many events).
    const byOwner = groupBy(items, (d) => [d.owner_division_id]);
    for (const [ownerDivisionId, list] of byOwner) {
      await audit(tx, SYSTEM, {
        action: 'recommendation.escalate', entityType: 'recommendation', entityId: list.length === 1 ? list[0].id : null, orgUnitId: ownerDivisionId,
        after: { escalatedAt: now, items: list.map((d) => ({ id: d.id, deadline: d.deadline, daysOver: daysOver(d), deputyPersonId: d.deputy_person_id })) },
      });
    }
    // Who hears: each deputy's account (the directors' when the deputy has none), and each owner division, once per run.
    const directors = await escalationRepo.directorUserIds(tx);
    const toUser = groupBy(items, (d) => (d.deputy_user_id !== null ? [d.deputy_user_id] : directors));
    const toDivision = groupBy(items, (d) => (d.owner_division_id !== null ? [d.owner_division_id] : []));
    const lines = (list: DueEscalation[]) =>
      `${list.slice(0, 10).map((d) => `- #${d.id} (${d.owner_name ?? 'chưa giao phòng'}, hạn ${formatDate(d.deadline)}, quá ${daysOver(d)} ngày): ${clip(d.text, 200)}`).join('\n')}${list.length > 10 ? `\n… và ${formatNumber(list.length - 10)} kiến nghị khác.` : ''}`;
    const notices = [
      ...[...toUser].map(([userId, list]) => ({
        userId, orgUnitId: null, kind: 'followup.escalation',
        title: list.length === 1 ? `Kiến nghị #${list[0].id} quá hạn được báo cáo lãnh đạo Sở` : `${formatNumber(list.length)} kiến nghị quá hạn được báo cáo lãnh đạo Sở`,
        body: lines(list), link: list.length === 1 ? link(list[0].id) : '/recommendations?escalated=true',
        dedupeKey: `followup-escalation:user:${userId}:${digestOf(list.map((d) => d.id))}`,
      })),
      ...[...toDivision].map(([unitId, list]) => ({
        userId: null, orgUnitId: unitId, kind: 'followup.escalation',
        title: list.length === 1 ? `Kiến nghị #${list[0].id} quá hạn đã được báo cáo lãnh đạo Sở phụ trách` : `${formatNumber(list.length)} kiến nghị quá hạn đã được báo cáo lãnh đạo Sở phụ trách`,
        body: lines(list), link: list.length === 1 ? link(list[0].id) : '/recommendations?escalated=true',
        dedupeKey: `followup-escalation:unit:${unitId}:${digestOf(list.map((d) => d.id))}`,
      })),
    ];
    const inserted = new Map((await escalationRepo.insertNotifications(tx, notices)).map((n) => [n.dedupe_key, n.id]));
    const mails: Mail[] = [];
    if (withMail) {
      for (const n of notices) {
        const id = inserted.get(n.dedupeKey);
        if (id === undefined || n.userId === null) continue;
        const to = await escalationRepo.userEmails(tx, [n.userId]);
        if (to.length) mails.push({ to, subject: n.title, text: n.body, notificationIds: [id] });
      }
    }
    return { escalated: items.length, mails };
  });
}

/** ISO week of a date ('2026-11-23' → '2026-W48') and its weekday (1 = Monday). */
export function isoWeek(day: string): { week: string; weekday: number } {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = ((d.getUTCDay() + 6) % 7) + 1;
  const thursday = new Date(d.getTime() + (4 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const n = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return { week: `${thursday.getUTCFullYear()}-W${String(n).padStart(2, '0')}`, weekday };
}

function digestText(r: DigestRow, week: string): { title: string; body: string } {
  const title = `Tổng hợp kiến nghị tuần ${week.slice(6)}/${week.slice(0, 4)}: ${formatNumber(r.open)} đang giải quyết, ${formatNumber(r.overdue)} quá hạn`;
  const body = [
    `${r.division_name}:`,
    `- Đang giải quyết: ${formatNumber(r.open)}, trong đó quá hạn ${formatNumber(r.overdue)}, đã báo cáo lãnh đạo Sở ${formatNumber(r.escalated)}.`,
    `- Đến hạn trong 7 ngày tới: ${formatNumber(r.due_soon)}.`,
    `- Đã giải quyết trong 7 ngày qua: ${formatNumber(r.done_last_week)}.`,
    ...(r.top.length ? ['Quá hạn lâu nhất:', ...r.top.map((t) => `- #${t.id} (hạn ${formatDate(t.deadline)}, quá ${t.days_over} ngày): ${clip(t.text, 200)}`)] : []),
  ].join('\n');
  return { title, body };
}

/** The weekly digest, once per ISO week from its weekday; returns how many divisions got it and the e-mails to send. */
export async function weeklyDigest(db: Db, today: string, s: ReminderSettings, withMail: boolean): Promise<{ digests: number; mails: Mail[] }> {
  const { week, weekday } = isoWeek(today);
  if (weekday < s.digestWeekday) return { digests: 0, mails: [] };
  const done = await escalationRepo.setting(db, DIGEST_SETTING);
  if ((done?.value as { week?: string } | null)?.week === week) return { digests: 0, mails: [] };
  return db.tx(async (tx) => {
    const rows = await escalationRepo.digest(tx, today);
    const notices = rows.map((r) => ({
      userId: null, orgUnitId: r.division_id, kind: 'followup.digest', ...digestText(r, week), link: `/recommendations?owner=${encodeURIComponent(r.division_code)}`,
      dedupeKey: `followup-digest:${r.division_id}:${week}`,
    }));
    const inserted = new Map((await escalationRepo.insertNotifications(tx, notices)).map((n) => [n.dedupe_key, n.id]));
    await escalationRepo.saveSetting(tx, DIGEST_SETTING, { week, at: today });
    const mails: Mail[] = [];
    if (withMail) {
      for (const [i, n] of notices.entries()) {
        const id = inserted.get(n.dedupeKey);
        if (id === undefined) continue;
        const to = await escalationRepo.unitEmails(tx, rows[i].division_id);
        if (to.length) mails.push({ to, subject: n.title, text: n.body, notificationIds: [id] });
      }
    }
    return { digests: inserted.size, mails };
  });
}

export type FollowUpJobResult = { reminders: number; escalated: number; digests: number; emailed: number };

/** The scheduler's follow-up job (see the module comment). */
export async function runFollowUpJobs(db: Db, now: Date, config?: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'publicUrl'>): Promise<FollowUpJobResult> {
  const today = vnDateOf(now);
  const s = await reminderSettings(db);
  const withMail = !!config?.smtpUrl;
  const reminders = await sendReminders(db, today, s, now);
  const e = await escalate(db, today, s, now, withMail);
  const d = await weeklyDigest(db, today, s, withMail);
  let emailed = 0;
  for (const m of [...e.mails, ...d.mails]) {
    const base = (config?.publicUrl ?? '').replace(/\/+$/, '');
    const r = await deliverMail(config!, { to: m.to, subject: m.subject, text: base ? `${m.text}\n\n${base}/recommendations` : m.text });
    if (r.sent) {
      emailed++;
      await escalationRepo.markEmailed(db, m.notificationIds);
    }
  }
  return { reminders, escalated: e.escalated, digests: d.digests, emailed };
}
