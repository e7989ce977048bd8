/**
 * Báo cáo tổng kết: the draft summary report of a period (Decree 30/2020 layout) previewed as the server
 * renders it, and downloaded as .docx, .pdf or the appendix figures as .xlsx. The period is in the URL.
 */
import { EditOutlined, FileExcelOutlined, FilePdfOutlined, FileWordOutlined, ReloadOutlined } from '@ant-design/icons';
import { type PeriodType, periodLabel, periodTypeLabel, SUMMARY_DRAFT_STATE_LABELS, toPeriod } from '@nhip/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { RequireAbility } from '../../components/RequireAbility';
import { EmptyHint } from '../../components/table';
import { ApiError } from '../../lib/api';
import { downloadFile } from '../analytics/download';
import { pickablePeriods, switchPeriodType, todayVN } from '../analytics/figures';
import { useDraftList } from './draft-api';

/** 'Quý III năm 2025' → 'quý III năm 2025' (only the first letter: the numerals stay). */
const lowerFirst = (s: string) => (s ? s[0]!.toLocaleLowerCase('vi') + s.slice(1) : s);

const TYPES: PeriodType[] = ['Yearly', 'NineMonthly', 'SixMonthly', 'Quarterly'];
type Format = 'docx' | 'pdf' | 'xlsx';

const reportUrl = (period: string, format: 'html' | Format) => `/api/reports/summary?period=${encodeURIComponent(period)}&format=${format}`;

/** The report's HTML as text (shown in a sandboxed frame: no script, no access to this page). */
async function fetchPreview(period: string): Promise<string> {
  const res = await fetch(reportUrl(period, 'html'), { credentials: 'same-origin' });
  const text = await res.text();
  if (!res.ok) {
    let data: { error?: string; message?: string } = {};
    try {
      data = JSON.parse(text);
    } catch {
      data = {};
    }
    if (res.status === 401) window.dispatchEvent(new CustomEvent('nhip:unauthorized'));
    throw new ApiError(res.status, data.error ?? 'http_error', data.message ?? `Máy chủ trả lời lỗi ${res.status}.`);
  }
  return text;
}

function safePeriod(id: string | null): string | null {
  if (!id) return null;
  try {
    const p = toPeriod(id);
    return TYPES.includes(p.type) ? p.id : null;
  } catch {
    return null;
  }
}

function ReportView() {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const period = safePeriod(sp.get('period'));
  const navigate = useNavigate();
  const drafts = useDraftList();
  const [type, setType] = useState<PeriodType>(period ? toPeriod(period).type : 'Yearly');
  const shownType = period ? toPeriod(period).type : type;

  const options = useMemo(
    () =>
      pickablePeriods(shownType, todayVN(), shownType === 'Yearly' ? 8 : shownType === 'Quarterly' ? 12 : 6, period).map((p) => ({
        value: p.id,
        label: periodLabel(p, lang),
      })),
    [shownType, period, lang],
  );
  const pick = (id: string | null) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('period', id);
      else next.delete('period');
      return next;
    });

  const preview = useQuery({
    queryKey: ['reports', 'summary', 'html', period],
    queryFn: () => fetchPreview(period as string),
    enabled: !!period,
    staleTime: 60_000,
    retry: false,
  });

  const [busy, setBusy] = useState<Format | null>(null);
  const [failure, setFailure] = useState<{ format: Format; status: number; message: string } | null>(null);
  const download = async (format: Format) => {
    if (!period) return;
    setBusy(format);
    setFailure(null);
    try {
      const fallback =
        format === 'xlsx'
          ? `Phụ lục số liệu ${periodLabel(period, 'vi')}.xlsx`
          : `Dự thảo báo cáo tổng kết ${periodLabel(period, 'vi')}.${format}`;
      const name = await downloadFile(reportUrl(period, format), { fallbackName: fallback });
      message.success(l(`Đã tải về ${name}.`, `Downloaded ${name}.`));
    } catch (e) {
      setFailure({ format, status: e instanceof ApiError ? e.status : 0, message: errorMessage(e, lang) });
    } finally {
      setBusy(null);
    }
  };

  const failureTitle = (f: { format: Format; status: number }) =>
    f.format === 'pdf' && f.status === 503
      ? l('Máy chủ chưa tạo được bản PDF', 'The server cannot make a PDF')
      : f.format === 'xlsx'
        ? l('Không tải được Phụ lục số liệu', 'Could not download the appendix')
        : l(`Không tải được bản .${f.format}`, `Could not download the .${f.format}`);

  return (
    <>
      <PageHeader
        title={l('Báo cáo tổng kết', 'Summary report')}
        subtitle={l(
          'Dự thảo báo cáo theo thể thức Nghị định 30/2020/NĐ-CP, lập từ số liệu và nội dung báo cáo đã duyệt của các đơn vị.',
          'Draft report in the Decree 30/2020 layout, compiled from the units’ approved figures and narratives.',
        )}
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex gap={12} wrap="wrap" align="center" justify="space-between">
            <Space wrap size={8}>
              <Typography.Text strong>{l('Kỳ báo cáo', 'Period')}</Typography.Text>
              <Segmented<PeriodType>
                aria-label={l('Loại kỳ', 'Period type')}
                data-testid="report-period-type"
                value={shownType}
                onChange={(t) => {
                  setType(t);
                  if (period) pick(switchPeriodType(period, t));
                }}
                options={TYPES.map((t) => ({ value: t, label: periodTypeLabel(t, lang) }))}
              />
              <Select
                aria-label={l('Chọn kỳ báo cáo', 'Choose the period')}
                data-testid="report-period"
                value={period ?? undefined}
                placeholder={l('Chọn kỳ', 'Choose a period')}
                onChange={(v: string) => pick(v)}
                options={options}
                style={{ width: 220 }}
              />
            </Space>
            <Space wrap size={8}>
              <Button
                icon={<FileWordOutlined />}
                type="primary"
                disabled={!period}
                loading={busy === 'docx'}
                onClick={() => download('docx')}
                data-testid="report-docx"
              >
                {l('Tải .docx', 'Download .docx')}
              </Button>
              <Button
                icon={<FilePdfOutlined />}
                disabled={!period}
                loading={busy === 'pdf'}
                onClick={() => download('pdf')}
                data-testid="report-pdf"
              >
                {l('Tải .pdf', 'Download .pdf')}
              </Button>
              <Button
                icon={<FileExcelOutlined />}
                disabled={!period}
                loading={busy === 'xlsx'}
                onClick={() => download('xlsx')}
                data-testid="report-xlsx"
              >
                {l('Tải Phụ lục số liệu (.xlsx)', 'Download the appendix (.xlsx)')}
              </Button>
              <Button
                icon={<EditOutlined />}
                disabled={!period}
                onClick={() => period && navigate(`/reports/summary/draft/${encodeURIComponent(period)}`)}
                data-testid="report-edit-draft"
              >
                {l('Chỉnh sửa và trình ký', 'Edit and submit for signature')}
              </Button>
            </Space>
          </Flex>
          {/* The drafts being edited, waiting for the director or approved: one click to each. */}
          {drafts.data?.items.length ? (
            <Flex gap={8} wrap="wrap" align="center" style={{ marginTop: 10 }} data-testid="report-drafts">
              <Typography.Text type="secondary">{l('Dự thảo đã lập:', 'Drafts:')}</Typography.Text>
              {drafts.data.items.map((d) => (
                <Link key={d.period} to={`/reports/summary/draft/${encodeURIComponent(d.period)}`}>
                  {d.periodLabel}{' '}
                  <Tag color={SUMMARY_DRAFT_STATE_LABELS[d.state].color} style={{ marginInlineEnd: 0 }}>
                    {d.number ? `Số ${d.number}` : lang === 'vi' ? SUMMARY_DRAFT_STATE_LABELS[d.state].vi : SUMMARY_DRAFT_STATE_LABELS[d.state].en}
                  </Tag>
                </Link>
              ))}
            </Flex>
          ) : null}
        </Card>

        {failure ? (
          <Alert
            type={failure.status === 503 ? 'warning' : 'error'}
            showIcon
            closable
            onClose={() => setFailure(null)}
            data-testid="report-download-error"
            title={failureTitle(failure)}
            description={
              <>
                <div>{failure.message}</div>
                {failure.format === 'pdf' && failure.status === 503 ? (
                  <div style={{ marginTop: 4 }}>
                    {l(
                      'Trong lúc chờ, hãy tải bản .docx rồi dùng Word hoặc LibreOffice để lưu thành PDF.',
                      'Meanwhile, download the .docx and save it as PDF with Word or LibreOffice.',
                    )}
                  </div>
                ) : null}
              </>
            }
          />
        ) : null}

        <Card size="small" styles={{ body: { padding: period && preview.data ? 0 : undefined } }}>
          {!period ? (
            <EmptyHint
              title={l('Chọn kỳ báo cáo để xem trước dự thảo', 'Choose a period to preview the draft')}
              hint={l(
                'Năm, 9 tháng, 6 tháng hoặc quý. Dự thảo được lập ngay từ số liệu đã duyệt; có thể xem trước rồi tải về bản Word để chỉnh sửa, trình ký.',
                'Year, nine months, half-year or quarter. The draft is compiled from approved figures; preview it, then download the Word file to edit and sign.',
              )}
            />
          ) : preview.isError ? (
            <ErrorState error={preview.error} compact onRetry={() => preview.refetch()} />
          ) : !preview.data ? (
            <Flex vertical align="center" justify="center" gap={12} style={{ minHeight: 320 }} data-testid="report-loading">
              <Spin size="large" />
              <Typography.Text type="secondary">
                {l(
                  `Đang lập dự thảo báo cáo ${lowerFirst(periodLabel(period, 'vi'))}…`,
                  `Compiling the draft for ${periodLabel(period, 'en')}…`,
                )}
              </Typography.Text>
            </Flex>
          ) : (
            <div className="nhip-report-preview">
              <Flex justify="space-between" align="center" style={{ padding: '8px 12px', borderBottom: '1px solid #eef1f5' }}>
                <Typography.Text type="secondary">
                  {l(
                    `Xem trước dự thảo ${lowerFirst(periodLabel(period, 'vi'))} — trang in khổ A4`,
                    `Preview, ${periodLabel(period, 'en')} — A4 pages`,
                  )}
                </Typography.Text>
                <Button size="small" type="text" icon={<ReloadOutlined />} loading={preview.isFetching} onClick={() => preview.refetch()}>
                  {l('Lập lại', 'Rebuild')}
                </Button>
              </Flex>
              <iframe
                title={l('Xem trước dự thảo báo cáo tổng kết', 'Draft summary report preview')}
                data-testid="report-preview"
                sandbox=""
                srcDoc={preview.data}
                style={{ display: 'block', width: '100%', height: 'calc(100vh - 300px)', minHeight: 480, border: 0, background: '#e5e7eb' }}
              />
            </div>
          )}
        </Card>
      </Flex>
    </>
  );
}

export default function ReportPage() {
  return (
    <RequireAbility ability="completeness.read">
      <ReportView />
    </RequireAbility>
  );
}
