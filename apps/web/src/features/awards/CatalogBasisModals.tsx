/** Adding a legal basis (a provincial regulation, say) and a base salary (the catalog screen of awards). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useL } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { AWARDS_LOOKBACK_KEY, type Basis, createBasis, createSalary } from './api-register';
import { BASIS_KIND_LABELS } from './catalog-shared';

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

export function BasisModal({ onClose }: { onClose: () => void }) {
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

export function SalaryModal({ onClose }: { onClose: () => void }) {
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
