/**
 * Parsing of DHIS2-style analytics dimensions: `dx:CODE;CODE`, `ou:CODE;LEVEL-2`, `pe:2024;2024Q1;LAST_4_QUARTERS`.
 * Pure functions; every refusal is a 400 naming the bad item in Vietnamese.
 */
import {
  type Period,
  PERIOD_TYPES,
  childPeriods,
  comparePeriodTypes,
  isRelativePeriodKeyword,
  normalizeText,
  parsePeriod,
  periodDays,
  relativePeriods,
} from '@nhip/contracts';
import type { PeriodPair } from './analytics.repository.js';
import { badRequest } from '../../platform/errors.js';

export type OuItem = { kind: 'unit'; code: string } | { kind: 'level'; level: number };

export type AnalyticsRequest = {
  dx: string[];
  ou: OuItem[];
  /** Period ids and relative keywords as asked. */
  pe: string[];
  includeUnapproved: boolean;
};

export const MAX_ITEMS_PER_DIMENSION = 200;
export const MAX_LEVEL = 20;
const CODE_RE = /^[A-Za-z0-9_.-]{1,100}$/;
const DIMENSIONS = ['dx', 'ou', 'pe'] as const;
type DimensionName = (typeof DIMENSIONS)[number];

/** Splits `dimension` parameters into their items; each of dx, ou, pe exactly once. */
export function parseDimensions(raw: string | string[] | undefined, includeUnapproved = false): AnalyticsRequest {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const found: Partial<Record<DimensionName, string[]>> = {};
  for (const param of list) {
    const text = normalizeText(param).trim();
    const colon = text.indexOf(':');
    const name = colon < 0 ? text : text.slice(0, colon);
    if (!(DIMENSIONS as readonly string[]).includes(name)) {
      throw badRequest(`Chiều dữ liệu "${text.slice(0, 60)}" không hợp lệ: chỉ dùng dx:…, ou:…, pe:….`);
    }
    const dim = name as DimensionName;
    if (found[dim]) throw badRequest(`Chiều "${dim}" được khai báo hai lần.`);
    const items = colon < 0 ? [] : text.slice(colon + 1).split(';').map((s) => s.trim()).filter((s) => s !== '');
    if (items.length === 0) throw badRequest(`Chiều "${dim}" không có mục nào.`);
    if (items.length > MAX_ITEMS_PER_DIMENSION) throw badRequest(`Chiều "${dim}" có quá nhiều mục (tối đa ${MAX_ITEMS_PER_DIMENSION}).`);
    found[dim] = [...new Set(items)];
  }
  for (const dim of DIMENSIONS) {
    if (!found[dim]) throw badRequest(`Thiếu chiều "${dim}" (ví dụ dimension=${EXAMPLE[dim]}).`);
  }
  for (const code of found.dx!) {
    if (!CODE_RE.test(code)) throw badRequest(`Mã chỉ tiêu "${code.slice(0, 60)}" không hợp lệ.`);
  }
  const ou = found.ou!.map(parseOuItem);
  for (const p of found.pe!) {
    if (!isRelativePeriodKeyword(p) && !parsePeriod(p)) throw badRequest(`Kỳ "${p.slice(0, 60)}" không hợp lệ.`);
  }
  return { dx: found.dx!, ou, pe: found.pe!, includeUnapproved };
}

const EXAMPLE: Record<DimensionName, string> = { dx: 'dx:MA_CHI_TIEU', ou: 'ou:MA_DON_VI', pe: 'pe:2024' };

function parseOuItem(item: string): OuItem {
  const level = /^LEVEL-(\d{1,3})$/.exec(item);
  if (level) {
    const n = Number(level[1]);
    if (n < 1 || n > MAX_LEVEL) throw badRequest(`Cấp đơn vị "${item}" không hợp lệ (từ LEVEL-1 đến LEVEL-${MAX_LEVEL}).`);
    return { kind: 'level', level: n };
  }
  if (item.startsWith('LEVEL')) throw badRequest(`Cấp đơn vị "${item.slice(0, 60)}" không hợp lệ (viết LEVEL-2).`);
  if (!CODE_RE.test(item)) throw badRequest(`Mã đơn vị "${item.slice(0, 60)}" không hợp lệ.`);
  return { kind: 'unit', code: item };
}

/** Resolves period ids and relative keywords (with today's date) into distinct periods, in the order asked. */
export function resolvePeriods(items: string[], todayISO: string): Period[] {
  const out = new Map<string, Period>();
  for (const item of items) {
    const ids = isRelativePeriodKeyword(item) ? relativePeriods(item, todayISO) : [item];
    for (const id of ids) {
      const p = parsePeriod(id);
      if (!p) throw badRequest(`Kỳ "${item.slice(0, 60)}" không hợp lệ.`);
      out.set(p.id, p);
    }
  }
  return [...out.values()];
}

/** Every (requested period, stored period within it) pair, stored periods of the same or a finer type. */
export function periodPairs(periods: Period[]): PeriodPair[] {
  const pairs: PeriodPair[] = [];
  for (const p of periods) {
    const peDays = periodDays(p);
    for (const type of PERIOD_TYPES) {
      if (comparePeriodTypes(type, p.type) > 0) continue;
      for (const c of childPeriods(p, type)) {
        pairs.push({ pe: p.id, sp: c.id, spDays: periodDays(c), peDays, spStart: c.start, spEnd: c.end, peEnd: p.end });
      }
    }
  }
  return pairs;
}
