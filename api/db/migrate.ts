import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pool } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(MIGRATIONS_DIR + file, 'utf8'),
    }));
}

/**
 * Applies the numbered migrations not yet recorded, all in one transaction (a failure leaves the
 * schema as it was). An advisory lock
 * makes processes starting together on one PostgreSQL take turns instead of racing.
 */
export async function migrate(sql: Pool): Promise<{ applied: number[]; schemaVersion: number }> {
  const applied: number[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(4242, 1)`;
    await tx`
      create table if not exists ruche_migrations (
        version int primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`;
    const done = new Set((await tx<{ version: number }[]>`select version from ruche_migrations`).map((r) => r.version));
    for (const migration of listMigrations()) {
      if (done.has(migration.version)) continue;
      await tx.savepoint(async (step) => {
        await step.unsafe(migration.sql);
        await step`insert into ruche_migrations (version, name) values (${migration.version}, ${migration.name})`;
      });
      applied.push(migration.version);
    }
  });
  return { applied, schemaVersion: await schemaVersion(sql) };
}

export async function schemaVersion(sql: Pool): Promise<number> {
  const [row] = await sql<{ version: number | null }[]>`select max(version) as version from ruche_migrations`;
  return row?.version ?? 0;
}
