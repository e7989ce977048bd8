/** Picks a person of the people directory by name (without diacritics), optionally within one unit. */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useL } from '../../app/i18n';
import { api, qs } from '../../lib/api';
import type { Person } from '../people/api';

export type PickedPerson = { personId: number; fullName: string; position: string | null };

export function PersonSelect({
  value, onChange, unitId, asOf, initial, id, placeholder, allowClear = true, style, 'aria-label': ariaLabel,
}: {
  value?: number | null;
  onChange?: (v: number | null, person: PickedPerson | null) => void;
  unitId?: number;
  asOf?: string;
  initial?: PickedPerson | null;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}) {
  const l = useL();
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const people = useQuery({
    queryKey: ['people', 'pick', { q, unitId, asOf }],
    queryFn: () => api.get<{ total: number; items: Person[] }>(`/api/people${qs({ q: q || undefined, unitId, asOf, page: 1, pageSize: 30 })}`),
    staleTime: 60_000,
  });
  const options = useMemo(() => {
    const items = people.data?.items ?? [];
    const opts = items.map((p) => ({
      value: p.id,
      label: p.position ? `${p.fullName} – ${p.position}` : p.fullName,
      person: { personId: p.id, fullName: p.fullName, position: p.position } as PickedPerson,
      unit: p.unit?.name,
    }));
    if (initial && !opts.some((o) => o.value === initial.personId))
      opts.unshift({ value: initial.personId, label: initial.position ? `${initial.fullName} – ${initial.position}` : initial.fullName, person: initial, unit: undefined });
    return opts;
  }, [people.data, initial]);
  return (
    <Select<number>
      id={id}
      aria-label={id ? undefined : (ariaLabel ?? placeholder)}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value ?? undefined}
      onChange={(v, opt) => onChange?.(v ?? null, v == null ? null : ((opt as { person?: PickedPerson } | undefined)?.person ?? null))}
      allowClear={allowClear}
      loading={people.isFetching}
      placeholder={placeholder ?? l('Gõ họ tên để tìm (không cần dấu)', 'Type a name (diacritics optional)')}
      notFoundContent={people.isFetching ? l('Đang tìm…', 'Searching…') : l('Không có cán bộ phù hợp', 'No matching person')}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          {o.data.unit ? <div className="nhip-muted" style={{ fontSize: 12 }}>{o.data.unit}</div> : null}
        </div>
      )}
      style={{ width: '100%', ...style }}
    />
  );
}
