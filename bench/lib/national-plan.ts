/**
 * The shape of the analytics benchmark's data set, decided in memory before anything is written: the org
 * tree before and after the 2025 reorganisation (with lineage), the 150 data elements, the forms and the
 * quarters. Deterministic: the same scale always gives the same plan.
 *
 * National scale: "Toàn quốc" (level 1) → 63 provinces (level 2) → 700 districts (level 3) → ~10,500
 * communes (level 4), all closed on 30/06/2025; from 01/07/2025, 34 provinces (level 2), each formed by
 * merging 1–3 of the old ones (11 kept alone, 17 pairs, 6 triples, as in 2025), → ~3,200 communes (level
 * 3), each formed by merging 3–5 old communes of the same new province. Province scale: the same root, one
 * province of 10 districts × 15 communes, and its successor with ~46 communes.
 */
import { type AggregationType, parsePeriod } from '@nhip/contracts';

export type Scale = 'province' | 'national';

export type UnitPlan = {
  code: string;
  name: string;
  type: 'other' | 'province' | 'district' | 'commune';
  parent: string | null;
  level: number;
  validFrom: string;
  validTo: string | null;
};

export type TreePlan = {
  /** In insertion order: root, old provinces, districts, old communes, new provinces, new communes. */
  groups: UnitPlan[][];
  lineage: { unit: string; predecessor: string }[];
  /** The old province whose districts the yardstick query asks for (the one with the most districts). */
  yardstickProvince: string;
  counts: { oldProvinces: number; districts: number; oldCommunes: number; newProvinces: number; newCommunes: number };
};

export type ElementPlan = {
  code: string;
  name: string;
  aggregation: AggregationType;
  valueType: 'INTEGER' | 'NUMBER';
  sector: 'TN_BCVT' | 'TN_CDS';
};

export type FormPlan = {
  code: string;
  name: string;
  /** Element codes in form order. */
  elements: string[];
  /** SQL condition over org_units `u` choosing the units the form is assigned to. */
  assignedTo: string;
  /** Whether the generator fills one approved round per quarter (false: rounds are made by the benchmark). */
  history: boolean;
};

export const ROOT_CODE = 'VN';
export const OLD_VALID_TO = '2025-06-30';
export const NEW_VALID_FROM = '2025-07-01';
const OLD_VALID_FROM = '2000-01-01';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Districts of old province p (national: 18 for province 1, 7–15 for the others, 700 in all). */
const districtsOf = (scale: Scale, p: number) => (scale === 'province' ? 10 : p === 1 ? 18 : 7 + ((p * 5) % 9));
/** Communes of district d of province p (national: 10–20, ~15 on average). */
const communesOf = (scale: Scale, p: number, d: number) => (scale === 'province' ? 15 : 10 + ((p * 31 + d * 17) % 11));
/** How many old provinces each new one merges: 6 triples, 11 kept alone, 17 pairs → 63. */
const mergeSizes = (scale: Scale) =>
  scale === 'province' ? [1] : Array.from({ length: 34 }, (_, g) => (g % 6 === 0 ? 3 : g % 3 === 1 ? 1 : 2));
/** Old communes per new commune, repeated: 3, 3, 3, 4 (the last group of a province takes the remainder). */
const COMMUNE_MERGE = [3, 3, 3, 4];

export function planTree(scale: Scale): TreePlan {
  const old = (u: Omit<UnitPlan, 'validFrom' | 'validTo'>): UnitPlan => ({ ...u, validFrom: OLD_VALID_FROM, validTo: OLD_VALID_TO });
  const root: UnitPlan = {
    code: ROOT_CODE,
    name: 'Toàn quốc',
    type: 'other',
    parent: null,
    level: 1,
    validFrom: OLD_VALID_FROM,
    validTo: null,
  };
  const provinces: UnitPlan[] = [];
  const districts: UnitPlan[] = [];
  const communes: UnitPlan[] = [];
  const communesByProvince: string[][] = [];
  const sizes = mergeSizes(scale);
  const oldCount = sizes.reduce((a, b) => a + b, 0);
  for (let p = 1; p <= oldCount; p++) {
    const pc = `T${pad(p)}`;
    provinces.push(old({ code: pc, name: `Tỉnh thử nghiệm ${pad(p)}`, type: 'province', parent: ROOT_CODE, level: 2 }));
    const mine: string[] = [];
    for (let d = 1; d <= districtsOf(scale, p); d++) {
      const dc = `${pc}-H${pad(d)}`;
      districts.push(old({ code: dc, name: `Huyện thử nghiệm ${pad(p)}-${pad(d)}`, type: 'district', parent: pc, level: 3 }));
      for (let c = 1; c <= communesOf(scale, p, d); c++) {
        const cc = `${dc}-X${pad(c)}`;
        communes.push(old({ code: cc, name: `Xã thử nghiệm ${pad(p)}-${pad(d)}-${pad(c)}`, type: 'commune', parent: dc, level: 4 }));
        mine.push(cc);
      }
    }
    communesByProvince.push(mine);
  }

  const newProvinces: UnitPlan[] = [];
  const newCommunes: UnitPlan[] = [];
  const lineage: TreePlan['lineage'] = [];
  let nextOld = 0;
  let k = 0;
  sizes.forEach((size, g) => {
    const code = `TM${pad(g + 1)}`;
    newProvinces.push({
      code,
      name: `Tỉnh thử nghiệm mới ${pad(g + 1)}`,
      type: 'province',
      parent: ROOT_CODE,
      level: 2,
      validFrom: NEW_VALID_FROM,
      validTo: null,
    });
    const olds: string[] = [];
    for (let i = 0; i < size; i++, nextOld++) {
      lineage.push({ unit: code, predecessor: provinces[nextOld].code });
      olds.push(...communesByProvince[nextOld]);
    }
    let n = 0;
    for (let i = 0; i < olds.length; ) {
      let take = COMMUNE_MERGE[k++ % COMMUNE_MERGE.length];
      if (olds.length - i <= take + 1) take = olds.length - i;
      const cc = `${code}-X${pad(++n, 3)}`;
      newCommunes.push({
        code: cc,
        name: `Xã thử nghiệm mới ${pad(g + 1)}-${pad(n, 3)}`,
        type: 'commune',
        parent: code,
        level: 3,
        validFrom: NEW_VALID_FROM,
        validTo: null,
      });
      for (const pred of olds.slice(i, i + take)) lineage.push({ unit: cc, predecessor: pred });
      i += take;
    }
  });

  const most = provinces.reduce(
    (best, p) => {
      const n = districts.filter((d) => d.parent === p.code).length;
      return n > best.n ? { code: p.code, n } : best;
    },
    { code: provinces[0].code, n: -1 },
  );
  return {
    groups: [[root], provinces, districts, communes, newProvinces, newCommunes],
    lineage,
    yardstickProvince: most.code,
    counts: {
      oldProvinces: provinces.length,
      districts: districts.length,
      oldCommunes: communes.length,
      newProvinces: newProvinces.length,
      newCommunes: newCommunes.length,
    },
  };
}

/** Element i's aggregation type: 123 SUM, 15 LAST (stocks), 6 AVERAGE, 6 MAX. */
function aggregationOf(i: number): AggregationType {
  if (i % 10 === 3) return 'LAST';
  if (i % 25 === 7) return 'AVERAGE';
  if (i % 25 === 17) return 'MAX';
  return 'SUM';
}

const NOUNS: Record<AggregationType, string> = {
  SUM: 'Số lượt phát sinh trong kỳ',
  LAST: 'Số lượng hiện có cuối kỳ',
  AVERAGE: 'Mức bình quân',
  AVERAGE_SUM_ORG_UNIT: 'Bình quân theo thời gian',
  MIN: 'Giá trị nhỏ nhất',
  MAX: 'Giá trị lớn nhất',
  NONE: 'Giá trị',
};

export const ELEMENTS: ElementPlan[] = Array.from({ length: 150 }, (_, n) => {
  const i = n + 1;
  const aggregation = aggregationOf(i);
  return {
    code: `CT${pad(i, 3)}`,
    name: `${NOUNS[aggregation]} — chỉ tiêu thử nghiệm số ${i}`,
    aggregation,
    valueType: aggregation === 'AVERAGE' ? 'NUMBER' : 'INTEGER',
    sector: i <= 75 ? 'TN_BCVT' : 'TN_CDS',
  };
});

const codes = (from: number, to: number) => ELEMENTS.slice(from - 1, to).map((e) => e.code);

export const FORMS: FormPlan[] = [
  {
    code: 'BM_XA',
    name: 'Báo cáo quý của Ủy ban nhân dân cấp xã (thử nghiệm)',
    elements: codes(1, 45),
    assignedTo: `u.type = 'commune'`,
    history: true,
  },
  {
    code: 'BM_HUYEN',
    name: 'Báo cáo quý của Ủy ban nhân dân cấp huyện (thử nghiệm)',
    elements: codes(46, 105),
    assignedTo: `u.type = 'district'`,
    history: true,
  },
  {
    code: 'BM_TINH',
    name: 'Báo cáo quý của Ủy ban nhân dân cấp tỉnh (thử nghiệm)',
    elements: codes(106, 150),
    assignedTo: `u.type = 'province'`,
    history: true,
  },
  // 100 figures a report, for the approval measurements: assigned to the communes formed in 2025
  {
    code: 'BM_THU_DUYET',
    name: 'Báo cáo quý 100 chỉ tiêu của cấp xã (thử duyệt)',
    elements: codes(1, 100),
    assignedTo: `u.type = 'commune' AND u.valid_to IS NULL`,
    history: false,
  },
];

/** The 27 SUM elements of the commune form: the yardstick query's dx. */
export const YARDSTICK_ELEMENTS = ELEMENTS.slice(0, 45)
  .filter((e) => e.aggregation === 'SUM')
  .slice(0, 27)
  .map((e) => e.code);

export const INDICATORS = [
  {
    code: 'CS01',
    name: 'Tỷ lệ chỉ tiêu 2 so với chỉ tiêu 1 (%)',
    numerator: '#{CT002}',
    denominator: '#{CT001}',
    factor: 100,
    decimals: 1,
  },
  {
    code: 'CS02',
    name: 'Bình quân chỉ tiêu 4 trên một đơn vị chỉ tiêu 5',
    numerator: '#{CT004}',
    denominator: '#{CT005}',
    factor: 1,
    decimals: 2,
  },
  { code: 'CS03', name: 'Tổng chỉ tiêu 1 và chỉ tiêu 2', numerator: '#{CT001} + #{CT002}', denominator: '1', factor: 1, decimals: 0 },
  {
    code: 'CS04',
    name: 'Tỷ lệ chỉ tiêu 47 so với chỉ tiêu 46 (%)',
    numerator: '#{CT047}',
    denominator: '#{CT046}',
    factor: 100,
    decimals: 1,
  },
];

export type QuarterPlan = {
  id: string;
  start: string;
  end: string /** year × 4 + quarter: the period's part of the value hash. */;
  index: number;
};

export function quarter(id: string): QuarterPlan {
  const p = parsePeriod(id);
  if (p?.type !== 'Quarterly') throw new Error(`not a quarter: ${id}`);
  return { id: p.id, start: p.start, end: p.end, index: p.year * 4 + Number(id.slice(5)) };
}

/** 2016Q1 … 2026Q3: the quarters whose rounds are closed and approved. */
export const QUARTERS: QuarterPlan[] = (() => {
  const out: QuarterPlan[] = [];
  for (let y = 2016; y <= 2026; y++) for (let q = 1; q <= 4; q++) if (y < 2026 || q <= 3) out.push(quarter(`${y}Q${q}`));
  return out;
})();

/** The open quarter of the approval measurements. */
export const OPEN_QUARTER = quarter('2026Q4');

/** Ten complete years before the benchmark's "today" (20/11/2026): the yardstick query's pe. */
export const YARDSTICK_YEARS = Array.from({ length: 10 }, (_, i) => String(2016 + i));

/**
 * SQL for the figure of (element id, unit id, quarter index): 1–1000, a hash of the three — the same in
 * every run and on every database, so a re-generated set holds the same figures.
 */
export const valueSql = (de: string, ou: string, quarterIndex: string) =>
  `(1 + (((${de})::bigint * 73856093) # ((${ou})::bigint * 19349663) # ((${quarterIndex})::bigint * 83492791)) % 1000)`;
