import type { Messages } from './finder.messages.fr.ts';

export const en: Messages = {
  title: 'Find an expert',
  topicTitle: 'Who can help you?',
  topicIntro: 'Colleagues who know about “%”',
  views: 'Directory',
  find: 'Search',
  questions: 'Questions for you',
  unread: ['# new', '# new'],
  profile: 'My profile',
  label: 'Topic or skill',
  placeholder: 'VAT, Excel, HR portal…',
  intro: 'Declared skills, colleagues’ endorsements, answers already given: find who knows.',
  tryThese: 'For example:',
  results: ['# person for “%”', '# people for “%”'],
  matched: 'Skill:',
  none: 'Nobody has come forward on “%” yet.',
  retry: 'Try again',
  askTitle: 'Not the answer you need?',
  ask: 'Ask the experts',
  signIn: 'Sign in to the intranet to find who knows what.',
  signInDemo: 'First pick who you are (“You are:” at the top of the page).',
};
