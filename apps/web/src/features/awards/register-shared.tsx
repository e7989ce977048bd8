/** Small pieces shared by the look-back and rules screens: award type and year pickers, unit codes, the history table. */
import { formatDate, RATING_LABELS, type Rating, searchMatches } from '@nhip/contracts';
import { Select, Table, Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useL } from '../../app/i18n';
import { useOrgUnits } from '../../components/orgUnits';
import { EmptyHint } from '../../components/table';
import { type HistoryRow, type RatingRow, useAwardTypes } from './api-register';

/** The year in Vietnam now. */
export const thisYearVN = () => Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));

/** Years from `from` to `to`, newest first, as Select options. */
export const yearOptions = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => to - i).map((y) => ({ value: y, label: String(y) }));

export const dash = <span className="nhip-muted">—</span>;
export const vnDate = (d: string | null | undefined) => (d ? formatDate(d) : '—');

/** Unit id ↔ code, for filters that pick a unit in the tree but send its code. */
export function useUnitCodes() {
  const units = useOrgUnits({ includeClosed: true });
  return useMemo(() => {
    const byId = new Map((units.data ?? []).map((u) => [u.id, u]));
    const byCode = new Map((units.data ?? []).map((u) => [u.code, u]));
    return { units: units.data ?? [], byId, byCode };
  }, [units.data]);
}

/** Picks a title or form of the catalog by code (searchable without diacritics). */
export function AwardTypeSelect({
  value,
  onChange,
  subject,
  style,
  placeholder,
  id,
  allowClear = true,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  subject?: 'individual' | 'collective';
  style?: CSSProperties;
  placeholder?: string;
  id?: string;
  allowClear?: boolean;
}) {
  const l = useL();
  const types = useAwardTypes();
  const options = (types.data?.items ?? [])
    .filter((t) => t.active && (!subject || t.subject === 'both' || t.subject === subject))
    .map((t) => ({ value: t.code, label: t.name, search: `${t.name} ${t.code}` }));
  return (
    <Select<string>
      id={id}
      aria-label={id ? undefined : (placeholder ?? l('Danh hiệu, hình thức', 'Title or form'))}
      allowClear={allowClear}
      showSearch={{ filterOption: (input, o) => searchMatches(String((o as { search?: string } | undefined)?.search ?? ''), input) }}
      loading={types.isLoading}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder ?? l('Mọi danh hiệu, hình thức', 'Every title or form')}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}

const RATING_COLORS: Record<Rating, string> = { xuat_sac: 'green', tot: 'blue', hoan_thanh: 'default', khong_hoan_thanh: 'red' };
export function RatingTag({ rating }: { rating: Rating }) {
  return <Tag color={RATING_COLORS[rating]}>{RATING_LABELS[rating].vi}</Tag>;
}

/** Ratings by year as a compact line of tags. */
export function RatingsLine({ ratings }: { ratings: RatingRow[] }) {
  const l = useL();
  if (!ratings.length) return <span className="nhip-muted">{l('Chưa có xếp loại nào.', 'No rating yet.')}</span>;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      {[...ratings]
        .sort((a, b) => b.year - a.year)
        .map((r) => (
          <span key={r.year} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            <strong>{r.year}</strong>
            <RatingTag rating={r.rating} />
          </span>
        ))}
    </div>
  );
}

/**
 * A wide table scrolled by its wrapper, which takes the keyboard focus so the scrolling works without a mouse (axe:
 * scrollable-region-focusable); the table's own scroll.x would leave a region of plain text unreachable.
 */
export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </section>
  );
}

/** An award history (a person's or a collective's), newest first. */
export function HistoryTable({ rows, showVia }: { rows: HistoryRow[]; showVia?: boolean }) {
  const l = useL();
  const sorted = [...rows].sort((a, b) => b.year - a.year || a.awardName.localeCompare(b.awardName, 'vi'));
  return (
    <ScrollRegion label={l('Lịch sử khen thưởng', 'Award history')} minWidth={780}>
      <Table<HistoryRow>
        rowKey="id"
        size="small"
        dataSource={sorted}
        pagination={sorted.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <EmptyHint title={l('Chưa có khen thưởng nào trong sổ', 'No award in the register')} /> }}
        columns={[
          { title: l('Năm', 'Year'), dataIndex: 'year', width: 64 },
          {
            title: l('Danh hiệu, hình thức khen thưởng', 'Title or form'),
            key: 'award',
            width: 240,
            render: (_, h) => (
              <div>
                <div style={{ fontWeight: 500 }}>{h.awardName}</div>
                {showVia && h.via && (
                  <div className="nhip-muted" style={{ fontSize: 12 }}>
                    {l(`Của đơn vị tiền thân: ${h.via}`, `Of predecessor: ${h.via}`)}
                  </div>
                )}
              </div>
            ),
          },
          {
            title: l('Quyết định', 'Decision'),
            key: 'decision',
            width: 170,
            render: (_, h) =>
              h.decisionNumber ? (
                <div>
                  <div>{h.decisionNumber}</div>
                  {h.decisionDate && (
                    <div className="nhip-muted" style={{ fontSize: 12 }}>
                      {l(`ngày ${vnDate(h.decisionDate)}`, `on ${vnDate(h.decisionDate)}`)}
                    </div>
                  )}
                </div>
              ) : (
                dash
              ),
          },
          { title: l('Cấp khen', 'Authority'), dataIndex: 'authority', width: 220, render: (v: string | null) => v ?? dash },
          {
            title: l('Nguồn', 'Source'),
            dataIndex: 'source',
            width: 150,
            render: (s: HistoryRow['source'], h) =>
              s === 'decision' && h.decisionId ? (
                <Link to={`/awards/decisions/${h.decisionId}`}>{l('Quyết định của Sở', 'Department decision')}</Link>
              ) : s === 'decision' ? (
                l('Quyết định của Sở', 'Department decision')
              ) : (
                <span className="nhip-muted">{l('Lịch sử đã nhập', 'Recorded history')}</span>
              ),
          },
        ]}
      />
    </ScrollRegion>
  );
}
