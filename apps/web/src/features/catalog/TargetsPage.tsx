import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { compareVi, formatNumber } from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useL } from '../../app/i18n';
import { todayVN } from '../../components/DateField';
import { vnNumberProps } from '../../components/numberInput';
import { OrgUnitTreeSelect, viFilterOption } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { EmptyHint, numSorter, showTotal, viSorter } from '../../components/table';
import { api } from '../../lib/api';
import { KEYS, type Target, useCanManageCatalog, useDataElements, useIndicators, useTargets } from './api';
import { CatalogModal } from './CatalogModal';

type Values = {
  kind: 'element' | 'indicator';
  dataElementId?: number | null;
  indicatorId?: number | null;
  orgUnitId: number;
  year: number;
  value: number;
  note?: string | null;
};

function TargetModal({ target, year, onClose }: { target: Target | null; year: number; onClose: () => void }) {
  const l = useL();
  const elements = useDataElements();
  const indicators = useIndicators();
  const elementOpts = useMemo(
    () =>
      [...(elements.data ?? [])]
        .sort((a, b) => compareVi(a.name, b.name))
        .map((e) => ({ value: e.id, label: `${e.name} (${e.code})`, search: `${e.name} ${e.code}` })),
    [elements.data],
  );
  const indicatorOpts = useMemo(
    () =>
      [...(indicators.data ?? [])]
        .sort((a, b) => compareVi(a.name, b.name))
        .map((i) => ({ value: i.id, label: `${i.name} (${i.code})`, search: `${i.name} ${i.code}` })),
    [indicators.data],
  );
  return (
    <CatalogModal<Values>
      title={target ? l('Sửa chỉ tiêu kế hoạch', 'Edit target') : l('Thêm chỉ tiêu kế hoạch', 'Add a target')}
      endpoint="/api/targets"
      id={target?.id}
      width={700}
      initialValues={
        target
          ? {
              kind: target.indicatorId ? 'indicator' : 'element',
              dataElementId: target.dataElementId,
              indicatorId: target.indicatorId,
              orgUnitId: target.orgUnitId,
              year: target.year,
              value: target.value,
              note: target.note,
            }
          : { kind: 'element', year }
      }
      fields={['dataElementId', 'indicatorId', 'orgUnitId', 'year', 'value', 'note']}
      invalidate={[[...KEYS.targets]]}
      onClose={onClose}
      toBody={(v) => ({
        dataElementId: v.kind === 'element' ? (v.dataElementId ?? null) : null,
        indicatorId: v.kind === 'indicator' ? (v.indicatorId ?? null) : null,
        orgUnitId: v.orgUnitId,
        year: v.year,
        value: v.value,
        note: v.note?.normalize('NFC').trim() || null,
      })}
    >
      {(form) => (
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item name="kind" label={l('Kế hoạch cho', 'Target of')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'element', label: l('Chỉ tiêu', 'Data element') },
                  { value: 'indicator', label: l('Chỉ số', 'Indicator') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
              {() =>
                form.getFieldValue('kind') === 'indicator' ? (
                  <Form.Item
                    name="indicatorId"
                    label={l('Chỉ số', 'Indicator')}
                    rules={[{ required: true, message: l('Chọn chỉ số', 'Choose an indicator') }]}
                  >
                    <Select showSearch={{ filterOption: viFilterOption }} options={indicatorOpts} loading={indicators.isLoading} />
                  </Form.Item>
                ) : (
                  <Form.Item
                    name="dataElementId"
                    label={l('Chỉ tiêu', 'Data element')}
                    rules={[{ required: true, message: l('Chọn chỉ tiêu', 'Choose a data element') }]}
                  >
                    <Select showSearch={{ filterOption: viFilterOption }} options={elementOpts} loading={elements.isLoading} />
                  </Form.Item>
                )
              }
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="orgUnitId"
              label={l('Đơn vị', 'Unit')}
              rules={[{ required: true, message: l('Chọn đơn vị', 'Choose a unit') }]}
            >
              <OrgUnitTreeSelect asOf={todayVN()} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="year" label={l('Năm', 'Year')} rules={[{ required: true, message: l('Nhập năm', 'Enter the year') }]}>
              <InputNumber min={1990} max={2200} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={16}>
            <Form.Item
              name="value"
              label={l('Giá trị kế hoạch', 'Target value')}
              rules={[{ required: true, message: l('Nhập giá trị', 'Enter the value') }]}
            >
              <InputNumber style={{ width: '100%' }} {...vnNumberProps} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={l('Ghi chú, căn cứ giao', 'Note, basis')} rules={[{ max: 2000 }]}>
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                placeholder={l('vd: Theo Kế hoạch số …/KH-UBND', 'e.g. per Plan no. …')}
              />
            </Form.Item>
          </Col>
        </Row>
      )}
    </CatalogModal>
  );
}

export default function TargetsPage() {
  const l = useL();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const canManage = useCanManageCatalog();
  const thisYear = Number(todayVN().slice(0, 4));
  const [year, setYear] = useState<number>(thisYear);
  const [unitId, setUnitId] = useState<number | null>(null);
  const { data, isLoading, error, refetch } = useTargets({ year, orgUnitId: unitId ?? undefined });
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => api.del(`/api/targets/${id}`),
    onSuccess: () => {
      message.success(l('Đã xóa chỉ tiêu kế hoạch', 'Target deleted'));
      void qc.invalidateQueries({ queryKey: KEYS.targets });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const years = Array.from({ length: 12 }, (_, i) => thisYear + 2 - i);
  return (
    <>
      <PageHeader
        title={l('Chỉ tiêu kế hoạch', 'Targets')}
        subtitle={l(
          'Kế hoạch năm được giao cho từng đơn vị, để báo cáo tổng hợp so sánh kết quả với kế hoạch.',
          'Yearly targets per unit, so compiled reports compare results with plans.',
        )}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {l('Thêm kế hoạch', 'Add target')}
            </Button>
          )
        }
      />
      <Card>
        <div className="nhip-toolbar">
          <span className="nhip-muted">{l('Năm', 'Year')}</span>
          <Select aria-label={l('Năm', 'Year')} value={year} onChange={setYear} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: String(y) }))} />
          <div style={{ width: 340 }}>
            <OrgUnitTreeSelect
              value={unitId}
              onChange={(v) => setUnitId((v as number | null) ?? null)}
              placeholder={l('Mọi đơn vị', 'All units')}
              asOf={todayVN()}
            />
          </div>
        </div>
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<Target>
            rowKey="id"
            loading={isLoading}
            dataSource={data ?? []}
            scroll={{ x: 900 }}
            pagination={{ pageSize: 25, showTotal, hideOnSinglePage: true }}
            locale={{
              emptyText: (
                <EmptyHint
                  title={l(`Chưa có chỉ tiêu kế hoạch năm ${year}`, `No targets for ${year}`)}
                  hint={
                    canManage
                      ? l('Thêm kế hoạch cho các chỉ tiêu, chỉ số chính của năm.', 'Add targets for the year’s key figures.')
                      : undefined
                  }
                />
              ),
            }}
            columns={[
              {
                title: l('Chỉ tiêu / chỉ số', 'Data element / indicator'),
                key: 'what',
                sorter: viSorter<Target>((t) => t.name),
                defaultSortOrder: 'ascend',
                render: (_, t) => (
                  <span>
                    <Tag color={t.indicatorId ? 'purple' : 'blue'}>
                      {t.indicatorId ? l('Chỉ số', 'Indicator') : l('Chỉ tiêu', 'Element')}
                    </Tag>
                    {t.name} <span className="nhip-code">{t.code}</span>
                  </span>
                ),
              },
              { title: l('Đơn vị', 'Unit'), dataIndex: 'orgUnitName', width: 260, sorter: viSorter<Target>((t) => t.orgUnitName) },
              { title: l('Năm', 'Year'), dataIndex: 'year', width: 80, align: 'center' },
              {
                title: l('Kế hoạch', 'Target'),
                dataIndex: 'value',
                width: 140,
                align: 'right',
                sorter: numSorter<Target>((t) => t.value),
                render: (v: number) => <span className="nhip-num">{formatNumber(v)}</span>,
              },
              { title: l('Ghi chú', 'Note'), dataIndex: 'note', width: 220, render: (v: string | null) => v ?? '—' },
              ...(canManage
                ? [
                    {
                      title: '',
                      key: 'a',
                      width: 90,
                      render: (_: unknown, t: Target) => (
                        <Space size={4}>
                          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(t)} aria-label={l('Sửa', 'Edit')} />
                          <Button
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={l('Xóa', 'Delete')}
                            onClick={() =>
                              modal.confirm({
                                title: l('Xóa chỉ tiêu kế hoạch này?', 'Delete this target?'),
                                content: `${t.name} — ${t.orgUnitName} — ${t.year}: ${formatNumber(t.value)}`,
                                okText: l('Xóa', 'Delete'),
                                okButtonProps: { danger: true },
                                cancelText: l('Hủy', 'Cancel'),
                                onOk: () => remove.mutateAsync(t.id),
                              })
                            }
                          />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {editing && <TargetModal target={editing === 'new' ? null : editing} year={year} onClose={() => setEditing(null)} />}
    </>
  );
}
