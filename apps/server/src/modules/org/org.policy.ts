/**
 * Who sees which org units.
 *
 * - Reporters and unit heads (UNIT_ROLES) see their own unit in full, and its ancestors by name only
 *   (enough to show where the unit sits); no other unit exists for them (404).
 * - A unit role without a unit sees nothing.
 * - Every other role (admin, office, reviewer, director, viewer) sees every unit.
 * Changing the organisation needs the global ability 'org.manage' (admin, office).
 */
import { type Actor, canDo, UNIT_ROLES } from '@nhip/contracts';
import { pathIds } from './org-rules.js';

export type OrgScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'limited'; readonly ownUnitId: number | null; readonly visible: ReadonlySet<number> };

type ScopeActor = Pick<Actor, 'role' | 'orgUnitId'>;

/** Does this actor's view of the organisation depend on their own unit? */
export const isUnitScoped = (actor: ScopeActor) => UNIT_ROLES.includes(actor.role);

/** The actor's scope; `ownUnitPath` is the materialised path of the actor's own unit (null when they have none). */
export function orgScope(actor: ScopeActor, ownUnitPath: string | null): OrgScope {
  if (!isUnitScoped(actor)) return { kind: 'all' };
  if (actor.orgUnitId === null || ownUnitPath === null) return { kind: 'limited', ownUnitId: null, visible: new Set() };
  const ids = new Set(pathIds(ownUnitPath));
  ids.add(actor.orgUnitId);
  return { kind: 'limited', ownUnitId: actor.orgUnitId, visible: ids };
}

/** May the actor see the unit at all? (false → 404) */
export const canSeeUnit = (scope: OrgScope, unitId: number) => scope.kind === 'all' || scope.visible.has(unitId);

/** May the actor see more than the unit's name and place (lineage, user count, children)? */
export const seesUnitDetails = (scope: OrgScope, unitId: number) => scope.kind === 'all' || scope.ownUnitId === unitId;

/** The ids a list query is restricted to (null = no restriction). */
export const scopeIds = (scope: OrgScope): number[] | null => (scope.kind === 'all' ? null : [...scope.visible]);

export const canManageOrg = (actor: Pick<Actor, 'role'>) => canDo(actor, 'org.manage');
