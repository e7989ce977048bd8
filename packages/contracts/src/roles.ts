/** Roles, submission statuses and the permission table shared by server and web. */

export const ROLES = ['admin', 'office', 'reviewer', 'director', 'reporter', 'unit_head', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  office: { vi: 'Văn phòng Sở', en: 'Department office' },
  reviewer: { vi: 'Phòng chuyên môn (thẩm định)', en: 'Division reviewer' },
  director: { vi: 'Ban Giám đốc', en: 'Directorate' },
  reporter: { vi: 'Cán bộ báo cáo của đơn vị', en: 'Unit reporter' },
  unit_head: { vi: 'Lãnh đạo đơn vị', en: 'Unit head' },
  viewer: { vi: 'Người xem', en: 'Viewer' },
};

/** Roles bound to one reporting unit: they see and edit only their own unit's data. */
export const UNIT_ROLES: readonly Role[] = ['reporter', 'unit_head'];
/** Roles that see every unit's data. */
export const PROVINCE_WIDE_ROLES: readonly Role[] = ['admin', 'office', 'director', 'viewer'];

export const SUBMISSION_STATUSES = ['not_started', 'draft', 'submitted', 'approved', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const STATUS_LABELS: Record<SubmissionStatus, { vi: string; en: string; color: string }> = {
  not_started: { vi: 'Chưa nộp', en: 'Not started', color: 'default' },
  draft: { vi: 'Nháp', en: 'Draft', color: 'processing' },
  submitted: { vi: 'Đã nộp', en: 'Submitted', color: 'blue' },
  approved: { vi: 'Đã duyệt', en: 'Approved', color: 'success' },
  returned: { vi: 'Trả lại', en: 'Returned', color: 'warning' },
};

export const UNIT_TYPES = [
  'province', 'department', 'division', 'it_centre', 'district', 'district_office', 'media_centre',
  'commune', 'radio_station', 'enterprise', 'press_agency', 'other',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_TYPE_LABELS: Record<UnitType, { vi: string; en: string }> = {
  province: { vi: 'Tỉnh', en: 'Province' },
  department: { vi: 'Sở', en: 'Department' },
  division: { vi: 'Phòng chuyên môn', en: 'Division' },
  it_centre: { vi: 'Đơn vị sự nghiệp', en: 'Service unit' },
  district: { vi: 'Huyện, thành phố', en: 'District' },
  district_office: { vi: 'Phòng Văn hóa và Thông tin', en: 'District culture & information office' },
  media_centre: { vi: 'Trung tâm VH-TT-TT', en: 'Media centre' },
  commune: { vi: 'Xã, phường', en: 'Commune' },
  radio_station: { vi: 'Đài truyền thanh cơ sở', en: 'Grassroots radio station' },
  enterprise: { vi: 'Doanh nghiệp BC-VT', en: 'Postal / telecom enterprise' },
  press_agency: { vi: 'Cơ quan báo chí', en: 'Press agency' },
  other: { vi: 'Khác', en: 'Other' },
};

export const VALUE_TYPES = ['INTEGER', 'NUMBER', 'PERCENTAGE', 'BOOLEAN', 'TEXT'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export const AGGREGATION_TYPES = ['SUM', 'LAST', 'AVERAGE', 'AVERAGE_SUM_ORG_UNIT', 'MIN', 'MAX', 'NONE'] as const;
export type AggregationType = (typeof AGGREGATION_TYPES)[number];
export const NARRATIVE_SECTIONS = ['results', 'difficulties', 'proposals'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export const NARRATIVE_LABELS: Record<NarrativeSection, { vi: string; en: string }> = {
  results: { vi: 'Kết quả đạt được', en: 'Results achieved' },
  difficulties: { vi: 'Khó khăn, vướng mắc', en: 'Difficulties and obstacles' },
  proposals: { vi: 'Đề xuất, kiến nghị', en: 'Proposals and recommendations' },
};
