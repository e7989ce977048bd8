/** The conference agenda's "Khen thưởng" item: the issued decisions to hand out there, grouped by title or form. */
import { Link } from 'react-router';
import { useL } from '../../app/i18n';
import { useConferenceAwards } from './api';
import { num, vnDate } from './process-shared';

export function ConferenceAwards({ conferenceId }: { conferenceId: number }) {
  const l = useL();
  const q = useConferenceAwards(conferenceId);
  const a = q.data;
  if (q.error || !a) return null;
  if (!a.groups.length) return <div className="nhip-muted" style={{ fontSize: 13 }}>{l('Chưa có quyết định khen thưởng nào trao tại hội nghị.', 'No award decision to hand out yet.')}</div>;
  return (
    <div style={{ marginTop: 4, fontSize: 13 }} data-testid="conference-awards">
      <div className="nhip-muted">
        {l(`${num(a.totals.decisions)} quyết định: ${num(a.totals.people)} cá nhân, ${num(a.totals.units)} tập thể`, `${a.totals.decisions} decisions`)}
      </div>
      {a.groups.map((g) => (
        <div key={g.code} className="aw-group">
          <strong>{g.name}</strong>
          {': '}
          {[g.people ? l(`${num(g.people)} cá nhân`, `${g.people} people`) : null, g.units ? l(`${num(g.units)} tập thể`, `${g.units} units`) : null].filter(Boolean).join(', ')}
          {' · '}
          {g.decisions.map((d, i) => (
            <span key={d.id}>
              {i ? ', ' : ''}
              <Link to={`/awards/decisions/${d.id}`}>{l(`QĐ số ${d.number} ngày ${vnDate(d.date)}`, `No. ${d.number}`)}</Link>
            </span>
          ))}
          <div className="nhip-muted">{g.recipients.map((r) => (r.unit && r.kind === 'person' ? `${r.name} (${r.unit})` : r.name)).join('; ')}</div>
        </div>
      ))}
    </div>
  );
}
