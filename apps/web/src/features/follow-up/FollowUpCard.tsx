/**
 * The register on the director's home: the grid's four counts, overdue items by owner division, the points raised most
 * often and those escalated to a deputy. Every figure opens the board filtered to the items it counts. A unit's home
 * gets the same four counts for what it raised.
 */
import { FlagOutlined } from '@ant-design/icons';
import type { Timeliness } from '@nhip/contracts';
import { Button, Card, Col, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useL } from '../../app/i18n';
import { ErrorState } from '../../components/QueryState';
import { useSummary, useUnitRecommendations } from './api';
import { GridTags, TimesRaised } from './shared';

export function FollowUpCard() {
  const l = useL();
  const navigate = useNavigate();
  const q = useSummary({ top: 5 });
  const s = q.data;
  const overdue = (s?.byDivision ?? []).filter((d) => d.counts.open_overdue > 0).slice(0, 5);
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <FlagOutlined aria-hidden />
          {l('Theo dõi kiến nghị', 'Recommendations')}
        </Flex>
      }
      extra={
        <Button type="link" onClick={() => navigate('/follow-up')}>
          {l('Mở sổ theo dõi', 'Open the register')}
        </Button>
      }
      data-testid="fu-home-card"
    >
      {q.error ? (
        <ErrorState compact error={q.error} onRetry={() => void q.refetch()} />
      ) : !s ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : s.counts.total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Sổ theo dõi chưa có kiến nghị nào.', 'The register is empty.')} />
      ) : (
        <Flex vertical gap={16}>
          <GridTags counts={s.counts} hrefOf={(t: Timeliness) => `/follow-up?timeliness=${t}`} />
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Typography.Title level={5} style={{ marginTop: 0 }}>{l('Quá hạn theo phòng chủ trì', 'Overdue by division')}</Typography.Title>
              {overdue.length === 0 ? (
                <Typography.Text type="secondary">{l('Không có kiến nghị quá hạn.', 'Nothing overdue.')}</Typography.Text>
              ) : (
                <Flex vertical gap={4}>
                  {overdue.map((d) => (
                    <Flex key={d.division?.id ?? 'none'} justify="space-between" gap={8}>
                      <Link to={`/follow-up?timeliness=open_overdue${d.division ? `&owner=${encodeURIComponent(d.division.code)}` : ''}`}>
                        {d.division?.name ?? l('Chưa giao phòng', 'Unassigned')}
                      </Link>
                      <Typography.Text strong style={{ color: '#cf1322' }}>{d.counts.open_overdue}</Typography.Text>
                    </Flex>
                  ))}
                </Flex>
              )}
              {s.escalated.length > 0 ? (
                <div style={{ marginTop: 8 }}>
                  <Link to="/follow-up?escalated=true&state=new,assigned,in_progress,carried">
                    {l('Xem các kiến nghị quá hạn đã báo lãnh đạo Sở phụ trách', 'Items escalated to the deputies')}
                  </Link>
                </div>
              ) : null}
            </Col>
            <Col xs={24} md={12}>
              <Typography.Title level={5} style={{ marginTop: 0 }}>{l('Nêu lại nhiều lần nhất', 'Raised most often')}</Typography.Title>
              {s.topRecurring.filter((r) => r.timesRaised >= 2).length === 0 ? (
                <Typography.Text type="secondary">{l('Chưa có kiến nghị nào được nêu lại.', 'Nothing raised twice yet.')}</Typography.Text>
              ) : (
                <Flex vertical gap={6}>
                  {s.topRecurring
                    .filter((r) => r.timesRaised >= 2)
                    .map((r) => (
                      <Flex key={r.id} justify="space-between" gap={8} align="flex-start">
                        <Link to={`/follow-up/${r.id}`} className="fu-clamp" style={{ fontSize: 13 }}>
                          {r.text}
                        </Link>
                        <TimesRaised n={r.timesRaised} />
                      </Flex>
                    ))}
                  <Link to="/follow-up?sort=recurrence&recurring=true" style={{ fontSize: 13 }}>
                    {l('Xem tất cả kiến nghị nêu lại', 'All points raised again')}
                  </Link>
                </Flex>
              )}
            </Col>
          </Row>
        </Flex>
      )}
    </Card>
  );
}

/** A unit's home: what became of what it raised, in the grid's four counts, and the way to its page. */
export function UnitFollowUpCard({ unitId }: { unitId: number | null }) {
  const l = useL();
  const q = useUnitRecommendations(unitId, { pageSize: 1 });
  if (unitId === null || q.error || (q.data && q.data.counts.total === 0)) return null;
  return (
    <Card
      size="small"
      title={l('Kiến nghị của đơn vị', 'Our recommendations')}
      extra={<Link to="/follow-up/unit">{l('Xem kết quả, trả lời', 'Results and answers')}</Link>}
      data-testid="fu-unit-home-card"
    >
      {!q.data ? <Skeleton active paragraph={{ rows: 2 }} /> : <GridTags counts={q.data.counts} size="small" hrefOf={(t: Timeliness) => `/follow-up/unit?timeliness=${t}`} />}
    </Card>
  );
}
