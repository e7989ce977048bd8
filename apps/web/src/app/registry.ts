/// <reference types="vite/client" />
import type { Me } from './auth';
import type { Feature, MenuEntry } from './feature';

const modules = import.meta.glob<{ default?: Feature }>('../features/*/index.tsx', { eager: true });

/** Every feature folder's default export, in folder order. */
export const FEATURES: Feature[] = Object.keys(modules)
  .sort()
  .map((k) => modules[k]?.default)
  .filter((f): f is Feature => !!f && Array.isArray(f.routes));

export const MENU: MenuEntry[] = FEATURES.flatMap((f) => f.menu ?? []);

/** Menu entries this person may see, in display order. */
export function visibleMenu(me: Me): MenuEntry[] {
  return MENU.filter((e) => {
    try {
      return !e.visible || e.visible(me);
    } catch {
      return false;
    }
  }).sort((a, b) => a.order - b.order);
}
