/**
 * Demo people: the staff of every unit of Tỉnh Vân Lĩnh, with dated memberships that follow the province's
 * real history. Fictional names, deterministic (rngFor).
 *
 * - The department: a director and deputies; each division and the IT centre with its head, deputies and
 *   specialists. Some heads retired along the way and their deputies took over (promotions are kept as
 *   history in the same unit).
 * - 01/03/2025, Sở TT&TT merges into Sở KH&CN: the department's leaders continue in the merged department,
 *   and a deputy director from the former Sở KH&CN joins them. The divisions and the IT centre are the same
 *   units (org.ts moves them), so their staff simply stay.
 * - 30/06/2025, the district level ends: the district offices' and media centres' staff, and the old
 *   communes' officials and radio staff, move to the new communes and their radio stations (by the lineage
 *   of org.ts), a few to the department or to the provincial broadcaster, a few retire.
 * - Every named demo account and every unit reporter is linked to their person.
 *
 * Nothing happens after `today`: stints that begin later are left out, and a membership whose unit closes
 * ends with it, as the people module itself records.
 */
import type { Db } from '../../platform/db/index.js';
import { comparePersonNames } from '../people/people-rules.js';
import { addDays } from './dates.js';
import { COMMUNE_REFORM_DATE, DEPT_MERGE_DATE, DISTRICTS, NEW_COMMUNES, type Org, type Unit } from './org.js';
import { type Rng, rngFor } from './rng.js';
import { allocIds, insertRows } from './sql.js';
import type { DemoUser, Users } from './users.js';

type EndReason = 'moved' | 'retired' | 'left';

export type DemoMembership = { unit: Unit; position: string; validFrom: string; validTo: string | null; endReason: EndReason | null };
export type DemoPerson = {
  id: number;
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string;
  user: DemoUser | null;
  /** Oldest first. */
  memberships: DemoMembership[];
};
export type Member = { person: DemoPerson; position: string; membership: DemoMembership };

/** What the conference demo (and later the awards demo) needs to know about the people. */
export type People = {
  all: DemoPerson[];
  memberships: number;
  /** Staff of a unit on a date (the unit in force), heads first, then deputies, then the rest by name. */
  membersOn: (unitCode: string, date: string) => Member[];
  /** The department in force on a date (Sở TT&TT, then Sở KH&CN). */
  departmentOn: (date: string) => Unit;
  /** The department's director (Giám đốc Sở) on a date. */
  directorOn: (date: string) => DemoPerson;
  /** The department's deputy directors on a date. */
  deputiesOn: (date: string) => DemoPerson[];
  /** Văn phòng Sở on a date: its chief (Chánh Văn phòng), deputies and staff. */
  officeOn: (date: string) => { chief: DemoPerson | null; deputies: DemoPerson[]; staff: DemoPerson[] };
  /** Provincial leaders (chairman, vice-chairmen) on a date. */
  provinceLeadersOn: (date: string) => Member[];
  /** The head of a unit on a date (Giám đốc, Trưởng phòng, Chủ tịch, Tổng Biên tập …), or null. */
  headOn: (unitCode: string, date: string) => DemoPerson | null;
  byUsername: (username: string) => DemoPerson | undefined;
  /** Where and as what the person works on a date. */
  positionOn: (person: DemoPerson, date: string) => { unit: Unit; position: string } | null;
};

// ───────────── names ─────────────

const FAMILY = [
  'Nguyễn', 'Nguyễn', 'Hoàng', 'Nông', 'Ma', 'Lục', 'Triệu', 'Hà', 'Đinh', 'Lương', 'Vi', 'Sầm', 'Đàm', 'Trần', 'Phạm', 'Lê', 'Đặng', 'Mông',
  'Chu', 'Bế', 'La', 'Hứa', 'Lò', 'Lý', 'Dương', 'Phùng', 'Bùi', 'Vũ',
];
const MIDDLE_M = ['Văn', 'Văn', 'Đức', 'Minh', 'Quốc', 'Xuân', 'Ngọc', 'Trung', 'Hữu', 'Đình', 'Thanh', 'Mạnh', 'Công', 'Tuấn', 'Hoàng', 'Thế'];
const MIDDLE_F = ['Thị', 'Thị', 'Thị Thu', 'Thị Hồng', 'Thị Minh', 'Thị Ngọc', 'Thùy', 'Thị Kim', 'Thị Thanh', 'Thị Hải', 'Thu', 'Thị Phương', 'Thị Bích'];
const GIVEN_M = [
  'An', 'Bảo', 'Cường', 'Dũng', 'Đạt', 'Giang', 'Hải', 'Hiếu', 'Khải', 'Kiên', 'Long', 'Lợi', 'Nam', 'Nghĩa', 'Phúc', 'Quân', 'Sáng', 'Tài', 'Thắng',
  'Trí', 'Vinh', 'Việt', 'Hưng', 'Tùng', 'Thành', 'Sơn', 'Tuấn', 'Huy', 'Đông', 'Chiến', 'Hòa', 'Khoa', 'Lâm', 'Phong', 'Tiến', 'Toàn', 'Hùng', 'Duy',
];
const GIVEN_F = [
  'Anh', 'Chi', 'Dung', 'Duyên', 'Hạnh', 'Hằng', 'Huyền', 'Liên', 'Loan', 'Mai', 'Ngân', 'Nhung', 'Oanh', 'Phượng', 'Quyên', 'Thảo', 'Thúy', 'Vân',
  'Xuân', 'Yến', 'Hoa', 'Hương', 'Lan', 'Linh', 'Ngọc', 'Nga', 'Trang', 'Thủy', 'Hà', 'Giang', 'Lệ', 'Diệp', 'Tâm', 'Hiền', 'My', 'Thư',
];

/** Is a name female? (the named accounts and reporters come with a name already) */
const looksFemale = (name: string) => / Thị( |$)/.test(name) || /^\S+ (Thùy|Thu) /.test(name);

const pad2 = (n: number) => String(n).padStart(2, '0');
const monthStart = (r: Rng, y0: number, y1: number) => `${r.int(y0, y1)}-${pad2(r.int(1, 12))}-01`;
const addMonths = (iso: string, n: number) => {
  const m = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + n;
  return `${Math.floor(m / 12)}-${pad2((m % 12) + 1)}-01`;
};
const later = (a: string, b: string) => (a > b ? a : b);

/** ASCII of a Vietnamese name part, for e-mail addresses. */
const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

// ───────────── careers ─────────────

type Stint = { unit: Unit; position: string; from: string };
type Career = {
  key: string;
  fullName: string;
  female: boolean;
  birthDate: string;
  stints: Stint[];
  end: { date: string; reason: 'retired' | 'left' } | null;
  user: DemoUser | null;
  /** Named accounts and reporters keep the position their account's title names: no retirement, promotion or leaving. */
  fixed: boolean;
  note: string | null;
};

/** The positions of each kind of unit: head, deputy, staff (the staff titles drawn in turn). */
type Roles = { head: string; deputy: string; staff: string[] };

const ROLES: Record<string, Roles> = {
  department: { head: 'Giám đốc Sở', deputy: 'Phó Giám đốc Sở', staff: [] },
  office: { head: 'Chánh Văn phòng', deputy: 'Phó Chánh Văn phòng', staff: ['Chuyên viên', 'Chuyên viên', 'Kế toán', 'Văn thư', 'Chuyên viên chính'] },
  division: { head: 'Trưởng phòng', deputy: 'Phó Trưởng phòng', staff: ['Chuyên viên', 'Chuyên viên chính', 'Chuyên viên'] },
  inspectorate: { head: 'Chánh Thanh tra', deputy: 'Phó Chánh Thanh tra', staff: ['Thanh tra viên', 'Thanh tra viên chính'] },
  it_centre: { head: 'Giám đốc', deputy: 'Phó Giám đốc', staff: ['Trưởng phòng Kỹ thuật', 'Trưởng phòng Hành chính – Tổng hợp', 'Kỹ sư', 'Viên chức', 'Kỹ thuật viên'] },
  district_office: { head: 'Trưởng phòng', deputy: 'Phó Trưởng phòng', staff: ['Chuyên viên'] },
  media_centre: { head: 'Giám đốc', deputy: 'Phó Giám đốc', staff: ['Viên chức', 'Phóng viên', 'Kỹ thuật viên'] },
  commune: { head: 'Chủ tịch UBND xã', deputy: 'Phó Chủ tịch UBND xã', staff: ['Công chức Văn hóa – Xã hội'] },
  radio_station: { head: 'Trưởng Đài', deputy: 'Phó Trưởng Đài', staff: ['Cán bộ truyền thanh'] },
  enterprise: { head: 'Giám đốc', deputy: 'Phó Giám đốc', staff: ['Trưởng phòng Kỹ thuật – Hạ tầng', 'Chuyên viên tổng hợp'] },
  newspaper: { head: 'Tổng Biên tập', deputy: 'Phó Tổng Biên tập', staff: ['Thư ký tòa soạn', 'Phóng viên', 'Biên tập viên'] },
  broadcaster: { head: 'Giám đốc', deputy: 'Phó Giám đốc', staff: ['Trưởng phòng Thời sự', 'Biên tập viên', 'Phóng viên', 'Kỹ thuật viên'] },
  province: { head: 'Chủ tịch UBND tỉnh', deputy: 'Phó Chủ tịch UBND tỉnh', staff: [] },
};

/** Commune titles name the kind of commune: "Chủ tịch UBND phường". */
const forUnit = (position: string, unit: Unit) => (unit.name.startsWith('Phường') ? position.replace(/ xã$/, ' phường') : position);

/** The position of a reporter account's person: the title without the unit's name it repeats. */
function reporterPosition(u: Unit): string {
  switch (u.type) {
    case 'district_office':
      return 'Chuyên viên';
    case 'commune':
      return 'Công chức Văn hóa – Xã hội';
    case 'media_centre':
      return 'Viên chức';
    case 'radio_station':
      return 'Cán bộ truyền thanh';
    case 'enterprise':
      return 'Chuyên viên tổng hợp';
    case 'press_agency':
      return 'Thư ký tòa soạn';
    case 'it_centre':
      return 'Viên chức Phòng Kỹ thuật';
    default:
      return 'Chuyên viên';
  }
}

class Directory {
  readonly careers: Career[] = [];
  private readonly names = new Set<string>();

  constructor(readonly today: string) {}

  reserve(name: string) {
    this.names.add(name);
  }

  /** A new person with a fresh name; born within the years given. */
  person(key: string, born: [number, number], opts: { female?: boolean; name?: string; user?: DemoUser | null; fixed?: boolean } = {}): Career {
    const r = rngFor('person', key);
    let fullName = opts.name ?? '';
    const female = opts.female ?? (opts.name ? looksFemale(opts.name) : r.chance(0.5));
    for (let i = 0; !fullName; i++) {
      const n = rngFor('person-name', key, i);
      const candidate = `${n.pick(FAMILY)} ${n.pick(female ? MIDDLE_F : MIDDLE_M)} ${n.pick(female ? GIVEN_F : GIVEN_M)}`;
      if (!this.names.has(candidate) || i > 20) fullName = candidate;
    }
    this.names.add(fullName);
    const birthDate = `${r.int(born[0], born[1])}-${pad2(r.int(1, 12))}-${pad2(r.int(1, 28))}`;
    const c: Career = { key, fullName, female, birthDate, stints: [], end: null, user: opts.user ?? null, fixed: opts.fixed ?? !!opts.user, note: null };
    this.careers.push(c);
    return c;
  }

  /** The unit and position of the career on a date (null: not in post). */
  static at(c: Career, date: string): Stint | null {
    if (c.end && c.end.date <= date) return null;
    const s = c.stints.filter((x) => x.from <= date).at(-1) ?? null;
    if (!s || (s.unit.validTo !== null && s.unit.validTo < date)) return null;
    return s;
  }

  /** Careers in post in the unit on the date. */
  inUnit(unit: Unit, date: string): Career[] {
    return this.careers.filter((c) => Directory.at(c, date)?.unit === unit);
  }
}

/**
 * Staffs a unit: a head (some promoted from deputy), deputies and staff, plus the people given (named
 * accounts, reporters). Then, now and again, the head retires and the first deputy takes over, or someone
 * leaves and is replaced.
 */
function staffUnit(
  dir: Directory, unit: Unit, roles: Roles,
  opts: { deputies: number; staff: number; earliest?: string; given?: Career[]; head?: Career | null; turnover?: boolean },
): { head: Career; deputies: Career[]; staff: Career[] } {
  const r = rngFor('staff', unit.code);
  const open = later(unit.validFrom, opts.earliest ?? '2004-01-01');
  const lastStart = unit.validTo ? addMonths(unit.validTo, -30) : '2021-12-01';
  const start = (key: string, y0: number, y1: number) => {
    const d = monthStart(rngFor('start', unit.code, key), y0, y1);
    return d < open ? open : d > lastStart ? later(open, lastStart) : d;
  };
  const position = (p: string) => forUnit(p, unit);

  const head = opts.head ?? dir.person(`${unit.code}/head`, [1964, 1978]);
  if (!opts.head) {
    const since = start('head', 2012, 2021);
    const before = start('head-deputy', 2005, 2012);
    if (r.chance(0.5) && before < since) head.stints.push({ unit, position: position(roles.deputy), from: before });
    head.stints.push({ unit, position: position(roles.head), from: since });
  }
  const deputies: Career[] = [];
  for (let i = 0; i < opts.deputies; i++) {
    const d = dir.person(`${unit.code}/deputy/${i}`, [1970, 1986]);
    const since = start(`deputy/${i}`, 2010, 2022);
    const before = start(`deputy/${i}/staff`, 2004, 2010);
    if (r.chance(0.5) && before < since) d.stints.push({ unit, position: position(roles.staff[0] ?? 'Chuyên viên'), from: before });
    d.stints.push({ unit, position: position(roles.deputy), from: since });
    deputies.push(d);
  }
  const staff: Career[] = [...(opts.given ?? [])];
  for (let i = 0; i < opts.staff; i++) {
    const s = dir.person(`${unit.code}/staff/${i}`, [1975, 1999]);
    s.stints.push({ unit, position: position(roles.staff[i % Math.max(1, roles.staff.length)] ?? 'Chuyên viên'), from: start(`staff/${i}`, 2006, 2023) });
    staff.push(s);
  }

  if (opts.turnover !== false) {
    // The head retires; the first deputy takes over; a specialist becomes deputy; a newcomer is hired.
    const until = unit.validTo ? addMonths(unit.validTo, -3) : '2026-09-01';
    const candidates = deputies.filter((d) => !d.fixed);
    if (!head.fixed && candidates.length && r.chance(0.4)) {
      const when = monthStart(rngFor('retire', unit.code), 2021, Number(until.slice(0, 4)));
      if (when <= until && when > head.stints.at(-1)!.from && when > candidates[0].stints.at(-1)!.from) {
        head.end = { date: when, reason: 'retired' };
        head.birthDate = `${Number(when.slice(0, 4)) - 60}-${head.birthDate.slice(5)}`;
        candidates[0].stints.push({ unit, position: position(roles.head), from: when });
        const next = staff.find((s) => !s.fixed && s.stints.at(-1)!.from < addMonths(when, 2));
        if (next) next.stints.push({ unit, position: position(roles.deputy), from: addMonths(when, 2) });
        const hire = dir.person(`${unit.code}/hire/${when}`, [1990, 2000]);
        hire.stints.push({ unit, position: position(roles.staff[0] ?? 'Chuyên viên'), from: addMonths(when, 3) });
        staff.push(hire);
      }
    }
    // Someone leaves the sector and is replaced a couple of months later.
    const leaver = staff.find((s) => !s.fixed && s.stints.length === 1);
    if (leaver && r.chance(0.3)) {
      const when = monthStart(rngFor('leave', unit.code), 2020, Number(until.slice(0, 4)));
      if (when <= until && when > addMonths(leaver.stints[0].from, 12)) {
        leaver.end = { date: when, reason: 'left' };
        const hire = dir.person(`${unit.code}/replace/${when}`, [1990, 2001]);
        hire.stints.push({ unit, position: leaver.stints[0].position, from: addMonths(when, 2) });
        staff.push(hire);
      }
    }
  }
  return { head, deputies, staff };
}

/** A given person (named account or reporter) in a unit, from a date. */
function given(dir: Directory, user: DemoUser, unit: Unit, position: string, from: string, born: [number, number]): Career {
  const c = dir.person(`user/${user.username}`, born, { name: user.fullName, user, fixed: true });
  c.stints.push({ unit, position, from: later(from, unit.validFrom) });
  return c;
}

// ───────────── the province ─────────────

function buildCareers(org: Org, users: Users, today: string): Directory {
  const dir = new Directory(today);
  for (const u of users.all) dir.reserve(u.fullName);
  const u = (code: string) => org.byCode.get(code) as Unit;
  const named = (username: string) => users.byName(username);
  const reporters = new Map(users.all.filter((x) => !x.named && x.role === 'reporter').map((x) => [x.unit.code, x]));
  const reporterFor = (unit: Unit, from: string) => {
    const rep = reporters.get(unit.code);
    return rep ? [given(dir, rep, unit, reporterPosition(unit), from, [1985, 1997])] : [];
  };

  // Province: the chairman and two vice-chairmen (one of them the viewer account).
  const chau = given(dir, named('khach'), org.province, 'Phó Chủ tịch UBND tỉnh', '2021-07-01', [1972, 1976]);
  staffUnit(dir, org.province, ROLES.province, { deputies: 1, staff: 0, earliest: '2016-07-01', given: [chau], turnover: false });

  // The department. Sở TT&TT: the director (promoted in 2019 when his predecessor retired) and two deputies.
  const stttt = org.oldDept;
  const skhcn = org.newDept;
  const before = dir.person('VL-STTTT/director-before', [1958, 1959], { female: false });
  before.stints.push({ unit: stttt, position: 'Giám đốc Sở', from: '2013-01-01' });
  before.end = { date: '2019-08-01', reason: 'retired' };
  const quang = given(dir, named('giamdoc'), stttt, 'Phó Giám đốc Sở', '2012-05-01', [1968, 1969]);
  quang.stints.push({ unit: stttt, position: 'Giám đốc Sở', from: '2019-08-01' });
  const deputies = [0, 1].map((i) => {
    const d = dir.person(`VL-STTTT/deputy/${i}`, [1970, 1977]);
    d.stints.push({ unit: u(i === 0 ? 'VL-CDS' : 'VL-VP'), position: i === 0 ? 'Trưởng phòng' : 'Chánh Văn phòng', from: i === 0 ? '2012-03-01' : '2010-09-01' });
    d.stints.push({ unit: stttt, position: 'Phó Giám đốc Sở', from: i === 0 ? '2019-10-01' : '2017-04-01' });
    return d;
  });
  // 01/03/2025: the leaders continue in the merged department; a deputy of the former Sở KH&CN joins them.
  for (const c of [quang, ...deputies]) c.stints.push({ unit: skhcn, position: c.stints.at(-1)!.position, from: DEPT_MERGE_DATE });
  const fromScience = dir.person('VL-SKHCN/deputy', [1973, 1978]);
  fromScience.stints.push({ unit: skhcn, position: 'Phó Giám đốc Sở', from: DEPT_MERGE_DATE });
  fromScience.note = 'Nguyên Phó Giám đốc Sở Khoa học và Công nghệ trước khi hợp nhất với Sở Thông tin và Truyền thông (01/03/2025).';

  // Divisions and the IT centre: the same units before and after the merger, the same staff.
  const trang = given(dir, named('vanphong'), org.division.vp, 'Chuyên viên', '2009-06-01', [1983, 1985]);
  trang.stints.push({ unit: org.division.vp, position: 'Phó Chánh Văn phòng', from: '2018-01-01' });
  const vpHead = dir.person('VL-VP/head', [1972, 1976]);
  vpHead.stints.push({ unit: org.division.vp, position: 'Phó Chánh Văn phòng', from: '2011-05-01' }, { unit: org.division.vp, position: 'Chánh Văn phòng', from: '2017-04-01' });
  staffUnit(dir, org.division.vp, ROLES.office, { deputies: 0, staff: 6, head: vpHead, given: [trang], turnover: false });
  const khanh = given(dir, named('thamdinh'), org.division.bcvt, 'Chuyên viên', '2011-03-01', [1981, 1984]);
  khanh.stints.push({ unit: org.division.bcvt, position: 'Phó Trưởng phòng', from: '2020-10-01' });
  staffUnit(dir, org.division.bcvt, ROLES.division, { deputies: 0, staff: 4, given: [khanh], turnover: false });
  // Phòng CNTT và CĐS: its head became deputy director in 2019; the deputy then took over.
  const cdsHead = dir.person('VL-CDS/head', [1976, 1980]);
  cdsHead.stints.push({ unit: org.division.cds, position: 'Phó Trưởng phòng', from: '2014-07-01' }, { unit: org.division.cds, position: 'Trưởng phòng', from: '2019-10-01' });
  const yen = given(dir, named('thamdinh.cds'), org.division.cds, 'Chuyên viên', '2016-09-01', [1990, 1992]);
  staffUnit(dir, org.division.cds, ROLES.division, { deputies: 2, staff: 4, head: cdsHead, given: [yen] });
  const manh = given(dir, named('thamdinh.bc'), org.division.ttbc, 'Chuyên viên', '2014-02-01', [1986, 1989]);
  staffUnit(dir, org.division.ttbc, ROLES.division, { deputies: 1, staff: 4, given: [manh] });
  staffUnit(dir, org.division.ttra, ROLES.inspectorate, { deputies: 1, staff: 3 });
  staffUnit(dir, org.itCentre, ROLES.it_centre, { deputies: 2, staff: 8, given: reporterFor(org.itCentre, '2015-03-01') });

  // Districts, to 30/06/2025: the culture office (Khê Thượng's is led by lanhdao, with baocao) and the media centre.
  const offices = new Map<string, ReturnType<typeof staffUnit>>();
  const centres = new Map<string, ReturnType<typeof staffUnit>>();
  for (const d of DISTRICTS) {
    const office = u(`VL-H${d.n}-VHTT`);
    const extra = reporterFor(office, '2013-01-01');
    let head: Career | null = null;
    if (d.n === '02') {
      head = given(dir, named('lanhdao'), office, 'Phó Trưởng phòng', '2009-04-01', [1975, 1978]);
      head.stints.push({ unit: office, position: 'Trưởng phòng', from: '2016-01-01' });
      extra.push(given(dir, named('baocao'), office, 'Chuyên viên', '2015-08-01', [1988, 1990]));
    }
    offices.set(d.n, staffUnit(dir, office, ROLES.district_office, { deputies: 1, staff: 3, head, given: extra }));
    const centre = u(`VL-H${d.n}-TTVH`);
    centres.set(d.n, staffUnit(dir, centre, ROLES.media_centre, { deputies: 1, staff: 3, earliest: '2019-01-01', given: reporterFor(centre, '2019-01-01') }));
  }
  // Communes before the reform (a sample) and their radio stations. A new commune's reporter worked in
  // the first old commune it merges, or in its district's culture office.
  const newReporter = new Map<string, Career>();
  const newRadioReporter = new Map<string, Career>();
  for (const c of NEW_COMMUNES) {
    const commune = u(`VL-X${c.n}`);
    const radio = u(`VL-X${c.n}-DTT`);
    const primary = [...c.from].sort((a, b) => b.share - a.share)[0].d;
    const rep = reporters.get(commune.code);
    if (rep) {
      const pre = c.merges[0] ? u(c.merges[0]) : u(`VL-H${primary}-VHTT`);
      const career = given(dir, rep, pre, pre.type === 'commune' ? 'Công chức Văn hóa – Xã hội' : 'Chuyên viên', monthStart(rngFor('rep', commune.code), 2012, 2019), [1986, 1995]);
      career.stints.push({ unit: commune, position: 'Công chức Văn hóa – Xã hội', from: COMMUNE_REFORM_DATE });
      newReporter.set(commune.code, career);
    }
    const radioRep = reporters.get(radio.code);
    if (radioRep) {
      const pre = c.merges[0] ? u(`${c.merges[0]}-DTT`) : u(`VL-H${primary}-TTVH`);
      const career = given(dir, radioRep, pre, pre.type === 'radio_station' ? 'Cán bộ truyền thanh' : 'Viên chức', monthStart(rngFor('rep', radio.code), 2015, 2020), [1988, 1996]);
      career.stints.push({ unit: radio, position: 'Cán bộ truyền thanh', from: COMMUNE_REFORM_DATE });
      newRadioReporter.set(radio.code, career);
    }
  }
  for (const c of org.oldCommunes) staffUnit(dir, c, ROLES.commune, { deputies: 1, staff: dir.inUnit(c, '2025-06-30').length ? 0 : 1, head: null });
  for (const r of org.oldRadios) staffUnit(dir, r, ROLES.radio_station, { deputies: 0, staff: 0, given: reporterFor(r, '2014-01-01') });

  // Enterprises and the press.
  for (const e of org.enterprises) {
    const extra = reporterFor(e, '2016-01-01');
    if (e === users.enterpriseUnit) extra.push(given(dir, named('baocao.dn'), e, 'Chuyên viên Phòng Kỹ thuật – Hạ tầng', '2017-05-01', [1987, 1990]));
    staffUnit(dir, e, ROLES.enterprise, { deputies: 2, staff: 3, given: extra });
  }
  staffUnit(dir, u('VL-BAO'), ROLES.newspaper, { deputies: 2, staff: 5, given: reporterFor(u('VL-BAO'), '2014-01-01') });
  staffUnit(dir, u('VL-PTTH'), ROLES.broadcaster, { deputies: 2, staff: 6, given: reporterFor(u('VL-PTTH'), '2013-01-01') });

  // 01/07/2025: the district level ends. People move to the new communes and radio stations.
  const eve = addDays(COMMUNE_REFORM_DATE, -1);
  const move = (c: Career, unit: Unit, position: string) => c.stints.push({ unit, position: forUnit(position, unit), from: COMMUNE_REFORM_DATE });
  const retire = (c: Career) => {
    c.end = { date: COMMUNE_REFORM_DATE, reason: 'retired' };
  };
  const succ = (d: string) => NEW_COMMUNES.filter((c) => c.from.some((f) => f.d === d)).sort((a, b) => b.from.find((f) => f.d === d)!.share - a.from.find((f) => f.d === d)!.share);
  /** The first of these posts no one holds yet in the unit from the reform on (the last one otherwise). */
  const freePost = (unit: Unit, posts: string[]) => {
    const held = dir.inUnit(unit, COMMUNE_REFORM_DATE).map((p) => Directory.at(p, COMMUNE_REFORM_DATE)!.position);
    return posts.find((p) => !held.includes(forUnit(p, unit))) ?? posts.at(-1)!;
  };
  const assigned = new Set<Career>(newReporter.values());
  for (const c of newRadioReporter.values()) assigned.add(c);
  for (const d of DISTRICTS) {
    const targets = succ(d.n).map((c) => ({ commune: u(`VL-X${c.n}`), radio: u(`VL-X${c.n}-DTT`) }));
    const main = targets[0];
    const r = rngFor('reform', d.n);
    const officeStaff = dir.inUnit(u(`VL-H${d.n}-VHTT`), eve).filter((c) => !assigned.has(c));
    officeStaff.forEach((c, i) => {
      const pos = Directory.at(c, eve)!.position;
      const t = targets[i % targets.length];
      if (c.user?.username === 'lanhdao') move(c, main.commune, 'Phó Chủ tịch UBND xã');
      else if (c.user?.username === 'baocao') move(c, main.commune, 'Công chức Văn hóa – Xã hội');
      else if (pos === 'Trưởng phòng') move(c, main.commune, freePost(main.commune, ['Phó Chủ tịch UBND xã', 'Trưởng phòng Văn hóa – Xã hội']));
      else if (pos === 'Phó Trưởng phòng')
        move(c, t.commune, freePost(t.commune, ['Trưởng phòng Văn hóa – Xã hội', 'Phó Trưởng phòng Văn hóa – Xã hội', 'Công chức Văn hóa – Xã hội']));
      else if (!c.fixed && r.chance(0.12)) retire(c);
      else if (!c.fixed && r.chance(0.12)) move(c, org.division.ttbc, 'Chuyên viên');
      else move(c, t.commune, 'Công chức Văn hóa – Xã hội');
    });
    const centreStaff = dir.inUnit(u(`VL-H${d.n}-TTVH`), eve).filter((c) => !assigned.has(c));
    centreStaff.forEach((c, i) => {
      const pos = Directory.at(c, eve)!.position;
      const t = targets[i % targets.length];
      const radioPosts = ['Trưởng Đài', 'Phó Trưởng Đài', 'Cán bộ truyền thanh'];
      if (pos === 'Giám đốc') move(c, main.radio, freePost(main.radio, radioPosts));
      else if (pos === 'Phó Giám đốc') move(c, (targets[1] ?? main).radio, freePost((targets[1] ?? main).radio, radioPosts));
      else if (!c.fixed && r.chance(0.2)) move(c, u('VL-PTTH'), 'Phóng viên');
      else if (!c.fixed && r.chance(0.1)) c.end = { date: COMMUNE_REFORM_DATE, reason: 'left' };
      else move(c, t.radio, 'Cán bộ truyền thanh');
    });
  }
  for (const c of NEW_COMMUNES) {
    const commune = u(`VL-X${c.n}`);
    for (const oldCode of c.merges) {
      for (const p of dir.inUnit(u(oldCode), eve).filter((x) => !assigned.has(x))) {
        const pos = Directory.at(p, eve)!.position;
        if (pos.startsWith('Chủ tịch')) {
          if (rngFor('reform', p.key).chance(0.5)) retire(p);
          else move(p, commune, freePost(commune, ['Phó Chủ tịch UBND xã', 'Trưởng phòng Văn hóa – Xã hội', 'Công chức Văn hóa – Xã hội']));
        } else if (pos.startsWith('Phó Chủ tịch'))
          move(p, commune, freePost(commune, ['Trưởng phòng Văn hóa – Xã hội', 'Phó Trưởng phòng Văn hóa – Xã hội', 'Công chức Văn hóa – Xã hội']));
        else move(p, commune, 'Công chức Văn hóa – Xã hội');
      }
      for (const p of dir.inUnit(u(`${oldCode}-DTT`), eve).filter((x) => !assigned.has(x))) move(p, u(`VL-X${c.n}-DTT`), 'Cán bộ truyền thanh');
    }
  }
  // Every new commune gets its chairman, and a vice-chairman and a head of its culture and society office
  // where no one moved into those posts; every new radio station a head.
  for (const c of NEW_COMMUNES) {
    const commune = u(`VL-X${c.n}`);
    const radio = u(`VL-X${c.n}-DTT`);
    const at = (unit: Unit) => dir.inUnit(unit, COMMUNE_REFORM_DATE).map((p) => Directory.at(p, COMMUNE_REFORM_DATE)!.position);
    const chair = dir.person(`${commune.code}/chair`, [1970, 1980]);
    chair.stints.push({ unit: commune, position: forUnit('Chủ tịch UBND xã', commune), from: COMMUNE_REFORM_DATE });
    chair.note = 'Nguyên Phó Chủ tịch UBND huyện trước khi sắp xếp đơn vị hành chính (01/07/2025).';
    if (!at(commune).some((p) => p.startsWith('Phó Chủ tịch'))) {
      const vice = dir.person(`${commune.code}/vice`, [1975, 1985]);
      vice.stints.push({ unit: commune, position: forUnit('Phó Chủ tịch UBND xã', commune), from: COMMUNE_REFORM_DATE });
    }
    if (!at(commune).includes('Trưởng phòng Văn hóa – Xã hội')) {
      const head = dir.person(`${commune.code}/vhxh`, [1978, 1988]);
      head.stints.push({ unit: commune, position: 'Trưởng phòng Văn hóa – Xã hội', from: COMMUNE_REFORM_DATE });
    }
    if (!at(radio).includes('Trưởng Đài')) {
      const head = dir.person(`${radio.code}/head`, [1978, 1988]);
      head.stints.push({ unit: radio, position: 'Trưởng Đài', from: COMMUNE_REFORM_DATE });
    }
  }
  return dir;
}

/** A career as memberships up to today: each stint ends the day before the next, at the end, or with its unit. */
function materialize(c: Career, today: string): DemoMembership[] {
  const stints = c.stints.filter((s) => s.from <= today).sort((a, b) => (a.from < b.from ? -1 : 1));
  const end = c.end && c.end.date <= today ? c.end : null;
  return stints.map((s, i) => {
    const next = stints[i + 1];
    let validTo = next ? addDays(next.from, -1) : end ? addDays(end.date, -1) : null;
    let endReason: EndReason | null = next ? 'moved' : end ? end.reason : null;
    if (s.unit.validTo !== null && (validTo === null || validTo > s.unit.validTo)) {
      validTo = s.unit.validTo;
      if (!next && !end) endReason = null;
    }
    return { unit: s.unit, position: s.position, validFrom: s.from, validTo, endReason };
  });
}

const MOBILE = ['091', '094', '088', '083', '084', '097', '098', '086', '096', '032', '033', '035', '038', '039', '081', '082', '070', '079'];

function contact(c: Career, m: DemoMembership, used: Set<string>): { phone: string | null; email: string | null } {
  const r = rngFor('contact', c.key);
  const n = () => String(r.int(0, 999)).padStart(3, '0');
  const phone = r.chance(0.85) ? `${r.pick(MOBILE)}${r.int(0, 9)} ${n()} ${n()}` : null;
  const words = c.fullName.split(' ');
  const local = `${ascii(words.at(-1)!)}${words.slice(0, -1).map((w) => ascii(w)[0]).join('')}`;
  const domain: Record<string, string> = {
    'VL-DN-VTL': 'viettel.com.vn', 'VL-DN-VNPT': 'vnpt.vn', 'VL-DN-MBF': 'mobifone.vn', 'VL-DN-BDT': 'vnpost.vn', 'VL-DN-VTP': 'viettelpost.com.vn',
    'VL-BAO': 'baovanlinh.vn', 'VL-PTTH': 'ptthvanlinh.vn',
  };
  if (!r.chance(0.8)) return { phone, email: null };
  let email = `${local}@${domain[m.unit.code] ?? 'vanlinh.gov.vn'}`;
  for (let i = 2; used.has(email); i++) email = `${local}${i}@${domain[m.unit.code] ?? 'vanlinh.gov.vn'}`;
  used.add(email);
  return { phone, email };
}

export async function seedPeople(db: Db, org: Org, users: Users, today: string): Promise<People> {
  const dir = buildCareers(org, users, today);
  const rows = dir.careers
    .map((c) => ({ c, memberships: materialize(c, today) }))
    .filter((x) => x.memberships.length > 0);
  const ids = await allocIds(db, 'people', rows.length);
  const all: DemoPerson[] = rows.map(({ c, memberships }, i) => ({
    id: ids[i], fullName: c.fullName, gender: c.female ? 'female' : 'male', birthDate: c.birthDate, user: c.user, memberships,
  }));
  const vnMorning = (d: string) => `${d}T01:00:00Z`;
  const emails = new Set<string>();
  await insertRows(
    db, 'people',
    [['id', 'int'], ['full_name', 'text'], ['gender', 'text'], ['birth_date', 'date'], ['phone', 'text'], ['email', 'text'], ['user_id', 'int'], ['note', 'text'],
      ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    rows.map(({ c, memberships }, i) => {
      const { phone, email } = contact(c, memberships.at(-1)!, emails);
      const lastChange = memberships.reduce((d, m) => later(d, m.validTo && m.validTo < today ? addDays(m.validTo, 1) : m.validFrom), memberships[0].validFrom);
      return [ids[i], c.fullName, c.female ? 'female' : 'male', c.birthDate, phone, email, c.user?.id ?? null, c.note,
        vnMorning(memberships[0].validFrom), vnMorning(later(lastChange, memberships[0].validFrom))];
    }),
  );
  const ms = all.flatMap((p) => p.memberships.map((m) => ({ p, m })));
  await insertRows(
    db, 'person_memberships',
    [['person_id', 'int'], ['org_unit_id', 'int'], ['position', 'text'], ['valid_from', 'date'], ['valid_to', 'date'], ['end_reason', 'text']],
    ms.map(({ p, m }) => [p.id, m.unit.id, m.position, m.validFrom, m.validTo, m.endReason]),
  );
  return peopleIndex(org, all, ms.length);
}

const holds = (m: DemoMembership, date: string) =>
  m.validFrom <= date && (m.validTo === null || m.validTo >= date) && m.unit.validFrom <= date && (m.unit.validTo === null || m.unit.validTo >= date);

const HEADS = new Set(Object.values(ROLES).flatMap((r) => [r.head, r.head.replace(/ xã$/, ' phường')]));
const DEPUTIES = new Set(Object.values(ROLES).flatMap((r) => [r.deputy, r.deputy.replace(/ xã$/, ' phường')]));
/** Heads, deputies, heads of a part of the unit, everyone else. */
const rank = (position: string) => (HEADS.has(position) ? 0 : DEPUTIES.has(position) ? 1 : /^(Phó )?(Trưởng|Thư ký)/.test(position) ? 2 : 3);

function peopleIndex(org: Org, all: DemoPerson[], memberships: number): People {
  const byUnit = new Map<string, { person: DemoPerson; membership: DemoMembership }[]>();
  for (const person of all)
    for (const membership of person.memberships) {
      const list = byUnit.get(membership.unit.code) ?? [];
      list.push({ person, membership });
      byUnit.set(membership.unit.code, list);
    }
  const membersOn = (unitCode: string, date: string): Member[] =>
    (byUnit.get(unitCode) ?? [])
      .filter((x) => holds(x.membership, date))
      .map((x) => ({ person: x.person, position: x.membership.position, membership: x.membership }))
      .sort((a, b) => rank(a.position) - rank(b.position) || comparePersonNames(a.person.fullName, b.person.fullName) || a.person.id - b.person.id);
  const departmentOn = (date: string) => (date < DEPT_MERGE_DATE ? org.oldDept : org.newDept);
  const headOn = (unitCode: string, date: string) => membersOn(unitCode, date).find((m) => rank(m.position) === 0)?.person ?? null;
  const byUser = new Map(all.filter((p) => p.user).map((p) => [p.user!.username, p]));
  return {
    all,
    memberships,
    membersOn,
    departmentOn,
    directorOn: (date) => {
      const d = membersOn(departmentOn(date).code, date).find((m) => m.position === 'Giám đốc Sở');
      if (!d) throw new Error(`demo people: no director on ${date}`);
      return d.person;
    },
    deputiesOn: (date) => membersOn(departmentOn(date).code, date).filter((m) => m.position === 'Phó Giám đốc Sở').map((m) => m.person),
    officeOn: (date) => {
      const staff = membersOn(org.division.vp.code, date);
      return {
        chief: staff.find((m) => m.position === 'Chánh Văn phòng')?.person ?? null,
        deputies: staff.filter((m) => m.position === 'Phó Chánh Văn phòng').map((m) => m.person),
        staff: staff.filter((m) => rank(m.position) >= 2).map((m) => m.person),
      };
    },
    provinceLeadersOn: (date) => membersOn(org.province.code, date),
    headOn,
    byUsername: (username) => byUser.get(username),
    positionOn: (person, date) => {
      const m = person.memberships.find((x) => holds(x, date));
      return m ? { unit: m.unit, position: m.position } : null;
    },
  };
}
