/**
 * Hội đồng thi đua – khen thưởng: the council and its members (the office sets them up, with the decision that formed
 * it), and the year's meetings. A meeting considers the accepted nominations whose title asks for a secret ballot.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { EmptyHint } from '../../components/table';
import { PersonSelect, type PickedPerson } from '../conferences/PersonSelect';
import { DateTimeField } from '../conferences/shared';
import {
  awApi, type Council, type CouncilMember, type CouncilRole, type MeetingItem, useAwardTypes, useCouncils, useMeetings, useNominations, useRefreshAwards,
} from './api';
import { needsBallot } from './NominationsPage';
import { MeetingStatusTag, vnDate, vnWallTime, YearSelect, useYear } from './process-shared';

const ROLE_OPTIONS: { value: CouncilRole; label: string }[] = [
  { value: 'chair', label: 'Chủ tịch Hội đồng' },
  { value: 'vice_chair', label: 'Phó Chủ tịch Hội đồng' },
  { value: 'member', label: 'Ủy viên' },
  { value: 'secretary', label: 'Thư ký' },
];

export default function CouncilPage() {
  const l = useL();
  const me = useCurrentUser();
  const office = me.role === 'admin' || me.role === 'office';
  const [year, setYear] = useYear();
  const councils = useCouncils();
  const meetings = useMeetings(year);
  const navigate = useNavigate();
  const [editing, setEditing] = useState<Council | 'new' | null>(null);
  const [planning, setPlanning] = useState(false);

  const memberColumns: ColumnsType<CouncilMember> = [
    { title: l('Họ và tên', 'Name'), key: 'n', render: (_, m) => <strong>{m.fullName}</strong> },
    { title: l('Chức vụ, đơn vị', 'Position'), key: 'p', render: (_, m) => [m.position, m.unitName].filter(Boolean).join(', ') },
    { title: l('Trong Hội đồng', 'Role'), key: 'r', width: 190, render: (_, m) => m.roleLabel },
    { title: l('Bỏ phiếu trong Nhịp', 'Votes in Nhịp'), key: 'a', width: 150, render: (_, m) => (m.hasAccount ? l('Có tài khoản', 'Has an account') : l('Phiếu giấy', 'Paper ballot')) },
  ];
  const meetingColumns: ColumnsType<MeetingItem> = [
    { title: l('Thời gian', 'When'), key: 'h', width: 150, render: (_, m) => <Link to={`/awards/meetings/${m.id}`}>{vnWallTime(m.heldAt)}</Link> },
    { title: l('Hội đồng', 'Council'), key: 'c', render: (_, m) => m.council.name },
    { title: l('Địa điểm', 'Place'), key: 'p', render: (_, m) => m.place ?? '—' },
    { title: l('Số đề nghị', 'Nominations'), key: 'n', width: 110, align: 'right', render: (_, m) => m.nominations.toLocaleString('vi-VN') },
    { title: l('Biên bản', 'Minutes'), key: 'b', width: 130, render: (_, m) => m.minutesNumber ?? '—' },
    { title: l('Trạng thái', 'Status'), key: 's', width: 200, render: (_, m) => <MeetingStatusTag status={m.status} /> },
  ];

  return (
    <>
      <PageHeader
        title={l('Hội đồng thi đua – khen thưởng', 'Emulation and awards council')}
        subtitle={l(
          'Thành viên Hội đồng và các cuộc họp xét đề nghị khen thưởng: bỏ phiếu kín, tỷ lệ phiếu tính trên tổng số thành viên Hội đồng.',
          'The council’s members and its meetings: secret ballots, counted against all members.',
        )}
        extra={
          office ? (
            <>
              <Button onClick={() => setEditing('new')}>{l('Thành lập Hội đồng', 'New council')}</Button>
              <Button type="primary" icon={<PlusOutlined />} disabled={!councils.data?.items.length} onClick={() => setPlanning(true)}>
                {l('Lên lịch họp', 'Plan a meeting')}
              </Button>
            </>
          ) : null
        }
      />
      {councils.error ? <ErrorState error={councils.error} onRetry={() => void councils.refetch()} /> : null}
      {councils.data && !councils.data.items.length ? (
        <Card style={{ marginBottom: 12 }}>
          <Empty description={l('Chưa có Hội đồng thi đua – khen thưởng nào.', 'No council yet.')} />
        </Card>
      ) : null}
      {(councils.data?.items ?? []).map((c) => (
        <Card
          key={c.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={c.name}
          extra={office ? <Button size="small" onClick={() => setEditing(c)}>{l('Sửa thành viên', 'Edit members')}</Button> : null}
          data-testid="council"
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {c.decisionNumber ? l(`Thành lập theo Quyết định số ${c.decisionNumber}; `, `Formed by decision ${c.decisionNumber}; `) : ''}
            {l(`từ ngày ${vnDate(c.validFrom)}`, `from ${vnDate(c.validFrom)}`)}
            {c.validTo ? l(` đến ngày ${vnDate(c.validTo)}`, ` to ${vnDate(c.validTo)}`) : ''}
            {l(` · ${c.members.length} thành viên`, ` · ${c.members.length} members`)}
          </Typography.Paragraph>
          <Table<CouncilMember> rowKey="id" size="small" columns={memberColumns} dataSource={c.members} pagination={false} />
        </Card>
      ))}
      <Card
        size="small"
        title={l('Các cuộc họp', 'Meetings')}
        extra={<YearSelect value={year} onChange={setYear} />}
      >
        {meetings.error ? (
          <ErrorState compact error={meetings.error} />
        ) : (
          <Table<MeetingItem>
            rowKey="id"
            size="middle"
            columns={meetingColumns}
            dataSource={meetings.data?.items ?? []}
            loading={meetings.isFetching}
            pagination={false}
            onRow={(m) => ({ onDoubleClick: () => void navigate(`/awards/meetings/${m.id}`) })}
            locale={{ emptyText: <EmptyHint title={l(`Chưa có cuộc họp xét khen thưởng năm ${year}`, `No meeting for ${year}`)} /> }}
            data-testid="meetings"
          />
        )}
      </Card>
      {editing ? <CouncilModal council={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {planning ? <MeetingModal year={year} councils={councils.data?.items ?? []} onClose={() => setPlanning(false)} /> : null}
    </>
  );
}

type MemberRow = { key: number; person: number | null; initial: PickedPerson | null; role: CouncilRole };
let seq = 0;

function CouncilModal({ council, onClose }: { council: Council | null; onClose: () => void }) {
  const l = useL();
  const { message } = App.useApp();
  const refresh = useRefreshAwards();
  const [form] = Form.useForm<{ name: string; decisionNumber?: string; validFrom: string }>();
  const [rows, setRows] = useState<MemberRow[]>(() =>
    council
      ? council.members.map((m) => ({ key: ++seq, person: m.personId, initial: { personId: m.personId, fullName: m.fullName, position: m.position }, role: m.role }))
      : [{ key: ++seq, person: null, initial: null, role: 'chair' }],
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    const members = rows.filter((r) => r.person !== null).map((r) => ({ person: r.person as number, role: r.role }));
    if (!members.length) {
      setError(l('Hãy chọn ít nhất một thành viên.', 'Pick at least one member.'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const body = { name: v.name.trim(), decisionNumber: v.decisionNumber?.trim() || null, validFrom: v.validFrom, members };
      if (council) await awApi.updateCouncil(council.id, { ...body, validTo: council.validTo });
      else await awApi.createCouncil(body);
      message.success(l('Đã lưu Hội đồng.', 'Council saved.'));
      void refresh();
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, ['name', 'decisionNumber', 'validFrom']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={760}
      title={council ? l('Sửa Hội đồng thi đua – khen thưởng', 'Edit the council') : l('Thành lập Hội đồng thi đua – khen thưởng', 'New council')}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: council?.name ?? 'Hội đồng thi đua – khen thưởng Sở', decisionNumber: council?.decisionNumber ?? '', validFrom: council?.validFrom ?? todayVN(),
        }}
      >
        <Form.Item name="name" label={l('Tên Hội đồng', 'Name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="decisionNumber" label={l('Quyết định thành lập số', 'Formed by decision')} style={{ flex: 1 }}>
            <Input maxLength={100} placeholder="05/QĐ-SKHCN" />
          </Form.Item>
          <Form.Item name="validFrom" label={l('Từ ngày', 'From')} rules={[{ required: true }]}>
            <DateField />
          </Form.Item>
        </Flex>
      </Form>
      <Typography.Title level={5}>{l('Thành viên', 'Members')}</Typography.Title>
      <Flex vertical gap={8} data-testid="council-members">
        {rows.map((r, i) => (
          <Flex key={r.key} gap={8} align="center">
            <PersonSelect
              aria-label={l(`Thành viên ${i + 1}`, `Member ${i + 1}`)}
              value={r.person}
              initial={r.initial}
              onChange={(v, p) => setRows(rows.map((x) => (x.key === r.key ? { ...x, person: v, initial: p } : x)))}
              style={{ flex: 1 }}
            />
            <Select
              aria-label={l(`Vai trò của thành viên ${i + 1}`, `Role of member ${i + 1}`)}
              value={r.role}
              onChange={(v: CouncilRole) => setRows(rows.map((x) => (x.key === r.key ? { ...x, role: v } : x)))}
              options={ROLE_OPTIONS}
              style={{ width: 200 }}
            />
            <Button aria-label={l(`Bỏ thành viên ${i + 1}`, `Remove member ${i + 1}`)} onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>
              {l('Bỏ', 'Remove')}
            </Button>
          </Flex>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setRows([...rows, { key: ++seq, person: null, initial: null, role: 'member' }])} style={{ alignSelf: 'flex-start' }}>
          {l('Thêm thành viên', 'Add a member')}
        </Button>
      </Flex>
    </Modal>
  );
}

function MeetingModal({ year, councils, onClose }: { year: number; councils: Council[]; onClose: () => void }) {
  const l = useL();
  const { message } = App.useApp();
  const refresh = useRefreshAwards();
  const navigate = useNavigate();
  const types = useAwardTypes();
  const accepted = useNominations({ year, status: 'accepted' });
  const ballots = (accepted.data?.items ?? []).filter((n) => needsBallot(types.data?.items.find((t) => t.code === n.title.code)));
  const [form] = Form.useForm<{ council: number; heldAt: string; place?: string; nominations: number[] }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Every accepted nomination waiting for a ballot is proposed once they are loaded, unless the office already chose.
  const waiting = ballots.map((n) => n.id).join(',');
  useEffect(() => {
    if (waiting && !form.isFieldTouched('nominations')) form.setFieldsValue({ nominations: waiting.split(',').map(Number) });
  }, [waiting, form]);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const m = await awApi.createMeeting({ council: v.council, year, heldAt: v.heldAt, place: v.place?.trim() || null, nominations: v.nominations ?? [] });
      message.success(l('Đã lên lịch họp.', 'Meeting planned.'));
      void refresh();
      onClose();
      void navigate(`/awards/meetings/${m.id}`);
    } catch (e) {
      setError(applyServerError(form, e, ['council', 'heldAt', 'place', 'nominations']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={l(`Lên lịch họp xét khen thưởng năm ${year}`, `Plan a meeting for ${year}`)}
      okText={l('Lên lịch', 'Plan')}
      cancelText={l('Hủy', 'Cancel')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ council: councils[0]?.id, nominations: [], place: 'Phòng họp Sở' }}
      >
        <Form.Item name="council" label={l('Hội đồng', 'Council')} rules={[{ required: true }]}>
          <Select options={councils.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="heldAt" label={l('Thời gian họp', 'When')} rules={[{ required: true, message: l('Hãy chọn thời gian họp.', 'Pick a time.') }]}>
            <DateTimeField />
          </Form.Item>
          <Form.Item name="place" label={l('Địa điểm', 'Place')} style={{ flex: 1 }}>
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        {ballots.length ? null : (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={l(`Chưa có đề nghị năm ${year} đã tiếp nhận cần bỏ phiếu kín.`, `No accepted nomination needs a ballot for ${year}.`)} />
        )}
        <Form.Item name="nominations" label={l('Các đề nghị được xét (đã tiếp nhận, cần bỏ phiếu kín)', 'Nominations considered')}>
          <Select
            mode="multiple"
            options={ballots.map((n) => ({ value: n.id, label: `${n.subject.name} – ${n.title.name}` }))}
            placeholder={l('Chọn đề nghị', 'Pick nominations')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
