/** A list of validation issues; each links to its field (scrolls there and focuses the input). */
import { CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { Issue } from '@nhip/contracts';
import { useL } from '../../app/i18n';

export function goToField(code: string) {
  const row = document.getElementById(`field-${code}`);
  if (!row) return;
  row.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const input = row.querySelector<HTMLInputElement | HTMLTextAreaElement>('[data-nav] input:not([type=hidden]), [data-nav] textarea');
  setTimeout(() => input?.focus({ preventScroll: true }), 350);
  row.animate?.([{ outline: '2px solid #0b5cad' }, { outline: '2px solid transparent' }], { duration: 1600 });
}

type Props = { issues: Issue[]; names: Map<string, string>; onGo?: () => void };

export function IssueList({ issues, names, onGo }: Props) {
  const l = useL();
  return (
    <Flex vertical gap={6}>
      {issues.map((i) => {
        const code = i.dataElementCode;
        const target = code && names.has(code);
        return (
          <Flex key={`${code ?? ''}|${i.ruleCode ?? i.kind}|${i.message}`} gap={8} align="baseline">
            {i.importance === 'error' ? <CloseCircleFilled style={{ color: '#cf1322' }} /> : <WarningFilled style={{ color: '#d48806' }} />}
            <div style={{ minWidth: 0 }}>
              {target ? (
                <Typography.Link
                  onClick={() => {
                    onGo?.();
                    goToField(code);
                  }}
                >
                  {names.get(code)}
                </Typography.Link>
              ) : null}
              <div style={{ fontSize: 13 }}>
                {i.message}
                {i.importance === 'warning' && !i.commented ? (
                  <Tag color="orange" style={{ marginInlineStart: 6 }}>{l('Cần ghi chú giải thích', 'Needs a comment')}</Tag>
                ) : null}
              </div>
            </div>
          </Flex>
        );
      })}
    </Flex>
  );
}
