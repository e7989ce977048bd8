/** Header of the entry page: who reports what for which period, the deadline, the status and the save state. */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Steps, Typography } from 'antd';
import { formatDate, formatDateTime, periodLabel, type SubmissionStatus } from '@nhip/contracts';
import type { ReactNode } from 'react';
import { useL, useLang } from '../../app/i18n';
import { DeadlineText, StatusTag } from '../rounds/shared';
import type { Entry, EntrySubmission } from './types';
import { type StatusBox, useSaveStatus } from './useAutosave';

export function SaveStatusText({ box, editable, onRetry }: { box: StatusBox; editable: boolean; onRetry: () => void }) {
  const l = useL();
  const status = useSaveStatus(box);
  if (!editable) return null;
  const time = (d: Date) => formatDateTime(d).slice(11);
  let body: ReactNode;
  switch (status.kind) {
    case 'idle':
      body = <Typography.Text type="secondary">{l('Tự động lưu khi bạn nhập', 'Saved automatically as you type')}</Typography.Text>;
      break;
    case 'pending':
      body = <Typography.Text type="secondary">{l('Có thay đổi chưa lưu…', 'Unsaved changes…')}</Typography.Text>;
      break;
    case 'saving':
      body = <Typography.Text type="secondary"><LoadingOutlined /> {l('Đang lưu…', 'Saving…')}</Typography.Text>;
      break;
    case 'saved':
      body = <Typography.Text type="success"><CheckCircleFilled /> {l(`Đã lưu lúc ${time(status.at)}`, `Saved at ${time(status.at)}`)}</Typography.Text>;
      break;
    case 'error':
      body = (
        <Typography.Text type="danger">
          <ExclamationCircleFilled /> {l('Chưa lưu được (đã giữ lại nội dung, sẽ tự thử lại)', 'Not saved yet (kept locally, retrying)')}:{' '}
          {status.network ? l('không kết nối được tới máy chủ.', 'the server cannot be reached.') : status.message}{' '}
          <Typography.Link onClick={onRetry}>{l('Thử lại ngay', 'Retry now')}</Typography.Link>
        </Typography.Text>
      );
      break;
    case 'rejected':
      body = <Typography.Text type="danger"><CloseCircleFilled /> {l('Không lưu được', 'Not saved')}: {status.message}</Typography.Text>;
      break;
    case 'conflict':
      body = <Typography.Text type="danger"><CloseCircleFilled /> {l('Báo cáo vừa được người khác lưu', 'Someone else saved this report')}</Typography.Text>;
      break;
  }
  return <span data-testid="entry-save-status" aria-live="polite" style={{ fontSize: 13 }}>{body}</span>;
}

function stepsOf(status: SubmissionStatus, sub: EntrySubmission | null, l: (vi: string, en: string) => string) {
  const returned = status === 'returned';
  const current = status === 'approved' ? 2 : status === 'submitted' || returned ? 1 : 0;
  return {
    current,
    status: returned ? ('error' as const) : status === 'approved' ? ('finish' as const) : ('process' as const),
    items: [
      { title: l('Nháp', 'Draft'), content: status === 'not_started' ? l('Chưa nhập', 'Not started') : undefined },
      {
        title: returned ? l('Trả lại', 'Returned') : l('Đã nộp', 'Submitted'),
        content: sub?.submittedAt && !returned ? formatDateTime(sub.submittedAt) : returned && sub?.reviewedAt ? formatDateTime(sub.reviewedAt) : undefined,
      },
      { title: l('Đã duyệt', 'Approved'), content: status === 'approved' && sub?.reviewedAt ? formatDateTime(sub.reviewedAt) : undefined },
    ],
  };
}

type Props = { entry: Entry; status: SubmissionStatus; submission: EntrySubmission | null; actions: ReactNode; saveStatus: ReactNode; compact: boolean };

export function EntryHeader({ entry, status, submission, actions, saveStatus, compact }: Props) {
  const l = useL();
  const lang = useLang();
  const steps = stepsOf(status, submission, l);
  const done = status === 'submitted' || status === 'approved';
  return (
    <Card>
      <Flex justify="space-between" align="flex-start" wrap="wrap" gap={12}>
        <div style={{ minWidth: 0, flex: '1 1 420px' }}>
          <Typography.Text type="secondary">{entry.orgUnit.name}</Typography.Text>
          <Typography.Title level={4} style={{ margin: '2px 0 6px' }}>
            {lang === 'en' && entry.form.nameEn ? entry.form.nameEn : entry.form.name}
          </Typography.Title>
          <Flex gap={12} wrap="wrap" align="center">
            <Typography.Text strong style={{ color: '#0b5cad', fontSize: 16 }}>{periodLabel(entry.round.period, lang)}</Typography.Text>
            <StatusTag status={status} late={submission?.late} />
          </Flex>
        </div>
        <Flex vertical align={compact ? 'flex-start' : 'flex-end'} gap={8} style={{ flex: compact ? '1 1 100%' : undefined }}>
          <Flex gap={8} wrap="wrap" justify={compact ? 'flex-start' : 'flex-end'}>{actions}</Flex>
          {saveStatus}
        </Flex>
      </Flex>
      <Descriptions
        size="small"
        style={{ marginTop: 12 }}
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'f', label: l('Biểu mẫu', 'Form'), children: entry.form.code },
          { key: 'd', label: l('Hạn nộp', 'Deadline'), children: <DeadlineText deadline={entry.round.deadline} done={done || entry.round.status === 'closed'} /> },
          {
            key: 'c',
            label: l('Chốt số liệu', 'Cut-off'),
            children: `${formatDate(entry.round.cutoffStart)} – ${formatDate(entry.round.cutoffEnd)}`,
          },
        ]}
      />
      {compact ? null : <Steps size="small" style={{ marginTop: 12, maxWidth: 720 }} current={steps.current} status={steps.status} items={steps.items} />}
      {entry.round.status === 'closed' ? (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title={l('Đợt báo cáo đã đóng: không thể nhập hay nộp báo cáo.', 'The round is closed: entry and submission are no longer possible.')} />
      ) : null}
      {status === 'returned' && submission?.reviewComment ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={l('Báo cáo bị trả lại — cần sửa và nộp lại', 'Report returned — correct it and submit again')}
          description={
            <>
              <div style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>{submission.reviewComment}</div>
              {submission.reviewedAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(submission.reviewedAt)}</Typography.Text> : null}
            </>
          }
        />
      ) : null}
      {status === 'approved' && submission?.reviewComment ? (
        <Alert style={{ marginTop: 12 }} type="success" showIcon title={l('Ý kiến thẩm định', 'Review comment')} description={<div style={{ whiteSpace: 'pre-wrap' }}>{submission.reviewComment}</div>} />
      ) : null}
    </Card>
  );
}
