import { createRoute } from '@hono/zod-openapi';
import { requirePerson } from '../identity/authenticate.ts';
import { forbidden } from '../http/errors.ts';
import { errors, json } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { assertCanRead } from '../spaces/access.ts';
import { spaceAccessFor } from '../subjects/subjects.ts';
import { computePulse, type Scope } from './store.ts';
import { PERIODS, pulseQuery, pulseSchema } from './schemas.ts';

/**
 * The engagement pulse (`<ruche-pulse>`): for everyone signed in who may read the space, since the
 * figures are aggregates that the community may be shown; for the whole site, admins only. Periods
 * are whole weeks, chosen among a few (store.ts says why no free dates).
 */

export const pulseRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Pulse'],
    summary: 'The engagement pulse of a space (or of the whole site, for admins): aggregates only, none over fewer than five people',
    description:
      'Readers are counted once per person and day, without keeping who read; contributors are read from published content. ' +
      'Periods are the last 4, 12, 26 or 52 whole weeks. Any figure computed over fewer than five people, or that another period ' +
      'could be subtracted from to speak of fewer than five, is `{ value: null, withheld: "fewer_than_5" }`.',
    request: { query: pulseQuery },
    responses: { 200: json(pulseSchema, 'The figures'), ...errors(400, 401, 403, 404) },
  }),
  async (c) => {
    const person = requirePerson(c);
    const query = c.req.valid('query');
    let scope: Scope;
    let scopeView: { kind: 'site' } | { kind: 'space'; space: { slug: string; name: string } };
    if (query.site === 'true') {
      if (!person.isAdmin) throw forbidden('admin_only', 'Only administrators see the pulse of the whole site.');
      scope = { kind: 'site' };
      scopeView = { kind: 'site' };
    } else {
      const access = await spaceAccessFor(c, query.space);
      assertCanRead(access, person);
      scope = { kind: 'space', spaceId: access.space.id, promiseHours: access.space.answerPromiseHours };
      scopeView = { kind: 'space', space: { slug: access.space.slug, name: access.space.name } };
    }
    const figures = await computePulse(c.var.db, scope, { weeks: PERIODS[query.period], trendWeeks: query.weeks, viewerIsGuest: person.isGuest });
    c.header('Cache-Control', 'private, no-store');
    return c.json({ scope: scopeView, ...figures }, 200);
  },
);
