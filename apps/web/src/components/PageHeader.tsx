import { Breadcrumb } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router';

type Crumb = { title: string; to?: string };

/** Title, one line of explanation and the page's main actions. */
export function PageHeader({
  title,
  subtitle,
  extra,
  crumbs,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  crumbs?: Crumb[];
}) {
  useEffect(() => {
    if (typeof title === 'string') document.title = `${title} — Nhịp`;
  }, [title]);
  return (
    <>
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb style={{ marginBottom: 8 }} items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))} />
      )}
      <div className="nhip-page-header">
        <div style={{ minWidth: 0 }}>
          <h1>{title}</h1>
          {subtitle && <div className="subtitle">{subtitle}</div>}
        </div>
        {extra && <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{extra}</div>}
      </div>
    </>
  );
}
