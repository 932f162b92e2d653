import { sendKeys } from '@web/test-runner-commands';
import type { RucheLike } from '../../widgets/like/like.ts';
import { $, api, apiRequests, assert, call, cleanup, deepActiveElement, equal, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

const likes = (container: HTMLElement) => [...container.querySelectorAll<RucheLike>('ruche-like')];
const loaded = (like: RucheLike) => $(like, '.count:not(.pending)');
const likeButton = (like: RucheLike) => $<HTMLButtonElement>(like, 'button[aria-pressed]')!;

describe('<ruche-like>', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(cleanup);

  it('serves every button of a page with one batched request', async () => {
    const subjects = Array.from({ length: 30 }, () => uniqueSubject('news'));
    await call('PUT', '/api/likes', { as: 'alice', body: { subject: subjects[3] } });
    await call('PUT', '/api/likes', { as: 'bob', body: { subject: subjects[3] } });
    const since = performance.now();
    const container = mount(subjects.map((s) => `<p>Actu <ruche-like subject="${s}"></ruche-like></p>`).join(''));
    await waitFor(() => likes(container).every(loaded), 'every count');
    equal(apiRequests('/api/likes', since).length, 1, 'GET /api/likes requests');
    equal(loaded(likes(container)[3]!)!.textContent!.trim(), '2', 'count of the liked subject');
    equal(loaded(likes(container)[0]!)!.textContent!.trim(), '0', 'count of another subject');
  });

  it('serves a list too long for one URL with one request too', async () => {
    const subjects = Array.from({ length: 250 }, () => uniqueSubject('n'));
    await call('PUT', '/api/likes', { as: 'alice', body: { subject: subjects[249] } });
    const since = performance.now();
    const container = mount(subjects.map((s) => `<ruche-like subject="${s}"></ruche-like>`).join(''));
    await waitFor(() => likes(container).every(loaded), 'every count', 15_000);
    equal(apiRequests('/api/likes', since).length, 0, 'GET /api/likes requests');
    equal(apiRequests('/api/likes/query', since).length, 1, 'POST /api/likes/query requests');
    equal(loaded(likes(container)[249]!)!.textContent!.trim(), '1', 'count of the liked subject');
  });

  it('toggles the like with aria-pressed and the count, and the server agrees', async () => {
    const subject = uniqueSubject('toggle');
    await call('PUT', '/api/likes', { as: 'alice', body: { subject } });
    const container = mount(`<ruche-provider api="${api}" token="${await token('bob')}"><ruche-like subject="${subject}"></ruche-like></ruche-provider>`);
    const like = container.querySelector<RucheLike>('ruche-like')!;
    await waitFor(() => loaded(like), 'the count');
    const button = likeButton(like);
    equal(button.getAttribute('aria-pressed'), 'false');
    button.click();
    await like.updateComplete;
    equal(button.getAttribute('aria-pressed'), 'true', 'pressed at once (optimistic)');
    equal(loaded(like)!.textContent!.trim(), '2');
    await waitFor(() => like.confirmed?.liked, 'the server answer');
    const onServer = await call('GET', `/api/likes?s=${subject}`, { as: 'bob' });
    equal(onServer.likes[subject].liked, true, 'liked on the server');
    button.click();
    await waitFor(() => button.getAttribute('aria-pressed') === 'false', 'unpressed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await call('GET', `/api/likes?s=${subject}`, { as: 'bob' });
    equal(after.likes[subject].liked, false, 'unliked on the server');
    equal(after.likes[subject].count, 1);
  });

  it('opens the list of people from the keyboard, and Escape closes it and gives focus back', async () => {
    const subject = uniqueSubject('people');
    const liker = uniqueSubject('amelie'); // a person of their own: other tests give names to alice and bob
    await call('PUT', '/api/likes', { as: liker, body: { subject } });
    const container = mount(`<ruche-like subject="${subject}"></ruche-like>`);
    const like = container.querySelector<RucheLike>('ruche-like')!;
    await waitFor(() => loaded(like), 'the count');
    const toggle = $<HTMLButtonElement>(like, '[aria-controls]')!;
    const list = () => $(like, `#${toggle.getAttribute('aria-controls')}`)!;
    assert(list().hidden, 'closed at first');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => toggle.getAttribute('aria-expanded') === 'true', 'aria-expanded=true');
    const popover = list();
    assert(!popover.hidden, 'the list is shown');
    equal(popover.getAttribute('role'), 'dialog');
    equal(deepActiveElement(), popover, 'focus moves into the list');
    await waitFor(() => popover.textContent!.includes(liker), 'the people who liked');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => toggle.getAttribute('aria-expanded') === 'false', 'aria-expanded=false');
    assert(popover.hidden, 'the list is hidden');
    equal(deepActiveElement(), toggle, 'focus is back on the button');
  });

  it('tells an anonymous visitor to sign in instead of liking', async () => {
    const container = mount(`<ruche-like subject="${uniqueSubject('anon')}"></ruche-like>`);
    const like = container.querySelector<RucheLike>('ruche-like')!;
    await waitFor(() => loaded(like), 'the count');
    likeButton(like).click();
    const notice = await waitFor(() => $(like, '.notice:not([hidden])'), 'a notice');
    assert(/connectez-vous/i.test(notice.textContent!), `asks to sign in: ${notice.textContent}`);
    equal(likeButton(like).getAttribute('aria-pressed'), 'false', 'not liked');
  });

  it('keeps its size while its count loads', async () => {
    const container = mount(`<ruche-like subject="${uniqueSubject('size')}"></ruche-like>`);
    const like = container.querySelector<RucheLike>('ruche-like')!;
    await like.updateComplete;
    const before = like.getBoundingClientRect();
    await waitFor(() => loaded(like), 'the count');
    const after = like.getBoundingClientRect();
    equal(after.width, before.width, 'width');
    equal(after.height, before.height, 'height');
  });
});
