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
});
