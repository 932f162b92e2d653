import type { RucheComments } from '../../widgets/comments/comments.ts';
import { executeServerCommand } from '@web/test-runner-commands';

// This file defines the elements itself, one by one: widgets must find a provider defined after them.
const { api } = (await executeServerCommand('ruche-config')) as { api: string };
const tokenFor = (sub: string) => executeServerCommand('ruche-token', { sub }) as Promise<string>;

async function waitFor<T>(check: () => T, what: string, timeout = 8000): Promise<NonNullable<T>> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() - started > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

describe('<ruche-provider>', () => {
  it('connects widgets that were defined before it', async () => {
    const container = document.createElement('div');
    container.innerHTML = `<ruche-provider api="${api}" token="${await tokenFor('zoe')}" lang="en">
      <section><ruche-comments subject="provider-late-${Date.now()}"></ruche-comments></section></ruche-provider>`;
    document.body.append(container);
    (await import('../../widgets/comments/comments.ts')).define('http://127.0.0.1:1/'); // a wrong default: must not be used
    const comments = container.querySelector<RucheComments>('ruche-comments')!;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert(!comments.page, 'waits for its provider');
    (await import('../../widgets/provider/provider.ts')).define();
    await waitFor(() => comments.page, 'the comments, through the provider');
    assert(comments.page!.viewer.id, 'signed in with the provider’s token');
    await comments.updateComplete;
    assert(/comment/.test(comments.shadowRoot!.querySelector('h3')!.textContent!), 'in the provider’s language (en)');
    container.remove();
  });

  it('gets the identity from the intranet’s token endpoint (token-url), and is anonymous when it refuses', async () => {
    const signedIn = document.createElement('div');
    signedIn.innerHTML = `<ruche-provider api="${api}" token-url="/test-token?sub=yann"><ruche-comments subject="t-${Date.now()}"></ruche-comments></ruche-provider>`;
    document.body.append(signedIn);
    const comments = signedIn.querySelector<RucheComments>('ruche-comments')!;
    await waitFor(() => comments.page, 'the comments');
    assert(comments.page!.viewer.id, 'signed in through token-url');

    const anonymous = document.createElement('div');
    anonymous.innerHTML = `<ruche-provider api="${api}" token-url="/test-token"><ruche-comments subject="t-${Date.now()}"></ruche-comments></ruche-provider>`;
    document.body.append(anonymous);
    const other = anonymous.querySelector<RucheComments>('ruche-comments')!;
    await waitFor(() => other.page, 'the comments');
    assert(other.page!.viewer.id === null, 'anonymous when the endpoint says no');
  });

  it('asks the token endpoint again once when the API refuses its token (401)', async () => {
    const sub = `rotated-${Date.now()}`;
    const container = document.createElement('div');
    container.innerHTML = `<ruche-provider api="${api}" token-url="/test-token?sub=${sub}&stale=1"><ruche-comments subject="t-${Date.now()}"></ruche-comments></ruche-provider>`;
    document.body.append(container);
    const comments = container.querySelector<RucheComments>('ruche-comments')!;
    await waitFor(() => comments.page, 'the comments');
    assert(comments.page!.viewer.id, 'signed in with the second token');
    const tokenRequests = performance.getEntriesByType('resource').filter((e) => e.name.includes(`/test-token?sub=${sub}`));
    assert(tokenRequests.length === 2, `the endpoint was asked twice (${tokenRequests.length})`);
    container.remove();
  });

  it('warns instead of throwing when a second copy of Ruche defines the same tag', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const { defineElement } = await import('../../widgets/shared/define.ts');
      defineElement('ruche-comments', class extends HTMLElement {});
    } finally {
      console.warn = warn;
    }
    assert(warnings.length === 1, 'one warning');
  });
});
