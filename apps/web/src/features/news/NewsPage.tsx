/**
 * Tin bài: the department's articles in every state, last edited first, filtered by status and searched without
 * diacritics. The office writes a new one here (or from a concluded conference's page); the director opens those
 * waiting for approval.
 */
import { PlusOutlined } from '@ant-design/icons';
import { formatDateTime, formatNumber, NEWS_STATUSES, NEWS_TITLE_MAX, type NewsStatus } from '@nhip/contracts';
import { Button, Card, Form, Grid, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/QueryState';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { EmptyHint, showTotal } from '../../components/table';
import { api } from '../../lib/api';
import { type ArticleChanged, type NewsListItem, useNewsList, useStoreArticle } from './api';
import { NEWS_TAGS, NewsStatusTag } from './labels';
import './news.css';

/** The text typed, once the person has stopped typing for a moment. */
function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** When an article is, or will be, on the public site; else when it was last changed. */
export function articleWhen(a: Pick<NewsListItem, 'status' | 'scheduled' | 'publishedAt' | 'updatedAt'>, l: (vi: string, en: string) => string): string {
  if (a.status === 'published' && a.publishedAt)
    return a.scheduled ? l(`Hẹn đăng ${formatDateTime(a.publishedAt)}`, `Goes out ${formatDateTime(a.publishedAt)}`) : l(`Đăng ${formatDateTime(a.publishedAt)}`, `Published ${formatDateTime(a.publishedAt)}`);
  return l(`Sửa ${formatDateTime(a.updatedAt)}`, `Edited ${formatDateTime(a.updatedAt)}`);
}

export default function NewsPage() {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const canWrite = !!me.abilities['news.write'];
  const [params, setParams] = useSearchParams();
  const status = (NEWS_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as NewsStatus) : undefined;
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [writing, setWriting] = useState(false);
  const mobile = Grid.useBreakpoint().md === false;

  const setParam = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  useEffect(() => setPage(1), [query, status]);

  const list = useNewsList({ status, q: query || undefined, page, pageSize });
  const items = list.data?.items ?? [];

  const titleCell = (a: NewsListItem) => (
    <div style={{ minWidth: 0 }}>
      <Link to={`/news/${a.id}`} className="news-list-title">
        {a.title}
      </Link>
      {a.summary ? <div className="nhip-muted news-list-summary">{a.summary}</div> : null}
    </div>
  );
  const columns: ColumnsType<NewsListItem> = [
    { title: l('Tiêu đề', 'Title'), key: 'title', render: (_, a) => titleCell(a) },
    { title: l('Trạng thái', 'Status'), key: 'status', width: 130, render: (_, a) => <NewsStatusTag article={a} /> },
    { title: l('Lĩnh vực', 'Sector'), dataIndex: 'sector', width: 170, render: (v: string | null) => v ?? <span className="nhip-muted">—</span> },
    { title: l('Tác giả', 'Author'), dataIndex: 'authorLine', width: 170, render: (v: string) => v || <span className="nhip-muted">—</span> },
    { title: l('Thời điểm', 'When'), key: 'when', width: 200, render: (_, a) => <span className="nhip-muted">{articleWhen(a, l)}</span> },
  ];
  const mobileColumns: ColumnsType<NewsListItem> = [
    {
      title: l('Tin bài', 'Article'),
      key: 'article',
      render: (_, a) => (
        <div>
          {titleCell(a)}
          <Space size={8} wrap style={{ marginTop: 4 }}>
            <NewsStatusTag article={a} />
            <span className="nhip-muted">{articleWhen(a, l)}</span>
          </Space>
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={l('Tin bài', 'News')}
        subtitle={l(
          'Tin bài đăng trên trang thông tin công khai của Sở: Văn phòng viết và gửi duyệt, lãnh đạo Sở duyệt, rồi bài được đăng ngay hoặc theo giờ hẹn.',
          'Articles for the department’s public pages: the office writes and submits, the director approves, then the article goes out now or at a set time.',
        )}
        extra={
          <>
            <Button href="/tin-tuc" target="_blank" rel="noopener">
              {l('Xem trang tin công khai', 'Open the public news')}
            </Button>
            {canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setWriting(true)}>
                {l('Viết tin mới', 'New article')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <div className="nhip-toolbar">
          <Input.Search
            allowClear
            aria-label={l('Tìm tin bài', 'Search articles')}
            placeholder={l('Tìm trong tiêu đề, tóm tắt, nội dung (không cần dấu)', 'Search title, summary, text')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 360 }}
          />
          <Select
            aria-label={l('Trạng thái', 'Status')}
            allowClear
            placeholder={l('Mọi trạng thái', 'Every status')}
            value={status}
            onChange={(v?: string) => setParam('status', v)}
            options={NEWS_STATUSES.map((s) => ({ value: s, label: NEWS_TAGS[s][lang] }))}
            style={{ width: 200 }}
            data-testid="news-status-filter"
          />
        </div>
        {list.error ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} compact />
        ) : (
          <>
            {!list.isLoading ? (
              <Typography.Text strong style={{ display: 'block', marginBottom: 12 }}>
                {l(`${formatNumber(list.data?.total ?? 0)} tin bài`, `${formatNumber(list.data?.total ?? 0)} articles`)}
              </Typography.Text>
            ) : null}
            <Table<NewsListItem>
              rowKey="id"
              size={mobile ? 'small' : 'middle'}
              loading={list.isFetching && !list.data}
              columns={mobile ? mobileColumns : columns}
              dataSource={items}
              locale={{
                emptyText: (
                  <EmptyHint
                    title={query || status ? l('Không có tin bài phù hợp', 'No matching article') : l('Chưa có tin bài nào', 'No article yet')}
                    hint={
                      canWrite && !query && !status
                        ? l('Viết tin mới, hoặc mở một hội nghị đã ban hành kết luận và chọn "Viết tin từ hội nghị".', 'Write one, or open a concluded conference and choose "Write the article".')
                        : undefined
                    }
                  />
                ),
              }}
              pagination={{
                current: page,
                pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                showTotal,
                onChange: (p, s) => {
                  setPage(s !== pageSize ? 1 : p);
                  setPageSize(s);
                },
              }}
              data-testid="news-table"
            />
          </>
        )}
      </Card>
      {writing ? <NewArticleModal onClose={() => setWriting(false)} /> : null}
    </>
  );
}

/** A new article starts from its title; the editor opens on the draft. */
function NewArticleModal({ onClose }: { onClose: () => void }) {
  const l = useL();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const store = useStoreArticle();
  const [form] = Form.useForm<{ title: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    const { title } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const a = await api.post<ArticleChanged>('/api/news', { title, body: '', authorLine: me.fullName });
      store(a);
      navigate(`/news/${a.id}`);
    } catch (e) {
      setError(applyServerError(form, e, ['title']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={l('Viết tin mới', 'New article')}
      onCancel={onClose}
      onOk={() => void create()}
      okText={l('Tạo bản nháp', 'Create draft')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: busy }}
    >
      <ServerErrorAlert message={error} />
      <Form form={form} layout="vertical" onFinish={() => void create()}>
        <Form.Item
          name="title"
          label={l('Tiêu đề', 'Title')}
          rules={[{ required: true, whitespace: true, message: l('Hãy nhập tiêu đề tin bài.', 'Enter a title.') }]}
          extra={l('Địa chỉ của bài trên trang công khai được tạo từ tiêu đề (không dấu).', 'The public address is made from the title.')}
        >
          <Input maxLength={NEWS_TITLE_MAX} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
