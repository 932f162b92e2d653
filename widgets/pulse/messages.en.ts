import type { Messages } from './messages.fr.ts';

export const en: Messages = {
  dashboard: 'Dashboard',
  title: 'Life of the space',
  titleSite: 'Life of the intranet',
  wholeSite: 'Whole intranet',
  periodLabel: 'Period',
  periods: { '4w': '4 weeks', '12w': '12 weeks', '26w': '6 months', '52w': '1 year' },
  scopeLabel: 'Scope',
  thisSpace: 'This space',
  tabsLabel: 'Views',
  activity: 'Activity',
  moderation: 'Moderation',
  retry: 'Try again',
  signIn: 'Sign in to the intranet to see this space’s dashboard.',
  signInDemo: 'First pick who you are (“You are:” at the top of the page) to see the dashboard.',
  adminOnly: 'Only administrators see the whole intranet’s dashboard: here is the space’s.',
};
