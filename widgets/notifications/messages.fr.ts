/** The bell's own words (the list's are in inbox.messages.fr.ts, loaded when it first opens). */
export const fr = {
  title: 'Notifications',
  /** The button's name for screen readers: the count read out, or none. */
  unread: ['Notifications, # non lue', 'Notifications, # non lues'],
  noneUnread: 'Notifications, aucune non lue',
};

export type Messages = typeof fr;
