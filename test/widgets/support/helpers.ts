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
export function token(sub: string, claims: { name?: string; admin?: boolean; ttl?: number } = {}): Promise<string> {
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
