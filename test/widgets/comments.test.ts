import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { Comment } from '../../shared/api-types.ts';
import type { RucheComments } from '../../widgets/comments/comments.ts';
import { $, $$, api, assert, call, cleanup, deepActiveElement, equal, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

async function comments(subject: string, options: { as?: string; attributes?: string } = {}): Promise<RucheComments> {
  const widget = `<ruche-comments subject="${subject}" ${options.attributes ?? ''}></ruche-comments>`;
  const container = mount(options.as ? `<ruche-provider api="${api}" token="${await token(options.as)}">${widget}</ruche-provider>` : widget);
  const element = container.querySelector<RucheComments>('ruche-comments')!;
  await waitFor(() => element.page, 'the comments to load');
  await element.updateComplete;
  return element;
}

const post = (as: string, body: Partial<Comment> & { subject: string; body: string; mode?: string }) => call<Comment>('POST', '/api/comments', { as, body });
const heading = (element: RucheComments) => $(element, 'h3')!.textContent!.replace(/\s+/g, ' ').trim();

/** Points at the comments, as someone who may write does: the buttons under them come with the writing code. */
async function pointAt(element: RucheComments): Promise<void> {
  const target = $(element, '.threads')!;
  target.scrollIntoView({ block: 'center' });
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'move', position: [Math.round(box.x + 5), Math.round(box.y + 5)] });
  await waitFor(() => element.writing, 'the writing code');
  await element.updateComplete;
}

/** Types into the widget's textarea as a person would (each change is an input event). */
async function type(textarea: HTMLTextAreaElement, text: string): Promise<void> {
  textarea.focus();
  await sendKeys({ type: text });
}

describe('<ruche-comments>', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('renders markdown, and a comment’s HTML, scripts and javascript: links stay inert', async () => {
    const subject = uniqueSubject('xss');
    const payloads = [
      '<script>window.pwned = 1</script>',
      '<img src=x onerror="window.pwned = 2">',
      '[click](javascript:window.pwned=3) and [also](JaVaScRiPt:alert(1)) and [tab](java\tscript:alert(1))',
      '<a href="javascript:alert(1)">html link</a> <iframe src="https://example.org"></iframe> <svg onload="window.pwned=4">',
      '**bold** *em* `code` [ok](https://example.org/x) <b onmouseover=alert(1)>b</b>\n\n> quote\n\n- item',
    ];
    for (const body of payloads) await post('mallory', { subject, body });
    const element = await comments(subject);
    const bodies = $$(element, '.body');
    equal(bodies.length, payloads.length, 'one body per comment');
    const allowed = new Set(['P', 'EM', 'STRONG', 'DEL', 'CODE', 'A', 'BR', 'UL', 'OL', 'LI', 'PRE', 'BLOCKQUOTE']);
    for (const body of bodies) {
      for (const node of body.querySelectorAll('*')) {
        assert(allowed.has(node.tagName), `unexpected <${node.tagName.toLowerCase()}> in a comment`);
        for (const attribute of node.attributes) assert(!/^on/i.test(attribute.name), `event handler attribute ${attribute.name}`);
      }
    }
    for (const link of $$<HTMLAnchorElement>(element, 'a[href]')) assert(/^(https?:|mailto:)/i.test(link.getAttribute('href')!), `unsafe link ${link.getAttribute('href')}`);
    // Nowhere in the widget, not only in the bodies.
    equal($$(element, 'script, img, iframe, object, embed, svg[onload]').length, 0, 'no active elements');
    assert(bodies.some((b) => b.textContent!.includes('<script>window.pwned = 1</script>')), 'HTML is shown as text');
    assert($(element, '.body strong') && $(element, '.body blockquote') && $(element, '.body li'), 'markdown is rendered');
    equal((window as unknown as { pwned?: number }).pwned, undefined, 'no script ran');
  });

  it('shows the moves under the comments as the keyboard’s focus comes in, as the pointer does', async () => {
    const subject = uniqueSubject('keyboard');
    await post('bob', { subject, body: 'Une question au clavier.' });
    const element = await comments(subject, { as: 'alice' });
    equal($(element, '.thread .actions')!.textContent!.includes('Répondre'), false, 'no move before the focus or the pointer comes in');
    const before = Object.assign(document.createElement('button'), { textContent: 'avant' });
    element.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    await waitFor(() => $(element, '.thread .actions')!.textContent!.includes('Répondre'), 'the moves, once the focus is in');
    const reply = [...$(element, '.thread .actions')!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Répondre')!;
    for (let tabs = 0; deepActiveElement() !== reply && tabs < 10; tabs++) await sendKeys({ press: 'Tab' });
    equal(deepActiveElement(), reply, 'reached with Tab');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(element, '.composer.sub textarea') === deepActiveElement(), 'the reply box, opened from the keyboard');
  });

  it('posts with Ctrl+Enter, shows the comment, moves focus to it and counts it', async () => {
    const subject = uniqueSubject('post');
    const element = await comments(subject, { as: 'alice' });
    assert($(element, '.empty'), 'an empty state invites the first comment');
    equal(heading(element), '0 commentaire');
    const textarea = $<HTMLTextAreaElement>(element, '.composer.main textarea')!;
    await type(textarea, 'Bonjour **tout le monde**');
    await sendKeys({ press: 'Control+Enter' });
    const article = await waitFor(() => $(element, '.thread .comment'), 'the new comment');
    equal(article.querySelector('strong')?.textContent, 'tout le monde');
    equal(heading(element), '1 commentaire');
    // The live stream may bring the comment before the POST answers; the box empties on the answer.
    await waitFor(() => textarea.value === '', 'the composer is emptied');
    await waitFor(() => deepActiveElement() === article, 'focus on the new comment');
    const onServer = await call('GET', `/api/comments?subject=${subject}`);
    equal(onServer.threads.length, 1, 'stored on the server');
  });

  it('keeps what is typed while a comment is being sent', async () => {
    const subject = uniqueSubject('typing');
    const element = await comments(subject, { as: 'alice' });
    const textarea = $<HTMLTextAreaElement>(element, '.composer.main textarea')!;
    const realFetch = window.fetch;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST' && new URL(String(input)).pathname === '/api/comments') await released;
      return realFetch(input, init);
    };
    try {
      await type(textarea, 'Envoyé');
      await sendKeys({ press: 'Control+Enter' });
      await waitFor(() => element.busy.has('new'), 'the comment being sent');
      await sendKeys({ type: ' et la suite' });
      release();
      await waitFor(() => $(element, '.thread .comment'), 'the comment');
      equal($(element, '.thread .body')!.textContent!.trim(), 'Envoyé');
      equal(textarea.value, 'Envoyé et la suite', 'what was typed meanwhile is still there');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('keeps a draft across reloads of the element, and forgets it once posted', async () => {
    const subject = uniqueSubject('draft');
    let element = await comments(subject, { as: 'alice' });
    await type($<HTMLTextAreaElement>(element, '.composer.main textarea')!, 'Un brouillon');
    element.closest('div')!.remove();
    element = await comments(subject, { as: 'alice' });
    const textarea = $<HTMLTextAreaElement>(element, '.composer.main textarea')!;
    equal(textarea.value, 'Un brouillon', 'draft restored');
    $<HTMLButtonElement>(element, '.composer.main .btn.primary')!.click();
    await waitFor(() => $(element, '.thread .comment'), 'the comment');
    element.closest('div')!.remove();
    element = await comments(subject, { as: 'alice' });
    equal($<HTMLTextAreaElement>(element, '.composer.main textarea')!.value, '', 'draft gone after posting');
  });

  it('keeps each person’s drafts to themselves, and a reply’s draft when its box is closed', async () => {
    const subject = uniqueSubject('drafts');
    const root = await post('carol', { subject, body: 'Un sujet' });
    let element = await comments(subject, { as: 'alice' });
    await type($<HTMLTextAreaElement>(element, '.composer.main textarea')!, 'Le brouillon d’Alice');
    element.closest('div')!.remove();
    element = await comments(subject, { as: 'bob' });
    equal($<HTMLTextAreaElement>(element, '.composer.main textarea')!.value, '', 'not shown to Bob on the same browser');
    // Bob starts a reply, then closes its box with Escape: it is there when he opens it again.
    await pointAt(element);
    const replyButton = () => $<HTMLButtonElement>(element, `#c-${root.id} .actions button[aria-expanded]`)!;
    replyButton().click();
    const box = await waitFor(() => $<HTMLTextAreaElement>(element, `[data-key="reply:${root.id}"] textarea`), 'the reply box');
    await type(box, 'Ma réponse en cours');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$(element, `[data-key="reply:${root.id}"]`), 'the box closed');
    replyButton().click();
    const again = await waitFor(() => $<HTMLTextAreaElement>(element, `[data-key="reply:${root.id}"] textarea`), 'the reply box again');
    equal(again.value, 'Ma réponse en cours', 'the reply draft stays');
    element.closest('div')!.remove();
    element = await comments(subject, { as: 'alice' });
    equal($<HTMLTextAreaElement>(element, '.composer.main textarea')!.value, 'Le brouillon d’Alice', 'Alice finds hers');
  });

  it('takes the mode the server has for the subject once loaded; until a first question, its own', async () => {
    const discussion = uniqueSubject('mode-discussion');
    await post('bob', { subject: discussion, body: 'Une discussion' });
    const element = await comments(discussion, { as: 'alice', attributes: 'mode="qa"' });
    equal(element.page!.subject.mode, 'discussion');
    equal(element.qa, false, 'a discussion, whatever the attribute says');
    assert(!/Poser une question/.test($(element, '.composer.main label')!.textContent!), 'the composer asks for a comment');
    const liked = uniqueSubject('mode-liked');
    await call('PUT', '/api/likes', { as: 'bob', body: { subject: liked } });
    const help = await comments(liked, { as: 'alice', attributes: 'mode="qa"' });
    equal(help.page!.subject.mode, null, 'a like decided nothing');
    await waitFor(() => /Poser une question/.test($(help, '.composer.main label')?.textContent ?? ''), 'the composer asks a question');
  });

  it('drops the accepted mark live when the accepted answer is deleted', async () => {
    const subject = uniqueSubject('accepted-gone');
    const question = await post('alice', { subject, body: 'Qui a la clé ?', mode: 'qa' });
    const answer = await post('bob', { subject, body: 'Moi.', parentId: question.id });
    await call('PUT', `/api/comments/${answer.id}/accept`, { as: 'alice' });
    const element = await comments(subject, { as: 'dave', attributes: 'mode="qa"' });
    await waitFor(() => $(element, `#c-${question.id} .badge.ok`), 'the question marked solved');
    await new Promise((resolve) => setTimeout(resolve, 300)); // the stream connects
    await call('DELETE', `/api/comments/${answer.id}`, { as: 'bob' });
    await waitFor(() => !$(element, `#c-${question.id} .badge.ok`), 'no longer solved (live)', 5000);
    equal(element.store.threads[0]!.acceptedAnswerId, null);
  });

  it('reads the threads again when the server cannot replay what the stream missed', async () => {
    const subject = uniqueSubject('reset');
    await post('bob', { subject, body: 'Avant' });
    const realFetch = window.fetch;
    let reads = 0;
    let streams = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input)).pathname;
      if (path === '/api/comments' && (init?.method ?? 'GET') === 'GET') reads++;
      if (path !== '/api/events') return realFetch(input, init);
      await released;
      // The first stream asks from an id the server no longer keeps (events last 7 days).
      const headers = new Headers(init?.headers);
      if (!streams++) headers.set('Last-Event-ID', '999999999999');
      return realFetch(input, { ...init, headers });
    };
    try {
      const element = await comments(subject, { as: 'alice' });
      const between = await post('carol', { subject, body: 'Pendant' });
      release();
      await waitFor(() => $(element, `#c-${between.id}`), 'what was written meanwhile, read again', 5000);
      assert(reads >= 2, `the threads were read again (${reads} reads)`);
      const after = await post('dave', { subject, body: 'Après' });
      await waitFor(() => $(element, `#c-${after.id}`), 'live again', 5000);
      equal(heading(element), '3 commentaires');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('replies under the comment, edits and deletes one’s own, and leaves a placeholder where replies remain', async () => {
    const subject = uniqueSubject('thread');
    const root = await post('bob', { subject, body: 'Question de Bob' });
    const element = await comments(subject, { as: 'alice' });
    await pointAt(element);
    const reply = $<HTMLButtonElement>(element, `#c-${root.id} .actions button[aria-expanded]`)!;
    reply.click();
    const textarea = await waitFor(() => $<HTMLTextAreaElement>(element, `[data-key="reply:${root.id}"] textarea`), 'the reply box');
    await waitFor(() => deepActiveElement() === textarea, 'focus in the reply box');
    await type(textarea, 'Réponse d’Alice');
    await sendKeys({ press: 'Control+Enter' });
    const mine = await waitFor(() => $(element, '.replies .comment'), 'the reply, nested');
    // Edit it.
    [...mine.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Modifier')!.click();
    const editBox = await waitFor(() => $<HTMLTextAreaElement>(element, '[data-key^="edit:"] textarea'), 'the edit box');
    editBox.select();
    await sendKeys({ type: 'Réponse corrigée' });
    await sendKeys({ press: 'Control+Enter' });
    await waitFor(() => $(element, '.replies .body')?.textContent?.includes('Réponse corrigée'), 'the edited text');
    assert($(element, '.replies .edited'), 'marked as edited');
    // Bob's root is deleted (by Bob): Alice's reply keeps it as a placeholder.
    await call('DELETE', `/api/comments/${root.id}`, { as: 'bob' });
    await waitFor(() => $(element, `#c-${root.id}.gone`), 'a placeholder for the deleted comment (live)');
    // Alice deletes her reply: nothing is left.
    const replyArticle = $(element, '.replies .comment')!;
    [...replyArticle.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Supprimer')!.click();
    const confirm = await waitFor(() => $<HTMLButtonElement>(element, '.confirm .btn.danger'), 'the confirmation');
    confirm.click();
    await waitFor(() => !$(element, '.thread'), 'the thread is gone');
    equal(heading(element), '0 commentaire');
  });

  it('shows comments of other people as they are written (live)', async () => {
    const subject = uniqueSubject('live');
    const element = await comments(subject, { as: 'alice' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the stream connects
    const written = await post('bob', { subject, body: 'Écrit ailleurs' });
    await waitFor(() => $(element, `#c-${written.id}`), 'the live comment', 5000);
    equal(heading(element), '1 commentaire');
    const reply = await post('carol', { subject, body: 'Réponse live', parentId: written.id });
    await waitFor(() => $(element, `.replies #c-${reply.id}`), 'the live reply, nested', 5000);
    equal(heading(element), '2 commentaires');
  });

  /** Holds the page's live stream (GET /api/events) until `release()`, noting the Last-Event-ID each request sends. */
  function holdStreams() {
    const realFetch = window.fetch;
    const sent: (string | null)[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (new URL(String(input)).pathname !== '/api/events') return realFetch(input, init);
      sent.push(new Headers(init?.headers).get('Last-Event-ID'));
      await released;
      return realFetch(input, init);
    };
    return { sent, release, restore: () => (window.fetch = realFetch) };
  }

  it('shows what was written between reading the comments and opening the live stream', async () => {
    const subject = uniqueSubject('gap');
    await post('bob', { subject, body: 'Avant' });
    const streams = holdStreams();
    try {
      const element = await comments(subject, { as: 'alice' });
      const readAt = element.page!.lastEventId;
      assert(readAt && readAt !== '0', `the page says where its events are (${readAt})`);
      // Written by someone else after the page was read, before the stream is open.
      const between = await post('carol', { subject, body: 'Entre les deux' });
      await waitFor(() => streams.sent.length, 'the stream to be asked for');
      streams.release();
      await waitFor(() => $(element, `#c-${between.id}`), 'the comment written in between', 5000);
      equal(streams.sent.at(-1), readAt, 'the first stream starts where the page was read');
      equal(heading(element), '2 commentaires');
      // And the stream goes on as usual.
      const after = await post('dave', { subject, body: 'Après' });
      await waitFor(() => $(element, `#c-${after.id}`), 'a comment written later', 5000);
      equal(heading(element), '3 commentaires');
      equal($$(element, '.thread').length, 3, 'each comment once');
    } finally {
      streams.restore();
    }
  });

  it('starts one stream for several subjects at the oldest point any of them was read at', async () => {
    const [first, second] = [uniqueSubject('gap-a'), uniqueSubject('gap-b')];
    await post('bob', { subject: first, body: 'Un' });
    await post('bob', { subject: second, body: 'Deux' });
    const empty = uniqueSubject('gap-empty');
    const streams = holdStreams();
    try {
      const alice = await token('alice');
      // A page reads from its space's newest event: the first widget reads, the space moves on, the second reads.
      const container = mount(`<ruche-provider api="${api}" token="${alice}"><ruche-comments subject="${first}"></ruche-comments></ruche-provider>`);
      const a = container.querySelector<RucheComments>('ruche-comments');
      await waitFor(() => a!.page, 'the first widget to load');
      await post('bob', { subject: uniqueSubject('gap-elsewhere'), body: 'Ailleurs dans l’espace' });
      const b = document.createElement('ruche-comments') as RucheComments;
      b.setAttribute('subject', second);
      container.querySelector('ruche-provider')!.prepend(b);
      await waitFor(() => b.page, 'the second widget to load');
      const [readA, readB] = [a!.page!.lastEventId, b.page!.lastEventId];
      assert(Number(readA) < Number(readB), `${readA} < ${readB}`);
      const inA = await post('carol', { subject: first, body: 'Dans A' });
      const inB = await post('carol', { subject: second, body: 'Dans B' });
      await waitFor(() => streams.sent.length, 'the stream to be asked for');
      // Both subjects on one stream, starting at the older point.
      await new Promise((resolve) => setTimeout(resolve, 100));
      equal(streams.sent.at(-1), readA);
      streams.release();
      await waitFor(() => $(a!, `#c-${inA.id}`) && $(b, `#c-${inB.id}`), 'both comments written in between', 5000);
      // A subject with no event yet starts from its space's newest event (not '0', "everything").
      const late = mount(`<ruche-provider api="${api}" token="${alice}"><ruche-comments subject="${empty}"></ruche-comments></ruche-provider>`);
      const c = late.querySelector<RucheComments>('ruche-comments')!;
      await waitFor(() => c.page, 'the third widget to load');
      assert(Number(c.page!.lastEventId) > Number(readB), `${c.page!.lastEventId} > ${readB}`);
      const inC = await post('carol', { subject: empty, body: 'Premier' });
      await waitFor(() => $(c, `#c-${inC.id}`), 'the first comment of an empty subject', 5000);
      assert(streams.sent.at(-1) !== '0', 'the stream never asks for everything');
    } finally {
      streams.restore();
    }
  });

  it('reports a comment to the stewards with a reason', async () => {
    const subject = uniqueSubject('report');
    const target = await post('bob', { subject, body: 'Propos limite' });
    const element = await comments(subject, { as: 'alice' });
    await pointAt(element);
    [...$(element, `#c-${target.id} .actions`)!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Signaler')!.click();
    const reason = await waitFor(() => $<HTMLTextAreaElement>(element, '[data-key^="report:"] textarea'), 'the reason box');
    await type(reason, 'Hors sujet');
    $<HTMLButtonElement>(element, '[data-key^="report:"] .btn.primary')!.click();
    const note = await waitFor(() => $(element, `#c-${target.id} .note`), 'the thank-you note');
    assert(/animateurs/.test(note.textContent!), note.textContent!);
  });

  it('pages threads with "load more" and sorts oldest first', async () => {
    const subject = uniqueSubject('pages');
    for (let i = 1; i <= 5; i++) await post('bob', { subject, body: `Message ${i}` });
    const element = await comments(subject, { attributes: 'page-size="2"' });
    const texts = () => $$(element, '.thread > .comment .body').map((b) => b.textContent!.trim());
    equal(texts().join(','), 'Message 5,Message 4');
    $<HTMLButtonElement>(element, '.more .btn')!.click();
    await waitFor(() => texts().length === 4, 'a second page');
    equal(texts().join(','), 'Message 5,Message 4,Message 3,Message 2');
    $$<HTMLButtonElement>(element, '.sort button').find((b) => b.textContent === 'Plus anciens')!.click();
    await waitFor(() => texts()[0] === 'Message 1', 'oldest first');
    equal(heading(element), '5 commentaires');
  });

  it('speaks English or French, dates and counts included', async () => {
    const subject = uniqueSubject('lang');
    await post('bob', { subject, body: 'One' });
    await post('bob', { subject, body: 'Two' });
    const english = await comments(subject, { attributes: 'lang="en"' });
    equal(heading(english), '2 comments');
    equal($(english, 'time')!.textContent, 'now');
    assert($(english, 'time')!.getAttribute('datetime')!.endsWith('Z'), 'machine-readable date');
    assert(/\d{4}/.test($(english, 'time')!.title), 'absolute date in the title');
    const french = await comments(subject);
    equal(heading(french), '2 commentaires');
    equal($(french, 'time')!.textContent, 'maintenant');
    // The page's language is found above the widget.
    const container = mount(`<div lang="en-GB"><ruche-comments subject="${subject}"></ruche-comments></div>`);
    const nested = container.querySelector<RucheComments>('ruche-comments')!;
    await waitFor(() => nested.page, 'load');
    await nested.updateComplete;
    equal(heading(nested), '2 comments');
  });

  it('runs the Q&A flow: the asker accepts an answer, shown first and marked, with the answer-time promise', async () => {
    // An administrator promises answers within 48 hours in the default space.
    const admin = await token('root', { admin: true });
    const promised = await fetch(new URL('api/spaces/general', api), {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ answerPromiseHours: 48 }),
    });
    assert(promised.ok, `set the promise: ${promised.status}`);
    const subject = uniqueSubject('qa');
    const question = await post('alice', { subject, body: 'Quel code TVA ?', mode: 'qa' });
    const first = await post('bob', { subject, body: 'Première réponse', parentId: question.id });
    const second = await post('carol', { subject, body: 'La bonne réponse', parentId: question.id });
    const element = await comments(subject, { as: 'alice', attributes: 'mode="qa"' });
    assert(/Réponse garantie sous 48/.test($(element, '.promise')!.textContent!), 'the promise is shown');
    assert(/dans le délai promis/.test($(element, `#c-${question.id} .clock`)!.textContent!), 'answered within the promise');
    assert(/Poser une question/.test($(element, '.composer.main label')!.textContent!), 'the composer asks for a question');
    const order = () => $$(element, '.replies .comment').map((c) => c.id);
    equal(order().join(), `c-${first.id},c-${second.id}`);
    await pointAt(element);
    $<HTMLButtonElement>(element, `#c-${second.id} .accept`)!.click();
    await waitFor(() => $(element, `#c-${second.id}.accepted`), 'the accepted answer is marked');
    equal(order().join(), `c-${second.id},c-${first.id}`, 'the accepted answer comes first');
    assert($(element, `#c-${question.id} .badge.ok`), 'the question is marked solved');
    await waitFor(() => deepActiveElement() === $(element, `#c-${second.id} .accept`), 'focus on the accept button, now first');
    const onServer = await call('GET', `/api/comments?subject=${subject}`);
    equal(onServer.threads[0].acceptedAnswerId, second.id, 'accepted on the server');
    // Someone else (not the asker, not a steward) cannot accept.
    const other = await comments(subject, { as: 'dave', attributes: 'mode="qa"' });
    await pointAt(other);
    assert($(other, `#c-${second.id} .actions button[aria-expanded]`), 'the buttons are there');
    equal($$(other, '.accept').length, 0, 'no accept button for others');
  });

  it('shows a waiting question, and how long it has waited', async () => {
    const subject = uniqueSubject('wait');
    await post('alice', { subject, body: 'Toujours sans réponse ?', mode: 'qa' });
    const element = await comments(subject, { attributes: 'mode="qa"' });
    assert(/En attente/.test($(element, '.clock')!.textContent!), $(element, '.clock')!.textContent!);
  });
});
