import { sendKeys } from '@web/test-runner-commands';
import type { RucheComments } from '../../widgets/comments/comments.ts';
import type { RucheLike } from '../../widgets/like/like.ts';
import { $, api, assert, cleanup, deepActiveElement, equal, expectAccessible, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

function load(tag: 'link' | 'script', url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const element = document.createElement(tag);
    if (element instanceof HTMLLinkElement) Object.assign(element, { rel: 'stylesheet', href: url });
    else (element as HTMLScriptElement).src = url;
    element.onload = () => resolve();
    element.onerror = reject;
    document.head.append(element);
  });
}

async function widgets(theme = '') {
  const subject = uniqueSubject('hostile');
  const container = mount(`<div id="contenu"><p>Une actualité <ruche-like subject="${subject}" ${theme}></ruche-like></p>
    <ruche-provider api="${api}" token="${await token('alice')}"><ruche-comments subject="${subject}" ${theme}></ruche-comments></ruche-provider></div>`);
  const comments = container.querySelector<RucheComments>('ruche-comments')!;
  const like = container.querySelector<RucheLike>('ruche-like')!;
  await waitFor(() => comments.page && like.state, 'the widgets to load');
  await comments.updateComplete;
  return { comments, like };
}

describe('in a hostile 2008 intranet page', () => {
  before(async () => {
    await load('link', '/demo/site/css/intranet-2008.css');
  });
  afterEach(expectAccessibleAfterEach);
  afterEach(cleanup);

  it('runs beside Prototype-era prototype patches', () => {
    assert('each' in Array.prototype && Object.keys(Array.prototype).includes('each'), 'legacy.js is loaded (enumerable Array.prototype.each)');
  });

  it('keeps its own fonts, sizes, line height and alignment', async () => {
    const { comments, like } = await widgets();
    equal(getComputedStyle(document.body).fontSize, '11px', 'the page is at 11px');
    const style = getComputedStyle(comments);
    equal(style.fontSize, '14px', 'comments font size');
    assert(!/verdana/i.test(style.fontFamily), `font family: ${style.fontFamily}`);
    equal(getComputedStyle(like).fontSize, '12.5px', 'like font size');
    equal(getComputedStyle(like).textIndent, '0px', 'no text-indent inherited from the <p>');
    const empty = $(comments, '.empty')!;
    const inner = getComputedStyle(empty);
    equal(inner.textIndent, '0px');
    equal(inner.lineHeight, '21px', 'line height 1.5, not 1.1');
    equal(getComputedStyle(comments).textAlign, 'start');
  });

  it('keeps its buttons and text fields out of the page’s !important rules', async () => {
    const { comments } = await widgets();
    const button = getComputedStyle($(comments, '.btn.primary')!);
    assert(button.borderTopStyle !== 'outset', 'no outset border');
    assert(button.backgroundColor !== 'rgb(238, 238, 238)', `own background (${button.backgroundColor})`);
    equal(button.fontSize, '14px');
    const textarea = getComputedStyle($(comments, 'textarea')!);
    equal(textarea.fontSize, '14px', 'textarea font size');
    assert(textarea.borderTopStyle !== 'inset', 'no inset border');
    // `*:focus { outline: none !important }` does not reach inside: keyboard focus stays visible.
    $<HTMLTextAreaElement>(comments, 'textarea')!.focus();
    await sendKeys({ press: 'Tab' });
    const focused = deepActiveElement()!;
    assert(comments.shadowRoot!.contains(focused), 'focus moved within the widget');
    equal(getComputedStyle(focused).outlineStyle, 'solid', `visible focus on ${focused.tagName}`);
  });

  it('has no accessibility violation, light or dark (axe-core)', async () => {
    const { comments, like } = await widgets();
    await expectAccessible('comments and like in a 2008 page', [comments, like]);
  });
});
