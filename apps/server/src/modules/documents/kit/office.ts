/**
 * A LibreOffice kept warm, so that a document's PDF after the first does not pay for starting one.
 *
 * - How: office-bridge.py, run by a Python that has LibreOffice's UNO bindings (Debian's python3-uno, or the
 *   `python` that LibreOffice's own builds ship beside soffice), starts one headless soffice listening on a
 *   private pipe and converts each file sent to it on stdin (JSON lines) through UNO. The office has a profile
 *   of its own in a temporary folder, removed when it stops.
 * - Started once, lazily, by the first PDF (starting costs about as much as one cold conversion).
 * - Reused: conversions queue and go through the one office one at a time.
 * - Restarted if it dies: the bridge exits when its office does; the next conversion starts a new one, and a
 *   conversion that was under way when it died is tried once more on the new one (kit/pdf.ts).
 * - A conversion that outlasts its timeout kills the office; the next one starts afresh.
 * - Stopped by `stopWarmOffices()`: the server calls it when it closes (Fastify onClose); a CLI command that
 *   converts several files calls it when done (one that converts a single file is quicker with `warm: false`).
 *   The bridge and its office share a process group, which is killed as a whole when the bridge exits and,
 *   synchronously, when this Node process exits (a CLI's process.exit included). The bridge also ends its office when its stdin closes, so
 *   a server killed outright leaves nothing running either.
 * - Unavailable (no Python with UNO, or the office would not start): `warmOffice` answers null or `usable()` is
 *   false for a minute, and kit/pdf.ts converts with a one-shot soffice instead.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BRIDGE = fileURLToPath(new URL('./office-bridge.py', import.meta.url));
const START_TIMEOUT_MS = 45_000;
/** After a failed start, conversions go one-shot for this long before the warm office is tried again. */
const RETRY_START_AFTER_MS = 60_000;

export class OfficeStartError extends Error {}
/** The office died (or was killed) while converting. */
export class OfficeDiedError extends Error {}
/** `stop()` was called while the conversion waited or ran. */
export class OfficeStoppedError extends Error {}
export class OfficeTimeoutError extends Error {}
/** The office answered, but could not open or convert this document. */
export class OfficeConversionError extends Error {}

/** Bridges alive in this process and their offices' folders: killed and removed, synchronously, when the process exits. */
const live = new Map<ChildProcess, { readonly dir: string; readonly pipe: string }>();

/** The socket LibreOffice makes for `--accept=pipe,name=…` (in /tmp, whatever TMPDIR says); left behind when it is killed. */
const pipeSocket = (pipe: string) => (process.platform === 'win32' ? null : `/tmp/OSL_PIPE_${process.getuid?.() ?? 0}_${pipe}`);

function removeLeftovers(at: { readonly dir: string; readonly pipe: string }): void {
  rmSync(at.dir, { recursive: true, force: true });
  const socket = pipeSocket(at.pipe);
  if (socket) rmSync(socket, { force: true });
}
let exitHook = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function ensureExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const [child, at] of live) {
      killGroup(child);
      removeLeftovers(at);
    }
  });
}

interface Pending {
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

export interface WarmOfficeStatus {
  readonly running: boolean;
  /** soffice.bin's process id while running. */
  readonly officePid: number | null;
  readonly bridgePid: number | null;
  /** How many times an office was started. */
  readonly starts: number;
  readonly lastStartError: string | null;
}

export class WarmOffice {
  private child: ChildProcess | null = null;
  private starting: Promise<ChildProcess> | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly stopped = new WeakSet<ChildProcess>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private officePid: number | null = null;
  private starts = 0;
  private lastStartError: string | null = null;
  private retryStartAt = 0;

  constructor(
    readonly soffice: string,
    readonly python: string,
  ) {}

  status(): WarmOfficeStatus {
    return { running: this.child !== null, officePid: this.officePid, bridgePid: this.child?.pid ?? null, starts: this.starts, lastStartError: this.lastStartError };
  }

  /** False for a while after the office failed to start. */
  usable(): boolean {
    return this.child !== null || Date.now() >= this.retryStartAt;
  }

  /** Converts `input` to `output` (PDF unless `filter` says otherwise) after the conversions already queued. */
  convert(input: string, output: string, timeoutMs: number, filter = 'writer_pdf_Export'): Promise<void> {
    const run = () => this.convertNow(input, output, timeoutMs, filter);
    const done = this.queue.then(run, run);
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async convertNow(input: string, output: string, timeoutMs: number, filter: string): Promise<void> {
    const child = await this.start();
    const id = this.nextId++;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new OfficeTimeoutError(`LibreOffice did not convert within ${timeoutMs} ms`));
        killGroup(child);
      }, timeoutMs);
      const settle = () => clearTimeout(timer);
      this.pending.set(id, {
        resolve: () => {
          settle();
          resolve();
        },
        reject: (err) => {
          settle();
          reject(err);
        },
      });
      child.stdin?.write(`${JSON.stringify({ id, in: input, out: output, filter })}\n`);
    });
  }

  private start(): Promise<ChildProcess> {
    if (this.child) return Promise.resolve(this.child);
    if (!this.starting) {
      this.starting = this.launch().finally(() => {
        this.starting = null;
      });
    }
    return this.starting;
  }

  private async launch(): Promise<ChildProcess> {
    const dir = await mkdtemp(path.join(tmpdir(), 'nhip-office-'));
    const pipe = `nhip-${process.pid}-${randomBytes(6).toString('hex')}`;
    const profile = pathToFileURL(dir).href;
    // Own process group: the bridge, oosplash and soffice.bin end together.
    const child = spawn(this.python, [BRIDGE, this.soffice, profile, pipe], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    ensureExitHook();
    live.set(child, { dir, pipe });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-2000);
    });
    child.stdin?.on('error', () => undefined); // a write after the bridge died: its exit handler reports it
    return new Promise<ChildProcess>((resolve, reject) => {
      let ready = false;
      let failed = false;
      const fail = (message: string) => {
        if (failed) return;
        failed = true;
        this.lastStartError = message;
        this.retryStartAt = Date.now() + RETRY_START_AFTER_MS;
        reject(new OfficeStartError(message));
      };
      const timer = setTimeout(() => {
        fail(`LibreOffice did not start within ${START_TIMEOUT_MS} ms`);
        killGroup(child);
      }, START_TIMEOUT_MS);
      createInterface({ input: child.stdout! }).on('line', (text) => {
        let msg: { ready?: boolean; pid?: number; error?: string; id?: number; ok?: boolean };
        try {
          msg = JSON.parse(text);
        } catch {
          return;
        }
        if (!ready) {
          clearTimeout(timer);
          if (msg.ready) {
            ready = true;
            this.child = child;
            this.officePid = msg.pid ?? null;
            this.starts++;
            this.lastStartError = null;
            resolve(child);
          } else {
            fail(msg.error ?? 'LibreOffice did not start');
          }
          return;
        }
        const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
        if (!p || msg.id === undefined) return;
        this.pending.delete(msg.id);
        if (msg.ok) p.resolve();
        else p.reject(new OfficeConversionError(msg.error ?? 'conversion failed'));
      });
      child.on('error', (err) => {
        clearTimeout(timer);
        fail(err.message);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        killGroup(child);
        if (this.child === child) {
          this.child = null;
          this.officePid = null;
        }
        if (!ready) fail(`${stderr.trim().split('\n').at(-1) || 'LibreOffice did not start'} (exit ${code ?? signal})`);
        const err = this.stopped.has(child) ? new OfficeStoppedError('LibreOffice was stopped') : new OfficeDiedError(`LibreOffice ended (exit ${code ?? signal})`);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        void this.removeWhenGone(child);
      });
    });
  }

  /** The profile folder and the pipe go once nothing of the office's group is left to write into them. */
  private async removeWhenGone(child: ChildProcess): Promise<void> {
    const at = live.get(child);
    if (!at) return;
    for (let i = 0; i < 50 && child.pid !== undefined && groupAlive(child.pid); i++) await new Promise((r) => setTimeout(r, 40));
    removeLeftovers(at);
    live.delete(child);
  }

  /** Ends the office; queued conversions fail with OfficeStoppedError. A later `convert` starts a new one. */
  async stop(): Promise<void> {
    const child = this.child ?? (await this.starting?.catch(() => null)) ?? null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopped.add(child);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stdin?.end(); // the bridge ends its office and itself
    const force = setTimeout(() => killGroup(child), 8000);
    await exited;
    clearTimeout(force);
    await this.removeWhenGone(child);
  }
}

const pythons = new Map<string, Promise<string | null>>();

function hasUno(python: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(python, ['-c', 'import uno'], { timeout: 15_000 }, (err) => resolve(!err));
  });
}

/**
 * A Python that can drive this soffice through UNO: the one LibreOffice's own builds ship beside soffice, else
 * the system's python3 (Debian: python3-uno), else a python3 on the PATH. Null when there is none.
 */
export function findUnoPython(soffice: string): Promise<string | null> {
  let found = pythons.get(soffice);
  if (!found) {
    found = (async () => {
      const program = path.dirname(await realpath(soffice).catch(() => soffice));
      const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, 'python3'));
      const names = process.platform === 'win32' ? ['python.exe'] : ['python', 'python3'];
      const candidates = [...names.map((n) => path.join(program, n)), '/usr/bin/python3', ...onPath];
      for (const c of [...new Set(candidates)]) if (await hasUno(c)) return c;
      return null;
    })();
    pythons.set(soffice, found);
  }
  return found;
}

const offices = new Map<string, Promise<WarmOffice | null>>();

/** The warm office for this soffice binary, or null when no Python here can drive it. */
export function warmOffice(soffice: string): Promise<WarmOffice | null> {
  let office = offices.get(soffice);
  if (!office) {
    office = findUnoPython(soffice).then((python) => (python ? new WarmOffice(soffice, python) : null));
    offices.set(soffice, office);
  }
  return office;
}

/** Stops every warm office of this process (server close, CLI end, tests). */
export async function stopWarmOffices(): Promise<void> {
  const all = await Promise.all(offices.values());
  await Promise.all(all.map((o) => o?.stop()));
}
