/**
 * One evaluator per criterion kind. An evaluator reads the criterion's params and the subject's facts and says
 * whether the criterion holds, with the evidence in Vietnamese. None knows about any particular title: what a
 * title takes is in its rows.
 */
import {
  type CriterionKind, INITIATIVE_SCOPE_LABELS, INITIATIVE_SCOPES, type InitiativeScope, RATING_LABELS, RATINGS, type Rating, ratingAtLeast,
  scopeAtLeast,
} from '@nhip/contracts';
import { missingYears, window, yearList } from './chain.js';
import type { AwardFact, Criterion, Facts, InitiativeFact, PendingFact, Question } from './types.js';

export type Outcome = {
  passed: boolean;
  evidence: string;
  /** Passed on a nomination of the same round not decided yet. */
  conditional?: boolean;
  /** Initiatives counted (claimed for this evaluation). */
  initiativeIds?: number[];
};

export type EvalContext = {
  /** The name of an award code (for evidence). */
  nameOf: (code: string) => string;
  /** Initiatives already counted by an earlier criterion of this evaluation (set before each criterion runs). */
  claimed: ReadonlySet<number>;
  /** Evaluates another title's standard for the same subject (meets_standard). */
  standardOf: (code: string) => { passed: boolean; conditional: boolean; failures: string[] } | null;
};

export type Evaluator = (c: Criterion, facts: Facts, q: Question, ctx: EvalContext) => Outcome;

// ───────────── params ─────────────

/** A param problem is a catalog error the admin must fix; the check fails and says so. */
class ParamError extends Error {}

const int = (p: Record<string, unknown>, key: string, dflt?: number): number => {
  const v = p[key] ?? dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100) throw new ParamError(`tham số "${key}" phải là số nguyên từ 0 đến 100`);
  return v;
};
const fraction = (p: Record<string, unknown>, key: string): number => {
  const v = p[key];
  if (typeof v !== 'number' || !(v > 0 && v <= 1)) throw new ParamError(`tham số "${key}" phải là tỷ lệ lớn hơn 0 và không quá 1`);
  return v;
};
const rating = (p: Record<string, unknown>, key: string): Rating => {
  const v = p[key];
  if (typeof v !== 'string' || !(RATINGS as readonly string[]).includes(v)) throw new ParamError(`tham số "${key}" phải là một trong ${RATINGS.join(', ')}`);
  return v as Rating;
};
const scope = (p: Record<string, unknown>, key: string): InitiativeScope => {
  const v = p[key];
  if (typeof v !== 'string' || !(INITIATIVE_SCOPES as readonly string[]).includes(v))
    throw new ParamError(`tham số "${key}" phải là một trong ${INITIATIVE_SCOPES.join(', ')}`);
  return v as InitiativeScope;
};
const codes = (p: Record<string, unknown>, key: string): string[] => {
  const v = p[key];
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string')) throw new ParamError(`tham số "${key}" phải là danh sách mã danh hiệu`);
  return v as string[];
};
const code = (p: Record<string, unknown>, key: string): string => {
  const v = p[key];
  if (typeof v !== 'string' || v === '') throw new ParamError(`tham số "${key}" phải là mã danh hiệu`);
  return v;
};

const RATING_WORDS = Object.fromEntries(RATINGS.map((r) => [r, RATING_LABELS[r].vi.toLowerCase()])) as Record<Rating, string>;
const ratingWord = (r: Rating) => RATING_WORDS[r];
/** '2025-07-01' → '01/07/2025' (a calendar date, no time zone involved). */
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`.replace('.', ',');

/** Live nominations other than the one being evaluated. */
const pendingOf = (pending: PendingFact[], q: Question) => pending.filter((p) => p.nominationId !== q.nominationId);

const decisionText = (a: AwardFact) => `${a.decisionNumber ? `QĐ số ${a.decisionNumber}` : 'hồ sơ lưu'}${a.via ? `, của ${a.via}` : ''}`;

// ───────────── evaluators ─────────────

/** {min, years?}: the subject's rating is at least `min` in each of the last `years` years (default 1) ending at Y. */
const performanceRating: Evaluator = (c, facts, q) => {
  const min = rating(c.params, 'min');
  const n = int(c.params, 'years', 1) || 1;
  const parts: string[] = [];
  let passed = true;
  for (const y of window(q.year, n)) {
    const r = facts.ratings.get(y);
    if (!r) {
      passed = false;
      parts.push(`năm ${y}: chưa có xếp loại`);
    } else {
      if (!ratingAtLeast(r, min)) passed = false;
      parts.push(`năm ${y}: ${ratingWord(r)}`);
    }
  }
  const need = `cần ${ratingWord(min)}${min === 'khong_hoan_thanh' ? '' : ' trở lên'}${n > 1 ? ` ${n} năm liên tục` : ''}`;
  return { passed, evidence: `${capital(parts.join('; '))}${passed ? '.' : ` (${need}).`}` };
};

/**
 * {codes, years, orRating?}: one of `codes` held in each of the years Y−years+1 … Y (a year may also count by a
 * rating ≥ orRating). A live nomination for one of the codes in a year of the chain counts, conditionally: the
 * same-year title is often decided in the same round.
 */
const prerequisiteTitle: Evaluator = (c, facts, q, ctx) => {
  const want = codes(c.params, 'codes');
  const n = int(c.params, 'years', 1) || 1;
  const orRating = c.params.orRating === undefined ? null : rating(c.params, 'orRating');
  const names = want.map(ctx.nameOf).join('" hoặc "');
  const held = new Set<number>();
  const conditionalYears = new Set<number>();
  const parts: string[] = [];
  for (const y of window(q.year, n)) {
    const award = facts.awards.find((a) => a.year === y && want.includes(a.code));
    const r = facts.ratings.get(y);
    const pend = pendingOf(facts.pending, q).find((p) => p.year === y && want.includes(p.code));
    if (award) {
      held.add(y);
      parts.push(`năm ${y}: ${ctx.nameOf(award.code)} (${decisionText(award)})`);
    } else if (orRating && r && ratingAtLeast(r, orRating)) {
      held.add(y);
      parts.push(`năm ${y}: ${ratingWord(r)}`);
    } else if (pend) {
      held.add(y);
      conditionalYears.add(y);
      parts.push(`năm ${y}: đang đề nghị ${ctx.nameOf(pend.code)} cùng đợt (chưa có quyết định)`);
    } else parts.push(`năm ${y}: không có`);
  }
  const missing = missingYears(held, q.year, n);
  const passed = missing.length === 0;
  const tail = passed ? '' : ` Thiếu năm ${yearList(missing)}: cần "${names}"${orRating ? ` hoặc ${ratingWord(orRating)}` : ''} ${n} năm liên tục đến năm ${q.year}.`;
  return { passed, conditional: passed && conditionalYears.size > 0, evidence: `${capital(parts.join('; '))}.${tail}` };
};

/** {code}: meets another title's standard that year (its criteria other than registration, caps and "not yet awarded"). */
const meetsStandard: Evaluator = (c, _facts, _q, ctx) => {
  const other = code(c.params, 'code');
  const r = ctx.standardOf(other);
  if (!r) return { passed: false, evidence: `Không có tiêu chuẩn của "${ctx.nameOf(other)}" có hiệu lực để đối chiếu.` };
  if (r.passed) return { passed: true, conditional: r.conditional, evidence: `Đạt các tiêu chuẩn của "${ctx.nameOf(other)}".` };
  return { passed: false, evidence: `Chưa đạt tiêu chuẩn của "${ctx.nameOf(other)}": ${r.failures.join('; ')}.` };
};

const initiativeText = (i: InitiativeFact) => `"${i.title}" (${INITIATIVE_SCOPE_LABELS[i.scope].vi.toLowerCase()}, công nhận năm ${i.year})`;

/**
 * {minScope, window, count}: `count` initiatives of the subject, recognised at scope ≥ minScope within the years
 * Y−window+1 … Y, not used for another award (one initiative supports one award only). The narrowest scope and the
 * oldest year are taken first, so wider initiatives stay for higher awards.
 */
const initiative: Evaluator = (c, facts, q, ctx) => {
  const min = scope(c.params, 'minScope');
  const w = int(c.params, 'window', 1) || 1;
  const need = int(c.params, 'count', 1) || 1;
  const from = q.year - w + 1;
  const inWindow = facts.initiatives.filter((i) => i.year >= from && i.year <= q.year && scopeAtLeast(i.scope, min));
  const usedElsewhere = (i: InitiativeFact) => i.usedByRecordId !== null || (i.usedByNominationId !== null && i.usedByNominationId !== q.nominationId);
  const free = inWindow
    .filter((i) => !usedElsewhere(i) && !ctx.claimed.has(i.id))
    .sort((a, b) => INITIATIVE_SCOPES.indexOf(a.scope) - INITIATIVE_SCOPES.indexOf(b.scope) || a.year - b.year || a.id - b.id);
  const taken = free.slice(0, need);
  const range = w === 1 ? `năm ${q.year}` : `các năm ${from}–${q.year}`;
  const scopeWord = `${INITIATIVE_SCOPE_LABELS[min].vi.toLowerCase()}${min === 'toan_quoc' ? '' : ' trở lên'}`;
  const used = inWindow.filter(usedElsewhere).map((i) => `${initiativeText(i)} đã dùng cho ${i.usedFor ?? 'một khen thưởng khác'}`);
  if (taken.length >= need)
    return { passed: true, initiativeIds: taken.map((i) => i.id), evidence: `Sáng kiến ${taken.map(initiativeText).join(', ')}.` };
  const found = taken.length ? ` Có ${taken.length}: ${taken.map(initiativeText).join(', ')}.` : '';
  return {
    passed: false,
    evidence: `Cần ${need} sáng kiến ${scopeWord} công nhận trong ${range}, chưa dùng để khen thưởng.${found}${used.length ? ` ${capital(used.join('; '))}.` : ''}`
      .replace(/\.\./g, '.'),
  };
};

/**
 * {code? | minRating?, ratio? | atLeast?}: among the collective's members that year, the share (ratio) or number
 * (atLeast) who hold `code` that year, or whose rating is at least `minRating`.
 */
const memberRatio: Evaluator = (c, facts, q, ctx) => {
  const byCode = c.params.code === undefined ? null : code(c.params, 'code');
  const minRating = c.params.minRating === undefined ? null : rating(c.params, 'minRating');
  if (!byCode && !minRating) throw new ParamError('cần tham số "code" hoặc "minRating"');
  const ratio = c.params.ratio === undefined ? null : fraction(c.params, 'ratio');
  const atLeast = c.params.atLeast === undefined ? null : int(c.params, 'atLeast');
  if (ratio === null && atLeast === null) throw new ParamError('cần tham số "ratio" hoặc "atLeast"');
  const total = facts.members.length;
  if (total === 0) return { passed: false, evidence: `Tập thể chưa có danh sách cán bộ trong năm ${q.year}.` };
  let yes = 0;
  let pendingYes = 0;
  for (const m of facts.members) {
    if (byCode) {
      if (m.awards.some((a) => a.code === byCode && a.year === q.year)) yes += 1;
      else if (m.pending.some((p) => p.code === byCode && p.year === q.year)) pendingYes += 1;
    } else {
      const r = m.ratings.get(q.year);
      if (r && ratingAtLeast(r, minRating!)) yes += 1;
    }
  }
  const what = byCode ? `đạt "${ctx.nameOf(byCode)}"` : `${ratingWord(minRating!)}${minRating === 'hoan_thanh' ? '' : ' trở lên'}`;
  const enough = (k: number) => (ratio !== null ? k >= ratio * total - 1e-9 : k >= atLeast!);
  const need = ratio !== null ? `cần từ ${pct(ratio)}` : `cần ít nhất ${atLeast}`;
  const line = (k: number) => `${k}/${total} cán bộ (${pct(k / total)}) ${what} năm ${q.year}`;
  if (enough(yes)) return { passed: true, evidence: `${line(yes)}; ${need}.` };
  if (pendingYes > 0 && enough(yes + pendingYes))
    return { passed: true, conditional: true, evidence: `${line(yes)}, thêm ${pendingYes} người đang được đề nghị cùng đợt (chưa có quyết định); ${need}.` };
  return { passed: false, evidence: `${line(yes)}${pendingYes ? `, ${pendingYes} người đang được đề nghị` : ''}; ${need}.` };
};

/** Whole months of service from `start` to `end` (both YYYY-MM-DD), both days included: 01/07 → 31/12 is 6 months. */
export function monthsBetween(start: string, end: string): number {
  const [y1, m1, d1] = start.split('-').map(Number);
  let y2: number;
  let m2: number;
  let d2: number;
  if (end.endsWith('-12-31')) [y2, m2, d2] = [Number(end.slice(0, 4)) + 1, 1, 1];
  else {
    const after = new Date(`${end}T00:00:00Z`);
    after.setUTCDate(after.getUTCDate() + 1);
    [y2, m2, d2] = [after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate()];
  }
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  return Math.max(0, months);
}

/** {male, female} | {years} | {months}: time in service from the first day of service to the end of the award year. */
const serviceYears: Evaluator = (c, facts, q) => {
  if (facts.subject.kind !== 'person') return { passed: false, evidence: 'Tiêu chí này chỉ áp dụng cho cá nhân.' };
  const gender = facts.subject.gender;
  let needMonths: number;
  let note = '';
  if (c.params.months !== undefined) needMonths = int(c.params, 'months');
  else if (c.params.years !== undefined) needMonths = int(c.params, 'years') * 12;
  else {
    const male = int(c.params, 'male');
    const female = int(c.params, 'female');
    if (gender === 'female') needMonths = female * 12;
    else {
      needMonths = male * 12;
      if (gender === null && female !== male) note = ' Chưa ghi giới tính: áp dụng mức của nam.';
    }
  }
  const end = `${q.year}-12-31`;
  if (!facts.serviceStart) return { passed: false, evidence: `Chưa có quá trình công tác để tính thời gian.${note}` };
  const months = monthsBetween(facts.serviceStart, end);
  const show = (m: number) => (m >= 12 ? `${Math.floor(m / 12)} năm${m % 12 ? ` ${m % 12} tháng` : ''}` : `${m} tháng`);
  const passed = months >= needMonths;
  return {
    passed,
    evidence: `Công tác từ ${dmy(facts.serviceStart)}: ${show(months)} tính đến ${dmy(end)}; cần từ ${show(needMonths)}.${note}`,
  };
};

/** {ofCode, ratio}: this title in the subject's unit that year, this one included, within ratio × the holders of `ofCode`. */
const provincialCap: Evaluator = (c, facts, q, ctx) => {
  const of = code(c.params, 'ofCode');
  const ratio = fraction(c.params, 'ratio');
  const base = facts.unitCounts.get(of) ?? 0;
  const mine = (facts.unitCounts.get(q.awardCode) ?? 0) + 1;
  const cap = Math.floor(ratio * base + 1e-9);
  return {
    passed: mine <= cap,
    evidence: `Đơn vị có ${base} "${ctx.nameOf(of)}" năm ${q.year}, được tối đa ${cap} "${ctx.nameOf(q.awardCode)}" (${pct(ratio)}); tính cả đề nghị này là ${mine}.`,
  };
};

/** {}: registered for emulation at the start of the year (đăng ký thi đua). */
const registration: Evaluator = (_c, facts, q, ctx) => {
  const r = facts.registration;
  if (!r || r.year !== q.year) return { passed: false, evidence: `Chưa đăng ký thi đua năm ${q.year}.` };
  return { passed: true, evidence: `Đã đăng ký thi đua năm ${q.year}${r.targets.length ? `: ${r.targets.map(ctx.nameOf).join(', ')}` : ''}.` };
};

/** {maxRank}: ranked within the first `maxRank` of a published cluster ranking that year. */
const clusterRank: Evaluator = (c, facts, q) => {
  const max = int(c.params, 'maxRank', 1) || 1;
  if (!facts.clusterRanks.length) return { passed: false, evidence: `Chưa có bảng xếp hạng cụm, khối thi đua năm ${q.year} đã công bố có đơn vị này.` };
  const best = [...facts.clusterRanks].sort((a, b) => a.rank - b.rank)[0];
  return {
    passed: best.rank <= max,
    evidence: `Xếp thứ ${best.rank}/${best.members} trong ${best.clusterName} năm ${q.year}${best.rank <= max ? '' : `; cần xếp thứ ${max === 1 ? 'nhất' : `${max} trở lên`}`}.`,
  };
};

/** {within: year | ever}: not already awarded this title (for that year's achievements, or ever). */
const notAwarded: Evaluator = (c, facts, q, ctx) => {
  if (c.params.within !== 'ever' && c.params.within !== 'year') throw new ParamError('tham số "within" phải là year hoặc ever');
  const within = c.params.within;
  const hits = facts.awards.filter((a) => a.code === q.awardCode && (within === 'ever' || a.year === q.year));
  if (!hits.length) return { passed: true, evidence: within === 'ever' ? `Chưa được tặng "${ctx.nameOf(q.awardCode)}".` : `Chưa được tặng cho năm ${q.year}.` };
  return { passed: false, evidence: `Đã được tặng "${ctx.nameOf(q.awardCode)}" ${hits.map((a) => `năm ${a.year} (${decisionText(a)})`).join(', ')}.` };
};

/** {mode: assume | claim}: judged by people. 'assume' holds unless the council finds otherwise; 'claim' needs a statement in the nomination. */
const manual: Evaluator = (c, _facts, q) => {
  if (c.params.mode !== 'claim' && c.params.mode !== 'assume') throw new ParamError('tham số "mode" phải là assume hoặc claim');
  if (c.params.mode === 'claim') {
    const said = q.claims?.[c.code]?.trim();
    if (said) return { passed: true, evidence: `Đơn vị nêu: ${said.length > 300 ? `${said.slice(0, 299)}…` : said}` };
    return { passed: false, evidence: 'Chưa nêu thành tích này trong đề nghị.' };
  }
  return { passed: true, evidence: 'Đơn vị đề nghị xác nhận; Hội đồng thi đua – khen thưởng xem xét.' };
};

export const EVALUATORS: Record<CriterionKind, Evaluator> = {
  performance_rating: performanceRating,
  prerequisite_title: prerequisiteTitle,
  meets_standard: meetsStandard,
  initiative,
  member_ratio: memberRatio,
  service_years: serviceYears,
  provincial_cap: provincialCap,
  registration,
  cluster_rank: clusterRank,
  not_awarded: notAwarded,
  manual,
};

/** Runs the evaluator of the criterion's kind; a bad parameter fails the check with a message for the admin. */
export function runCriterion(c: Criterion, facts: Facts, q: Question, ctx: EvalContext): Outcome {
  try {
    return EVALUATORS[c.kind](c, facts, q, ctx);
  } catch (e) {
    if (e instanceof ParamError) return { passed: false, evidence: `Tiêu chí khai báo sai (${e.message}); quản trị cần sửa dòng quy định này.` };
    throw e;
  }
}

/** Checks a criterion's params the way its evaluator reads them; null when fine, else the problem in Vietnamese. */
export function paramsProblem(kind: CriterionKind, params: Record<string, unknown>): string | null {
  const facts: Facts = {
    subject: { kind: 'person', personId: 0, gender: null, unitId: null, unitType: null }, awards: [], pending: [], ratings: new Map(), initiatives: [],
    serviceStart: null, members: [], registration: null, clusterRanks: [], unitCounts: new Map(),
  };
  const ctx: EvalContext = { nameOf: (x) => x, claimed: new Set(), standardOf: () => null };
  const c = { params, code: 'x' } as Criterion;
  try {
    EVALUATORS[kind](c, facts, { awardCode: 'X', year: 2025, date: '2025-12-31' }, ctx);
    // member_ratio with no members returns before reading its params: read them with one member.
    if (kind === 'member_ratio')
      EVALUATORS[kind](c, { ...facts, members: [{ personId: 0, fullName: '', ratings: new Map(), awards: [], pending: [] }] }, { awardCode: 'X', year: 2025, date: '2025-12-31' }, ctx);
    if (kind === 'service_years')
      EVALUATORS[kind](c, { ...facts, serviceStart: '2000-01-01' }, { awardCode: 'X', year: 2025, date: '2025-12-31' }, ctx);
    return null;
  } catch (e) {
    if (e instanceof ParamError) return e.message;
    throw e;
  }
}

function capital(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
