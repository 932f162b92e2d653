/**
 * The picture of the README (extension/screenshot-panel.png): the extension's panel open on the demo
 * intranet's article, on a copy of the page WITHOUT its embedded widgets (the extension stays out of
 * pages that have Ruche), served on a port of its own; same canonical URL, so the panel shows the
 * article's seeded discussion.
 *
 *   npm run build && node --import tsx test/extension/screenshot.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { grantSiteAccess, launchWithExtension, startRuche, startSite } from './support.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const DEMO = join(ROOT, 'demo/site');
const OUT = join(ROOT, 'extension/screenshot-panel.png');

const article = readFileSync(join(DEMO, 'article.html'), 'utf8')
  .replace(/<script type="module" src="\/ruche\.js"><\/script>/, '')
  .replace(/<!-- Ruche[^>]*-->\s*<style[^>]*>[\s\S]*?<\/style>/, '')
  .replace(/<div class="reagir">[\s\S]*?<ruche-comments><\/ruche-comments>\s*<\/div>/, '')
  .replace(/<(ruche-[\w-]+)[^>]*><\/\1>/g, '');
if (/ruche-|ruche\.js/.test(article)) throw new Error('the copy of the article still has Ruche in it');

const site = await startSite();
const ruche = await startRuche({}); // demo mode, seeded
site.serve({
  '/article.html': ['text/html', article],
  '/css/intranet-2008.css': ['text/css', readFileSync(join(DEMO, 'css/intranet-2008.css'), 'utf8')],
  '/js/legacy.js': ['text/javascript', readFileSync(join(DEMO, 'js/legacy.js'), 'utf8')],
});
const browser = await launchWithExtension({ width: 1180, height: 820 });
try {
  const { context } = browser;
  await grantSiteAccess(context, browser.id, [site.origin, ruche.url]);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${browser.id}/options.html`);
  await options.locator('#server-url').fill(`${ruche.url}/`);
  await options.locator('#save-server').click();
  await options.locator('#server-status', { hasText: 'démonstration' }).waitFor();
  await options.locator('#new-site').fill(site.origin);
  await options.locator('#add-site').click();
  await options.locator(`li[data-site="${site.origin}"]`).waitFor();
  await options.close();
  await new Promise((resolve) => setTimeout(resolve, 500)); // the content scripts get registered

  const page = await context.newPage();
  await page.goto(`${site.origin}/article.html`);
  await page.locator('ruche-extension button.launcher').click();
  const picker = page.locator('ruche-extension .who select');
  await picker.locator('option[value="karim.haddad"]').waitFor({ state: 'attached' });
  await picker.selectOption('karim.haddad');
  await page.locator('ruche-extension ruche-comments article.comment').first().waitFor();
  await page.locator('ruche-extension ruche-like button.like[aria-busy="false"]').waitFor();
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await new Promise((resolve) => setTimeout(resolve, 800)); // avatars, relative dates
  await page.screenshot({ path: OUT, clip: { x: 560, y: 0, width: 620, height: 820 } });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.dispose();
  await site.close();
  await ruche.dispose();
}
