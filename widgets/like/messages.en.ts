import type { Messages } from './messages.fr.ts';

export const en: Messages = {
  like: 'Like',
  likers: 'See who likes this',
};
