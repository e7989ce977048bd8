/**
 * One Quyết định khen thưởng: its "Căn cứ" lines (the bases in force on its date), the list with each reward (a multiple
 * of the base salary, rounded up to 10.000 đ), the totals. The director signs it (number and date); the document
 * downloads as .docx or .pdf, and once issued the Giấy khen certificates print as one PDF.
 */
import { FilePdfOutlined } from '@ant-design/icons';
import { formatNumber } from '@nhip/contracts';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Popconfirm, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage, PageSkeleton } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { useDownload } from '../conferences/shared';
import { awApi, type Decision, type DecisionLine, docs, useDecision, useRefreshAwards } from './api';
import { DecisionStatusTag, DocButtons, money, num, vnDate, vnDateTime } from './process-shared';

export default function DecisionPage() {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const q = useDecision(id);
  const refresh = useRefreshAwards();
  const [issuing, setIssuing] = useState(false);
  const [download, downloading] = useDownload();
  const d = q.data;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!d) return <PageSkeleton />;
  const certificates = d.status === 'issued' && d.lines.some((x) => x.certificate);

  const cancel = async () => {
    try {
      await awApi.cancelDecision(d.id, d.version);
      message.success(l('Đã hủy dự thảo; các đề nghị trở lại chờ quyết định.', 'Draft cancelled.'));
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      await refresh();
    }
  };

  const columns: ColumnsType<DecisionLine> = [
    { title: l('TT', 'No.'), key: 'i', width: 56, render: (_, _x, i) => i + 1 },
    {
      title: l('Cá nhân, tập thể', 'Recipient'),
      key: 'n',
      render: (_, x) => (
        <div>
          <strong>{x.name}</strong>
          {x.detail ? <div className="nhip-muted" style={{ fontSize: 12 }}>{x.detail}</div> : null}
        </div>
      ),
    },
    { title: l('Danh hiệu, hình thức', 'Title or form'), key: 'a', render: (_, x) => x.awardName },
    {
      title: l('Hệ số', 'Multiple'),
      key: 'm',
      width: 90,
      align: 'right',
      render: (_, x) => (x.multiple === null ? '—' : formatNumber(x.multiple)),
    },
    { title: l('Tiền thưởng', 'Reward'), key: 'r', width: 140, align: 'right', render: (_, x) => money(x.amount) },
  ];

  return (
    <>
      <PageHeader
        title={d.number ? l(`Quyết định số ${d.number}`, `Decision ${d.number}`) : l('Dự thảo quyết định khen thưởng', 'Draft award decision')}
        subtitle={d.subject}
        crumbs={[{ title: l('Quyết định khen thưởng', 'Award decisions'), to: `/awards/decisions?year=${d.awardYear ?? d.year}` }, { title: d.number ?? l('Dự thảo', 'Draft') }]}
        extra={
          <>
            {d.abilities.issue ? (
              <Button type="primary" onClick={() => setIssuing(true)}>
                {d.issuer === 'department' ? l('Ký ban hành', 'Sign and issue') : l('Ghi nhận quyết định', 'Record')}
              </Button>
            ) : null}
            {d.abilities.cancel ? (
              <Popconfirm title={l('Hủy dự thảo này?', 'Cancel this draft?')} okText={l('Hủy dự thảo', 'Cancel draft')} cancelText={l('Không', 'No')} onConfirm={() => cancel()}>
                <Button danger>{l('Hủy dự thảo', 'Cancel draft')}</Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      {d.problems.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={l('Cần xem lại trước khi ban hành', 'To check before issuing')}
          description={d.problems.map((p) => <div key={p}>{p}</div>)}
          data-testid="decision-problems"
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 's', label: l('Trạng thái', 'Status'), children: <DecisionStatusTag status={d.status} /> },
            { key: 'a', label: l('Cấp ban hành', 'Authority'), children: d.authority },
            { key: 'd', label: l('Ngày quyết định', 'Date'), children: d.date ? vnDate(d.date) : '—' },
            { key: 'y', label: l('Năm thành tích', 'Year'), children: d.awardYear ?? d.year },
            ...(d.proposer ? [{ key: 'p', label: l('Theo đề nghị của', 'Proposed by'), children: d.proposer }] : []),
            ...(d.reason ? [{ key: 'r', label: l('Lý do', 'Reason'), children: d.reason }] : []),
            ...(d.meetingId ? [{ key: 'm', label: l('Hội đồng đã xét', 'Council meeting'), children: <Link to={`/awards/meetings/${d.meetingId}`}>{l('Biên bản họp Hội đồng', 'Council minutes')}</Link> }] : []),
            ...(d.conference ? [{ key: 'c', label: l('Trao tại', 'Handed out at'), children: <Link to={`/conferences/${d.conference.id}`}>{d.conference.title}</Link> }] : []),
            ...(d.issuedAt ? [{ key: 'i', label: l('Ban hành lúc', 'Issued at'), children: vnDateTime(d.issuedAt) }] : []),
            {
              key: 'b', label: l('Mức lương cơ sở', 'Base salary'),
              children: d.baseSalary ? l(`${money(d.baseSalary.amount)} (từ ${vnDate(d.baseSalary.validFrom)})`, `${money(d.baseSalary.amount)}`) : '—',
            },
          ]}
        />
        <Flex gap={8} wrap="wrap" style={{ marginTop: 8 }}>
          <DocButtons url={(f) => docs.decision(d.id, f)} name={`Quyết định khen thưởng ${d.number ?? 'dự thảo'}`} label={l('Quyết định', 'Decision')} size="small" />
          {certificates ? (
            <Button
              size="small"
              icon={<FilePdfOutlined />}
              loading={downloading === docs.certificates(d.id)}
              onClick={() => void download(docs.certificates(d.id), `Giấy khen ${d.number ?? ''}.pdf`)}
            >
              {l('In Giấy khen (.pdf)', 'Print certificates (.pdf)')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Card size="small" title={l('Căn cứ', 'Legal bases')} style={{ marginBottom: 12 }}>
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="decision-bases">
          {d.bases.map((b) => (
            <li key={b.id}>Căn cứ {b.line};</li>
          ))}
        </ul>
      </Card>
      <Card
        size="small"
        title={l('Danh sách khen thưởng', 'Recipients')}
        extra={
          <Typography.Text data-testid="decision-totals">
            {l(`${num(d.totals.people)} cá nhân, ${num(d.totals.units)} tập thể · tổng ${money(d.totals.amount)}`, `${d.totals.people} people, ${d.totals.units} units · ${money(d.totals.amount)}`)}
          </Typography.Text>
        }
      >
        <Table<DecisionLine> rowKey="id" size="middle" columns={columns} dataSource={d.lines} pagination={false} data-testid="decision-lines" />
      </Card>
      {issuing ? <IssueModal d={d} onClose={() => setIssuing(false)} /> : null}
    </>
  );
}

function IssueModal({ d, onClose }: { d: Decision; onClose: () => void }) {
  const l = useL();
  const { message } = App.useApp();
  const refresh = useRefreshAwards();
  const [form] = Form.useForm<{ number?: string; date: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await awApi.issueDecision(d.id, { version: d.version, number: v.number?.trim() || null, date: v.date });
      message.success(l('Đã ban hành quyết định; khen thưởng đã được ghi vào sổ.', 'Issued; the register is written.'));
      void refresh();
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, ['number', 'date']));
      void refresh();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={l('Ký ban hành quyết định khen thưởng', 'Sign and issue')}
      okText={l('Ký ban hành', 'Issue')}
      cancelText={l('Hủy', 'Cancel')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Typography.Paragraph>{d.subject}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {l(`${num(d.totals.people)} cá nhân, ${num(d.totals.units)} tập thể; tổng tiền thưởng ${money(d.totals.amount)}.`, `${d.totals.people} people, ${d.totals.units} units.`)}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ date: d.date ?? todayVN() }}>
        <Form.Item name="number" label={l('Số thứ tự trong sổ (để trống: số tiếp theo của năm)', 'Number (default: next of the year)')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="date" label={l('Ngày ký', 'Date signed')} rules={[{ required: true }]}>
          <DateField />
        </Form.Item>
      </Form>
    </Modal>
  );
}
