/** '/rounds/:roundId/completeness': completeness and timeliness by unit type and sector, and the late units. */
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { compareVi, formatDateTime, formatPercent, periodLabel, UNIT_TYPE_LABELS, type UnitType } from '@nhip/contracts';
import { Link, useNavigate, useParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { useCompleteness } from './api';
import { DeadlineText, ErrorState, ratio, StatusTag } from './shared';
import type { CompletenessGroup, CompletenessStats, LateUnit } from './types';

/** Percentages from the counts themselves: submitted / assigned and on time / assigned. */
function rates(s: CompletenessStats) {
  return { completeness: ratio(s.submitted, s.assigned), timeliness: ratio(s.onTime, s.assigned) };
}

export default function CompletenessPage() {
  const l = useL();
  const lang = useLang();
  const navigate = useNavigate();
  const roundId = Number(useParams().roundId);
  const q = useCompleteness(roundId);

  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  const { round, total, byUnitType, bySector, lateUnits } = q.data;
  const t = rates(total);

  const groupColumns = (first: string, unitTypes: boolean): ColumnsType<CompletenessGroup> => [
    {
      title: first,
      key: 'label',
      width: 280,
      sorter: (a, b) => compareVi(a.label, b.label),
      render: (_, g) => (unitTypes ? UNIT_TYPE_LABELS[g.key as UnitType]?.[lang] ?? g.label : g.label),
    },
    { title: l('Phải nộp', 'Assigned'), dataIndex: 'assigned', width: 90, align: 'right' },
    { title: l('Đã nộp', 'Submitted'), dataIndex: 'submitted', width: 90, align: 'right' },
    { title: l('Trễ hạn', 'Late'), dataIndex: 'late', width: 90, align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
    {
      title: l('Tỷ lệ nộp', 'Completeness'),
      key: 'c',
      width: 200,
      sorter: (a, b) => rates(a).completeness - rates(b).completeness,
      render: (_, g) => <Progress aria-label={l('Tỷ lệ nộp', 'Completeness')} percent={round1(rates(g).completeness)} size="small" format={(p) => formatPercent(p ?? 0, 1, lang)} />,
    },
    {
      title: l('Tỷ lệ đúng hạn', 'Timeliness'),
      key: 't',
      width: 200,
      sorter: (a, b) => rates(a).timeliness - rates(b).timeliness,
      render: (_, g) => <Progress aria-label={l('Tỷ lệ đúng hạn', 'Timeliness')} percent={round1(rates(g).timeliness)} size="small" strokeColor="#389e0d" format={(p) => formatPercent(p ?? 0, 1, lang)} />,
    },
  ];

  const lateColumns: ColumnsType<LateUnit> = [
    {
      title: l('Đơn vị', 'Unit'),
      key: 'unit',
      sorter: (a, b) => compareVi(a.orgUnit.name, b.orgUnit.name),
      render: (_, u) => (
        <div>
          <Link to={`/rounds/${roundId}/units/${u.orgUnit.id}`}>{u.orgUnit.name}</Link>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{UNIT_TYPE_LABELS[u.orgUnit.type]?.[lang] ?? u.orgUnit.type}{u.orgUnit.sectorName ? ` · ${u.orgUnit.sectorName}` : ''}</Typography.Text></div>
        </div>
      ),
    },
    {
      title: l('Nộp lúc / trạng thái', 'Submitted at / status'),
      key: 'at',
      width: 180,
      render: (_, u) => (u.submittedAt ? formatDateTime(u.submittedAt) : <StatusTag status={u.status} />),
    },
    {
      title: l('Số ngày muộn', 'Days late'),
      dataIndex: 'daysLate',
      width: 130,
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.daysLate - b.daysLate,
      render: (d: number) => <Typography.Text type="danger" strong>{d}</Typography.Text>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap="wrap" gap={12}>
        <div>
          <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }} onClick={() => navigate(`/rounds/${roundId}`)}>
            {l('Bảng theo dõi đợt báo cáo', 'Round board')}
          </Button>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {l('Tỷ lệ nộp báo cáo và nộp đúng hạn', 'Completeness and timeliness')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {round.formName} – {periodLabel(round.period, lang)} · {l('hạn nộp', 'deadline')} <DeadlineText deadline={round.deadline} done={round.status === 'closed'} />
          </Typography.Text>
        </div>
        <Button data-testid="xlsx-download" icon={<DownloadOutlined />} href={`/api/rounds/${roundId}/completeness.xlsx`} download>
          {l('Tải bảng Excel', 'Download Excel')}
        </Button>
      </Flex>

      <Card data-testid="completeness-total">
        <Row gutter={[24, 24]} align="middle">
          <Col xs={12} md={5} style={{ textAlign: 'center' }}>
            <Progress aria-label={l('Tỷ lệ nộp', 'Completeness')} type="circle" percent={round1(t.completeness)} size={110} format={(p) => formatPercent(p ?? 0, 1, lang)} />
            <div style={{ marginTop: 8 }}><Typography.Text strong>{l('Tỷ lệ nộp', 'Completeness')}</Typography.Text></div>
          </Col>
          <Col xs={12} md={5} style={{ textAlign: 'center' }}>
            <Progress aria-label={l('Tỷ lệ đúng hạn', 'Timeliness')} type="circle" percent={round1(t.timeliness)} size={110} strokeColor="#389e0d" format={(p) => formatPercent(p ?? 0, 1, lang)} />
            <div style={{ marginTop: 8 }}><Typography.Text strong>{l('Tỷ lệ đúng hạn', 'Timeliness')}</Typography.Text></div>
          </Col>
          <Col xs={24} md={14}>
            <Row gutter={[16, 16]}>
              <Col span={6}><Statistic title={l('Phải nộp', 'Assigned')} value={total.assigned} /></Col>
              <Col span={6}><Statistic title={l('Đã nộp', 'Submitted')} value={total.submitted} /></Col>
              <Col span={6}><Statistic title={l('Đúng hạn', 'On time')} value={total.onTime} styles={{ content: { color: '#389e0d' } }} /></Col>
              <Col span={6}><Statistic title={l('Trễ hạn', 'Late')} value={total.late} styles={{ content: { color: total.late ? '#cf1322' : undefined } }} /></Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
              {l(
                'Tỷ lệ nộp = số đơn vị đã nộp / số đơn vị phải nộp; tỷ lệ đúng hạn = số đơn vị nộp trước hạn / số đơn vị phải nộp. Trễ hạn gồm đơn vị nộp sau hạn và đơn vị đã quá hạn mà chưa nộp; báo cáo bị trả lại chưa nộp lại không tính là đã nộp.',
                'Completeness = units submitted / units assigned; timeliness = units submitted on time / units assigned. Late counts units that submitted after the deadline and units past the deadline without a report; a returned report not yet resubmitted does not count.',
              )}
            </Typography.Paragraph>
          </Col>
        </Row>
      </Card>

      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={l('Theo loại đơn vị', 'By unit type')}>
            <Table<CompletenessGroup> rowKey="key" size="small" columns={groupColumns(l('Loại đơn vị', 'Unit type'), true)} dataSource={byUnitType} pagination={false} scroll={{ x: 700 }} />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={l('Theo lĩnh vực', 'By sector')}>
            <Table<CompletenessGroup> rowKey="key" size="small" columns={groupColumns(l('Lĩnh vực', 'Sector'), false)} dataSource={bySector} pagination={false} scroll={{ x: 700 }} />
          </Card>
        </Col>
      </Row>

      <Card title={l(`Đơn vị nộp muộn hoặc chưa nộp (${lateUnits.length})`, `Late or missing units (${lateUnits.length})`)}>
        <Table<LateUnit>
          rowKey={(u) => u.orgUnit.id}
          size="small"
          columns={lateColumns}
          dataSource={lateUnits}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Không có đơn vị nào nộp muộn.', 'No unit is late.')} /> }}
        />
      </Card>
    </Flex>
  );
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
