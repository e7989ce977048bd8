/**
 * The dialogs and cards of the summary report's draft screen (DraftPage): someone else saved first, return with a
 * comment, approve with a number, the version history, the signed copy.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { formatDateTime, SUMMARY_SIGNED_MAX_BYTES, SUMMARY_SIGNED_MAX_TEXT } from '@nhip/contracts';
import { App, Button, Card, Drawer, Flex, Form, Input, List, Modal, Space, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { downloadFile } from '../analytics/download';
import { DraftSections } from './DraftSections';
import { type ConflictDetails, type Draft, draftApi, signedFileUrl, useDraftVersion, useDraftVersions, useStoreDraft, VERSION_KIND_LABELS } from './draft-api';

/** Someone else saved first: take their text (this person's edits go) or keep this text to save over theirs. */
export function ConflictModal({ conflict, onLatest, onKeep }: { conflict: ConflictDetails; onLatest: () => Promise<void>; onKeep: () => Promise<void> }) {
  const l = useL();
  const [busy, setBusy] = useState<'latest' | 'keep' | null>(null);
  const run = (which: 'latest' | 'keep', f: () => Promise<void>) => async () => {
    setBusy(which);
    try {
      await f();
    } finally {
      setBusy(null);
    }
  };
  const who = [conflict.editedBy ?? l('một người khác', 'someone else'), conflict.editedAt ? formatDateTime(conflict.editedAt) : null].filter(Boolean).join(l(' lúc ', ' at '));
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      keyboard={false}
      title={l('Dự thảo vừa được người khác lưu', 'Someone else saved this draft')}
      data-testid="draft-conflict"
      footer={
        <Space wrap>
          <Button danger loading={busy === 'latest'} disabled={busy !== null} onClick={run('latest', onLatest)} data-testid="draft-conflict-latest">
            {l('Tải bản mới nhất', 'Load the latest')}
          </Button>
          <Button type="primary" loading={busy === 'keep'} disabled={busy !== null} onClick={run('keep', onKeep)} data-testid="draft-conflict-keep">
            {l('Giữ bản của tôi để chép lại', 'Keep my text')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>
        {l(
          `${who} đã lưu phiên bản ${conflict.version} trong lúc bạn đang sửa, nên phần bạn sửa chưa được lưu.`,
          `${who} saved version ${conflict.version} while you were editing; your edits are not saved.`,
        )}
      </Typography.Paragraph>
      <ul className="draft-conflict-choices">
        <li>
          <strong>{l('Tải bản mới nhất', 'Load the latest')}</strong>
          {l(': hiện bản người kia vừa lưu; những gì bạn sửa từ lần lưu trước sẽ bị bỏ.', ': shows their text; your edits since your last save are lost.')}
        </li>
        <li>
          <strong>{l('Giữ bản của tôi để chép lại', 'Keep my text')}</strong>
          {l(
            ': phần bạn sửa vẫn ở trên màn hình để đối chiếu, chép lại; lần Lưu tiếp theo sẽ ghi đè lên các mục bạn đã sửa trong bản của người kia.',
            ': your edits stay on screen; your next save overwrites the sections you edited.',
          )}
        </li>
      </ul>
    </Modal>
  );
}

export function ReturnModal({ busy, onClose, onReturn }: { busy: boolean; onClose: () => void; onReturn: (comment: string) => Promise<void> }) {
  const l = useL();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open
      title={l('Trả lại dự thảo cho Văn phòng', 'Return the draft to the office')}
      okText={l('Trả lại', 'Return')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ danger: true, loading: busy }}
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => onReturn(v.comment.trim()))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item
          name="comment"
          label={l('Ý kiến của Giám đốc (Văn phòng sẽ thấy ở đầu dự thảo)', 'Comment for the office')}
          rules={[{ required: true, whitespace: true, message: l('Hãy ghi rõ cần sửa gì trước khi trả lại.', 'Say what to change.') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ApproveModal({ busy, onClose, onApprove }: { busy: boolean; onClose: () => void; onApprove: (number?: string) => Promise<void> }) {
  const l = useL();
  const [form] = Form.useForm<{ number?: string }>();
  return (
    <Modal
      open
      title={l('Duyệt và cấp số báo cáo', 'Approve and number the report')}
      okText={l('Duyệt và cấp số', 'Approve')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      onOk={() => form.validateFields().then((v) => onApprove(v.number?.trim() || undefined))}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {l(
          'Sau khi duyệt, báo cáo mang số và ngày ban hành là hôm nay, và được khoá; chỉ còn tải lên được bản đã ký.',
          'Once approved the report carries its number and today’s date and is locked; only the signed copy can be added.',
        )}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="number"
          label={l('Số báo cáo', 'Number')}
          extra={l('Để trống để lấy số tiếp theo trong năm (ví dụ 15/BC-SKHCN).', 'Leave empty for the next number of the year.')}
          rules={[{ max: 40 }]}
        >
          <Input placeholder={l('Số tiếp theo trong năm', 'Next number of the year')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function HistoryDrawer({ period, onClose }: { period: string; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const q = useDraftVersions(period, true);
  const [shown, setShown] = useState<number | null>(null);
  return (
    <Drawer open title={l('Lịch sử phiên bản', 'Version history')} onClose={onClose} size={420} data-testid="draft-history-drawer">
      {q.error ? (
        <ErrorState error={q.error} compact onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Spin />
      ) : (
        <List
          dataSource={[...q.data.items].sort((a, b) => b.version - a.version)}
          renderItem={(v) => (
            <List.Item
              actions={[
                <Button key="show" size="small" onClick={() => setShown(v.version)} aria-label={l(`Xem phiên bản ${v.version}`, `View version ${v.version}`)}>
                  {l('Xem', 'View')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={`${l('Phiên bản', 'Version')} ${v.version} · ${VERSION_KIND_LABELS[v.kind]?.[lang] ?? v.kind}`}
                description={
                  <>
                    <div>{[v.editedBy, formatDateTime(v.editedAt)].filter(Boolean).join(', ')}</div>
                    {v.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>{v.comment}</div> : null}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {shown != null ? <VersionModal period={period} version={shown} onClose={() => setShown(null)} /> : null}
    </Drawer>
  );
}

function VersionModal({ period, version, onClose }: { period: string; version: number; onClose: () => void }) {
  const l = useL();
  const lang = useLang();
  const q = useDraftVersion(period, version);
  return (
    <Modal open footer={null} onCancel={onClose} width={860} title={l(`Phiên bản ${version} (chỉ xem)`, `Version ${version} (read-only)`)}>
      {q.error ? (
        <ErrorState error={q.error} compact />
      ) : !q.data ? (
        <Spin />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {[VERSION_KIND_LABELS[q.data.kind]?.[lang] ?? q.data.kind, q.data.editedBy, formatDateTime(q.data.editedAt)].filter(Boolean).join(' · ')}
          </Typography.Paragraph>
          <div className="draft-version-view">
            <DraftSections d={q.data} idPrefix={`v${version}`} />
          </div>
        </>
      )}
    </Modal>
  );
}

/** 1,4 MB; 12 KB under a megabyte. */
const fileSize = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;

/** The signed copy of an approved report: upload it (PDF, ≤ 20 MB), then download it. */
export function SignedCard({ d, busy, setBusy }: { d: Draft; busy: boolean; setBusy: (b: boolean) => void }) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const store = useStoreDraft();
  const upload = async (file: File) => {
    const pdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
    if (!pdf) return void message.error(l('Chỉ nhận tệp PDF của bản đã ký.', 'Only a PDF is accepted.'));
    if (file.size > SUMMARY_SIGNED_MAX_BYTES) return void message.error(l(`Tệp lớn hơn ${SUMMARY_SIGNED_MAX_TEXT}.`, `The file is larger than ${SUMMARY_SIGNED_MAX_TEXT}.`));
    setBusy(true);
    try {
      store(await draftApi.uploadSigned(d.period, file));
      message.success(l('Đã tải lên bản đã ký.', 'Signed copy uploaded.'));
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };
  const download = async () => {
    try {
      const name = await downloadFile(signedFileUrl(d.period), { fallbackName: d.signed?.name ?? 'ban-da-ky.pdf' });
      message.success(l(`Đã tải về ${name}.`, `Downloaded ${name}.`));
    } catch (e) {
      message.error(errorMessage(e, lang));
    }
  };
  return (
    <Card size="small" title={l('Bản đã ký', 'Signed copy')} data-testid="draft-signed">
      <Flex gap={12} wrap="wrap" align="center">
        {d.signed ? (
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void download()} data-testid="draft-signed-download">
              {l(`Bản đã ký: ${d.signed.name}`, `Signed copy: ${d.signed.name}`)}
            </Button>
            <Typography.Text type="secondary">
              {`${fileSize(d.signed.size)} · ${[d.signed.by, formatDateTime(d.signed.at)].filter(Boolean).join(', ')}`}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{l('Chưa có bản đã ký.', 'No signed copy yet.')}</Typography.Text>
        )}
        {d.abilities.uploadSigned ? (
          <Upload
            accept=".pdf,application/pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="draft-signed-upload">
              {d.signed ? l('Thay bản đã ký (PDF)', 'Replace the signed PDF') : l('Tải lên bản đã ký (PDF)', 'Upload the signed PDF')}
            </Button>
          </Upload>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
        {l(`Bản quét có chữ ký và dấu, định dạng PDF, tối đa ${SUMMARY_SIGNED_MAX_TEXT}.`, `Scanned signed copy, PDF, at most ${SUMMARY_SIGNED_MAX_TEXT}.`)}
      </Typography.Text>
    </Card>
  );
}
