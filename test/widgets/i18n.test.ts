import { ApiError } from '../../widgets/shared/api.ts';
import { errorMessage, errorTexts, plural, relativeDate, resolveLang, supportedLang } from '../../widgets/shared/i18n.ts';
import { messages as writing } from '../../widgets/comments/writing.messages.ts';
import { answerClock, duration as say } from '../../widgets/comments/qa.ts';
import { equal, mount, cleanup } from './support/helpers.ts';

const HOUR = 3_600_000;

describe('i18n', () => {
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
