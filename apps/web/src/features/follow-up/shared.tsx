/** Pieces the follow-up screens share: state, timeliness and kind tags, the grid's counts as tags, dates, periods, divisions. */
import { FireOutlined } from '@ant-design/icons';
import {
  RECOMMENDATION_KIND_LABELS, RECOMMENDATION_STATE_LABELS, type RecommendationKind, type RecommendationState, TIMELINESS, TIMELINESS_LABELS, type Timeliness, periodLabel,
} from '@nhip/contracts';
import { Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { type OrgUnit, useOrgUnits } from '../../components/orgUnits';
import { recentPeriods } from '../../components/PeriodSelect';
import type { GridCounts, SourceKind } from './api';
import './follow-up.css';

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' (no time zone involved). */
export const vnDate = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

/** An ISO timestamp as Vietnam's wall clock: 'dd/mm/yyyy HH:mm'. */
export const vnDateTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return `${vnDate(d)} ${d.slice(11, 16)}`;
};

/** A period id in words ('2025Q2' → 'Quý II năm 2025'), the id itself when it does not parse. */
export function periodText(id: string | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  if (!id) return '—';
  try {
    return periodLabel(id, lang);
  } catch {
    return id;
  }
}

export function StateTag({ state }: { state: RecommendationState }) {
  const lang = useLang();
  const s = RECOMMENDATION_STATE_LABELS[state];
  return (
    <Tag color={s.color} style={{ marginInlineEnd: 0 }} data-testid="rec-state">
      {s[lang]}
    </Tag>
  );
}

export function TimelinessTag({ value }: { value: Timeliness }) {
  const lang = useLang();
  const t = TIMELINESS_LABELS[value];
  return (
    <Tag color={t.color} style={{ marginInlineEnd: 0 }} data-testid="rec-timeliness">
      {t[lang]}
    </Tag>
  );
}

export const kindLabel = (k: RecommendationKind, lang: 'vi' | 'en') => RECOMMENDATION_KIND_LABELS[k][lang];

/** "Nêu N lần" when a point has been raised more than once. */
export function TimesRaised({ n, long }: { n: number; long?: boolean }) {
  const l = useL();
  if (n < 2) return null;
  return (
    <Tooltip title={l(`Kiến nghị này đã được nêu ${n} lần (mỗi đơn vị trong mỗi kỳ tính một lần)`, `Raised ${n} times (each unit once per period)`)}>
      <Tag color={n >= 3 ? 'volcano' : 'orange'} icon={<FireOutlined aria-hidden />} style={{ marginInlineEnd: 0 }} data-testid="rec-times-raised">
        {long ? l(`Nêu lại lần thứ ${n}`, `Raised for the ${n}th time`) : l(`Nêu ${n} lần`, `${n}×`)}
      </Tag>
    </Tooltip>
  );
}

/**
 * The grid of Decision 42/2014 as four tags with their counts. With `onToggle`, each tag is a button that filters the
 * list to that cell (pressed when it is in `selected`); with `hrefOf`, a link to the items it counts.
 */
export function GridTags({
  counts, selected, onToggle, hrefOf, size,
}: { counts: GridCounts | undefined; selected?: Timeliness[]; onToggle?: (t: Timeliness) => void; hrefOf?: (t: Timeliness) => string; size?: 'small' }) {
  const lang = useLang();
  return (
    <div className={`fu-grid${size === 'small' ? ' fu-grid-small' : ''}`} data-testid="fu-grid">
      {TIMELINESS.map((t) => {
        const label = TIMELINESS_LABELS[t];
        const n = counts?.[t] ?? 0;
        const on = selected?.includes(t) ?? false;
        const body = (
          <>
            <span className={`fu-grid-dot fu-grid-${t}`} aria-hidden />
            <span className="fu-grid-label">{label[lang]}</span>
            <strong className="fu-grid-n">{n.toLocaleString('vi-VN')}</strong>
          </>
        );
        if (hrefOf) {
          return (
            <Link key={t} to={hrefOf(t)} className="fu-grid-cell fu-grid-link" data-testid={`fu-grid-${t}`}>
              {body}
            </Link>
          );
        }
        return onToggle ? (
          <button type="button" key={t} className={`fu-grid-cell${on ? ' on' : ''}`} aria-pressed={on} onClick={() => onToggle(t)} data-testid={`fu-grid-${t}`}>
            {body}
          </button>
        ) : (
          <span key={t} className="fu-grid-cell" data-testid={`fu-grid-${t}`}>
            {body}
          </span>
        );
      })}
    </div>
  );
}

export const SOURCE_LABELS: Record<SourceKind, { vi: string; en: string }> = {
  report: { vi: 'Báo cáo của đơn vị', en: 'Unit report' },
  discussion: { vi: 'Ý kiến thảo luận tại hội nghị', en: 'Conference discussion' },
  point: { vi: 'Kết luận, chỉ đạo', en: 'Conclusion or directive' },
  manual: { vi: 'Nhập trực tiếp', en: 'Entered directly' },
};

export const SECTION_LABELS: Record<string, string> = { results: 'Kết quả', difficulties: 'Khó khăn, vướng mắc', proposals: 'Đề xuất, kiến nghị' };

/** Years since the register began and recent quarters and half-years, newest first, for a period filter. */
export function usePeriodOptions() {
  const lang = useLang();
  return useMemo(() => {
    const years = recentPeriods('Yearly', 6).map((p) => ({ value: p.id, label: periodLabel(p, lang) }));
    const halves = recentPeriods('SixMonthly', 6).map((p) => ({ value: p.id, label: periodLabel(p, lang) }));
    const quarters = recentPeriods('Quarterly', 12).map((p) => ({ value: p.id, label: periodLabel(p, lang) }));
    return [
      { label: lang === 'en' ? 'Years' : 'Năm', options: years },
      { label: lang === 'en' ? 'Half-years' : '6 tháng', options: halves },
      { label: lang === 'en' ? 'Quarters' : 'Quý', options: quarters },
    ];
  }, [lang]);
}

/** The department's divisions (the owners of recommendations), by name. */
export function useDivisions(): { divisions: OrgUnit[]; loading: boolean } {
  const q = useOrgUnits({ type: 'division' });
  const divisions = useMemo(() => [...(q.data ?? [])].filter((u) => u.type === 'division').sort((a, b) => a.name.localeCompare(b.name, 'vi')), [q.data]);
  return { divisions, loading: q.isLoading };
}

/** "Trả lời đã gửi" and "Đã báo lãnh đạo" badges of a row. */
export function RowFlags({ escalated, answered }: { escalated: boolean; answered: boolean }) {
  const l = useL();
  return (
    <>
      {escalated ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {l('Đã báo lãnh đạo Sở', 'Escalated')}
        </Tag>
      ) : null}
      {answered ? (
        <Tag color="green" style={{ marginInlineEnd: 0 }}>
          {l('Đã trả lời', 'Answered')}
        </Tag>
      ) : null}
    </>
  );
}
