import type { Messages } from './messages.fr.ts';

export const en: Messages = {
  youAre: 'You are:',
  anonymous: 'Anonymous visitor',
  guest: 'partner',
  admin: 'admin',
  steward: 'steward',
  hint: 'Demo: choose the person you act as',
};
