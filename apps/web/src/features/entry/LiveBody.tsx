/**
 * The part of the entry page that follows validation: the issue summary, the section navigation and the
 * sections. It owns the deferred validation so the header, narrative and attachments never re-render with it.
 */
import { Alert, Anchor, Button, Col, Flex, Row, Typography } from 'antd';
import { blockingIssues, NARRATIVE_LABELS, NARRATIVE_SECTIONS } from '@nhip/contracts';
import { memo, type ReactNode, useMemo, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { FormSections, sectionStats } from './FormSections';
import { IssueList } from './IssueList';
import type { EntryStore } from './store';
import type { Entry, EntryElement } from './types';
import { useValidation } from './useValidation';

type Props = {
  entry: Entry;
  store: EntryStore;
  elements: EntryElement[];
  names: Map<string, string>;
  serverErrors: Record<string, string>;
  editable: boolean;
  compact: boolean;
  onHistory?: (code: string) => void;
  /** Narrative and attachments: a stable element, rendered after the sections. */
  tail: ReactNode;
};

function LiveBodyImpl({ entry, store, elements, names, serverErrors, editable, compact, onHistory, tail }: Props) {
  const l = useL();
  const lang = useLang();
  const index = useValidation(store, entry, elements, serverErrors);
  const [showIssues, setShowIssues] = useState(false);
  const errorCount = index.all.filter((i) => i.importance === 'error').length;
  const warningCount = index.all.length - errorCount;
  const blocking = useMemo(() => blockingIssues(index.all).length, [index]);

  const anchorSig = entry.form.sections.map((s) => {
    const st = sectionStats(s, store, index);
    return `${s.id}:${st.errors}:${st.warnings}`;
  }).join('|');
  const anchorItems = useMemo(
    () => [
      ...entry.form.sections.map((s, i) => {
        const [, errors, warnings] = anchorSig.split('|')[i].split(':').map(Number);
        return {
          key: `s${s.id}`,
          href: `#section-${s.id}`,
          title: (
            <Flex justify="space-between" gap={6}>
              <span style={{ whiteSpace: 'normal' }}>{lang === 'en' && s.titleEn ? s.titleEn : s.title}</span>
              {errors ? <Typography.Text type="danger">{errors}</Typography.Text> : warnings ? <Typography.Text type="warning">{warnings}</Typography.Text> : null}
            </Flex>
          ),
        };
      }),
      ...(entry.form.narrative ? NARRATIVE_SECTIONS.map((s) => ({ key: s, href: `#narrative-${s}`, title: NARRATIVE_LABELS[s][lang] })) : []),
      { key: 'att', href: '#entry-attachments', title: l('Tài liệu đính kèm', 'Attachments') },
    ],
    [anchorSig, entry, lang, l],
  );

  const content = (
    <Flex vertical gap={16}>
      {index.all.length ? (
        <Alert
          type={errorCount ? 'error' : 'warning'}
          showIcon
          title={l(
            `Kiểm tra tự động: ${errorCount} lỗi, ${warningCount} cảnh báo${blocking && editable ? ` — ${blocking} mục cần xử lý trước khi nộp` : ''}.`,
            `Automatic checks: ${errorCount} errors, ${warningCount} warnings${blocking && editable ? ` — ${blocking} to resolve before submitting` : ''}.`,
          )}
          description={showIssues ? <div style={{ maxHeight: 320, overflow: 'auto' }}><IssueList issues={index.all} names={names} /></div> : undefined}
          action={<Button size="small" onClick={() => setShowIssues((v) => !v)}>{showIssues ? l('Ẩn', 'Hide') : l('Xem danh sách', 'Show list')}</Button>}
        />
      ) : null}
      {editable ? (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {l(
            'Nhập số theo cách viết Việt Nam (1.634 hoặc 94,3). Enter: sang ô tiếp theo · Shift+Enter: quay lại ô trước. Báo cáo được lưu tự động.',
            'Type numbers the Vietnamese way (1.634 or 94,3). Enter: next field · Shift+Enter: previous field. Everything is saved automatically.',
          )}
        </Typography.Text>
      ) : null}
      <FormSections entry={entry} store={store} index={index} readOnly={!editable} compact={compact} onHistory={onHistory} />
      {tail}
    </Flex>
  );

  if (compact) return content;
  return (
    <Row gutter={16} wrap={false}>
      <Col flex="240px">
        <div className="entry-anchor">
          <Anchor items={anchorItems} offsetTop={80} targetOffset={96} />
        </div>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>{content}</Col>
    </Row>
  );
}

export const LiveBody = memo(LiveBodyImpl);
