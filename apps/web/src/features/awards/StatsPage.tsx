/**
 * "Thống kê khen thưởng": the register counted by year, unit, title or form, gender and authority, for a range of
 * years, optionally one title and one unit (with its predecessors); exported to .xlsx, one sheet per view.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { formatNumber, formatPercent, UNIT_TYPE_LABELS, type UnitType } from '@nhip/contracts';
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { useL } from '../../app/i18n';
import { OrgUnitTreeSelect } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { type AwardStats, type Count, type StatsFilter, statsExportUrl, useAwardStats } from './api-register';
import { AwardTypeSelect, thisYearVN, useUnitCodes, yearOptions } from './register-shared';

/** A bar behind a count: its share of the largest row. */
function Bar({ n, max }: { n: number; max: number }) {
  const w = max > 0 ? Math.round((n / max) * 100) : 0;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <div style={{ flex: '0 0 120px', height: 10, background: '#eef2f6', borderRadius: 5 }} aria-hidden>
        <div style={{ width: `${w}%`, height: '100%', background: '#3f6fa3', borderRadius: 5 }} />
      </div>
      <span style={{ minWidth: 48, textAlign: 'right' }}>{formatNumber(n)}</span>
    </div>
  );
}

export default function StatsPage() {
  const l = useL();
  const [params, setParams] = useSearchParams();
  const thisYear = thisYearVN();
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const filter: StatsFilter = {
    yearFrom: num('from'),
    yearTo: num('to'),
    title: params.get('title') ?? undefined,
    unit: params.get('unit') ?? undefined,
  };
  const { data, error, refetch, isFetching } = useAwardStats(filter);
  const { byId, byCode } = useUnitCodes();
  const set = (key: string, value: string | null | undefined) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };

  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <PageSkeleton />;
  const s: AwardStats = data;
  const share = (c: Count) => (s.total.total ? formatPercent((c.total / s.total.total) * 100, 1) : '—');
  const nums = <T extends Count>(max: number): ColumnsType<T> => [
    { title: l('Cá nhân', 'People'), dataIndex: 'people', width: 110, align: 'right', render: (n: number) => formatNumber(n) },
    { title: l('Tập thể', 'Collectives'), dataIndex: 'units', width: 110, align: 'right', render: (n: number) => formatNumber(n) },
    { title: l('Tổng số', 'Total'), dataIndex: 'total', width: 200, render: (n: number) => <Bar n={n} max={max} /> },
    { title: l('Tỷ lệ', 'Share'), key: 'share', width: 90, align: 'right', render: (_: unknown, r: T) => share(r) },
  ];
  const maxOf = (rows: Count[]) => Math.max(0, ...rows.map((r) => r.total));
  const table = <T extends Count>(rows: T[], first: ColumnsType<T>, key: (r: T) => string | number) => (
    <Table<T>
      size="small"
      rowKey={key}
      dataSource={rows}
      pagination={rows.length > 25 ? { pageSize: 25, showSizeChanger: false } : false}
      scroll={{ x: 640 }}
      columns={[...first, ...nums<T>(maxOf(rows))]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={first.length}>
            <strong>{l('Tổng cộng', 'Total')}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <strong>{formatNumber(s.total.people)}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <strong>{formatNumber(s.total.units)}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3}>
            <strong>{formatNumber(s.total.total)}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} />
        </Table.Summary.Row>
      )}
    />
  );
  const female = s.byGender.find((g) => g.gender === 'female');
  const years = yearOptions(2000, thisYear);

  return (
    <>
      <PageHeader
        title={l('Thống kê khen thưởng', 'Award statistics')}
        subtitle={l(
          `Khen thưởng năm ${s.yearFrom}–${s.yearTo}${s.unit ? ` của ${s.unit.name} (kể cả đơn vị tiền thân)` : ''}${s.title ? `, ${s.byForm[0]?.name ?? s.title}` : ''}. Khen thưởng cá nhân tính cho đơn vị công tác cuối năm được khen.`,
          `Awards ${s.yearFrom}–${s.yearTo}. A person's award counts for the unit they worked in at the end of that year.`,
        )}
        extra={
          <Button icon={<DownloadOutlined />} href={statsExportUrl(filter)}>
            {l('Xuất Excel', 'Export Excel')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <div className="nhip-toolbar">
          <Space size={6}>
            <span className="nhip-muted">{l('Từ năm', 'From')}</span>
            <Select<number>
              aria-label={l('Từ năm', 'From year')}
              value={s.yearFrom}
              onChange={(v) => set('from', String(v))}
              options={years}
              style={{ width: 100 }}
            />
            <span className="nhip-muted">{l('đến', 'to')}</span>
            <Select<number>
              aria-label={l('Đến năm', 'To year')}
              value={s.yearTo}
              onChange={(v) => set('to', String(v))}
              options={years}
              style={{ width: 100 }}
            />
          </Space>
          <OrgUnitTreeSelect
            value={filter.unit ? (byCode.get(filter.unit)?.id ?? null) : null}
            onChange={(v) => set('unit', typeof v === 'number' ? (byId.get(v)?.code ?? null) : null)}
            includeClosed
            placeholder={l('Mọi đơn vị', 'Every unit')}
            style={{ width: 300, maxWidth: '100%' }}
          />
          <AwardTypeSelect value={filter.title ?? null} onChange={(v) => set('title', v)} style={{ width: 280 }} />
        </div>
        {error && <ErrorState compact error={error} onRetry={() => void refetch()} />}
      </Card>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small" loading={isFetching && !data}>
            <Statistic title={l('Tổng số khen thưởng', 'Awards')} value={formatNumber(s.total.total)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={l('Cá nhân', 'People')} value={formatNumber(s.total.people)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={l('Tập thể', 'Collectives')} value={formatNumber(s.total.units)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={l('Nữ trong khen thưởng cá nhân', 'Women among people')}
              value={s.total.people ? formatPercent(((female?.people ?? 0) / s.total.people) * 100, 1) : '—'}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'year',
              label: l('Theo năm', 'By year'),
              children: table(s.byYear, [{ title: l('Năm', 'Year'), dataIndex: 'year', width: 90 }], (r) => r.year),
            },
            {
              key: 'unit',
              label: l('Theo đơn vị', 'By unit'),
              children: table(
                s.byUnit,
                [
                  {
                    title: l('Đơn vị', 'Unit'),
                    key: 'unit',
                    render: (_, r) =>
                      r.unit ? (
                        <div>
                          <Link to={`/awards/units/${encodeURIComponent(r.unit.code)}`}>{r.unit.name}</Link>
                          <div className="nhip-muted" style={{ fontSize: 12 }}>
                            {UNIT_TYPE_LABELS[r.unit.type as UnitType]?.vi ?? r.unit.type}
                          </div>
                        </div>
                      ) : (
                        <span className="nhip-muted">{l('Chưa xác định đơn vị', 'Unknown unit')}</span>
                      ),
                  },
                ],
                (r) => r.unit?.id ?? 0,
              ),
            },
            {
              key: 'form',
              label: l('Theo danh hiệu, hình thức', 'By title or form'),
              children: table(
                s.byForm,
                [{ title: l('Danh hiệu, hình thức khen thưởng', 'Title or form'), dataIndex: 'name' }],
                (r) => r.code,
              ),
            },
            {
              key: 'gender',
              label: l('Theo giới tính', 'By gender'),
              children: table(s.byGender, [{ title: l('Giới tính', 'Gender'), dataIndex: 'label' }], (r) => r.gender),
            },
            {
              key: 'authority',
              label: l('Theo cấp khen', 'By authority'),
              children: table(s.byAuthority, [{ title: l('Cấp khen', 'Authority'), dataIndex: 'authority' }], (r) => r.authority),
            },
          ]}
        />
      </Card>
    </>
  );
}
