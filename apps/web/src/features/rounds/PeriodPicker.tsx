/** Picks a period id of one period type: year, plus quarter / half / month where the type has them. */
import { Select, Space } from 'antd';
import { makePeriod, parsePeriod, type PeriodType, romanQuarter } from '@nhip/contracts';
import { useState } from 'react';
import { useL } from '../../app/i18n';

type Props = { periodType: PeriodType; value?: string; onChange?: (id: string | undefined) => void; disabled?: boolean };

export function PeriodPicker({ periodType, value, onChange, disabled }: Props) {
  const l = useL();
  const current = value ? parsePeriod(value) : null;
  const thisYear = new Date().getFullYear();
  const [pickedYear, setPickedYear] = useState(current?.year ?? thisYear);
  const year = current?.year ?? pickedYear;
  const index = current && current.type === periodType ? current.index : undefined;
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

  const indexOptions = (() => {
    switch (periodType) {
      case 'Quarterly':
        return [1, 2, 3, 4].map((i) => ({ value: i, label: l(`Quý ${romanQuarter(i)}`, `Q${i}`) }));
      case 'SixMonthly':
        return [
          { value: 1, label: l('6 tháng đầu năm', 'First half') },
          { value: 2, label: l('6 tháng cuối năm', 'Second half') },
        ];
      case 'Monthly':
        return Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: l(`Tháng ${i + 1}`, `Month ${i + 1}`) }));
      default:
        return null;
    }
  })();

  const emit = (y: number, i: number | undefined) => {
    const idx = indexOptions ? i : 1;
    onChange?.(idx ? makePeriod(periodType, y, idx)?.id : undefined);
  };

  return (
    <Space.Compact block>
      {indexOptions ? (
        <Select
          aria-label={l('Kỳ trong năm', 'Period of the year')}
          style={{ width: '60%' }}
          placeholder={periodType === 'Quarterly' ? l('Chọn quý', 'Choose a quarter') : periodType === 'Monthly' ? l('Chọn tháng', 'Choose a month') : l('Chọn kỳ', 'Choose')}
          options={indexOptions}
          value={index}
          disabled={disabled}
          onChange={(i: number) => emit(year, i)}
        />
      ) : null}
      <Select
        aria-label={l('Năm', 'Year')}
        style={{ width: indexOptions ? '40%' : '100%' }}
        options={years.map((y) => ({ value: y, label: periodType === 'NineMonthly' ? l(`9 tháng năm ${y}`, `9 months ${y}`) : l(`Năm ${y}`, `${y}`) }))}
        value={year}
        placeholder={l('Năm', 'Year')}
        disabled={disabled}
        onChange={(y: number) => {
          setPickedYear(y);
          emit(y, index);
        }}
      />
    </Space.Compact>
  );
}
