import type { Comment } from '../../shared/api-types.ts';
import type { RucheComments } from '../../widgets/comments/comments.ts';
import type { RucheDemoPicker } from '../../widgets/demo-picker/demo-picker.ts';
import { define as defineFinder, type RucheExpertFinder } from '../../widgets/experts/expert-finder.ts';
import { define as definePerson, type RuchePerson } from '../../widgets/experts/person.ts';
import { define as defineIdeaBox, type RucheIdeaBox } from '../../widgets/ideas/idea-box.ts';
import type { RucheLike } from '../../widgets/like/like.ts';
import { define as definePulse, type RuchePulse } from '../../widgets/pulse/pulse.ts';
import { $, $$, api, assert, call, cleanup, demoApi, equal, expectAccessibleAfterEach, mount, phone, smallTargets, tap, token, uniqueSubject, waitFor } from './support/helpers.ts';

defineFinder(api);
definePerson(api);
defineIdeaBox(api);
definePulse(api);

/**
 * Every widget on a phone: 390 × 844, touch, no hover (`phone()`). Every move is there without a
 * pointer coming near (a finger does not hover), a tap reaches it, and no target is smaller than
 * 24 × 24 CSS px (WCAG 2.2 AA, 2.5.8), measured inside the shadow roots.
 */
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const noSmallTargets = (element: Element, state: string) => {
  const small = smallTargets(element);
  assert(!small.length, `${state}: targets smaller than 24 × 24 px: ${small.join('; ')}`);
};
/** The labels of the buttons under a comment. */
const moves = (article: Element) => [...article.querySelectorAll(':scope > .main > .actions button')].map((b) => text(b) || b.getAttribute('aria-label'));

async function space(steward: string, prefix: string): Promise<string> {
  const slug = uniqueSubject(prefix);
  await call('POST', '/api/spaces', { as: steward, body: { slug, name: `Espace ${slug}`, visibility: 'open', lang: 'fr' } });
  return slug;
}

describe('on a phone (touch, no hover)', () => {
  before(phone);
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('is a phone: no hover, a coarse pointer, 390 px wide', () => {
    assert(matchMedia('(hover: none)').matches && matchMedia('(pointer: coarse)').matches, 'no hover, a finger');
    equal(innerWidth, 390);
  });

  it('<ruche-comments>: every move under a comment is there without hovering, a tap opens it, and every target is 24 px at least', async () => {
    const slug = await space('carol', 'phone-qa');
    const subject = uniqueSubject('phone');
    const question = await call<Comment>('POST', '/api/comments', { as: 'bob', body: { space: slug, subject, mode: 'qa', body: 'Où trouver le formulaire [de congés](https://intranet.example/conges) ?' } });
    await call('POST', '/api/comments', { as: 'alice', body: { space: slug, subject, parentId: question.id, body: 'Dans l’onglet RH.' } });
    await call('POST', '/api/comments', { as: 'carol', body: { space: slug, subject, body: 'Une question de l’animatrice.' } });
    const container = mount(`<ruche-provider api="${api}" token="${await token('carol')}"><ruche-comments space="${slug}" subject="${subject}" mode="qa"></ruche-comments></ruche-provider>`);
    const element = container.querySelector<RucheComments>('ruche-comments')!;
    // No pointer and no focus comes near: the moves are there all the same.
    await waitFor(() => element.page && element.writing && element.moderating, 'the comments, the writing code and the stewards’ moves, without hovering');
    await element.updateComplete;
    const [mine, asked] = $$(element, '.thread > .comment');
    const answer = $(element, '.replies .comment')!;
    assert(text(mine!.querySelector('.body')).includes('animatrice'), 'newest first: carol’s own');
    for (const label of ['Modifier', 'Supprimer']) assert(moves(mine!).includes(label), `on one’s own comment: ${label} (${moves(mine!)})`);
    for (const label of ['Répondre', 'Signaler', 'Masquer']) assert(moves(asked!).includes(label), `on someone else’s: ${label} (${moves(asked!)})`);
    assert(moves(answer).some((label) => /Accepter/.test(label!)), `an answer can be accepted: ${moves(answer)}`);
    assert(moves(asked!).some((label) => /^J’aime/.test(label!)), 'the like');
    noSmallTargets(element, 'the thread');
    // A tap (a finger, not a click of a mouse) reaches a move.
    await tap([...asked!.querySelectorAll<HTMLElement>('.actions button')].find((b) => text(b) === 'Répondre')!);
    const box = await waitFor(() => $(element, '.composer.sub textarea'), 'the reply box, opened by a tap');
    await element.updateComplete;
    noSmallTargets(element, 'the reply box open');
    assert(box.getBoundingClientRect().width > 200, 'the reply box takes the width');
  });

  it('<ruche-comments>: someone who may only read sees the like and the report under every comment', async () => {
    const subject = uniqueSubject('phone-read');
    await call('POST', '/api/comments', { as: 'bob', body: { subject, body: 'Bonjour à tous.' } });
    const container = mount(`<ruche-provider api="${api}" token="${await token('dave')}"><ruche-comments subject="${subject}"></ruche-comments></ruche-provider>`);
    const element = container.querySelector<RucheComments>('ruche-comments')!;
    await waitFor(() => element.page && element.writing, 'the comments and the writing code, without hovering');
    await element.updateComplete;
    const comment = $(element, '.thread > .comment')!;
    for (const label of ['Répondre', 'Signaler']) assert(moves(comment).includes(label), `${label} (${moves(comment)})`);
    noSmallTargets(element, 'a thread');
  });

  it('<ruche-like>: 24 px targets, and a tap likes', async () => {
    const subject = uniqueSubject('phone-like');
    const container = mount(`<ruche-provider api="${api}" token="${await token('alice')}"><p>Une nouvelle <ruche-like subject="${subject}"></ruche-like></p></ruche-provider>`);
    const element = container.querySelector<RucheLike>('ruche-like')!;
    await waitFor(() => element.state, 'the count');
    await element.updateComplete;
    noSmallTargets(element, 'the button');
    await tap($(element, '.like')!);
    await waitFor(() => element.confirmed?.liked, 'liked by a tap');
    await tap($(element, '.who')!);
    await waitFor(() => $(element, '.popover:not([hidden]) li, .popover:not([hidden]) p'), 'who liked');
    await element.updateComplete;
    noSmallTargets(element, 'the list of people open');
  });

  it('<ruche-idea-box>: the votes, sorts, filters and views are 24 px at least', async () => {
    const slug = await space('carol', 'phone-idees');
    await call('POST', '/api/ideas', { as: 'bob', body: { space: slug, title: 'Des casiers au vestiaire', description: 'Pour les équipes du soir.', tags: ['magasin'] } });
    const container = mount(`<ruche-provider api="${api}" token="${await token('carol')}"><ruche-idea-box space="${slug}"></ruche-idea-box></ruche-provider>`);
    const element = container.querySelector<RucheIdeaBox>('ruche-idea-box')!;
    await waitFor(() => element.page && element.participation, 'the ideas, ready to vote');
    await element.updateComplete;
    noSmallTargets(element, 'the list');
    await tap($(element, '.vote')!);
    await waitFor(() => $(element, '.vote[aria-pressed="true"]'), 'a vote by a tap');
    await tap($(element, '.title')!);
    await waitFor(() => element.view === 'idea' && $(element, '.view h3'), 'the idea, opened by a tap');
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300)); // its discussion below
    noSmallTargets(element, 'an idea open, with the stewards’ moves');
    element.view = null;
    await element.open('submit');
    await element.updateComplete;
    noSmallTargets(element, 'the form to propose an idea');
  });

  it('<ruche-expert-finder> and <ruche-person>: suggestions, results, cards and asking are 24 px at least', async () => {
    const run = uniqueSubject('').replace(/[^a-z]/g, '').slice(-8);
    const skill = `Paie${run}`;
    await call('PATCH', '/api/experts/profile', { as: `expert-${run}`, body: { skills: [skill, 'Excel'], askMeAbout: [skill] } });
    const container = mount(
      `<ruche-provider api="${api}" token="${await token('alice')}"><ruche-expert-finder suggestions="${skill}, Excel"></ruche-expert-finder><ruche-person person="expert-${run}"></ruche-person></ruche-provider>`,
    );
    const element = container.querySelector<RucheExpertFinder>('ruche-expert-finder')!;
    const card = container.querySelector<RuchePerson>('ruche-person')!;
    await waitFor(() => $(element, '.chip') && card.profile, 'the suggestions and the card');
    await element.updateComplete;
    noSmallTargets(element, 'the finder before a search');
    noSmallTargets(card, 'a person card');
    await tap([...$$(element, '.chip')].find((chip) => text(chip) === skill)!);
    await waitFor(() => element.found && $$<RuchePerson>(element, 'ruche-person').every((found) => found.profile), 'the results');
    await Promise.all($$<RuchePerson>(element, 'ruche-person').map((found) => found.updateComplete));
    noSmallTargets(element, 'the results');
    await element.open('ask');
    await element.updateComplete;
    noSmallTargets(element, 'asking the experts');
    for (const view of ['questions', 'profile'] as const) {
      await element.open(view, view);
      await element.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 300));
      noSmallTargets(element, `the view ${view}`);
    }
  });

  it('<ruche-pulse>: periods, tables and the explanation are 24 px at least', async () => {
    const slug = await space('carol', 'phone-pouls');
    const reported = await call<Comment>('POST', '/api/comments', { as: 'alice', body: { space: slug, subject: `${slug}-fil`, body: 'Un message signalé.' } });
    await call('POST', `/api/comments/${reported.id}/report`, { as: 'bob', body: { reason: 'Hors sujet' } });
    const container = mount(`<ruche-provider api="${api}" token="${await token('carol')}"><ruche-pulse space="${slug}"></ruche-pulse></ruche-provider>`);
    const element = container.querySelector<RuchePulse>('ruche-pulse')!;
    await waitFor(() => element.data && element.figures && element.desk, 'the figures and the moderation desk');
    await element.updateComplete;
    noSmallTargets(element, 'the figures');
    for (const summary of $$(element, 'details summary')) summary.click();
    $<HTMLButtonElement>(element, '.trust .more')?.click();
    await waitFor(() => $(element, '#about dl'), 'the explanation');
    await element.updateComplete;
    noSmallTargets(element, 'the tables and the explanation open');
    element.tab = 'moderation';
    await waitFor(() => $(element, '.item'), 'the report in the moderation desk');
    await element.updateComplete;
    noSmallTargets(element, 'the moderation desk');
  });

  it('<ruche-demo-picker>: the list of people is 24 px high', async () => {
    const container = mount(`<ruche-provider api="${demoApi}"><ruche-demo-picker></ruche-demo-picker></ruche-provider>`);
    const picker = container.querySelector<RucheDemoPicker>('ruche-demo-picker')!;
    await waitFor(() => $(picker, 'select'), 'the list of people');
    noSmallTargets(picker, 'the picker');
  });
});
