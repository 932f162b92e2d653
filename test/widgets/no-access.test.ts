import { ApiClient } from '../../widgets/shared/api.ts';
import { Identity } from '../../widgets/shared/identity.ts';
import { LiveEvents } from '../../widgets/shared/live.ts';
import { api, apiRequests, cleanup, equal, fastTimers, sleep, token, uniqueSubject, call, waitFor } from './support/helpers.ts';

async function space(visibility: 'open' | 'closed' | 'secret'): Promise<string> {
  const slug = uniqueSubject(visibility);
  await call('POST', '/api/spaces', { as: 'carol', body: { slug, name: `Espace ${slug}`, visibility, lang: 'fr' } });
  return slug;
}

describe('visitors who may not read a space', () => {
  afterEach(cleanup);

  it('the live stream of a space one may not read is asked for once, until the person changes', async () => {
    const slug = await space('secret');
    const client = new ApiClient(api, new Identity(api, { kind: 'token', token: await token(uniqueSubject('partenaire'), { guest: true }) }));
    const started = performance.now();
    const restore = fastTimers();
    let stop = () => {};
    try {
      stop = LiveEvents.for(client).subscribe(slug, uniqueSubject('fil'), () => {}, '0');
      await waitFor(() => apiRequests('/api/events', started).length, 'the stream, refused');
      await sleep(2000); // half an hour of its waits
      equal(apiRequests('/api/events', started).length, 1, 'refused once, not asked again');
      client.identity.dispatchEvent(new Event('change')); // someone else now: they may read it
      await waitFor(() => apiRequests('/api/events', started).length === 2, 'asked again for the new person');
    } finally {
      stop();
      restore();
    }
  });
});
