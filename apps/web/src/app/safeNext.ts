/**
 * Where to go back after signing in: only a path inside Nhịp. '//evil.example', '/\\evil.example',
 * absolute URLs and the sign-in page itself fall back to the home page.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/';
  for (let i = 0; i < next.length; i++) if (next.charCodeAt(i) < 0x20) return '/';
  return next;
}
