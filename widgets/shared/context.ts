import type { Context } from '@lit/context';
import { ApiClient } from './api.ts';
import { getDefaultApi } from './config.ts';
import { Identity, type IdentitySource } from './identity.ts';

/** What `<ruche-provider>` shares with the widgets inside it (and what widgets outside one get by default). */
export interface RucheContext {
  /** The API's base address, ending with '/'. */
  api: string;
  client: ApiClient;
  identity: Identity;
  /** The space slug; null for the server's default space. */
  space: string | null;
  lang: string | null;
}

/** Private to this copy of Ruche: a second copy on the page has its own providers and widgets. */
export const rucheContext = Symbol('ruche') as Context<symbol, RucheContext>;

export interface ContextOptions {
  api?: string | null;
  token?: string | null;
  tokenUrl?: string | null;
  space?: string | null;
  lang?: string | null;
}

const clients = new Map<string, ApiClient>();

/** One client (one identity, one live connection) per API and identity source, however many widgets. */
export function createRucheContext(options: ContextOptions = {}): RucheContext {
  const api = new URL(options.api?.trim() || getDefaultApi(), document.baseURI).href.replace(/\/?$/, '/');
  const source: IdentitySource = options.token
    ? { kind: 'token', token: options.token }
    : options.tokenUrl
      ? { kind: 'url', url: new URL(options.tokenUrl, document.baseURI).href }
      : { kind: 'auto' };
  const key = `${api} ${JSON.stringify(source)}`;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new ApiClient(api, new Identity(api, source))));
  return { api, client, identity: client.identity, space: options.space || null, lang: options.lang || null };
}
