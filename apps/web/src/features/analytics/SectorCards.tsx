/** Per sector, its key figures: value, change against the previous period and last year, target and achievement. */
import { Card, Col, Empty, Flex, Row, Typography } from 'antd';
import { memo } from 'react';
import { useL, useLang } from '../../app/i18n';
import { AchievementTag, basisHint, Change, FigureCompare } from './FigureCompare';
import { formatFigure } from './figures';
import type { Dashboard, Figure } from './types';

function FigureRow({ f, picked, onPick }: { f: Figure; picked: boolean; onPick: (dx: string) => void }) {
  const l = useL();
  const lang = useLang();
  return (
    <div className={`nhip-dash-figure${picked ? ' picked' : ''}`} data-testid={`figure-${f.dx}`}>
      <button
        type="button"
        className="name"
        title={`${f.dxName} — ${l('xem diễn biến và so sánh giữa các đơn vị', 'chart over time and across units')}`}
        onClick={() => onPick(f.dx)}
      >
        {f.dxName}
      </button>
      <Flex align="center" justify="space-between" gap={8} wrap="wrap">
        {f.value === null ? (
          <Typography.Text type="secondary" className="value-missing">
            {l('Chưa có số liệu đã duyệt trong kỳ', 'No approved figure in the period')}
          </Typography.Text>
        ) : (
          <Flex align="baseline" gap={10} wrap="wrap" style={{ minWidth: 0 }}>
            <span className="value" data-testid={`figure-value-${f.dx}`}>
              {formatFigure(f.value, f.decimals, lang)}
              {f.uom ? <span className="uom"> {f.uom}</span> : null}
            </span>
            <Change pct={f.changePrevPct} better={f.better} label={l('so kỳ trước', 'vs previous')} hint={basisHint(f.previous, lang)} />
            <Change pct={f.changeLastYearPct} better={f.better} label={l('so cùng kỳ', 'vs last year')} hint={basisHint(f.lastYear, lang)} />
          </Flex>
        )}
        <Flex align="center" gap={4}>
          <AchievementTag value={f.achievement} />
          <FigureCompare f={f} onChart={() => onPick(f.dx)} />
        </Flex>
      </Flex>
    </div>
  );
}

export const SectorCards = memo(function SectorCards({
  sectors,
  picked,
  onPick,
}: {
  sectors: Dashboard['sectors'];
  picked: string | null;
  onPick: (dx: string) => void;
}) {
  const l = useL();
  if (sectors.length === 0) {
    return (
      <Card>
        <Empty
          description={l(
            'Chưa có lĩnh vực nào có chỉ tiêu. Khai báo lĩnh vực và chỉ tiêu trong Danh mục để bảng điều hành có số liệu.',
            'No sector has figures yet. Declare sectors and data elements in the catalog.',
          )}
        />
      </Card>
    );
  }
  return (
    <Row gutter={[16, 16]}>
      {sectors.map((s) => (
        <Col key={s.code} xs={24} xl={12}>
          <Card
            size="small"
            title={s.name}
            className="nhip-dash-sector"
            data-testid={`sector-${s.code}`}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l(
                  `${s.figures.filter((f) => f.value !== null).length}/${s.figures.length} có số liệu`,
                  `${s.figures.filter((f) => f.value !== null).length}/${s.figures.length} with data`,
                )}
              </Typography.Text>
            }
          >
            {s.figures.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('Lĩnh vực chưa có chỉ tiêu.', 'No figures in this sector.')} />
            ) : (
              s.figures.map((f) => <FigureRow key={f.dx} f={f} picked={picked === f.dx} onPick={onPick} />)
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
});
