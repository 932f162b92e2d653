import type { AnswerOf, Method, PathOf } from '../../widgets/shared/routes.ts';

/**
 * A call the extension makes with its own `fetch` (the service worker signs in and probes the
 * server before any widget runs): the path checked against the API's routes, the answer typed by
 * them, as the widgets' client does.
 */
export function apiRoute<M extends Method, P extends PathOf<M>>(method: M, server: string, path: P) {
  return {
    url: new URL(path.slice(1), server),
    method,
    read: (response: Response) => response.json() as Promise<AnswerOf<M, P>>,
  };
}
