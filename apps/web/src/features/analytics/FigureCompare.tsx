/**
 * Everything one figure is compared with (issue 3, item 3): previous period, same period last year,
 * the annual target and its achievement, in one popover.
 */
import { ArrowDownOutlined, ArrowUpOutlined, LineChartOutlined, MinusOutlined } from '@ant-design/icons';
import { formatPercent } from '@nhip/contracts';
import { Button, Descriptions, Flex, Popover, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { ACHIEVEMENT_STYLE, formatChange, formatFigure, toneOf, trendOf } from './figures';
import type { Achievement, Better, Figure, OtherPeriod, UnitRef } from './types';

const TONE_COLOR = { good: '#237804', bad: '#cf1322', flat: '#52606d', none: '#8a94a0' } as const;

/**
 * '↑ +4,2%' / '↓ -1,3%': green when the change goes the desirable way (`better`: up where more is better, down
 * where less is better), red the other way; the arrow shows the actual direction. Nothing when the change cannot
 * be computed. `hint` explains the basis.
 */
export function Change({
  pct, label, hint, testId, better = 'higher',
}: { pct: number | null; label?: string; hint?: string | null; testId?: string; better?: Better }) {
  const lang = useLang();
  const t = trendOf(pct);
  const tone = toneOf(t, better);
  if (t === 'none') {
    if (!label) return null;
    const none = (
      <Typography.Text type="secondary" style={{ fontSize: 12, textDecoration: hint ? 'underline dotted' : undefined }}>
        {label}: —
      </Typography.Text>
    );
    return hint ? <Tooltip title={hint}>{none}</Tooltip> : none;
  }
  const Icon = t === 'up' ? ArrowUpOutlined : t === 'down' ? ArrowDownOutlined : MinusOutlined;
  const body = (
    <span data-testid={testId} data-tone={tone} style={{ color: TONE_COLOR[tone], fontSize: 12, whiteSpace: 'nowrap' }}>
      <Icon style={{ fontSize: 10 }} /> {formatChange(pct, lang)}
      {label ? <span style={{ color: '#5b6672', textDecoration: hint ? 'underline dotted' : undefined }}> {label}</span> : null}
    </span>
  );
  return hint ? <Tooltip title={hint}>{body}</Tooltip> : body;
}

/** 'so với tổng các đơn vị trước sáp nhập: A, B' when the server compared with the merged units, else null. */
export function basisHint(other: OtherPeriod, lang: 'vi' | 'en'): string | null {
  if (other.basis !== 'predecessors') return null;
  const names = (other.predecessors ?? []).map((u) => u.name).join(', ');
  const head = lang === 'en' ? "compared with the merged units' total" : 'so với tổng các đơn vị trước sáp nhập';
  return names ? `${head}: ${names}` : head;
}

export function AchievementTag({ value }: { value: Achievement | null }) {
  const lang = useLang();
  if (!value) return null;
  const s = ACHIEVEMENT_STYLE[value];
  return (
    <Tag color={s.color} style={{ marginInlineEnd: 0 }}>
      {lang === 'en' ? s.en : value}
    </Tag>
  );
}

function predecessorsOf(other: OtherPeriod): UnitRef[] | null {
  return other.basis === 'predecessors' ? (other.predecessors ?? []) : null;
}

function PredecessorNote({ units }: { units: UnitRef[] }) {
  const l = useL();
  const names = units.map((u) => u.name).join(', ');
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
      {l('so với tổng các đơn vị trước sáp nhập', "compared with the merged units' total")}
      {names ? `: ${names}` : ''}
    </Typography.Text>
  );
}

function CompareContent({ f, onChart }: { f: Figure; onChart?: () => void }) {
  const l = useL();
  const lang = useLang();
  const v = (n: number | null) =>
    n === null ? l('chưa có số liệu', 'no data') : `${formatFigure(n, f.decimals, lang)}${f.uom ? ` ${f.uom}` : ''}`;
  const prevUnits = predecessorsOf(f.previous);
  const lastUnits = predecessorsOf(f.lastYear);
  return (
    <div style={{ width: 380 }} data-testid={`compare-${f.dx}`}>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 170 } }}
        items={[
          { key: 'now', label: f.peName, children: <Typography.Text strong>{v(f.value)}</Typography.Text> },
          {
            key: 'prev',
            label: `${l('Kỳ trước', 'Previous period')} (${f.previous.peName})`,
            children: (
              <div>
                <Flex gap={8} wrap="wrap" align="baseline">
                  <span>{v(f.previous.value)}</span>
                  <Change pct={f.changePrevPct} better={f.better} />
                </Flex>
                {prevUnits ? <PredecessorNote units={prevUnits} /> : null}
              </div>
            ),
          },
          {
            key: 'last',
            label: `${l('Cùng kỳ năm trước', 'Same period last year')} (${f.lastYear.peName})`,
            children: (
              <div>
                <Flex gap={8} wrap="wrap" align="baseline">
                  <span>{v(f.lastYear.value)}</span>
                  <Change pct={f.changeLastYearPct} better={f.better} />
                </Flex>
                {lastUnits ? <PredecessorNote units={lastUnits} /> : null}
              </div>
            ),
          },
          {
            key: 'target',
            label: f.target ? l(`Kế hoạch năm ${f.target.year}`, `Target ${f.target.year}`) : l('Kế hoạch năm', 'Annual target'),
            children: f.target ? (
              <div>
                <span>{v(f.target.value)}</span>
                {f.better === 'lower' ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {l('mức trần — càng thấp càng tốt', 'a ceiling — lower is better')}
                  </Typography.Text>
                ) : null}
                {f.target.proRata ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {l(
                      `tương ứng kỳ này: ${v(f.target.periodValue)} (theo tỷ lệ thời gian)`,
                      `for this period: ${v(f.target.periodValue)} (pro rata)`,
                    )}
                  </Typography.Text>
                ) : null}
              </div>
            ) : (
              <Typography.Text type="secondary">{l('Chưa giao kế hoạch', 'No target set')}</Typography.Text>
            ),
          },
          {
            key: 'ach',
            label: l('Mức thực hiện', 'Achievement'),
            children:
              f.achievementPct === null ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <Flex gap={8} align="center">
                  <span>{formatPercent(f.achievementPct, 1, lang)}</span>
                  <AchievementTag value={f.achievement} />
                </Flex>
              ),
          },
        ]}
      />
      {onChart ? (
        <Button type="link" size="small" icon={<LineChartOutlined />} style={{ paddingInline: 0, marginTop: 6 }} onClick={onChart}>
          {l('Xem biểu đồ của chỉ tiêu này', 'Chart this figure')}
        </Button>
      ) : null}
    </div>
  );
}

export function FigureCompare({ f, onChart }: { f: Figure; onChart?: () => void }) {
  const l = useL();
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={<span style={{ display: 'block', maxWidth: 380 }}>{f.dxName}</span>}
      content={
        <CompareContent
          f={f}
          onChart={
            onChart
              ? () => {
                  setOpen(false);
                  onChart();
                }
              : undefined
          }
        />
      }
      destroyOnHidden
    >
      <Button size="small" type="text" data-testid={`compare-open-${f.dx}`} style={{ color: '#0b5cad', paddingInline: 6 }}>
        {l('So sánh', 'Compare')}
      </Button>
    </Popover>
  );
}
