import type { Lang } from '../../shared/api-types.ts';
import type { ApiClient } from './api.ts';
import { tokenLang } from './identity.ts';

/** The person's language as learnt for a client's current token. */
const learnt = new WeakMap<ApiClient, { token: string; lang: Promise<Lang | null> }>();

/**
 * Learns the signed-in person's language into the client's identity, when their token did not say
 * it at once (an intranet endpoint's token, or one without a `lang` claim): the token's claim, else
 * their profile's (GET /api/me, once per token: the API keeps the language an earlier token gave).
 * Behind an SSO proxy (no token) the proxy says no language, and nothing is asked. Loaded only for
 * someone who may be signed in and whose language is not known yet.
 */
export async function learnPersonLang(client: ApiClient): Promise<void> {
  const { identity } = client;
  const token = await identity.token();
  if (!token) return identity.setLang(null);
  let known = learnt.get(client);
  if (known?.token !== token) {
    const claimed = tokenLang(token);
    learnt.set(client, (known = { token, lang: claimed ? Promise.resolve(claimed) : client.get('/api/me').then((me) => me.lang, () => null) }));
  }
  const lang = await known.lang;
  // Still the same person (the picker may have changed it meanwhile).
  if (learnt.get(client) === known) identity.setLang(lang);
}
