/** The entry page once loaded: header, review bar, sections, narrative, attachments, dialogs and the phone bar. */
import { HistoryOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Flex, Grid, Typography } from 'antd';
import { blockingIssues, type Issue, NARRATIVE_SECTIONS } from '@nhip/contracts';
import { useCallback, useMemo, useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { api, ApiError } from '../../lib/api';
import { Attachments } from './Attachments';
import { BlockedDialog, ConflictDialog } from './Dialogs';
import { EntryHeader, SaveStatusText } from './EntryHeader';
import { ExcelImport } from './ExcelImport';
import { HistoryDrawer } from './HistoryDrawer';
import { LiveBody } from './LiveBody';
import { NarrativeField } from './Narrative';
import { EntryStore } from './store';
import type { Entry, EntrySubmission, SaveResponse } from './types';
import { useAutosave } from './useAutosave';
import { currentIssues } from './useValidation';
import { RecallButton, ReviewBar, type WorkflowAction, WorkflowModal } from './Workflow';

type Props = { entry: Entry; base: string; carry: EntryStore | null; onReload: (keep: EntryStore | null) => void };

const errorsFirst = (issues: Issue[]) => [...issues].sort((a, b) => (a.importance === b.importance ? 0 : a.importance === 'error' ? -1 : 1));

/** Keeps the previous object when nothing changed, so validation is not recomputed for nothing. */
const sameOr = (next: Record<string, string>) => (prev: Record<string, string>) =>
  JSON.stringify(prev) === JSON.stringify(next) ? prev : next;

const typeErrors = (issues: Issue[]) =>
  Object.fromEntries(issues.filter((i) => i.kind === 'type' && i.dataElementCode).map((i) => [i.dataElementCode as string, i.message]));

export function EntryForm({ entry, base, carry, onReload }: Props) {
  const l = useL();
  const lang = useLang();
  const { modal, message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;
  const [store] = useState(() => (carry ? carry.rebase(new EntryStore(entry), true) : new EntryStore(entry)));
  const [submission, setSubmission] = useState<EntrySubmission | null>(entry.submission);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>(() => typeErrors(entry.issues));
  const [historyOpen, setHistoryOpen] = useState(false);
  const [historyCode, setHistoryCode] = useState<string | null>(null);
  const [action, setAction] = useState<WorkflowAction | null>(null);
  const [blocked, setBlocked] = useState<Issue[] | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const ab = entry.abilities;
  const editable = ab.edit;
  const status = submission?.status ?? 'not_started';
  const elements = useMemo(() => entry.form.sections.flatMap((s) => s.elements), [entry]);
  const names = useMemo(() => new Map(elements.map((e) => [e.code, lang === 'en' && e.nameEn ? e.nameEn : e.name])), [elements, lang]);

  const autosave = useAutosave({
    store,
    url: `${base}/entry`,
    enabled: editable,
    onSaved: (r: SaveResponse) => {
      // The header only shows status and lateness; the version lives in the store.
      setSubmission((s) => (s && s.status === r.submission.status && s.late === r.submission.late ? s : r.submission));
      setServerErrors(sameOr(typeErrors(r.issues)));
    },
    onFieldErrors: (e) => setServerErrors(sameOr(e)),
  });
  // The review bar's summary: a report under review is read-only, so its issues do not change.
  const [reviewSummary] = useState(() => {
    const all = currentIssues(store, entry, elements, serverErrors);
    const errors = all.filter((i) => i.importance === 'error').length;
    return { errors, warnings: all.length - errors, uncommented: all.filter((i) => i.importance === 'warning' && !i.commented).length };
  });

  const openHistory = useCallback((code: string | null) => {
    setHistoryCode(code);
    setHistoryOpen(true);
  }, []);
  const onFieldHistory = useCallback((code: string) => openHistory(code), [openHistory]);

  const save = async () => {
    if (await autosave.flush()) message.success(l('Đã lưu.', 'Saved.'));
    else message.error(l('Chưa lưu được. Nội dung vẫn được giữ trên trang; hệ thống sẽ thử lại.', 'Not saved yet. Your input is kept; retrying.'));
  };

  const doSubmit = async () => {
    setSubmitting(true);
    try {
      if (!(await autosave.flush())) {
        message.error(l('Chưa lưu được các thay đổi cuối cùng nên chưa thể nộp. Vui lòng thử lại.', 'The latest changes are not saved yet; try again.'));
        return;
      }
      await api.post<SaveResponse>(`${base}/submit`);
      message.success(l('Đã nộp báo cáo. Phòng chuyên môn sẽ thẩm định.', 'Report submitted for review.'));
      onReload(null);
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { issues?: Issue[] } | undefined) : undefined;
      if (e instanceof ApiError && e.status === 422 && details?.issues) setBlocked(errorsFirst(blockingIssues(details.issues)));
      else message.error((e as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  const submit = () => {
    const blocking = errorsFirst(blockingIssues(currentIssues(store, entry, elements, serverErrors)));
    if (blocking.length) {
      setBlocked(blocking);
      return;
    }
    modal.confirm({
      title: l('Nộp báo cáo?', 'Submit the report?'),
      content: l(
        'Sau khi nộp, báo cáo chuyển cho phòng chuyên môn thẩm định và không sửa được nữa, trừ khi bị trả lại hoặc lãnh đạo đơn vị rút lại.',
        'After submission the report goes to the reviewing division and can no longer be edited unless it is returned or recalled by the unit head.',
      ),
      okText: l('Nộp báo cáo', 'Submit'),
      cancelText: l('Hủy', 'Cancel'),
      onOk: doSubmit,
    });
  };

  const narrativeOn = entry.form.narrative;

  const headerActions = (
    <>
      {ab.history ? <Button icon={<HistoryOutlined />} onClick={() => openHistory(null)}>{l('Lịch sử', 'History')}</Button> : null}
      <ExcelImport url={base} editable={editable} elements={elements} beforeImport={autosave.flush} version={() => store.version} onApplied={() => onReload(null)} compact={compact} />
      {ab.recall ? <RecallButton onAction={setAction} /> : null}
      {ab.submit && !compact ? (
        <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={submitting} data-testid="entry-submit">{l('Nộp báo cáo', 'Submit')}</Button>
      ) : null}
    </>
  );

  // Narrative and attachments never depend on validation: one stable element, skipped when the body re-renders.
  const tail = useMemo(
    () => (
      <>
        {narrativeOn ? (
          <>
            <Typography.Title level={4} style={{ margin: '8px 0 0' }}>{l('Báo cáo thuyết minh', 'Narrative')}</Typography.Title>
            {NARRATIVE_SECTIONS.map((s) => <NarrativeField key={s} section={s} store={store} readOnly={!editable} />)}
          </>
        ) : null}
        <Attachments baseUrl={base} initial={entry.attachments} editable={editable} beforeUpload={autosave.flush} />
      </>
    ),
    [narrativeOn, store, editable, base, entry, autosave.flush, l],
  );

  return (
    <div className={compact && editable ? 'entry-page-phone' : undefined}>
      <Flex vertical gap={16}>
        <EntryHeader
          entry={entry}
          status={status}
          submission={submission}
          compact={compact}
          actions={headerActions}
          saveStatus={<SaveStatusText box={autosave.statusBox} editable={editable} onRetry={() => void autosave.flush()} />}
        />
        <ReviewBar abilities={ab} summary={reviewSummary} onAction={setAction} />
        <LiveBody
          entry={entry}
          store={store}
          elements={elements}
          names={names}
          serverErrors={serverErrors}
          editable={editable}
          compact={compact}
          onHistory={ab.history ? onFieldHistory : undefined}
          tail={tail}
        />
      </Flex>
      {compact && editable ? (
        <div className="entry-mobile-bar">
          <Button size="large" icon={<SaveOutlined />} onClick={() => void save()}>{l('Lưu', 'Save')}</Button>
          {ab.submit ? (
            <Button size="large" type="primary" icon={<SendOutlined />} onClick={submit} loading={submitting} data-testid="entry-submit">{l('Nộp', 'Submit')}</Button>
          ) : null}
        </div>
      ) : null}
      <HistoryDrawer open={historyOpen} onClose={() => setHistoryOpen(false)} url={base} elements={elements} code={historyCode} onCode={setHistoryCode} />
      <WorkflowModal url={base} action={action} onClose={() => setAction(null)} onDone={() => { setAction(null); onReload(null); }} />
      <BlockedDialog issues={blocked} names={names} onClose={() => setBlocked(null)} />
      <ConflictDialog
        box={autosave.statusBox}
        store={store}
        names={names}
        onReload={(keep) => onReload(keep ? store : null)}
      />
    </div>
  );
}
