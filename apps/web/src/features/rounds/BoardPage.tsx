/** '/rounds/:roundId': every unit assigned to the round with its submission status. */
import { BarChartOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  compareVi, formatDateTime, searchMatches, STATUS_LABELS, SUBMISSION_STATUSES, UNIT_TYPE_LABELS, type SubmissionStatus, type UnitType,
} from '@nhip/contracts';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { type BoardFilter, useBoard, useSectors } from './api';
import { RoundHeader } from './RoundHeader';
import { ErrorState, StatusTag } from './shared';
import type { BoardRow } from './types';

const STATUS_ORDER: Record<SubmissionStatus, number> = { submitted: 0, returned: 1, draft: 2, not_started: 3, approved: 4 };

export default function BoardPage() {
  const l = useL();
  const lang = useLang();
  const navigate = useNavigate();
  const roundId = Number(useParams().roundId);
  const [params] = useSearchParams();
  const initialStatus = params.get('status');
  const [status, setStatus] = useState<SubmissionStatus | undefined>(
    SUBMISSION_STATUSES.includes(initialStatus as SubmissionStatus) ? (initialStatus as SubmissionStatus) : undefined,
  );
  const [sectorId, setSectorId] = useState<number | undefined>();
  const [unitType, setUnitType] = useState<UnitType | undefined>();
  const [search, setSearch] = useState('');
  const [serverQ, setServerQ] = useState('');
  // The server search follows the box after a pause; the rows already loaded are filtered at once.
  useEffect(() => {
    const t = setTimeout(() => setServerQ(search.trim()), 400);
    return () => clearTimeout(t);
  }, [search]);
  const filter: BoardFilter = { status, sectorId, unitType, q: serverQ || undefined };
  const board = useBoard(roundId, filter);
  const sectors = useSectors();
  const query = useDeferredValue(search);

  const rows = useMemo(() => {
    const all = board.data?.rows ?? [];
    return all.filter(
      (r) =>
        (!status || r.status === status) &&
        (!sectorId || r.orgUnit.sectorId === sectorId) &&
        (!unitType || r.orgUnit.type === unitType) &&
        (!query.trim() || searchMatches(`${r.orgUnit.name} ${r.orgUnit.code} ${r.orgUnit.sectorName ?? ''}`, query)),
    );
  }, [board.data, status, sectorId, unitType, query]);

  // Unit types seen in any answer, so narrowing the list does not shrink the choices.
  const [unitTypes, setUnitTypes] = useState<UnitType[]>([]);
  useEffect(() => {
    const found = board.data?.rows.map((r) => r.orgUnit.type) ?? [];
    setUnitTypes((prev) => (found.every((t) => prev.includes(t)) ? prev : [...new Set([...prev, ...found])]));
  }, [board.data]);

  if (board.error && !board.data) return <ErrorState error={board.error} onRetry={() => board.refetch()} />;
  if (!board.data) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  const columns: ColumnsType<BoardRow> = [
    {
      title: l('Đơn vị', 'Unit'),
      key: 'unit',
      sorter: (a, b) => compareVi(a.orgUnit.name, b.orgUnit.name),
      render: (_, r) => (
        <div>
          <Link to={`/rounds/${roundId}/units/${r.orgUnit.id}`} onClick={(e) => e.stopPropagation()}>{r.orgUnit.name}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.orgUnit.code} · {UNIT_TYPE_LABELS[r.orgUnit.type]?.[lang] ?? r.orgUnit.type}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: l('Lĩnh vực', 'Sector'), key: 'sector', responsive: ['md'], render: (_, r) => r.orgUnit.sectorName ?? '—' },
    {
      title: l('Trạng thái', 'Status'),
      key: 'status',
      width: 170,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || compareVi(a.orgUnit.name, b.orgUnit.name),
      render: (_, r) => <StatusTag status={r.status} late={r.late} />,
    },
    {
      title: l('Nộp lúc', 'Submitted at'),
      key: 'submittedAt',
      width: 150,
      sorter: (a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''),
      render: (_, r) => (r.submittedAt ? formatDateTime(r.submittedAt) : '—'),
    },
    { title: l('Duyệt lúc', 'Reviewed at'), key: 'reviewedAt', width: 150, responsive: ['lg'], render: (_, r) => (r.reviewedAt ? formatDateTime(r.reviewedAt) : '—') },
    { title: l('Cập nhật', 'Updated'), key: 'updatedAt', width: 150, responsive: ['xl'], render: (_, r) => (r.updatedAt ? formatDateTime(r.updatedAt) : '—') },
  ];

  return (
    <Flex vertical gap={16}>
      <RoundHeader
        round={board.data.round}
        extra={<Button icon={<BarChartOutlined />} onClick={() => navigate(`/rounds/${roundId}/completeness`)}>{l('Tỷ lệ nộp, đúng hạn', 'Completeness')}</Button>}
      />
      <Card title={l('Tình hình nộp báo cáo của các đơn vị', 'Submissions by unit')}>
        <Flex gap={12} wrap="wrap" style={{ marginBottom: 16 }}>
          <Input
            data-testid="board-search"
            allowClear
            prefix={<SearchOutlined />}
            placeholder={l('Tìm đơn vị (gõ có dấu hoặc không dấu)', 'Search units (with or without diacritics)')}
            aria-label={l('Tìm đơn vị', 'Search units')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 320, maxWidth: '100%' }}
          />
          <Select
            data-testid="status-filter"
            aria-label={l('Lọc theo trạng thái', 'Filter by status')}
            allowClear
            placeholder={l('Mọi trạng thái', 'All statuses')}
            style={{ width: 170 }}
            value={status}
            onChange={setStatus}
            options={SUBMISSION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s][lang] }))}
          />
          <Select
            aria-label={l('Lọc theo lĩnh vực', 'Filter by sector')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={l('Mọi lĩnh vực', 'All sectors')}
            style={{ width: 220 }}
            value={sectorId}
            onChange={setSectorId}
            loading={sectors.isLoading}
            options={(sectors.data ?? []).map((s) => ({ value: s.id, label: lang === 'en' && s.nameEn ? s.nameEn : s.name }))}
          />
          <Select
            aria-label={l('Lọc theo loại đơn vị', 'Filter by unit type')}
            allowClear
            placeholder={l('Mọi loại đơn vị', 'All unit types')}
            style={{ width: 240 }}
            value={unitType}
            onChange={setUnitType}
            options={unitTypes.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t]?.[lang] ?? t }))}
          />
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            {l(`${rows.length} đơn vị`, `${rows.length} units`)}
          </Typography.Text>
        </Flex>
        {board.error ? <ErrorState error={board.error} onRetry={() => board.refetch()} /> : null}
        <Table<BoardRow>
          data-testid="board-table"
          rowKey={(r) => r.orgUnit.id}
          columns={columns}
          dataSource={rows}
          loading={board.isFetching}
          size="middle"
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => navigate(`/rounds/${roundId}/units/${r.orgUnit.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={l('Không có đơn vị nào phù hợp bộ lọc.', 'No unit matches the filters.')} /> }}
        />
      </Card>
    </Flex>
  );
}
