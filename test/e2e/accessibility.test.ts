/**
 * End-to-end: every page of the demo intranet, as `npm start` serves it, checked by axe-core in real
 * Chromium — the whole page with the widgets' shadow roots, every rule, for an anonymous visitor and
 * for a steward, with the widgets light and dark — and the help page's layout shift while its
 * widgets load (CLS, from the browser's own layout-shift entries), on a desktop and a phone.
 *
 *   node --import tsx --test --test-concurrency=1 test/e2e/accessibility.test.ts
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLikeNpmStart, type StartedRuche } from '../support/npm-start.ts';
import { launchChromium, until, Visitors } from './browser.ts';

const PAGES = ['index.html', 'article.html', 'aide.html', 'idees.html', 'annuaire.html', 'tableau-de-bord.html'];
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

let ruche: StartedRuche;
let browser: Browser;
let visitors: Visitors;

/**
 * The page is still: every Ruche element rendered, nothing busy, no fade under way (the scripts run in
 * the page as strings: a function compiled here would carry helpers the page does not have).
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(`(() => {
    const widgets = [];
    const visit = (root) => root.querySelectorAll('*').forEach((el) => {
      if (el.localName.startsWith('ruche-') && el.localName !== 'ruche-provider') widgets.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    });
    visit(document);
    return widgets.every((el) => customElements.get(el.localName) && el.shadowRoot && (el.hidden || el.shadowRoot.childElementCount > 0)
      && !el.matches('[aria-busy="true"]') && !el.shadowRoot.querySelector('[aria-busy="true"], .skeleton, .bone'));
  })()`, undefined, { timeout: 20_000, polling: 100 });
  await page.evaluate(`Promise.all([document, ...[...document.querySelectorAll('*')].flatMap((el) => el.shadowRoot ?? [])]
    .flatMap((root) => root.getAnimations()).filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
    .map((a) => a.finished.catch(() => undefined)))`);
}

/** Every Ruche element of the page (and those they render) in `theme`. */
async function useTheme(page: Page, theme: 'dark'): Promise<void> {
  await page.evaluate(`(() => {
    const visit = (root) => root.querySelectorAll('*').forEach((el) => {
      if (el.localName.startsWith('ruche-') && el.localName !== 'ruche-provider') el.setAttribute('theme', ${JSON.stringify(theme)});
      if (el.shadowRoot) visit(el.shadowRoot);
    });
    visit(document);
  })()`);
}

/** What axe-core finds in the whole page, every rule (best practices included), one line each. */
async function violations(page: Page): Promise<string[]> {
  // The intranet's own "Flash info" ticker fades its text out and in every 6 s: stopped, once back
  // at full opacity, so that axe never measures a line halfway through its fade.
  await page.evaluate('window.HEXAGONE && clearInterval(window.HEXAGONE.flashMinuteur)');
  await page.waitForFunction(`getComputedStyle(document.getElementById('flash-info-texte')).opacity === '1'`);
  if ((await page.evaluate('typeof window.axe')) !== 'object') await page.addScriptTag({ content: AXE });
  const found = (await page.evaluate(`axe.run(document).then((r) => r.violations.map((v) =>
    v.id + ' (' + v.impact + ') ' + v.help + ': ' + v.nodes.map((n) => JSON.stringify(n.target) + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | ')))`)) as string[];
  return found;
}

describe('the demo intranet is accessible and still while it loads, in Chromium', { timeout: 15 * 60_000 }, () => {
  before(
    async () => {
      browser = await launchChromium();
      ruche = await startLikeNpmStart();
      visitors = new Visitors(browser, `${ruche.url}/demo/`);
    },
    { timeout: 180_000 },
  );

  afterEach(async () => {
    const problems = visitors?.takeProblems() ?? [];
    await visitors?.closePages();
    assert.deepEqual(problems.map((p) => `${p.who} on ${p.url}: ${p.kind}: ${p.text}`), [], 'no page error and no console error');
  });

  after(async () => {
    await visitors?.close();
    await browser?.close();
    await ruche?.stop();
  });

  for (const [label, sub] of [
    ['an anonymous visitor', null],
    ['Karim Haddad, a steward', 'karim.haddad'],
  ] as const) {
    test(`axe-core finds no violation on any page, light or dark, for ${label}`, { timeout: 5 * 60_000 }, async () => {
      const person = await visitors.get(label, sub);
      const found: string[] = [];
      for (const path of PAGES) {
        const page = await person.open(path);
        await settled(page);
        found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
        await useTheme(page, 'dark');
        await settled(page);
        found.push(...(await violations(page)).map((v) => `${path} (dark): ${v}`));
        await page.close();
      }
      assert.deepEqual(found, []);
    });
  }

  /** The cumulative layout shift of `path` from navigation until its widgets are loaded and still. */
  async function cumulativeShift(context: BrowserContext, path: string): Promise<{ cls: number; shifts: string[] }> {
    // From the first byte: the observer is registered before the page's own scripts run.
    await context.addInitScript({
      content: `window.__shifts = [];
        new PerformanceObserver((list) => list.getEntries().forEach((entry) => {
          if (!entry.hadRecentInput) window.__shifts.push({ value: entry.value, nodes: entry.sources.map((s) => s.node ? s.node.nodeName + '.' + s.node.className : '?').join(', ') });
        })).observe({ type: 'layout-shift', buffered: true });`,
    });
    const page = await context.newPage();
    await page.goto(`${ruche.url}/demo/${path}`);
    await settled(page);
    // What the browser reports last arrives with the next frames.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const shifts = (await page.evaluate('window.__shifts')) as { value: number; nodes: string }[];
    await page.close();
    return { cls: shifts.reduce((sum, s) => sum + s.value, 0), shifts: shifts.map((s) => `${s.value.toFixed(4)} ${s.nodes}`) };
  }

  for (const [device, options] of [
    ['a desktop', { viewport: { width: 1280, height: 900 } }],
    ['a phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 }],
  ] as const) {
    test(`aide.html shifts by no more than 0.01 (CLS) while its widgets load, on ${device}, anonymous and signed in`, { timeout: 120_000 }, async () => {
      for (const sub of [null, 'elodie.petit']) {
        const context = await browser.newContext({ locale: 'fr-FR', ...options });
        try {
          if (sub) {
            // Pick the person first, in another page: the measured load is a signed-in one from its start.
            const picking = await context.newPage();
            await picking.goto(`${ruche.url}/demo/index.html`);
            await picking.locator('ruche-demo-picker select option').nth(1).waitFor({ state: 'attached' });
            await picking.locator('ruche-demo-picker select').selectOption(sub);
            await until('the choice to be kept', () => picking.evaluate(`Object.keys(localStorage).some((k) => k.startsWith('ruche:demo-identity'))`));
            await picking.close();
          }
          const { cls, shifts } = await cumulativeShift(context, 'aide.html');
          console.log(`# aide.html on ${device}, ${sub ?? 'anonymous'}: CLS ${cls.toFixed(4)}`);
          assert.ok(cls <= 0.01, `CLS ${cls.toFixed(4)} > 0.01: ${shifts.join('; ')}`);
        } finally {
          await context.close();
        }
      }
    });
  }
});
