/**
 * The fictional demo province "Vân Lĩnh": settings, sectors, the org tree across the 2025 reforms and
 * the lineage links that keep series comparable.
 *
 * 2025 reforms as modelled here:
 * - 01/03/2025: Sở Thông tin và Truyền thông (VL-STTTT, valid to 28/02/2025) is merged into Sở Khoa học
 *   và Công nghệ (VL-SKHCN, valid from 01/03/2025; lineage kind 'merge'). The divisions and the IT centre
 *   are MOVED, not recreated: same ids and codes, re-parented to the department valid on `today`. They
 *   are the same offices with the same staff, users, sectors and forms, and the IT centre's quarterly
 *   series stays one series. The price: org_units has a single parent_id without history, so a tree drawn
 *   "as of 2024" shows them under the department current today.
 * - 01/07/2025: districts, their Phòng VH&TT and Trung tâm VH-TT-TT end (valid to 30/06/2025); new
 *   communes/wards directly under the province begin, linked to the old communes they merge ('merge')
 *   and to the district units whose functions they take over ('transfer').
 */
import type { UnitType } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import { HOLIDAYS } from './dates.js';
import { allocIds, insertRows } from './sql.js';

export const PROVINCE = { code: 'VL', name: 'Tỉnh Vân Lĩnh', parentBody: 'ỦY BAN NHÂN DÂN TỈNH VÂN LĨNH', place: 'Vân Lĩnh' };
export const DEPT_MERGE_DATE = '2025-03-01';
export const COMMUNE_REFORM_DATE = '2025-07-01';

export type Unit = {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  type: UnitType;
  parentCode: string | null;
  level: number;
  path: string;
  validFrom: string;
  validTo: string | null;
  sectorCode: string | null;
  address: string | null;
};

export const SECTORS = [
  { code: 'BC', name: 'Bưu chính', nameEn: 'Postal services', division: 'VL-BCVT' },
  { code: 'VT', name: 'Viễn thông', nameEn: 'Telecommunications', division: 'VL-BCVT' },
  { code: 'CNTT', name: 'Công nghệ thông tin', nameEn: 'Information technology', division: 'VL-CDS' },
  { code: 'CDS', name: 'Chuyển đổi số', nameEn: 'Digital transformation', division: 'VL-CDS' },
  { code: 'ATTT', name: 'An toàn thông tin', nameEn: 'Information security', division: 'VL-CDS' },
  { code: 'BCHI', name: 'Báo chí', nameEn: 'Press', division: 'VL-TTBC' },
  { code: 'XB', name: 'Xuất bản', nameEn: 'Publishing', division: 'VL-TTBC' },
  { code: 'TTCS', name: 'Thông tin cơ sở', nameEn: 'Grassroots information', division: 'VL-TTBC' },
  { code: 'PTTT', name: 'Phát thanh – truyền thanh', nameEn: 'Radio broadcasting', division: 'VL-TTBC' },
] as const;

/** Districts (to 30/06/2025) with the parameters the value model uses. */
export const DISTRICTS = [
  { n: '01', name: 'Thành phố Vân Lĩnh', short: 'TP Vân Lĩnh', city: true, villages: 262 },
  { n: '02', name: 'Huyện Khê Thượng', short: 'Khê Thượng', city: false, villages: 238 },
  { n: '03', name: 'Huyện Nà Lũng', short: 'Nà Lũng', city: false, villages: 187 },
  { n: '04', name: 'Huyện Phong Nậm', short: 'Phong Nậm', city: false, villages: 212 },
  { n: '05', name: 'Huyện Hạ Sơn', short: 'Hạ Sơn', city: false, villages: 249 },
  { n: '06', name: 'Huyện Bạch Lâm', short: 'Bạch Lâm', city: false, villages: 206 },
  { n: '07', name: 'Huyện Thủy Vân', short: 'Thủy Vân', city: false, villages: 226 },
  { n: '08', name: 'Huyện Pác Lùng', short: 'Pác Lùng', city: false, villages: 153 },
] as const;

/** Communes before the reform (a sample under five districts), each with its radio station. */
const OLD_COMMUNES: { d: string; name: string }[] = [
  { d: '01', name: 'Phường Tân Giang' }, { d: '01', name: 'Phường Vân Phong' }, { d: '01', name: 'Xã Đồng Lạc' },
  { d: '02', name: 'Xã Khê Trung' }, { d: '02', name: 'Xã Thượng Ân' }, { d: '02', name: 'Xã Bình Văn' },
  { d: '03', name: 'Xã Nà Pồng' }, { d: '03', name: 'Xã Lũng Cao' },
  { d: '04', name: 'Xã Phong Quang' }, { d: '04', name: 'Xã Nậm Tộc' },
  { d: '05', name: 'Xã Sơn Thành' }, { d: '05', name: 'Xã Hạ Trung' },
];

/** Communes and wards from 01/07/2025: the share of each old district's territory they took over. */
export const NEW_COMMUNES: { n: string; name: string; from: { d: string; share: number }[]; merges: string[] }[] = [
  { n: '01', name: 'Phường Vân Lĩnh', from: [{ d: '01', share: 0.6 }], merges: ['VL-H01-X01', 'VL-H01-X02'] },
  { n: '02', name: 'Phường Đồng Lạc', from: [{ d: '01', share: 0.4 }], merges: ['VL-H01-X03'] },
  { n: '03', name: 'Xã Khê Thượng', from: [{ d: '02', share: 1 }], merges: ['VL-H02-X01', 'VL-H02-X02', 'VL-H02-X03'] },
  { n: '04', name: 'Xã Nà Lũng', from: [{ d: '03', share: 1 }], merges: ['VL-H03-X01', 'VL-H03-X02'] },
  { n: '05', name: 'Xã Phong Nậm', from: [{ d: '04', share: 1 }], merges: ['VL-H04-X01', 'VL-H04-X02'] },
  { n: '06', name: 'Xã Hạ Sơn', from: [{ d: '05', share: 1 }], merges: ['VL-H05-X01', 'VL-H05-X02'] },
  { n: '07', name: 'Xã Bạch Lâm', from: [{ d: '06', share: 1 }, { d: '07', share: 0.3 }], merges: [] },
  { n: '08', name: 'Xã Thủy Vân', from: [{ d: '07', share: 0.7 }], merges: [] },
  { n: '09', name: 'Xã Pác Lùng', from: [{ d: '08', share: 1 }], merges: [] },
];

export const ENTERPRISES = [
  { code: 'VL-DN-VTL', name: 'Viettel Vân Lĩnh – Chi nhánh Tập đoàn Công nghiệp – Viễn thông Quân đội', short: 'Viettel Vân Lĩnh', sector: 'VT', kind: 'telecom' },
  { code: 'VL-DN-VNPT', name: 'Viễn thông Vân Lĩnh (VNPT Vân Lĩnh)', short: 'VNPT Vân Lĩnh', sector: 'VT', kind: 'telecom' },
  { code: 'VL-DN-MBF', name: 'MobiFone tỉnh Vân Lĩnh', short: 'MobiFone Vân Lĩnh', sector: 'VT', kind: 'telecom' },
  { code: 'VL-DN-BDT', name: 'Bưu điện tỉnh Vân Lĩnh', short: 'Bưu điện tỉnh', sector: 'BC', kind: 'postal' },
  { code: 'VL-DN-VTP', name: 'Chi nhánh Bưu chính Viettel Vân Lĩnh', short: 'Viettel Post Vân Lĩnh', sector: 'BC', kind: 'postal' },
] as const;

const radioName = (commune: string) =>
  `Đài truyền thanh ${commune.replace(/^Phường /, 'phường ').replace(/^Xã /, 'xã ')}`;

export type Org = {
  units: Unit[];
  byCode: Map<string, Unit>;
  province: Unit;
  oldDept: Unit;
  newDept: Unit;
  currentDept: Unit;
  division: Record<'vp' | 'bcvt' | 'cds' | 'ttbc' | 'ttra', Unit>;
  itCentre: Unit;
  districts: Unit[];
  districtOffices: Unit[];
  mediaCentres: Unit[];
  oldCommunes: Unit[];
  oldRadios: Unit[];
  newCommunes: Unit[];
  newRadios: Unit[];
  enterprises: Unit[];
  press: Unit[];
  sectorIds: Map<string, number>;
  lineage: { unit: string; pred: string; kind: 'rename' | 'merge' | 'split' | 'transfer' }[];
};

type Draft = Omit<Unit, 'id' | 'level' | 'path'> & { level?: number };

function draftUnits(today: string): { drafts: Draft[]; lineage: Org['lineage'] } {
  const drafts: Draft[] = [];
  const lineage: Org['lineage'] = [];
  const add = (u: Partial<Draft> & Pick<Draft, 'code' | 'name' | 'type'>) =>
    drafts.push({ shortName: null, parentCode: null, validFrom: '2000-01-01', validTo: null, sectorCode: null, address: null, ...u });

  add({ code: 'VL', name: PROVINCE.name, shortName: 'Vân Lĩnh', type: 'province', address: 'Số 1 đường Hoàng Lĩnh, phường Vân Lĩnh' });
  add({ code: 'VL-STTTT', name: 'Sở Thông tin và Truyền thông', shortName: 'Sở TT&TT', type: 'department', parentCode: 'VL', validFrom: '2008-04-01', validTo: '2025-02-28', address: 'Số 12 đường Lý Tự Trọng, phường Tân Giang' });
  add({ code: 'VL-SKHCN', name: 'Sở Khoa học và Công nghệ', shortName: 'Sở KH&CN', type: 'department', parentCode: 'VL', validFrom: DEPT_MERGE_DATE, address: 'Số 12 đường Lý Tự Trọng, phường Vân Lĩnh' });
  lineage.push({ unit: 'VL-SKHCN', pred: 'VL-STTTT', kind: 'merge' });
  const dept = today < DEPT_MERGE_DATE ? 'VL-STTTT' : 'VL-SKHCN';
  const divs: [string, string, string][] = [
    ['VL-VP', 'Văn phòng Sở', 'Văn phòng'],
    ['VL-BCVT', 'Phòng Bưu chính – Viễn thông', 'Phòng BC-VT'],
    ['VL-CDS', 'Phòng Công nghệ thông tin và Chuyển đổi số', 'Phòng CNTT-CĐS'],
    ['VL-TTBC', 'Phòng Thông tin – Báo chí – Xuất bản', 'Phòng TT-BC-XB'],
    ['VL-TTRA', 'Thanh tra Sở', 'Thanh tra'],
  ];
  for (const [code, name, shortName] of divs) add({ code, name, shortName, type: 'division', parentCode: dept, validFrom: '2008-04-01' });
  add({ code: 'VL-TTCNTT', name: 'Trung tâm Công nghệ thông tin và Truyền thông', shortName: 'TT CNTT&TT', type: 'it_centre', parentCode: dept, validFrom: '2010-01-01', sectorCode: 'CNTT' });

  const end = '2025-06-30';
  for (const d of DISTRICTS) {
    const code = `VL-H${d.n}`;
    const of = d.city ? `thành phố ${d.short.replace('TP ', '')}` : `huyện ${d.short}`;
    add({ code, name: d.name, shortName: d.short, type: 'district', parentCode: 'VL', validTo: end });
    add({ code: `${code}-VHTT`, name: `Phòng Văn hóa và Thông tin ${of}`, shortName: `Phòng VH&TT ${d.short}`, type: 'district_office', parentCode: code, validTo: end, sectorCode: 'TTCS' });
    add({ code: `${code}-TTVH`, name: `Trung tâm Văn hóa, Thể thao và Truyền thông ${of}`, shortName: `TT VH-TT-TT ${d.short}`, type: 'media_centre', parentCode: code, validFrom: '2019-01-01', validTo: end, sectorCode: 'PTTT' });
  }
  const seen = new Map<string, number>();
  for (const c of OLD_COMMUNES) {
    const k = (seen.get(c.d) ?? 0) + 1;
    seen.set(c.d, k);
    const code = `VL-H${c.d}-X${String(k).padStart(2, '0')}`;
    add({ code, name: c.name, shortName: c.name.replace(/^(Phường|Xã) /, ''), type: 'commune', parentCode: `VL-H${c.d}`, validTo: end });
    add({ code: `${code}-DTT`, name: radioName(c.name), shortName: `Đài TT ${c.name.replace(/^(Phường|Xã) /, '')}`, type: 'radio_station', parentCode: code, validTo: end, sectorCode: 'PTTT' });
  }
  for (const c of NEW_COMMUNES) {
    const code = `VL-X${c.n}`;
    const short = c.name.replace(/^(Phường|Xã) /, '');
    // the commune takes over the district office's information work, and with it its sector (Thông tin cơ sở)
    add({ code, name: c.name, shortName: short, type: 'commune', parentCode: 'VL', validFrom: COMMUNE_REFORM_DATE, sectorCode: 'TTCS' });
    add({ code: `${code}-DTT`, name: radioName(c.name), shortName: `Đài TT ${short}`, type: 'radio_station', parentCode: code, validFrom: COMMUNE_REFORM_DATE, sectorCode: 'PTTT' });
    for (const old of c.merges) {
      lineage.push({ unit: code, pred: old, kind: 'merge' });
      lineage.push({ unit: `${code}-DTT`, pred: `${old}-DTT`, kind: 'merge' });
    }
    for (const f of c.from) {
      lineage.push({ unit: code, pred: `VL-H${f.d}`, kind: 'transfer' });
      lineage.push({ unit: code, pred: `VL-H${f.d}-VHTT`, kind: 'transfer' });
      lineage.push({ unit: `${code}-DTT`, pred: `VL-H${f.d}-TTVH`, kind: 'transfer' });
    }
  }
  for (const e of ENTERPRISES) add({ code: e.code, name: e.name, shortName: e.short, type: 'enterprise', parentCode: 'VL', sectorCode: e.sector });
  add({ code: 'VL-BAO', name: 'Báo Vân Lĩnh', shortName: 'Báo Vân Lĩnh', type: 'press_agency', parentCode: 'VL', sectorCode: 'BCHI' });
  add({ code: 'VL-PTTH', name: 'Đài Phát thanh và Truyền hình Vân Lĩnh', shortName: 'Đài PT-TH Vân Lĩnh', type: 'press_agency', parentCode: 'VL', sectorCode: 'BCHI' });
  return { drafts, lineage };
}

export async function seedOrg(db: Db, today: string): Promise<Org> {
  await db.query(
    `INSERT INTO settings (key, value) VALUES ('org.province', $1::jsonb), ('org.department', $2::jsonb), ('holidays', $3::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [
      JSON.stringify({ name: PROVINCE.name, parentBody: PROVINCE.parentBody, place: PROVINCE.place }),
      JSON.stringify({ code: today < DEPT_MERGE_DATE ? 'VL-STTTT' : 'VL-SKHCN' }),
      // Vietnam's public holidays: round deadlines and conference dates skip them
      JSON.stringify(HOLIDAYS),
    ],
  );

  const { drafts, lineage } = draftUnits(today);
  const ids = await allocIds(db, 'org_units', drafts.length);
  const sectorIdList = await allocIds(db, 'sectors', SECTORS.length);
  const sectorIds = new Map(SECTORS.map((s, i) => [s.code as string, sectorIdList[i]]));
  const byCode = new Map<string, Unit>();
  drafts.forEach((d, i) => {
    const parent = d.parentCode ? byCode.get(d.parentCode) : undefined;
    if (d.parentCode && !parent) throw new Error(`demo org: parent ${d.parentCode} must come before ${d.code}`);
    const id = ids[i];
    byCode.set(d.code, { ...d, id, level: parent ? parent.level + 1 : 1, path: `${parent ? parent.path : '/'}${id}/` });
  });
  const units = [...byCode.values()];

  await insertRows(db, 'sectors', [['id', 'int'], ['code', 'text'], ['name', 'text'], ['name_en', 'text'], ['sort', 'int']],
    SECTORS.map((s, i) => [sectorIds.get(s.code), s.code, s.name, s.nameEn, (i + 1) * 10]));
  await insertRows(
    db, 'org_units',
    [['id', 'int'], ['code', 'text'], ['name', 'text'], ['short_name', 'text'], ['type', 'text'], ['parent_id', 'int'], ['level', 'int'],
      ['path', 'text'], ['valid_from', 'date'], ['valid_to', 'date'], ['sector_id', 'int'], ['address', 'text']],
    units.map((u) => [u.id, u.code, u.name, u.shortName, u.type, u.parentCode ? byCode.get(u.parentCode)?.id : null, u.level, u.path,
      u.validFrom, u.validTo, u.sectorCode ? sectorIds.get(u.sectorCode) : null, u.address]),
  );
  await db.query(
    `UPDATE sectors s SET division_id = x.division FROM unnest($1::int[], $2::int[]) AS x(id, division) WHERE s.id = x.id`,
    [SECTORS.map((s) => sectorIds.get(s.code)), SECTORS.map((s) => byCode.get(s.division)?.id)],
  );
  await insertRows(db, 'org_unit_lineage', [['unit_id', 'int'], ['predecessor_id', 'int'], ['kind', 'text']],
    lineage.map((l) => [byCode.get(l.unit)?.id, byCode.get(l.pred)?.id, l.kind]));

  const u = (code: string) => byCode.get(code) as Unit;
  const ofType = (t: UnitType, pred: (x: Unit) => boolean = () => true) => units.filter((x) => x.type === t && pred(x));
  const isNew = (x: Unit) => x.validFrom >= COMMUNE_REFORM_DATE;
  return {
    units, byCode, sectorIds, lineage,
    province: u('VL'), oldDept: u('VL-STTTT'), newDept: u('VL-SKHCN'),
    currentDept: u(today < DEPT_MERGE_DATE ? 'VL-STTTT' : 'VL-SKHCN'),
    division: { vp: u('VL-VP'), bcvt: u('VL-BCVT'), cds: u('VL-CDS'), ttbc: u('VL-TTBC'), ttra: u('VL-TTRA') },
    itCentre: u('VL-TTCNTT'),
    districts: ofType('district'),
    districtOffices: ofType('district_office'),
    mediaCentres: ofType('media_centre'),
    oldCommunes: ofType('commune', (x) => !isNew(x)),
    oldRadios: ofType('radio_station', (x) => !isNew(x)),
    newCommunes: ofType('commune', isNew),
    newRadios: ofType('radio_station', isNew),
    enterprises: ofType('enterprise'),
    press: ofType('press_agency'),
  };
}

/** Is the unit in operation on the date? */
export const validOn = (u: Unit, iso: string) => u.validFrom <= iso && (u.validTo === null || u.validTo >= iso);
