import { Switch, Typography } from 'antd';
import { useState } from 'react';
import { useL } from '../../app/i18n';
import { diffRows, show } from './diff';

/** Before/after of an audit event as a field-by-field table, changes highlighted. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const l = useL();
  const rows = diffRows(before, after);
  const hasSame = rows.some((r) => r.status === 'same');
  const [onlyChanged, setOnlyChanged] = useState(true);
  if (rows.length === 0)
    return (
      <Typography.Text type="secondary">{l('Sự kiện này không kèm dữ liệu chi tiết.', 'This event carries no detail.')}</Typography.Text>
    );
  const shown = onlyChanged ? rows.filter((r) => r.status !== 'same') : rows;
  const twoSided = before != null && after != null;
  return (
    <div>
      {hasSame && (
        <div style={{ marginBottom: 8, display: 'flex', gap: 8, alignItems: 'center' }}>
          <Switch aria-label={l('Chỉ hiện trường thay đổi', 'Changed fields only')} size="small" checked={onlyChanged} onChange={setOnlyChanged} />
          <span>{l('Chỉ hiện trường thay đổi', 'Changed fields only')}</span>
        </div>
      )}
      <table className="nhip-diff">
        <thead>
          <tr>
            <th style={{ width: '24%' }}>{l('Trường', 'Field')}</th>
            {(twoSided || before != null) && <th>{l('Trước', 'Before')}</th>}
            {(twoSided || after != null) && <th>{l('Sau', 'After')}</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key} className={r.status}>
              <td className="key">{r.key}</td>
              {(twoSided || before != null) && (
                <td className="before">
                  <pre>{show(r.before)}</pre>
                </td>
              )}
              {(twoSided || after != null) && (
                <td className="after">
                  <pre>{show(r.after)}</pre>
                </td>
              )}
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={3} className="nhip-muted">
                {l('Không có trường nào thay đổi.', 'No field changed.')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
