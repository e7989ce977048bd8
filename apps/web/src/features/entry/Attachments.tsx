/** Attachments of the report: PDF, Word, Excel and images up to 20 MB (the server checks the content type). */
import { DeleteOutlined, FileExcelOutlined, FileImageOutlined, FilePdfOutlined, FileTextOutlined, FileWordOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Typography } from 'antd';
import { formatDateTime, formatNumber } from '@nhip/contracts';
import { useRef, useState } from 'react';
import { useL } from '../../app/i18n';
import { api } from '../../lib/api';
import type { Attachment } from './types';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

export function fileSize(bytes: number, precise = false): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, { decimals: 0 })} KB`;
  return `${formatNumber(bytes / 1024 / 1024, { decimals: precise ? 2 : 1 })} MB`;
}

function iconOf(a: Attachment) {
  const n = a.filename.toLowerCase();
  if (a.mime === 'application/pdf' || n.endsWith('.pdf')) return <FilePdfOutlined style={{ color: '#cf1322' }} />;
  if (n.endsWith('.docx')) return <FileWordOutlined style={{ color: '#1d5fbf' }} />;
  if (n.endsWith('.xlsx')) return <FileExcelOutlined style={{ color: '#237804' }} />;
  if (a.mime.startsWith('image/')) return <FileImageOutlined style={{ color: '#7a4fc0' }} />;
  return <FileTextOutlined />;
}

type Props = { baseUrl: string; initial: Attachment[]; editable: boolean; beforeUpload?: () => Promise<boolean> };

export function Attachments({ baseUrl, initial, editable, beforeUpload }: Props) {
  const l = useL();
  const { message } = App.useApp();
  const [items, setItems] = useState(initial);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      if (beforeUpload && !(await beforeUpload())) return;
      for (const f of [...files]) {
        if (f.size > MAX_ATTACHMENT_BYTES) {
          message.error(l(`Tệp "${f.name}" nặng ${fileSize(f.size, true)}, vượt quá giới hạn 20 MB.`, `"${f.name}" is ${fileSize(f.size, true)}, over the 20 MB limit.`));
          continue;
        }
        if (f.size === 0) {
          message.error(l(`Tệp "${f.name}" rỗng.`, `"${f.name}" is empty.`));
          continue;
        }
        try {
          const a = await api.upload<Attachment>(`${baseUrl}/attachments`, f);
          setItems((xs) => [...xs, a]);
          message.success(l(`Đã đính kèm "${a.filename}".`, `Attached "${a.filename}".`));
        } catch (e) {
          message.error((e as Error).message);
        }
      }
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const remove = async (a: Attachment) => {
    try {
      await api.del(`/api/attachments/${a.id}`);
      setItems((xs) => xs.filter((x) => x.id !== a.id));
      message.success(l('Đã xóa tệp đính kèm.', 'Attachment deleted.'));
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Card
      id="entry-attachments"
      size="small"
      style={{ scrollMarginTop: 96 }}
      title={<Flex gap={8} align="center"><PaperClipOutlined />{l('Tài liệu đính kèm', 'Attachments')}</Flex>}
      extra={
        editable ? (
          <>
            <input ref={input} type="file" multiple accept={ACCEPT} hidden onChange={(e) => void upload(e.target.files)} data-testid="attachment-input" />
            <Button size="small" icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
              {l('Tải tệp lên', 'Upload')}
            </Button>
          </>
        ) : null
      }
    >
      {items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={editable ? l('Chưa có tệp. Có thể đính kèm PDF, Word, Excel hoặc ảnh, tối đa 20 MB mỗi tệp.', 'No files. PDF, Word, Excel or images, up to 20 MB each.') : l('Không có tệp đính kèm.', 'No attachments.')}
        />
      ) : (
        <Flex vertical gap={4}>
          {items.map((a) => (
            <Flex key={a.id} align="center" gap={10} style={{ padding: '6px 4px', borderBottom: '1px solid #f5f5f5' }}>
              {iconOf(a)}
              <div style={{ flex: 1, minWidth: 0 }}>
                <a href={`/api/attachments/${a.id}`} download={a.filename} style={{ wordBreak: 'break-all' }}>{a.filename}</a>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{fileSize(a.size)} · {formatDateTime(a.createdAt)}</Typography.Text></div>
              </div>
              {editable ? (
                <Popconfirm
                  title={l('Xóa tệp đính kèm?', 'Delete the attachment?')}
                  description={a.filename}
                  okText={l('Xóa', 'Delete')}
                  cancelText={l('Hủy', 'Cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(a)}
                >
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={l(`Xóa ${a.filename}`, `Delete ${a.filename}`)} />
                </Popconfirm>
              ) : null}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
