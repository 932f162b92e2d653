import { bodyLimit } from 'hono/body-limit';
import type { ExtractSchema, MergeSchemaPath } from 'hono/types';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './context.ts';
import { CompressedBody, compressAnswers } from './http/compression.ts';
import { docsPage, openApiDocument } from './http/docs.ts';
import { ApiError, bodyTooLarge, errorResponse, handleError } from './http/errors.ts';
import { writeRateLimit } from './http/rate-limit.ts';
import { exposeToCors, strictTransportSecurity } from './http/response-headers.ts';
import { demoLoopbackOnly, sameOriginWrites } from './http/request-guards.ts';
import { router } from './http/validation.ts';
import { wellFormedInput } from './http/well-formed.ts';
import { writeTransaction } from './http/write-transaction.ts';
import { healthRoutes } from './health/routes.ts';
import { authenticate } from './identity/authenticate.ts';
import { IdentityCache } from './identity/identity-cache.ts';
import { demoRoutes, identityRoutes } from './identity/routes.ts';
import { withCurrentComments } from './comments/live.ts';
import { commentsRoutes } from './comments/routes.ts';
import { eventsRoutes } from './events/routes.ts';
import { expertsRoutes } from './experts/routes.ts';
import { scimRoutes } from './directory/scim.ts';
import { ideasRoutes } from './ideas/routes.ts';
import { likesRoutes } from './likes/routes.ts';
import { followsRoutes, notificationsRoutes } from './notifications/routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { pulseRoutes } from './pulse/routes.ts';
import { spacesRoutes } from './spaces/routes.ts';
import { staticRoutes } from './static/routes.ts';
import { ideaReportRoutes, moderationRoutes } from './stewardship/routes.ts';

/**
 * The whole HTTP surface. Middleware order matters: limits and identity first, then each write gets
 * its transaction; routes are grouped by feature and mounted under /api.
 */
/**
 * Reads sent as POST because what they ask for does not fit in a URL (like counts of a long list):
 * no write-rate token, no transaction, and anonymous readers may send them.
 */
const POSTED_READS = ['/api/likes/query'];

export function createApp(deps: AppDeps) {
  const { config } = deps;
  const app = router();
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, new ApiError(404, 'not_found', `There is no ${c.req.method} ${c.req.path}.`)));

  const identityCache = new IdentityCache();
  // Live events about comments carry the comment as it is when sent, never as the table kept it.
  deps.bus.readAsSent(withCurrentComments);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('identityCache', identityCache);
    await next();
  });

  // Liveness for orchestrators: the process answers, whatever the database does (readiness is
  // /api/health). Outside /api, so it passes through no middleware: the benchmarks' baseline too.
  app.get('/livez', (c) => c.text('ok'));

  // Demo identities serve this machine only: not through a proxy, not under another host name.
  if (config.auth.mode === 'demo') app.use('*', demoLoopbackOnly());

  // Outermost, so that it compresses what every layer below (errors included) answers.
  app.use('/api/*', compressAnswers());
  app.use('/scim/*', compressAnswers());
  app.use(
    '/api/*',
    secureHeaders({
      // JSON: no style, no script, no frame. A route's own header (the docs page's policy) stays.
      overwrite: false,
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: 'same-site',
      referrerPolicy: 'no-referrer',
      // Not sent: headers that only act on a page with scripts, links and windows of its own, or in
      // Internet Explorer and Flash (about 190 bytes on every answer, on every page, for nothing);
      // X-Frame-Options, which frame-ancestors replaces in every browser the widgets run in.
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
      xFrameOptions: false,
      strictTransportSecurity: false,
    }),
    strictTransportSecurity(),
    exposeToCors(['Retry-After', 'Idempotency-Replayed']),
    cors({
      origin: (origin) => (config.origins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
      maxAge: 600,
    }),
    bodyLimit({
      maxSize: config.bodyLimit,
      onError: () => {
        throw bodyTooLarge();
      },
    }),
    wellFormedInput(),
    sameOriginWrites(),
    authenticate(identityCache),
    writeRateLimit(config.writeRate, { reads: POSTED_READS }),
    writeTransaction({ anonymousWrites: ['/api/demo/token'], reads: POSTED_READS }),
  );

  const api = app
    .route('/api', healthRoutes)
    .route('/api', identityRoutes)
    .route('/api/me', privacyRoutes)
    .route('/api/spaces', spacesRoutes)
    .route('/api/comments', commentsRoutes)
    .route('/api/likes', likesRoutes)
    .route('/api/ideas', ideasRoutes)
    .route('/api/ideas', ideaReportRoutes)
    .route('/api/experts', expertsRoutes)
    .route('/api/events', eventsRoutes)
    .route('/api/moderation', moderationRoutes)
    .route('/api/notifications', notificationsRoutes)
    .route('/api/follows', followsRoutes)
    .route('/api/pulse', pulseRoutes);
  if (config.auth.mode === 'demo') app.route('/api/demo', demoRoutes);

  app.route('/scim/v2', scimRoutes);
  app.route('/', staticRoutes());

  // The same for the whole life of the process: rendered and compressed once.
  const doc = openApiDocument(app);
  const openApiJson = new CompressedBody(JSON.stringify(doc), 'application/json');
  const docsHtml = new CompressedBody(Promise.resolve(docsPage(doc)).then(String), 'text/html; charset=UTF-8');
  app.get('/api/openapi.json', (c) => openApiJson.respond(c));
  app.get('/api/docs', (c) => {
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return docsHtml.respond(c);
  });

  return api;
}

export type AppType = ReturnType<typeof createApp>;
/** The demo's routes, mounted in demo mode only (so not in AppType), typed for the demo picker. */
export type DemoSchema = MergeSchemaPath<ExtractSchema<typeof demoRoutes>, '/api/demo'>;
