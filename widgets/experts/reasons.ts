import type { ExpertReason } from '../../shared/api-types.ts';
import { plural, type Lang } from '../shared/i18n.ts';
import { fill } from './card.ts';

/** Why someone is ranked, phrased from the API's structured reasons. `#` a number, `%` a skill or topic. */
const messages = {
  fr: {
    accepted_answers: ['# réponse acceptée sur “%”', '# réponses acceptées sur “%”'],
    answers: ['# réponse sur “%”', '# réponses sur “%”'],
    comments: ['# message sur “%”', '# messages sur “%”'],
    ideas: ['# idée sur “%”', '# idées sur “%”'],
    votes: ['# vote', '# votes'],
    likes: ['# j’aime reçu', '# j’aime reçus'],
    endorsed: ['recommandé·e par # collègue pour “%”', 'recommandé·e par # collègues pour “%”'],
    skill: 'se déclare compétent·e en “%”',
    ask_me: 'propose qu’on l’interroge sur “%”',
    mentor: 'peut accompagner sur “%”',
  },
  en: {
    accepted_answers: ['# accepted answer on “%”', '# accepted answers on “%”'],
    answers: ['# answer on “%”', '# answers on “%”'],
    comments: ['# post on “%”', '# posts on “%”'],
    ideas: ['# idea on “%”', '# ideas on “%”'],
    votes: ['# vote', '# votes'],
    likes: ['# like received', '# likes received'],
    endorsed: ['endorsed by # colleague for “%”', 'endorsed by # colleagues for “%”'],
    skill: 'says they know “%”',
    ask_me: 'invites questions on “%”',
    mentor: 'can mentor “%”',
  },
};

/**
 * A reason in the reader's language. Loaded with the first search (in parallel with it), and by
 * "what Ruche infers about me": a card shown alone has no reasons to give.
 */
export function reasonText(reason: ExpertReason, lang: Lang): string {
  const m = messages[lang];
  switch (reason.kind) {
    case 'declared':
      return fill(m[reason.intents.includes('ask_me') ? 'ask_me' : reason.intents.includes('mentor') ? 'mentor' : 'skill'], reason.skill);
    case 'endorsed':
      return fill(plural(reason.count, lang, m.endorsed), reason.skill);
    case 'likes':
      return plural(reason.count, lang, m.likes);
    case 'ideas':
      return fill(plural(reason.count, lang, m.ideas), reason.topic) + (reason.votes ? ` · ${plural(reason.votes, lang, m.votes)}` : '');
    case 'accepted_answers':
    case 'answers':
    case 'comments':
      return fill(plural(reason.count, lang, m[reason.kind]), reason.topic);
    default:
      return ''; // a kind of reason from a newer server
  }
}
