import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';

/** The flags that work on these machines (see /work/shared/BROWSER-TESTING.md): the network is closed. */
export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Debian's Chromium (or CHROME_PATH); no test tool may download a browser here. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not at ${executablePath}. Install Debian's (apt-get update && apt-get install -y chromium) or set CHROME_PATH to a Chromium binary.`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: FLAGS });
}

/** Polls `check` until it gives something truthy: waits for a state, never for a time. */
export async function until<T>(what: string, check: () => T | Promise<T>, timeout = 20_000): Promise<NonNullable<T>> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeout) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Something a page said that a person would not want: an uncaught error, or an error in the console. */
export interface Problem {
  who: string;
  url: string;
  kind: 'pageerror' | 'console';
  text: string;
}

const path = (response: Response | { url(): string }) => new URL(response.url()).pathname;
export const isLikesRead = (r: Response) => path(r) === '/api/likes' && r.request().method() === 'GET';

/**
 * One person at one browser: a browser context of their own (their own localStorage, so their own
 * demo identity), who picks who they are in the page's `<ruche-demo-picker>`, as a visitor does.
 */
export class Person {
  private chosen = false;
  readonly pages = new Set<Page>();
  /** How many live streams (GET /api/events answered 200) each page opened. */
  readonly liveStreams = new WeakMap<Page, number>();

  constructor(
    readonly label: string,
    /** The demo person's `sub`, or null for an anonymous visitor. */
    readonly sub: string | null,
    readonly context: BrowserContext,
    private readonly base: string,
    private readonly report: (problem: Problem) => void,
  ) {}

  /** Opens a page of the demo intranet as this person, and waits for its widgets to be ready for them. */
  async open(pagePath: string): Promise<Page> {
    const page = await this.context.newPage();
    this.pages.add(page);
    page.on('close', () => this.pages.delete(page));
    page.on('pageerror', (error) => this.report({ who: this.label, url: page.url(), kind: 'pageerror', text: error.stack ?? error.message }));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const where = message.location();
      this.report({ who: this.label, url: page.url(), kind: 'console', text: `${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}` });
    });
    page.on('response', (response) => {
      if (path(response) === '/api/events' && response.status() === 200) this.liveStreams.set(page, (this.liveStreams.get(page) ?? 0) + 1);
    });
    await page.goto(`${this.base}${pagePath}`);
    await this.ready(page, false);
    if (this.sub && !this.chosen) {
      // First page of this person: pick them in the banner, and watch every widget reload as them.
      const likes = await page.locator('ruche-like').count();
      const likesReloaded = likes ? page.waitForResponse(isLikesRead) : null;
      await page.locator('ruche-demo-picker select').selectOption(this.sub);
      await likesReloaded;
      this.chosen = true;
    }
    await this.ready(page, true);
    return page;
  }

  /** The banner says who this person is, and each widget shows what that person may do. */
  private async ready(page: Page, asThem: boolean): Promise<void> {
    const select = page.locator('ruche-demo-picker select');
    await select.locator('option').nth(1).waitFor({ state: 'attached' }); // the demo people are listed
    const expected = asThem ? (this.sub ?? '') : null;
    if (expected !== null) await until(`the picker to show ${this.label}`, async () => (await select.inputValue()) === expected);
    const signedIn = asThem ? this.sub !== null : this.chosen;
    for (const comments of await page.locator('ruche-comments').all()) {
      // Someone may write: the composer; an anonymous visitor: how to take part.
      await (signedIn ? comments.locator('form.composer.main textarea') : comments.locator('p.notice')).first().waitFor();
    }
    for (const like of await page.locator('ruche-like').all()) await like.locator('button.like[aria-busy="false"]').waitFor();
  }

  async closePages(): Promise<void> {
    await Promise.all([...this.pages].map((page) => page.close()));
  }
}

/** The people of a run, and what went wrong in their pages. */
export class Visitors {
  private people = new Map<string, Person>();
  private problems: Problem[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly base: string,
    /** Console errors that are expected, with the reason in the caller. */
    private readonly expected: (problem: Problem) => boolean = () => false,
  ) {}

  /** The same person (same context, same identity) each time it is asked for by the same label. */
  async get(label: string, sub: string | null): Promise<Person> {
    let person = this.people.get(label);
    if (!person) {
      const context = await this.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
      person = new Person(label, sub, context, this.base, (problem) => {
        if (!this.expected(problem)) this.problems.push(problem);
      });
      this.people.set(label, person);
    }
    return person;
  }

  /** The problems reported since the last call. */
  takeProblems(): Problem[] {
    return this.problems.splice(0);
  }

  async closePages(): Promise<void> {
    await Promise.all([...this.people.values()].map((person) => person.closePages()));
  }

  async close(): Promise<void> {
    await Promise.all([...this.people.values()].map((person) => person.context.close()));
    this.people.clear();
  }
}

/** The text a person reads in an element, whitespace collapsed. */
export async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** A comment (an `<article>` in `<ruche-comments>`) containing `words`. */
export const comment = (page: Page, words: string) => page.locator('ruche-comments article.comment', { hasText: words });

/** The number shown by a `<ruche-like>` once loaded. */
export async function likeCount(like: Locator): Promise<number> {
  const shown = await text(like.locator('button.like .count:not(.pending)'));
  const value = Number(shown.replace(/\D/g, ''));
  if (!/^\d[\d\s.,\u202f\u00a0]*$/.test(shown) || Number.isNaN(value)) throw new Error(`not a count: "${shown}"`);
  return value;
}
