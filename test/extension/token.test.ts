/**
 * The extension with a Ruche server in token mode: the person's identity comes from the intranet's
 * token endpoint, called by the extension's background with the person's intranet cookies (as
 * `<ruche-provider token-url>` does in a page), and the token never reaches the page.
 *
 *   npm run test:extension
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { until } from '../e2e/browser.ts';
import { signToken } from '../../api/identity/token.ts';
import { badge, grantSiteAccess, launchWithExtension, localSettings, setLocalSettings, startRuche, startSite, type Site } from './support.ts';

const SECRET = 'extension-tests-secret-long-enough-for-hs256';
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
const tag = Date.now().toString(36);

let ruche: Awaited<ReturnType<typeof startRuche>>;
let site: Site;
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
/** Who called the token endpoint: the page (Sec-Fetch-Site: same-origin) or the extension (none: no page behind it). */
const tokenCalls: { site: string | undefined; signedIn: boolean }[] = [];
const issued: string[] = [];
const problems: string[] = [];

/**
 * The intranet's token endpoint: a token for the person its session cookie names, else 401. (Signed
 * ahead, once: signing is asynchronous and the test site answers synchronously.)
 */
function tokenEndpoint(tokens: Map<string, string>) {
  return (request: IncomingMessage): [string, string, Record<string, string>, number] => {
    const sub = /(?:^|;\s*)intranet_session=([\w.]+)/.exec(request.headers.cookie ?? '')?.[1];
    tokenCalls.push({ site: request.headers['sec-fetch-site'] as string | undefined, signedIn: !!sub });
    const token = sub ? tokens.get(sub) : undefined;
    if (!token) return ['application/json', '{"error":"not signed in"}', {}, 401];
    return ['application/json', JSON.stringify({ token, expiresAt: new Date(Date.now() + 600_000).toISOString() }), {}, 200];
  };
}

describe('the extension in token mode', { timeout: 3 * 60_000 }, () => {
  before(
    async () => {
      site = await startSite();
      ruche = await startRuche({ RUCHE_AUTH: 'token', RUCHE_JWT_SECRET: SECRET, RUCHE_ANONYMOUS_READ: 'true' });
      const karim = await signToken({ sub: 'karim.haddad', name: 'Karim Haddad' }, SECRET, 600);
      issued.push(karim);
      site.serve({
        '/favicon.ico': ['image/x-icon', ''],
        '/wiki/conges': [
          'text/html',
          `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Congés 2026 - Wiki RH</title></head><body><h1>Congés 2026</h1><p>Les dates de fermeture.</p></body></html>`,
          { 'Content-Security-Policy': STRICT_CSP },
        ],
        '/sso/ruche-token': tokenEndpoint(new Map([['karim.haddad', karim]])),
      });
      browser = await launchWithExtension();
      // The person is signed in to the intranet (its session cookie, SameSite=Lax by default).
      await browser.context.addCookies([{ name: 'intranet_session', value: 'karim.haddad', url: site.origin }]);
    },
    { timeout: 120_000 },
  );

  after(async () => {
    await browser?.dispose();
    await site?.close();
    await ruche?.dispose();
  });

  test('the options page takes the token endpoint, and knows the person from it', async () => {
    const { context, id } = browser;
    await grantSiteAccess(context, id, [site.origin, ruche.url]);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    await options.locator('#server-url').fill(ruche.url);
    await options.locator('#save-server').click();
    await options.locator('#server-status', { hasText: 'jeton' }).waitFor();
    await options.locator('#token-url').fill(`${site.origin}/sso/ruche-token`);
    await options.locator('#token-url + button').click();
    await options.locator('#identity-state', { hasText: 'Karim Haddad' }).waitFor();
    await options.locator('#new-site').fill(site.origin);
    await options.locator('#add-site').click();
    await options.locator(`li[data-site="${site.origin}"]`).waitFor();
    await options.close();
  });

  test('in the panel, the person is who the intranet says, and comments as them; the page never holds the token', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(`${site.origin}/wiki/conges`);
    await page.locator('ruche-extension button.launcher').click();
    await page.locator('ruche-extension .who', { hasText: 'Karim Haddad' }).waitFor();
    const composer = page.locator('ruche-extension ruche-comments form.composer.main');
    await composer.locator('textarea').fill(`Par jeton ${tag}`);
    await composer.locator('button.btn.primary').click();
    const posted = page.locator('ruche-extension ruche-comments article.comment', { hasText: `Par jeton ${tag}` });
    await posted.waitFor();
    assert.match(await posted.innerText(), /Karim Haddad/);

    // Every call to the token endpoint came from the extension, with the person's cookie.
    assert.ok(tokenCalls.length > 0);
    for (const call of tokenCalls) {
      assert.equal(call.site, 'none', 'called by the extension, not by a page');
      assert.ok(call.signedIn, 'with the intranet session cookie');
    }
    // The page world never saw it: not in its DOM, not among the requests it made.
    const seen = await page.evaluate(() => ({
      html: document.documentElement.outerHTML + (document.querySelector('ruche-extension')?.shadowRoot?.innerHTML ?? ''),
      requests: performance.getEntriesByType('resource').map((entry) => entry.name),
    }));
    for (const token of issued) assert.ok(!seen.html.includes(token));
    const own = seen.requests.filter((url) => url.startsWith(ruche.url) || url.includes('/sso/'));
    assert.deepEqual(own, [], 'the page itself asked neither the API nor the token endpoint: the extension did');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a token endpoint without access (an administrator’s, on no enabled site): the options page and the toolbar button say so', async () => {
    const { context, id, worker } = browser;
    const { tokenUrl } = (await localSettings(worker, ['tokenUrl'])) as { tokenUrl: string };
    // Headless Chromium takes no policy here: the person's setting stands in for the administrator's.
    const elsewhere = 'http://127.0.0.1:1';
    await setLocalSettings(worker, { tokenUrl: `${elsewhere}/sso/ruche-token` });
    try {
      await until('the badge', async () => (await badge(worker)).text === '!');
      const options = await context.newPage();
      await options.goto(`chrome-extension://${id}/options.html`);
      const grant = options.locator(`#token-access button.grant[data-origin="${elsewhere}"]`);
      await grant.waitFor();
      // Granted (as a person does on the extension's page, the prompt resolving at once): the note goes.
      await grantSiteAccess(context, id, [elsewhere]);
      await grant.click();
      await until('the note to go', async () => (await options.locator('#token-access').count()) === 0);
      await until('the badge to go', async () => (await badge(worker)).text === '');
      await options.close();
    } finally {
      await setLocalSettings(worker, { tokenUrl });
    }
  });
});
