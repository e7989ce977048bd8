/**
 * The conference's four Decree 30 documents — Giấy mời, Chương trình, Biên bản, Thông báo kết luận — previewed as the
 * server renders them (a sandboxed frame: no script, no access to this page) and downloaded as .docx or .pdf.
 */
import { FilePdfOutlined, FileWordOutlined, ReloadOutlined } from '@ant-design/icons';
import { CONFERENCE_DOCUMENT_LABELS, type ConferenceDocument, UNIT_ROLES } from '@nhip/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Grid, Segmented, Select, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { ErrorState } from '../../components/QueryState';
import { ApiError } from '../../lib/api';
import { type Conference, docUrl, type Notice, usePart } from './api';
import { useDownload } from './shared';

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

const FILE_NAMES: Record<ConferenceDocument, string> = {
  invitation: 'Giấy mời',
  agenda: 'Chương trình hội nghị',
  minutes: 'Biên bản hội nghị',
  conclusion: 'Thông báo kết luận',
};

export default function DocumentsTab({ c }: { c: Conference }) {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const unitRole = UNIT_ROLES.includes(me.role);
  const notices = usePart<{ items: Notice[] }>(c.id, 'notices', 'notices');
  const issued = (notices.data?.items.length ?? 0) > 0;
  const [params, setParams] = useSearchParams();
  const kinds: ConferenceDocument[] = unitRole ? ['invitation', 'agenda', ...(issued ? (['conclusion'] as const) : [])] : ['invitation', 'agenda', 'minutes', 'conclusion'];
  const doc = kinds.includes(params.get('doc') as ConferenceDocument) ? (params.get('doc') as ConferenceDocument) : 'invitation';
  const pick = (k: ConferenceDocument) => {
    const p = new URLSearchParams(params);
    p.set('doc', k);
    setParams(p, { replace: true });
  };
  const preview = useQuery({
    queryKey: ['conferences', c.id, 'document', doc, c.updatedAt],
    queryFn: () => fetchHtml(docUrl(c.id, doc, 'html')),
    retry: false,
    staleTime: 10_000,
  });
  const [download, busy] = useDownload();
  const mobile = Grid.useBreakpoint().md === false;
  const draftNotice = doc === 'conclusion' && !issued;

  return (
    <Card
      size="small"
      title={
        mobile ? (
          <Select<ConferenceDocument>
            aria-label={l('Chọn văn bản', 'Choose a document')}
            value={doc}
            onChange={pick}
            options={kinds.map((k) => ({ value: k, label: CONFERENCE_DOCUMENT_LABELS[k][lang] }))}
            style={{ width: '100%' }}
          />
        ) : (
          <Segmented<ConferenceDocument>
            aria-label={l('Chọn văn bản', 'Choose a document')}
            value={doc}
            onChange={pick}
            options={kinds.map((k) => ({ value: k, label: CONFERENCE_DOCUMENT_LABELS[k][lang] }))}
          />
        )
      }
      extra={
        <Space wrap>
          <Button
            type="primary"
            icon={<FileWordOutlined />}
            loading={busy === docUrl(c.id, doc, 'docx')}
            onClick={() => void download(docUrl(c.id, doc, 'docx'), `${FILE_NAMES[doc]}.docx`)}
            data-testid="document-docx"
          >
            {l('Tải .docx', 'Download .docx')}
          </Button>
          <Button icon={<FilePdfOutlined />} loading={busy === docUrl(c.id, doc, 'pdf')} onClick={() => void download(docUrl(c.id, doc, 'pdf'), `${FILE_NAMES[doc]}.pdf`)}>
            {l('Tải .pdf', 'Download .pdf')}
          </Button>
        </Space>
      }
      styles={{ body: { padding: 0 } }}
    >
      {draftNotice ? (
        <Alert
          type="info"
          banner
          title={l('Thông báo kết luận chưa ban hành: đây là dự thảo lập từ các điểm kết luận hiện có.', 'Not issued yet: a draft from the current points.')}
        />
      ) : null}
      {preview.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState compact error={preview.error} onRetry={() => void preview.refetch()} />
        </div>
      ) : !preview.data ? (
        <Flex vertical align="center" justify="center" gap={12} style={{ minHeight: 320 }}>
          <Spin size="large" />
          <Typography.Text type="secondary">{l('Đang lập văn bản…', 'Building the document…')}</Typography.Text>
        </Flex>
      ) : (
        <>
          <Flex justify="space-between" align="center" style={{ padding: '8px 12px', borderBottom: '1px solid #eef1f5' }}>
            <Typography.Text type="secondary">{l(`Xem trước ${CONFERENCE_DOCUMENT_LABELS[doc].vi.toLowerCase()} — trang in khổ A4`, `Preview, ${CONFERENCE_DOCUMENT_LABELS[doc].en} — A4 pages`)}</Typography.Text>
            <Button size="small" type="text" icon={<ReloadOutlined />} loading={preview.isFetching} onClick={() => void preview.refetch()}>
              {l('Lập lại', 'Rebuild')}
            </Button>
          </Flex>
          <iframe
            title={l(`Xem trước ${CONFERENCE_DOCUMENT_LABELS[doc].vi}`, `${CONFERENCE_DOCUMENT_LABELS[doc].en} preview`)}
            data-testid="document-preview"
            sandbox=""
            srcDoc={preview.data}
            className="conf-doc-frame"
          />
        </>
      )}
    </Card>
  );
}
