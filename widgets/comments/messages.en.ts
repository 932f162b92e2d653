import type { Messages } from './messages.fr.ts';

export const en: Messages = {
  comments: ['# comment', '# comments'],
  sortLabel: 'Sort',
  newest: 'Newest',
  oldest: 'Oldest',
  retry: 'Try again',
  empty: 'No comments yet. Start the conversation!',
  more: 'Show more',
  signIn: 'Sign in to the intranet to take part.',
  signInDemo: 'To write, first pick who you are (“You are:” at the top of the page).',
  like: 'Like',
  edited: 'edited',
  deleted: 'This comment was deleted.',
  hidden: 'This comment was hidden by a steward.',
  formerMember: 'Former member',
  inReplyTo: 'replying to #',
  yourComment: 'Your comment',
  publish: 'Post',
  placeholder: 'Write a comment…',
  readOnly: 'You can read this discussion but not write in it.',
};
