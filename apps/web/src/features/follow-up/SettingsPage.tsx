/**
 * Thiết lập theo dõi kiến nghị: the schedule of reminders and escalation (setting 'followup.reminders') and the
 * matching lexicon (abbreviations, synonyms, stop words) that recognises a point raised again. The department reads
 * them; the office changes them. A box tries a text against the register with the lexicon as saved, so the office sees
 * what a change does before the next intake.
 */
import { DeleteOutlined, PlusOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { formatNumber, searchMatches } from '@nhip/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { fuApi, fuKeys, type LexiconRow, type ReminderSettings } from './api';

const WEEKDAYS = ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];
const KIND_LABELS: Record<LexiconRow['kind'], { vi: string; color: string; help: string }> = {
  abbreviation: { vi: 'Viết tắt', color: 'blue', help: 'Dạng viết tắt và các cách viết đầy đủ của nó' },
  synonym: { vi: 'Đồng nghĩa', color: 'green', help: 'Cách viết chuẩn và các cách nói khác cùng nghĩa' },
  stop: { vi: 'Từ bỏ qua', color: 'default', help: 'Từ không mang nội dung, không tính khi so khớp' },
};

export default function SettingsPage() {
  const l = useL();
  const me = useCurrentUser();
  const office = !!me.abilities['recommendations.manage'];
  return (
    <>
      <PageHeader
        title={l('Thiết lập theo dõi kiến nghị', 'Follow-up settings')}
        subtitle={l('Lịch nhắc hạn, báo lãnh đạo khi quá hạn, và từ điển nhận ra kiến nghị nêu lại', 'Reminders, escalation and the matching lexicon')}
        crumbs={[{ title: l('Theo dõi kiến nghị', 'Recommendations'), to: '/follow-up' }, { title: l('Thiết lập', 'Settings') }]}
      />
      <Flex vertical gap={16}>
        <RemindersCard office={office} />
        <LexiconCard office={office} />
      </Flex>
    </>
  );
}

function RemindersCard({ office }: { office: boolean }) {
  const l = useL();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...fuKeys.all, 'reminders'], queryFn: fuApi.reminders });
  const [form] = Form.useForm<ReminderSettings>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data);
  }, [q.data, form]);
  if (q.error) return <ErrorState error={q.error} />;
  const save = async (v: ReminderSettings) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await fuApi.saveReminders({ ...v, daysBefore: (v.daysBefore ?? []).map(Number) });
      qc.setQueryData([...fuKeys.all, 'reminders'], saved);
      message.success(l('Đã lưu lịch nhắc hạn. Lần chạy tới của hệ thống sẽ theo lịch mới.', 'Saved.'));
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setSaving(false);
    }
  };
  const s = q.data;
  return (
    <Card title={l('Nhắc hạn và báo lãnh đạo', 'Reminders and escalation')} loading={q.isPending}>
      {s && (
        <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
          {l(
            `Hiện nay: phòng chủ trì được nhắc ${s.daysBefore.length ? `trước hạn ${s.daysBefore.join(' và ')} ngày` : 'không nhắc trước hạn'}${s.onDeadline ? ', vào ngày đến hạn' : ''}, và ${s.overdueEveryDays} ngày một lần khi đã quá hạn; quá hạn ${s.escalateAfterDays} ngày thì kiến nghị được báo lãnh đạo Sở phụ trách và hiện trên trang của Ban Giám đốc; bản tổng hợp hằng tuần gửi từng phòng vào ${WEEKDAYS[s.digestWeekday - 1]}.`,
            'Current schedule.',
          )}
        </Typography.Paragraph>
      )}
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" onFinish={save} disabled={!office} style={{ maxWidth: 760 }}>
        <Flex gap={16} wrap>
          <Form.Item name="daysBefore" label={l('Nhắc trước hạn (số ngày)', 'Days before')} extra={l('Gõ số rồi Enter; tối đa 10 mốc, từ 1 đến 90 ngày.', 'Up to 10 values.')} style={{ minWidth: 260 }}>
            <Select mode="tags" tokenSeparators={[',', ' ']} open={false} aria-label={l('Nhắc trước hạn (số ngày)', 'Days before')} />
          </Form.Item>
          <Form.Item name="onDeadline" label={l('Nhắc vào ngày đến hạn', 'On the day')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="overdueEveryDays" label={l('Khi quá hạn, nhắc lại sau mỗi (ngày)', 'Overdue: every (days)')} rules={[{ required: true, message: l('Nhập số ngày.', 'Required.') }]}>
            <InputNumber min={1} max={90} precision={0} />
          </Form.Item>
          <Form.Item name="escalateAfterDays" label={l('Quá hạn bao nhiêu ngày thì báo lãnh đạo Sở', 'Escalate after (days)')} rules={[{ required: true, message: l('Nhập số ngày.', 'Required.') }]}>
            <InputNumber min={0} max={365} precision={0} />
          </Form.Item>
          <Form.Item name="digestWeekday" label={l('Ngày gửi bản tổng hợp hằng tuần', 'Weekly digest on')}>
            <Select style={{ width: 160 }} options={WEEKDAYS.map((d, i) => ({ value: i + 1, label: d.charAt(0).toUpperCase() + d.slice(1) }))} />
          </Form.Item>
        </Flex>
        {office ? (
          <Button type="primary" htmlType="submit" loading={saving}>
            {l('Lưu lịch nhắc hạn', 'Save')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{l('Chỉ Văn phòng Sở thay đổi được lịch nhắc hạn.', 'Only the office can change this.')}</Typography.Text>
        )}
      </Form>
    </Card>
  );
}

type Editable = LexiconRow & { key: number };

function LexiconCard({ office }: { office: boolean }) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...fuKeys.all, 'lexicon'], queryFn: fuApi.lexicon });
  const [rows, setRows] = useState<Editable[] | null>(null);
  const [filter, setFilter] = useState('');
  const [kind, setKind] = useState<LexiconRow['kind'] | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (q.data) setRows(q.data.rows.map((r, i) => ({ ...r, key: i })));
  }, [q.data]);
  const dirty = useMemo(() => !!q.data && !!rows && JSON.stringify(rows.map(({ key: _k, ...r }) => r)) !== JSON.stringify(q.data.rows), [q.data, rows]);
  const shown = useMemo(
    () => (rows ?? []).filter((r) => (!kind || r.kind === kind) && (!filter || searchMatches(`${r.term} ${r.variants.join(' ')}`, filter))),
    [rows, kind, filter],
  );
  if (q.error) return <ErrorState error={q.error} />;
  const edit = (key: number, patch: Partial<LexiconRow>) => setRows((rs) => (rs ?? []).map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const key = Math.max(-1, ...(rows ?? []).map((r) => r.key)) + 1;
    setRows((rs) => [{ key, kind: kind ?? 'abbreviation', term: '', variants: [] }, ...(rs ?? [])]);
    setFilter('');
  };
  const done = (r: { rows: LexiconRow[]; rebuilt: number; ms: number; isDefault: boolean; version: string }, what: string) => {
    qc.setQueryData([...fuKeys.all, 'lexicon'], { rows: r.rows, version: r.version, isDefault: r.isDefault });
    void qc.invalidateQueries({ queryKey: fuKeys.all });
    message.success(l(`${what} Đã tính lại khóa so khớp của ${formatNumber(r.rebuilt)} kiến nghị.`, `${what} ${r.rebuilt} recomputed.`));
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      done(await fuApi.saveLexicon((rows ?? []).map(({ key: _k, ...r }) => ({ ...r, term: r.term.trim() }))), l('Đã lưu từ điển.', 'Saved.'));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const reset = async () => {
    setSaving(true);
    setError(null);
    try {
      done(await fuApi.resetLexicon(), l('Đã khôi phục từ điển mặc định.', 'Default restored.'));
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setSaving(false);
    }
  };
  const columns: ColumnsType<Editable> = [
    {
      title: l('Loại', 'Kind'), dataIndex: 'kind', width: 150,
      render: (k: LexiconRow['kind'], r) => office
        ? <Select size="small" value={k} style={{ width: 130 }} aria-label={l('Loại', 'Kind')} onChange={(v) => edit(r.key, { kind: v })} options={Object.entries(KIND_LABELS).map(([value, x]) => ({ value, label: x.vi }))} />
        : <Tag color={KIND_LABELS[k].color}>{KIND_LABELS[k].vi}</Tag>,
    },
    {
      title: l('Từ', 'Term'), dataIndex: 'term', width: 220,
      render: (t: string, r) => office ? <Input size="small" value={t} maxLength={200} aria-label={l('Từ', 'Term')} status={t.trim() ? undefined : 'error'} onChange={(e) => edit(r.key, { term: e.target.value })} /> : <Typography.Text strong>{t}</Typography.Text>,
    },
    {
      title: l('Các cách viết khác', 'Variants'), dataIndex: 'variants',
      render: (v: string[], r) => office
        ? <Select size="small" mode="tags" value={v} open={false} tokenSeparators={[';']} style={{ width: '100%' }} aria-label={l('Các cách viết khác', 'Variants')} onChange={(x: string[]) => edit(r.key, { variants: x })} disabled={r.kind === 'stop' && v.length === 0} />
        : v.map((x) => <Tag key={x}>{x}</Tag>),
    },
    {
      title: l('Đúng dấu', 'Exact'), dataIndex: 'exact', width: 90, align: 'center',
      render: (x: boolean | undefined, r) => <Checkbox checked={!!x} disabled={!office} aria-label={l('Chỉ khớp khi viết đúng dấu', 'Exact')} onChange={(e) => edit(r.key, { exact: e.target.checked || undefined })} />,
    },
    {
      title: l('Từ chỉ loại', 'Generic'), dataIndex: 'generic', width: 100, align: 'center',
      render: (x: boolean | undefined, r) => <Checkbox checked={!!x} disabled={!office} aria-label={l('Từ chỉ loại đề nghị', 'Generic')} onChange={(e) => edit(r.key, { generic: e.target.checked || undefined })} />,
    },
    ...(office ? [{
      title: '', key: 'x', width: 48,
      render: (_: unknown, r: Editable) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={l(`Xóa dòng ${r.term}`, 'Remove')} onClick={() => setRows((rs) => (rs ?? []).filter((x) => x.key !== r.key))} />,
    }] : []),
  ];
  return (
    <Card
      title={l('Từ điển so khớp kiến nghị', 'Matching lexicon')}
      loading={q.isPending}
      extra={q.data && <Tag color={q.data.isDefault ? 'default' : 'gold'}>{q.data.isDefault ? l('Từ điển mặc định', 'Default') : l('Đã chỉnh sửa', 'Edited')}</Tag>}
    >
      <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
        {l(
          'Khi so một kiến nghị mới với các kiến nghị đã có, hệ thống bỏ dấu, bỏ chữ hoa và thứ tự từ, coi các từ viết tắt của ngành (CNTT, TTHC, ATTT, BTS…) và các từ đồng nghĩa dưới đây là một, và bỏ qua các từ không mang nội dung. Lưu thay đổi thì khóa so khớp của mọi kiến nghị được tính lại.',
          'How the matching reads texts.',
        )}
      </Typography.Paragraph>
      <TryMatch />
      <ServerErrorAlert message={error ? errorMessage(error, lang) : null} onClose={() => setError(null)} />
      <Flex gap={8} wrap style={{ margin: '12px 0' }} align="center">
        <Input allowClear prefix={<SearchOutlined />} placeholder={l('Tìm từ', 'Search')} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 240 }} aria-label={l('Tìm từ', 'Search')} />
        <Select allowClear placeholder={l('Mọi loại', 'All kinds')} value={kind} onChange={setKind} style={{ width: 160 }} aria-label={l('Loại', 'Kind')} options={Object.entries(KIND_LABELS).map(([value, x]) => ({ value, label: x.vi }))} />
        <Typography.Text type="secondary">{l(`${formatNumber(shown.length)}/${formatNumber(rows?.length ?? 0)} dòng`, `${shown.length} rows`)}</Typography.Text>
        {office && (
          <Space style={{ marginInlineStart: 'auto' }} wrap>
            <Button icon={<PlusOutlined />} onClick={add}>{l('Thêm dòng', 'Add row')}</Button>
            <Popconfirm title={l('Khôi phục từ điển mặc định? Các dòng đã sửa sẽ mất.', 'Restore the default?')} okText={l('Khôi phục', 'Restore')} cancelText={l('Thôi', 'Cancel')} onConfirm={reset}>
              <Button icon={<UndoOutlined />} disabled={q.data?.isDefault || saving}>{l('Khôi phục mặc định', 'Restore default')}</Button>
            </Popconfirm>
            <Button onClick={() => q.data && setRows(q.data.rows.map((r, i) => ({ ...r, key: i })))} disabled={!dirty || saving}>{l('Bỏ thay đổi', 'Discard')}</Button>
            <Button type="primary" onClick={save} loading={saving} disabled={!dirty}>{l('Lưu từ điển', 'Save')}</Button>
          </Space>
        )}
      </Flex>
      <Table<Editable> size="small" rowKey="key" columns={columns} dataSource={shown} pagination={{ pageSize: 25, showSizeChanger: false, hideOnSinglePage: true }} />
    </Card>
  );
}

/** Tries a text against the register (POST /api/recommendations/similar), with the lexicon as saved. */
function TryMatch() {
  const l = useL();
  const lang = useLang();
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ id: number; text: string; score: number; recurring: boolean }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult((await fuApi.similar(text.trim(), 5)).matches);
    } catch (e) {
      setError(errorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" type="inner" title={l('Thử so khớp', 'Try it')}>
      <Space.Compact style={{ width: '100%', maxWidth: 860 }}>
        <Input
          value={text}
          maxLength={2000}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={run}
          placeholder={l('Gõ một kiến nghị, ví dụ: de nghi ho tro kinh phi sua loa truyen thanh', 'Type a recommendation')}
          aria-label={l('Nội dung kiến nghị để thử so khớp', 'Text to match')}
        />
        <Button type="primary" onClick={run} loading={busy}>{l('So khớp', 'Match')}</Button>
      </Space.Compact>
      {error && <Typography.Paragraph type="danger" style={{ marginTop: 8 }}>{error}</Typography.Paragraph>}
      {result && (
        <ol style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
          {result.length === 0 && <Typography.Text type="secondary">{l('Không có kiến nghị nào giống.', 'No match.')}</Typography.Text>}
          {result.map((m) => (
            <li key={m.id}>
              <Link to={`/follow-up/${m.id}`} style={{ textDecoration: 'underline' }}>#{m.id}</Link> {m.text}{' '}
              <Typography.Text type="secondary">({l('độ giống', 'score')} {formatNumber(m.score, { maxDecimals: 2 })})</Typography.Text>{' '}
              {m.recurring && <Tag color="orange">{l('Đề xuất: cùng một kiến nghị', 'Proposed: same point')}</Tag>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
