import type { Messages } from './messages.ts';

export const en: Messages = {
  like: 'Like',
  likers: 'See who likes this',
  signIn: 'Sign in to the intranet to like this.',
  signInDemo: 'First pick who you are (“You are:” at the top of the page).',
};
