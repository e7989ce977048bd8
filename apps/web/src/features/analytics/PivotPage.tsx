/**
 * Bảng tổng hợp: figures × units × periods, each on rows, on columns or as the filter; the same layout
 * exported to Excel by the server. The whole pivot lives in the URL so it can be bookmarked and shared.
 */
import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { useOrgUnits } from '../../components/orgUnits';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, errorMessage } from '../../components/QueryState';
import { RequireAbility } from '../../components/RequireAbility';
import { useSectors } from '../../components/sectors';
import { EmptyHint } from '../../components/table';
import { useAnalytics, useDataElements, useIndicators } from './api';
import { downloadFile } from './download';
import { DIM_LABELS, PivotControls, relativeLabel } from './PivotControls';
import { PivotTable } from './PivotTable';
import {
  buildPivot,
  dimensionStrings,
  type PivotProblem,
  type PivotQuery,
  parsePivotQuery,
  pivotProblems,
  pivotQueryToParams,
  placeDim,
} from './pivotModel';
import './analytics.css';

function PivotView() {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const units = useOrgUnits({ includeClosed: true });
  const elements = useDataElements();
  const indicators = useIndicators();
  const sectors = useSectors();

  const root = useMemo(
    () => (units.data ?? []).filter((u) => u.level === 1 && u.active)[0] ?? (units.data ?? []).find((u) => u.level === 1),
    [units.data],
  );
  const query = useMemo(() => parsePivotQuery(sp, { ou: root ? [root.code, 'LEVEL-2'] : [], pe: ['LAST_4_QUARTERS'] }), [sp, root]);
  const setQuery = useCallback((q: PivotQuery) => setSp(pivotQueryToParams(q), { replace: true }), [setSp]);

  const problems = pivotProblems(query);
  const dims = problems.length === 0 ? dimensionStrings(query) : null;
  const grid = useAnalytics(dims, query.includeUnapproved);
  const model = useMemo(() => (grid.data && dims ? buildPivot(grid.data, query) : null), [grid.data, dims, query]);

  const decimals = useMemo(() => {
    const m = new Map<string, number | null>();
    for (const i of indicators.data ?? []) m.set(i.code, i.decimals);
    return m;
  }, [indicators.data]);
  const decimalsOf = useCallback((dx: string | undefined) => (dx ? (decimals.get(dx) ?? null) : null), [decimals]);

  const [exporting, setExporting] = useState(false);
  const canExport = !!model && model.problems.length === 0 && model.rows.length > 0 && !grid.isPlaceholderData;
  const exportXlsx = async () => {
    setExporting(true);
    try {
      const name = await downloadFile('/api/analytics/pivot.xlsx', {
        method: 'POST',
        body: { dimension: dimensionStrings(query), rows: query.rows, columns: query.columns, includeUnapproved: query.includeUnapproved },
        fallbackName: 'Bảng tổng hợp số liệu.xlsx',
      });
      message.success(l(`Đã tải về ${name}.`, `Downloaded ${name}.`));
    } catch (e) {
      message.error(l(`Không xuất được Excel: ${errorMessage(e)}`, `Could not export: ${errorMessage(e, 'en')}`));
    } finally {
      setExporting(false);
    }
  };

  const describeProblem = (p: PivotProblem): string => {
    switch (p.kind) {
      case 'missing':
        return l(`Chọn ít nhất một ${DIM_LABELS[p.dim].vi.toLowerCase()}.`, `Choose at least one ${DIM_LABELS[p.dim].en.toLowerCase()}.`);
      case 'noRows':
        return l('Đặt ít nhất một chiều (chỉ tiêu, đơn vị hoặc kỳ) vào hàng.', 'Put at least one dimension on rows.');
      case 'filterMany':
        return l(
          `${DIM_LABELS[p.dim].vi} đang là bộ lọc nhưng có ${p.count} mục; bộ lọc chỉ nhận đúng một mục. Đưa ${DIM_LABELS[p.dim].vi.toLowerCase()} vào hàng hoặc cột, hoặc chỉ chọn một.`,
          `${DIM_LABELS[p.dim].en} is a filter but holds ${p.count} items; a filter takes exactly one. Move it to rows or columns, or choose one.`,
        );
    }
  };

  const lists = [units, elements, indicators, sectors];
  const listError = lists.find((q) => q.isError)?.error;
  if (listError)
    return (
      <ErrorState
        error={listError}
        onRetry={() => {
          for (const q of lists) void q.refetch();
        }}
      />
    );
  const listsReady = lists.every((q) => q.data);

  const filterLine = model?.filters
    .filter((f) => f.items.length === 1)
    .map((f) => `${DIM_LABELS[f.dim][lang]}: ${f.items[0]?.name}`)
    .join(' · ');
  const blocking = [...problems, ...(model?.problems ?? [])];

  return (
    <>
      <PageHeader
        title={l('Bảng tổng hợp', 'Pivot table')}
        subtitle={l(
          'Chọn chỉ tiêu, đơn vị, kỳ và cách sắp xếp; số liệu đã duyệt, cộng dồn theo quy tắc của từng chỉ tiêu.',
          'Choose figures, units, periods and the layout; approved figures aggregated by each figure’s rule.',
        )}
        extra={
          <Button
            type="primary"
            icon={<FileExcelOutlined />}
            loading={exporting}
            disabled={!canExport}
            onClick={exportXlsx}
            data-testid="pivot-export"
          >
            {l('Xuất Excel', 'Export to Excel')}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        {!listsReady ? (
          <Card size="small">
            <Skeleton active paragraph={{ rows: 3 }} />
          </Card>
        ) : (
          <PivotControls
            query={query}
            onChange={setQuery}
            elements={elements.data ?? []}
            indicators={indicators.data ?? []}
            sectors={sectors.data ?? []}
            units={units.data ?? []}
          />
        )}
        <Card size="small" styles={{ body: { padding: blocking.length || !model ? undefined : 0 } }}>
          {problems.length > 0 ? (
            <EmptyHint
              title={l('Chưa đủ thông tin để lập bảng', 'Not enough to build the table')}
              hint={problems.map(describeProblem).join(' ')}
            />
          ) : grid.isError ? (
            <ErrorState error={grid.error} compact onRetry={() => grid.refetch()} />
          ) : !model ? (
            <Skeleton active paragraph={{ rows: 8 }} />
          ) : model.problems.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={model.problems.map(describeProblem).join(' ')}
              action={
                <Space orientation="vertical">
                  {model.problems.map((p) =>
                    p.kind === 'filterMany' ? (
                      <Button key={p.dim} size="small" onClick={() => setQuery(placeDim(query, p.dim, 'rows'))}>
                        {l(`Đưa ${DIM_LABELS[p.dim].vi.toLowerCase()} vào hàng`, `Put ${DIM_LABELS[p.dim].en.toLowerCase()} on rows`)}
                      </Button>
                    ) : null,
                  )}
                </Space>
              }
            />
          ) : model.rows.length === 0 ? (
            <EmptyHint
              title={l('Không có số liệu cho lựa chọn này', 'No figures for this choice')}
              hint={l(
                query.includeUnapproved
                  ? 'Thử kỳ khác hoặc đơn vị khác.'
                  : 'Bảng chỉ tính số liệu đã duyệt. Thử kỳ khác, đơn vị khác, hoặc tính cả số liệu chưa duyệt.',
                'Try other periods or units.',
              )}
            />
          ) : (
            <div style={{ opacity: grid.isPlaceholderData ? 0.6 : 1, transition: 'opacity .2s' }}>
              <Flex justify="space-between" align="center" gap={12} wrap="wrap" style={{ padding: '10px 12px' }}>
                <Typography.Text type="secondary" data-testid="pivot-filters">
                  {filterLine || l('Không có bộ lọc', 'No filter')}
                </Typography.Text>
                <Space size={4} wrap>
                  {query.includeUnapproved ? (
                    <Tag color="orange">{l('Gồm cả số liệu chưa duyệt', 'Includes unapproved figures')}</Tag>
                  ) : null}
                  {query.pe
                    .filter((p) => relativeLabel(p, lang))
                    .map((p) => (
                      <Tag key={p}>{relativeLabel(p, lang)}</Tag>
                    ))}
                  <Typography.Text type="secondary">
                    {l(
                      `${model.rows.length} dòng × ${model.columns.length} cột`,
                      `${model.rows.length} rows × ${model.columns.length} columns`,
                    )}
                  </Typography.Text>
                </Space>
              </Flex>
              <PivotTable model={model} decimalsOf={decimalsOf} />
            </div>
          )}
        </Card>
      </Flex>
    </>
  );
}

export default function PivotPage() {
  return (
    <RequireAbility ability="completeness.read">
      <PivotView />
    </RequireAbility>
  );
}
