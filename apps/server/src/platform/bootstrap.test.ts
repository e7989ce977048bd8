import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseBusyError, openDatabase } from './bootstrap.js';
import { loadConfig } from './config.js';

describe('the embedded database belongs to one process', () => {
  it('names the process that holds it, and takes over a stale lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-lock-'));
    const config = { ...loadConfig({ DATA_DIR: dir }), demo: false };
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(dir, 'nhip.lock'), JSON.stringify({ pid: holder.pid, role: 'server', startedAt: '2026-11-22T08:00:00Z' }));
      const err = await openDatabase(config, 'backup').catch((e) => e);
      expect(err).toBeInstanceOf(DatabaseBusyError);
      expect(err.message).toMatch(/đang được máy chủ Nhịp \(PID \d+\) sử dụng/);
    } finally {
      holder.kill();
    }
    await new Promise((r) => holder.once('exit', r));
    const opened = await openDatabase(config, 'backup');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'nhip.lock'), 'utf8')).pid).toBe(process.pid);
    await opened.close();
    expect(fs.existsSync(path.join(dir, 'nhip.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails fast with a readable message on a bad environment', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/Cấu hình không hợp lệ[\s\S]*PORT/);
  });
});
