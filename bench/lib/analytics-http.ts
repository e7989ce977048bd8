/** A signed-in user of the real server over loopback HTTP, timing each request to its last byte. */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export type Timed = { status: number; body: string; ms: number /** performance.now() when the response had been read. */; at: number };

export class Api {
  private constructor(
    private readonly base: string,
    private readonly cookie: string,
  ) {}

  /** Listens on a free loopback port and signs `username` in through POST /api/auth/login. */
  static async start(app: FastifyInstance, username: string, password: string): Promise<Api> {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('nhip_sid='));
    if (!cookie) throw new Error('sign-in returned no session cookie');
    return new Api(base, cookie.split(';')[0]);
  }

  async post(path: string, body: unknown): Promise<Timed> {
    const t0 = performance.now();
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const at = performance.now();
    return { status: res.status, body: text, ms: at - t0, at };
  }

  /** Signs out (the server itself is closed by its owner). */
  async close(): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/logout`, { method: 'POST', headers: { cookie: this.cookie } });
    await res.arrayBuffer();
  }
}
