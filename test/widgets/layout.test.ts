import type { RucheComments } from '../../widgets/comments/comments.ts';
import type { RucheDemoPicker } from '../../widgets/demo-picker/demo-picker.ts';
import type { RucheLike } from '../../widgets/like/like.ts';
import { $, assert, call, cleanup, demoApi, equal, expectAccessibleAfterEach, mount, uniqueSubject, waitFor } from './support/helpers.ts';

/**
 * The room a page keeps for each widget while its code loads (widgets/README.md, "No layout shift")
 * is the widget's own size, loading and loaded: nothing moves when it appears or when its data comes.
 */
const size = (element: Element) => {
  const { width, height } = element.getBoundingClientRect();
  return `${Math.round(width * 100) / 100}×${Math.round(height * 100) / 100}`;
};

/** Holds the answers to `path` until `release()`. */
function hold(path: string) {
  const realFetch = window.fetch;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    if (new URL(String(input)).pathname === path) await released;
    return realFetch(input, init);
  };
  return { release, restore: () => (window.fetch = realFetch) };
}

describe('the room kept for the widgets', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(cleanup);

  it('is the like button’s size, loading and loaded, and what follows it on the line stays put', async () => {
    const subject = uniqueSubject('room');
    await call('PUT', '/api/likes', { as: 'alice', body: { subject } });
    const likes = hold('/api/likes');
    try {
      const container = mount(`<p>Actu <ruche-like subject="${subject}"></ruche-like> <a href="#">Lire la suite</a></p>`);
      const like = container.querySelector<RucheLike>('ruche-like')!;
      await like.updateComplete;
      const link = container.querySelector('a')!;
      equal(size(like), '131×28', 'loading');
      const x = link.getBoundingClientRect().x;
      likes.release();
      await waitFor(() => like.state, 'the count');
      await like.updateComplete;
      equal(size(like), '131×28', 'loaded');
      equal(link.getBoundingClientRect().x, x, 'the link after it');
    } finally {
      likes.restore();
    }
  });

  it('is the comments’ size while they load', async () => {
    const comments = hold('/api/comments');
    try {
      const container = mount(`<ruche-comments subject="${uniqueSubject('room')}"></ruche-comments>`);
      const element = container.querySelector<RucheComments>('ruche-comments')!;
      await element.updateComplete;
      assert($(element, '.skeleton'), 'loading');
      equal(size(element).split('×')[1], '218');
      comments.release();
      await waitFor(() => element.page, 'the comments');
    } finally {
      comments.restore();
    }
  });

  it('is the demo picker’s one size, which leaves the line it sits in as it was', async () => {
    const container = mount(`<div style="font: 11px Verdana, sans-serif; line-height: 16px">
      <span>Lundi</span> <ruche-provider api="${demoApi}"><ruche-demo-picker></ruche-demo-picker></ruche-provider></div>`);
    const line = container.firstElementChild!;
    const picker = container.querySelector<RucheDemoPicker>('ruche-demo-picker')!;
    await picker.updateComplete;
    const before = [size(picker), size(line)];
    await waitFor(() => $(picker, 'select'), 'the list of people');
    equal(size(picker), '252×12');
    equal([size(picker), size(line)].join(), before.join(), 'nothing moved when the list came');
  });
});
