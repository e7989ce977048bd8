import type { FormInstance } from 'antd';
import { Alert } from 'antd';
import { ApiError } from '../lib/api';
import { errorMessage } from './QueryState';

type Issue = { instancePath?: string; path?: (string | number)[]; message?: string; field?: string };

/** Field paths the server named in its error details (zod issues or { field }). */
function issuesOf(details: unknown): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const push = (i: Issue) => {
    const path =
      i.path ??
      (i.instancePath
        ? i.instancePath
            .replace(/^\//, '')
            .split('/')
            .filter(Boolean)
            .map((p) => (/^\d+$/.test(p) ? Number(p) : p))
        : i.field
          ? [i.field]
          : []);
    if (path.length && i.message) out.push({ path, message: i.message });
  };
  if (Array.isArray(details)) {
    for (const d of details) if (d && typeof d === 'object') push(d as Issue);
  } else if (details && typeof details === 'object') {
    const d = details as { field?: string; fields?: Record<string, string>; issues?: Issue[] };
    if (d.field) push({ field: d.field, message: (details as { message?: string }).message ?? '' });
    if (d.fields) for (const [k, v] of Object.entries(d.fields)) push({ field: k, message: v });
    if (Array.isArray(d.issues)) d.issues.forEach(push);
  }
  return out;
}

/**
 * Puts the server's refusal next to the fields it concerns (when the server names them) and returns the
 * sentence to show above the form.
 */
export function applyServerError(form: FormInstance | null, error: unknown, known?: string[]): string {
  if (form && error instanceof ApiError) {
    const fields = issuesOf(error.details).filter((i) => !known || known.includes(String(i.path[0])));
    if (fields.length) form.setFields(fields.map((f) => ({ name: f.path, errors: [f.message] })));
  }
  return errorMessage(error);
}

/** The server's message above a form. */
export function ServerErrorAlert({ message, onClose }: { message: string | null; onClose?: () => void }) {
  if (!message) return null;
  return <Alert type="error" showIcon title={message} closable={!!onClose} onClose={onClose} style={{ marginBottom: 16 }} />;
}
