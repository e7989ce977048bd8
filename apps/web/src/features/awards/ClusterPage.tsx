/**
 * One emulation cluster: its members, weighted criteria, every member's scores (typed in, or computed from Nhịp's
 * figures), the ranking, and — for the office — publishing it to the members and proposing the leader.
 */
import {
  CalculatorOutlined,
  EditOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  TrophyFilled,
  TrophyOutlined,
} from '@ant-design/icons';
import { formatDateTime, formatNumber } from '@nhip/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Input, InputNumber, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useL } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage, PageSkeleton } from '../../components/QueryState';
import {
  AWARDS_LOOKBACK_KEY,
  type Cluster,
  computeClusterScores,
  enterClusterScores,
  proposeClusterLeader,
  publishCluster,
  type RankingEntry,
  unpublishCluster,
  useCluster,
} from './api-register';
import { ClusterFormModal, KIND_LABELS } from './ClustersPage';

const FIGURES: Record<string, string> = { timeliness: 'tỷ lệ báo cáo đúng hạn', completeness: 'tỷ lệ báo cáo đã nộp' };
const num = (n: number) => formatNumber(n, { maxDecimals: 2 });
/** 94,25% — at most two decimals, none when whole. */
const pct = (n: number) => `${formatNumber(n, { maxDecimals: 2 })}%`;

export default function ClusterPage() {
  const id = Number(useParams().id);
  const { data, error, refetch } = useCluster(id);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <PageSkeleton />;
  return <ClusterView key={data.version} c={data} />;
}

function ClusterView({ c }: { c: Cluster }) {
  const l = useL();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const [unpublishing, setUnpublishing] = useState(false);
  const [reason, setReason] = useState('');
  const [proposing, setProposing] = useState(false);
  const [titles, setTitles] = useState<string[]>(['CO_TINH', 'GK_SO']);
  const scoreOf = useMemo(() => new Map(c.scores.map((s) => [`${s.criterionId}:${s.unitId}`, s])), [c.scores]);
  const rankOf = new Map(c.ranking.map((r) => [r.unit.id, r]));
  const manual = c.criteria.filter((x) => x.source === 'manual');
  const editable = c.abilities.edit && !c.publishedAt;
  const changed = Object.keys(draft).length > 0;

  const act = async (name: string, fn: () => Promise<unknown>, ok: string) => {
    setBusy(name);
    try {
      await fn();
      message.success(ok);
      setDraft({});
      await qc.invalidateQueries({ queryKey: AWARDS_LOOKBACK_KEY });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const saveScores = () => {
    const members = new Map(c.members.map((m) => [m.id, m.code]));
    const scores = Object.entries(draft)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => {
        const [crit, unit] = k.split(':').map(Number);
        return { criterion: crit, unit: members.get(unit) ?? '', score: v as number };
      });
    return act(
      'scores',
      () => enterClusterScores(c.id, c.version, scores),
      l(`Đã lưu ${formatNumber(scores.length)} điểm.`, `${scores.length} scores saved.`),
    );
  };

  type Row = (typeof c.members)[number];
  const columns: ColumnsType<Row> = [
    {
      title: l('Hạng', 'Rank'),
      key: 'rank',
      width: 70,
      fixed: 'left',
      render: (_, m) => {
        const r = rankOf.get(m.id);
        if (!r || r.missing > 0) return <span className="nhip-muted">—</span>;
        return r.rank === 1 ? (
          <span style={{ fontWeight: 700, color: '#8a5a00' }}>
            <TrophyFilled aria-hidden /> 1
          </span>
        ) : (
          r.rank
        );
      },
    },
    {
      title: l('Đơn vị', 'Unit'),
      key: 'unit',
      width: 260,
      fixed: 'left',
      render: (_, m) => <Link to={`/awards/units/${encodeURIComponent(m.code)}`}>{m.name}</Link>,
    },
    ...c.criteria.map((cr) => ({
      title: (
        <Tooltip title={cr.source === 'computed' ? l(`Tính từ ${FIGURES[cr.figure ?? ''] ?? 'số liệu Nhịp'}`, 'Computed') : undefined}>
          <div>
            <div>{cr.name}</div>
            <div className="nhip-muted" style={{ fontWeight: 400, fontSize: 12 }}>
              {l(`trọng số ${num(cr.weight)} · tối đa ${num(cr.maxScore)}`, `weight ${num(cr.weight)} · max ${num(cr.maxScore)}`)}
              {cr.source === 'computed' ? l(' · tự tính', ' · computed') : ''}
            </div>
          </div>
        </Tooltip>
      ),
      key: `c${cr.id}`,
      width: 170,
      align: 'right' as const,
      render: (_: unknown, m: Row) => {
        const k = `${cr.id}:${m.id}`;
        const s = scoreOf.get(k);
        if (editable && cr.source === 'manual') {
          return (
            <InputNumber
              aria-label={l(`Điểm ${cr.name} của ${m.name}`, `Score ${cr.name} of ${m.name}`)}
              size="small"
              min={0}
              max={cr.maxScore}
              decimalSeparator=","
              value={k in draft ? draft[k] : (s?.score ?? null)}
              onChange={(v) => setDraft((d) => ({ ...d, [k]: v }))}
              style={{ width: 100 }}
            />
          );
        }
        return s ? num(s.score) : <Tag color="warning">{l('Chưa có', 'Missing')}</Tag>;
      },
    })),
    {
      title: l('Tổng điểm', 'Total'),
      key: 'total',
      width: 140,
      align: 'right',
      render: (_, m) => {
        const r = rankOf.get(m.id);
        if (!r) return '—';
        return (
          <div>
            <strong>{pct(r.percent)}</strong>
            {r.missing > 0 && (
              <div className="nhip-muted" style={{ fontSize: 12 }}>
                {l(`thiếu ${r.missing} tiêu chí`, `${r.missing} missing`)}
              </div>
            )}
          </div>
        );
      },
    },
  ];
  const members = [...c.members].sort(
    (a, b) => (rankOf.get(a.id)?.rank ?? 999) - (rankOf.get(b.id)?.rank ?? 999) || a.name.localeCompare(b.name, 'vi'),
  );
  const leaders: RankingEntry[] = c.ranking.filter((r) => r.rank === 1 && r.missing === 0);
  const missing = c.ranking.reduce((n, r) => n + r.missing, 0);

  return (
    <>
      <PageHeader
        title={c.name}
        crumbs={[{ title: l('Khối, cụm thi đua', 'Clusters'), to: `/awards/clusters?year=${c.year}` }, { title: c.name }]}
        subtitle={
          <Space wrap size={6}>
            <Tag>{KIND_LABELS[c.kind]}</Tag>
            <span>
              {l(`Năm ${c.year} · ${formatNumber(c.members.length)} đơn vị thành viên`, `${c.year} · ${c.members.length} members`)}
            </span>
            {c.publishedAt ? (
              <Tag color="success">{l(`Đã công bố ${formatDateTime(c.publishedAt)}`, `Published ${formatDateTime(c.publishedAt)}`)}</Tag>
            ) : (
              <Tag color="processing">{l('Chưa công bố', 'Not published')}</Tag>
            )}
          </Space>
        }
        extra={
          <>
            {editable && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {l('Sửa thành viên, tiêu chí', 'Edit')}
              </Button>
            )}
            {editable && c.criteria.some((x) => x.source === 'computed') && (
              <Button
                icon={<CalculatorOutlined />}
                loading={busy === 'compute'}
                onClick={() =>
                  act('compute', () => computeClusterScores(c.id, c.version), l('Đã tính điểm từ số liệu báo cáo.', 'Computed.'))
                }
              >
                {l('Tính điểm từ số liệu Nhịp', 'Compute from Nhịp')}
              </Button>
            )}
            {c.abilities.publish && !c.publishedAt && (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy === 'publish'}
                disabled={changed}
                onClick={() =>
                  modal.confirm({
                    title: l('Công bố bảng xếp hạng?', 'Publish the ranking?'),
                    content: l(
                      'Các đơn vị thành viên được thông báo và xem được điểm, thứ hạng.',
                      'Members are notified and see the scores.',
                    ),
                    okText: l('Công bố', 'Publish'),
                    cancelText: l('Hủy', 'Cancel'),
                    onOk: () => act('publish', () => publishCluster(c.id, c.version), l('Đã công bố bảng xếp hạng.', 'Published.')),
                  })
                }
              >
                {l('Công bố xếp hạng', 'Publish')}
              </Button>
            )}
            {c.abilities.unpublish && c.publishedAt && (
              <Button icon={<RollbackOutlined />} onClick={() => setUnpublishing(true)}>
                {l('Thu hồi công bố', 'Unpublish')}
              </Button>
            )}
            {c.abilities.propose && c.publishedAt && leaders.length > 0 && (
              <Button type="primary" icon={<TrophyOutlined />} onClick={() => setProposing(true)}>
                {l('Đề nghị khen thưởng đơn vị dẫn đầu', 'Propose the leader')}
              </Button>
            )}
          </>
        }
      />
      {leaders.length > 0 && (
        <Alert
          type={c.publishedAt ? 'success' : 'info'}
          showIcon
          icon={<TrophyFilled />}
          style={{ marginBottom: 16 }}
          title={l(
            `${c.publishedAt ? 'Dẫn đầu' : 'Đang dẫn đầu'}: ${leaders.map((x) => `${x.unit.name} (${pct(x.percent)})`).join(', ')}`,
            `Leader: ${leaders.map((x) => x.unit.name).join(', ')}`,
          )}
          description={
            c.publishedAt
              ? l(
                  'Đơn vị dẫn đầu được đề nghị Cờ thi đua của UBND tỉnh và Giấy khen của khối.',
                  'The leader is proposed for the banner and the certificate.',
                )
              : l('Xếp hạng chưa công bố; các đơn vị chưa thấy điểm.', 'Not published yet; members do not see scores.')
          }
        />
      )}
      {!c.publishedAt && missing > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={l(`Còn ${formatNumber(missing)} điểm chưa nhập; đủ điểm mới công bố được xếp hạng.`, `${missing} scores missing.`)}
        />
      )}
      <Card
        title={l('Bảng điểm và xếp hạng', 'Scores and ranking')}
        extra={
          editable &&
          manual.length > 0 && (
            <Space>
              {changed && (
                <Button onClick={() => setDraft({})} disabled={busy === 'scores'}>
                  {l('Bỏ thay đổi', 'Discard')}
                </Button>
              )}
              <Button
                type="primary"
                icon={<SaveOutlined />}
                disabled={!changed}
                loading={busy === 'scores'}
                onClick={() => void saveScores()}
              >
                {l('Lưu điểm', 'Save scores')}
              </Button>
            </Space>
          )
        }
      >
        <Table<Row>
          rowKey="id"
          size="small"
          dataSource={members}
          columns={columns}
          pagination={false}
          scroll={{ x: 500 + c.criteria.length * 170 }}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
          {l(
            'Tổng điểm = Σ (điểm ÷ điểm tối đa × trọng số) ÷ tổng trọng số. Đơn vị bằng điểm nhau cùng hạng.',
            'Total = Σ score ÷ max × weight ÷ Σ weights. Ties share a rank.',
          )}
        </Typography.Paragraph>
      </Card>
      {c.note && (
        <Card size="small" style={{ marginTop: 16 }} title={l('Ghi chú', 'Note')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.note}</Typography.Paragraph>
        </Card>
      )}
      {editing && <ClusterFormModal cluster={c} onClose={() => setEditing(false)} />}
      <Modal
        open={unpublishing}
        title={l('Thu hồi công bố để sửa', 'Unpublish to correct')}
        okText={l('Thu hồi', 'Unpublish')}
        cancelText={l('Hủy', 'Cancel')}
        okButtonProps={{ disabled: !reason.trim(), loading: busy === 'unpublish' }}
        onCancel={() => setUnpublishing(false)}
        onOk={() =>
          act('unpublish', () => unpublishCluster(c.id, c.version, reason.trim()), l('Đã thu hồi công bố.', 'Unpublished.')).then(() =>
            setUnpublishing(false),
          )
        }
      >
        <label htmlFor="unpublish-reason">{l('Lý do (ghi vào nhật ký)', 'Reason (audited)')}</label>
        <Input.TextArea
          id="unpublish-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 3 }}
          maxLength={4000}
        />
      </Modal>
      <Modal
        open={proposing}
        title={l('Đề nghị khen thưởng đơn vị dẫn đầu', 'Propose the leader')}
        okText={l('Tạo đề nghị', 'Propose')}
        cancelText={l('Hủy', 'Cancel')}
        okButtonProps={{ disabled: !titles.length, loading: busy === 'propose' }}
        onCancel={() => setProposing(false)}
        onOk={() =>
          act(
            'propose',
            () => proposeClusterLeader(c.id, titles),
            l(
              `Đã tạo đề nghị cho ${leaders.map((x) => x.unit.name).join(', ')}; điều kiện được kiểm tra như mọi đề nghị.`,
              'Nominations created.',
            ),
          ).then(() => setProposing(false))
        }
      >
        <Typography.Paragraph>
          {l(`Đơn vị dẫn đầu: ${leaders.map((x) => x.unit.name).join(', ')}.`, `Leader: ${leaders.map((x) => x.unit.name).join(', ')}.`)}
        </Typography.Paragraph>
        <Checkbox.Group
          value={titles}
          onChange={(v) => setTitles(v as string[])}
          options={[
            { value: 'CO_TINH', label: l('Cờ thi đua của UBND tỉnh', 'Provincial banner') },
            { value: 'GK_SO', label: l('Giấy khen của Giám đốc Sở', 'Director’s certificate') },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {l('Đề nghị xem ở màn hình "Đề nghị khen thưởng".', 'See them under "Award nominations".')}{' '}
          <Link to={`/awards/nominations?year=${c.year}`}>{l('Mở', 'Open')}</Link>
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
