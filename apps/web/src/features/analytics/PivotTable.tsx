/** The pivot as an antd table: row headers fixed on the left and merged down, nested column headers, numbers right-aligned. */
import { Table, Typography } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import { useMemo } from 'react';
import { useL, useLang } from '../../app/i18n';
import { formatFigure } from './figures';
import { DIM_LABELS } from './PivotControls';
import { cellDx, type Item, type PivotTableModel, rowSpans } from './pivotModel';

type Row = { key: string; path: Item[]; values: (string | null)[] };

const HEADER_WIDTH = { dx: 300, ou: 240, pe: 150 } as const;

export function PivotTable({ model, decimalsOf }: { model: PivotTableModel; decimalsOf: (dx: string | undefined) => number | null }) {
  const l = useL();
  const lang = useLang();

  const columns = useMemo<ColumnsType<Row>>(() => {
    const paths = model.rows.map((r) => r.path);
    const headerCols: ColumnType<Row>[] = model.rowDims.map((d, level) => {
      const spans = level < model.rowDims.length - 1 ? rowSpans(paths, level) : null;
      return {
        key: `h-${d}`,
        title: DIM_LABELS[d][lang],
        fixed: 'start',
        width: HEADER_WIDTH[d],
        className: 'nhip-pivot-rowhead',
        onCell: (_r: Row, index?: number) => (spans && index !== undefined ? { rowSpan: spans[index] ?? 1 } : {}),
        render: (_: unknown, r: Row) => r.path[level]?.name ?? '',
      };
    });

    const valueCol = (i: number, title: string): ColumnType<Row> => ({
      key: `v-${i}`,
      title,
      align: 'right',
      width: 130,
      className: 'nhip-num',
      render: (_: unknown, r: Row) => {
        const raw = r.values[i];
        if (raw === null || raw === undefined) return <span className="nhip-pivot-empty" />;
        const dx = cellDx(model, r.path, model.columns[i]?.path ?? []);
        return formatFigure(Number(raw), decimalsOf(dx), lang);
      },
    });

    // Nested headers: group the columns by their items along the column dimensions, in order.
    const build = (indexes: number[], depth: number): ColumnsType<Row> => {
      if (depth === model.colDims.length - 1 || model.colDims.length === 0) {
        return indexes.map((i) => valueCol(i, model.columns[i]?.path[depth]?.name ?? l('Giá trị', 'Value')));
      }
      const groups: { item: Item; members: number[] }[] = [];
      for (const i of indexes) {
        const item = model.columns[i]?.path[depth] as Item;
        const g = groups.find((x) => x.item.code === item.code);
        if (g) g.members.push(i);
        else groups.push({ item, members: [i] });
      }
      return groups.map((g) => ({
        key: `g-${depth}-${g.item.code}-${g.members[0]}`,
        title: g.item.name,
        align: 'center',
        children: build(g.members, depth + 1),
      }));
    };
    return [
      ...headerCols,
      ...build(
        model.columns.map((_, i) => i),
        0,
      ),
    ];
  }, [model, decimalsOf, lang, l]);

  const width = model.rowDims.reduce((s, d) => s + HEADER_WIDTH[d], 0) + model.columns.length * 130;

  return (
    <Table<Row>
      data-testid="pivot-table"
      className="nhip-pivot-table"
      size="small"
      bordered
      columns={columns}
      dataSource={model.rows}
      pagination={false}
      scroll={{ x: width, y: 'calc(100vh - 330px)' }}
      sticky={false}
      summary={() =>
        model.rows.length > 0 ? null : (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={model.rowDims.length + model.columns.length}>
              <Typography.Text type="secondary">{l('Không có số liệu.', 'No data.')}</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )
      }
    />
  );
}
