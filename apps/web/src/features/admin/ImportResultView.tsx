import { formatNumber } from '@nhip/contracts';
import { Alert, Col, Collapse, Row, Statistic, Table, Tag, Tooltip } from 'antd';
import { useL } from '../../app/i18n';
import type { DataValueSummary, MetadataReport } from './exchangeApi';

const STAT_LABELS: Record<string, { vi: string; en: string }> = {
  created: { vi: 'Thêm mới', en: 'Created' },
  imported: { vi: 'Thêm mới', en: 'Imported' },
  updated: { vi: 'Cập nhật', en: 'Updated' },
  unchanged: { vi: 'Không đổi', en: 'Unchanged' },
  ignored: { vi: 'Không đổi / bỏ qua', en: 'Unchanged / ignored' },
  deleted: { vi: 'Xóa', en: 'Deleted' },
  total: { vi: 'Tổng số', en: 'Total' },
};

const TYPE_LABELS: Record<string, string> = {
  // collections and DHIS2 class names
  OrganisationUnit: 'Đơn vị',
  DataElement: 'Chỉ tiêu',
  Indicator: 'Chỉ số',
  DataSet: 'Biểu mẫu',
  ValidationRule: 'Quy tắc kiểm tra',
  Sector: 'Lĩnh vực',
  Target: 'Chỉ tiêu kế hoạch',
  sectors: 'Lĩnh vực',
  organisationUnits: 'Đơn vị',
  dataElements: 'Chỉ tiêu',
  indicators: 'Chỉ số',
  dataSets: 'Biểu mẫu',
  validationRules: 'Quy tắc kiểm tra',
  targets: 'Chỉ tiêu kế hoạch',
};

function StatusTag({ status }: { status?: string }) {
  const l = useL();
  if (!status) return null;
  const s = status.toUpperCase();
  if (s === 'SUCCESS' || s === 'OK') return <Tag color="success">{l('Thành công', 'Success')}</Tag>;
  if (s === 'WARNING') return <Tag color="warning">{l('Có cảnh báo', 'Warnings')}</Tag>;
  return <Tag color="error">{l('Có lỗi', 'Errors')}</Tag>;
}

function Stats({ stats }: { stats: Record<string, number> }) {
  const l = useL();
  const keys = Object.keys(stats).filter((k) => typeof stats[k] === 'number');
  return (
    <Row gutter={[16, 12]}>
      {keys.map((k) => (
        <Col key={k} xs={12} md={6}>
          <Statistic title={STAT_LABELS[k] ? l(STAT_LABELS[k].vi, STAT_LABELS[k].en) : k} value={formatNumber(stats[k])} />
        </Col>
      ))}
    </Row>
  );
}

/** One readable line out of whatever an error entry is ({message}, {value}, {object, value}, a string). */
function errorLine(e: unknown): { where: string; message: string } {
  if (typeof e === 'string') return { where: '', message: e };
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    const where = [
      o.klass ? (TYPE_LABELS[String(o.klass)] ?? o.klass) : null,
      o.object,
      o.property,
      o.errorProperty,
      o.mainKlass,
      o.code,
      o.line != null ? `dòng ${o.line}` : null,
      o.path,
    ]
      .filter((x) => x != null && x !== '')
      .map(String)
      .join(' · ');
    return { where, message: String(o.message ?? o.value ?? JSON.stringify(o)) };
  }
  return { where: '', message: String(e) };
}

function RawResponse({ data }: { data: unknown }) {
  const l = useL();
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'raw',
          label: l('Xem phản hồi đầy đủ của máy chủ (JSON)', 'Full server response (JSON)'),
          children: <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12 }}>{JSON.stringify(data, null, 2)}</pre>,
        },
      ]}
    />
  );
}

export function MetadataResult({ report, dryRun }: { report: MetadataReport; dryRun: boolean }) {
  const l = useL();
  const errors: unknown[] = [
    ...(report.errors ?? []),
    ...(report.conflicts ?? []),
    ...(report.typeReports ?? []).flatMap((t) => [...(t.errors ?? []), ...(t.objectReports ?? []).flatMap((o) => o.errorReports ?? [])]),
  ];
  const perType = (report.typeReports ?? []).filter((t) => t.stats);
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Alert
        type={errors.length ? 'error' : 'success'}
        showIcon
        title={
          <span>
            <StatusTag status={report.status ?? (errors.length ? 'ERROR' : 'SUCCESS')} />{' '}
            {dryRun
              ? l('Kết quả chạy thử — chưa ghi gì vào hệ thống', 'Dry run — nothing was saved')
              : l('Đã nhập danh mục', 'Metadata imported')}
          </span>
        }
        description={report.description ?? report.message}
      />
      {report.stats && <Stats stats={report.stats} />}
      {perType.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(t) => String(t.collection ?? t.klass ?? t.type)}
          dataSource={perType}
          columns={[
            {
              title: l('Loại đối tượng', 'Object type'),
              key: 'type',
              render: (_, t) =>
                TYPE_LABELS[String(t.collection ?? '')] ??
                TYPE_LABELS[String(t.klass ?? t.type)] ??
                String(t.collection ?? t.klass ?? t.type),
            },
            ...['created', 'updated', 'unchanged', 'ignored', 'deleted', 'total']
              .filter((k) => perType.some((t) => typeof t.stats?.[k] === 'number'))
              .map((k) => ({
                title: STAT_LABELS[k] ? l(STAT_LABELS[k].vi, STAT_LABELS[k].en) : k,
                key: k,
                align: 'right' as const,
                render: (_: unknown, t: (typeof perType)[number]) => formatNumber(t.stats?.[k] ?? 0),
              })),
          ]}
        />
      )}
      {errors.length > 0 && (
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          dataSource={errors.map(errorLine)}
          pagination={errors.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: l('Vị trí', 'Where'), dataIndex: 'where', width: 260 },
            { title: l('Lỗi', 'Problem'), dataIndex: 'message' },
          ]}
        />
      )}
      <RawResponse data={report} />
    </div>
  );
}

export function DataValueResult({ summary }: { summary: DataValueSummary }) {
  const l = useL();
  const dry = summary.importOptions?.dryRun;
  const type = summary.status === 'SUCCESS' ? 'success' : summary.status === 'WARNING' ? 'warning' : 'error';
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Alert
        type={type}
        showIcon
        title={
          <span>
            <StatusTag status={summary.status} />{' '}
            {dry
              ? l('Kết quả chạy thử — chưa ghi gì vào hệ thống', 'Dry run — nothing was saved')
              : l('Kết quả nhập số liệu', 'Import result')}
          </span>
        }
        description={summary.description}
      />
      <Stats stats={summary.importCount} />
      {summary.created && (summary.created.rounds > 0 || summary.created.submissions > 0) && (
        <div className="nhip-muted">
          {l(
            `Kèm theo: ${formatNumber(summary.created.rounds)} đợt báo cáo và ${formatNumber(summary.created.submissions)} báo cáo của đơn vị được tạo.`,
            `Also created: ${formatNumber(summary.created.rounds)} rounds and ${formatNumber(summary.created.submissions)} submissions.`,
          )}
        </div>
      )}
      {summary.conflicts.length > 0 && (
        <Table
          size="small"
          rowKey={(c, i) => `${c.object}-${i}`}
          dataSource={summary.conflicts}
          pagination={summary.conflicts.length > 10 ? { pageSize: 10 } : false}
          columns={[
            {
              title: l('Đối tượng', 'Object'),
              dataIndex: 'object',
              width: 170,
              render: (v: string) => <span className="nhip-code">{v}</span>,
            },
            { title: l('Lỗi', 'Problem'), dataIndex: 'value' },
            {
              title: (
                <Tooltip
                  title={l(
                    'Thứ tự của giá trị trong tệp, tính từ 1 (không kể dòng tiêu đề của CSV).',
                    'Position of the value in the file, from 1 (CSV header not counted).',
                  )}
                >
                  {l('Giá trị thứ', 'Value no.')}
                </Tooltip>
              ),
              dataIndex: 'indexes',
              width: 120,
              render: (v?: number[]) =>
                v?.length
                  ? v
                      .slice(0, 12)
                      .map((i) => formatNumber(i + 1))
                      .join(', ') + (v.length > 12 ? '…' : '')
                  : '—',
            },
          ]}
        />
      )}
    </div>
  );
}
