/** Excel round trip: download the unit's template; upload it filled in, preview every value and issue, then confirm. */
import { CloseCircleFilled, DownloadOutlined, FileExcelOutlined, UploadOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Modal, Space, Table, Tag, Typography } from 'antd';
import { type Issue, NARRATIVE_LABELS, NARRATIVE_SECTIONS } from '@nhip/contracts';
import { useRef, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { api, ApiError } from '../../lib/api';
import { MAX_ATTACHMENT_BYTES } from './Attachments';
import { renderNarrative } from './Narrative';
import { readableValue } from './store';
import type { EntryElement, ImportPreview } from './types';

type Props = {
  url: string;
  editable: boolean;
  elements: EntryElement[];
  /** Saves pending edits; false when that failed. */
  beforeImport: () => Promise<boolean>;
  /** The report version the preview is made against (a later save by someone else → 409 on apply). */
  version: () => number;
  onApplied: () => void;
  compact?: boolean;
};

type Row = ImportPreview['values'][number] & { issues: Issue[] };

export function ExcelImport({ url, editable, elements, beforeImport, version, onApplied, compact }: Props) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const previewVersion = useRef(0);
  const byCode = new Map(elements.map((e) => [e.code, e]));

  const close = () => {
    setFile(null);
    setPreview(null);
    setError(null);
    if (input.current) input.current.value = '';
  };

  const pick = async (f: File | undefined) => {
    if (!f) return;
    setFile(f);
    setPreview(null);
    setError(null);
    if (f.size > MAX_ATTACHMENT_BYTES) {
      setError(new Error(l('Tệp vượt quá giới hạn 20 MB.', 'The file is over the 20 MB limit.')));
      return;
    }
    setBusy('preview');
    try {
      if (!(await beforeImport())) {
        setError(new Error(l('Chưa lưu được các thay đổi đang nhập, nên chưa thể nhập từ Excel. Vui lòng thử lại sau giây lát.', 'Your pending changes are not saved yet; try again in a moment.')));
        return;
      }
      previewVersion.current = version();
      setPreview(await api.upload<ImportPreview>(`${url}/import-xlsx?dryRun=true&version=${previewVersion.current}`, f));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!file) return;
    setBusy('apply');
    try {
      const res = await api.upload<ImportPreview>(`${url}/import-xlsx?dryRun=false&version=${previewVersion.current}`, file);
      if (!res.applied) {
        setPreview(res);
        return;
      }
      message.success(res.message || l(`Đã nhập ${res.changes} thay đổi từ Excel.`, `Imported ${res.changes} changes from Excel.`));
      close();
      onApplied();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(null);
    }
  };

  const rows: Row[] = (preview?.values ?? []).filter((v) => !onlyChanged || v.changed).map((v) => ({ ...v, issues: (preview?.issues ?? []).filter((i) => i.dataElementCode === v.code) }));
  const otherIssues = (preview?.issues ?? []).filter((i) => !i.dataElementCode || !preview?.values.some((r) => r.code === i.dataElementCode));
  const errorDetails = error instanceof ApiError && error.details && typeof error.details === 'object' ? ((error.details as { errors?: { cell: string; message: string }[] }).errors ?? []) : [];
  const blocked = !!preview && (preview.errors.length > 0 || preview.changes === 0);
  const show = (code: string, v: string | null) => readableValue(byCode.get(code)?.valueType ?? 'TEXT', v, lang);
  const narrative = NARRATIVE_SECTIONS.filter((s) => preview?.narrativeChanged.includes(s));

  return (
    <>
      <Space wrap size={8}>
        <Button data-testid="xlsx-download" icon={<DownloadOutlined />} href={`${url}/template.xlsx`} download>
          {compact ? l('Mẫu Excel', 'Template') : l('Tải mẫu Excel', 'Download Excel template')}
        </Button>
        {editable ? (
          <>
            <input ref={input} type="file" hidden accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="xlsx-upload" onChange={(e) => void pick(e.target.files?.[0])} />
            <Button icon={<UploadOutlined />} loading={busy === 'preview'} onClick={() => input.current?.click()}>
              {compact ? l('Nhập Excel', 'Import') : l('Nhập từ Excel', 'Import from Excel')}
            </Button>
          </>
        ) : null}
      </Space>
      <Modal
        open={!!file}
        width={960}
        title={<Flex gap={8} align="center"><FileExcelOutlined style={{ color: '#237804' }} />{l('Nhập số liệu từ Excel', 'Import from Excel')}: {file?.name}</Flex>}
        onCancel={close}
        footer={[
          <Button key="c" onClick={close}>{l('Hủy', 'Cancel')}</Button>,
          <Button key="ok" type="primary" disabled={!preview || blocked} loading={busy === 'apply'} onClick={apply} data-testid="xlsx-confirm">
            {l('Xác nhận nhập', 'Confirm import')}
          </Button>,
        ]}
      >
        {error ? (
          <Alert
            type="error"
            showIcon
            title={l('Không đọc được tệp Excel', 'The Excel file could not be read')}
            description={
              <>
                <div>{error.message}</div>
                {errorDetails.length ? <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }}>{errorDetails.map((d) => <li key={`${d.cell}|${d.message}`}>{d.cell ? `${d.cell}: ` : ''}{d.message}</li>)}</ul> : null}
                <div style={{ marginTop: 6 }}>{l('Hãy dùng đúng mẫu Excel của đơn vị và đợt báo cáo này (nút "Tải mẫu Excel").', 'Use the template of this unit and round ("Download Excel template").')}</div>
              </>
            }
          />
        ) : null}
        {busy === 'preview' ? <Typography.Paragraph>{l('Đang đọc tệp…', 'Reading the file…')}</Typography.Paragraph> : null}
        {preview ? (
          <Flex vertical gap={12}>
            {preview.errors.length ? (
              <Alert
                type="error"
                showIcon
                title={l(`Tệp có ${preview.errors.length} lỗi, cần sửa trước khi nhập`, `${preview.errors.length} errors must be fixed before importing`)}
                description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{preview.errors.map((e) => <li key={`${e.cell}|${e.message}`}><b>{e.cell}</b>: {e.message}</li>)}</ul>}
              />
            ) : (
              <Alert
                type={preview.issues.length ? 'warning' : 'success'}
                showIcon
                title={preview.message}
                description={
                  preview.issues.length
                    ? l('Có vấn đề cần xem lại bên dưới; vẫn có thể nhập rồi sửa trên biểu mẫu (lỗi và cảnh báo chưa ghi chú sẽ chặn việc nộp).', 'Some issues are listed below; you can still import and fix them in the form (they block submission).')
                    : undefined
                }
              />
            )}
            {otherIssues.length ? (
              <Alert type="warning" title={l('Kiểm tra chéo', 'Cross-checks')} description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{otherIssues.map((i) => <li key={`${i.ruleCode ?? i.kind}|${i.message}`}>{i.message}</li>)}</ul>} />
            ) : null}
            <Checkbox checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)}>
              {l(`Chỉ hiện các giá trị thay đổi (${preview.values.filter((v) => v.changed).length}/${preview.values.length})`, `Only changed values (${preview.values.filter((v) => v.changed).length}/${preview.values.length})`)}
            </Checkbox>
            <Table<Row>
              rowKey="code"
              size="small"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50 } : false}
              scroll={{ y: 360, x: 760 }}
              columns={[
                { title: l('Ô', 'Cell'), dataIndex: 'cell', width: 64, render: (c: string | null) => <Typography.Text type="secondary">{c ?? '—'}</Typography.Text> },
                {
                  title: l('Chỉ tiêu', 'Data element'),
                  key: 'name',
                  render: (_, r) => (
                    <>
                      <div>{r.name}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text>
                    </>
                  ),
                },
                { title: l('Kỳ trước', 'Previous period'), key: 'previous', width: 110, align: 'right', render: (_, r) => <Typography.Text type="secondary">{show(r.code, r.previous)}</Typography.Text> },
                { title: l('Đang lưu', 'Saved now'), key: 'saved', width: 110, align: 'right', render: (_, r) => show(r.code, r.saved) },
                {
                  title: l('Sau khi nhập', 'After import'),
                  key: 'value',
                  width: 140,
                  align: 'right',
                  render: (_, r) =>
                    r.changed ? (
                      <Flex vertical align="flex-end">
                        <Typography.Text strong>{show(r.code, r.value)}</Typography.Text>
                        <Tag color="blue" style={{ marginInlineEnd: 0, fontSize: 11 }}>{l('thay đổi', 'changed')}</Tag>
                      </Flex>
                    ) : (
                      show(r.code, r.value)
                    ),
                },
                {
                  title: l('Kiểm tra', 'Checks'),
                  key: 'issues',
                  width: 260,
                  render: (_, r) =>
                    r.issues.length ? (
                      <Flex vertical gap={2}>
                        {r.issues.map((i) => (
                          <Typography.Text key={`${i.ruleCode ?? i.kind}|${i.message}`} type={i.importance === 'error' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
                            {i.importance === 'error' ? <CloseCircleFilled /> : <WarningFilled />} {i.message}
                          </Typography.Text>
                        ))}
                      </Flex>
                    ) : r.comment ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.comment}</Typography.Text>
                    ) : r.changed ? (
                      <Tag color="success">{l('Hợp lệ', 'OK')}</Tag>
                    ) : null,
                },
              ]}
            />
            {narrative.map((s) => (
              <div key={s}>
                <Typography.Text strong>{NARRATIVE_LABELS[s][lang]}</Typography.Text>
                <div className="entry-narrative-preview" style={{ minHeight: 0, maxHeight: 160, overflow: 'auto' }}>{renderNarrative(preview.narrative[s] ?? '')}</div>
              </div>
            ))}
          </Flex>
        ) : null}
      </Modal>
    </>
  );
}
