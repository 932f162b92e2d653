import { createRoute } from '@hono/zod-openapi';
import { requirePerson } from '../identity/authenticate.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import { errors, json } from '../http/openapi.ts';
import { router } from '../http/validation.ts';
import { assertCanRead } from '../spaces/access.ts';
import { spaceAccessFor } from '../subjects/subjects.ts';
import { computePulse, type Period, type Scope } from './pulse.ts';
import { utcDay } from './reading.ts';
import { PERIODS, pulseQuery, pulseSchema } from './schemas.ts';

/**
 * The engagement pulse (`<ruche-pulse>`): for everyone signed in who may read the space, since the
 * figures are aggregates that the community may be shown; for the whole site, admins only.
 */
const MAX_DAYS = 366;

export const pulseRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Pulse'],
    summary: 'The engagement pulse of a space (or of the whole site, for admins): aggregates only, none over fewer than five people',
    description:
      'Readers are counted once per person and day, without keeping who read; contributors are read from published content. ' +
      'Any figure computed over fewer than five people is `{ value: null, withheld: "fewer_than_5" }`.',
    request: { query: pulseQuery },
    responses: { 200: json(pulseSchema, 'The figures'), ...errors(400, 401, 403, 404) },
  }),
  async (c) => {
    const person = requirePerson(c);
    const query = c.req.valid('query');
    const today = utcDay();
    const to = query.to ?? today;
    const period: Period = query.from
      ? { from: query.from, to }
      : { from: new Date(Date.parse(`${to}T00:00:00Z`) - (PERIODS[query.period ?? '30d'] - 1) * 86_400_000).toISOString().slice(0, 10), to };
    if (period.to > today) throw badRequest('invalid_request', 'The period cannot end after today.', [{ path: 'to', message: 'must not be after today', code: 'custom' }]);
    const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000 + 1;
    if (days > MAX_DAYS) {
      throw badRequest('invalid_request', `A period is at most ${MAX_DAYS} days.`, [{ path: 'from', message: `at most ${MAX_DAYS} days before to`, code: 'custom' }]);
    }

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
    const figures = await computePulse(c.var.db, scope, period, { weeks: query.weeks, viewerIsGuest: person.isGuest });
    c.header('Cache-Control', 'private, no-store');
    return c.json({ scope: scopeView, ...figures }, 200);
  },
);
