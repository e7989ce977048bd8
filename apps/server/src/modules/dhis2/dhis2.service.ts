/**
 * The DHIS2 module's use cases as other modules and the CLI call them (routes use the same functions).
 */
import type { Db } from '../../platform/db/index.js';
import { type DataValueExportQuery, exportToString, streamDataValues } from './datavalues.export.js';
import type { DhisActor } from './dhis2.policy.js';

export { type DataValueExport, type DataValueExportQuery, streamDataValues } from './datavalues.export.js';
export { type DataValueImportInput, type ImportSummary, importDataValues } from './datavalues.service.js';
export type { DhisActor } from './dhis2.policy.js';
export { exportMetadata, importMetadata, type MetadataReport } from './metadata.service.js';

/** A data value set as one string (JSON or CSV); for large exports use streamDataValues. */
export async function exportDataValues(db: Db, actor: DhisActor, q: DataValueExportQuery): Promise<string> {
  return exportToString(await streamDataValues(db, actor, q));
}
