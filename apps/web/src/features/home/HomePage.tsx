/** '/': unit people see their unit's reports; everyone else the overview of open rounds. */
import { UNIT_ROLES } from '@nhip/contracts';
import { useCurrentUser } from '../../app/auth';
import { OverviewHome } from './OverviewHome';
import { UnitHome } from './UnitHome';

export default function HomePage() {
  const me = useCurrentUser();
  return UNIT_ROLES.includes(me.role) ? <UnitHome me={me} /> : <OverviewHome me={me} />;
}
