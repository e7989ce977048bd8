/**
 * One article: the editor (title, summary, body, sector, tags, signature line, "Theo:" source), its photos, and the
 * workflow buttons the server's `abilities` allow — submit, return, approve, publish now or at a time, unpublish,
 * correct (the text it replaces is kept as an earlier version). A save carries the version read; when someone else
 * saved first the server answers 409 with the current text, which is offered here.
 */
import {
  CheckOutlined, EditOutlined, ExportOutlined, EyeOutlined, RollbackOutlined, SaveOutlined, SendOutlined, StopOutlined,
} from '@ant-design/icons';
import { formatDateTime, NEWS_SUMMARY_MAX, NEWS_TAGS_MAX, NEWS_TITLE_MAX } from '@nhip/contracts';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, List, Modal, Radio, Row, Select, Timeline, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage, PageSkeleton } from '../../components/QueryState';
import { useSectors } from '../../components/sectors';
import { ApiError, api } from '../../lib/api';
import { DateTimeField } from '../conferences/shared';
import { type Article, type ArticleChanged, type StaleDetails, useArticle, useRevision, useStoreArticle } from './api';
import { HISTORY_LABELS, NewsStatusTag } from './labels';
import { PhotosCard } from './PhotosCard';
import { RichTextEditor } from './RichTextEditor';
import './news.css';

type Values = {
  title: string;
  summary: string;
  body: string;
  sectorId: number | null;
  tags: string[];
  authorLine: string;
  source: string;
  reason?: string;
};

const valuesOf = (a: Article): Values => ({
  title: a.title, summary: a.summary, body: a.body, sectorId: a.sectorId, tags: a.tags, authorLine: a.authorLine, source: a.source ?? '', reason: '',
});

const textOf = (v: Values) => ({
  title: v.title.trim(),
  summary: v.summary.trim(),
  body: v.body,
  sectorId: v.sectorId ?? null,
  tags: v.tags.map((t) => t.trim()).filter(Boolean),
  authorLine: v.authorLine.trim(),
  source: v.source.trim() || null,
});

export default function ArticlePage() {
  const { id: idText } = useParams();
  const id = Number(idText);
  const q = useArticle(id);
  if (!Number.isInteger(id) || id <= 0) return <ErrorState error={new Error('Địa chỉ không hợp lệ.')} />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageSkeleton />;
  return <ArticleView key={q.data.id} a={q.data} />;
}

function ArticleView({ a }: { a: Article }) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const location = useLocation();
  const store = useStoreArticle();
  const sectors = useSectors();
  const [form] = Form.useForm<Values>();
  // The version the form was loaded from: a save says so, and the server refuses it if someone saved since.
  const [base, setBase] = useState(a.version);
  const [dirty, setDirty] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [stale, setStale] = useState<StaleDetails | null>(null);
  const [showStale, setShowStale] = useState(false);
  const [notes, setNotes] = useState<string[]>(() => ((location.state as { notes?: string[] } | null)?.notes ?? []).filter(Boolean));
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'publish' | 'return' | 'unpublish' | null>(null);
  const [revision, setRevision] = useState<number | null>(null);
  const ab = a.abilities;
  const editable = ab.edit || correcting;

  // Another tab's or person's change arrives (a refetch): the form follows it unless it holds unsaved edits.
  useEffect(() => {
    if (dirty) return;
    form.setFieldsValue(valuesOf(a));
    setBase(a.version);
  }, [a, dirty, form]);

  /** Stores what a call answered; the form is reloaded from it. */
  const accept = (next: Article, withNotes?: string[]) => {
    setDirty(false);
    setStale(null);
    form.setFieldsValue(valuesOf(next));
    setBase(next.version);
    store(next);
    setNotes(withNotes ?? []);
  };

  const refuse = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409 && e.details && typeof e.details === 'object') {
      setStale(e.details as StaleDetails);
      return;
    }
    message.error(errorMessage(e, lang));
  };

  /** Saves the text (PATCH with the version read); true when saved or nothing to save. */
  const save = async (): Promise<boolean> => {
    if (!dirty) return true;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return false;
    }
    setBusy('save');
    try {
      const next = await api.patch<ArticleChanged>(`/api/news/${a.id}`, { version: base, ...textOf(v) });
      accept(next, next.notes);
      message.success(l('Đã lưu tin bài.', 'Saved.'));
      return true;
    } catch (e) {
      refuse(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const correct = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy('correct');
    try {
      const next = await api.post<ArticleChanged>(`/api/news/${a.id}/correct`, { version: base, ...textOf(v), reason: (v.reason ?? '').trim() });
      setCorrecting(false);
      accept(next, next.notes);
      message.success(l('Đã đính chính tin bài.', 'Corrected.'));
    } catch (e) {
      refuse(e);
    } finally {
      setBusy(null);
    }
  };

  /** A workflow step; unsaved edits are saved first. */
  const step = async (name: string, body?: unknown, done?: string) => {
    if (!(await save())) return false;
    setBusy(name);
    try {
      const next = await api.post<ArticleChanged>(`/api/news/${a.id}/${name}`, body);
      accept(next, next.notes);
      if (done) message.success(done);
      return true;
    } catch (e) {
      refuse(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  /** After a photo change: the version moved on by one; unsaved text edits stay and are saved on top of it. */
  const photosChanged = async (next: Article | null) => {
    const before = a.version;
    const fresh = next ?? (await api.get<Article>(`/api/news/${a.id}`));
    store(fresh);
    if (!dirty) return;
    if (base === before && fresh.version === before + 1) setBase(fresh.version);
  };

  const useCurrent = () => {
    setDirty(false);
    setStale(null);
    setCorrecting(false);
    void api.get<Article>(`/api/news/${a.id}`).then((fresh) => {
      form.setFieldsValue(valuesOf(fresh));
      setBase(fresh.version);
      store(fresh);
    });
  };
  const keepMine = () => {
    if (!stale) return;
    setBase(stale.version);
    setStale(null);
    message.info(l('Phần bạn sửa được giữ; bấm "Lưu" để ghi đè lên bản hiện tại.', 'Your edits are kept; press Save to write them over the current version.'));
  };

  const sectorOptions = useMemo(() => (sectors.data ?? []).map((s) => ({ value: s.id, label: lang === 'en' && s.nameEn ? s.nameEn : s.name })), [sectors.data, lang]);

  const actions = (
    <>
      {a.visible ? (
        <Button icon={<ExportOutlined />} href={a.publicPath} target="_blank" rel="noopener" data-testid="news-public-link">
          {l('Xem trên trang công khai', 'Open the public page')}
        </Button>
      ) : null}
      {ab.edit && !correcting ? (
        <Button icon={<SaveOutlined />} type={dirty ? 'primary' : 'default'} disabled={!dirty} loading={busy === 'save'} onClick={() => void save()}>
          {l('Lưu', 'Save')}
        </Button>
      ) : null}
      {ab.submit ? (
        <Button icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void step('submit', undefined, l('Đã gửi tin bài đi duyệt.', 'Submitted.'))}>
          {l('Gửi duyệt', 'Submit')}
        </Button>
      ) : null}
      {ab.return ? (
        <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')}>
          {l('Trả lại', 'Return')}
        </Button>
      ) : null}
      {ab.approve ? (
        <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} onClick={() => void step('approve', undefined, l('Đã duyệt tin bài.', 'Approved.'))}>
          {l('Duyệt', 'Approve')}
        </Button>
      ) : null}
      {ab.publish ? (
        <Button type={a.status === 'approved' ? 'primary' : 'default'} icon={<ExportOutlined />} onClick={() => setDialog('publish')}>
          {l('Đăng bài', 'Publish')}
        </Button>
      ) : null}
      {ab.correct && !correcting ? (
        <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)}>
          {l('Đính chính', 'Correct')}
        </Button>
      ) : null}
      {ab.unpublish ? (
        <Button danger icon={<StopOutlined />} onClick={() => setDialog('unpublish')}>
          {l('Gỡ bài', 'Unpublish')}
        </Button>
      ) : null}
    </>
  );

  return (
    <>
      <PageHeader
        crumbs={[{ title: l('Tin bài', 'News'), to: '/news' }, { title: a.title }]}
        title={a.title || l('Tin bài', 'Article')}
        subtitle={
          <Flex gap={8} wrap="wrap" align="center">
            <NewsStatusTag article={a} testId="news-status" />
            <Typography.Text type="secondary">
              {l(`Cập nhật lúc ${formatDateTime(a.updatedAt)}`, `Updated ${formatDateTime(a.updatedAt)}`)} · {l('phiên bản', 'version')} {a.version}
            </Typography.Text>
          </Flex>
        }
        extra={actions}
      />
      <Flex vertical gap={12} style={{ marginBottom: 16 }}>
        {notes.length ? (
          <Alert type="info" showIcon closable onClose={() => setNotes([])} title={notes.length === 1 ? notes[0] : <ul className="news-notes">{notes.map((n) => <li key={n}>{n}</li>)}</ul>} data-testid="news-notes" />
        ) : null}
        {stale ? (
          <Alert
            type="error"
            showIcon
            data-testid="news-conflict"
            title={l('Tin bài vừa được người khác sửa trước khi bạn lưu; phần bạn sửa chưa được lưu.', 'Someone saved this article before you; your edits are not saved.')}
            description={
              <div>
                <p style={{ margin: '4px 0 8px' }}>
                  {l(
                    `Bản hiện tại là phiên bản ${stale.version}, cập nhật lúc ${formatDateTime(stale.updatedAt)}, tiêu đề "${stale.title}". Hãy xem bản hiện tại, rồi chọn dùng bản đó hoặc giữ phần bạn sửa để lưu đè.`,
                    `The current one is version ${stale.version}, updated ${formatDateTime(stale.updatedAt)}. Look at it, then use it or keep your edits and save over it.`,
                  )}
                </p>
                <Flex gap={8} wrap="wrap">
                  <Button size="small" icon={<EyeOutlined />} onClick={() => setShowStale(true)}>
                    {l('Xem bản hiện tại', 'See the current version')}
                  </Button>
                  <Button size="small" onClick={useCurrent}>
                    {l('Dùng bản hiện tại (bỏ phần tôi sửa)', 'Use it (drop my edits)')}
                  </Button>
                  <Button size="small" onClick={keepMine}>
                    {l('Giữ phần tôi sửa', 'Keep my edits')}
                  </Button>
                </Flex>
              </div>
            }
          />
        ) : null}
        {a.status === 'draft' && a.returnNote ? (
          <Alert type="warning" showIcon title={l('Người duyệt trả lại tin bài:', 'Returned by the approver:')} description={<span className="news-pre">{a.returnNote}</span>} />
        ) : null}
        {a.status === 'unpublished' && a.unpublishReason ? (
          <Alert type="warning" showIcon title={l('Tin bài đã được gỡ khỏi trang công khai:', 'Taken down:')} description={<span className="news-pre">{a.unpublishReason}</span>} />
        ) : null}
        {a.status === 'published' && !correcting ? (
          <Alert
            type={a.scheduled ? 'info' : 'success'}
            showIcon
            title={
              a.scheduled
                ? l(`Tin bài hẹn giờ: hiện trên trang công khai từ ${formatDateTime(a.publishedAt)}.`, `Scheduled: public from ${formatDateTime(a.publishedAt)}.`)
                : l(`Tin bài đã đăng lúc ${formatDateTime(a.publishedAt)}.`, `Published ${formatDateTime(a.publishedAt)}.`)
            }
            description={
              <span>
                {l('Địa chỉ công khai: ', 'Public address: ')}
                {a.visible ? (
                  <a href={a.publicPath} target="_blank" rel="noopener">
                    {a.publicPath}
                  </a>
                ) : (
                  <code>{a.publicPath}</code>
                )}
                {l('. Muốn sửa nội dung: đính chính (bản cũ được giữ lại) hoặc gỡ bài xuống rồi sửa.', '. To change it: correct it (the old text is kept) or take it down and edit.')}
              </span>
            }
          />
        ) : null}
        {a.status === 'submitted' && !ab.approve ? (
          <Alert type="info" showIcon title={l('Tin bài đang chờ lãnh đạo Sở duyệt; chưa sửa được.', 'Waiting for approval; it cannot be edited now.')} />
        ) : null}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={correcting ? l('Đính chính tin bài', 'Correct the article') : l('Nội dung', 'Content')}>
            <Form<Values>
              form={form}
              layout="vertical"
              disabled={!editable}
              initialValues={valuesOf(a)}
              onValuesChange={() => setDirty(true)}
              name="news"
              className="news-form"
            >
              <Form.Item name="title" label={l('Tiêu đề', 'Title')} rules={[{ required: true, whitespace: true, message: l('Hãy nhập tiêu đề tin bài.', 'Enter a title.') }]}>
                <Input maxLength={NEWS_TITLE_MAX} />
              </Form.Item>
              <Form.Item name="summary" label={l('Tóm tắt (sapo)', 'Summary')} extra={l('Một, hai câu in đậm ở đầu bài và trong danh sách tin.', 'One or two sentences shown first.')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={NEWS_SUMMARY_MAX} />
              </Form.Item>
              <Form.Item
                name="body"
                label={<span id="news-body-label">{l('Nội dung', 'Body')}</span>}
                extra={<span id="news-body-hint">{l('Đoạn văn, tiêu đề mục, chữ đậm, nghiêng và danh sách được giữ trên trang công khai.', 'Paragraphs, headings, bold, italic and lists are kept.')}</span>}
              >
                <RichTextEditor readOnly={!editable} labelledBy="news-body-label" describedBy="news-body-hint" />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="sectorId" label={l('Lĩnh vực', 'Sector')}>
                    <Select allowClear options={sectorOptions} placeholder={l('Chọn lĩnh vực', 'Choose a sector')} loading={sectors.isLoading} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="tags" label={l('Từ khóa', 'Tags')} extra={l('Gõ rồi nhấn Enter.', 'Type and press Enter.')}>
                    <Select mode="tags" maxCount={NEWS_TAGS_MAX} tokenSeparators={[',']} open={false} suffixIcon={null} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="authorLine" label={l('Tác giả (dòng ký tên cuối bài)', 'Author line')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="source" label={l('Nguồn (bài đăng lại)', 'Source (republished)')} extra={l('Hiện dưới bài là "Theo: …". Để trống nếu là bài của Sở.', 'Shown as "Theo: …".')}>
                    <Input maxLength={300} prefix={<span className="nhip-muted">Theo:</span>} />
                  </Form.Item>
                </Col>
              </Row>
              {correcting ? (
                <Form.Item
                  name="reason"
                  label={l('Nội dung đính chính', 'Correction note')}
                  extra={l('Hiện dưới bài trên trang công khai; bản đang đăng được giữ lại thành một bản cũ.', 'Shown under the article; the current text is kept as an earlier version.')}
                  rules={[{ required: true, whitespace: true, message: l('Hãy ghi nội dung đính chính.', 'Say what was corrected.') }]}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
                </Form.Item>
              ) : null}
            </Form>
            {correcting ? (
              <Flex gap={8}>
                <Button type="primary" icon={<SaveOutlined />} loading={busy === 'correct'} onClick={() => void correct()}>
                  {l('Lưu đính chính', 'Save the correction')}
                </Button>
                <Button
                  onClick={() => {
                    setCorrecting(false);
                    setDirty(false);
                    form.setFieldsValue(valuesOf(a));
                  }}
                >
                  {l('Hủy', 'Cancel')}
                </Button>
              </Flex>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card title={l('Đăng bài', 'Publication')} size="small">
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'status', label: l('Trạng thái', 'Status'), children: <NewsStatusTag article={a} /> },
                  { key: 'at', label: l('Ngày đăng', 'Published'), children: a.publishedAt ? formatDateTime(a.publishedAt) : '—' },
                  { key: 'dep', label: l('Đăng dưới tên', 'Published as'), children: a.departmentName ?? '—' },
                  { key: 'path', label: l('Địa chỉ', 'Address'), children: <code className="news-path">{a.publicPath}</code> },
                  ...(a.conferenceId ? [{ key: 'conf', label: l('Hội nghị', 'Conference'), children: <Link to={`/conferences/${a.conferenceId}`}>{l('Mở hội nghị', 'Open')}</Link> }] : []),
                ]}
              />
            </Card>
            <PhotosCard a={a} editable={ab.photos} onChanged={photosChanged} />
            {a.revisions.length ? (
              <Card title={l('Các bản trước khi đính chính', 'Earlier versions')} size="small" data-testid="news-revisions">
                <List
                  size="small"
                  dataSource={a.revisions}
                  renderItem={(r) => (
                    <List.Item
                      key={r.revision}
                      actions={[
                        <Button key="see" size="small" type="link" onClick={() => setRevision(r.revision)}>
                          {l('Xem', 'View')}
                        </Button>,
                      ]}
                    >
                      <div>
                        <div>
                          {l(`Bản ${r.revision}`, `Version ${r.revision}`)} · {formatDateTime(r.replacedAt)}
                        </div>
                        <div className="nhip-muted">{r.reason}</div>
                      </div>
                    </List.Item>
                  )}
                />
              </Card>
            ) : null}
            <Card title={l('Các bước đã qua', 'History')} size="small">
              <Timeline
                items={[...a.history].reverse().map((h, i) => ({
                  key: i,
                  content: (
                    <div>
                      <div>
                        <strong>{HISTORY_LABELS[h.action]?.[lang] ?? h.action}</strong>
                        {h.actor ? ` · ${h.actor}` : ''}
                      </div>
                      <div className="nhip-muted">{formatDateTime(h.at)}</div>
                      {h.note ? <div className="news-pre">{h.note}</div> : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
      {dialog === 'publish' ? (
        <PublishModal
          a={a}
          busy={busy === 'publish'}
          onClose={() => setDialog(null)}
          onPublish={async (publishAt) => {
            if (await step('publish', { publishAt }, publishAt ? undefined : l('Đã đăng tin bài.', 'Published.'))) setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'return' || dialog === 'unpublish' ? (
        <ReasonModal
          title={dialog === 'return' ? l('Trả lại tin bài để sửa', 'Return for changes') : l('Gỡ tin bài khỏi trang công khai', 'Take the article down')}
          label={dialog === 'return' ? l('Lý do trả lại, cần sửa gì', 'What to change') : l('Lý do gỡ bài', 'Reason')}
          okText={dialog === 'return' ? l('Trả lại', 'Return') : l('Gỡ bài', 'Unpublish')}
          busy={busy === dialog}
          onClose={() => setDialog(null)}
          onOk={async (text) => {
            const ok =
              dialog === 'return'
                ? await step('return', { note: text }, l('Đã trả lại tin bài.', 'Returned.'))
                : await step('unpublish', { reason: text }, l('Đã gỡ tin bài.', 'Taken down.'));
            if (ok) setDialog(null);
          }}
        />
      ) : null}
      {showStale && stale ? (
        <Modal open title={l(`Bản hiện tại (phiên bản ${stale.version})`, `Current version ${stale.version}`)} footer={null} onCancel={() => setShowStale(false)} width={760}>
          <h2 className="news-preview-title">{stale.title}</h2>
          {stale.summary ? <p className="news-preview-summary">{stale.summary}</p> : null}
          {/* The server's sanitised HTML (allow-list): the same markup the public page shows. */}
          <div className="news-body" dangerouslySetInnerHTML={{ __html: stale.body }} />
        </Modal>
      ) : null}
      {revision != null ? <RevisionModal id={a.id} revision={revision} onClose={() => setRevision(null)} /> : null}
    </>
  );
}

/** Publish now, or at a time (Vietnam time); a time already past publishes now and the server says so. */
function PublishModal({ a, busy, onClose, onPublish }: { a: Article; busy: boolean; onClose: () => void; onPublish: (publishAt: string | null) => Promise<void> }) {
  const l = useL();
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [at, setAt] = useState<string | null>(null);
  return (
    <Modal
      open
      title={l('Đăng tin bài', 'Publish the article')}
      onCancel={onClose}
      okText={when === 'now' ? l('Đăng ngay', 'Publish now') : l('Hẹn giờ đăng', 'Schedule')}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: busy, disabled: when === 'at' && !at }}
      onOk={() => void onPublish(when === 'at' ? at : null)}
    >
      {a.status !== 'approved' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={l('Tin bài chưa qua bước duyệt; đăng thẳng sẽ được ghi lại như vậy.', 'Not approved: publishing it directly is recorded as such.')} />
      ) : null}
      <Radio.Group value={when} onChange={(e) => setWhen(e.target.value)} aria-label={l('Thời điểm đăng', 'When')}>
        <Flex vertical gap={8}>
          <Radio value="now">{l('Đăng ngay', 'Now')}</Radio>
          <Radio value="at">{l('Hẹn giờ đăng', 'At a set time')}</Radio>
        </Flex>
      </Radio.Group>
      {when === 'at' ? (
        <div style={{ marginTop: 12 }}>
          <label htmlFor="news-publish-at" className="news-field-label">
            {l('Ngày giờ đăng (giờ Việt Nam)', 'Date and time (Vietnam)')}
          </label>
          <DateTimeField id="news-publish-at" value={at} onChange={setAt} style={{ width: 220 }} />
          <div className="nhip-muted news-hint">
            {l('Bài hiện trên trang công khai từ thời điểm này. Thời điểm đã qua thì bài được đăng ngay.', 'The article appears then. A time already past publishes it now.')}
          </div>
        </div>
      ) : null}
    </Modal>
  );
}

function ReasonModal({
  title, label, okText, busy, onClose, onOk,
}: { title: string; label: string; okText: string; busy: boolean; onClose: () => void; onOk: (text: string) => Promise<void> }) {
  const l = useL();
  const [text, setText] = useState('');
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={okText}
      cancelText={l('Hủy', 'Cancel')}
      okButtonProps={{ loading: busy, disabled: !text.trim() }}
      onOk={() => void onOk(text.trim())}
    >
      <label htmlFor="news-reason" className="news-field-label">
        {label}
      </label>
      <Input.TextArea id="news-reason" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
    </Modal>
  );
}

function RevisionModal({ id, revision, onClose }: { id: number; revision: number; onClose: () => void }) {
  const l = useL();
  const q = useRevision(id, revision);
  return (
    <Modal open title={l(`Bản ${revision} (trước khi đính chính)`, `Version ${revision}`)} footer={null} onCancel={onClose} width={760}>
      {q.error ? (
        <ErrorState error={q.error} compact />
      ) : !q.data ? (
        <Card loading />
      ) : (
        <div>
          <div className="nhip-muted">
            {l(`Đăng ${q.data.publishedAt ? formatDateTime(q.data.publishedAt) : '—'}, được thay lúc ${formatDateTime(q.data.replacedAt)}.`, `Replaced ${formatDateTime(q.data.replacedAt)}.`)}{' '}
            {l('Lý do:', 'Reason:')} {q.data.reason}
          </div>
          <h2 className="news-preview-title">{q.data.title}</h2>
          {q.data.summary ? <p className="news-preview-summary">{q.data.summary}</p> : null}
          {/* The server's sanitised HTML (allow-list), as it was published. */}
          <div className="news-body" dangerouslySetInnerHTML={{ __html: q.data.body }} />
          {q.data.authorLine ? <p className="news-preview-author">{q.data.authorLine}</p> : null}
        </div>
      )}
    </Modal>
  );
}
