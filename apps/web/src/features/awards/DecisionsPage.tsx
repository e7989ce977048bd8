/**
 * Quyết định khen thưởng of a year of achievement. The office drafts one from the nominations the council passed (or the
 * office approved); the director signs it (DecisionPage). Issued decisions are public to everyone signed in.
 */
import { PlusOutlined } from '@ant-design/icons';
import { DECISION_STATUS_LABELS, DECISION_STATUSES } from '@nhip/contracts';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { EmptyHint } from '../../components/table';
import { awApi, type DecisionItem, useAwardTypes, useDecisions, useNominations, useRefreshAwards } from './api';
import { DecisionStatusTag, money, num, vnDate, YearSelect, useYear } from './process-shared';

export default function DecisionsPage() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const office = me.role === 'admin' || me.role === 'office';
  const [year, setYear] = useYear();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const list = useDecisions({ awardYear: year, status });
  const types = useAwardTypes();
  const [drafting, setDrafting] = useState(false);
  const names = useMemo(() => new Map((types.data?.items ?? []).map((t) => [t.code, t.name])), [types.data]);

  const columns: ColumnsType<DecisionItem> = [
    {
      title: l('Quyết định', 'Decision'),
      key: 'n',
      render: (_, d) => (
        <div style={{ minWidth: 240 }}>
          <Link to={`/awards/decisions/${d.id}`} data-testid="decision-open">
            {d.number ? l(`Số ${d.number}`, `No. ${d.number}`) : l('Dự thảo', 'Draft')}
            {d.date ? l(` ngày ${vnDate(d.date)}`, ` of ${vnDate(d.date)}`) : ''}
          </Link>
          <div>{d.subject}</div>
          <div className="nhip-muted" style={{ fontSize: 12 }}>{d.authority}</div>
        </div>
      ),
    },
    { title: l('Danh hiệu, hình thức', 'Titles'), key: 'c', render: (_, d) => d.codes.map((c) => names.get(c) ?? c).join('; ') },
    { title: l('Cá nhân', 'People'), key: 'p', width: 90, align: 'right', render: (_, d) => num(d.people) },
    { title: l('Tập thể', 'Units'), key: 'u', width: 90, align: 'right', render: (_, d) => num(d.units) },
    { title: l('Tiền thưởng', 'Reward'), key: 'a', width: 150, align: 'right', render: (_, d) => money(d.amount) },
    { title: l('Trạng thái', 'Status'), key: 's', width: 130, render: (_, d) => <DecisionStatusTag status={d.status} /> },
  ];

  return (
    <>
      <PageHeader
        title={l('Quyết định khen thưởng', 'Award decisions')}
        subtitle={l(
          'Văn phòng Sở soạn dự thảo từ các đề nghị đã được thông qua; Giám đốc Sở ký ban hành. Khi ban hành, khen thưởng được ghi vào sổ và tính cho các năm sau.',
          'The office drafts from approved nominations; the director signs. Issuing writes the register.',
        )}
        extra={
          office ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)}>
              {l('Soạn dự thảo quyết định', 'Draft a decision')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="nhip-toolbar" style={{ marginBottom: 0 }}>
          <YearSelect value={year} onChange={setYear} />
          <Select
            aria-label={l('Trạng thái', 'Status')}
            allowClear
            placeholder={l('Mọi trạng thái', 'Every status')}
            value={status}
            onChange={(v?: string) => {
              const p = new URLSearchParams(params);
              if (v) p.set('status', v);
              else p.delete('status');
              setParams(p, { replace: true });
            }}
            options={DECISION_STATUSES.map((s) => ({ value: s, label: DECISION_STATUS_LABELS[s][lang] }))}
            style={{ width: 180 }}
          />
        </div>
      </Card>
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 8 } }}>
          <Table<DecisionItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            locale={{ emptyText: <EmptyHint title={l(`Chưa có quyết định khen thưởng cho thành tích năm ${year}`, `No decision for ${year}`)} /> }}
            data-testid="decisions"
          />
        </Card>
      )}
      {drafting ? <DraftModal year={year} onClose={() => setDrafting(false)} /> : null}
    </>
  );
}

function DraftModal({ year, onClose }: { year: number; onClose: () => void }) {
  const l = useL();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const refresh = useRefreshAwards();
  const approved = useNominations({ year, status: 'approved' });
  const items = approved.data?.items ?? [];
  const [form] = Form.useForm<{ nominations: number[]; date: string; subject?: string; reason?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const d = await awApi.createDecision({ year, nominations: v.nominations, date: v.date, subject: v.subject?.trim() || null, reason: v.reason?.trim() || null });
      message.success(l('Đã soạn dự thảo quyết định.', 'Draft created.'));
      void refresh();
      onClose();
      void navigate(`/awards/decisions/${d.id}`);
    } catch (e) {
      setError(applyServerError(form, e, ['nominations', 'date', 'subject', 'reason']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={760}
      title={l(`Soạn dự thảo quyết định khen thưởng — thành tích năm ${year}`, `Draft a decision for ${year}`)}
      okText={l('Soạn dự thảo', 'Draft')}
      cancelText={l('Hủy', 'Cancel')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      {approved.data && !items.length ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={l(`Chưa có đề nghị năm ${year} đã được thông qua và chờ quyết định.`, 'No approved nomination waits.')} />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ date: todayVN(), nominations: [] }}>
        <Form.Item
          name="nominations"
          label={l('Các đề nghị đã được thông qua', 'Approved nominations')}
          rules={[{ required: true, type: 'array', min: 1, message: l('Hãy chọn ít nhất một đề nghị.', 'Pick at least one.') }]}
        >
          <Checkbox.Group style={{ width: '100%' }}>
            <Flex vertical gap={4} data-testid="draft-nominations">
              {items.map((n) => (
                <Checkbox key={n.id} value={n.id}>
                  <strong>{n.subject.name}</strong> – {n.title.name}
                  <span className="nhip-muted"> · {n.proposingUnit.name}</span>
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="date" label={l('Ngày ký dự kiến', 'Planned date')} rules={[{ required: true }]} extra={l('Căn cứ pháp lý được chọn theo các quy định có hiệu lực vào ngày này.', 'The legal bases in force on this date are cited.')}>
          <DateField />
        </Form.Item>
        <Form.Item name="subject" label={l('Trích yếu (để trống: theo danh hiệu, hình thức)', 'Subject (default by title)')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="reason" label={l('Lý do khen thưởng (sau chữ "đã")', 'Reason')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} placeholder={l(`có thành tích xuất sắc trong thực hiện nhiệm vụ năm ${year}`, '')} />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {l('Tiền thưởng tính theo hệ số nhân với mức lương cơ sở có hiệu lực, làm tròn lên 10.000 đ.', 'Rewards are a multiple of the base salary, rounded up to 10,000 VND.')}
      </Typography.Paragraph>
    </Modal>
  );
}
