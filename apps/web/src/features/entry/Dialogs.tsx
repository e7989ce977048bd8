/** The entry page's two explanatory dialogs: a save conflict, and a submission blocked by issues. */
import { Alert, Button, Collapse, Modal, Typography } from 'antd';
import { type Issue, NARRATIVE_LABELS } from '@nhip/contracts';
import { useL, useLang } from '../../app/i18n';
import { IssueList } from './IssueList';
import type { EntryStore } from './store';
import { type StatusBox, useSaveStatus } from './useAutosave';

type ConflictProps = { box: StatusBox; store: EntryStore; names: Map<string, string>; onReload: (keepLocal: boolean) => void };

/** 409 on autosave: someone else saved in between. Nothing typed is thrown away without the person choosing. */
export function ConflictDialog({ box, store, names, onReload }: ConflictProps) {
  const l = useL();
  const status = useSaveStatus(box);
  const open = status.kind === 'conflict';
  const message = status.kind === 'conflict' ? status.message : '';
  const lang = useLang();
  const codes = open ? store.dirtyCodes() : [];
  const sections = open ? store.dirtySections() : [];
  return (
    <Modal
      open={open}
      closable={false}
      mask={{ closable: false }}
      title={l('Báo cáo vừa được người khác lưu', 'Someone else saved this report')}
      footer={[
        <Button key="discard" danger onClick={() => onReload(false)}>{l('Tải bản mới nhất, bỏ thay đổi của tôi', 'Reload and discard my changes')}</Button>,
        <Button key="keep" type="primary" onClick={() => onReload(true)}>{l('Tải bản mới nhất và giữ thay đổi của tôi', 'Reload and keep my changes')}</Button>,
      ]}
      width={620}
    >
      <Typography.Paragraph>
        {l(
          'Trong lúc bạn nhập, một người khác (hoặc bạn ở một cửa sổ khác) đã lưu báo cáo này. Để không ghi đè lên nhau, các thay đổi dưới đây của bạn chưa được lưu. Chọn "giữ thay đổi" để tải bản mới nhất rồi đặt lại các ô bạn vừa sửa lên trên và lưu tiếp.',
          'While you were typing, someone else (or you in another window) saved this report. Your changes below are not saved yet. "Keep my changes" reloads the latest version, puts the fields you edited back on top and saves them.',
        )}
      </Typography.Paragraph>
      {message ? <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{l('Thông báo của hệ thống', 'Server message')}: {message}</Typography.Paragraph> : null}
      {codes.length || sections.length ? (
        <Collapse
          size="small"
          items={[
            {
              key: 'c',
              label: l(`Các thay đổi chưa lưu (${codes.length + sections.length})`, `Unsaved changes (${codes.length + sections.length})`),
              children: (
                <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 240, overflow: 'auto' }}>
                  {codes.map((c) => (
                    <li key={c}>
                      {names.get(c) ?? c}: <b>{store.get(c).value || l('(xóa)', '(cleared)')}</b>
                      {store.get(c).comment ? ` — ${store.get(c).comment}` : ''}
                    </li>
                  ))}
                  {sections.map((s) => <li key={s}>{NARRATIVE_LABELS[s][lang]}</li>)}
                </ul>
              ),
            },
          ]}
        />
      ) : null}
    </Modal>
  );
}

type BlockedProps = { issues: Issue[] | null; names: Map<string, string>; onClose: () => void };

export function BlockedDialog({ issues, names, onClose }: BlockedProps) {
  const l = useL();
  const errors = issues?.filter((i) => i.importance === 'error').length ?? 0;
  const warnings = (issues?.length ?? 0) - errors;
  return (
    <Modal
      open={!!issues}
      onCancel={onClose}
      title={l('Chưa thể nộp báo cáo', 'The report cannot be submitted yet')}
      footer={<Button type="primary" onClick={onClose}>{l('Quay lại sửa', 'Back to the form')}</Button>}
      width={640}
    >
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={l(
          `Cần xử lý ${errors ? `${errors} lỗi` : ''}${errors && warnings ? ' và ' : ''}${warnings ? `${warnings} cảnh báo chưa có ghi chú giải thích` : ''} trước khi nộp.`,
          `Resolve ${errors ? `${errors} errors` : ''}${errors && warnings ? ' and ' : ''}${warnings ? `${warnings} warnings without an explanatory comment` : ''} first.`,
        )}
        description={l('Bấm tên chỉ tiêu để chuyển đến ô cần sửa. Cảnh báo được chấp nhận khi ô đó có ghi chú giải thích.', 'Click a name to go to its field. A warning is accepted once its value has a comment.')}
      />
      <div style={{ maxHeight: 420, overflow: 'auto' }}>
        <IssueList issues={issues ?? []} names={names} onGo={onClose} />
      </div>
    </Modal>
  );
}
