import assert from 'node:assert/strict';
import { loadConfig, type Config } from '../../api/config.ts';
import { createApp } from '../../api/app.ts';
import { migrate } from '../../api/db/migrate.ts';
import { signToken } from '../../api/identity/token.ts';
import { loadDemoSecret } from '../../api/identity/demo-people.ts';
import { LiveBus } from '../../api/events/bus.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

/** The answer's body, once its status is the one expected (else the body says why, in the failure). */
export async function ok<T = any>(answer: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const { status: got, body } = await answer;
  assert.equal(got, status, JSON.stringify(body).slice(0, 400));
  return body;
}

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256!';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  /** Act as this person: a `sub`, or claims (name defaults to the sub). */
  as?: string | { sub: string; name?: string; admin?: boolean; guest?: boolean; dept?: string; title?: string; lang?: string };
  body?: unknown;
  /** A raw body, sent as is (malformed JSON and the like). */
  raw?: string;
  headers?: Record<string, string>;
  /** The peer's address, as the HTTP server would give it (for the trusted-header mode). */
  remoteAddress?: string;
}

export interface TestApi {
  app: ReturnType<typeof createApp>;
  config: Config;
  db: TestDatabase;
  bus: LiveBus;
  token(as: NonNullable<RequestOptions['as']>): Promise<string>;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Answer<T>>;
  get<T = any>(path: string, options?: RequestOptions): Promise<Answer<T>>;
  post<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<Answer<T>>;
  close(): Promise<void>;
}

/**
 * The API on a database of its own, called in-process with `app.request` (real routes, real SQL).
 * `database`: one the test prepared (e.g. migrated to an older version and filled), migrated to the
 * end here; closed with the API.
 */
export async function createTestApi(env: Record<string, string> = {}, options: { database?: TestDatabase } = {}): Promise<TestApi> {
  const config = loadConfig(
    Object.fromEntries(
      // A reading secret of its own: the tests never write one into the project's data folder.
      Object.entries({ RUCHE_JWT_SECRET: TEST_SECRET, RUCHE_READING_SECRET: TEST_SECRET, RUCHE_LOG: 'silent', RUCHE_WRITE_RATE: '6000', RUCHE_WRITE_BURST: '6000', ...env }).filter(
        ([, value]) => value !== '',
      ),
    ),
  );
  const db = options.database ?? (await createTestDatabase());
  await migrate(db.database.sql);
  const demoSecret = config.auth.mode === 'demo' ? await loadDemoSecret(db.database.sql) : null;
  const bus = new LiveBus(db.database);
  await bus.start();
  const app = createApp({ config, database: db.database, demoSecret, bus });
  const secret = config.auth.mode === 'demo' ? demoSecret! : config.auth.jwtSecret ?? TEST_SECRET;

  const token = (as: NonNullable<RequestOptions['as']>) => {
    const claims = typeof as === 'string' ? { sub: as } : as;
    return signToken({ name: claims.sub, ...claims }, secret);
  };

  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${await token(options.as)}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const env = options.remoteAddress ? { incoming: { socket: { remoteAddress: options.remoteAddress } } } : undefined;
    const response = await app.request(path, { method, headers, body }, env);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  return {
    app,
    config,
    db,
    bus,
    token,
    request,
    get: (path, options) => request('GET', path, options),
    post: (path, body, options) => request('POST', path, { ...options, body }),
    close: async () => {
      await bus.stop();
      await db.dispose();
    },
  };
}
