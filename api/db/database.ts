import postgres from 'postgres';
import { startEmbeddedServer, type EmbeddedServer } from './embedded.ts';

/** What route code queries through: the pool for reads, the request's transaction for writes. */
export type Db = postgres.ISql;
export type Pool = postgres.Sql;

export interface Database {
  sql: Pool;
  kind: 'postgresql' | 'embedded';
  /** The schema tables live in (`public` but in tests). */
  schema: string;
  /** Other processes may use the same database, so events must cross processes (LISTEN/NOTIFY). */
  shared: boolean;
  /** The URL the pool connects to, for a second connection (LISTEN) to the same database. */
  connect(options?: postgres.Options<{}>): Pool;
  close(timeoutSeconds?: number): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL URL; without one, the embedded database is started. */
  url?: string | undefined;
  /** Folder of the embedded database; null keeps it in memory (tests). */
  dataDir: string | null;
  /** Schema to work in on PostgreSQL (tests isolate each run in its own); `public` otherwise. An
   * embedded database is isolated by its own folder (or memory) already. */
  schema?: string;
  poolSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * While PostgreSQL is unreachable, a query waits for an attempt to connect, and postgres.js spaces
 * the attempts of a pool by a backoff that grows with each failure (up to 20 s, still waited after
 * the server is back): requests hung 12–15 s. Short attempts, soon retried, make them fail within
 * about 2 s (the API answers 503 with Retry-After) and succeed again as soon as the server is back.
 */
const OUTAGE_OPTIONS: postgres.Options<{}> = {
  connect_timeout: 2,
  // seconds before the next attempt after `retries` failed ones in a row: 0.1, 0.2, 0.4, then 0.5
  backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
};

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`not a schema name: ${schema}`);

  let embedded: EmbeddedServer | null = null;
  const base: postgres.Options<{}> = {
    transform: postgres.camel,
    onnotice: () => {},
    connect_timeout: 5,
    idle_timeout: 60,
    connection: { application_name: 'ruche', search_path: schema === 'public' ? 'public' : `${schema}, public` },
  };
  let connect: (extra?: postgres.Options<{}>) => Pool;
  if (options.url) {
    const url = options.url;
    connect = (extra = {}) => postgres(url, { ...base, ...OUTAGE_OPTIONS, max: options.poolSize ?? 10, ...extra });
  } else {
    embedded = await startEmbeddedServer({ dataDir: options.dataDir });
    const path = embedded.socketPath;
    // PGlite runs one query at a time: a single connection, and no LISTEN (events stay in this process,
    // which the data-folder lock makes the only one).
    connect = (extra = {}) =>
      postgres({ ...base, path, user: 'postgres', database: 'postgres', max: 1, ...extra, ssl: false });
  }

  const sql = connect();
  try {
    if (schema !== 'public' && !embedded) await sql.unsafe(`create schema if not exists ${schema}`);
  } catch (error) {
    await sql.end({ timeout: 1 });
    await embedded?.stop();
    throw error;
  }

  return {
    sql,
    kind: embedded ? 'embedded' : 'postgresql',
    schema: embedded ? 'public' : schema,
    shared: !embedded,
    connect,
    async close(timeoutSeconds = 5) {
      await sql.end({ timeout: timeoutSeconds });
      await embedded?.stop();
    },
  };
}

/** Errors that mean "the database is not reachable", as opposed to a bad query. */
export function isConnectionError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return (
    [
      'CONNECTION_CLOSED',
      'CONNECTION_ENDED',
      'CONNECTION_DESTROYED',
      'CONNECT_TIMEOUT',
      'ECONNREFUSED',
      'ECONNRESET',
      'ENOENT',
      'EPIPE',
      'ETIMEDOUT',
      '57P01', // admin_shutdown
      '57P02', // crash_shutdown
      '57P03', // cannot_connect_now
    ].includes(code) || code.startsWith('08') // connection_exception class
  );
}
