import { executeServerCommand } from '@web/test-runner-commands';

/** Where the test APIs listen (see web-test-runner.config.ts). */
export const { api, demoApi } = (await executeServerCommand('ruche-config')) as { api: string; demoApi: string };

// Every element, defined once per test page, with the token API as the loader's default.
for (const module of [
  await import('../../../widgets/provider/provider.ts'),
  await import('../../../widgets/like/like.ts'),
  await import('../../../widgets/comments/comments.ts'),
  await import('../../../widgets/demo-picker/demo-picker.ts'),
]) {
  module.define(api);
}

/** An identity token for `sub`, signed as the intranet would. */
export function token(sub: string, claims: { name?: string; admin?: boolean; ttl?: number; lang?: string; guest?: boolean } = {}): Promise<string> {
  return executeServerCommand('ruche-token', { sub, ...claims }) as Promise<string>;
}

/** A subject nobody else uses, so that tests never see each other's data. */
export const uniqueSubject = (prefix = 'test') => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Calls the API directly, as another person would from another browser. */
export async function call<T = any>(method: string, path: string, options: { as?: string; body?: unknown; base?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.as) headers.Authorization = `Bearer ${await token(options.as)}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path.replace(/^\//, ''), options.base ?? api), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Puts markup in the page (inside a fresh container) and returns the container. */
export function mount(markup: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = markup;
  document.body.append(container);
  return container;
}

export function cleanup(): void {
  document.body.querySelectorAll(':scope > div').forEach((div) => div.remove());
}

export async function waitFor<T>(check: () => T | null | undefined | false, what = 'the condition', timeout = 8000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const shadow = (element: Element) => element.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(element: Element, selector: string) => element.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(element: Element, selector: string) => [...element.shadowRoot!.querySelectorAll<T>(selector)];

/** The element focused, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  if (actual !== expected) throw new Error(`${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Requests to the API since `since` (resource timing sees fetches too). */
export function apiRequests(path: string, since = 0): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
    (entry) => entry.startTime >= since && new URL(entry.name).pathname === path,
  );
}
performance.setResourceTimingBufferSize(10_000);

/**
 * Makes this test page a phone: 390 × 844 CSS px, touch, no hover (see `ruche-phone` in
 * web-test-runner.config.ts), laid out at the phone's width as a page made for phones is.
 */
export async function phone(): Promise<void> {
  if (!document.querySelector('meta[name="viewport"]')) {
    document.head.append(Object.assign(document.createElement('meta'), { name: 'viewport', content: 'width=device-width, initial-scale=1' }));
  }
  await executeServerCommand('ruche-phone');
  await waitFor(() => matchMedia('(hover: none) and (pointer: coarse)').matches && innerWidth === 390, 'a phone: 390 px wide, touch, no hover');
}

/** Taps the middle of `element` with a finger (on a page made a phone by `phone()`). */
export async function tap(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await executeServerCommand('ruche-tap', { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) });
}

const INTERACTIVE = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';

/** Describes an element for a failure message: its tag, classes and first words. */
function describe(element: Element): string {
  const classes = element.getAttribute('class')?.trim().split(/\s+/).join('.');
  const words = (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
  return `<${element.localName}${classes ? `.${classes}` : ''}> “${words}”`;
}

/**
 * The interactive targets shown inside `element`'s shadow root (and the shadow roots within it)
 * smaller than `min` × `min` CSS px (WCAG 2.2, 2.5.8 Target Size (Minimum): 24 px), each with its
 * size. Exempt as the criterion says: a link inside a sentence (its size is the line's), and a
 * check box or radio button whose label (which toggles it too) is large enough. Targets not
 * rendered (hidden, in a closed <details>) have no box and are not counted.
 */
export function smallTargets(element: Element, min = 24): string[] {
  const found: string[] = [];
  const visit = (root: ShadowRoot) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.shadowRoot) visit(node.shadowRoot);
      if (!node.matches(INTERACTIVE)) continue;
      const box = node.getBoundingClientRect();
      if (!box.width && !box.height) continue;
      if (node.localName === 'a' && getComputedStyle(node).display === 'inline') continue;
      const labels = node instanceof HTMLInputElement && /^(checkbox|radio)$/.test(node.type) ? [...(node.labels ?? [])] : [];
      if (labels.some((label) => label.getBoundingClientRect().width >= min - 0.01 && label.getBoundingClientRect().height >= min - 0.01)) continue;
      if (box.width < min - 0.01 || box.height < min - 0.01) found.push(`${describe(node)} ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
    }
  };
  visit(element.shadowRoot!);
  return found;
}

/** The interactive targets shown inside `element`'s shadow root (and those within it), described. */
export function targets(element: Element): string[] {
  const found: string[] = [];
  const visit = (root: ShadowRoot) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.shadowRoot) visit(node.shadowRoot);
      const box = node.getBoundingClientRect();
      if (node.matches(INTERACTIVE) && (box.width || box.height)) found.push(describe(node));
    }
  };
  visit(element.shadowRoot!);
  return found;
}

/** Requests to the API at `base` (any path under it) since `since`, as paths. */
export function requestsTo(base: string, since = 0): string[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((entry) => entry.startTime >= since && entry.name.startsWith(base))
    .map((entry) => new URL(entry.name).pathname);
}

/**
 * Until `restore()`, the page's waits of a second or more pass a thousand times faster (a minute
 * takes 60 ms): what widgets would ask over the next half hour is seen in two seconds. Mocha keeps
 * its own timers, so the tests' timeouts are unchanged; web-test-runner's commands do not (their
 * 20 s timeout would become 20 ms), so send none while the fast timers run.
 */
export function fastTimers(): () => void {
  const { setTimeout: timeout, setInterval: interval } = window;
  const fast = (ms: number | undefined) => (ms !== undefined && ms >= 1000 ? ms / 1000 : ms);
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => timeout(handler, fast(ms), ...rest)) as typeof setTimeout;
  window.setInterval = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => interval(handler, fast(ms), ...rest)) as typeof setInterval;
  return () => {
    window.setTimeout = timeout;
    window.setInterval = interval;
  };
}

const realTimeout = window.setTimeout.bind(window);
/** Waits `ms` of real time, even while fastTimers() runs. */
export const sleep = (ms: number) => new Promise((resolve) => realTimeout(resolve, ms));

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

let axeLoading: Promise<void> | null = null;
/** axe-core, loaded once per test page (as a classic script: it sets window.axe). */
function loadAxe(): Promise<void> {
  return (axeLoading ??= new Promise<void>((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src: '/node_modules/axe-core/axe.min.js', onload: () => resolve(), onerror: reject });
    document.head.append(script);
  }));
}

/** Rules about a whole page (landmarks around everything, one h1, a title, a skip link): a test page is not one. */
const PAGE_RULES = ['region', 'landmark-one-main', 'page-has-heading-one', 'bypass', 'document-title'];

type Widget = HTMLElement & { updateComplete?: Promise<unknown> };

/** The Ruche elements in `roots` and in the shadow roots below them. */
function rucheElements(roots: Element[]): Widget[] {
  const found: Widget[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const element of node.querySelectorAll<Widget>('*')) {
      if (element.localName.startsWith('ruche-')) found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  for (const root of roots) {
    if (root.localName.startsWith('ruche-')) found.push(root as Widget);
    if (root.shadowRoot) visit(root.shadowRoot);
    visit(root);
  }
  return found;
}

/** Rendered, done loading (nothing `aria-busy`, for a few seconds at most) and done fading: what a person reads once it is still. */
async function settled(elements: Widget[]): Promise<void> {
  await Promise.all(elements.map((element) => element.updateComplete));
  const busy = () => elements.some((element) => element.matches('[aria-busy="true"]') || element.shadowRoot?.querySelector('[aria-busy="true"]'));
  for (const started = Date.now(); busy() && Date.now() - started < 3000; ) await new Promise((resolve) => setTimeout(resolve, 25));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  // Transitions and finite animations, in the page and in each shadow root; not a skeleton's endless shimmer.
  const animations = [document, ...elements.flatMap((element) => element.shadowRoot ?? [])].flatMap((root) => root.getAnimations());
  const finite = animations.filter((animation) => Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)));
  await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
}

/** What axe finds in each of `where` on its own: two containers are two people's pages, not one page. */
async function violations(where: Element[], what: string): Promise<string[]> {
  const found: string[] = [];
  for (const root of where) found.push(...(await violationsIn(root, what)));
  return found;
}

async function violationsIn(root: Element, what: string): Promise<string[]> {
  const { violations } = await window.axe.run(root, { rules: Object.fromEntries(PAGE_RULES.map((id) => [id, { enabled: false }])) });
  return violations.map((v) => `${what}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join(' | ')}`);
}

/**
 * Checks with axe-core (which looks into open shadow roots) that what the test put in the page has no
 * accessibility violation, of any impact, in the theme it is in and in the other one (dark, or
 * light if everything already was dark). Call it after each state worth checking; the test files
 * also call it after each test, on whatever the test left in the page.
 */
export async function expectAccessible(what = 'the widgets', where: Element[] = [...document.body.querySelectorAll(':scope > div')]): Promise<void> {
  if (!where.length) return;
  await loadAxe();
  const elements = rucheElements(where);
  await settled(elements);
  const found = await violations(where, what);
  const themes = new Map(elements.map((element) => [element, element.getAttribute('theme')]));
  const other = elements.every((element) => element.getAttribute('theme') === 'dark') ? 'light' : 'dark';
  for (const element of elements) element.setAttribute('theme', other);
  try {
    await settled(elements);
    found.push(...(await violations(where, `${what} (${other})`)));
  } finally {
    for (const [element, theme] of themes) {
      if (theme === null) element.removeAttribute('theme');
      else element.setAttribute('theme', theme);
    }
    await Promise.all(elements.map((element) => element.updateComplete));
  }
  if (found.length) throw new Error(`Accessibility violations (axe-core):\n${found.join('\n')}`);
}

/** For `afterEach`: whatever the test left in the page has no accessibility violation either. */
export function expectAccessibleAfterEach(this: { currentTest?: { title: string } }): Promise<void> {
  return expectAccessible(`after “${this.currentTest?.title ?? 'the test'}”`);
}
