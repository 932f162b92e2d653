import { sendKeys } from '@web/test-runner-commands';
import type { IdeaCampaign, IdeaDetail, IdeaPage } from '../../shared/api-types.ts';
import * as ideaBoxModule from '../../widgets/ideas/idea-box.ts';
import type { RucheIdeaBox } from '../../widgets/ideas/idea-box.ts';
import { $, $$, api, assert, cleanup, deepActiveElement, equal, expectAccessible, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

ideaBoxModule.define(api);

declare global {
  interface Window {
    pwned?: number;
  }
}

const names: Record<string, string> = { carol: 'Carol Animatrice', alice: 'Alice Martin', bob: 'Bob Durand', dave: 'Dave Lefèvre' };

/** Calls the API as someone else would, from another browser (their name signed in, as the widget's tokens are). */
async function call<T = any>(method: string, path: string, options: { as: string; body?: unknown }): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${await token(options.as, { name: names[options.as] })}` };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path.replace(/^\//, ''), api), { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Waits until an asynchronous check (a question to the server) holds. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; !(await check()); tries++) {
    if (tries > 80) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A space of its own (carol, who creates it, is its steward), so that tests never see each other's ideas. */
async function space(): Promise<string> {
  const slug = uniqueSubject('idees');
  await call('POST', '/api/spaces', { as: 'carol', body: { slug, name: `Espace ${slug}`, visibility: 'open', lang: 'fr' } });
  return slug;
}

async function campaign(spaceSlug: string, body: Partial<IdeaCampaign> = {}): Promise<IdeaCampaign> {
  return call('POST', '/api/ideas/campaigns', {
    as: 'carol',
    body: { space: spaceSlug, slug: 'magasin', title: 'Magasin de demain', question: 'Comment simplifier nos magasins ?', description: 'Vos idées **avant Noël**.', ...body },
  });
}

const submit = (as: string, spaceSlug: string, body: Record<string, unknown>) =>
  call<IdeaDetail>('POST', '/api/ideas', { as, body: { space: spaceSlug, description: 'Détails à venir.', ...body } });

/** The widget as `as` sees it (anonymous visitor when omitted), once its first page is shown. */
async function ideaBox(attributes: string, as?: string): Promise<RucheIdeaBox> {
  const widget = `<ruche-idea-box ${attributes}></ruche-idea-box>`;
  const container = mount(as ? `<ruche-provider api="${api}" token="${await token(as, { name: names[as] })}">${widget}</ruche-provider>` : widget);
  const element = container.querySelector<RucheIdeaBox>('ruche-idea-box')!;
  await waitFor(() => element.page, 'the ideas to load');
  // Someone signed in gets the code that votes and opens views.
  if (as) await waitFor(() => element.participation, 'the participation code');
  await element.updateComplete;
  return element;
}

const text = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const titles = (element: RucheIdeaBox) => $$(element, '.idea .title').map(text);
const ideaItem = (element: RucheIdeaBox, id: string) => $(element, `#i-${id}`);
const button = (root: Element | ShadowRoot, label: RegExp) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => label.test(text(b)));

async function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  field.focus();
  await sendKeys({ type: value });
}

async function openIdea(element: RucheIdeaBox, id: string): Promise<void> {
  (await waitFor(() => $<HTMLButtonElement>(element, `#i-${id} .title`), 'the idea in the list')).click();
  await waitFor(() => element.view === 'idea' && $(element, '.view article'), 'the idea’s view');
}

describe('<ruche-idea-box>', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('lists a campaign’s ideas with votes, status and tags, sorted by trend, votes or date, and filtered', async () => {
    const slug = await space();
    await campaign(slug);
    const quiet = await submit('alice', slug, { campaign: 'magasin', title: 'Idée discrète', tags: ['stock'] });
    const loved = await submit('bob', slug, { campaign: 'magasin', title: 'Idée soutenue', tags: ['caisse'] });
    const fresh = await submit('dave', slug, { campaign: 'magasin', title: 'Idée toute neuve', tags: ['caisse', 'accueil'] });
    for (const voter of ['alice', 'carol', 'dave']) await call('PUT', `/api/ideas/${loved.id}/vote`, { as: voter });
    await call('PUT', `/api/ideas/${fresh.id}/vote`, { as: 'alice' });
    await call('POST', `/api/ideas/${quiet.id}/status`, { as: 'carol', body: { status: 'planned' } });
    await submit('alice', slug, { title: 'Dans la boîte permanente' });

    const element = await ideaBox(`space="${slug}" campaign="magasin"`);
    assert(/Comment simplifier nos magasins/.test(text($(element, 'h3'))), 'the campaign’s question heads the box');
    assert(/Magasin de demain/.test(text($(element, '.kicker'))), 'with its title');
    equal(titles(element)[0], 'Idée soutenue', 'trending first: the most voted of the day');
    equal(titles(element).length, 3, 'only the campaign’s ideas');
    equal(text(ideaItem(element, loved.id)!.querySelector('.vote .n')), '3', 'its votes counted');
    equal(text(ideaItem(element, quiet.id)!.querySelector('.status')), 'Planifiée', 'status badge');
    assert(ideaItem(element, quiet.id)!.querySelector('.s-planned'), 'coloured by status');
    equal(text(ideaItem(element, fresh.id)!.querySelector('.meta')).includes('accueil'), true, 'tags as chips');

    button(element.shadowRoot!, /^Les plus votées$/)!.click();
    await waitFor(() => element.page && element.sort === 'top' && titles(element).join() === 'Idée soutenue,Idée toute neuve,Idée discrète', 'sorted by votes');
    button(element.shadowRoot!, /^Récentes$/)!.click();
    await waitFor(() => element.sort === 'newest' && titles(element).length === 3, 'sorted by date');
    await element.updateComplete;
    equal($$(element, '.sort [aria-pressed="true"]').map(text).join(), 'Récentes', 'the sort in use is pressed');

    // Filters: a status (with its count), then a tag chip.
    const select = $<HTMLSelectElement>(element, 'select')!;
    assert([...select.options].some((o) => text(o) === 'Planifiée (1)'), 'statuses with their counts');
    select.value = 'planned';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => titles(element).join() === 'Idée discrète', 'filtered by status');
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => titles(element).length === 3, 'all statuses again');
    [...ideaItem(element, fresh.id)!.querySelectorAll<HTMLButtonElement>('.tag')].find((b) => text(b) === 'caisse')!.click();
    await waitFor(() => element.tag === 'caisse' && titles(element).length === 2, 'filtered by tag');
    $<HTMLButtonElement>(element, '.bar .tag')!.click();
    await waitFor(() => titles(element).length === 3, 'the tag filter removed');

    // The same space's always-open box holds the idea proposed outside the campaign.
    const box = await ideaBox(`space="${slug}"`);
    equal(titles(box).join(), 'Dans la boîte permanente');
    equal(text($(box, 'h3')), 'Boîte à idées');
  });

  it('votes in one click and withdraws the vote: aria-pressed and the count follow, and the server agrees', async () => {
    const slug = await space();
    const idea = await submit('bob', slug, { title: 'Un coin café pour les clients' });
    const element = await ideaBox(`space="${slug}"`, 'alice');
    const vote = ideaItem(element, idea.id)!.querySelector<HTMLButtonElement>('.vote')!;
    equal(vote.getAttribute('aria-pressed'), 'false');
    await call('PUT', `/api/ideas/${idea.id}/vote`, { as: 'dave' });
    equal(text(vote), '0', 'as read');
    vote.click();
    await new Promise((resolve) => setTimeout(resolve)); // the click's promises settle, the server has not answered yet
    equal(vote.getAttribute('aria-pressed'), 'true', 'pressed at once');
    equal(text(vote), '1', 'counted at once');
    await waitFor(() => !element.busy.size, 'the vote sent');
    equal(text(vote), '2', 'the count the server gave (Dave voted meanwhile)');
    assert(/^Voter, 2 votes$/.test(vote.getAttribute('aria-label')!), vote.getAttribute('aria-label')!);
    let onServer = await call<IdeaDetail>('GET', `/api/ideas/${idea.id}`, { as: 'alice' });
    equal(onServer.votedByMe, true, 'stored');
    equal(onServer.voteCount, 2);
    vote.click();
    await waitFor(() => vote.getAttribute('aria-pressed') === 'false' && text(vote) === '1', 'the vote withdrawn');
    await waitFor(() => !element.busy.size, 'the withdrawal sent');
    onServer = await call<IdeaDetail>('GET', `/api/ideas/${idea.id}`, { as: 'alice' });
    equal(onServer.voteCount, 1, 'withdrawn on the server');
  });

  it('asks an anonymous visitor to sign in before voting or proposing', async () => {
    const slug = await space();
    const idea = await submit('bob', slug, { title: 'Des tasses en salle de pause' });
    const element = await ideaBox(`space="${slug}"`);
    ideaItem(element, idea.id)!.querySelector<HTMLButtonElement>('.vote')!.click();
    const note = await waitFor(() => ideaItem(element, idea.id)!.querySelector('.note'), 'a sign-in hint');
    assert(/Connectez-vous/.test(text(note)), text(note));
    equal(text(ideaItem(element, idea.id)!.querySelector('.vote .n')), '0', 'nothing counted');
    $<HTMLButtonElement>(element, '.submit-button')!.click();
    await waitFor(() => /Connectez-vous/.test(text($(element, 'header .note'))), 'the same hint for proposing');
    equal(element.view, null, 'no form for nobody');
  });

  it('suggests similar ideas while the title is typed, votes for one there, and publishes a new idea with its tags', async () => {
    const slug = await space();
    const existing = await submit('bob', slug, { title: 'Afficher le temps d’attente de l’atelier', tags: ['atelier'] });
    const element = await ideaBox(`space="${slug}"`, 'alice');
    $<HTMLButtonElement>(element, '.submit-button')!.click();
    const title = await waitFor(() => $<HTMLInputElement>(element, '#title'), 'the form');
    await waitFor(() => deepActiveElement() === $(element, '.view h3'), 'focus on the form’s heading');
    await typeInto(title, 'temps attente');
    const similar = await waitFor(() => $(element, '.similar li'), 'a similar idea offered', 5000);
    assert(/Afficher le temps d’attente/.test(text(similar)), text(similar));
    const vote = similar.querySelector<HTMLButtonElement>('.vote')!;
    vote.click();
    await waitFor(() => vote.getAttribute('aria-pressed') === 'true' && text(vote) === '1', 'voted from the suggestion');
    await waitFor(() => !element.busy.size, 'the vote sent');
    equal((await call<IdeaDetail>('GET', `/api/ideas/${existing.id}`, { as: 'alice' })).votedByMe, true, 'the vote is stored');

    // Enter in the title moves on to the explanation; the form asks for it before sending.
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepActiveElement() === $(element, '#description'), 'focus on the description');
    button(element.shadowRoot!, /^Publier mon idée$/)!.click();
    await waitFor(() => /phrase ou deux/.test(text($(element, '.form .alert'))), 'asked for a few words');
    await typeInto($<HTMLTextAreaElement>(element, '#description')!, 'Un écran *dans le hall*, mis à jour toutes les minutes.');
    [...$$<HTMLButtonElement>(element, '.chips .tag')].find((b) => text(b) === 'atelier')!.click();
    await typeInto($<HTMLInputElement>(element, '.new-tag')!, 'Accueil');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $$(element, '.chips [aria-pressed="true"]').length === 2, 'two topics chosen');
    button(element.shadowRoot!, /^Publier mon idée$/)!.click();
    const heading = await waitFor(() => element.view === 'idea' && $(element, '.view h3'), 'the new idea shown');
    equal(text(heading), 'temps attente');
    assert($(element, '.view .body em'), 'its description rendered from the markdown tree');
    assert(/publiée/.test(text($(element, '.view .note'))), 'a thank-you note');
    equal($$(element, '.view .meta .tag').map(text).join(), 'atelier,accueil');
    const mine = (await call<IdeaPage>('GET', `/api/ideas?space=${slug}&mine=true`, { as: 'alice' })).ideas;
    equal(mine.length, 1, 'stored');
    equal(mine[0]!.anonymous, false, 'signed');
    // Back to the list, where it is now.
    $<HTMLButtonElement>(element, '.back')!.click();
    await waitFor(() => element.view === null && ideaItem(element, mine[0]!.id), 'the list, with the new idea');
  });

  it('explains anonymity before submitting, asks again when the policy changed, and shows no author to others', async () => {
    const slug = await space();
    await call('PUT', `/api/ideas/policy?space=${slug}`, { as: 'carol', body: { stewardsSeeAuthors: false, note: 'Nous ne cherchons jamais à savoir.' } });
    const element = await ideaBox(`space="${slug}"`, 'alice');
    $<HTMLButtonElement>(element, '.submit-button')!.click();
    await typeInto(await waitFor(() => $<HTMLInputElement>(element, '#title'), 'the form'), 'Moins de réunions le lundi');
    await typeInto($<HTMLTextAreaElement>(element, '#description')!, 'Le lundi matin est fait pour les magasins.');
    assert(!$(element, '.policy'), 'no policy before anonymity is asked for');
    $<HTMLInputElement>(element, '.check input')!.click();
    const policy = await waitFor(() => $(element, '.policy'), 'the policy, before anything is sent');
    assert(/ne le verront pas non plus/.test(text(policy)), `stewards do not see: ${text(policy)}`);
    assert(/Nous ne cherchons jamais à savoir/.test(text(policy)), 'the stewards’ own words');
    assert(/commentaires restent signés/.test(text(policy)), 'comments are signed');

    // The stewards change the policy meanwhile: the author is told and reads it again.
    await call('PUT', `/api/ideas/policy?space=${slug}`, { as: 'carol', body: { stewardsSeeAuthors: true } });
    button(element.shadowRoot!, /^Publier mon idée$/)!.click();
    await waitFor(() => /vient de changer/.test(text($(element, '.form .alert'))), 'told the policy changed');
    assert(/pourront voir que l’idée vient de vous/.test(text($(element, '.policy'))), 'the new policy shown');
    equal((await call<IdeaPage>('GET', `/api/ideas?space=${slug}`, { as: 'alice' })).ideas.length, 0, 'nothing was published');
    button(element.shadowRoot!, /^Publier mon idée$/)!.click();
    await waitFor(() => element.view === 'idea' && $(element, '.view h3'), 'published after reading it again');
    assert(/vous \(anonyme\)/.test(text($(element, '.byline'))), `the author sees “vous (anonyme)”: ${text($(element, '.byline'))}`);
    assert(/commentaires, eux, sont signés/.test(text($(element, '.view'))), 'the author is warned that comments are signed');
    const id = element.participation!.views.idea!.idea!.id;

    // Bob sees neither the name nor the moment.
    const other = await ideaBox(`space="${slug}"`, 'bob');
    const item = ideaItem(other, id)!;
    assert(/Anonyme/.test(text(item.querySelector('.meta'))), text(item.querySelector('.meta')));
    assert(!text(other.shadowRoot as unknown as Element).includes('Alice'), 'no author name anywhere');
    const time = item.querySelector('time')!;
    equal(time.getAttribute('datetime')!.length, 10, 'a day, not a moment');
    assert(!time.hasAttribute('title') && !/il y a|à l’instant/.test(text(time)), `no relative time: ${text(time)}`);
    await openIdea(other, id);
    assert(/Anonyme/.test(text($(other, '.byline'))) && !text($(other, '.view')).includes('Alice'), 'nor in the idea’s view');
  });

  it('refuses votes in a closed campaign with its message, also when it closed after the page was read', async () => {
    const slug = await space();
    const open = await campaign(slug, { slug: 'ouverte', closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    const idea = await submit('bob', slug, { campaign: 'ouverte', title: 'Une caisse rapide' });
    const element = await ideaBox(`space="${slug}" campaign="ouverte"`, 'alice');
    // It closes while Alice reads.
    await call('PATCH', `/api/ideas/campaigns/${open.id}`, { as: 'carol', body: { closesAt: new Date(Date.now() - 1000).toISOString() } });
    const vote = ideaItem(element, idea.id)!.querySelector<HTMLButtonElement>('.vote')!;
    vote.click();
    const refused = await waitFor(() => ideaItem(element, idea.id)!.querySelector('.alert'), 'the refusal');
    assert(/campagne est close/.test(text(refused)), text(refused));
    await waitFor(() => vote.getAttribute('aria-pressed') === 'false' && text(vote) === '0', 'the vote rolled back');

    // Read again: the box says when it closed, offers no form, and its votes explain themselves.
    cleanup();
    const closed = await ideaBox(`space="${slug}" campaign="ouverte"`, 'alice');
    assert(/Campagne close le/.test(text($(closed, '.closed'))), text($(closed, '.closed')));
    equal($(closed, '.submit-button'), null, 'no way to propose');
    const again = ideaItem(closed, idea.id)!.querySelector<HTMLButtonElement>('.vote')!;
    equal(again.getAttribute('aria-disabled'), 'true');
    again.click();
    await waitFor(() => /campagne est close/.test(text(ideaItem(closed, idea.id)!.querySelector('.alert'))), 'the same message');
    equal((await call<IdeaDetail>('GET', `/api/ideas/${idea.id}`, { as: 'alice' })).voteCount, 0, 'no vote counted');
  });

  it('lets stewards decide a status with a reason (required to decline) that everyone reads, with the history', async () => {
    const slug = await space();
    const idea = await submit('alice', slug, { title: 'Ouvrir le dimanche' });
    const watcher = await ideaBox(`space="${slug}"`, 'bob');
    await new Promise((resolve) => setTimeout(resolve, 300)); // its live stream connects
    const element = await ideaBox(`space="${slug}"`, 'carol');
    await openIdea(element, idea.id);
    const discussion = await waitFor(() => $(element, 'ruche-comments') as (HTMLElement & { page: unknown }) | null, 'the discussion');
    await waitFor(() => discussion.page, 'the discussion loaded');
    // The status change also reaches the discussion on the idea's subject: it must leave it alone.
    const failures: unknown[] = [];
    const onFailure = (event: PromiseRejectionEvent) => failures.push(event.reason);
    addEventListener('unhandledrejection', onFailure);
    const steward = await waitFor(() => $(element, '.steward'), 'the stewards’ controls');
    equal($(watcher, '.steward'), null, 'for stewards only');
    const status = steward.querySelector<HTMLSelectElement>('select')!;
    status.value = 'declined';
    status.dispatchEvent(new Event('change'));
    await waitFor(() => /obligatoire/.test(text($(element, 'label[for="reason"]'))), 'the reason is now required');
    button(steward, /Enregistrer/)!.click();
    await waitFor(() => /Expliquez pourquoi/.test(text($(element, '.steward .alert'))), 'asked for a reason');
    await typeInto($<HTMLTextAreaElement>(element, '#reason')!, 'Les horaires relèvent des **accords d’entreprise**.');
    button($(element, '.steward')!, /Enregistrer/)!.click();
    const word = await waitFor(() => $(element, '.word'), 'the stewards’ word on the idea');
    assert(word.querySelector('strong') && /accords d’entreprise/.test(text(word)), text(word));
    assert(/Carol Animatrice/.test(text(word)), 'signed by the steward');
    const history = $$(element, '.history li').map(text);
    equal(history.length, 2, 'proposed, then declined');
    assert(/^Refusée par Carol Animatrice · /.test(history[1]!), history[1]!);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the live event reaches the discussion
    removeEventListener('unhandledrejection', onFailure);
    equal(failures.map(String).join('\n'), '', 'no error in the discussion');

    // Bob's list changed live; his view of the idea has the reason and the history.
    await waitFor(() => text(ideaItem(watcher, idea.id)!.querySelector('.status')) === 'Refusée', 'the status changed live', 6000);
    await openIdea(watcher, idea.id);
    assert(/accords d’entreprise/.test(text($(watcher, '.word'))), 'the reason is shown to everyone');
    assert(/Refusée/.test(text($$(watcher, '.history li')[1]!)), 'and the history');
    assert($(watcher, 'ruche-comments'), 'with the idea’s discussion');
    equal($(watcher, 'ruche-comments')!.getAttribute('subject'), idea.subjectKey, 'on the idea’s subject');
  });

  it('merges a duplicate into the original (stewards), which then shows where it went', async () => {
    const slug = await space();
    const original = await submit('alice', slug, { title: 'Un écran pour suivre sa voiture à l’atelier' });
    const duplicate = await submit('bob', slug, { title: 'Savoir où en est ma voiture' });
    await call('PUT', `/api/ideas/${duplicate.id}/vote`, { as: 'dave' });
    const element = await ideaBox(`space="${slug}"`, 'carol');
    await openIdea(element, duplicate.id);
    const details = await waitFor(() => $<HTMLDetailsElement>(element, '.steward details'), 'the merge control');
    details.open = true;
    await typeInto($<HTMLInputElement>(element, '#merge-search')!, 'écran voiture');
    const pick = await waitFor(() => $$<HTMLButtonElement>(element, '.steward li button').find((b) => /suivre sa voiture/.test(text(b))), 'the original found', 5000);
    pick.click();
    const merge = await waitFor(() => $<HTMLButtonElement>(element, '.steward .danger'), 'the merge button');
    merge.click();
    await waitFor(() => /fusionnée/.test(text($(element, '.view .box'))), 'the duplicate says it was merged');
    equal(text($(element, '.view .status')), 'Fusionnée');
    // Its history says it as one would: not « Passée à Fusionnée ».
    assert(/^Fusionnée avec « Un écran pour suivre sa voiture à l’atelier » par Carol Animatrice · /.test(text($$(element, '.history li').at(-1) ?? null)), text($$(element, '.history li').at(-1) ?? null));
    $$<HTMLButtonElement>(element, '.view .box button').find((b) => /suivre sa voiture/.test(text(b)))!.click();
    await waitFor(() => /suivre sa voiture/.test(text($(element, '.view h3'))), 'the original opened');
    assert(/Savoir où en est ma voiture/.test(text($(element, '.view .box'))), 'which lists the duplicate merged into it');
    equal(text($(element, '.view .vote .n')), '1', 'with the duplicate’s vote');
  });

  it('tells a steward, in their words, why a merge was refused', async () => {
    const slug = await space();
    const original = await submit('alice', slug, { title: 'Un casier pour les commandes du soir' });
    const duplicate = await submit('bob', slug, { title: 'Retirer ses commandes le soir' });
    const element = await ideaBox(`space="${slug}"`, 'carol');
    await openIdea(element, duplicate.id);
    const details = await waitFor(() => $<HTMLDetailsElement>(element, '.steward details'), 'the merge control');
    details.open = true;
    await typeInto($<HTMLInputElement>(element, '#merge-search')!, 'casier commandes');
    const pick = await waitFor(() => $$<HTMLButtonElement>(element, '.steward li button').find((b) => /casier/.test(text(b))), 'the original found', 5000);
    pick.click();
    // Meanwhile another steward hides the original.
    await call('POST', `/api/moderation/ideas/${original.id}/hide`, { as: 'carol', body: { reason: 'Hors sujet' } });
    (await waitFor(() => $<HTMLButtonElement>(element, '.steward .danger'), 'the merge button')).click();
    const refused = await waitFor(() => $(element, '.steward .alert'), 'the refusal');
    assert(/approuvez-la ou rétablissez-la/.test(text(refused)), text(refused));
  });

  it('shows the news on one’s ideas, and marks them as seen', async () => {
    const slug = await space();
    const idea = await submit('alice', slug, { title: 'Scanner les livraisons' });
    await call('POST', `/api/ideas/${idea.id}/status`, { as: 'carol', body: { status: 'planned', reason: 'Prévu *en janvier*.' } });
    // News of another space, which this box does not show: it stays unread.
    const other = await space();
    const elsewhere = await submit('alice', other, { title: 'Une idée d’un autre espace' });
    await call('POST', `/api/ideas/${elsewhere.id}/status`, { as: 'carol', body: { status: 'planned' } });
    const element = await ideaBox(`space="${slug}"`, 'alice');
    const news = await waitFor(() => /1 nouvelle/.test(text($(element, '.news-button'))) && $<HTMLButtonElement>(element, '.news-button'), 'an unread count');
    news.click();
    const item = await waitFor(() => element.view === 'news' && $(element, '.news li'), 'the news');
    assert(/Votre idée/.test(text(item)) && /Scanner les livraisons/.test(text(item)), text(item));
    assert(/Planifiée/.test(text(item)) && /Carol Animatrice/.test(text(item)), 'what it became, and who decided');
    assert(item.querySelector('.body em'), 'the reason, rendered');
    await eventually(async () => (await call('GET', `/api/ideas/news?space=${slug}`, { as: 'alice' })).unreadCount === 0, 'marked as seen');
    equal((await call('GET', `/api/ideas/news?space=${other}`, { as: 'alice' })).unreadCount, 1, 'not the other space’s');
    // From the news to the idea, and back to the news.
    item.querySelector<HTMLButtonElement>('.title')!.click();
    await waitFor(() => element.view === 'idea', 'the idea');
    $<HTMLButtonElement>(element, '.back')!.click();
    await waitFor(() => element.view === 'news', 'back to the news');
    $<HTMLButtonElement>(element, '.back')!.click();
    await waitFor(() => element.view === null && !/nouvelle/.test(text($(element, '.news-button'))), 'the list, nothing unread');
    await waitFor(() => deepActiveElement() === $(element, '.news-button'), 'focus back where the news was opened');
  });

  it('keeps HTML and scripts in titles and descriptions inert', async () => {
    const slug = await space();
    const payloads = [
      ['<img src=x onerror="window.pwned = 1">', '<script>window.pwned = 2</script>'],
      ['<svg onload="window.pwned=3">', '[clic](javascript:window.pwned=4) et <iframe src="https://example.org"></iframe>'],
      ['**gras** `code`', '**gras** <b onmouseover=alert(1)>b</b> [ok](https://example.org/x)\n\n> citation'],
    ];
    const ids: string[] = [];
    for (const [title, description] of payloads) ids.push((await submit('mallory', slug, { title, description })).id);
    const element = await ideaBox(`space="${slug}"`);
    const check = () => {
      equal($$(element, 'script, img, iframe, object, embed, svg[onload]').length, 0, 'no active elements');
      for (const node of element.shadowRoot!.querySelectorAll('*')) {
        for (const attribute of node.attributes) assert(!/^on/i.test(attribute.name), `event handler attribute ${attribute.name}`);
      }
      for (const link of $$<HTMLAnchorElement>(element, 'a[href]')) assert(/^(https?:|mailto:)/i.test(link.getAttribute('href')!), `unsafe link ${link.getAttribute('href')}`);
    };
    check();
    assert(titles(element).includes('<img src=x onerror="window.pwned = 1">'), 'a title is text');
    for (const id of ids) {
      await openIdea(element, id);
      check();
      $<HTMLButtonElement>(element, '.back')!.click();
      await waitFor(() => element.view === null, 'the list');
    }
    await openIdea(element, ids[2]!);
    assert($(element, '.view .body strong') && $(element, '.view .body blockquote'), 'markdown is rendered');
    equal($(element, '.view .body a')!.getAttribute('href'), 'https://example.org/x');
    equal(window.pwned, undefined, 'no script ran');
  });

  it('speaks English when the page does', async () => {
    const slug = await space();
    const idea = await submit('bob', slug, { title: 'Coffee corner' });
    await call('POST', `/api/ideas/${idea.id}/status`, { as: 'carol', body: { status: 'under_review' } });
    const element = await ideaBox(`space="${slug}" lang="en"`);
    equal(text(ideaItem(element, idea.id)!.querySelector('.status')), 'Under review');
    equal(text($(element, '.submit-button')), 'Suggest an idea');
    assert(/^Vote, 0 votes$/.test(ideaItem(element, idea.id)!.querySelector('.vote')!.getAttribute('aria-label')!), 'English labels');
    await openIdea(element, idea.id);
    const step = text($$(element, '.history li').at(-1) ?? null);
    assert(/^Taken under review by Carol Animatrice · /.test(step), `its history, as one says it: ${step}`);
  });

  describe('accessibility', () => {
    const serious = (element: Element, where: string) => expectAccessible(where, [element]);

    it('has no violation, light or dark, in the list, the form with its policy, the idea, the stewards’ controls and the news', async () => {
      const slug = await space();
      await campaign(slug);
      const idea = await submit('alice', slug, { campaign: 'magasin', title: 'Une idée', tags: ['stock'] });
      await call('POST', `/api/ideas/${idea.id}/status`, { as: 'carol', body: { status: 'declined', reason: 'Pas cette année.' } });
      const element = await ideaBox(`space="${slug}" campaign="magasin"`, 'carol');
      await serious(element, 'list');
      $<HTMLButtonElement>(element, '.submit-button')!.click();
      await waitFor(() => $(element, '#title'), 'the form');
      $<HTMLInputElement>(element, '.check input')!.click();
      await waitFor(() => $(element, '.policy'), 'the policy');
      await serious(element, 'form');
      $<HTMLButtonElement>(element, '.back')!.click();
      await waitFor(() => element.view === null, 'the list');
      await openIdea(element, idea.id);
      await waitFor(() => $(element, '.steward'), 'the stewards’ controls');
      await waitFor(() => ($(element, 'ruche-comments') as HTMLElement & { page: unknown }).page, 'the discussion');
      await serious(element, 'idea');
      $<HTMLButtonElement>(element, '.back')!.click();
      await waitFor(() => element.view === null, 'the list');
      const theme = await ideaBox(`space="${slug}" campaign="magasin" theme="dark"`, 'alice');
      (await waitFor(() => $<HTMLButtonElement>(theme, '.news-button'), 'the news button')).click();
      await waitFor(() => theme.view === 'news', 'the news');
      await serious(theme, 'news, dark');
    });

    it('is usable from the keyboard: Escape leaves a view and focus returns to the idea opened', async () => {
      const slug = await space();
      const idea = await submit('alice', slug, { title: 'Au clavier' });
      const element = await ideaBox(`space="${slug}"`, 'bob');
      const title = $<HTMLButtonElement>(element, `#i-${idea.id} .title`)!;
      title.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => deepActiveElement() === $(element, '.view h3'), 'the idea, its heading focused');
      await sendKeys({ press: 'Escape' });
      await waitFor(() => element.view === null && deepActiveElement() === $(element, `#i-${idea.id} .title`), 'back, on the same idea');
      await sendKeys({ press: 'Shift+Tab' });
      equal(deepActiveElement(), $(element, `#i-${idea.id} .vote`), 'its vote button just before');
      await sendKeys({ press: 'Space' });
      await waitFor(() => $(element, `#i-${idea.id} .vote`)!.getAttribute('aria-pressed') === 'true', 'voted from the keyboard');
    });
  });
});
