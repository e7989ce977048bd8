/** The dashboard's period: kind of period (quý, 6 tháng, 9 tháng, năm) and which one. */
import { type PeriodType, periodLabel, periodTypeLabel, toPeriod } from '@nhip/contracts';
import { Segmented, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useL, useLang } from '../../app/i18n';
import { DASHBOARD_PERIOD_TYPES, pickablePeriods, switchPeriodType, todayVN } from './figures';

export function DashboardPeriod({
  value,
  onChange,
  disabled,
}: {
  value: string | null;
  onChange: (id: string) => void;
  disabled?: boolean;
}) {
  const l = useL();
  const lang = useLang();
  const current = value ? toPeriod(value) : null;
  const type: PeriodType = current?.type ?? 'Quarterly';
  const options = useMemo(
    () =>
      pickablePeriods(type, todayVN(), type === 'Yearly' ? 10 : type === 'Quarterly' ? 16 : 8, value).map((p) => ({
        value: p.id,
        label: periodLabel(p, lang),
      })),
    [type, value, lang],
  );
  return (
    <Space wrap size={8} style={{ maxWidth: '100%' }}>
      <Segmented<PeriodType>
        aria-label={l('Loại kỳ', 'Period type')}
        value={type}
        disabled={disabled || !current}
        onChange={(t) => value && onChange(switchPeriodType(value, t))}
        options={DASHBOARD_PERIOD_TYPES.map((t) => ({ value: t, label: periodTypeLabel(t, lang) }))}
      />
      <Select
        aria-label={l('Kỳ báo cáo', 'Period')}
        data-testid="dashboard-period"
        value={value ?? undefined}
        loading={!value}
        disabled={disabled}
        onChange={(v: string) => onChange(v)}
        options={options}
        style={{ width: 210, maxWidth: '100%' }}
      />
    </Space>
  );
}
