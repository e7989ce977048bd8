/** Small pieces the conference screens share: status tag, Vietnam-time fields, one-click actions, downloads. */
import { CONFERENCE_STATUS_LABELS, type ConferenceStatus, formatDateTime, INVITATION_STATUS_LABELS, type InvitationStatus, searchMatches } from '@nhip/contracts';
import { App, DatePicker, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type CSSProperties, useCallback, useState } from 'react';
import { useLang } from '../../app/i18n';
import { errorMessage } from '../../components/QueryState';
import { downloadFile } from '../analytics/download';

export function ConferenceStatusTag({ status, testId }: { status: ConferenceStatus; testId?: string }) {
  const lang = useLang();
  const s = CONFERENCE_STATUS_LABELS[status];
  return (
    <Tag color={s.color} style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {s[lang]}
    </Tag>
  );
}

export function InvitationStatusTag({ status }: { status: InvitationStatus }) {
  const lang = useLang();
  const s = INVITATION_STATUS_LABELS[status];
  return (
    <Tag color={s.color} style={{ marginInlineEnd: 0 }}>
      {s[lang]}
    </Tag>
  );
}

export { vnTime, vnWall } from './time';

/** 'Thứ Ba, 05/01/2027 08:00'-like text without the weekday: the usual dd/mm/yyyy HH:mm. */
export const dt = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : '—');

const WALL = 'YYYY-MM-DDTHH:mm';
const INPUT_FORMATS = ['DD/MM/YYYY HH:mm', 'D/M/YYYY HH:mm', 'D/M/YYYY H:mm', 'YYYY-MM-DD HH:mm'];

/**
 * A date and time picker in Vietnam time, whatever the browser's zone: its value is 'YYYY-MM-DDTHH:mm' (wall clock),
 * shown as dd/mm/yyyy HH:mm.
 */
export function DateTimeField({
  value, onChange, id, style, allowClear = false, placeholder, 'aria-label': ariaLabel,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  style?: CSSProperties;
  allowClear?: boolean;
  placeholder?: string;
  'aria-label'?: string;
}) {
  return (
    <DatePicker
      id={id}
      aria-label={ariaLabel}
      showTime={{ format: 'HH:mm', minuteStep: 5 }}
      value={value ? dayjs(value, WALL) : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format(WALL) : null)}
      format={INPUT_FORMATS}
      allowClear={allowClear}
      placeholder={placeholder ?? 'dd/mm/yyyy hh:mm'}
      style={style}
      needConfirm={false}
    />
  );
}

/**
 * Runs a server call behind a button: busy while it runs, the server's Vietnamese message on refusal, a short
 * confirmation on success. Returns [run, busyKey].
 */
export function useAction() {
  const { message } = App.useApp();
  const lang = useLang();
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(key: string, call: () => Promise<T>, done?: string | ((r: T) => string | null)): Promise<T | undefined> => {
      setBusy(key);
      try {
        const r = await call();
        const text = typeof done === 'function' ? done(r) : done;
        if (text) message.success(text);
        return r;
      } catch (e) {
        message.error(errorMessage(e, lang));
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [message, lang],
  );
  return [run, busy] as const;
}

/** Downloads a file the server builds, with the server's message when it refuses. */
export function useDownload() {
  const { message } = App.useApp();
  const lang = useLang();
  const [busy, setBusy] = useState<string | null>(null);
  const download = useCallback(
    async (url: string, fallbackName: string) => {
      setBusy(url);
      try {
        const name = await downloadFile(url, { fallbackName });
        message.success(lang === 'en' ? `Downloaded ${name}.` : `Đã tải về ${name}.`);
      } catch (e) {
        message.error(errorMessage(e, lang));
      } finally {
        setBusy(null);
      }
    },
    [message, lang],
  );
  return [download, busy] as const;
}

/** Bytes as the file lists show them: '84 KB', '1,2 MB'. */
export function fileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** A size limit as people say it: 30 MB, 512 KB, 1,5 MB (no ",0"). */
export const sizeLimit = (n: number): string => fileSize(n).replace(/,0 /, ' ');

/** Select search without diacritics: "khe thuong" finds "Xã Khê Thượng". */
export const viSearch = {
  filterOption: (input: string, option?: { label?: unknown }) => searchMatches(typeof option?.label === 'string' ? option.label : '', input),
};
