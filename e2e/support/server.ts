import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
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

/** Every file whose change can change what a fresh server seeds: the server's and the shared contracts' sources. */
function seedInputs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.test\.ts$/.test(e.name)) out.push(p);
    }
  };
  for (const d of ['apps/server/src', 'packages/contracts/src']) walk(path.join(ROOT, d));
  return out.sort();
}

/**
 * The embedded database as a fresh server leaves it after seeding the demo, kept once per run of the journeys in the
 * temporary folder under a key of the seed's inputs (the sources, the business time, the environment), so each
 * journey file copies it instead of seeding the demo again (12–15 s each). A server started with other settings, or
 * after any source changed, seeds afresh and leaves its own copy. `NHIP_E2E_FRESH=1` always seeds.
 */
function templateDir(now: string, env: Record<string, string> | undefined): string {
  const h = createHash('sha256');
  for (const f of seedInputs()) h.update(f.slice(ROOT.length)).update('\0').update(fs.readFileSync(f)).update('\0');
  h.update(now).update(JSON.stringify(env ?? {}));
  return path.join(os.tmpdir(), `nhip-e2e-seeded-${h.digest('hex').slice(0, 16)}`);
}

/**
 * Starts the real server (`tsx apps/server/src/main.ts`) on 127.0.0.1 with a fresh embedded database in a
 * temporary DATA_DIR: demo data on, the scheduler off and business time pinned to `now`, so the demo's
 * open rounds and deadlines are the same on every run. The first server of a run seeds the demo and keeps a copy of
 * its database (see templateDir); the next ones start from that copy. Resolves once /api/health answers.
 */
export async function startServer(opts: { now?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-e2e-'));
  const template = process.env.NHIP_E2E_FRESH === '1' ? null : templateDir(opts.now ?? E2E_NOW, opts.env);
  const fromTemplate = template !== null && fs.existsSync(path.join(template, '.complete'));
  if (fromTemplate) fs.cpSync(path.join(template, 'data'), dataDir, { recursive: true });
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

  /** Keeps the database just seeded, stopped cleanly, for the next servers of the run (see templateDir). */
  const keepTemplate = async () => {
    if (template === null || fromTemplate || fs.existsSync(path.join(template, '.complete'))) return;
    await killGroup(child);
    process.off('exit', onExit);
    // Copies of earlier sources, a day old, are of no use any more.
    for (const e of fs.readdirSync(os.tmpdir())) {
      const old = path.join(os.tmpdir(), e);
      if (e.startsWith('nhip-e2e-seeded-') && old !== template && Date.now() - fs.statSync(old).mtimeMs > 86_400_000) fs.rmSync(old, { recursive: true, force: true });
    }
    const partial = `${template}.${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(dataDir, path.join(partial, 'data'), { recursive: true });
    fs.writeFileSync(path.join(partial, '.complete'), new Date().toISOString());
    try {
      fs.renameSync(partial, template);
    } catch {
      fs.rmSync(partial, { recursive: true, force: true }); // another process kept its copy first
    }
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
  if (template !== null && !fromTemplate) {
    // The first server of the run: keep its freshly seeded database, then start again from the copy, so that every
    // journey file runs on the same kind of start.
    await keepTemplate();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return startServer(opts);
  }
  return { url, port, dataDir, output: () => out, stop };
}
