import { lazy } from 'react';
import type { Feature } from '../../app/feature';

const EntryPage = lazy(() => import('./EntryPage'));

/** Entry and review of one unit's report; reached from home, the rounds list and the board (no menu entry). */
const feature: Feature = {
  routes: [{ path: '/rounds/:roundId/units/:unitId', element: <EntryPage /> }],
};

export default feature;
