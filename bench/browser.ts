import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * What Ruche costs the page it is embedded in, measured in headless Chromium: the demo article page
 * with and without the widgets, alternately, several times; and a news list with 100 like buttons.
 */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  return chromium.launch({ executablePath, headless: true, args: FLAGS });
}

// Collected in the page from its first moment: long tasks, layout shifts, and when the widgets are ready.
const OBSERVE = `
  window.__ruche = { longTasks: [], shifts: 0, commentsVisible: null, likesReady: null };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__ruche.longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__ruche.shifts += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  const poll = () => {
    const comments = document.querySelector('ruche-comments');
    if (comments && window.__ruche.commentsVisible === null && comments.shadowRoot?.querySelector('[part~="comment"]')) window.__ruche.commentsVisible = performance.now();
    const likes = [...document.querySelectorAll('ruche-like')];
    if (likes.length && window.__ruche.likesReady === null && likes.every((l) => l.shadowRoot?.querySelector('button[aria-busy="false"]'))) window.__ruche.likesReady = performance.now();
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
`;

interface PageRun {
  longTasks: number;
  blockingMs: number;
  cls: number;
  loadMs: number;
  commentsVisibleMs: number | null;
}

async function measure(page: Page, url: string, waitFor: 'comments' | 'load'): Promise<PageRun> {
  await page.goto(url, { waitUntil: 'load' });
  if (waitFor === 'comments') await page.waitForFunction(() => (window as any).__ruche.commentsVisible !== null, null, { timeout: 30_000 });
  await page.waitForTimeout(1000); // let late shifts and tasks show up
  return page.evaluate(() => {
    const r = (window as any).__ruche;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      longTasks: r.longTasks.length,
      blockingMs: r.longTasks.reduce((sum: number, d: number) => sum + Math.max(0, d - 50), 0),
      cls: Math.round(r.shifts * 10000) / 10000,
      loadMs: Math.round(nav.loadEventEnd),
      commentsVisibleMs: r.commentsVisible === null ? null : Math.round(r.commentsVisible),
    };
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export interface HostPageFigures {
  runs: number;
  withWidgets: { longTasks: number; blockingMs: number; cls: number; loadMs: number; commentsVisibleMs: number };
  without: { longTasks: number; blockingMs: number; cls: number; loadMs: number };
  added: { longTasks: number; blockingMs: number; cls: number };
  /** Comments visible, counted from the page's own load event. */
  commentsAfterLoadMs: number;
}

export async function measureHostPage(browser: Browser, baseUrl: string, runs = 5): Promise<HostPageFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(OBSERVE);
  // The same page without Ruche: its script tag taken out, as before the editor pasted it.
  await context.route('**/demo/article-without-ruche.html', async (route) => {
    const response = await route.fetch({ url: `${baseUrl}/demo/article.html` });
    const body = (await response.text()).replace(/<script type="module" src="\/ruche\.js"><\/script>/, '');
    await route.fulfill({ response, body });
  });
  const page = await context.newPage();
  const withWidgets: PageRun[] = [];
  const without: PageRun[] = [];
  await measure(page, `${baseUrl}/demo/article.html`, 'comments'); // warm the caches of both
  await measure(page, `${baseUrl}/demo/article-without-ruche.html`, 'load');
  for (let i = 0; i < runs; i++) {
    without.push(await measure(page, `${baseUrl}/demo/article-without-ruche.html`, 'load'));
    withWidgets.push(await measure(page, `${baseUrl}/demo/article.html`, 'comments'));
  }
  await context.close();
  const pick = (list: PageRun[], key: keyof PageRun) => median(list.map((r) => r[key] as number));
  const w = {
    longTasks: pick(withWidgets, 'longTasks'),
    blockingMs: pick(withWidgets, 'blockingMs'),
    cls: pick(withWidgets, 'cls'),
    loadMs: pick(withWidgets, 'loadMs'),
    commentsVisibleMs: pick(withWidgets, 'commentsVisibleMs'),
  };
  const o = { longTasks: pick(without, 'longTasks'), blockingMs: pick(without, 'blockingMs'), cls: pick(without, 'cls'), loadMs: pick(without, 'loadMs') };
  return {
    runs,
    withWidgets: w,
    without: o,
    added: { longTasks: w.longTasks - o.longTasks, blockingMs: Math.round(w.blockingMs - o.blockingMs), cls: Math.round((w.cls - o.cls) * 10000) / 10000 },
    commentsAfterLoadMs: median(withWidgets.map((r) => (r.commentsVisibleMs ?? 0) - r.loadMs)),
  };
}

export interface BatchingFigures {
  likeButtons: number;
  likeRequests: number;
  allCountsMs: number;
  oneButtonMs: number;
  ratio: number;
}

/** A news list with 100 like buttons: how many requests for the counts, and how long until all show. */
export async function measureBatching(browser: Browser, baseUrl: string, runs = 3): Promise<BatchingFigures> {
  const context = await browser.newContext();
  await context.addInitScript(OBSERVE);
  const pageWith = (n: number) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Actualités</title></head><body><ul>
    ${Array.from({ length: n }, (_, i) => `<li>Actualité ${i} <ruche-like subject="bench-news-${i}"></ruche-like></li>`).join('\n')}
    </ul><script type="module" src="/ruche.js"></script></body></html>`;
  await context.route('**/demo/bench-likes-*.html', (route) => {
    const n = Number(/bench-likes-(\d+)/.exec(route.request().url())![1]);
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: pageWith(n) });
  });
  const page = await context.newPage();
  let likeRequests = 0;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/likes' && request.method() === 'GET') likeRequests++;
  });
  const timeUntilCounts = async (n: number) => {
    await page.goto(`${baseUrl}/demo/bench-likes-${n}.html`);
    await page.waitForFunction(() => (window as any).__ruche.likesReady !== null, null, { timeout: 30_000 });
    return page.evaluate(() => Math.round((window as any).__ruche.likesReady));
  };
  await timeUntilCounts(1); // warm up
  const one: number[] = [];
  const hundred: number[] = [];
  let requestsForHundred = 0;
  for (let i = 0; i < runs; i++) {
    one.push(await timeUntilCounts(1));
    likeRequests = 0;
    hundred.push(await timeUntilCounts(100));
    requestsForHundred = Math.max(requestsForHundred, likeRequests);
  }
  await context.close();
  const allCountsMs = median(hundred);
  const oneButtonMs = median(one);
  return { likeButtons: 100, likeRequests: requestsForHundred, allCountsMs, oneButtonMs, ratio: Math.round((allCountsMs / oneButtonMs) * 100) / 100 };
}

export interface TransferredJs {
  files: { path: string; gzip: number }[];
  /** Without the demo picker, which only the demo intranet has. */
  total: number;
}

/**
 * The JavaScript a signed-in person's browser really fetches for the demo article (comments with
 * the composer, like button, live updates, the demo picker), gzipped: the honest "page with
 * comments and likes" figure, lazily loaded pieces included. `person` is a name in the demo picker:
 * a member (a reader) or one of the space's stewards, who also loads the moderation moves.
 */
export async function measureTransferredJs(browser: Browser, baseUrl: string, gzipSize: (body: Buffer) => number, person: string): Promise<TransferredJs> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/demo/article.html`);
  const picker = page.locator('ruche-demo-picker select');
  await picker.waitFor();
  await picker.locator('option', { hasText: person }).first().waitFor({ state: 'attached' });
  const options = await picker.locator('option').allTextContents();
  await picker.selectOption({ label: options.find((o) => o.includes(person))! });
  await page.locator('ruche-comments textarea').waitFor();

  // Paths seen by the browser; their bodies are fetched again afterwards (a body cannot be read
  // from a response the page has navigated away from, and the files do not change between the two).
  const paths = new Set<string>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === new URL(baseUrl).origin && url.pathname.endsWith('.js') && !url.pathname.startsWith('/demo/')) paths.add(url.pathname);
  });
  await page.reload();
  await page.locator('ruche-comments textarea').waitFor();
  // A reader of the comments scrolls to them (which starts the live updates).
  await page.locator('ruche-comments').scrollIntoViewIfNeeded();
  await page.waitForTimeout(1500);
  await context.close();
  const list = await Promise.all(
    [...paths].map(async (path) => ({ path, gzip: gzipSize(Buffer.from(await (await fetch(new URL(path, baseUrl))).arrayBuffer())) })),
  );
  list.sort((a, b) => a.path.localeCompare(b.path));
  const counted = list.filter((f) => !/demo-picker/.test(f.path));
  return { files: list, total: counted.reduce((sum, f) => sum + f.gzip, 0) };
}
