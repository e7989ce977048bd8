/** The draft's sections in order: level-1 headings as h2, level-2 as h3, each with its text, editable or read-only. */
import { Typography } from 'antd';
import { useL } from '../../app/i18n';
import { RichTextEditor } from '../news/RichTextEditor';
import type { Draft } from './draft-api';

/** The sections in order: level-1 headings as h2, level-2 as h3, each with its text (editable or not). */
export function DraftSections({
  d, edits, onChange, idPrefix = 'draft',
}: {
  d: Pick<Draft, 'sections' | 'fields'> & { abilities?: Draft['abilities'] };
  edits?: Record<string, string>;
  onChange?: (key: string, html: string, original: string) => void;
  idPrefix?: string;
}) {
  const l = useL();
  const edit = !!d.abilities?.edit && !!onChange;
  return (
    <div className="draft-sections">
      {d.sections.map((s) => {
        const headingId = `${idPrefix}-h-${s.key}`;
        const html = edits?.[s.key] ?? s.html;
        const Heading = s.level === 1 ? 'h2' : 'h3';
        const showText = edit || html.replace(/<[^>]+>|&nbsp;|\s/g, '') !== '';
        return (
          <section key={s.key} className={`draft-section level-${s.level}`} data-section={s.key}>
            <Heading id={headingId} className="draft-heading">
              {s.heading}
            </Heading>
            {showText ? (
              <RichTextEditor
                value={html}
                fields={d.fields}
                readOnly={!edit}
                headings={false}
                labelledBy={headingId}
                testId={`${idPrefix}-text-${s.key}`}
                minHeight={s.level === 1 && !html ? 36 : 64}
                onChange={edit ? (next) => onChange?.(s.key, next, s.html) : undefined}
              />
            ) : null}
            {s.table ? (
              <Typography.Text type="secondary" className="draft-table-note">
                {l('Kèm bảng số liệu chủ yếu (tự động)', 'Followed by the key-figure table (automatic)')}
              </Typography.Text>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
