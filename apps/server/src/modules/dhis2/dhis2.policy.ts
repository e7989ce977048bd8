/**
 * Who may use the DHIS2 dialect for what. Built on the shared policy (`can`, `canDo`) so the rules
 * match the entry form: a unit's reporter edits its own draft; office/admin load data for any unit.
 */
import { can, canDo, type Role, type SubmissionStatus } from '@nhip/contracts';
import type { AuditActor } from '../../platform/audit.js';

/** The signed-in person as the DHIS2 services need them (an identity CurrentUser fits). */
export type DhisActor = { id: number; role: Role; orgUnitId: number | null; username: string; ip?: string | null };

export const auditActorOf = (a: DhisActor): AuditActor => ({ id: a.id, name: a.username, ip: a.ip ?? null });

export const isUnitRole = (a: Pick<DhisActor, 'role'>) => a.role === 'reporter' || a.role === 'unit_head';

/** May the actor send data values at all (before looking at any unit)? */
export const mayImportValues = (a: DhisActor) => isUnitRole(a) || a.role === 'office' || a.role === 'admin';

/** May the actor load values already approved (historical data)? */
export const mayImportApproved = (a: DhisActor) => canDo(a, 'data.importApproved');

export const mayManageMetadata = (a: Pick<DhisActor, 'role'>) => canDo(a, 'metadata.import');

/**
 * May the actor write values into this unit's submission (not yet approved) through an import?
 * Unit roles follow the entry-form rule (`can(…, 'edit', …)`); office and admin may load drafts for
 * any unit while the submission is still editable.
 */
export function mayWriteDraft(
  a: DhisActor,
  s: { orgUnitId: number; status: SubmissionStatus; formDivisionId: number | null; roundOpen: boolean },
): boolean {
  if (a.role === 'office' || a.role === 'admin')
    return s.roundOpen && (s.status === 'not_started' || s.status === 'draft' || s.status === 'returned');
  return can(a, 'edit', s);
}

/** Export scope: which values of which units the actor may read. */
export type ExportScope = { onlyUnitId: number | null; approvedOnly: boolean; divisionId: number | null };

export function exportScope(a: DhisActor): ExportScope | null {
  switch (a.role) {
    case 'admin':
    case 'office':
    case 'director':
      return { onlyUnitId: null, approvedOnly: false, divisionId: null };
    case 'viewer':
      return { onlyUnitId: null, approvedOnly: true, divisionId: null };
    case 'reviewer':
      return a.orgUnitId === null ? null : { onlyUnitId: null, approvedOnly: false, divisionId: a.orgUnitId };
    case 'reporter':
    case 'unit_head':
      return a.orgUnitId === null ? null : { onlyUnitId: a.orgUnitId, approvedOnly: false, divisionId: null };
  }
}
