import { sendKeys } from '@web/test-runner-commands';
import type { CommentPage, IdeaDetail } from '../../shared/api-types.ts';
import { define, type RucheExpertFinder } from '../../widgets/experts/expert-finder.ts';
import { $, $$, api, assert, cleanup, deepActiveElement, equal, expectAccessible, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

define(api);

/**
 * One's own data, from one's profile in the expert finder: the export as a file, and erasing one's
 * account in a dialog that says beforehand what goes and what stays — against the real API, which
 * is asked afterwards whether the account is really gone.
 */
interface Person {
  sub: string;
  name: string;
}

const someone = (first: string, name: string): Person => ({ sub: uniqueSubject(first), name });
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Calls the API as `as` would from their own browser (their name signed in, as the widget's token says). */
async function call<T = any>(method: string, path: string, as: Person, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${await token(as.sub, { name: as.name })}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path.replace(/^\//, ''), api), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** `as`'s finder, open on "Mon profil", with its "Mes données" section. */
async function myProfile(as: Person, attributes = ''): Promise<RucheExpertFinder> {
  const container = mount(
    `<ruche-provider api="${api}" token="${await token(as.sub, { name: as.name })}"><ruche-expert-finder ${attributes}></ruche-expert-finder></ruche-provider>`,
  );
  const element = container.querySelector<RucheExpertFinder>('ruche-expert-finder')!;
  (await waitFor(() => $$<HTMLButtonElement>(element, '.views button')[2], 'the views')).click();
  await waitFor(() => $(element, '.my-data') && $(element, '.inferred'), 'my profile');
  await element.updateComplete;
  return element;
}

const button = (element: RucheExpertFinder, label: string) => $$<HTMLButtonElement>(element, 'button').find((b) => text(b) === label);
const dialog = (element: RucheExpertFinder) => $<HTMLDialogElement>(element, 'dialog.erase')!;

/** Opens the erasure dialog by the keyboard, and waits for what it says. */
async function openErasure(element: RucheExpertFinder, label = 'Supprimer mon compte'): Promise<HTMLDialogElement> {
  button(element, label)!.focus();
  await sendKeys({ press: 'Enter' });
  await waitFor(() => dialog(element).open && !$(element, 'dialog [aria-busy="true"]'), 'what erasing would do');
  await element.updateComplete;
  return dialog(element);
}

/** The space of its own `steward` creates, with a comment of `author` there that `other` replied to. */
async function world(author: Person, other: Person, steward: Person) {
  const space = uniqueSubject('vie-privee');
  await call('POST', '/api/spaces', steward, { slug: space, name: `Espace ${space}`, visibility: 'open', lang: 'fr' });
  const subject = uniqueSubject('page');
  const answered = await call<{ id: string }>('POST', '/api/comments', author, { space, subject, body: 'Un commentaire auquel on a répondu.' });
  await call('POST', '/api/comments', other, { space, subject, parentId: answered.id, body: 'Une réponse qui garde sa place.' });
  await call('POST', '/api/comments', author, { space, subject, body: 'Un commentaire seul.' });
  const { version } = await call<{ version: number }>('GET', `/api/ideas/policy?space=${space}`, author);
  const anonymous = await call<IdeaDetail>('POST', '/api/ideas', author, { space, title: 'Une idée sans nom', description: 'Anonyme.', anonymous: true, policyVersion: version });
  const supported = await call<IdeaDetail>('POST', '/api/ideas', author, { space, title: 'Une idée soutenue', description: 'Signée.' });
  await call('PUT', `/api/ideas/${supported.id}/vote`, other);
  return { space, subject, answered, anonymous, supported };
}

describe('my data, in my profile', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('downloads everything Ruche keeps about me as a JSON file named after me and the day', async () => {
    const lea = someone('lea', 'Léa Dupré-Émond');
    await call('PATCH', '/api/experts/profile', lea, { skills: ['Paie'] });
    const subject = uniqueSubject('export');
    await call('POST', '/api/comments', lea, { subject, body: 'Ce que j’ai écrit, dans mon export.' });
    const element = await myProfile(lea);
    // The link the widget hands the browser: its name, and the file behind its blob: address.
    const handed = new Promise<HTMLAnchorElement>((resolve) =>
      element.shadowRoot!.addEventListener('click', (event) => {
        const link = event.composedPath()[0];
        if (link instanceof HTMLAnchorElement && link.download) {
          event.preventDefault(); // the test reads the file instead of saving it
          resolve(link);
        }
      }),
    );
    button(element, 'Télécharger mes données')!.click();
    const link = await handed;
    assert(link.href.startsWith('blob:'), `a file made in the page, not a link the token would not follow: ${link.href}`);
    const file = (await (await fetch(link.href)).json()) as { format: string; generatedAt: string; person: { name: string }; comments: { body: string }[]; settings: { skillsAndIntents: { skill: string }[] } };
    equal(file.format, 'ruche-export/1');
    equal(file.person.name, 'Léa Dupré-Émond');
    assert(file.comments.some((c) => c.body === 'Ce que j’ai écrit, dans mon export.'), 'my comment is in it');
    assert(file.settings.skillsAndIntents.some((s) => s.skill === 'Paie'), 'my skills too');
    equal(link.download, `ruche-mes-donnees-lea-dupre-emond-${file.generatedAt.slice(0, 10)}.json`);
    await waitFor(() => /Fichier téléchargé : ruche-mes-donnees-lea-dupre-emond-/.test(text($(element, '.my-data [role="status"]'))), 'it says so');
  });

  it('erases my account after a dialog that says what goes and what stays; the widget then says so, signed out', async () => {
    const nina = someone('nina', 'Nina Départ');
    const [other, steward] = [someone('omar', 'Omar Reste'), someone('stella', 'Stella Anime')];
    const { space, subject, answered, anonymous, supported } = await world(nina, other, steward);
    const oldId = (await call<{ id: string }>('GET', '/api/me', nina)).id;
    const element = await myProfile(nina);
    const opener = button(element, 'Supprimer mon compte')!;

    // A real modal dialog, reached and left by the keyboard, focus given back.
    let shown = await openErasure(element);
    assert(shown.matches(':modal'), 'modal');
    assert(shown.contains(deepActiveElement()), `focus inside the dialog (${deepActiveElement()?.outerHTML})`);
    equal(text(shown.querySelector('h4')), 'Supprimer votre compte Ruche ?');
    equal(shown.getAttribute('aria-labelledby'), 'erase-title');
    await expectAccessible('the erasure dialog', [element.closest('div')!]);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog(element).open, 'closed by Escape');
    equal(deepActiveElement(), opener, 'focus back on the button that opened it');

    shown = await openErasure(element);
    const said = text(shown);
    for (const words of ['Votre profil : compétences', 'Vos votes et vos « j’aime »', 'Les recommandations', 'Vos messages (2 commentaires et 1 idée)',
      'Vos messages, signés « Ancien membre »', 'Votre idée anonyme reste anonyme', 'Les réponses des autres gardent leur place']) {
      assert(said.includes(words), `it says « ${words} »: ${said}`);
    }
    // Deleting the posts instead: what others took part in stays, and it says which.
    const radio = [...shown.querySelectorAll<HTMLInputElement>('input[name="posts"]')].find((r) => r.value === 'delete_posts')!;
    radio.click();
    await element.updateComplete;
    const now = text(dialog(element));
    assert(now.includes('Vos commentaires et vos idées signées (2 commentaires et 1 idée)'), now);
    assert(now.includes('d’autres y ont voté ou en ont discuté : « Une idée soutenue »'), now);
    assert(!now.includes('Vos messages, signés « Ancien membre »'), 'no longer kept as a former member’s');
    await expectAccessible('the erasure dialog, deleting', [element.closest('div')!]);

    // Not without saying one understands.
    const confirm = button(element, 'Supprimer définitivement mon compte')!;
    confirm.click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert(dialog(element).open, 'still open');
    equal((await call<{ people: unknown[] }>('GET', `/api/experts/people?id=${oldId}`, other)).people.length, 1, 'nothing erased yet');
    dialog(element).querySelector<HTMLInputElement>('input[name="understand"]')!.focus();
    await sendKeys({ press: 'Space' });
    confirm.click();

    const farewell = await waitFor(() => $(element, '.farewell'), 'the farewell');
    assert(/Votre compte Ruche est supprimé/.test(text(farewell)), text(farewell));
    await waitFor(() => deepActiveElement() === farewell, 'the farewell focused (the dialog and its button are gone)');
    await waitFor(() => element.unusable, 'signed out');
    equal($$(element, '.views').length, 0, 'no profile to open any more');

    // And on the server: the person is gone; others' replies and the ideas others took part in stay.
    equal((await call<{ people: unknown[] }>('GET', `/api/experts/people?id=${oldId}`, other)).people.length, 0, 'the person is gone');
    const page = await call<CommentPage>('GET', `/api/comments?subject=${encodeURIComponent(subject)}&space=${space}`, other);
    equal(page.threads.length, 1, 'the lone comment is deleted, the one with a reply keeps its place');
    const kept = page.threads[0]!;
    equal(kept.id, answered.id);
    equal(`${kept.status} ${kept.author} ${kept.body}`, 'deleted null ', 'without words or author');
    equal(kept.replies[0]!.body, 'Une réponse qui garde sa place.');
    const stayed = await call<IdeaDetail>('GET', `/api/ideas/${anonymous.id}`, other);
    equal(`${stayed.anonymous} ${stayed.author}`, 'true null', 'the anonymous idea stays anonymous');
    const voted = await call<IdeaDetail>('GET', `/api/ideas/${supported.id}`, other);
    equal(`${voted.author} ${voted.voteCount}`, 'null 1', 'the idea others voted for stays, without its author');
  });

  it('keeps my posts where the space keeps those of people who leave, and says so before', async () => {
    const [paul, other, steward] = [someone('paul', 'Paul Part'), someone('rita', 'Rita Reste'), someone('sam', 'Sam Anime')];
    const space = uniqueSubject('archives');
    await call('POST', '/api/spaces', steward, { slug: space, name: 'Archives du service', visibility: 'open', lang: 'fr' });
    await call('PUT', '/api/moderation/settings', steward, { space, keepPostsOnErasure: true });
    const subject = uniqueSubject('page');
    await call('POST', '/api/comments', paul, { space, subject, body: 'Ce qui reste aux archives.' });
    const element = await myProfile(paul);
    const shown = await openErasure(element);
    [...shown.querySelectorAll<HTMLInputElement>('input[name="posts"]')].find((r) => r.value === 'delete_posts')!.click();
    await element.updateComplete;
    assert(text(shown).includes('« Archives du service » garde les messages de ceux qui partent'), text(shown));
    shown.querySelector<HTMLInputElement>('input[name="understand"]')!.click();
    button(element, 'Supprimer définitivement mon compte')!.click();
    await waitFor(() => $(element, '.farewell'), 'the farewell');
    const [thread] = (await call<CommentPage>('GET', `/api/comments?subject=${encodeURIComponent(subject)}&space=${space}`, other)).threads;
    equal(`${thread!.body} ${thread!.author}`, 'Ce qui reste aux archives. null', 'kept there, without its author');
  });

  it('tells the last steward of a space to name another first, and offers no erasure', async () => {
    const lone = someone('lone', 'Louise Seule');
    await call('POST', '/api/spaces', lone, { slug: uniqueSubject('seule'), name: 'Atelier de Louise', visibility: 'open', lang: 'fr' });
    const element = await myProfile(lone);
    const shown = await openErasure(element);
    assert(/dernier animateur de « Atelier de Louise » : nommez d’abord quelqu’un d’autre/.test(text(shown.querySelector('[role="alert"]'))), text(shown));
    equal(button(element, 'Supprimer définitivement mon compte'), undefined, 'no button to erase');
    await expectAccessible('the erasure dialog of a last steward', [element.closest('div')!]);
    button(element, 'Annuler')!.click();
    await waitFor(() => !dialog(element).open, 'closed');
  });

  it('speaks English', async () => {
    const ella = someone('ella', 'Ella Leaving');
    await call('POST', '/api/comments', ella, { subject: uniqueSubject('en'), body: 'A comment.' });
    const element = await myProfile(ella, 'lang="en"');
    assert(button(element, 'Download my data') && button(element, 'Delete my account'), 'the buttons');
    const shown = await openErasure(element, 'Delete my account');
    equal(text(shown.querySelector('h4')), 'Delete your Ruche account?');
    assert(text(shown).includes('Your posts (1 comment and 0 ideas)'), text(shown));
    assert(button(element, 'Delete my account for good'), 'the confirmation');
  });
});
