/**
 * "Khối, cụm thi đua": the clusters of a year with their members and leader. The office forms a cluster (members and
 * weighted criteria); a member unit sees its cluster once the ranking is published.
 */
import { MinusCircleOutlined, PlusOutlined, TrophyFilled } from '@ant-design/icons';
import { formatDate, formatNumber, normalizeText } from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, InputNumber, List, Modal, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { OrgUnitTreeSelect } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { EmptyHint } from '../../components/table';
import { AWARDS_LOOKBACK_KEY, type Cluster, type ClusterWrite, createCluster, updateCluster, useClusters } from './api-register';
import { thisYearVN, useUnitCodes } from './register-shared';

export const KIND_LABELS = { khoi: 'Khối thi đua', cum: 'Cụm thi đua' } as const;

type CriterionValues = {
  id?: number;
  name?: string;
  weight?: number;
  maxScore?: number;
  source?: 'manual' | 'computed';
  figure?: 'timeliness' | 'completeness' | null;
};
type Values = { name?: string; kind?: 'khoi' | 'cum'; year?: number; note?: string; members?: number[]; criteria?: CriterionValues[] };

/** Forms a cluster, or changes one before it is published. */
export function ClusterFormModal({ cluster, onClose }: { cluster?: Cluster; onClose: () => void }) {
  const l = useL();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const { byId } = useUnitCodes();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: Omit<ClusterWrite, 'year'> = {
        name: normalizeText(v.name ?? ''),
        kind: v.kind,
        note: v.note?.trim() ? v.note.trim() : null,
        members: (v.members ?? []).map((id) => byId.get(id)?.code ?? ''),
        criteria: (v.criteria ?? []).map((c) => ({
          id: c.id,
          name: normalizeText(c.name ?? ''),
          weight: c.weight ?? 1,
          maxScore: c.maxScore ?? 100,
          source: c.source ?? 'manual',
          figure: c.source === 'computed' ? (c.figure ?? 'timeliness') : null,
        })),
      };
      return cluster
        ? updateCluster(cluster.id, { ...body, version: cluster.version })
        : createCluster({ ...body, year: v.year ?? thisYearVN() });
    },
    onSuccess: (c) => {
      message.success(cluster ? l('Đã lưu khối, cụm thi đua.', 'Saved.') : l(`Đã lập "${c.name}".`, `"${c.name}" created.`));
      void qc.invalidateQueries({ queryKey: [...AWARDS_LOOKBACK_KEY] });
      onClose();
      if (!cluster) navigate(`/awards/clusters/${c.id}`);
    },
    onError: (e) => setError(applyServerError(form, e)),
  });
  const initial: Values = cluster
    ? {
        name: cluster.name,
        kind: cluster.kind,
        year: cluster.year,
        note: cluster.note ?? '',
        members: cluster.members.map((m) => m.id),
        criteria: cluster.criteria.map((c) => ({
          id: c.id,
          name: c.name,
          weight: c.weight,
          maxScore: c.maxScore,
          source: c.source,
          figure: (c.figure as CriterionValues['figure']) ?? null,
        })),
      }
    : {
        kind: 'khoi',
        year: thisYearVN(),
        members: [],
        criteria: [
          { name: 'Kết quả thực hiện nhiệm vụ chuyên môn', weight: 50, maxScore: 100, source: 'manual' },
          { name: 'Báo cáo đúng hạn trên Nhịp', weight: 20, maxScore: 100, source: 'computed', figure: 'timeliness' },
          { name: 'Phong trào thi đua, sáng kiến', weight: 30, maxScore: 100, source: 'manual' },
        ],
      };
  return (
    <Modal
      open
      width={860}
      title={cluster ? l('Sửa khối, cụm thi đua', 'Edit cluster') : l('Lập khối, cụm thi đua', 'New cluster')}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="name"
              label={l('Tên', 'Name')}
              rules={[{ required: true, whitespace: true, message: l('Ghi tên khối, cụm.', 'Enter a name.') }]}
            >
              <Input placeholder={l('Khối thi đua các Đài truyền thanh', 'Cluster name')} maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="kind" label={l('Loại', 'Kind')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'khoi', label: 'Khối' },
                  { value: 'cum', label: 'Cụm' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="year" label={l('Năm', 'Year')}>
              <InputNumber disabled={!!cluster} min={2000} max={2200} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="members"
          label={l('Đơn vị thành viên', 'Members')}
          rules={[{ required: true, type: 'array', min: 2, message: l('Chọn ít nhất hai đơn vị.', 'Choose at least two units.') }]}
        >
          <OrgUnitTreeSelect multiple />
        </Form.Item>
        <Typography.Text strong>{l('Tiêu chí chấm điểm', 'Criteria')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
          {l(
            'Tổng điểm của đơn vị = Σ (điểm ÷ điểm tối đa × trọng số). Tiêu chí "tính từ số liệu Nhịp" lấy tỷ lệ báo cáo nộp đúng hạn hoặc đã nộp trong năm.',
            'Total = Σ score ÷ max × weight. Computed criteria use the share of reports submitted on time or at all.',
          )}
        </Typography.Paragraph>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row key={f.key} gutter={8} align="top">
                  <Form.Item name={[f.name, 'id']} hidden>
                    <InputNumber />
                  </Form.Item>
                  <Col xs={24} md={9}>
                    <Form.Item
                      name={[f.name, 'name']}
                      rules={[{ required: true, whitespace: true, message: l('Ghi tên tiêu chí.', 'Name it.') }]}
                    >
                      <Input aria-label={l('Tên tiêu chí', 'Criterion')} placeholder={l('Tên tiêu chí', 'Criterion')} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: l('Trọng số', 'Weight') }]}>
                      <InputNumber
                        aria-label={l('Trọng số', 'Weight')}
                        placeholder={l('Trọng số', 'Weight')}
                        min={0.01}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={3}>
                    <Form.Item name={[f.name, 'maxScore']}>
                      <InputNumber
                        aria-label={l('Điểm tối đa', 'Max')}
                        placeholder={l('Tối đa', 'Max')}
                        min={1}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={4}>
                    <Form.Item name={[f.name, 'source']}>
                      <Select
                        aria-label={l('Cách chấm', 'Source')}
                        options={[
                          { value: 'manual', label: l('Chấm tay', 'Entered') },
                          { value: 'computed', label: l('Tính từ Nhịp', 'Computed') },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={4}>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue(['criteria', f.name, 'source']) === 'computed' ? (
                          <Form.Item name={[f.name, 'figure']} initialValue="timeliness">
                            <Select
                              aria-label={l('Số liệu', 'Figure')}
                              options={[
                                { value: 'timeliness', label: l('Tỷ lệ đúng hạn', 'On time') },
                                { value: 'completeness', label: l('Tỷ lệ đã nộp', 'Submitted') },
                              ]}
                            />
                          </Form.Item>
                        ) : null
                      }
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={1}>
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined />}
                      aria-label={l('Bỏ tiêu chí', 'Remove')}
                      onClick={() => remove(f.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ weight: 10, maxScore: 100, source: 'manual' })}>
                {l('Thêm tiêu chí', 'Add criterion')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={l('Ghi chú', 'Note')} style={{ marginTop: 16 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ClustersPage() {
  const l = useL();
  const me = useCurrentUser();
  const manages = !!me.abilities['awards.manage'];
  const [params, setParams] = useSearchParams();
  const thisYear = thisYearVN();
  const year = params.get('year') ? Number(params.get('year')) : thisYear;
  const { data, error, refetch, isFetching } = useClusters(year);
  const [adding, setAdding] = useState(false);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <PageHeader
        title={l('Khối, cụm thi đua', 'Emulation clusters')}
        subtitle={l(
          'Đơn vị thành viên, tiêu chí chấm điểm có trọng số, điểm và bảng xếp hạng. Đơn vị dẫn đầu được đề nghị Cờ thi đua và Giấy khen của khối; bảng xếp hạng được công bố cho các thành viên.',
          'Members, weighted criteria, scores and ranking; the leader is proposed for the banner.',
        )}
        extra={
          <>
            <Select<number>
              aria-label={l('Năm', 'Year')}
              value={year}
              onChange={(v) => setParams({ year: String(v) }, { replace: true })}
              options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({
                value: y,
                label: l(`Năm ${y}`, `Year ${y}`),
              }))}
              style={{ width: 120 }}
            />
            {manages && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {l('Lập khối, cụm', 'New cluster')}
              </Button>
            )}
          </>
        }
      />
      {!data ? (
        <PageSkeleton />
      ) : (
        <Card>
          <List
            loading={isFetching}
            dataSource={data.items}
            locale={{
              emptyText: (
                <EmptyHint
                  title={l(`Chưa có khối, cụm thi đua nào năm ${year}`, `No cluster in ${year}`)}
                  hint={
                    manages
                      ? undefined
                      : l(
                          'Đơn vị thấy khối của mình khi bảng xếp hạng đã công bố.',
                          'A unit sees its cluster once the ranking is published.',
                        )
                  }
                />
              ),
            }}
            renderItem={(c) => (
              <List.Item key={c.id}>
                <div style={{ width: '100%' }}>
                  <Space wrap size={8}>
                    <Link to={`/awards/clusters/${c.id}`} style={{ fontWeight: 600, fontSize: 15 }}>
                      {c.name}
                    </Link>
                    <Tag>{KIND_LABELS[c.kind]}</Tag>
                    {c.publishedAt ? (
                      <Tag color="success">{l(`Đã công bố ${formatDate(c.publishedAt)}`, `Published ${formatDate(c.publishedAt)}`)}</Tag>
                    ) : (
                      <Tag color="processing">{l('Đang chấm điểm', 'Scoring')}</Tag>
                    )}
                  </Space>
                  <div className="nhip-muted" style={{ marginTop: 4 }}>
                    {l(`${formatNumber(c.members)} đơn vị thành viên`, `${c.members} members`)}
                    {c.leader.length > 0 && (
                      <>
                        {' · '}
                        <TrophyFilled style={{ color: '#b7791f' }} aria-hidden /> {l('Dẫn đầu: ', 'Leader: ')}
                        {c.leader.map((x) => `${x.unit.name} (${`${formatNumber(x.percent, { maxDecimals: 2 })}%`})`).join(', ')}
                      </>
                    )}
                  </div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
      {adding && <ClusterFormModal onClose={() => setAdding(false)} />}
    </>
  );
}
