import type { LikeBatch, LikeState } from '../../shared/api-types.ts';
import { apiUrl, type ApiClient } from '../shared/api.ts';

/** The API reads up to 200 subjects per request; URLs are kept well under what servers and proxies accept. */
const MAX_SUBJECTS = 200;
const MAX_URL_LENGTH = 7000;

interface Waiting {
  resolve(state: LikeState): void;
  reject(error: unknown): void;
}

/** Per client: the subjects asked for in this task, by space, each with whoever waits for it. */
const queues = new WeakMap<ApiClient, Map<string, Map<string, Waiting[]>>>();

/**
 * The like state of one subject, asked for together with every other like button of the page: the
 * buttons that connect in the same task (a news list upgrading at once) share one GET /api/likes.
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
    const base = apiUrl(client.base, '/api/likes', { space }).length;
    let subjects: string[] = [];
    let length = base;
    const send = () => {
      const asked = subjects;
      const each = (settle: (waiting: Waiting, subject: string) => void) =>
        asked.forEach((subject) => bySubject.get(subject)!.forEach((waiting) => settle(waiting, subject)));
      client.get<LikeBatch>('/api/likes', { space, s: asked }).then(
        ({ likes }) => each((waiting, subject) => waiting.resolve(likes[subject] ?? { count: 0, liked: false })),
        (error) => each((waiting) => waiting.reject(error)),
      );
      subjects = [];
      length = base;
    };
    for (const subject of bySubject.keys()) {
      const more = 3 + encodeURIComponent(subject).length; // "&s=" and the key
      if (subjects.length && (subjects.length === MAX_SUBJECTS || length + more > MAX_URL_LENGTH)) send();
      subjects.push(subject);
      length += more;
    }
    send();
  }
}
