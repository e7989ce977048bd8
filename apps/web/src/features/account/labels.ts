import type { GlobalAction } from '@nhip/contracts';

/** What each global ability lets a person do, for the profile page. */
export const ABILITY_LABELS: Record<GlobalAction, { vi: string; en: string }> = {
  'org.manage': { vi: 'Quản lý cơ cấu tổ chức, đơn vị', en: 'Manage the organisation' },
  'catalog.manage': { vi: 'Quản lý danh mục chỉ tiêu, biểu mẫu', en: 'Manage indicators and forms' },
  'rounds.manage': { vi: 'Mở, đóng đợt báo cáo', en: 'Open and close reporting rounds' },
  'users.manage': { vi: 'Quản lý người dùng', en: 'Manage users' },
  'audit.read': { vi: 'Xem nhật ký hệ thống', en: 'Read the audit log' },
  'tokens.own': { vi: 'Tạo mã truy cập cá nhân', en: 'Create personal access tokens' },
  'metadata.import': { vi: 'Nhập, xuất danh mục và số liệu', en: 'Import and export metadata and data' },
  'data.importApproved': { vi: 'Nhập số liệu ở trạng thái đã duyệt', en: 'Import data as approved' },
  'completeness.read': { vi: 'Xem tình hình nộp báo cáo', en: 'See reporting completeness' },
  'settings.manage': { vi: 'Cấu hình hệ thống', en: 'System settings' },
  'people.manage': { vi: 'Quản lý danh sách cán bộ của mọi đơn vị', en: 'Manage the staff of every unit' },
  'conferences.manage': { vi: 'Tổ chức hội nghị sơ kết, tổng kết', en: 'Organise review conferences' },
  'recommendations.manage': { vi: 'Quản lý sổ theo dõi kiến nghị', en: 'Manage the register of recommendations' },
  'recommendations.triage': { vi: 'Phân loại kiến nghị mới tiếp nhận', en: 'Triage incoming recommendations' },
  'awards.manage': { vi: 'Quản lý thi đua, khen thưởng: danh mục, quy định, hồ sơ đề nghị', en: 'Run emulation and commendation: catalog, rules, nominations' },
  'news.write': { vi: 'Viết, đăng và đính chính tin bài', en: 'Write, publish and correct news articles' },
  'news.approve': { vi: 'Duyệt tin bài trước khi đăng', en: 'Approve news articles before publication' },
  'summary.write': { vi: 'Sửa, làm mới số liệu và trình ký báo cáo tổng kết', en: 'Edit and submit the summary report' },
  'summary.approve': { vi: 'Duyệt, cấp số hoặc trả lại báo cáo tổng kết', en: 'Approve, number or return the summary report' },
};
