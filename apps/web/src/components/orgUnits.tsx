import { searchMatches } from '@nhip/contracts';
import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useMemo } from 'react';
import { useL } from '../app/i18n';
import { api, qs } from '../lib/api';
import { buildUnitTree, type OrgUnit, type UnitNode } from './unitTree';

export type { LineageKind, OrgUnit, UnitNode, UnitRef } from './unitTree';
export { buildUnitTree, compareUnits, subtreeIds } from './unitTree';

export type OrgUnitQuery = { asOf?: string; q?: string; type?: string; includeClosed?: boolean };

export const orgUnitsKey = (p: OrgUnitQuery = {}) => ['org-units', p] as const;

export function useOrgUnits(params: OrgUnitQuery = {}, enabled = true) {
  return useQuery({
    queryKey: orgUnitsKey(params),
    queryFn: () => api.get<OrgUnit[]>(`/api/org-units${qs(params)}`),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** A unit in the tree; `depth` is 0 for a root. */
type TreeOption = { value: number; title: ReactNode; label: string; search: string; children?: TreeOption[]; disabled?: boolean };

function toOptions(nodes: UnitNode[], disabledIds: Set<number>, closedSuffix: string): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    label: n.name,
    title: n.validTo && !n.active ? `${n.name} ${closedSuffix}` : n.name,
    search: `${n.name} ${n.code} ${n.shortName ?? ''}`,
    disabled: disabledIds.has(n.id),
    children: n.children ? toOptions(n.children, disabledIds, closedSuffix) : undefined,
  }));
}

/**
 * Org unit picker: a searchable tree (diacritic-insensitive), one unit or several with checkboxes.
 * Value is a unit id (or ids when `multiple`).
 */
export function OrgUnitTreeSelect(props: {
  value?: number | number[] | null;
  onChange?: (v: number | number[] | null) => void;
  multiple?: boolean;
  asOf?: string;
  includeClosed?: boolean;
  placeholder?: string;
  disabledIds?: number[];
  style?: CSSProperties;
  allowClear?: boolean;
  id?: string;
  units?: OrgUnit[];
  maxTagCount?: number | 'responsive';
}) {
  const l = useL();
  const own = useOrgUnits({ asOf: props.asOf, includeClosed: props.includeClosed }, !props.units);
  const units = props.units ?? own.data;
  const treeData = useMemo(
    () => toOptions(buildUnitTree(units ?? []), new Set(props.disabledIds ?? []), l('(đã giải thể)', '(closed)')),
    [units, props.disabledIds, l],
  );
  return (
    <TreeSelect<number | number[]>
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.((v as number | number[] | undefined) ?? null)}
      treeData={treeData}
      treeCheckable={props.multiple}
      multiple={props.multiple}
      showCheckedStrategy={props.multiple ? TreeSelect.SHOW_ALL : undefined}
      treeCheckStrictly={props.multiple ? false : undefined}
      treeNodeLabelProp="label"
      showSearch={{ filterTreeNode: (input, node) => searchMatches(String((node as unknown as TreeOption).search ?? ''), input) }}
      allowClear={props.allowClear ?? true}
      loading={!props.units && own.isLoading}
      placeholder={props.placeholder ?? l('Chọn đơn vị', 'Choose a unit')}
      // In a form the field's label names it (through the id); as a filter it is named by what it asks for.
      aria-label={props.id ? undefined : (props.placeholder ?? l('Chọn đơn vị', 'Choose a unit'))}
      style={{ width: '100%', ...props.style }}
      treeDefaultExpandAll={(units?.length ?? 0) < 60}
      maxTagCount={props.maxTagCount ?? (props.multiple ? 'responsive' : undefined)}
      notFoundContent={
        own.isError ? l('Không tải được danh sách đơn vị', 'Could not load units') : l('Không có đơn vị phù hợp', 'No matching unit')
      }
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 360 } } }}
    />
  );
}

/** Select filter: diacritic-insensitive match on the option's `search` text (or its label). */
export function viFilterOption(input: string, option?: { label?: ReactNode; search?: string }): boolean {
  if (!option) return false;
  return searchMatches(option.search ?? (typeof option.label === 'string' ? option.label : ''), input);
}
