import { Input, Select } from 'antd';
import { useL, useLang } from '../app/i18n';
import { useSectors } from './sectors';

/** The name/code search every catalog list starts with (matching ignores diacritics). */
export function NameSearch({ value, onChange, width = 320 }: { value: string; onChange: (q: string) => void; width?: number }) {
  const l = useL();
  return (
    <Input.Search
      allowClear
      placeholder={l('Tìm theo tên hoặc mã (không cần dấu)', 'Search name or code')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      style={{ width }}
    />
  );
}

/** "All sectors" or one sector, in the interface language. */
export function SectorFilter({
  value,
  onChange,
  width = 220,
}: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  width?: number;
}) {
  const l = useL();
  const lang = useLang();
  const sectors = useSectors();
  return (
    <Select
      allowClear
      aria-label={l('Lĩnh vực', 'Sector')}
      placeholder={l('Mọi lĩnh vực', 'All sectors')}
      value={value}
      onChange={onChange}
      style={{ width }}
      loading={sectors.isLoading}
      options={(sectors.data ?? []).map((s) => ({ value: s.id, label: lang === 'en' && s.nameEn ? s.nameEn : s.name }))}
    />
  );
}
