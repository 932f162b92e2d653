import { ApiError } from '../../widgets/shared/api.ts';
import { errorMessage, errorTexts, plural, relativeDate, resolveLang, supportedLang } from '../../widgets/shared/i18n.ts';
import { messages as writing } from '../../widgets/comments/writing.messages.ts';
import { answerClock, duration as say } from '../../widgets/comments/qa.ts';
import type { RucheComments } from '../../widgets/comments/comments.ts';
import type { RucheDemoPicker } from '../../widgets/demo-picker/demo-picker.ts';
import type { RucheLike } from '../../widgets/like/like.ts';
import { $, api, assert, cleanup, demoApi, equal, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

const HOUR = 3_600_000;

describe('i18n', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(cleanup);

  it('counts with each language’s plural rules and number format', () => {
    equal(plural(0, 'fr', ['# commentaire', '# commentaires']), '0 commentaire');
    equal(plural(0, 'en', ['# comment', '# comments']), '0 comments');
    equal(plural(1234, 'fr', ['# commentaire', '# commentaires']), '1\u202f234 commentaires');
    equal(plural(1234, 'en', ['# comment', '# comments']), '1,234 comments');
  });

  it('says dates relatively', () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    equal(relativeDate('2026-11-20T09:00:00Z', 'fr', now), 'il y a 3 heures');
    equal(relativeDate('2026-11-20T09:00:00Z', 'en', now), '3 hours ago');
    equal(relativeDate('2026-11-19T10:00:00Z', 'fr', now), 'hier');
    equal(relativeDate('2026-11-20T11:59:50Z', 'en', now), 'now');
  });

  it('says durations as people do', () => {
    const duration = (ms: number, lang: 'fr' | 'en') => say(ms, lang).replace(/[\u00a0\u202f]/g, ' ');
    equal(duration(25 * 60_000, 'fr'), '25 min');
    equal(duration(48 * HOUR, 'fr'), '48 h');
    equal(duration(5 * 24 * HOUR, 'fr'), '5 jours');
    equal(duration(5 * 24 * HOUR, 'en'), '5 days');
  });

  it('says why a request failed in the person’s language, never in the API’s English', async () => {
    const refused = (status: number, code: string) => new ApiError(status, code, 'The comment you reply to has been deleted.');
    const codes = writing.in('fr').errors;
    equal(errorMessage(refused(409, 'parent_gone'), 'fr', codes), 'Le commentaire auquel vous répondez a été supprimé.');
    equal(errorMessage(refused(403, 'not_author'), 'fr', codes), 'Seul son auteur peut faire cela.');
    equal(errorMessage(refused(409, 'own_answer'), 'fr', codes), 'La réponse de la personne qui demande ne peut pas être acceptée.');
    equal(errorMessage(refused(409, 'some_new_code'), 'fr', codes), 'Une erreur est survenue.', 'an unknown code: the general words only');
    equal(errorMessage(refused(400, 'invalid_request'), 'fr'), 'Une erreur est survenue.');
    equal(errorMessage(refused(403, 'not_author'), 'fr'), 'Vous n’avez pas le droit de faire cela ici.', 'without the codes: by status');
    equal(errorMessage(new ApiError(429, 'rate_limited', 'slow', undefined, 7), 'fr'), 'Trop d’actions d’un coup : réessayez dans 7 s.');
    await Promise.all([errorTexts.ready('en'), writing.ready('en')]);
    equal(errorMessage(refused(409, 'comment_gone'), 'en', writing.in('en').errors), 'This comment has been deleted or hidden.');
    equal(errorMessage(refused(409, 'merge_into_itself'), 'en'), 'Something went wrong.');
  });

  it('takes the language from the element, the provider, the page, else French', () => {
    equal(supportedLang('en-GB'), 'en');
    equal(supportedLang('de'), null);
    const container = mount('<div lang="en"><span id="a"></span><span id="b" lang="fr"></span></div><div lang="de"><span id="c"></span></div>');
    equal(resolveLang(container.querySelector('#a')!, null), 'en');
    equal(resolveLang(container.querySelector('#b')!, 'en'), 'fr');
    equal(resolveLang(container.querySelector('#a')!, 'fr'), 'fr');
    equal(resolveLang(container.querySelector('#c')!, null), 'fr');
    // The person's language comes after the element's and the provider's, before the page's.
    equal(resolveLang(container.querySelector('#a')!, null, 'fr'), 'fr', 'a French speaker on an English part of the page');
    equal(resolveLang(container.querySelector('#c')!, null, 'en'), 'en', 'an English speaker on a French page');
    equal(resolveLang(container.querySelector('#b')!, null, 'en'), 'fr', 'the element’s own lang first');
    equal(resolveLang(container.querySelector('#c')!, 'fr', 'en'), 'fr', 'then the provider’s');
  });
});

describe('the person’s language', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  async function widgets(tokenValue: string, attributes = '', inside = (markup: string) => markup) {
    const subject = uniqueSubject('lang');
    const container = mount(
      inside(`<ruche-provider api="${api}" token="${tokenValue}" ${attributes}><ruche-comments subject="${subject}"></ruche-comments> <ruche-like subject="${subject}"></ruche-like></ruche-provider>`),
    );
    const comments = container.querySelector<RucheComments>('ruche-comments')!;
    const like = container.querySelector<RucheLike>('ruche-like')!;
    await waitFor(() => comments.page && like.state, 'the widgets');
    await Promise.all([comments.updateComplete, like.updateComplete]);
    return { comments, like };
  }

  it('a person whose token says lang: en reads English widgets on a French page', async () => {
    equal(document.documentElement.lang, 'fr');
    const { comments, like } = await widgets(await token('emma', { lang: 'en-GB' }));
    equal(text($(comments, 'h3')), '0 comments');
    equal(text($(like, '.like span')), 'Like');
    assert(/Post/.test(text($(comments, '.composer .primary'))), 'the composer too');
  });

  it('the widget’s lang, then the provider’s, come before the person’s; the page’s after it', async () => {
    const english = await token('emma', { lang: 'en' });
    const own = await widgets(english, '', (markup) => markup.replace('<ruche-comments ', '<ruche-comments lang="fr" '));
    equal(text($(own.comments, 'h3')), '0 commentaire', 'the widget’s own lang');
    equal(text($(own.like, '.like span')), 'Like', 'its neighbour follows the person');
    cleanup();
    const provided = await widgets(english, 'lang="fr"');
    equal(text($(provided.comments, 'h3')), '0 commentaire', 'the provider’s lang');
    cleanup();
    const french = await widgets(await token('francois', { lang: 'fr' }), '', (markup) => `<div lang="en">${markup}</div>`);
    equal(text($(french.comments, 'h3')), '0 commentaire', 'a French speaker in an English part of the page');
  });

  it('a token without lang: the profile’s language, as the API knows it', async () => {
    const sub = uniqueSubject('profile-en');
    // An earlier visit's token said English: the API keeps it in the person's profile.
    await fetch(new URL('api/me', api), { headers: { Authorization: `Bearer ${await token(sub, { lang: 'en' })}` } });
    const { comments } = await widgets(await token(sub));
    await waitFor(() => text($(comments, 'h3')) === '0 comments', 'English, from the profile');
  });

  it('follows the person picked in the demo picker', async () => {
    const subject = uniqueSubject('lang-demo');
    const container = mount(`<ruche-provider api="${demoApi}"><ruche-demo-picker></ruche-demo-picker><ruche-comments subject="${subject}"></ruche-comments></ruche-provider>`);
    const picker = container.querySelector<RucheDemoPicker>('ruche-demo-picker')!;
    const comments = container.querySelector<RucheComments>('ruche-comments')!;
    const select = await waitFor(() => $<HTMLSelectElement>(picker, 'select'), 'the list of people');
    await waitFor(() => comments.page, 'the comments');
    equal(text($(comments, 'h3')), '0 commentaire', 'anonymous: the page’s French');
    const pick = async (sub: string) => {
      select.value = sub;
      select.dispatchEvent(new Event('change'));
    };
    await pick('emma.wilson');
    await waitFor(() => text($(comments, 'h3')) === '0 comments' && comments.page?.viewer.id, 'English for Emma Wilson');
    equal(text($(picker, 'label')).startsWith('You are'), true, 'the picker too');
    await pick('claire.martin');
    await waitFor(() => text($(comments, 'h3')) === '0 commentaire', 'French again for Claire Martin');
  });
});

describe('the answer-time promise', () => {
  const question = (askedHoursAgo: number, answeredAfterHours: number | null, now: number) => ({
    createdAt: new Date(now - askedHoursAgo * HOUR).toISOString(),
    answeredAt: answeredAfterHours === null ? null : new Date(now - askedHoursAgo * HOUR + answeredAfterHours * HOUR).toISOString(),
  });
  const now = Date.now();
  const clock = (asked: number, answered: number | null, promise: number | null) =>
    answerClock(question(asked, answered, now) as never, promise, now).state;

  it('is kept, late, waiting or overdue', () => {
    equal(clock(70, 4, 48), 'kept');
    equal(clock(120, 68, 48), 'late');
    equal(clock(5, null, 48), 'waiting');
    equal(clock(50, null, 48), 'overdue');
    equal(clock(50, null, null), 'waiting');
    equal(clock(50, 3, null), 'answered');
  });
});
