/**
 * A person's awards: their whole history, ratings by year, initiatives (and the award that used each), nominations,
 * and the titles they could be proposed for next ("Đủ điều kiện đề nghị năm …"), each with what must still happen
 * that year or why not, from the rule engine on the facts already known.
 */
import { CheckCircleFilled, CloseCircleFilled, PlusOutlined } from '@ant-design/icons';
import { formatNumber, INITIATIVE_SCOPE_LABELS, NOMINATION_STATUS_LABELS } from '@nhip/contracts';
import { Alert, Button, Card, Col, Descriptions, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { EmptyHint } from '../../components/table';
import { type NextTitle, type NominationRow, type PersonAwards, usePersonAwards } from './api-register';
import { NominationDrawer } from './NominationsPage';
import { RecordFormModal } from './RecordFormModal';
import { dash, HistoryTable, RatingsLine, ScrollRegion, thisYearVN, vnDate } from './register-shared';

export function NominationsList({ rows }: { rows: NominationRow[] }) {
  const l = useL();
  const [open, setOpen] = useState<number | null>(null);
  if (!rows.length) return <span className="nhip-muted">{l('Chưa có đề nghị nào.', 'No nomination.')}</span>;
  return (
    <>
      <List
        size="small"
        dataSource={[...rows].sort((a, b) => b.year - a.year)}
        renderItem={(n) => (
          <List.Item key={n.id}>
            <Space wrap size={6}>
              <strong>{n.year}</strong>
              <Typography.Link onClick={() => setOpen(n.id)}>{n.awardName}</Typography.Link>
              <Tag color={NOMINATION_STATUS_LABELS[n.status].color}>{n.statusLabel}</Tag>
              {!n.eligible && <Tag color="error">{l('Chưa đủ điều kiện', 'Not eligible')}</Tag>}
            </Space>
          </List.Item>
        )}
      />
      <NominationDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

function NextTitles({ next }: { next: PersonAwards['next'] }) {
  const l = useL();
  const [showAll, setShowAll] = useState(false);
  const possible = next.titles.filter((t) => t.possible);
  const rest = next.titles.filter((t) => !t.possible);
  const item = (t: NextTitle) => (
    <List.Item key={t.code}>
      <div style={{ width: '100%' }}>
        <Space size={8} wrap>
          {t.possible ? (
            <CheckCircleFilled style={{ color: '#2f7d32' }} aria-label={l('Có thể đề nghị', 'Possible')} />
          ) : (
            <CloseCircleFilled style={{ color: '#b42318' }} aria-label={l('Chưa đủ', 'Not yet')} />
          )}
          <strong>{t.name}</strong>
          {t.basis && (
            <span className="nhip-muted" style={{ fontSize: 12 }}>
              {t.basis}
            </span>
          )}
        </Space>
        {t.possible && t.assumptions.length > 0 && (
          <div style={{ marginTop: 4 }}>
            <span className="nhip-muted">{l('Còn cần trong năm: ', 'Still needed that year: ')}</span>
            {t.assumptions.join('; ')}
          </div>
        )}
        {!t.possible && t.missing.length > 0 && (
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {t.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </div>
    </List.Item>
  );
  return (
    <Card
      title={l(`Danh hiệu có thể đề nghị năm ${next.year}`, `Possible titles for ${next.year}`)}
      data-testid="award-next"
      extra={
        rest.length > 0 && (
          <Button type="link" onClick={() => setShowAll((v) => !v)}>
            {showAll
              ? l('Chỉ hiện danh hiệu đủ điều kiện', 'Possible ones only')
              : l(`Xem cả ${rest.length} danh hiệu chưa đủ`, `Show ${rest.length} not yet possible`)}
          </Button>
        )
      }
    >
      <Alert
        type={possible.length ? 'success' : 'info'}
        showIcon
        title={
          possible.length
            ? l(
                `Đủ điều kiện đề nghị năm ${next.year}: ${possible.map((t) => t.name).join(', ')}`,
                `Possible in ${next.year}: ${possible.map((t) => t.name).join(', ')}`,
              )
            : next.summary
        }
        description={
          possible.length
            ? l('Với điều còn cần đạt trong năm nêu dưới từng danh hiệu.', 'Given what each still needs that year, below.')
            : undefined
        }
        style={{ marginBottom: 8 }}
      />
      <List size="small" dataSource={showAll ? [...possible, ...rest] : possible} renderItem={item} locale={{ emptyText: ' ' }} />
    </Card>
  );
}

export default function PersonAwardsPage() {
  const l = useL();
  const me = useCurrentUser();
  const id = Number(useParams().id);
  const [year, setYear] = useState<number | undefined>(undefined);
  const { data, error, refetch, isFetching } = usePersonAwards(id, year);
  const [adding, setAdding] = useState(false);
  const manages = !!me.abilities['awards.manage'];

  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <PageSkeleton />;
  const p = data.person;
  const thisYear = thisYearVN();
  return (
    <>
      <PageHeader
        title={p.fullName}
        crumbs={[{ title: l('Sổ khen thưởng', 'Award register'), to: '/awards/register' }, { title: p.fullName }]}
        subtitle={p.title || undefined}
        extra={
          manages && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {l('Thêm khen thưởng đã có', 'Add a past award')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={l('Cán bộ', 'Person')} size="small">
              <Descriptions column={1} size="small" styles={{ label: { width: 130 } }}>
                <Descriptions.Item label={l('Chức vụ', 'Position')}>{p.position || dash}</Descriptions.Item>
                <Descriptions.Item label={l('Đơn vị', 'Unit')}>
                  {p.unit ? <Link to={`/awards/units/${encodeURIComponent(p.unit.code)}`}>{p.unit.name}</Link> : dash}
                </Descriptions.Item>
                <Descriptions.Item label={l('Giới tính', 'Gender')}>
                  {p.gender === 'female' ? 'Nữ' : p.gender === 'male' ? 'Nam' : dash}
                </Descriptions.Item>
                <Descriptions.Item label={l('Công tác từ', 'In service since')}>{vnDate(p.serviceStart)}</Descriptions.Item>
                <Descriptions.Item label={l('Khen thưởng', 'Awards')}>
                  {l(`${formatNumber(data.history.length)} lần`, `${formatNumber(data.history.length)}`)}
                </Descriptions.Item>
              </Descriptions>
              <div style={{ marginTop: 8 }}>
                <Link to={`/people?person=${p.id}`}>{l('Quá trình công tác', 'Career')}</Link>
              </div>
            </Card>
            <Card title={l('Xếp loại chất lượng hằng năm', 'Annual ratings')} size="small">
              <RatingsLine ratings={data.ratings} />
            </Card>
            <Card title={l('Đề nghị khen thưởng', 'Nominations')} size="small">
              <NominationsList rows={data.nominations} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <div>
              <Space style={{ marginBottom: 8 }}>
                <span className="nhip-muted">{l('Xét cho năm thành tích', 'For the award year')}</span>
                <Select<number>
                  aria-label={l('Năm xét', 'Year considered')}
                  value={data.next.year}
                  onChange={setYear}
                  loading={isFetching}
                  options={[thisYear + 1, thisYear, thisYear - 1].map((y) => ({ value: y, label: String(y) }))}
                  style={{ width: 100 }}
                />
              </Space>
              <NextTitles next={data.next} />
            </div>
            <Card title={l('Lịch sử khen thưởng', 'Award history')} size="small">
              <HistoryTable rows={data.history} />
            </Card>
            <Card title={l('Sáng kiến', 'Initiatives')} size="small">
              <ScrollRegion label={l('Sáng kiến', 'Initiatives')} minWidth={600}>
                <Table
                  rowKey="id"
                  size="small"
                  dataSource={[...data.initiatives].sort((a, b) => b.year - a.year)}
                  pagination={false}
                  locale={{ emptyText: <EmptyHint title={l('Chưa có sáng kiến nào được công nhận', 'No initiative recognised')} /> }}
                  columns={[
                    { title: l('Năm', 'Year'), dataIndex: 'year', width: 70 },
                    { title: l('Sáng kiến', 'Initiative'), dataIndex: 'title' },
                    {
                      title: l('Phạm vi', 'Scope'),
                      dataIndex: 'scope',
                      width: 120,
                      render: (s: keyof typeof INITIATIVE_SCOPE_LABELS) => INITIATIVE_SCOPE_LABELS[s].vi,
                    },
                    {
                      title: l('Đã dùng cho', 'Used for'),
                      dataIndex: 'usedFor',
                      width: 220,
                      render: (v: string | null) => (v ? v : <Tag color="green">{l('Chưa dùng', 'Unused')}</Tag>),
                    },
                  ]}
                />
              </ScrollRegion>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
                {l('Mỗi sáng kiến chỉ dùng cho một lần khen thưởng.', 'Each initiative supports one award only.')}{' '}
                <Link to={`/awards/initiatives?person=${p.id}`} style={{ textDecoration: 'underline' }}>
                  {l('Mở danh sách sáng kiến', 'Open initiatives')}
                </Link>
              </Typography.Paragraph>
            </Card>
          </Space>
        </Col>
      </Row>
      {adding && <RecordFormModal person={{ id: p.id, fullName: p.fullName }} onClose={() => setAdding(false)} />}
    </>
  );
}
