import { makePeriod, type Period, type PeriodType, periodLabel, periodOf, previousPeriod } from '@nhip/contracts';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { useLang } from '../app/i18n';
import { todayVN } from './DateField';

/** The current period of a type and the `count - 1` before it, newest first. */
export function recentPeriods(type: PeriodType, count: number, today = todayVN()): Period[] {
  let p = periodOf(type, today) ?? makePeriod(type, Number(today.slice(0, 4)), 1);
  const out: Period[] = [];
  while (p && out.length < count) {
    out.push(p);
    try {
      p = previousPeriod(p);
    } catch {
      break;
    }
  }
  return out;
}

/** Picks a period id ('2025Q2') among recent periods of a type, labelled in words ('Quý II năm 2025'). */
export function PeriodSelect({
  type,
  value,
  onChange,
  count = 16,
  style,
  placeholder,
  allowClear,
}: {
  type: PeriodType;
  value?: string | null;
  onChange?: (v: string | null) => void;
  count?: number;
  style?: CSSProperties;
  placeholder?: string;
  allowClear?: boolean;
}) {
  const lang = useLang();
  const options = useMemo(() => recentPeriods(type, count).map((p) => ({ value: p.id, label: periodLabel(p, lang) })), [type, count, lang]);
  return (
    <Select
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      style={style}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ filterOption: (input, opt) => !!opt && `${opt.label} ${opt.value}`.toLowerCase().includes(input.toLowerCase()) }}
    />
  );
}
