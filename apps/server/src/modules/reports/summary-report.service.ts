/**
 * Assembles the draft summary report ("Dự thảo báo cáo tổng kết") of a period from the database.
 *
 * Sources and rules:
 * - Narratives: approved submissions of rounds whose period lies within the requested one. For each unit and
 *   each text (results / difficulties / proposals) only the submissions of the coarsest period type the unit
 *   wrote that text in are used: for a year the unit's Yearly report when it has one, else its six-monthly,
 *   quarterly or monthly ones in period order, condensed into one paragraph per unit (condenseNarrative: a sentence
 *   repeated across periods once, a count a finer period repeats with other numbers left out, a finer period's quarter
 *   not claimed); what several units of a sector say alike — near-equal once their names and numbers are masked — is
 *   said once with the units counted by type, their own numbers left to the sector's figures (shareAcrossUnits).
 * - Sector of a text: the sector of the reporting unit (org_units.sector_id); for a unit without a sector, the
 *   sector of a unit it was formed from (org_unit_lineage: a commune formed in 2025 carries on the work of the
 *   district office it replaced — units created by the org import have no sector of their own); else the first
 *   sector (by sort) of the reviewing division of the report's form; else 'Công tác chung'.
 * - Key-figure tables: KEY_FIGURES_BY_TYPE rows per sector; a quarter's (and six or nine months') leave out what the
 *   sector's sentences said (figures said once); the appendix lists every figure.
 * - Figures: every number comes from the analytics engine (runAnalytics, approved data only) at the province
 *   root (the level-1 unit) — the same answer GET /api/analytics gives for the same dx/ou/pe. Targets are
 *   the targets table's values for the period's year at the root.
 * - Difficulties and proposals: split into points; the same point from several units (equal or ≥ 0.8 similar
 *   after folding diacritics) is merged and the units listed (counted by type beyond five, the full list in an
 *   appendix table); 'nêu lại lần thứ N' when the follow-up register links one of its bullets to a recommendation.
 * - The previous period's recommendations (a year: the whole previous year) in the grid on the report's date, from
 *   the follow-up register; no part when the register holds none.
 * - Next tasks: the register's key tasks of the next period by sector (a task closed only after the report's period
 *   included: plannedTask); else the units' clearly marked next-period
 *   sections; else, per sector, the (at most two) proposals raised by most units; else nothing.
 */
import { type Period, TIMELINESS_LABELS, nextPeriod, parsePeriod, periodLabel, previousPeriod, samePeriodLastYear } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { badRequest, unprocessable } from '../../platform/errors.js';
import { runAnalytics } from '../analytics/analytics.engine.js';
import {
  type AppendixTable, type KeyFigure, type NarrativeBlock, type PreviousRecommendations, type SectorPoints, type SectorResults, type SummaryReportInput,
  periodWording, subjectLine, upperVi,
} from '../documents/summary-report.model.js';
import { GENERAL_TASKS } from '../documents/summary-report.content.js';
import { keyTasksRepo } from '../follow-up/keytasks.repository.js';
import { recommendationsRepo } from '../follow-up/recommendations.repository.js';
import { periodsWithin } from '../follow-up/recommendations.service.js';
import { summaryRepo } from '../follow-up/summary.repository.js';
import { summaryFor } from '../follow-up/summary.service.js';
import { orgIdentity } from '../settings/settings.service.js';
import { type SentenceCatalogRow, sentenceCatalog } from './figure-sentences.repository.js';
import { markedFields, unmark } from './figure-sentences.js';
import { sectorFigureSentences, singleCode } from './figure-sentences.source.js';
import {
  MAX_NAMED_UNITS, MERGE_SIMILARITY, condenseNarrative, extractNextTasks, mergePoints, mergeRaised, pointKey, shareAcrossUnits, similarity, splitPoints, statedFigures,
  unitsByType, withoutSaidFigures,
} from './summary-report.points.js';
import { type DxRow, type NarrativeRow, allSectors, approvedNarratives, directorOf, provinceRoot, recognisedBullets, sectorDx, targetsAt } from './summary-report.repository.js';

/** At most this many key figures per sector in part I; the appendix lists all. */
export const MAX_KEY_FIGURES = 8;
/**
 * Rows of a sector's key-figure table by the period's type: a quarter's report is short, its figures said once (the
 * table leaves out what the sector's sentences said, and is left out when nothing else is left); a year's keeps MAX_KEY_FIGURES.
 */
export const KEY_FIGURES_BY_TYPE: Record<string, number> = { Quarterly: 4, SixMonthly: 6, NineMonthly: 6, Yearly: MAX_KEY_FIGURES };
export const GENERAL_SECTOR = 'Công tác chung';
const SUMMARY_TYPES = ['Quarterly', 'SixMonthly', 'NineMonthly', 'Yearly'];
const TYPE_RANK: Record<string, number> = { Monthly: 0, Quarterly: 1, SixMonthly: 2, NineMonthly: 3, Yearly: 4 };

/** The requested summary period, or a Vietnamese 400. */
export function summaryPeriod(id: string): Period {
  const p = parsePeriod(String(id ?? '').trim());
  if (!p || !SUMMARY_TYPES.includes(p.type)) {
    throw badRequest(`Kỳ báo cáo "${String(id ?? '').slice(0, 20)}" không hợp lệ: dùng năm (2023), quý (2023Q1), 6 tháng (2023S1) hoặc 9 tháng (2023N1).`);
  }
  return p;
}

/** 'Sở Khoa học và Công nghệ' → 'SKHCN'. */
export function issuerShort(name: string): string {
  return name.split(/\s+/).filter((w) => w && !/^(và|&)$/iu.test(w))
    .map((w) => w[0]!.toLocaleUpperCase('vi').normalize('NFD')[0]).join('').replace(/Đ/g, 'D');
}

type Text = 'results' | 'difficulties' | 'proposals';

/** For each unit, the rows of the coarsest period type that carry the text (see the module comment); the conference's
 * discussion list is pre-filled from the same rows. */
export function chosen(rows: NarrativeRow[], field: Text): NarrativeRow[] {
  const byUnit = new Map<number, NarrativeRow[]>();
  for (const r of rows) {
    if (!r[field].trim()) continue;
    byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
  }
  const out: NarrativeRow[] = [];
  for (const list of byUnit.values()) {
    const top = Math.max(...list.map((r) => TYPE_RANK[r.period_type] ?? 0));
    out.push(...list.filter((r) => (TYPE_RANK[r.period_type] ?? 0) === top));
  }
  return out;
}

export async function assembleSummaryReport(db: Db, opts: { period: string; today: string }): Promise<SummaryReportInput> {
  const period = summaryPeriod(opts.period);
  const prev = previousPeriod(period);
  const lastYear = samePeriodLastYear(period);
  const root = await provinceRoot(db);
  if (!root) throw unprocessable('Chưa có đơn vị cấp tỉnh (cấp 1) nên chưa lập được báo cáo tổng kết.');
  const [atEnd, now, sectors, dxRows, targets, rows] = await Promise.all([
    orgIdentity(db, period.end), orgIdentity(db, opts.today), allSectors(db), sectorDx(db),
    targetsAt(db, root.id, period.year), approvedNarratives(db, period.start, period.end),
  ]);
  const sectorName = (id: number | null) => sectors.find((s) => s.id === id)?.name ?? GENERAL_SECTOR;
  const sectorOrder = [...sectors.map((s) => s.name), GENERAL_SECTOR];

  // I. narratives per sector, one block per unit
  const narratives = new Map<string, NarrativeBlock[]>();
  const markedTasks: { text: string; unit: string }[] = [];
  // Condensed (second edition): one paragraph per unit — its texts' distinct sentences, a repeat across quarters once,
  // a finer period's figures left out (a quarter's counts are not the year's); a unit with nothing else is left out.
  const byUnit = new Map<number, { r: NarrativeRow; texts: { text: string; figures: boolean }[] }>();
  for (const r of chosen(rows, 'results')) {
    const { results: text, tasks } = extractNextTasks(r.results);
    for (const t of tasks) markedTasks.push({ text: t, unit: r.unit_name });
    const u = byUnit.get(r.unit_id) ?? { r, texts: [] };
    u.texts.push({ text, figures: r.period_type === period.type });
    byUnit.set(r.unit_id, u);
  }
  const condensed = new Map<string, { name: string; type: string | null; paragraph: string }[]>();
  for (const { r, texts } of byUnit.values()) {
    const paragraph = condenseNarrative(texts);
    if (!paragraph) continue;
    const sector = sectorName(r.sector_id);
    condensed.set(sector, [...(condensed.get(sector) ?? []), { name: r.unit_name, type: r.unit_type ?? null, paragraph }]);
  }
  // what several units of a sector say alike is said once, the units counted by type (a block without a unit's name,
  // after what units say of their own)
  for (const [sector, list] of condensed) {
    const { shared, units } = shareAcrossUnits(list);
    narratives.set(sector, [
      ...units.map((u) => ({ unitName: u.name, paragraphs: [u.paragraph] })),
      ...(shared.length ? [{ unitName: '', paragraphs: [shared.join(' ')] }] : []),
    ]);
  }

  // Figures from the analytics engine, per sector
  const figures = new Map<string, KeyFigure[]>();
  const appendix: AppendixTable[] = [];
  const columns = prev.id === lastYear.id
    ? [periodLabel(period, 'vi'), periodLabel(prev, 'vi')]
    : [periodLabel(period, 'vi'), periodLabel(prev, 'vi'), periodLabel(lastYear, 'vi')];
  // figures in prose: each sector opens with a few sentences from these same figures (figure-sentences.ts)
  const sentences = new Map<string, string[]>();
  const marked = new Map<string, string[]>();
  const wording = await sentenceCatalog(db);
  // a ceiling (less is better: incidents) is not achieved in percent: 17 of at most 27 is within the plan, not '63,0%'
  const ceiling = new Set(wording.filter((c) => c.better === 'lower').map((c) => `${c.kind}:${c.code}`));
  for (const sector of sectors) {
    const dx = dxRows.filter((d) => d.sector_id === sector.id);
    if (!dx.length) continue;
    const values = await figuresOf(db, dx, root.code, [period, prev, lastYear], opts.today);
    const get = (d: DxRow, p: Period) => values.get(`${d.code}|${p.id}`) ?? null;
    // said with their figures marked as fields (the edited draft refreshes them); the plain sentences for the document
    const said = await sectorFigureSentences(wording, { period, previous: prev, lastYear, dx, values, targets },
      (codes) => figuresOf(db, codes.map((code) => ({ code }) as DxRow), root.code, [period, prev, lastYear], opts.today), 4, true);
    marked.set(sector.name, said);
    sentences.set(sector.name, said.map(unmark));
    const rows = KEY_FIGURES_BY_TYPE[period.type] ?? MAX_KEY_FIGURES;
    const withFigures = dx.filter((d) => get(d, period) !== null);
    // a short report's table does not say again what the sector's sentences said (figures said once)
    const inProse = rows < MAX_KEY_FIGURES ? saidCodes(said, wording) : new Set<string>();
    const key: KeyFigure[] = [];
    for (const d of withFigures) {
      const current = get(d, period)!;
      if (inProse.has(d.code) || key.length >= rows) continue;
      const target = targets.get(`${d.kind}:${d.id}`) ?? null;
      const nums = [current, get(d, prev), get(d, lastYear), target];
      key.push({
        name: d.name, uom: d.uom, current, previous: nums[1]!, lastYear: nums[2]!, target,
        achievedPct: target && !ceiling.has(`${d.kind}:${d.code}`) ? (current / target) * 100 : null,
        decimals: d.kind === 'ind' ? (d.decimals ?? 1) : nums.every((n) => n === null || Number.isInteger(n)) ? 0 : 2,
      });
    }
    if (key.length) figures.set(sector.name, key);
    const elements = dx.filter((d) => d.kind === 'de');
    if (elements.some((d) => [period, prev, lastYear].some((p) => get(d, p) !== null))) {
      appendix.push({
        title: sector.name,
        columns: ['STT', 'Chỉ tiêu', 'Đơn vị tính', ...columns],
        rows: elements.map((d, i) => [i + 1, d.name, d.uom ?? '', get(d, period), get(d, prev), ...(columns.length === 3 ? [get(d, lastYear)] : [])]),
      });
    }
  }

  // figures said once: a unit's clause whose figures the sectors' sentences have said is left out of its paragraph
  const inProse = new Set([...sentences.values()].flat().flatMap(statedFigures));
  for (const [sector, blocks] of narratives) {
    const left = blocks.map((b) => ({ ...b, paragraphs: b.paragraphs.map((p) => withoutSaidFigures(p, inProse)).filter(Boolean) })).filter((b) => b.paragraphs.length);
    if (left.length) narratives.set(sector, left);
    else narratives.delete(sector);
  }

  const sectorResults: SectorResults[] = sectorOrder
    .filter((name) => narratives.has(name) || figures.has(name) || sentences.get(name)?.length)
    .map((name) => ({ name, narrative: narratives.get(name) ?? [], figures: figures.get(name) ?? [], sentences: sentences.get(name) ?? [], markedSentences: marked.get(name) ?? [] }));

  const recognised = new Map((await recognisedBullets(db, rows.map((r) => r.submission_id)))
    .map((b) => [`${b.submission_id}|${b.section}|${b.item_index}`, b.times_raised] as const));
  const difficulties = points(chosen(rows, 'difficulties'), 'difficulties', sectorName, sectorOrder, recognised);
  const proposals = points(chosen(rows, 'proposals'), 'proposals', sectorName, sectorOrder, recognised);
  const unitList = unitListTable([{ title: 'Tồn tại, hạn chế', points: difficulties }, { title: 'Đề xuất, kiến nghị', points: proposals }]);
  if (unitList) appendix.push(unitList);
  const [nextTaskGroups, previousRecommendations] = await Promise.all([
    registerTasks(db, nextTasksPeriod(period), sectorOrder, period.end), previousFromRegister(db, prev, opts.today, period.type === 'Yearly' ? NOTABLE_RECOMMENDATIONS : NOTABLE_IN_SHORT_REPORT),
  ]);
  const nextTasks = markedTasks.length
    ? mergePoints(markedTasks).map((p) => p.text)
    : proposals.flatMap((s) => s.points.slice(0, 2).map((p) => proposalTask(s.sector, p.text, p.units.length))).slice(0, 12);

  const director = await directorOf(db, atEnd.department.id);
  const deputy = director?.title ? /phó/iu.test(director.title) : false;
  return {
    parentBody: upperVi(now.province.parentBody || atEnd.province.parentBody),
    issuer: upperVi(atEnd.department.name),
    issuerShort: issuerShort(atEnd.department.name),
    number: null,
    place: now.province.place || now.province.name.replace(/^(?:tỉnh|thành phố)\s+/iu, ''),
    date: opts.today,
    periodKind: periodWording(period.id).kind,
    period: period.id,
    subject: subjectLine(period.id),
    sectors: sectorResults,
    difficulties,
    nextTasks,
    nextTaskGroups,
    previousRecommendations,
    proposals,
    appendix,
    signer: { title: deputy ? 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC' : 'GIÁM ĐỐC', name: director?.full_name ?? '' },
    recipients: [
      `Ủy ban nhân dân ${now.province.name ? lowerFirst(now.province.name) : 'tỉnh'} (để báo cáo)`,
      'Giám đốc, các Phó Giám đốc Sở',
      'Các phòng, đơn vị thuộc Sở',
    ],
  };
}

/** The codes a sector's marked sentences say: their fields' codes, and a ratio's numerator and denominator elements. */
export function saidCodes(marked: readonly string[], catalog: readonly SentenceCatalogRow[]): Set<string> {
  const out = new Set([...markedFields(marked).keys()].map((k) => k.slice(0, k.lastIndexOf('.'))));
  for (const c of catalog) {
    if (c.kind !== 'ind' || !out.has(c.code)) continue;
    for (const part of [singleCode(c.numerator), singleCode(c.denominator)]) if (part) out.add(part);
  }
  return out;
}

/** Figures for dx × {root} × periods from the analytics engine, keyed 'CODE|period'. */
async function figuresOf(db: Db, dx: DxRow[], rootCode: string, periods: Period[], today: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const pe = [...new Set(periods.map((p) => p.id))];
  for (let i = 0; i < dx.length; i += 200) {
    const r = await runAnalytics(db, {
      dx: dx.slice(i, i + 200).map((d) => d.code), ou: [{ kind: 'unit', code: rootCode }], pe, includeUnapproved: false,
    }, { today, scopeUnitId: null });
    for (const row of r.rows) out.set(`${row.dx}|${row.pe}`, row.value);
  }
  return out;
}

type Raising = { text: string; unit: string; unitType: string | null; key: string };

/**
 * Difficulties or proposals merged per sector (mergeRaised). A point more than MAX_NAMED_UNITS units raised names them
 * by type with counts; a point the follow-up register recognises (one of its raisings is a source of a recommendation
 * raised in two or more periods) carries that count. `recognised` maps 'submission|section|index' to times_raised.
 */
export function points(rows: NarrativeRow[], field: 'difficulties' | 'proposals', sectorName: (id: number | null) => string, order: string[],
  recognised: ReadonlyMap<string, number> = new Map()): SectorPoints[] {
  const bySector = new Map<string, Raising[]>();
  for (const r of rows) {
    const s = sectorName(r.sector_id);
    const list = bySector.get(s) ?? [];
    splitPoints(r[field]).forEach((text, i) => list.push({ text, unit: r.unit_name, unitType: r.unit_type ?? null, key: `${r.submission_id}|${field}|${i}` }));
    bySector.set(s, list);
  }
  return order.filter((s) => bySector.get(s)?.length).map((sector) => ({
    sector,
    points: mergeRaised(bySector.get(sector)!).map((g) => {
      const types = new Map(g.raised.map((x) => [x.unit, x.unitType]));
      const times = Math.max(0, ...g.raised.map((x) => recognised.get(x.key) ?? 0));
      return {
        text: g.text, units: g.units,
        ...(g.units.length > MAX_NAMED_UNITS ? { unitsByType: unitsByType(g.units.map((u) => types.get(u) ?? null)) } : {}),
        ...(times >= 2 ? { timesRaised: times } : {}),
      };
    }),
  }));
}

/** The appendix table naming every unit of the points that name them by type (sections II and IV). */
export function unitListTable(groups: readonly { title: string; points: readonly SectorPoints[] }[]): AppendixTable | null {
  const rows: (string | number)[][] = [];
  for (const g of groups) {
    for (const s of g.points) {
      for (const p of s.points) if (p.unitsByType) rows.push([rows.length + 1, `${g.title} — ${s.sector}: ${p.text.replace(/[.;:…]+$/u, '')}`, p.units.join(', ')]);
    }
  }
  return rows.length ? { title: 'Danh sách đơn vị nêu tồn tại, hạn chế và đề xuất, kiến nghị', columns: ['STT', 'Nội dung', 'Các đơn vị nêu'], rows } : null;
}

const lowerFirst = (s: string) => (s ? s[0]!.toLocaleLowerCase('vi') + s.slice(1) : s);

/** 'Đề nghị Sở mở lớp tập huấn…' raised by 3 units → 'Thông tin cơ sở: tham mưu giải quyết kiến nghị về việc mở lớp tập huấn… (3 đơn vị đề nghị).' */
export function proposalTask(sector: string, text: string, units: number): string {
  const matter = text.trim().replace(/[.;:]+$/u, '')
    .replace(/^(?:đề nghị|kiến nghị|đề xuất)\s+(?:(?:Sở|UBND tỉnh|Ủy ban nhân dân tỉnh|tỉnh|Bộ)\s+)?/iu, '');
  return `${sector}: tham mưu giải quyết kiến nghị về việc ${lowerFirst(matter)} (${units} đơn vị đề nghị).`;
}

// ── Parts from the follow-up register (second edition) ─────────────────────────────────────────────────────────

/** The period part III plans: the next one; after nine months, the fourth quarter. */
export function nextTasksPeriod(p: Period): string {
  return p.type === 'NineMonthly' ? `${p.year}Q4` : nextPeriod(p).id;
}

/**
 * Whether a key task belongs to the plan of its period as a report written after `reportEnd` states it: every task but
 * one closed (dropped) by then. A task closed later — at the end of its own period, partly done — was part of the plan
 * (the demo's one task of 2025Q4 was closed in January 2026; the 2025Q3 report still plans it).
 */
export const plannedTask = (k: { state: string; closed_on: string | null }, reportEnd: string) =>
  k.state !== 'closed' || (k.closed_on !== null && k.closed_on > reportEnd);

/** A key task that only endorses the report's own tasks ('Thống nhất các nhiệm vụ … như dự thảo báo cáo') states none itself. */
export const ENDORSES_REPORT = /như (?:dự thảo )?báo cáo\b/iu;

/** The key tasks' periods part III reads: the next period, and for a part of a year its year's (the annual plan's tasks still open). */
export function taskPeriods(next: string): string[] {
  const year = next.slice(0, 4);
  return next === year ? [next] : [next, year];
}

/**
 * The register's key tasks of the next period (from the directive, the conclusion, the office) and, for a part of a
 * year, the year's tasks still open, by sector in report order; those without one last. A task that only endorses the
 * report's own tasks is left out when the register holds any other (the conference that reviews a report concludes so).
 */
async function registerTasks(db: Db, period: string, order: string[], reportEnd: string): Promise<{ sector: string; tasks: string[] }[]> {
  const all = (await Promise.all(taskPeriods(period).map((p) => keyTasksRepo.list(db, { period: p })))).flat()
    .filter((k) => plannedTask(k, reportEnd)).sort((a, b) => (a.period === period ? 0 : 1) - (b.period === period ? 0 : 1) || a.id - b.id);
  const own = all.filter((k) => !ENDORSES_REPORT.test(k.text));
  const rows = own.length ? own : all;
  const bySector = new Map<string, string[]>();
  for (const k of rows) {
    const sector = k.sector_name ?? GENERAL_TASKS;
    const text = k.text.trim().replace(/[.;,]+$/u, '');
    const list = bySector.get(sector) ?? [];
    if (!list.some((t) => similarity(pointKey(t), pointKey(text)) >= MERGE_SIMILARITY)) list.push(text);
    bySector.set(sector, list);
  }
  const rank = (s: string) => (s === GENERAL_TASKS ? -1 : order.indexOf(s) < 0 ? order.length : order.indexOf(s));
  return [...bySector].sort((a, b) => rank(a[0]) - rank(b[0])).map(([sector, tasks]) => ({ sector, tasks }));
}

/** Notable recommendations of the previous period named in the report: overdue ones first, then the most raised. */
export const NOTABLE_RECOMMENDATIONS = 6;
/** A quarter's (or six or nine months') short report names fewer. */
export const NOTABLE_IN_SHORT_REPORT = 3;

/**
 * The previous period's recommendations (a year: every period within the previous year) in the grid on the report's
 * date, as the register's results report counts them; the notable ones with their owner division. null when it holds none.
 */
async function previousFromRegister(db: Db, prev: Period, today: string, notable = NOTABLE_RECOMMENDATIONS): Promise<PreviousRecommendations | null> {
  const scope = { kind: 'all' as const };
  const filter = { periods: periodsWithin(prev.id) };
  const s = await summaryFor(db, scope, filter, today, notable);
  if (s.counts.total === 0) return null; // a register not in use for that period: no section rather than a row of zeros
  const overdue = (await summaryRepo.ids(db, scope, { ...filter, timeliness: ['open_overdue'] }, today, 'r.deadline ASC, r.id', notable)).map((r) => r.id);
  const ids = [...new Set([...overdue, ...s.topRecurring.filter((x) => x.row.times_raised >= 2).map((x) => x.row.id)])].slice(0, notable);
  const rows = new Map((ids.length ? await recommendationsRepo.byIds(db, ids, today) : []).map((r) => [r.id, r]));
  return {
    periodText: periodWording(prev.id).current,
    total: s.counts.total,
    doneOnTime: s.counts.done_on_time,
    doneLate: s.counts.done_late,
    openWithinDeadline: s.counts.open_within_deadline,
    openOverdue: s.counts.open_overdue,
    notable: ids.filter((id) => rows.has(id)).map((id) => {
      const r = rows.get(id)!;
      const again = r.times_raised >= 2 ? `, đã nêu qua ${r.times_raised} kỳ` : '';
      return { text: r.text, owner: r.owner_name, status: `${lowerFirst(TIMELINESS_LABELS[r.timeliness].vi)}${again}` };
    }),
  };
}
