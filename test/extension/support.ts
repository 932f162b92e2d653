import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { loadConfig } from '../../api/config.ts';
import { startServer, type RunningServer } from '../../api/server.ts';
import { FLAGS } from '../e2e/browser.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
export const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** A Ruche server in demo mode, in this process, on an embedded database in a temporary folder. */
export async function startRuche(env: Record<string, string>): Promise<RunningServer & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ruche-extension-tests-'));
  const server = await startServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', RUCHE_DATA: dataDir, RUCHE_AUTH: 'demo', RUCHE_LOG: 'silent', ...env }),
  );
  return {
    ...server,
    async dispose() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Answer = [type: string, body: string, headers?: Record<string, string>, status?: number];
/** What a site serves: a path's answer, or a function making it for each request (an SSO endpoint). */
export type Pages = Record<string, Answer | ((request: IncomingMessage) => Answer)>;

export interface Site {
  origin: string;
  /** What the site serves from now on. */
  serve(pages: Pages): void;
  close(): Promise<void>;
}

/** An intranet site on a port of its own (its origin is known before its pages are). */
export async function startSite(): Promise<Site> {
  let pages: Pages = {};
  const server: Server = createServer((request, response) => {
    const page = pages[new URL(request.url ?? '/', 'http://x').pathname];
    if (!page) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const [type, body, headers, status = 200] = typeof page === 'function' ? page(request) : page;
    response.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store', ...headers }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    serve: (next) => void (pages = next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Chromium with the built, unpacked Chrome extension (a copy of `dist/extension/chrome`, so that a
 * build elsewhere in the repository does not change it midway), headless, in a fresh profile.
 */
export async function launchWithExtension(viewport = { width: 1280, height: 860 }): Promise<{ context: BrowserContext; worker: Worker; id: string; dispose(): Promise<void> }> {
  if (!existsSync(CHROME)) {
    throw new Error(`Chromium is not at ${CHROME}. Install Debian's (apt-get install -y chromium) or set CHROME_PATH.`);
  }
  const built = join(ROOT, 'dist/extension/chrome');
  if (!existsSync(join(built, 'manifest.json'))) throw new Error('The extension is not built: run `npm run build` (npm run test:extension does).');
  const scratch = mkdtempSync(join(tmpdir(), 'ruche-extension-browser-'));
  const extension = join(scratch, 'extension');
  cpSync(built, extension, { recursive: true });
  const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: CHROME,
    headless: true,
    locale: 'fr-FR',
    viewport,
    args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, ...FLAGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    id: new URL(worker.url()).host,
    async dispose() {
      await context.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * What a person does on the extension's page in `chrome://extensions` ("Site access: on specific
 * sites → add"): grant the extension access to a site. Headless Chromium cannot show the prompt of
 * `permissions.request()` to anyone; once a site is granted this way, the options page's own request
 * for it resolves at once, without a prompt, and everything else runs as for a person.
 */
export async function grantSiteAccess(context: BrowserContext, id: string, origins: string[]): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome://extensions/?id=${id}`);
  await page.evaluate(
    async ({ id, origins }) => {
      const api = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome;
      for (const origin of origins) await api.developerPrivate.addHostPermission(id, `${origin}/*`);
    },
    { id, origins },
  );
  await page.close();
}

/** A page script of the test site: what a page could observe of the extension. */
export const WATCH_JS = readFileSync(new URL('./watch.js', import.meta.url), 'utf8');
/** A page script that catches the bridge's port and asks for more than the panel does (see attack.js). */
export const ATTACK_JS = readFileSync(new URL('./attack.js', import.meta.url), 'utf8');

export interface Watched {
  violations: string[];
  portsSeen: number;
  messagesSeen: number;
  shifts: { value: number; sources: string[] }[];
}

export const watched = (page: Page) => page.evaluate(() => (window as unknown as { __watched: Watched }).__watched);

/** The extension's state, as its service worker sees it (`chrome.*` there). */
interface ChromeApi {
  permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; world?: string; runAt?: string }[]> };
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
  storage: { local: { get(keys: string[]): Promise<Record<string, unknown>>; set(values: Record<string, unknown>): Promise<void> } };
}
const chromeIn = () => (globalThis as unknown as { chrome: ChromeApi }).chrome;

export const grantedPermissions = (worker: Worker) => worker.evaluate(`(${chromeIn})().permissions.getAll()`) as ReturnType<ChromeApi['permissions']['getAll']>;
export const registeredScripts = (worker: Worker) =>
  worker.evaluate(`(${chromeIn})().scripting.getRegisteredContentScripts()`) as ReturnType<ChromeApi['scripting']['getRegisteredContentScripts']>;
/** The toolbar button's badge and title. */
export const badge = (worker: Worker) =>
  worker.evaluate(`(async (chrome) => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) }))((${chromeIn})())`) as Promise<{ text: string; title: string }>;
/** The person's settings (`storage.local`), read or changed as the options page would. */
export const localSettings = (worker: Worker, keys: string[]) => worker.evaluate(`(${chromeIn})().storage.local.get(${JSON.stringify(keys)})`) as Promise<Record<string, unknown>>;
export const setLocalSettings = (worker: Worker, values: Record<string, unknown>) =>
  worker.evaluate(`(${chromeIn})().storage.local.set(${JSON.stringify(values)})`) as Promise<void>;

/** A demo person's token, from the Ruche server itself (as the demo picker gets one). */
export async function demoToken(server: string, sub: string): Promise<string> {
  const response = await fetch(`${server}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub }) });
  if (!response.ok) throw new Error(`demo token for ${sub}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** A call to the Ruche API from the test, as a person. */
export async function asPerson<T>(server: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
