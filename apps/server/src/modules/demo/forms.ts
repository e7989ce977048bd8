/** Report forms (sections, elements, assigned units) and targets of the demo province. */
import type { PeriodType, ReportKind } from '@nhip/contracts';
import type { Db } from '../../platform/db/index.js';
import type { Catalog } from './catalog.js';
import type { Org, Unit } from './org.js';
import { validOn } from './org.js';
import { rngFor } from './rng.js';
import { allocIds, insertRows } from './sql.js';

export type FormCode = 'BC-VHTT-Q' | 'BC-DN-Q' | 'BC-BCHI-6T' | 'BC-TT-Q' | 'BC-CNTT-Q' | 'BC-NAM' | 'TK-NAM';

type SectionDef = { title: string; titleEn: string; elements: string[] };
export type FormDef = {
  code: FormCode;
  name: string;
  nameEn: string;
  periodType: PeriodType;
  kind: ReportKind;
  division: 'vp' | 'bcvt' | 'cds' | 'ttbc';
  narrative: boolean;
  description: string;
  sections: SectionDef[];
  required: string[];
  units: (org: Org) => Unit[];
};

export const FORMS: FormDef[] = [
  {
    code: 'BC-VHTT-Q', periodType: 'Quarterly', kind: 'administrative', division: 'bcvt', narrative: true,
    name: 'Báo cáo kết quả công tác thông tin và truyền thông quý của cấp huyện, cấp xã',
    nameEn: 'Quarterly ICT work report of district offices and communes',
    description: 'Phòng Văn hóa và Thông tin các huyện, thành phố báo cáo đến hết quý II/2025; từ quý III/2025 do UBND các xã, phường báo cáo sau sắp xếp đơn vị hành chính.',
    sections: [
      { title: 'I. Bưu chính, viễn thông, Internet', titleEn: 'I. Postal services, telecommunications, Internet',
        elements: ['BC_DIEM_PV', 'BC_DIEM_VHX', 'BTS_VITRI', 'BTS_DUNGCHUNG', 'THON_TONG', 'THON_CAPQUANG', 'THON_PHUSONG', 'VT_DAILY_INTERNET', 'VT_CAPPHEP_BTS', 'VT_KIEMTRA'] },
      { title: 'II. Ứng dụng công nghệ thông tin, chuyển đổi số', titleEn: 'II. IT use and digital transformation',
        elements: ['HS_TTHC_TONG', 'HS_TTHC_TRUCTUYEN', 'HS_TTHC_SOHOA', 'HS_THANHTOAN_TT', 'VB_DI_TONG', 'VB_DIENTU', 'VB_KYSO', 'CDS_TCN_SO', 'CDS_TCN_TV',
          'CDS_TAPHUAN', 'CDS_TK_DINHDANH', 'CDS_HKD_KTTM', 'CDS_WIFI', 'CB_CNTT'] },
      { title: 'III. An toàn thông tin mạng', titleEn: 'III. Cyber security', elements: ['ATTT_HT_TONG', 'ATTT_HT_PHEDUYET', 'ATTT_MAYTINH', 'ATTT_MAY_PCMD', 'ATTT_SUCO'] },
      { title: 'IV. Thông tin cơ sở, truyền thanh', titleEn: 'IV. Grassroots information and radio',
        elements: ['DTT_SO', 'DTT_UDCNTT', 'DTT_CUMLOA', 'TTCS_BANGTIN', 'TTCS_TIN_TTDT', 'TTCS_PANO', 'TTCS_TAILIEU', 'TTCS_HOINGHI', 'TTCS_OTT'] },
      { title: 'V. Báo chí, xuất bản', titleEn: 'V. Press and publishing', elements: ['XB_BANTIN', 'BCHI_PHATNGON', 'BCHI_TT_SAILECH', 'XB_KIEMTRA'] },
    ],
    required: ['BTS_VITRI', 'THON_TONG', 'THON_CAPQUANG', 'HS_TTHC_TONG', 'HS_TTHC_TRUCTUYEN', 'VB_DI_TONG', 'VB_KYSO', 'DTT_SO', 'DTT_UDCNTT'],
    units: (o) => [...o.districtOffices, ...o.newCommunes],
  },
  {
    code: 'BC-DN-Q', periodType: 'Quarterly', kind: 'administrative', division: 'bcvt', narrative: true,
    name: 'Báo cáo tình hình hoạt động bưu chính, viễn thông quý của doanh nghiệp',
    nameEn: 'Quarterly report of postal and telecom enterprises',
    description: 'Các chi nhánh, doanh nghiệp bưu chính, viễn thông trên địa bàn báo cáo hạ tầng, thuê bao, chất lượng dịch vụ và doanh thu.',
    sections: [
      { title: 'I. Hạ tầng viễn thông', titleEn: 'I. Telecom infrastructure', elements: ['DN_TRAM_2G', 'DN_TRAM_4G', 'DN_TRAM_5G', 'DN_CAPQUANG_KM'] },
      { title: 'II. Thuê bao và chất lượng dịch vụ', titleEn: 'II. Subscriptions and quality of service',
        elements: ['DN_TB_DD', 'DN_TB_DD_MOI', 'DN_TB_BR', 'DN_TB_BR_MOI', 'DN_TOCDO_DD', 'VT_MAT_LL_MAX', 'VT_SUCO'] },
      { title: 'III. Bưu chính', titleEn: 'III. Postal services', elements: ['BC_SANLUONG', 'BC_HCC'] },
      { title: 'IV. Doanh thu, nộp ngân sách', titleEn: 'IV. Revenue and taxes', elements: ['VT_DOANHTHU', 'BC_DOANHTHU', 'DN_NOPNS'] },
    ],
    required: ['DN_NOPNS'],
    units: (o) => o.enterprises,
  },
  {
    code: 'BC-BCHI-6T', periodType: 'SixMonthly', kind: 'administrative', division: 'ttbc', narrative: true,
    name: 'Báo cáo hoạt động báo chí 6 tháng của cơ quan báo chí',
    nameEn: 'Six-monthly report of press agencies',
    description: 'Kết quả thông tin, tuyên truyền, nhân lực và tài chính của cơ quan báo chí địa phương.',
    sections: [
      { title: 'I. Sản phẩm báo chí', titleEn: 'I. Output', elements: ['BCHI_TINBAI', 'BCHI_PHONGSU', 'BCHI_THOILUONG', 'BCHI_TRUYCAP', 'BCHI_CHUYENMUC'] },
      { title: 'II. Nhân lực, tài chính', titleEn: 'II. Staff and finance', elements: ['BCHI_THENB', 'BCHI_NHANLUC', 'BCHI_DOANHTHU'] },
    ],
    required: ['BCHI_TINBAI', 'BCHI_NHANLUC'],
    units: (o) => o.press,
  },
  {
    code: 'BC-TT-Q', periodType: 'Quarterly', kind: 'administrative', division: 'ttbc', narrative: true,
    name: 'Báo cáo hoạt động truyền thanh cơ sở quý',
    nameEn: 'Quarterly report of grassroots radio stations',
    description: 'Trung tâm Văn hóa, Thể thao và Truyền thông cấp huyện (đến 30/6/2025) và đài truyền thanh cấp xã báo cáo.',
    sections: [
      { title: 'I. Hạ tầng truyền thanh', titleEn: 'I. Radio infrastructure', elements: ['TT_CUMLOA_HD', 'TT_CUMLOA_HONG', 'TT_CUMLOA_TM'] },
      { title: 'II. Nội dung phát sóng', titleEn: 'II. Broadcasting', elements: ['TT_TIN_PHAT', 'TT_CHUONGTRINH', 'TT_THOILUONG', 'TT_TIEPSONG'] },
      { title: 'III. Nhân lực', titleEn: 'III. Staff', elements: ['TT_NHANLUC', 'TT_NHANLUC_DT'] },
    ],
    required: ['TT_CUMLOA_HD', 'TT_CUMLOA_HONG', 'TT_THOILUONG'],
    units: (o) => [...o.mediaCentres, ...o.oldRadios, ...o.newRadios],
  },
  {
    code: 'BC-CNTT-Q', periodType: 'Quarterly', kind: 'administrative', division: 'cds', narrative: true,
    name: 'Báo cáo công nghệ thông tin, chuyển đổi số và an toàn thông tin quý',
    nameEn: 'Quarterly IT, digital transformation and cyber-security report',
    description: 'Trung tâm Công nghệ thông tin và Truyền thông báo cáo vận hành hạ tầng, nền tảng dùng chung, dịch vụ công trực tuyến và an toàn thông tin.',
    sections: [
      { title: 'I. Hạ tầng, nền tảng dùng chung', titleEn: 'I. Shared infrastructure and platforms', elements: ['CNTT_HT_VANHANH', 'CNTT_UPTIME_MIN', 'CNTT_TRUYCAP_CONG', 'CKS_CAP'] },
      { title: 'II. Dịch vụ công trực tuyến', titleEn: 'II. Online public services', elements: ['DVC_TOANTRINH', 'DVC_PHATSINH'] },
      { title: 'III. An toàn thông tin', titleEn: 'III. Cyber security', elements: ['ATTT_HT_TONG', 'ATTT_HT_PHEDUYET', 'ATTT_CANHBAO', 'ATTT_MADOC', 'ATTT_DIENTAP'] },
    ],
    required: ['CNTT_UPTIME_MIN', 'DVC_TOANTRINH', 'ATTT_HT_TONG', 'ATTT_HT_PHEDUYET'],
    units: (o) => [o.itCentre],
  },
  {
    code: 'BC-NAM', periodType: 'Yearly', kind: 'administrative', division: 'vp', narrative: true,
    name: 'Báo cáo tổng kết công tác thông tin và truyền thông năm',
    nameEn: 'Yearly ICT work report',
    description: 'Báo cáo tổng kết năm phục vụ Hội nghị tổng kết ngành; kèm đề xuất khen thưởng.',
    sections: [
      { title: 'I. Kết quả thực hiện chỉ tiêu năm', titleEn: 'I. Yearly results', elements: ['CDS_DTI', 'CDS_KEHOACH', 'CNTT_KINHPHI', 'CB_DAOTAO'] },
      { title: 'II. Thi đua, khen thưởng', titleEn: 'II. Emulation and commendation', elements: ['TD_CSTD', 'TD_GIAYKHEN'] },
    ],
    required: ['CNTT_KINHPHI'],
    units: (o) => [...o.districtOffices, ...o.newCommunes, o.itCentre],
  },
  {
    code: 'TK-NAM', periodType: 'Yearly', kind: 'statistical', division: 'vp', narrative: false,
    name: 'Báo cáo thống kê ngành thông tin và truyền thông cấp tỉnh',
    nameEn: 'Provincial ICT statistics (yearly)',
    description: 'Biểu thống kê năm theo năm dương lịch; chỉ tiêu chỉ có ý nghĩa ở cấp tỉnh (số doanh nghiệp, cơ quan báo chí, dân số).',
    sections: [
      { title: 'I. Bưu chính, viễn thông', titleEn: 'I. Postal and telecom', elements: ['BC_DN_SO', 'VT_DN_SO', 'VT_PHUSONG_DS'] },
      { title: 'II. Báo chí, xuất bản', titleEn: 'II. Press and publishing', elements: ['BCHI_CQ_SO', 'XB_CS_IN', 'XB_XUATBANPHAM'] },
      { title: 'III. Dân số', titleEn: 'III. Population', elements: ['DAN_SO', 'HO_GD'] },
    ],
    required: ['BC_DN_SO', 'VT_DN_SO', 'DAN_SO'],
    units: (o) => [o.province],
  },
];

export type SeededForm = FormDef & { id: number; elementCodes: string[]; unitList: Unit[] };

export async function seedForms(db: Db, org: Org, cat: Catalog): Promise<SeededForm[]> {
  const ids = await allocIds(db, 'report_forms', FORMS.length);
  const forms: SeededForm[] = FORMS.map((f, i) => ({ ...f, id: ids[i], elementCodes: f.sections.flatMap((s) => s.elements), unitList: f.units(org) }));
  await insertRows(
    db, 'report_forms',
    [['id', 'int'], ['code', 'text'], ['name', 'text'], ['name_en', 'text'], ['period_type', 'text'], ['kind', 'text'], ['division_id', 'int'], ['narrative', 'bool'], ['description', 'text']],
    forms.map((f) => [f.id, f.code, f.name, f.nameEn, f.periodType, f.kind, org.division[f.division].id, f.narrative, f.description]),
  );
  const sections = forms.flatMap((f) => f.sections.map((s, i) => ({ form: f, s, sort: i + 1 })));
  const sectionIds = await allocIds(db, 'form_sections', sections.length);
  await insertRows(db, 'form_sections', [['id', 'int'], ['form_id', 'int'], ['title', 'text'], ['title_en', 'text'], ['sort', 'int']],
    sections.map((x, i) => [sectionIds[i], x.form.id, x.s.title, x.s.titleEn, x.sort]));
  const fe: unknown[][] = [];
  sections.forEach((x, i) => {
    const base = x.form.elementCodes.indexOf(x.s.elements[0]);
    x.s.elements.forEach((code, j) => {
      const id = cat.elementIds.get(code);
      if (!id) throw new Error(`demo form ${x.form.code}: unknown element ${code}`);
      fe.push([x.form.id, sectionIds[i], id, base + j + 1, x.form.required.includes(code)]);
    });
  });
  await insertRows(db, 'form_elements', [['form_id', 'int'], ['section_id', 'int'], ['data_element_id', 'int'], ['sort', 'int'], ['required', 'bool']], fe);
  await insertRows(db, 'form_units', [['form_id', 'int'], ['org_unit_id', 'int']], forms.flatMap((f) => f.unitList.map((u) => [f.id, u.id])));
  return forms;
}

/** Targets for the previous and the current year: province-wide, and a few per unit. */
export async function seedTargets(db: Db, org: Org, cat: Catalog, today: string): Promise<number> {
  const year = Number(today.slice(0, 4));
  const rows: unknown[][] = [];
  const add = (kind: 'de' | 'ind', code: string, unit: Unit, y: number, value: number, note: string) => {
    const id = kind === 'de' ? cat.elementIds.get(code) : cat.indicatorIds.get(code);
    if (!id) throw new Error(`demo target: unknown ${kind} ${code}`);
    rows.push([kind === 'de' ? id : null, kind === 'ind' ? id : null, unit.id, y, value, note]);
  };
  for (const y of [year - 1, year]) {
    const k = y - 2022;
    const plan = `Kế hoạch phát triển ngành thông tin và truyền thông năm ${y} của UBND tỉnh`;
    const cds = `Kế hoạch chuyển đổi số năm ${y} của tỉnh`;
    add('de', 'THON_CAPQUANG', org.province, y, Math.min(1733, 1560 + 40 * k), plan);
    add('de', 'BTS_VITRI', org.province, y, 1280 + 60 * k, plan);
    add('de', 'CDS_TAPHUAN', org.province, y, 24000 + 2000 * k, cds);
    add('de', 'VT_DOANHTHU', org.province, y, Math.round(1_420_000 * 1.05 ** k), plan);
    add('de', 'DTT_UDCNTT', org.province, y, Math.min(108, 40 + 20 * k), 'Đề án nâng cấp hệ thống truyền thanh cơ sở ứng dụng CNTT – viễn thông');
    add('ind', 'TL_THON_CAPQUANG', org.province, y, Math.min(99.5, 90 + 2 * k), plan);
    add('ind', 'TL_HS_TRUCTUYEN', org.province, y, Math.min(80, 30 + 10 * k), cds);
    add('ind', 'TL_VB_KYSO', org.province, y, Math.min(99, 90 + 2.5 * k), cds);
    add('ind', 'TL_BTS_DUNGCHUNG', org.province, y, 25 + 2 * k, plan);
    add('ind', 'TB_DD_100DAN', org.province, y, 112 + 3 * k, plan);
    add('ind', 'TL_ATTT_CAPDO', org.province, y, k >= 2 ? 100 : 80, 'Kế hoạch bảo đảm an toàn thông tin mạng của tỉnh');
    // a ceiling (less is better): no more than 27 incidents in 2025, 24 in 2026 — the recorded 4–7 a quarter sit mostly
    // below it, with the odd quarter above (the dashboard shows ATTT_SUCO among the ATTT key figures; VT_SUCO is not)
    add('de', 'ATTT_SUCO', org.province, y, Math.max(12, 36 - 3 * k), 'Kế hoạch bảo đảm an toàn thông tin mạng của tỉnh: số sự cố không vượt quá mức trần');
    add('ind', 'TL_DTT_UDCNTT', org.province, y, Math.min(100, 40 + 20 * k), 'Đề án nâng cấp hệ thống truyền thanh cơ sở ứng dụng CNTT – viễn thông');
    // per unit: the online-dossier ratio assigned to each reporting district office / commune, 5G sites to carriers
    const yearEnd = `${y}-12-31`;
    for (const u of [...org.districtOffices, ...org.newCommunes].filter((x) => validOn(x, yearEnd))) {
      const r = rngFor('target', u.code, y);
      add('ind', 'TL_HS_TRUCTUYEN', u, y, Math.min(80, 25 + 10 * k + r.int(-2, 2) * 5), `Giao tại Kế hoạch chuyển đổi số năm ${y}`);
    }
    if (y >= 2025) {
      const step: Record<string, number> = { 'VL-DN-VTL': 28, 'VL-DN-VNPT': 15, 'VL-DN-MBF': 9 };
      for (const e of org.enterprises.filter((x) => step[x.code])) {
        add('de', 'DN_TRAM_5G', e, y, step[e.code] * (4 * (y - 2024) + 2), 'Cam kết phát triển hạ tầng 5G của doanh nghiệp');
      }
    }
  }
  await insertRows(db, 'targets', [['data_element_id', 'int'], ['indicator_id', 'int'], ['org_unit_id', 'int'], ['year', 'int'], ['value', 'numeric'], ['note', 'text']], rows);
  return rows.length;
}
