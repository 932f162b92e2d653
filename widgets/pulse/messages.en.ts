import type { Messages } from './messages.ts';

export const en: Messages = {
  dashboard: 'Dashboard',
  title: 'Life of the space',
  titleSite: 'Life of the intranet',
  wholeSite: 'Whole intranet',
  periodLabel: 'Period',
  periods: { '7d': '7 days', '30d': '30 days', '90d': '3 months', '365d': '1 year' },
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
