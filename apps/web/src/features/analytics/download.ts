/**
 * Downloads a file the server builds (.xlsx, .docx, .pdf) through fetch, so a refusal comes back as the
 * server's Vietnamese message instead of a JSON file saved to disk.
 */
import { ApiError } from '../../lib/api';

/** The file name of a Content-Disposition header: the UTF-8 `filename*` when present, else `filename`. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;]+)/.exec(header);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name || fallback;
}

/** Fetches `url` and saves the answer under the server's file name; throws ApiError on a refusal. */
export async function downloadFile(url: string, opts: { method?: 'GET' | 'POST'; body?: unknown; fallbackName: string }): Promise<string> {
  const res = await fetch(url, {
    method: opts.method ?? 'GET',
    credentials: 'same-origin',
    headers: opts.body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  if (!res.ok) {
    const text = await res.text();
    let data: { error?: string; message?: string; details?: unknown } = {};
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      data = {};
    }
    if (res.status === 401) window.dispatchEvent(new CustomEvent('nhip:unauthorized'));
    throw new ApiError(res.status, data.error ?? 'http_error', data.message ?? `Máy chủ trả lời lỗi ${res.status}.`, data.details);
  }
  const blob = await res.blob();
  const name = fileNameFromDisposition(res.headers.get('Content-Disposition'), opts.fallbackName);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}
