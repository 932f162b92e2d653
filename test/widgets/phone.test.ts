import type { Comment } from '../../shared/api-types.ts';
import type { RucheComments } from '../../widgets/comments/comments.ts';
import type { RucheDemoPicker } from '../../widgets/demo-picker/demo-picker.ts';
import { define as defineFinder, type RucheExpertFinder } from '../../widgets/experts/expert-finder.ts';
import { define as definePerson, type RuchePerson } from '../../widgets/experts/person.ts';
import { define as defineIdeaBox, type RucheIdeaBox } from '../../widgets/ideas/idea-box.ts';
import type { RucheLike } from '../../widgets/like/like.ts';
import { define as definePulse, type RuchePulse } from '../../widgets/pulse/pulse.ts';
import { $, $$, api, assert, call, cleanup, demoApi, equal, mount, phone, smallTargets, tap, token, uniqueSubject, waitFor } from './support/helpers.ts';

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
});
