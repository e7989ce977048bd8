import { InboxOutlined } from '@ant-design/icons';
import { formatNumber } from '@nhip/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useL } from '../../app/i18n';
import { errorMessage } from '../../components/QueryState';
import { api } from '../../lib/api';
import { PEOPLE_KEY, type PeopleImportResult as ImportResult } from './api';
import { ImportFrame } from '../../components/ImportFrame';

/**
 * CSV import of people in two steps: a dry run that lists every line error and what would change, then the
 * real import (all or nothing).
 */
export function PeopleImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const l = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.upload<ImportResult>(`/api/people/import?dryRun=${dryRun}`, file);
      if (dryRun) setPreview(r);
      else {
        message.success(
          l(
            `Đã nhập: ${formatNumber(r.created)} cán bộ mới, ${formatNumber(r.updated)} cập nhật, ${formatNumber(r.moved)} chuyển công tác`,
            `Imported: ${formatNumber(r.created)} new, ${formatNumber(r.updated)} updated, ${formatNumber(r.moved)} moved`,
          ),
        );
        void qc.invalidateQueries({ queryKey: PEOPLE_KEY });
        close();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const hasErrors = (preview?.errors.length ?? 0) > 0;
  const nothing = preview && !hasErrors && preview.created + preview.updated + preview.moved === 0;

  return (
    <ImportFrame
      open={open}
      title={l('Nhập danh sách cán bộ từ CSV', 'Import people from CSV')}
      width={760}
      chosen={!!file}
      checked={!!preview}
      hasErrors={hasErrors}
      nothing={!!nothing}
      busy={busy}
      error={error}
      onClose={close}
      onCheck={() => void run(true)}
      onReset={reset}
      onImport={() => void run(false)}
    >
      {!preview && (
        <>
          <Upload.Dragger
            accept=".csv,text/csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setError(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'csv', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{l('Kéo tệp CSV vào đây hoặc bấm để chọn', 'Drop a CSV file here or click to choose')}</p>
            <p className="ant-upload-hint">{l('Tệp CSV UTF-8, tối đa 10 MB.', 'UTF-8 CSV, up to 10 MB.')}</p>
          </Upload.Dragger>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {l('Các cột: ', 'Columns: ')}
            <span className="nhip-code">id, fullName, unitCode, position, gender, birthDate, phone, email, username, validFrom</span>.{' '}
            {l(
              'Bắt buộc fullName và unitCode; bỏ hẳn một cột thì giữ nguyên giá trị đang lưu. Mỗi dòng ứng với cán bộ có id đó, hoặc gắn với tài khoản username, hoặc cùng họ tên đang công tác tại đơn vị; không có thì thêm mới. Đơn vị khác đơn vị hiện tại: chuyển công tác từ ngày validFrom (mặc định hôm nay). Cách nhanh nhất: xuất CSV, sửa trong Excel rồi lưu dạng "CSV UTF-8".',
              'fullName and unitCode are required; a column left out keeps the stored value. A line updates the person with that id, or linked to that username, or of that name working in the unit; otherwise it adds one. Another unit than the current one is a move from validFrom (default today). Quickest: export, edit in Excel, save as "CSV UTF-8".',
            )}
          </Typography.Paragraph>
        </>
      )}
      {preview && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 12]}>
            <Col xs={12} md={6}>
              <Statistic title={l('Sẽ thêm mới', 'To create')} value={formatNumber(preview.created)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={l('Sẽ cập nhật', 'To update')} value={formatNumber(preview.updated)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={l('Chuyển công tác', 'To move')} value={formatNumber(preview.moved)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={l('Không đổi', 'Unchanged')} value={formatNumber(preview.unchanged)} />
            </Col>
          </Row>
          {hasErrors ? (
            <>
              <Alert
                type="error"
                showIcon
                title={l(
                  `Tệp có ${formatNumber(preview.errors.length)} lỗi — chưa có gì được nhập`,
                  `${formatNumber(preview.errors.length)} errors — nothing was imported`,
                )}
                description={l(
                  'Sửa các dòng dưới đây trong tệp rồi chọn lại tệp để kiểm tra.',
                  'Fix these lines in the file and check it again.',
                )}
              />
              <Table
                size="small"
                rowKey={(r) => `${r.line}-${r.message}`}
                dataSource={preview.errors}
                pagination={preview.errors.length > 10 ? { pageSize: 10 } : false}
                columns={[
                  { title: l('Dòng', 'Line'), dataIndex: 'line', width: 80, align: 'right' },
                  { title: l('Lỗi', 'Problem'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : nothing ? (
            <Alert type="info" showIcon title={l('Tệp không có thay đổi nào so với dữ liệu hiện có.', 'The file changes nothing.')} />
          ) : (
            <Alert
              type="success"
              showIcon
              title={l('Tệp hợp lệ. Bấm "Xác nhận nhập" để ghi vào hệ thống.', 'The file is valid. Press "Import now" to save it.')}
              description={l(
                'Việc nhập là tất cả hoặc không: nếu có lỗi phát sinh, không dòng nào được ghi.',
                'All or nothing: if anything fails, no line is saved.',
              )}
            />
          )}
        </Space>
      )}
    </ImportFrame>
  );
}
