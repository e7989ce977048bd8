/** Vietnamese names of audit actions and entity types; unknown codes fall back to a composed label or the code. */

export const ENTITY_LABELS: Record<string, { vi: string; en: string }> = {
  user: { vi: 'Người dùng', en: 'User' },
  api_token: { vi: 'Mã truy cập', en: 'Access token' },
  org_unit: { vi: 'Đơn vị', en: 'Org unit' },
  sector: { vi: 'Lĩnh vực', en: 'Sector' },
  data_element: { vi: 'Chỉ tiêu', en: 'Data element' },
  indicator: { vi: 'Chỉ số', en: 'Indicator' },
  report_form: { vi: 'Biểu mẫu', en: 'Report form' },
  validation_rule: { vi: 'Quy tắc kiểm tra', en: 'Validation rule' },
  target: { vi: 'Chỉ tiêu kế hoạch', en: 'Target' },
  round: { vi: 'Đợt báo cáo', en: 'Reporting round' },
  submission: { vi: 'Báo cáo của đơn vị', en: 'Submission' },
  attachment: { vi: 'Tệp đính kèm', en: 'Attachment' },
  data_value: { vi: 'Số liệu', en: 'Data value' },
  datavalues: { vi: 'Số liệu', en: 'Data values' },
  metadata: { vi: 'Danh mục (metadata)', en: 'Metadata' },
  conference: { vi: 'Hội nghị', en: 'Conference' },
  recommendation: { vi: 'Kiến nghị', en: 'Recommendation' },
  settings: { vi: 'Cấu hình', en: 'Settings' },
};

const EXACT: Record<string, { vi: string; en: string }> = {
  'auth.login': { vi: 'Đăng nhập', en: 'Signed in' },
  'auth.login_failed': { vi: 'Đăng nhập không thành công', en: 'Failed sign-in' },
  'auth.locked': { vi: 'Tạm khóa tài khoản (sai mật khẩu)', en: 'Account locked' },
  'auth.logout': { vi: 'Đăng xuất', en: 'Signed out' },
  'user.create': { vi: 'Tạo người dùng', en: 'Created user' },
  'user.update': { vi: 'Sửa người dùng', en: 'Updated user' },
  'user.role': { vi: 'Đổi vai trò người dùng', en: 'Changed user role' },
  'user.password_change': { vi: 'Đổi mật khẩu', en: 'Changed password' },
  'user.password_reset': { vi: 'Đặt lại mật khẩu', en: 'Reset password' },
  'token.create': { vi: 'Tạo mã truy cập', en: 'Created token' },
  'token.revoke': { vi: 'Thu hồi mã truy cập', en: 'Revoked token' },
  'org_unit.import': { vi: 'Nhập danh sách đơn vị (CSV)', en: 'Imported units (CSV)' },
  'report_form.structure': { vi: 'Sửa cấu trúc biểu mẫu', en: 'Changed form structure' },
  'report_form.units': { vi: 'Giao biểu mẫu cho đơn vị', en: 'Assigned form to units' },
  'submission.submit': { vi: 'Nộp báo cáo', en: 'Submitted report' },
  'submission.recall': { vi: 'Rút lại báo cáo', en: 'Recalled report' },
  'submission.approve': { vi: 'Duyệt báo cáo', en: 'Approved report' },
  'submission.return': { vi: 'Trả lại báo cáo', en: 'Returned report' },
  'submission.unlock': { vi: 'Mở khóa báo cáo đã duyệt', en: 'Unlocked report' },
  'submission.narrative': { vi: 'Sửa phần thuyết minh', en: 'Edited narrative' },
  'datavalues.import': { vi: 'Nhập số liệu (dataValueSets)', en: 'Imported data values' },
  'datavalues.approve_import': { vi: 'Nạp số liệu đã duyệt', en: 'Loaded approved data' },
  'metadata.import': { vi: 'Nhập danh mục (metadata)', en: 'Imported metadata' },
  'round.reminder': { vi: 'Nhắc hạn nộp báo cáo', en: 'Deadline reminder' },
  'round.overdue': { vi: 'Báo quá hạn nộp', en: 'Overdue notice' },
};

const VERBS: Record<string, { vi: string; en: string }> = {
  create: { vi: 'Tạo', en: 'Created' },
  update: { vi: 'Sửa', en: 'Updated' },
  delete: { vi: 'Xóa', en: 'Deleted' },
  upload: { vi: 'Tải lên', en: 'Uploaded' },
  import: { vi: 'Nhập', en: 'Imported' },
  export: { vi: 'Xuất', en: 'Exported' },
};

export const KNOWN_ACTIONS = Object.keys(EXACT);

export function actionLabel(action: string, lang: 'vi' | 'en'): string {
  const exact = EXACT[action];
  if (exact) return exact[lang];
  const [entity = '', verb = ''] = action.split('.');
  const v = VERBS[verb];
  const e = ENTITY_LABELS[entity];
  if (v && e) return lang === 'vi' ? `${v.vi} ${e.vi.toLowerCase()}` : `${v.en} ${e.en.toLowerCase()}`;
  return action;
}

export function entityLabel(type: string, lang: 'vi' | 'en'): string {
  return ENTITY_LABELS[type]?.[lang] ?? type;
}
