/** '/rounds': every reporting round the user may see, with filters; the office opens and edits rounds here. */
import { BarChartOutlined, EditOutlined, LockOutlined, MoreOutlined, PlusOutlined, TableOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Empty, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { compareVi, formatDate, periodLabel, UNIT_ROLES } from '@nhip/contracts';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { type RoundFilter, useForms, useRounds, useSaveRound } from './api';
import { RoundModal } from './RoundModal';
import { DeadlineText, ErrorState, RoundProgress } from './shared';
import type { Round } from './types';

export default function RoundsPage() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const [filter, setFilter] = useState<RoundFilter>({ status: 'open' });
  const rounds = useRounds(filter);
  const forms = useForms();
  const save = useSaveRound();
  const canManage = !!me.abilities['rounds.manage'];
  const [params, setParams] = useSearchParams();
  // '/rounds?new=1' (from the home page) opens the "new round" dialog at once.
  const [editing, setEditing] = useState<Round | null | undefined>(() => (canManage && params.get('new') ? null : undefined));
  const isUnit = UNIT_ROLES.includes(me.role);
  const thisYear = new Date().getFullYear();

  const open = (r: Round) =>
    navigate(isUnit && me.orgUnitId ? `/rounds/${r.id}/units/${me.orgUnitId}` : `/rounds/${r.id}`);

  const toggle = (r: Round) => {
    const closing = r.status === 'open';
    modal.confirm({
      title: closing ? l('Đóng đợt báo cáo?', 'Close the round?') : l('Mở lại đợt báo cáo?', 'Reopen the round?'),
      content: closing
        ? l(
            `Sau khi đóng, các đơn vị không thể nhập hoặc nộp báo cáo ${r.formName} – ${periodLabel(r.period)}. Có thể mở lại sau.`,
            `Units can no longer enter or submit ${r.formName} – ${periodLabel(r.period, 'en')}. You can reopen it later.`,
          )
        : l('Các đơn vị sẽ nhập và nộp báo cáo được trở lại.', 'Units will be able to enter and submit again.'),
      okText: closing ? l('Đóng đợt', 'Close') : l('Mở lại', 'Reopen'),
      cancelText: l('Hủy', 'Cancel'),
      okButtonProps: { danger: closing },
      onOk: async () => {
        try {
          await save.mutateAsync({ id: r.id, patch: { status: closing ? 'closed' : 'open' } });
          message.success(closing ? l('Đã đóng đợt báo cáo.', 'Round closed.') : l('Đã mở lại đợt báo cáo.', 'Round reopened.'));
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  };

  const columns: ColumnsType<Round> = [
    {
      title: l('Biểu mẫu', 'Form'),
      key: 'form',
      sorter: (a, b) => compareVi(a.formName, b.formName),
      render: (_, r) => (
        <div>
          {/* A link as well as the row's click, so the board opens from the keyboard too. */}
          <Link to={`/rounds/${r.id}`} onClick={(e) => e.stopPropagation()}>
            <Typography.Text strong>{r.formName}</Typography.Text>
          </Link>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.formCode}</Typography.Text></div>
        </div>
      ),
    },
    {
      title: l('Kỳ báo cáo', 'Period'),
      key: 'period',
      width: 140,
      sorter: (a, b) => a.periodStart.localeCompare(b.periodStart),
      render: (_, r) => (
        <Space size={4} wrap>
          <span style={{ whiteSpace: 'nowrap' }}>{periodLabel(r.period, lang)}</span>
          {r.status === 'closed' ? <Tag icon={<LockOutlined />}>{l('Đã đóng', 'Closed')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: l('Chốt số liệu', 'Cut-off'),
      key: 'cutoff',
      width: 190,
      responsive: ['lg'],
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(r.cutoffStart)} – {formatDate(r.cutoffEnd)}</span>,
    },
    {
      title: l('Hạn nộp', 'Deadline'),
      key: 'deadline',
      width: 160,
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.deadline.localeCompare(b.deadline),
      render: (_, r) => <DeadlineText deadline={r.deadline} done={r.status === 'closed' || r.counts.notStarted + r.counts.draft + r.counts.returned === 0} block />,
    },
    { title: l('Tiến độ nộp', 'Progress'), key: 'progress', width: 180, render: (_, r) => <RoundProgress counts={r.counts} compact /> },
  ];
  if (canManage) {
    columns.push({
      title: '',
      key: 'actions',
      width: 56,
      render: (_, r) => (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'board', icon: <TableOutlined />, label: l('Bảng theo dõi', 'Board') },
                { key: 'completeness', icon: <BarChartOutlined />, label: l('Tỷ lệ nộp, đúng hạn', 'Completeness') },
                { type: 'divider' },
                { key: 'edit', icon: <EditOutlined />, label: l('Sửa hạn nộp, thời gian chốt', 'Edit deadline and cut-off') },
                r.status === 'open'
                  ? { key: 'toggle', icon: <LockOutlined />, danger: true, label: l('Đóng đợt báo cáo', 'Close the round') }
                  : { key: 'toggle', icon: <UnlockOutlined />, label: l('Mở lại đợt báo cáo', 'Reopen the round') },
              ],
              onClick: ({ key, domEvent }) => {
                domEvent.stopPropagation();
                if (key === 'board') navigate(`/rounds/${r.id}`);
                else if (key === 'completeness') navigate(`/rounds/${r.id}/completeness`);
                else if (key === 'edit') setEditing(r);
                else if (key === 'toggle') toggle(r);
              },
            }}
          >
            <Button type="text" icon={<MoreOutlined />} aria-label={l('Thao tác', 'Actions')} onClick={(e) => e.stopPropagation()} />
          </Dropdown>
      ),
    });
  }

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap="wrap" gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{l('Đợt báo cáo', 'Reporting rounds')}</Typography.Title>
          <Typography.Text type="secondary">
            {l('Mỗi đợt là một biểu mẫu trong một kỳ, có thời gian chốt số liệu và hạn nộp riêng.', 'Each round is one form for one period, with its own cut-off and deadline.')}
          </Typography.Text>
        </div>
        {canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{l('Mở đợt báo cáo', 'Open a round')}</Button> : null}
      </Flex>
      <Card>
        <Flex gap={12} wrap="wrap" style={{ marginBottom: 16 }}>
          <Select
            aria-label={l('Trạng thái đợt', 'Round status')}
            style={{ width: 170 }}
            value={filter.status ?? 'all'}
            onChange={(v: 'open' | 'closed' | 'all') => setFilter((f) => ({ ...f, status: v === 'all' ? undefined : v }))}
            options={[
              { value: 'open', label: l('Đang mở', 'Open') },
              { value: 'closed', label: l('Đã đóng', 'Closed') },
              { value: 'all', label: l('Tất cả trạng thái', 'All statuses') },
            ]}
          />
          <Select
            aria-label={l('Biểu mẫu', 'Form')}
            style={{ width: 320, maxWidth: '100%' }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={l('Tất cả biểu mẫu', 'All forms')}
            value={filter.formId}
            loading={forms.isLoading}
            onChange={(v) => setFilter((f) => ({ ...f, formId: v }))}
            options={(forms.data ?? []).map((f) => ({ value: f.id, label: `${f.code} – ${lang === 'en' && f.nameEn ? f.nameEn : f.name}` }))}
          />
          <Select
            aria-label={l('Năm', 'Year')}
            style={{ width: 140 }}
            allowClear
            placeholder={l('Mọi năm', 'All years')}
            value={filter.year}
            onChange={(v) => setFilter((f) => ({ ...f, year: v }))}
            options={Array.from({ length: 8 }, (_, i) => thisYear + 1 - i).map((y) => ({ value: y, label: l(`Năm ${y}`, `${y}`) }))}
          />
        </Flex>
        {rounds.error ? (
          <ErrorState error={rounds.error} onRetry={() => rounds.refetch()} />
        ) : (
          <Table<Round>
            rowKey="id"
            columns={columns}
            dataSource={rounds.data}
            loading={rounds.isFetching}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
            scroll={{ x: 900 }}
            locale={{
              emptyText: (
                <Empty
                  description={
                    filter.status === 'open'
                      ? l('Không có đợt báo cáo nào đang mở.', 'No round is open.')
                      : l('Không có đợt báo cáo phù hợp bộ lọc.', 'No round matches the filters.')
                  }
                >
                  {canManage ? <Button type="primary" onClick={() => setEditing(null)}>{l('Mở đợt báo cáo', 'Open a round')}</Button> : null}
                </Empty>
              ),
            }}
          />
        )}
      </Card>
      <RoundModal
        open={editing !== undefined}
        round={editing}
        onClose={() => {
          setEditing(undefined);
          if (params.get('new')) setParams({}, { replace: true });
        }}
        onSaved={(r) => {
          if (!editing) navigate(`/rounds/${r.id}`);
        }}
      />
    </Flex>
  );
}
