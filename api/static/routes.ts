import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WIDGETS_DIR = `${ROOT}dist/widgets`;
const DEMO_DIR = `${ROOT}demo/site`;

/**
 * The widget bundle, as intranet pages load it from another origin: `/ruche.js` (the small loader,
 * revalidated often so a new release reaches pages) and `/chunks/*` (content-hashed, cached for a
 * year). Module scripts are fetched in CORS mode, hence the open CORS and resource-policy headers:
 * the bundle is public code, the data behind the API is not.
 */
export function staticRoutes() {
  const app = new Hono<AppEnv>();
  const publicCode = (cacheControl: string) =>
    serveStatic({
      root: WIDGETS_DIR,
      onFound: (_path, c) => {
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Cross-Origin-Resource-Policy', 'cross-origin');
        c.header('X-Content-Type-Options', 'nosniff');
        c.header('Cache-Control', cacheControl);
      },
    });
  app.use('/ruche.js', async (c, next) => {
    if (!existsSync(`${WIDGETS_DIR}/ruche.js`)) {
      return c.text('// The widgets are not built: run `npm run build` (npm start does it for you).\n', 503, {
        'Content-Type': 'text/javascript; charset=utf-8',
      });
    }
    return next();
  });
  app.use('/ruche.js', publicCode('public, max-age=300, must-revalidate'));
  app.use('/chunks/*', publicCode('public, max-age=31536000, immutable'));

  // The demo intranet, as an old web server would serve it.
  app.get('/', (c) => c.redirect('/demo/'));
  app.get('/demo', (c) => c.redirect('/demo/'));
  app.use('/demo/*', serveStatic({ root: DEMO_DIR, rewriteRequestPath: (path) => path.replace(/^\/demo/, '') || '/' }));
  return app;
}
