import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './index.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 7_310_042; // advisory lock id for migrations (PostgreSQL only)

/** Applies every migrations/NNNN_*.sql not yet applied, each in its own transaction. Returns the ids applied. */
export async function migrate(db: Db): Promise<string[]> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
  // One transaction for the whole run: PostgreSQL DDL is transactional, and the xact lock makes a
  // server and a CLI starting together wait for each other instead of both migrating.
  return db.tx(async (t) => {
    if (t.kind === 'postgresql') await t.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await t.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await t.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    const applied: string[] = [];
    for (const file of files) {
      const id = file.replace(/\.sql$/, '');
      if (done.has(id)) continue;
      await t.exec(fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'));
      await t.query('INSERT INTO schema_migrations (id) VALUES ($1)', [id]);
      applied.push(id);
    }
    return applied;
  });
}
