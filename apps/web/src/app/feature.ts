import type { ReactNode } from 'react';
import type { Me } from './auth';

/**
 * Each folder under src/features has an index.tsx whose default export is a Feature. The shell collects
 * them with import.meta.glob, so features never edit a shared route table.
 */
export type FeatureRoute = {
  path: string;
  element: ReactNode;
  /** Reachable without signing in (login page). */
  public?: boolean;
  /** Behind the sign-in gate but shown without the menu and header (forced password change). */
  bare?: boolean;
};

export type MenuEntry = {
  key: string;
  path: string;
  label: { vi: string; en: string };
  icon?: ReactNode;
  group: 'work' | 'catalog' | 'admin';
  order: number;
  visible?: (me: Me) => boolean;
};

export type Feature = { routes: FeatureRoute[]; menu?: MenuEntry[] };
