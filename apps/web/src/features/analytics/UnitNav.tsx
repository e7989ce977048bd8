/** Where the dashboard stands in the org tree: the path from the province down, and the units one level below. */
import { ApartmentOutlined } from '@ant-design/icons';
import { searchMatches, UNIT_TYPE_LABELS, type UnitType } from '@nhip/contracts';
import { Breadcrumb, Flex, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useL, useLang } from '../../app/i18n';
import type { Dashboard } from './types';

export function UnitNav({ unit, onPick }: { unit: Dashboard['unit']; onPick: (code: string | null) => void }) {
  const l = useL();
  const lang = useLang();
  const path =
    unit.path.length && unit.path[unit.path.length - 1]?.code === unit.code
      ? unit.path
      : [...unit.path, { code: unit.code, name: unit.name }];
  const groups = useMemo(() => {
    const byType = new Map<string, { value: string; label: string }[]>();
    for (const c of unit.children) {
      const list = byType.get(c.type) ?? [];
      list.push({ value: c.code, label: c.name });
      byType.set(c.type, list);
    }
    return [...byType.entries()].map(([type, options]) => ({
      label: UNIT_TYPE_LABELS[type as UnitType]?.[lang] ?? type,
      options,
    }));
  }, [unit.children, lang]);

  return (
    <Flex align="center" justify="space-between" gap={12} wrap="wrap" className="nhip-dash-unitnav">
      <Breadcrumb
        data-testid="dashboard-breadcrumb"
        items={path.map((p, i) => ({
          key: p.code,
          title:
            i < path.length - 1 ? (
              <Typography.Link onClick={() => onPick(i === 0 ? null : p.code)}>{p.name}</Typography.Link>
            ) : (
              <Typography.Text strong>{p.name}</Typography.Text>
            ),
        }))}
      />
      {unit.children.length > 0 ? (
        <Select
          aria-label={l('Xem đơn vị trực thuộc', 'Open a unit below')}
          data-testid="dashboard-children"
          placeholder={
            <span>
              <ApartmentOutlined /> {l(`Xem đơn vị trực thuộc (${unit.children.length})`, `Open a unit below (${unit.children.length})`)}
            </span>
          }
          value={null}
          onChange={(code: string) => onPick(code)}
          options={groups}
          showSearch={{ filterOption: (input, opt) => !!opt && typeof opt.label === 'string' && searchMatches(opt.label, input) }}
          style={{ width: 320, maxWidth: '100%' }}
          popupMatchSelectWidth={360}
        />
      ) : (
        <Typography.Text type="secondary">
          {l('Đơn vị này không có đơn vị trực thuộc.', 'This unit has no units below it.')}
        </Typography.Text>
      )}
    </Flex>
  );
}
