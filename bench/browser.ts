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

/** One answer of Ruche's server to the page, as Chromium received it. */
export interface TransferredAnswer {
  path: string;
  /** `code`: the loader and its chunks; `api`: the API's answers; `live`: the live-updates stream. */
  kind: 'code' | 'api' | 'live';
  encoding: string | null;
  /** Bytes received: status line and headers, then the body as it travelled (compressed or not). */
  bytes: number;
  headerBytes: number;
}

export interface PageTransfer {
  page: string;
  answers: TransferredAnswer[];
  /** Everything Ruche's server sent the page (code, API answers, live stream), headers included. */
  total: number;
  byKind: Record<TransferredAnswer['kind'], number>;
  headerBytes: number;
  /** The host page's own files (its HTML, styles, scripts, under /demo/): the intranet's weight, not Ruche's. */
  hostPage: number;
}

/**
 * What a page costs on the wire, signed in, on a first visit: the bytes Chromium really received
 * from Ruche's server (CDP's Network.loadingFinished encodedDataLength: headers and the body as it
 * travelled, compressed where it was), with the HTTP cache off. The person is picked in the demo
 * picker first; the page measured is the same page without the picker (an intranet page has none),
 * which still acts as that person (the choice is kept in localStorage). Every Ruche element is
 * scrolled into view (live updates start there), then the page is left until no answer has come for
 * 1.5 s. A live stream stays open: it counts with its headers and the events received so far (sent
 * uncompressed, so the bytes decoded are the bytes received, but for a few bytes of chunk framing).
 */
export async function measurePageTransfer(browser: Browser, baseUrl: string, pagePath: string, person: string): Promise<PageTransfer> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}${pagePath}`);
    const picker = page.locator('ruche-demo-picker select');
    await picker.locator('option', { hasText: person }).first().waitFor({ state: 'attached' });
    const options = await picker.locator('option').allTextContents();
    await picker.selectOption({ label: options.find((o) => o.includes(person))! });
    await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('ruche:demo-identity:')));

    const measuredPath = pagePath.replace(/\.html$/, '-without-picker.html');
    await context.route(`**${measuredPath}`, async (route) => {
      const response = await route.fetch({ url: `${baseUrl}${pagePath}` });
      const body = (await response.text()).replace(/<ruche-demo-picker\b[^>]*>\s*<\/ruche-demo-picker>/g, '');
      await route.fulfill({ response, body });
    });

    // The picker's page is left first: its requests still under way (its live stream, a chunk its
    // widgets asked for) would otherwise be counted with the measured page's.
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    interface Seen {
      url: string;
      headerBytes: number;
      encoding: string | null;
      decoded: number;
      finished: number | null;
      stream: boolean;
    }
    const seen = new Map<string, Seen>();
    let lastActivity = Date.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      seen.set(e.requestId, { url: e.request.url, headerBytes: 0, encoding: null, decoded: 0, finished: null, stream: false });
      lastActivity = Date.now();
    });
    cdp.on('Network.responseReceived', (e) => {
      const answer = seen.get(e.requestId);
      if (!answer) return;
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      answer.headerBytes = e.response.encodedDataLength;
      answer.encoding = headers['content-encoding'] ?? null;
      answer.stream = (headers['content-type'] ?? '').startsWith('text/event-stream');
      lastActivity = Date.now();
    });
    cdp.on('Network.dataReceived', (e) => {
      const answer = seen.get(e.requestId);
      if (answer) answer.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const answer = seen.get(e.requestId);
      if (answer) answer.finished = e.encodedDataLength;
      lastActivity = Date.now();
    });

    await page.goto(`${baseUrl}${measuredPath}`, { waitUntil: 'load' });
    for (const element of await page.locator(':is(ruche-comments, ruche-like, ruche-idea-box, ruche-expert-finder, ruche-person, ruche-pulse)').all()) {
      await element.scrollIntoViewIfNeeded();
      await page.waitForTimeout(200);
    }
    const pending = () => [...seen.values()].some((a) => a.finished === null && !a.stream);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (pending() || Date.now() - lastActivity < 1500)) await page.waitForTimeout(100);

    const origin = new URL(baseUrl).origin;
    const answers: TransferredAnswer[] = [];
    let hostPage = 0;
    for (const answer of seen.values()) {
      const url = new URL(answer.url);
      if (url.origin !== origin) continue;
      const bytes = answer.finished ?? answer.headerBytes + answer.decoded;
      if (url.pathname.startsWith('/demo/')) {
        hostPage += bytes;
        continue;
      }
      const kind = answer.stream ? 'live' : url.pathname.startsWith('/api/') ? 'api' : 'code';
      answers.push({ path: url.pathname, kind, encoding: answer.encoding, bytes, headerBytes: answer.headerBytes });
    }
    answers.sort((a, b) => a.kind.localeCompare(b.kind) || b.bytes - a.bytes);
    const sum = (list: TransferredAnswer[]) => list.reduce((total, a) => total + a.bytes, 0);
    return {
      page: pagePath,
      answers,
      total: sum(answers),
      byKind: { code: sum(answers.filter((a) => a.kind === 'code')), api: sum(answers.filter((a) => a.kind === 'api')), live: sum(answers.filter((a) => a.kind === 'live')) },
      headerBytes: answers.reduce((total, a) => total + a.headerBytes, 0),
      hostPage,
    };
  } finally {
    await context.close();
  }
}
