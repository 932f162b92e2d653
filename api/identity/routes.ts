import { createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { errors, json, jsonBody } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { requirePerson } from './authenticate.ts';
import { demoPeople, demoStewards } from './demo-people.ts';
import { meSchema } from './schemas.ts';
import { signToken } from './token.ts';

export const identityRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags: ['Identity'],
    summary: 'The person making the request',
    responses: { 200: json(meSchema, 'The current person'), ...errors(401, 403) },
  }),
  (c) => {
    const person = requirePerson(c);
    const { id, name, email, dept, title, lang, isAdmin, isGuest } = person;
    return c.json({ id, name, email, dept, title, lang, isAdmin, isGuest }, 200);
  },
);

const demoPersonSchema = z
  .object({
    sub: z.string(),
    name: z.string(),
    dept: z.string(),
    title: z.string(),
    lang: z.enum(['fr', 'en']),
    guest: z.boolean(),
    admin: z.boolean(),
    steward: z.boolean().openapi({ description: 'Stewards a space now (whichever: a secret space’s name is not told)' }),
  })
  .openapi('DemoPerson');

/**
 * The demo identity picker: anyone may become anyone, which is why the server refuses demo mode
 * unless it listens on loopback and has no real secret (see config.ts). Tokens are signed with a
 * secret kept in the database, so they hold across restarts and across processes.
 */
export const demoRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags: ['Demo'],
      summary: 'The demo people one can act as (demo mode only)',
      responses: { 200: json(z.object({ people: z.array(demoPersonSchema) }), 'Demo people') },
    }),
    async (c) => {
      const stewards = await demoStewards(c.var.db);
      return c.json(
        {
          people: demoPeople.map(({ sub, name, dept, title, lang, guest, admin }) => ({
            sub,
            name,
            dept,
            title,
            lang,
            guest: guest === true,
            admin: admin === true,
            steward: stewards.has(sub),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/token',
      tags: ['Demo'],
      summary: 'A token for a demo person, as an intranet’s token endpoint would give (demo mode only)',
      request: { body: jsonBody(z.strictObject({ sub: z.string().min(1).max(100) })) },
      responses: {
        200: json(z.object({ token: z.string(), expiresAt: z.string() }), 'A signed identity token'),
        ...errors(400, 404),
      },
    }),
    async (c) => {
      const { sub } = c.req.valid('json');
      const person = demoPeople.find((p) => p.sub === sub);
      if (!person) throw notFound('This demo person');
      const ttl = Math.min(12 * 3600, c.var.deps.config.auth.jwtMaxAge); // never longer than tokens may live
      const { email, name, dept, title, lang, admin, guest } = person;
      const token = await signToken({ sub, name, email, dept, title, lang, admin, guest }, c.var.deps.demoSecret!, ttl);
      return c.json({ token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() }, 200);
    },
  );
