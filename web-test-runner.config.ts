/**
 * Widget tests in real Chromium (Debian's), against a REAL Ruche API started here: one server with
 * signed tokens (most tests) and one in demo mode (the identity picker), each on an embedded database
 * in a temporary folder, with CORS open to this test server's origin.
 *
 *   npm run test:widgets
 *
 * Run under tsx (the npm script does it) so that this file can start the API from its sources.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import type { TestRunnerConfig, TestRunnerPlugin } from '@web/test-runner';
import type { CDPSession } from 'playwright-core';
import { playwrightLauncher, type PlaywrightLauncher } from '@web/test-runner-playwright';
import { loadConfig } from './api/config.ts';
import { signToken } from './api/identity/token.ts';
import { startServer, type RunningServer } from './api/server.ts';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROME)) {
  console.error(
    `Chromium is not at ${CHROME}. Install Debian's (apt-get install -y chromium) or set CHROME_PATH to a Chromium binary.`,
  );
  process.exit(1);
}
// The network is closed here: without these, Chromium keeps trying to reach the internet.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const SECRET = 'widget-tests-secret-long-enough-for-hs256';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const folders: string[] = [];

async function api(env: Record<string, string>): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ruche-widget-tests-'));
  folders.push(dataDir);
  return startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      RUCHE_DATA: dataDir,
      RUCHE_ORIGINS: origin,
      RUCHE_LOG: 'silent',
      RUCHE_WRITE_RATE: '6000',
      RUCHE_WRITE_BURST: '6000',
      ...env,
    }),
  );
}

const staleGiven = new Set<string>();
/** The DevTools sessions that make a test page a phone (`ruche-phone`), kept for its taps. */
const phones = new Map<string, CDPSession>();
/** While true, the failing API (/test-failing/…) answers every request with a server error (`ruche-failing`). */
let failing = true;
/** Paths the test server answers late, once (see the `ruche-slow` command): a chunk on a slow network. */
const slow = new Map<string, number>();
const tokenServer = await api({ RUCHE_JWT_SECRET: SECRET, RUCHE_ANONYMOUS_READ: 'true' });
const demoServer = await api({ RUCHE_AUTH: 'demo', RUCHE_DEMO_SEED: 'false' });

/**
 * What the tests ask the Node side for: where the APIs are, identity tokens as an intranet would sign
 * them, a module served late (`ruche-slow`, to type before a lazily loaded chunk arrives), a failing
 * server that comes back (`ruche-failing`), a phone (`ruche-phone`, `ruche-tap`).
 */
const rucheApi: TestRunnerPlugin = {
  name: 'ruche-api',
  async executeCommand({ command, payload, session }) {
    if (command === 'ruche-config') return { api: `${tokenServer.url}/`, demoApi: `${demoServer.url}/` };
    if (command === 'ruche-failing') {
      failing = (payload as { failing: boolean }).failing;
      return true;
    }
    if (command === 'ruche-phone') {
      // This test page becomes a phone (390 × 844, touch, no hover), as Playwright's `hasTouch` and
      // `isMobile` would make a new context, but for this page only, so a phone test runs with
      // `--files` like any other. What makes `(hover: none)` and `(pointer: coarse)` match in
      // Chromium is touch emulation (the primary pointer becomes a finger): `isMobile` alone changes
      // neither, and `Emulation.setEmulatedMedia` ignores the `hover` and `pointer` features.
      // Taps are sent as touches (`ruche-tap`): `setEmitTouchEventsForMouse` would turn Playwright's
      // mouse into a finger too, but its clicks then never complete.
      const page = (session.browser as PlaywrightLauncher).getPage(session.id);
      const cdp = await page.context().newCDPSession(page);
      phones.set(session.id, cdp);
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 3, mobile: true });
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
      return true;
    }
    if (command === 'ruche-tap') {
      const cdp = phones.get(session.id);
      if (!cdp) throw new Error('ruche-tap: call ruche-phone first');
      const { x, y } = payload as { x: number; y: number };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      return true;
    }
    if (command === 'ruche-slow') {
      const { path, ms } = payload as { path: string; ms: number };
      slow.set(path, ms);
      return true;
    }
    if (command === 'ruche-last-week') {
      // The pulse shows whole weeks only: a space's activity of today is moved a week back, into the last whole week.
      const { space } = payload as { space: string };
      const sql = tokenServer.database.sql;
      const [row] = await sql<{ id: string }[]>`select id from spaces where slug = ${space}`;
      await sql`update comments set created_at = created_at - interval '7 days', answered_at = answered_at - interval '7 days' where space_id = ${row!.id}`;
      await sql`update ideas set created_at = created_at - interval '7 days' where space_id = ${row!.id}`;
      await sql`update idea_votes v set created_at = v.created_at - interval '7 days' from ideas i where i.id = v.idea_id and i.space_id = ${row!.id}`;
      await sql`update reading_days set day = day - 7 where space_id = ${row!.id}`;
      return true;
    }
    if (command === 'ruche-token') {
      const claims = payload as { sub: string; name?: string; admin?: boolean; ttl?: number };
      return signToken({ name: claims.sub, ...claims }, SECRET, claims.ttl ?? 3600);
    }
    return undefined;
  },
  // An intranet's token endpoint, for <ruche-provider token-url>: /test-token?sub=… (401 without sub;
  // with &stale=1, the first token it gives each sub is signed with another secret, as after a rotation).
  async serve(context) {
    // A Ruche API whose server fails (500 to everything) until told it is back (`ruche-failing`);
    // then it forwards reads to the token server. It cannot stream: /api/events keeps failing.
    if (context.path.startsWith('/test-failing/')) {
      const path = context.path.slice('/test-failing'.length);
      if (failing || path === '/api/events') {
        context.status = 500;
        return { body: '{"error":{"code":"internal","message":"The server failed."}}', type: 'json' };
      }
      const authorization = context.get('authorization');
      const response = await fetch(`${tokenServer.url}${path}${context.URL.search}`, { headers: authorization ? { authorization } : {} });
      context.status = response.status;
      return { body: await response.text(), type: 'json' };
    }
    if (context.path !== '/test-token') return undefined;
    const sub = context.URL.searchParams.get('sub');
    if (!sub) {
      context.status = 401;
      return { body: '{"error":"not signed in"}', type: 'json' };
    }
    const ttl = Number(context.URL.searchParams.get('ttl') ?? 3600);
    const stale = context.URL.searchParams.has('stale') && !staleGiven.has(sub);
    if (stale) staleGiven.add(sub);
    const token = await signToken({ sub, name: sub }, stale ? `${SECRET}-rotated-away` : SECRET, ttl);
    return { body: JSON.stringify({ token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() }), type: 'json' };
  },
  async serverStop() {
    await Promise.all([tokenServer.close(), demoServer.close()]);
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  },
};

const config: TestRunnerConfig = {
  rootDir: '.',
  files: ['test/widgets/**/*.test.ts'],
  hostname: '127.0.0.1',
  port,
  nodeResolve: true,
  middleware: [
    // Each test page fetches the widgets' modules itself (no cache shared between test files), and a
    // module asked to be slow (`ruche-slow`) is answered late, once.
    async (context, next) => {
      const delay = slow.get(context.path);
      if (delay !== undefined) {
        slow.delete(context.path);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      await next();
      if (context.path.startsWith('/widgets/')) context.set('Cache-Control', 'no-store');
    },
  ],
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 15_000 } },
  // Every test page is a French legacy intranet page: Prototype-era prototype patches included.
  testRunnerHtml: (testFramework) => `<!DOCTYPE html>
    <html lang="fr">
      <head><meta charset="utf-8"><script src="/demo/site/js/legacy.js"></script></head>
      <body><script type="module" src="${testFramework}"></script></body>
    </html>`,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), rucheApi],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROME, headless: true, args: FLAGS },
    }),
  ],
};

export default config;
