// Applies migrations/*.sql to a D1 database, recording them in d1_migrations like wrangler does, so a
// database can move between `npm start` and `wrangler d1 migrations apply` without re-running any.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { D1Database } from '@cloudflare/workers-types';

export async function applyMigrations(db: D1Database, dir: string): Promise<string[]> {
  await db
    .prepare('CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)')
    .run();
  const done = new Set(((await db.prepare('SELECT name FROM d1_migrations').all<{ name: string }>()).results ?? []).map((r) => r.name));
  const applied: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    if (done.has(file)) continue;
    const statements = readFileSync(join(dir, file), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean);
    await db.batch([...statements.map((s) => db.prepare(s)), db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(file)]);
    applied.push(file);
  }
  return applied;
}
