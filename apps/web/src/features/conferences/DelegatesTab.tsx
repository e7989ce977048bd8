/**
 * The RSVP board: every invited unit with its answer, its delegates, the e-mail's state (and why it failed); the office
 * invites units by type or one by one, sets how many delegates each is expected to send, and reminds those who have not
 * answered.
 */
import { BellOutlined, DeleteOutlined, PlusOutlined, PrinterOutlined, TeamOutlined } from '@ant-design/icons';
import { INVITATION_STATUS_LABELS, INVITATION_STATUSES, type InvitationStatus, UNIT_TYPE_LABELS, type UnitType } from '@nhip/contracts';
import { Alert, App, Button, Card, Col, Flex, Grid, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { OrgUnitTreeSelect } from '../../components/orgUnits';
import { ErrorState } from '../../components/QueryState';
import { api } from '../../lib/api';
import { type Board, type BoardItem, type Conference, usePart, useRefreshConference } from './api';
import { dt, InvitationStatusTag, useAction, vnWall } from './shared';

const INVITABLE: UnitType[] = ['division', 'it_centre', 'district_office', 'media_centre', 'commune', 'radio_station', 'enterprise', 'press_agency', 'other'];

export default function DelegatesTab({ c }: { c: Conference }) {
  const l = useL();
  const lang = useLang();
  const board = usePart<Board>(c.id, 'board', 'invitations');
  const refresh = useRefreshConference(c.id);
  const navigate = useNavigate();
  const [run, busy] = useAction();
  const { modal } = App.useApp();
  const [status, setStatus] = useState<InvitationStatus | undefined>();
  const [type, setType] = useState<UnitType | undefined>();
  const [adding, setAdding] = useState<'type' | 'unit' | null>(null);
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const canPlan = c.abilities.plan;
  const items = board.data?.items ?? [];
  const shown = useMemo(() => items.filter((i) => (!status || i.status === status) && (!type || i.unit.type === type)), [items, status, type]);
  const failedMail = items.filter((i) => i.email.state === 'failed');

  const putList = (list: { unitId: number; expectedDelegates: number }[], done: string) =>
    run('list', () => api.put<Board>(`/api/conferences/${c.id}/invitations`, { items: list }), done).then((r) => (r ? refresh(['board']) : undefined));
  const listOf = (override?: (i: BoardItem) => number | null) =>
    items.flatMap((i) => {
      const n = override ? override(i) : i.expectedDelegates;
      return n === null ? [] : [{ unitId: i.unit.id, expectedDelegates: n }];
    });

  const remind = () =>
    run(
      'remind',
      () => api.post<{ reminded: number; alreadyToday: number }>(`/api/conferences/${c.id}/invitations/remind`),
      (r) =>
        l(
          `Đã nhắc ${r.reminded} đơn vị${r.alreadyToday ? `; ${r.alreadyToday} đơn vị đã được nhắc hôm nay` : ''}.`,
          `Reminded ${r.reminded} unit(s)${r.alreadyToday ? `; ${r.alreadyToday} already today` : ''}.`,
        ),
    ).then(() => refresh(['board']));

  const emailCell = (i: BoardItem) => {
    const e = i.email;
    const label =
      e.state === 'sent'
        ? <Tag color="success">{l('Đã gửi', 'Sent')}</Tag>
        : e.state === 'failed'
          ? <Tag color="error">{l('Lỗi gửi', 'Failed')}</Tag>
          : e.state === 'not_configured'
            ? <Tag>{l('Chưa cấu hình', 'No SMTP')}</Tag>
            : <Tag>{l('Chưa gửi', 'Not sent')}</Tag>;
    return (
      <div>
        {label}
        {e.at ? <div className="nhip-muted" style={{ fontSize: 12 }}>{dt(e.at)}</div> : null}
        {e.error ? <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }}>{e.error}</Typography.Text> : null}
      </div>
    );
  };
  const delegatesCell = (i: BoardItem) =>
    i.delegates.length === 0 ? (
      <span className="nhip-muted">—</span>
    ) : (
      <ul className="conf-plain-list">
        {i.delegates.map((d) => (
          <li key={d.id}>
            {d.fullName}
            {d.position ? <span className="nhip-muted">, {d.position}</span> : null}
            {d.checkedInAt ? <Tag color="success" style={{ marginInlineStart: 6 }}>{l('có mặt', 'present')}</Tag> : null}
            {d.walkIn ? <Tag color="warning" style={{ marginInlineStart: 6 }}>{l('vãng lai', 'walk-in')}</Tag> : null}
          </li>
        ))}
      </ul>
    );
  const answerCell = (i: BoardItem) => (
    <div>
      <InvitationStatusTag status={i.status} />
      {i.declineReason ? <div className="nhip-muted" style={{ fontSize: 12 }}>{i.declineReason}</div> : null}
      {i.respondedAt ? (
        <div className="nhip-muted" style={{ fontSize: 12 }}>
          {dt(i.respondedAt)}
          {i.respondedBy ? ` · ${i.respondedBy}` : ''}
        </div>
      ) : i.remindedAt ? (
        <div className="nhip-muted" style={{ fontSize: 12 }}>{l(`Đã nhắc ${dt(i.remindedAt)}`, `Reminded ${dt(i.remindedAt)}`)}</div>
      ) : null}
    </div>
  );
  const expectedCell = (i: BoardItem) =>
    canPlan ? (
      <InputNumber
        size="small"
        min={1}
        max={50}
        aria-label={l(`Số đại biểu dự kiến của ${i.unit.name}`, `Expected delegates of ${i.unit.name}`)}
        defaultValue={i.expectedDelegates}
        onBlur={(e) => {
          const n = Number(e.target.value);
          if (Number.isInteger(n) && n >= 1 && n <= 50 && n !== i.expectedDelegates)
            void putList(listOf((x) => (x.unit.id === i.unit.id ? n : x.expectedDelegates)), l('Đã lưu số đại biểu.', 'Saved.'));
        }}
        style={{ width: 72 }}
      />
    ) : (
      i.expectedDelegates
    );

  const columns: ColumnsType<BoardItem> = [
    {
      title: l('Đơn vị', 'Unit'),
      key: 'unit',
      render: (_, i) => (
        <div>
          <div>{i.unit.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{UNIT_TYPE_LABELS[i.unit.type][lang]}</Typography.Text>
        </div>
      ),
    },
    { title: l('Dự kiến', 'Expected'), key: 'expected', width: 100, render: (_, i) => expectedCell(i) },
    { title: l('Trả lời', 'Answer'), key: 'answer', width: 170, render: (_, i) => answerCell(i) },
    { title: l('Đại biểu', 'Delegates'), key: 'delegates', render: (_, i) => delegatesCell(i) },
    { title: l('E-mail', 'E-mail'), key: 'email', width: 170, render: (_, i) => emailCell(i) },
    ...(canPlan
      ? [
          {
            title: '',
            key: 'x',
            width: 56,
            render: (_: unknown, i: BoardItem) => (
              <Tooltip title={l('Bỏ khỏi danh sách mời', 'Remove from the list')}>
                <Button
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={l(`Bỏ ${i.unit.name} khỏi danh sách mời`, `Remove ${i.unit.name}`)}
                  onClick={() =>
                    modal.confirm({
                      title: l(`Bỏ ${i.unit.name} khỏi danh sách mời?`, `Remove ${i.unit.name}?`),
                      okText: l('Bỏ', 'Remove'),
                      cancelText: l('Hủy', 'Cancel'),
                      okButtonProps: { danger: true },
                      onOk: () => putList(listOf((x) => (x.unit.id === i.unit.id ? null : x.expectedDelegates)), l('Đã bỏ đơn vị.', 'Removed.')),
                    })
                  }
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];
  const mobileColumns: ColumnsType<BoardItem> = [
    {
      title: l('Đơn vị', 'Unit'),
      key: 'all',
      render: (_, i) => (
        <Flex vertical gap={4}>
          <Flex justify="space-between" gap={8}>
            <strong>{i.unit.name}</strong>
            <InvitationStatusTag status={i.status} />
          </Flex>
          {delegatesCell(i)}
          <span className="nhip-muted" style={{ fontSize: 12 }}>
            {l(`Dự kiến ${i.expectedDelegates}`, `${i.expectedDelegates} expected`)} · {l('e-mail', 'e-mail')}: {i.email.state === 'failed' ? l('lỗi', 'failed') : i.email.state === 'sent' ? l('đã gửi', 'sent') : '—'}
          </span>
        </Flex>
      ),
    },
  ];

  const t = board.data?.totals;
  return (
    <Flex vertical gap={16}>
      {failedMail.length ? (
        <Alert
          type="error"
          showIcon
          title={l(`${failedMail.length} e-mail giấy mời không gửi được`, `${failedMail.length} invitation e-mail(s) failed`)}
          description={l(
            'Giấy mời vẫn có trong ứng dụng của các đơn vị này. Kiểm tra địa chỉ e-mail của đơn vị, hoặc gọi điện báo.',
            'The invitations are still in these units’ app. Check their e-mail addresses or phone them.',
          )}
        />
      ) : null}
      <Card size="small">
        <Row gutter={[12, 12]}>
          {[
            [l('Đơn vị được mời', 'Invited'), t?.invited],
            [l('Tham dự', 'Attending'), t?.accepted],
            [l('Vắng mặt', 'Declined'), t?.declined],
            [l('Chưa trả lời', 'No answer'), t?.pending],
            [l('Đại biểu / dự kiến', 'Delegates / expected'), t ? `${t.delegates} / ${t.expected}` : undefined],
          ].map(([title, v]) => (
            <Col key={String(title)} xs={12} sm={8} lg={4}>
              <Statistic title={title} value={v ?? '—'} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card>
        <div className="nhip-toolbar">
          <Select
            aria-label={l('Lọc theo trả lời', 'Filter by answer')}
            allowClear
            placeholder={l('Mọi trả lời', 'Every answer')}
            value={status}
            onChange={setStatus}
            options={INVITATION_STATUSES.map((s) => ({ value: s, label: INVITATION_STATUS_LABELS[s][lang] }))}
            style={{ width: 180 }}
          />
          <Select
            aria-label={l('Lọc theo loại đơn vị', 'Filter by unit type')}
            allowClear
            placeholder={l('Mọi loại đơn vị', 'Every unit type')}
            value={type}
            onChange={setType}
            options={[...new Set(items.map((i) => i.unit.type))].map((x) => ({ value: x, label: UNIT_TYPE_LABELS[x][lang] }))}
            style={{ width: 220 }}
          />
          <span className="grow" />
          {c.abilities.invite && c.status === 'invited' ? (
            <Button icon={<BellOutlined />} loading={busy === 'remind'} disabled={(t?.pending ?? 0) === 0} onClick={() => void remind()}>
              {l(`Nhắc đơn vị chưa trả lời (${t?.pending ?? 0})`, `Remind (${t?.pending ?? 0})`)}
            </Button>
          ) : null}
          {canPlan ? (
            <Space wrap>
              <Button icon={<TeamOutlined />} onClick={() => setAdding('type')}>
                {l('Mời theo loại đơn vị', 'Invite by type')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setAdding('unit')}>
                {l('Thêm đơn vị', 'Add units')}
              </Button>
            </Space>
          ) : null}
          {items.some((i) => i.delegates.length) && c.abilities.checkin ? (
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/conferences/${c.id}/tickets`)}>
              {l('In thẻ đại biểu', 'Print tickets')}
            </Button>
          ) : null}
        </div>
        {board.error ? (
          <ErrorState compact error={board.error} onRetry={() => void board.refetch()} />
        ) : (
          <Table<BoardItem>
            rowKey={(i) => i.unit.id}
            size="middle"
            loading={board.isLoading || busy === 'list'}
            dataSource={shown}
            columns={mobile ? mobileColumns : columns}
            showHeader={!mobile}
            pagination={shown.length > 50 ? { pageSize: 50 } : false}
            data-testid="rsvp-board"
          />
        )}
      </Card>
      {adding === 'type' ? <ByTypeModal c={c} onClose={() => setAdding(null)} /> : null}
      {adding === 'unit' ? (
        <AddUnitsModal
          c={c}
          invited={items.map((i) => i.unit.id)}
          onClose={() => setAdding(null)}
          onAdd={(ids, n) => putList([...listOf(), ...ids.map((unitId) => ({ unitId, expectedDelegates: n }))], l(`Đã mời thêm ${ids.length} đơn vị.`, `${ids.length} unit(s) added.`)).then(() => setAdding(null))}
        />
      ) : null}
    </Flex>
  );
}

function ByTypeModal({ c, onClose }: { c: Conference; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const [types, setTypes] = useState<UnitType[]>([]);
  const [n, setN] = useState<number | null>(null);
  const refresh = useRefreshConference(c.id);
  const [run, busy] = useAction();
  const save = () =>
    run(
      'type',
      () => api.post<Board & { added: number }>(`/api/conferences/${c.id}/invitations/by-type`, { types, expectedDelegates: n ?? undefined }),
      (r) => l(`Đã mời thêm ${r.added} đơn vị.`, `${r.added} unit(s) added.`),
    ).then(async (r) => {
      if (r) {
        await refresh(['board']);
        onClose();
      }
    });
  return (
    <Modal
      open
      title={l('Mời theo loại đơn vị', 'Invite by unit type')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={l('Mời', 'Invite')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ disabled: types.length === 0, loading: busy === 'type' }}
    >
      <Typography.Paragraph type="secondary">
        {l(
          `Mọi đơn vị thuộc các loại đã chọn còn hoạt động vào ngày họp (${dt(c.startsAt).slice(0, 10)}) được thêm vào danh sách mời.`,
          'Every unit of the chosen types in being on the conference date is added.',
        )}
      </Typography.Paragraph>
      <Flex vertical gap={12}>
        <Select
          mode="multiple"
          aria-label={l('Loại đơn vị', 'Unit types')}
          placeholder={l('Chọn loại đơn vị', 'Choose unit types')}
          value={types}
          onChange={setTypes}
          options={INVITABLE.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t][lang] }))}
          style={{ width: '100%' }}
        />
        <Flex gap={8} align="center">
          <label htmlFor="conf-bytype-n">{l('Số đại biểu mỗi đơn vị', 'Delegates per unit')}</label>
          <InputNumber id="conf-bytype-n" min={1} max={50} value={n} onChange={(v) => setN(v == null ? null : Number(v))} placeholder={l('theo loại', 'by type')} />
        </Flex>
      </Flex>
    </Modal>
  );
}

function AddUnitsModal({ c, invited, onClose, onAdd }: { c: Conference; invited: number[]; onClose: () => void; onAdd: (ids: number[], n: number) => Promise<unknown> }) {
  const l = useL();
  const [ids, setIds] = useState<number[]>([]);
  const [n, setN] = useState(1);
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={l('Thêm đơn vị được mời', 'Add invited units')}
      onCancel={onClose}
      onOk={() => {
        setSaving(true);
        void onAdd(ids, n).finally(() => setSaving(false));
      }}
      okText={l('Mời', 'Invite')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ disabled: ids.length === 0, loading: saving }}
    >
      <Flex vertical gap={12}>
        <OrgUnitTreeSelect
          multiple
          asOf={vnWall(c.startsAt)?.slice(0, 10)}
          value={ids}
          onChange={(v) => setIds(Array.isArray(v) ? v : v == null ? [] : [v])}
          disabledIds={invited}
          placeholder={l('Chọn đơn vị (còn hoạt động vào ngày họp)', 'Choose units in being on the day')}
        />
        <Flex gap={8} align="center">
          <label htmlFor="conf-add-n">{l('Số đại biểu mỗi đơn vị', 'Delegates per unit')}</label>
          <InputNumber id="conf-add-n" min={1} max={50} value={n} onChange={(v) => setN(Number(v ?? 1))} />
        </Flex>
      </Flex>
    </Modal>
  );
}
