/**
 * Looking back (tra cứu): a person's page and a collective's page.
 *
 * - A person: who they are, their whole award history, ratings, initiatives (and what used each), nominations, and
 *   the titles they could be proposed for next year ("đủ điều kiện đề nghị năm sau"): the rule engine run on their
 *   facts for next year, assuming what only next year can tell — a rating of "hoàn thành xuất sắc nhiệm vụ", the
 *   same-year titles proposed in the same round, the achievements stated in the nomination — and naming those
 *   assumptions; a title that fails on facts already known (a chain broken, no initiative left) is shown with why.
 * - A collective: its history including its predecessors' (units that merged keep their collective history through
 *   the lineage links), its ratings and its nominations.
 *
 * Who sees what follows maySeeAwardData (the office and the directorate everyone; a unit its own; 404 otherwise).
 * The register itself (search without diacritics, .xlsx export) is GET /api/awards/records and its export.
 */
import { type Actor, type EligibilityCheck, maySeeAwardData, NOMINATION_STATUS_LABELS, RATING_LABELS, type Rating } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { positionWithUnit } from '../conferences/documents.data.js';
import { awardsRepo } from './awards.repository.js';
import { loadCatalog } from './catalog.service.js';
import { decisionRepo } from './decision.repository.js';
import { dossierRepo } from './dossier.repository.js';
import { factsRepo } from './facts.repository.js';
import { evaluate, ruleBook, versionOn, yearEnd } from './rules/engine.js';
import type { Catalog, Facts } from './rules/types.js';


export type NextTitle = {
  code: string;
  name: string;
  /** Possible next year if the assumptions hold. */
  possible: boolean;
  /** What must still happen next year for it: 'Hoàn thành xuất sắc nhiệm vụ năm 2027', 'Đạt "Chiến sĩ thi đua cơ sở" năm 2027'. */
  assumptions: string[];
  /** Why not, from facts already known (failed criteria with their evidence). */
  missing: string[];
  basis: string;
};

/** The rating assumed for next year. */
const BEST: Rating = 'xuat_sac';

/**
 * The titles a person could be proposed for in `year` (pure, on loaded facts): the facts of `year` that cannot be
 * known yet are assumed — the best rating, every same-year individual title proposed in the same round, the
 * statements a nomination makes — and each possible title lists the assumptions its passing checks used.
 */
export function nextTitles(catalog: Catalog, facts: Facts, year: number): NextTitle[] {
  const book = ruleBook(catalog);
  const date = yearEnd(year);
  const individual = catalog.types.filter((t) => t.active && t.subject !== 'collective' && versionOn(t, date));
  const projected: Facts = {
    ...facts,
    ratings: new Map(facts.ratings),
    pending: [
      ...facts.pending,
      ...individual
        .filter((t) => t.category === 'title' && !facts.awards.some((a) => a.code === t.code && a.year === year) && !facts.pending.some((p) => p.code === t.code && p.year === year))
        .map((t, i) => ({ code: t.code, year, nominationId: -1 - i, status: 'proposed' })),
    ],
    registration: facts.registration ?? { year, targets: [] },
  };
  const assumedRating = !facts.ratings.has(year);
  if (assumedRating) projected.ratings.set(year, BEST);
  const out: NextTitle[] = [];
  for (const t of individual) {
    const v = versionOn(t, date)!;
    const claims = Object.fromEntries(v.criteria.filter((c) => c.kind === 'manual' && c.params.mode === 'claim').map((c) => [c.code, 'nêu trong đề nghị']));
    const e = evaluate(book, projected, { awardCode: t.code, year, date, nominationId: null, claims });
    // What a passing check takes for granted about `year`.
    const assumed = (c: EligibilityCheck): string[] => {
      if (!c.passed) return [];
      if ((c.kind === 'performance_rating' || c.kind === 'meets_standard') && assumedRating) return [`${RATING_LABELS[BEST].vi} năm ${year}`];
      if (c.kind === 'prerequisite_title' && c.conditional) {
        const m = /đang đề nghị (.+?) cùng đợt/u.exec(c.evidence);
        return [`Đạt "${m?.[1] ?? c.rule}" năm ${year}`];
      }
      if (c.kind === 'manual' && c.evidence.includes('nêu trong đề nghị')) return [`Nêu được: ${c.rule.charAt(0).toLowerCase()}${c.rule.slice(1)}`];
      if (c.kind === 'member_ratio' && c.conditional) return [c.rule];
      return [];
    };
    const blocking = e.checks.filter((c) => c.severity === 'block');
    const assumptions = new Set<string>(blocking.filter((c) => !c.group).flatMap(assumed));
    // A group of alternatives holds when one of its options passes whole; its other options' failures are not missing,
    // and only the option that takes the least for granted is named (a rating alone, rather than a rating and a statement).
    const optionOk = (g: string, o: string | null) => blocking.filter((x) => x.group === g && x.option === o).every((x) => x.passed);
    const groupOk = (g: string) => blocking.some((x) => x.group === g && optionOk(g, x.option));
    for (const g of new Set(blocking.flatMap((c) => (c.group ? [c.group] : [])))) {
      const options = [...new Set(blocking.filter((x) => x.group === g).map((x) => x.option))].filter((o) => optionOk(g, o));
      const needs = options.map((o) => [...new Set(blocking.filter((x) => x.group === g && x.option === o).flatMap(assumed))]);
      const best = needs.reduce<string[] | null>((m, n) => (m === null || n.length < m.length ? n : m), null) ?? [];
      for (const a of best) assumptions.add(a);
    }
    const missing = e.eligible ? [] : blocking.filter((c) => !c.passed && !(c.group && groupOk(c.group))).map((c) => `${c.rule}: ${c.evidence}`);
    out.push({ code: t.code, name: v.name, possible: e.eligible, assumptions: e.eligible ? [...assumptions] : [], missing, basis: v.article ?? '' });
  }
  return out;
}

export async function personPage(db: Db, actor: Actor, personId: number, today: string, nextYear?: number) {
  const p = await awardsRepo.personWithHome(db, personId, today);
  if (!p || !maySeeAwardData(actor, p.unit?.id ?? null)) throw notFound('Không tìm thấy cán bộ.');
  // The next award year to be considered is the year in progress (its achievements go to next January's round); a year
  // further on could not know this year's rating and title, which its chains need.
  const year = nextYear ?? Number(today.slice(0, 4));
  const catalog = await loadCatalog(db);
  const subjects = await decisionRepo.subjectsOn(db, [personId], [], today);
  const s = subjects.people.get(personId)!;
  const [history, ratings, initiatives, nominations, facts] = await Promise.all([
    dossierRepo.history(db, { personId }), dossierRepo.ratings(db, { personId }, 1945, 2200), dossierRepo.initiatives(db, personId),
    awardsRepo.listNominations(db, { personId, visibleUnitIds: null, decidedOnly: false }, today),
    factsRepo.people(db, [personId], { year, date: yearEnd(year) }),
  ]);
  const next = nextTitles(catalog, facts.get(personId)!, year);
  const possible = next.filter((n) => n.possible);
  return {
    person: {
      id: p.id, fullName: p.fullName, gender: p.gender, birthDate: s.birthDate, position: s.position, unit: p.unit ? { id: p.unit.id, code: p.unit.code, name: p.unit.name } : null,
      title: positionWithUnit(s.position, s.unit?.name ?? null), serviceStart: s.serviceStart,
    },
    history: history.map((h) => ({ ...h, via: null })),
    ratings: ratings.map((r) => ({ year: r.year, rating: r.rating, label: RATING_LABELS[r.rating].vi })),
    initiatives: initiatives.map((i) => ({ id: i.id, title: i.title, year: i.year, scope: i.scope, recognisedBy: i.recognised_by, decisionNumber: i.decision_number, usedFor: i.used_for })),
    nominations: nominations.map((n) => ({
      id: n.id, awardCode: n.awardCode, awardName: catalog.types.find((t) => t.code === n.awardCode)?.name ?? n.awardCode, year: n.year, status: n.status,
      statusLabel: NOMINATION_STATUS_LABELS[n.status].vi, eligible: n.eligible,
    })),
    next: {
      year,
      titles: next,
      summary: possible.length
        ? `Đủ điều kiện đề nghị năm ${year}: ${[...possible].reverse().map((n) => `${n.name}${n.assumptions.length ? ` (nếu ${n.assumptions.map((a) => a.charAt(0).toLowerCase() + a.slice(1)).join('; ')})` : ''}`).join(', ')}.`
        : `Chưa đủ điều kiện đề nghị danh hiệu, hình thức nào năm ${year} theo dữ liệu hiện có.`,
    },
  };
}

export async function unitPage(db: Db, actor: Actor, code: string, today: string) {
  const u = await awardsRepo.unitByCode(db, code.trim());
  if (!u || !maySeeAwardData(actor, u.id)) throw notFound(`Không tìm thấy đơn vị mã "${code.trim()}".`);
  const catalog = await loadCatalog(db);
  const [history, ratings, predecessors, nominations] = await Promise.all([
    dossierRepo.history(db, { unitId: u.id }), dossierRepo.ratings(db, { unitId: u.id }, 1945, 2200), dossierRepo.predecessors(db, u.id),
    awardsRepo.listNominations(db, { unitId: u.id, visibleUnitIds: null, decidedOnly: false }, today),
  ]);
  return {
    unit: { id: u.id, code: u.code, name: u.name, type: u.type, validFrom: u.validFrom, validTo: u.validTo },
    predecessors,
    history,
    ratings: ratings.map((r) => ({ year: r.year, rating: r.rating, label: RATING_LABELS[r.rating].vi })),
    nominations: nominations.map((n) => ({
      id: n.id, awardCode: n.awardCode, awardName: catalog.types.find((t) => t.code === n.awardCode)?.name ?? n.awardCode, year: n.year, status: n.status,
      statusLabel: NOMINATION_STATUS_LABELS[n.status].vi, eligible: n.eligible,
    })),
  };
}
