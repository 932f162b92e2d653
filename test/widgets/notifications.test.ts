import { sendKeys } from '@web/test-runner-commands';
import { define, type RucheNotificationBell } from '../../widgets/notifications/notifications.ts';
import { $, $$, api, assert, call, cleanup, deepActiveElement, equal, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

define(api);

/** Someone of one's own, so that one test's notifications are not another's. */
const someone = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;
const countOf = (bell: RucheNotificationBell) => $(bell, '.count')?.textContent?.trim() ?? null;
const bellButton = (bell: RucheNotificationBell) => $<HTMLButtonElement>(bell, 'button.bell')!;
const sentences = (bell: RucheNotificationBell) => $$(bell, '.notice .sentence').map((s) => s.textContent!.trim());

/** `me` wrote a comment, and `other` replied to it `replies` times. */
async function repliedTo(me: string, other: string, replies = 1): Promise<string> {
  const subject = uniqueSubject('inbox');
  const mine = await call('POST', '/api/comments', { as: me, body: { subject, body: 'Ma question du jour' } });
  for (let i = 0; i < replies; i++) await call('POST', '/api/comments', { as: other, body: { subject, parentId: mine.id, body: `Réponse ${i + 1}` } });
  return subject;
}

async function mountBell(sub: string, lang?: string): Promise<RucheNotificationBell> {
  const container = mount(`<ruche-provider api="${api}" token="${await token(sub)}"${lang ? ` lang="${lang}"` : ''}><ruche-notifications></ruche-notifications></ruche-provider>`);
  await customElements.whenDefined('ruche-notifications');
  return container.querySelector<RucheNotificationBell>('ruche-notifications')!;
}

describe('<ruche-notifications>', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(cleanup);

  it('shows the unread count, events on one thing told as one, and nothing to nobody signed in', async () => {
    const me = someone('ines');
    await repliedTo(me, someone('marc'), 3);
    const bell = await mountBell(me);
    await waitFor(() => countOf(bell) === '1', 'one unread notification');
    equal(bellButton(bell).getAttribute('aria-label'), 'Notifications, 1 non lue');
    const anonymous = mount(`<ruche-provider api="${api}"><ruche-notifications></ruche-notifications></ruche-provider>`).querySelector<RucheNotificationBell>('ruche-notifications')!;
    await customElements.whenDefined('ruche-notifications');
    await anonymous.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    equal($(anonymous, 'button'), null, 'no bell for nobody');
    equal(anonymous.getBoundingClientRect().width, 36, 'its room kept all the same');
  });

  it('moves the count live, without a reload', async () => {
    const me = someone('lea');
    const other = someone('paul');
    await repliedTo(me, other);
    const bell = await mountBell(me);
    await waitFor(() => countOf(bell) === '1', 'the first count');
    await repliedTo(me, other);
    await waitFor(() => countOf(bell) === '2', 'the count moved by the stream', 10_000);
  });

  it('opens from the keyboard, lists newest first and grouped, and Escape gives focus back', async () => {
    const me = someone('nora');
    const other = someone('yann');
    await repliedTo(me, other, 2);
    await repliedTo(me, other, 1);
    const bell = await mountBell(me);
    await waitFor(() => countOf(bell) === '2', 'two unread');
    bellButton(bell).focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $$(bell, '.notice').length === 2, 'the list');
    equal(bellButton(bell).getAttribute('aria-expanded'), 'true');
    const panel = $(bell, '[role="dialog"]')!;
    equal(panel.id, bellButton(bell).getAttribute('aria-controls'), 'the bell controls the panel');
    equal(deepActiveElement(), panel, 'focus in the panel');
    const [newest, older] = sentences(bell);
    assert(newest!.endsWith('a répondu sur « une page »'), `newest first: ${newest}`);
    equal(older, '2 nouvelles réponses sur « une page »', 'two replies told as one');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$(bell, '[role="dialog"]'), 'closed');
    equal(deepActiveElement(), bellButton(bell), 'focus back on the bell');
  });

  it('marks one, then all, as read, and the server agrees', async () => {
    const me = someone('rose');
    const other = someone('theo');
    for (let i = 0; i < 3; i++) await repliedTo(me, other);
    const bell = await mountBell(me);
    await waitFor(() => countOf(bell) === '3', 'three unread');
    bellButton(bell).click();
    await waitFor(() => $$(bell, '.notice.unread').length === 3, 'three unread in the list');
    $<HTMLButtonElement>(bell, '.notice .mark')!.click();
    await waitFor(() => countOf(bell) === '2', 'one fewer');
    equal($$(bell, '.notice.unread').length, 2);
    equal((await call('GET', '/api/notifications/unread', { as: me })).unreadCount, 2, 'on the server');
    [...$$<HTMLButtonElement>(bell, 'header button')].find((b) => b.textContent!.includes('Tout marquer'))!.click();
    await waitFor(() => countOf(bell) === null, 'none unread');
    equal($$(bell, '.notice.unread').length, 0);
    equal((await call('GET', '/api/notifications/unread', { as: me })).unreadCount, 0, 'on the server');
    equal(bellButton(bell).getAttribute('aria-label'), 'Notifications, aucune non lue');
  });

  it('shows ten at a time, and more on demand', async () => {
    const me = someone('zoe');
    const other = someone('hugo');
    for (let i = 0; i < 12; i++) await repliedTo(me, other);
    const bell = await mountBell(me);
    await waitFor(() => countOf(bell) === '12', 'twelve unread');
    bellButton(bell).click();
    await waitFor(() => $$(bell, '.notice').length === 10, 'the first ten');
    $<HTMLButtonElement>(bell, 'button.more')!.click();
    await waitFor(() => $$(bell, '.notice').length === 12, 'all twelve');
    equal($(bell, 'button.more'), null, 'nothing more to show');
  });

  it('leads to the very comment: <ruche-comments> shows the one the address names', async () => {
    const subject = uniqueSubject('linked');
    const first = await call('POST', '/api/comments', { as: 'alice', body: { subject, body: 'Le premier' } });
    const reply = await call('POST', '/api/comments', { as: 'bob', body: { subject, parentId: first.id, body: 'La réponse notifiée' } });
    const container = mount(`<ruche-provider api="${api}" token="${await token('alice')}"><ruche-comments subject="${subject}"></ruche-comments></ruche-provider>`);
    const comments = container.querySelector('ruche-comments')!;
    await waitFor(() => comments.shadowRoot?.getElementById(`c-${reply.id}`), 'the thread');
    location.hash = `#ruche-comment-${reply.id}`;
    try {
      await waitFor(() => deepActiveElement()?.id === `c-${reply.id}`, 'the linked comment focused');
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('speaks English to an English reader', async () => {
    const me = someone('amy');
    await repliedTo(me, someone('ben'), 2);
    const bell = await mountBell(me, 'en');
    await waitFor(() => countOf(bell) === '1', 'the count');
    equal(bellButton(bell).getAttribute('aria-label'), 'Notifications, 1 unread');
    bellButton(bell).click();
    await waitFor(() => sentences(bell).length === 1, 'the list');
    equal(sentences(bell)[0], '2 new replies on “a page”');
    assert($(bell, 'h2')!.textContent === 'Notifications', 'its heading');
  });
});
