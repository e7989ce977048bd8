import type { EndReason } from './api';

export const GENDER_LABELS: Record<'male' | 'female', { vi: string; en: string }> = {
  male: { vi: 'Nam', en: 'Male' },
  female: { vi: 'Nữ', en: 'Female' },
};

export const END_REASON_LABELS: Record<EndReason, { vi: string; en: string }> = {
  moved: { vi: 'Chuyển công tác', en: 'Moved' },
  retired: { vi: 'Nghỉ hưu', en: 'Retired' },
  left: { vi: 'Thôi việc, chuyển ra ngoài ngành', en: 'Left the sector' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
};

/** What the people directory says about personal data, wherever it is hidden. */
export const PERSONAL_DATA_NOTE = {
  vi: 'Số điện thoại, thư điện tử, ngày sinh và ghi chú là dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP): chỉ Văn phòng Sở, quản trị và đơn vị của cán bộ được xem.',
  en: 'Phone, e-mail, birth date and note are personal data (Decree 13/2023): shown only to the department office, administrators and the person’s own unit.',
};
