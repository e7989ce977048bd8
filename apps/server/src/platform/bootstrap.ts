import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { type Db, openPglite, openPostgres, pgliteDir } from './db/index.js';
import { migrate } from './db/migrate.js';
import { ensureAdmin } from '../modules/identity/identity.service.js';

export class DatabaseBusyError extends Error {}

type LockInfo = { pid: number; role: string; startedAt: string };

function pidAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database belongs to one process at a time. A lock file in DATA_DIR names the holder,
 * so a second process can say plainly who holds it instead of corrupting it.
 */
function takeLock(dataDir: string, role: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'nhip.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, role, startedAt: new Date().toISOString() } satisfies LockInfo), { flag: 'wx' });
      const release = () => {
        try {
          const cur = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
          if (cur.pid === process.pid) fs.unlinkSync(file);
        } catch {}
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let info: LockInfo | null = null;
      try {
        info = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
      } catch {}
      if (info && info.pid !== process.pid && pidAlive(info.pid)) {
        const who = info.role === 'server' ? 'máy chủ Nhịp' : `lệnh "${info.role}"`;
        throw new DatabaseBusyError(
          `Cơ sở dữ liệu nhúng tại ${dataDir} đang được ${who} (PID ${info.pid}) sử dụng từ ${info.startedAt}.\n` +
            'Mỗi lúc chỉ một tiến trình được mở cơ sở dữ liệu nhúng: hãy dừng tiến trình đó rồi chạy lại, ' +
            'hoặc thao tác qua API của máy chủ đang chạy (ví dụ dùng mã truy cập cá nhân).',
        );
      }
      fs.rmSync(file, { force: true }); // stale lock of a process that is gone
    }
  }
  throw new DatabaseBusyError(`Không lấy được khóa cơ sở dữ liệu nhúng tại ${dataDir}.`);
}

export type OpenedDb = { db: Db; close: () => Promise<void>; where: string };

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR. */
export async function openDatabase(config: Config, role: string): Promise<OpenedDb> {
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl);
    const u = new URL(config.databaseUrl);
    return { db, close: () => db.close(), where: `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}` };
  }
  const release = takeLock(config.dataDir, role);
  try {
    const db = await openPglite(pgliteDir(config.dataDir));
    return { db, where: `PGlite ${pgliteDir(config.dataDir)}`, close: async () => { await db.close(); release(); } };
  } catch (e) {
    release();
    throw e;
  }
}

export type PreparedInfo = {
  migrations: string[];
  admin: { created: boolean; password?: string; generated?: boolean };
  demo: { seeded: boolean; accounts: { username: string; role: string; unit: string; password: string }[] };
};

/** Whichever process touches a fresh database first migrates it, creates admin and (unless NHIP_DEMO=0) loads the demo. */
export async function prepareDatabase(db: Db, config: Config, today: string): Promise<PreparedInfo> {
  const migrations = await migrate(db);
  const admin = await ensureAdmin(db, config.adminPassword);
  const demo: PreparedInfo['demo'] = { seeded: false, accounts: [] };
  if (config.demo) {
    const state = await db.maybeOne<{ value: { seeded: boolean } }>(`SELECT value FROM settings WHERE key = 'demo.state'`);
    const empty = (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM org_units')).n === 0;
    if (!state && empty) {
      const { seedDemo } = await import('../modules/demo/seed.js');
      const r = await seedDemo(db, { today });
      await db.query(`INSERT INTO settings (key, value) VALUES ('demo.state', $1)`, [JSON.stringify({ seeded: true, at: new Date(), accounts: r.accounts.map(({ password: _p, ...a }) => a) })]);
      demo.seeded = true;
      demo.accounts = r.accounts;
    } else if (state) {
      const s = await db.one<{ value: { accounts?: { username: string; role: string; unit: string }[] } }>(`SELECT value FROM settings WHERE key = 'demo.state'`);
      demo.accounts = (s.value.accounts ?? []).map((a) => ({ ...a, password: 'NhipDemo@2026' }));
    }
  }
  return { migrations, admin, demo };
}
