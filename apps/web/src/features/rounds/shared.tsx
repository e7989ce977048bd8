/** Small pieces shared by home, rounds and entry: status tag, deadline countdown, progress, error state. */
import { Button, Flex, Progress, Result, Tag, Tooltip, Typography } from 'antd';
import { formatDateTime, formatPercent, STATUS_LABELS, type SubmissionStatus } from '@nhip/contracts';
import { useEffect, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import type { RoundCounts } from './types';

export function StatusTag({ status, late }: { status: SubmissionStatus; late?: boolean }) {
  const lang = useLang();
  const s = STATUS_LABELS[status] ?? STATUS_LABELS.not_started;
  return (
    <Flex gap={4} wrap="wrap" component="span">
      <Tag color={s.color} style={{ marginInlineEnd: 0 }}>{s[lang]}</Tag>
      {late ? (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {status === 'submitted' || status === 'approved' ? (lang === 'en' ? 'Late' : 'Nộp muộn') : lang === 'en' ? 'Overdue' : 'Quá hạn'}
        </Tag>
      ) : null}
    </Flex>
  );
}

/** Re-renders every minute so countdowns stay true while a page is open. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** 'còn 3 ngày' / 'còn 5 giờ' / 'quá hạn 2 ngày'. */
export function countdownText(deadline: string, now: number, lang: 'vi' | 'en'): { text: string; overdue: boolean; soon: boolean } {
  const diff = new Date(deadline).getTime() - now;
  const abs = Math.abs(diff);
  const days = Math.floor(abs / DAY);
  const hours = Math.max(1, Math.floor(abs / HOUR));
  const amount = days >= 1 ? (lang === 'en' ? `${days} day${days > 1 ? 's' : ''}` : `${days} ngày`) : lang === 'en' ? `${hours} hour${hours > 1 ? 's' : ''}` : `${hours} giờ`;
  if (diff < 0) return { text: lang === 'en' ? `${amount} overdue` : `quá hạn ${amount}`, overdue: true, soon: false };
  return { text: lang === 'en' ? `${amount} left` : `còn ${amount}`, overdue: false, soon: diff < 3 * DAY };
}

/** Deadline as dd/mm/yyyy HH:mm with its countdown; no countdown once the report is in. */
export function DeadlineText({ deadline, done, block }: { deadline: string; done?: boolean; block?: boolean }) {
  const lang = useLang();
  const now = useNow();
  const c = countdownText(deadline, now, lang);
  return (
    <Flex gap={block ? 0 : 6} wrap="wrap" vertical={block} component="span" style={{ display: block ? 'flex' : 'inline-flex' }}>
      <span>{formatDateTime(deadline)}</span>
      {done ? null : (
        <Typography.Text type={c.overdue ? 'danger' : c.soon ? 'warning' : 'secondary'} strong={c.overdue}>
          ({c.text})
        </Typography.Text>
      )}
    </Flex>
  );
}

export function ratio(part: number, whole: number): number {
  return whole > 0 ? (100 * part) / whole : 0;
}

/** Submitted of assigned, with the on-time share as the inner (success) segment. */
export function RoundProgress({ counts, compact }: { counts: RoundCounts; compact?: boolean }) {
  const l = useL();
  const submitted = counts.submitted + counts.approved;
  const done = ratio(submitted, counts.assigned);
  const onTime = ratio(counts.onTime, counts.assigned);
  return (
    <Tooltip
      title={l(
        `Đã nộp ${submitted}/${counts.assigned} (${formatPercent(done)}), đúng hạn ${counts.onTime}, trễ hạn ${counts.late}; đã duyệt ${counts.approved}, trả lại ${counts.returned}, nháp ${counts.draft}, chưa nộp ${counts.notStarted}`,
        `Submitted ${submitted}/${counts.assigned} (${formatPercent(done, 1, 'en')}), on time ${counts.onTime}, late ${counts.late}; approved ${counts.approved}, returned ${counts.returned}, draft ${counts.draft}, not started ${counts.notStarted}`,
      )}
    >
      <div style={{ minWidth: compact ? 140 : 200 }}>
        <Progress
          aria-label={l(`Đã nộp ${submitted}/${counts.assigned}, đúng hạn ${counts.onTime}`, `Submitted ${submitted}/${counts.assigned}, on time ${counts.onTime}`)}
          percent={Math.round(done * 10) / 10}
          success={{ percent: Math.round(onTime * 10) / 10 }}
          size="small"
          format={() => `${submitted}/${counts.assigned}`}
        />
      </div>
    </Tooltip>
  );
}

/** antd error state with the server's Vietnamese message; never fake data. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const l = useL();
  const status = error instanceof ApiError ? error.status : 0;
  const message = error instanceof Error ? error.message : String(error);
  const title =
    status === 404
      ? l('Không tìm thấy', 'Not found')
      : status === 403
        ? l('Không có quyền truy cập', 'Access denied')
        : l('Không tải được dữ liệu', 'Could not load the data');
  return (
    <Result
      status={status === 404 ? '404' : status === 403 ? '403' : 'error'}
      title={title}
      subTitle={message}
      extra={onRetry ? <Button onClick={onRetry}>{l('Thử lại', 'Retry')}</Button> : null}
    />
  );
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
