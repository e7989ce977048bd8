/** Home of a reporting unit's people: the open rounds of their unit and what to do next in each. */
import { EditOutlined, EyeOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import { periodLabel } from '@nhip/contracts';
import { useNavigate } from 'react-router';
import type { Me } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { useMyRounds } from '../rounds/api';
import { DeadlineText, ErrorState, StatusTag } from '../rounds/shared';
import type { MyRound } from '../rounds/types';
import { ConferenceTasksCard } from '../conferences/ConferenceTasksCard';
import { RecentNotifications } from './Notifications';
import { UnitFollowUpCard } from '../follow-up/FollowUpCard';

export function UnitHome({ me }: { me: Me }) {
  const l = useL();
  const q = useMyRounds();
  const rounds = [...(q.data ?? [])].sort((a, b) => a.deadline.localeCompare(b.deadline));
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>{l('Báo cáo của đơn vị', 'My unit’s reports')}</Typography.Title>
        <Typography.Text type="secondary">{me.orgUnitName ?? ''}</Typography.Text>
      </div>
      {/* Conference invitations to answer and presentations to upload (nothing when there are none). */}
      <ConferenceTasksCard />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          {q.error ? (
            <Card><ErrorState error={q.error} onRetry={() => q.refetch()} /></Card>
          ) : q.isLoading ? (
            <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>
          ) : rounds.length === 0 ? (
            <Card>
              <Empty
                description={
                  <>
                    <Typography.Text strong>{l('Hiện không có đợt báo cáo nào đang mở cho đơn vị.', 'No round is open for your unit.')}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">
                      {l('Khi Văn phòng Sở mở đợt báo cáo mới, đợt đó sẽ hiện ở đây kèm hạn nộp.', 'When the department office opens a round, it appears here with its deadline.')}
                    </Typography.Text>
                  </>
                }
              />
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              {rounds.map((r) => (
                <Col key={r.id} xs={24} md={12}>
                  <RoundCard round={r} unitId={me.orgUnitId} />
                </Col>
              ))}
            </Row>
          )}
        </Col>
        <Col xs={24} xl={8}>
          {/* What became of the points the unit raised (nothing when it raised none). */}
          <Flex vertical gap={16}>
            <UnitFollowUpCard unitId={me.orgUnitId} />
            <RecentNotifications />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

function RoundCard({ round, unitId }: { round: MyRound; unitId: number | null }) {
  const l = useL();
  const lang = useLang();
  const navigate = useNavigate();
  const status = round.submission?.status ?? 'not_started';
  const done = status === 'submitted' || status === 'approved';
  const action =
    status === 'not_started'
      ? { label: l('Nhập báo cáo', 'Enter report'), icon: <FormOutlined />, primary: true }
      : status === 'draft' || status === 'returned'
        ? { label: l('Tiếp tục', 'Continue'), icon: <EditOutlined />, primary: true }
        : { label: l('Xem', 'View'), icon: <EyeOutlined />, primary: false };
  const go = () => navigate(`/rounds/${round.id}/units/${unitId}`);
  return (
    <Card
      style={{ height: '100%' }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 10, height: '100%' } }}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{round.formCode}</Typography.Text>
          <Typography.Title level={5} style={{ margin: '2px 0 0' }}>{round.formName}</Typography.Title>
        </div>
        <StatusTag status={status} late={round.submission?.late} />
      </Flex>
      <Typography.Text strong style={{ fontSize: 16, color: '#0b5cad' }}>{periodLabel(round.period, lang)}</Typography.Text>
      <div>
        <Typography.Text type="secondary">{l('Hạn nộp: ', 'Deadline: ')}</Typography.Text>
        <DeadlineText deadline={round.deadline} done={done} />
      </div>
      {status === 'returned' ? (
        <Alert type="warning" showIcon title={l('Báo cáo bị trả lại, cần sửa và nộp lại.', 'The report was returned; correct it and submit again.')} />
      ) : null}
      <div style={{ marginTop: 'auto' }}>
        <Button type={action.primary ? 'primary' : 'default'} icon={action.icon} onClick={go} disabled={!unitId} block>
          {action.label}
        </Button>
      </div>
    </Card>
  );
}
