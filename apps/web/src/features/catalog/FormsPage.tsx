import { PlusOutlined } from '@ant-design/icons';
import { formatNumber, type PeriodType, periodTypeLabel, searchMatches } from '@nhip/contracts';
import { Button, Card, Switch, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { NameSearch } from '../../components/CatalogFilters';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { EmptyHint, numSorter, showTotal, viSorter } from '../../components/table';
import { type FormSummary, useCanManageCatalog, useForms } from './api';
import { FormModal } from './FormModal';
import { FORM_KIND_LABELS } from './labels';

export default function FormsPage() {
  const l = useL();
  const lang = useLang();
  const navigate = useNavigate();
  const canManage = useCanManageCatalog();
  const { data, isLoading, error, refetch } = useForms();
  const [q, setQ] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [creating, setCreating] = useState(false);
  const rows = useMemo(
    () => (data ?? []).filter((f) => (showInactive || f.active) && searchMatches(`${f.code} ${f.name} ${f.nameEn ?? ''}`, q)),
    [data, q, showInactive],
  );
  return (
    <>
      <PageHeader
        title={l('Biểu mẫu báo cáo', 'Report forms')}
        subtitle={l(
          'Mỗi biểu mẫu gồm các phần và chỉ tiêu, kỳ báo cáo, các đơn vị phải nộp và phòng thẩm định.',
          'Each form has sections of data elements, a period type, the units that report and the reviewing division.',
        )}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {l('Thêm biểu mẫu', 'Add form')}
            </Button>
          )
        }
      />
      <Card>
        <div className="nhip-toolbar">
          <NameSearch value={q} onChange={setQ} />
          <Switch aria-label={l('Hiện cả biểu mẫu đã ngừng dùng', 'Show forms no longer in use')} size="small" checked={showInactive} onChange={setShowInactive} />
          <span>{l('Hiện cả biểu mẫu đã ngừng dùng', 'Show forms no longer in use')}</span>
        </div>
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<FormSummary>
            rowKey="id"
            loading={isLoading}
            dataSource={rows}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 25, showTotal, hideOnSinglePage: true }}
            onRow={(f) => ({ onClick: () => navigate(`/catalog/forms/${f.id}`), className: 'nhip-table-row-clickable' })}
            locale={{
              emptyText: (
                <EmptyHint
                  title={q ? l('Không có biểu mẫu phù hợp', 'No matching form') : l('Chưa có biểu mẫu nào', 'No forms yet')}
                  hint={
                    !q && canManage
                      ? l(
                          'Tạo biểu mẫu, thêm các phần và chỉ tiêu, rồi giao cho các đơn vị báo cáo.',
                          'Create a form, add sections and data elements, then assign reporting units.',
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
                width: 150,
                sorter: viSorter<FormSummary>((f) => f.code),
                render: (v: string) => <span className="nhip-code">{v}</span>,
              },
              {
                title: l('Tên biểu mẫu', 'Name'),
                dataIndex: 'name',
                sorter: viSorter<FormSummary>((f) => f.name),
                defaultSortOrder: 'ascend',
                render: (_, f) => (
                  <span>
                    <Link to={`/catalog/forms/${f.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
                      {lang === 'en' && f.nameEn ? f.nameEn : f.name}
                    </Link>
                    {!f.active && <Tag style={{ marginInlineStart: 8 }}>{l('Ngừng dùng', 'Inactive')}</Tag>}
                    <div className="nhip-muted" style={{ fontSize: 12.5 }}>
                      {FORM_KIND_LABELS[f.kind]?.[lang] ?? f.kind}
                      {f.narrative ? l(' · có phần thuyết minh', ' · with narrative') : ''}
                    </div>
                  </span>
                ),
              },
              {
                title: l('Kỳ', 'Period'),
                dataIndex: 'periodType',
                width: 100,
                render: (t: PeriodType) => <Tag color="blue">{periodTypeLabel(t, lang)}</Tag>,
              },
              {
                title: l('Phòng thẩm định', 'Reviewing division'),
                dataIndex: 'divisionName',
                width: 210,
                sorter: viSorter<FormSummary>((f) => f.divisionName),
                render: (v: string | null) => v ?? <span className="nhip-muted">{l('Văn phòng Sở', 'Office')}</span>,
              },
              {
                title: l('Chỉ tiêu', 'Elements'),
                dataIndex: 'elementCount',
                width: 96,
                align: 'right',
                sorter: numSorter<FormSummary>((f) => f.elementCount),
                render: (n: number) => formatNumber(n),
              },
              {
                title: l('Đơn vị nộp', 'Units'),
                dataIndex: 'unitCount',
                width: 110,
                align: 'right',
                sorter: numSorter<FormSummary>((f) => f.unitCount),
                render: (n: number) => formatNumber(n),
              },
            ]}
          />
        )}
      </Card>
      {creating && <FormModal form={null} onClose={() => setCreating(false)} onSaved={(f) => navigate(`/catalog/forms/${f.id}`)} />}
    </>
  );
}
