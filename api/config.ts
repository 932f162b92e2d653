import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Everything Ruche reads from its environment, validated once at start.
 * A wrong value stops the server with a message that names the variable.
 */
const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((value) => (value === undefined ? undefined : ['true', '1', 'yes'].includes(value)));

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  RUCHE_DATA: z.string().min(1).default('./.ruche-data'),
  RUCHE_AUTH: z.enum(['token', 'header', 'demo']).optional(),
  RUCHE_JWT_SECRET: z.string().min(32, 'RUCHE_JWT_SECRET must be at least 32 characters').optional(),
  RUCHE_JWT_ISSUER: z.string().optional(),
  RUCHE_JWT_AUDIENCE: z.string().optional(),
  RUCHE_JWT_MAX_AGE: z.coerce.number().int().min(60, 'RUCHE_JWT_MAX_AGE is in seconds, at least 60').default(12 * 3600),
  RUCHE_TRUSTED_HEADER: z.string().regex(/^[A-Za-z0-9-]+$/, 'a header name').optional(),
  RUCHE_TRUSTED_PROXIES: list,
  RUCHE_SCIM_TOKEN: z.string().min(32, 'RUCHE_SCIM_TOKEN must be at least 32 characters').optional(),
  RUCHE_ADMINS: list,
  RUCHE_ORIGINS: list,
  RUCHE_PUBLIC_URL: z.string().url().optional(),
  RUCHE_ANONYMOUS_READ: flag,
  RUCHE_DEFAULT_LANG: z.enum(['fr', 'en']).default('fr'),
  RUCHE_DEMO_SEED: flag,
  RUCHE_WRITE_RATE: z.coerce.number().int().min(1).default(30),
  RUCHE_WRITE_BURST: z.coerce.number().int().min(1).default(60),
  RUCHE_BODY_LIMIT: z.coerce.number().int().min(1024).default(64 * 1024),
  RUCHE_DB_POOL: z.coerce.number().int().min(1).max(100).default(10),
  RUCHE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  RUCHE_WEBHOOK_HOSTS: list,
  RUCHE_RETENTION_DAYS: z.coerce.number().int().min(7, 'RUCHE_RETENTION_DAYS must be at least 7').max(3650).default(400),
  RUCHE_READING_SECRET: z.string().min(32, 'RUCHE_READING_SECRET must be at least 32 characters').optional(),
  RUCHE_LOG: z.enum(['silent', 'error', 'info']).default('info'),
});

export type AuthMode = 'token' | 'header' | 'demo';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  auth: {
    mode: AuthMode;
    jwtSecret: string | undefined;
    jwtIssuer: string | undefined;
    jwtAudience: string | undefined;
    /** The longest lifetime (exp - now, in seconds) a token may claim. */
    jwtMaxAge: number;
    trustedHeader: string | undefined;
    trustedProxies: string[];
    admins: string[];
    anonymousRead: boolean;
  };
  origins: string[];
  /** Bearer token identity providers use for SCIM provisioning; SCIM is off without it. */
  scimToken: string | undefined;
  publicUrl: string | undefined;
  defaultLang: 'fr' | 'en';
  /** Fill an empty database with the demo intranet's activity (demo mode only). */
  demoSeed: boolean;
  /** Writes a person may make per minute, and how many at once after a quiet spell. */
  writeRate: { perMinute: number; burst: number };
  bodyLimit: number;
  dbPool: number;
  shutdownTimeoutMs: number;
  /** The only hosts webhooks may post to (`host` or `*.domain`); empty: any but this machine's and link-local ones. */
  webhookHosts: string[];
  /** Notifications, the stewards' audit log and dealt-with reports older than this are deleted (api/privacy/retention.ts). */
  retentionDays: number;
  /**
   * The secret each day's reading key is derived from (api/readings/store.ts), kept out of the database;
   * unset: a random one in a file of the data folder. Several API processes on different machines share one.
   */
  readingSecret: string | undefined;
  log: 'silent' | 'error' | 'info';
}

export class ConfigError extends Error {}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/** Why a RUCHE_TRUSTED_PROXIES entry is not an address or a CIDR range, or null when it is one. */
export function proxyEntryProblem(entry: string): string | null {
  const [address = '', bits, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return 'not an IP address or a CIDR range (e.g. 10.0.0.5 or 10.0.1.0/24)';
  if (bits === undefined) return null;
  const max = version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `its prefix length must be 0 to ${max}`;
  return null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Ruche cannot start, the environment is not valid:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const badProxies = e.RUCHE_TRUSTED_PROXIES.flatMap((entry) => {
    const problem = proxyEntryProblem(entry);
    return problem ? [`"${entry}": ${problem}`] : [];
  });
  if (badProxies.length > 0) {
    throw new ConfigError(`Ruche cannot start, RUCHE_TRUSTED_PROXIES has entries it cannot use:\n  ${badProxies.join('\n  ')}`);
  }
  const mode: AuthMode =
    e.RUCHE_AUTH ?? (e.RUCHE_JWT_SECRET ? 'token' : e.RUCHE_TRUSTED_HEADER ? 'header' : 'demo');

  if (mode === 'token' && !e.RUCHE_JWT_SECRET) {
    throw new ConfigError('RUCHE_AUTH=token needs RUCHE_JWT_SECRET, the secret the intranet signs tokens with.');
  }
  if (mode === 'header') {
    if (!e.RUCHE_TRUSTED_HEADER) throw new ConfigError('RUCHE_AUTH=header needs RUCHE_TRUSTED_HEADER (e.g. X-Remote-User).');
    if (e.RUCHE_TRUSTED_PROXIES.length === 0) {
      throw new ConfigError(
        'RUCHE_TRUSTED_HEADER is only believed from the SSO proxy: list its addresses in RUCHE_TRUSTED_PROXIES.',
      );
    }
  }
  if (mode === 'demo') {
    // The demo picker lets anyone act as anyone: never on a reachable address, never beside a real secret.
    if (e.RUCHE_JWT_SECRET) {
      throw new ConfigError('Demo identities are refused when RUCHE_JWT_SECRET is set: remove RUCHE_AUTH=demo.');
    }
    if (!isLoopback(e.HOST)) {
      throw new ConfigError(
        `Refusing to start in demo mode on ${e.HOST}: the demo identity picker lets anyone act as anyone. ` +
          'Bind to 127.0.0.1 (HOST=127.0.0.1), or configure RUCHE_JWT_SECRET or RUCHE_TRUSTED_HEADER.',
      );
    }
  }

  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.RUCHE_DATA,
    auth: {
      mode,
      jwtSecret: e.RUCHE_JWT_SECRET,
      jwtIssuer: e.RUCHE_JWT_ISSUER,
      jwtAudience: e.RUCHE_JWT_AUDIENCE,
      jwtMaxAge: e.RUCHE_JWT_MAX_AGE,
      trustedHeader: e.RUCHE_TRUSTED_HEADER?.toLowerCase(),
      trustedProxies: e.RUCHE_TRUSTED_PROXIES,
      admins: e.RUCHE_ADMINS,
      anonymousRead: e.RUCHE_ANONYMOUS_READ ?? mode === 'demo',
    },
    origins: e.RUCHE_ORIGINS,
    scimToken: e.RUCHE_SCIM_TOKEN?.trim(),
    publicUrl: e.RUCHE_PUBLIC_URL,
    defaultLang: e.RUCHE_DEFAULT_LANG,
    demoSeed: mode === 'demo' && e.RUCHE_DEMO_SEED !== false,
    writeRate: { perMinute: e.RUCHE_WRITE_RATE, burst: e.RUCHE_WRITE_BURST },
    bodyLimit: e.RUCHE_BODY_LIMIT,
    dbPool: e.RUCHE_DB_POOL,
    shutdownTimeoutMs: e.RUCHE_SHUTDOWN_TIMEOUT_MS,
    webhookHosts: e.RUCHE_WEBHOOK_HOSTS.map((host) => host.toLowerCase()),
    retentionDays: e.RUCHE_RETENTION_DAYS,
    readingSecret: e.RUCHE_READING_SECRET,
    log: e.RUCHE_LOG,
  };
}
