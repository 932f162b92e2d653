import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../api/db/database.ts';

/**
 * Which database the API tests run on: `postgres` (the server in DATABASE_URL) or `embedded` (PGlite
 * in a worker, as `npm start` runs it). The test script runs the suite once for each.
 */
export type TestDatabaseKind = 'postgres' | 'embedded';

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.RUCHE_TEST_DB ?? (process.env.DATABASE_URL ? 'postgres' : 'embedded');
  if (kind !== 'postgres' && kind !== 'embedded') throw new Error(`RUCHE_TEST_DB must be postgres or embedded, not ${kind}`);
  return kind;
}

export function postgresUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('RUCHE_TEST_DB=postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  return url;
}

export interface TestDatabase {
  database: Database;
  kind: TestDatabaseKind;
  /** The schema this run works in, on PostgreSQL. */
  schema: string;
  dispose(): Promise<void>;
}

/** A database of its own for one test file: a fresh schema on PostgreSQL, a fresh in-memory PGlite otherwise. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const kind = testDatabaseKind();
  const schema = kind === 'postgres' ? `t_${process.pid}_${randomBytes(4).toString('hex')}` : 'public';
  const database = await openDatabase({ url: kind === 'postgres' ? postgresUrl() : undefined, dataDir: null, schema });
  return {
    database,
    kind,
    schema,
    async dispose() {
      if (kind === 'postgres') await database.sql.unsafe(`drop schema if exists ${schema} cascade`);
      await database.close();
    },
  };
}
