/** A unit's conference work on its home page: invitations to answer, presentations to upload, each with its deadline. */
import { FileTextOutlined, MailOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useL } from '../../app/i18n';
import { DeadlineText } from '../rounds/shared';
import { type ConferenceTask, useConferenceTasks } from './api';
import { dt, InvitationStatusTag } from './shared';

export function ConferenceTasksCard() {
  const l = useL();
  const navigate = useNavigate();
  const q = useConferenceTasks();
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  const open = (t: ConferenceTask) => navigate(t.kind === 'presentation' ? `${t.link}?tab=presentations` : t.link);
  const todo = (t: ConferenceTask) => (t.kind === 'rsvp' ? t.status === 'pending' : t.status === 'requested');
  return (
    <Card title={l('Hội nghị', 'Conferences')} data-testid="conference-tasks">
      <Flex vertical gap={12}>
        {items.map((t) => (
          <Flex key={`${t.kind}-${t.conferenceId}-${t.presentationId ?? 0}`} gap={12} justify="space-between" align="center" wrap="wrap" className="home-conf-task">
            <Flex gap={10} align="flex-start" style={{ minWidth: 0, flex: '1 1 320px' }}>
              {t.kind === 'rsvp' ? <MailOutlined aria-hidden style={{ marginTop: 4 }} /> : <FileTextOutlined aria-hidden style={{ marginTop: 4 }} />}
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>
                  {t.kind === 'rsvp' ? l('Giấy mời: ', 'Invitation: ') : l('Tham luận: ', 'Presentation: ')}
                  {t.kind === 'presentation' && t.topic ? t.topic : t.conferenceTitle}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    {t.kind === 'presentation' ? `${t.conferenceTitle} · ` : ''}
                    {l('Khai mạc', 'Opens')} {dt(t.startsAt)}
                  </Typography.Text>
                </div>
                {t.dueAt ? (
                  <div>
                    <Typography.Text type="secondary">{t.kind === 'rsvp' ? l('Hạn xác nhận: ', 'Answer by: ') : l('Hạn nộp: ', 'Due: ')}</Typography.Text>
                    <DeadlineText deadline={t.dueAt} done={!todo(t)} />
                  </div>
                ) : null}
              </div>
            </Flex>
            <Flex gap={8} align="center">
              {t.kind === 'rsvp' ? (
                <InvitationStatusTag status={t.status as 'pending' | 'accepted' | 'declined'} />
              ) : (
                <Tag color={t.status === 'uploaded' ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }}>
                  {t.status === 'uploaded' ? l('Đã nộp', 'Uploaded') : l('Chưa nộp', 'Not yet')}
                </Tag>
              )}
              <Button type={todo(t) ? 'primary' : 'default'} onClick={() => open(t)}>
                {t.kind === 'rsvp'
                  ? t.status === 'pending'
                    ? l('Trả lời giấy mời', 'Answer')
                    : l('Xem, đổi đại biểu', 'View')
                  : t.status === 'requested'
                    ? l('Nộp tham luận', 'Upload')
                    : l('Xem, thay tệp', 'View')}
              </Button>
            </Flex>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
