import { rejected, token } from './identity.ts';
import { serverInfo } from './server.ts';

/**
 * A request to the Ruche server `api` as the person: with their token (once more with a fresh one
 * if it was refused), or behind an SSO proxy with their cookies for the server. Shared by the pages'
 * relay and the toolbar button's inbox.
 */
export async function fetchAsPerson(
  api: string,
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string | undefined; signal?: AbortSignal | undefined },
): Promise<Response> {
  const { auth } = await serverInfo(api);
  for (let attempt = 0; ; attempt++) {
    const bearer = auth === 'header' ? null : await token();
    const response = await fetch(url, {
      method: init.method,
      headers: bearer ? { ...init.headers, Authorization: `Bearer ${bearer}` } : init.headers,
      body: init.body,
      signal: init.signal,
      // Behind an SSO proxy, the person's cookies for the Ruche server are their identity.
      credentials: auth === 'header' ? 'include' : 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
    if (response.status === 401 && bearer && attempt === 0) {
      await rejected(bearer); // expired or revoked: once more with a fresh one
      continue;
    }
    return response;
  }
}
