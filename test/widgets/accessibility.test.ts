import { assert, cleanup, expectAccessible, mount } from './support/helpers.ts';

/**
 * The accessibility check every widget test runs (expectAccessible): it must see into shadow roots,
 * and check the other theme too, or a violation could pass unseen.
 */
class Swatch extends HTMLElement {
  constructor() {
    super();
    // Readable in the light theme; in the dark one, only with `readable` (else 1.6:1).
    this.attachShadow({ mode: 'open' }).innerHTML = `<style>
        p { color: #1f2933; background: #fff; }
        :host([theme='dark']) p { color: #3a424e; background: #1b1f26; }
        :host([theme='dark'][readable]) p { color: #e5e9f0; }
      </style><p>Texte</p><slot></slot>`;
  }
}
customElements.define('ruche-test-swatch', Swatch);

const failure = (check: Promise<void>) => check.then(() => '', (error: Error) => error.message);

describe('the accessibility check of the widget tests', () => {
  afterEach(cleanup);

  it('passes what is accessible, in both themes', async () => {
    mount('<ruche-test-swatch readable></ruche-test-swatch>');
    await expectAccessible('a readable swatch');
  });

  it('finds a violation inside a shadow root', async () => {
    const swatch = mount('<ruche-test-swatch readable></ruche-test-swatch>').querySelector('ruche-test-swatch')!;
    swatch.shadowRoot!.append(document.createElement('button'));
    const message = await failure(expectAccessible('a nameless button'));
    assert(/button-name/.test(message), message || 'no violation found');
  });

  it('finds a violation of the dark theme only, and leaves the theme as it was', async () => {
    const swatch = mount('<ruche-test-swatch></ruche-test-swatch>').querySelector('ruche-test-swatch')!;
    const message = await failure(expectAccessible('a swatch'));
    assert(/a swatch \(dark\): color-contrast/.test(message) && !/a swatch: color-contrast/.test(message), message || 'no violation found');
    assert(!swatch.hasAttribute('theme'), 'the theme given back');
  });
});
