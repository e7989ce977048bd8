import { DownloadOutlined, LockOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { formatDate, formatNumber, UNIT_ROLES } from '@nhip/contracts';
import { Button, Card, Grid, Input, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { OrgUnitTreeSelect } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { EmptyHint, showTotal } from '../../components/table';
import { type Person, usePeople } from './api';
import { PERSONAL_DATA_NOTE } from './labels';
import { PeopleImportModal } from './PeopleImportModal';
import { PersonDrawer } from './PersonDrawer';
import { PersonFormModal } from './PersonFormModal';

/** The text typed, once the person has stopped typing for a moment. */
function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * The people directory: everyone's name, position and unit, searchable without diacritics; filtered by unit
 * on a date; former staff on request. A unit's reporter and head open it on their own unit ("Cán bộ đơn vị").
 */
export default function PeoplePage() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const unitRole = UNIT_ROLES.includes(me.role);
  const managesAll = !!me.abilities['people.manage'];
  const manages = managesAll || (unitRole && me.orgUnitId != null);
  const [params, setParams] = useSearchParams();
  const unitParam = params.get('unit');
  const unitId = unitParam === 'all' ? undefined : unitParam ? Number(unitParam) : unitRole ? (me.orgUnitId ?? undefined) : undefined;
  const asOf = params.get('asOf') ?? todayVN();
  const includeFormer = params.get('former') === '1';
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  // The open person is in the address, so a person's page can be shared and the browser's Back closes it.
  const openId = params.get('person') ? Number(params.get('person')) : null;
  const withPerson = (id: number | null) => {
    const p = new URLSearchParams(params);
    if (id === null) p.delete('person');
    else p.set('person', String(id));
    return `?${p.toString()}`;
  };
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);

  // A new filter starts again at the first page.
  useEffect(() => setPage(1), [query, unitId, asOf, includeFormer]);

  const { data, isLoading, isFetching, error, refetch } = usePeople({
    q: query || undefined, unitId, asOf: params.get('asOf') ?? undefined, includeFormer: includeFormer || undefined, page, pageSize,
  });
  const items = data?.items ?? [];
  const showsPersonal = useMemo(() => items.some((p) => p.personal), [items]);
  const hidesPersonal = items.some((p) => !p.personal);

  const setOpenId = (id: number | null) => setParams(new URLSearchParams(withPerson(id)), { replace: id === null });
  const setParam = (key: string, value: string | null) => {
    const p = new URLSearchParams(params);
    if (value === null) p.delete(key);
    else p.set(key, value);
    setParams(p, { replace: true });
  };

  const nameCell = (p: Person) => (
    <Space size={6} wrap>
      {/* A real link: reachable by keyboard, opens the person's drawer (the row's click does the same). */}
      <Link to={withPerson(p.id)} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
        {p.fullName}
      </Link>
      {!p.current && <Tag>{p.validTo && p.validTo < asOf ? l('Đã nghỉ / chuyển đi', 'Former') : l('Chưa bắt đầu', 'Not started')}</Tag>}
    </Space>
  );
  const locked = <LockOutlined className="nhip-muted" aria-label={l('Dữ liệu cá nhân', 'Personal data')} />;
  const contactCell = (p: Person) =>
    !p.personal ? (
      locked
    ) : p.phone || p.email ? (
      <div style={{ lineHeight: 1.5 }}>
        {p.phone && <div>{p.phone}</div>}
        {p.email && <div className="nhip-muted" style={{ overflowWrap: 'anywhere' }}>{p.email}</div>}
      </div>
    ) : (
      <span className="nhip-muted">—</span>
    );
  const columns: ColumnsType<Person> = [
    { title: l('Họ và tên', 'Name'), dataIndex: 'fullName', width: 220, render: (_, p) => nameCell(p) },
    { title: l('Chức vụ', 'Position'), dataIndex: 'position', width: 210, render: (v: string | null) => v || <span className="nhip-muted">—</span> },
    { title: l('Đơn vị', 'Unit'), key: 'unit', render: (_, p) => (p.unit ? p.unit.name : <span className="nhip-muted">—</span>) },
    { title: l('Từ ngày', 'Since'), dataIndex: 'validFrom', width: 110, render: (v: string | null) => (v ? formatDate(v) : '—') },
    ...(showsPersonal ? [{ title: l('Liên hệ', 'Contact'), key: 'contact', width: 230, render: (_: unknown, p: Person) => contactCell(p) }] : []),
  ];
  /** On a phone: one column, the name over the position and unit, then the contacts. */
  const mobileColumns: ColumnsType<Person> = [
    {
      title: l('Cán bộ', 'Person'),
      key: 'person',
      render: (_, p) => (
        <div>
          {nameCell(p)}
          <div className="nhip-muted">{[p.position, p.unit?.name].filter(Boolean).join(' · ') || '—'}</div>
          {p.personal && p.phone && <div>{p.phone}</div>}
        </div>
      ),
    },
  ];

  const title = unitRole ? l('Cán bộ đơn vị', 'Our staff') : l('Cán bộ', 'People');
  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          unitRole
            ? l(
                `Danh sách cán bộ của ${me.orgUnitName ?? 'đơn vị'}: chức vụ, quá trình công tác và thông tin liên hệ. Đơn vị tự cập nhật khi có người mới, đổi chức vụ hay nghỉ.`,
                `Staff of ${me.orgUnitName ?? 'your unit'}: positions, history and contacts. Keep it current when someone joins, changes post or leaves.`,
              )
            : l(
                'Cán bộ của các đơn vị theo thời gian: đại biểu hội nghị và người được khen thưởng đều lấy từ danh sách này. Tìm không cần dấu.',
                'Staff of every unit over time: conference delegates and award nominees come from this list. Search without diacritics.',
              )
        }
        extra={
          manages && (
            <>
              <Button icon={<DownloadOutlined />} href="/api/people/export.csv">
                {l('Xuất CSV', 'Export CSV')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {l('Nhập CSV', 'Import CSV')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {l('Thêm cán bộ', 'Add person')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <div className="nhip-toolbar">
          <Input.Search
            allowClear
            aria-label={l('Tìm theo họ tên', 'Search by name')}
            placeholder={l('Tìm theo họ tên (không cần dấu)', 'Search by name')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 280 }}
          />
          <OrgUnitTreeSelect
            value={unitId ?? null}
            onChange={(v) => setParam('unit', v == null ? 'all' : String(v))}
            asOf={asOf}
            placeholder={l('Mọi đơn vị', 'All units')}
            style={{ width: 320, maxWidth: '100%' }}
          />
          <Space size={6}>
            <span className="nhip-muted">{l('Tại ngày', 'As of')}</span>
            <DateField value={asOf} onChange={(v) => setParam('asOf', v)} allowClear={false} style={{ width: 150 }} />
          </Space>
          <Space size={6}>
            <Switch
              aria-label={l('Cả người đã nghỉ, đã chuyển đi', 'Include former staff')}
              size="small"
              checked={includeFormer}
              onChange={(v) => setParam('former', v ? '1' : null)}
            />
            <span>{l('Cả người đã nghỉ, đã chuyển đi', 'Include former staff')}</span>
          </Space>
        </div>
        {!isLoading && !error && (
          <div style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
            <Typography.Text strong>
              {includeFormer
                ? l(`${formatNumber(data?.total ?? 0)} người`, `${formatNumber(data?.total ?? 0)} people`)
                : l(
                    `${formatNumber(data?.total ?? 0)} người đang công tác ngày ${formatDate(asOf)}`,
                    `${formatNumber(data?.total ?? 0)} people in post on ${formatDate(asOf)}`,
                  )}
            </Typography.Text>
            {hidesPersonal && (
              <Tooltip title={PERSONAL_DATA_NOTE[lang]}>
                <Tag icon={<LockOutlined />} variant="filled">
                  {l('Ẩn dữ liệu cá nhân', 'Personal data hidden')}
                </Tag>
              </Tooltip>
            )}
          </div>
        )}
        {error ? (
          <ErrorState compact error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<Person>
            rowKey="id"
            size="middle"
            loading={isLoading || isFetching}
            dataSource={items}
            scroll={mobile ? undefined : { x: 900 }}
            onRow={(p) => ({ onClick: () => setOpenId(p.id), className: 'nhip-table-row-clickable' })}
            showHeader={!mobile}
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
                  title={query ? l('Không có cán bộ phù hợp', 'No matching person') : l('Chưa có cán bộ nào', 'No one here yet')}
                  hint={
                    query || unitId
                      ? l('Thử bỏ bớt điều kiện lọc, chọn ngày khác hoặc bật "Cả người đã nghỉ".', 'Loosen the filters, pick another date or include former staff.')
                      : manages
                        ? l('Thêm cán bộ đầu tiên hoặc nhập danh sách từ tệp CSV.', 'Add the first person or import a CSV list.')
                        : undefined
                  }
                />
              ),
            }}
            columns={mobile ? mobileColumns : columns}
          />
        )}
      </Card>
      <PersonDrawer id={openId} onClose={() => setOpenId(null)} />
      {adding && <PersonFormModal person={null} onClose={() => setAdding(false)} onSaved={(p) => setOpenId(p.id)} />}
      <PeopleImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
