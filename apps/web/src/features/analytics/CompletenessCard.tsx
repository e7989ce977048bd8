/** Completeness of the current rounds for the units under the dashboard's unit: submitted and approved, late. */
import { TableOutlined } from '@ant-design/icons';
import { formatDate, formatPercent } from '@nhip/contracts';
import { Alert, Card, Empty, Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useL } from '../../app/i18n';
import type { DashboardRound } from './types';

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

function RoundLine({ r }: { r: DashboardRound }) {
  const l = useL();
  const sub = pct(r.submitted, r.expected);
  const app = pct(r.approved, r.expected);
  return (
    <div className="nhip-dash-round" data-testid={`round-${r.roundId}`}>
      <Flex justify="space-between" gap={8} align="baseline">
        <Link to={`/rounds/${r.roundId}`} style={{ fontWeight: 500, minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: r.formName }} style={{ color: 'inherit', maxWidth: '100%' }}>
            {r.formName}
          </Typography.Text>
        </Link>
        {r.late > 0 ? (
          <Tag color="orange" style={{ marginInlineEnd: 0, flex: 'none' }}>
            {l(`${r.late} trễ hạn`, `${r.late} late`)}
          </Tag>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.periodName} · {l('hạn', 'due')} {formatDate(r.deadline)}
      </Typography.Text>
      <Tooltip
        title={l(
          `Đã nộp ${r.submitted}/${r.expected} (${formatPercent(sub)})`,
          `Submitted ${r.submitted}/${r.expected} (${formatPercent(sub, 1, 'en')})`,
        )}
      >
        <Flex align="center" gap={8}>
          <span className="label">{l('Đã nộp', 'Submitted')}</span>
          <Progress
            aria-label={l('Đã nộp', 'Submitted')}
            percent={Math.round(sub * 10) / 10}
            size="small"
            format={() => `${r.submitted}/${r.expected}`}
            style={{ margin: 0, flex: 1 }}
          />
        </Flex>
      </Tooltip>
      <Tooltip
        title={l(
          `Đã duyệt ${r.approved}/${r.expected} (${formatPercent(app)})`,
          `Approved ${r.approved}/${r.expected} (${formatPercent(app, 1, 'en')})`,
        )}
      >
        <Flex align="center" gap={8}>
          <span className="label">{l('Đã duyệt', 'Approved')}</span>
          <Progress
            aria-label={l('Đã duyệt', 'Approved')}
            percent={Math.round(app * 10) / 10}
            size="small"
            strokeColor="#389e0d"
            format={() => `${r.approved}/${r.expected}`}
            style={{ margin: 0, flex: 1 }}
          />
        </Flex>
      </Tooltip>
    </div>
  );
}

export function CompletenessCard({ rounds }: { rounds: DashboardRound[] }) {
  const l = useL();
  return (
    <Card
      size="small"
      title={l('Tiến độ báo cáo của các đợt hiện hành', 'Progress of the current rounds')}
      extra={
        <Link to="/rounds">
          <TableOutlined /> {l('Tất cả đợt báo cáo', 'All rounds')}
        </Link>
      }
      data-testid="dashboard-completeness"
    >
      {rounds.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={l('Không có đợt báo cáo nào của các đơn vị này.', 'No round concerns these units.')}
        />
      ) : (
        <div className="nhip-dash-rounds">
          {rounds.map((r) => (
            <RoundLine key={r.roundId} r={r} />
          ))}
        </div>
      )}
    </Card>
  );
}

/**
 * A warning above the figures when the period's own rounds are not all approved yet: the totals then
 * count only the approved reports, and a drop against last quarter may just be reports still under review.
 */
export function CoverageNotice({ periodId, periodName, rounds }: { periodId: string; periodName: string; rounds: DashboardRound[] }) {
  const l = useL();
  const own = rounds.filter((r) => r.period === periodId);
  const expected = own.reduce((s, r) => s + r.expected, 0);
  const approved = own.reduce((s, r) => s + r.approved, 0);
  if (own.length === 0 || expected === 0 || approved >= expected) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="dashboard-coverage"
      title={l(
        `${periodName}: mới có ${approved}/${expected} báo cáo được duyệt (${formatPercent(pct(approved, expected))}). Số liệu tổng hợp chỉ tính báo cáo đã duyệt, nên còn thấp hơn thực tế.`,
        `${periodName}: ${approved} of ${expected} reports approved so far (${formatPercent(pct(approved, expected), 1, 'en')}). Totals count approved reports only and are still below reality.`,
      )}
    />
  );
}
