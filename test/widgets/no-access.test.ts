import { executeServerCommand } from '@web/test-runner-commands';
import type { RucheComments } from '../../widgets/comments/comments.ts';
import type { RucheDemoPicker } from '../../widgets/demo-picker/demo-picker.ts';
import { define as defineFinder, type RucheExpertFinder } from '../../widgets/experts/expert-finder.ts';
import { define as defineIdeaBox, type RucheIdeaBox } from '../../widgets/ideas/idea-box.ts';
import type { RucheLike } from '../../widgets/like/like.ts';
import { define as definePulse, type RuchePulse } from '../../widgets/pulse/pulse.ts';
import { ApiClient, ApiError } from '../../widgets/shared/api.ts';
import { Identity } from '../../widgets/shared/identity.ts';
import { LiveEvents } from '../../widgets/shared/live.ts';
import { readFailure } from '../../widgets/shared/read-again.ts';
import { $, $$, api, apiRequests, assert, call, cleanup, demoApi, equal, expectAccessibleAfterEach, fastTimers, mount, requestsTo, sleep, token, uniqueSubject, waitFor } from './support/helpers.ts';

defineFinder(api);
defineIdeaBox(api);
definePulse(api);

/**
 * Visitors who may not read a space: a partner (a guest) on a page whose widgets belong to a space
 * they are not in. Each widget says so in one calm sentence, the same for a secret space as for a
 * missing one, offers nothing to try again, and asks the API nothing more: counted over half an
 * hour of the widgets' time (fastTimers), from the requests the page made (resource timing).
 */
const NO_ACCESS = 'Vous n’avez pas accès à ce contenu.';
const text = (element: Node | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const retryButtons = (element: Element) => $$(element, 'button').filter((b) => /Réessayer|Try again/.test(text(b)));

async function space(visibility: 'open' | 'closed' | 'secret'): Promise<string> {
  const slug = uniqueSubject(visibility);
  await call('POST', '/api/spaces', { as: 'carol', body: { slug, name: `Espace ${slug}`, visibility, lang: 'fr' } });
  return slug;
}

/** Every widget of a page, as `who` sees them, for one space. */
async function page(tokenValue: string, slug: string, lang = '') {
  const subject = uniqueSubject('acces');
  const container = mount(
    `<ruche-provider api="${api}" token="${tokenValue}" ${lang}>
      <ruche-comments space="${slug}" subject="${subject}"></ruche-comments>
      <ruche-like space="${slug}" subject="${subject}"></ruche-like>
      <ruche-idea-box space="${slug}"></ruche-idea-box>
      <ruche-pulse space="${slug}"></ruche-pulse>
      <ruche-expert-finder space="${slug}" query="Excel"></ruche-expert-finder>
    </ruche-provider>`,
  );
  const comments = container.querySelector<RucheComments>('ruche-comments')!;
  const like = container.querySelector<RucheLike>('ruche-like')!;
  const ideas = container.querySelector<RucheIdeaBox>('ruche-idea-box')!;
  const pulse = container.querySelector<RuchePulse>('ruche-pulse')!;
  const finder = container.querySelector<RucheExpertFinder>('ruche-expert-finder')!;
  await waitFor(() => $(comments, '.no-access') && like.refused && $(ideas, '.no-access') && $(pulse, '.no-access') && $(finder, '.notice'), 'every widget to say so');
  await Promise.all([comments, like, ideas, pulse, finder].map((w) => w.updateComplete));
  return { comments, like, ideas, pulse, finder };
}

describe('visitors who may not read a space', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('a guest gets one calm sentence in every widget, nothing to try again, and no further request', async () => {
    const slug = await space('secret');
    const guest = await token(uniqueSubject('partenaire'), { guest: true });
    const started = performance.now();
    const widgets = await page(guest, slug);
    for (const [name, widget] of Object.entries(widgets)) {
      assert(!retryButtons(widget).length, `${name}: no “Réessayer”`);
      assert(!/Introuvable/.test(text(widget.shadowRoot!)), `${name}: not “Introuvable”`);
    }
    for (const widget of [widgets.comments, widgets.ideas, widgets.pulse]) equal(text($(widget, '.no-access')), NO_ACCESS);
    equal(text($(widgets.finder, '.notice')), NO_ACCESS);
    assert(!$(widgets.comments, 'h3') && !$(widgets.comments, 'textarea'), 'no count, no composer');
    assert(!$(widgets.pulse, '.seg'), 'no period to choose');
    // The like says it when pressed, calmly, and asks nothing.
    $<HTMLButtonElement>(widgets.like, '.like')!.click();
    await widgets.like.updateComplete;
    equal(text($(widgets.like, '.popover[role="status"]')), NO_ACCESS);
    $<HTMLButtonElement>(widgets.like, '.who')!.click();
    await sleep(300); // what the widgets asked as they started (the finder's questions for me) is answered
    const asked = requestsTo(api, started);
    const restore = fastTimers();
    try {
      await sleep(2000); // half an hour of the widgets' waits
    } finally {
      restore();
    }
    equal(requestsTo(api, started).join(' '), asked.join(' '), 'no request after the refusals (no retry, no polling, no live stream)');
    equal(asked.filter((path) => path === '/api/events').length, 0, 'no live stream was opened');
  });

  it('the same words for a secret space, a closed one and a missing one, in the person’s language', async () => {
    const [secret, closed, open] = await Promise.all([space('secret'), space('closed'), space('open')]);
    const missing = uniqueSubject('nulle-part');
    const sentence = async (tokenValue: string, slug: string, lang = '') => {
      const { comments } = await page(tokenValue, slug, lang);
      const said = text($(comments, '.no-access'));
      cleanup();
      return said;
    };
    const guest = await token(uniqueSubject('partenaire'), { guest: true });
    for (const slug of [secret, closed, open, missing]) equal(await sentence(guest, slug), NO_ACCESS, `a guest, ${slug}`);
    // An employee may know a closed space exists (403), never a secret one (404): the same words.
    const employee = await token(uniqueSubject('salarie'));
    for (const slug of [secret, closed, missing]) equal(await sentence(employee, slug), NO_ACCESS, `an employee, ${slug}`);
    equal(await sentence(await token(uniqueSubject('partner'), { guest: true, lang: 'en' }), secret), 'You don’t have access to this content.', 'in English for an English speaker');
  });

  it('a guest picked in the demo picker: the live stream, too, stops asking', async () => {
    const subject = uniqueSubject('demo-acces');
    const container = mount(
      `<ruche-provider api="${demoApi}"><ruche-demo-picker></ruche-demo-picker><ruche-comments subject="${subject}"></ruche-comments><ruche-like subject="${subject}"></ruche-like></ruche-provider>`,
    );
    const picker = container.querySelector<RucheDemoPicker>('ruche-demo-picker')!;
    const comments = container.querySelector<RucheComments>('ruche-comments')!;
    const like = container.querySelector<RucheLike>('ruche-like')!;
    const select = await waitFor(() => $<HTMLSelectElement>(picker, 'select'), 'the list of people');
    const pick = (sub: string) => {
      select.value = sub;
      select.dispatchEvent(new Event('change'));
    };
    pick('karim.haddad');
    await waitFor(() => comments.page?.viewer.id && like.state, 'the comments, as an employee');
    // The live stream is open: a comment written elsewhere shows up.
    const { token: other } = await call('POST', '/api/demo/token', { base: demoApi, body: { sub: 'sophie.dubois' } });
    await fetch(new URL('api/comments', demoApi), { method: 'POST', headers: { Authorization: `Bearer ${other}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ subject, body: 'En direct.' }) });
    await waitFor(() => $(comments, '.thread .body'), 'a comment, live');
    const switched = performance.now();
    pick('marc.lefevre'); // a partner: the default space is not theirs
    await waitFor(() => $(comments, '.no-access') && like.refused, 'the sentence, as a guest');
    equal(text($(comments, '.no-access')), NO_ACCESS);
    assert(!retryButtons(comments).length, 'no “Réessayer”');
    await sleep(300);
    const asked = requestsTo(demoApi, switched);
    const restore = fastTimers();
    try {
      await sleep(2000);
    } finally {
      restore();
    }
    const after = requestsTo(demoApi, switched);
    equal(after.join(' '), asked.join(' '), 'nothing asked after the refusals');
    assert(after.filter((path) => path === '/api/events').length <= 1, `the stream was refused once at most: ${after.join(' ')}`);
  });

  it('the live stream of a space one may not read is asked for once, until the person changes', async () => {
    const slug = await space('secret');
    const client = new ApiClient(api, new Identity(api, { kind: 'token', token: await token(uniqueSubject('partenaire'), { guest: true }) }));
    const started = performance.now();
    const restore = fastTimers();
    let stop = () => {};
    try {
      stop = LiveEvents.for(client).subscribe(slug, uniqueSubject('fil'), () => {}, '0');
      await waitFor(() => apiRequests('/api/events', started).length, 'the stream, refused');
      await sleep(2000); // half an hour of its waits
      equal(apiRequests('/api/events', started).length, 1, 'refused once, not asked again');
      client.identity.dispatchEvent(new Event('change')); // someone else now: they may read it
      await waitFor(() => apiRequests('/api/events', started).length === 2, 'asked again for the new person');
    } finally {
      stop();
      restore();
    }
  });

  it('a server that fails: “Réessayer”, automatic reads spaced out, and the widget comes back', async () => {
    const failingApi = `${location.origin}/test-failing/`;
    await executeServerCommand('ruche-failing', { failing: true });
    const subject = uniqueSubject('panne');
    const alice = await token('alice');
    // Commands to the test server are left out of the fast waits: the runner times them out with the page's timers.
    let restore = fastTimers();
    try {
      const started = performance.now();
      const container = mount(`<ruche-provider api="${failingApi}" token="${alice}"><ruche-comments subject="${subject}"></ruche-comments></ruche-provider>`);
      const comments = container.querySelector<RucheComments>('ruche-comments')!;
      const button = await waitFor(() => retryButtons(comments)[0], 'the failure, with “Réessayer”');
      assert(/Une erreur est survenue/.test(text($(comments, '.alert'))), text($(comments, '.alert')));
      await sleep(1500); // 25 minutes of the widget's waits
      const reads = requestsTo(failingApi, started).filter((path) => path.endsWith('/api/comments')).length;
      // Spaced out (about 5 s, 10 s, 20 s… then every 5 min): between 3 and 16 reads in 25 min, where
      // a read each minute would make 25.
      assert(reads >= 3 && reads <= 16, `reads in 25 minutes: ${reads}`);
      restore();
      restore = () => {};
      await executeServerCommand('ruche-failing', { failing: false });
      const before = performance.now();
      button.click();
      await waitFor(() => comments.page, 'the comments, once the server is back');
      assert(requestsTo(failingApi, before).some((path) => path.endsWith('/api/comments')), 'read at once by the button');
      await comments.updateComplete;
      equal(text($(comments, 'h3')), '0 commentaire');
      equal($(comments, '.alert'), null, 'the failure goes');
    } finally {
      restore();
      await executeServerCommand('ruche-failing', { failing: true });
    }
  });

  it('tries again only what the network or the server failed', () => {
    const failed = (status: number) => readFailure(new ApiError(status, 'x', 'x'), 'fr');
    for (const status of [0, 408, 429, 500, 502, 503, 504]) equal(failed(status).retry, true, `status ${status}`);
    for (const status of [400, 401, 403, 404, 409, 422]) equal(failed(status).retry, false, `status ${status}`);
    equal(failed(403).text, failed(404).text, 'refused or missing: the same words');
    equal(readFailure(new TypeError('Failed to fetch dynamically imported module'), 'fr').retry, true, 'a chunk that did not arrive');
  });
});
