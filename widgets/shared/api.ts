import type { ApiErrorBody } from '../../shared/api-types.ts';
import type { Identity } from './identity.ts';
import { ApiError } from './api-error.ts';
import type { AnswerOf, BodyOf, Method, OptionalIfEmpty, PathOf, QueryOf } from './routes.ts';

export { ApiError };

export type Query = Record<string, string | number | readonly string[] | null | undefined>;

export interface RequestOptions<Q = Query, B = unknown> {
  /** The path's parameters (`:id`) and the query. */
  query?: Q;
  body?: B;
  signal?: AbortSignal;
  /** Reuse a key to retry one action by hand; by default each call is one new action. */
  idempotencyKey?: string;
}

const RETRIES = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh Idempotency-Key; crypto.randomUUID exists only on https pages, and intranets are often http. */
export function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function retryAfterSeconds(response: Response): number | undefined {
  const value = Number(response.headers.get('Retry-After'));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The URL of `path` with its `:parameters` filled from `query`, the rest of which becomes the query string. */
export function apiUrl(base: string, path: string, query: Query = {}): string {
  const rest = { ...query };
  const url = new URL(
    path.slice(1).replace(/:(\w+)/g, (_, name: string) => {
      const value = String(rest[name]);
      delete rest[name];
      return encodeURIComponent(value);
    }),
    base,
  );
  for (const [name, value] of Object.entries(rest)) {
    if (value === null || value === undefined || value === '') continue;
    if (typeof value === 'object') for (const item of value) url.searchParams.append(name, item);
    else url.searchParams.set(name, String(value));
  }
  return url.href;
}

/** The client as its code sees it; callers see the routes' types. */
interface Untyped {
  request(method: string, path: string, options: RequestOptions): Promise<unknown>;
}

/**
 * Talks to the Ruche API: JSON both ways, bearer token from the identity, errors as ApiError.
 * Writes carry an Idempotency-Key, kept across the automatic retries (network failure, 503, a short
 * 429), so a retried write is applied once. A 401 refreshes the token once and tries again.
 */
export class ApiClient {
  private healthCheck: Promise<{ auth: 'token' | 'header' | 'demo' } | null> | null = null;
  /**
   * How requests travel, when not by the page's own `fetch`: the browser extension hands its widgets
   * one that goes through the extension (the page's CSP and the person's token stay out of the page).
   */
  transport?: typeof fetch;

  constructor(
    readonly base: string,
    readonly identity: Identity,
  ) {}

  /** A read: `get('/api/ideas/:id', { id })`, typed from the API's routes. */
  get<P extends PathOf<'GET'>>(path: P, ...[query, signal]: [...OptionalIfEmpty<QueryOf<'GET', P>>, signal?: AbortSignal]): Promise<AnswerOf<'GET', P>>;
  get(path: string, query?: Query, signal?: AbortSignal): Promise<unknown> {
    return (this as Untyped).request('GET', path, { query, signal });
  }

  /** Any call, typed from the API's routes: the parameters and query, the body and the answer. */
  request<M extends Method, P extends PathOf<M>>(method: M, path: P, options?: RequestOptions<QueryOf<M, P>, BodyOf<M, P>>): Promise<AnswerOf<M, P>>;
  async request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    const url = apiUrl(this.base, path, options.query);
    const key = method === 'GET' ? undefined : (options.idempotencyKey ?? newKey());
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.identity.token();
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (key) headers['Idempotency-Key'] = key;
      if (options.body !== undefined) headers['Content-Type'] = 'application/json';
      let response: Response;
      try {
        response = await (this.transport || fetch)(url, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: options.signal,
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (attempt < RETRIES) {
          await sleep(400 * 2 ** attempt);
          continue;
        }
        throw new ApiError(0, 'network', 'The Ruche API could not be reached.');
      }
      if (response.status === 401 && token && !refreshed) {
        refreshed = true;
        attempt--;
        await this.identity.refresh(token);
        continue;
      }
      const wait = retryAfterSeconds(response);
      if ((response.status === 503 || (response.status === 429 && (wait ?? 99) <= 5)) && attempt < RETRIES) {
        await sleep(wait !== undefined ? wait * 1000 : 400 * 2 ** attempt);
        continue;
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
        const error = body?.error;
        throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? response.statusText, error?.details, wait);
      }
      if (response.status === 204) return undefined;
      return response.json();
    }
  }

  /** The server's identity mode (once per client): widgets word "sign in" differently in demo mode. */
  authMode(): Promise<'token' | 'header' | 'demo' | null> {
    this.healthCheck ??= this.get('/api/health').catch(() => {
      this.healthCheck = null;
      return null;
    });
    return this.healthCheck.then((health) => health?.auth ?? null);
  }
}
