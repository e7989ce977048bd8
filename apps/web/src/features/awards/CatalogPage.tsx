/**
 * "Danh hiệu, hình thức khen thưởng": the catalog as data. Each title or form, its rules by legal period (Decree
 * 98/2023 until 30/06/2025, Decree 152/2025 from 01/07/2025): criteria rows with their legal basis and validity, the
 * council's vote threshold and quorum, the reward as a multiple of the base salary. The legal bases with their
 * validity, and the base salary over time. The office and the admin edit rows, confirm the department's settings and
 * add a provincial regulation; everything is audited on the server.
 */
import { CheckOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  AWARD_CATEGORY_LABELS,
  AWARD_SUBJECT_LABELS,
  CRITERION_KIND_LABELS,
  CRITERION_KINDS,
  type CriterionKind,
  formatDate,
  RECURRENCE_LABELS,
  RULE_SOURCE_LABELS,
  type RuleSource,
  searchMatches,
} from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageSkeleton } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import {
  AWARDS_LOOKBACK_KEY,
  type AwardType,
  type AwardVersion,
  type Basis,
  createBasis,
  createCriterion,
  createSalary,
  type CriterionRow,
  formatMoney,
  formatMultiple,
  type Salary,
  updateCriterion,
  updateVersion,
  useAwardTypes,
  useBases,
  useSalaries,
} from './api-register';
import { dash, ScrollRegion, vnDate } from './register-shared';

const span = (from: string, to: string | null) => (to ? `${formatDate(from)} – ${formatDate(to)}` : `từ ${formatDate(from)}`);
const inForce = (from: string, to: string | null, day: string) => from <= day && (to === null || to >= day);
const SourceTag = ({ source, confirmedAt }: { source: RuleSource; confirmedAt?: string | null }) =>
  source === 'law' ? (
    <Tag color="blue">{RULE_SOURCE_LABELS.law.vi}</Tag>
  ) : confirmedAt ? (
    <Tag color="green">{`${RULE_SOURCE_LABELS.setting.vi}, đã xác nhận`}</Tag>
  ) : (
    <Tag color="warning">{`${RULE_SOURCE_LABELS.setting.vi}, chờ Sở xác nhận`}</Tag>
  );

const BASIS_KIND_LABELS: Record<Basis['kind'], string> = {
  law: 'Luật',
  decree: 'Nghị định',
  circular: 'Thông tư',
  decision: 'Quyết định',
  provincial: 'Quy định của tỉnh',
};

/** A criterion's parameters as people read them. */
function paramsText(p: Record<string, unknown>): string {
  const parts = Object.entries(p).map(
    ([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`,
  );
  return parts.join(' · ');
}

function currentSalary(salaries: Salary[], day: string): Salary | null {
  return salaries.find((s) => inForce(s.validFrom, s.validTo, day)) ?? null;
}

// ───────────── edits ─────────────

type VersionValues = {
  name: string;
  validTo: string | null;
  voteNum?: number | null;
  voteDen?: number | null;
  quorumNum?: number | null;
  quorumDen?: number | null;
  individual?: number | null;
  collective?: number | null;
  max?: boolean;
  note?: string;
  confirm?: boolean;
};

function VersionModal({ v, onClose }: { v: AwardVersion; onClose: () => void }) {
  const l = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<VersionValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (x: VersionValues) =>
      updateVersion(v.id, {
        name: x.name,
        validTo: x.validTo ?? null,
        vote: x.voteNum && x.voteDen ? { num: x.voteNum, den: x.voteDen } : null,
        quorum: x.quorumNum && x.quorumDen ? { num: x.quorumNum, den: x.quorumDen } : null,
        reward: { individual: x.individual ?? null, collective: x.collective ?? null, max: !!x.max },
        note: x.note?.trim() ? x.note.trim() : null,
        confirm: x.confirm || undefined,
      }),
    onSuccess: () => {
      message.success(l('Đã lưu quy định.', 'Saved.'));
      void qc.invalidateQueries({ queryKey: AWARDS_LOOKBACK_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e)),
  });
  return (
    <Modal
      open
      width={680}
      title={l(`Sửa quy định: ${v.name}`, `Edit: ${v.name}`)}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form<VersionValues>
        form={form}
        layout="vertical"
        initialValues={{
          name: v.name,
          validTo: v.validTo,
          voteNum: v.vote?.num,
          voteDen: v.vote?.den,
          quorumNum: v.quorum?.num,
          quorumDen: v.quorum?.den,
          individual: v.reward.individual,
          collective: v.reward.collective,
          max: v.reward.max,
          note: v.note ?? '',
        }}
        onFinish={(x) => {
          setError(null);
          save.mutate(x);
        }}
      >
        <Form.Item name="name" label={l('Tên trong thời kỳ này', 'Name in this period')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="validTo" label={l(`Hiệu lực đến ngày (từ ${formatDate(v.validFrom)})`, 'Valid to')}>
          <DateField />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Typography.Text strong>{l('Ngưỡng bỏ phiếu (tỷ lệ thành viên)', 'Vote threshold')}</Typography.Text>
            <Space style={{ marginTop: 4 }}>
              <Form.Item name="voteNum" noStyle>
                <InputNumber aria-label={l('Ngưỡng bỏ phiếu: tử số', 'Vote numerator')} min={1} max={1000} />
              </Form.Item>
              /
              <Form.Item name="voteDen" noStyle>
                <InputNumber aria-label={l('Ngưỡng bỏ phiếu: mẫu số', 'Vote denominator')} min={1} max={1000} />
              </Form.Item>
            </Space>
          </Col>
          <Col span={12}>
            <Typography.Text strong>{l('Túc số cuộc họp', 'Quorum')}</Typography.Text>
            <Space style={{ marginTop: 4 }}>
              <Form.Item name="quorumNum" noStyle>
                <InputNumber aria-label={l('Túc số: tử số', 'Quorum numerator')} min={1} max={1000} />
              </Form.Item>
              /
              <Form.Item name="quorumDen" noStyle>
                <InputNumber aria-label={l('Túc số: mẫu số', 'Quorum denominator')} min={1} max={1000} />
              </Form.Item>
            </Space>
          </Col>
        </Row>
        <Row gutter={12} style={{ marginTop: 16 }}>
          <Col span={9}>
            <Form.Item name="individual" label={l('Tiền thưởng cá nhân (× lương cơ sở)', 'Individual (× base salary)')}>
              <InputNumber min={0} max={100} step={0.1} decimalSeparator="," style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="collective" label={l('Tiền thưởng tập thể (× lương cơ sở)', 'Collective (× base salary)')}>
              <InputNumber min={0} max={100} step={0.1} decimalSeparator="," style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="max" label={l('Là mức tối đa', 'Is a maximum')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={l('Ghi chú', 'Note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        {!v.confirmedAt && (
          <Form.Item name="confirm" valuePropName="checked" label={l('Sở xác nhận các thiết lập của quy định này', 'Confirm the settings')}>
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

type CriterionValues = {
  code?: string;
  kind?: CriterionKind;
  appliesTo?: 'individual' | 'collective' | 'any';
  label: string;
  params: string;
  severity: 'block' | 'flag';
  basisId: number | null;
  article?: string;
  source: RuleSource;
  validFrom?: string;
  validTo: string | null;
  note?: string;
  confirm?: boolean;
};

function CriterionModal({
  versionId,
  c,
  bases,
  onClose,
}: {
  versionId: number;
  c: CriterionRow | null;
  bases: Basis[];
  onClose: () => void;
}) {
  const l = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CriterionValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (x: CriterionValues) => {
      let params: Record<string, unknown>;
      try {
        params = x.params.trim() ? JSON.parse(x.params) : {};
      } catch {
        throw new Error(l('Tham số phải là JSON hợp lệ, ví dụ {"codes": ["CSTD_CS"], "years": 3}.', 'Parameters must be valid JSON.'));
      }
      const common = {
        label: x.label.trim(),
        params,
        severity: x.severity,
        basisId: x.basisId ?? null,
        article: x.article?.trim() || null,
        source: x.source,
        validTo: x.validTo ?? null,
        note: x.note?.trim() || null,
      };
      if (c) return updateCriterion(c.id, { ...common, validFrom: x.validFrom, confirm: x.confirm || undefined });
      return createCriterion(versionId, {
        ...common,
        code: x.code ?? '',
        kind: x.kind ?? 'manual',
        appliesTo: x.appliesTo,
        validFrom: x.validFrom,
      });
    },
    onSuccess: () => {
      message.success(c ? l('Đã lưu tiêu chí.', 'Saved.') : l('Đã thêm tiêu chí.', 'Added.'));
      void qc.invalidateQueries({ queryKey: AWARDS_LOOKBACK_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e)),
  });
  return (
    <Modal
      open
      width={720}
      title={c ? l(`Sửa tiêu chí: ${c.label}`, 'Edit criterion') : l('Thêm tiêu chí', 'Add criterion')}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form<CriterionValues>
        form={form}
        layout="vertical"
        initialValues={
          c
            ? {
                label: c.label,
                params: JSON.stringify(c.params),
                severity: c.severity,
                basisId: c.basisId,
                article: c.article ?? '',
                source: c.source,
                validFrom: c.validFrom,
                validTo: c.validTo,
                note: c.note ?? '',
              }
            : { params: '{}', severity: 'block', basisId: null, source: 'setting', validTo: null, kind: 'manual', appliesTo: 'any' }
        }
        onFinish={(x) => {
          setError(null);
          save.mutate(x);
        }}
      >
        {!c && (
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item
                name="code"
                label={l('Mã tiêu chí', 'Code')}
                rules={[
                  {
                    required: true,
                    pattern: /^[a-z][a-z0-9_]{0,39}$/,
                    message: l('Chữ thường không dấu, số, gạch dưới.', 'Lower case, digits, _'),
                  },
                ]}
              >
                <Input placeholder="quy_dinh_tinh" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="kind" label={l('Loại tiêu chí', 'Kind')}>
                <Select options={CRITERION_KINDS.map((k) => ({ value: k, label: CRITERION_KIND_LABELS[k].vi }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="appliesTo" label={l('Áp dụng cho', 'Applies to')}>
                <Select
                  options={[
                    { value: 'any', label: l('Cả hai', 'Both') },
                    { value: 'individual', label: l('Cá nhân', 'Individual') },
                    { value: 'collective', label: l('Tập thể', 'Collective') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="label" label={l('Nội dung tiêu chí', 'Criterion')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="params"
          label={l('Tham số (JSON)', 'Parameters (JSON)')}
          extra={l('Ví dụ: {"codes": ["CSTD_CS"], "years": 3} — chuỗi danh hiệu liên tục.', 'E.g. {"codes": ["CSTD_CS"], "years": 3}.')}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} className="nhip-code" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="basisId" label={l('Văn bản căn cứ', 'Legal basis')}>
              <Select
                allowClear
                showSearch={{ filterOption: (i, o) => searchMatches(String(o?.label ?? ''), i) }}
                options={bases.map((b) => ({ value: b.id, label: `${b.number} — ${b.shortName || b.title}` }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="article" label={l('Điều, khoản', 'Article')}>
              <Input placeholder="Điều 22" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="source" label={l('Nguồn', 'Source')}>
              <Select options={(['law', 'setting'] as const).map((s) => ({ value: s, label: RULE_SOURCE_LABELS[s].vi }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="severity" label={l('Khi không đạt', 'When failed')}>
              <Select
                options={[
                  { value: 'block', label: l('Chặn đề nghị', 'Blocks') },
                  { value: 'flag', label: l('Chỉ đánh dấu', 'Flags only') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="validFrom" label={l('Hiệu lực từ', 'Valid from')}>
              <DateField />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="validTo" label={l('Hiệu lực đến', 'Valid to')}>
              <DateField />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={l('Ghi chú', 'Note')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        {c && c.source === 'setting' && !c.confirmedAt && (
          <Form.Item name="confirm" valuePropName="checked" label={l('Sở xác nhận thiết lập này', 'Confirm this setting')}>
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

type BasisValues = {
  code: string;
  kind: Basis['kind'];
  number: string;
  shortName?: string;
  title?: string;
  issuer?: string;
  issuedOn?: string | null;
  validFrom: string;
  validTo?: string | null;
  note?: string;
};

function BasisModal({ onClose }: { onClose: () => void }) {
  const l = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<BasisValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (x: BasisValues) =>
      createBasis({
        code: x.code.trim(),
        kind: x.kind,
        number: x.number.trim(),
        shortName: x.shortName?.trim() || null,
        title: x.title?.trim() || null,
        issuer: x.issuer?.trim() || null,
        issuedOn: x.issuedOn ?? null,
        validFrom: x.validFrom,
        validTo: x.validTo ?? null,
        note: x.note?.trim() || null,
      }),
    onSuccess: (b) => {
      message.success(l(`Đã thêm văn bản ${b.number}. Thêm tiêu chí của văn bản vào quy định từng danh hiệu.`, `Added ${b.number}.`));
      void qc.invalidateQueries({ queryKey: AWARDS_LOOKBACK_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e)),
  });
  return (
    <Modal
      open
      width={700}
      title={l('Thêm văn bản căn cứ', 'Add a legal basis')}
      okText={l('Thêm', 'Add')}
      cancelText={l('Hủy', 'Cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form<BasisValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'provincial', issuer: 'UBND tỉnh Vân Lĩnh', validFrom: todayVN() }}
        onFinish={(x) => {
          setError(null);
          save.mutate(x);
        }}
      >
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="kind" label={l('Loại văn bản', 'Kind')}>
              <Select options={Object.entries(BASIS_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="number" label={l('Số, ký hiệu', 'Number')} rules={[{ required: true, whitespace: true }]}>
              <Input placeholder="25/2025/QĐ-UBND" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="code"
          label={l('Mã', 'Code')}
          rules={[
            {
              required: true,
              pattern: /^[A-Z0-9_]{2,40}$/,
              message: l('2–40 chữ in hoa không dấu, số, gạch dưới.', 'Upper case, digits, _'),
            },
          ]}
        >
          <Input placeholder="QD_25_2025_UBND" />
        </Form.Item>
        <Form.Item name="title" label={l('Trích yếu', 'Title')}>
          <Input placeholder={l('Ban hành Quy chế thi đua, khen thưởng tỉnh Vân Lĩnh', 'Title')} maxLength={500} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="shortName" label={l('Tên gọi khi trích dẫn', 'Short name')}>
              <Input placeholder={l('Quy chế thi đua, khen thưởng của tỉnh', 'Short name')} maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="issuer" label={l('Cơ quan ban hành', 'Issuer')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="issuedOn" label={l('Ngày ban hành', 'Issued on')}>
              <DateField />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="validFrom" label={l('Hiệu lực từ', 'Valid from')} rules={[{ required: true }]}>
              <DateField />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="validTo" label={l('Hết hiệu lực', 'Valid to')}>
              <DateField />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={l('Ghi chú', 'Note')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SalaryModal({ onClose }: { onClose: () => void }) {
  const l = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount: number; validFrom: string; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (x: { amount: number; validFrom: string; note?: string }) =>
      createSalary({ amount: x.amount, validFrom: x.validFrom, note: x.note?.trim() || null }),
    onSuccess: () => {
      message.success(l('Đã thêm mức lương cơ sở.', 'Added.'));
      void qc.invalidateQueries({ queryKey: AWARDS_LOOKBACK_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e)),
  });
  return (
    <Modal
      open
      title={l('Mức lương cơ sở mới', 'New base salary')}
      okText={l('Thêm', 'Add')}
      cancelText={l('Hủy', 'Cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(x) => {
          setError(null);
          save.mutate(x);
        }}
      >
        <Form.Item name="amount" label={l('Mức lương cơ sở (đồng/tháng)', 'Amount (đ/month)')} rules={[{ required: true }]}>
          <InputNumber<number>
            min={100_000}
            step={10_000}
            style={{ width: '100%' }}
            formatter={(v) => (v == null || v === ('' as unknown) ? '' : Number(v).toLocaleString('vi-VN'))}
            parser={(s) => Number((s ?? '').replace(/\D/g, ''))}
          />
        </Form.Item>
        <Form.Item
          name="validFrom"
          label={l('Áp dụng từ ngày', 'From')}
          rules={[{ required: true }]}
          extra={l('Mức đang áp dụng kết thúc ngày hôm trước.', 'The current amount ends the day before.')}
        >
          <DateField />
        </Form.Item>
        <Form.Item name="note" label={l('Căn cứ, ghi chú', 'Basis, note')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ───────────── views ─────────────

function VersionCard({
  t,
  v,
  bases,
  salary,
  manages,
}: {
  t: AwardType;
  v: AwardVersion;
  bases: Basis[];
  salary: Salary | null;
  manages: boolean;
}) {
  const l = useL();
  const [editing, setEditing] = useState(false);
  const [criterion, setCriterion] = useState<CriterionRow | 'new' | null>(null);
  const money = (m: number | null) =>
    m === null
      ? dash
      : `${formatMultiple(m)} × lương cơ sở${salary ? ` = ${formatMoney(Math.ceil((m * salary.amount) / 10_000) * 10_000)}` : ''}${v.reward.max ? ' (tối đa)' : ''}`;
  const groups = new Map<string, string[]>();
  for (const c of v.criteria) if (c.altGroup) groups.set(c.altGroup, [...new Set([...(groups.get(c.altGroup) ?? []), c.altOption ?? ''])]);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 170 } }}
        extra={
          manages && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {l('Sửa quy định', 'Edit')}
            </Button>
          )
        }
        title={
          <Space wrap size={6}>
            <span>{v.name}</span>
            {t.current === v.id && <Tag color="success">{l('Đang áp dụng', 'In force')}</Tag>}
            {v.confirmedAt && (
              <Tag icon={<CheckOutlined />} color="green">
                {l(`Sở xác nhận ${formatDate(v.confirmedAt)}`, 'Confirmed')}
              </Tag>
            )}
          </Space>
        }
        items={[
          { key: 'span', label: l('Thời kỳ áp dụng', 'Period'), children: span(v.validFrom, v.validTo) },
          { key: 'basis', label: l('Căn cứ', 'Basis'), children: v.basis || dash },
          {
            key: 'vote',
            label: l('Ngưỡng bỏ phiếu', 'Vote threshold'),
            children: v.vote ? (
              <Space wrap size={6}>
                <span>
                  {l(
                    `${v.vote.den === 100 ? `${v.vote.num}%` : `${v.vote.num}/${v.vote.den}`} tổng số thành viên Hội đồng`,
                    `${v.vote.num}/${v.vote.den} of members`,
                  )}
                </span>
                <SourceTag source={v.vote.source} confirmedAt={v.confirmedAt} />
              </Space>
            ) : (
              <span className="nhip-muted">{l('Không bỏ phiếu', 'No ballot')}</span>
            ),
          },
          {
            key: 'quorum',
            label: l('Túc số cuộc họp', 'Quorum'),
            children: v.quorum ? (
              <Space wrap size={6}>
                <span>{`${v.quorum.num}/${v.quorum.den}`}</span>
                <SourceTag source={v.quorum.source} confirmedAt={v.confirmedAt} />
              </Space>
            ) : (
              dash
            ),
          },
          { key: 'ri', label: l('Tiền thưởng cá nhân', 'Individual reward'), children: money(v.reward.individual) },
          { key: 'rc', label: l('Tiền thưởng tập thể', 'Collective reward'), children: money(v.reward.collective) },
          ...(v.reward.basis ? [{ key: 'rb', label: l('Căn cứ mức thưởng', 'Reward basis'), children: v.reward.basis }] : []),
          ...(v.note
            ? [{ key: 'note', label: l('Ghi chú', 'Note'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{v.note}</span> }]
            : []),
        ]}
      />
      <ScrollRegion label={l('Tiêu chí', 'Criteria')} minWidth={720}>
        <Table<CriterionRow>
          size="small"
          rowKey="id"
          dataSource={[...v.criteria].sort((a, b) => a.sort - b.sort)}
          pagination={false}
          title={() => (
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <strong>{l('Tiêu chí', 'Criteria')}</strong>
              {manages && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setCriterion('new')}>
                  {l('Thêm tiêu chí', 'Add criterion')}
                </Button>
              )}
            </Space>
          )}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Chưa có tiêu chí', 'No criterion')} /> }}
          columns={[
            {
              title: l('Tiêu chí', 'Criterion'),
              key: 'label',
              render: (_, c) => (
                <div>
                  <div style={{ fontWeight: 500 }}>{c.label}</div>
                  <div className="nhip-muted" style={{ fontSize: 12 }}>
                    {CRITERION_KIND_LABELS[c.kind].vi}
                    {Object.keys(c.params).length ? ` · ${paramsText(c.params)}` : ''}
                    {c.appliesTo !== 'any' ? ` · ${c.appliesTo === 'individual' ? 'cá nhân' : 'tập thể'}` : ''}
                  </div>
                  {c.altGroup && (
                    <Tag style={{ marginTop: 4 }}>
                      {l(`Phương án ${c.altOption} (một trong ${groups.get(c.altGroup)?.length ?? 1} phương án)`, `Option ${c.altOption}`)}
                    </Tag>
                  )}
                </div>
              ),
            },
            {
              title: l('Căn cứ', 'Basis'),
              dataIndex: 'basis',
              width: 230,
              render: (b: string, c) => (
                <div>
                  <div>{b}</div>
                  <SourceTag source={c.source} confirmedAt={c.confirmedAt} />
                </div>
              ),
            },
            {
              title: l('Hiệu lực, khi không đạt', 'Valid, if failed'),
              key: 'span',
              width: 170,
              render: (_, c) => (
                <div>
                  <div>{span(c.validFrom, c.validTo)}</div>
                  {c.severity === 'block' ? (
                    <Tag color="error">{l('Chặn đề nghị', 'Blocks')}</Tag>
                  ) : (
                    <Tag color="warning">{l('Chỉ đánh dấu', 'Flags')}</Tag>
                  )}
                </div>
              ),
            },
            ...(manages
              ? [
                  {
                    title: l('Sửa', 'Edit'),
                    key: 'edit',
                    width: 64,
                    render: (_: unknown, c: CriterionRow) => (
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={l(`Sửa tiêu chí ${c.label}`, 'Edit')}
                        onClick={() => setCriterion(c)}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </ScrollRegion>
      {editing && <VersionModal v={v} onClose={() => setEditing(false)} />}
      {criterion && (
        <CriterionModal versionId={v.id} c={criterion === 'new' ? null : criterion} bases={bases} onClose={() => setCriterion(null)} />
      )}
    </Space>
  );
}

function TypesTab({ types, bases, salaries, manages }: { types: AwardType[]; bases: Basis[]; salaries: Salary[]; manages: boolean }) {
  const l = useL();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const code = params.get('code') ?? types[0]?.code;
  const t = types.find((x) => x.code === code) ?? types[0];
  const shown = types.filter((x) => !q.trim() || searchMatches(`${x.name} ${x.code}`, q));
  const today = todayVN();
  const [versionKey, setVersionKey] = useState<string | null>(null);
  if (!t) return <Empty />;
  const currentKey = String(t.current ?? t.versions[t.versions.length - 1]?.id ?? '');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={6}>
        <Input.Search
          allowClear
          aria-label={l('Tìm danh hiệu', 'Search titles')}
          placeholder={l('Tìm (không cần dấu)', 'Search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ marginBottom: 8 }}
        />
        <List
          size="small"
          bordered
          dataSource={shown}
          renderItem={(x) => (
            <List.Item
              key={x.code}
              style={{ cursor: 'pointer', background: x.code === t.code ? '#e8f0f8' : undefined }}
              onClick={() => {
                setVersionKey(null);
                setParams({ tab: 'types', code: x.code }, { replace: true });
              }}
            >
              <div>
                <a
                  href={`?tab=types&code=${x.code}`}
                  onClick={(e) => e.preventDefault()}
                  style={{ fontWeight: x.code === t.code ? 600 : 400 }}
                  aria-current={x.code === t.code ? 'true' : undefined}
                >
                  {x.name}
                </a>
                <div className="nhip-muted" style={{ fontSize: 12 }}>
                  {x.code} · {AWARD_SUBJECT_LABELS[x.subject].vi}
                  {!x.active ? ` · ${l('ngừng dùng', 'inactive')}` : ''}
                </div>
              </div>
            </List.Item>
          )}
        />
      </Col>
      <Col xs={24} lg={18}>
        <Card
          size="small"
          title={
            <Space wrap size={6}>
              <span>{t.name}</span>
              <Tag>{t.code}</Tag>
            </Space>
          }
        >
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'cat', label: l('Loại', 'Category'), children: AWARD_CATEGORY_LABELS[t.category].vi },
              { key: 'sub', label: l('Đối tượng', 'Subject'), children: AWARD_SUBJECT_LABELS[t.subject].vi },
              {
                key: 'rec',
                label: l('Xét tặng', 'Awarded'),
                children: t.recurrences.map((r) => RECURRENCE_LABELS[r].vi).join(', ') || dash,
              },
              {
                key: 'auth',
                label: l('Thẩm quyền', 'Authority'),
                children: t.authorities.length ? (
                  <div>
                    {t.authorities.map((a) => (
                      <div key={a.id}>
                        {a.authority}{' '}
                        <span className="nhip-muted">
                          ({span(a.validFrom, a.validTo)}
                          {inForce(a.validFrom, a.validTo, today) ? '' : l(', hết hiệu lực', ', ended')})
                        </span>
                      </div>
                    ))}
                  </div>
                ) : (
                  dash
                ),
              },
            ]}
          />
          <Tabs
            activeKey={versionKey ?? currentKey}
            onChange={setVersionKey}
            items={t.versions.map((v) => ({
              key: String(v.id),
              label: `${span(v.validFrom, v.validTo)}${t.current === v.id ? ' ●' : ''}`,
              children: (
                <VersionCard
                  t={t}
                  v={v}
                  bases={bases}
                  salary={currentSalary(salaries, inForce(v.validFrom, v.validTo, today) ? today : (v.validTo ?? v.validFrom))}
                  manages={manages}
                />
              ),
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}

export default function CatalogPage() {
  const l = useL();
  const me = useCurrentUser();
  const manages = !!me.abilities['awards.manage'];
  const types = useAwardTypes();
  const bases = useBases();
  const salaries = useSalaries();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'types';
  const [addingBasis, setAddingBasis] = useState(false);
  const [addingSalary, setAddingSalary] = useState(false);
  const today = todayVN();
  const basisRows = useMemo(() => [...(bases.data?.items ?? [])].sort((a, b) => b.validFrom.localeCompare(a.validFrom)), [bases.data]);
  const err = types.error ?? bases.error ?? salaries.error;
  if (err) return <ErrorState error={err} onRetry={() => void Promise.all([types.refetch(), bases.refetch(), salaries.refetch()])} />;
  if (!types.data || !bases.data || !salaries.data) return <PageSkeleton />;
  const salaryNow = currentSalary(salaries.data.items, today);
  const unconfirmed = types.data.items
    .flatMap((t) => t.versions)
    .flatMap((v) => v.criteria)
    .filter((c) => c.source === 'setting' && !c.confirmedAt).length;
  return (
    <>
      <PageHeader
        title={l('Danh hiệu, hình thức khen thưởng', 'Titles and forms')}
        subtitle={l(
          'Danh mục danh hiệu thi đua và hình thức khen thưởng với tiêu chí, ngưỡng bỏ phiếu, mức thưởng và căn cứ pháp lý theo từng thời kỳ: Nghị định 98/2023/NĐ-CP áp dụng đến 30/06/2025, Nghị định 152/2025/NĐ-CP từ 01/07/2025.',
          'Titles and forms with their criteria, vote thresholds, rewards and legal bases by period.',
        )}
      />
      {manages && unconfirmed > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={l(`${unconfirmed} tiêu chí là thiết lập của Sở chưa được xác nhận`, `${unconfirmed} settings await confirmation`)}
          description={l(
            'Đây là các quy định nguồn chưa khẳng định; Sở kiểm tra rồi xác nhận ở từng tiêu chí (Sửa → Sở xác nhận).',
            'Check and confirm them on each criterion.',
          )}
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            {
              key: 'types',
              label: l('Danh hiệu và hình thức', 'Titles and forms'),
              children: <TypesTab types={types.data.items} bases={bases.data.items} salaries={salaries.data.items} manages={manages} />,
            },
            {
              key: 'bases',
              label: l('Văn bản căn cứ', 'Legal bases'),
              children: (
                <>
                  {manages && (
                    <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAddingBasis(true)}>
                      {l('Thêm văn bản (quy định của tỉnh…)', 'Add a basis')}
                    </Button>
                  )}
                  <Table<Basis>
                    size="small"
                    rowKey="id"
                    dataSource={basisRows}
                    pagination={false}
                    scroll={{ x: 900 }}
                    columns={[
                      {
                        title: l('Văn bản', 'Document'),
                        key: 'doc',
                        render: (_, b) => (
                          <div>
                            <div style={{ fontWeight: 500 }}>
                              {BASIS_KIND_LABELS[b.kind]} {b.number}
                            </div>
                            <div className="nhip-muted" style={{ fontSize: 12 }}>
                              {b.line}
                            </div>
                          </div>
                        ),
                      },
                      { title: l('Cơ quan ban hành', 'Issuer'), dataIndex: 'issuer', width: 200, render: (v: string) => v || dash },
                      { title: l('Ngày ban hành', 'Issued'), dataIndex: 'issuedOn', width: 120, render: (v: string | null) => vnDate(v) },
                      {
                        title: l('Hiệu lực', 'Valid'),
                        key: 'valid',
                        width: 220,
                        render: (_, b) => (
                          <Space orientation="vertical" size={2}>
                            <span>{span(b.validFrom, b.validTo)}</span>
                            {inForce(b.validFrom, b.validTo, today) ? (
                              <Tag color="success">{l('Còn hiệu lực', 'In force')}</Tag>
                            ) : (
                              <Tag>{l('Không còn hiệu lực', 'Not in force')}</Tag>
                            )}
                          </Space>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'salary',
              label: l('Lương cơ sở', 'Base salary'),
              children: (
                <>
                  <Space style={{ marginBottom: 12 }} wrap>
                    <Typography.Text>
                      {l('Đang áp dụng: ', 'Now: ')}
                      <strong>{salaryNow ? `${formatMoney(salaryNow.amount)}/tháng` : '—'}</strong>
                      {l(
                        '. Tiền thưởng = hệ số × lương cơ sở, làm tròn lên hàng chục nghìn đồng.',
                        '. Reward = multiple × base salary, rounded up to 10.000 đ.',
                      )}
                    </Typography.Text>
                    {manages && (
                      <Button icon={<PlusOutlined />} onClick={() => setAddingSalary(true)}>
                        {l('Mức lương cơ sở mới', 'New base salary')}
                      </Button>
                    )}
                  </Space>
                  <Table<Salary>
                    size="small"
                    rowKey="id"
                    dataSource={[...salaries.data.items].sort((a, b) => b.validFrom.localeCompare(a.validFrom))}
                    pagination={false}
                    columns={[
                      {
                        title: l('Mức lương cơ sở', 'Amount'),
                        dataIndex: 'amount',
                        width: 180,
                        align: 'right',
                        render: (n: number) => <strong>{formatMoney(n)}</strong>,
                      },
                      { title: l('Áp dụng', 'Period'), key: 'span', width: 220, render: (_, s) => span(s.validFrom, s.validTo) },
                      {
                        title: l('Căn cứ', 'Basis'),
                        key: 'basis',
                        render: (_, s) => (
                          <div>
                            {s.basis || dash}
                            {s.note && (
                              <div className="nhip-muted" style={{ fontSize: 12 }}>
                                {s.note}
                              </div>
                            )}
                          </div>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      {addingBasis && <BasisModal onClose={() => setAddingBasis(false)} />}
      {addingSalary && <SalaryModal onClose={() => setAddingSalary(false)} />}
    </>
  );
}
