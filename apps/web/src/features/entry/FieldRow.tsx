/**
 * One data element of the entry form. Memoised with its own local text: a keystroke re-renders this row
 * only. It writes to the store; validation comes back as `issues` (the same array while unchanged).
 */
import { CloseCircleFilled, HistoryOutlined, MessageFilled, MessageOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Input, Popover, Select, Tag, Tooltip, Typography } from 'antd';
import { formatNumber, formatPercent, type Issue, parseValue, typedText } from '@nhip/contracts';
import { type KeyboardEvent, memo, useCallback, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { displayValue, type EntryStore, readableValue } from './store';
import type { EntryElement } from './types';

type Props = {
  element: EntryElement;
  store: EntryStore;
  issues: Issue[];
  previous: string | undefined;
  lastYear: string | undefined;
  readOnly: boolean;
  onHistory?: (code: string) => void;
};

/** Enter → next field, Shift+Enter → previous field (the rows carry data-nav). */
export function moveFocus(from: HTMLElement, step: 1 | -1) {
  const all = [...document.querySelectorAll<HTMLElement>('[data-nav]')];
  const i = all.findIndex((el) => el.contains(from));
  const next = all[i + step];
  const target = next?.querySelector<HTMLInputElement | HTMLTextAreaElement>('input:not([type=hidden]), textarea');
  if (!target) return;
  target.focus();
  if ('select' in target && target.type !== 'search') target.select();
  target.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

const navKey = (e: KeyboardEvent<HTMLElement>) => {
  if (e.key !== 'Enter' || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
  e.preventDefault();
  moveFocus(e.currentTarget, e.shiftKey ? -1 : 1);
};

function FieldRowImpl({ element: el, store, issues, previous, lastYear, readOnly, onHistory }: Props) {
  const l = useL();
  const lang = useLang();
  const [text, setText] = useState(() => store.get(el.code).value);
  const [comment, setComment] = useState(() => store.get(el.code).comment);
  const [commentOpen, setCommentOpen] = useState(false);
  const name = lang === 'en' && el.nameEn ? el.nameEn : el.name;
  const numeric = el.valueType === 'INTEGER' || el.valueType === 'NUMBER' || el.valueType === 'PERCENTAGE';

  const change = useCallback((v: string) => {
    setText(v);
    store.setValue(el.code, v);
  }, [store, el.code]);

  const changeComment = (v: string) => {
    setComment(v);
    store.setComment(el.code, v);
  };

  // On leaving a number field, show it the Vietnamese way ('1634' → '1.634'); the value is unchanged.
  const blur = () => {
    if (!numeric || text.trim() === '') return;
    const p = parseValue(el.valueType, text);
    if (p.ok && p.num !== null) {
      const shown = displayValue(el.valueType, p.canonical);
      if (shown !== text) change(shown);
    }
  };

  const errors = issues.filter((i) => i.importance === 'error');
  const warnings = issues.filter((i) => i.importance === 'warning');
  const status = errors.length ? 'error' : warnings.length ? 'warning' : undefined;
  const hasValue = text.trim() !== '';

  const delta = (() => {
    if (!numeric || !previous || !hasValue) return null;
    const cur = parseValue(el.valueType, text);
    const prev = Number(previous);
    if (!cur.ok || cur.num === null || !Number.isFinite(prev) || prev === 0) return null;
    return ((cur.num - prev) / Math.abs(prev)) * 100;
  })();

  const input = readOnly ? (
    el.valueType === 'TEXT' ? (
      <Input.TextArea id={`de-${el.code}`} data-code={el.code} aria-label={name} readOnly variant="filled" autoSize={{ minRows: 1, maxRows: 8 }} value={text} />
    ) : (
      <Input
        id={`de-${el.code}`}
        data-code={el.code}
        aria-label={name}
        readOnly
        variant="filled"
        className="entry-number"
        value={hasValue ? readableValue(el.valueType, parsedCanonical(el, text), lang) : ''}
        placeholder={l('(chưa nhập)', '(empty)')}
      />
    )
  ) : el.valueType === 'BOOLEAN' ? (
    <Select
      id={`de-${el.code}`}
      data-code={el.code}
      aria-label={name}
      allowClear
      style={{ width: '100%' }}
      status={status}
      placeholder={l('Chọn Có / Không', 'Yes / No')}
      value={text === '' ? undefined : parsedCanonical(el, text)}
      onChange={(v?: string) => change(v ?? '')}
      options={[
        { value: 'true', label: l('Có', 'Yes') },
        { value: 'false', label: l('Không', 'No') },
      ]}
    />
  ) : el.valueType === 'TEXT' ? (
    <Input.TextArea
      id={`de-${el.code}`}
      data-code={el.code}
      aria-label={name}
      autoSize={{ minRows: 1, maxRows: 6 }}
      status={status}
      value={text}
      onChange={(e) => change(typedText(e.target.value))}
      onKeyDown={navKey}
    />
  ) : (
    <Input
      id={`de-${el.code}`}
      data-code={el.code}
      aria-label={name}
      inputMode="decimal"
      autoComplete="off"
      className="entry-number"
      status={status}
      value={text}
      suffix={el.valueType === 'PERCENTAGE' ? '%' : undefined}
      onChange={(e) => change(e.target.value)}
      onBlur={blur}
      onKeyDown={navKey}
    />
  );

  const commentBox = (
    <div style={{ width: 300, maxWidth: '80vw' }}>
      <Input.TextArea
        autoFocus
        aria-label={l(`Ghi chú cho ${name}`, `Comment on ${name}`)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        value={comment}
        onChange={(e) => changeComment(typedText(e.target.value))}
        placeholder={l('Giải thích số liệu (nguồn, lý do tăng/giảm…)', 'Explain the figure (source, why it changed…)')}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {l('Ghi chú được lưu tự động cùng giá trị.', 'The comment is saved with the value.')}
      </Typography.Text>
    </div>
  );

  return (
    <div id={`field-${el.code}`} className={`entry-field${status ? ` has-${status}` : ''}`}>
      <div className="entry-field-label">
        <label htmlFor={`de-${el.code}`}>
          <Typography.Text strong={el.required}>{name}</Typography.Text>
          {el.required ? <span className="entry-required" aria-hidden> *</span> : null}
        </label>
        <div className="entry-field-meta">
          {el.code}
          {el.uom ? ` · ${el.uom}` : null}
          {el.min !== null || el.max !== null ? (
            <span> · {l('giới hạn', 'range')} {el.min !== null ? formatNumber(el.min, { locale: lang }) : '…'}–{el.max !== null ? formatNumber(el.max, { locale: lang }) : '…'}</span>
          ) : null}
        </div>
      </div>
      <div className="entry-field-input" data-nav>
        {input}
      </div>
      <div className="entry-field-context">
        <div>{l('Kỳ trước', 'Previous')}: <b>{readableValue(el.valueType, previous, lang)}</b>
          {delta !== null && Math.abs(delta) >= 0.05 ? (
            <Tag color={Math.abs(delta) > 50 ? 'orange' : 'default'} style={{ marginInlineStart: 6, fontSize: 11 }}>
              {delta > 0 ? '▲' : '▼'} {formatPercent(Math.abs(delta), 1, lang)}
            </Tag>
          ) : null}
        </div>
        <div>{l('Cùng kỳ năm trước', 'Same period last year')}: <b>{readableValue(el.valueType, lastYear, lang)}</b></div>
      </div>
      <div className="entry-field-actions">
        {readOnly ? null : (
          <Popover open={commentOpen} onOpenChange={setCommentOpen} trigger="click" content={commentBox} title={l('Ghi chú giải thích', 'Explanatory comment')} placement="left">
            <Tooltip title={hasValue || comment ? l('Ghi chú', 'Comment') : l('Nhập giá trị trước khi ghi chú', 'Enter a value first')}>
              <Button
                type="text"
                disabled={!hasValue && !comment}
                icon={comment ? <MessageFilled style={{ color: '#0b5cad' }} /> : <MessageOutlined />}
                aria-label={l(`Ghi chú cho ${name}`, `Comment on ${name}`)}
              />
            </Tooltip>
          </Popover>
        )}
        {onHistory ? (
          <Tooltip title={l('Lịch sử thay đổi', 'Change history')}>
            <Button type="text" icon={<HistoryOutlined />} aria-label={l(`Lịch sử ${name}`, `History of ${name}`)} onClick={() => onHistory(el.code)} />
          </Tooltip>
        ) : null}
      </div>
      {issues.length ? (
        <div className="entry-field-issues" data-testid={`field-issue-${el.code}`} role="alert">
          {errors.map((i) => (
            <div key={`${i.ruleCode ?? i.kind}|${i.message}`} className="entry-issue entry-issue-error"><CloseCircleFilled />{i.message}</div>
          ))}
          {warnings.map((i) => (
            <div key={`${i.ruleCode ?? i.kind}|${i.message}`} className="entry-issue entry-issue-warning">
              <WarningFilled />{i.message}
              {!i.commented && !readOnly ? (
                <Tag color="orange" style={{ cursor: 'pointer', marginInlineStart: 6 }} onClick={() => setCommentOpen(true)}>
                  {l('Cần ghi chú giải thích', 'Needs an explanatory comment')}
                </Tag>
              ) : i.commented ? (
                <Tag color="green" style={{ marginInlineStart: 6 }}>{l('Đã ghi chú', 'Commented')}</Tag>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
      {comment && !commentOpen ? (
        <div className="entry-field-comment">
          <MessageOutlined /> {comment}
        </div>
      ) : null}
    </div>
  );
}

function parsedCanonical(el: EntryElement, text: string): string {
  const p = parseValue(el.valueType, text);
  return p.ok ? p.canonical : text;
}

export const FieldRow = memo(FieldRowImpl);
