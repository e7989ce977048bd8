/** The form's sections: cards on desktop, collapsible panels on a phone; one memoised row per data element. */
import { CheckCircleFilled } from '@ant-design/icons';
import { Card, Collapse, Flex, Tag, Typography } from 'antd';
import type { Issue } from '@nhip/contracts';
import { memo } from 'react';
import { useL, useLang } from '../../app/i18n';
import { FieldRow } from './FieldRow';
import type { EntryStore } from './store';
import type { Entry, EntrySection } from './types';
import { type IssueIndex, issuesFor } from './useValidation';

type Props = {
  entry: Entry;
  store: EntryStore;
  index: IssueIndex;
  readOnly: boolean;
  compact: boolean;
  onHistory?: (code: string) => void;
};

export type SectionStats = { filled: number; total: number; errors: number; warnings: number };

export function sectionStats(section: EntrySection, store: EntryStore, index: IssueIndex): SectionStats {
  let filled = 0;
  let errors = 0;
  let warnings = 0;
  for (const e of section.elements) {
    if (store.get(e.code).value.trim() !== '') filled++;
    for (const i of issuesFor(index, e.code)) {
      if (i.importance === 'error') errors++;
      else warnings++;
    }
  }
  return { filled, total: section.elements.length, errors, warnings };
}

function SectionTitle({ title, stats }: { title: string; stats: SectionStats }) {
  const l = useL();
  const complete = stats.filled === stats.total && stats.total > 0;
  return (
    <Flex justify="space-between" align="center" gap={8} wrap="wrap" style={{ width: '100%' }}>
      <Typography.Text strong style={{ fontSize: 15, whiteSpace: 'normal' }}>{title}</Typography.Text>
      <Flex gap={6} align="center">
        {stats.errors ? <Tag color="error" style={{ marginInlineEnd: 0 }}>{l(`${stats.errors} lỗi`, `${stats.errors} errors`)}</Tag> : null}
        {stats.warnings ? <Tag color="warning" style={{ marginInlineEnd: 0 }}>{l(`${stats.warnings} cảnh báo`, `${stats.warnings} warnings`)}</Tag> : null}
        <Typography.Text type={complete ? 'success' : 'secondary'} style={{ fontSize: 12, fontWeight: 'normal' }}>
          {complete ? <CheckCircleFilled /> : null} {stats.filled}/{stats.total}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

type BlockProps = {
  section: EntrySection;
  entry: Entry;
  store: EntryStore;
  /** One issue array per element, in order (stable arrays while unchanged). */
  rowIssues: Issue[][];
  filled: number;
  errors: number;
  warnings: number;
  readOnly: boolean;
  onHistory?: (code: string) => void;
  part: 'card' | 'rows' | 'title';
};

function SectionBlockImpl({ section, entry, store, rowIssues, filled, errors, warnings, readOnly, onHistory, part }: BlockProps) {
  const l = useL();
  const lang = useLang();
  const stats = { filled, total: section.elements.length, errors, warnings };
  const title = <SectionTitle title={lang === 'en' && section.titleEn ? section.titleEn : section.title} stats={stats} />;
  if (part === 'title') return <span id={`section-${section.id}`}>{title}</span>;
  const rows = (
    <div>
      {section.elements.map((el, i) => (
        <FieldRow
          key={el.code}
          element={el}
          store={store}
          issues={rowIssues[i]}
          previous={entry.previous?.values[el.code]}
          lastYear={entry.lastYear?.values[el.code]}
          readOnly={readOnly}
          onHistory={onHistory}
        />
      ))}
    </div>
  );
  if (part === 'rows') return rows;
  return (
    <Card id={`section-${section.id}`} style={{ scrollMarginTop: 80 }} title={title} styles={{ body: { padding: 0 } }}>
      <div className="entry-field entry-field-head" aria-hidden>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l('Chỉ tiêu', 'Data element')}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'right' }}>{l('Số liệu kỳ này', 'This period')}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{entry.previous ? l('So sánh', 'Compare') : ''}</Typography.Text>
        <span />
      </div>
      {rows}
    </Card>
  );
}

/** A section re-renders only when its own counts or one of its rows' issues changed. */
const SectionBlock = memo(SectionBlockImpl, (a, b) => {
  for (const k of ['section', 'entry', 'store', 'filled', 'errors', 'warnings', 'readOnly', 'onHistory', 'part'] as const) if (a[k] !== b[k]) return false;
  return a.rowIssues.length === b.rowIssues.length && a.rowIssues.every((x, i) => x === b.rowIssues[i]);
});

export function FormSections(props: Props) {
  const { entry, store, index, compact, readOnly, onHistory } = props;
  const l = useL();
  if (entry.form.sections.length === 0)
    return <Card><Typography.Text type="secondary">{l('Biểu mẫu này chưa có chỉ tiêu nào.', 'This form has no data elements yet.')}</Typography.Text></Card>;

  const blockProps = (s: EntrySection, part: BlockProps['part']): BlockProps => {
    const st = sectionStats(s, store, index);
    return {
      section: s, entry, store, readOnly, onHistory, part,
      rowIssues: s.elements.map((e) => issuesFor(index, e.code)),
      filled: st.filled, errors: st.errors, warnings: st.warnings,
    };
  };

  if (compact) {
    return (
      <Collapse
        defaultActiveKey={entry.form.sections.map((s) => String(s.id))}
        items={entry.form.sections.map((s) => ({
          key: String(s.id),
          label: <SectionBlock {...blockProps(s, 'title')} />,
          children: <SectionBlock {...blockProps(s, 'rows')} />,
          styles: { body: { padding: '0 8px' } },
        }))}
      />
    );
  }

  return (
    <Flex vertical gap={16}>
      {entry.form.sections.map((s) => <SectionBlock key={s.id} {...blockProps(s, 'card')} />)}
    </Flex>
  );
}
