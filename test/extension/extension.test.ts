/**
 * The Ruche extension in real Chromium: the built, unpacked Chrome extension, a real Ruche server in
 * demo mode, and a test intranet on another port with two pages on ONE canonical URL — one with a
 * strict CSP and no Ruche code (the ERP page nobody can edit), one embedding the widgets.
 *
 *   npm run test:extension          (builds, then runs test/extension/*.test.ts)
 *
 * The site is enabled as a person does it, in the options page; the browser's access prompt, which
 * headless Chromium cannot show, is answered beforehand on chrome://extensions (see grantSiteAccess).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, until } from '../e2e/browser.ts';
import { grantedPermissions, grantSiteAccess, launchWithExtension, registeredScripts, startRuche, startSite, WATCH_JS, watched, type Site } from './support.ts';

const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
const tag = Date.now().toString(36);

/** A legacy stylesheet with the habits that break embedded UIs. */
const LEGACY_CSS = `
* { font-family: "Comic Sans MS", cursive !important; line-height: 1.1 !important; }
body { margin: 0; font-size: 11px; text-indent: 2em; }
button, select { background: #f0f !important; border: 3px solid lime !important; }
div { padding: 4px; }
#page { width: 900px; margin: 0 auto; }
`;

function erpPage(canonical: string, body: string, head = ''): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Procédure de clôture mensuelle - Portail ERP</title>
<link rel="canonical" href="${canonical}">
<script src="/watch.js"></script>
<link rel="stylesheet" href="/legacy.css">
${head}
</head>
<body>
<div id="page">
<h1>Procédure de clôture mensuelle</h1>
<p id="lead">Les écritures de la période doivent être validées avant le 3 du mois suivant.</p>
${body}
</div>
</body>
</html>`;
}

let ruche: Awaited<ReturnType<typeof startRuche>>;
let site: Site;
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let context: BrowserContext;
const problems: string[] = [];

/** Opens a page of the test intranet, recording every error it reports. */
async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`${path}: pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${path}: console ${message.type()}: ${message.text()}`);
  });
  await page.goto(`${site.origin}${path}`);
  return page;
}

const panel = (page: Page) => page.locator('ruche-extension');
const panelComment = (page: Page, words: string) => page.locator('ruche-extension ruche-comments article.comment', { hasText: words });

describe('the Ruche extension in Chromium', { timeout: 5 * 60_000 }, () => {
  before(
    async () => {
      // The intranet's origin must be known to the server (CORS for the embedded page): listen first.
      site = await startSite();
      ruche = await startRuche({ RUCHE_ORIGINS: site.origin, RUCHE_DEMO_SEED: 'false' });
      const canonical = `${site.origin}/erp/cloture`;
      site.serve({
        '/watch.js': ['text/javascript', WATCH_JS],
        '/favicon.ico': ['image/x-icon', ''],
        '/legacy.css': ['text/css', LEGACY_CSS],
        '/erp/cloture': ['text/html', erpPage(canonical, '<p>Aucune ligne de Ruche ici.</p>'), { 'Content-Security-Policy': STRICT_CSP }],
        '/erp/cloture-avec-ruche': [
          'text/html',
          erpPage(
            canonical,
            '<p>Vous êtes : <ruche-demo-picker></ruche-demo-picker></p><ruche-like></ruche-like><ruche-comments></ruche-comments>',
            `<script type="module" src="${ruche.url}/ruche.js"></script>`,
          ),
        ],
      });
      browser = await launchWithExtension();
      context = browser.context;
    },
    { timeout: 120_000 },
  );

  after(async () => {
    await browser?.dispose();
    await site?.close();
    await ruche?.dispose();
  });

  test('it asks for no host access at install, and adds nothing to a page before a site is enabled', async () => {
    const permissions = await grantedPermissions(browser.worker);
    assert.deepEqual(permissions.origins, []);
    assert.deepEqual([...(permissions.permissions ?? [])].sort(), ['activeTab', 'scripting', 'storage']);
    const page = await open('/erp/cloture');
    await page.waitForLoadState('load');
    assert.equal(await panel(page).count(), 0);
    await page.close();
  });

  test('a person enables the site in the options page: the Ruche server, then the site', async () => {
    await grantSiteAccess(context, browser.id, [site.origin, ruche.url]);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${browser.id}/options.html`);
    await options.locator('#server-url').fill(`${ruche.url}/`);
    await options.locator('#save-server').click();
    await until('the options page to say the server is a demo server', async () => /démonstration/.test((await options.locator('#server-status').textContent()) ?? ''));
    await options.locator('#new-site').fill(site.origin);
    await options.locator('#add-site').click();
    await options.locator(`li[data-site="${site.origin}"]`).waitFor();
    assert.equal(await options.locator(`li[data-site="${site.origin}"] .badge`).count(), 0, 'access granted');
    await until('the content scripts to be registered', async () => {
      const scripts = await registeredScripts(browser.worker);
      return scripts.length === 2 && scripts.every((script) => script.matches?.includes(`${site.origin}/*`));
    });
    const scripts = await registeredScripts(browser.worker);
    assert.deepEqual(scripts.map((s) => [s.id, s.world ?? 'ISOLATED', s.runAt]).sort(), [
      ['ruche-bridge', 'ISOLATED', 'document_start'],
      ['ruche-page', 'MAIN', 'document_start'],
    ]);
    await options.close();
  });

  let erp: Page;

  test('on the strict-CSP page, a person opens the panel, picks who they are and comments', async () => {
    erp = await open('/erp/cloture');
    const lead = await erp.locator('#lead').boundingBox();
    const launcher = erp.locator('ruche-extension button.launcher');
    await launcher.waitFor();
    await launcher.click();
    const picker = erp.locator('ruche-extension .who select');
    await picker.locator('option[value="karim.haddad"]').waitFor({ state: 'attached' });
    await picker.selectOption('karim.haddad');
    const composer = erp.locator('ruche-extension ruche-comments form.composer.main');
    await composer.locator('textarea').waitFor();
    await composer.locator('textarea').fill(`Depuis l’extension ${tag} : la clôture passe au 5 ce mois-ci ?`);
    await composer.locator('button.btn.primary').click();
    await panelComment(erp, `Depuis l’extension ${tag}`).waitFor();
    assert.match(await panelComment(erp, `Depuis l’extension ${tag}`).innerText(), /Karim Haddad/);
    // The page did not move, saw no port, and its CSP refused nothing.
    assert.deepEqual(await erp.locator('#lead').boundingBox(), lead);
    const seen = await watched(erp);
    assert.deepEqual(seen.violations, []);
    assert.equal(seen.portsSeen, 0, 'no page listener saw the bridge’s port');
    assert.equal(seen.messagesSeen, 0, 'no message crossed the page’s window');
    assert.deepEqual(seen.shifts, []);
    // Ruche's elements live in the page's registry (MAIN world); the page's CSS did not reach the panel.
    assert.equal(await erp.evaluate(() => typeof customElements.get('ruche-comments')), 'function');
    const font = await composer.locator('textarea').evaluate((element) => getComputedStyle(element).fontFamily);
    assert.doesNotMatch(font, /Comic/);
  });

  test('a page that embeds Ruche gets no second layer, and shows the comment written in the panel', async () => {
    const embedded = await open('/erp/cloture-avec-ruche');
    const picker = embedded.locator('ruche-demo-picker select');
    await picker.locator('option[value="sophie.dubois"]').waitFor({ state: 'attached' });
    await picker.selectOption('sophie.dubois');
    const fromPanel = embedded.locator('ruche-comments article.comment', { hasText: `Depuis l’extension ${tag}` });
    await fromPanel.waitFor();
    assert.match(await fromPanel.innerText(), /Karim Haddad/);
    assert.equal(await panel(embedded).count(), 0, 'no launcher on a page with Ruche');

    // Sophie answers in the embedded widget; Karim's open panel shows it live.
    const composer = embedded.locator('ruche-comments form.composer.main');
    await composer.locator('textarea').fill(`Réponse depuis la page ${tag} : oui, le 5.`);
    await composer.locator('button.btn.primary').click();
    await embedded.locator('ruche-comments article.comment', { hasText: `Réponse depuis la page ${tag}` }).waitFor();
    await panelComment(erp, `Réponse depuis la page ${tag}`).waitFor({ timeout: 20_000 });
    assert.equal(await panel(embedded).count(), 0);
    await embedded.close();
  });

  test('in a single-page app that moves to another page, the open panel follows it, and back', async () => {
    const panelSubject = () => erp.locator('ruche-extension ruche-comments').getAttribute('subject');
    const move = (path: string) =>
      erp.evaluate((to) => {
        document.querySelector<HTMLLinkElement>('link[rel=canonical]')!.href = new URL(to, location.href).href;
        history.pushState(null, '', to);
      }, path);
    await move('/erp/fournisseurs');
    await until('the panel to show the new page', async () => (await panelSubject()) === `${site.origin}/erp/fournisseurs`);
    await erp.locator('ruche-extension ruche-comments form.composer.main textarea').waitFor();
    assert.equal(await panelComment(erp, `Depuis l’extension ${tag}`).count(), 0, 'another page, another discussion');
    assert.equal(await erp.evaluate(() => document.activeElement?.localName), 'ruche-extension', 'the focus stayed in the panel');
    await move('/erp/cloture');
    await panelComment(erp, `Depuis l’extension ${tag}`).waitFor();
    assert.equal(await panelSubject(), `${site.origin}/erp/cloture`);
  });

  test('the panel leaves no global behind in the page', async () => {
    // The same page in a browser without the extension: its own globals, and nothing more.
    const plain = await launchChromium();
    try {
      const page = await plain.newPage();
      await page.goto(`${site.origin}/erp/cloture`);
      const without = new Set(await page.evaluate(() => Object.getOwnPropertyNames(window)));
      const withExtension = await erp.evaluate(() => Object.getOwnPropertyNames(window));
      assert.deepEqual(withExtension.filter((name) => !without.has(name)), []);
    } finally {
      await plain.close();
    }
  });

  test('Escape closes the panel: its widgets go (and their live stream with them), the focus returns to the launcher', async () => {
    await erp.keyboard.press('Escape');
    await until('the panel to close', async () => (await erp.locator('ruche-extension .panel').count()) === 0);
    assert.equal(await erp.locator('ruche-extension ruche-comments').count(), 0);
    assert.equal(await erp.evaluate(() => document.activeElement?.localName), 'ruche-extension', 'focus back on the launcher');
    await erp.close();
  });

  test('the toolbar popup offers nothing on a page that is not a web page (here, itself)', async () => {
    const popup = await context.newPage();
    popup.on('pageerror', (error) => problems.push(`popup: pageerror: ${error.message}`));
    await popup.goto(`chrome-extension://${browser.id}/popup.html`);
    await popup.locator('#popup .help', { hasText: 'pages web' }).waitFor();
    assert.equal(await popup.locator('#popup button').count(), 0);
    await popup.close();
  });

  test('no page reported an error or a warning', () => {
    assert.deepEqual(problems, []);
  });
});

