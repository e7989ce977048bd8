/**
 * Nhiệm vụ trọng tâm of a period: the department's plan, from the directive, the conference's conclusion and part III
 * of the summary report. Each has an owner division, a deadline and progress; the owner and the office add dated
 * updates; at the period's end the office carries a task into the next period or closes it with its result.
 */
import { HistoryOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { KEY_TASK_STATE_LABELS, KEY_TASK_STATES, type KeyTaskState, nextPeriod, periodLabel } from '@nhip/contracts';
import { App, Button, Card, Checkbox, Drawer, Empty, Flex, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { DateField } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { recentPeriods } from '../../components/PeriodSelect';
import { useSectors } from '../../components/sectors';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { EmptyHint } from '../../components/table';
import { viSearch } from '../conferences/shared';
import { fuApi, type KeyTask, useKeyTask, useKeyTasks, useRefreshFollowUp } from './api';
import { periodText, useDivisions, usePeriodOptions, vnDate, vnDateTime } from './shared';

const SOURCE_LABELS: Record<KeyTask['source'], { vi: string; en: string }> = {
  directive: { vi: 'Chỉ đạo của lãnh đạo tỉnh', en: 'Directive' },
  conclusion: { vi: 'Kết luận hội nghị', en: 'Conference conclusion' },
  report: { vi: 'Phần III báo cáo tổng kết', en: 'Summary report part III' },
  manual: { vi: 'Văn phòng Sở nhập', en: 'Entered by the office' },
};

function KeyTaskStateTag({ state }: { state: KeyTaskState }) {
  const lang = useLang();
  const s = KEY_TASK_STATE_LABELS[state];
  return <Tag color={s.color} style={{ marginInlineEnd: 0 }}>{s[lang]}</Tag>;
}

type Dialog = { kind: 'update' | 'carry' | 'close'; task: KeyTask } | { kind: 'new' } | null;

export default function KeyTasksPage() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const currentYear = recentPeriods('Yearly', 1)[0]?.id;
  const period = params.get('period') ?? currentYear;
  const owner = params.get('owner') ?? undefined;
  const state = params.get('state') ?? undefined;
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const q = useKeyTasks({ period, owner, state });
  const { divisions } = useDivisions();
  const periods = usePeriodOptions();
  const refresh = useRefreshFollowUp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const office = !!me.abilities['recommendations.manage'];
  const previous = (() => {
    try {
      return period && /^\d{4}$/.test(period) ? String(Number(period) - 1) : null;
    } catch {
      return null;
    }
  })();

  const fromReport = async () => {
    if (!previous) return;
    setBusy(true);
    try {
      const r = await fuApi.keyTasksFromReport(previous);
      message.success(l(`Đã lập ${r.created.length} nhiệm vụ cho ${periodText(r.period, 'vi')} (bỏ qua ${r.skipped} nhiệm vụ đã có).`, `${r.created.length} tasks created, ${r.skipped} skipped.`));
      void refresh();
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<KeyTask> = [
    {
      title: l('Nhiệm vụ', 'Task'),
      key: 'text',
      render: (_, t) => (
        <div style={{ minWidth: 260 }}>
          <Typography.Link onClick={() => setOpenId(t.id)} className="fu-clamp" style={{ color: '#102a43' }}>
            {t.text}
          </Typography.Link>
          <div className="nhip-muted" style={{ fontSize: 12 }}>
            {SOURCE_LABELS[t.source][lang]}
            {t.conference ? (
              <>
                {' · '}
                <Link to={`/conferences/${t.conference.id}`}>{t.conference.title}</Link>
              </>
            ) : null}
            {t.sector ? ` · ${t.sector.name}` : ''}
          </div>
          <Space size={4} wrap>
            {t.carriedFrom ? <Tag icon={<HistoryOutlined />}>{l(`Chuyển từ ${periodText(t.carriedFrom.period, lang)}`, `From ${t.carriedFrom.period}`)}</Tag> : null}
            {t.carriedTo ? <Tag icon={<RightOutlined />}>{l(`Đã chuyển sang ${periodText(t.carriedTo.period, lang)}`, `Carried to ${t.carriedTo.period}`)}</Tag> : null}
          </Space>
          {t.result ? <div className="fu-text" style={{ fontSize: 13 }}>{l('Kết quả: ', 'Result: ')}{t.result}</div> : null}
        </div>
      ),
    },
    { title: l('Phòng chủ trì', 'Owner'), key: 'owner', width: 170, render: (_, t) => t.owner?.name ?? <Typography.Text type="secondary">{l('Chưa giao', 'Unassigned')}</Typography.Text> },
    { title: l('Hạn', 'Deadline'), key: 'deadline', width: 105, render: (_, t) => vnDate(t.deadline) },
    {
      title: l('Tiến độ', 'Progress'),
      key: 'progress',
      width: 170,
      render: (_, t) => (
        <Flex vertical gap={4} align="flex-start">
          <KeyTaskStateTag state={t.state} />
          <Progress percent={t.progress} size="small" style={{ width: 130, margin: 0 }} aria-label={l(`Tiến độ ${t.progress}%`, `Progress ${t.progress}%`)} />
        </Flex>
      ),
    },
    {
      title: l('Thao tác', 'Actions'),
      key: 'actions',
      width: 150,
      render: (_, t) => (
        <Flex vertical gap={4} align="flex-start">
          {t.abilities.update ? <Button size="small" onClick={() => setDialog({ kind: 'update', task: t })}>{l('Cập nhật tiến độ', 'Update')}</Button> : null}
          {t.abilities.close ? <Button size="small" onClick={() => setDialog({ kind: 'carry', task: t })}>{l('Chuyển kỳ sau', 'Carry over')}</Button> : null}
          {t.abilities.close ? <Button size="small" onClick={() => setDialog({ kind: 'close', task: t })}>{l('Đóng, ghi kết quả', 'Close')}</Button> : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={l('Nhiệm vụ trọng tâm', 'Key tasks')}
        subtitle={l(
          'Nhiệm vụ trọng tâm của kỳ từ chỉ đạo, kết luận hội nghị và phần III báo cáo tổng kết: phòng chủ trì, hạn, tiến độ; cuối kỳ chuyển sang kỳ sau hoặc đóng với kết quả.',
          'The period’s key tasks: owner, deadline, progress; carried over or closed at the period’s end.',
        )}
        extra={
          office ? (
            <>
              {previous ? (
                <Button loading={busy} onClick={() => void fromReport()}>
                  {l(`Lập từ báo cáo tổng kết ${previous}`, `From the ${previous} summary report`)}
                </Button>
              ) : null}
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'new' })}>
                {l('Thêm nhiệm vụ', 'New task')}
              </Button>
            </>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="nhip-toolbar" style={{ marginBottom: 0 }}>
          <Select
            aria-label={l('Kỳ', 'Period')}
            showSearch={viSearch}
            value={period}
            onChange={(v: string) => set('period', v)}
            options={periods}
            style={{ width: 200 }}
          />
          <Select
            aria-label={l('Phòng chủ trì', 'Owner')}
            allowClear
            showSearch={viSearch}
            placeholder={l('Mọi phòng chủ trì', 'Every owner')}
            value={owner}
            onChange={(v?: string) => set('owner', v)}
            options={divisions.map((d) => ({ value: d.code, label: d.name }))}
            style={{ width: 220 }}
          />
          <Select
            aria-label={l('Trạng thái', 'State')}
            allowClear
            placeholder={l('Mọi trạng thái', 'Every state')}
            value={state}
            onChange={(v?: string) => set('state', v)}
            options={KEY_TASK_STATES.map((s) => ({ value: s, label: KEY_TASK_STATE_LABELS[s][lang] }))}
            style={{ width: 220 }}
          />
        </div>
      </Card>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 8 } }}>
          <Table<KeyTask>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={q.data?.items ?? []}
            loading={q.isFetching}
            scroll={{ x: 800 }}
            pagination={false}
            locale={{
              emptyText: (
                <EmptyHint
                  title={l(`Chưa có nhiệm vụ trọng tâm cho ${periodText(period, lang)}`, `No key task for ${period}`)}
                  hint={l('Nhiệm vụ được lập khi hội nghị ban hành kết luận, hoặc từ phần III của báo cáo tổng kết kỳ trước.', 'Tasks come from a conference’s conclusion or part III of the last summary report.')}
                />
              ),
            }}
            data-testid="fu-key-tasks"
          />
        </Card>
      )}
      {dialog?.kind === 'new' ? <NewTaskModal period={period ?? ''} onClose={() => setDialog(null)} /> : null}
      {dialog && dialog.kind !== 'new' ? <TaskActionModal kind={dialog.kind} task={dialog.task} onClose={() => setDialog(null)} /> : null}
      <TaskDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function TaskActionModal({ kind, task, onClose }: { kind: 'update' | 'carry' | 'close'; task: KeyTask; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const refresh = useRefreshFollowUp();
  const [form] = Form.useForm<{ text?: string; progress?: number; result?: string; done?: boolean }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  let next = '';
  try {
    next = periodLabel(nextPeriod(task.period), lang);
  } catch {
    next = '';
  }
  const title = kind === 'update' ? l('Cập nhật tiến độ', 'Update progress') : kind === 'carry' ? l(`Chuyển sang ${next || 'kỳ sau'}`, `Carry to ${next || 'next period'}`) : l('Đóng nhiệm vụ', 'Close the task');
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      if (kind === 'update') await fuApi.keyTaskUpdate(task.id, { text: v.text ?? '', progress: v.progress ?? null });
      else if (kind === 'carry') await fuApi.keyTaskCarry(task.id, task.version, v.result ?? '');
      else await fuApi.keyTaskClose(task.id, task.version, v.result ?? '', !!v.done);
      message.success(l('Đã lưu.', 'Saved.'));
      void refresh();
      onClose();
    } catch (e) {
      setError(applyServerError(form, e));
      void refresh();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={title} okText={l('Lưu', 'Save')} cancelText={l('Hủy', 'Cancel')} onOk={() => void submit()} confirmLoading={saving} onCancel={onClose}>
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Typography.Paragraph className="fu-clamp" type="secondary">{task.text}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ progress: task.progress, done: task.progress >= 100 }}>
        {kind === 'update' ? (
          <>
            <Form.Item name="text" label={l('Nội dung cập nhật', 'Update')}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
            <Form.Item name="progress" label={l('Tiến độ (%)', 'Progress (%)')}>
              <InputNumber min={0} max={100} suffix="%" style={{ width: 120 }} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="result"
              label={kind === 'carry' ? l('Kết quả đạt được và lý do chuyển kỳ', 'Result so far and why it carries over') : l('Kết quả', 'Result')}
              rules={[{ required: true, whitespace: true, message: l('Hãy ghi kết quả.', 'Write the result.') }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
            {kind === 'close' ? (
              <Form.Item name="done" valuePropName="checked">
                <Checkbox>{l('Nhiệm vụ đã hoàn thành', 'The task was done')}</Checkbox>
              </Form.Item>
            ) : null}
          </>
        )}
      </Form>
    </Modal>
  );
}

function NewTaskModal({ period, onClose }: { period: string; onClose: () => void }) {
  const l = useL();
  const { message } = App.useApp();
  const refresh = useRefreshFollowUp();
  const { divisions } = useDivisions();
  const sectors = useSectors();
  const periods = usePeriodOptions();
  const [form] = Form.useForm<{ period: string; text: string; owner?: string; sector?: string; deadline?: string | null }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await fuApi.keyTaskCreate({ period: v.period, text: v.text, owner: v.owner ?? null, sector: v.sector ?? null, deadline: v.deadline ?? null });
      message.success(l('Đã thêm nhiệm vụ.', 'Task added.'));
      void refresh();
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, ['period', 'text', 'owner', 'sector', 'deadline']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={l('Thêm nhiệm vụ trọng tâm', 'New key task')} okText={l('Thêm', 'Add')} cancelText={l('Hủy', 'Cancel')} onOk={() => void submit()} confirmLoading={saving} onCancel={onClose}>
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" initialValues={{ period }}>
        <Form.Item name="period" label={l('Kỳ', 'Period')} rules={[{ required: true }]}>
          <Select showSearch={viSearch} options={periods} />
        </Form.Item>
        <Form.Item name="text" label={l('Nhiệm vụ', 'Task')} rules={[{ required: true, whitespace: true, message: l('Hãy nhập nhiệm vụ.', 'Enter the task.') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="owner" label={l('Phòng chủ trì', 'Owner')}>
          <Select allowClear showSearch={viSearch} options={divisions.map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
        <Form.Item name="sector" label={l('Lĩnh vực', 'Sector')}>
          <Select allowClear showSearch={viSearch} options={(sectors.data ?? []).map((s) => ({ value: s.code, label: s.name }))} />
        </Form.Item>
        <Form.Item name="deadline" label={l('Hạn (mặc định: ngày cuối kỳ)', 'Deadline (default: end of period)')}>
          <DateField style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TaskDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const l = useL();
  const q = useKeyTask(id);
  const t = q.data;
  return (
    <Drawer open={id !== null} onClose={onClose} title={l('Nhiệm vụ trọng tâm', 'Key task')} size="large" destroyOnHidden>
      {q.error ? (
        <ErrorState compact error={q.error} />
      ) : !t ? null : (
        <Flex vertical gap={12}>
          <Typography.Paragraph className="fu-text" style={{ fontSize: 15, margin: 0 }}>{t.text}</Typography.Paragraph>
          <Space wrap>
            <KeyTaskStateTag state={t.state} />
            <Typography.Text type="secondary">{periodText(t.period)} · {t.owner?.name ?? l('Chưa giao', 'Unassigned')} · {l('hạn', 'due')} {vnDate(t.deadline)}</Typography.Text>
          </Space>
          <Progress percent={t.progress} aria-label={l(`Tiến độ ${t.progress}%`, `Progress ${t.progress}%`)} />
          {t.result ? <div className="fu-text">{l('Kết quả: ', 'Result: ')}{t.result}</div> : null}
          <Typography.Title level={5} style={{ margin: 0 }}>{l('Các lần cập nhật', 'Updates')}</Typography.Title>
          {t.updates.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Chưa có cập nhật nào.', 'No update yet.')} />
          ) : (
            <Timeline
              items={[...t.updates].sort((a, b) => b.at.localeCompare(a.at)).map((u) => ({
                key: u.id,
                content: (
                  <div>
                    <div className="nhip-muted" style={{ fontSize: 12 }}>
                      {vnDateTime(u.at)}
                      {u.by ? ` · ${u.by}` : ''}
                      {u.progress !== null ? ` · ${u.progress}%` : ''}
                    </div>
                    {u.text ? <div className="fu-text">{u.text}</div> : null}
                  </div>
                ),
              }))}
            />
          )}
        </Flex>
      )}
    </Drawer>
  );
}
