import { formatDate, normalizeText, UNIT_ROLES } from '@nhip/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { OrgUnitTreeSelect, useOrgUnits } from '../../components/orgUnits';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { api } from '../../lib/api';
import { PEOPLE_KEY, type PersonDetail } from './api';
import { END_REASON_LABELS } from './labels';

/** The day before an ISO date. */
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

function useSaved(onClose: () => void, text: string) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return () => {
    message.success(text);
    void qc.invalidateQueries({ queryKey: PEOPLE_KEY });
    onClose();
  };
}

/**
 * A move to another unit, or a new position in the same unit, from a date: the current membership ends the
 * day before and the history keeps both. A unit's reporter and head record changes within their own unit.
 */
export function MoveModal({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const l = useL();
  const me = useCurrentUser();
  const unitRole = UNIT_ROLES.includes(me.role);
  const [form] = Form.useForm<{ unitId: number; position: string; date: string }>();
  const [error, setError] = useState<string | null>(null);
  const date = Form.useWatch('date', form) ?? todayVN();
  const units = useOrgUnits({ asOf: date });
  const saved = useSaved(onClose, l(`Đã ghi quá trình công tác mới của ${person.fullName}`, `Recorded ${person.fullName}'s move`));
  const save = useMutation({
    mutationFn: (v: { unitId: number; position: string; date: string }) => {
      const unit = units.data?.find((u) => u.id === v.unitId);
      return api.post<PersonDetail>(`/api/people/${person.id}/move`, { unit: unit?.code ?? '', position: normalizeText(v.position ?? ''), date: v.date });
    },
    onSuccess: saved,
    onError: (e) => setError(applyServerError(form, e, ['position', 'date'])),
  });
  const ownOnly = unitRole ? (units.data ?? []).filter((u) => u.id !== me.orgUnitId).map((u) => u.id) : undefined;
  return (
    <Modal
      open
      width={620}
      title={unitRole ? l(`Đổi chức vụ: ${person.fullName}`, `New position: ${person.fullName}`) : l(`Chuyển công tác: ${person.fullName}`, `Move: ${person.fullName}`)}
      onCancel={onClose}
      okText={l('Ghi nhận', 'Record')}
      cancelText={l('Hủy', 'Cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Typography.Paragraph type="secondary">
        {l(
          'Quá trình công tác hiện tại kết thúc vào ngày trước ngày chuyển; quá trình mới bắt đầu từ ngày chuyển. Lịch sử được giữ nguyên.',
          'The current membership ends the day before; the new one starts on the date. History is kept.',
        )}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ date: todayVN(), unitId: unitRole ? (me.orgUnitId ?? undefined) : person.unit?.id, position: '' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="date" label={l('Từ ngày', 'From')} rules={[{ required: true, message: l('Chọn ngày', 'Choose a date') }]}>
          <DateField allowClear={false} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={l('Đơn vị', 'Unit')}
          rules={[{ required: true, message: l('Chọn đơn vị', 'Choose a unit') }]}
          extra={l(`Các đơn vị có hiệu lực ngày ${formatDate(date)}.`, `Units in force on ${formatDate(date)}.`)}
        >
          <OrgUnitTreeSelect units={units.data} disabledIds={ownOnly} placeholder={l('Chọn đơn vị', 'Choose a unit')} />
        </Form.Item>
        <Form.Item name="position" label={l('Chức vụ mới', 'New position')} rules={[{ required: true, whitespace: true, message: l('Nhập chức vụ', 'Enter the position') }, { max: 200 }]}>
          <Input placeholder={l('VD: Phó Trưởng phòng', 'e.g. Deputy head')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type LeaveValues = { date: string; reason: 'retired' | 'left' | 'other' };

/** Ends the current membership: retirement, leaving the sector, another reason. */
export function LeaveModal({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const [form] = Form.useForm<LeaveValues>();
  const [error, setError] = useState<string | null>(null);
  const date = Form.useWatch('date', form) ?? todayVN();
  const saved = useSaved(onClose, l(`Đã kết thúc quá trình công tác của ${person.fullName}`, `Ended ${person.fullName}'s membership`));
  const save = useMutation({
    mutationFn: (v: LeaveValues) => api.post<PersonDetail>(`/api/people/${person.id}/leave`, v),
    onSuccess: saved,
    onError: (e) => setError(applyServerError(form, e, ['date', 'reason'])),
  });
  return (
    <Modal
      open
      width={560}
      title={l(`Kết thúc công tác: ${person.fullName}`, `End membership: ${person.fullName}`)}
      onCancel={onClose}
      okText={l('Kết thúc', 'End')}
      okButtonProps={{ danger: true }}
      cancelText={l('Hủy', 'Cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ date: todayVN(), reason: 'retired' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="date"
          label={l('Nghỉ từ ngày', 'Out of post from')}
          rules={[{ required: true, message: l('Chọn ngày', 'Choose a date') }]}
          extra={l('Ngày đầu tiên cán bộ không còn công tác tại đơn vị.', 'The first day the person is no longer in post.')}
        >
          <DateField allowClear={false} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="reason" label={l('Lý do', 'Reason')} rules={[{ required: true }]}>
          <Select options={(['retired', 'left', 'other'] as const).map((r) => ({ value: r, label: END_REASON_LABELS[r][lang] }))} />
        </Form.Item>
      </Form>
      <Alert
        type="info"
        showIcon
        title={l(
          `${person.fullName} công tác tại ${person.unit?.name ?? 'đơn vị'} đến hết ngày ${formatDate(dayBefore(date))}. Lịch sử công tác vẫn được giữ.`,
          `${person.fullName} stays in post at ${person.unit?.name ?? 'the unit'} until ${formatDate(dayBefore(date))}. The history is kept.`,
        )}
      />
    </Modal>
  );
}
