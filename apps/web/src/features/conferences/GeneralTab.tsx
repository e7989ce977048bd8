/** The conference's general facts: time, place, chair, secretary, theme, guests and counts; the office edits them while planning. */
import { CalendarOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { UNIT_ROLES } from '@nhip/contracts';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Flex, Form, Grid, Input, List, Modal, Row, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { api } from '../../lib/api';
import { type Conference, type ConferenceChanged, type Guest, useRefreshConference } from './api';
import { PersonSelect } from './PersonSelect';
import { ConferenceStatusTag, DateTimeField, dt, useAction, vnTime, vnWall } from './shared';
import { UnitInvitation } from './UnitInvitation';

export function GeneralTab({ c }: { c: Conference }) {
  const l = useL();
  const me = useCurrentUser();
  const unitRole = UNIT_ROLES.includes(me.role);
  const [editing, setEditing] = useState(false);
  const [guest, setGuest] = useState<Guest | 'new' | null>(null);
  const refresh = useRefreshConference(c.id);
  const [run] = useAction();
  const { modal } = App.useApp();
  const canPlan = c.abilities.plan;
  const mobile = Grid.useBreakpoint().md === false;
  const person = (p: Conference['chair']) => (p ? [p.position, p.fullName].filter(Boolean).join(' ') : <span className="nhip-muted">{l('Chưa chọn', 'Not chosen')}</span>);
  const sameDay = dt(c.startsAt).slice(0, 10) === dt(c.endsAt).slice(0, 10);

  return (
    <Flex vertical gap={16}>
      {c.samePeriod.length > 0 && !unitRole ? (
        <Alert
          type="warning"
          showIcon
          title={l(`Kỳ ${c.periodLabel.toLowerCase()} còn ${c.samePeriod.length} hội nghị khác:`, `${c.samePeriod.length} other conference(s) for this period:`)}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {c.samePeriod.map((s) => (
                <li key={s.id}>
                  <Link to={`/conferences/${s.id}`}>{s.title}</Link> ({dt(s.startsAt)}) <ConferenceStatusTag status={s.status} />
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {unitRole ? <UnitInvitation c={c} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card
            title={l('Kế hoạch hội nghị', 'Plan')}
            extra={
              canPlan ? (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {l('Sửa', 'Edit')}
                </Button>
              ) : null
            }
          >
            <Descriptions column={1} size="small" layout={mobile ? 'vertical' : 'horizontal'} styles={mobile ? undefined : { label: { width: 190 } }}>
              <Descriptions.Item label={l('Thời gian', 'Time')}>
                {dt(c.startsAt)} – {sameDay ? vnTime(c.endsAt) : dt(c.endsAt)}
{' '}
                <Typography.Text type="secondary">{l('(dự kiến theo chương trình)', '(by the agenda)')}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={l('Địa điểm', 'Place')}>{c.place || '—'}</Descriptions.Item>
              <Descriptions.Item label={l('Cơ quan tổ chức', 'Organiser')}>{c.department?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={l('Chủ trì', 'Chair')}>{person(c.chair)}</Descriptions.Item>
              <Descriptions.Item label={l('Thư ký', 'Secretary')}>{person(c.secretary)}</Descriptions.Item>
              <Descriptions.Item label={l('Hạn xác nhận tham dự', 'Answer by')}>{c.rsvpDeadline ? dt(c.rsvpDeadline) : '—'}</Descriptions.Item>
              <Descriptions.Item label={l('Giấy mời', 'Invitation')}>
                {c.invitationIssuedAt
                  ? l(`${c.invitationNumber ? `Số ${c.invitationNumber}, ` : ''}gửi ${dt(c.invitationIssuedAt)}`, `${c.invitationNumber ?? ''} sent ${dt(c.invitationIssuedAt)}`)
                  : l('Chưa gửi', 'Not sent')}
                {c.icsSequence > 0 ? (
                  <Tag style={{ marginInlineStart: 8 }}>{l(`Đã gửi ${c.icsSequence} thông báo thay đổi`, `${c.icsSequence} update(s) sent`)}</Tag>
                ) : null}
              </Descriptions.Item>
              {c.theme ? <Descriptions.Item label={l('Chủ đề năm', 'Theme')}>{c.theme}</Descriptions.Item> : null}
              {c.startedAt ? (
                <Descriptions.Item label={l('Diễn ra', 'Held')}>
                  {dt(c.startedAt)}
                  {c.endedAt ? ` – ${vnTime(c.endedAt)}` : l(' (đang họp)', ' (running)')}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <a href={c.links.calendar} className="conf-ics-link">
              <CalendarOutlined aria-hidden /> {l('Thêm vào lịch (.ics)', 'Add to calendar (.ics)')}
            </a>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={l('Số liệu', 'Figures')}>
            <Row gutter={[12, 12]}>
              <Col span={12}>
                <Statistic title={l('Đơn vị được mời', 'Units invited')} value={c.counts.invited} />
              </Col>
              <Col span={12}>
                <Statistic title={l('Tham dự / vắng', 'Attending / declined')} value={`${c.counts.accepted} / ${c.counts.declined}`} />
              </Col>
              <Col span={12}>
                <Statistic title={l('Chưa trả lời', 'No answer')} value={c.counts.pending} />
              </Col>
              <Col span={12}>
                <Statistic title={l('Đại biểu đăng ký', 'Delegates')} value={c.counts.delegates} />
              </Col>
              <Col span={12}>
                <Statistic title={l('Đã điểm danh', 'Checked in')} value={c.counts.checkedIn} suffix={c.counts.walkIns ? l(`(${c.counts.walkIns} vãng lai)`, `(${c.counts.walkIns} walk-in)`) : undefined} />
              </Col>
              <Col span={12}>
                <Statistic title={l('Tham luận đã nộp', 'Presentations in')} value={`${c.counts.presentationsUploaded} / ${c.counts.presentationsRequested}`} />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Card
        title={l('Khách mời', 'Guests')}
        extra={
          canPlan ? (
            <Button icon={<PlusOutlined />} onClick={() => setGuest('new')}>
              {l('Thêm khách mời', 'Add a guest')}
            </Button>
          ) : null
        }
      >
        {c.guests.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={l('Chưa có khách mời (lãnh đạo tỉnh, đại biểu các cơ quan).', 'No guests yet (provincial leaders, other bodies).')}
          />
        ) : (
          <List
            dataSource={c.guests}
            renderItem={(g) => (
              <List.Item
                actions={
                  canPlan
                    ? [
                        <Button key="e" size="small" type="text" icon={<EditOutlined />} aria-label={l(`Sửa ${g.fullName}`, `Edit ${g.fullName}`)} onClick={() => setGuest(g)} />,
                        <Button
                          key="d"
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={l(`Bỏ ${g.fullName}`, `Remove ${g.fullName}`)}
                          onClick={() =>
                            modal.confirm({
                              title: l(`Bỏ khách mời ${g.fullName}?`, `Remove ${g.fullName}?`),
                              okText: l('Bỏ', 'Remove'),
                              cancelText: l('Hủy', 'Cancel'),
                              okButtonProps: { danger: true },
                              onOk: () => run('guest', () => api.del(`/api/conferences/${c.id}/guests/${g.id}`)).then(() => refresh(['agenda'])),
                            })
                          }
                        />,
                      ]
                    : undefined
                }
              >
                <List.Item.Meta
                  title={
                    <span>
                      {g.fullName} {g.givesDirective ? <Tag color="blue">{l('Phát biểu chỉ đạo', 'Directive speech')}</Tag> : null}
                    </span>
                  }
                  description={[g.position, g.body].filter(Boolean).join(', ') || '—'}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {editing ? <EditPlanModal c={c} onClose={() => setEditing(false)} /> : null}
      {guest ? <GuestModal c={c} guest={guest === 'new' ? null : guest} onClose={() => setGuest(null)} /> : null}
    </Flex>
  );
}

type PlanValues = {
  title: string;
  startsAt: string;
  place: string;
  rsvpDeadline: string | null;
  chairPersonId: number | null;
  secretaryPersonId: number | null;
  theme: string;
};

function EditPlanModal({ c, onClose }: { c: Conference; onClose: () => void }) {
  const l = useL();
  const [form] = Form.useForm<PlanValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const refresh = useRefreshConference(c.id);
  const { message } = App.useApp();
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const r = await api.patch<ConferenceChanged>(`/api/conferences/${c.id}`, {
        title: v.title, startsAt: v.startsAt, place: v.place, rsvpDeadline: v.rsvpDeadline || null, chairPersonId: v.chairPersonId ?? null,
        secretaryPersonId: v.secretaryPersonId ?? null, theme: v.theme?.trim() ? v.theme : null,
      });
      const failed = r.mail.filter((m) => !m.sent).length;
      message.success(
        r.icsSequence > c.icsSequence
          ? l(`Đã lưu và gửi thông báo thay đổi cho các đơn vị${failed ? ` (${failed} e-mail lỗi)` : ''}.`, `Saved; the units were sent an update${failed ? ` (${failed} e-mails failed)` : ''}.`)
          : l('Đã lưu.', 'Saved.'),
      );
      await refresh(['agenda', 'board']);
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, Object.keys(v)));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={l('Sửa kế hoạch hội nghị', 'Edit the plan')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: saving }}
      width={720}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      {c.status === 'invited' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={l('Đổi giờ hoặc địa điểm sẽ gửi thông báo thay đổi (cập nhật lịch) cho mọi đơn vị được mời.', 'A new time or place sends every invited unit an update.')}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: c.title, startsAt: vnWall(c.startsAt), place: c.place, rsvpDeadline: vnWall(c.rsvpDeadline), chairPersonId: c.chair?.personId ?? null,
          secretaryPersonId: c.secretary?.personId ?? null, theme: c.theme ?? '',
        }}
      >
        <Form.Item name="title" label={l('Tiêu đề', 'Title')} rules={[{ required: true, message: l('Hãy nhập tiêu đề.', 'Enter a title.') }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
        <Flex gap={12} wrap="wrap">
          <Form.Item name="startsAt" label={l('Khai mạc lúc', 'Starts at')} rules={[{ required: true }]} style={{ flex: '1 1 220px' }}>
            <DateTimeField style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="rsvpDeadline" label={l('Hạn xác nhận tham dự', 'Answer by')} style={{ flex: '1 1 220px' }}>
            <DateTimeField style={{ width: '100%' }} allowClear />
          </Form.Item>
        </Flex>
        <Form.Item name="place" label={l('Địa điểm', 'Place')}>
          <Input maxLength={300} />
        </Form.Item>
        <Flex gap={12} wrap="wrap">
          <Form.Item name="chairPersonId" label={l('Chủ trì', 'Chair')} style={{ flex: '1 1 260px' }}>
            <PersonSelect initial={c.chair} />
          </Form.Item>
          <Form.Item name="secretaryPersonId" label={l('Thư ký', 'Secretary')} style={{ flex: '1 1 260px' }}>
            <PersonSelect initial={c.secretary} />
          </Form.Item>
        </Flex>
        <Form.Item name="theme" label={l('Chủ đề năm', 'Theme of the year')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function GuestModal({ c, guest, onClose }: { c: Conference; guest: Guest | null; onClose: () => void }) {
  const l = useL();
  const [form] = Form.useForm<{ fullName: string; position: string; body: string; givesDirective: boolean }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const refresh = useRefreshConference(c.id);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      if (guest) await api.patch(`/api/conferences/${c.id}/guests/${guest.id}`, v);
      else await api.post(`/api/conferences/${c.id}/guests`, v);
      await refresh(['agenda']);
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, ['fullName', 'position', 'body']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={guest ? l('Sửa khách mời', 'Edit guest') : l('Thêm khách mời', 'Add a guest')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: saving }}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={guest ? { fullName: guest.fullName, position: guest.position, body: guest.body, givesDirective: guest.givesDirective } : { givesDirective: false }}
      >
        <Form.Item name="fullName" label={l('Họ và tên', 'Full name')} rules={[{ required: true, message: l('Hãy nhập họ và tên.', 'Enter the name.') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="position" label={l('Chức vụ', 'Position')}>
          <Input maxLength={300} placeholder={l('Ví dụ: Phó Chủ tịch', 'e.g. Vice-chairman')} />
        </Form.Item>
        <Form.Item name="body" label={l('Cơ quan', 'Body')}>
          <Input maxLength={300} placeholder={l('Ví dụ: Ủy ban nhân dân tỉnh', 'e.g. Provincial People’s Committee')} />
        </Form.Item>
        <Form.Item name="givesDirective" valuePropName="checked">
          <Checkbox>{l('Phát biểu chỉ đạo tại hội nghị', 'Gives the directive speech')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
