/**
 * The value model: plausible figures per unit and period. Stocks move slowly, flows are seasonal, a few
 * are zero (5G before launch, incidents). Each figure depends only on (unit, element, period), so history
 * is the same whatever `today` is.
 *
 * Continuity across 01/07/2025: the figures of a district are computed from a latent, territorial model;
 * a post-reform commune reports the share-weighted sum of the districts it took over (NEW_COMMUNES), so
 * province totals run on without a jump while the reporting units change.
 */
import { evaluate, type Period } from '@nhip/contracts';
import { ELEMENTS, RULES } from './catalog.js';
import type { FormCode } from './forms.js';
import { DISTRICTS, ENTERPRISES, NEW_COMMUNES, type Org, type Unit } from './org.js';
import { rngFor } from './rng.js';

export type Values = Map<string, number>;
type Raw = Record<string, number>;

const EL = new Map(ELEMENTS.map((e) => [e.code, e]));
const DECIMALS: Record<string, number> = { CDS_DTI: 4, CNTT_UPTIME_MIN: 2, VT_DOANHTHU: 0, BC_DOANHTHU: 0, DN_NOPNS: 0, BCHI_DOANHTHU: 0, CNTT_KINHPHI: 0 };

/** Quarter index from 2022Q1 = 0, and quarter number 1..4. */
const qIndex = (p: Period) => ({ t: (p.year - 2022) * 4 + Math.floor((Number(p.start.slice(5, 7)) - 1) / 3), q: Math.floor((Number(p.start.slice(5, 7)) - 1) / 3) + 1 });
const ramp = (from: number, to: number, t: number, span: number) => from + (to - from) * Math.min(1, Math.max(0, t / span));

// ───────────── district / commune quarterly report ─────────────
function districtRaw(n: string, t: number, q: number): Raw {
  const d = DISTRICTS.find((x) => x.n === n);
  if (!d) throw new Error(`unknown district ${n}`);
  const V = d.villages;
  const s = V / 217;
  const city = d.city;
  const p = rngFor('district-params', n);
  const fibre0 = city ? 0.985 : p.between(0.8, 0.88);
  const fibreK = p.between(0.12, 0.16);
  const cover0 = city ? 1 : p.between(0.93, 0.98);
  const online0 = city ? 0.2 : p.between(0.12, 0.17);
  const online1 = city ? 0.8 : p.between(0.5, 0.68);
  const sohoa0 = p.between(0.22, 0.3);
  const smart0 = p.between(0.12, 0.28);
  const lag = p.int(0, 4);
  const r = (code: string) => rngFor('f1', n, code, t);
  const season = [0.86, 1, 1.03, 1.11][q - 1];
  const hs = (city ? 6200 : 2300 * s) * season * (1 + 0.015 * t) * r('hs').noise(0.06);
  const online = Math.min(0.9, ramp(online0, online1, t, 18) * r('on').noise(0.04));
  const vb = (city ? 3400 : 1500 * s) * [0.9, 1, 1, 1.15][q - 1] * r('vb').noise(0.08);
  const vbE = vb * Math.min(0.997, 0.88 + 0.008 * t);
  const bts = V * (city ? 1.15 : 0.64) * (1 + 0.0105 * t) * r('bts').noise(0.002);
  const tcn = V * Math.min(1, 0.35 + 0.16 * t);
  const attt = (city ? 5 : 3) + (t >= 10 ? 1 : 0);
  const may = (city ? 310 : 120 * s) * (1 + 0.008 * t);
  const dtt = Math.round(V / 16);
  const pop = 850_000 * (V / 1733) * (city ? 1.15 : 0.97);
  return {
    BC_DIEM_PV: city ? 34 + Math.floor(t / 6) : V / 11 + Math.floor(t / 8),
    BC_DIEM_VHX: (city ? 4 : V / 24) - (t >= 10 ? 1 : 0),
    BTS_VITRI: bts,
    BTS_DUNGCHUNG: bts * (0.21 + 0.0065 * t + r('btsd').between(-0.01, 0.01)),
    THON_TONG: V,
    THON_CAPQUANG: V * (1 - (1 - fibre0) * Math.exp(-fibreK * t)),
    THON_PHUSONG: V * (1 - (1 - cover0) * Math.exp(-0.22 * t)),
    VT_DAILY_INTERNET: Math.max(1, city ? 42 - 0.8 * t : 3 + V / 60 - 0.1 * t),
    VT_CAPPHEP_BTS: r('cp').int(0, city ? 5 : 3),
    VT_KIEMTRA: r('kt').int(0, 2),
    HS_TTHC_TONG: hs,
    HS_TTHC_TRUCTUYEN: hs * online,
    HS_TTHC_SOHOA: hs * ramp(sohoa0, 0.86, t, 16) * r('sh').noise(0.03),
    HS_THANHTOAN_TT: hs * online * Math.min(0.5, 0.12 + 0.02 * t),
    VB_DI_TONG: vb,
    VB_DIENTU: vbE,
    VB_KYSO: vbE * Math.min(0.995, 0.8 + 0.012 * t),
    CDS_TCN_SO: tcn,
    CDS_TCN_TV: tcn * (4.1 + p.between(0, 0.8)),
    CDS_TAPHUAN: (city ? 2200 : 900 * s) * r('tap').noise(0.3) * (q === 4 ? 1.3 : 1),
    CDS_TK_DINHDANH: pop * Math.min(0.72, 0.02 + 0.045 * t),
    CDS_HKD_KTTM: (city ? 2600 : 380 * s) * Math.min(1, 0.25 + 0.05 * t),
    CDS_WIFI: city ? 18 + 1.2 * t : 2 + 0.25 * t,
    CB_CNTT: city ? 3 : p.chance(0.5) ? 1 : 2,
    ATTT_HT_TONG: attt,
    ATTT_HT_PHEDUYET: Math.floor(attt * Math.min(1, Math.max(0, (t - lag) / 10))),
    ATTT_MAYTINH: may,
    ATTT_MAY_PCMD: may * Math.min(0.99, 0.55 + 0.035 * t),
    ATTT_SUCO: r('sc').chance(0.25) ? r('sc2').int(1, 2) : 0,
    DTT_SO: dtt,
    DTT_UDCNTT: dtt * Math.min(1, smart0 + 0.045 * t),
    DTT_CUMLOA: V * Math.min(0.98, 0.7 + 0.012 * t),
    TTCS_BANGTIN: V * 0.35 + t * 0.4,
    TTCS_TIN_TTDT: (city ? 240 : 110) * r('tin').noise(0.25),
    TTCS_PANO: (city ? 120 : 45) * [1.4, 1, 1.3, 0.9][q - 1] * r('pano').noise(0.3),
    TTCS_TAILIEU: (city ? 3000 : 1200 * s) * r('tl').noise(0.4),
    TTCS_HOINGHI: r('hn').int(2, city ? 12 : 8),
    TTCS_OTT: V * Math.min(1, 0.15 + 0.1 * t),
    XB_BANTIN: city ? r('bt').int(3, 6) : r('bt').int(0, 3),
    BCHI_PHATNGON: r('pn').int(0, 3),
    BCHI_TT_SAILECH: r('sl').int(0, 4),
    XB_KIEMTRA: r('xk').chance(0.3) ? 1 : 0,
  };
}

/** The districts a reporting unit of BC-VHTT-Q / BC-NAM stands for, with shares. */
function territory(unit: Unit): { d: string; share: number }[] {
  const m = /^VL-H(\d\d)-VHTT$/.exec(unit.code);
  if (m) return [{ d: m[1], share: 1 }];
  const c = NEW_COMMUNES.find((x) => `VL-X${x.n}` === unit.code);
  if (c) return c.from;
  throw new Error(`demo values: ${unit.code} has no territory`);
}

function mix(parts: { d: string; share: number }[], raw: (d: string) => Raw): Raw {
  const out: Raw = {};
  for (const { d, share } of parts) for (const [k, v] of Object.entries(raw(d))) out[k] = (out[k] ?? 0) + share * v;
  return out;
}

// ───────────── enterprises ─────────────
const TELECOM: Record<string, { mob: number; br: number; g2: number; g4: number; g5: number; g5start: number; km: number; rev: number; speed: number }> = {
  'VL-DN-VTL': { mob: 0.54, br: 0.46, g2: 430, g4: 640, g5: 28, g5start: 11, km: 5200, rev: 185_000, speed: 1 },
  'VL-DN-VNPT': { mob: 0.28, br: 0.49, g2: 310, g4: 420, g5: 15, g5start: 12, km: 6100, rev: 128_000, speed: 0.95 },
  'VL-DN-MBF': { mob: 0.18, br: 0.05, g2: 190, g4: 260, g5: 9, g5start: 13, km: 900, rev: 52_000, speed: 0.9 },
};

function enterpriseRaw(code: string, t: number, q: number): Raw {
  const r = (k: string) => rngFor('dn', code, k, t);
  const kind = ENTERPRISES.find((e) => e.code === code)?.kind;
  if (kind === 'telecom') {
    const c = TELECOM[code];
    const mob = 995_000 * (1 + 0.007 * t) * c.mob * r('mob').noise(0.004);
    const br = 158_000 * (1 + 0.021 * t) * c.br * r('br').noise(0.004);
    const g5 = t < c.g5start ? 0 : (t - c.g5start + 1) * c.g5 * r('g5').noise(0.1);
    const rev = c.rev * (1 + 0.009 * t) * [0.97, 1, 1, 1.05][q - 1] * r('rev').noise(0.03);
    return {
      DN_TRAM_2G: c.g2 * Math.max(0.08, 1 - 0.055 * t),
      DN_TRAM_4G: c.g4 * (1 + 0.025 * t),
      DN_TRAM_5G: g5,
      DN_CAPQUANG_KM: c.km * (1 + 0.012 * t),
      DN_TB_DD: mob,
      DN_TB_DD_MOI: mob * r('mobn').between(0.025, 0.045) * [1.2, 0.9, 0.95, 1][q - 1],
      DN_TB_BR: br,
      DN_TB_BR_MOI: br * r('brn').between(0.03, 0.055),
      DN_TOCDO_DD: (32 + 2.4 * t + g5 / 40) * c.speed * r('sp').noise(0.05),
      VT_MAT_LL_MAX: r('mll').between(1.5, 9) * (q === 3 ? 1.8 : 1),
      VT_SUCO: r('sc').int(0, q === 3 ? 4 : 2),
      VT_DOANHTHU: rev,
      DN_NOPNS: rev * 0.06,
    };
  }
  const bdt = code === 'VL-DN-BDT';
  const rev = (bdt ? 17_500 * (1 + 0.02 * t) : 11_800 * (1 + 0.03 * t)) * r('rev').noise(0.05);
  const out: Raw = {
    BC_SANLUONG: (bdt ? 128_000 * (1 + 0.015 * t) : 210_000 * (1 + 0.03 * t)) * (q === 4 ? 1.25 : 1) * r('sl').noise(0.06),
    BC_DOANHTHU: rev,
    DN_NOPNS: rev * 0.04,
  };
  if (bdt) out.BC_HCC = (1200 + 180 * t) * r('hcc').noise(0.1);
  return out;
}

// ───────────── press, radio, IT centre, yearly, province ─────────────
function pressRaw(code: string, h: number): Raw {
  const r = (k: string) => rngFor('press', code, k, h);
  if (code === 'VL-BAO')
    return { BCHI_TINBAI: 3900 * r('t').noise(0.08), BCHI_PHONGSU: 140 * r('p').noise(0.15), BCHI_TRUYCAP: 5_200_000 * (1 + 0.08 * h) * r('v').noise(0.1),
      BCHI_CHUYENMUC: 28 + h / 2, BCHI_THENB: 46 + (h % 3 === 0 ? 1 : 0), BCHI_NHANLUC: 78, BCHI_DOANHTHU: 4200 * r('d').noise(0.12) };
  return { BCHI_TINBAI: 5600 * r('t').noise(0.08), BCHI_PHONGSU: 420 * r('p').noise(0.15), BCHI_THOILUONG: 1650 * r('h').noise(0.05),
    BCHI_TRUYCAP: 3_100_000 * (1 + 0.12 * h) * r('v').noise(0.1), BCHI_CHUYENMUC: 35 + h / 3, BCHI_THENB: 62, BCHI_NHANLUC: 131, BCHI_DOANHTHU: 6800 * r('d').noise(0.12) };
}

function radioRaw(org: Org, unit: Unit, t: number): Raw {
  const r = (k: string) => rngFor('radio', unit.code, k, t);
  const p = rngFor('radio-params', unit.code);
  let clusters: number;
  let scale: number;
  if (unit.type === 'media_centre') {
    clusters = p.int(10, 25);
    scale = 3;
  } else if (unit.validFrom >= '2025-07-01') {
    const merged = org.lineage.filter((l) => l.unit === unit.code && l.kind === 'merge').length;
    clusters = merged * 15 + p.int(30, 55);
    scale = 2;
  } else {
    clusters = p.int(8, 22);
    scale = 1;
  }
  const broken = Math.max(0.04, 0.2 - 0.008 * t + r('b').between(-0.02, 0.02));
  const all = clusters * (1 + 0.01 * t);
  return {
    TT_CUMLOA_HD: all * (1 - broken),
    TT_CUMLOA_HONG: all * broken,
    TT_CUMLOA_TM: all * Math.min(1, p.between(0.05, 0.25) + 0.05 * t),
    TT_TIN_PHAT: (scale === 3 ? 380 : scale === 2 ? 220 : 95) * r('tin').noise(0.3),
    TT_CHUONGTRINH: (scale === 3 ? 60 : scale === 2 ? 36 : 18) * r('ct').noise(0.35),
    TT_THOILUONG: (scale === 3 ? 380 : scale === 2 ? 270 : 130) * r('tl').noise(0.2),
    TT_TIEPSONG: (scale === 3 ? 320 : scale === 2 ? 250 : 160) * r('ts').noise(0.2),
    TT_NHANLUC: scale === 3 ? p.int(4, 8) : scale === 2 ? p.int(2, 4) : p.int(1, 2),
    TT_NHANLUC_DT: r('dt').int(0, scale + 1),
  };
}

function itCentreRaw(t: number, q: number): Raw {
  const r = (k: string) => rngFor('ttcntt', k, t);
  const dvc = Math.min(1350, 820 + 35 * t);
  const attt = 18 + Math.floor(t / 4);
  return {
    CNTT_HT_VANHANH: 14 + Math.floor(t / 3),
    CNTT_UPTIME_MIN: r('up').between(97.2, 99.95),
    CNTT_TRUYCAP_CONG: 420_000 * (1 + 0.04 * t) * r('tc').noise(0.12),
    CKS_CAP: r('cks').int(150, 400),
    DVC_TOANTRINH: dvc,
    DVC_PHATSINH: dvc * Math.min(0.8, 0.28 + 0.025 * t),
    ATTT_HT_TONG: attt,
    ATTT_HT_PHEDUYET: Math.floor(attt * Math.min(1, 0.35 + 0.06 * t)),
    ATTT_CANHBAO: (1200 + 90 * t) * r('cb').noise(0.3),
    ATTT_MADOC: Math.max(4, 60 - 2.5 * t) * r('md').noise(0.4),
    ATTT_DIENTAP: q >= 3 && r('dt').chance(0.6) ? 1 : 0,
  };
}

function yearlyRaw(unit: Unit, y: number): Raw {
  const k = y - 2022;
  if (unit.type === 'it_centre') {
    const r = (x: string) => rngFor('nam', unit.code, x, y);
    return { CNTT_KINHPHI: 6500 * (1 + 0.12 * k) * r('kp').noise(0.1), CB_DAOTAO: r('dt').int(300, 700), TD_CSTD: r('cs').int(2, 4), TD_GIAYKHEN: r('gk').int(6, 15) };
  }
  const parts = territory(unit);
  const total = parts.reduce((a, b) => a + b.share, 0);
  const raw = mix(parts, (d) => {
    const r = (x: string) => rngFor('nam', d, x, y);
    const dist = DISTRICTS.find((x) => x.n === d);
    const s = (dist?.villages ?? 200) / 217;
    return {
      CDS_DTI: Math.min(0.95, (dist?.city ? 0.5 : 0.36) + 0.07 * k + r('dti').between(-0.04, 0.04)),
      CNTT_KINHPHI: (dist?.city ? 2800 : 900 * s) * (1 + 0.1 * k) * r('kp').noise(0.15),
      CB_DAOTAO: r('dt').int(40, 150),
      TD_CSTD: r('cs').int(1, 3),
      TD_GIAYKHEN: r('gk').int(3, 10),
    };
  });
  raw.CDS_DTI /= total; // an average, not a sum
  raw.CDS_KEHOACH = y === 2022 && unit.code === 'VL-H08-VHTT' ? 0 : 1;
  return raw;
}

function provinceRaw(y: number): Raw {
  const k = y - 2022;
  const r = (x: string) => rngFor('tk', x, y);
  return {
    BC_DN_SO: 19 + k + (k >= 1 ? 1 : 0),
    VT_DN_SO: [6, 7, 7, 8, 8][Math.min(k, 4)] ?? 8,
    VT_PHUSONG_DS: Math.min(99.8, 97.6 + 0.5 * k),
    BCHI_CQ_SO: [11, 11, 12, 12, 10][Math.min(k, 4)] ?? 10,
    XB_CS_IN: [8, 8, 9, 9, 9][Math.min(k, 4)] ?? 9,
    XB_XUATBANPHAM: r('xb').int(22, 35),
    DAN_SO: 852_000 * 1.0085 ** k,
    HO_GD: 214_000 * 1.012 ** k,
  };
}

/** Rounds to each element's precision, keeps to bounds and to the error rules of the form `#{X} ≤ …`. */
function finish(raw: Raw, codes: readonly string[]): Values {
  const out: Values = new Map();
  for (const code of codes) {
    const v = raw[code];
    const el = EL.get(code);
    if (v === undefined || !el || !Number.isFinite(v)) continue;
    const dec = el.valueType === 'INTEGER' || el.valueType === 'BOOLEAN' ? 0 : (DECIMALS[code] ?? 1);
    let x = Math.round(v * 10 ** dec) / 10 ** dec;
    if (el.min !== null && x < el.min) x = el.min;
    if (el.max !== null && x > el.max) x = el.max;
    out.set(code, x);
  }
  for (let pass = 0; pass < 2; pass++)
    for (const rule of RULES) {
      if (rule.importance !== 'error' || rule.op !== 'le') continue;
      const left = /^#\{([A-Z0-9_]+)\}$/.exec(rule.left)?.[1];
      if (!left || !out.has(left)) continue;
      const right = evaluate(rule.right, out);
      if (right !== null && (out.get(left) as number) > right) out.set(left, Math.floor(right));
    }
  return out;
}

/**
 * The full set of values a unit reports for a form and period. `activeShare` < 1 when the unit existed
 * for only part of the period (a 2025 yearly report of a dissolved district office or of a new commune):
 * flows (SUM) are scaled to the part it existed for.
 */
export function valuesFor(org: Org, form: FormCode, unit: Unit, period: Period, codes: readonly string[], activeShare = 1): Values {
  const { t, q } = qIndex(period);
  const raw = rawFor(org, form, unit, period, t, q);
  if (activeShare < 1) for (const code of Object.keys(raw)) if (EL.get(code)?.agg === 'SUM') raw[code] *= activeShare;
  return finish(raw, codes);
}

function rawFor(org: Org, form: FormCode, unit: Unit, period: Period, t: number, q: number): Raw {
  switch (form) {
    case 'BC-VHTT-Q':
      return mix(territory(unit), (d) => districtRaw(d, t, q));
    case 'BC-DN-Q':
      return enterpriseRaw(unit.code, t, q);
    case 'BC-BCHI-6T':
      return pressRaw(unit.code, (period.year - 2022) * 2 + (period.start.slice(5, 7) === '01' ? 0 : 1));
    case 'BC-TT-Q':
      return radioRaw(org, unit, t);
    case 'BC-CNTT-Q':
      return itCentreRaw(t, q);
    case 'BC-NAM':
      return yearlyRaw(unit, period.year);
    case 'TK-NAM':
      return provinceRaw(period.year);
  }
}
