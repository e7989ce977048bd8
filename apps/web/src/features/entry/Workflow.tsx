/** Review and workflow actions: approve, return (comment required), unlock (reason required), recall. */
import { AuditOutlined, CheckOutlined, RollbackOutlined, UndoOutlined, UnlockOutlined } from '@ant-design/icons';
import { typedText } from '@nhip/contracts';
import { Alert, App, Button, Card, Flex, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useL } from '../../app/i18n';
import { api } from '../../lib/api';

export type WorkflowAction = 'approve' | 'return' | 'unlock' | 'recall';

type Props = { url: string; action: WorkflowAction | null; onClose: () => void; onDone: (a: WorkflowAction) => void };

/** One dialog per action, remounted (fresh text, no stale error) each time an action is chosen. */
export function WorkflowModal({ url, action, onClose, onDone }: Props) {
  return action ? <WorkflowDialog key={action} url={url} action={action} onClose={onClose} onDone={onDone} /> : null;
}

function WorkflowDialog({ url, action, onClose, onDone }: Props & { action: WorkflowAction }) {
  const l = useL();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const spec = {
    approve: {
      title: l('Duyệt báo cáo', 'Approve the report'),
      body: l('Sau khi duyệt, số liệu được khóa và đưa vào tổng hợp của Sở. Chỉ Văn phòng Sở có thể mở khóa.', 'Approval locks the figures and adds them to the department’s totals. Only the office can unlock.'),
      label: l('Ý kiến thẩm định (không bắt buộc)', 'Review comment (optional)'),
      ok: l('Duyệt', 'Approve'),
      required: false,
      danger: false,
      body_key: 'comment',
      done: l('Đã duyệt báo cáo.', 'Report approved.'),
    },
    return: {
      title: l('Trả lại báo cáo', 'Return the report'),
      body: l('Đơn vị sẽ nhận được thông báo kèm ý kiến này để sửa và nộp lại.', 'The unit is notified with this comment to correct and resubmit.'),
      label: l('Lý do trả lại, nội dung cần sửa (bắt buộc)', 'What must be corrected (required)'),
      ok: l('Trả lại', 'Return'),
      required: true,
      danger: true,
      body_key: 'comment',
      done: l('Đã trả lại báo cáo cho đơn vị.', 'Report returned to the unit.'),
    },
    unlock: {
      title: l('Mở khóa báo cáo đã duyệt', 'Unlock an approved report'),
      body: l('Báo cáo chuyển về trạng thái "Trả lại" để đơn vị sửa và nộp lại; số liệu đã duyệt không còn được khóa.', 'The report goes back to "Returned" so the unit can correct and resubmit.'),
      label: l('Lý do mở khóa (bắt buộc)', 'Reason (required)'),
      ok: l('Mở khóa', 'Unlock'),
      required: true,
      danger: true,
      body_key: 'reason',
      done: l('Đã mở khóa báo cáo.', 'Report unlocked.'),
    },
    recall: {
      title: l('Rút lại báo cáo để sửa', 'Recall the report'),
      body: l('Báo cáo trở về trạng thái Nháp; đơn vị sửa xong cần nộp lại trước hạn.', 'The report goes back to draft; submit it again before the deadline.'),
      label: l('Lý do rút lại (không bắt buộc)', 'Reason (optional)'),
      ok: l('Rút lại', 'Recall'),
      required: false,
      danger: false,
      body_key: 'comment',
      done: l('Đã rút lại báo cáo.', 'Report recalled.'),
    },
  }[action];

  const submit = async () => {
    const t = text.trim();
    if (spec.required && !t) {
      setError(l('Vui lòng nhập nội dung.', 'Please write it.'));
      return;
    }
    setBusy(true);
    try {
      await api.post(`${url}/${action}`, t ? { [spec.body_key]: t } : {});
      message.success(spec.done);
      onDone(action);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={spec.title}
      onCancel={onClose}
      onOk={submit}
      okText={spec.ok}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ danger: spec.danger, 'data-testid': 'review-confirm' } as { danger: boolean }}
      confirmLoading={busy}
    >
      <Typography.Paragraph>{spec.body}</Typography.Paragraph>
      <Typography.Text strong>{spec.label}</Typography.Text>
      <Input.TextArea
        data-testid="review-comment"
        aria-label={spec.label}
        autoFocus
        autoSize={{ minRows: 3, maxRows: 10 }}
        maxLength={2000}
        showCount
        value={text}
        status={error && spec.required && !text.trim() ? 'error' : undefined}
        onChange={(e) => setText(typedText(e.target.value))}
        style={{ marginTop: 6 }}
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
    </Modal>
  );
}

type BarProps = {
  abilities: Record<string, boolean>;
  summary: { errors: number; warnings: number; uncommented: number };
  onAction: (a: WorkflowAction) => void;
};

/** Shown to reviewers (and the office) above a submitted or approved report. */
export function ReviewBar({ abilities, summary, onAction }: BarProps) {
  const l = useL();
  if (!abilities.approve && !abilities.return && !abilities.unlock) return null;
  return (
    <Card className="entry-review-bar" size="small">
      <Flex justify="space-between" align="center" wrap="wrap" gap={12}>
        <Flex gap={10} align="center">
          <AuditOutlined style={{ fontSize: 22, color: '#0b5cad' }} />
          <div>
            <Typography.Text strong>{abilities.unlock ? l('Báo cáo đã được duyệt', 'This report is approved') : l('Thẩm định báo cáo', 'Review this report')}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {summary.errors || summary.warnings
                  ? l(
                      `Kiểm tra tự động: ${summary.errors} lỗi, ${summary.warnings} cảnh báo (${summary.uncommented} chưa có ghi chú).`,
                      `Automatic checks: ${summary.errors} errors, ${summary.warnings} warnings (${summary.uncommented} without comment).`,
                    )
                  : l('Kiểm tra tự động: không phát hiện lỗi hay cảnh báo.', 'Automatic checks: no errors or warnings.')}
              </Typography.Text>
            </div>
          </div>
        </Flex>
        <Flex gap={8} wrap="wrap">
          {abilities.return ? (
            <Button danger icon={<RollbackOutlined />} onClick={() => onAction('return')} data-testid="entry-return">{l('Trả lại', 'Return')}</Button>
          ) : null}
          {abilities.approve ? (
            <Button type="primary" icon={<CheckOutlined />} onClick={() => onAction('approve')} data-testid="entry-approve">{l('Duyệt', 'Approve')}</Button>
          ) : null}
          {abilities.unlock ? (
            <Button icon={<UnlockOutlined />} onClick={() => onAction('unlock')} data-testid="entry-unlock">{l('Mở khóa', 'Unlock')}</Button>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

export function RecallButton({ onAction }: { onAction: (a: WorkflowAction) => void }) {
  const l = useL();
  return (
    <Button icon={<UndoOutlined />} onClick={() => onAction('recall')} data-testid="entry-recall">
      {l('Rút lại để sửa', 'Recall')}
    </Button>
  );
}
