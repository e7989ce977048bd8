/**
 * The rule engine, table-driven: one table per criterion kind (params × facts → passed, evidence), the way
 * alternatives and flags combine, and which rows apply in which legal period. Property tests hold the
 * consecutive-year chains. No database: catalogs and facts are written here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainEndingAt, hasChain, missingYears, window } from './chain.js';
import { evaluate, ruleBook, versionOn } from './engine.js';
import { monthsBetween, paramsProblem } from './evaluators.js';
import type { AwardType, AwardVersion, Catalog, Criterion, Facts, InitiativeFact, LegalBasis } from './types.js';

// ── a small catalog written by hand ──

const LAW: LegalBasis = {
  id: 1, code: 'LUAT', kind: 'law', number: '06/2022/QH15', shortName: 'Luật Thi đua, khen thưởng', title: 'Luật Thi đua, khen thưởng', issuer: 'Quốc hội',
  issuedOn: '2022-06-15', validFrom: '2024-01-01', validTo: null, note: null,
};
const D98: LegalBasis = { ...LAW, id: 2, code: 'ND98', kind: 'decree', number: '98/2023/NĐ-CP', shortName: 'Nghị định', validTo: '2025-06-30' };
const D152: LegalBasis = { ...LAW, id: 3, code: 'ND152', kind: 'decree', number: '152/2025/NĐ-CP', shortName: 'Nghị định', validFrom: '2025-07-01' };

let nextId = 100;
const crit = (c: Partial<Criterion> & Pick<Criterion, 'kind' | 'params'>): Criterion => ({
  id: nextId++, versionId: 0, code: c.code ?? `c${nextId}`, appliesTo: 'any', label: c.label ?? `rule ${c.kind}`, altGroup: null, altOption: null, severity: 'block',
  basisId: 1, article: 'Điều 1', quote: null, source: 'law', validFrom: '1900-01-01', validTo: null, sort: nextId, note: null, confirmedAt: null, ...c,
});
const version = (code: string, from: string, to: string | null, criteria: Criterion[], extra: Partial<AwardVersion> = {}): AwardVersion => ({
  id: nextId++, awardCode: code, name: code, validFrom: from, validTo: to, basisId: 1, article: null, vote: null, quorum: null,
  reward: { individual: 1, collective: null, max: false, basisId: 3, article: null, source: 'law' }, note: null, confirmedAt: null,
  criteria: criteria.map((c) => ({ ...c, validFrom: c.validFrom < from ? from : c.validFrom, validTo: c.validTo ?? to })), ...extra,
});
const type = (code: string, name: string, versions: AwardVersion[], subject: AwardType['subject'] = 'individual'): AwardType => ({
  code, name, category: 'title', subject, recurrences: ['annual'], sort: 0, active: true, versions,
});
const catalogOf = (...types: AwardType[]): Catalog => ({ types, bases: [LAW, D98, D152], authorities: [], salaries: [] });

const person = (f: Partial<Facts> = {}): Facts => ({
  subject: { kind: 'person', personId: 1, gender: 'male', unitId: 10, unitType: 'commune' }, awards: [], pending: [], ratings: new Map(), initiatives: [],
  serviceStart: '2010-01-01', members: [], registration: null, clusterRanks: [], unitCounts: new Map(), ...f,
});
const unit = (f: Partial<Facts> = {}): Facts => ({ ...person(f), subject: { kind: 'unit', unitId: 10, unitType: 'commune' }, ...f });
const rec = (code: string, year: number, via?: string) => ({ code, year, decisionNumber: `${year}/QĐ`, recordId: year, via: via ?? null });
const init = (id: number, year: number, scope: InitiativeFact['scope'], used: Partial<InitiativeFact> = {}): InitiativeFact => ({
  id, title: `SK${id}`, year, scope, usedByNominationId: null, usedByRecordId: null, usedFor: null, ...used,
});

/** Evaluates one criterion alone (the only row of a title) for the facts, year 2025. */
function one(c: Partial<Criterion> & Pick<Criterion, 'kind' | 'params'>, facts: Facts, q: { year?: number; claims?: Record<string, string>; nominationId?: number } = {}) {
  const names = [type('LDTT', 'Lao động tiên tiến', [version('LDTT', '2024-01-01', null, [])]), type('CSTD_CS', 'Chiến sĩ thi đua cơ sở', [version('CSTD_CS', '2024-01-01', null, [])])];
  const t = type('X', 'Danh hiệu X', [version('X', '2024-01-01', null, [crit(c)])], facts.subject.kind === 'unit' ? 'collective' : 'individual');
  const year = q.year ?? 2025;
  const r = evaluate(ruleBook(catalogOf(t, ...names)), facts, { awardCode: 'X', year, date: `${year}-12-31`, claims: q.claims, nominationId: q.nominationId });
  return r.checks[0];
}

// ───────────── one table per kind ─────────────

describe('performance_rating', () => {
  const TABLE: [string, Record<string, unknown>, [number, string][], boolean, string][] = [
    ['good enough', { min: 'tot' }, [[2025, 'tot']], true, 'Năm 2025: hoàn thành tốt nhiệm vụ.'],
    ['better than asked', { min: 'tot' }, [[2025, 'xuat_sac']], true, 'Năm 2025: hoàn thành xuất sắc nhiệm vụ.'],
    ['below', { min: 'xuat_sac' }, [[2025, 'tot']], false, 'Năm 2025: hoàn thành tốt nhiệm vụ (cần hoàn thành xuất sắc nhiệm vụ trở lên).'],
    ['missing', { min: 'tot' }, [[2024, 'tot']], false, 'Năm 2025: chưa có xếp loại (cần hoàn thành tốt nhiệm vụ trở lên).'],
    ['two years in a row', { min: 'xuat_sac', years: 2 }, [[2024, 'xuat_sac'], [2025, 'xuat_sac']], true, 'Năm 2024: hoàn thành xuất sắc nhiệm vụ; năm 2025: hoàn thành xuất sắc nhiệm vụ.'],
    ['a gap in two years', { min: 'xuat_sac', years: 2 }, [[2023, 'xuat_sac'], [2025, 'xuat_sac']], false,
      'Năm 2024: chưa có xếp loại; năm 2025: hoàn thành xuất sắc nhiệm vụ (cần hoàn thành xuất sắc nhiệm vụ trở lên 2 năm liên tục).'],
  ];
  it.each(TABLE)('%s', (_n, params, ratings, passed, evidence) => {
    const c = one({ kind: 'performance_rating', params }, person({ ratings: new Map(ratings as [number, never][]) }));
    expect(c).toMatchObject({ passed, evidence });
  });
});

describe('prerequisite_title', () => {
  const P = { codes: ['CSTD_CS'], years: 3 };
  const TABLE: [string, Record<string, unknown>, Partial<Facts>, boolean, boolean, string][] = [
    ['three in a row ending this year', P, { awards: [rec('CSTD_CS', 2023), rec('CSTD_CS', 2024), rec('CSTD_CS', 2025)] }, true, false,
      'Năm 2023: Chiến sĩ thi đua cơ sở (QĐ số 2023/QĐ); năm 2024: Chiến sĩ thi đua cơ sở (QĐ số 2024/QĐ); năm 2025: Chiến sĩ thi đua cơ sở (QĐ số 2025/QĐ).'],
    ['the same year’s title proposed in the same round counts, conditionally', P,
      { awards: [rec('CSTD_CS', 2023), rec('CSTD_CS', 2024)], pending: [{ code: 'CSTD_CS', year: 2025, nominationId: 9, status: 'accepted' }] }, true, true,
      'Năm 2023: Chiến sĩ thi đua cơ sở (QĐ số 2023/QĐ); năm 2024: Chiến sĩ thi đua cơ sở (QĐ số 2024/QĐ); năm 2025: đang đề nghị Chiến sĩ thi đua cơ sở cùng đợt (chưa có quyết định).'],
    ['a broken chain', P, { awards: [rec('CSTD_CS', 2022), rec('CSTD_CS', 2023), rec('CSTD_CS', 2025)] }, false, false,
      'Năm 2023: Chiến sĩ thi đua cơ sở (QĐ số 2023/QĐ); năm 2024: không có; năm 2025: Chiến sĩ thi đua cơ sở (QĐ số 2025/QĐ). Thiếu năm 2024: cần "Chiến sĩ thi đua cơ sở" 3 năm liên tục đến năm 2025.'],
    ['a chain ending the year before', P, { awards: [rec('CSTD_CS', 2022), rec('CSTD_CS', 2023), rec('CSTD_CS', 2024)] }, false, false,
      'Năm 2023: Chiến sĩ thi đua cơ sở (QĐ số 2023/QĐ); năm 2024: Chiến sĩ thi đua cơ sở (QĐ số 2024/QĐ); năm 2025: không có. Thiếu năm 2025: cần "Chiến sĩ thi đua cơ sở" 3 năm liên tục đến năm 2025.'],
    ['a year counted by its rating (orRating)', { codes: ['TTLDXS'], years: 2, orRating: 'xuat_sac' },
      { awards: [rec('TTLDXS', 2024, 'Xã cũ')], ratings: new Map([[2025, 'xuat_sac']]) }, true, false,
      'Năm 2024: TTLDXS (QĐ số 2024/QĐ, của Xã cũ); năm 2025: hoàn thành xuất sắc nhiệm vụ.'],
  ];
  it.each(TABLE)('%s', (_n, params, facts, passed, conditional, evidence) => {
    expect(one({ kind: 'prerequisite_title', params }, person(facts))).toMatchObject({ passed, conditional, evidence });
  });

  it('does not count the nomination being evaluated as its own prerequisite', () => {
    const f = person({ awards: [rec('CSTD_CS', 2023), rec('CSTD_CS', 2024)], pending: [{ code: 'CSTD_CS', year: 2025, nominationId: 9, status: 'proposed' }] });
    expect(one({ kind: 'prerequisite_title', params: P }, f, { nominationId: 9 }).passed).toBe(false);
  });
});

describe('initiative', () => {
  const P = { minScope: 'tinh', window: 3, count: 1 };
  const TABLE: [string, Record<string, unknown>, InitiativeFact[], boolean, number[], string][] = [
    ['a provincial one in the window', P, [init(1, 2024, 'tinh')], true, [1], 'Sáng kiến "SK1" (cấp tỉnh, công nhận năm 2024).'],
    ['wider scope counts; the narrowest is taken first', P, [init(1, 2023, 'toan_quoc'), init(2, 2025, 'tinh')], true, [2], 'Sáng kiến "SK2" (cấp tỉnh, công nhận năm 2025).'],
    ['too narrow', P, [init(1, 2024, 'co_so')], false, [], 'Cần 1 sáng kiến cấp tỉnh trở lên công nhận trong các năm 2023–2025, chưa dùng để khen thưởng.'],
    ['outside the window', P, [init(1, 2022, 'tinh')], false, [], 'Cần 1 sáng kiến cấp tỉnh trở lên công nhận trong các năm 2023–2025, chưa dùng để khen thưởng.'],
    ['already used for another award', P, [init(1, 2024, 'tinh', { usedByRecordId: 5, usedFor: 'Bằng khen của Chủ tịch UBND tỉnh năm 2024' })], false, [],
      'Cần 1 sáng kiến cấp tỉnh trở lên công nhận trong các năm 2023–2025, chưa dùng để khen thưởng. "SK1" (cấp tỉnh, công nhận năm 2024) đã dùng cho Bằng khen của Chủ tịch UBND tỉnh năm 2024.'],
    ['two asked, one found', { minScope: 'co_so', window: 2, count: 2 }, [init(1, 2025, 'co_so')], false, [],
      'Cần 2 sáng kiến cấp cơ sở trở lên công nhận trong các năm 2024–2025, chưa dùng để khen thưởng. Có 1: "SK1" (cấp cơ sở, công nhận năm 2025).'],
  ];
  it.each(TABLE)('%s', (_n, params, initiatives, passed, ids, evidence) => {
    const c = one({ kind: 'initiative', params }, person({ initiatives }));
    expect(c).toMatchObject({ passed, evidence });
    expect(c.initiativeIds).toEqual(ids);
  });

  it('an initiative held by the nomination evaluated stays usable for it', () => {
    const c = one({ kind: 'initiative', params: P }, person({ initiatives: [init(1, 2024, 'tinh', { usedByNominationId: 7 })] }), { nominationId: 7 });
    expect(c.passed).toBe(true);
  });
});

describe('member_ratio', () => {
  const member = (id: number, ratings: [number, string][], awards: string[] = [], pending: string[] = []) => ({
    personId: id, fullName: `CB${id}`, ratings: new Map(ratings as [number, never][]), awards: awards.map((c) => rec(c, 2025)),
    pending: pending.map((c) => ({ code: c, year: 2025, nominationId: 100 + id, status: 'proposed' })),
  });
  const ten = (ldtt: number, pendingLdtt = 0) =>
    Array.from({ length: 10 }, (_, i) => member(i, [[2025, i < 9 ? 'tot' : 'hoan_thanh']], i < ldtt ? ['LDTT'] : [], i >= ldtt && i < ldtt + pendingLdtt ? ['LDTT'] : []));
  const TABLE: [string, Record<string, unknown>, ReturnType<typeof member>[], boolean, boolean, string][] = [
    ['70% hold the title', { code: 'LDTT', ratio: 0.7 }, ten(7), true, false, '7/10 cán bộ (70%) đạt "Lao động tiên tiến" năm 2025; cần từ 70%.'],
    ['69% do not', { code: 'LDTT', ratio: 0.7 }, ten(6), false, false, '6/10 cán bộ (60%) đạt "Lao động tiên tiến" năm 2025; cần từ 70%.'],
    ['reached with the same round’s proposals', { code: 'LDTT', ratio: 0.7 }, ten(5, 3), true, true,
      '5/10 cán bộ (50%) đạt "Lao động tiên tiến" năm 2025, thêm 3 người đang được đề nghị cùng đợt (chưa có quyết định); cần từ 70%.'],
    ['every member completes their tasks', { minRating: 'hoan_thanh', ratio: 1 }, ten(0), true, false, '10/10 cán bộ (100%) hoàn thành nhiệm vụ năm 2025; cần từ 100%.'],
    ['at least one CSTĐ cơ sở', { code: 'CSTD_CS', atLeast: 1 }, [member(1, [], ['CSTD_CS']), member(2, [])], true, false,
      '1/2 cán bộ (50%) đạt "Chiến sĩ thi đua cơ sở" năm 2025; cần ít nhất 1.'],
    ['no members on file', { code: 'LDTT', ratio: 0.7 }, [], false, false, 'Tập thể chưa có danh sách cán bộ trong năm 2025.'],
  ];
  it.each(TABLE)('%s', (_n, params, members, passed, conditional, evidence) => {
    expect(one({ kind: 'member_ratio', params }, unit({ members }))).toMatchObject({ passed, conditional, evidence });
  });
});

describe('service_years', () => {
  const TABLE: [string, Record<string, unknown>, string | null, 'male' | 'female' | null, boolean, string][] = [
    ['20 years for a man', { male: 20, female: 15 }, '2006-01-01', 'male', true, 'Công tác từ 01/01/2006: 20 năm tính đến 31/12/2025; cần từ 20 năm.'],
    ['a day short', { male: 20, female: 15 }, '2006-01-02', 'male', false, 'Công tác từ 02/01/2006: 19 năm 11 tháng tính đến 31/12/2025; cần từ 20 năm.'],
    ['15 years for a woman', { male: 20, female: 15 }, '2010-06-01', 'female', true, 'Công tác từ 01/06/2010: 15 năm 7 tháng tính đến 31/12/2025; cần từ 15 năm.'],
    ['a man at 15 years', { male: 20, female: 15 }, '2010-06-01', 'male', false, 'Công tác từ 01/06/2010: 15 năm 7 tháng tính đến 31/12/2025; cần từ 20 năm.'],
    ['gender unknown takes the men’s figure', { male: 20, female: 15 }, '2010-06-01', null, false,
      'Công tác từ 01/06/2010: 15 năm 7 tháng tính đến 31/12/2025; cần từ 20 năm. Chưa ghi giới tính: áp dụng mức của nam.'],
    ['six months for the newly recruited', { months: 6 }, '2025-07-01', 'male', true, 'Công tác từ 01/07/2025: 6 tháng tính đến 31/12/2025; cần từ 6 tháng.'],
    ['under six months', { months: 6 }, '2025-08-15', 'female', false, 'Công tác từ 15/08/2025: 4 tháng tính đến 31/12/2025; cần từ 6 tháng.'],
    ['no history of service', { years: 20 }, null, 'male', false, 'Chưa có quá trình công tác để tính thời gian.'],
  ];
  it.each(TABLE)('%s', (_n, params, start, gender, passed, evidence) => {
    const f = person({ serviceStart: start, subject: { kind: 'person', personId: 1, gender, unitId: 1, unitType: 'commune' } });
    expect(one({ kind: 'service_years', params }, f)).toMatchObject({ passed, evidence });
  });

  it('counts whole months, the last day included', () => {
    expect(monthsBetween('2025-07-01', '2025-12-31')).toBe(6);
    expect(monthsBetween('2025-07-02', '2025-12-31')).toBe(5);
    expect(monthsBetween('2005-01-01', '2025-12-31')).toBe(252);
    expect(monthsBetween('2024-02-29', '2025-02-27')).toBe(11);
    expect(monthsBetween('2024-02-29', '2025-02-28')).toBe(12);
  });
});

describe('the other kinds', () => {
  it('provincial_cap: this nomination included, within ratio × holders', () => {
    const c = { kind: 'provincial_cap' as const, params: { ofCode: 'LDTT', ratio: 0.15 } };
    expect(one(c, person({ unitCounts: new Map([['LDTT', 20], ['X', 2]]) }))).toMatchObject({
      passed: true, evidence: 'Đơn vị có 20 "Lao động tiên tiến" năm 2025, được tối đa 3 "Danh hiệu X" (15%); tính cả đề nghị này là 3.',
    });
    expect(one(c, person({ unitCounts: new Map([['LDTT', 20], ['X', 3]]) })).passed).toBe(false);
  });

  it('registration: registered that year, with the targets named', () => {
    expect(one({ kind: 'registration', params: {} }, person({ registration: { year: 2025, targets: ['LDTT', 'CSTD_CS'] } }))).toMatchObject({
      passed: true, evidence: 'Đã đăng ký thi đua năm 2025: Lao động tiên tiến, Chiến sĩ thi đua cơ sở.',
    });
    expect(one({ kind: 'registration', params: {} }, person())).toMatchObject({ passed: false, evidence: 'Chưa đăng ký thi đua năm 2025.' });
  });

  it('cluster_rank: the best rank among published rankings', () => {
    const f = unit({ clusterRanks: [{ clusterId: 1, clusterName: 'khối thi đua Đài truyền thanh', rank: 2, members: 6 }] });
    expect(one({ kind: 'cluster_rank', params: { maxRank: 1 } }, f)).toMatchObject({ passed: false, evidence: 'Xếp thứ 2/6 trong khối thi đua Đài truyền thanh năm 2025; cần xếp thứ nhất.' });
    expect(one({ kind: 'cluster_rank', params: { maxRank: 2 } }, f).passed).toBe(true);
    expect(one({ kind: 'cluster_rank', params: { maxRank: 1 } }, unit()).evidence).toBe('Chưa có bảng xếp hạng cụm, khối thi đua năm 2025 đã công bố có đơn vị này.');
  });

  it('not_awarded: that year, or ever', () => {
    expect(one({ kind: 'not_awarded', params: { within: 'year' } }, person({ awards: [rec('X', 2024)] })).passed).toBe(true);
    expect(one({ kind: 'not_awarded', params: { within: 'year' } }, person({ awards: [rec('X', 2025)] }))).toMatchObject({
      passed: false, evidence: 'Đã được tặng "Danh hiệu X" năm 2025 (QĐ số 2025/QĐ).',
    });
    expect(one({ kind: 'not_awarded', params: { within: 'ever' } }, person({ awards: [rec('X', 2019)] })).passed).toBe(false);
  });

  it('manual: assumed, or stated in the nomination', () => {
    expect(one({ kind: 'manual', params: { mode: 'assume' } }, person())).toMatchObject({ passed: true, evidence: 'Đơn vị đề nghị xác nhận; Hội đồng thi đua – khen thưởng xem xét.' });
    expect(one({ kind: 'manual', params: { mode: 'claim' }, code: 'dot_xuat' }, person())).toMatchObject({ passed: false, evidence: 'Chưa nêu thành tích này trong đề nghị.' });
    expect(one({ kind: 'manual', params: { mode: 'claim' }, code: 'dot_xuat' }, person(), { claims: { dot_xuat: 'Cứu hộ sau lũ' } })).toMatchObject({ passed: true, evidence: 'Đơn vị nêu: Cứu hộ sau lũ' });
  });

  it('meets_standard: another title’s criteria, without its registration and "not yet awarded" rows', () => {
    const ldtt = version('LDTT', '2024-01-01', null, [
      crit({ kind: 'performance_rating', params: { min: 'tot' }, label: 'Hoàn thành tốt nhiệm vụ trở lên' }),
      crit({ kind: 'not_awarded', params: { within: 'year' } }),
      crit({ kind: 'registration', params: {} }),
    ]);
    const x = version('X', '2024-01-01', null, [crit({ kind: 'meets_standard', params: { code: 'LDTT' } })]);
    const book = ruleBook(catalogOf(type('LDTT', 'Lao động tiên tiến', [ldtt]), type('X', 'X', [x])));
    const ok = evaluate(book, person({ ratings: new Map([[2025, 'tot']]), awards: [rec('LDTT', 2025)] }), { awardCode: 'X', year: 2025, date: '2025-12-31' });
    expect(ok.checks[0]).toMatchObject({ passed: true, evidence: 'Đạt các tiêu chuẩn của "Lao động tiên tiến".' });
    const no = evaluate(book, person(), { awardCode: 'X', year: 2025, date: '2025-12-31' });
    expect(no.checks[0].evidence).toBe('Chưa đạt tiêu chuẩn của "Lao động tiên tiến": Hoàn thành tốt nhiệm vụ trở lên (Năm 2025: chưa có xếp loại (cần hoàn thành tốt nhiệm vụ trở lên).).');
  });

  it('a bad parameter fails the check with a message for the admin, and paramsProblem finds it first', () => {
    expect(one({ kind: 'performance_rating', params: { min: 'gioi' } }, person())).toMatchObject({
      passed: false, evidence: 'Tiêu chí khai báo sai (tham số "min" phải là một trong xuat_sac, tot, hoan_thanh, khong_hoan_thanh); quản trị cần sửa dòng quy định này.',
    });
    const PROBLEMS: [Criterion['kind'], Record<string, unknown>, string | null][] = [
      ['performance_rating', { min: 'tot' }, null], ['performance_rating', {}, 'tham số "min" phải là một trong xuat_sac, tot, hoan_thanh, khong_hoan_thanh'],
      ['prerequisite_title', { codes: [], years: 3 }, 'tham số "codes" phải là danh sách mã danh hiệu'], ['initiative', { minScope: 'huyen' }, 'tham số "minScope" phải là một trong co_so, tinh, toan_quoc'],
      ['member_ratio', { code: 'LDTT' }, 'cần tham số "ratio" hoặc "atLeast"'], ['member_ratio', { code: 'LDTT', ratio: 1.5 }, 'tham số "ratio" phải là tỷ lệ lớn hơn 0 và không quá 1'],
      ['service_years', { male: 20 }, 'tham số "female" phải là số nguyên từ 0 đến 100'], ['provincial_cap', { ofCode: 'LDTT', ratio: 0.15 }, null],
      ['not_awarded', { within: 'month' }, 'tham số "within" phải là year hoặc ever'], ['manual', { mode: 'maybe' }, 'tham số "mode" phải là assume hoặc claim'],
      ['registration', {}, null], ['cluster_rank', { maxRank: 1 }, null], ['meets_standard', { code: 'LDTT' }, null],
    ];
    for (const [kind, params, problem] of PROBLEMS) expect(paramsProblem(kind, params), `${kind} ${JSON.stringify(params)}`).toBe(problem);
  });
});

// ───────────── how rows combine ─────────────

describe('alternatives, flags and subjects', () => {
  const rows = [
    crit({ code: 'req', kind: 'performance_rating', params: { min: 'tot' } }),
    crit({ code: 'a', kind: 'performance_rating', params: { min: 'xuat_sac' }, altGroup: 'g', altOption: 'a' }),
    crit({ code: 'b', kind: 'initiative', params: { minScope: 'co_so', window: 1, count: 1 }, altGroup: 'g', altOption: 'b' }),
    crit({ code: 'flag', kind: 'registration', params: {}, severity: 'flag' }),
    crit({ code: 'coll', kind: 'manual', params: { mode: 'claim' }, appliesTo: 'collective' }),
  ];
  const book = ruleBook(catalogOf(type('T', 'T', [version('T', '2024-01-01', null, rows)], 'both')));
  const run = (f: Facts) => evaluate(book, f, { awardCode: 'T', year: 2025, date: '2025-12-31' });

  it('one option of a group is enough; the first that passes is chosen and only its initiatives are spent', () => {
    const both = run(person({ ratings: new Map([[2025, 'xuat_sac']]), initiatives: [init(1, 2025, 'co_so')] }));
    expect(both.eligible).toBe(true);
    expect(both.initiativeIds).toEqual([]);
    expect(both.checks.find((c) => c.code === 'b')!.initiativeIds).toEqual([]);
    const byInitiative = run(person({ ratings: new Map([[2025, 'tot']]), initiatives: [init(1, 2025, 'co_so')] }));
    expect(byInitiative).toMatchObject({ eligible: true, initiativeIds: [1] });
    const neither = run(person({ ratings: new Map([[2025, 'tot']]) }));
    expect(neither.eligible).toBe(false);
  });

  it('a failed flag is shown and does not block', () => {
    const r = run(person({ ratings: new Map([[2025, 'xuat_sac']]) }));
    expect(r.eligible).toBe(true);
    expect(r.checks.find((c) => c.code === 'flag')).toMatchObject({ passed: false, severity: 'flag' });
  });

  it('rows for collectives do not apply to a person, and the other way round', () => {
    expect(run(person({ ratings: new Map([[2025, 'xuat_sac']]) })).checks.map((c) => c.code)).toEqual(['req', 'a', 'b', 'flag']);
    expect(run(unit({ ratings: new Map([[2025, 'xuat_sac']]) })).checks.map((c) => c.code)).toEqual(['req', 'a', 'b', 'flag', 'coll']);
  });

  it('a title for individuals is refused for a collective', () => {
    const book1 = ruleBook(catalogOf(type('P', 'Danh hiệu cá nhân', [version('P', '2024-01-01', null, [])])));
    const r = evaluate(book1, unit(), { awardCode: 'P', year: 2025, date: '2025-12-31' });
    expect(r).toMatchObject({ eligible: false, checks: [{ kind: 'rule_in_force', rule: '"Danh hiệu cá nhân" xét tặng cho cá nhân', evidence: 'Đối tượng được đề nghị là tập thể.' }] });
  });

  it('two initiative rows never count the same initiative twice', () => {
    const two = [
      crit({ code: 'i1', kind: 'initiative', params: { minScope: 'co_so', window: 1, count: 1 } }),
      crit({ code: 'i2', kind: 'initiative', params: { minScope: 'co_so', window: 1, count: 1 } }),
    ];
    const b = ruleBook(catalogOf(type('T2', 'T2', [version('T2', '2024-01-01', null, two)])));
    expect(evaluate(b, person({ initiatives: [init(1, 2025, 'co_so')] }), { awardCode: 'T2', year: 2025, date: '2025-12-31' }).eligible).toBe(false);
    expect(evaluate(b, person({ initiatives: [init(1, 2025, 'co_so'), init(2, 2025, 'co_so')] }), { awardCode: 'T2', year: 2025, date: '2025-12-31' }).initiativeIds).toEqual([1, 2]);
  });
});

// ───────────── legal periods ─────────────

describe('which rows apply: the decision date, or the year’s end', () => {
  // A title whose rule changed on 01/07/2025, and a provincial row added from 01/01/2026 within the second period.
  const p1 = version('C', '2024-01-01', '2025-06-30', [crit({ code: 'old', kind: 'performance_rating', params: { min: 'tot' }, basisId: 2, article: 'Điều 30' })]);
  const p2 = version('C', '2025-07-01', null, [
    crit({ code: 'new', kind: 'performance_rating', params: { min: 'xuat_sac' }, basisId: 3, article: 'Điều 50' }),
    crit({ code: 'tinh', kind: 'manual', params: { mode: 'assume' }, validFrom: '2026-01-01', source: 'setting', basisId: null, article: null }),
  ]);
  const book = ruleBook(catalogOf(type('C', 'C', [p1, p2])));
  const TABLE: [string, number, string, string[], string[]][] = [
    ['year 2024 → 31/12/2024 → Decree 98', 2024, '2024-12-31', ['old'], ['Điều 30 Nghị định 98/2023/NĐ-CP']],
    ['year 2025 decided 15/06/2025 → Decree 98', 2025, '2025-06-15', ['old'], ['Điều 30 Nghị định 98/2023/NĐ-CP']],
    ['year 2025 decided 30/06/2025, the last day → Decree 98', 2025, '2025-06-30', ['old'], ['Điều 30 Nghị định 98/2023/NĐ-CP']],
    ['year 2025 decided 01/07/2025 → Decree 152', 2025, '2025-07-01', ['new'], ['Điều 50 Nghị định 152/2025/NĐ-CP']],
    ['year 2025 → 31/12/2025 → Decree 152', 2025, '2025-12-31', ['new'], ['Điều 50 Nghị định 152/2025/NĐ-CP']],
    ['year 2026 → the provincial row too, cited as a setting', 2026, '2026-12-31', ['new', 'tinh'],
      ['Điều 50 Nghị định 152/2025/NĐ-CP', 'Thiết lập của Sở (chưa xác nhận căn cứ pháp lý)']],
  ];
  it.each(TABLE)('%s', (_n, year, date, codes, bases) => {
    const r = evaluate(book, person({ ratings: new Map([[year, 'tot']]) }), { awardCode: 'C', year, date });
    expect(r.checks.map((c) => c.code)).toEqual(codes);
    expect(r.checks.map((c) => c.basis)).toEqual(bases);
    expect(r.versionId).toBe(date <= '2025-06-30' ? p1.id : p2.id);
  });

  it('before the Law took effect there is no rule, and the answer says so', () => {
    const r = evaluate(book, person(), { awardCode: 'C', year: 2023, date: '2023-12-31' });
    expect(r).toMatchObject({ eligible: false, versionId: null, checks: [{ evidence: 'Không có quy định nào về "C" có hiệu lực vào ngày 31/12/2023.' }] });
  });

  it('versionOn takes the version whose dates hold the day', () => {
    const t = type('C', 'C', [p1, p2]);
    expect(versionOn(t, '2023-12-31')).toBeNull();
    expect(versionOn(t, '2024-01-01')!.id).toBe(p1.id);
    expect(versionOn(t, '2025-07-01')!.id).toBe(p2.id);
  });
});

// ───────────── consecutive-year chains ─────────────

describe('chains (property tests)', () => {
  const years = fc.uniqueArray(fc.integer({ min: 2000, max: 2030 }), { maxLength: 20 });
  const endYear = fc.integer({ min: 2000, max: 2030 });
  const n = fc.integer({ min: 1, max: 6 });

  it('a chain of n ending at Y holds exactly when every year of Y−n+1 … Y is held', () => {
    fc.assert(fc.property(years, endYear, n, (ys, y, k) => {
      const held = new Set(ys);
      expect(hasChain(held, y, k)).toBe(window(y, k).every((x) => held.has(x)));
      expect(missingYears(held, y, k).length === 0).toBe(hasChain(held, y, k));
    }));
  });

  it('years after Y, or before the window, never change the answer', () => {
    fc.assert(fc.property(years, endYear, n, fc.integer({ min: 1, max: 10 }), (ys, y, k, d) => {
      const held = new Set(ys);
      const more = new Set([...ys, y + d, y - k - d + 1 - 1]);
      expect(hasChain(more, y, k)).toBe(hasChain(held, y, k) || (k >= 1 && window(y, k).every((x) => more.has(x))));
      expect(hasChain(new Set([...held, y + d]), y, k)).toBe(hasChain(held, y, k));
    }));
  });

  it('removing any year of a full chain breaks it, and the engine says which year', () => {
    fc.assert(fc.property(endYear, n, fc.integer({ min: 0, max: 5 }), (y, k, drop) => {
      const chain = window(y, k);
      const gone = chain[drop % k];
      const held = new Set(chain.filter((x) => x !== gone));
      expect(hasChain(held, y, k)).toBe(false);
      expect(missingYears(held, y, k)).toEqual([gone]);
      const t = type('T', 'T', [version('T', '2000-01-01', null, [crit({ kind: 'prerequisite_title', params: { codes: ['CSTD_CS'], years: k } })])]);
      const r = evaluate(ruleBook(catalogOf(t, type('CSTD_CS', 'Chiến sĩ thi đua cơ sở', []))), person({ awards: [...held].map((x) => rec('CSTD_CS', x)) }), {
        awardCode: 'T', year: y, date: `${y}-12-31`,
      });
      expect(r.eligible).toBe(false);
      expect(r.checks[0].evidence).toContain(`Thiếu năm ${gone}:`);
    }));
  });

  it('chainEndingAt counts back from Y until the first gap', () => {
    fc.assert(fc.property(years, endYear, (ys, y) => {
      const held = new Set(ys);
      const c = chainEndingAt(held, y);
      for (let i = 0; i < c; i++) expect(held.has(y - i)).toBe(true);
      expect(held.has(y - c)).toBe(false);
    }));
  });
});
