import { formatDateTime, formatNumber } from '@nhip/contracts';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Card, DatePicker, Descriptions, Input, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { VN_DATE } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { EmptyHint, showTotal } from '../../components/table';
import { api, qs } from '../../lib/api';
import { actionLabel, ENTITY_LABELS, entityLabel, KNOWN_ACTIONS } from './auditLabels';
import { JsonDiff } from './JsonDiff';

type AuditEvent = {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  orgUnitId: number | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

type Filters = { action?: string; entityType?: string; entityId?: string; actor?: string; from?: string; to?: string };

export default function AuditPage() {
  const l = useL();
  const lang = useLang();
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const params = { ...filters, page, pageSize };
  const { data, isLoading, isFetching, error, refetch } = useQuery({
    queryKey: ['audit', params],
    queryFn: () => api.get<{ total: number; items: AuditEvent[] }>(`/api/audit${qs(params)}`),
    placeholderData: (prev) => prev,
  });

  const apply = () => {
    setFilters(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined && String(v).trim() !== '')) as Filters);
    setPage(1);
  };
  const clear = () => {
    setDraft({});
    setFilters({});
    setPage(1);
  };
  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <PageHeader
        title={l('Nhật ký hệ thống', 'Audit log')}
        subtitle={l(
          'Mọi thao tác làm thay đổi dữ liệu và mọi lần đăng nhập đều được ghi lại, không sửa, không xóa được. Bấm vào một dòng để xem dữ liệu trước và sau.',
          'Every change and every sign-in is recorded and cannot be edited or deleted. Open a row to see the data before and after.',
        )}
      />
      <Card>
        <div className="nhip-toolbar">
          <AutoComplete
            allowClear
            value={draft.action}
            onChange={(v) => setDraft((d) => ({ ...d, action: v || undefined }))}
            options={KNOWN_ACTIONS.map((a) => ({ value: a, label: `${actionLabel(a, lang)} (${a})` }))}
            filterOption={(input, opt) => !!opt && `${opt.label}`.toLowerCase().includes(input.toLowerCase())}
            aria-label={l('Thao tác', 'Action')}
            placeholder={l('Thao tác', 'Action')}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            value={draft.entityType}
            onChange={(v) => setDraft((d) => ({ ...d, entityType: v }))}
            aria-label={l('Loại đối tượng', 'Entity type')}
            placeholder={l('Loại đối tượng', 'Entity type')}
            style={{ width: 160 }}
            options={Object.entries(ENTITY_LABELS).map(([k, v]) => ({ value: k, label: v[lang] }))}
          />
          <Input
            allowClear
            value={draft.entityId}
            onChange={(e) => setDraft((d) => ({ ...d, entityId: e.target.value || undefined }))}
            placeholder={l('Mã số đối tượng', 'Entity id')}
            style={{ width: 130 }}
          />
          <Input
            allowClear
            value={draft.actor}
            onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value || undefined }))}
            placeholder={l('Người thực hiện', 'Actor')}
            style={{ width: 160 }}
            onPressEnter={apply}
          />
          <DatePicker.RangePicker
            format={VN_DATE}
            value={[draft.from ? dayjs(draft.from) : null, draft.to ? dayjs(draft.to) : null]}
            onChange={(r) => setDraft((d) => ({ ...d, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') }))}
            placeholder={[l('Từ ngày', 'From'), l('Đến ngày', 'To')]}
            allowEmpty={[true, true]}
            style={{ width: 240 }}
          />
          <Button type="primary" onClick={apply}>
            {l('Lọc', 'Filter')}
          </Button>
          {filtered && <Button onClick={clear}>{l('Bỏ lọc', 'Clear')}</Button>}
        </div>
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<AuditEvent>
            rowKey="id"
            size="middle"
            loading={isLoading || isFetching}
            dataSource={data?.items ?? []}
            scroll={{ x: 1000 }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal,
              onChange: (p, s) => {
                setPage(s !== pageSize ? 1 : p);
                setPageSize(s);
              },
            }}
            expandable={{
              expandRowByClick: true,
              expandedRowRender: (e) => (
                <div style={{ padding: '4px 8px 8px' }}>
                  <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 12 }}>
                    <Descriptions.Item label={l('Thời điểm', 'At')}>{formatDateTime(e.at, { seconds: true })}</Descriptions.Item>
                    <Descriptions.Item label={l('Địa chỉ IP', 'IP address')}>{e.ip ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={l('Mã người dùng', 'User id')}>{e.actorId ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={l('Mã đơn vị', 'Unit id')}>{e.orgUnitId ?? '—'}</Descriptions.Item>
                  </Descriptions>
                  <JsonDiff before={e.before} after={e.after} />
                </div>
              ),
            }}
            locale={{
              emptyText: (
                <EmptyHint
                  title={filtered ? l('Không có sự kiện phù hợp', 'No matching event') : l('Nhật ký còn trống', 'The log is empty')}
                  hint={
                    filtered
                      ? l('Thử mở rộng khoảng thời gian hoặc bỏ bớt điều kiện lọc.', 'Widen the dates or loosen the filters.')
                      : undefined
                  }
                />
              ),
            }}
            columns={[
              {
                title: l('Thời điểm', 'At'),
                dataIndex: 'at',
                width: 170,
                render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
              },
              {
                title: l('Người thực hiện', 'Actor'),
                dataIndex: 'actorName',
                width: 190,
                render: (v: string | null, e) =>
                  !v || (e.actorId == null && v === 'system') ? <span className="nhip-muted">{l('Hệ thống', 'System')}</span> : v,
              },
              {
                title: l('Thao tác', 'Action'),
                dataIndex: 'action',
                render: (a: string) => (
                  <div>
                    <div style={{ fontWeight: 500 }}>{actionLabel(a, lang)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {a}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: l('Đối tượng', 'Entity'),
                key: 'entity',
                width: 220,
                render: (_, e) => (
                  <span>
                    {entityLabel(e.entityType, lang)}
                    {e.entityId && (
                      <span className="nhip-code" style={{ marginInlineStart: 6 }}>
                        #{e.entityId}
                      </span>
                    )}
                  </span>
                ),
              },
              { title: l('Địa chỉ IP', 'IP'), dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
        {data && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            {l(`Tổng cộng ${formatNumber(data.total)} sự kiện`, `${formatNumber(data.total)} events in total`)}
          </Typography.Text>
        )}
      </Card>
    </>
  );
}
