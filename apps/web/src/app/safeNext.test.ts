import { describe, expect, it } from 'vitest';
import { safeNext } from './safeNext';

describe('safeNext (return address after sign-in)', () => {
  it('keeps paths inside Nhịp, with their query', () => {
    expect(safeNext('/org?asOf=2025-01-01')).toBe('/org?asOf=2025-01-01');
    expect(safeNext('/catalog/forms/3')).toBe('/catalog/forms/3');
  });

  it('refuses anything that could leave the site or loop back to the sign-in page', () => {
    for (const bad of [
      null,
      undefined,
      '',
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/login',
      '/login?next=/x',
      '/a\nb',
    ])
      expect(safeNext(bad)).toBe('/');
  });
});
