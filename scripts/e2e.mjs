#!/usr/bin/env node
// Runs the browser journeys: builds the web app when its build is missing or older than its sources,
// then runs vitest with vitest.e2e.config.ts. Extra arguments go to vitest (a file, --reporter …).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'apps/web/dist/index.html');
const sources = ['apps/web/src', 'apps/web/public', 'apps/web/index.html', 'apps/web/vite.config.ts', 'packages/contracts/src'];

/** Newest modification time under a file or folder (0 when it does not exist). */
function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

function run(args) {
  const r = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const builtAt = newest(built);
const sourcesAt = Math.max(...sources.map((s) => newest(path.join(root, s))));
if (builtAt === 0 || builtAt < sourcesAt) {
  console.log(builtAt === 0 ? 'e2e: building the web app (no build yet)…' : 'e2e: rebuilding the web app (sources changed)…');
  const code = run(['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']);
  if (code !== 0) {
    console.error('e2e: the web build failed; the journeys need it.');
    process.exit(code);
  }
}

process.exit(run(['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)]));
