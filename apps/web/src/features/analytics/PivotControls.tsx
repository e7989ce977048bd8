/**
 * What the pivot shows: figures (searchable, grouped by sector), units (picked in the tree and/or every unit
 * at a level), periods (years, quarters, halves, 9 months, relative), and where each of the three goes.
 */
import { SwapOutlined } from '@ant-design/icons';
import {
  type Lang,
  makePeriod,
  type Period,
  type PeriodType,
  periodLabel,
  periodOf,
  previousPeriod,
  type RELATIVE_PERIOD_KEYWORDS,
  searchMatches,
  UNIT_TYPE_LABELS,
} from '@nhip/contracts';
import { Button, Card, Checkbox, Col, Flex, Form, Row, Segmented, Select, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { buildUnitTree, type OrgUnit, type UnitNode } from '../../components/orgUnits';
import type { Sector } from '../../components/sectors';
import type { DataElement, Indicator } from '../catalog/api';
import { todayVN } from './figures';
import { DIMS, filtersOf, isLevelItem, levelOf, type PivotQuery, placeDim } from './pivotModel';
import type { Dim } from './types';

export const DIM_LABELS: Record<Dim, { vi: string; en: string }> = {
  dx: { vi: 'Chỉ tiêu', en: 'Figure' },
  ou: { vi: 'Đơn vị', en: 'Unit' },
  pe: { vi: 'Kỳ', en: 'Period' },
};

/** Relative periods as the analytics API understands them (contract: the first six keywords). */
const RELATIVE: { key: (typeof RELATIVE_PERIOD_KEYWORDS)[number]; vi: string; en: string }[] = [
  { key: 'THIS_YEAR', vi: 'Năm nay', en: 'This year' },
  { key: 'LAST_YEAR', vi: 'Năm trước', en: 'Last year' },
  { key: 'LAST_5_YEARS', vi: '5 năm gần nhất', en: 'Last 5 years' },
  { key: 'THIS_QUARTER', vi: 'Quý này', en: 'This quarter' },
  { key: 'LAST_QUARTER', vi: 'Quý trước', en: 'Last quarter' },
  { key: 'LAST_4_QUARTERS', vi: '4 quý gần nhất', en: 'Last 4 quarters' },
];

export function relativeLabel(key: string, lang: Lang): string | null {
  const r = RELATIVE.find((x) => x.key === key);
  return r ? r[lang] : null;
}

function recent(type: PeriodType, count: number, today: string): Period[] {
  const out: Period[] = [];
  let p: Period | null = periodOf(type, today) ?? makePeriod(type, Number(today.slice(0, 4)), 1);
  while (p && out.length < count) {
    out.push(p);
    p = previousPeriod(p);
  }
  return out;
}

type Option = { value: string; label: string; search: string };

/** A unit in the picker, keyed by its code (the analytics API's unit id). */
type UnitOption = { value: string; title: string; search: string; children?: UnitOption[] };

function toUnitOptions(nodes: UnitNode[], closedSuffix: string): UnitOption[] {
  return nodes.map((n) => ({
    value: n.code,
    title: n.validTo && !n.active ? `${n.name} ${closedSuffix}` : n.name,
    search: `${n.name} ${n.code} ${n.shortName ?? ''}`,
    children: n.children ? toUnitOptions(n.children, closedSuffix) : undefined,
  }));
}

function periodOptions(lang: Lang, selected: string[]) {
  const today = todayVN();
  const opt = (p: Period): Option => ({ value: p.id, label: periodLabel(p, lang), search: `${periodLabel(p, lang)} ${p.id}` });
  const groups = [
    {
      label: lang === 'en' ? 'Relative' : 'Kỳ tương đối',
      options: RELATIVE.map((r) => ({ value: r.key, label: r[lang], search: `${r.vi} ${r.en} ${r.key}` })),
    },
    { label: lang === 'en' ? 'Years' : 'Năm', options: recent('Yearly', 11, today).map(opt) },
    { label: lang === 'en' ? 'Quarters' : 'Quý', options: recent('Quarterly', 16, today).map(opt) },
    { label: lang === 'en' ? 'Six months' : '6 tháng', options: recent('SixMonthly', 8, today).map(opt) },
    { label: lang === 'en' ? 'Nine months' : '9 tháng', options: recent('NineMonthly', 6, today).map(opt) },
  ];
  const known = new Set(groups.flatMap((g) => g.options.map((o) => o.value)));
  const extra = selected.filter((id) => !known.has(id));
  if (extra.length) {
    groups.push({
      label: lang === 'en' ? 'Others' : 'Kỳ khác',
      options: extra.map((id) => ({
        value: id,
        label: (() => {
          try {
            return periodLabel(id, lang);
          } catch {
            return id;
          }
        })(),
        search: id,
      })),
    });
  }
  return groups;
}

export function PivotControls({
  query,
  onChange,
  elements,
  indicators,
  sectors,
  units,
}: {
  query: PivotQuery;
  onChange: (q: PivotQuery) => void;
  elements: DataElement[];
  indicators: Indicator[];
  sectors: Sector[];
  units: OrgUnit[];
}) {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const maySeeUnapproved = me.role === 'office' || me.role === 'admin' || me.role === 'reviewer';

  const dxOptions = useMemo(() => {
    const sorted = [...sectors].sort((a, b) => a.sort - b.sort);
    const bySector = new Map<number | null, { value: string; label: string; search: string; kind: 'de' | 'ind' }[]>();
    const push = (sectorId: number | null, o: { value: string; label: string; search: string; kind: 'de' | 'ind' }) => {
      const list = bySector.get(sectorId) ?? [];
      list.push(o);
      bySector.set(sectorId, list);
    };
    for (const i of indicators)
      push(i.sectorId, {
        value: i.code,
        label: lang === 'en' && i.nameEn ? i.nameEn : i.name,
        search: `${i.name} ${i.nameEn ?? ''} ${i.code}`,
        kind: 'ind',
      });
    for (const e of elements) {
      if (e.valueType === 'TEXT') continue;
      push(e.sectorId, {
        value: e.code,
        label: lang === 'en' && e.nameEn ? e.nameEn : e.name,
        search: `${e.name} ${e.nameEn ?? ''} ${e.code}`,
        kind: 'de',
      });
    }
    const groups = sorted
      .filter((s) => bySector.has(s.id))
      .map((s) => ({ label: lang === 'en' && s.nameEn ? s.nameEn : s.name, options: bySector.get(s.id) ?? [] }));
    const loose = bySector.get(null);
    if (loose?.length) groups.push({ label: l('Chưa xếp lĩnh vực', 'No sector'), options: loose });
    return groups;
  }, [elements, indicators, sectors, lang, l]);

  const levelOptions = useMemo(() => {
    const byLevel = new Map<number, Set<string>>();
    for (const u of units) {
      const set = byLevel.get(u.level) ?? new Set<string>();
      set.add(UNIT_TYPE_LABELS[u.type]?.[lang] ?? u.type);
      byLevel.set(u.level, set);
    }
    return [...byLevel.keys()]
      .sort((a, b) => a - b)
      .filter((n) => n > 1)
      .map((n) => {
        const kinds = [...(byLevel.get(n) ?? [])];
        const hint = kinds.slice(0, 3).join(', ') + (kinds.length > 3 ? '…' : '');
        return { value: `LEVEL-${n}`, label: l(`Mọi đơn vị cấp ${n} (${hint})`, `Every unit at level ${n} (${hint})`) };
      });
  }, [units, lang, l]);

  const unitTree = useMemo(() => toUnitOptions(buildUnitTree(units), l('(đã giải thể)', '(closed)')), [units, l]);
  const unitCodes = query.ou.filter((s) => !isLevelItem(s));
  const levels = query.ou.filter(isLevelItem).sort((a, b) => (levelOf(a) ?? 0) - (levelOf(b) ?? 0));

  const peOptions = useMemo(() => periodOptions(lang, query.pe), [lang, query.pe]);
  const place = (d: Dim): 'rows' | 'columns' | 'filter' =>
    query.rows.includes(d) ? 'rows' : query.columns.includes(d) ? 'columns' : 'filter';
  const filters = filtersOf(query);

  return (
    <Card size="small" className="nhip-pivot-controls">
      <Form layout="vertical" component="div">
        <Row gutter={[16, 0]}>
          <Col xs={24} xl={10}>
            <Form.Item label={l('Chỉ tiêu, chỉ số', 'Data elements, indicators')} style={{ marginBottom: 12 }}>
              <Select
                mode="multiple"
                data-testid="pivot-dx"
                aria-label={l('Chỉ tiêu, chỉ số', 'Data elements, indicators')}
                value={query.dx}
                onChange={(dx: string[]) => onChange({ ...query, dx })}
                options={dxOptions}
                optionRender={(o) => (
                  <Flex justify="space-between" gap={8}>
                    <span style={{ whiteSpace: 'normal' }}>{o.label}</span>
                    {(o.data as { kind?: string }).kind === 'ind' ? (
                      <Tag style={{ marginInlineEnd: 0 }}>{l('Chỉ số', 'Indicator')}</Tag>
                    ) : null}
                  </Flex>
                )}
                showSearch={{
                  filterOption: (input, opt) =>
                    !!opt && searchMatches(String((opt as { search?: string }).search ?? opt.label ?? ''), input),
                }}
                placeholder={l('Tìm theo tên hoặc mã, không cần gõ dấu', 'Search by name or code')}
                maxTagCount="responsive"
                maxTagTextLength={36}
                allowClear
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={7}>
            <Form.Item label={l('Đơn vị', 'Units')} style={{ marginBottom: 12 }}>
              <TreeSelect<string[]>
                multiple
                data-testid="pivot-units"
                aria-label={l('Đơn vị', 'Units')}
                value={unitCodes}
                onChange={(codes) => onChange({ ...query, ou: [...(codes ?? []), ...levels] })}
                treeData={unitTree}
                treeDefaultExpandedKeys={unitTree.map((n) => n.value)}
                showSearch={{ filterTreeNode: (input, node) => searchMatches(String((node as unknown as UnitOption).search ?? ''), input) }}
                placeholder={l('Chọn đơn vị (mỗi đơn vị gồm cả các đơn vị trực thuộc)', 'Choose units (each with the units below it)')}
                maxTagCount="responsive"
                maxTagTextLength={28}
                allowClear
                popupMatchSelectWidth={false}
                styles={{ popup: { root: { minWidth: 380 } } }}
                style={{ width: '100%' }}
              />
              <Select
                mode="multiple"
                aria-label={l('Chia theo cấp', 'Break down by level')}
                data-testid="pivot-levels"
                value={levels}
                onChange={(lv: string[]) => onChange({ ...query, ou: [...unitCodes, ...lv] })}
                options={levelOptions}
                placeholder={l('và/hoặc mọi đơn vị ở một cấp', 'and/or every unit at a level')}
                allowClear
                style={{ width: '100%', marginTop: 8 }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={7}>
            <Form.Item label={l('Kỳ', 'Periods')} style={{ marginBottom: 12 }}>
              <Select
                mode="multiple"
                data-testid="pivot-pe"
                aria-label={l('Kỳ', 'Periods')}
                value={query.pe}
                onChange={(pe: string[]) => onChange({ ...query, pe })}
                options={peOptions}
                showSearch={{
                  filterOption: (input, opt) =>
                    !!opt && searchMatches(String((opt as { search?: string }).search ?? opt.label ?? ''), input),
                }}
                placeholder={l('Năm, quý, 6 tháng, 9 tháng hoặc kỳ tương đối', 'Years, quarters, halves, 9 months or relative')}
                maxTagCount="responsive"
                allowClear
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Flex gap={12} wrap="wrap" align="center" className="nhip-pivot-layout">
          {DIMS.map((d) => (
            <Flex key={d} align="center" gap={6}>
              <Typography.Text strong>{DIM_LABELS[d][lang]}</Typography.Text>
              <Segmented
                size="small"
                data-testid={`pivot-place-${d}`}
                value={place(d)}
                onChange={(w) => onChange(placeDim(query, d, w as 'rows' | 'columns' | 'filter'))}
                options={[
                  { value: 'rows', label: l('Hàng', 'Rows') },
                  { value: 'columns', label: l('Cột', 'Columns') },
                  { value: 'filter', label: l('Bộ lọc', 'Filter') },
                ]}
              />
            </Flex>
          ))}
          <Tooltip title={l('Đổi chỗ hàng và cột', 'Swap rows and columns')}>
            <Button
              size="small"
              aria-label={l('Đổi chỗ hàng và cột', 'Swap rows and columns')}
              icon={<SwapOutlined />}
              onClick={() => onChange({ ...query, rows: query.columns, columns: query.rows })}
            />
          </Tooltip>
          <span style={{ flex: 1 }} />
          <Checkbox checked={query.hideEmpty} onChange={(e) => onChange({ ...query, hideEmpty: e.target.checked })}>
            {l('Ẩn dòng, cột trống', 'Hide empty rows, columns')}
          </Checkbox>
          {maySeeUnapproved ? (
            <Checkbox checked={query.includeUnapproved} onChange={(e) => onChange({ ...query, includeUnapproved: e.target.checked })}>
              {l('Tính cả số liệu chưa duyệt', 'Include unapproved')}
            </Checkbox>
          ) : null}
        </Flex>
        {filters.length > 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
            {l(
              `Bộ lọc (${filters.map((d) => DIM_LABELS[d].vi.toLowerCase()).join(', ')}) chỉ được có đúng một mục.`,
              `A filter (${filters.map((d) => DIM_LABELS[d].en.toLowerCase()).join(', ')}) must hold exactly one item.`,
            )}
          </Typography.Text>
        ) : null}
      </Form>
    </Card>
  );
}
