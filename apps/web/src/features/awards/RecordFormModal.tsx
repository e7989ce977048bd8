/** Adds one award already decided to the register: a person's or a collective's, stored as given. */
import { normalizeText } from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, InputNumber, Modal, Radio, Row } from 'antd';
import { useState } from 'react';
import { useL } from '../../app/i18n';
import { DateField } from '../../components/DateField';
import { OrgUnitTreeSelect } from '../../components/orgUnits';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { PersonSelect } from '../conferences/PersonSelect';
import { AWARDS_LOOKBACK_KEY, createRecord } from './api-register';
import { AwardTypeSelect, thisYearVN, useUnitCodes } from './register-shared';

type Values = {
  kind: 'person' | 'unit';
  person?: number;
  unitId?: number;
  title?: string;
  year?: number;
  decision?: string;
  decisionDate?: string | null;
  authority?: string;
  note?: string;
};

const FIELDS = ['person', 'unit', 'title', 'year', 'decision', 'decisionDate', 'authority', 'note'];
const opt = (s: string | undefined) => (s?.trim() ? normalizeText(s) : null);

export function RecordFormModal({ onClose, person }: { onClose: () => void; person?: { id: number; fullName: string } }) {
  const l = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'person';
  const { byId } = useUnitCodes();

  const save = useMutation({
    mutationFn: (v: Values) =>
      createRecord({
        ...(v.kind === 'person' ? { person: v.person } : { unit: v.unitId ? byId.get(v.unitId)?.code : undefined }),
        title: v.title ?? '',
        year: v.year ?? 0,
        decision: opt(v.decision),
        decisionDate: v.decisionDate ?? null,
        authority: opt(v.authority),
        note: v.note?.trim() ? v.note.trim() : null,
      }),
    onSuccess: (r) => {
      message.success(l(`Đã ghi "${r.title.name}" năm ${r.year} vào sổ khen thưởng.`, `Recorded ${r.title.name} ${r.year}.`));
      void qc.invalidateQueries({ queryKey: AWARDS_LOOKBACK_KEY });
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e, FIELDS)),
  });

  return (
    <Modal
      open
      width={680}
      title={l('Thêm bản ghi vào sổ khen thưởng', 'Add to the register')}
      okText={l('Ghi vào sổ', 'Save')}
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
        initialValues={{ kind: 'person', person: person?.id, year: thisYearVN() - 1 }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="kind" label={l('Khen thưởng cho', 'Awarded to')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'person', label: l('Cá nhân', 'A person') },
              { value: 'unit', label: l('Tập thể', 'A collective') },
            ]}
          />
        </Form.Item>
        {kind === 'person' ? (
          <Form.Item
            name="person"
            label={l('Cán bộ', 'Person')}
            rules={[{ required: true, message: l('Chọn cán bộ được khen.', 'Choose the person.') }]}
          >
            <PersonSelect initial={person ? { personId: person.id, fullName: person.fullName, position: null } : null} />
          </Form.Item>
        ) : (
          <Form.Item
            name="unitId"
            label={l('Tập thể (đơn vị)', 'Collective (unit)')}
            rules={[{ required: true, message: l('Chọn đơn vị được khen.', 'Choose the unit.') }]}
          >
            <OrgUnitTreeSelect includeClosed />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="title"
              label={l('Danh hiệu, hình thức khen thưởng', 'Title or form')}
              rules={[{ required: true, message: l('Chọn danh hiệu hoặc hình thức.', 'Choose a title or form.') }]}
            >
              <AwardTypeSelect
                subject={kind === 'person' ? 'individual' : 'collective'}
                placeholder={l('Chọn trong danh mục', 'From the catalog')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="year"
              label={l('Năm thành tích', 'Year')}
              rules={[{ required: true, message: l('Ghi năm.', 'Enter the year.') }]}
            >
              <InputNumber min={1945} max={thisYearVN()} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="decision" label={l('Số quyết định', 'Decision number')}>
              <Input placeholder="125/QĐ-SKHCN" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="decisionDate" label={l('Ngày quyết định', 'Decision date')}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="authority" label={l('Cấp khen', 'Authority')}>
          <Input placeholder={l('Giám đốc Sở, Chủ tịch UBND tỉnh…', 'Director, provincial chairman…')} maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={l('Ghi chú', 'Note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
