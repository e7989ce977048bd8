/** Editing a title's rules for a legal period and its criteria rows (the catalog screen of awards). */
import {
  CRITERION_KIND_LABELS,
  CRITERION_KINDS,
  type CriterionKind,
  formatDate,
  RULE_SOURCE_LABELS,
  type RuleSource,
  searchMatches,
} from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useL } from '../../app/i18n';
import { DateField } from '../../components/DateField';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import {
  AWARDS_LOOKBACK_KEY,
  type AwardVersion,
  type Basis,
  createCriterion,
  type CriterionRow,
  updateCriterion,
  updateVersion,
} from './api-register';

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

export function VersionModal({ v, onClose }: { v: AwardVersion; onClose: () => void }) {
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

export function CriterionModal({
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
