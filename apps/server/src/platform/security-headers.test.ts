import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { fixedClock, testDb } from '../test/server.js';
import { loadConfig } from './config.js';
import { allowStyleInPage, NONCE_PLACEHOLDER } from './security-headers.js';

/** A built web app of three files: the page with its nonce placeholder, a script and an icon. */
function fakeWebBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}" /><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>`,
  );
  fs.writeFileSync(path.join(dir, 'assets/app.js'), 'console.log(1);\n');
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

/** The directives of a policy, by name. */
function directives(csp: string | string[] | number | undefined): Record<string, string> {
  expect(typeof csp, 'Content-Security-Policy header').toBe('string');
  const out: Record<string, string> = {};
  for (const part of String(csp).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name] = values.join(' ');
  }
  return out;
}

describe('security headers', () => {
  let db: Awaited<ReturnType<typeof testDb>>;
  let app: FastifyInstance;
  let proxied: FastifyInstance;
  let web: string;

  beforeAll(async () => {
    db = await testDb();
    web = fakeWebBuild();
    const config = { ...loadConfig({}), scheduler: false };
    const clock = fixedClock('2026-11-22T02:00:00Z');
    app = await buildApp({ db: db.db, config, clock, webDist: web });
    proxied = await buildApp({ db: db.db, config: { ...config, trustProxy: true }, clock, webDist: web });
    await Promise.all([app.ready(), proxied.ready()]);
  });

  afterAll(async () => {
    await app?.close();
    await proxied?.close();
    await db?.close();
    fs.rmSync(web, { recursive: true, force: true });
  });

  it('the web app page: a strict policy with a fresh style nonce that is also written into the page', async () => {
    const first = await app.inject({ url: '/' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/html/);
    const csp = directives(first.headers['content-security-policy']);
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
      'connect-src': "'self'",
      'img-src': "'self' data:",
      'font-src': "'self' data:",
    });
    // Styles: this origin's files, <style> elements carrying this response's nonce, and fixed stylesheets by hash.
    const sources = (csp['style-src'] ?? '').split(' ');
    expect(sources[0]).toBe("'self'");
    for (const src of sources.slice(1)) expect(src).toMatch(/^'(nonce-[A-Za-z0-9+/]{22}==|sha256-[A-Za-z0-9+/]{43}=)'$/);
    const nonce = sources.map((src) => /^'nonce-(.+)'$/.exec(src)?.[1]).filter(Boolean);
    expect(nonce, csp['style-src']).toHaveLength(1);
    expect(first.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(first.body).toContain(`<meta property="csp-nonce" nonce="${nonce[0]}" />`);
    expect(first.body).not.toContain(NONCE_PLACEHOLDER);

    const second = await app.inject({ url: '/' });
    const again = /'nonce-([^']+)'/.exec(String(second.headers['content-security-policy']))?.[1];
    expect(again).toBeTruthy();
    expect(again).not.toBe(nonce[0]);
    expect(second.body).toContain(`nonce="${again}"`);
  });

  it('a fixed stylesheet a module registers (the draft report preview, shown in an iframe srcdoc) is allowed by its hash only', async () => {
    const css = 'p.registered-in-test { color: #123456; }';
    const hash = `'sha256-${crypto.createHash('sha256').update(css).digest('base64')}'`;
    expect(String((await app.inject({ url: '/' })).headers['content-security-policy'])).not.toContain(hash);
    allowStyleInPage(css);
    const csp = directives((await app.inject({ url: '/' })).headers['content-security-policy']);
    expect(csp['style-src']?.split(' ')).toContain(hash);
    expect(csp['style-src']).not.toMatch(/unsafe/);
  });

  it('a client-side address (the not-found fallback) gets the same page and policy', async () => {
    const r = await app.inject({ url: '/rounds/12/units/34' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    const csp = directives(r.headers['content-security-policy']);
    expect(csp['script-src']).toBe("'self'");
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(csp['style-src']).toMatch(/^'self' 'nonce-[^']+'( 'sha256-[^']+')*$/);
    expect(r.body).toMatch(/nonce="[A-Za-z0-9+/]{22}=="/);
  });

  it('every response: Permissions-Policy, COOP, nosniff, no framing, same-origin referrer; no HSTS over plain http', async () => {
    for (const url of ['/', '/api/health', '/assets/app.js', '/api/docs']) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['x-frame-options'], url).toBe('DENY');
      expect(r.headers['referrer-policy'], url).toBe('same-origin');
      expect(r.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      const features = String(r.headers['permissions-policy']).split(/,\s*/);
      for (const f of ['microphone=()', 'geolocation=()', 'payment=()', 'usb=()']) expect(features, url).toContain(f);
      // The camera only for the web app's own page (the conference check-in reads QR codes with it), and only this origin.
      expect(features, url).toContain(url === '/' ? 'camera=(self)' : 'camera=()');
      expect(r.headers['strict-transport-security'], url).toBeUndefined();
    }
    for (const url of ['/conferences/12/checkin', '/api/conferences', '/favicon.svg']) {
      const r = await app.inject({ url });
      const camera = String(r.headers['permissions-policy']).split(/,\s*/).filter((f) => f.startsWith('camera='));
      expect(camera, url).toEqual([String(r.headers['content-type']).startsWith('text/html') ? 'camera=(self)' : 'camera=()']);
    }
  });

  it('an API answer (and any other non-page response) may load nothing and be framed by nobody', async () => {
    for (const url of ['/api/health', '/api/nothing-here', '/favicon.svg']) {
      const r = await app.inject({ url });
      expect(r.headers['content-type'], url).not.toMatch(/^text\/html/);
      expect(directives(r.headers['content-security-policy']), url).toEqual({ 'default-src': "'none'", 'frame-ancestors': "'none'" });
    }
    const unauth = await app.inject({ url: '/api/me' });
    expect(unauth.statusCode).toBe(401);
    expect(directives(unauth.headers['content-security-policy'])).toEqual({ 'default-src': "'none'", 'frame-ancestors': "'none'" });
  });

  it('/api/docs (Swagger UI) runs under a policy of its own: its own files, no inline script, no framing', async () => {
    const page = await app.inject({ url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = directives(page.headers['content-security-policy']);
    expect(csp).toMatchObject({ 'default-src': "'self'", 'script-src': "'self'", 'object-src': "'none'", 'frame-ancestors': "'none'", 'base-uri': "'self'" });
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    // The page's scripts are files, so 'self' covers them.
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    for (const m of page.body.matchAll(/<script src="([^"]+)"/g)) {
      const src = m[1]!.startsWith('/') ? m[1]! : `/api/docs/${m[1]!.replace(/^\.\//, '')}`;
      const r = await app.inject({ url: src });
      expect(r.statusCode, src).toBe(200);
    }
    const json = await app.inject({ url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
  });

  it('behind the https proxy (TRUST_PROXY=1) every response also carries Strict-Transport-Security', async () => {
    for (const url of ['/', '/api/health', '/api/docs', '/rounds']) {
      const r = await proxied.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
      expect(r.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('the page answers 503 in plain text when the web app has not been built', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-web-empty-'));
    const bare = await buildApp({ db: db.db, config: { ...loadConfig({}), scheduler: false }, clock: fixedClock('2026-11-22T02:00:00Z'), webDist: empty });
    try {
      const r = await bare.inject({ url: '/' });
      expect(r.statusCode).toBe(503);
      expect(r.body).toMatch(/chưa được build/);
      expect(directives(r.headers['content-security-policy'])['default-src']).toBe("'none'");
    } finally {
      await bare.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
