import type { Messages } from './messages.fr.ts';

export const en: Messages = {
  title: 'Notifications',
  unread: ['Notifications, # unread', 'Notifications, # unread'],
  noneUnread: 'Notifications, none unread',
};
