import { ROLES } from '@nhip/contracts';
import { describe, expect, it } from 'vitest';
import { canManageOrg, canSeeUnit, orgScope, scopeIds, seesUnitDetails } from './org.policy.js';

describe('org policy', () => {
  // Unit 12 sits under 5 under 1; 7 is elsewhere.
  const path = '/1/5/12/';

  it.each(ROLES.map((role) => [role]))('%s: who sees which unit', (role) => {
    const scope = orgScope({ role, orgUnitId: 12 }, path);
    const unitRole = role === 'reporter' || role === 'unit_head';
    expect(canSeeUnit(scope, 12)).toBe(true);
    expect(canSeeUnit(scope, 1)).toBe(true);
    expect(canSeeUnit(scope, 5)).toBe(true);
    expect(canSeeUnit(scope, 7)).toBe(!unitRole);
    expect(seesUnitDetails(scope, 12)).toBe(true);
    expect(seesUnitDetails(scope, 5)).toBe(!unitRole);
    expect(scopeIds(scope)?.sort((a, b) => a - b) ?? null).toEqual(unitRole ? [1, 5, 12] : null);
    expect(canManageOrg({ role })).toBe(role === 'admin' || role === 'office');
  });

  it('a unit role without a unit sees nothing', () => {
    const scope = orgScope({ role: 'reporter', orgUnitId: null }, null);
    expect(canSeeUnit(scope, 1)).toBe(false);
    expect(scopeIds(scope)).toEqual([]);
  });
});
