import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type AggregationType, formatNumber, searchMatches, VALUE_TYPES, type ValueType } from '@nhip/contracts';
import { Button, Card, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { NameSearch, SectorFilter } from '../../components/CatalogFilters';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { EmptyHint, showTotal, viSorter } from '../../components/table';
import { type DataElement, useCanManageCatalog, useDataElements } from './api';
import { BetterTag } from './BetterField';
import { PublicTag } from './PublicField';
import { DataElementModal } from './DataElementModal';
import { AGGREGATION_LABELS, VALUE_TYPE_LABELS } from './labels';

function range(e: DataElement): string {
  if (e.min == null && e.max == null) return '';
  if (e.min != null && e.max != null) return `${formatNumber(e.min)} – ${formatNumber(e.max)}`;
  return e.min != null ? `≥ ${formatNumber(e.min)}` : `≤ ${formatNumber(e.max)}`;
}

export default function DataElementsPage() {
  const l = useL();
  const lang = useLang();
  const canManage = useCanManageCatalog();
  const { data, isLoading, error, refetch } = useDataElements();
  const [q, setQ] = useState('');
  const [sectorId, setSectorId] = useState<number | undefined>();
  const [valueType, setValueType] = useState<ValueType | undefined>();
  const [editing, setEditing] = useState<DataElement | 'new' | null>(null);

  const rows = useMemo(
    () =>
      (data ?? []).filter(
        (e) =>
          (!sectorId || e.sectorId === sectorId) &&
          (!valueType || e.valueType === valueType) &&
          searchMatches(`${e.code} ${e.name} ${e.shortName ?? ''} ${e.nameEn ?? ''}`, q),
      ),
    [data, sectorId, valueType, q],
  );
  const filtered = !!(q.trim() || sectorId || valueType);

  return (
    <>
      <PageHeader
        title={l('Chỉ tiêu', 'Data elements')}
        subtitle={l(
          'Các chỉ tiêu đơn vị nhập số liệu: kiểu dữ liệu, cách cộng dồn theo thời gian và theo cấp, khoảng giá trị hợp lệ.',
          'What units report: value type, how it adds up over time and levels, valid range.',
        )}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {l('Thêm chỉ tiêu', 'Add data element')}
            </Button>
          )
        }
      />
      <Card>
        <div className="nhip-toolbar">
          <NameSearch value={q} onChange={setQ} />
          <SectorFilter value={sectorId} onChange={setSectorId} />
          <Select<ValueType>
            allowClear
            aria-label={l('Kiểu dữ liệu', 'Value type')}
            placeholder={l('Mọi kiểu dữ liệu', 'All value types')}
            value={valueType}
            onChange={setValueType}
            style={{ width: 180 }}
            options={VALUE_TYPES.map((t) => ({ value: t, label: VALUE_TYPE_LABELS[t][lang] }))}
          />
          <span className="grow" />
          {data && (
            <Typography.Text type="secondary">
              {filtered
                ? l(
                    `${formatNumber(rows.length)} / ${formatNumber(data.length)} chỉ tiêu`,
                    `${formatNumber(rows.length)} of ${formatNumber(data.length)}`,
                  )
                : l(`${formatNumber(data.length)} chỉ tiêu`, `${formatNumber(data.length)} data elements`)}
            </Typography.Text>
          )}
        </div>
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<DataElement>
            rowKey="id"
            size="middle"
            loading={isLoading}
            dataSource={rows}
            scroll={{ x: 1000 }}
            pagination={{ pageSize: 25, showSizeChanger: true, pageSizeOptions: [25, 50, 100], showTotal, hideOnSinglePage: true }}
            locale={{
              emptyText: (
                <EmptyHint
                  title={
                    filtered
                      ? l('Không có chỉ tiêu phù hợp', 'No matching data element')
                      : l('Chưa có chỉ tiêu nào', 'No data elements yet')
                  }
                  hint={
                    filtered
                      ? l('Thử từ khóa khác hoặc bỏ bớt bộ lọc.', 'Try other words or fewer filters.')
                      : canManage
                        ? l(
                            'Thêm chỉ tiêu, hoặc nhập danh mục từ tệp DHIS2 ở mục Trao đổi dữ liệu.',
                            'Add one, or import DHIS2 metadata under Data exchange.',
                          )
                        : undefined
                  }
                />
              ),
            }}
            columns={[
              {
                title: l('Mã', 'Code'),
                dataIndex: 'code',
                width: 160,
                sorter: viSorter<DataElement>((e) => e.code),
                render: (v: string) => <span className="nhip-code">{v}</span>,
              },
              {
                title: l('Tên chỉ tiêu', 'Name'),
                dataIndex: 'name',
                sorter: viSorter<DataElement>((e) => e.name),
                defaultSortOrder: 'ascend',
                render: (_, e) => (
                  <div>
                    <div style={{ fontWeight: 500 }}>
                      {lang === 'en' && e.nameEn ? e.nameEn : e.name}
                      <BetterTag better={e.better} />
                      <PublicTag isPublic={e.public} level={e.publicLevel} />
                    </div>
                    {e.description && (
                      <Typography.Text
                        type="secondary"
                        ellipsis={{ tooltip: e.description }}
                        style={{ fontSize: 12, maxWidth: 420, display: 'block' }}
                      >
                        {e.description}
                      </Typography.Text>
                    )}
                  </div>
                ),
              },
              {
                title: l('Đơn vị tính', 'Unit'),
                dataIndex: 'uom',
                width: 120,
                sorter: viSorter<DataElement>((e) => e.uom),
                render: (v: string | null, e) => (
                  <div>
                    <div>{v ?? '—'}</div>
                    {range(e) && (
                      <Tooltip title={l('Khoảng giá trị hợp lệ', 'Valid range')}>
                        <span className="nhip-muted nhip-num" style={{ fontSize: 12 }}>
                          {range(e)}
                        </span>
                      </Tooltip>
                    )}
                  </div>
                ),
              },
              {
                title: l('Kiểu dữ liệu', 'Value type'),
                dataIndex: 'valueType',
                width: 130,
                sorter: viSorter<DataElement>((e) => VALUE_TYPE_LABELS[e.valueType][lang]),
                render: (t: ValueType) => <Tag color={VALUE_TYPE_LABELS[t].color}>{VALUE_TYPE_LABELS[t][lang]}</Tag>,
              },
              {
                title: l('Tổng hợp', 'Aggregation'),
                dataIndex: 'aggregationType',
                width: 165,
                sorter: viSorter<DataElement>((e) => AGGREGATION_LABELS[e.aggregationType][lang]),
                render: (a: AggregationType) => (
                  <Tooltip title={AGGREGATION_LABELS[a].hint[lang]}>
                    <Tag color={AGGREGATION_LABELS[a].color} variant="outlined">
                      {AGGREGATION_LABELS[a][lang]}
                    </Tag>
                  </Tooltip>
                ),
              },
              {
                title: l('Lĩnh vực', 'Sector'),
                dataIndex: 'sectorName',
                width: 150,
                sorter: viSorter<DataElement>((e) => e.sectorName),
                render: (v: string | null) => v ?? '—',
              },
              ...(canManage
                ? [
                    {
                      title: '',
                      key: 'a',
                      width: 56,
                      fixed: 'right' as const,
                      render: (_: unknown, e: DataElement) => (
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(e)} aria-label={l('Sửa', 'Edit')} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing && <DataElementModal element={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
