import { BranchesOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { formatDate, formatNumber, searchMatches, UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '@nhip/contracts';
import { Button, Card, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { buildUnitTree, type OrgUnit, type UnitNode, useOrgUnits } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { EmptyHint, viSorter } from '../../components/table';
import { OrgImportModal } from './OrgImportModal';
import { UnitDrawer } from './UnitDrawer';
import { UnitFormModal } from './UnitFormModal';
import { UnitTypeTag } from './UnitTypeTag';

/** Keeps the nodes that match (and the path down to them). */
function filterTree(nodes: UnitNode[], keep: (n: UnitNode) => boolean): UnitNode[] {
  const out: UnitNode[] = [];
  for (const n of nodes) {
    const kids = n.children ? filterTree(n.children, keep) : [];
    if (keep(n) || kids.length) out.push({ ...n, children: kids.length ? kids : undefined });
  }
  return out;
}

function keysToDepth(nodes: UnitNode[], depth: number): number[] {
  if (depth <= 0) return [];
  return nodes.flatMap((n) => (n.children ? [n.id, ...keysToDepth(n.children, depth - 1)] : []));
}

function allKeys(nodes: UnitNode[]): number[] {
  return nodes.flatMap((n) => (n.children ? [n.id, ...allKeys(n.children)] : []));
}

export default function OrgPage() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const canManage = !!me.abilities['org.manage'];
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? todayVN();
  const allTime = params.get('all') === '1';
  const [q, setQ] = useState('');
  const [type, setType] = useState<UnitType | undefined>();
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [editing, setEditing] = useState<OrgUnit | 'new' | null>(null);
  const [importing, setImporting] = useState(false);

  const query = allTime ? { includeClosed: true } : { asOf };
  const { data, isLoading, error, refetch } = useOrgUnits(query);
  const units = data ?? [];
  const tree = useMemo(() => buildUnitTree(units), [units]);
  const filtering = q.trim() !== '' || !!type;
  const shown = useMemo(
    () =>
      filtering
        ? filterTree(tree, (n) => (!type || n.type === type) && searchMatches(`${n.name} ${n.code} ${n.shortName ?? ''}`, q))
        : tree,
    [tree, filtering, q, type],
  );
  const expandedKeys = filtering ? allKeys(shown) : (expanded ?? keysToDepth(tree, 2));

  const counts = useMemo(() => {
    const m = new Map<UnitType, number>();
    for (const u of units) m.set(u.type, (m.get(u.type) ?? 0) + 1);
    return UNIT_TYPES.filter((t) => m.has(t)).map((t) => ({ type: t, n: m.get(t) ?? 0 }));
  }, [units]);

  const setAsOf = (v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set('asOf', v);
    else p.delete('asOf');
    setParams(p, { replace: true });
    setExpanded(null);
  };
  const setAllTime = (v: boolean) => {
    const p = new URLSearchParams(params);
    if (v) p.set('all', '1');
    else p.delete('all');
    setParams(p, { replace: true });
    setExpanded(null);
  };

  return (
    <>
      <PageHeader
        title={l('Cơ cấu tổ chức', 'Organisation')}
        subtitle={l(
          'Các đơn vị theo thời gian: chọn một ngày để xem cơ cấu đang có hiệu lực vào ngày đó — kể cả trước và sau các đợt sắp xếp, sáp nhập.',
          'Units over time: pick a date to see the structure in force on that day — before and after each reorganisation.',
        )}
        extra={
          canManage && (
            <>
              <Button icon={<DownloadOutlined />} href="/api/org-units/export.csv">
                {l('Xuất CSV', 'Export CSV')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {l('Nhập CSV', 'Import CSV')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {l('Thêm đơn vị', 'Add unit')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <div className="nhip-toolbar">
          <Space size={6}>
            <span className="nhip-muted">{l('Tại ngày', 'As of')}</span>
            <DateField value={asOf} onChange={setAsOf} allowClear={false} disabled={allTime} style={{ width: 150 }} />
          </Space>
          <Space size={6}>
            <Switch aria-label={l('Mọi thời kỳ (cả đơn vị đã giải thể)', 'All periods (closed units too)')} size="small" checked={allTime} onChange={setAllTime} />
            <span>{l('Mọi thời kỳ (cả đơn vị đã giải thể)', 'All periods (closed units too)')}</span>
          </Space>
          <span className="grow" />
          <Input.Search
            allowClear
            placeholder={l('Tìm theo tên hoặc mã (không cần dấu)', 'Search name or code')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 280 }}
          />
          <Select<UnitType>
            allowClear
            aria-label={l('Loại đơn vị', 'Unit type')}
            placeholder={l('Loại đơn vị', 'Unit type')}
            value={type}
            onChange={setType}
            style={{ width: 220 }}
            options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t][lang] }))}
          />
        </div>
        {!isLoading && !error && (
          <div style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
            <Typography.Text strong>
              {allTime
                ? l(`${formatNumber(units.length)} đơn vị qua mọi thời kỳ`, `${formatNumber(units.length)} units over all periods`)
                : l(
                    `${formatNumber(units.length)} đơn vị có hiệu lực ngày ${formatDate(asOf)}`,
                    `${formatNumber(units.length)} units in force on ${formatDate(asOf)}`,
                  )}
            </Typography.Text>
            <span className="nhip-muted">·</span>
            {counts.map((c) => (
              <Tag
                key={c.type}
                variant="filled"
                style={{ cursor: 'pointer' }}
                onClick={() => setType(type === c.type ? undefined : c.type)}
                color={type === c.type ? 'blue' : undefined}
              >
                {UNIT_TYPE_LABELS[c.type][lang]}: {formatNumber(c.n)}
              </Tag>
            ))}
          </div>
        )}
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<UnitNode>
            rowKey="id"
            size="middle"
            loading={isLoading}
            dataSource={shown}
            pagination={false}
            scroll={{ x: 900 }}
            expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys as number[]), indentSize: 22 }}
            onRow={(u) => ({ onClick: () => setOpenId(u.id), className: 'nhip-table-row-clickable' })}
            locale={{
              emptyText: (
                <EmptyHint
                  title={
                    filtering
                      ? l('Không có đơn vị phù hợp', 'No matching unit')
                      : l(`Không có đơn vị nào có hiệu lực ngày ${formatDate(asOf)}`, `No unit in force on ${formatDate(asOf)}`)
                  }
                  hint={
                    filtering
                      ? l('Thử bỏ bớt điều kiện lọc hoặc tìm bằng mã đơn vị.', 'Loosen the filters or search by code.')
                      : canManage
                        ? l('Thêm đơn vị đầu tiên hoặc nhập danh sách từ tệp CSV.', 'Add the first unit or import a CSV list.')
                        : l('Chọn một ngày khác.', 'Pick another date.')
                  }
                />
              ),
            }}
            columns={[
              {
                title: l('Tên đơn vị', 'Unit'),
                dataIndex: 'name',
                sorter: viSorter<UnitNode>((u) => u.name),
                render: (_, u) => (
                  // Indent + expander take 22 px per level plus the icon; the text wraps inside what is left.
                  <span
                    className={!u.active ? 'nhip-closed-unit' : undefined}
                    title={!u.active ? l('Đơn vị này không còn hiệu lực hôm nay', 'This unit is no longer in force today') : undefined}
                    style={{ display: 'inline-block', verticalAlign: 'top', maxWidth: `calc(100% - ${u.depth * 22 + 30}px)` }}
                  >
                    <span style={{ fontWeight: u.depth <= 1 ? 600 : 500 }}>{u.name}</span>
                    {u.predecessors.length > 0 && (
                      <Tooltip title={`${l('Tiền thân', 'Predecessors')}: ${u.predecessors.map((p) => p.name).join(', ')}`}>
                        <BranchesOutlined style={{ marginInlineStart: 8, color: '#0b5cad' }} />
                      </Tooltip>
                    )}
                  </span>
                ),
              },
              {
                title: l('Mã', 'Code'),
                dataIndex: 'code',
                width: 140,
                sorter: viSorter<UnitNode>((u) => u.code),
                render: (v: string) => <span className="nhip-code">{v}</span>,
              },
              { title: l('Loại đơn vị', 'Type'), dataIndex: 'type', width: 200, render: (t: UnitType) => <UnitTypeTag type={t} /> },
              { title: l('Cấp', 'Level'), dataIndex: 'level', width: 60, align: 'center' },
              {
                title: l('Hiệu lực', 'In force'),
                key: 'validity',
                width: 200,
                render: (_, u) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(u.validFrom)} – {u.validTo ? formatDate(u.validTo) : <span className="nhip-muted">{l('nay', 'now')}</span>}
                  </span>
                ),
              },
            ]}
          />
        )}
      </Card>
      <UnitDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onOpenUnit={setOpenId}
        onEdit={canManage ? (u) => setEditing(u) : undefined}
        asOf={allTime ? undefined : asOf}
      />
      {editing && (
        <UnitFormModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={(u) => setOpenId(u.id)} />
      )}
      <OrgImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
