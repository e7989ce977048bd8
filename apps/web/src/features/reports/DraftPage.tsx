/**
 * The summary report's draft of one period, as the office edits it and the director signs it off: its sections as rich
 * text with the figures as fields the server fills (refreshed from analytics until Trình ký), saved as versions with a
 * version check, submitted to the director, approved with its number or returned with a comment, downloaded as .docx
 * or .pdf, and, once approved, its signed PDF uploaded. The period is in the URL (/reports/summary/draft/2025Q3).
 */
import {
  CheckOutlined, FilePdfOutlined, FileWordOutlined, HistoryOutlined, PlusOutlined, ReloadOutlined, RollbackOutlined, SaveOutlined, SendOutlined,
} from '@ant-design/icons';
import { canSummaryDraft, formatDate, formatDateTime, periodLabel, SUMMARY_DRAFT_STATE_LABELS, toPeriod } from '@nhip/contracts';
import { Alert, App, Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useCurrentUser } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage, PageSkeleton } from '../../components/QueryState';
import { RequireAbility } from '../../components/RequireAbility';
import { EmptyHint } from '../../components/table';
import { ApiError } from '../../lib/api';
import { downloadFile } from '../analytics/download';
import { ApproveModal, ConflictModal, HistoryDrawer, ReturnModal, SignedCard } from './DraftParts';
import { DraftSections } from './DraftSections';
import { type ConflictDetails, type Draft, draftApi, draftFileUrl, useDraft, useStoreDraft } from './draft-api';
import '../news/news.css';
import './draft.css';

/** "Năm 2025" → "năm 2025", "Quý III năm 2025" → "quý III năm 2025" (the title reads "Báo cáo tổng kết năm 2025"). */
const inTitle = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

function validPeriod(id: string | undefined): string | null {
  if (!id) return null;
  try {
    const p = toPeriod(id);
    return ['Yearly', 'NineMonthly', 'SixMonthly', 'Quarterly'].includes(p.type) ? p.id : null;
  } catch {
    return null;
  }
}

export default function DraftPage() {
  return (
    <RequireAbility ability="completeness.read">
      <DraftLoader />
    </RequireAbility>
  );
}

function DraftLoader() {
  const l = useL();
  const { period: raw } = useParams();
  const period = validPeriod(raw);
  const q = useDraft(period ?? '');
  if (!period) return <ErrorState error={new Error(l('Kỳ báo cáo trong địa chỉ không hợp lệ.', 'The period in the address is not valid.'))} />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data === undefined) return <PageSkeleton />;
  if (q.data === null) return <NoDraft period={period} />;
  return <DraftView key={q.data.period} d={q.data} />;
}

const crumbs = (l: ReturnType<typeof useL>, period: string) => [
  { title: l('Báo cáo tổng kết', 'Summary report'), to: `/reports/summary?period=${encodeURIComponent(period)}` },
  { title: l('Dự thảo để chỉnh sửa và trình ký', 'Draft to edit and sign') },
];

function NoDraft({ period }: { period: string }) {
  const l = useL();
  const lang = useLang();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const store = useStoreDraft();
  const [busy, setBusy] = useState(false);
  const may = canSummaryDraft(me, 'create', null);
  const create = async () => {
    setBusy(true);
    try {
      const d = await draftApi.create(period);
      store(d);
      message.success(l('Đã lập dự thảo từ số liệu và nội dung báo cáo đã duyệt.', 'The draft was compiled from approved data.'));
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader title={l(`Báo cáo tổng kết ${inTitle(periodLabel(period, 'vi'))}`, `Summary report ${periodLabel(period, 'en')}`)} crumbs={crumbs(l, period)} />
      <Card>
        <EmptyHint
          title={l('Kỳ này chưa có dự thảo để chỉnh sửa', 'No draft to edit for this period yet')}
          hint={
            may
              ? l(
                  'Dự thảo được lập từ số liệu và nội dung báo cáo đã duyệt của các đơn vị; sau đó Văn phòng chỉnh sửa lời văn, làm mới số liệu khi cần và trình Giám đốc ký.',
                  'The draft is compiled from the approved data; the office then edits the text, refreshes the figures and submits it for signature.',
                )
              : l('Văn phòng chưa lập dự thảo của kỳ này.', 'The office has not compiled this period’s draft yet.')
          }
        />
        {may ? (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button type="primary" icon={<PlusOutlined />} loading={busy} onClick={create} data-testid="draft-create">
              {l('Lập dự thảo để chỉnh sửa', 'Compile a draft to edit')}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}

type Busy = 'save' | 'refresh' | 'submit' | 'return' | 'approve' | 'docx' | 'pdf' | 'signed' | null;

function DraftView({ d }: { d: Draft }) {
  const l = useL();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const store = useStoreDraft();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [conflict, setConflict] = useState<ConflictDetails | null>(null);
  const [dialog, setDialog] = useState<'return' | 'approve' | 'history' | null>(null);
  const dirty = Object.keys(edits).length > 0;
  const edit = d.abilities.edit;
  const label = SUMMARY_DRAFT_STATE_LABELS[d.state];

  const onChange = (key: string, html: string, original: string) =>
    setEdits((cur) => {
      const next = { ...cur };
      if (html === original) delete next[key];
      else next[key] = html;
      return next;
    });

  // Leaving the page with text not saved asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const isConflict = (e: unknown): e is ApiError =>
    e instanceof ApiError && e.status === 409 && !!e.details && typeof (e.details as ConflictDetails).version === 'number';

  /** Saves the sections changed since the last save; answers the draft as it is now, or null when it was not saved. */
  const save = async (): Promise<Draft | null> => {
    if (!dirty) return d;
    const sent = edits;
    setBusy('save');
    try {
      const saved = await draftApi.save(d.period, d.version, Object.entries(sent).map(([key, html]) => ({ key, html })));
      store(saved);
      // What was typed while the save was on its way stays an edit.
      setEdits((cur) => Object.fromEntries(Object.entries(cur).filter(([k, v]) => sent[k] !== v)));
      message.success(l(`Đã lưu (phiên bản ${saved.version}).`, `Saved (version ${saved.version}).`));
      return saved;
    } catch (e) {
      if (isConflict(e)) setConflict(e.details as ConflictDetails);
      else message.error(errorMessage(e, lang));
      return null;
    } finally {
      setBusy(null);
    }
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  // Ctrl+S (⌘S) saves, as in a word processor, instead of saving the web page.
  useEffect(() => {
    if (!edit) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [edit]);

  const act = async (what: Exclude<Busy, null>, run: () => Promise<Draft>, done: string) => {
    setBusy(what);
    try {
      store(await run());
      message.success(done);
      return true;
    } catch (e) {
      if (isConflict(e)) setConflict(e.details as ConflictDetails);
      else message.error(errorMessage(e, lang));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const refresh = () => {
    const run = (version: number) =>
      act('refresh', () => draftApi.refresh(d.period, version), l('Đã làm mới số liệu từ số liệu đã duyệt; lời văn giữ nguyên.', 'Figures refreshed; the text stays.'));
    if (!dirty) return void run(d.version);
    modal.confirm({
      title: l('Có thay đổi chưa lưu', 'Unsaved changes'),
      content: l(
        'Hãy lưu lời văn vừa sửa trước khi làm mới số liệu. Chọn "Lưu rồi làm mới" để lưu ngay rồi đọc lại số liệu.',
        'Save your edits before refreshing the figures.',
      ),
      okText: l('Lưu rồi làm mới', 'Save, then refresh'),
      cancelText: l('Để sau', 'Not now'),
      onOk: async () => {
        const saved = await saveRef.current();
        if (saved) await run(saved.version);
      },
    });
  };

  const submit = () =>
    modal.confirm({
      title: l('Trình Giám đốc ký dự thảo này?', 'Submit this draft for signature?'),
      content: l(
        `${dirty ? 'Phần vừa sửa sẽ được lưu trước. ' : ''}Từ lúc trình, số liệu được chốt và Văn phòng không sửa được nữa, trừ khi Giám đốc trả lại.`,
        'From now on the figures are frozen and the office cannot edit unless the director returns it.',
      ),
      okText: l('Trình ký', 'Submit'),
      cancelText: l('Hủy', 'Cancel'),
      onOk: async () => {
        const saved = await saveRef.current();
        if (saved) await act('submit', () => draftApi.submit(d.period, saved.version), l('Đã trình Giám đốc ký.', 'Submitted to the director.'));
      },
    });

  const download = async (format: 'docx' | 'pdf') => {
    if (dirty) message.warning(l('Bản tải về là bản đã lưu; phần chưa lưu không có trong đó.', 'The download is the saved version; unsaved edits are not in it.'));
    setBusy(format);
    try {
      const name = await downloadFile(draftFileUrl(d.period, format), { fallbackName: `Báo cáo tổng kết ${inTitle(d.periodLabel)}.${format}` });
      message.success(l(`Đã tải về ${name}.`, `Downloaded ${name}.`));
    } catch (e) {
      message.error(errorMessage(e, lang));
    } finally {
      setBusy(null);
    }
  };

  /** "Tải bản mới nhất": the edits go, the latest saved text shows. "Giữ bản của tôi": the edits stay on the latest version. */
  const reloadBase = useCallback(
    async (keepMine: boolean) => {
      try {
        store(await draftApi.get(d.period));
        if (!keepMine) setEdits({});
        setConflict(null);
      } catch (e) {
        message.error(errorMessage(e, lang));
      }
    },
    [d.period, store, message, lang],
  );

  const who = (by: string | null | undefined, at: string | null | undefined) => [by, at ? formatDateTime(at) : null].filter(Boolean).join(', ');

  return (
    <>
      <PageHeader
        title={l(`Báo cáo tổng kết ${inTitle(d.periodLabel)}`, `Summary report ${periodLabel(d.period, 'en')}`)}
        crumbs={crumbs(l, d.period)}
        subtitle={
          <Space wrap size={[8, 4]}>
            <Tag color={label.color} data-testid="draft-state">
              {lang === 'vi' ? label.vi : label.en}
            </Tag>
            {d.number ? <Typography.Text strong data-testid="draft-number">{`Số: ${d.number}`}</Typography.Text> : null}
            <Typography.Text type="secondary" data-testid="draft-version">
              {l(`Phiên bản ${d.version}`, `Version ${d.version}`)}
              {d.editedBy ? l(` · cập nhật lần cuối: ${who(d.editedBy, d.editedAt)}`, ` · last changed by ${who(d.editedBy, d.editedAt)}`) : null}
            </Typography.Text>
            {d.figuresAt ? (
              <Typography.Text type="secondary">
                {d.frozen
                  ? l(`· số liệu đã chốt (đọc lúc ${formatDateTime(d.figuresAt)})`, `· figures frozen (read ${formatDateTime(d.figuresAt)})`)
                  : l(`· số liệu đọc lúc ${formatDateTime(d.figuresAt)}`, `· figures read ${formatDateTime(d.figuresAt)}`)}
              </Typography.Text>
            ) : null}
          </Space>
        }
      />
      <Flex vertical gap={12}>
        {d.returned && d.state === 'draft' ? (
          <Alert
            type="warning"
            showIcon
            data-testid="draft-returned"
            title={l(`Giám đốc đã trả lại dự thảo (${who(d.returned.by, d.returned.at)})`, `Returned by the director (${who(d.returned.by, d.returned.at)})`)}
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{d.returned.comment}</span>}
          />
        ) : null}
        {d.state === 'submitted' ? (
          <Alert
            type="info"
            showIcon
            data-testid="draft-submitted"
            title={
              d.abilities.approve
                ? l('Dự thảo đang chờ Giám đốc duyệt và cấp số.', 'This draft awaits your approval.')
                : l('Đã trình Giám đốc; đang chờ duyệt.', 'Submitted; awaiting the director.')
            }
            description={d.submitted ? l(`Trình ký: ${who(d.submitted.by, d.submitted.at)}.`, `Submitted by ${who(d.submitted.by, d.submitted.at)}.`) : undefined}
          />
        ) : null}
        {d.state === 'approved' ? (
          <Alert
            type="success"
            showIcon
            data-testid="draft-approved"
            title={l(`Đã duyệt và cấp số: Số ${d.number ?? ''}, ngày ${formatDate(d.date)}`, `Approved: No. ${d.number ?? ''}, dated ${formatDate(d.date)}`)}
            description={d.approved ? l(`Người duyệt: ${who(d.approved.by, d.approved.at)}. Văn bản đã khoá.`, `Approved by ${who(d.approved.by, d.approved.at)}. Locked.`) : undefined}
          />
        ) : null}

        <Card size="small" className="draft-toolbar-card">
          <Flex gap={8} wrap="wrap" align="center" justify="space-between">
            <Space wrap size={8}>
              {edit ? (
                <>
                  <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} disabled={!dirty} onClick={() => void save()} data-testid="draft-save">
                    {l('Lưu', 'Save')}
                  </Button>
                  <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="draft-save-status" aria-live="polite">
                    {dirty ? l('Có thay đổi chưa lưu (Ctrl+S để lưu)', 'Unsaved changes (Ctrl+S)') : l('Đã lưu', 'Saved')}
                  </Typography.Text>
                </>
              ) : null}
              {d.abilities.refresh ? (
                <Button icon={<ReloadOutlined />} loading={busy === 'refresh'} onClick={refresh} data-testid="draft-refresh">
                  {l('Làm mới số liệu', 'Refresh figures')}
                </Button>
              ) : null}
              {d.abilities.submit ? (
                <Button icon={<SendOutlined />} loading={busy === 'submit'} onClick={submit} data-testid="draft-submit">
                  {l('Trình ký', 'Submit for signature')}
                </Button>
              ) : null}
              {d.abilities.approve ? (
                <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} onClick={() => setDialog('approve')} data-testid="draft-approve">
                  {l('Duyệt và cấp số', 'Approve and number')}
                </Button>
              ) : null}
              {d.abilities.return ? (
                <Button danger icon={<RollbackOutlined />} loading={busy === 'return'} onClick={() => setDialog('return')} data-testid="draft-return">
                  {l('Trả lại', 'Return')}
                </Button>
              ) : null}
            </Space>
            <Space wrap size={8}>
              <Button icon={<FileWordOutlined />} loading={busy === 'docx'} onClick={() => void download('docx')} data-testid="draft-docx">
                {l('Tải .docx', 'Download .docx')}
              </Button>
              <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void download('pdf')} data-testid="draft-pdf">
                {l('Tải .pdf', 'Download .pdf')}
              </Button>
              <Button icon={<HistoryOutlined />} onClick={() => setDialog('history')} data-testid="draft-history">
                {l('Lịch sử phiên bản', 'Version history')}
              </Button>
            </Space>
          </Flex>
        </Card>

        {d.state === 'approved' ? <SignedCard d={d} busy={busy === 'signed'} setBusy={(b) => setBusy(b ? 'signed' : null)} /> : null}

        <Card className="draft-body" data-testid="draft-body">
          {edit ? (
            <Typography.Paragraph type="secondary" className="draft-hint">
              {l(
                'Các ô nền xám là số liệu tự động, không sửa trực tiếp được; chúng cập nhật khi làm mới số liệu, phần lời văn xung quanh giữ nguyên.',
                'Grey chips are figures filled automatically; they change when the figures are refreshed, the text around them stays.',
              )}
            </Typography.Paragraph>
          ) : null}
          <DraftSections d={d} edits={edits} onChange={onChange} />
        </Card>
      </Flex>

      {conflict ? <ConflictModal conflict={conflict} onLatest={() => reloadBase(false)} onKeep={() => reloadBase(true)} /> : null}
      {dialog === 'return' ? (
        <ReturnModal
          busy={busy === 'return'}
          onClose={() => setDialog(null)}
          onReturn={async (comment) => {
            if (await act('return', () => draftApi.return(d.period, d.version, comment), l('Đã trả lại dự thảo cho Văn phòng.', 'Returned to the office.'))) setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'approve' ? (
        <ApproveModal
          busy={busy === 'approve'}
          onClose={() => setDialog(null)}
          onApprove={async (number) => {
            if (await act('approve', () => draftApi.approve(d.period, d.version, number), l('Đã duyệt và cấp số báo cáo.', 'Approved and numbered.'))) setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'history' ? <HistoryDrawer period={d.period} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
