/**
 * Imports years of paper award history from a spreadsheet (.xlsx or CSV) in two steps: a dry run that lists every
 * line error (an unknown title, a year still to come, a person not found) and what would be added, then the real
 * import, all or nothing.
 */
import { InboxOutlined } from '@ant-design/icons';
import { formatNumber } from '@nhip/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useL } from '../../app/i18n';
import { errorMessage } from '../../components/QueryState';
import { AWARDS_LOOKBACK_KEY, importRecords, type RecordImportResult } from './api-register';
import { ImportFrame } from '../../components/ImportFrame';

const COLUMNS = ['personId', 'fullName', 'unitCode', 'title', 'year', 'decision', 'decisionDate', 'authority', 'note'];

export function RecordImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const l = useL();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<RecordImportResult | null>(null);
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
      const r = await importRecords(file, dryRun);
      if (dryRun || r.errors.length) setPreview(r);
      else {
        message.success(
          l(
            `Đã nhập ${formatNumber(r.created)} khen thưởng vào sổ${r.existing ? `, ${formatNumber(r.existing)} bản ghi đã có được bỏ qua` : ''}.`,
            `Imported ${formatNumber(r.created)} awards${r.existing ? `, ${formatNumber(r.existing)} already there` : ''}.`,
          ),
        );
        void qc.invalidateQueries({ queryKey: AWARDS_LOOKBACK_KEY });
        close();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const hasErrors = (preview?.errors.length ?? 0) > 0;
  const nothing = preview && !hasErrors && preview.created === 0;

  return (
    <ImportFrame
      open={open}
      title={l('Nhập lịch sử khen thưởng từ tệp', 'Import award history')}
      width={780}
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
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setError(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'sheet', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">
              {l('Kéo tệp Excel (.xlsx) hoặc CSV vào đây, hoặc bấm để chọn', 'Drop an .xlsx or CSV file here, or click to choose')}
            </p>
            <p className="ant-upload-hint">
              {l('Dòng đầu là tên cột; mỗi dòng sau là một khen thưởng.', 'The first row names the columns; one award a row.')}
            </p>
          </Upload.Dragger>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {l('Các cột: ', 'Columns: ')}
            <span className="nhip-code">{COLUMNS.join(', ')}</span>
            {l(
              ' (hoặc tên tiếng Việt: Họ và tên, Mã đơn vị, Danh hiệu, Năm, Số quyết định, Ngày quyết định, Cấp khen, Ghi chú). Bắt buộc danh hiệu và năm. Cá nhân: mã cán bộ, hoặc họ tên và mã đơn vị từng công tác; tập thể: chỉ mã đơn vị. Danh hiệu ghi mã (CSTD_CS) hoặc tên trong danh mục. Cách nhanh nhất: bấm "Xuất Excel" để có tệp mẫu đúng cột, sửa rồi nhập lại.',
              ' (or the Vietnamese column names). Title and year are required. A person: personId, or fullName and the unitCode they worked in; a collective: unitCode alone. Titles by code or catalog name. Quickest: export to Excel for the right columns, edit and import.',
            )}
          </Typography.Paragraph>
        </>
      )}
      {preview && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {!hasErrors && (
            <Row gutter={[16, 12]}>
              <Col xs={12}>
                <Statistic title={l('Sẽ thêm vào sổ', 'To add')} value={formatNumber(preview.created)} />
              </Col>
              <Col xs={12}>
                <Statistic title={l('Đã có trong sổ (bỏ qua)', 'Already there (skipped)')} value={formatNumber(preview.existing)} />
              </Col>
            </Row>
          )}
          {hasErrors ? (
            <>
              <Alert
                type="error"
                showIcon
                title={l(
                  `Tệp có ${formatNumber(preview.errors.length)} lỗi — chưa có khen thưởng nào được nhập`,
                  `${formatNumber(preview.errors.length)} errors — nothing was imported`,
                )}
                description={l(
                  'Sửa các dòng dưới đây trong tệp rồi chọn lại tệp để kiểm tra. Nhập là tất cả hoặc không.',
                  'Fix these lines and check the file again. All or nothing.',
                )}
              />
              <Table
                size="small"
                rowKey={(r) => `${r.line}-${r.message}`}
                dataSource={preview.errors}
                pagination={preview.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                columns={[
                  { title: l('Dòng', 'Line'), dataIndex: 'line', width: 80, align: 'right' },
                  { title: l('Lỗi', 'Problem'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : nothing ? (
            <Alert
              type="info"
              showIcon
              title={l(
                'Mọi khen thưởng trong tệp đều đã có trong sổ; không có gì để nhập.',
                'Everything in the file is already in the register.',
              )}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              title={l('Tệp hợp lệ. Bấm "Xác nhận nhập" để ghi vào sổ khen thưởng.', 'The file is valid. Press "Import now" to save it.')}
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
