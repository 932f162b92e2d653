import type { RucheDemoPicker } from '../../widgets/demo-picker/demo-picker.ts';
import type { RucheLike } from '../../widgets/like/like.ts';
import { $, api, assert, call, cleanup, demoApi, equal, expectAccessibleAfterEach, mount, uniqueSubject, waitFor } from './support/helpers.ts';

describe('<ruche-demo-picker>', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('lets a visitor act as a demo person, and every widget reloads as them', async () => {
    const subject = uniqueSubject('demo');
    const { token } = await call('POST', '/api/demo/token', { base: demoApi, body: { sub: 'karim.haddad' } });
    await fetch(new URL('api/likes', demoApi), {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ subject }),
    });
    const container = mount(`<ruche-provider api="${demoApi}"><ruche-demo-picker></ruche-demo-picker> <ruche-like subject="${subject}"></ruche-like></ruche-provider>`);
    const picker = container.querySelector<RucheDemoPicker>('ruche-demo-picker')!;
    const like = container.querySelector<RucheLike>('ruche-like')!;
    const select = await waitFor(() => $<HTMLSelectElement>(picker, 'select'), 'the list of people');
    assert(/Vous êtes/.test($(picker, 'label')!.textContent!), 'labelled');
    const guest = [...select.options].find((o) => o.value === 'marc.lefevre')!;
    assert(/partenaire/.test(guest.textContent!), `guests are marked: ${guest.textContent}`);
    await waitFor(() => like.state, 'the like');
    equal($(like, '[aria-pressed]')!.getAttribute('aria-pressed'), 'false', 'anonymous at first');
    select.value = 'karim.haddad';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => $(like, '[aria-pressed="true"]'), 'the like, reloaded as Karim');
    assert(Object.keys(localStorage).some((key) => key.startsWith('ruche:demo-identity:')), 'the choice is kept');
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => $(like, '[aria-pressed="false"]'), 'anonymous again');
  });

  it('marks the people who steward a space, and them only', async () => {
    // Nobody is seeded on this server: Nadia becomes a steward by creating a space.
    const { token } = await call('POST', '/api/demo/token', { base: demoApi, body: { sub: 'nadia.benali' } });
    const created = await fetch(new URL('api/spaces', demoApi), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ slug: uniqueSubject('juridique'), name: 'Juridique', visibility: 'secret', lang: 'fr' }),
    });
    equal(created.status, 201);
    const container = mount(`<ruche-provider api="${demoApi}"><ruche-demo-picker></ruche-demo-picker></ruche-provider>`);
    const picker = container.querySelector<RucheDemoPicker>('ruche-demo-picker')!;
    const select = await waitFor(() => $<HTMLSelectElement>(picker, 'select'), 'the list of people');
    const option = (sub: string) => [...select.options].find((o) => o.value === sub)!.textContent!;
    equal(option('nadia.benali'), 'Nadia Benali (animation)');
    equal(option('claire.martin'), 'Claire Martin (admin)', 'not a steward here (nothing seeded)');
    equal(option('julien.bernard'), 'Julien Bernard');
    assert(!select.textContent!.includes('Juridique'), 'the secret space is not named');
  });

  it('renders nothing outside demo mode', async () => {
    const container = mount(`<ruche-provider api="${api}"><ruche-demo-picker></ruche-demo-picker></ruche-provider>`);
    const picker = container.querySelector<RucheDemoPicker>('ruche-demo-picker')!;
    await new Promise((resolve) => setTimeout(resolve, 500));
    equal($(picker, 'select'), null);
    equal(picker.getBoundingClientRect().width, 0, 'takes no room');
  });
});
