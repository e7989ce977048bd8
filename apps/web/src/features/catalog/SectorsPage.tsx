import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Table } from 'antd';
import { useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { todayVN } from '../../components/DateField';
import { useOrgUnits, viFilterOption } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { SECTORS_KEY, type Sector, useSectors } from '../../components/sectors';
import { EmptyHint, numSorter, viSorter } from '../../components/table';
import { clean, useCanManageCatalog } from './api';
import { CatalogModal, CODE_PATTERN } from './CatalogModal';

type SectorRow = Sector & { divisionName?: string | null };
type Values = { code: string; name: string; nameEn?: string; divisionId?: number | null; sort?: number | null };

export function useDivisions() {
  return useOrgUnits({ type: 'division', asOf: todayVN() });
}

function SectorModal({ sector, onClose }: { sector: SectorRow | null; onClose: () => void }) {
  const l = useL();
  const divisions = useDivisions();
  return (
    <CatalogModal<Values>
      title={sector ? l(`Sửa lĩnh vực: ${sector.name}`, `Edit sector: ${sector.name}`) : l('Thêm lĩnh vực', 'Add a sector')}
      endpoint="/api/sectors"
      id={sector?.id}
      width={620}
      initialValues={
        sector
          ? { code: sector.code, name: sector.name, nameEn: sector.nameEn ?? '', divisionId: sector.divisionId, sort: sector.sort }
          : { sort: 0 }
      }
      toBody={(v) => ({ ...clean({ code: v.code, name: v.name, nameEn: v.nameEn }), divisionId: v.divisionId ?? null, sort: v.sort ?? 0 })}
      invalidate={[[...SECTORS_KEY]]}
      fields={['code', 'name', 'nameEn', 'divisionId', 'sort']}
      onClose={onClose}
    >
      {() => (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={l('Mã', 'Code')}
              rules={[
                { required: true, message: l('Nhập mã', 'Enter a code') },
                { pattern: CODE_PATTERN, message: l('Chữ không dấu, số, "_", "." hoặc "-"', 'Letters, digits, _ . -') },
              ]}
            >
              <Input spellCheck={false} placeholder="VIENTHONG" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label={l('Tên lĩnh vực', 'Name')}
              rules={[{ required: true, whitespace: true, message: l('Nhập tên lĩnh vực', 'Enter a name') }, { max: 300 }]}
            >
              <Input placeholder={l('vd: Viễn thông', 'e.g. Telecommunications')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="nameEn" label={l('Tên tiếng Anh', 'English name')} rules={[{ max: 300 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="sort" label={l('Thứ tự', 'Order')}>
              <InputNumber precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="divisionId" label={l('Phòng chuyên môn phụ trách', 'Responsible division')}>
              <Select
                allowClear
                loading={divisions.isLoading}
                showSearch={{ filterOption: viFilterOption }}
                options={(divisions.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
      )}
    </CatalogModal>
  );
}

export default function SectorsPage() {
  const l = useL();
  const lang = useLang();
  const canManage = useCanManageCatalog();
  const { data, isLoading, error, refetch } = useSectors();
  const divisions = useDivisions();
  const [editing, setEditing] = useState<SectorRow | 'new' | null>(null);
  const divisionName = (id: number | null, fallback?: string | null) => fallback ?? divisions.data?.find((d) => d.id === id)?.name ?? null;
  const rows = (data ?? []) as SectorRow[];
  return (
    <>
      <PageHeader
        title={l('Lĩnh vực', 'Sectors')}
        subtitle={l(
          'Các lĩnh vực quản lý (bưu chính, viễn thông, chuyển đổi số …) và phòng chuyên môn phụ trách từng lĩnh vực.',
          'Sectors of work and the division in charge of each.',
        )}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {l('Thêm lĩnh vực', 'Add sector')}
            </Button>
          )
        }
      />
      <Card>
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<SectorRow>
            rowKey="id"
            loading={isLoading}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 720 }}
            locale={{
              emptyText: (
                <EmptyHint
                  title={l('Chưa có lĩnh vực nào', 'No sectors yet')}
                  hint={
                    canManage
                      ? l(
                          'Thêm lĩnh vực để phân nhóm chỉ tiêu và giao phòng thẩm định.',
                          'Add sectors to group data elements and assign reviewers.',
                        )
                      : undefined
                  }
                />
              ),
            }}
            columns={[
              {
                title: l('Thứ tự', 'Order'),
                dataIndex: 'sort',
                width: 90,
                align: 'right',
                sorter: numSorter<SectorRow>((s) => s.sort),
                defaultSortOrder: 'ascend',
              },
              {
                title: l('Mã', 'Code'),
                dataIndex: 'code',
                width: 160,
                sorter: viSorter<SectorRow>((s) => s.code),
                render: (v: string) => <span className="nhip-code">{v}</span>,
              },
              {
                title: l('Tên lĩnh vực', 'Name'),
                dataIndex: 'name',
                sorter: viSorter<SectorRow>((s) => s.name),
                render: (_, s) => (
                  <span>
                    <b style={{ fontWeight: 600 }}>{lang === 'en' && s.nameEn ? s.nameEn : s.name}</b>
                    {lang === 'vi' && s.nameEn && <span className="nhip-muted"> · {s.nameEn}</span>}
                  </span>
                ),
              },
              {
                title: l('Phòng phụ trách', 'Division'),
                key: 'division',
                sorter: viSorter<SectorRow>((s) => divisionName(s.divisionId, s.divisionName)),
                render: (_, s) => divisionName(s.divisionId, s.divisionName) ?? '—',
              },
              ...(canManage
                ? [
                    {
                      title: '',
                      key: 'a',
                      width: 80,
                      render: (_: unknown, s: SectorRow) => (
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label={l('Sửa', 'Edit')} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing && <SectorModal sector={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
