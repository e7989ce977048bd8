import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';
import { useL } from '../app/i18n';

export const VN_DATE = 'DD/MM/YYYY';
/** Accepts what people type: 1/8/2025, 01-08-2025, 01.08.2025. */
const INPUT_FORMATS = [VN_DATE, 'D/M/YYYY', 'DD-MM-YYYY', 'D-M-YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'];

/** A date picker whose value is an ISO 'YYYY-MM-DD' string (what the API speaks), shown as dd/mm/yyyy. */
export function DateField({
  value,
  onChange,
  placeholder,
  allowClear = true,
  style,
  disabled,
  id,
  disabledDate,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  disabled?: boolean;
  id?: string;
  disabledDate?: (iso: string) => boolean;
}) {
  const l = useL();
  return (
    <DatePicker
      id={id}
      value={value ? dayjs(value, 'YYYY-MM-DD') : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      format={INPUT_FORMATS}
      placeholder={placeholder ?? l('dd/mm/yyyy', 'dd/mm/yyyy')}
      allowClear={allowClear}
      style={style}
      disabled={disabled}
      disabledDate={disabledDate ? (d) => disabledDate(d.format('YYYY-MM-DD')) : undefined}
    />
  );
}

/** ISO date of today in Vietnam (UTC+7), independent of the browser's zone. */
export function todayVN(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}
