/**
 * "Tạo hội nghị": pick the period, and the server proposes the rest (GET /api/conferences/draft): kind, title in the
 * department's form, a working day after the period, the director as chair, the units to invite with their expected
 * delegates, and warnings (a conference already planned for that period). Everything can be changed before saving.
 */
import {
  CONFERENCE_KIND_LABELS, type PeriodType, periodLabel, periodTypeLabel, UNIT_TYPE_LABELS, type UnitType,
} from '@nhip/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { ErrorState } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { api } from '../../lib/api';
import { pickablePeriods, todayVN } from '../analytics/figures';
import type { ConferenceChanged, ConferenceDraft } from './api';
import { PersonSelect } from './PersonSelect';
import { DateTimeField, vnWall } from './shared';

const TYPES: PeriodType[] = ['Yearly', 'NineMonthly', 'SixMonthly', 'Quarterly'];

type Values = {
  title: string;
  startsAt: string;
  place: string;
  rsvpDeadline: string | null;
  chairPersonId: number | null;
  secretaryPersonId: number | null;
  theme: string;
};

export function CreateConferenceModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const [type, setType] = useState<PeriodType>('Yearly');
  const periods = useMemo(() => pickablePeriods(type, todayVN(), type === 'Quarterly' ? 8 : 4), [type]);
  const [period, setPeriod] = useState<string | undefined>(periods[0]?.id);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const draft = useQuery({
    queryKey: ['conferences', 'draft', period],
    queryFn: () => api.get<ConferenceDraft>(`/api/conferences/draft?period=${encodeURIComponent(period as string)}`),
    enabled: !!period,
    staleTime: 0,
  });
  const [selected, setSelected] = useState<number[]>([]);
  const [expected, setExpected] = useState<Record<number, number>>({});

  useEffect(() => {
    const d = draft.data;
    if (!d) return;
    form.setFieldsValue({
      title: d.title, startsAt: vnWall(d.startsAt) ?? '', place: d.place, rsvpDeadline: vnWall(d.rsvpDeadline), chairPersonId: d.chair?.personId ?? null,
      secretaryPersonId: null, theme: '',
    });
    setSelected(d.invitations.map((i) => i.unit.id));
    setExpected(Object.fromEntries(d.invitations.map((i) => [i.unit.id, i.expectedDelegates])));
  }, [draft.data, form]);

  const byType = useMemo(() => {
    const m = new Map<UnitType, number>();
    for (const i of draft.data?.invitations ?? []) if (selected.includes(i.unit.id)) m.set(i.unit.type, (m.get(i.unit.type) ?? 0) + 1);
    return [...m.entries()];
  }, [draft.data, selected]);

  const submit = async () => {
    if (!period || !draft.data) return;
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const r = await api.post<ConferenceChanged>('/api/conferences', {
        period,
        title: v.title,
        startsAt: v.startsAt,
        place: v.place,
        rsvpDeadline: v.rsvpDeadline || null,
        chairPersonId: v.chairPersonId ?? null,
        secretaryPersonId: v.secretaryPersonId ?? null,
        theme: v.theme?.trim() ? v.theme : null,
        invitations: draft.data.invitations.filter((i) => selected.includes(i.unit.id)).map((i) => ({ unitId: i.unit.id, expectedDelegates: expected[i.unit.id] ?? 1 })),
      });
      for (const w of r.warnings) message.warning(w);
      message.success(l('Đã lập hội nghị (đang chuẩn bị).', 'Conference planned (draft).'));
      onCreated(r.id);
    } catch (e) {
      setError(applyServerError(form, e, ['title', 'startsAt', 'place', 'rsvpDeadline', 'chairPersonId', 'secretaryPersonId', 'theme']));
    } finally {
      setSaving(false);
    }
  };

  const d = draft.data;
  return (
    <Modal
      open
      title={l('Tạo hội nghị', 'New conference')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={l('Lập hội nghị', 'Create')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ disabled: !d, loading: saving }}
      width={860}
      destroyOnHidden
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Flex gap={8} wrap="wrap" align="center" style={{ marginBottom: 16 }}>
        <Typography.Text strong id="conf-new-period">{l('Kỳ sơ kết, tổng kết', 'Period reviewed')}</Typography.Text>
        <Segmented<PeriodType>
          aria-label={l('Loại kỳ', 'Period type')}
          value={type}
          onChange={(t) => {
            setType(t);
            setPeriod(pickablePeriods(t, todayVN(), 4)[0]?.id);
          }}
          options={TYPES.map((t) => ({ value: t, label: periodTypeLabel(t, lang) }))}
        />
        <Select
          aria-labelledby="conf-new-period"
          value={period}
          onChange={setPeriod}
          options={periods.map((p) => ({ value: p.id, label: periodLabel(p, lang) }))}
          style={{ width: 220 }}
        />
      </Flex>
      {draft.error ? (
        <ErrorState compact error={draft.error} onRetry={() => void draft.refetch()} />
      ) : !d ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          {d.warnings.map((w) => (
            <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 12 }} data-testid="conference-draft-warning" />
          ))}
          <Form form={form} layout="vertical" requiredMark="optional">
            <Tag color="blue" style={{ marginBottom: 8 }}>
              {CONFERENCE_KIND_LABELS[d.kind][lang]}
            </Tag>
            <Form.Item name="title" label={l('Tiêu đề', 'Title')} rules={[{ required: true, message: l('Hãy nhập tiêu đề.', 'Enter a title.') }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
            </Form.Item>
            <Flex gap={12} wrap="wrap">
              <Form.Item
                name="startsAt"
                label={l('Khai mạc lúc', 'Starts at')}
                rules={[{ required: true, message: l('Hãy chọn ngày giờ khai mạc.', 'Choose the start.') }]}
                style={{ flex: '1 1 220px' }}
              >
                <DateTimeField style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="rsvpDeadline" label={l('Hạn xác nhận tham dự', 'Answer by')} style={{ flex: '1 1 220px' }}>
                <DateTimeField style={{ width: '100%' }} allowClear />
              </Form.Item>
            </Flex>
            <Form.Item name="place" label={l('Địa điểm', 'Place')}>
              <Input maxLength={300} />
            </Form.Item>
            <Flex gap={12} wrap="wrap">
              <Form.Item name="chairPersonId" label={l('Chủ trì', 'Chair')} style={{ flex: '1 1 260px' }}>
                <PersonSelect initial={d.chair} />
              </Form.Item>
              <Form.Item name="secretaryPersonId" label={l('Thư ký', 'Secretary')} style={{ flex: '1 1 260px' }}>
                <PersonSelect />
              </Form.Item>
            </Flex>
            <Form.Item name="theme" label={l('Chủ đề năm (nếu công bố tại hội nghị)', 'Theme of the year (if announced)')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
          </Form>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {l(`Đơn vị được mời: ${selected.length}/${d.invitations.length}`, `Units invited: ${selected.length}/${d.invitations.length}`)}
          </Typography.Title>
          <Flex gap={6} wrap="wrap" style={{ marginBottom: 8 }}>
            {byType.map(([t, n]) => (
              <Tag key={t}>
                {UNIT_TYPE_LABELS[t][lang]}: {n}
              </Tag>
            ))}
          </Flex>
          <Table
            size="small"
            rowKey={(r) => r.unit.id}
            dataSource={d.invitations}
            pagination={false}
            scroll={{ y: 260 }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys as number[]),
              getCheckboxProps: (r) => ({ 'aria-label': l(`Mời ${r.unit.name}`, `Invite ${r.unit.name}`) }) as never,
            }}
            columns={[
              {
                title: l('Đơn vị', 'Unit'),
                key: 'unit',
                render: (_, r) => (
                  <div>
                    <div>{r.unit.name}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.reason}
                    </Typography.Text>
                  </div>
                ),
              },
              { title: l('Loại', 'Type'), key: 'type', width: 170, render: (_, r) => UNIT_TYPE_LABELS[r.unit.type][lang] },
              {
                title: l('Số đại biểu', 'Delegates'),
                key: 'n',
                width: 110,
                render: (_, r) => (
                  <InputNumber
                    size="small"
                    min={1}
                    max={50}
                    aria-label={l(`Số đại biểu của ${r.unit.name}`, `Delegates of ${r.unit.name}`)}
                    value={expected[r.unit.id] ?? 1}
                    onChange={(v) => setExpected((e) => ({ ...e, [r.unit.id]: Number(v ?? 1) }))}
                  />
                ),
              },
            ]}
          />
          <details style={{ marginTop: 12 }}>
            <summary className="nhip-muted">{l('Các giá trị được đề xuất sẵn', 'What was proposed')}</summary>
            <ul className="nhip-muted" style={{ margin: '6px 0 0', paddingInlineStart: 20 }}>
              {d.defaults.map((x) => (
                <li key={x}>{x}</li>
              ))}
              <li>{l('Chương trình hội nghị theo mẫu thường dùng; sửa được ở thẻ "Chương trình".', 'The usual agenda; edit it on the "Agenda" tab.')}</li>
            </ul>
          </details>
        </>
      )}
    </Modal>
  );
}
