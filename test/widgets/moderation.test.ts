import { sendKeys } from '@web/test-runner-commands';
import type { Comment, ModerationSettings } from '../../shared/api-types.ts';
import type { RucheComments } from '../../widgets/comments/comments.ts';
import * as ideaBoxModule from '../../widgets/ideas/idea-box.ts';
import type { RucheIdeaBox } from '../../widgets/ideas/idea-box.ts';
import * as pulseModule from '../../widgets/pulse/pulse.ts';
import type { RuchePulse } from '../../widgets/pulse/pulse.ts';
import { $, $$, api, assert, call, cleanup, deepActiveElement, equal, expectAccessible, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

pulseModule.define(api);
ideaBoxModule.define(api);

/**
 * Stewards' tools in the widgets, against a real API: the moves under comments (only for the
 * space's stewards, and refused by the server to anyone else), what authors and others then see,
 * live; pre-moderation; the moderation desk of the pulse (queue, log, settings).
 */
const CONTROLS = '/widgets/moderation/controls.ts';
const requested = (module: string) =>
  (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some((entry) => new URL(entry.name).pathname === module);
const text = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A space of its own, whose steward is carol (who creates it). */
async function space(): Promise<string> {
  const slug = uniqueSubject('modo');
  await call('POST', '/api/spaces', { as: 'carol', body: { slug, name: `Espace ${slug}`, visibility: 'open', lang: 'fr' } });
  return slug;
}

const post = (as: string, body: Record<string, unknown>) => call<Comment>('POST', '/api/comments', { as, body });

/** `as`'s <ruche-comments> on a subject of a space, read (several may share the page, each with its own person). */
async function comments(slug: string, subject: string, as: string): Promise<RucheComments> {
  const container = mount(
    `<ruche-provider api="${api}" token="${await token(as)}" space="${slug}"><ruche-comments subject="${subject}" page-size="5"></ruche-comments></ruche-provider>`,
  );
  const element = container.querySelector<RucheComments>('ruche-comments')!;
  await waitFor(() => element.page, `${as}'s comments`);
  await element.updateComplete;
  return element;
}

const article = (element: RucheComments, id: string) => $(element, `#c-${id}`);
const move = (element: RucheComments, id: string, name: string) => article(element, id)?.querySelector<HTMLButtonElement>(`button[data-move="${name}"]`) ?? null;

/** What a request answers, status and error code, as `as` (a forged call: no widget involved). */
async function raw(method: string, path: string, as: string, body?: unknown): Promise<{ status: number; code?: string }> {
  const response = await fetch(new URL(path.replace(/^\//, ''), api), {
    method,
    headers: { Authorization: `Bearer ${await token(as)}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => null)) as { error?: { code: string } } | null;
  return { status: response.status, code: json?.error?.code };
}

describe('stewards’ tools', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('shows the moves to the space’s stewards only, loads their code for them only, and the server refuses anyone else', async () => {
    const slug = await space();
    const subject = uniqueSubject('modo-sujet');
    const comment = await post('alice', { space: slug, subject, body: 'Un avis tranché.' });

    const member = await comments(slug, subject, 'bob');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert(!member.moderating && !requested(CONTROLS), 'a member does not download the stewards’ code');
    assert(!$(member, '.steward-moves') && !move(member, comment.id, 'hide'), 'nor sees their moves');
    // A member forging the steward's calls: refused, nothing changed.
    for (const action of ['hide', 'restore', 'approve', 'reject', 'dismiss']) {
      const answer = await raw('POST', `/api/moderation/comments/${comment.id}/${action}`, 'bob', { reason: 'parce que' });
      equal(`${action} ${answer.status} ${answer.code}`, `${action} 403 steward_only`);
    }
    equal((await raw('GET', `/api/moderation?space=${slug}`, 'bob')).status, 403, 'the queue');
    equal((await raw('PUT', '/api/moderation/settings', 'bob', { space: slug, premoderation: 'everyone' })).status, 403, 'the settings');
    const still = await call('GET', `/api/comments?space=${slug}&subject=${subject}`, { as: 'dave' });
    equal(still.threads[0].status, 'published', 'the comment is untouched');
    cleanup();

    const steward = await comments(slug, subject, 'carol');
    await waitFor(() => steward.moderating, 'the stewards’ code');
    await steward.updateComplete;
    assert(requested(CONTROLS), 'loaded for a steward');
    equal(text(move(steward, comment.id, 'hide')), 'Masquer', 'a published comment can be hidden');
    equal($(steward, '.steward-moves')!.getAttribute('aria-label'), 'Animation', 'the moves are named as a group');
    // Deleting someone else's comment is not a steward's move (it would leave no trace and no reason): hiding is.
    const own = await post('carol', { space: slug, subject, body: 'Le mot de l’animatrice.' });
    steward.shadowRoot!.querySelector('.threads')!.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    await waitFor(() => steward.writing, 'the buttons under the comments');
    await steward.load(false);
    await waitFor(() => article(steward, own.id), 'the steward’s own comment');
    await steward.updateComplete;
    const buttons = (id: string) => [...article(steward, id)!.querySelectorAll('button')].map((b) => text(b));
    assert(buttons(own.id).includes('Supprimer'), 'Delete under one’s own comment');
    assert(!buttons(comment.id).includes('Supprimer'), 'not under someone else’s');
    equal(`${(await raw('DELETE', `/api/comments/${comment.id}`, 'carol')).code}`, 'hide_instead', 'and the server refuses it');
  });

  it('hides with a reason: its author reads why, everyone else sees a placeholder — live', async () => {
    const slug = await space();
    const subject = uniqueSubject('modo-live');
    const rude = await post('alice', { space: slug, subject, body: 'Des propos blessants.' });
    await post('dave', { space: slug, subject, parentId: rude.id, body: 'Une réponse qui reste.' });

    const author = await comments(slug, subject, 'alice');
    const other = await comments(slug, subject, 'bob');
    const steward = await comments(slug, subject, 'carol');
    await waitFor(() => steward.moderating, 'the stewards’ code');
    await steward.updateComplete;

    // Masquer asks why first; an empty reason is not sent.
    const hide = move(steward, rude.id, 'hide')!;
    hide.click();
    const form = await waitFor(() => article(steward, rude.id)!.querySelector('form.reason'), 'the reason form');
    equal(deepActiveElement(), form.querySelector('textarea'), 'focus in the reason');
    equal(hide.getAttribute('aria-expanded'), 'true');
    (form.querySelector('button.warn') as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    equal((await call('GET', `/api/comments?space=${slug}&subject=${subject}`, { as: 'dave' })).threads[0].status, 'published', 'not without a reason');
    await sendKeys({ type: 'Propos blessants envers un collègue' });
    await sendKeys({ press: 'Control+Enter' });

    // The steward: the comment, marked hidden with the reason, and the move back.
    await waitFor(() => move(steward, rude.id, 'restore'), 'Rétablir');
    // The notice of a held comment loads with the change that brings the first one (held.ts).
    await waitFor(() => text(article(steward, rude.id)?.querySelector('.moderation') ?? null).includes('Propos blessants envers un collègue'), 'the steward reads why');
    // Others: a placeholder, live (its reply keeps its place).
    await waitFor(() => text(article(other, rude.id)).includes('masqué par un animateur'), 'the placeholder, live', 10_000);
    assert(!text(other.shadowRoot!.querySelector('.threads')).includes('Des propos blessants'), 'no words left for others');
    assert(!$(other, '.steward-moves'), 'and no moves');
    // Its author: their words, and why — live too.
    const why = await waitFor(() => article(author, rude.id)?.querySelector('.moderation'), 'the author’s notice, live', 10_000);
    await waitFor(() => text(why).includes('Propos blessants envers un collègue'), 'the reason', 10_000);
    assert(text(article(author, rude.id)).includes('Des propos blessants'), 'the author still reads their words');
    assert(/Seuls vous et les animateurs/.test(text(article(author, rude.id)!.querySelector('.moderation'))), 'and who else does');
    const told = await call('GET', '/api/notifications', { as: 'alice' });
    equal(told.items[0].kind, 'post_hidden', 'the author is notified');
    equal(told.items[0].reason, 'Propos blessants envers un collègue');

    // Rétablir: back for everyone, live.
    move(steward, rude.id, 'restore')!.click();
    await waitFor(() => text(article(other, rude.id)).includes('Des propos blessants'), 'restored for others, live', 10_000);
    await waitFor(() => !article(author, rude.id)!.querySelector('.moderation'), 'no notice left for the author', 10_000);
    await waitFor(() => move(steward, rude.id, 'hide'), 'Masquer again');
  });

  it('holds posts in a pre-moderated space: the author is told, a steward approves, others then see it live', async () => {
    const slug = await space();
    const subject = uniqueSubject('modo-pre');
    const settings = await call<ModerationSettings>('PUT', '/api/moderation/settings', { as: 'carol', body: { space: slug, premoderation: 'everyone' } });
    equal(settings.premoderation, 'everyone');
    await post('carol', { space: slug, subject, body: 'Bienvenue : les messages sont relus ici.' }); // stewards are never held

    const other = await comments(slug, subject, 'bob');
    const author = await comments(slug, subject, 'alice');
    const textarea = $<HTMLTextAreaElement>(author, '.composer.main textarea')!;
    textarea.focus();
    await waitFor(() => author.writing, 'the writing code');
    await author.updateComplete;
    equal(textarea.placeholder, 'Ici, un animateur valide chaque message avant sa publication…', 'told before writing');
    await sendKeys({ type: 'Ma question en attente' });
    await sendKeys({ press: 'Control+Enter' });
    const mine = await waitFor(() => author.store.threads.find((t) => t.body === 'Ma question en attente'), 'the post, as its author sees it');
    equal(mine.status, 'pending');
    await author.updateComplete;
    assert(/attend la validation d’un animateur/.test(text($(author, '.composer.main .note'))), 'the author is told it waits');
    // The notice's code (held.ts) comes with the first held post drawn: wait for it, not for a render.
    await waitFor(() => /En attente de validation/.test(text(article(author, mine.id)!.querySelector('.moderation'))), 'and the post says so');
    equal(author.store.count, 1, 'not counted while it waits');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert(!article(other, mine.id), 'nobody else sees it');

    const steward = await comments(slug, subject, 'carol');
    await waitFor(() => steward.moderating && move(steward, mine.id, 'approve'), 'Approuver');
    assert(move(steward, mine.id, 'reject'), 'or Refuser');
    move(steward, mine.id, 'approve')!.click();
    await waitFor(() => article(other, mine.id), 'published for others, live', 10_000);
    assert(text(article(other, mine.id)).includes('Ma question en attente'), 'its words');
    await waitFor(() => !article(author, mine.id)!.querySelector('.moderation'), 'no longer waiting for its author, live', 10_000);
    await waitFor(() => other.store.count === 2 && author.store.count === 2, 'counted now');
    equal((await call('GET', '/api/notifications', { as: 'alice' })).items[0].kind, 'post_approved', 'the author is notified');
  });

  it('gives stewards a desk in the pulse: the queue with reasons, the moves, the log and the settings', async () => {
    const slug = await space();
    const subject = uniqueSubject('modo-desk');
    const reported = await post('alice', { space: slug, subject, body: 'Un message **signalé**.' });
    await call('POST', `/api/comments/${reported.id}/report`, { as: 'bob', body: { reason: 'Hors sujet et agressif' } });
    await call('PUT', '/api/moderation/settings', { as: 'carol', body: { space: slug, words: ['interdit'] } });
    const held = await post('dave', { space: slug, subject, body: 'Un mot interdit ici.' });
    equal(held.status, 'pending', 'held by a watched word');

    const container = mount(`<ruche-provider api="${api}" token="${await token('carol')}"><ruche-pulse space="${slug}"></ruche-pulse></ruche-provider>`);
    const pulse = container.querySelector<RuchePulse>('ruche-pulse')!;
    const tab = await waitFor(() => $$<HTMLButtonElement>(pulse, '.tabs button').find((b) => /^Modération/.test(text(b))), 'the moderation tab', 10_000);
    await waitFor(() => text(tab) === 'Modération (2)', 'with what waits');
    tab.click();
    await waitFor(() => $$(pulse, '.item').length === 2, 'the queue');
    const [first, second] = $$(pulse, '.item') as [HTMLElement, HTMLElement];
    assert(text(first).includes('Signalé 1 fois') && text(first).includes('Hors sujet et agressif'), 'oldest first: the report, with its reason');
    assert(!text(first).includes('bob'), 'reporters are never named');
    equal(first.querySelector('.text strong')?.textContent, 'signalé', 'the text as written (markdown)');
    assert(text(second).includes('mot surveillé') && text(second).includes('interdit'), 'the held post, with the word found');

    // Dismissing asks why too, like the other moves; the reason goes to the log.
    (first.querySelector('button[data-move="dismiss"]') as HTMLButtonElement).click();
    const why = await waitFor(() => first.querySelector<HTMLTextAreaElement>('form.reason textarea'), 'the reason to dismiss');
    equal(text(first.querySelector('form.reason label')), 'Pourquoi classer sans suite ? Les animateurs liront cette raison dans le journal.');
    first.querySelector<HTMLButtonElement>('form.reason button.go-line')!.click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    equal($$(pulse, '.item').length, 2, 'not without a reason');
    why.focus();
    await sendKeys({ type: 'Un désaccord, pas un abus.' });
    first.querySelector<HTMLButtonElement>('form.reason button.go-line')!.click();
    await waitFor(() => $$(pulse, '.item').length === 1, 'the dismissed report leaves the queue');
    await waitFor(() => text(tab) === 'Modération (1)', 'the count follows');
    equal((await call('GET', `/api/comments?space=${slug}&subject=${subject}`, { as: 'bob' })).threads.length, 1, 'the reported comment stays published');
    // The list is drawn by position: the held post is now the first item.
    const left = $(pulse, '.item')!;
    assert(text(left).includes('interdit'), 'the held post is left');
    (left.querySelector('button[data-move="reject"]') as HTMLButtonElement).click();
    const reason = await waitFor(() => left.querySelector<HTMLTextAreaElement>('form.reason textarea'), 'the reason');
    reason.focus();
    await sendKeys({ type: 'Merci de reformuler sans ce mot.' });
    await sendKeys({ press: 'Control+Enter' });
    await waitFor(() => /Rien à traiter/.test(text($(pulse, '.desk'))), 'nothing left');
    equal((await call('GET', '/api/notifications', { as: 'dave' })).items[0].reason, 'Merci de reformuler sans ce mot.', 'its author is told why');

    $$<HTMLButtonElement>(pulse, '.desk .seg button').find((b) => text(b) === 'Journal')!.click();
    await waitFor(() => $$(pulse, '.log li').length === 3, 'the log');
    const log = $$(pulse, '.log li').map(text);
    assert(/a refusé un commentaire.*Merci de reformuler/.test(log[0]!), `newest first: ${log[0]}`);
    assert(/a classé les signalements sur un commentaire.*Un désaccord, pas un abus/.test(log[1]!), log[1]!);
    assert(/a changé les réglages \(mots ajoutés : interdit\)/.test(log[2]!), log[2]!);

    $$<HTMLButtonElement>(pulse, '.desk .seg button').find((b) => text(b) === 'Réglages')!.click();
    const everyone = await waitFor(() => $$<HTMLLabelElement>(pulse, '.choice').find((l) => /Pour tout le monde/.test(text(l))), 'the settings');
    const words = $<HTMLTextAreaElement>(pulse, '#watched')!;
    equal(words.value, 'interdit', 'the watched words, stewards only');
    everyone.querySelector('input')!.click();
    words.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: '\nbanni' });
    $<HTMLButtonElement>(pulse, '.save button')!.click();
    await waitFor(() => $(pulse, '.save .ok'), 'saved');
    const saved = await call<ModerationSettings>('GET', `/api/moderation/settings?space=${slug}`, { as: 'carol' });
    equal(`${saved.premoderation} ${[...saved.words!].sort().join(',')}`, 'everyone banni,interdit');

    await expectAccessible('the desk');
  });

  it('on ideas: a held idea is its author’s and the stewards’ until approved; anyone may report one; a hidden one tells its author why', async () => {
    const slug = await space();
    await call('PUT', '/api/moderation/settings', { as: 'carol', body: { space: slug, premoderation: 'everyone' } });
    const held = await call('POST', '/api/ideas', { as: 'alice', body: { space: slug, title: 'Une idée en attente', description: 'À valider.' } });
    const box = async (as: string) => {
      const container = mount(`<ruche-provider api="${api}" token="${await token(as)}"><ruche-idea-box space="${slug}"></ruche-idea-box></ruche-provider>`);
      const element = container.querySelector<RucheIdeaBox>('ruche-idea-box')!;
      await waitFor(() => element.page && element.participation, `${as}'s ideas`);
      await element.updateComplete;
      return element;
    };
    const open = async (element: RucheIdeaBox, id: string) => {
      $<HTMLButtonElement>(element, `#i-${id} .title`)!.click();
      await waitFor(() => element.view === 'idea' && $(element, '.view article'), 'the idea’s view');
      await element.updateComplete;
    };

    const author = await box('alice');
    equal(text(author.shadowRoot!.querySelector(`#i-${held.id} .s-held`)), 'En attente de validation', 'its author sees it waits');
    cleanup();
    const member = await box('bob');
    assert(!$(member, `#i-${held.id}`), 'nobody else sees it');
    cleanup();

    const steward = await box('carol');
    await open(steward, held.id);
    const approve = await waitFor(() => $<HTMLButtonElement>(steward, '.view button[data-move="approve"]'), 'Approuver, for a steward');
    assert(/En attente de validation/.test(text($(steward, '.view .s-held'))), 'the steward reads why it waits');
    approve.click();
    await waitFor(() => !$(steward, '.view .s-held') && $(steward, '.view button[data-move="hide"]'), 'published, and now hideable');
    cleanup();

    const reader = await box('bob');
    assert($(reader, `#i-${held.id}`), 'published for everyone');
    await open(reader, held.id);
    assert(!$(reader, '.view [data-move]'), 'no moves for a member');
    $$<HTMLButtonElement>(reader, '.view .report button').find((b) => /Signaler/.test(text(b)))!.click();
    const why = await waitFor(() => $<HTMLTextAreaElement>(reader, '#report-reason'), 'the report form');
    equal(deepActiveElement(), why, 'focus in the reason');
    await sendKeys({ type: 'Doublon d’une idée plus ancienne' });
    $$<HTMLButtonElement>(reader, '.view .report button').find((b) => /Envoyer/.test(text(b)))!.click();
    await waitFor(() => /vont examiner cette idée/.test(text($(reader, '.view'))), 'thanked');
    const queue = await call('GET', `/api/moderation?space=${slug}`, { as: 'carol' });
    equal(queue.items[0].kind, 'idea');
    equal(queue.items[0].reports.reasons[0].reason, 'Doublon d’une idée plus ancienne', 'the stewards read why');
    cleanup();

    // « Classer sans suite » on the idea asks why, like the other moves; the log keeps the reason.
    const deciding = await box('carol');
    await open(deciding, held.id);
    (await waitFor(() => $<HTMLButtonElement>(deciding, '.view button[data-move="dismiss"]'), 'Classer sans suite')).click();
    const reasonField = await waitFor(() => $<HTMLTextAreaElement>(deciding, '.view form.reason textarea'), 'the reason to dismiss');
    equal(deepActiveElement(), reasonField, 'focus in the reason');
    equal(text($(deciding, '.view form.reason label')), 'Pourquoi classer sans suite ? Les animateurs liront cette raison dans le journal.');
    await sendKeys({ type: 'Pas un doublon : une autre campagne.' });
    await sendKeys({ press: 'Control+Enter' });
    await waitFor(() => !$(deciding, '.view button[data-move="dismiss"]'), 'the reports closed');
    const logged = await call('GET', `/api/moderation/log?space=${slug}`, { as: 'carol' });
    equal(`${logged.entries[0].action} ${logged.entries[0].reason}`, 'dismiss Pas un doublon : une autre campagne.');
    await expectAccessible('the idea, reports dismissed');
    cleanup();

    await call('POST', `/api/moderation/ideas/${held.id}/hide`, { as: 'carol', body: { reason: 'Doublon : votez pour l’idée d’origine' } });
    const told = await box('alice');
    equal(text(told.shadowRoot!.querySelector(`#i-${held.id} .s-held`)), 'Masquée par un animateur');
    await open(told, held.id);
    assert(/Doublon : votez pour l’idée d’origine/.test(text($(told, '.view .s-held'))), 'its author reads why');
    assert(/Seuls vous et les animateurs/.test(text($(told, '.view .s-held'))), 'and who else sees it');
  });

  it('has no accessibility violation where a steward and an author read hidden and pending comments, light or dark (axe-core)', async () => {
    const slug = await space();
    const subject = uniqueSubject('modo-axe');
    const hidden = await post('alice', { space: slug, subject, body: 'Masqué bientôt.' });
    await call('POST', `/api/moderation/comments/${hidden.id}/hide`, { as: 'carol', body: { reason: 'Hors charte' } });
    await call('PUT', '/api/moderation/settings', { as: 'carol', body: { space: slug, premoderation: 'everyone' } });
    await post('alice', { space: slug, subject, body: 'En attente.' });
    for (const as of ['carol', 'alice']) {
      const element = await comments(slug, subject, as);
      if (as === 'carol') await waitFor(() => element.moderating, 'the moves');
      await element.updateComplete;
      equal($$(element, '.moderation').length, 2, `${as} reads both, with why`);
      await expectAccessible(as);
      cleanup();
    }
  });
});
