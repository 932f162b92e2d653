import { createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { schemaVersion, serverVersion } from '../db/migrate.ts';
import { errors, json } from '../http/openapi.ts';
import { router } from '../http/validation.ts';

const started = Date.now();

export const healthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.object({
      kind: z.enum(['postgresql', 'embedded']).openapi({ description: 'embedded: PGlite in this process; postgresql: DATABASE_URL' }),
      server: z.string().openapi({ example: 'PostgreSQL 17.5' }),
      schemaVersion: z.number().int(),
    }),
    auth: z.enum(['token', 'header', 'demo']),
    uptimeSeconds: z.number().int(),
  })
  .openapi('Health');

export const healthRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['Operations'],
    summary: 'Whether the server and its database answer',
    responses: { 200: json(healthSchema, 'Healthy'), ...errors(400), 503: json(z.unknown(), 'The database cannot be reached') },
  }),
  async (c) => {
    const { database, config } = c.var.deps;
    const version = await serverVersion(database.sql);
    const server = /^PostgreSQL [\d.]+/.exec(version)?.[0] ?? version;
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        status: 'ok' as const,
        database: { kind: database.kind, server, schemaVersion: await schemaVersion(database.sql) },
        auth: config.auth.mode,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
      },
      200,
    );
  },
);
