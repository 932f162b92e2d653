import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { Comment, ExpertProfile } from '../../shared/api-types.ts';
import type { RucheComments } from '../../widgets/comments/comments.ts';
import { define, type RucheExpertFinder } from '../../widgets/experts/expert-finder.ts';
import { define as definePerson, type RuchePerson } from '../../widgets/experts/person.ts';
import { $, $$, api, apiRequests, assert, cleanup, demoApi, equal, expectAccessible, expectAccessibleAfterEach, mount, waitFor } from './support/helpers.ts';

define(api);
definePerson(api);

declare global {
  interface Window {
    pwned?: number;
  }
}

/** Letters only, so that the full-text search sees one word nobody else uses. */
const word = (prefix: string) => `${prefix}${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

interface Person {
  sub: string;
  name: string;
  email?: string;
  title?: string;
  dept?: string;
}

/** An identity token, signed as the intranet would, with the directory's claims. */
const tokenFor = (person: Person) => executeServerCommand('ruche-token', person) as Promise<string>;

async function call<T = any>(method: string, path: string, as: Person, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${await tokenFor(as)}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path.replace(/^\//, ''), api), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const person = (sub: string, name: string, extra: Partial<Person> = {}): Person => ({ sub, name, email: `${sub}@hexagone.example`, ...extra });
const idOf = async (p: Person) => (await call<{ id: string }>('GET', '/api/me', p)).id;
const setProfile = (p: Person, body: Record<string, unknown>) => call<ExpertProfile>('PATCH', '/api/experts/profile', p, body);

/**
 * A small world around one topic nobody else uses: an expert who declares it, was endorsed twice
 * and gave an accepted answer on it; a colleague who only declares it; someone who asks.
 */
async function world() {
  const topic = word('fiscalite');
  const run = topic.slice(-8);
  const expert = person(`expert-${run}`, `Karima Expert ${run}`, { title: 'Comptable fournisseurs', dept: 'Comptabilité' });
  const declared = person(`declared-${run}`, `Denis Déclaré ${run}`, { title: 'Acheteur' });
  const asker = person(`asker-${run}`, `Alice Demande ${run}`);
  const endorsers = [person(`e1-${run}`, `Eve Un ${run}`), person(`e2-${run}`, `Eric Deux ${run}`)];
  const label = topic[0]!.toUpperCase() + topic.slice(1);
  await setProfile(expert, { skills: [label, 'Excel'], askMeAbout: [label], chatUrl: 'msteams:/l/chat/0/0?users=karima@hexagone.example' });
  await setProfile(declared, { skills: [label] });
  const expertId = await idOf(expert);
  await call('POST', '/api/spaces', expert, { slug: `compta-${run}`, name: `Compta ${run}`, visibility: 'open', lang: 'fr' });
  for (const endorser of endorsers) await call('PUT', `/api/experts/people/${expertId}/skills/${encodeURIComponent(label)}/endorsement`, endorser);
  const subject = `qa-${run}`;
  const question = await call<Comment>('POST', '/api/comments', asker, { subject, mode: 'qa', body: `Comment traiter la ${topic} sur une facture allemande ?` });
  const answer = await call<Comment>('POST', '/api/comments', expert, { subject, parentId: question.id, body: `Pour la ${topic}, saisissez la facture HT avec le code AL20.` });
  await call('PUT', `/api/comments/${answer.id}/accept`, asker);
  return { topic, label, expert, expertId, declared, asker, endorsers, run };
}

async function finder(as: Person | null, attributes: string): Promise<RucheExpertFinder> {
  const widget = `<ruche-expert-finder ${attributes}></ruche-expert-finder>`;
  const container = mount(as ? `<ruche-provider api="${api}" token="${await tokenFor(as)}">${widget}</ruche-provider>` : widget);
  const element = container.querySelector<RucheExpertFinder>('ruche-expert-finder')!;
  await element.updateComplete;
  return element;
}

const cards = (element: RucheExpertFinder) => $$<RuchePerson>(element, 'ruche-person');
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const names = (element: RucheExpertFinder) => cards(element).map((card) => text($(card, 'h4')));
const reasons = (card: RuchePerson) => $$(card, '.why li').map(text);

async function results(element: RucheExpertFinder, count = 1): Promise<RuchePerson[]> {
  await waitFor(() => element.found && cards(element).length >= count && cards(element).every((card) => card.profile && $(card, 'h4')), 'the results');
  await Promise.all(cards(element).map((card) => card.updateComplete));
  return cards(element);
}

let shared: Awaited<ReturnType<typeof world>>;

describe('<ruche-expert-finder> and <ruche-person>', () => {
  before(async () => {
    shared = await world();
  });
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('ranks the people who know, each with why, phrased in French', async () => {
    const { topic, label, expert, declared, endorsers } = shared;
    const element = await finder(endorsers[0]!, '');
    const input = $<HTMLInputElement>(element, 'input[type="search"]')!;
    input.focus();
    await sendKeys({ type: topic });
    await sendKeys({ press: 'Enter' });
    const [first, second] = await results(element, 2);
    equal(names(element)[0], expert.name, 'the expert first');
    assert(names(element).includes(declared.name), `the colleague who declares it is found too: ${names(element)}`);
    const why = reasons(first!);
    equal(why[0], `1 réponse acceptée sur “${topic}”`, 'the strongest reason first');
    assert(why.includes(`propose qu’on l’interroge sur “${label}”`), `declared with “ask me”: ${why}`);
    assert(why.includes(`recommandé·e par 2 collègues pour “${label}”`), `endorsements: ${why}`);
    assert(reasons(second!).includes(`se déclare compétent·e en “${label}”`), `a declared skill: ${reasons(second!)}`);
    assert(/^2 personnes pour “/.test(text($(element, '.count'))), `the count: ${text($(element, '.count'))}`);
    // Roles in spaces above the job title.
    const lines = [...$(first!, '.main')!.children].map((child) => child.className || child.localName);
    assert(lines.indexOf('roles') > 0 && lines.indexOf('roles') < lines.indexOf('job'), `roles above the job: ${lines}`);
    assert(text($(first!, '.roles')).includes(`Animation Compta ${shared.run}`), text($(first!, '.roles')));
    equal(text($(first!, '.job')), 'Comptable fournisseurs · Comptabilité');
    const skill = $$(first!, 'button.skill').find((b) => b.textContent!.includes(label))!;
    assert(/2/.test(skill.textContent!), `endorsement count on the chip: ${skill.textContent}`);
    equal($<HTMLAnchorElement>(first!, 'a[href^="mailto:"]')!.getAttribute('href'), `mailto:${expert.email}`);
    assert($<HTMLAnchorElement>(first!, 'a[href^="msteams:"]'), 'the chat link');
    // The posts that show it, loaded when opened.
    $(first!, 'summary')!.click();
    await waitFor(() => $(first!, '.posts blockquote'), 'the posts');
    assert(text($(first!, '.posts')).includes('Réponse acceptée'), 'the accepted answer is there');
  });

  it('speaks English in an English page, reasons included', async () => {
    const { topic, label } = shared;
    const element = await finder(shared.endorsers[1]!, `lang="en" query="${topic}"`);
    const [first] = await results(element, 2);
    equal(text($(element, 'h3')), 'Find an expert');
    const why = reasons(first!);
    equal(why[0], `1 accepted answer on “${topic}”`);
    assert(why.includes(`endorsed by 2 colleagues for “${label}”`), `${why}`);
    assert(why.includes(`invites questions on “${label}”`), `${why}`);
    equal(text($(first!, '.contact a')), 'Email');
  });

  it('with a fixed topic: no search box, the first experts on it and a way to ask them', async () => {
    const element = await finder(shared.asker, `topic="${shared.topic}"`);
    await results(element, 1);
    equal($(element, 'input[type="search"]'), null, 'no search box');
    equal(text($(element, 'h3')), 'Qui peut vous aider ?');
    assert(text($(element, '.lead')).includes(shared.topic), 'the topic is said');
    equal($(element, '.views'), null, 'no views on a help page');
    equal(names(element)[0], shared.expert.name);
    assert(cards(element).length <= 3, 'three people at most');
    assert($(element, '.ask button'), 'asking is offered');
  });

  it('searches again when the page changes its query', async () => {
    const element = await finder(shared.asker, 'query="Excel"');
    await waitFor(() => element.found?.query === 'Excel', 'the first search');
    element.setAttribute('query', shared.topic);
    await waitFor(() => element.found?.query === shared.topic, 'the new search');
    await results(element, 1);
    equal(names(element)[0], shared.expert.name);
  });

  it('does not list the person searching', async () => {
    const element = await finder(shared.expert, `query="${shared.topic}"`);
    await results(element, 1);
    assert(!names(element).some((name) => name.startsWith(shared.expert.name)), `${names(element)}`);
  });

  it('serves every person card of a page with one request, each with the right person', async () => {
    const run = word('b').slice(-6);
    const people = Array.from({ length: 12 }, (_, i) => person(`card${i}-${run}`, `Personne ${i} ${run}`, { title: `Poste ${i}` }));
    for (const p of people) await idOf(p);
    const viewer = person(`viewer-${run}`, `Viewer ${run}`);
    const since = performance.now();
    const container = mount(
      `<ruche-provider api="${api}" token="${await tokenFor(viewer)}">${[...people].reverse().map((p) => `<ruche-person person="${p.sub}"></ruche-person>`).join('')}<ruche-person person="nobody-${run}"></ruche-person></ruche-provider>`,
    );
    const all = [...container.querySelectorAll<RuchePerson>('ruche-person')];
    await waitFor(() => all.every((card) => card.profile !== undefined), 'every card');
    equal(apiRequests('/api/experts/people', since).length, 1, 'GET /api/experts/people requests');
    for (const card of all.slice(0, -1)) equal(card.profile!.person.name, people.find((p) => p.sub === card.person)!.name, 'the card shows its person');
    await all.at(-1)!.updateComplete;
    assert(/introuvable/.test(text($(all.at(-1)!, '.card'))), 'an unknown person says so');
  });

  it('keeps one height in a narrow side column, loading or loaded, whoever the person', async () => {
    const { expert, declared, asker } = shared;
    const container = mount(
      `<ruche-provider api="${api}" token="${await tokenFor(asker)}"><div style="width: 184px; --ruche-font-size: 12px">${[expert, declared, { sub: `nobody-${shared.run}` }]
        .map((p) => `<ruche-person person="${p.sub}"></ruche-person>`)
        .join('')}</div></ruche-provider>`,
    );
    const all = [...container.querySelectorAll<RuchePerson>('ruche-person')];
    await Promise.all(all.map((card) => card.updateComplete));
    const loading = all.map((card) => card.getBoundingClientRect().height);
    await waitFor(() => all.every((card) => card.profile !== undefined), 'the cards');
    await Promise.all(all.map((card) => card.updateComplete));
    const loaded = all.map((card) => card.getBoundingClientRect().height);
    equal(new Set([...loading, ...loaded]).size, 1, `one height (${loading} then ${loaded})`);
    equal(Math.round(loaded[0]! * 10) / 10, 184.8, 'the room a page keeps for it (15.4em at 12px)');
  });

  it('finds each card’s person even when the directory gives no e-mail to tell them apart', async () => {
    const run = word('c').slice(-6);
    const people = [0, 1, 2].map((i) => ({ sub: `noemail${i}-${run}`, name: `Sans Courriel ${i} ${run}` }));
    for (const p of people) await idOf(p);
    const container = mount(`<ruche-provider api="${api}" token="${await tokenFor(people[0]!)}">${people.map((p) => `<ruche-person person="${p.sub}"></ruche-person>`).join('')}</ruche-provider>`);
    const all = [...container.querySelectorAll<RuchePerson>('ruche-person')];
    await waitFor(() => all.every((card) => card.profile), 'every card');
    all.forEach((card, i) => equal(card.profile!.person.name, people[i]!.name));
  });

  it('shows whole names in a side column, every card of one height, and offers no « Écrire » to oneself', async () => {
    const me = person(`moi-${word('m')}`, 'Camille Moi');
    const short = person(`bref-${word('b')}`, 'Lou Bref');
    const long = person(`long-${word('l')}`, 'Marie-Charlotte Delacroix-Beaumont', { title: 'Responsable des achats indirects', dept: 'Achats' });
    for (const p of [me, short, long]) await setProfile(p, { skills: ['Achats', 'Négociation fournisseurs'] });
    const container = mount(`<ruche-provider api="${api}" token="${await tokenFor(me)}"><div style="width: 184px; --ruche-font-size: 12px">
      ${[short, long, me].map((p) => `<ruche-person person="${p.sub}"></ruche-person>`).join('')}</div></ruche-provider>`);
    const all = [...container.querySelectorAll<RuchePerson>('ruche-person')];
    await waitFor(() => all.every((card) => card.profile), 'the cards');
    await Promise.all(all.map((card) => card.updateComplete));
    for (const card of all) {
      const name = $(card, 'h4')!;
      assert(name.scrollHeight <= name.clientHeight + 1 && name.scrollWidth <= name.clientWidth + 1, `the whole of « ${text(name)} » is shown (${name.scrollWidth}×${name.scrollHeight} in ${name.clientWidth}×${name.clientHeight})`);
    }
    for (const card of all) {
      // What is shown of the skills stays above the contact buttons.
      const skills = $(card, '.skills')!.getBoundingClientRect();
      const contact = $(card, '.contact')!.getBoundingClientRect();
      assert(!contact.height || skills.bottom <= contact.top, `${text($(card, 'h4'))}: skills end at ${skills.bottom}, contact starts at ${contact.top}`);
    }
    const heights = all.map((card) => Math.round($(card, '.card')!.getBoundingClientRect().height));
    assert(heights.every((h) => h === heights[0]), `one height: ${heights}`);
    equal(text($(all[2]!, 'h4')), 'Camille Moi (vous)');
    equal($$(all[2]!, '.contact a').length, 0, 'no « Écrire » nor « Discuter » on one’s own card');
    assert($(all[1]!, '.contact a[href^="mailto:"]'), 'others can be written to');
  });

  it('endorses a skill once (the button says so), and never one’s own', async () => {
    const { expert, expertId, label } = shared;
    const viewer = person(`endorser-${word('d')}`, 'Nouvelle Collègue');
    const container = mount(
      `<ruche-provider api="${api}" token="${await tokenFor(viewer)}"><ruche-person person-id="${expertId}"></ruche-person><ruche-person person="${expert.sub}"></ruche-person></ruche-provider>`,
    );
    const [card, other] = [...container.querySelectorAll<RuchePerson>('ruche-person')] as [RuchePerson, RuchePerson];
    await waitFor(() => card.profile && other.profile, 'the cards');
    await card.updateComplete;
    const chip = () => $$<HTMLButtonElement>(card, 'button.skill').find((b) => b.textContent!.includes(label))!;
    equal(chip().getAttribute('aria-pressed'), 'false');
    assert(/^\(2 recommandations\) · Recommander Karima Expert \w+ pour “Fiscalite\w+”$/.test(text(chip().querySelector('.sr-only'))), `the chip says what it does: ${text(chip())}`);
    chip().click();
    await waitFor(() => chip().getAttribute('aria-pressed') === 'true', 'pressed');
    await waitFor(() => /3/.test(text(chip().querySelector('.n'))), 'counted');
    const [seen] = (await call<{ people: ExpertProfile[] }>('GET', `/api/experts/people?id=${expertId}`, viewer)).people;
    const onServer = seen!.skills.find((s) => s.label === label)!;
    equal(onServer.endorsementCount, 3, 'endorsed once on the server');
    equal(onServer.endorsedByMe, true);
    const otherChip = $$<HTMLButtonElement>(other, 'button.skill').find((b) => b.textContent!.includes(label))!;
    await waitFor(() => otherChip.getAttribute('aria-pressed') === 'true', 'the other card of this person says so too');
    // Pressed again, it takes the endorsement back: never twice.
    chip().click();
    await waitFor(() => chip().getAttribute('aria-pressed') === 'false', 'unpressed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [after] = (await call<{ people: ExpertProfile[] }>('GET', `/api/experts/people?id=${expertId}`, viewer)).people;
    equal(after!.skills.find((s) => s.label === label)!.endorsementCount, 2);

    // One's own card has no endorse buttons…
    const own = mount(`<ruche-provider api="${api}" token="${await tokenFor(expert)}"><ruche-person person-id="${expertId}"></ruche-person></ruche-provider>`).querySelector<RuchePerson>('ruche-person')!;
    await waitFor(() => own.profile, 'one’s own card');
    await own.updateComplete;
    equal($$(own, 'button.skill').length, 0, 'no endorse button on one’s own skills');
    assert(/\(vous\)/.test(text($(own, 'h4'))), 'it says it is you');
    // …and should one be shown anyway, the server's refusal is explained and the count rolled back.
    own.profile = { ...own.profile!, isMe: false, skills: own.profile!.skills.map((s) => ({ ...s })) };
    await own.updateComplete;
    const ownChip = $$<HTMLButtonElement>(own, 'button.skill').find((b) => b.textContent!.includes(label))!;
    ownChip.click();
    const note = await waitFor(() => $(own, '.note'), 'the refusal');
    assert(/soi-même/.test(note.textContent!), note.textContent!);
    equal(ownChip.getAttribute('aria-pressed'), 'false', 'rolled back');
  });

  it('counts an endorsement at once, on the chip and in why the person was found, before the server answers', async () => {
    const { topic, label, expertId } = shared;
    const viewer = person(`prompt-${word('e')}`, 'Colline Pressée');
    const element = await finder(viewer, `query="${topic}"`);
    const [card] = await results(element, 2);
    const chip = () => $$<HTMLButtonElement>(card!, 'button.skill').find((b) => b.textContent!.includes(label))!;
    const endorsedReason = () => reasons(card!).find((r) => r.startsWith('recommandé·e'));
    equal(endorsedReason(), `recommandé·e par 2 collègues pour “${label}”`);
    // The server is slow to answer: what the person sees must not wait for it.
    const realFetch = window.fetch;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/endorsement')) await released;
      return realFetch(input, init);
    };
    try {
      chip().click();
      await waitFor(() => chip().getAttribute('aria-pressed') === 'true', 'pressed');
      equal(text(chip().querySelector('.n')), '3', 'counted on the chip at once');
      equal(endorsedReason(), `recommandé·e par 3 collègues pour “${label}”`, 'and in the reasons');
      release();
    } finally {
      window.fetch = realFetch;
    }
    const onServer = async () => (await call<{ people: ExpertProfile[] }>('GET', `/api/experts/people?id=${expertId}`, viewer)).people[0]!.skills.find((s) => s.label === label)!;
    for (let tries = 0; (await onServer()).endorsementCount !== 3 && tries < 80; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    equal((await onServer()).endorsementCount, 3, 'and on the server');
    equal(endorsedReason(), `recommandé·e par 3 collègues pour “${label}”`, 'as the server counts it');
    // Taken back: the count goes down at once too (and the shared world is as it was).
    chip().click();
    await waitFor(() => chip().getAttribute('aria-pressed') === 'false', 'unpressed');
    equal(endorsedReason(), `recommandé·e par 2 collègues pour “${label}”`);
    for (let tries = 0; (await onServer()).endorsementCount !== 2 && tries < 80; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  });

  it('asks the experts: the question appears in its Q&A thread, and the top expert is told', async () => {
    const { topic, expert, asker } = shared;
    const container = mount(`<ruche-provider api="${api}" token="${await tokenFor(asker)}"><ruche-expert-finder query="${topic}"></ruche-expert-finder></ruche-provider>`);
    const provider = container.querySelector('ruche-provider')!;
    const element = container.querySelector<RucheExpertFinder>('ruche-expert-finder')!;
    await results(element, 1);
    $(element, '.ask button')!.click();
    const textarea = await waitFor(() => $<HTMLTextAreaElement>(element, 'textarea#question'), 'the ask form');
    await waitFor(() => element.shadowRoot!.activeElement === textarea, 'focus in the question');
    equal($<HTMLInputElement>(element, 'input#topic')!.value, topic, 'the topic is the search');
    const question = `Une facture ${topic} sans TVA : que faire ? ${word('q')}`;
    await sendKeys({ type: question });
    $<HTMLButtonElement>(element, '.asking button.primary')!.click();
    const asked = await waitFor(() => $(element, '.asked'), 'the confirmation');
    assert(text(asked).includes(expert.name), `the experts told: ${text(asked)}`);
    const thread = $<RucheComments>(element, 'ruche-comments')!;
    equal(thread.getAttribute('mode'), 'qa');
    await waitFor(() => thread.page && text($(thread, '.threads')).includes(question), 'the question in its Q&A thread');

    // The expert, now at the same screen, sees it among "Questions pour vous".
    provider.setAttribute('token', await tokenFor(expert));
    const badge = await waitFor(() => $(element, '.views .badge'), 'the unread badge');
    assert(Number(badge.textContent) >= 1, `unread: ${badge.textContent}`);
    $$<HTMLButtonElement>(element, '.views button')[1]!.click();
    const item = await waitFor(() => $$(element, '.q').find((q) => text(q).includes(question)), 'the question for the expert');
    assert(item.classList.contains('unread') && /Nouveau/.test(text(item)), 'new');
    assert(text(item).includes(asker.name), 'who asks');
    item.querySelector<HTMLButtonElement>('.qactions button')!.click();
    await waitFor(() => !item.classList.contains('unread'), 'read once opened');
    const answerThread = await waitFor(() => $<RucheComments>(element, '.q ruche-comments'), 'the thread to answer in');
    await waitFor(() => answerThread.page, 'the thread');
    const { unreadCount } = await call<{ unreadCount: number }>('GET', '/api/experts/notifications?unread=true', expert);
    equal(unreadCount, 0, 'read on the server too');
  });

  it('lets « Question envoyée » go when another topic is searched, and keeps a question being written', async () => {
    const { topic } = shared;
    const asker = person(`asker2-${word('a')}`, 'Ariane Demande');
    const element = await finder(asker, `query="${topic}"`);
    await results(element, 1);
    const search = async (q: string) => {
      const input = $<HTMLInputElement>(element, 'input[type="search"]')!;
      input.value = '';
      input.focus();
      await sendKeys({ type: q });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => element.found?.query === q, `the search for ${q}`);
      await element.updateComplete;
    };
    $(element, '.ask button')!.click();
    await waitFor(() => $(element, 'textarea#question'), 'the ask form');
    $<HTMLTextAreaElement>(element, 'textarea#question')!.focus();
    await sendKeys({ type: `Une question sur ${topic} ?` });
    $<HTMLButtonElement>(element, '.asking button.primary')!.click();
    await waitFor(() => $(element, '.asked'), 'Question envoyée');
    await search('Excel');
    equal($(element, '.asked'), null, 'the confirmation of the last topic is gone');
    equal($(element, 'ruche-comments'), null, 'and its thread');
    assert($(element, '.ask button'), 'one may ask about the new topic');
    // A question half written is the person's: a new search does not throw it away.
    $(element, '.ask button')!.click();
    const draft = await waitFor(() => $<HTMLTextAreaElement>(element, 'textarea#question'), 'the ask form');
    draft.focus();
    await sendKeys({ type: 'Brouillon' });
    await search(topic);
    equal($<HTMLTextAreaElement>(element, 'textarea#question')?.value, 'Brouillon', 'the draft stays');
  });

  it('my profile: privacy switches are saved, and shows what Ruche infers about me', async () => {
    const { expert, topic } = shared;
    const element = await finder(expert, '');
    await waitFor(() => $(element, '.views'), 'the views');
    $$<HTMLButtonElement>(element, '.views button')[2]!.click();
    const inferred = await waitFor(() => $(element, '.inferred'), 'what Ruche infers');
    assert(/1 réponse acceptée/.test(text(inferred)), `totals: ${text(inferred)}`);
    assert(text(inferred).includes(topic), 'the posts that count');
    assert(/visible par tous/.test(text(inferred)), 'who may see them');
    const [hideInferred, hideFromGuests] = $$<HTMLInputElement>(element, '.switch input');
    equal(hideInferred!.getAttribute('role'), 'switch');
    equal(hideInferred!.checked, false);
    hideInferred!.click();
    await waitFor(() => $(element, '.banner'), 'the inferred view says it is not used');
    hideFromGuests!.click();
    await waitFor(() => /Enregistré/.test(text($(element, '[role="status"]'))), 'saved');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const profile = await call<ExpertProfile>('GET', '/api/experts/profile', expert);
    equal(profile.settings!.hideInferred, true, 'hideInferred on the server');
    equal(profile.settings!.hideFromGuests, true, 'hideFromGuests on the server');
    // Others no longer see the evidence.
    const search = await call<{ results: { profile: ExpertProfile; reasons: { kind: string }[] }[] }>('GET', `/api/experts?q=${topic}`, shared.asker);
    const seen = search.results.find((r) => r.profile.person.name === expert.name);
    assert(seen && !seen.reasons.some((r) => r.kind === 'accepted_answers'), 'not used to rank');
    await setProfile(expert, { hideInferred: false, hideFromGuests: false });
  });

  it('my profile: skills are added and removed', async () => {
    const me = person(`profile-${word('p')}`, 'Paula Profil');
    const element = await finder(me, '');
    await waitFor(() => $(element, '.views'), 'the views');
    $$<HTMLButtonElement>(element, '.views button')[2]!.click();
    const input = await waitFor(() => $<HTMLInputElement>(element, '.field input[name="skill"]'), 'the skill field');
    input.focus();
    await sendKeys({ type: 'Tableaux croisés' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $$(element, '.tag').some((tag) => tag.textContent!.includes('Tableaux croisés')), 'the new skill');
    $<HTMLButtonElement>(element, '.tag .x')!.click();
    await waitFor(() => !$$(element, '.tag').length, 'removed');
    const profile = await call<ExpertProfile>('GET', '/api/experts/profile', me);
    equal(profile.skills.length, 0);
  });

  it('shows only contact links with allowed schemes, whatever the server stored', async () => {
    const profile = (chatUrl: string, email: string | null = 'a.b@hexagone.example'): ExpertProfile => ({
      person: { id: '00000000-0000-4000-8000-000000000001', name: 'Lien Test', dept: null, title: null },
      roles: [],
      contact: { email, chatUrl },
      skills: [],
      askMeAbout: [],
      canMentor: [],
      wantToLearn: [],
      isMe: false,
      settings: null,
    });
    const container = mount('<ruche-person></ruche-person>');
    const card = container.querySelector<RuchePerson>('ruche-person')!;
    const links = async (chatUrl: string, email?: string | null) => {
      card.profile = profile(chatUrl, email);
      await card.updateComplete;
      return $$<HTMLAnchorElement>(card, 'a').map((a) => a.getAttribute('href'));
    };
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:window.pwned=1', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.example/x', 'msteams:x y']) {
      const hrefs = await links(bad);
      assert(!hrefs.some((href) => href !== 'mailto:a.b@hexagone.example'), `${JSON.stringify(bad)} gave ${hrefs}`);
    }
    for (const good of ['https://chat.hexagone.example/a.b', 'msteams:/l/chat/0/0?users=a@b.example', 'sip:a.b@hexagone.example', 'xmpp:a.b@hexagone.example', 'slack://user?team=T1&id=U1', 'tel:+33320004444']) {
      const hrefs = await links(good);
      assert(hrefs.includes(good), `${good} gave ${hrefs}`);
    }
    equal((await links('https://x.example', 'a@b.example?bcc=everyone@corp.example')).filter((h) => h!.startsWith('mailto:')).length, 0, 'no mailto with headers');
  });

  it('shows names and skills as text: HTML in them stays inert', async () => {
    const run = word('x').slice(-6);
    const topic = word('xss');
    const mallory = person(`mallory-${run}`, `<img src=x onerror="window.pwned=1">Mallory ${run}`, { title: '<script>window.pwned=2</script>', dept: '<b onmouseover="window.pwned=3">Dept</b>' });
    const skill = `<svg onload="window.pwned=4"></svg>${topic}`;
    await setProfile(mallory, { skills: [skill], askMeAbout: [`<iframe src="javascript:window.pwned=5"></iframe>${topic}`] });
    const element = await finder(shared.asker, `query="${topic}"`);
    const [card] = await results(element, 1);
    assert(text($(card!, 'h4')).includes('<img src=x'), 'the name is shown as text');
    assert(text($(card!, '.skills')).includes('<svg onload'), 'the skill is shown as text');
    equal($$(card!, 'img, script, iframe, b[onmouseover]').length, 0, 'no element from people’s text');
    for (const element of card!.shadowRoot!.querySelectorAll('*')) {
      for (const attribute of element.attributes) assert(!/^on/i.test(attribute.name), `event handler attribute ${attribute.name}`);
    }
    equal(window.pwned, undefined, 'no script ran');
  });

  it('invites an anonymous visitor to sign in, without asking the API', async () => {
    const since = performance.now();
    const element = await finder(null, `query="${shared.topic}"`);
    const card = mount('<ruche-person person="karim"></ruche-person>').querySelector<RuchePerson>('ruche-person')!;
    const notice = await waitFor(() => $(element, '.notice'), 'the invitation');
    assert(/Connectez-vous/.test(notice.textContent!), notice.textContent!);
    await waitFor(() => card.failure, 'the card’s notice');
    assert(/connectés/.test(card.failure!), card.failure!);
    equal(apiRequests('/api/experts', since).length + apiRequests('/api/experts/people', since).length, 0, 'no refused request');
  });

  it('in demo mode, the invitation says to pick a person', async () => {
    const container = mount(`<ruche-provider api="${demoApi}"><ruche-expert-finder></ruche-expert-finder></ruche-provider>`);
    const element = container.querySelector<RucheExpertFinder>('ruche-expert-finder')!;
    const notice = await waitFor(() => $(element, '.notice'), 'the invitation');
    assert(/Vous êtes/.test(notice.textContent!), notice.textContent!);
  });

  it('has no accessibility violation, light or dark, in a hostile 2008 page (axe-core)', async () => {
    await new Promise((resolve, reject) => {
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/demo/site/css/intranet-2008.css', onload: resolve, onerror: reject });
      document.head.append(link);
    });
    try {
      const container = mount(`<div id="contenu"><ruche-provider api="${api}" token="${await tokenFor(shared.asker)}">
        <ruche-expert-finder query="${shared.topic}" suggestions="Excel, TVA"></ruche-expert-finder>
        <div style="width: 184px"><ruche-person person="${shared.declared.sub}"></ruche-person></div></ruche-provider></div>`);
      const element = container.querySelector<RucheExpertFinder>('ruche-expert-finder')!;
      await results(element, 1);
      const side = container.querySelector<RuchePerson>('ruche-person')!;
      await waitFor(() => side.profile, 'the side card');
      equal(getComputedStyle(element).fontSize, '14px', 'its own font size in an 11px page');
      const check = (what: string) => expectAccessible(what, [container]);
      await check('the results');
      $(cards(element)[0]!, 'summary')!.click();
      await waitFor(() => $(cards(element)[0]!, '.posts blockquote'), 'the posts');
      $(element, '.ask button')!.click();
      await waitFor(() => $(element, 'textarea'), 'the ask form');
      await check('the posts and the ask form');
      $$<HTMLButtonElement>(element, '.views button')[2]!.click();
      await waitFor(() => $(element, '.inferred'), 'my profile');
      await check('my profile');
      $$<HTMLButtonElement>(element, '.views button')[1]!.click();
      await waitFor(() => $(element, '.qlist, .empty'), 'the questions');
      await check('the questions');
    } finally {
      document.head.querySelector('link[href$="intranet-2008.css"]')?.remove();
    }
  });
});
