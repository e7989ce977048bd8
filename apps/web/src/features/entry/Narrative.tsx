/** The three narrative sections: large text areas, '- ' lines become bullets, with a preview as in the report. */
import { Card, Flex, Input, Segmented, Typography } from 'antd';
import { NARRATIVE_LABELS, type NarrativeSection, typedText } from '@nhip/contracts';
import { memo, type ReactNode, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import type { EntryStore } from './store';

const BULLET = /^\s*[-•●▪◦∙·*+–—]\s+/;

/** Paragraphs split by line; runs of '- ' lines become one bulleted list. */
export function renderNarrative(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let bullets: { line: number; text: string }[] = [];
  const flush = () => {
    if (bullets.length) out.push(<ul key={`u${bullets[0].line}`}>{bullets.map((b) => <li key={b.line}>{b.text}</li>)}</ul>);
    bullets = [];
  };
  let lineNo = 0;
  for (const line of text.split(/\r?\n/)) {
    lineNo++;
    if (BULLET.test(line)) bullets.push({ line: lineNo, text: line.replace(BULLET, '') });
    else {
      flush();
      if (line.trim()) out.push(<p key={`p${lineNo}`}>{line.trim()}</p>);
    }
  }
  flush();
  return out;
}

const HINTS: Record<NarrativeSection, { vi: string; en: string }> = {
  results: { vi: 'Kết quả nổi bật trong kỳ, số liệu minh họa, so sánh với kế hoạch và cùng kỳ.', en: 'Main results of the period, with figures, compared with the plan and last year.' },
  difficulties: { vi: 'Những khó khăn, vướng mắc cụ thể và nguyên nhân.', en: 'Specific difficulties and their causes.' },
  proposals: { vi: 'Đề xuất, kiến nghị gửi Sở và các cơ quan liên quan; nêu rõ nội dung và cơ quan giải quyết.', en: 'Proposals to the department and other bodies; say what and who should act.' },
};

function NarrativeFieldImpl({ section, store, readOnly }: { section: NarrativeSection; store: EntryStore; readOnly: boolean }) {
  const l = useL();
  const lang = useLang();
  const [text, setText] = useState(() => store.narrative[section]);
  const [mode, setMode] = useState<'edit' | 'preview'>(readOnly ? 'preview' : 'edit');
  const label = NARRATIVE_LABELS[section][lang];
  return (
    <Card
      id={`narrative-${section}`}
      size="small"
      title={label}
      style={{ scrollMarginTop: 96 }}
      extra={
        readOnly ? null : (
          <Segmented
            size="small"
            value={mode}
            onChange={(v) => setMode(v as 'edit' | 'preview')}
            options={[
              { value: 'edit', label: l('Soạn thảo', 'Write') },
              { value: 'preview', label: l('Xem trước', 'Preview') },
            ]}
          />
        )
      }
    >
      {mode === 'edit' && !readOnly ? (
        <Flex vertical gap={6}>
          <Input.TextArea
            aria-label={label}
            data-narrative={section}
            autoSize={{ minRows: 6, maxRows: 24 }}
            maxLength={50_000}
            value={text}
            placeholder={HINTS[section][lang]}
            onChange={(e) => {
              // Pasted from Word: its line breaks become line feeds, stray control characters go.
              const typed = typedText(e.target.value);
              setText(typed);
              store.setNarrative(section, typed);
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l(
              'Mỗi dòng bắt đầu bằng "- " sẽ thành một gạch đầu dòng trong báo cáo tổng hợp; để một dòng trống giữa các đoạn.',
              'Lines starting with "- " become bullets in the compiled report; leave an empty line between paragraphs.',
            )}
          </Typography.Text>
        </Flex>
      ) : text.trim() ? (
        <div className="entry-narrative-preview">{renderNarrative(text)}</div>
      ) : (
        <Typography.Text type="secondary">{l('(Chưa có nội dung)', '(Nothing written)')}</Typography.Text>
      )}
    </Card>
  );
}

export const NarrativeField = memo(NarrativeFieldImpl);
