import { CloudDownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { type PeriodType, periodTypeLabel } from '@nhip/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Form, Radio, Row, Select, Space, Switch, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { OrgUnitTreeSelect, useOrgUnits, viFilterOption } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { PeriodSelect } from '../../components/PeriodSelect';
import { errorMessage } from '../../components/QueryState';
import { ApiError, api, qs } from '../../lib/api';
import { contentTypeOf, type DataValueSummary, type MetadataReport, postFile } from './exchangeApi';
import { DataValueResult, MetadataResult } from './ImportResultView';

const isReport = (x: unknown): boolean => !!x && typeof x === 'object' && 'status' in x;

type FormSummary = { id: number; code: string; name: string; periodType: PeriodType; active: boolean };

function FilePicker({ file, onFile, accept, hint }: { file: File | null; onFile: (f: File | null) => void; accept: string; hint: string }) {
  const l = useL();
  return (
    <Upload.Dragger
      accept={accept}
      maxCount={1}
      beforeUpload={(f) => {
        onFile(f);
        return false;
      }}
      onRemove={() => onFile(null)}
      fileList={file ? [{ uid: 'f', name: file.name, status: 'done', size: file.size }] : []}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{l('Kéo tệp vào đây hoặc bấm để chọn', 'Drop a file here or click to choose')}</p>
      <p className="ant-upload-hint">{hint}</p>
    </Upload.Dragger>
  );
}

function MetadataImportCard() {
  const l = useL();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ report: MetadataReport; dryRun: boolean } | null>(null);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const report = await postFile<MetadataReport>(`/api/metadata${qs({ dryRun: dryRun ? 'true' : 'false' })}`, file, 'application/json');
      setResult({ report, dryRun });
      if (!dryRun) message.success(l('Đã nhập danh mục', 'Metadata imported'));
    } catch (e) {
      // 409: the file has errors; the answer is the full report, shown like a dry run.
      if (e instanceof ApiError && e.status === 409 && isReport(e.details)) setResult({ report: e.details as MetadataReport, dryRun });
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const dryRunOk = result?.dryRun && !['ERROR'].includes(String(result.report.status ?? '').toUpperCase());
  return (
    <Card title={l('Nhập danh mục (metadata)', 'Import metadata')}>
      <Typography.Paragraph type="secondary">
        {l(
          'Tệp JSON theo định dạng metadata của DHIS2 (organisationUnits, dataElements, indicators, dataSets, validationRules …). Luôn chạy thử trước để xem sẽ thêm, sửa những gì.',
          'A JSON file in DHIS2 metadata format. Always do a dry run first to see what would change.',
        )}
      </Typography.Paragraph>
      <FilePicker
        file={file}
        onFile={(f) => {
          setFile(f);
          setResult(null);
          setError(null);
        }}
        accept=".json,application/json"
        hint={l('Tệp .json', 'A .json file')}
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!file} loading={busy && !result} onClick={() => void run(true)}>
          {l('Chạy thử', 'Dry run')}
        </Button>
        <Tooltip title={!dryRunOk ? l('Chạy thử thành công trước khi nhập thật', 'Run a successful dry run first') : undefined}>
          <Button danger disabled={!file || !dryRunOk} loading={busy && !!result} onClick={() => void run(false)}>
            {l('Nhập vào hệ thống', 'Import for real')}
          </Button>
        </Tooltip>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      {result && (
        <div style={{ marginTop: 16 }}>
          <MetadataResult report={result.report} dryRun={result.dryRun} />
        </div>
      )}
    </Card>
  );
}

function DataValuesImportCard() {
  const l = useL();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [approve, setApprove] = useState(false);
  const [atomic, setAtomic] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<DataValueSummary | null>(null);
  const mayApprove = !!me.abilities['data.importApproved'];
  const run = async () => {
    if (!file) return;
    const type = contentTypeOf(file);
    if (!type) {
      setError(l('Chỉ nhận tệp .json hoặc .csv', 'Only .json or .csv files'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const url = `/api/dataValueSets${qs({ dryRun: String(dryRun), approve: approve ? 'true' : undefined, atomic: String(atomic) })}`;
      const s = await postFile<DataValueSummary>(url, file, type);
      setSummary(s);
      if (!dryRun && s.status !== 'ERROR') message.success(l('Đã nhập số liệu', 'Data imported'));
    } catch (e) {
      // 409: the import was refused as a whole; the answer is the ImportSummary with its conflicts.
      if (e instanceof ApiError && e.status === 409 && isReport(e.details)) setSummary(e.details as DataValueSummary);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={l('Nhập số liệu (dataValueSets)', 'Import data values')}>
      <Typography.Paragraph type="secondary">
        {l(
          'Tệp JSON ({"dataValues": [...]}) hoặc CSV với các cột dataElement, period, orgUnit, value, comment. Mã chỉ tiêu và mã đơn vị như trong danh mục của Nhịp.',
          'JSON ({"dataValues": [...]}) or CSV with columns dataElement, period, orgUnit, value, comment, using Nhịp codes.',
        )}
      </Typography.Paragraph>
      <FilePicker
        file={file}
        onFile={(f) => {
          setFile(f);
          setSummary(null);
          setError(null);
        }}
        accept=".json,.csv,application/json,text/csv"
        hint={l('Tệp .json hoặc .csv', 'A .json or .csv file')}
      />
      <div style={{ display: 'grid', gap: 10, marginTop: 14 }}>
        <Space>
          <Switch aria-label={l('Chạy thử', 'Dry run')} checked={dryRun} onChange={setDryRun} />
          <span>
            <b>{l('Chạy thử', 'Dry run')}</b> — {l('kiểm tra toàn bộ tệp, không ghi gì', 'check the whole file, save nothing')}
          </span>
        </Space>
        <Space>
          <Switch aria-label={l('Tất cả hoặc không', 'All or nothing')} checked={atomic} onChange={setAtomic} />
          <span>
            <b>{l('Tất cả hoặc không', 'All or nothing')}</b> —{' '}
            {l('một dòng lỗi thì không ghi dòng nào', 'one bad row and nothing is saved')}
          </span>
        </Space>
        {mayApprove && (
          <Space>
            <Switch aria-label={l('Nạp như số liệu đã duyệt', 'Load as approved')} checked={approve} onChange={setApprove} />
            <span>
              <b>{l('Nạp như số liệu đã duyệt', 'Load as approved')}</b> —{' '}
              {l(
                'dùng cho số liệu lịch sử; tạo đợt và báo cáo ở trạng thái đã duyệt',
                'for historical data; creates rounds and approved submissions',
              )}
            </span>
          </Space>
        )}
      </div>
      {!dryRun && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={l('Chế độ nhập thật: số liệu sẽ được ghi vào hệ thống.', 'Real import: the values will be saved.')}
        />
      )}
      <Button type="primary" danger={!dryRun} disabled={!file} loading={busy} onClick={() => void run()} style={{ marginTop: 12 }}>
        {dryRun ? l('Chạy thử', 'Dry run') : l('Nhập số liệu', 'Import')}
      </Button>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      {summary && (
        <div style={{ marginTop: 16 }}>
          <DataValueResult summary={summary} />
        </div>
      )}
    </Card>
  );
}

function ExportCard() {
  const l = useL();
  const lang = useLang();
  const forms = useQuery({ queryKey: ['forms'], queryFn: () => api.get<FormSummary[]>('/api/forms') });
  const units = useOrgUnits({ includeClosed: true });
  const [formId, setFormId] = useState<number | undefined>();
  const [period, setPeriod] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [children, setChildren] = useState(true);
  const [format, setFormat] = useState<'json' | 'csv'>('csv');
  const form = forms.data?.find((f) => f.id === formId);
  const unit = units.data?.find((u) => u.id === unitId);
  const href =
    form && period && unit
      ? `/api/dataValueSets${qs({ dataSet: form.code, period, orgUnit: unit.code, children: children ? 'true' : undefined, format })}`
      : undefined;
  return (
    <Card title={l('Xuất dữ liệu', 'Export')}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>{l('Danh mục (metadata)', 'Metadata')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {l(
              'Toàn bộ đơn vị, lĩnh vực, chỉ tiêu, chỉ số, biểu mẫu và quy tắc kiểm tra dưới dạng JSON, nhập lại được vào Nhịp hoặc DHIS2.',
              'All units, sectors, data elements, indicators, forms and rules as JSON.',
            )}
          </Typography.Paragraph>
          <Button icon={<CloudDownloadOutlined />} href="/api/metadata" download>
            {l('Tải danh mục (JSON)', 'Download metadata (JSON)')}
          </Button>
        </div>
        <div>
          <Typography.Text strong>{l('Số liệu (dataValueSets)', 'Data values')}</Typography.Text>
          <Form layout="vertical" style={{ marginTop: 8 }}>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label={l('Biểu mẫu', 'Form')} required>
                  <Select
                    value={formId}
                    onChange={(v) => {
                      setFormId(v);
                      setPeriod(null);
                    }}
                    loading={forms.isLoading}
                    aria-label={l('Biểu mẫu', 'Form')}
                    placeholder={forms.isError ? errorMessage(forms.error) : l('Chọn biểu mẫu', 'Choose a form')}
                    showSearch={{ filterOption: viFilterOption }}
                    options={(forms.data ?? []).map((f) => ({
                      value: f.id,
                      label: `${f.name} (${periodTypeLabel(f.periodType, lang)})`,
                      search: `${f.name} ${f.code}`,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={l('Kỳ báo cáo', 'Period')} required>
                  {form ? (
                    <PeriodSelect
                      type={form.periodType}
                      value={period}
                      onChange={setPeriod}
                      placeholder={l('Chọn kỳ', 'Choose a period')}
                    />
                  ) : (
                    <Select disabled aria-label={l('Biểu mẫu', 'Form')} placeholder={l('Chọn biểu mẫu trước', 'Choose a form first')} />
                  )}
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={l('Đơn vị', 'Unit')} required>
                  <OrgUnitTreeSelect units={units.data} value={unitId} onChange={(v) => setUnitId((v as number | null) ?? null)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={l('Tùy chọn', 'Options')}>
                  <Space wrap>
                    <Checkbox checked={children} onChange={(e) => setChildren(e.target.checked)}>
                      {l('Gồm các đơn vị trực thuộc', 'Include child units')}
                    </Checkbox>
                    <Radio.Group
                      value={format}
                      onChange={(e) => setFormat(e.target.value)}
                      optionType="button"
                      size="small"
                      options={[
                        { value: 'csv', label: 'CSV' },
                        { value: 'json', label: 'JSON' },
                      ]}
                    />
                  </Space>
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" icon={<CloudDownloadOutlined />} disabled={!href} href={href} download>
              {l('Tải số liệu', 'Download data')}
            </Button>
          </Form>
        </div>
      </Space>
    </Card>
  );
}

export default function ExchangePage() {
  const l = useL();
  return (
    <>
      <PageHeader
        title={l('Trao đổi dữ liệu', 'Data exchange')}
        subtitle={l(
          'Nhập, xuất danh mục và số liệu theo định dạng DHIS2 — để chuyển số liệu lịch sử vào Nhịp hoặc đồng bộ với hệ thống khác.',
          'Import and export metadata and data values in DHIS2 format — to load history or sync with other systems.',
        )}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <MetadataImportCard />
        </Col>
        <Col xs={24} xl={12}>
          <DataValuesImportCard />
        </Col>
        <Col xs={24}>
          <ExportCard />
        </Col>
      </Row>
    </>
  );
}
