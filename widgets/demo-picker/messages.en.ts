import type { Messages } from './messages.ts';

export const en: Messages = {
  youAre: 'You are:',
  anonymous: 'Anonymous visitor',
  staff: 'Employees',
  guests: 'Partners (guests)',
  guest: 'partner',
  admin: 'admin',
  failed: 'Could not switch person.',
  hint: 'Demo: choose the person you act as',
};
