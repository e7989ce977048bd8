import type { UnitType } from '@nhip/contracts';
import type { LineageKind } from '../../components/orgUnits';

export const LINEAGE_LABELS: Record<LineageKind, { vi: string; en: string }> = {
  rename: { vi: 'Đổi tên', en: 'Renamed' },
  merge: { vi: 'Sáp nhập', en: 'Merged' },
  split: { vi: 'Chia tách', en: 'Split' },
  transfer: { vi: 'Điều chuyển', en: 'Transferred' },
};

export const UNIT_TYPE_COLORS: Record<UnitType, string> = {
  province: 'geekblue',
  department: 'blue',
  division: 'cyan',
  it_centre: 'purple',
  district: 'gold',
  district_office: 'orange',
  media_centre: 'volcano',
  commune: 'green',
  radio_station: 'lime',
  enterprise: 'magenta',
  press_agency: 'red',
  other: 'default',
};
