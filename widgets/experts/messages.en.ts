import type { Messages } from './messages.fr.ts';

export const en: Messages = {
  steward: 'Steward',
  member: 'Member',
  you: 'you',
  endorse: 'Endorse % for “&”',
  endorsed: ['# endorsement', '# endorsements'],
  askMe: 'Ask me about:',
  mentor: 'Can mentor:',
  learn: 'Wants to learn:',
  write: 'Email',
  chat: 'Chat',
  posts: ['See # contribution', 'See # contributions'],
  unknown: 'Not found in the directory.',
  hidden: 'Visible to signed-in colleagues.',
};
