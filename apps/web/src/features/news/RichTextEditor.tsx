/**
 * The article's body: an editable area that keeps only what the public page shows (paragraphs, section headings,
 * bold, italic, lists; the links, quotes, tables and photos a body already has are kept as they are), with a small
 * toolbar. Ctrl+B and Ctrl+I work as in any editor; pasted text arrives as plain text, never with the styles of
 * where it came from. What it hands back is clean HTML; the server sanitises it again with its allow-list.
 *
 * With `fields` (the summary report's draft), a `<span data-field="KEY">` is a figure the server fills: it shows as a
 * grey chip that cannot be edited (its text is `fields[KEY]`), and is handed back as `<span data-field="KEY">text</span>`.
 */
import { BoldOutlined, ClearOutlined, ItalicOutlined, OrderedListOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useL } from '../../app/i18n';

/** Tags kept as they are; b, i and div become strong, em and p; anything else (span, font…) gives way to its content. */
const KEEP = new Set([
  'p', 'br', 'hr', 'strong', 'em', 'u', 's', 'sub', 'sup', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'a', 'blockquote',
  'figure', 'figcaption', 'img', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
]);
const RENAME: Record<string, string> = { b: 'strong', i: 'em', div: 'p', h1: 'h2' };
const ATTRS: Record<string, string[]> = { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'], ol: ['start'] };
const BLOCK = new Set(['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'blockquote', 'figure', 'table', 'hr']);
const DROP = new Set(['script', 'style', 'template', 'iframe', 'object', 'svg', 'math', 'meta', 'link']);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
const escAttr = (s: string) => esc(s).replace(/"/g, '&quot;');

/** The figure-field chips' tooltip (the summary report's draft). */
export const FIELD_TIP = 'Số liệu tự động — cập nhật khi làm mới số liệu';

function serialize(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return esc(node.textContent ?? '');
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  const el = node as Element;
  const raw = el.tagName.toLowerCase();
  if (DROP.has(raw)) return '';
  // A figure field (only the draft's editor makes these chips): kept with its key; the server fills its text.
  if (raw === 'span' && el.hasAttribute('data-field')) return `<span data-field="${escAttr(el.getAttribute('data-field') ?? '')}">${esc(el.textContent ?? '')}</span>`;
  const inner = [...el.childNodes].map(serialize).join('');
  const tag = RENAME[raw] ?? raw;
  if (!KEEP.has(tag)) return inner;
  if (tag === 'br' || tag === 'hr' || tag === 'img') {
    const attrs = (ATTRS[tag] ?? []).filter((a) => el.hasAttribute(a)).map((a) => ` ${a}="${escAttr(el.getAttribute(a) ?? '')}"`);
    return `<${tag}${attrs.join('')}>`;
  }
  const attrs = (ATTRS[tag] ?? []).filter((a) => el.hasAttribute(a)).map((a) => ` ${a}="${escAttr(el.getAttribute(a) ?? '')}"`);
  return `<${tag}${attrs.join('')}>${inner}</${tag}>`;
}

/** The editor's content as clean HTML: loose text at the top level goes into paragraphs, empty paragraphs go. */
export function cleanBody(root: HTMLElement): string {
  const out: string[] = [];
  let loose = '';
  const flush = () => {
    if (loose.replace(/<br>|&nbsp;|\s/g, '')) out.push(`<p>${loose.replace(/^(<br>)+|(<br>)+$/g, '')}</p>`);
    loose = '';
  };
  for (const child of root.childNodes) {
    const tag = child.nodeType === Node.ELEMENT_NODE ? (RENAME[(child as Element).tagName.toLowerCase()] ?? (child as Element).tagName.toLowerCase()) : '';
    if (BLOCK.has(tag)) {
      flush();
      const html = serialize(child);
      // A paragraph left empty (<p><br></p>) is only where the caret was.
      if (tag === 'hr' || tag === 'figure' || tag === 'table' || html.replace(/<[^>]+>|&nbsp;|\s/g, '')) out.push(html.replace(/(<br>)+(<\/p>)$/, '$2'));
    } else {
      loose += serialize(child);
    }
  }
  flush();
  return out.join('');
}

/** Makes every `<span data-field>` under `root` a chip showing `fields[key]` (the text it has when the key is unknown). */
function showFields(root: HTMLElement, fields: Record<string, string>) {
  for (const span of root.querySelectorAll<HTMLElement>('span[data-field]')) {
    const key = span.dataset.field ?? '';
    span.contentEditable = 'false';
    span.className = 'rte-field';
    span.title = FIELD_TIP;
    const text = fields[key];
    if (text !== undefined && span.textContent !== text) span.textContent = text;
  }
}

export function RichTextEditor({
  value, onChange, readOnly, id, labelledBy, describedBy, fields, headings = true, testId = 'news-body-editor', minHeight,
}: {
  value?: string;
  onChange?: (html: string) => void;
  readOnly?: boolean;
  id?: string;
  labelledBy?: string;
  describedBy?: string;
  /** Figure fields by key: `<span data-field>` become chips showing these texts (see the header). */
  fields?: Record<string, string>;
  /** Offer the "section heading" button (the news body has headings; the draft's sections have theirs outside). */
  headings?: boolean;
  testId?: string;
  minHeight?: number;
}) {
  const l = useL();
  const ref = useRef<HTMLDivElement>(null);
  const emitted = useRef<string | null>(null);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;

  // The content is set from outside only when it is not what the editor itself reported (no caret jump while typing).
  // `clean` is what the content gives cleaned, so leaving the area without a change reports nothing.
  const clean = useRef<string | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || value === emitted.current) return;
    el.innerHTML = value ?? '';
    if (fieldsRef.current) showFields(el, fieldsRef.current);
    emitted.current = value ?? '';
    clean.current = cleanBody(el);
  }, [value]);

  // New figures (a refresh) change the chips' text in place; the words around them and the caret stay.
  useEffect(() => {
    const el = ref.current;
    if (!el || !fields) return;
    showFields(el, fields);
    clean.current = cleanBody(el);
  }, [fields]);

  const report = () => {
    const el = ref.current;
    if (!el) return;
    const html = cleanBody(el);
    if (html === clean.current) return;
    clean.current = html;
    emitted.current = html;
    onChange?.(html);
  };

  const command = (name: string, arg?: string) => {
    const el = ref.current;
    if (!el || readOnly) return;
    el.focus();
    document.execCommand('defaultParagraphSeparator', false, 'p');
    document.execCommand(name, false, arg);
    report();
  };

  const tool = (key: string, label: string, icon: ReactNode, run: () => void, text?: string) => (
    <Tooltip title={label} key={key}>
      <Button
        size="small"
        type="text"
        icon={icon}
        aria-label={label}
        disabled={readOnly}
        // The selection stays in the text while the button is pressed.
        onMouseDown={(e) => e.preventDefault()}
        onClick={run}
      >
        {text}
      </Button>
    </Tooltip>
  );

  return (
    <div className={`news-editor${readOnly ? ' read-only' : ''}`}>
      {readOnly ? null : (
        <div className="news-editor-toolbar" role="toolbar" aria-label={l('Định dạng nội dung', 'Formatting')}>
          {tool('p', l('Đoạn văn', 'Paragraph'), null, () => command('formatBlock', 'p'), l('Đoạn', 'Para'))}
          {headings ? tool('h2', l('Tiêu đề mục', 'Section heading'), null, () => command('formatBlock', 'h2'), l('Tiêu đề mục', 'Heading')) : null}
          <span className="sep" aria-hidden />
          {tool('b', l('Chữ đậm (Ctrl+B)', 'Bold (Ctrl+B)'), <BoldOutlined />, () => command('bold'))}
          {tool('i', l('Chữ nghiêng (Ctrl+I)', 'Italic (Ctrl+I)'), <ItalicOutlined />, () => command('italic'))}
          <span className="sep" aria-hidden />
          {tool('ul', l('Danh sách gạch đầu dòng', 'Bulleted list'), <UnorderedListOutlined />, () => command('insertUnorderedList'))}
          {tool('ol', l('Danh sách đánh số', 'Numbered list'), <OrderedListOutlined />, () => command('insertOrderedList'))}
          <span className="sep" aria-hidden />
          {tool('clear', l('Bỏ định dạng chữ', 'Clear formatting'), <ClearOutlined />, () => command('removeFormat'))}
        </div>
      )}
      <div
        ref={ref}
        id={id}
        className="news-editor-area news-body"
        style={minHeight !== undefined ? { minHeight } : undefined}
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        aria-readonly={readOnly || undefined}
        tabIndex={0}
        contentEditable={!readOnly}
        suppressContentEditableWarning
        onFocus={() => {
          // Enter makes a paragraph (<p>), not a <div>.
          if (!readOnly) document.execCommand('defaultParagraphSeparator', false, 'p');
        }}
        onInput={report}
        onBlur={report}
        onPaste={(e) => {
          if (readOnly) return;
          e.preventDefault();
          document.execCommand('defaultParagraphSeparator', false, 'p');
          document.execCommand('insertText', false, e.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n'));
          report();
        }}
        data-testid={testId}
      />
    </div>
  );
}
