/**
 * Thảo luận: the difficulties and proposals of the period's approved reports, merged as the draft report merges them,
 * pre-filled before the conference; the secretary ticks what was raised, adds what was new from the floor, and links
 * each point to the units and the sector it concerns.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { DISCUSSION_KIND_LABELS, DISCUSSION_KINDS, type DiscussionKind } from '@nhip/contracts';
import { App, Button, Card, Checkbox, Empty, Flex, Form, Input, List, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { ErrorState } from '../../components/QueryState';
import { useSectors } from '../../components/sectors';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { api } from '../../lib/api';
import { type Board, type Conference, type DiscussionInput, type DiscussionItem, usePart, useRefreshConference } from './api';
import { PersonSelect } from './PersonSelect';
import { useAction, viSearch } from './shared';

export type DiscussionList = { items: DiscussionItem[]; canEdit: boolean };

const KIND_COLOR: Record<DiscussionKind, string> = { difficulty: 'orange', proposal: 'blue', opinion: 'default' };

export function DiscussionKindTag({ kind }: { kind: DiscussionKind }) {
  const lang = useLang();
  return <Tag color={KIND_COLOR[kind]}>{DISCUSSION_KIND_LABELS[kind][lang]}</Tag>;
}

export default function DiscussionTab({ c }: { c: Conference }) {
  const l = useL();
  const list = usePart<DiscussionList>(c.id, 'discussion', 'discussion');
  const refresh = useRefreshConference(c.id);
  const [run, busy] = useAction();
  const { modal } = App.useApp();
  const [kind, setKind] = useState<DiscussionKind | 'all'>('all');
  const [editing, setEditing] = useState<DiscussionItem | 'new' | null>(null);
  const canEdit = !!list.data?.canEdit;
  const items = list.data?.items ?? [];
  const shown = useMemo(() => items.filter((i) => kind === 'all' || i.kind === kind), [items, kind]);
  const raised = items.filter((i) => i.raised).length;

  const patch = (i: DiscussionItem, body: Partial<DiscussionInput>) =>
    run(`p${i.id}`, () => api.patch<DiscussionItem>(`/api/conferences/${c.id}/discussion/${i.id}`, body)).then(() => refresh(['discussion']));
  const reorder = (from: number, to: number) => {
    if (to < 0 || to >= items.length) return;
    const ids = items.map((i) => i.id);
    const [x] = ids.splice(from, 1);
    ids.splice(to, 0, x as number);
    void run('order', () => api.put(`/api/conferences/${c.id}/discussion/order`, { ids })).then(() => refresh(['discussion']));
  };
  const prefill = () =>
    run(
      'prefill',
      () => api.post<{ added: number; kept: number; removed: number }>(`/api/conferences/${c.id}/discussion/prefill`),
      (r) => l(`Đã lấy ${r.added} ý từ báo cáo; giữ ${r.kept} ý đã đánh dấu.`, `${r.added} points from the reports; ${r.kept} kept.`),
    ).then(() => refresh(['discussion']));

  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card
      loading={list.isLoading}
      title={
        <Flex vertical>
          <span>{l('Ý kiến thảo luận', 'Discussion')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
            {l(`${items.length} ý, ${raised} ý đã nêu tại hội nghị`, `${items.length} points, ${raised} raised`)}
          </Typography.Text>
        </Flex>
      }
      extra={
        canEdit ? (
          <Space wrap>
            <Button
              icon={<ImportOutlined />}
              loading={busy === 'prefill'}
              onClick={() =>
                items.some((i) => i.source === 'report')
                  ? modal.confirm({
                      title: l('Lấy lại từ báo cáo?', 'Pre-fill again?'),
                      content: l('Các ý lấy từ báo cáo chưa đánh dấu "đã nêu" được thay bằng bản mới; ý đã đánh dấu và ý tại hội nghị được giữ.', 'Unticked report points are replaced; ticked ones and floor points stay.'),
                      okText: l('Lấy lại', 'Pre-fill'),
                      cancelText: l('Hủy', 'Cancel'),
                      onOk: () => prefill(),
                    })
                  : void prefill()
              }
            >
              {l('Lấy từ báo cáo các đơn vị', 'Pre-fill from the reports')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {l('Thêm ý kiến', 'Add a point')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Segmented<DiscussionKind | 'all'>
        aria-label={l('Lọc theo loại ý kiến', 'Filter by kind')}
        value={kind}
        onChange={setKind}
        options={[{ value: 'all', label: l('Tất cả', 'All') }, ...DISCUSSION_KINDS.map((k) => ({ value: k, label: <DiscussionKindLabel kind={k} /> }))]}
        style={{ marginBottom: 12 }}
      />
      {shown.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={l(
            'Chưa có ý kiến. Lấy khó khăn, đề xuất từ báo cáo đã duyệt của các đơn vị, hoặc ghi ý kiến tại hội nghị.',
            'No points yet. Pre-fill from the approved reports, or record what is said.',
          )}
        />
      ) : (
        <List
          dataSource={shown}
          renderItem={(i) => {
            const idx = items.indexOf(i);
            return (
              <List.Item
                className="conf-discussion-item"
                actions={
                  canEdit
                    ? [
                        <Button key="u" size="small" type="text" icon={<ArrowUpOutlined />} disabled={idx === 0 || kind !== 'all'} aria-label={l('Lên', 'Up')} onClick={() => reorder(idx, idx - 1)} />,
                        <Button key="d" size="small" type="text" icon={<ArrowDownOutlined />} disabled={idx === items.length - 1 || kind !== 'all'} aria-label={l('Xuống', 'Down')} onClick={() => reorder(idx, idx + 1)} />,
                        <Button key="e" size="small" type="text" icon={<EditOutlined />} aria-label={l('Sửa ý kiến', 'Edit')} onClick={() => setEditing(i)} />,
                        <Button
                          key="x"
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={l('Xóa ý kiến', 'Delete')}
                          onClick={() =>
                            modal.confirm({
                              title: l('Xóa ý kiến này?', 'Delete this point?'),
                              content: i.text.slice(0, 200),
                              okText: l('Xóa', 'Delete'),
                              cancelText: l('Hủy', 'Cancel'),
                              okButtonProps: { danger: true },
                              onOk: () => run('del', () => api.del(`/api/conferences/${c.id}/discussion/${i.id}`)).then(() => refresh(['discussion'])),
                            })
                          }
                        />,
                      ]
                    : undefined
                }
              >
                <Flex gap={12} align="flex-start" style={{ width: '100%' }}>
                  <Checkbox
                    checked={i.raised}
                    disabled={!canEdit || busy === `p${i.id}`}
                    onChange={(e) => void patch(i, { raised: e.target.checked })}
                    aria-label={l('Đã nêu tại hội nghị', 'Raised at the conference')}
                  />
                  <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
                    <div className="conf-pre">{i.text}</div>
                    <Flex gap={6} wrap="wrap" align="center">
                      <DiscussionKindTag kind={i.kind} />
                      <Tag>{i.source === 'report' ? l('Từ báo cáo', 'From a report') : l('Tại hội nghị', 'From the floor')}</Tag>
                      {i.sector ? <Tag color="geekblue">{i.sector.name}</Tag> : null}
                      {i.answeredBy ? <Tag color="green">{l(`${i.answeredBy} điểm kết luận trả lời`, `${i.answeredBy} conclusion point(s)`)}</Tag> : null}
                    </Flex>
                    {i.units.length || i.speaker ? (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {[i.speaker?.name, [...new Set(i.units.map((u) => u.name))].join(', ')].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
      {editing ? <DiscussionModal c={c} item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

function DiscussionKindLabel({ kind }: { kind: DiscussionKind }) {
  const lang = useLang();
  return <>{DISCUSSION_KIND_LABELS[kind][lang]}</>;
}

/** Add or edit one point: kind, text, who spoke, units, sector, and whether it was raised. */
export function DiscussionModal({ c, item, onClose }: { c: Conference; item: DiscussionItem | null; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const sectors = useSectors();
  const board = usePart<Board>(c.id, 'board', 'invitations');
  const [form] = Form.useForm<DiscussionInput>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const refresh = useRefreshConference(c.id);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const body = { ...v, sectorId: v.sectorId ?? null, speakerPersonId: v.speakerPersonId ?? null, speakerName: v.speakerName?.trim() || null, unitIds: v.unitIds ?? [] };
      if (item) await api.patch(`/api/conferences/${c.id}/discussion/${item.id}`, body);
      else await api.post(`/api/conferences/${c.id}/discussion`, body);
      await refresh(['discussion']);
      onClose();
    } catch (e) {
      setError(applyServerError(form, e, ['kind', 'text', 'sectorId', 'speakerPersonId', 'speakerName', 'unitIds']));
    } finally {
      setSaving(false);
    }
  };
  const unitOptions = useMemo(() => {
    const opts = (board.data?.items ?? []).map((i) => ({ value: i.unit.id, label: i.unit.name }));
    for (const u of item?.units ?? []) if (!opts.some((o) => o.value === u.id)) opts.push({ value: u.id, label: u.name });
    return opts;
  }, [board.data, item]);
  return (
    <Modal
      open
      title={item ? l('Sửa ý kiến', 'Edit the point') : l('Thêm ý kiến', 'Add a point')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={l('Lưu', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: saving }}
      width={640}
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={
          item
            ? {
                kind: item.kind, text: item.text, sectorId: item.sector?.id ?? null, speakerPersonId: item.speaker?.personId ?? null,
                speakerName: item.speaker?.personId ? '' : (item.speaker?.name ?? ''), unitIds: [...new Set(item.units.map((u) => u.id))], raised: item.raised,
              }
            : { kind: 'difficulty', raised: true, unitIds: [] }
        }
      >
        <Form.Item name="kind" label={l('Loại', 'Kind')}>
          <Segmented options={DISCUSSION_KINDS.map((k) => ({ value: k, label: DISCUSSION_KIND_LABELS[k][lang] }))} />
        </Form.Item>
        <Form.Item name="text" label={l('Nội dung', 'The point')} rules={[{ required: true, message: l('Hãy nhập nội dung.', 'Enter the point.') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="unitIds" label={l('Đơn vị nêu', 'Units')}>
          <Select mode="multiple" showSearch={viSearch} options={unitOptions} placeholder={l('Đơn vị được mời', 'Invited units')} />
        </Form.Item>
        <Flex gap={12} wrap="wrap">
          <Form.Item name="speakerPersonId" label={l('Người phát biểu', 'Speaker')} style={{ flex: '1 1 240px' }}>
            <PersonSelect initial={item?.speaker?.personId ? { personId: item.speaker.personId, fullName: item.speaker.name, position: null } : null} />
          </Form.Item>
          <Form.Item name="speakerName" label={l('hoặc tên (ngoài danh bạ)', 'or a name')} style={{ flex: '1 1 200px' }}>
            <Input maxLength={300} />
          </Form.Item>
        </Flex>
        <Form.Item name="sectorId" label={l('Lĩnh vực', 'Sector')}>
          <Select allowClear loading={sectors.isLoading} options={(sectors.data ?? []).map((s) => ({ value: s.id, label: lang === 'en' && s.nameEn ? s.nameEn : s.name }))} />
        </Form.Item>
        <Form.Item name="raised" valuePropName="checked">
          <Checkbox>{l('Đã nêu tại hội nghị', 'Raised at the conference')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
