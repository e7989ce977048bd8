/** The round's identity and its submission statistics, shown above the board and the completeness page. */
import { Card, Col, Descriptions, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { formatDate, formatPercent, periodLabel } from '@nhip/contracts';
import type { ReactNode } from 'react';
import { useL, useLang } from '../../app/i18n';
import { DeadlineText, ratio } from './shared';
import type { Round } from './types';

export function RoundHeader({ round, extra }: { round: Round; extra?: ReactNode }) {
  const l = useL();
  const lang = useLang();
  const c = round.counts;
  const submitted = c.submitted + c.approved;
  return (
    <Card>
      <Flex justify="space-between" align="flex-start" wrap="wrap" gap={12}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{round.formCode}</Typography.Text>
          <Typography.Title level={3} style={{ margin: '2px 0 8px' }}>
            {round.formName} – {periodLabel(round.period, lang)}
          </Typography.Title>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'cut', label: l('Chốt số liệu', 'Cut-off'), children: `${formatDate(round.cutoffStart)} – ${formatDate(round.cutoffEnd)}` },
              { key: 'dl', label: l('Hạn nộp', 'Deadline'), children: <DeadlineText deadline={round.deadline} done={round.status === 'closed'} /> },
              {
                key: 'st',
                label: l('Trạng thái', 'Status'),
                children: round.status === 'open' ? <Tag color="green">{l('Đang mở', 'Open')}</Tag> : <Tag>{l('Đã đóng', 'Closed')}</Tag>,
              },
            ]}
          />
          {round.note ? <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{round.note}</Typography.Paragraph> : null}
        </div>
        {extra}
      </Flex>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={12} md={4}><Statistic title={l('Đơn vị phải nộp', 'Units assigned')} value={c.assigned} /></Col>
        <Col xs={12} md={4}>
          <Statistic title={l('Đã nộp', 'Submitted')} value={submitted} suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>({formatPercent(ratio(submitted, c.assigned), 1, lang)})</Typography.Text>} />
        </Col>
        <Col xs={12} md={4}><Statistic title={l('Đúng hạn', 'On time')} value={c.onTime} styles={{ content: { color: '#389e0d' } }} /></Col>
        <Col xs={12} md={4}><Statistic title={l('Trễ hạn', 'Late')} value={c.late} styles={{ content: { color: c.late ? '#cf1322' : undefined } }} /></Col>
        <Col xs={12} md={4}><Statistic title={l('Chờ thẩm định', 'Awaiting review')} value={c.submitted} /></Col>
        <Col xs={12} md={4}><Statistic title={l('Chưa nộp', 'Not submitted')} value={c.notStarted + c.draft + c.returned} /></Col>
      </Row>
    </Card>
  );
}
