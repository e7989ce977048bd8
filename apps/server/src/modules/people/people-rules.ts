/**
 * Pure rules of the people directory, shared by the single-person use cases and the CSV import: names,
 * phone numbers and e-mail addresses, the order of a staff list, and the dated memberships (one unit at a
 * time, history kept). No database here.
 */
import { compareVi, formatDate, normalizeText, type UnitType, UNIT_TYPES } from '@nhip/contracts';

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** Why a membership ended: closed by a move, retirement, leaving the sector, something else. */
export const END_REASONS = ['moved', 'retired', 'left', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];

export type Person = {
  id: number;
  fullName: string;
  gender: Gender | null;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  userId: number | null;
  username: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
};

export type UnitRef = { id: number; code: string; name: string; type: UnitType; validFrom: string; validTo: string | null };

export type Membership = {
  id: number;
  personId: number;
  unit: UnitRef;
  position: string;
  validFrom: string;
  validTo: string | null;
  endReason: EndReason | null;
};

const DAY_MS = 86_400_000;
const ms = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
/** 'YYYY-MM-DD' plus n days. */
export const addDays = (iso: string, n: number) => new Date(ms(iso) + n * DAY_MS).toISOString().slice(0, 10);

/** Unicode NFC, trimmed, inner runs of white space as one space. */
export const cleanName = (s: string) => normalizeText(s).replace(/\s+/g, ' ');

/** Lower-case NFC with diacritics kept: "Lân" and "Lan" are two names, "NGUYỄN" and "Nguyễn" one. */
export const nameKey = (s: string) => cleanName(s).toLocaleLowerCase('vi');

/** A Vietnamese or international phone number: digits with spaces, dots, dashes or brackets, an optional leading +. */
const PHONE_RE = /^\+?[0-9][0-9 .()-]*$/;
export function phoneProblem(phone: string): string | null {
  const digits = phone.replace(/\D/g, '').length;
  if (!PHONE_RE.test(phone) || digits < 8 || digits > 15)
    return `Số điện thoại "${phone}" không hợp lệ: chỉ gồm chữ số (8–15 số), có thể có dấu cách, dấu chấm, dấu gạch ngang hoặc dấu + ở đầu.`;
  return null;
}

/** One address, with a local part, an @ and a domain with a dot; no spaces. */
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const emailProblem = (email: string): string | null =>
  EMAIL_RE.test(email) && email.length <= 254 ? null : `Địa chỉ thư điện tử "${email}" không hợp lệ.`;

/** A birth date must be a real past date of someone of working age or older. */
export function birthDateProblem(birthDate: string, today: string): string | null {
  if (birthDate > addDays(today, -365 * 15)) return `Ngày sinh ${formatDate(birthDate)} không hợp lệ: cán bộ phải từ 15 tuổi trở lên.`;
  if (birthDate < '1900-01-01') return `Ngày sinh ${formatDate(birthDate)} không hợp lệ.`;
  return null;
}

/** Does the membership hold on that date, the unit being in force too? */
export const activeOn = (m: Pick<Membership, 'validFrom' | 'validTo' | 'unit'>, date: string) =>
  m.validFrom <= date && (m.validTo === null || m.validTo >= date) && m.unit.validFrom <= date && (m.unit.validTo === null || m.unit.validTo >= date);

/**
 * The membership that speaks for a person on a date: the one that holds then; otherwise the last one begun
 * before it (former staff: where they last worked); otherwise the first one still to come.
 */
export function shownMembership<M extends Pick<Membership, 'validFrom' | 'validTo' | 'unit'>>(ms: readonly M[], date: string): M | null {
  const active = ms.find((m) => activeOn(m, date));
  if (active) return active;
  const past = ms.filter((m) => m.validFrom <= date).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  if (past.length) return past[0];
  const future = [...ms].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  return future[0] ?? null;
}

export const showSpan = (m: { validFrom: string; validTo: string | null }) => `${formatDate(m.validFrom)} – ${m.validTo ? formatDate(m.validTo) : 'nay'}`;

export type MembershipSpan = { id: number; unitName: string; validFrom: string; validTo: string | null };

/**
 * Plans a change from `date` on (a move, or leaving): the membership that holds on the day before ends then,
 * and none may start on or after `date`. Returns the membership to close (null for someone not in post,
 * who rejoins), or why not: `later` is a membership that starts on or after `date`.
 */
export function planChange<M extends MembershipSpan>(ms: readonly M[], date: string): { close: M | null } | { later: M } | { overlap: M[] } {
  const later = ms.filter((m) => m.validFrom >= date).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  if (later.length) return { later: later[0] };
  const reaching = ms.filter((m) => m.validTo === null || m.validTo >= date);
  if (reaching.length > 1) return { overlap: reaching };
  return { close: reaching[0] ?? null };
}

/** Why a change dated `date` cannot be made, in Vietnamese; `what` names it ("Ngày chuyển", "Ngày nghỉ"). */
export function changeProblem(plan: { later: MembershipSpan } | { overlap: MembershipSpan[] }, what: string, date: string): string {
  if ('later' in plan)
    return `${what} ${formatDate(date)} phải sau ngày bắt đầu quá trình công tác gần nhất, tại "${plan.later.unitName}" từ ${formatDate(plan.later.validFrom)}.`;
  return `Quá trình công tác của cán bộ đang chồng lấn nhau (${plan.overlap.map((m) => `"${m.unitName}" ${showSpan(m)}`).join(', ')}); hãy báo quản trị hệ thống.`;
}

/**
 * Rank of a position in a staff list: heads (Giám đốc, Chủ tịch, Trưởng …, Chánh …, Tổng biên tập) 0,
 * deputies (Phó …) 1, everyone else 2.
 */
export function positionRank(position: string): number {
  const p = position
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();
  if (/^(giam doc|tong giam doc|chu tich|tong bien tap|truong|chanh|bi thu|thu truong)\b/.test(p)) return 0;
  if (/^pho\b/.test(p)) return 1;
  return 2;
}

/** Vietnamese order of people: by given name (the last word), then the whole name. */
export function comparePersonNames(a: string, b: string): number {
  const split = (n: string) => {
    const words = n.trim().split(/\s+/);
    const given = words.pop() ?? '';
    return { given, rest: words.join(' ') };
  };
  const x = split(a);
  const y = split(b);
  return compareVi(x.given, y.given) || compareVi(x.rest, y.rest);
}

const typeOrder = (t: UnitType) => UNIT_TYPES.indexOf(t);

/** A staff list: by kind of unit (department first), unit name, then heads, deputies and staff, each by name. */
export function compareStaff(
  a: { fullName: string; id: number; unit: Pick<UnitRef, 'type' | 'name'> | null; position: string | null },
  b: { fullName: string; id: number; unit: Pick<UnitRef, 'type' | 'name'> | null; position: string | null },
): number {
  if (a.unit && b.unit) {
    const u = typeOrder(a.unit.type) - typeOrder(b.unit.type) || compareVi(a.unit.name, b.unit.name);
    if (u) return u;
  } else if (a.unit || b.unit) return a.unit ? -1 : 1;
  return positionRank(a.position ?? '') - positionRank(b.position ?? '') || comparePersonNames(a.fullName, b.fullName) || a.id - b.id;
}
