import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from './config.ts';
import type { Database, Db } from './db/database.ts';
import type { LiveBus } from './events/bus.ts';
import type { IdentityCache } from './identity/identity-cache.ts';
import type { Person } from './people/person.ts';

/** What every route can reach: configuration, the database, and services built at start. */
export interface AppDeps {
  config: Config;
  database: Database;
  /** Secret used to sign and check demo identities (demo mode only). */
  demoSecret: string | null;
  /** Live events: recorded in write transactions, delivered to open streams. */
  bus: LiveBus;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** The person making the request, or null when anonymous. */
    person: Person | null;
    /** The pool for reads; for writes, the transaction the whole request runs in. */
    db: Db;
    /** People recently signed in; to be emptied when someone is erased or deactivated. */
    identityCache: IdentityCache;
    /** Work to do once the request's transaction has committed (e.g. publishing live events). */
    afterCommit: (() => void)[];
  };
}

export type App = OpenAPIHono<AppEnv>;
