import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Db, Pool } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  /** Runs the migration in the migrations' transaction. */
  run(tx: Db): Promise<unknown>;
}

/**
 * The numbered migrations, in order: SQL files, and TypeScript files where SQL cannot say it (keys
 * computed by code the widgets share, shared/subject.ts). A TypeScript migration exports a default
 * function of the transaction.
 */
export async function listMigrations(): Promise<Migration[]> {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.(sql|ts)$/.test(file))
    .sort();
  const versions = files.map((file) => file.slice(0, 3));
  const twice = versions.find((version, i) => versions.indexOf(version) !== i);
  if (twice) throw new Error(`two migrations are numbered ${twice} in ${MIGRATIONS_DIR}`);
  return Promise.all(
    files.map(async (file) => {
      const [version, name] = [Number(file.slice(0, 3)), file.slice(4, file.lastIndexOf('.'))];
      if (file.endsWith('.sql')) {
        const sql = readFileSync(MIGRATIONS_DIR + file, 'utf8');
        return { version, name, run: (tx: Db) => tx.unsafe(sql) };
      }
      const step = (await import(pathToFileURL(MIGRATIONS_DIR + file).href)) as { default: (tx: Db) => Promise<unknown> };
      return { version, name, run: step.default };
    }),
  );
}

/**
 * Applies the numbered migrations not yet recorded (up to `upTo`, for tests that set up an older
 * schema), all in one transaction (a failure leaves the schema as it was). An advisory lock makes
 * processes starting together on one PostgreSQL take turns instead of racing.
 */
export async function migrate(sql: Pool, options: { upTo?: number } = {}): Promise<{ applied: number[]; schemaVersion: number }> {
  const applied: number[] = [];
  const migrations = (await listMigrations()).filter((migration) => options.upTo === undefined || migration.version <= options.upTo);
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(4242, 1)`;
    await tx`
      create table if not exists ruche_migrations (
        version int primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`;
    const done = new Set((await tx<{ version: number }[]>`select version from ruche_migrations`).map((r) => r.version));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.savepoint(async (step) => {
        await migration.run(step);
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

/** The server's version line (`PostgreSQL 17.2 on …`), as the health check reports it. */
export async function serverVersion(sql: Pool): Promise<string> {
  const [row] = await sql<{ version: string }[]>`select version()`;
  return row!.version;
}
