import type { LikeBatch, LikeState } from '../../shared/api-types.ts';
import { apiUrl, type ApiClient } from '../shared/api.ts';

/** The API reads up to 200 subjects per request; URLs are kept well under what servers and proxies accept. */
const MAX_SUBJECTS = 200;
const MAX_URL_LENGTH = 7000;

interface Waiting {
  resolve(state: LikeState): void;
  reject(error: unknown): void;
}

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
  let waiting = bySubject.get(subject);
  if (!waiting) bySubject.set(subject, (waiting = []));
  return new Promise((resolve, reject) => waiting!.push({ resolve, reject }));
}

function flush(client: ApiClient): void {
  const bySpace = queues.get(client);
  queues.delete(client);
  for (const [space, bySubject] of bySpace ?? []) {
    for (const subjects of chunks(client, space, [...bySubject.keys()])) {
      client.get<LikeBatch>('/api/likes', { space, s: subjects }).then(
        ({ likes }) => {
          for (const subject of subjects) {
            const state = likes[subject] ?? { count: 0, liked: false };
            for (const w of bySubject.get(subject)!) w.resolve(state);
          }
        },
        (error) => {
          for (const subject of subjects) for (const w of bySubject.get(subject)!) w.reject(error);
        },
      );
    }
  }
}

function chunks(client: ApiClient, space: string, subjects: string[]): string[][] {
  const result: string[][] = [];
  const base = apiUrl(client.base, '/api/likes', { space }).length;
  let current: string[] = [];
  let length = base;
  for (const subject of subjects) {
    const more = 3 + encodeURIComponent(subject).length; // "&s=" and the key
    if (current.length && (current.length === MAX_SUBJECTS || length + more > MAX_URL_LENGTH)) {
      result.push(current);
      current = [];
      length = base;
    }
    current.push(subject);
    length += more;
  }
  if (current.length) result.push(current);
  return result;
}
