import { SaveOutlined } from '@ant-design/icons';
import { formatNumber, searchMatches, UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Dropdown, Space, Tag, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { todayVN } from '../../components/DateField';
import { buildUnitTree, type OrgUnit, type UnitNode, useOrgUnits } from '../../components/orgUnits';
import { applyServerError } from '../../components/serverError';
import { api } from '../../lib/api';
import { type FormDetail, KEYS } from './api';

type Opt = { value: number; title: string; search: string; children?: Opt[] };
const toOpts = (nodes: UnitNode[]): Opt[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, search: `${n.name} ${n.code}`, children: n.children ? toOpts(n.children) : undefined }));

const sameSet = (a: number[], b: number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Which units must submit this form: each unit ticked on its own (ticking a district does not tick its communes). */
export function FormUnitsCard({ form, canEdit }: { form: FormDetail; canEdit: boolean }) {
  const l = useL();
  const lang = useLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const units = useOrgUnits({ asOf: todayVN() });
  const [selected, setSelected] = useState<number[]>(form.unitIds);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setSelected(form.unitIds), [form.unitIds]);
  const dirty = !sameSet(selected, form.unitIds);
  const byId = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);
  const treeData = useMemo(() => toOpts(buildUnitTree(units.data ?? [])), [units.data]);

  const summary = useMemo(() => {
    const m = new Map<UnitType, number>();
    let closed = 0;
    for (const id of selected) {
      const u = byId.get(id);
      if (!u) closed++;
      else m.set(u.type, (m.get(u.type) ?? 0) + 1);
    }
    return { byType: UNIT_TYPES.filter((t) => m.has(t)).map((t) => ({ t, n: m.get(t) ?? 0 })), closed };
  }, [selected, byId]);

  const save = useMutation({
    mutationFn: () => api.put(`/api/forms/${form.id}/units`, { orgUnitIds: selected }),
    onSuccess: () => {
      setError(null);
      message.success(l('Đã lưu danh sách đơn vị báo cáo', 'Reporting units saved'));
      void qc.invalidateQueries({ queryKey: KEYS.form(form.id) });
      void qc.invalidateQueries({ queryKey: KEYS.forms });
    },
    onError: (e) => setError(applyServerError(null, e)),
  });

  const addType = (t: UnitType) => {
    const ids = (units.data ?? []).filter((u: OrgUnit) => u.type === t).map((u) => u.id);
    setSelected((s) => [...new Set([...s, ...ids])]);
  };
  const presentTypes = UNIT_TYPES.filter((t) => (units.data ?? []).some((u) => u.type === t));

  return (
    <Card
      title={l('Đơn vị phải nộp báo cáo', 'Units that report')}
      extra={
        canEdit && (
          <Space>
            <Dropdown
              menu={{
                items: presentTypes.map((t) => ({
                  key: t,
                  label: l(`Thêm mọi ${UNIT_TYPE_LABELS[t].vi}`, `Add every ${UNIT_TYPE_LABELS[t].en}`),
                })),
                onClick: ({ key }) => addType(key as UnitType),
              }}
            >
              <Button>{l('Chọn theo loại đơn vị', 'Add by unit type')}</Button>
            </Dropdown>
            <Button disabled={!dirty} onClick={() => setSelected(form.unitIds)}>
              {l('Hoàn tác', 'Revert')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
              {l('Lưu', 'Save')}
            </Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
        <Typography.Text strong>
          {l(`Đã giao cho ${formatNumber(selected.length)} đơn vị`, `Assigned to ${formatNumber(selected.length)} units`)}
        </Typography.Text>
        {summary.byType.map((x) => (
          <Tag key={x.t} variant="filled">
            {UNIT_TYPE_LABELS[x.t][lang]}: {formatNumber(x.n)}
          </Tag>
        ))}
        {summary.closed > 0 && (
          <Tag color="warning">{l(`${summary.closed} đơn vị không còn hiệu lực hôm nay`, `${summary.closed} no longer in force`)}</Tag>
        )}
        {dirty && <Tag color="warning">{l('Chưa lưu', 'Not saved')}</Tag>}
      </div>
      <TreeSelect<{ value: number; label?: unknown }[]>
        treeData={treeData}
        value={selected.map((id) => ({ value: id, label: byId.get(id)?.name ?? `#${id}` }))}
        onChange={(v) => setSelected((v ?? []).map((x) => x.value))}
        treeCheckable
        treeCheckStrictly
        showCheckedStrategy={TreeSelect.SHOW_ALL}
        disabled={!canEdit}
        loading={units.isLoading}
        showSearch={{ filterTreeNode: (input, node) => searchMatches(String((node as unknown as Opt).search ?? ''), input) }}
        placeholder={l('Chọn các đơn vị báo cáo', 'Choose the reporting units')}
        style={{ width: '100%' }}
        maxTagCount={40}
        treeDefaultExpandedKeys={treeData.map((t) => t.value)}
        allowClear
      />
    </Card>
  );
}
