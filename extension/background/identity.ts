import browser, { readSettings } from '../shared/browser.ts';
import { apiRoute } from '../shared/api-route.ts';
import type { IdentityState } from '../shared/protocol.ts';
import { serverInfo } from './server.ts';

/**
 * Who the person is to the Ruche server, and the token that says so. The token lives here, in the
 * background, and in `storage.session` (memory only, not readable by content scripts) so that a
 * service worker woken again does not ask for it anew; it never goes to a page.
 *
 * It is obtained the way the widgets obtain it in that deployment:
 * - token mode: the intranet's token endpoint (`tokenUrl`), called with the person's intranet
 *   cookies (the extension has host access to it: it is one of the enabled sites, or was granted
 *   when it was saved);
 * - demo mode: the person picked in the panel or the options page (`POST /api/demo/token`); the
 *   choice (not the token) is kept in `storage.local`;
 * - header mode: the SSO proxy in front of Ruche knows the person by its cookies: requests are sent
 *   with them, and there is no token.
 */
interface Grant {
  server: string;
  token: string;
  expiresAt: string;
}

interface DemoChoice {
  server: string;
  sub: string;
}

const GRANT = 'grant';
const DEMO = 'demoPerson';
const EARLY_MS = 60_000;
const alive = (grant: Grant | undefined, server: string): grant is Grant =>
  !!grant && grant.server === server && Date.parse(grant.expiresAt) - EARLY_MS > Date.now();

type Listener = (state: IdentityState) => void;
const listeners = new Set<Listener>();
let fetching: Promise<string | null> | null = null;
/** The token endpoint said "not signed in": ask again only after a while. */
let signedOutUntil = 0;
let lastState: IdentityState | null = null;

export function onIdentityChange(listener: Listener): void {
  listeners.add(listener);
}

async function storedGrant(): Promise<Grant | undefined> {
  return ((await browser.storage.session.get(GRANT)) as { grant?: Grant }).grant;
}

/** The token to send to `server` now, or null (anonymous, or header mode). */
export async function token(): Promise<string | null> {
  const { serverUrl } = await readSettings();
  if (!serverUrl) return null;
  const grant = await storedGrant();
  if (alive(grant, serverUrl)) return grant.token;
  fetching ??= newToken(serverUrl).finally(() => (fetching = null));
  return fetching;
}

async function newToken(server: string): Promise<string | null> {
  const { auth } = await serverInfo(server);
  let grant: Grant | null = null;
  if (auth === 'demo') {
    const choice = await demoChoice(server);
    if (!choice) return null;
    const route = apiRoute('POST', server, '/api/demo/token');
    const response = await fetch(route.url, {
      method: route.method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ sub: choice.sub }),
      credentials: 'omit',
      cache: 'no-store',
    }).catch(() => null);
    const body = response?.ok ? await route.read(response) : null;
    if (body?.token && body.expiresAt) grant = { server, token: body.token, expiresAt: body.expiresAt };
  } else if (auth === 'token') {
    const { tokenUrl } = await readSettings();
    if (!tokenUrl || Date.now() < signedOutUntil) return null;
    // The intranet knows the person by its own session cookie.
    const response = await fetch(tokenUrl, { credentials: 'include', headers: { Accept: 'application/json' }, cache: 'no-store' }).catch(() => null);
    const body = response?.ok ? ((await response.json().catch(() => null)) as { token?: unknown; expiresAt?: unknown } | null) : null;
    if (typeof body?.token === 'string') {
      const expiresAt = typeof body.expiresAt === 'string' && Date.parse(body.expiresAt) - EARLY_MS > Date.now() ? body.expiresAt : new Date(Date.now() + EARLY_MS + 30_000).toISOString();
      grant = { server, token: body.token, expiresAt };
    } else signedOutUntil = Date.now() + EARLY_MS;
  }
  if (!grant) return null;
  await browser.storage.session.set({ [GRANT]: grant });
  return grant.token;
}

/** The API refused `refused` (401): forget it, so that the next request gets another or none. */
export async function rejected(refused: string): Promise<void> {
  const grant = await storedGrant();
  if (grant?.token === refused) await browser.storage.session.remove(GRANT);
  void changed();
}

async function demoChoice(server: string): Promise<DemoChoice | null> {
  const choice = ((await browser.storage.local.get(DEMO)) as { demoPerson?: DemoChoice }).demoPerson;
  return choice?.server === server ? choice : null;
}

/** Demo mode: act as `sub` from now on ('' for nobody), in every tab. */
export async function chooseDemoPerson(sub: string): Promise<IdentityState> {
  const { serverUrl } = await readSettings();
  await browser.storage.session.remove(GRANT);
  if (sub && serverUrl) await browser.storage.local.set({ [DEMO]: { server: serverUrl, sub } satisfies DemoChoice });
  else await browser.storage.local.remove(DEMO);
  return changed();
}

/** Who the person is now, as the page world may know it. */
export async function identityState(): Promise<IdentityState> {
  const { serverUrl, tokenUrl } = await readSettings();
  if (!serverUrl) return { mode: null, person: null, problem: 'unreachable' };
  const { auth } = await serverInfo(serverUrl);
  if (auth === null) return { mode: null, person: null, problem: 'unreachable' };
  const bearer = auth === 'header' ? null : await token();
  if (auth !== 'header' && !bearer) {
    return { mode: auth, person: null, ...(auth === 'token' ? { problem: tokenUrl ? ('signed-out' as const) : ('no-token-url' as const) } : {}) };
  }
  const route = apiRoute('GET', serverUrl, '/api/me');
  const response = await fetch(route.url, {
    headers: { Accept: 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
    credentials: auth === 'header' ? 'include' : 'omit',
    cache: 'no-store',
  }).catch(() => null);
  if (response?.status === 401 && bearer) {
    await browser.storage.session.remove(GRANT);
    return { mode: auth, person: null, problem: auth === 'token' ? 'signed-out' : undefined };
  }
  const me = response?.ok ? await route.read(response) : null;
  const choice = auth === 'demo' ? await demoChoice(serverUrl) : null;
  return { mode: auth, person: me ? { name: me.name, ...(choice ? { sub: choice.sub } : {}) } : null };
}

/** Tells every open panel when the person changed. */
async function changed(): Promise<IdentityState> {
  const state = await identityState();
  if (JSON.stringify(state) !== JSON.stringify(lastState)) for (const listener of listeners) listener(state);
  lastState = state;
  return state;
}

/** The server or the token endpoint changed: start afresh. */
export async function forgetIdentity(): Promise<void> {
  signedOutUntil = 0;
  await browser.storage.session.remove(GRANT);
  void changed();
}
