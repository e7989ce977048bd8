import { Empty } from 'antd';
import type { ReactNode } from 'react';

export { dateSorter, numSorter, personSorter, viSorter } from './sorters';

/** Empty state with a line of guidance: what is missing and how to add it. */
export function EmptyHint({ title, hint, action }: { title: ReactNode; hint?: ReactNode; action?: ReactNode }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div>
          <div style={{ fontWeight: 600, color: '#334e68' }}>{title}</div>
          {hint && <div style={{ color: '#5b6672', marginTop: 4, maxWidth: 460, marginInline: 'auto' }}>{hint}</div>}
        </div>
      }
    >
      {action}
    </Empty>
  );
}

/** Vietnamese pagination text: "1–20 / 134". */
export function showTotal(total: number, range: [number, number]) {
  return `${range[0]}–${range[1]} / ${total.toLocaleString('vi-VN')}`;
}
