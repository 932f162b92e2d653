import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { RucheComments } from '../../widgets/comments/comments.ts';
import type { RucheLike } from '../../widgets/like/like.ts';
import { $, api, assert, call, cleanup, equal, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

/**
 * What loads when someone may write: the new comment's box is there from the first render, the rest
 * of writing (writing.ts: publishing, the formatting help, the buttons under each comment) only with
 * the first use, or as the pointer or the focus comes in; liking (liking.ts) with the first click;
 * the live stream as the comments come near the viewport. Each chunk loads once per page: this file
 * checks the first loads, in this order.
 */
const requested = (module: string) =>
  (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some((entry) => new URL(entry.name).pathname === module);
const WRITING = '/widgets/comments/writing.ts';
const LIKING = '/widgets/like/liking.ts';

describe('code loaded on first use', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('shows the composer at once, keeps what is typed before the writing code arrives, and posts it', async () => {
    const subject = uniqueSubject('lazy');
    const root = await call('POST', '/api/comments', { as: 'bob', body: { subject, body: 'Premier' } });
    const container = mount(`<ruche-provider api="${api}" token="${await token('alice')}"><ruche-comments subject="${subject}"></ruche-comments></ruche-provider>`);
    const element = container.querySelector<RucheComments>('ruche-comments')!;
    await waitFor(() => element.page, 'the comments');
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert(!requested(WRITING) && !element.writing, 'the writing code is not loaded for reading');
    const composer = $(element, '.composer.main')!;
    const textarea = $<HTMLTextAreaElement>(element, '.composer.main textarea')!;
    assert(composer.querySelector('label') && composer.querySelector('.btn.primary'), 'the composer, with its label and button');
    const buttons = () => [...$(element, `#c-${root.id} .actions`)!.querySelectorAll('button')].map((b) => b.textContent!.trim()).join(',');
    equal(buttons(), '', 'only the like button under a comment');
    const height = composer.getBoundingClientRect().height;

    // The chunk comes slowly: what is typed meanwhile stays, and Ctrl+Enter waits for it.
    await executeServerCommand('ruche-slow', { path: WRITING, ms: 1200 });
    textarea.focus();
    await sendKeys({ type: 'Écrit avant' });
    equal(textarea.value, 'Écrit avant');
    assert(!element.writing, 'typed before the code arrived');
    await sendKeys({ press: 'Control+Enter' });
    const posted = await waitFor(() => element.store.threads.find((t) => t.body === 'Écrit avant'), 'the comment posted', 5000);
    assert(requested(WRITING), 'loaded with the first use');
    await element.updateComplete;
    assert($(element, `#c-${posted.id}`), 'shown');
    // The live stream may bring the comment before the POST answers; the box empties on the answer.
    await waitFor(() => textarea.value === '', 'the composer is emptied');
    equal($(element, '.composer.main')!.getBoundingClientRect().height, height, 'the composer kept its size');
    assert(composer.querySelector('.help'), 'with the formatting help now');
    equal(buttons(), ',Répondre,Signaler', 'and the buttons under a comment');
    const onServer = await call('GET', `/api/comments?subject=${subject}`);
    equal(onServer.threads.length, 2, 'posted once');
  });

  it('restores a draft with the first render, before the writing code', async () => {
    const subject = uniqueSubject('lazy-draft');
    const alice = await token('alice');
    let container = mount(`<ruche-provider api="${api}" token="${alice}"><ruche-comments subject="${subject}"></ruche-comments></ruche-provider>`);
    let element = container.querySelector<RucheComments>('ruche-comments')!;
    await waitFor(() => element.page, 'the comments');
    await element.updateComplete;
    $<HTMLTextAreaElement>(element, 'textarea')!.focus();
    await sendKeys({ type: 'Brouillon' });
    container.remove();
    container = mount(`<ruche-provider api="${api}" token="${alice}"><ruche-comments subject="${subject}"></ruche-comments></ruche-provider>`);
    element = container.querySelector<RucheComments>('ruche-comments')!;
    await waitFor(() => element.page, 'the comments again');
    await element.updateComplete;
    equal($<HTMLTextAreaElement>(element, 'textarea')!.value, 'Brouillon', 'the draft, at the first render');
  });

  it('flips a like at once and loads the code that tells the server with the first click', async () => {
    const subject = uniqueSubject('lazy-like');
    const container = mount(`<ruche-provider api="${api}" token="${await token('carol')}"><ruche-like subject="${subject}"></ruche-like></ruche-provider>`);
    const like = container.querySelector<RucheLike>('ruche-like')!;
    await waitFor(() => like.state, 'the count');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert(!requested(LIKING), 'not loaded for reading the count, even for someone signed in');
    const button = $<HTMLButtonElement>(like, 'button[aria-pressed]')!;
    button.click();
    await like.updateComplete;
    equal(button.getAttribute('aria-pressed'), 'true', 'pressed at once');
    await waitFor(() => like.confirmed?.liked, 'the server answer');
    assert(requested(LIKING), 'loaded with the first click');
    const onServer = await call('GET', `/api/likes?s=${subject}`, { as: 'carol' });
    equal(onServer.likes[subject].liked, true, 'liked on the server');
  });

  it('opens the live stream as the comments come near the viewport, and misses nothing written before', async () => {
    const subject = uniqueSubject('lazy-live');
    const realFetch = window.fetch;
    const streams: string[] = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      if (url.pathname === '/api/events') streams.push(url.searchParams.getAll('s').join());
      return realFetch(input, init);
    };
    try {
      const container = mount(`<div style="height: 400vh"></div><ruche-comments subject="${subject}"></ruche-comments>`);
      const element = container.querySelector<RucheComments>('ruche-comments')!;
      await waitFor(() => element.page, 'the comments, far down the page');
      const written = await call('POST', '/api/comments', { as: 'bob', body: { subject, body: 'Pendant la lecture' } });
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert(!streams.some((s) => s.includes(subject)), 'no stream while the comments are far from the viewport');
      element.scrollIntoView();
      await waitFor(() => streams.some((s) => s.includes(subject)), 'the stream, once they come near');
      await waitFor(() => $(element, `#c-${written.id}`), 'the comment written before the stream opened', 5000);
    } finally {
      window.fetch = realFetch;
      scrollTo(0, 0);
    }
  });
});
