import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../context.ts';
import { compressedFiles } from '../http/compression.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WIDGETS_DIR = `${ROOT}dist/widgets`;
const DEMO_DIR = `${ROOT}demo/site`;

/**
 * The widget bundle, as intranet pages load it from another origin: `/ruche.js` (the small loader,
 * kept 5 minutes, then revalidated with its ETag, so a new release reaches pages soon and costs a
 * 304 otherwise) and `/chunks/*` (content-hashed: cached for a year, never revalidated). Each is
 * sent as the brotli or gzip copy the build made beside it when the browser accepts one. Module
 * scripts are fetched in CORS mode, hence the open CORS header: the bundle is public code, the data
 * behind the API is not.
 *
 * Nothing more, since every widget page gets these answers: a module script is read only with a
 * JavaScript type (no sniffing to forbid) and always in CORS mode (a resource policy does not apply
 * to it, and the open CORS header already lets a cross-origin-isolated page load it); no
 * Last-Modified, which the loader's ETag makes useless and hashed chunks never need.
 */
export function staticRoutes() {
  const app = new Hono<AppEnv>();
  const withoutLastModified: MiddlewareHandler = async (c, next) => {
    await next();
    c.res.headers.delete('Last-Modified');
  };
  const publicCode = (cacheControl: string) =>
    serveStatic({
      root: WIDGETS_DIR,
      precompressed: true,
      onFound: (_path, c) => {
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Cache-Control', cacheControl);
        // Also on an uncompressed answer, so that a shared cache does not hand it to every browser.
        c.header('Vary', 'Accept-Encoding');
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
  app.use('/ruche.js', withoutLastModified, etag(), publicCode('public, max-age=300, must-revalidate'));
  app.use('/chunks/*', withoutLastModified, publicCode('public, max-age=31536000, immutable'));

  // The demo intranet, as a web server would serve it (its files compressed once, kept in memory).
  app.get('/', (c) => c.redirect('/demo/'));
  app.get('/demo', (c) => c.redirect('/demo/'));
  const demoFiles = new WeakMap<Context, string>();
  app.use(
    '/demo/*',
    compressedFiles((c) => demoFiles.get(c)),
    serveStatic({
      root: DEMO_DIR,
      rewriteRequestPath: (path) => path.replace(/^\/demo/, '') || '/',
      onFound: (path, c) => void demoFiles.set(c, path),
    }),
  );
  return app;
}
