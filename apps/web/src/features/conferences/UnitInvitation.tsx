/**
 * A unit's own invitation: attend and name its delegates from its own people, or decline with a reason, before the
 * answer deadline; then its delegates' tickets with their QR codes, to print.
 */
import { CloseOutlined, PrinterOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Image, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { errorMessage } from '../../components/QueryState';
import { api } from '../../lib/api';
import { type Board, type BoardItem, type Conference, usePart, useRefreshConference } from './api';
import { type PickedPerson, PersonSelect } from './PersonSelect';
import { dt, InvitationStatusTag, vnWall } from './shared';

export function UnitInvitation({ c }: { c: Conference }) {
  const l = useL();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const board = usePart<Board>(c.id, 'board', 'invitations');
  const mine = board.data?.items.find((i) => i.unit.id === me.orgUnitId) ?? null;
  const [editing, setEditing] = useState(false);
  const inv = c.myInvitation;
  if (!inv) return null;
  const open = c.abilities.respond;
  const late = c.rsvpDeadline ? new Date(c.rsvpDeadline).getTime() < Date.now() : false;

  return (
    <Card
      className="conf-my-invitation"
      title={
        <Flex gap={8} align="center" wrap="wrap">
          {l('Giấy mời của đơn vị', 'Our invitation')}
          <InvitationStatusTag status={inv.status} />
        </Flex>
      }
      extra={
        mine && mine.delegates.length > 0 ? (
          <Button icon={<PrinterOutlined />} onClick={() => navigate(`/conferences/${c.id}/tickets`)}>
            {l('In thẻ đại biểu', 'Print tickets')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph>
        {l(
          `Đơn vị được mời ${inv.expectedDelegates} đại biểu. Hạn xác nhận: ${c.rsvpDeadline ? dt(c.rsvpDeadline) : 'trước giờ khai mạc'}.`,
          `${inv.expectedDelegates} delegate(s) expected. Answer by ${c.rsvpDeadline ? dt(c.rsvpDeadline) : 'the start'}.`,
        )}
        {inv.respondedAt ? ` ${l(`Đã trả lời lúc ${dt(inv.respondedAt)}.`, `Answered ${dt(inv.respondedAt)}.`)}` : ''}
      </Typography.Paragraph>
      {inv.status === 'declined' && inv.declineReason ? (
        <Alert type="warning" showIcon title={l('Đơn vị báo vắng mặt', 'Declined')} description={inv.declineReason} style={{ marginBottom: 12 }} />
      ) : null}
      {open && (editing || inv.status === 'pending') ? (
        <RespondForm c={c} current={mine} onDone={() => setEditing(false)} onCancel={inv.status === 'pending' ? undefined : () => setEditing(false)} />
      ) : (
        <>
          {mine && mine.delegates.length > 0 ? <Tickets conferenceId={c.id} item={mine} /> : null}
          {open ? (
            <Button onClick={() => setEditing(true)} style={{ marginTop: 12 }}>
              {l('Sửa trả lời, đổi đại biểu', 'Change the answer or delegates')}
            </Button>
          ) : inv.status === 'pending' && late ? (
            <Typography.Text type="warning">{l('Đã quá hạn xác nhận tham dự.', 'The answer deadline has passed.')}</Typography.Text>
          ) : null}
        </>
      )}
      {board.error ? <Typography.Text type="danger">{errorMessage(board.error)}</Typography.Text> : null}
    </Card>
  );
}

function Tickets({ conferenceId, item }: { conferenceId: number; item: BoardItem }) {
  const l = useL();
  return (
    <List
      header={<Typography.Text strong>{l('Đại biểu của đơn vị', 'Our delegates')}</Typography.Text>}
      dataSource={item.delegates}
      renderItem={(d) => (
        <List.Item
          extra={
            d.ticketPng ? (
              <Image
                src={d.ticketPng}
                width={72}
                height={72}
                alt={l(`Mã QR thẻ đại biểu của ${d.fullName}`, `QR ticket of ${d.fullName}`)}
                preview={{ mask: l('Phóng to', 'Zoom') }}
              />
            ) : null
          }
        >
          <List.Item.Meta
            title={d.fullName}
            description={
              <Space size={6} wrap>
                <span>{d.position}</span>
                {d.checkedInAt ? <Tag color="success">{l(`Đã điểm danh ${dt(d.checkedInAt)}`, `Checked in ${dt(d.checkedInAt)}`)}</Tag> : null}
              </Space>
            }
          />
        </List.Item>
      )}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      data-conference={conferenceId}
    />
  );
}

function RespondForm({ c, current, onDone, onCancel }: { c: Conference; current: BoardItem | null; onDone: () => void; onCancel?: () => void }) {
  const l = useL();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const refresh = useRefreshConference(c.id);
  const [answer, setAnswer] = useState<'accepted' | 'declined'>(c.myInvitation?.status === 'declined' ? 'declined' : 'accepted');
  const [people, setPeople] = useState<PickedPerson[]>([]);
  const [reason, setReason] = useState(c.myInvitation?.declineReason ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [picking, setPicking] = useState<number | null>(null);
  useEffect(() => {
    if (current) setPeople(current.delegates.filter((d) => d.personId !== null).map((d) => ({ personId: d.personId as number, fullName: d.fullName, position: d.position })));
  }, [current]);
  const asOf = vnWall(c.startsAt)?.slice(0, 10);

  const send = async () => {
    setSaving(true);
    setError(null);
    try {
      const body = answer === 'accepted' ? { status: 'accepted', delegates: people.map((p) => ({ personId: p.personId })) } : { status: 'declined', reason };
      const r = await api.post<{ warnings: string[]; ticketsEmailed: number }>(`/api/conferences/${c.id}/invitations/${me.orgUnitId}/response`, body);
      for (const w of r.warnings) message.warning(w);
      message.success(
        answer === 'accepted'
          ? l(`Đã xác nhận tham dự với ${people.length} đại biểu.`, `Attending with ${people.length} delegate(s).`)
          : l('Đã báo vắng mặt.', 'Declined.'),
      );
      await refresh(['board']);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={12} className="conf-respond">
      {error ? <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} /> : null}
      <Radio.Group
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        aria-label={l('Trả lời giấy mời', 'Answer')}
        options={[
          { value: 'accepted', label: l('Tham dự', 'Attend') },
          { value: 'declined', label: l('Vắng mặt', 'Decline') },
        ]}
      />
      {answer === 'accepted' ? (
        <>
          <Typography.Text>
            {l(`Đại biểu (cán bộ của ${me.orgUnitName ?? 'đơn vị'}), dự kiến ${c.myInvitation?.expectedDelegates ?? 1} người:`, `Delegates from your staff, ${c.myInvitation?.expectedDelegates ?? 1} expected:`)}
          </Typography.Text>
          {people.length ? (
            <Flex vertical gap={6}>
              {people.map((p) => (
                <Flex key={p.personId} gap={8} align="center" className="conf-delegate-chip">
                  <span style={{ flex: 1 }}>
                    <strong>{p.fullName}</strong>
                    {p.position ? <span className="nhip-muted"> · {p.position}</span> : null}
                  </span>
                  <Button
                    size="small"
                    type="text"
                    icon={<CloseOutlined />}
                    aria-label={l(`Bỏ ${p.fullName}`, `Remove ${p.fullName}`)}
                    onClick={() => setPeople((x) => x.filter((y) => y.personId !== p.personId))}
                  />
                </Flex>
              ))}
            </Flex>
          ) : null}
          <Flex gap={8} align="center" wrap="wrap">
            <UserAddOutlined aria-hidden />
            <PersonSelect
              aria-label={l('Thêm đại biểu', 'Add a delegate')}
              placeholder={l('Thêm đại biểu: gõ họ tên', 'Add a delegate: type a name')}
              unitId={me.orgUnitId ?? undefined}
              asOf={asOf}
              value={picking}
              onChange={(v, p) => {
                setPicking(null);
                if (v && p && !people.some((x) => x.personId === v)) setPeople((x) => [...x, p]);
                void v;
              }}
              style={{ flex: '1 1 260px', maxWidth: 420 }}
            />
          </Flex>
        </>
      ) : (
        <Input.TextArea
          aria-label={l('Lý do vắng mặt', 'Reason')}
          placeholder={l('Lý do vắng mặt', 'Reason for declining')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={1000}
        />
      )}
      <Space>
        <Button
          type="primary"
          loading={saving}
          disabled={answer === 'accepted' ? people.length === 0 : !reason.trim()}
          onClick={() => void send()}
        >
          {answer === 'accepted' ? l('Xác nhận tham dự', 'Confirm attendance') : l('Báo vắng mặt', 'Send the apology')}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{l('Hủy', 'Cancel')}</Button> : null}
      </Space>
    </Flex>
  );
}
