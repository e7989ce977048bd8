/** Open a new reporting round (form × period) or change the cut-off, deadline and note of one. */
import { Alert, App, DatePicker, Descriptions, Form, Input, Modal, Select, Typography } from 'antd';
import { formatDate, formatDateTime, periodLabel, periodTypeLabel } from '@nhip/contracts';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useL, useLang } from '../../app/i18n';
import { useForms, useRoundDefaults, useSaveRound } from './api';
import { PeriodPicker } from './PeriodPicker';
import { dayjsToDate, dayjsToVnIso, toVnWall, wallToDayjs } from './time';
import type { FormSummary, Round } from './types';

type Values = { formId?: number; period?: string; cutoff?: [Dayjs, Dayjs]; deadline?: Dayjs; note?: string };

type Props = { open: boolean; round?: Round | null; onClose: () => void; onSaved?: (r: Round) => void };

export function RoundModal({ open, round, onClose, onSaved }: Props) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const forms = useForms(open);
  const save = useSaveRound();
  const editing = !!round;
  const formId = Form.useWatch('formId', form);
  const period = Form.useWatch('period', form);
  const chosenForm: FormSummary | undefined = useMemo(() => forms.data?.find((f) => f.id === formId), [forms.data, formId]);
  const defaults = useRoundDefaults(editing ? undefined : formId, editing ? undefined : period);

  // Fill the form each time the dialog opens (form and mutation objects are stable enough; listing them
  // would refill the fields on every render).
  // biome-ignore lint/correctness/useExhaustiveDependencies: run only when the dialog opens or the round changes
  useEffect(() => {
    if (!open) return;
    save.reset();
    if (round) {
      form.setFieldsValue({
        formId: round.formId,
        period: round.period,
        cutoff: [wallToDayjs(round.cutoffStart), wallToDayjs(round.cutoffEnd)],
        deadline: wallToDayjs(toVnWall(round.deadline)),
        note: round.note ?? '',
      });
    } else form.resetFields();
  }, [open, round]);

  // Prefill the cut-off and deadline from the regime each time the form or period changes.
  useEffect(() => {
    if (editing || !defaults.data) return;
    form.setFieldsValue({
      cutoff: [wallToDayjs(defaults.data.cutoffStart), wallToDayjs(defaults.data.cutoffEnd)],
      deadline: wallToDayjs(toVnWall(defaults.data.deadline)),
    });
  }, [defaults.data, editing, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      cutoffStart: v.cutoff ? dayjsToDate(v.cutoff[0]) : undefined,
      cutoffEnd: v.cutoff ? dayjsToDate(v.cutoff[1]) : undefined,
      deadline: v.deadline ? dayjsToVnIso(v.deadline) : undefined,
      note: v.note?.trim() ?? '',
    };
    try {
      const saved = editing
        ? await save.mutateAsync({ id: round.id, patch: { cutoffStart: body.cutoffStart, cutoffEnd: body.cutoffEnd, deadline: body.deadline, note: body.note } })
        : await save.mutateAsync({ create: { formId: v.formId as number, period: v.period as string, ...body } });
      message.success(editing ? l('Đã cập nhật đợt báo cáo.', 'Round updated.') : l('Đã mở đợt báo cáo.', 'Round opened.'));
      onSaved?.(saved);
      onClose();
    } catch {
      /* the error is shown in the modal */
    }
  };

  const kind = chosenForm?.kind ?? 'administrative';
  const basis =
    kind === 'statistical'
      ? l(
          'Theo Thông tư 03/2022/TT-BTTTT và 04/2022/TT-BTTTT (báo cáo thống kê): số liệu tính theo kỳ lịch, từ ngày đầu đến ngày cuối kỳ.',
          'Circulars 03/2022 and 04/2022 (statistical reports): data cover the calendar period.',
        )
      : l(
          'Theo Nghị định 09/2019/NĐ-CP: chốt số liệu từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ; hạn nộp ít nhất một ngày làm việc sau ngày chốt.',
          'Decree 09/2019/NĐ-CP: data cut-off from the 15th of the month before the period to the 14th of its last month; deadline at least one working day after the cut-off.',
        );

  return (
    <Modal
      open={open}
      title={editing ? l('Sửa đợt báo cáo', 'Edit round') : l('Mở đợt báo cáo mới', 'Open a new round')}
      okText={editing ? l('Lưu thay đổi', 'Save changes') : l('Mở đợt báo cáo', 'Open round')}
      cancelText={l('Hủy', 'Cancel')}
      onOk={submit}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        {editing ? (
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'f', label: l('Biểu mẫu', 'Form'), children: `${round.formCode} – ${round.formName}` },
              { key: 'p', label: l('Kỳ báo cáo', 'Period'), children: periodLabel(round.period, lang) },
            ]}
          />
        ) : (
          <>
            <Form.Item name="formId" label={l('Biểu mẫu báo cáo', 'Report form')} rules={[{ required: true, message: l('Chọn biểu mẫu.', 'Choose a form.') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={forms.isLoading}
                placeholder={l('Chọn biểu mẫu', 'Choose a form')}
                options={(forms.data ?? []).filter((f) => f.active).map((f) => ({ value: f.id, label: `${f.code} – ${lang === 'en' && f.nameEn ? f.nameEn : f.name}` }))}
                onChange={() => form.setFieldValue('period', undefined)}
              />
            </Form.Item>
            {forms.error ? <Alert type="error" showIcon title={forms.error.message} style={{ marginBottom: 16 }} /> : null}
            <Form.Item
              name="period"
              label={chosenForm ? `${l('Kỳ báo cáo', 'Period')} (${periodTypeLabel(chosenForm.periodType, lang).toLowerCase()})` : l('Kỳ báo cáo', 'Period')}
              rules={[{ required: true, message: l('Chọn kỳ báo cáo.', 'Choose the period.') }]}
            >
              {chosenForm ? <PeriodPicker periodType={chosenForm.periodType} /> : <Select disabled placeholder={l('Chọn biểu mẫu trước', 'Choose a form first')} />}
            </Form.Item>
          </>
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {basis}
          {defaults.data && period ? (
            <>
              {' '}
              {l('Mặc định cho', 'Defaults for')} {periodLabel(period, lang)}: {formatDate(defaults.data.cutoffStart)} – {formatDate(defaults.data.cutoffEnd)},{' '}
              {l('hạn nộp', 'deadline')} {formatDateTime(defaults.data.deadline.length === 10 ? `${defaults.data.deadline}T17:00` : defaults.data.deadline)}.
            </>
          ) : null}
        </Typography.Paragraph>
        {defaults.error ? <Alert type="warning" showIcon title={defaults.error.message} style={{ marginBottom: 16 }} /> : null}
        <Form.Item name="cutoff" label={l('Thời gian chốt số liệu', 'Data cut-off window')} rules={[{ required: true, message: l('Chọn thời gian chốt số liệu.', 'Choose the cut-off window.') }]}>
          <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={l('Hạn nộp báo cáo (giờ Việt Nam)', 'Deadline (Vietnam time)')}
          rules={[
            { required: true, message: l('Chọn hạn nộp.', 'Choose the deadline.') },
            ({ getFieldValue }) => ({
              validator: (_, d?: Dayjs) => {
                const c = getFieldValue('cutoff') as [Dayjs, Dayjs] | undefined;
                if (d && c && d.format('YYYY-MM-DD') <= c[0].format('YYYY-MM-DD'))
                  return Promise.reject(new Error(l('Hạn nộp phải sau ngày bắt đầu chốt số liệu.', 'The deadline must be after the start of the cut-off.')));
                return Promise.resolve();
              },
            }),
            ({ getFieldValue }) => ({
              warningOnly: true,
              validator: (_, d?: Dayjs) => {
                const c = getFieldValue('cutoff') as [Dayjs, Dayjs] | undefined;
                if (d && c && d.format('YYYY-MM-DD') <= c[1].format('YYYY-MM-DD'))
                  return Promise.reject(new Error(l('Hạn nộp nên sau ngày kết thúc chốt số liệu ít nhất một ngày làm việc.', 'The deadline should be at least one working day after the cut-off.')));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item name="note" label={l('Ghi chú gửi các đơn vị', 'Note to the units')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} showCount />
        </Form.Item>
        {save.error ? <Alert type="error" showIcon title={save.error.message} /> : null}
      </Form>
    </Modal>
  );
}

