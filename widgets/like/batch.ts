import type { LikeState } from '../../shared/api-types.ts';
import { apiUrl, type ApiClient } from '../shared/api.ts';

/**
 * A GET carries up to 200 keys (the API's limit), in a URL well under what servers and proxies
 * accept; longer lists go in one POST /api/likes/query (up to 1000 keys, under the API's 64 KB body
 * limit), split further only past that.
 */
const MAX_URL_SUBJECTS = 200;
const MAX_URL_LENGTH = 7000;
const MAX_BODY = 60_000;

interface Waiting {
  resolve(state: LikeState): void;
  reject(error: unknown): void;
}

/** Per client: the subjects asked for in this task, by space, each with whoever waits for it. */
const queues = new WeakMap<ApiClient, Map<string, Map<string, Waiting[]>>>();

/**
 * The like state of one subject, asked for together with every other like button of the page: the
 * buttons that connect in the same task (a news list upgrading at once) share one request.
 */
export function loadLike(client: ApiClient, space: string | undefined, subject: string): Promise<LikeState> {
  let bySpace = queues.get(client);
  if (!bySpace) {
    queues.set(client, (bySpace = new Map()));
    setTimeout(() => flush(client), 0);
  }
  let bySubject = bySpace.get(space ?? '');
  if (!bySubject) bySpace.set(space ?? '', (bySubject = new Map()));
  const waiting = bySubject.get(subject) ?? [];
  bySubject.set(subject, waiting);
  return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
}

function flush(client: ApiClient): void {
  const bySpace = queues.get(client)!;
  queues.delete(client);
  for (const [space, bySubject] of bySpace) {
    const send = (asked: string[]) => {
      const each = (settle: (waiting: Waiting, subject: string) => void) =>
        asked.forEach((subject) => bySubject.get(subject)!.forEach((waiting) => settle(waiting, subject)));
      const query = { space, s: asked };
      (asked.length <= MAX_URL_SUBJECTS && apiUrl(client.base, '/api/likes', query).length <= MAX_URL_LENGTH
        ? client.get('/api/likes', query)
        : // A read: nothing to replay, so no Idempotency-Key ('' sends none).
          client.request('POST', '/api/likes/query', { body: { space: space || undefined, subjects: asked }, idempotencyKey: '' })
      ).then(
        ({ likes }) => each((waiting, subject) => waiting.resolve(likes[subject] ?? { count: 0, liked: false })),
        (error) => each((waiting) => waiting.reject(error)),
      );
    };
    // Split only past one query: 1000 keys (each counted as 60 characters at least), or 60 KB.
    let subjects: string[] = [];
    let size = 0;
    for (const subject of bySubject.keys()) {
      // Quoted, and a comma; counted as it would travel in a URL, which is never less than its JSON bytes.
      const more = Math.max(60, encodeURIComponent(subject).length + 3);
      if ((size += more) > MAX_BODY) {
        send(subjects);
        subjects = [];
        size = more;
      }
      subjects.push(subject);
    }
    send(subjects);
  }
}
