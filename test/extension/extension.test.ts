/**
 * The Ruche extension in real Chromium: the built, unpacked Chrome extension, a real Ruche server in
 * demo mode, and a test intranet on another port with two pages on ONE canonical URL — one with a
 * strict CSP and no Ruche code (the ERP page nobody can edit), one embedding the widgets — and one
 * address without a canonical link served either way; a page whose script catches the bridge; a
 * single-page app that mounts Ruche of its own later.
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
import {
  asPerson,
  ATTACK_JS,
  badge,
  demoToken,
  grantedPermissions,
  grantSiteAccess,
  launchWithExtension,
  localSettings,
  registeredScripts,
  setLocalSettings,
  startRuche,
  startSite,
  WATCH_JS,
  watched,
  type Pages,
  type Site,
} from './support.ts';

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

/**
 * An HR page with no canonical link: its subject is its own address. Served without Ruche (strict
 * CSP) or embedding the widgets, at the same address.
 */
function notesPage(embed: string): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Notes de frais - RH en ligne</title>
<script src="/watch.js"></script>
<link rel="stylesheet" href="/legacy.css">
${embed ? `<script type="module" src="${embed}/ruche.js"></script>` : ''}
</head>
<body>
<div id="page">
<h1 id="bareme">Notes de frais</h1>
<p>Le barème kilométrique change au 1er janvier.</p>
${embed ? '<p>Vous êtes : <ruche-demo-picker></ruche-demo-picker></p><ruche-comments></ruche-comments>' : ''}
</div>
</body>
</html>`;
}

/** A single-page app's shell: its views (and, here, Ruche's widgets) are mounted by script later. */
const SPA = `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Portail RH</title></head>
<body><main id="app"><h1>Portail RH</h1><p>Chargement…</p></main></body>
</html>`;

let ruche: Awaited<ReturnType<typeof startRuche>>;
let pages: Pages;
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
      pages = {
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
        '/attack.js': ['text/javascript', ATTACK_JS],
        '/erp/attaque': ['text/html', erpPage(`${site.origin}/erp/attaque`, '<p>Une page qui en veut plus.</p>', '<script src="/attack.js"></script>'), { 'Content-Security-Policy': STRICT_CSP }],
        '/rh/notes': ['text/html', notesPage(''), { 'Content-Security-Policy': STRICT_CSP }],
        '/spa/app': ['text/html', SPA],
      };
      site.serve(pages);
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
    assert.deepEqual([...(permissions.permissions ?? [])].sort(), ['activeTab', 'alarms', 'scripting', 'storage']);
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

  test('the Experts tab lists the people who know about the page’s topic (its title), not the person themself', async () => {
    // Skills declared through the API, as people do in their profile: two know about month-end closing.
    for (const [sub, skills] of [
      ['sophie.dubois', ['Clôture mensuelle', 'Rapprochement bancaire']],
      ['julien.bernard', ['Clôture mensuelle', 'Gestion de projet']],
      ['thomas.moreau', ['Logistique', 'Caristes']],
      ['karim.haddad', ['Clôture mensuelle']],
    ] as const) {
      await asPerson(ruche.url, await demoToken(ruche.url, sub), 'PATCH', '/api/experts/profile', { skills });
    }
    await erp.locator('ruche-extension [role="tab"]', { hasText: 'Experts' }).click();
    const finder = erp.locator('ruche-extension ruche-expert-finder');
    await finder.locator('ruche-person h4#name').first().waitFor();
    await until('both experts to be listed', async () => (await finder.locator('ruche-person h4#name').count()) === 2);
    const names = (await finder.locator('ruche-person h4#name').allInnerTexts()).map((name) => name.trim()).sort();
    assert.deepEqual(names, ['Julien Bernard', 'Sophie Dubois'], 'Thomas knows other things; Karim, who reads the page, is not shown to himself');
    assert.match(await finder.locator('p.lead').innerText(), /Procédure de clôture mensuelle/, 'the topic is the page’s title without the site’s name');
    assert.equal(await finder.locator('.views').count(), 0, 'no profile in the panel, nor one’s data (never relayed)');
    await erp.locator('ruche-extension [role="tab"]', { hasText: 'Cette page' }).click();
    await panelComment(erp, `Depuis l’extension ${tag}`).waitFor();
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

  test('a page script that catches the bridge’s port gets no more than the panel’s own requests: the account stays', async () => {
    const karim = await demoToken(ruche.url, 'karim.haddad');
    const before = await asPerson<{ id: string; name: string }>(ruche.url, karim, 'GET', '/api/me');
    const page = await open('/erp/attaque');
    await page.locator('ruche-extension button.launcher').click();
    await page.locator('ruche-extension .who select option[value="karim.haddad"]').waitFor({ state: 'attached' });
    await until('the page script to hold the port', () => page.evaluate(() => !!(window as unknown as { __attack: { port: unknown } }).__attack.port));
    type Answer = { type: string; status?: number; body?: string; error?: string };
    const ask = (id: number, method: string, path: string, body?: unknown) =>
      page.evaluate(
        async ({ id, method, url, body }) => {
          const attack = (window as unknown as { __attack: { port: MessagePort; answers: Record<number, Answer[]> } }).__attack;
          const headers = { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': `attack-${id}` };
          attack.port.postMessage({ type: 'fetch', id, url, method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
          for (let i = 0; i < 200; i++) {
            const answer = attack.answers[id]?.find((message) => message.type === 'response' || message.type === 'end');
            if (answer) return answer;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return null;
        },
        { id, method, url: `${ruche.url}${path}`, body },
      );
    const refusal = (answer: Answer | null) => (answer?.status === 403 ? (JSON.parse(answer.body ?? '{}') as { error?: { code?: string } }).error?.code : `${answer?.status} ${answer?.error ?? ''}`);

    // The port works: what the panel's widgets ask for goes through.
    assert.equal((await ask(1e6, 'GET', '/api/health'))?.status, 200);
    // What they never ask for does not, however it is spelled.
    assert.equal(refusal(await ask(1e6 + 1, 'DELETE', '/api/me', { posts: 'delete_posts', whereDeletionForbidden: 'keep', confirm: true })), 'extension_refused');
    assert.equal(refusal(await ask(1e6 + 2, 'DELETE', '/api/%6De', { posts: 'keep_as_former_colleague', confirm: true })), 'extension_refused');
    assert.equal(refusal(await ask(1e6 + 3, 'GET', '/api/me/export')), 'extension_refused');
    assert.equal(refusal(await ask(1e6 + 4, 'POST', '/api/demo/%74oken', { sub: 'claire.martin' })), 'extension_refused');
    assert.equal(refusal(await ask(1e6 + 5, 'GET', '/api/moderation?space=default')), 'extension_refused');
    assert.equal(refusal(await ask(1e6 + 6, 'GET', '/api/pulse')), 'extension_refused');
    // The widgets' own client (reachable through the panel's open shadow root) is refused alike.
    const viaWidget = await page.evaluate(async () => {
      const comments = document.querySelector('ruche-extension')!.shadowRoot!.querySelector('ruche-comments') as unknown as {
        ctx: { client: { request(method: string, path: string, options: object): Promise<unknown> } };
      };
      try {
        await comments.ctx.client.request('DELETE', '/api/me', { body: { posts: 'keep_as_former_colleague', confirm: true } });
        return 'erased';
      } catch (error) {
        const { status, code } = error as { status: number; code: string };
        return `${status} ${code}`;
      }
    });
    assert.equal(viaWidget, '403 extension_refused');

    // Karim is still Karim: the same person (an erased account signs in again as a new one), his comment signed.
    const after = await asPerson<{ id: string; name: string }>(ruche.url, karim, 'GET', '/api/me');
    assert.deepEqual(after, before);
    const { threads } = await asPerson<{ threads: { body: string; author: { name: string } | null }[] }>(
      ruche.url,
      karim,
      'GET',
      `/api/comments?subject=${encodeURIComponent(`${site.origin}/erp/cloture`)}`,
    );
    const mine = threads.find((thread) => thread.body.includes(`Depuis l’extension ${tag}`));
    assert.equal(mine?.author?.name, 'Karim Haddad');
    await page.close();
  });

  test('without a canonical link, one address is one discussion: tracking parameters and the fragment do not count, both ways', async () => {
    const subject = `${site.origin}/rh/notes`;
    // The page without Ruche, opened from a newsletter's link.
    const plain = await open('/rh/notes?utm_source=newsletter&utm_medium=email&utm_campaign=janvier#bareme');
    await plain.locator('ruche-extension button.launcher').click();
    const panelComments = plain.locator('ruche-extension ruche-comments');
    await panelComments.locator('form.composer.main textarea').waitFor();
    assert.equal(await panelComments.getAttribute('subject'), subject);
    await panelComments.locator('form.composer.main textarea').fill(`Même adresse ${tag} : le barème 2026 est-il en ligne ?`);
    await panelComments.locator('form.composer.main button.btn.primary').click();
    await panelComment(plain, `Même adresse ${tag}`).waitFor();
    await plain.close();

    // The same address, now embedding Ruche (no canonical link there either).
    site.serve({ ...pages, '/rh/notes': ['text/html', notesPage(ruche.url)] });
    try {
      const embedded = await open('/rh/notes');
      const picker = embedded.locator('ruche-demo-picker select');
      await picker.locator('option[value="sophie.dubois"]').waitFor({ state: 'attached' });
      await picker.selectOption('sophie.dubois');
      const fromPanel = embedded.locator('ruche-comments article.comment', { hasText: `Même adresse ${tag}` });
      await fromPanel.waitFor();
      assert.match(await fromPanel.innerText(), /Karim Haddad/);
      assert.equal(await panel(embedded).count(), 0);
      const composer = embedded.locator('ruche-comments form.composer.main');
      await composer.locator('textarea').fill(`Depuis la page sans lien canonique ${tag} : oui, depuis lundi.`);
      await composer.locator('button.btn.primary').click();
      await embedded.locator('ruche-comments article.comment', { hasText: `Depuis la page sans lien canonique ${tag}` }).waitFor();
      await embedded.close();
    } finally {
      site.serve(pages);
    }

    // And back on the page without Ruche, from another tracked link: both comments in the panel.
    const again = await open('/rh/notes?utm_source=intranet#top');
    await again.locator('ruche-extension button.launcher').click();
    await panelComment(again, `Depuis la page sans lien canonique ${tag}`).waitFor();
    assert.equal(await panelComment(again, `Même adresse ${tag}`).count(), 1);
    await again.close();
  });

  test('a single-page app that mounts Ruche of its own after the page loaded: the extension’s layer goes', async () => {
    // Widgets mounted, with the loader, while the launcher is there.
    const app = await open('/spa/app');
    await app.locator('ruche-extension button.launcher').waitFor();
    await app.evaluate(
      ({ api, subject }) => {
        const comments = document.createElement('ruche-comments');
        comments.setAttribute('subject', subject);
        document.getElementById('app')!.replaceChildren(comments);
        const script = document.createElement('script');
        script.type = 'module';
        script.src = `${api}/ruche.js`;
        document.head.append(script);
      },
      { api: ruche.url, subject: `${site.origin}/rh/notes` },
    );
    await until('the launcher to go', async () => (await panel(app).count()) === 0);
    // The page's own Ruche works, on its own.
    await app.locator('ruche-comments article.comment', { hasText: `Même adresse ${tag}` }).waitFor();
    assert.equal(await panel(app).count(), 0);
    await app.close();

    // Only the loader added, while the panel is open: the panel goes too.
    const open2 = await open('/spa/app');
    await open2.locator('ruche-extension button.launcher').click();
    await open2.locator('ruche-extension .panel').waitFor();
    await open2.evaluate((api) => {
      const script = document.createElement('script');
      script.type = 'module';
      script.src = `${api}/ruche.js`;
      document.head.append(script);
    }, ruche.url);
    await until('the panel and the launcher to go', async () => (await panel(open2).count()) === 0);
    await open2.close();
  });

  test('a site enabled without access (as an administrator’s policy leaves it): the toolbar button says so, its popup what to do', async () => {
    const { worker } = browser;
    assert.equal((await badge(worker)).text, '', 'all that is enabled has access');
    // Headless Chromium cannot be given a policy here: the same settings, as the person's, stand in
    // for it (the badge reads the settings in force, managed or not). A site nobody granted access to:
    const waiting = 'http://127.0.0.1:1';
    const { sites } = (await localSettings(worker, ['sites'])) as { sites: string[] };
    await setLocalSettings(worker, { sites: [...sites, waiting] });
    try {
      await until('the badge', async () => (await badge(worker)).text === '!');
      assert.match((await badge(worker)).title, /accord|permission/, 'in the browser’s language');
      const popup = await context.newPage();
      popup.on('pageerror', (error) => problems.push(`popup: pageerror: ${error.message}`));
      await popup.goto(`chrome-extension://${browser.id}/popup.html`);
      await popup.locator('#access-needed li', { hasText: waiting }).waitFor();
      assert.deepEqual(await popup.locator('#access-needed li').allInnerTexts(), [waiting], 'the others have access');
      assert.equal(await popup.locator('#grant-access').count(), 1);
      // The popup's button asks the browser; its prompt, which headless Chromium cannot show, is
      // answered beforehand on the extension's page (see grantSiteAccess): the request resolves at once.
      await grantSiteAccess(context, browser.id, [waiting]);
      await popup.locator('#grant-access').click();
      await until('the note to go', async () => (await popup.locator('#access-needed').count()) === 0);
      await until('the badge to go', async () => (await badge(worker)).text === '');
      await popup.locator('#popup .help', { hasText: 'pages web' }).waitFor();
      await popup.close();
    } finally {
      await setLocalSettings(worker, { sites });
    }
  });

  test('the toolbar button wears the person’s unread count, and its popup lists and reads their notifications', async () => {
    const { worker } = browser;
    const sophie = await demoToken(ruche.url, 'sophie.dubois');
    const karim = await demoToken(ruche.url, 'karim.haddad');
    const subject = `inbox-${tag}`;
    const mine = await asPerson<{ id: string }>(ruche.url, sophie, 'POST', '/api/comments', { subject, body: 'Qui valide les notes de frais en magasin ?' });
    await asPerson(ruche.url, karim, 'POST', '/api/comments', { subject, parentId: mine.id, body: 'Le directeur du magasin, puis la comptabilité.' });
    const popup = await context.newPage();
    popup.on('pageerror', (error) => problems.push(`popup: pageerror: ${error.message}`));
    await popup.goto(`chrome-extension://${browser.id}/popup.html`);
    // Sophie is who the extension acts as (chosen as the options page does), then the popup opens again.
    await popup.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'choose', sub: 'sophie.dubois' }));
    await popup.reload();
    const notice = popup.locator('.inbox .notice.unread', { hasText: 'Karim Haddad a répondu' });
    await notice.waitFor();
    await until('the badge to count it', async () => (await badge(worker)).text === '1');
    assert.match((await badge(worker)).title, /1 (notification non lue|unread notification)/);
    await popup.locator('.inbox-head button', { hasText: 'Tout marquer comme lu' }).click();
    await until('the badge to go', async () => (await badge(worker)).text === '');
    const { unreadCount } = await asPerson<{ unreadCount: number }>(ruche.url, sophie, 'GET', '/api/notifications/unread');
    assert.equal(unreadCount, 0, 'read on the server');
    await popup.close();
  });

  test('the options page says at its top what lacks access and what that stops, and grants it all at once', async () => {
    const { worker } = browser;
    const waiting = 'http://127.0.0.1:2';
    const { sites } = (await localSettings(worker, ['sites'])) as { sites: string[] };
    await setLocalSettings(worker, { sites: [...sites, waiting] });
    // And the server's access taken back, as a person may in the browser's settings.
    await worker.evaluate(`chrome.permissions.remove({ origins: [${JSON.stringify(`${new URL(ruche.url).origin}/*`)}] })`);
    const options = await context.newPage();
    options.on('pageerror', (error) => problems.push(`options: pageerror: ${error.message}`));
    try {
      await options.goto(`chrome-extension://${browser.id}/options.html`);
      const missing = options.locator('#missing-access');
      await missing.locator('li', { hasText: waiting }).waitFor();
      assert.equal(await missing.getAttribute('role'), 'alert');
      assert.match(await missing.locator('h2').innerText(), /il lui manque des accès/);
      const lines = await missing.locator('li').allInnerTexts();
      assert.match(lines[0]!, /le serveur Ruche : sans lui, rien ne s’affiche nulle part/, `the server first: ${lines}`);
      assert.ok(lines.some((line) => line.includes(waiting) && /ce site : Ruche ne s’ajoute pas à ses pages/.test(line)), `the site: ${lines}`);
      assert.match(await options.locator(`li[data-site="${waiting}"] .badge`).innerText(), /Ruche ne s’y affiche pas/);
      // One button asks for all of it (the prompt answered beforehand, see grantSiteAccess).
      await grantSiteAccess(context, browser.id, [waiting, ruche.url]);
      await options.locator('#grant-all').click();
      await until('the summary to go', async () => (await missing.count()) === 0);
      await until('the server to be reached again', async () => /démonstration/.test(await options.locator('#server-status').innerText()));
    } finally {
      await options.close();
      await setLocalSettings(worker, { sites });
      await grantSiteAccess(context, browser.id, [ruche.url]);
    }
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

