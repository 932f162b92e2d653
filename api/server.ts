import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { isConnectionError, openDatabase, type Database } from './db/database.ts';
import { DataFolderBusyError } from './db/data-lock.ts';
import { migrate } from './db/migrate.ts';
import { seedDemo } from './demo/seed.ts';
import { seedDemoIdeas } from './demo/seed-ideas.ts';
import { LiveBus } from './events/bus.ts';
import { seedDemoProfiles } from './experts/demo.ts';
import { scheduleEscalations } from './experts/questions-store.ts';
import { resumePendingDeliveries } from './ideas/webhooks.ts';
import { loadDemoSecret } from './identity/demo-people.ts';
import { scheduleRetention } from './privacy/retention.ts';
import { seedDemoPulse } from './pulse/demo.ts';
import { readingSecret } from './readings/store.ts';
import { seedDemoModeration } from './stewardship/demo.ts';

export interface RunningServer {
  url: string;
  database: Database;
  schemaVersion: number;
  /** Stops taking requests, lets those in flight finish (up to the shutdown timeout), closes the database. */
  close(): Promise<void>;
}

/**
 * A client has this long to send its request line and headers, and this long for the whole request:
 * a slow or stalled sender must not hold a connection for minutes. (Answers, live streams included,
 * are not limited by these.)
 */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export async function startServer(config: Config): Promise<RunningServer> {
  try {
    readingSecret(config);
  } catch (error) {
    throw new ConfigError(
      `Ruche counts each day's readers with a secret kept in ${config.dataDir}/reading-secret, and could not write or read it ` +
        `(${(error as Error).message}). Set RUCHE_READING_SECRET (the same on every API process), or RUCHE_DATA to a folder Ruche may write.`,
    );
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPool });
  let schemaVersion: number;
  let demoSecret: string | null = null;
  try {
    ({ schemaVersion } = await migrate(database.sql));
    if (config.auth.mode === 'demo') {
      demoSecret = await loadDemoSecret(database.sql);
      if (config.demoSeed && (await seedDemo(database.sql))) {
        await seedDemoProfiles(database.sql);
        await seedDemoIdeas(database.sql);
        await seedDemoPulse(database.sql);
        await seedDemoModeration(database.sql);
        if (config.log === 'info') console.log('Seeded the demo intranet with colleagues, discussions, questions, likes and skills.');
      }
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  const bus = new LiveBus(database);
  await bus.start();
  const app = createApp({ config, database, demoSecret, bus });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        serverOptions: { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 5_000 },
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;

  // Keys older than a day can no longer be retried against; forget them.
  const housekeeping = setInterval(() => {
    database.sql`delete from idempotency_keys where created_at < now() - interval '1 day'`.catch(() => {});
    // Live events are only needed by clients catching up after a reconnect.
    database.sql`delete from events where created_at < now() - interval '7 days'`.catch(() => {});
  }, 3600_000);
  housekeeping.unref();
  // Webhook deliveries a stopped process left pending go out after all.
  const resumeWebhooks = () =>
    resumePendingDeliveries(database.sql, config.webhookHosts).catch((error) => {
      if (!isConnectionError(error)) console.error('[ruche] could not resume webhook deliveries:', error);
    });
  void resumeWebhooks();
  const webhookResumer = setInterval(resumeWebhooks, 5 * 60_000);
  webhookResumer.unref();
  // Questions past their space's answer-time promise go to the next experts and the stewards.
  const stopEscalations = scheduleEscalations(database.sql, bus, 5 * 60_000, (error) => console.error('[ruche] escalation failed:', error));
  // Reading marks of past days, and notifications, audit entries and reports past RUCHE_RETENTION_DAYS.
  const stopRetention = scheduleRetention(database.sql, config.retentionDays, 3600_000, (error) => console.error('[ruche] retention purge failed:', error));

  let closing: Promise<void> | null = null;
  return {
    url,
    database,
    schemaVersion,
    close() {
      closing ??= (async () => {
        clearInterval(housekeeping);
        clearInterval(webhookResumer);
        stopEscalations();
        stopRetention();
        await bus.stop(); // ends live streams, which would otherwise hold the server open
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        const timer = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, config.shutdownTimeoutMs);
        await drained;
        clearTimeout(timer);
        await database.close();
      })();
      return closing;
    },
  };
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  let running: RunningServer;
  try {
    running = await startServer(config);
  } catch (error) {
    if (error instanceof DataFolderBusyError) {
      console.error(error.message);
      process.exit(3);
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    const unreachable = databaseProblem(error, config.databaseUrl);
    if (unreachable) {
      console.error(unreachable);
      process.exit(4);
    }
    throw error;
  }
  const where = running.database.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const who = { token: 'signed tokens', header: `the ${config.auth.trustedHeader} header`, demo: 'demo identities' }[config.auth.mode];
  if (config.log !== 'silent') {
    console.log(`Ruche listening on ${running.url} — ${where}, schema v${running.schemaVersion}, ${who}`);
    console.log(`  demo: ${running.url}/demo/   API docs: ${running.url}/api/docs`);
  }

  const stop = (signal: string) => {
    if (config.log !== 'silent') console.log(`${signal}: finishing requests in flight, then closing the database…`);
    running.close().then(
      () => process.exit(0),
      (error) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** A sentence for a PostgreSQL that cannot be used at start (unreachable, refused credentials, no such database). */
export function databaseProblem(error: unknown, databaseUrl: string | undefined): string | null {
  if (!databaseUrl || !error || typeof error !== 'object') return null;
  const code = String((error as { code?: unknown }).code ?? '');
  const refused = code.startsWith('28') || code === '3D000'; // invalid authorization, no such database
  if (!isConnectionError(error) && !refused) return null;
  let where = 'the address in DATABASE_URL';
  try {
    const url = new URL(databaseUrl);
    where = `${url.hostname}:${url.port || 5432}${url.pathname}`; // without the password
  } catch {
    // keep the general words
  }
  const detail = (error as Error).message || code;
  return refused
    ? `Ruche cannot start: PostgreSQL at ${where} refused the connection (${detail}). Check the user, password and database name in DATABASE_URL.`
    : `Ruche cannot start: PostgreSQL at ${where} cannot be reached (${detail}). Check that it is running and that DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
