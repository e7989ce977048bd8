import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Business "now" of every journey: inside the demo's open quarterly round, before its deadline. */
export const E2E_NOW = '2026-11-22T09:00:00+07:00';
export const ADMIN_PASSWORD = 'E2e-Quan-tri-2026!';
export const DEMO_PASSWORD = 'NhipDemo@2026';

export type RunningServer = {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far (banner, warnings, errors). */
  output: () => string;
  stop: () => Promise<void>;
};

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Kills the server's whole process group (the tsx loader and node), first gently, then for sure. */
async function killGroup(child: ChildProcess) {
  if (!child.pid || exited(child)) return;
  const done = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {}
  };
  signal('SIGTERM');
  const gentle = await Promise.race([done.then(() => true), sleep(10_000).then(() => false)]);
  if (!gentle) {
    signal('SIGKILL');
    await Promise.race([done, sleep(5_000)]);
  }
}

/**
 * Starts the real server (`tsx apps/server/src/main.ts`) on 127.0.0.1 with a fresh embedded database in a
 * temporary DATA_DIR: demo data on, the scheduler off and business time pinned to `now`, so the demo's
 * open rounds and deadlines are the same on every run. Resolves once /api/health answers.
 */
export async function startServer(opts: { now?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const tsxCli = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
  const child = spawn(process.execPath, [tsxCli, 'apps/server/src/main.ts'], {
    cwd: ROOT,
    detached: true, // its own process group, so stop() reaches every process it starts
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      NHIP_DEMO: '1',
      NHIP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      NHIP_SCHEDULER: '0',
      NHIP_NOW: opts.now ?? E2E_NOW,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      ...opts.env,
    },
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));

  // If the test process dies first, the server must not outlive it.
  const onExit = () => {
    try {
      if (child.pid && !exited(child)) process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  process.once('exit', onExit);

  const stop = async () => {
    await killGroup(child);
    process.off('exit', onExit);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 150_000;
  for (;;) {
    if (exited(child)) {
      await stop();
      throw new Error(`The server exited before it was ready (code ${child.exitCode ?? child.signalCode}):\n${out.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /api/health within 150 s:\n${out.slice(-4000)}`);
    }
    await sleep(250);
  }
  return { url, port, dataDir, output: () => out, stop };
}
