/**
 * "Báo cáo kết quả giải quyết kiến nghị" for a period: the server's Decree 30 document previewed in a sandboxed frame
 * (no script, no access to this page) and downloaded as .docx or .pdf.
 */
import { FilePdfOutlined, FileWordOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Select, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { recentPeriods } from '../../components/PeriodSelect';
import { ApiError } from '../../lib/api';
import { useDownload, viSearch } from '../conferences/shared';
import '../conferences/conferences.css';
import { usePeriodOptions } from './shared';

async function fetchHtml(url: string): Promise<string> {
  const res = await fetch(url, { credentials: 'same-origin' });
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

const url = (period: string, format: 'html' | 'docx' | 'pdf') => `/api/recommendations/report?period=${encodeURIComponent(period)}&format=${format}`;

export default function ResultsReportPage() {
  const l = useL();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? recentPeriods('Yearly', 1)[0]?.id ?? '';
  const periods = usePeriodOptions();
  const allowed = ['admin', 'office', 'director', 'viewer'].includes(me.role);
  const preview = useQuery({ queryKey: ['follow-up', 'report', period], queryFn: () => fetchHtml(url(period, 'html')), enabled: allowed && !!period, retry: false });
  const [download, busy] = useDownload();
  const base = `bao-cao-ket-qua-giai-quyet-kien-nghi-${period}`;
  return (
    <>
      <PageHeader
        title={l('Báo cáo kết quả giải quyết kiến nghị', 'Results report')}
        crumbs={[{ title: l('Theo dõi kiến nghị', 'Recommendations'), to: '/follow-up' }, { title: l('Báo cáo kết quả', 'Results report') }]}
        subtitle={l('Văn bản theo Nghị định 30/2020/NĐ-CP, số liệu theo lưới QĐ 42/2014/QĐ-TTg tính đến hôm nay.', 'A Decree 30 document; figures as of today.')}
        extra={
          <>
            <Select
              aria-label={l('Kỳ báo cáo', 'Period')}
              showSearch={viSearch}
              value={period}
              onChange={(v: string) => setParams({ period: v }, { replace: true })}
              options={periods}
              style={{ width: 200 }}
            />
            <Button type="primary" icon={<FileWordOutlined />} loading={busy === url(period, 'docx')} onClick={() => void download(url(period, 'docx'), `${base}.docx`)} disabled={!allowed}>
              {l('Tải .docx', 'Download .docx')}
            </Button>
            <Button icon={<FilePdfOutlined />} loading={busy === url(period, 'pdf')} onClick={() => void download(url(period, 'pdf'), `${base}.pdf`)} disabled={!allowed}>
              {l('Tải .pdf', 'Download .pdf')}
            </Button>
          </>
        }
      />
      {!allowed ? (
        <ErrorState error={new ApiError(403, 'forbidden', l('Chỉ Văn phòng Sở, lãnh đạo Sở và người được xem toàn bộ sổ theo dõi mới lập được báo cáo này.', 'Only the office and the directorate build this report.'))} />
      ) : preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          {!preview.data ? (
            <Flex vertical align="center" justify="center" gap={12} style={{ minHeight: 320 }}>
              <Spin size="large" />
              <Typography.Text type="secondary">{l('Đang lập văn bản…', 'Building the document…')}</Typography.Text>
            </Flex>
          ) : (
            <>
              <Flex justify="space-between" align="center" style={{ padding: '8px 12px', borderBottom: '1px solid #eef1f5' }}>
                <Typography.Text type="secondary">{l('Xem trước — trang in khổ A4', 'Preview — A4 pages')}</Typography.Text>
                <Button size="small" type="text" icon={<ReloadOutlined />} loading={preview.isFetching} onClick={() => void preview.refetch()}>
                  {l('Lập lại', 'Rebuild')}
                </Button>
              </Flex>
              <iframe title={l('Xem trước báo cáo kết quả giải quyết kiến nghị', 'Results report preview')} sandbox="" srcDoc={preview.data} className="conf-doc-frame" data-testid="fu-report-preview" />
            </>
          )}
        </Card>
      )}
    </>
  );
}
