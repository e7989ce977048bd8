/**
 * Pieces the process screens (nominations, council, decisions) share: status tags, the eligibility panel, the year
 * chosen in the address, money and dates as Vietnamese documents write them, document download buttons.
 */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, FilePdfOutlined, FileWordOutlined, MinusCircleFilled } from '@ant-design/icons';
import {
  DECISION_STATUS_LABELS, type DecisionStatus, formatNumber, MEETING_STATUS_LABELS, type MeetingStatus, NOMINATION_STATUS_LABELS, type NominationStatus,
} from '@nhip/contracts';
import { Button, Select, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { todayVN } from '../../components/DateField';
import { useDownload } from '../conferences/shared';
import type { Check } from './api';
import './process.css';

/** 'YYYY-MM-DD…' → 'dd/mm/yyyy'. */
export const vnDate = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

/** An ISO timestamp on Vietnam's wall clock: 'dd/mm/yyyy HH:mm'. */
export const vnDateTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 7 * 3600_000).toISOString();
  return `${vnDate(d)} ${d.slice(11, 16)}`;
};

/** A wall-clock 'YYYY-MM-DDTHH:mm' (as the council's meetings store it) → 'dd/mm/yyyy HH:mm'. */
export const vnWallTime = (s: string | null | undefined): string => {
  if (!s) return '—';
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(s)) return vnDateTime(s);
  return `${vnDate(s)} ${s.slice(11, 16)}`.trim();
};

/** 1490000 → '1.490.000 đ'. */
export const money = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : `${formatNumber(n, { decimals: 0 })} đ`);
/** 1634 → '1.634'. */
export const num = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : formatNumber(n));

export function NominationStatusTag({ status }: { status: NominationStatus }) {
  const lang = useLang();
  const s = NOMINATION_STATUS_LABELS[status];
  return (
    <Tag color={s.color} style={{ marginInlineEnd: 0 }} data-testid="nomination-status">
      {s[lang]}
    </Tag>
  );
}

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const lang = useLang();
  const s = MEETING_STATUS_LABELS[status];
  return <Tag color={s.color} style={{ marginInlineEnd: 0 }} data-testid="meeting-status">{s[lang]}</Tag>;
}

export function DecisionStatusTag({ status }: { status: DecisionStatus }) {
  const lang = useLang();
  const s = DECISION_STATUS_LABELS[status];
  return <Tag color={s.color} style={{ marginInlineEnd: 0 }} data-testid="decision-status">{s[lang]}</Tag>;
}

/** Eligible, blocked, or eligible on a condition, as a tag. */
export function EligibleTag({ eligible, conditional, overridden }: { eligible: boolean; conditional?: boolean; overridden?: boolean }) {
  const l = useL();
  if (eligible) return <Tag color={conditional ? 'gold' : 'green'} style={{ marginInlineEnd: 0 }}>{conditional ? l('Đủ điều kiện (có điều kiện)', 'Eligible, conditionally') : l('Đủ điều kiện', 'Eligible')}</Tag>;
  if (overridden) return <Tag color="purple" style={{ marginInlineEnd: 0 }}>{l('Chưa đủ, được cho tiếp tục', 'Not eligible, overridden')}</Tag>;
  return <Tag color="red" style={{ marginInlineEnd: 0 }}>{l('Chưa đủ điều kiện', 'Not eligible')}</Tag>;
}

/** The failed blocking criteria of a list of checks (what stops a nomination); an alternative fails only when none of its group passed. */
export const failedChecks = (checks: Check[]) =>
  checks.filter((c) => !c.passed && c.severity === 'block' && !(c.group !== null && checks.some((o) => o.group === c.group && o.passed)));

/**
 * Each criterion passed or failed, with its evidence and legal basis. Alternatives (group a/b) are marked "hoặc";
 * a flag that fails does not block and says so.
 */
export function EligibilityPanel({ checks, date, testId = 'eligibility' }: { checks: Check[]; date?: string | null; testId?: string }) {
  const l = useL();
  if (!checks.length) return <Typography.Text type="secondary">{l('Chưa có kết quả kiểm tra.', 'Not checked yet.')}</Typography.Text>;
  return (
    <div data-testid={testId}>
      {date ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 13 }}>
          {l(`Theo quy định có hiệu lực ngày ${vnDate(date)}.`, `Rules in force on ${vnDate(date)}.`)}
        </Typography.Paragraph>
      ) : null}
      <ul className="aw-checks" aria-label={l('Các tiêu chí', 'Criteria')}>
        {checks.map((c, i) => {
          // An alternative not met while another of its group is: not needed, shown apart from a failure.
          const spare = !c.passed && c.group !== null && checks.some((o) => o.group === c.group && o.passed);
          const state = c.passed ? 'passed' : spare ? 'spare' : c.severity === 'flag' ? 'flagged' : 'failed';
          return (
          <li key={`${c.code}-${i}`} className={`aw-check ${state}`} data-testid={`check-${c.code}`}>
            <span className="aw-check-icon" aria-hidden>
              {c.passed ? <CheckCircleFilled /> : spare ? <MinusCircleFilled /> : c.severity === 'flag' ? <ExclamationCircleFilled /> : <CloseCircleFilled />}
            </span>
            <div className="aw-check-body">
              <div>
                <strong>{c.rule}</strong>{' '}
                <span className="aw-check-verdict">
                  {c.passed
                    ? l('— Đạt', '— Passed')
                    : spare
                      ? l('— Chưa đạt, không cần (đã đạt phương án khác)', '— Not met, not needed (another option is)')
                      : c.severity === 'flag'
                        ? l('— Chưa đạt (lưu ý, không chặn)', '— Not met (flag only)')
                        : l('— Chưa đạt', '— Failed')}
                </span>
                {c.group && c.option ? <Tag style={{ marginInlineStart: 6 }}>{l(`hoặc (${c.option})`, `or (${c.option})`)}</Tag> : null}
                {c.conditional ? <Tag color="gold" style={{ marginInlineStart: 6 }}>{l('chờ quyết định cùng đợt', 'pending in this round')}</Tag> : null}
              </div>
              {c.evidence ? <div className="aw-check-evidence">{c.evidence}</div> : null}
              <div className="aw-check-basis">
                {l('Căn cứ: ', 'Basis: ')}
                {c.basis}
                {c.source === 'setting' ? l(' (thiết lập của Sở)', ' (department setting)') : ''}
              </div>
            </div>
          </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The year of achievement the page shows, kept in the address (?year=), this year by default. */
export function useYear(): [number, (y: number) => void] {
  const [params, setParams] = useSearchParams();
  const current = Number(todayVN().slice(0, 4));
  const y = Number(params.get('year'));
  const year = Number.isInteger(y) && y >= 2000 && y <= 2200 ? y : current;
  const set = (v: number) => {
    const p = new URLSearchParams(params);
    p.set('year', String(v));
    setParams(p, { replace: true });
  };
  return [year, set];
}

export function YearSelect({ value, onChange, label }: { value: number; onChange: (y: number) => void; label?: string }) {
  const l = useL();
  const current = Number(todayVN().slice(0, 4));
  const years = Array.from({ length: 9 }, (_, i) => current + 1 - i);
  if (!years.includes(value)) years.push(value);
  return (
    <Select
      aria-label={label ?? l('Năm thành tích', 'Year of achievement')}
      value={value}
      onChange={onChange}
      options={years.sort((a, b) => b - a).map((y) => ({ value: y, label: l(`Năm ${y}`, String(y)) }))}
      style={{ width: 130 }}
    />
  );
}

/** Two buttons that download a document as .docx and .pdf; `name` is the file's fallback name without extension. */
export function DocButtons({ url, name, label, size }: { url: (f: 'docx' | 'pdf') => string; name: string; label: string; size?: 'small' }) {
  const l = useL();
  const [download, busy] = useDownload();
  return (
    <Space size={4} wrap>
      <Button size={size} icon={<FileWordOutlined />} loading={busy === url('docx')} onClick={() => void download(url('docx'), `${name}.docx`)}>
        {l(`${label} (.docx)`, `${label} (.docx)`)}
      </Button>
      <Button size={size} icon={<FilePdfOutlined />} loading={busy === url('pdf')} onClick={() => void download(url('pdf'), `${name}.pdf`)}>
        {l(`${label} (.pdf)`, `${label} (.pdf)`)}
      </Button>
    </Space>
  );
}
