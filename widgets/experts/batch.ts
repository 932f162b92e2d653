import type { ExpertProfile } from '../../shared/api-types.ts';
import type { ApiClient } from '../shared/api.ts';

/** A card asks by Ruche id (`person-id`) or by the intranet's id (`person`). */
export type PersonRef = { id: string } | { externalId: string };

type Profile = ExpertProfile & { externalId?: string };
type Result = ExpertProfile | null;
type Waiting = [ref: PersonRef, resolve: (profile: Result | PromiseLike<Result>) => void, reject: (error: unknown) => void];

const queues = new WeakMap<ApiClient, Waiting[]>();

/**
 * One person's profile, asked for together with every other card of the page: the cards that
 * connect in the same task share one GET /api/experts/people (50 people per request, the API's
 * most). Null when the person is unknown or hidden from the viewer.
 */
export function loadProfile(client: ApiClient, ref: PersonRef): Promise<Result> {
  let queue = queues.get(client);
  if (!queue) {
    queues.set(client, (queue = []));
    setTimeout(() => {
      queues.delete(client);
      for (let i = 0; i < queue!.length; i += 50) void fetchPeople(client, queue!.slice(i, i + 50));
    }, 0);
  }
  return new Promise((resolve, reject) => queue!.push([ref, resolve, reject]));
}

async function fetchPeople(client: ApiClient, waiting: Waiting[]): Promise<void> {
  const ids = waiting.flatMap(([ref]) => ('id' in ref ? ref.id : []));
  const externalIds = [...new Set(waiting.flatMap(([ref]) => ('externalId' in ref ? ref.externalId : [])))];
  let people: Profile[];
  try {
    ({ people } = await client.get('/api/experts/people', { id: ids, externalId: externalIds }));
  } catch (error) {
    return waiting.forEach(([, , reject]) => reject(error));
  }
  // The answer does not say which intranet id each profile was asked by, nor keeps their order:
  // match by that id if the server sends it, else by the e-mail address, else by elimination.
  const found = new Map<string, Profile | undefined>(people.map((p) => [p.person.id, p]));
  let others = people.filter((p) => !ids.includes(p.person.id));
  const match = (x: string, p: Profile) => {
    const email = p.contact.email?.toLowerCase() ?? '';
    return p.externalId?.toLowerCase() === x || email === x || email.startsWith(`${x}@`);
  };
  const left = externalIds.filter((x) => {
    const p = people.find((o) => match(x.toLowerCase(), o));
    others = others.filter((o) => o !== p);
    found.set(x, p);
    return !p;
  });
  if (left.length === 1 && others.length === 1) found.set(left.pop()!, others[0]);
  // Nobody left to match (and nobody asked twice, by both ids): the others are unknown, or hidden.
  else if (!others.length && !ids.length) left.length = 0;
  // Still ambiguous (rare): asked alone, the answer cannot be mistaken.
  const alone = new Map(left.map((x) => [x, client.get('/api/experts/people', { externalId: x }).then((r) => r.people[0] ?? null, () => null)]));
  for (const [ref, resolve] of waiting) {
    const key = 'id' in ref ? ref.id : ref.externalId;
    resolve(alone.get(key) ?? found.get(key) ?? null);
  }
}
