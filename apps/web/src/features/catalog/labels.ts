import type { AggregationType, ValueType } from '@nhip/contracts';
import type { FormKind, Importance, MissingValueStrategy } from './api';

type L = { vi: string; en: string };

export const VALUE_TYPE_LABELS: Record<ValueType, L & { color: string }> = {
  INTEGER: { vi: 'Số nguyên', en: 'Integer', color: 'blue' },
  NUMBER: { vi: 'Số thập phân', en: 'Number', color: 'geekblue' },
  PERCENTAGE: { vi: 'Tỷ lệ (%)', en: 'Percentage', color: 'purple' },
  BOOLEAN: { vi: 'Có / Không', en: 'Yes / No', color: 'cyan' },
  TEXT: { vi: 'Văn bản', en: 'Text', color: 'default' },
};

export const AGGREGATION_LABELS: Record<AggregationType, L & { hint: L; color: string }> = {
  SUM: {
    vi: 'Cộng dồn',
    en: 'Sum',
    color: 'green',
    hint: { vi: 'Cộng theo thời gian và theo đơn vị (doanh thu, thuê bao mới)', en: 'Adds over time and units (revenue, new subscribers)' },
  },
  LAST: {
    vi: 'Số cuối kỳ',
    en: 'Last value',
    color: 'gold',
    hint: {
      vi: 'Lấy giá trị cuối kỳ, cộng theo đơn vị (số trạm BTS, số doanh nghiệp)',
      en: 'Stock at period end, summed over units (BTS sites)',
    },
  },
  AVERAGE: {
    vi: 'Trung bình',
    en: 'Average',
    color: 'orange',
    hint: { vi: 'Trung bình theo thời gian và đơn vị', en: 'Average over time and units' },
  },
  AVERAGE_SUM_ORG_UNIT: {
    vi: 'TB thời gian, cộng đơn vị',
    en: 'Avg in time, sum in units',
    color: 'volcano',
    hint: { vi: 'Trung bình theo thời gian rồi cộng các đơn vị', en: 'Averaged over time, then summed across units' },
  },
  MIN: { vi: 'Nhỏ nhất', en: 'Minimum', color: 'lime', hint: { vi: 'Giá trị nhỏ nhất', en: 'Smallest value' } },
  MAX: { vi: 'Lớn nhất', en: 'Maximum', color: 'magenta', hint: { vi: 'Giá trị lớn nhất', en: 'Largest value' } },
  NONE: {
    vi: 'Không tổng hợp',
    en: 'Not aggregated',
    color: 'default',
    hint: { vi: 'Không cộng lên cấp trên (chỉ báo cáo ở một cấp)', en: 'Not rolled up' },
  },
};

export const FORM_KIND_LABELS: Record<FormKind, L & { hint: L }> = {
  administrative: {
    vi: 'Báo cáo hành chính',
    en: 'Administrative report',
    hint: {
      vi: 'Kỳ chốt số liệu theo Nghị định 09/2019 (từ ngày 15 tháng trước kỳ đến 14 tháng cuối kỳ)',
      en: 'Cut-off per Decree 09/2019',
    },
  },
  statistical: {
    vi: 'Báo cáo thống kê',
    en: 'Statistical report',
    hint: { vi: 'Kỳ theo lịch dương (Thông tư 03/2022, 04/2022)', en: 'Calendar periods (Circulars 03 and 04/2022)' },
  },
};

export const IMPORTANCE_LABELS: Record<Importance, L & { color: string }> = {
  error: { vi: 'Lỗi — chặn nộp', en: 'Error — blocks submit', color: 'error' },
  warning: { vi: 'Cảnh báo', en: 'Warning', color: 'warning' },
};

export const MISSING_LABELS: Record<MissingValueStrategy, L> = {
  SKIP_IF_ANY_VALUE_MISSING: { vi: 'Bỏ qua nếu thiếu bất kỳ số liệu nào', en: 'Skip if any value is missing' },
  SKIP_IF_ALL_VALUES_MISSING: { vi: 'Bỏ qua nếu thiếu tất cả số liệu', en: 'Skip if all values are missing' },
  NEVER_SKIP: { vi: 'Luôn kiểm tra (thiếu coi như 0)', en: 'Always check (missing counts as 0)' },
};
