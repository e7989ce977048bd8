import { normalizeText, UNIT_ROLES } from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { OrgUnitTreeSelect, useOrgUnits } from '../../components/orgUnits';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { api } from '../../lib/api';
import { PEOPLE_KEY, type PersonDetail } from './api';
import { GENDER_LABELS } from './labels';

type Values = {
  fullName: string;
  gender?: 'male' | 'female' | null;
  birthDate?: string | null;
  phone?: string;
  email?: string;
  username?: string;
  note?: string;
  unitId?: number;
  position?: string;
  validFrom?: string;
};

const FIELDS = ['fullName', 'gender', 'birthDate', 'phone', 'email', 'username', 'note', 'position', 'validFrom'];
const blankToNull = (s: string | undefined) => (s && s.trim() ? normalizeText(s) : null);

/** Adds a person to a unit, or edits a person's details and current position. */
export function PersonFormModal({ person, onClose, onSaved }: { person: PersonDetail | null; onClose: () => void; onSaved?: (p: PersonDetail) => void }) {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const unitRole = UNIT_ROLES.includes(me.role);
  const validFrom = Form.useWatch('validFrom', form) ?? todayVN();
  const units = useOrgUnits({ asOf: validFrom }, !person);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        fullName: normalizeText(v.fullName),
        gender: v.gender ?? null,
        birthDate: v.birthDate ?? null,
        phone: blankToNull(v.phone),
        email: blankToNull(v.email),
        username: blankToNull(v.username),
        note: v.note?.trim() ? v.note.trim() : null,
        position: v.position ? normalizeText(v.position) : '',
      };
      if (person) return api.patch<PersonDetail>(`/api/people/${person.id}`, fields);
      const unit = units.data?.find((u) => u.id === v.unitId);
      return api.post<PersonDetail>('/api/people', { ...fields, unit: unit?.code ?? '', validFrom: v.validFrom ?? todayVN() });
    },
    onSuccess: (saved) => {
      message.success(person ? l('Đã lưu thông tin cán bộ', 'Saved') : l(`Đã thêm ${saved.fullName}`, `${saved.fullName} added`));
      void qc.invalidateQueries({ queryKey: PEOPLE_KEY });
      onSaved?.(saved);
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e, FIELDS)),
  });

  const initial: Partial<Values> = person
    ? {
        fullName: person.fullName,
        gender: person.gender,
        birthDate: person.birthDate,
        phone: person.phone ?? '',
        email: person.email ?? '',
        username: person.username ?? '',
        note: person.note ?? '',
        position: person.position ?? '',
      }
    : { validFrom: todayVN(), unitId: unitRole ? (me.orgUnitId ?? undefined) : undefined };

  return (
    <Modal
      open
      width={720}
      title={person ? l(`Sửa thông tin: ${person.fullName}`, `Edit: ${person.fullName}`) : l('Thêm cán bộ', 'Add a person')}
      onCancel={onClose}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} requiredMark="optional">
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="fullName"
              label={l('Họ và tên', 'Full name')}
              rules={[{ required: true, whitespace: true, message: l('Nhập họ và tên', 'Enter the full name') }, { max: 200 }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="gender" label={l('Giới tính', 'Gender')}>
              <Select allowClear options={(['male', 'female'] as const).map((g) => ({ value: g, label: GENDER_LABELS[g][lang] }))} />
            </Form.Item>
          </Col>
          {!person && (
            <Col xs={24}>
              <Form.Item
                name="unitId"
                label={l('Đơn vị', 'Unit')}
                rules={[{ required: true, message: l('Chọn đơn vị', 'Choose a unit') }]}
                extra={unitRole ? l('Bạn thêm được cán bộ vào đơn vị của mình.', 'You can add people to your own unit.') : undefined}
              >
                <OrgUnitTreeSelect
                  units={units.data}
                  placeholder={l('Chọn đơn vị', 'Choose a unit')}
                  disabledIds={unitRole ? (units.data ?? []).filter((u) => u.id !== me.orgUnitId).map((u) => u.id) : undefined}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={person ? 24 : 14}>
            <Form.Item
              name="position"
              label={person ? l('Chức vụ hiện tại', 'Current position') : l('Chức vụ', 'Position')}
              rules={[{ max: 200 }]}
              extra={
                person
                  ? l('Sửa lỗi chính tả của chức vụ. Khi cán bộ được bổ nhiệm chức vụ mới, hãy dùng "Chuyển công tác" để giữ quá trình.', 'Corrects the current position. For an appointment, use "Move" to keep the history.')
                  : undefined
              }
            >
              <Input placeholder={l('VD: Chuyên viên, Phó Trưởng phòng', 'e.g. Specialist, Deputy head')} />
            </Form.Item>
          </Col>
          {!person && (
            <Col xs={24} md={10}>
              <Form.Item name="validFrom" label={l('Công tác từ ngày', 'In post from')} rules={[{ required: true, message: l('Chọn ngày', 'Choose a date') }]}>
                <DateField allowClear={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item name="birthDate" label={l('Ngày sinh', 'Birth date')}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="phone" label={l('Điện thoại', 'Phone')} rules={[{ max: 30 }]}>
              <Input inputMode="tel" autoComplete="off" placeholder="0912 345 678" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="email" label={l('Thư điện tử', 'E-mail')} rules={[{ type: 'email', message: l('Địa chỉ thư điện tử không hợp lệ', 'Not an e-mail address') }, { max: 254 }]}>
              <Input inputMode="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="username" label={l('Tên đăng nhập', 'Username')} tooltip={l('Tài khoản Nhịp của cán bộ, nếu có.', 'Their Nhịp account, if any.')} rules={[{ max: 100 }]}>
              <Input autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="note" label={l('Ghi chú', 'Note')} rules={[{ max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
