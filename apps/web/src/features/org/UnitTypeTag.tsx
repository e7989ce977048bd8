import { UNIT_TYPE_LABELS, type UnitType } from '@nhip/contracts';
import { Tag } from 'antd';
import { useLang } from '../../app/i18n';
import { UNIT_TYPE_COLORS } from './labels';

export function UnitTypeTag({ type }: { type: UnitType }) {
  const lang = useLang();
  return (
    <Tag color={UNIT_TYPE_COLORS[type] ?? 'default'} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {UNIT_TYPE_LABELS[type]?.[lang] ?? type}
    </Tag>
  );
}
