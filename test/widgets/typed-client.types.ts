/**
 * Checked by `tsc` (the "types" step of npm test), never run: the widgets' client is typed from the
 * API's own routes, so each line marked @ts-expect-error must be an error. Were the client's types
 * to turn loose (any, a plain string path), these marks would be unused, and tsc fails on those.
 */
import type { ApiClient } from '../../widgets/shared/api.ts';

export async function typedFromTheRoutes(client: ApiClient): Promise<void> {
  // A path the API serves, its parameters and its answer's fields.
  const idea = await client.get('/api/ideas/:id', { id: 'x' });
  idea.voteCount satisfies number;
  const page = await client.get('/api/comments', { subject: 'https://intranet/page', limit: 20, cursor: null });
  page.threads[0]?.tree satisfies import('../../shared/markdown/tree.ts').MarkdownTree | undefined;

  // @ts-expect-error: a path the API does not serve
  await client.get('/api/idea/:id', { id: 'x' });
  // @ts-expect-error: a path parameter by another name
  await client.get('/api/ideas/:id', { ideaId: 'x' });
  // @ts-expect-error: a required query parameter left out (the subject of a thread)
  await client.get('/api/comments', {});
  // @ts-expect-error: a query parameter the route does not take
  await client.get('/api/likes/people', { subject: 'k', sort: 'newest' });
  // @ts-expect-error: a field the answer does not have
  void idea.votes;
  // @ts-expect-error: a method the route does not answer
  await client.request('PUT', '/api/ideas/:id', { query: { id: 'x' } });
  // @ts-expect-error: a body field the route does not take
  await client.request('POST', '/api/comments/:id/report', { query: { id: 'x' }, body: { why: 'spam' } });
  const liked = await client.request('PUT', '/api/likes', { body: { subject: 'k' } });
  // @ts-expect-error: the like answer has count and liked, not likes
  void liked.likes;
}
