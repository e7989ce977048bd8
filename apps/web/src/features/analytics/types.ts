/** Shapes of the analytics answers the dashboard and the pivot table read (docs/api-plan.md, Analytics). */

export type Dim = 'dx' | 'ou' | 'pe';

/** GET /api/analytics: DHIS2-style grid, values as strings. */
export type AnalyticsGrid = {
  headers: { name: Dim | 'value' }[];
  rows: [string, string, string, string][];
  metaData: { items: Record<string, { name: string }>; dimensions: Record<Dim, string[]> };
};

export type Achievement = 'Vượt' | 'Đạt' | 'Không đạt';

/** The desirable direction of a figure: more is better ('higher') or less is better ('lower': incidents, outages…). */
export type Better = 'higher' | 'lower';

/** A unit whose figures stand in for a merged unit's past (comparison with the predecessors' total). */
export type UnitRef = { code: string; name: string };

export type OtherPeriod = {
  pe: string;
  peName: string;
  value: number | null;
  /** 'predecessors': the value is the total of the units this one was merged (or renamed) from. */
  basis?: 'unit' | 'predecessors';
  predecessors?: UnitRef[];
};

/** One item of GET /api/analytics/compare. */
export type CompareItem = {
  dx: string;
  dxName: string;
  /** Which way is good: colours a change, and a 'lower' target is a ceiling. */
  better: Better;
  ou: string;
  ouName: string;
  pe: string;
  peName: string;
  value: number | null;
  previous: OtherPeriod;
  lastYear: OtherPeriod;
  changePrevPct: number | null;
  changeLastYearPct: number | null;
  target: { year: number; value: number; periodValue: number; proRata: boolean } | null;
  achievementPct: number | null;
  achievement: Achievement | null;
};

export type Figure = CompareItem & { uom: string | null; decimals: number | null; kind: 'de' | 'ind' };

export type DashboardRound = {
  roundId: number;
  formCode: string;
  formName: string;
  period: string;
  periodName: string;
  deadline: string;
  expected: number;
  submitted: number;
  approved: number;
  late: number;
  submittedPct: number;
  approvedPct: number;
};

/** GET /api/dashboard. */
export type Dashboard = {
  period: { id: string; name: string };
  unit: {
    code: string;
    name: string;
    level: number;
    path: UnitRef[];
    children: (UnitRef & { type: string })[];
  };
  sectors: { code: string; name: string; figures: Figure[] }[];
  completeness: DashboardRound[];
};
