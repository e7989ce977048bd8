/**
 * "Sổ khen thưởng": every award already decided, a person's or a collective's, searchable without diacritics and
 * filtered by year, unit, title and source; exported to .xlsx with the filters applied. The office enters a record,
 * deletes one entered by mistake, and imports years of paper history from a spreadsheet (all or nothing).
 */
import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { formatNumber } from '@nhip/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Grid, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { OrgUnitTreeSelect } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { EmptyHint, showTotal } from '../../components/table';
import { AWARDS_LOOKBACK_KEY, type AwardRecord, deleteRecord, type RecordFilter, recordsExportUrl, useRecords } from './api-register';
import { RecordFormModal } from './RecordFormModal';
import { RecordImportModal } from './RecordImportModal';
import { AwardTypeSelect, dash, thisYearVN, useUnitCodes, vnDate, yearOptions } from './register-shared';

function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export default function RegisterPage() {
  const l = useL();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const manages = !!me.abilities['awards.manage'];
  const mobile = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const unitCode = params.get('unit') ?? undefined;
  const title = params.get('title') ?? undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const source = (params.get('source') as 'history' | 'decision' | null) ?? undefined;
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const { byId, byCode } = useUnitCodes();

  const set = (key: string, value: string | null | undefined) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };
  // A new filter starts again at the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are the trigger, not read inside
  useEffect(() => setPage(1), [query, unitCode, title, year, source]);

  const filter: RecordFilter = { q: query || undefined, unit: unitCode, title, year, source };
  const { data, isLoading, isFetching, error, refetch } = useRecords({ ...filter, page, pageSize });
  const items = data?.items ?? [];

  const remove = async (r: AwardRecord) => {
    try {
      await deleteRecord(r.id);
      message.success(l('Đã xóa bản ghi khỏi sổ khen thưởng.', 'Record deleted.'));
      void qc.invalidateQueries({ queryKey: AWARDS_LOOKBACK_KEY });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const who = (r: AwardRecord) =>
    r.person ? (
      <div>
        <Link to={`/awards/people/${r.person.id}`} style={{ fontWeight: 500 }}>
          {r.person.fullName}
        </Link>
        {r.homeUnit && (
          <div className="nhip-muted" style={{ fontSize: 12 }}>
            <Link to={`/awards/units/${encodeURIComponent(r.homeUnit.code)}`} className="nhip-muted">
              {r.homeUnit.name}
            </Link>
          </div>
        )}
      </div>
    ) : r.unit ? (
      <Space size={6} wrap>
        <Link to={`/awards/units/${encodeURIComponent(r.unit.code)}`} style={{ fontWeight: 500 }}>
          {r.unit.name}
        </Link>
        <Tag>{l('Tập thể', 'Collective')}</Tag>
      </Space>
    ) : (
      dash
    );

  const columns: ColumnsType<AwardRecord> = [
    { title: l('Cá nhân, tập thể', 'Awarded to'), key: 'who', width: 280, render: (_, r) => who(r) },
    { title: l('Danh hiệu, hình thức khen thưởng', 'Title or form'), key: 'title', render: (_, r) => r.title.name },
    { title: l('Năm', 'Year'), dataIndex: 'year', width: 70 },
    {
      title: l('Quyết định', 'Decision'),
      key: 'decision',
      width: 200,
      render: (_, r) =>
        r.decision ? (
          <div>
            <div>{r.decision}</div>
            {r.decisionDate && (
              <div className="nhip-muted" style={{ fontSize: 12 }}>
                {l(`ngày ${vnDate(r.decisionDate)}`, `on ${vnDate(r.decisionDate)}`)}
              </div>
            )}
          </div>
        ) : (
          dash
        ),
    },
    { title: l('Cấp khen', 'Authority'), dataIndex: 'authority', width: 210, render: (v: string | null) => v ?? dash },
    ...(manages
      ? [
          {
            title: l('Xóa', 'Delete'),
            key: 'actions',
            width: 64,
            render: (_: unknown, r: AwardRecord) =>
              r.source === 'decision' ? (
                <Tooltip title={l('Bản ghi do quyết định khen thưởng của Sở tạo ra', 'Written by a decision')}>
                  <Tag>{l('QĐ', 'Dec.')}</Tag>
                </Tooltip>
              ) : (
                <Popconfirm
                  title={l('Xóa bản ghi nhập nhầm này?', 'Delete this record?')}
                  description={l(`${r.person?.fullName ?? r.unit?.name ?? ''} — ${r.title.name} ${r.year}`, `${r.title.name} ${r.year}`)}
                  okText={l('Xóa', 'Delete')}
                  cancelText={l('Không', 'No')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(r)}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={l('Xóa bản ghi', 'Delete record')} />
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];
  const mobileColumns: ColumnsType<AwardRecord> = [
    {
      title: l('Khen thưởng', 'Award'),
      key: 'all',
      render: (_, r) => (
        <div>
          {who(r)}
          <div>
            {r.title.name} · <strong>{r.year}</strong>
          </div>
          <div className="nhip-muted" style={{ fontSize: 12 }}>
            {[r.decision, r.decisionDate && vnDate(r.decisionDate), r.authority].filter(Boolean).join(' · ')}
          </div>
        </div>
      ),
    },
  ];

  const filtered = !!(query || unitCode || title || year || source);
  return (
    <>
      <PageHeader
        title={l('Sổ khen thưởng', 'Award register')}
        subtitle={l(
          'Mọi danh hiệu thi đua, hình thức khen thưởng đã được quyết định, của cá nhân và tập thể. Tìm theo họ tên, danh hiệu hay số quyết định, không cần dấu.',
          'Every title and form of commendation already decided, for people and collectives. Search by name, title or decision number.',
        )}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={recordsExportUrl('xlsx', filter)}>
              {l('Xuất Excel', 'Export Excel')}
            </Button>
            {manages && (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  {l('Nhập lịch sử từ tệp', 'Import history')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  {l('Thêm bản ghi', 'Add record')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Card>
        <div className="nhip-toolbar">
          <Input.Search
            allowClear
            aria-label={l('Tìm trong sổ khen thưởng', 'Search the register')}
            placeholder={l('Họ tên, danh hiệu, số quyết định (không cần dấu)', 'Name, title, decision number')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 320 }}
          />
          <Select<number>
            aria-label={l('Năm', 'Year')}
            allowClear
            placeholder={l('Mọi năm', 'Every year')}
            value={year}
            onChange={(v) => set('year', v ? String(v) : null)}
            options={yearOptions(2000, thisYearVN())}
            style={{ width: 120 }}
          />
          <OrgUnitTreeSelect
            value={unitCode ? (byCode.get(unitCode)?.id ?? null) : null}
            onChange={(v) => set('unit', typeof v === 'number' ? (byId.get(v)?.code ?? null) : null)}
            includeClosed
            placeholder={l('Mọi đơn vị', 'Every unit')}
            style={{ width: 300, maxWidth: '100%' }}
          />
          <AwardTypeSelect value={title ?? null} onChange={(v) => set('title', v)} style={{ width: 280 }} />
          <Select<'history' | 'decision'>
            aria-label={l('Nguồn', 'Source')}
            allowClear
            placeholder={l('Mọi nguồn', 'Every source')}
            value={source}
            onChange={(v) => set('source', v ?? null)}
            options={[
              { value: 'history', label: l('Lịch sử đã nhập', 'Recorded history') },
              { value: 'decision', label: l('Quyết định của Sở trên Nhịp', 'Decisions made here') },
            ]}
            style={{ width: 220 }}
          />
        </div>
        {!isLoading && !error && (
          <Typography.Paragraph strong style={{ marginBottom: 12 }}>
            {filtered
              ? l(`${formatNumber(data?.total ?? 0)} khen thưởng phù hợp`, `${formatNumber(data?.total ?? 0)} matching awards`)
              : l(`${formatNumber(data?.total ?? 0)} khen thưởng trong sổ`, `${formatNumber(data?.total ?? 0)} awards in the register`)}
          </Typography.Paragraph>
        )}
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<AwardRecord>
            rowKey="id"
            size="middle"
            loading={isLoading || isFetching}
            dataSource={items}
            showHeader={!mobile}
            columns={mobile ? mobileColumns : columns}
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
            locale={{
              emptyText: (
                <EmptyHint
                  title={
                    filtered
                      ? l('Không có khen thưởng phù hợp', 'No matching award')
                      : l('Sổ khen thưởng chưa có gì', 'The register is empty')
                  }
                  hint={
                    filtered
                      ? l('Thử bỏ bớt điều kiện lọc.', 'Loosen the filters.')
                      : manages
                        ? l(
                            'Nhập lịch sử khen thưởng các năm trước từ tệp Excel, hoặc thêm từng bản ghi.',
                            'Import past years from a spreadsheet, or add records one by one.',
                          )
                        : undefined
                  }
                />
              ),
            }}
          />
        )}
      </Card>
      {adding && <RecordFormModal onClose={() => setAdding(false)} />}
      <RecordImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
