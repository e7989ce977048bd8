/** Home of the department's people: open rounds with their progress, what waits for review, who is late. */
import { AuditOutlined, BarChartOutlined, CalendarOutlined, PlusOutlined, TableOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { periodLabel } from '@nhip/contracts';
import { useNavigate } from 'react-router';
import type { Me } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { useRounds } from '../rounds/api';
import { DeadlineText, ErrorState, RoundProgress } from '../rounds/shared';
import type { Round } from '../rounds/types';
import { RecentNotifications } from './Notifications';
import { FollowUpCard } from '../follow-up/FollowUpCard';

export function OverviewHome({ me }: { me: Me }) {
  const l = useL();
  const lang = useLang();
  const navigate = useNavigate();
  const q = useRounds({ status: 'open' });
  const rounds = [...(q.data ?? [])].sort((a, b) => a.deadline.localeCompare(b.deadline));
  const sum = (f: (r: Round) => number) => rounds.reduce((s, r) => s + f(r), 0);
  const awaiting = sum((r) => r.counts.submitted);
  const late = sum((r) => r.counts.late);
  const missing = sum((r) => r.counts.notStarted + r.counts.draft + r.counts.returned);
  const isReviewer = me.role === 'reviewer';
  const canReview = me.role === 'reviewer' || me.role === 'office' || me.role === 'admin';
  const reviewQueue = rounds.filter((r) => r.counts.submitted > 0);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap="wrap" gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{l('Tổng quan', 'Overview')}</Typography.Title>
          <Typography.Text type="secondary">
            {isReviewer
              ? l(`Các đợt báo cáo do ${me.orgUnitName ?? 'phòng'} thẩm định`, `Rounds reviewed by ${me.orgUnitName ?? 'your division'}`)
              : l('Tình hình các đợt báo cáo đang mở', 'Rounds currently open')}
          </Typography.Text>
        </div>
        <Space wrap>
          {me.abilities['completeness.read'] ? (
            <Button icon={<BarChartOutlined />} onClick={() => navigate('/dashboard')}>{l('Bảng điều hành', 'Dashboard')}</Button>
          ) : null}
          <Button icon={<CalendarOutlined />} onClick={() => navigate('/rounds')}>{l('Tất cả đợt báo cáo', 'All rounds')}</Button>
          {me.abilities['rounds.manage'] ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/rounds?new=1')}>{l('Mở đợt báo cáo', 'Open a round')}</Button>
          ) : null}
        </Space>
      </Flex>

      {/* The follow-up register's card (grid counts, overdue by division, top recurring) for the directorate and the office. */}
      {me.role === 'director' || me.role === 'office' || me.role === 'admin' ? <FollowUpCard /> : null}
      {q.error ? (
        <Card><ErrorState error={q.error} onRetry={() => q.refetch()} /></Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} lg={6}><Card><Statistic loading={q.isLoading} title={l('Đợt đang mở', 'Open rounds')} value={rounds.length} prefix={<CalendarOutlined />} /></Card></Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic
                  loading={q.isLoading}
                  title={isReviewer ? l('Chờ phòng thẩm định', 'Awaiting your review') : l('Báo cáo chờ thẩm định', 'Awaiting review')}
                  value={awaiting}
                  prefix={<AuditOutlined />}
                  styles={{ content: { color: awaiting ? '#0b5cad' : undefined } }}
                />
              </Card>
            </Col>
            <Col xs={12} lg={6}><Card><Statistic loading={q.isLoading} title={l('Trễ hạn (nộp muộn, quá hạn)', 'Late or overdue')} value={late} prefix={<WarningOutlined />} styles={{ content: { color: late ? '#d46b08' : undefined } }} /></Card></Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic loading={q.isLoading} title={l('Chưa nộp', 'Not submitted')} value={missing} />
              </Card>
            </Col>
          </Row>

          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Card title={l('Tiến độ các đợt đang mở', 'Progress of open rounds')}>
                {q.isLoading ? (
                  <Skeleton active paragraph={{ rows: 6 }} />
                ) : rounds.length === 0 ? (
                  <Empty description={l('Không có đợt báo cáo nào đang mở.', 'No round is open.')}>
                    {me.abilities['rounds.manage'] ? <Button type="primary" onClick={() => navigate('/rounds?new=1')}>{l('Mở đợt báo cáo', 'Open a round')}</Button> : null}
                  </Empty>
                ) : (
                  <List
                    itemLayout="vertical"
                    dataSource={rounds}
                    renderItem={(r) => (
                      <List.Item
                        key={r.id}
                        actions={[
                          <Button key="b" type="link" size="small" icon={<TableOutlined />} onClick={() => navigate(`/rounds/${r.id}`)}>{l('Bảng theo dõi', 'Board')}</Button>,
                          <Button key="c" type="link" size="small" icon={<BarChartOutlined />} onClick={() => navigate(`/rounds/${r.id}/completeness`)}>{l('Tỷ lệ nộp', 'Completeness')}</Button>,
                        ]}
                      >
                        <Flex justify="space-between" gap={16} wrap="wrap" align="center">
                          <div style={{ minWidth: 240, flex: 1 }}>
                            <Typography.Text strong>{r.formName}</Typography.Text>
                            <div>
                              <Typography.Text style={{ color: '#0b5cad' }}>{periodLabel(r.period, lang)}</Typography.Text>
                              <Typography.Text type="secondary"> · {l('hạn', 'due')} </Typography.Text>
                              <DeadlineText deadline={r.deadline} done={r.counts.notStarted + r.counts.draft + r.counts.returned === 0} />
                            </div>
                          </div>
                          <div style={{ width: 260 }}>
                            <RoundProgress counts={r.counts} />
                            <Space size={4} wrap>
                              {r.counts.submitted ? <Tag color="blue">{l(`${r.counts.submitted} chờ duyệt`, `${r.counts.submitted} to review`)}</Tag> : null}
                              {r.counts.late ? <Tag color="orange">{l(`${r.counts.late} trễ hạn`, `${r.counts.late} late`)}</Tag> : null}
                              {r.counts.returned ? <Tag color="warning">{l(`${r.counts.returned} trả lại`, `${r.counts.returned} returned`)}</Tag> : null}
                            </Space>
                          </div>
                        </Flex>
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Flex vertical gap={16}>
                {canReview ? (
                  <Card title={l('Cần thẩm định', 'To review')}>
                    {reviewQueue.length === 0 ? (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Không có báo cáo nào chờ thẩm định.', 'Nothing waits for review.')} />
                    ) : (
                      <Flex vertical>
                        {reviewQueue.map((r) => (
                          <Flex
                            key={r.id}
                            className="home-queue-item"
                            role="link"
                            tabIndex={0}
                            justify="space-between"
                            align="center"
                            gap={12}
                            onClick={() => navigate(`/rounds/${r.id}?status=submitted`)}
                            onKeyDown={(e) => { if (e.key === 'Enter') navigate(`/rounds/${r.id}?status=submitted`); }}
                            style={{ padding: '10px 4px', borderBottom: '1px solid #f0f0f0', cursor: 'pointer' }}
                          >
                            <div style={{ minWidth: 0 }}>
                              <Typography.Link>{r.formName}</Typography.Link>
                              <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{periodLabel(r.period, lang)}</Typography.Text></div>
                            </div>
                            <Tag color="blue" style={{ marginInlineEnd: 0, fontSize: 13 }}>{l(`${r.counts.submitted} báo cáo`, `${r.counts.submitted} reports`)}</Tag>
                          </Flex>
                        ))}
                      </Flex>
                    )}
                  </Card>
                ) : null}
                <RecentNotifications limit={5} />
              </Flex>
            </Col>
          </Row>
        </>
      )}
    </Flex>
  );
}
