/** The report's history: its timeline (who did what, when) and the changes of each value, before → after. */
import { useQuery } from '@tanstack/react-query';
import { Drawer, Empty, Grid, Select, Skeleton, Tabs, Tag, Timeline, Typography } from 'antd';
import { formatDateTime, NARRATIVE_LABELS, type NarrativeSection, STATUS_LABELS, type SubmissionStatus } from '@nhip/contracts';
import type { ReactNode } from 'react';
import { useL, useLang } from '../../app/i18n';
import { api } from '../../lib/api';
import { ErrorState } from '../rounds/shared';
import { readableValue } from './store';
import { actorName, type EntryElement, type History, type HistoryEvent } from './types';

const ACTIONS: Record<string, { vi: string; en: string; color: string }> = {
  'submission.create': { vi: 'Tạo báo cáo', en: 'Report created', color: 'gray' },
  'submission.save': { vi: 'Lưu số liệu', en: 'Figures saved', color: 'gray' },
  'submission.narrative': { vi: 'Sửa phần thuyết minh', en: 'Narrative edited', color: 'gray' },
  'submission.import_xlsx': { vi: 'Nhập từ Excel', en: 'Imported from Excel', color: 'gray' },
  'submission.submit': { vi: 'Nộp báo cáo', en: 'Submitted', color: 'blue' },
  'submission.recall': { vi: 'Rút lại để sửa', en: 'Recalled', color: 'orange' },
  'submission.approve': { vi: 'Duyệt báo cáo', en: 'Approved', color: 'green' },
  'submission.return': { vi: 'Trả lại báo cáo', en: 'Returned', color: 'red' },
  'submission.unlock': { vi: 'Mở khóa báo cáo', en: 'Unlocked', color: 'orange' },
  'attachment.upload': { vi: 'Đính kèm tệp', en: 'File attached', color: 'gray' },
  'attachment.delete': { vi: 'Xóa tệp đính kèm', en: 'Attachment deleted', color: 'gray' },
};

const VALUE_ACTIONS: Record<string, { vi: string; en: string }> = {
  create: { vi: 'Nhập mới', en: 'Entered' },
  update: { vi: 'Sửa', en: 'Changed' },
  delete: { vi: 'Xóa', en: 'Deleted' },
  approve_import: { vi: 'Nhập số liệu đã duyệt', en: 'Approved import' },
};

const obj = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {});

function EventDetail({ e }: { e: HistoryEvent }) {
  const lang = useLang();
  const before = obj(e.before);
  const after = obj(e.after);
  const parts: ReactNode[] = [];
  const st = (s: unknown) => STATUS_LABELS[s as SubmissionStatus]?.[lang] ?? String(s);
  if (after.status !== undefined) parts.push(<div key="s">{before.status !== undefined ? `${st(before.status)} → ` : ''}{st(after.status)}</div>);
  for (const k of ['comment', 'reason', 'note'] as const) {
    const v = after[k];
    if (typeof v === 'string' && v.trim()) parts.push(<blockquote key={k} className="entry-history-quote">“{v}”</blockquote>);
  }
  if (typeof after.filename === 'string') parts.push(<div key="f">{after.filename}</div>);
  if (typeof before.filename === 'string' && after.filename === undefined) parts.push(<div key="bf">{before.filename}</div>);
  const sections = Object.keys(after).filter((k): k is NarrativeSection => k in NARRATIVE_LABELS);
  if (sections.length) parts.push(<div key="n">{sections.map((s) => NARRATIVE_LABELS[s][lang]).join(', ')}</div>);
  if (typeof after.values === 'number') parts.push(<div key="v">{lang === 'en' ? `${after.values} values` : `${after.values} giá trị`}</div>);
  return parts.length ? <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>{parts}</div> : null;
}

type Props = {
  open: boolean;
  onClose: () => void;
  url: string;
  elements: EntryElement[];
  code: string | null;
  onCode: (code: string | null) => void;
};

export function HistoryDrawer({ open, onClose, url, elements, code, onCode }: Props) {
  const l = useL();
  const lang = useLang();
  const screens = Grid.useBreakpoint();
  const q = useQuery({ queryKey: ['entry-history', url], queryFn: () => api.get<History>(`${url}/history`), enabled: open, staleTime: 0 });
  const el = elements.find((e) => e.code === code);
  const changes = code ? [...(q.data?.values[code] ?? [])].sort((a, b) => b.at.localeCompare(a.at)) : [];
  const changedCodes = new Set(Object.keys(q.data?.values ?? {}));

  const byNewest = <T extends { at: string }>(xs: T[]) => [...xs].sort((a, b) => b.at.localeCompare(a.at));
  const timeline = byNewest(q.data?.events ?? []).map((e) => {
    const a = ACTIONS[e.action];
    return {
      key: `${e.at}-${e.action}`,
      color: a?.color ?? 'gray',
      content: (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(e.at)}</Typography.Text>
          <div><Typography.Text strong>{a ? a[lang] : e.action}</Typography.Text> · {actorName(e.actor)}</div>
          <EventDetail e={e} />
        </div>
      ),
    };
  });

  const valueTimeline = changes.map((c, i) => ({
    key: `${c.at}-${i}`,
    color: c.action === 'delete' ? 'red' : c.action === 'create' ? 'green' : 'blue',
    content: (
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(c.at)}</Typography.Text>
        <div><Typography.Text strong>{VALUE_ACTIONS[c.action]?.[lang] ?? c.action}</Typography.Text> · {actorName(c.actor)}</div>
        <div style={{ marginTop: 2 }}>
          <Tag>{el ? readableValue(el.valueType, c.previousValue, lang) : (c.previousValue ?? '—')}</Tag>→{' '}
          <Tag color="blue">{el ? readableValue(el.valueType, c.value, lang) : (c.value ?? '—')}</Tag>
        </div>
        {c.comment ? <div style={{ fontSize: 12, color: '#0b5cad' }}>{l('Ghi chú', 'Comment')}: {c.comment}</div> : null}
      </div>
    ),
  }));

  return (
    <Drawer open={open} onClose={onClose} title={l('Lịch sử báo cáo', 'Report history')} size={screens.md ? 560 : '100%'} destroyOnHidden>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Tabs
          activeKey={code ? 'values' : 'events'}
          onChange={(k) => onCode(k === 'values' ? (code ?? elements.find((e) => changedCodes.has(e.code))?.code ?? elements[0]?.code ?? null) : null)}
          items={[
            {
              key: 'events',
              label: l('Diễn biến', 'Timeline'),
              children: timeline.length ? <Timeline items={timeline} /> : <Empty description={l('Chưa có sự kiện nào.', 'Nothing yet.')} />,
            },
            {
              key: 'values',
              label: l('Lịch sử giá trị', 'Value history'),
              children: (
                <>
                  <Select
                    aria-label={l('Chỉ tiêu', 'Data element')}
                    showSearch={{ optionFilterProp: 'label' }}
                    style={{ width: '100%', marginBottom: 16 }}
                    value={code ?? undefined}
                    onChange={(c: string) => onCode(c)}
                    options={elements.map((e) => ({
                      value: e.code,
                      label: `${e.code} – ${lang === 'en' && e.nameEn ? e.nameEn : e.name}${changedCodes.has(e.code) ? ` (${q.data.values[e.code].length})` : ''}`,
                    }))}
                  />
                  {valueTimeline.length ? (
                    <Timeline items={valueTimeline} />
                  ) : (
                    <Empty description={l('Giá trị này chưa thay đổi lần nào.', 'This value has no changes.')} />
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
