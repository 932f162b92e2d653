import type { Messages } from './messages.ts';

export const en: Messages = {
  like: 'Like',
  likers: 'See who likes this',
};
