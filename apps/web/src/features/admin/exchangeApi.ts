import { ApiError } from '../../lib/api';

/**
 * POST a file as the raw request body with its own content type (JSON or CSV) — the DHIS2 endpoints read
 * the body as a stream, so a large file is never turned into one string in the browser.
 * Mirrors lib/api's behaviour: Vietnamese server messages, and the session-expired event on 401.
 */
export async function postFile<T>(url: string, file: File, contentType: string): Promise<T> {
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': contentType }, body: file });
  if (res.status === 401) window.dispatchEvent(new CustomEvent('nhip:unauthorized'));
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const d = (data && typeof data === 'object' ? data : {}) as { error?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, d.error ?? 'http_error', d.message ?? `Lỗi ${res.status}`, d.details ?? data);
  }
  return data as T;
}

export function contentTypeOf(file: File): 'application/json' | 'text/csv' | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json') || file.type === 'application/json') return 'application/json';
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  return null;
}

/** DHIS2 ImportSummary of POST /api/dataValueSets. */
export type DataValueSummary = {
  responseType?: string;
  status: 'SUCCESS' | 'WARNING' | 'ERROR';
  description?: string;
  importOptions?: { dryRun: boolean; approve: boolean; atomic: boolean; format: string };
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  created?: { rounds: number; submissions: number };
  conflicts: { object: string; value: string; indexes?: number[] }[];
};

/** What a metadata import may answer: DHIS2's import report, or a simpler summary. Read leniently. */
export type MetadataReport = {
  status?: string;
  description?: string;
  message?: string;
  dryRun?: boolean;
  stats?: Record<string, number>;
  typeReports?: {
    klass?: string;
    collection?: string;
    type?: string;
    stats?: Record<string, number>;
    errors?: unknown[];
    objectReports?: { errorReports?: unknown[] }[];
  }[];
  errors?: unknown[];
  conflicts?: unknown[];
  [k: string]: unknown;
};
