/**
 * One conference: a header with its status and the lifecycle buttons the server's `abilities` allow, and tabs for
 * its parts. The open tab is in the address (?tab=agenda), so a link can lead straight to it.
 */
import { CarryOutOutlined, DesktopOutlined, FlagOutlined, LoadingOutlined, PlayCircleOutlined, ReadOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { CONFERENCE_KIND_LABELS, UNIT_ROLES } from '@nhip/contracts';
import { App, Button, Flex, Form, Grid, Input, Modal, Select, Tabs, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { api } from '../../lib/api';
import { type Conference, type ConferenceChanged, useConference, useRefreshConference } from './api';
import { GeneralTab } from './GeneralTab';
import { ConferenceStatusTag, dt, useAction } from './shared';
import './conferences.css';

const DelegatesTab = lazy(() => import('./DelegatesTab'));
const AgendaTab = lazy(() => import('./AgendaTab'));
const PresentationsTab = lazy(() => import('./PresentationsTab'));
const DiscussionTab = lazy(() => import('./DiscussionTab'));
const ConclusionTab = lazy(() => import('./ConclusionTab'));
const MinutesTab = lazy(() => import('./MinutesTab'));
const DocumentsTab = lazy(() => import('./DocumentsTab'));

export default function ConferencePage() {
  const { id: idText } = useParams();
  const id = Number(idText);
  const q = useConference(id);
  if (!Number.isInteger(id) || id <= 0) return <ErrorState error={new Error('Địa chỉ không hợp lệ.')} />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageSkeleton />;
  return <ConferenceView c={q.data} />;
}

function ConferenceView({ c }: { c: Conference }) {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const unitRole = UNIT_ROLES.includes(me.role);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const refresh = useRefreshConference(c.id);
  const [run, busy] = useAction();
  const { modal } = App.useApp();
  const [inviting, setInviting] = useState(false);
  const mobile = Grid.useBreakpoint().md === false;
  const a = c.abilities;

  const departmentTabs = !unitRole;
  const tabs = [
    { key: 'general', label: l('Thông tin chung', 'General') },
    ...(departmentTabs ? [{ key: 'delegates', label: l('Đại biểu, xác nhận', 'Delegates') }] : []),
    { key: 'agenda', label: l('Chương trình', 'Agenda') },
    { key: 'presentations', label: l('Tham luận', 'Presentations') },
    ...(departmentTabs
      ? [
          { key: 'discussion', label: l('Thảo luận', 'Discussion') },
          { key: 'conclusion', label: l('Kết luận', 'Conclusion') },
          { key: 'minutes', label: l('Biên bản', 'Minutes') },
        ]
      : []),
    { key: 'documents', label: l('Văn bản', 'Documents') },
  ];
  const tab = tabs.some((t) => t.key === params.get('tab')) ? (params.get('tab') as string) : 'general';
  const setTab = (k: string) => {
    const p = new URLSearchParams(params);
    if (k === 'general') p.delete('tab');
    else p.set('tab', k);
    setParams(p, { replace: true });
  };

  const transition = (name: 'hold' | 'close', title: string, content: string) =>
    modal.confirm({
      title,
      content,
      okText: l('Đồng ý', 'Confirm'),
      cancelText: l('Hủy', 'Cancel'),
      onOk: () =>
        run(name, () => api.post<ConferenceChanged>(`/api/conferences/${c.id}/${name}`), l('Đã cập nhật trạng thái hội nghị.', 'Status updated.')).then(() =>
          refresh(),
        ),
    });

  const actions = (
    <>
      {a.checkin ? (
        <Button icon={<CarryOutOutlined />} onClick={() => navigate(`/conferences/${c.id}/checkin`)}>
          {l('Điểm danh', 'Check-in')}
        </Button>
      ) : null}
      {a.record || (!unitRole && (c.status === 'held' || c.status === 'concluded')) ? (
        <Button icon={<DesktopOutlined />} onClick={() => navigate(`/conferences/${c.id}/live`)}>
          {l('Màn hình thư ký', 'Secretary’s view')}
        </Button>
      ) : null}
      {a.invite && c.status === 'draft' ? (
        <Button type="primary" icon={<SendOutlined />} onClick={() => setInviting(true)}>
          {l('Gửi giấy mời', 'Send invitations')}
        </Button>
      ) : null}
      {a.record && c.status === 'invited' ? (
        <Button
          icon={<PlayCircleOutlined />}
          loading={busy === 'hold'}
          onClick={() =>
            transition(
              'hold',
              l('Bắt đầu hội nghị?', 'Start the conference?'),
              l('Hội nghị chuyển sang "Đã tổ chức": không sửa kế hoạch, giấy mời được nữa; ghi kết luận được.', 'The plan and invitations can no longer change; the conclusion can be recorded.'),
            )
          }
        >
          {l('Bắt đầu hội nghị', 'Start')}
        </Button>
      ) : null}
      {a.issue && c.status === 'held' ? (
        <Button type="primary" icon={<FlagOutlined />} onClick={() => setTab('conclusion')}>
          {l('Ban hành kết luận', 'Issue the conclusion')}
        </Button>
      ) : null}
      {a.close ? (
        <Button
          icon={<StopOutlined />}
          loading={busy === 'close'}
          onClick={() =>
            transition('close', l('Đóng hội nghị?', 'Close the conference?'), l('Hội nghị đã đóng chỉ còn để xem.', 'A closed conference can only be read.'))
          }
        >
          {l('Đóng hội nghị', 'Close')}
        </Button>
      ) : null}
      {/* newsroom: the article drafted from a concluded conference's record, opened in the news editor */}
      {me.abilities['news.write'] && (c.status === 'concluded' || c.status === 'closed') ? (
        <Button
          // Disabled rather than 'loading' while the draft is written: antd's faded loading text is below WCAG contrast.
          icon={busy === 'news' ? <LoadingOutlined /> : <ReadOutlined />}
          disabled={busy === 'news'}
          onClick={() =>
            void run('news', () => api.post<{ id: number; notes: string[] }>(`/api/news/draft-from-conference/${c.id}`)).then((d) => {
              if (d) navigate(`/news/${d.id}`, { state: { notes: d.notes } });
            })
          }
        >
          {l('Viết tin từ hội nghị', 'Write the article')}
        </Button>
      ) : null}
      {/* end newsroom */}
    </>
  );

  return (
    <>
      <PageHeader
        crumbs={[{ title: unitRole ? l('Hội nghị của đơn vị', 'Our conferences') : l('Hội nghị', 'Conferences'), to: '/conferences' }, { title: c.periodLabel }]}
        title={c.title}
        subtitle={
          <Flex gap={8} wrap="wrap" align="center">
            <ConferenceStatusTag status={c.status} testId="conference-status" />
            <Typography.Text type="secondary">
              {CONFERENCE_KIND_LABELS[c.kind][lang]} · {dt(c.startsAt)}
              {c.place ? ` · ${c.place}` : ''}
            </Typography.Text>
          </Flex>
        }
        extra={actions}
      />
      {mobile ? (
        // On a phone the parts are a list to choose from: eight tabs would scroll out of sight.
        <Select
          aria-label={l('Phần của hội nghị', 'Part of the conference')}
          value={tab}
          onChange={setTab}
          options={tabs.map((t) => ({ value: t.key, label: t.label }))}
          className="conf-part-select"
          data-testid="conference-part"
        />
      ) : (
        <Tabs activeKey={tab} onChange={setTab} items={tabs.map((t) => ({ key: t.key, label: t.label }))} className="conf-tabs" />
      )}
      <Suspense fallback={<PageSkeleton />}>
        <div className="conf-page">
          {tab === 'general' && <GeneralTab c={c} />}
          {tab === 'delegates' && <DelegatesTab c={c} />}
          {tab === 'agenda' && <AgendaTab c={c} />}
          {tab === 'presentations' && <PresentationsTab c={c} />}
          {tab === 'discussion' && <DiscussionTab c={c} />}
          {tab === 'conclusion' && <ConclusionTab c={c} />}
          {tab === 'minutes' && <MinutesTab c={c} />}
          {tab === 'documents' && <DocumentsTab c={c} />}
        </div>
      </Suspense>
      {inviting ? <InviteModal c={c} onClose={() => setInviting(false)} /> : null}
    </>
  );
}

/** Sends the invitations: the Giấy mời's number (optional), then every invited unit is told in the app and by e-mail. */
function InviteModal({ c, onClose }: { c: Conference; onClose: () => void }) {
  const l = useL();
  const refresh = useRefreshConference(c.id);
  const [run, busy] = useAction();
  const [number, setNumber] = useState(c.invitationNumber ?? '');
  const { modal } = App.useApp();
  const send = async () => {
    const r = await run('invite', () => api.post<ConferenceChanged>(`/api/conferences/${c.id}/invite`, { invitationNumber: number.trim() || null }));
    if (!r) return;
    await refresh(['board']);
    const failed = r.mail.filter((m) => !m.sent);
    const sent = r.mail.length - failed.length;
    modal.info({
      title: l('Đã gửi giấy mời', 'Invitations sent'),
      content: (
        <div>
          <p>{l(`${c.counts.invited} đơn vị nhận giấy mời trong ứng dụng.`, `${c.counts.invited} units were invited in the app.`)}</p>
          {r.mail.length ? (
            <p>
              {l(`E-mail: ${sent} đã gửi, ${failed.length} lỗi (xem thẻ "Đại biểu, xác nhận").`, `E-mail: ${sent} sent, ${failed.length} failed (see "Delegates").`)}
            </p>
          ) : (
            <p>{l('Máy chủ chưa cấu hình e-mail (SMTP): giấy mời chỉ gửi trong ứng dụng.', 'No e-mail server configured: invitations went out in the app only.')}</p>
          )}
        </div>
      ),
    });
    onClose();
  };
  return (
    <Modal
      open
      title={l('Gửi giấy mời', 'Send invitations')}
      onCancel={onClose}
      onOk={() => void send()}
      okText={l('Gửi giấy mời', 'Send')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: busy === 'invite' }}
    >
      <p>
        {l(
          `Giấy mời được gửi tới ${c.counts.invited} đơn vị trong ứng dụng, và qua e-mail kèm tệp lịch (.ics) và Giấy mời khi máy chủ có cấu hình e-mail.`,
          `${c.counts.invited} units get the invitation in the app, and by e-mail with a calendar file and the Giấy mời when e-mail is set up.`,
        )}
      </p>
      <Form layout="vertical">
        <Form.Item label={l('Số giấy mời (không bắt buộc)', 'Invitation number (optional)')} htmlFor="conf-invite-number" extra={l('Ví dụ 45/GM-SKHCN', 'e.g. 45/GM-SKHCN')}>
          <Input id="conf-invite-number" value={number} onChange={(e) => setNumber(e.target.value)} maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
