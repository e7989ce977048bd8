/**
 * A collective's awards: its history, including that of the units it came from (a unit that merged keeps its
 * collective history through the lineage links), its ratings and its nominations.
 */
import { formatNumber, UNIT_TYPE_LABELS, type UnitType } from '@nhip/contracts';
import { Alert, Card, Col, Descriptions, Row, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { useL } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { useUnitAwards } from './api-register';
import { NominationsList } from './PersonAwardsPage';
import { HistoryTable, RatingsLine, vnDate } from './register-shared';

export default function UnitAwardsPage() {
  const l = useL();
  const code = useParams().code ?? '';
  const { data, error, refetch } = useUnitAwards(code);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <PageSkeleton />;
  const u = data.unit;
  const inherited = data.history.filter((h) => h.via);
  return (
    <>
      <PageHeader
        title={u.name}
        crumbs={[{ title: l('Sổ khen thưởng', 'Award register'), to: '/awards/register' }, { title: u.name }]}
        subtitle={l(
          'Khen thưởng của tập thể, cả của các đơn vị tiền thân đã hợp nhất vào đơn vị.',
          'Awards of the collective, including its predecessors’.',
        )}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={l('Đơn vị', 'Unit')}>
              <Descriptions column={1} size="small" styles={{ label: { width: 130 } }}>
                <Descriptions.Item label={l('Mã đơn vị', 'Code')}>{u.code}</Descriptions.Item>
                <Descriptions.Item label={l('Loại', 'Type')}>{UNIT_TYPE_LABELS[u.type as UnitType]?.vi ?? u.type}</Descriptions.Item>
                <Descriptions.Item label={l('Hoạt động', 'Active')}>
                  {u.validTo
                    ? l(`${vnDate(u.validFrom)} – ${vnDate(u.validTo)}`, `${vnDate(u.validFrom)} – ${vnDate(u.validTo)}`)
                    : l(`từ ${vnDate(u.validFrom)}`, `since ${vnDate(u.validFrom)}`)}
                </Descriptions.Item>
                <Descriptions.Item label={l('Khen thưởng', 'Awards')}>{formatNumber(data.history.length)}</Descriptions.Item>
              </Descriptions>
            </Card>
            {data.predecessors.length > 0 && (
              <Card size="small" title={l('Đơn vị tiền thân', 'Predecessors')}>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {data.predecessors.map((p) => (
                    <li key={p.id}>
                      <Link to={`/awards/units/${encodeURIComponent(p.code)}`}>{p.name}</Link>
                      {p.validTo && <span className="nhip-muted"> · {l(`đến ${vnDate(p.validTo)}`, `until ${vnDate(p.validTo)}`)}</span>}
                    </li>
                  ))}
                </ul>
              </Card>
            )}
            <Card size="small" title={l('Xếp loại chất lượng hằng năm', 'Annual ratings')}>
              <RatingsLine ratings={data.ratings} />
            </Card>
            <Card size="small" title={l('Đề nghị khen thưởng', 'Nominations')}>
              <NominationsList rows={data.nominations} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={l('Lịch sử khen thưởng', 'Award history')}>
            {inherited.length > 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={l(
                  `${formatNumber(inherited.length)} khen thưởng là của đơn vị tiền thân, được giữ qua việc hợp nhất.`,
                  `${formatNumber(inherited.length)} awards come from predecessors, kept through the merger.`,
                )}
              />
            )}
            <HistoryTable rows={data.history} showVia />
          </Card>
        </Col>
      </Row>
    </>
  );
}
