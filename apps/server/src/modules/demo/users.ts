/**
 * Demo users: the named accounts for trying each role, and one reporter per reporting unit (so every
 * submission has a submitter). All share one password hash: argon2 is slow, so it is computed once.
 */
import type { Db } from '../../platform/db/index.js';
import type { SeededForm } from './forms.js';
import { COMMUNE_REFORM_DATE, type Org, type Unit, validOn } from './org.js';
import { rngFor } from './rng.js';
import { allocIds, insertRows } from './sql.js';

export type DemoUser = { id: number; username: string; fullName: string; role: string; unit: Unit; title: string; active: boolean; named: boolean };
export type Users = {
  all: DemoUser[];
  named: DemoUser[];
  byName: (username: string) => DemoUser;
  /** The reporter who submits for a unit. */
  reporterOf: (unit: Unit) => DemoUser;
  /** The reviewer of a form's division. */
  reviewerOf: (form: SeededForm) => DemoUser;
  /** The unit of `baocao` / `lanhdao`. */
  homeUnit: Unit;
  enterpriseUnit: Unit;
};

const FAMILY = ['Nguyễn', 'Hoàng', 'Nông', 'Ma', 'Lục', 'Triệu', 'Hà', 'Đinh', 'Lương', 'Vi', 'Sầm', 'Đàm', 'Trần', 'Phạm', 'Lê', 'Đặng', 'Mông', 'Chu'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quốc', 'Xuân', 'Ngọc', 'Trung', 'Hữu'];
const MIDDLE_F = ['Thị', 'Thị Thu', 'Thị Hồng', 'Thị Minh', 'Thị Ngọc', 'Thùy', 'Thị Kim'];
const GIVEN_M = ['An', 'Bảo', 'Cường', 'Dũng', 'Đạt', 'Giang', 'Hải', 'Hiếu', 'Khải', 'Kiên', 'Long', 'Lợi', 'Nam', 'Nghĩa', 'Phúc', 'Quân', 'Sáng', 'Tài', 'Thắng', 'Trí', 'Vinh', 'Việt'];
const GIVEN_F = ['Anh', 'Chi', 'Dung', 'Duyên', 'Hạnh', 'Hằng', 'Huyền', 'Liên', 'Loan', 'Mai', 'Ngân', 'Nhung', 'Oanh', 'Phượng', 'Quyên', 'Thảo', 'Thúy', 'Vân', 'Xuân', 'Yến'];

function personName(key: string): string {
  const r = rngFor('person', key);
  const female = r.chance(0.5);
  return `${r.pick(FAMILY)} ${r.pick(female ? MIDDLE_F : MIDDLE_M)} ${r.pick(female ? GIVEN_F : GIVEN_M)}`;
}

function reporterTitle(u: Unit): string {
  switch (u.type) {
    case 'district_office':
      return 'Chuyên viên Phòng Văn hóa và Thông tin';
    case 'commune':
      return 'Công chức Văn hóa – Xã hội';
    case 'media_centre':
      return 'Viên chức Trung tâm VH-TT-TT';
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

export async function seedUsers(db: Db, org: Org, forms: SeededForm[], today: string, passwordHash: string): Promise<Users> {
  const homeUnit = org.byCode.get(today >= COMMUNE_REFORM_DATE ? 'VL-X03' : 'VL-H02-VHTT') as Unit;
  const enterpriseUnit = org.byCode.get('VL-DN-VTL') as Unit;
  const commune = homeUnit.type === 'commune';
  type Spec = Omit<DemoUser, 'id'>;
  const specs: Spec[] = [];
  const named = (username: string, fullName: string, role: string, unit: Unit, title: string) =>
    specs.push({ username, fullName, role, unit, title, active: true, named: true });
  named('vanphong', 'Đinh Thị Thu Trang', 'office', org.division.vp, 'Phó Chánh Văn phòng Sở');
  named('thamdinh', 'Lục Văn Khánh', 'reviewer', org.division.bcvt, 'Phó Trưởng phòng Bưu chính – Viễn thông');
  named('thamdinh.cds', 'Nông Thị Hải Yến', 'reviewer', org.division.cds, 'Chuyên viên Phòng Công nghệ thông tin và Chuyển đổi số');
  named('thamdinh.bc', 'Vi Đức Mạnh', 'reviewer', org.division.ttbc, 'Chuyên viên Phòng Thông tin – Báo chí – Xuất bản');
  named('giamdoc', 'Ma Đình Quang', 'director', org.currentDept, 'Giám đốc Sở');
  named('baocao', 'Hà Thị Mai Lan', 'reporter', homeUnit, commune ? 'Công chức Văn hóa – Xã hội' : 'Chuyên viên Phòng Văn hóa và Thông tin');
  named('lanhdao', 'Triệu Văn Bình', 'unit_head', homeUnit, commune ? 'Phó Chủ tịch UBND xã' : 'Trưởng phòng Văn hóa và Thông tin');
  named('khach', 'Lương Minh Châu', 'viewer', org.province, 'Phó Chủ tịch UBND tỉnh');
  named('baocao.dn', 'Sầm Văn Toàn', 'reporter', enterpriseUnit, 'Chuyên viên Phòng Kỹ thuật – Hạ tầng');

  const reporting = new Map<string, Unit>();
  for (const f of forms) for (const u of f.unitList) if (u.type !== 'province') reporting.set(u.code, u);
  for (const u of reporting.values()) {
    if (u === homeUnit || u === enterpriseUnit) continue;
    specs.push({
      username: `bc.${u.code.toLowerCase().replace(/^vl-/, '')}`, fullName: personName(u.code), role: 'reporter', unit: u,
      title: reporterTitle(u), active: validOn(u, today), named: false,
    });
  }

  const ids = await allocIds(db, 'users', specs.length);
  const all: DemoUser[] = specs.map((s, i) => ({ ...s, id: ids[i] }));
  await insertRows(
    db, 'users',
    [['id', 'int'], ['username', 'text'], ['full_name', 'text'], ['password_hash', 'text'], ['role', 'text'], ['org_unit_id', 'int'], ['title', 'text'], ['active', 'bool']],
    all.map((u) => [u.id, u.username, u.fullName, passwordHash, u.role, u.unit.id, u.title, u.active]),
  );
  const byUsername = new Map(all.map((u) => [u.username, u]));
  const byName = (username: string) => {
    const u = byUsername.get(username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return u;
  };
  const reporters = new Map(all.filter((u) => u.role === 'reporter').map((u) => [u.unit.code, u]));
  const reviewerByDivision: Record<string, string> = { vp: 'vanphong', bcvt: 'thamdinh', cds: 'thamdinh.cds', ttbc: 'thamdinh.bc' };
  return {
    all,
    named: all.filter((u) => u.named),
    byName,
    reporterOf: (unit) => reporters.get(unit.code) ?? byName('vanphong'),
    reviewerOf: (form) => byName(reviewerByDivision[form.division]),
    homeUnit,
    enterpriseUnit,
  };
}
