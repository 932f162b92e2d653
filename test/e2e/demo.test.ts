/**
 * End-to-end: Ruche as `npm start` serves it (widgets built, server process, embedded database, demo
 * identities, demo seed), driven in real Chromium through the demo intranet, as its visitors would:
 * people are chosen in the banner's `<ruche-demo-picker>`, two people are two browser contexts, and
 * every assertion reads what a person sees inside the widgets' shadow roots.
 *
 *   node --import tsx --test --test-concurrency=1 test/e2e/*.test.ts
 *
 * The scenarios build on each other (one server, one database for the file) and run in order.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { startLikeNpmStart, type StartedRuche } from '../support/npm-start.ts';
import { comment, launchChromium, likeCount, text, until, Visitors, type Problem } from './browser.ts';

const TEST_TIMEOUT = 90_000;
/** A run's own words, so that what a test looks for cannot be something seeded or left by another test. */
const tag = Date.now().toString(36);

let ruche: StartedRuche;
let browser: Browser;
let visitors: Visitors;

/** No console error is expected anywhere (not even a 401: demo tokens are valid for hours and anonymous likes never reach the server). */
const expectedConsoleErrors = (_problem: Problem) => false;

const people = {
  anonymous: () => visitors.get('anonymous visitor', null),
  karim: () => visitors.get('Karim Haddad', 'karim.haddad'),
  sophie: () => visitors.get('Sophie Dubois', 'sophie.dubois'),
  elodie: () => visitors.get('Élodie Petit', 'elodie.petit'),
};

/** Writes in the main composer of the page's `<ruche-comments>` and publishes, as a person would. */
async function publish(page: Page, body: string, shownAs: string): Promise<string> {
  const composer = page.locator('ruche-comments form.composer.main');
  await composer.locator('textarea').fill(body);
  await composer.locator('button.btn.primary').click();
  return idOf(page, shownAs);
}

/** The element id (`c-…`) of the comment showing `words`, once it is shown. */
async function idOf(page: Page, words: string): Promise<string> {
  const article = comment(page, words);
  await article.first().waitFor();
  assert.equal(await article.count(), 1, `one comment shows "${words}"`);
  return (await article.getAttribute('id'))!;
}

/**
 * Clicks a button of a comment (Répondre, Modifier, Accepter…) as a person does: the pointer comes
 * over the comment first (the widget may load its writing controls only then), then onto the button.
 */
async function press(article: Locator, name: string): Promise<void> {
  await article.hover();
  await article.getByRole('button', { name, exact: true }).click();
}

/** The body's text of a comment, as shown. */
const bodyText = (page: Page, id: string) => text(page.locator(`ruche-comments #${id} .body`));

describe('Ruche as `npm start` serves it, in Chromium', { timeout: 10 * 60_000 }, () => {
  before(
    async () => {
      browser = await launchChromium(); // first: fails at once, clearly, without a browser
      const started = Date.now();
      ruche = await startLikeNpmStart();
      console.log(`# built the widgets and started Ruche (${ruche.url}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      visitors = new Visitors(browser, `${ruche.url}/demo/`, expectedConsoleErrors);
    },
    { timeout: 180_000 },
  );

  afterEach(async () => {
    const problems = visitors?.takeProblems() ?? [];
    for (const p of problems) console.log(`# ${p.who} on ${p.url}: ${p.kind}: ${p.text}`);
    await visitors?.closePages();
    assert.deepEqual(
      problems.map((p) => `${p.who} on ${p.url}: ${p.kind}: ${p.text}`),
      [],
      'no page error and no console error in any page of this scenario',
    );
  });

  after(async () => {
    const stopping = Date.now();
    await visitors?.close();
    await browser?.close();
    await ruche?.stop();
    console.log(`# closed the browser and stopped Ruche in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
  });

  test('article: the seeded discussion is there, readable by an anonymous visitor', { timeout: TEST_TIMEOUT }, async () => {
    const page = await (await people.anonymous()).open('article.html');
    const widget = page.locator('ruche-comments');
    // Sophie's thread, with its formatting, and Élodie's and Sophie's replies under it.
    const sophie = comment(page, 'formations d’une heure');
    await sophie.waitFor();
    assert.match(await text(sophie.locator('.author')), /Sophie Dubois/);
    assert.equal(await text(sophie.locator('.body strong')), 'formations d’une heure', 'markdown of the seed is rendered');
    const sophieThread = widget.locator('li.thread').filter({ has: page.locator('article.comment', { hasText: 'formations d’une heure' }) });
    assert.match(await text(sophieThread.locator('.replies').first()), /Élodie Petit.*session pour les équipes du samedi/s);
    // Thomas's question, answered by Karim in a reply.
    const thomasThread = widget.locator('li.thread').filter({ has: page.locator('article.comment', { hasText: 'tickets photographiés' }) });
    assert.match(await text(thomasThread.locator('.replies article.comment .author')), /Karim Haddad/);
    // Julien's link is a real, safe link.
    const link = comment(page, 'Côté SI').locator('.body a');
    assert.equal(await link.getAttribute('href'), 'https://intranet.hexagone.example/aide/portail-rh');
    assert.match((await link.getAttribute('rel')) ?? '', /noopener/);
    // The count says as many comments as are shown, and a visitor without identity is told how to write.
    const shown = await widget.locator('article.comment').count();
    assert.ok(shown >= 7, `the seeded comments are shown (${shown})`);
    assert.equal(await text(widget.locator('#heading')), `${shown} commentaires`);
    assert.match(await text(widget.locator('p.notice')), /choisissez d’abord qui vous êtes/i);
    assert.equal(await widget.locator('textarea').count(), 0, 'no composer for an anonymous visitor');
  });

  test('article: Karim posts a comment with markdown, and it is shown formatted', { timeout: TEST_TIMEOUT }, async () => {
    const page = await (await people.karim()).open('article.html');
    const before = Number((await text(page.locator('ruche-comments #heading'))).replace(/\D/g, ''));
    const id = await publish(
      page,
      `Premier essai ${tag} : le **portail** est *vraiment* pratique, code \`AL20\` et ~~papier~~.\n\n- congés\n- notes de frais\n\n> une citation`,
      `Premier essai ${tag}`,
    );
    const body = page.locator(`ruche-comments #${id} .body`);
    assert.equal(await text(body.locator('strong')), 'portail');
    assert.equal(await text(body.locator('em')), 'vraiment');
    assert.equal(await text(body.locator('code')), 'AL20');
    assert.equal(await text(body.locator('del')), 'papier');
    assert.deepEqual(await body.locator('li').allInnerTexts(), ['congés', 'notes de frais']);
    assert.equal(await text(body.locator('blockquote')), 'une citation');
    assert.doesNotMatch(await text(body), /\*\*|~~|`/, 'no markdown syntax left in the text');
    assert.match(await text(page.locator(`ruche-comments #${id} .author`)), /Karim Haddad/);
    // Newest first: at the top, and counted.
    assert.equal(await page.locator('ruche-comments li.thread article.comment').first().getAttribute('id'), id);
    await until('the count to go up by one', async () => (await text(page.locator('ruche-comments #heading'))) === `${before + 1} commentaires`);
    // And it is stored: a reload shows it.
    await page.reload();
    await comment(page, `Premier essai ${tag}`).locator('.body strong').waitFor();
  });

  test('article: Sophie replies to Karim’s comment; it is nested under it, for her and for Karim', { timeout: TEST_TIMEOUT }, async () => {
    const sophie = await (await people.sophie()).open('article.html');
    const karim = await (await people.karim()).open('article.html');
    const id = await idOf(sophie, `Premier essai ${tag}`);
    const karimsComment = sophie.locator(`ruche-comments #${id}`);
    await press(karimsComment, 'Répondre');
    const form = karimsComment.locator(`form[data-key="reply:${id.slice(2)}"]`);
    await form.locator('textarea').fill(`Merci Karim, réponse ${tag} de Sophie`);
    await form.getByRole('button', { name: 'Publier', exact: true }).click();
    for (const [who, page] of [['Sophie', sophie], ['Karim (live, without reloading)', karim]] as const) {
      const thread = page.locator('ruche-comments li.thread').filter({ has: page.locator(`#${id}`) });
      const reply = thread.locator('.replies article.comment', { hasText: `réponse ${tag} de Sophie` });
      await reply.waitFor({ timeout: 15_000 }).catch(() => assert.fail(`${who} does not see Sophie's reply under Karim's comment`));
      assert.match(await text(reply.locator('.author')), /Sophie Dubois/, who);
    }
    await until('the reply form to close', async () => (await form.count()) === 0);
  });

  test('article: Karim edits his comment and sees it marked « modifié » (and so does Sophie’s open page)', { timeout: TEST_TIMEOUT }, async () => {
    const sophie = await (await people.sophie()).open('article.html');
    const page = await (await people.karim()).open('article.html');
    const id = await idOf(page, `Premier essai ${tag}`);
    const article = page.locator(`ruche-comments #${id}`);
    assert.equal(await article.locator('.edited').count(), 0, 'not marked before an edit');
    await press(article, 'Modifier');
    const editor = article.locator(`form[data-key="edit:${id.slice(2)}"] textarea`);
    assert.match(await editor.inputValue(), /^Premier essai .* le \*\*portail\*\*/, 'the editor holds the markdown source');
    await editor.fill(`Premier essai ${tag} (corrigé) : le **portail RH** est pratique.`);
    await article.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await until('the edited text', async () => (await bodyText(page, id)) === `Premier essai ${tag} (corrigé) : le portail RH est pratique.`);
    assert.equal(await text(article.locator('.body strong')), 'portail RH');
    assert.equal(await text(article.locator('.edited')), '(modifié)');
    // Sophie's page, open all along, shows the new text and the mark too (live).
    await until('the edit on Sophie’s open page', async () => (await bodyText(sophie, id)).includes('(corrigé)'), 15_000);
    assert.equal(await text(sophie.locator(`ruche-comments #${id} .edited`)), '(modifié)');
    // Sophie's reply is still under it, and a fresh page agrees.
    await page.reload();
    await until('the edit, after a reload', async () => (await text(page.locator(`ruche-comments #${id} .edited`))) === '(modifié)');
    assert.match(await bodyText(page, id), /\(corrigé\)/);
  });

  test('article: two people like it; the count goes up by one each, pressed for each, and both are named', { timeout: TEST_TIMEOUT }, async () => {
    // Karim and Élodie: two demo people the seed did not make like the article.
    const likers = [
      { person: await people.karim(), name: 'Karim Haddad' },
      { person: await people.elodie(), name: 'Élodie Petit' },
    ];
    const pages: Page[] = [];
    let count: number | null = null;
    for (const { person, name } of likers) {
      const page = await person.open('article.html');
      pages.push(page);
      const like = page.locator('ruche-like');
      const button = like.locator('button.like');
      assert.equal(await button.getAttribute('aria-pressed'), 'false', `${name} does not like the article yet`);
      const shown = await likeCount(like);
      if (count !== null) assert.equal(shown, count, `${name} sees the count the previous like left`);
      count = shown;
      const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/likes' && r.request().method() === 'PUT');
      await button.click();
      const response = await sent;
      assert.equal(response.status(), 200, `PUT /api/likes for ${name}`);
      await until(`${name}'s like to be pressed`, async () => (await button.getAttribute('aria-pressed')) === 'true');
      await until(`the count to go up by one for ${name}`, async () => (await likeCount(like)) === count! + 1);
      count++;
    }
    // Each liker's page, reloaded, agrees with the server: the final count, and pressed for them.
    for (const [index, page] of pages.entries()) {
      await page.reload();
      const like = page.locator('ruche-like');
      await like.locator('button.like[aria-busy="false"]').waitFor();
      await until(`the reloaded like of ${likers[index]!.name}`, async () => (await like.locator('button.like').getAttribute('aria-pressed')) === 'true');
      assert.equal(await likeCount(like), count, `${likers[index]!.name} sees the final count`);
      // Who liked: both, most recent first.
      await like.getByRole('button', { name: 'Voir qui aime' }).click();
      const list = like.getByRole('dialog');
      await list.locator('li').first().waitFor();
      assert.equal(await text(list.locator('.title')), `${count} personnes aiment`);
      const names = await list.locator('li > span:not(.avatar)').evaluateAll((spans) =>
        spans.map((span) => [...span.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('').trim()),
      );
      assert.deepEqual(names.slice(0, 2), ['Élodie Petit', 'Karim Haddad'], 'the two likers, the latest first');
    }
  });

  test('article: Sophie’s open page shows Karim’s new comment live, without reloading', { timeout: TEST_TIMEOUT }, async () => {
    const sophiePerson = await people.sophie();
    const sophie = await sophiePerson.open('article.html');
    // Her page's live stream is open (GET /api/events answered 200 and streams).
    await until('Sophie’s live stream to be open', () => (sophiePerson.liveStreams.get(sophie) ?? 0) > 0);
    await sophie.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
    const heading = sophie.locator('ruche-comments #heading');
    const before = Number((await text(heading)).replace(/\D/g, ''));
    const karim = await (await people.karim()).open('article.html');
    const posted = Date.now();
    await publish(karim, `En direct ${tag} : la **formation** de jeudi est maintenue.`, `En direct ${tag}`);
    const live = comment(sophie, `En direct ${tag}`);
    await live.waitFor({ timeout: 10_000 }).catch(() => assert.fail('Sophie’s open page does not show Karim’s new comment within 10 s'));
    const latency = Date.now() - posted;
    assert.equal(await text(live.locator('.body strong')), 'formation');
    assert.match(await text(live.locator('.author')), /Karim Haddad/);
    await until('Sophie’s count to go up', async () => (await text(heading)) === `${before + 1} commentaires`);
    assert.equal(await sophie.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded), true, 'the same page, not reloaded');
    console.log(`# live: Karim's comment shown on Sophie's page ${latency} ms after he clicked "Publier"`);
  });

  test('article: a comment full of XSS payloads is shown as text, and nothing in it runs', { timeout: TEST_TIMEOUT }, async () => {
    const payloads = [
      `XSS ${tag} <script>window.__xss=1</script>`,
      '<img src=x onerror="window.__xss=2">',
      '[clic](javascript:window.__xss=3)',
      '<a href="javascript:window.__xss=4">a</a>',
    ];
    const karim = await (await people.karim()).open('article.html');
    const id = await publish(karim, payloads.join('\n\n'), `XSS ${tag}`);
    const viewer = await (await people.anonymous()).open('article.html'); // the stored comment, read by someone else
    for (const [who, page] of [['Karim', karim], ['an anonymous reader', viewer]] as const) {
      const article = page.locator(`ruche-comments #${id}`);
      const body = article.locator('.body');
      await body.waitFor();
      // Shown as text: every payload, verbatim (the markdown link shows its label).
      const shown = await body.innerText();
      for (const payload of [payloads[0]!, payloads[1]!, payloads[3]!]) assert.ok(shown.includes(payload), `${who} reads "${payload}" as text, in: ${shown}`);
      assert.ok(shown.includes('clic'), `${who} reads the markdown link's label`);
      // Nothing but paragraphs: no script, img, a, or any other element was made from the text.
      const tags = await body.evaluate((element) => [...element.querySelectorAll('*')].map((node) => node.tagName));
      assert.deepEqual(tags, ['P', 'P', 'P', 'P'], `${who}: the elements in the comment's body`);
      const handlers = await article.evaluate((element) =>
        [...element.querySelectorAll('*')].flatMap((node) => [...node.attributes].filter((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value)).map((a) => `${node.tagName} ${a.name}`)),
      );
      assert.deepEqual(handlers, [], `${who}: no handler attribute, no javascript: URL in the comment`);
      // Click (and hover) everything in the comment's text; links, if any, too.
      for (const target of await body.locator('*').all()) {
        await target.hover();
        await target.click();
      }
      for (const link of await article.locator('a').all()) await link.click({ modifiers: ['Control'] }).catch(() => {});
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined, `${who}: window.__xss stays undefined`);
      assert.equal(new URL(page.url()).pathname, '/demo/article.html', `${who} is still on the article`);
    }
  });

  test('aide.html (Q&A, quirks mode): Élodie asks, Karim answers, Élodie accepts; both see it accepted, in time', { timeout: TEST_TIMEOUT }, async () => {
    const elodie = await (await people.elodie()).open('aide.html');
    assert.equal(await elodie.evaluate(() => document.compatMode), 'BackCompat', 'the help page is in quirks mode');
    const promise = elodie.locator('ruche-comments .promise');
    assert.match(await text(promise), /^Réponse garantie sous 48 h$/, 'the answer-time promise badge');
    assert.match(await text(elodie.locator('ruche-comments form.composer.main label')), /Poser une question/);
    const question = `Question ${tag} : faut-il une facture originale pour un avoir fournisseur ?`;
    const composer = elodie.locator('ruche-comments form.composer.main');
    await composer.locator('textarea').fill(question);
    await composer.getByRole('button', { name: 'Publier la question' }).click();
    const questionId = await idOf(elodie, `Question ${tag}`);
    const clock = (page: Page) => page.locator(`ruche-comments #${questionId} .clock`);
    await until('the question to wait for an answer, within the promise', async () => /^En attente depuis .+ · réponse promise d’ici .+$/.test(await text(clock(elodie))));

    const karim = await (await people.karim()).open('aide.html');
    const asked = karim.locator(`ruche-comments #${questionId}`);
    await press(asked, 'Répondre');
    const form = asked.locator(`form[data-key="reply:${questionId.slice(2)}"]`);
    await form.locator('textarea').fill(`Réponse ${tag} : non, le **PDF** reçu par courriel suffit.`);
    await form.getByRole('button', { name: 'Publier la réponse' }).click();
    const answerId = await idOf(karim, `Réponse ${tag}`);

    // Élodie's open page receives the answer live; she accepts it.
    const answer = elodie.locator(`ruche-comments #${answerId}`);
    await answer.waitFor({ timeout: 15_000 }).catch(() => assert.fail('Élodie’s open page does not show Karim’s answer'));
    await press(answer, 'Accepter cette réponse');

    for (const [who, page] of [['Élodie', elodie], ['Karim (live)', karim]] as const) {
      const accepted = page.locator(`ruche-comments article.comment.accepted#${answerId}`);
      await accepted.waitFor({ timeout: 15_000 }).catch(() => assert.fail(`${who} does not see the answer accepted`));
      assert.match(await text(accepted.locator('.meta')), /Réponse acceptée/, who);
      assert.match(await text(page.locator(`ruche-comments #${questionId} .meta`)), /Résolue/, `${who}: the question is solved`);
      await until(`${who}: the question answered within the promise`, async () => /^Répondu en .+ · dans le délai promis$/.test(await text(clock(page))));
      assert.match(await text(page.locator('ruche-comments .promise')), /^Réponse garantie sous 48 h$/, `${who}: the promise badge`);
    }
    // The accepted answer comes first under the question, for a fresh page too.
    await karim.reload();
    const first = karim.locator('ruche-comments li.thread').filter({ has: karim.locator(`#${questionId}`) }).locator('.replies article.comment').first();
    await until('the accepted answer first, after a reload', async () => (await first.getAttribute('id')) === answerId && (await first.getAttribute('class'))?.includes('accepted'));
    assert.equal(await elodie.locator(`ruche-comments #${answerId} .accept`).getAttribute('aria-pressed'), 'true');
  });

  test('index.html: the 10 like buttons are served by ONE GET /api/likes; an anonymous visitor sees counts and is told why a like needs a person', { timeout: TEST_TIMEOUT }, async () => {
    const anonymous = await people.anonymous();
    // Every request to /api/likes of this person's pages, from the first one of the page.
    const seen: Request[] = [];
    const watch = (request: Request) => {
      if (new URL(request.url()).pathname === '/api/likes') seen.push(request);
    };
    anonymous.context.on('request', watch);
    let index: Page;
    try {
      index = await anonymous.open('index.html');
    } catch (error) {
      anonymous.context.off('request', watch);
      throw error;
    }
    const watched = () => seen.filter((request) => request.frame().page() === index);
    const likes = index.locator('ruche-like');
    assert.equal(await likes.count(), 10, 'ten like buttons on the news list');
    const counts: number[] = [];
    for (const like of await likes.all()) counts.push(await likeCount(like));
    assert.ok(counts.every((n) => Number.isInteger(n) && n >= 0), `each shows a count: ${counts}`);
    assert.ok(counts.some((n) => n > 0), `the seeded likes are counted: ${counts}`);
    // The article's button on the list agrees with the article page (two likes added above).
    const article = await anonymous.open('article.html');
    assert.equal(counts[0], await likeCount(article.locator('ruche-like')), 'the article’s count, on the list and on the article');
    await article.close();
    // Every count is there: anything still to come would be a second request.
    await index.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
    const reads = watched().filter((r) => r.method() === 'GET');
    assert.equal(reads.length, 1, `GET /api/likes requests: ${reads.map((r) => r.url()).join('\n')}`);
    assert.equal(new URL(reads[0]!.url()).searchParams.getAll('s').length, 10, 'the one request asks for the ten subjects');

    // Anonymous: clicking like explains, changes nothing, and sends nothing.
    const first = likes.first();
    const before = await likeCount(first);
    await first.locator('button.like').click();
    const notice = first.locator('.notice:not([hidden])');
    await notice.waitFor();
    assert.match(await text(notice), /Choisissez d’abord qui vous êtes \(« Vous êtes : » en haut de la page\)/);
    assert.equal(await first.locator('button.like').getAttribute('aria-pressed'), 'false', 'not liked');
    assert.equal(await likeCount(first), before, 'the count is unchanged');
    assert.equal(watched().filter((r) => r.method() !== 'GET').length, 0, 'no like was sent');
    anonymous.context.off('request', watch);
  });

  test('index.html: a person picked in the banner reloads the 10 buttons with one request, as them', { timeout: TEST_TIMEOUT }, async () => {
    // A visitor who arrives anonymous and then picks Karim (a context of their own).
    const visitor = await visitors.get('visitor who becomes Karim', 'karim.haddad');
    const reads: Request[] = [];
    visitor.context.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/likes' && request.method() === 'GET') reads.push(request);
    });
    const page = await visitor.open('index.html'); // picks Karim in the banner once the page is loaded
    const likes = page.locator('ruche-like');
    await until('Karim’s like of the article, on the list', async () => (await likes.first().locator('button.like').getAttribute('aria-pressed')) === 'true');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
    assert.equal(reads.length, 2, `one GET /api/likes as anonymous, one as Karim: ${reads.map((r) => r.url()).join('\n')}`);
    assert.ok(reads[1]!.headers().authorization?.startsWith('Bearer '), 'the second one as Karim');
    assert.equal(new URL(reads[1]!.url()).searchParams.getAll('s').length, 10, 'the one request asks for the ten subjects');
    for (const like of await likes.all()) await likeCount(like); // each shows a count
  });
});
